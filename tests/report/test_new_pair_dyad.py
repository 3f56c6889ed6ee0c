"""End to end on a pair the demo corpus does not hold: an article on Turkey and Russia written for
this test (real model). The report must read the swing from the 2015 shoot-down to the deals that
followed, the sources' characterisations and the explicit disagreement."""

from __future__ import annotations

from pathlib import Path

import pytest

from frenemy.analyze.dyad import dyad_report

ARTICLE = Path(__file__).resolve().parents[1] / "data" / "dyad" / "turkey_russia.txt"

pytestmark = [pytest.mark.model, pytest.mark.slow]


@pytest.fixture(scope="module")
def report(tmp_path_factory):
    from frenemy.ingest import read_paths
    from frenemy.ingest.meta import DocumentMeta
    from frenemy.pipeline import Pipeline, ingest_into, refresh_contradictions
    from frenemy.store.db import Store

    path = tmp_path_factory.mktemp("pair") / "p.db"
    with Store(path) as s:
        docs = read_paths([str(ARTICLE)], meta=DocumentMeta(published="2021-03-15", publisher="Test Desk"))
        summary = ingest_into(s, docs, Pipeline())
        refresh_contradictions(s)
        assert summary.ingested == 1 and not summary.errors
        yield dyad_report(s, "Ankara", "Russia")


def test_periods_turn_from_the_shoot_down_to_the_deals(report):
    periods = report["periods"]
    assert [p["label"] for p in periods] == ["hostile", "mixed"]
    assert periods[0]["start"] == "2015-11-24"
    assert periods[-1]["since"] == "2016-08"
    assert report["verdict"]["label"] == "mixed"
    assert report["verdict"]["headline"] == "Hostile from November 2015, mixed since August 2016"


def test_the_two_leaders_meet_and_the_ceasefire_is_dated(report):
    seen = {(e["source"]["id"], e["cameo"], e["target"]["id"], e["date"]["start"]) for e in report["events"]}
    assert ("recep-tayyip-erdogan", "040", "vladimir-putin", "2016-08") in seen
    assert ("russia", "163", "turkey", "2015-11-24") in seen
    assert ("recep-tayyip-erdogan", "0356", "vladimir-putin", "2020-03") in seen


def test_sources_and_their_disagreement(report):
    stance = {s["claimant"]["name"]: s["stance"] for s in report["sources"]}
    assert stance["Sinan Ulgen"] == "ambivalent"
    assert stance["Turkey government"] == "hostile"
    explicit = [c for c in report["contradictions"] if c["kind"] == "explicit"]
    assert any("Turkey government disputes it" in c["explanation"] for c in explicit)
