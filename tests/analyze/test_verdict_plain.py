"""Issue 11 (verdict) and issue 13 (reports an analyst can trust), at the dyad level.

Hand-built records only: turning points with few but strong events, the evidence a verdict rests
on, plain words before the formula, hypotheses that agree with the verdict, the publisher's voice,
modality weights, and contradictions that are really contradictions.
"""

from __future__ import annotations

from dyad_factory import AQ, IRAN, SAUDI, claim, date, doc, event, iran_alqaeda_case, ref
from frenemy.analyze.contradictions import find_contradictions
from frenemy.analyze.dyad import build_dyad_report
from frenemy.models import Actor, DateInfo

QATAR = Actor(id="qatar", name="Qatar", type="state", code="QAT", country="QAT")
ETHIOPIA = Actor(id="ethiopia", name="Ethiopia", type="state", code="ETH", country="ETH")
ERITREA = Actor(id="eritrea", name="Eritrea", type="state", code="ERI", country="ERI")


def _qatar_saudi():
    docs = {
        f"q{i}": doc(f"q{i}", publisher)
        for i, publisher in enumerate(["Gulf Desk", "Doha Wire", "Riyadh Post"])
    }
    blockade = [
        event(SAUDI, QATAR, "163", -8.0, date("2017-06-05"), "q0", action="imposed a blockade on"),
        event(SAUDI, QATAR, "161", -4.0, date("2017-06-05"), "q1", action="cut ties with"),
        event(QATAR, SAUDI, "111", -2.0, date("2017-06-06"), "q1", action="condemned"),
        event(SAUDI, QATAR, "172", -5.0, date("2017-07"), "q0", action="closed the border with"),
        event(SAUDI, QATAR, "112", -2.0, date("2018-03"), "q2", action="accused"),
        event(QATAR, SAUDI, "112", -2.0, date("2019-05"), "q1", action="accused"),
    ]
    reconciled = [
        event(SAUDI, QATAR, "064", 7.0, date("2021-01-04"), "q2", action="reopened its border with"),
        event(SAUDI, QATAR, "057", 8.0, date("2021-01-05"), "q0", action="signed the AlUla declaration with"),
    ]
    return blockade + reconciled, docs


def test_qatar_saudi_reconciliation_on_two_strong_events_sets_the_current_label():
    events, docs = _qatar_saudi()
    v = build_dyad_report(SAUDI, QATAR, events, [], [], docs)["verdict"]
    assert v["label"] == "cooperative"  # the whole record is hostile; the turn sets the label
    assert v["overall_score"] < 0
    assert v["since"] == "2021-01-04"
    assert v["figures"]["turn"] == "thin"
    assert 0 < v["confidence"] < 0.7
    assert v["summary"]["answer"].startswith(
        "Saudi Arabia and Qatar are more allies than enemies since January 2021"
    )


def test_ethiopia_eritrea_peace_in_july_2018_reads_cooperative_not_hostile():
    docs = {"e1": doc("e1", "Horn Wire"), "e2": doc("e2", "Addis Daily")}
    war = [
        event(ETHIOPIA, ERITREA, "190", -10.0, date(f"{y}"), d, action="fought")
        for y, d in ((1998, "e1"), (1999, "e2"), (2000, "e1"), (2016, "e2"))
    ] + [event(ERITREA, ETHIOPIA, "112", -2.0, date("2012"), "e1", action="accused")]
    peace = [
        event(ETHIOPIA, ERITREA, "057", 8.0, date("2018-07-09"), "e1", action="signed peace with"),
        event(ERITREA, ETHIOPIA, "064", 7.0, date("2018-07-16"), "e2", action="reopened its embassy in"),
    ]
    report = build_dyad_report(ETHIOPIA, ERITREA, war + peace, [], [], docs)
    v = report["verdict"]
    assert report["periods"][-1]["label"] == "cooperative"
    assert v["label"] == "cooperative" and v["since"] == "2018-07-09"
    assert report["periods"][-1]["publishers"] == 2


