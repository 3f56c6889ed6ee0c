"""Score whole-dyad reports on multi-publisher corpora of real text (eval/real/dyads.json).

Each corpus is a few public-domain documents by different publishers (files under
eval/real/docs/, each with a ``.meta.json`` sidecar giving its date and publisher). The scorer
ingests a corpus into a fresh store with the ``frenemy`` command, asks for
``frenemy dyad A B --format json`` (the public report shape) and checks:

- current_correct: the label of the latest period (or the verdict when there are no periods)
  is the labelled current state of the pair;
- turning_points: each labelled turning point has a period with that label starting within one
  month of its date.

Run ``python -m eval.score_dyads`` to print the figures and what each corpus got.
"""

from __future__ import annotations

import json
import os
import subprocess
import sys
import tempfile
from pathlib import Path
from typing import Any

REAL = Path(__file__).with_name("real")
CORPORA = REAL / "dyads.json"


def _months(text: str) -> int:
    """Months since year 0 of an ISO date truncated to any precision ("2017", "2017-06", "2017-06-05")."""
    parts = str(text).split("-")
    return int(parts[0]) * 12 + (int(parts[1]) - 1 if len(parts) > 1 and parts[1] else 0)


def _frenemy(*args: str) -> subprocess.CompletedProcess[str]:
    env = dict(os.environ)
    env.pop("FRENEMY_DB", None)
    return subprocess.run(
        [sys.executable, "-m", "frenemy.cli", *args], capture_output=True, text=True, env=env, check=False
    )


def report(corpus: dict[str, Any]) -> dict[str, Any]:
    """The dyad report (JSON) for one corpus, ingested into a fresh store."""
    with tempfile.TemporaryDirectory() as tmp:
        db = str(Path(tmp) / "corpus.db")
        docs = [str(REAL / "docs" / name) for name in corpus["docs"]]
        done = _frenemy("ingest", *docs, "--db", db, "--quiet")
        if done.returncode != 0:
            raise RuntimeError(f"ingest of {corpus['name']} failed: {done.stderr.strip()}")
        shown = _frenemy("dyad", corpus["a"], corpus["b"], "--db", db, "--format", "json")
        if shown.returncode != 0:
            raise RuntimeError(f"dyad report for {corpus['name']} failed: {shown.stderr.strip()}")
        result: dict[str, Any] = json.loads(shown.stdout)
        return result


def judge(corpus: dict[str, Any], rep: dict[str, Any]) -> dict[str, Any]:
    """What one report got right: the current label and each turning point."""
    periods = rep.get("periods") or []
    current = periods[-1]["label"] if periods else rep["verdict"]["label"]
    found = []
    for tp in corpus["turning_points"]:
        want = _months(tp["date"])
        found.append(
            any(
                p["label"] == tp["label"] and p.get("start") and abs(_months(p["start"]) - want) <= 1
                for p in periods
            )
        )
    return {
        "current": current,
        "current_ok": current == corpus["current"],
        "turning_points_ok": found,
        "periods": [(p.get("start"), p.get("end"), p["label"], p.get("events")) for p in periods],
        "verdict": rep["verdict"]["label"],
    }


def score(verbose: bool = False) -> dict[str, float]:
    """Share of corpora whose current label is right, and share of turning points found."""
    corpora = json.loads(CORPORA.read_text())
    current_ok = tp_ok = tp_all = 0
    for corpus in corpora:
        result = judge(corpus, report(corpus))
        current_ok += result["current_ok"]
        tp_ok += sum(result["turning_points_ok"])
        tp_all += len(result["turning_points_ok"])
        if verbose:
            print(corpus["name"], json.dumps(result))
    return {
        "current_correct": round(current_ok / len(corpora), 3),
        "turning_points": round(tp_ok / tp_all, 3) if tp_all else 0.0,
    }


if __name__ == "__main__":
    for name, value in score(verbose=True).items():
        print(f"{name:18} {value:.3f}")
