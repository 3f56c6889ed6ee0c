"""Store look-ups for large reports: batched document metadata, lean events, events by id."""

from __future__ import annotations

import sys
from pathlib import Path

import pytest

sys.path.insert(0, str(Path(__file__).resolve().parents[1]))

from dyad_factory import AQ, IRAN, claim, date, doc, event, ref  # noqa: E402
from frenemy.analyze.dedupe import sentence_key  # noqa: E402
from frenemy.models import Actor, DocumentResult, Sentence  # noqa: E402
from frenemy.store.db import Store  # noqa: E402


class _NoRegistry:
    def lookup(self, name: str) -> Actor | None:
        return None


@pytest.fixture
def store(tmp_path):
    with Store(tmp_path / "s.db", registry=_NoRegistry()) as s:
        for d in range(1203):
            document = doc(f"d{d:04d}", publisher=f"Pub {d % 3}", published="2011-05-01")
            document.text = "Iran and al-Qaeda."
            events = []
            if d < 3:
                events = [
                    event(IRAN, AQ, "190", -10.0, date("2005-03"), document.id, action="attacked"),
                    event(AQ, IRAN, "042", 1.9, date("1998"), document.id, modality="hedged",
                          attributed_to=ref("un", "the United Nations")),
                ]  # fmt: skip
            s.write_result(
                DocumentResult(document, [Sentence(document.id, 0, 0, 18, document.text)], [], events, [], [IRAN, AQ])
            )  # fmt: skip
        yield s


def test_documents_meta_batches_more_than_500_ids_without_text(store):
    ids = [f"d{d:04d}" for d in range(1203)] + ["missing"]
    found = store.documents_meta(ids)
    assert len(found) == 1203 and "missing" not in found
    assert found["d1202"].publisher == "Pub 2" and found["d1202"].published == "2011-05-01"
    assert all(d.text == "" for d in found.values())
    assert store.document("d1202").text == "Iran and al-Qaeda."  # the full look-up is unchanged


def test_event_facts_carry_what_scoring_reads_in_events_order(store):
    full = store.events(dyad=("iran", "al-qaeda"))
    facts = store.event_facts(dyad=("iran", "al-qaeda"))
    assert len(facts) == 6 and list(facts.id) == [e.id for e in full]
    for i, y in enumerate(full):
        assert (facts.doc_id[i], facts.action_text[i], facts.cameo[i], facts.cameo_root[i]) == (
            y.doc_id, y.action_text, y.cameo, y.cameo_root,
        )  # fmt: skip
        assert (facts.goldstein[i], facts.modality[i], bool(facts.negated[i])) == (
            y.goldstein,
            y.modality,
            y.negated,
        )
        assert (facts.date_start[i], facts.date_end[i], facts.date_precision[i], facts.date_basis[i]) == (
            y.date.start, y.date.end, y.date.precision, y.date.basis,
        )  # fmt: skip
        assert (facts.source_id[i], facts.target_id[i]) == (y.source.id, y.target.id)
        assert facts.attributed_name[i] == (y.attributed_to.name if y.attributed_to else None)
        assert facts.sentence_key[i] == sentence_key(y.sentence)
        assert facts.publisher[i] == store.document(y.doc_id).publisher
    assert set(facts.attributed_name) == {None, "the United Nations"}


def test_event_facts_order_ties_as_events_does(tmp_path):
    """Events of one sentence and date: a->b first, then in the order they were written."""
    with Store(tmp_path / "t.db", registry=_NoRegistry()) as s:
        document = doc("d1")
        when = date("2005-03-01")
        events = [
            event(AQ, IRAN, "190", -10.0, when),
            event(IRAN, AQ, "190", -10.0, when),
            event(AQ, IRAN, "042", 1.9, when),
        ]
        for e in events:
            e.sentence_index = 4
        s.write_result(DocumentResult(document, [], [], events, [], [IRAN, AQ]))
        full = [e.id for e in s.events(dyad=("iran", "al-qaeda"))]
        expected = [events[1].id, events[0].id, events[2].id]
        assert list(s.event_facts(dyad=("iran", "al-qaeda")).id) == full == expected


def test_sentence_keys_match_for_syndicated_copies_only():
    assert sentence_key("Iran  attacked\nal-Qaeda.") == sentence_key("iran attacked al-qaeda.")
    assert sentence_key("Iran attacked al-Qaeda.") != sentence_key("Iran attacked al-Qaeda!")
    assert -(2**63) <= sentence_key("x") < 2**63  # fits an SQLite integer


def test_events_by_id_returns_full_records(store):
    full = store.events(dyad=("iran", "al-qaeda"))
    got = store.events_by_id([full[0].id, full[-1].id, "ev_missing"])
    assert set(got) == {full[0].id, full[-1].id}
    assert got[full[0].id] == full[0]


def test_claim_facts_are_the_pair_claims_in_claims_order_with_their_claimants(tmp_path):
    with Store(tmp_path / "c.db", registry=_NoRegistry()) as s:
        document = doc("d1", publisher=None)
        un = ref("un", "the United Nations")
        claims = [claim(un, "hostile"), claim(None, "cooperative", hedged=True), claim(un, "ambivalent")]
        for c in claims:
            c.sentence_index = 3  # ties: one sentence, one date
        claims[1].relayed_by = ref("bruce-riedel", "Bruce Riedel")  # "as some have argued", said Riedel
        s.write_result(DocumentResult(document, [], [], [], claims, [IRAN, AQ]))
        full = s.claims(dyad=("iran", "al-qaeda"))
        lean = s.claim_facts(dyad=("iran", "al-qaeda"))
        assert [c.id for c in lean] == [c.id for c in full] and len(full) == 3
        for x, y in zip(lean, full, strict=True):
            assert (x.doc_id, x.sentence_index, x.claimant, x.relayed_by, x.stance, x.hedged, x.negated) == (
                y.doc_id, y.sentence_index, y.claimant, y.relayed_by, y.stance, y.hedged, y.negated,
            )  # fmt: skip
        assert lean[1].relayed_by == ref("bruce-riedel", "Bruce Riedel")  # unnamed others keep their relay
        assert lean[0].claimant is lean[2].claimant  # decoded once per claimant
        assert s.claims_by_id([full[1].id, "cl_missing"]) == {full[1].id: full[1]}
