"""Contradictions on hand-built claims and events."""

from __future__ import annotations

from hypothesis import given
from hypothesis import strategies as st

from frenemy.analyze.contradictions import claim_period, find_contradictions
from frenemy.models import ActorRef, Claim, DateInfo, Event, stable_id

IRAN = ActorRef("iran", "Iran", "IRN")
AQ = ActorRef("al-qaeda", "al-Qaeda", "IMGMUSALQ")
SAUDI = ActorRef("saudi-arabia", "Saudi Arabia", "SAU")
TREASURY = ActorRef("united-states-treasury", "US Treasury")
CTC = ActorRef("combating-terrorism-center", "Combating Terrorism Center")
US = ActorRef("united-states", "United States", "USA")
AUTHOR = ActorRef("dana-reyes", "Dana Reyes")
PUB = DateInfo(start="2012-05-04", end="2012-05-04", precision="day", basis="publication")


def claim(
    cid: str,
    claimant: ActorRef | None,
    stance: str,
    text: str,
    about: tuple[ActorRef, ActorRef] = (IRAN, AQ),
    date: DateInfo = PUB,
    doc: str = "d1",
    sentence: int = 0,
    cue: str | None = None,
    hedged: bool = False,
) -> Claim:
    return Claim(
        id=cid,
        doc_id=doc,
        sentence_index=sentence,
        sentence=text,
        char_start=0,
        char_end=len(text),
        claimant=claimant,
        about=list(about),
        stance=stance,
        text=text,
        date=date,
        cue=cue or stance,
        hedged=hedged,
    )


def test_opposite_stances_of_different_claimants_contradict():
    claims = [
        claim(
            "cl_t",
            TREASURY,
            "cooperative",
            "Iran has a secret deal with al-Qaeda",
            date=DateInfo(start="2011-07-28", precision="day", basis="explicit"),
        ),
        claim("cl_c", CTC, "hostile", "the relationship is not one of alliance", about=(AQ, IRAN), doc="d2"),
    ]
    [cx] = find_contradictions(claims, [])
    assert cx.kind == "stance"
    assert sorted(cx.claims) == ["cl_c", "cl_t"]
    assert cx.about == ["al-qaeda", "iran"]
    assert cx.id == stable_id("cx", "cl_c", "cl_t")
    assert cx.explanation == (
        "US Treasury says Iran has a secret deal with al-Qaeda; "
        "Combating Terrorism Center says the relationship is not one of alliance."
    )


def test_same_claimant_same_stance_or_other_pair_do_not_contradict():
    claims = [
        claim("a", CTC, "cooperative", "x"),
        claim("b", CTC, "hostile", "y", sentence=3),  # same claimant changing its mind: not a contradiction
        claim("c", US, "cooperative", "z"),
        claim("d", AUTHOR, "hostile", "w", about=(IRAN, SAUDI)),  # another pair
        claim("e", AUTHOR, "ambivalent", "v"),  # ambivalent is not opposite to anything
    ]
    found = find_contradictions(claims, [])
    pairs = {frozenset(cx.claims) for cx in found}
    assert pairs == {frozenset({"b", "c"})}


def test_periods_must_overlap():
    nineties = DateInfo(start="1990", end="1999", precision="decade", basis="context", text="1990s")
    claims = [
        claim(
            "old",
            ActorRef("9-11-commission", "9/11 Commission"),
            "cooperative",
            "an informal agreement",
            date=nineties,
        ),
        claim("new", CTC, "hostile", "not an alliance"),  # publication 2012: speaks of 2011-2012
        claim("undated", US, "cooperative", "a close relationship", date=DateInfo()),
    ]
    found = {frozenset(cx.claims) for cx in find_contradictions(claims, [])}
    assert frozenset({"old", "new"}) not in found
    assert frozenset({"undated", "new"}) in found
    assert claim_period(claims[1]) == ("2011-05-05", "2012-05-04")
    assert claim_period(claims[0]) == ("1990-01-01", "1999-12-31")
    assert claim_period(claims[2]) is None


def test_explicit_marker_links_the_critic_to_its_target():
    target = claim(
        "cl_us", US, "cooperative", "al-Qaeda has a close relationship with Iran", cue="close relationship"
    )
    critic = claim(
        "cl_au",
        AUTHOR,
        "hostile",
        "contradicts US assertions",
        cue="contradict: close relationship",
    )
    found = find_contradictions([target, critic], [])
    assert [cx.kind for cx in found] == ["explicit"]  # not listed a second time as a stance conflict
    assert found[0].claims == ["cl_us", "cl_au"]
    assert found[0].explanation == (
        "United States says al-Qaeda has a close relationship with Iran; "
        "Dana Reyes disputes it (\u201ccontradicts US assertions\u201d)."
    )


def test_unnamed_claimants_only_in_explicit_contradictions():
    claims = [
        claim("u", None, "cooperative", "in bed with each other", hedged=True),
        claim("r", AUTHOR, "hostile", "hostile"),
    ]
    assert find_contradictions(claims, []) == []


def test_rollup_compares_pairs_by_parent():
    bin_laden = ActorRef("osama-bin-laden", "Osama bin Laden")
    claims = [claim("a", US, "cooperative", "x", about=(IRAN, bin_laden)), claim("b", CTC, "hostile", "y")]
    assert find_contradictions(claims, []) == []
    up = {"osama-bin-laden": "al-qaeda"}
    [cx] = find_contradictions(claims, [], rollup=lambda i: up.get(i, i))
    assert cx.about == ["al-qaeda", "iran"]


