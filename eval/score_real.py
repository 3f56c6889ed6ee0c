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

Run ``python -m eval.score_real`` to print them.
"""

from __future__ import annotations

from pathlib import Path
from typing import Any

from eval.score_events import _analyser, _document, compare, load_items

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


def score() -> dict[str, float]:
    """Triple figures and PLOVER accuracy of the main event, for the dev and held-out parts."""
    analyse, top = _analyser()
    figures: dict[str, float] = {}
    for part, path in parts().items():
        items = load_items(path)
        found = [analyse(_document(item)) for item in items]
        scores = compare(items, found, top)
        for key in ("triple_precision", "triple_recall", "triple_f1"):
            figures[f"{part}_{key}"] = scores[key]
        figures[f"{part}_plover_main"] = plover_main(items, found)
    return figures


if __name__ == "__main__":
    for name, value in score().items():
        print(f"{name:28} {value:.3f}")
