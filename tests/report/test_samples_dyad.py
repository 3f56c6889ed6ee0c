"""End to end on the demo corpus (real model): ingest samples/, then the dyad reports."""

from __future__ import annotations

import json
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
