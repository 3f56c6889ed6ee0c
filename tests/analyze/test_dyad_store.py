"""dyad_report over a real (temporary) Store: name resolution, family roll-up, documents."""

from __future__ import annotations

import pytest

from dyad_factory import AQ, IRAN, NoRegistry, claim, date, event, iran_alqaeda_case, ref
from frenemy.analyze.dyad import dyad_report
from frenemy.errors import QueryError
from frenemy.models import Actor, Document, DocumentResult, Mention, Sentence
from frenemy.store.db import Store

IRGOV = Actor(id="iran-gov", name="Government of Iran", type="government_body", code="IRNGOV", parent="iran")
NORWAY = Actor(id="norway", name="Norway", type="state", code="NOR")


def _result(doc: Document, events, claims) -> DocumentResult:
    text = "Iran and al-Qaeda and Norway."
    doc.text = text
    mentions = [
        Mention(doc.id, 0, 0, 4, "Iran", "iran"),
        Mention(doc.id, 0, 9, 17, "al-Qaeda", "al-qaeda"),
        Mention(doc.id, 0, 22, 28, "Norway", "norway"),
    ]
    return DocumentResult(
        doc, [Sentence(doc.id, 0, 0, len(text), text)], mentions, events, claims, [IRAN, AQ, IRGOV, NORWAY]
    )


@pytest.fixture
def store(tmp_path):
    events, claims, docs = iran_alqaeda_case()
    with Store(tmp_path / "d.db", registry=NoRegistry()) as s:
        for doc_id, doc in docs.items():
            s.write_result(
                _result(
                    doc, [e for e in events if e.doc_id == doc_id], [c for c in claims if c.doc_id == doc_id]
                )
            )
        yield s


def test_dyad_report_from_store_matches_the_pure_function(store):
    report = dyad_report(store, "al-Qaeda", "iran")
    assert report["a"]["id"] == "al-qaeda" and report["b"]["id"] == "iran"
    assert report["verdict"]["label"] == "hostile"
    assert [p["label"] for p in report["periods"]] == ["cooperative", "hostile"]
    assert len(report["events"]) == 9 and len(report["claims"]) == 4
    assert {d["publisher"] for d in report["documents"]} == {"Wire One", "Paper Two", "Journal Three"}


def test_government_body_rolls_up_to_its_country(store):
    extra = Document(id="d9", text="", title="Extra", publisher="Fourth", published="2015-01-01")
    e = event(IRGOV, AQ, "190", -10.0, date("2014-06"), "d9", action="bombed")
    store.write_result(_result(extra, [e], []))
    report = dyad_report(store, "Iran", "al-Qaeda")
    row = next(r for r in report["events"] if r["id"] == e.id)
    assert row["direction"] == "a->b" and row["counted"]


def test_unknown_name_gives_suggestions_not_a_traceback(store):
    with pytest.raises(QueryError) as err:
        dyad_report(store, "Irann", "al-Qaeda")
    assert "Iran" in str(err.value)


def test_pair_without_shared_evidence_is_insufficient(store):
    report = dyad_report(store, "Norway", "Iran")
    assert report["verdict"]["label"] == "insufficient-evidence"


def test_same_actor_twice_is_refused(store):
    with pytest.raises(QueryError):
        dyad_report(store, "Iran", "iran")


def test_claims_reach_the_report_with_their_claimant(store):
    store.write_result(
        _result(
            Document(id="d8", text="", title="T", publisher="P", published="2012-06-01"),
            [],
            [claim(ref("ctc", "Combating Terrorism Center"), "hostile", "d8")],
        )
    )
    report = dyad_report(store, "Iran", "al-Qaeda")
    names = {s["claimant"]["name"] for s in report["sources"]}
    assert "Combating Terrorism Center" in names
