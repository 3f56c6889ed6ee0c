"""End to end on the demo corpus (real model): ingest samples/, then the dyad reports."""

from __future__ import annotations

import json
import re
from pathlib import Path

import pytest
from jsonschema import Draft202012Validator

from frenemy.analyze.dyad import dyad_report
from frenemy.report import dyad_schema, render_dyad

SAMPLES = Path(__file__).resolve().parents[2] / "samples"

pytestmark = [pytest.mark.model, pytest.mark.slow]


@pytest.fixture(scope="module")
def store(tmp_path_factory):
    from frenemy.ingest import read_paths
    from frenemy.pipeline import Pipeline, ingest_into, refresh_contradictions
    from frenemy.store.db import Store

    path = tmp_path_factory.mktemp("samples") / "s.db"
    with Store(path) as s:
        summary = ingest_into(s, read_paths([str(SAMPLES)]), Pipeline())
        refresh_contradictions(s)
        assert summary.ingested == 11 and not summary.errors
        yield s


def test_saudi_arabia_and_iran_hostile_from_2016_cooperative_from_march_2023(store):
    report = dyad_report(store, "Saudi Arabia", "Tehran")
    assert not list(Draft202012Validator(dyad_schema()).iter_errors(report))
    periods = report["periods"]
    assert [p["label"] for p in periods] == ["hostile", "cooperative"]
    assert periods[0]["start"].startswith("2016-01")
    assert periods[-1]["since"].startswith("2023-03")
    v = report["verdict"]
    assert v["headline"] == "Hostile from January 2016, cooperative since March 2023"
    assert v["label"] == "cooperative"
    assert all(d["publisher"] == "frenemy sample" for d in report["documents"])


def test_iran_and_al_qaeda_hostile_since_2002(store):
    report = dyad_report(store, "Iran", "al Qaeda")
    assert report["verdict"]["label"] == "hostile"
    assert report["periods"][-1]["label"] == "hostile"
    assert report["periods"][-1]["since"] < "2003"
    assert "Treasury" in " ".join(s["claimant"]["name"] for s in report["sources"])


def test_pair_without_shared_evidence_is_insufficient(store):
    report = dyad_report(store, "Bahrain", "al Qaeda")
    assert report["verdict"]["label"] == "insufficient-evidence"


def test_every_format_renders_the_sample_report(store):
    report = dyad_report(store, "Saudi Arabia", "Iran")
    assert json.loads(render_dyad(report, "json"))["verdict"] == report["verdict"]
    html = render_dyad(report, "html")
    assert "<svg" in html and "<script" not in html
    assert "Hostile from January 2016" in render_dyad(report, "text")


PAIRS = [("Iran", "al Qaeda", "hostile", "H2"), ("Saudi Arabia", "Iran", "cooperative", "H1")]


def _cli(*args: str) -> tuple[int, str]:
    import contextlib
    import io

    from frenemy.cli import main

    buf = io.StringIO()
    with contextlib.redirect_stdout(buf), contextlib.redirect_stderr(io.StringIO()):
        code = main(list(args))
    return code, buf.getvalue()


def _agreeing_contradictions(report: dict) -> list[dict]:
    """Stance contradictions whose two sides hold the same position (they agree)."""
    stance_of = {cid: s["stance"] for s in report["sources"] for cid in s["claims"]}
    return [
        cx
        for cx in report["contradictions"]
        if cx["kind"] == "stance" and len({stance_of.get(i) for i in cx["claims"]}) < 2
    ]


@pytest.mark.parametrize(("a", "b", "label", "top"), PAIRS)
def test_cli_report_on_the_samples_is_short_plain_and_consistent(store, tmp_path, a, b, label, top):
    report = dyad_report(store, a, b)
    v = report["verdict"]
    code, text = _cli("dyad", a, b, "--db", store.path)
    assert code == 0
    lines = text.splitlines()
    assert len(lines) < 120
    # the verdict in plain words comes first, the formula only with --explain
    assert lines[1] == v["headline"] and lines[2] == v["summary"]["answer"]
    assert lines[2].startswith(f"{report['a']['name']} and {report['b']['name']} are more")
    assert "How sure:" in text and "What would change it:" in text and "x diversity" not in text
    assert "x diversity" in _cli("dyad", a, b, "--db", store.path, "--explain")[1]
    # the hypotheses rest on the verdict's evidence and agree with it
    assert v["label"] == label
    assert min(report["hypotheses"], key=lambda h: h["rank"])["id"] == top
    assert v["hypotheses_agree"] is True and "agree with the verdict" in text
    # agreeing sources are never listed as contradicting each other, nor any pair twice
    assert _agreeing_contradictions(report) == []
    pairs = [frozenset(cx["claims"]) for cx in report["contradictions"]]
    assert len(pairs) == len(set(pairs))
    assert not re.search(r"[Dd]ocument [0-9a-f]{12}", text)
    # every period says how many independent publishers carry it; one publisher is flagged
    assert all(p["publishers"] >= 1 for p in report["periods"])
    if v["evidence_base"]["publishers"] == 1:
        assert "come from one publisher" in text
    # --out with an extension and no --format writes that format
    out = tmp_path / "r.html"
    assert _cli("dyad", a, b, "--db", store.path, "--out", str(out))[0] == 0
    assert out.read_text().startswith("<!doctype html>")
    md = tmp_path / "r.md"
    assert _cli("dyad", a, b, "--db", store.path, "--out", str(md))[0] == 0
    assert md.read_text().startswith("# ") and "-&gt;" not in md.read_text()
    assert len(_cli("dyad", a, b, "--db", store.path, "--full")[1].splitlines()) > len(lines)


def test_a_hypothetical_attack_in_the_samples_weighs_what_its_modality_allows(store):
    report = dyad_report(store, "Iran", "al Qaeda")
    for e in report["events"]:
        if e.get("counted") and e["modality"] in ("hypothetical", "question", "future"):
            assert e["group_weight"] <= 0.3


REAL = Path(__file__).resolve().parents[2] / "eval" / "real"


@pytest.fixture(scope="module")
def real_store(tmp_path_factory):
    """The multi-publisher real-news corpus (eval/real), when the checkout has it."""
    if not (REAL / "dyads.json").exists():
        pytest.skip("no eval/real corpus in this checkout")
    from frenemy.ingest import read_paths
    from frenemy.pipeline import Pipeline, ingest_into, refresh_contradictions
    from frenemy.store.db import Store

    path = tmp_path_factory.mktemp("real") / "r.db"
    with Store(path) as s:
        ingest_into(s, read_paths([str(REAL / "docs")]), Pipeline())
        refresh_contradictions(s)
        yield s


def _real_pairs() -> list[tuple[str, str]]:
    if not (REAL / "dyads.json").exists():
        return [("", "")]
    return [(d["a"], d["b"]) for d in json.loads((REAL / "dyads.json").read_text())]


@pytest.mark.parametrize(("a", "b"), _real_pairs())
def test_cli_report_on_real_news_is_short_plain_and_consistent(real_store, a, b):
    report = dyad_report(real_store, a, b)
    v = report["verdict"]
    code, text = _cli("dyad", a, b, "--db", real_store.path)
    lines = text.splitlines()
    assert code == 0 and len(lines) < 120
    assert lines[2] == v["summary"]["answer"] and "x diversity" not in text
    assert v["hypotheses_agree"] is not False, v["hypotheses_note"]
    assert _agreeing_contradictions(report) == []
