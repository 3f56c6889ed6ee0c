"""A pair's events as columns: what large dyad reports score from (``Store.event_facts``).

Columns instead of one object per record: a heavy pair has tens of thousands of records, and
building an ``Event`` for each costs more than the whole index read.
"""

from __future__ import annotations

from dataclasses import dataclass
from typing import Any

# The events columns read, in this order (all covered by the index events_facts).
FACT_COLUMNS = (
    "id", "doc_id", "sentence_index", "source_id", "target_id", "cameo", "cameo_root", "goldstein",
    "negated", "modality", "date_start", "date_end", "date_precision", "date_basis", "attributed_name",
    "sentence_key", "action_text", "publisher",
)  # fmt: skip


@dataclass(frozen=True)
class EventFacts:
    """One tuple per column; record i is index i of each. ``rowid`` keeps the store's row order."""

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
    rowid: tuple[int, ...] = ()

    @classmethod
    def from_rows(cls, rows: list[tuple[Any, ...]]) -> EventFacts:
        """From rows of ``FACT_COLUMNS`` plus rowid (any further columns are left out)."""
        if not rows:
            return cls()
        return cls(*list(zip(*rows, strict=True))[: len(FACT_COLUMNS) + 1])

    def __len__(self) -> int:
        return len(self.id)
