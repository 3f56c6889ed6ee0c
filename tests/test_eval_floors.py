"""`make test` fails when an accuracy figure drops below its pinned floor (eval/floors.json)."""

from __future__ import annotations

import json
from pathlib import Path

import pytest

ROOT = Path(__file__).resolve().parents[1]


def test_every_scorer_has_floors_pinned():
    floors = json.loads((ROOT / "eval" / "floors.json").read_text())
    for name in ("events", "claims", "real_events", "real_claims", "real_dyads"):
        assert floors.get(name), f"eval/floors.json pins no floor for {name}"


@pytest.mark.model
def test_eval_figures_hold_their_floors():
    from eval.run import run_all

    figures, failures = run_all()
    assert figures["events"] and figures["claims"] and figures["real_events"]
    assert not failures, "\n".join(failures)
