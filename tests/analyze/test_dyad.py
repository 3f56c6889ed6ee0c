"""build_dyad_report on hand-built evidence: verdict, periods, dedupe, discounts, ACH."""

from __future__ import annotations

import json
from importlib import resources

import pytest
from jsonschema import Draft202012Validator

from dyad_factory import AQ, IRAN, NORWAY, SAUDI, claim, date, doc, event, iran_alqaeda_case, ref
from frenemy.analyze.dyad import build_dyad_report

SCHEMA = json.loads(resources.files("frenemy.report").joinpath("dyad.schema.json").read_text())


def validate(report: dict) -> None:
    errors = sorted(Draft202012Validator(SCHEMA).iter_errors(report), key=lambda e: list(e.path))
    assert not errors, [f"{list(e.path)}: {e.message}" for e in errors[:5]]


def test_cooperative_nineties_then_hostile_gives_hostile_with_change_around_2001():
    events, claims, docs = iran_alqaeda_case()
    report = build_dyad_report(IRAN, AQ, events, claims, [], docs)
    validate(report)
    v = report["verdict"]
    assert v["label"] == "hostile"
    assert v["score"] < -1
    assert v["headline"] == "More enemies than allies since December 2001"
    labels = [p["label"] for p in report["periods"]]
    assert labels == ["cooperative", "hostile"]
    first, second = report["periods"]
    assert first["start"] == "1992" and first["end"] <= "1999"
    assert second["start"] == "2001-12"
    assert first["events"] == 3 and second["events"] == 6
    assert first["goldstein_mean"] > 1 and second["goldstein_mean"] < -1
    ranked = [h["id"] for h in sorted(report["hypotheses"], key=lambda h: h["rank"])]
    assert ranked[0] == "H2"
    assert ranked[-1] in ("H1", "H4")
    assert "weighted mean is" in v["basis"] and "Confidence" in v["basis"]


def test_every_event_and_claim_is_rated_against_every_hypothesis():
    events, claims, docs = iran_alqaeda_case()
    report = build_dyad_report(IRAN, AQ, events, claims, [], docs)
    ids = {e.id for e in events} | {c.id for c in claims}
    for h in report["hypotheses"]:
        assert {r["evidence"] for r in h["ratings"]} == ids
    by_h = {h["id"]: {r["evidence"]: r["rating"] for r in h["ratings"]} for h in report["hypotheses"]}
    kidnap = next(e for e in events if e.cameo == "181")
    release = next(e for e in events if e.cameo == "0841")
    assert by_h["H1"][kidnap.id] == "II" and by_h["H2"][kidnap.id] == "CC"
    assert by_h["H3"][release.id] == "CC" and by_h["H1"][release.id] == "N"
    treasury = claims[0]
    assert by_h["H2"][treasury.id] == "II" and by_h["H1"][treasury.id] == "CC"


def test_no_shared_evidence_is_insufficient_never_a_guess():
    report = build_dyad_report(SAUDI, NORWAY, [], [], [], {})
    validate(report)
    v = report["verdict"]
    assert v["label"] == "insufficient-evidence"
    assert v["score"] is None and v["confidence"] == 0
    assert "Insufficient evidence" in v["headline"]
    assert report["periods"] == []


def test_only_hypothetical_or_negated_evidence_is_insufficient():
    events = [
        event(SAUDI, NORWAY, "190", -10.0, date("2020"), modality="hypothetical"),
        event(SAUDI, NORWAY, "190", -10.0, date("2020"), modality="question"),
        event(SAUDI, NORWAY, "057", 8.0, date("2021"), negated=True),
    ]
    report = build_dyad_report(SAUDI, NORWAY, events, [], [], {"d1": doc("d1")})
    assert report["verdict"]["label"] == "insufficient-evidence"
    validate(report)


def test_same_event_from_three_documents_counts_once_and_lists_three_sources():
    docs = {f"d{i}": doc(f"d{i}", f"Publisher {i}", "2016-01-05") for i in range(1, 4)}
    cut = [
        event(SAUDI, IRAN, "161", -4.0, date("2016-01-03"), "d1", action="cut ties"),
        event(SAUDI, IRAN, "161", -4.0, date("2016-01"), "d2", action="severed relations"),
        event(SAUDI, IRAN, "160", -4.0, date("2016-01-03"), "d3", action="broke off ties"),
    ]
    other = event(SAUDI, IRAN, "161", -4.0, date("2019-09-20"), "d1", action="downgraded")
    report = build_dyad_report(SAUDI, IRAN, cut + [other], [], [], docs)
    validate(report)
    counted = [e for e in report["events"] if e["counted"]]
    assert len(counted) == 2
    first = counted[0]
    assert first["num_articles"] == 3 and first["num_sources"] == 3
    assert sorted(s["doc_id"] for s in first["sources"]) == ["d1", "d2", "d3"]
    dupes = [e for e in report["events"] if e.get("duplicate_of") == first["id"]]
    assert len(dupes) == 2
    assert report["verdict"]["figures"]["duplicates_merged"] == 2