def test_a_turn_reported_only_with_publication_dates_still_counts():
    docs = {"p1": doc("p1", "Gulf Desk", "2021-01-05"), "p2": doc("p2", "Doha Wire", "2021-01-06")}
    hostile = [event(SAUDI, QATAR, "163", -8.0, date(f"{y}"), "p1") for y in (2017, 2018, 2019)]
    pub = DateInfo(start="2021-01-05", end="2021-01-05", precision="day", basis="publication")
    pub2 = DateInfo(start="2021-01-06", end="2021-01-06", precision="day", basis="publication")
    turn = [
        event(SAUDI, QATAR, "064", 7.0, pub, "p1", action="reopened the border with"),
        event(QATAR, SAUDI, "057", 8.0, pub2, "p2", action="signed a declaration with"),
    ]
    v = build_dyad_report(SAUDI, QATAR, hostile + turn, [], [], docs)["verdict"]
    assert v["figures"]["publication_dated_events"] == 2
    assert v["label"] == "cooperative" and v["since"] == "2021-01-05"


def test_evidence_base_counts_publishers_per_period_and_flags_one_publisher():
    events, docs = _qatar_saudi()
    report = build_dyad_report(SAUDI, QATAR, events, [], [], docs)
    first, last = report["periods"]
    assert first["publishers"] == 3 and sorted(first["publisher_names"]) == [
        "Doha Wire",
        "Gulf Desk",
        "Riyadh Post",
    ]
    assert last["publishers"] == 2
    assert report["verdict"]["evidence_base"] == {
        "scope": "latest period",
        "start": "2021-01-04",
        "end": "2021-01-05",
        "events": 2,
        "publishers": 2,
        "publisher_names": ["Riyadh Post", "Gulf Desk"],
    }
    one = {"d1": doc("d1", "Only Wire")}
    single = build_dyad_report(
        SAUDI, IRAN, [event(SAUDI, IRAN, "057", 8.0, date("2023-03-10"), "d1")], [], [], one
    )
    warnings = single["verdict"]["warnings"]
    assert any("single event" in w for w in warnings)
    assert any("one publisher (Only Wire)" in w for w in warnings)  # as the document spells it
    assert single["verdict"]["summary"]["warnings"] == warnings


def test_summary_speaks_plainly_and_keeps_the_formula_in_the_basis():
    events, claims, docs = iran_alqaeda_case()
    v = build_dyad_report(IRAN, AQ, events, claims, [], docs)["verdict"]
    s = v["summary"]
    assert s["answer"] == "Iran and al-Qaeda are more enemies than allies since December 2001."
    assert s["how_sure"].startswith(("Fairly sure", "Moderately sure", "Not very sure", "Unsure"))
    assert f"{v['confidence']:.2f}" in s["how_sure"]
    assert "6 event(s) since December 2001" in s["why"] and "3 independent publishers" in s["why"]
    assert "kidnapped" in s["why"]  # the heaviest hostile act is named
    assert "cooperation" in s["change"]
    for part in s.values():
        assert "x diversity" not in str(part)
    assert "Confidence" in v["basis"] and "x diversity" in v["basis"]


def test_hypotheses_rest_on_the_verdicts_evidence_and_agree_with_it():
    # Many mild cooperative acts long ago, then a clear hostile period: over the whole record
    # "allies" has less evidence against it, over the latest period "adversaries" does.
    docs = {"d1": doc("d1", "Wire One"), "d2": doc("d2", "Paper Two")}
    old = [event(IRAN, AQ, "042", 1.9, date(f"19{90 + i}"), "d1", action="met") for i in range(8)]
    new = [event(IRAN, AQ, "173", -5.0, date(f"2010-0{m}"), "d2", action="detained") for m in (1, 2, 3)]
    report = build_dyad_report(IRAN, AQ, old + new, [], [], docs)
    v = report["verdict"]
    assert v["label"] == "hostile"
    by_id = {h["id"]: h for h in report["hypotheses"]}
    assert by_id["H1"]["inconsistency_all"] < by_id["H2"]["inconsistency_all"]  # the whole record
    top = min(report["hypotheses"], key=lambda h: h["rank"])
    assert top["id"] == "H2"
    assert v["hypotheses_agree"] is True and v["hypotheses_scope"] == "latest period"
    in_scope = {r["evidence"] for r in by_id["H2"]["ratings"] if r["in_scope"]}
    assert in_scope == {e.id for e in new}


