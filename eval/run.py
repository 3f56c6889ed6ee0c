"""`make eval`: run every scorer on the team's labelled dev sets and hold the floors.

Floors live in eval/floors.json ({"events": {"triple_f1": 0.6, ...}, "claims": {...}}). A figure
below its floor fails the run. Raise floors as figures improve; never lower one to pass.
"""

from __future__ import annotations

import importlib
import json
import sys
from pathlib import Path

FLOORS = Path(__file__).with_name("floors.json")
SCORERS = {
    "events": "eval.score_events",
    "claims": "eval.score_claims",
    "real_events": "eval.score_real",
    "real_claims": "eval.score_real_claims",
    "real_dyads": "eval.score_dyads",
}


def run_all() -> tuple[dict[str, dict[str, float]], list[str]]:
    """Every scorer's figures, and one line per figure that fell below its floor."""
    floors = json.loads(FLOORS.read_text())
    figures: dict[str, dict[str, float]] = {}
    failures: list[str] = []
    for name, module in SCORERS.items():
        scores = importlib.import_module(module).score()
        figures[name] = scores
        for key, floor in floors.get(name, {}).items():
            value = scores.get(key)
            if value is None:
                failures.append(f"{name}.{key}: the scorer no longer reports it (floor {floor})")
            elif value + 1e-9 < floor:
                failures.append(f"{name}.{key} = {value:.3f} is below its floor {floor:.3f}")
    return figures, failures


def main() -> int:
    figures, failures = run_all()
    for name, scores in figures.items():
        print(f"{name}:")
        for key, value in scores.items():
            print(f"  {key:28s} {value:.3f}" if isinstance(value, float) else f"  {key:28s} {value}")
    if failures:
        print("\nbelow floor:", *failures, sep="\n  ")
        return 1
    print("\nall figures hold their floors")
    return 0


if __name__ == "__main__":
    sys.exit(main())