def event(
    eid: str, negated: bool = False, date: DateInfo | None = None, by: ActorRef | None = None, doc: str = "d1"
) -> Event:
    return Event(
        id=eid,
        doc_id=doc,
        sentence_index=0,
        sentence="Iran extradited the detainees.",
        char_start=0,
        char_end=30,
        source=IRAN,
        target=AQ,
        action_text="extradited",
        cameo="174",
        cameo_root="17",
        quad_class=4,
        goldstein=-5.0,
        negated=negated,
        date=date or DateInfo(),
        attributed_to=by,
    )


def test_asserted_and_negated_act_is_a_fact_contradiction():
    found = find_contradictions([], [event("e1", by=CTC), event("e2", negated=True, by=US, doc="d2")])
    [cx] = found
    assert cx.kind == "fact" and sorted(cx.events) == ["e1", "e2"] and cx.claims == []
    assert "Combating Terrorism Center reports that Iran extradited al-Qaeda" in cx.explanation


def test_same_source_asserting_and_negating_is_not_a_contradiction():
    assert find_contradictions([], [event("e1", by=CTC), event("e2", negated=True, by=CTC)]) == []


def test_incompatible_dates_for_the_same_act():
    d1 = DateInfo(start="2003-05", precision="month", basis="explicit", text="May 2003")
    d2 = DateInfo(start="2004-02", precision="month", basis="explicit", text="February 2004")
    d3 = DateInfo(start="2010-01", precision="month", basis="explicit", text="January 2010")
    found = find_contradictions([], [event("e1", date=d1, by=CTC), event("e2", date=d2, by=US, doc="d2")])
    [cx] = found
    assert cx.kind == "date" and "May 2003" in cx.explanation and "February 2004" in cx.explanation
    # six years apart: more likely a repeated act than a disagreement
    assert (
        find_contradictions([], [event("e1", date=d1, by=CTC), event("e3", date=d3, by=US, doc="d2")]) == []
    )


def test_a_date_conflict_names_documents_by_title_not_by_hash():
    d1 = DateInfo(start="2003-05", precision="month", basis="explicit", text="May 2003")
    d2 = DateInfo(start="2004-02", precision="month", basis="explicit", text="February 2004")
    names = {
        "d1": "\u201cIran holds fugitives\u201d (Wire, 2003-08-04)",
        "d2": "\u201cA later look\u201d (Weekly)",
    }
    [cx] = find_contradictions([], [event("e1", date=d1), event("e2", date=d2, doc="d2")], documents=names)
    assert cx.explanation.startswith("\u201cIran holds fugitives\u201d (Wire, 2003-08-04) dates")
    assert "\u201cA later look\u201d (Weekly) dates it to February 2004" in cx.explanation
    [unnamed] = find_contradictions([], [event("e1", date=d1), event("e2", date=d2, doc="d2")])
    assert unnamed.explanation.startswith("Document d1")  # without names, the id's start


def test_document_label():
    from frenemy.analyze.contradictions import document_label

    assert document_label("Talks resume", "VOA", "2021-01-04") == "\u201cTalks resume\u201d (VOA, 2021-01-04)"
    assert document_label(None, "VOA", "2021-01-04") == "VOA (2021-01-04)"
    assert document_label(None, None, None) == "an untitled document"


def test_grouping_scales_with_pairs():
    many = [claim(f"c{i}", ActorRef(f"src-{i}", f"Source {i}"), "cooperative", "x") for i in range(300)]
    many += [
        claim(f"h{i}", ActorRef(f"src-h{i}", f"Hostile {i}"), "hostile", "y", about=(IRAN, SAUDI))
        for i in range(300)
    ]
    assert find_contradictions(many, []) == []


def test_noun_phrase_claims_read_as_speaks_of_and_quote_marks_are_dropped():
    claims = [
        claim("t", TREASURY, "cooperative", "a \u201csecret deal with al-Qaeda"),
        claim("c", CTC, "hostile", "the relationship is not one of alliance"),
    ]
    [cx] = find_contradictions(claims, [])
    assert cx.explanation == (
        "Combating Terrorism Center says the relationship is not one of alliance; "
        "US Treasury speaks of a secret deal with al-Qaeda."
    )


@given(st.permutations(list(range(7))))
def test_result_does_not_depend_on_input_order(order):
    base = [
        claim("a", US, "cooperative", "x"),
        claim("b", CTC, "hostile", "y"),
        claim("c", AUTHOR, "hostile", "z", hedged=True),
        claim("d", TREASURY, "cooperative", "w", sentence=2),
        claim("d2", TREASURY, "cooperative", "w again", sentence=5),  # a tie: the earlier one speaks
        claim("e", US, "neutral", "v", about=(IRAN, SAUDI)),
        claim("f", CTC, "hostile", "u", about=(SAUDI, IRAN)),
    ]
    expected = {cx.id for cx in find_contradictions(base, [])}
    shuffled = [base[i] for i in order]
    assert {cx.id for cx in find_contradictions(shuffled, [])} == expected
    assert len(expected) == 5  # a-b, a-c, d-b, d-c, e-f
    assert not any("d2" in cx.claims for cx in find_contradictions(shuffled, []))


def test_stance_contradictions_are_capped_per_pair_strongest_first():
    claims = [
        claim(f"c{i}", ActorRef(f"co-{i}", f"Co {i}"), "cooperative", "x", hedged=i > 0) for i in range(20)
    ]
    claims += [
        claim(f"h{i}", ActorRef(f"ho-{i}", f"Ho {i}"), "hostile", "y", hedged=i > 0) for i in range(20)
    ]
    assert len(find_contradictions(claims, [])) == 20 * 20
    capped = find_contradictions(claims, [], max_stance_per_pair=4)
    assert len(capped) == 4
    assert sorted(capped[0].claims) == ["c0", "h0"]  # the two unhedged sources meet first
    assert all("c0" in cx.claims or "h0" in cx.claims for cx in capped[:3])