def test_same_root_different_years_or_directions_are_not_merged():
    docs = {"d1": doc("d1"), "d2": doc("d2", "Other")}
    events = [
        event(SAUDI, IRAN, "173", -5.0, date("2016-01-03"), "d1"),
        event(SAUDI, IRAN, "173", -5.0, date("2017-01-03"), "d2"),
        event(IRAN, SAUDI, "173", -5.0, date("2016-01-03"), "d2"),
        event(SAUDI, IRAN, "173", -5.0, date("1990", "1999", "decade"), "d1"),
        event(SAUDI, IRAN, "173", -5.0, date("1990", "1999", "decade"), "d2"),
    ]
    report = build_dyad_report(SAUDI, IRAN, events, [], [], docs)
    assert sum(1 for e in report["events"] if e["counted"]) == 5


def test_syndicated_copy_merges_even_when_undated():
    docs = {"d1": doc("d1", "A", None), "d2": doc("d2", "B", None)}
    s = "Saudi Arabia   expelled Iranian diplomats."
    events = [
        event(SAUDI, IRAN, "174", -5.0, date(None), "d1", sentence=s),
        event(SAUDI, IRAN, "174", -5.0, date(None), "d2", sentence=s.upper()),
    ]
    report = build_dyad_report(SAUDI, IRAN, events, [], [], docs)
    assert sum(1 for e in report["events"] if e["counted"]) == 1
    assert all(e["undated"] for e in report["events"])
    assert all(d["undated"] for d in report["documents"])
    assert report["periods"] == []  # undated: kept in the report, not in periods
    assert report["verdict"]["figures"]["undated_events"] == 1


def test_negated_excluded_hypothetical_and_hedged_discounted():
    docs = {"d1": doc("d1")}
    base = [event(SAUDI, IRAN, "057", 8.0, date(f"{2000 + i}"), "d1") for i in range(3)]
    plain = build_dyad_report(SAUDI, IRAN, base, [], [], docs)["verdict"]["score"]
    hostile = [
        event(SAUDI, IRAN, "190", -10.0, date("2001-06"), "d1", negated=True),
        event(SAUDI, IRAN, "190", -10.0, date("2002-06"), "d1", modality="hypothetical"),
    ]
    report = build_dyad_report(SAUDI, IRAN, base + hostile, [], [], docs)
    rows = {e["id"]: e for e in report["events"]}
    assert rows[hostile[0].id]["weight"] == 0 and not rows[hostile[0].id]["counted"]
    assert rows[hostile[1].id]["weight"] == pytest.approx(0.1)
    score = report["verdict"]["score"]
    assert score == pytest.approx((3 * 8.0 - 1.0) / 3.1, abs=0.01)
    assert score < plain
    assert report["verdict"]["label"] == "cooperative"
    hedged = event(SAUDI, IRAN, "190", -10.0, date("2003"), "d1", modality="hedged")
    reported = event(SAUDI, IRAN, "190", -10.0, date("2004"), "d1", attributed_to=ref("x", "X"))
    r2 = build_dyad_report(SAUDI, IRAN, base + [hedged, reported], [], [], docs)
    rows = {e["id"]: e for e in r2["events"]}
    assert rows[hedged.id]["weight"] == 0.5
    assert rows[reported.id]["weight"] == 0.7


def test_claims_vote_once_per_claimant_and_hedged_weigh_half():
    docs = {"d1": doc("d1"), "d2": doc("d2", "Other")}
    treasury = ref("treasury", "US Treasury")
    claims = [
        claim(treasury, "cooperative", "d1"),
        claim(treasury, "cooperative", "d2"),
        claim(ref("ctc", "CTC"), "hostile", "d1", hedged=True),
    ]
    report = build_dyad_report(IRAN, AQ, [], claims, [], docs)
    validate(report)
    sources = {s["claimant"]["id"]: s for s in report["sources"]}
    assert sources["treasury"]["stance"] == "cooperative" and len(sources["treasury"]["claims"]) == 2
    assert sources["ctc"]["hedged"] is True
    # (+5 * 1 - 5 * 0.5) / 1.5
    assert report["verdict"]["score"] == pytest.approx(2.5 / 1.5, abs=0.01)
    assert report["verdict"]["label"] == "cooperative"
    assert "no dated events" in report["verdict"]["headline"]


def test_unattributed_claims_speak_for_the_publisher():
    docs = {"d1": doc("d1", "Al-Example")}
    report = build_dyad_report(IRAN, AQ, [], [claim(None, "hostile", "d1")], [], docs)
    assert report["sources"][0]["claimant"]["name"] == "Al-Example"
    assert report["claims"][0]["voice"]["name"] == "Al-Example"


def test_more_independent_sources_raise_confidence():
    one = {"d1": doc("d1", "Same")}
    many = {f"d{i}": doc(f"d{i}", f"Publisher {i}") for i in range(4)}
    ev_one = [event(SAUDI, IRAN, "173", -5.0, date(f"{2000 + i}"), "d1") for i in range(4)]
    ev_many = [event(SAUDI, IRAN, "173", -5.0, date(f"{2000 + i}"), f"d{i}") for i in range(4)]
    c1 = build_dyad_report(SAUDI, IRAN, ev_one, [], [], one)["verdict"]["confidence"]
    c4 = build_dyad_report(SAUDI, IRAN, ev_many, [], [], many)["verdict"]["confidence"]
    assert c4 > c1 > 0


