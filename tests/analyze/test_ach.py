"""ACH ratings: the documented rules, weights and ranking."""

from __future__ import annotations

from dyad_factory import AQ, IRAN, claim, date, doc, event, ref
from frenemy.analyze.ach import analyse_hypotheses, event_kind
from frenemy.analyze.dedupe import EventGroup
from frenemy.analyze.scoring import is_bargaining, weigh_group

DOCS = {"d1": doc("d1")}


def weighed(e):
    return weigh_group(EventGroup(members=[e]), DOCS)


def ratings(report_rows):
    return {h["id"]: {r["evidence"]: r["rating"] for r in h["ratings"]} for h in report_rows}


def test_bargaining_by_code_or_action_words():
    assert is_bargaining(event(IRAN, AQ, "0841", 7.0, date("2010"), action="released"))
    assert is_bargaining(event(IRAN, AQ, "057", 8.0, date("2010"), action="agreed to exchange prisoners"))
    assert is_bargaining(event(IRAN, AQ, "046", 7.0, date("2010"), action="talked"))
    assert not is_bargaining(event(IRAN, AQ, "173", -5.0, date("2010"), action="detained"))
    assert not is_bargaining(event(IRAN, AQ, "173", -5.0, date("2010"), action="froze"))


def test_event_kinds_follow_goldstein_bands():
    kinds = [
        event_kind(weighed(event(IRAN, AQ, code, g, date("2010"), action="acted")))
        for code, g in [("072", 8.3), ("042", 1.9), ("010", 0.0), ("112", -2.0), ("190", -10.0)]
    ]
    assert kinds == ["strong cooperation", "cooperation", "neutral", "conflict", "strong conflict"]
    negated = weighed(event(IRAN, AQ, "190", -10.0, date("2010"), negated=True))
    assert event_kind(negated) == "not counted"


def test_rules_and_weighted_inconsistency():
    attack = event(IRAN, AQ, "190", -10.0, date("2010"), action="attacked")
    aid = event(IRAN, AQ, "072", 8.3, date("2011"), action="armed", attributed_to=ref("x", "X"))
    swap = event(IRAN, AQ, "0841", 7.0, date("2012"), action="released")
    coop_claim = claim(ref("t", "Treasury"), "cooperative")
    hedged_hostile = claim(ref("c", "CTC"), "hostile", hedged=True)
    rows = analyse_hypotheses(
        "Iran", "al-Qaeda", [weighed(attack), weighed(aid), weighed(swap)], [coop_claim, hedged_hostile]
    )
    r = ratings(rows)
    assert [r[h][attack.id] for h in ("H1", "H2", "H3", "H4")] == ["II", "CC", "I", "I"]
    assert [r[h][aid.id] for h in ("H1", "H2", "H3", "H4")] == ["CC", "II", "I", "I"]
    assert [r[h][swap.id] for h in ("H1", "H2", "H3", "H4")] == ["N", "N", "CC", "I"]
    assert [r[h][coop_claim.id] for h in ("H1", "H2", "H3", "H4")] == ["CC", "II", "I", "I"]
    by_id = {row["id"]: row for row in rows}
    # H1: attack II (w 1) + hedged hostile claim II (w 0.5) = 2 + 1
    assert by_id["H1"]["inconsistency"] == 3.0
    # H2: aid II (w 0.7) + cooperative claim II (w 1) = 1.4 + 2
    assert by_id["H2"]["inconsistency"] == 3.4
    assert [row["rank"] for row in rows] == [1, 2, 3, 4]
    assert rows[0]["inconsistency"] <= rows[1]["inconsistency"] <= rows[2]["inconsistency"]
    assert "Iran and al-Qaeda are adversaries" in by_id["H2"]["statement"]
