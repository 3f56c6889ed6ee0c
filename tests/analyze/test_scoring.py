"""Weights of single records, corroboration, claimant votes, confidence."""

from __future__ import annotations

import math

import pytest

from dyad_factory import AQ, IRAN, claim, date, doc, event, ref
from frenemy.analyze.dedupe import EventGroup
from frenemy.analyze.scoring import event_weight, overall_score, positions, weigh_group


@pytest.mark.parametrize(
    ("modality", "attributed", "expected"),
    [
        ("asserted", False, 1.0),
        ("reported", False, 0.7),
        ("asserted", True, 0.7),
        ("hedged", False, 0.5),
        ("hedged", True, 0.35),
        ("future", False, 0.2),
        ("hypothetical", False, 0.1),
        ("question", False, 0.1),
    ],
)
def test_record_weights(modality, attributed, expected):
    e = event(
        IRAN,
        AQ,
        "173",
        -5.0,
        date("2002"),
        modality=modality,
        attributed_to=ref("x", "X") if attributed else None,
    )
    assert event_weight(e)[0] == pytest.approx(expected)


def test_negated_records_weigh_nothing():
    assert event_weight(event(IRAN, AQ, "173", -5.0, date("2002"), negated=True)) == (
        0.0,
        "negated: not counted",
    )


def test_independent_publishers_corroborate_reported_events():
    docs = {"a": doc("a", "Pub A"), "b": doc("b", "Pub B"), "c": doc("c", "Pub A")}
    members = [
        event(IRAN, AQ, "173", -5.0, date("2002-01"), d, attributed_to=ref("x", "X")) for d in ("a", "b", "c")
    ]
    g = weigh_group(EventGroup(members=members), docs)
    assert g.publishers == ["publisher:pub a", "publisher:pub b"]
    assert g.weight == pytest.approx(0.7 * 1.15)


def test_claimant_with_mixed_claims_is_ambivalent():
    docs = {"d1": doc("d1")}
    who = ref("w", "Someone")
    pos = positions([claim(who, "cooperative"), claim(who, "hostile"), claim(who, "neutral")], docs)
    assert len(pos) == 1 and pos[0].stance == "ambivalent" and pos[0].value == 0.0


def test_confidence_formula():
    docs = {"d1": doc("d1", "Only")}
    groups = [weigh_group(EventGroup(members=[event(IRAN, AQ, "173", -5.0, date("2002"))]), docs)]
    s = overall_score(groups, [])
    assert s.score == -5.0 and s.agreement == 1.0 and s.independent_sources == 1
    assert s.confidence == pytest.approx(round((1 - math.exp(-1 / 4)) * 0.5 * 1.0, 2))


def test_unnamed_others_relayed_by_a_speaker_are_not_the_publisher():
    # "Rather than being in bed with each other as some have argued, ..." said Riedel: the
    # cooperative view belongs to the unnamed others, not to the publisher reporting Riedel.
    docs = {"d1": doc("d1", "Al-Monitor")}
    author = claim(None, "hostile")
    others = claim(None, "cooperative", hedged=True)
    others.relayed_by = ref("bruce-riedel", "Bruce Riedel")
    pos = {p.claimant.name: p.stance for p in positions([author, others], docs)}
    assert pos == {
        "Al-Monitor": "hostile",
        "unnamed others (as reported by Bruce Riedel)": "cooperative",
    }


def test_unnamed_others_vote_but_add_no_independent_source():
    docs = {"d1": doc("d1", "Al-Monitor")}
    others = claim(None, "cooperative", hedged=True)
    others.relayed_by = ref("bruce-riedel", "Bruce Riedel")
    pos = positions([claim(ref("ctc", "CTC"), "hostile"), others], docs)
    s = overall_score([], pos)
    assert s.claimants_voting == 2 and s.independent_sources == 1