def test_families_roll_up_to_the_pair():
    docs = {"d1": doc("d1")}
    ministry = ref("iran-foreign-ministry", "Iranian Foreign Ministry")
    e = event(SAUDI, IRAN, "161", -4.0, date("2016-01-03"), "d1")
    e2 = event(SAUDI, IRAN, "161", -4.0, date("2016-01-03"), "d1")
    e2.target = ministry
    report = build_dyad_report(SAUDI, IRAN, [e, e2], [], [], docs, family_b={"iran", ministry.id})
    assert sum(1 for r in report["events"] if r["counted"]) == 1
    assert report["events"][0]["direction"] == "a->b"


def test_report_is_deterministic_and_json_serialisable():
    events, claims, docs = iran_alqaeda_case()
    a = build_dyad_report(IRAN, AQ, events, claims, [], docs)
    b = build_dyad_report(IRAN, AQ, events, claims, [], docs)
    assert json.dumps(a, sort_keys=True) == json.dumps(b, sort_keys=True)


def test_a_thin_but_clear_turn_sets_the_label_at_lower_confidence():
    docs = {"d1": doc("d1")}
    hostile = [event(SAUDI, IRAN, "190", -10.0, date(f"{2000 + i}"), "d1") for i in range(6)]
    thaw = [event(SAUDI, IRAN, "057", 8.0, date(f"2010-0{m}"), "d1") for m in (1, 2)]
    report = build_dyad_report(SAUDI, IRAN, hostile + thaw, [], [], docs)
    v = report["verdict"]
    assert [p["label"] for p in report["periods"]] == ["hostile", "cooperative"]
    assert v["current"] == "cooperative" and v["label"] == "cooperative"
    assert v["headline"] == "Hostile from 2000, cooperative since January 2010"
    assert v["figures"]["turn"] == "thin"
    assert "fewer than 3" in v["basis"] and "clear turn" in v["basis"]
    assert any("only 2 event(s)" in w for w in v["warnings"])
    more = thaw + [event(SAUDI, IRAN, "057", 8.0, date("2010-05"), "d1")]
    full = build_dyad_report(SAUDI, IRAN, hostile + more, [], [], docs)["verdict"]
    assert full["label"] == "cooperative" and full["figures"]["turn"] == "settled"
    assert v["confidence"] < full["confidence"]


def test_a_thin_and_weak_latest_period_leaves_the_whole_record_label():
    docs = {"d1": doc("d1")}
    hostile = [event(SAUDI, IRAN, "190", -10.0, date(f"{2000 + i}"), "d1") for i in range(6)]
    meetings = [event(SAUDI, IRAN, "042", 1.9, date(f"2010-0{m}"), "d1", action="met") for m in (1, 2)]
    report = build_dyad_report(SAUDI, IRAN, hostile + meetings, [], [], docs)
    v = report["verdict"]
    assert report["periods"][-1]["label"] == "cooperative"
    assert v["figures"]["turn"] == "none" and v["label"] == "hostile"
    assert "no clear turn" in v["basis"]


def test_joint_act_coded_both_ways_counts_once():
    docs = {"d1": doc("d1")}
    s = "Saudi Arabia and Iran agreed to restore relations on 10 March 2023."
    e1 = event(SAUDI, IRAN, "057", 8.0, date("2023-03-10"), "d1", sentence=s)
    e2 = event(IRAN, SAUDI, "057", 8.0, date("2023-03-10"), "d1", sentence=s)
    e2.sentence_index = e1.sentence_index
    report = build_dyad_report(SAUDI, IRAN, [e1, e2], [], [], docs)
    counted = [e for e in report["events"] if e["counted"]]
    assert len(counted) == 1 and counted[0]["direction"] == "a<->b"


def test_bargaining_moves_count_half_their_goldstein_value():
    docs = {"d1": doc("d1")}
    talks = event(SAUDI, IRAN, "046", 7.0, date("2021-04"), "d1", action="held talks")
    report = build_dyad_report(SAUDI, IRAN, [talks], [], [], docs)
    assert report["events"][0]["value"] == 3.5
    assert report["verdict"]["score"] == 3.5


def test_since_is_the_first_event_that_bears_the_label_out():
    docs = {"d1": doc("d1")}
    early = event(IRAN, AQ, "050", 3.5, date("1990", "1999", "decade"), "d1", modality="hedged")
    hostile = [event(IRAN, AQ, "173", -5.0, date(f"2001-{m:02d}"), "d1") for m in (9, 10, 11)]
    report = build_dyad_report(IRAN, AQ, [early, *hostile], [], [], docs)
    (period,) = report["periods"]
    assert period["start"] == "1990" and period["since"] == "2001-09"
    assert report["verdict"]["headline"] == "Hostile since September 2001"
    assert report["verdict"]["since"] == "2001-09"
