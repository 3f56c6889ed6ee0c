"""Score event extraction on the team's labelled dev set (eval/events_dev.jsonl).

``score()`` runs every item through the real pipeline (``frenemy.pipeline.Pipeline().analyse``)
and compares the events found with the labels:

- triple_precision / triple_recall / triple_f1: at the (source, target, root) level, each gold
  event matched at most once; a system event counts when it is asserted or flagged alike.
- code_accuracy: exact CAMEO code on matched events.
- flags_accuracy: negated and modality both right on matched events.
- date_accuracy: on matched events whose label has a date, the start agrees to the label's precision
  (a label with precision "unknown" wants no date at all).
- main_plover_accuracy: on items with gold events, the share whose first gold event's PLOVER type
  (its ``plover`` label, else the type of its CAMEO code) is among the PLOVER types found.

Run ``python -m eval.score_events [PATH]`` to print the figures (PATH: another labelled set in
the same format, for example real news written by others).
"""

from __future__ import annotations

import json
from collections.abc import Callable
from pathlib import Path
from typing import Any

from frenemy.models import Document, Event

DEV = Path(__file__).with_name("events_dev.jsonl")


def load_items(path: Path = DEV) -> list[dict[str, Any]]:
    """The labelled items, one JSON object per line."""
    with path.open(encoding="utf-8") as fh:
        return [json.loads(line) for line in fh if line.strip()]


def _analyser() -> tuple[Callable[[Document], list[Event]], Callable[[str | None], str | None]]:
    """The pipeline's event function, and the roll-up of an actor id to its top actor."""
    from frenemy.pipeline import Pipeline

    pipeline = Pipeline()

    def top(actor_id: str | None) -> str | None:
        return pipeline.registry.rollup(actor_id)[-1] if actor_id else None

    return _events_of(pipeline), top


def _events_of(pipeline: Any) -> Callable[[Document], list[Event]]:
    return lambda d: pipeline.analyse(d).events


def _date_ok(gold: dict[str, Any], found: Any) -> bool:
    if gold.get("precision") == "unknown":  # the text gives no date: none may be invented
        return found is None or not found.start
    start = gold.get("start")
    if not start or found is None or not found.start:
        return False
    return (
        str(found.start).startswith(start)
        or start.startswith(str(found.start))
        and len(str(found.start)) >= len(start)
    )


def compare(
    items: list[dict[str, Any]],
    found: list[list[Event]],
    top: Callable[[str | None], str | None] = lambda a: a,
) -> dict[str, float]:
    """Figures for gold items against the events found for each (same order).

    Actors are compared after ``top`` rolls them up (a dyad report's level: "turkey-mil" counts
    as "turkey"); gold labels name the top actors.
    """
    tp = fp = fn = 0
    code_ok = flags_ok = dated = date_ok = 0
    mains = main_ok = 0
    for item, events in zip(items, found, strict=True):
        gold = list(item.get("events", []))
        if gold:
            mains += 1
            main_ok += _plover_of(gold[0]) in {ev.plover for ev in events}
        used = [False] * len(gold)
        for ev in events:
            key = (
                top(ev.source.id if ev.source else None),
                top(ev.target.id if ev.target else None),
                ev.cameo_root,
            )
            hit = next(
                (
                    i
                    for i, g in enumerate(gold)
                    if not used[i] and (g["source"], g.get("target"), g["root"]) == key
                ),
                None,
            )
            if hit is None:
                fp += 1
                continue
            used[hit] = True
            tp += 1
            g = gold[hit]
            code_ok += ev.cameo == g["code"] if "code" in g else ev.cameo_root == g["root"]
            flags_ok += ev.negated == g.get("negated", False) and ev.modality == g.get("modality", "asserted")
            if g.get("date"):
                dated += 1
                date_ok += _date_ok(g["date"], ev.date)
        fn += used.count(False)
    precision = tp / (tp + fp) if tp + fp else 0.0
    recall = tp / (tp + fn) if tp + fn else 0.0
    f1 = 2 * precision * recall / (precision + recall) if precision + recall else 0.0
    return {
        "triple_precision": round(precision, 3),
        "triple_recall": round(recall, 3),
        "triple_f1": round(f1, 3),
        "code_accuracy": round(code_ok / tp, 3) if tp else 0.0,
        "flags_accuracy": round(flags_ok / tp, 3) if tp else 0.0,
        "date_accuracy": round(date_ok / dated, 3) if dated else 0.0,
        "main_plover_accuracy": round(main_ok / mains, 3) if mains else 0.0,
    }


def _plover_of(gold: dict[str, Any]) -> str | None:
    from frenemy.extract.cameo import cameo_info

    return gold.get("plover") or cameo_info(gold.get("code") or gold["root"]).plover


def score(path: Path = DEV) -> dict[str, float]:
    """Run the pipeline over the dev set and return the figures (see module docstring)."""
    items = load_items(path)
    analyse, top = _analyser()
    found = [analyse(_document(item)) for item in items]
    return compare(items, found, top)


def _document(item: dict[str, Any]) -> Document:
    return Document(id=f"dev-{item['id']}", text=item["text"], published=item.get("published"))


def details(path: Path = DEV) -> list[tuple[dict[str, Any], list[Event]]]:
    """Each item with the events found, for reading the errors."""
    items = load_items(path)
    analyse, _ = _analyser()
    return [(it, analyse(_document(it))) for it in items]


if __name__ == "__main__":
    import sys

    for name, value in score(Path(sys.argv[1]) if len(sys.argv) > 1 else DEV).items():
        print(f"{name:18} {value:.3f}")