def test_publisher_wording_in_news_does_not_vote_but_its_analysis_does():
    news = doc("n1", "Test Wire", title="Iran releases prisoners")
    analysis = doc("a1", "Test Wire", title="Analysis: why Iran holds al-Qaeda men")
    docs = {"n1": news, "a1": analysis, "d9": doc("d9", "Other Paper")}
    events = [event(IRAN, AQ, "173", -5.0, date("2003"), "d9")]
    in_news = claim(None, "cooperative", "n1", text="close ties")
    named_publisher = claim(ref("test-wire", "Test Wire"), "cooperative", "n1", text="a partnership")
    report = build_dyad_report(IRAN, AQ, events, [in_news, named_publisher], [], docs)
    (silent,) = report["sources"]
    assert silent["counted"] is False and "news report" in silent["note"]
    assert report["verdict"]["figures"]["claimants"] == 0
    ach = {r["evidence"]: r for r in report["hypotheses"][0]["ratings"]}
    assert ach[in_news.id]["weight"] == 0 and ach[in_news.id]["kind"] == "claim: not counted"
    own = claim(None, "hostile", "a1", text="a marriage of inconvenience")
    report = build_dyad_report(IRAN, AQ, events, [own], [], docs)
    assert report["sources"][0]["counted"] is True and report["verdict"]["figures"]["claimants"] == 1
    first_person = claim(None, "hostile", "n1", text="we see only enmity")
    first_person.sentence = "We see only enmity between them."
    report = build_dyad_report(IRAN, AQ, events, [first_person], [], docs)
    assert report["sources"][0]["counted"] is True


def test_a_hypothetical_attack_weighs_a_tenth_in_score_and_hypotheses():
    docs = {"d1": doc("d1")}
    may_attack = event(AQ, IRAN, "180", -9.0, DateInfo(), "d1", action="attacking", modality="hypothetical")
    asserted = event(AQ, IRAN, "180", -9.0, DateInfo(), "d1", action="attacked")
    report = build_dyad_report(IRAN, AQ, [may_attack, asserted], [], [], docs)
    weights = {r["evidence"]: r["weight"] for r in report["hypotheses"][0]["ratings"]}
    assert weights[may_attack.id] == 0.1 and weights[asserted.id] == 1.0
    assert report["verdict"]["figures"]["event_weight"] == 1.1


def test_agreeing_sources_and_sentences_read_both_ways_are_no_contradiction():
    ctc, author = ref("ctc", "CTC"), ref("author", "Analyst")
    both_ways = [claim(author, "hostile", "d1", text="more adversaries than allies"),
                 claim(author, "cooperative", "d1", text="more adversaries than allies")]  # fmt: skip
    for c in both_ways:
        c.sentence_index = 0
    ctc_claims = [
        claim(ctc, "hostile", "d2", text="antagonistic"),
        claim(ctc, "cooperative", "d2", text="antagonistic"),
    ]
    for c in ctc_claims:
        c.sentence_index = 3
    assert find_contradictions(both_ways + ctc_claims, []) == []
    agree = [claim(author, "hostile", "d1", text="enemies"), claim(ctc, "hostile", "d2", text="foes")]
    assert find_contradictions(agree, []) == []
    disagree = [
        claim(author, "hostile", "d1", text="enemies"),
        claim(ctc, "cooperative", "d2", text="friends"),
    ]
    assert [cx.kind for cx in find_contradictions(disagree, [])] == ["stance"]


def test_repeated_accusations_and_spans_are_not_date_conflicts():
    accused = [
        event(SAUDI, IRAN, "112", -2.0, date("2017-11"), "s1", action="accused"),
        event(SAUDI, IRAN, "112", -2.0, date("2019-09-16"), "s2", action="accused"),
    ]
    since = DateInfo(start="2001", end=None, precision="year", basis="explicit", text="since 2001")
    detained = [
        event(IRAN, AQ, "173", -5.0, since, "d1", action="detained"),
        event(
            IRAN,
            AQ,
            "173",
            -5.0,
            DateInfo("2002", "2002", "year", "explicit", "In 2002"),
            "d2",
            action="detained",
        ),
    ]
    assert find_contradictions([], accused + detained) == []
    kidnapped = [
        event(AQ, IRAN, "181", -9.0, date("2008"), "d1", action="kidnapped"),
        event(AQ, IRAN, "181", -9.0, date("2009"), "d2", action="kidnapped"),
    ]
    assert [cx.kind for cx in find_contradictions([], kidnapped)] == ["date"]
