"""A pair's events as columns: what large dyad reports score from (``Store.event_facts``).

Columns instead of one object per record: a heavy pair has tens of thousands of records, and
building an ``Event`` for each costs more than the whole index read.
"""

from __future__ import annotations

import json
from dataclasses import dataclass
from typing import Any

# The events columns read (all covered by the index events_facts): the fields of EventFacts.
FACT_COLUMNS = (
    "id", "doc_id", "sentence_index", "source_id", "target_id", "cameo", "cameo_root", "goldstein",
    "negated", "modality", "date_start", "date_end", "date_precision", "date_basis", "attributed_name",
    "sentence_key", "action_text", "publisher",
)  # fmt: skip
# How they are selected: the varied ones as columns, the others packed into two JSON arrays. A
# pair repeats a few codes and kinds of record, so each distinct array is decoded once, and the
# driver hands over 11 values per row instead of 18 (each value costs it several library calls).
PLAIN = ("id", "doc_id", "sentence_index", "source_id", "target_id", "goldstein", "date_start", "date_end",
         "sentence_key")  # fmt: skip
CODED = ("cameo", "cameo_root", "action_text")
KIND = ("negated", "modality", "date_precision", "date_basis", "attributed_name", "publisher")
FACT_SELECT = f"{', '.join(PLAIN)}, json_array({', '.join(CODED)}), json_array({', '.join(KIND)})"


@dataclass(frozen=True)
class EventFacts:
    """One tuple per column; record i is index i of each."""

    id: tuple[str, ...] = ()
    doc_id: tuple[str, ...] = ()
    sentence_index: tuple[int, ...] = ()
    source_id: tuple[str | None, ...] = ()
    target_id: tuple[str | None, ...] = ()
    cameo: tuple[str, ...] = ()
    cameo_root: tuple[str, ...] = ()
    goldstein: tuple[float, ...] = ()
    negated: tuple[int, ...] = ()
    modality: tuple[str, ...] = ()
    date_start: tuple[str | None, ...] = ()
    date_end: tuple[str | None, ...] = ()
    date_precision: tuple[str | None, ...] = ()
    date_basis: tuple[str | None, ...] = ()
    attributed_name: tuple[str | None, ...] = ()
    sentence_key: tuple[int, ...] = ()
    action_text: tuple[str | None, ...] = ()
    publisher: tuple[str | None, ...] = ()

    @classmethod
    def from_rows(cls, rows: list[tuple[Any, ...]]) -> EventFacts:
        """From rows that start with the ``FACT_SELECT`` values (any further ones are left out)."""
        if not rows:
            return cls()
        columns = list(zip(*rows, strict=True))
        fields: dict[str, tuple[Any, ...]] = dict(zip(PLAIN, columns, strict=False))
        for names, packed in ((CODED, columns[len(PLAIN)]), (KIND, columns[len(PLAIN) + 1])):
            decoded = {text: json.loads(text) for text in set(packed)}
            for k, name in enumerate(names):
                fields[name] = tuple(map({t: v[k] for t, v in decoded.items()}.__getitem__, packed))
        return cls(**fields)

    def __len__(self) -> int:
        return len(self.id)
