"""Score event coding on real text written by others (eval/real/).

The items are sentences from public-domain news and government texts (Voice of America, the US
State Department, the White House, the Congressional Research Service; sources in
eval/real/README.md), labelled by the team. ``events_dev.jsonl`` is the part the team may look at
while changing the coder; ``events_heldout.jsonl`` is the honest test: nobody tunes on it.

Figures, per file (prefix ``dev_`` or ``heldout_``):
- triple precision / recall / F1 at the (source, target, CAMEO root) level, as eval/score_events.py;
- extra dev files (``events_dev_NAME.jsonl``) are scored as parts of their own, ``dev_NAME_``;
- plover_main: for each sentence with a labelled event, whether the coder's first event has the
  PLOVER type of the first labelled (main) event; a sentence where the coder finds nothing counts
  as wrong.

Each figure is given twice. Plain (``heldout_triple_f1``) runs every sentence as a document of its
own, so "the two sides", "the Secretary" or "I" have nothing to point back to. ``_doc``
(``heldout_doc_triple_f1``) runs the labelled sentences of one source text together, in file order,
as one document (the way a user's corpus is read; the labelled sentences are a selection, so the
context is still thinner than the whole article) and gives each event to the sentence that holds
its action words. The sentence figures stay the stricter test; the floors hold both.

Run ``python -m eval.score_real`` to print them.
"""

from __future__ import annotations

import json
from collections.abc import Callable
from pathlib import Path
from typing import Any

from eval.score_events import _analyser, _document, compare, load_items
from frenemy.models import Document, Event

REAL = Path(__file__).with_name("real")
PARTS = {"dev": REAL / "events_dev.jsonl", "heldout": REAL / "events_heldout.jsonl"}


def parts() -> dict[str, Path]:
    """The fixed dev and held-out parts, then each added dev file ``events_dev_NAME.jsonl`` as ``dev_NAME``.

    Added dev sets are reported on their own so that a harder new set does not move the floors of
    the original dev part.
    """
    found = dict(PARTS)
    for path in sorted(REAL.glob("events_dev_*.jsonl")):
        found[path.stem.removeprefix("events_")] = path
    return found


def plover_main(items: list[dict[str, Any]], found: list[list[Any]]) -> float:
    """Share of labelled sentences whose first coded event has the main event's PLOVER type."""
    labelled = [(it, evs) for it, evs in zip(items, found, strict=True) if it.get("plover")]
    if not labelled:
        return 0.0
    right = sum(1 for it, evs in labelled if evs and evs[0].plover == it["plover"])
    return round(right / len(labelled), 3)


def in_context(
    analyse: Callable[[Document], list[Event]], items: list[dict[str, Any]], docs: Path | None = None
) -> list[list[Event]]:
    """The events of each item, found with the other labelled sentences of its source text around it.

    Items sharing a ``doc`` are joined in file order into one document dated by the first item, with
    the publisher and author of its sidecar (``docs/<doc>.txt.meta.json``) as a user's ingest would
    read them; an event belongs to the item whose text holds the start of its action words (else
    its sentence).
    """
    docs = REAL / "docs" if docs is None else docs
    groups: dict[str, list[int]] = {}
    for i, item in enumerate(items):
        groups.setdefault(item.get("doc") or item["id"], []).append(i)
    found: list[list[Event]] = [[] for _ in items]
    for doc_id, members in groups.items():
        spans: list[tuple[int, int, int]] = []
        text = ""
        for i in members:
            if text:
                text += "\n\n"
            spans.append((len(text), len(text) + len(items[i]["text"]), i))
            text += items[i]["text"]
        first = items[members[0]]
        meta = _sidecar(docs, doc_id)
        doc = Document(
            id=f"dev-doc-{doc_id}",
            text=text,
            published=first.get("published"),
            publisher=meta.get("publisher"),
            author=meta.get("author"),
        )
        for ev in analyse(doc):
            at = ev.action_start if ev.action_start is not None else ev.char_start
            owner = next((i for start, end, i in spans if start <= at < end), None)
            if owner is not None:
                found[owner].append(ev)
    return found


def _sidecar(docs: Path, doc_id: str) -> dict[str, Any]:
    """The sidecar metadata of a source text, or {} when it has none."""
    path = docs / f"{doc_id}.txt.meta.json"
    if not path.is_file():
        return {}
    loaded = json.loads(path.read_text(encoding="utf-8"))
    return loaded if isinstance(loaded, dict) else {}


def score() -> dict[str, float]:
    """Triple figures and PLOVER accuracy of the main event, for the dev and held-out parts, each
    sentence alone and then in the context of its source text."""
    figures: dict[str, float] = {}
    for part, path in parts().items():
        items = load_items(path)
        # a fresh pipeline per part and mode: the actors a pipeline learns from one part's text
        # (new names, aliases) do not carry into another part's figures
        analyse, top = _analyser()
        alone = [analyse(_document(item)) for item in items]
        in_docs, doc_top = _analyser()
        for mode, found, rollup in (("", alone, top), ("doc_", in_context(in_docs, items), doc_top)):
            scores = compare(items, found, rollup)
            for key in ("triple_precision", "triple_recall", "triple_f1"):
                figures[f"{part}_{mode}{key}"] = scores[key]
            figures[f"{part}_{mode}plover_main"] = plover_main(items, found)
    return figures


if __name__ == "__main__":
    for name, value in score().items():
        print(f"{name:28} {value:.3f}")
