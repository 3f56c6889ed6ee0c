"""Claims in the phrasing of real news and government statements, through the whole pipeline.

The sentences were written for these tests (not copied from any labelled set); they follow the
shapes met in public-domain VOA, State Department, White House and CRS texts: headlines in title
case, support for / solidarity with / a backlash against an actor, a statement's "we" and "our",
appeals that only ask for a relationship, names that hold a cue word ("the Cold War"), and hedges
and denials around reported stance. Each case pins the claimant, the pair (rolled up to top
actors), the stance and whether the claim is hedged.
"""

from __future__ import annotations

import pytest

from frenemy.models import Claim, Document

pytestmark = pytest.mark.model


@pytest.fixture(scope="module")
def pipeline():
    from frenemy.pipeline import Pipeline

    return Pipeline()


def claims_of(
    pipeline, text: str, publisher: str = "Voice of America", author: str | None = None
) -> list[Claim]:
    doc = Document(id="real", text=text, author=author, publisher=publisher, published="2021-03-02")
    return pipeline.analyse(doc).claims


def keys(pipeline, claims: list[Claim]) -> set[tuple[str | None, frozenset[str], str, bool]]:
    def top(actor_id: str) -> str:
        chain = pipeline.registry.rollup(actor_id)
        return chain[-1] if chain else actor_id

    return {
        (
            top(c.claimant.id) if c.claimant else None,
            frozenset(top(a.id) for a in c.about),
            c.stance,
            c.hedged,
        )
        for c in claims
    }


def pair(*ids: str) -> frozenset[str]:
    return frozenset(ids)


@pytest.mark.parametrize(
    ("text", "publisher", "author", "expected"),
    [
        # a headline: title-case words the parser leaves unlemmatised still match their cue
        (
            "Egypt Sees Rising Tensions With Ethiopia Over Dam",
            "Voice of America",
            None,
            ("voice-of-america", pair("egypt", "ethiopia"), "hostile", False),
        ),
        # support for / solidarity with an actor, said by a readout of the State Department
        (
            "The Secretary stressed America's full solidarity with Lithuania.",
            "U.S. Department of State",
            None,
            ("united-states", pair("united-states", "lithuania"), "cooperative", False),
        ),
        (
            "Norway's support for Ukraine's sovereignty has not wavered, Foreign Minister Anniken Huitfeldt said.",
            "Voice of America",
            None,
            ("anniken-huitfeldt", pair("norway", "ukraine"), "cooperative", False),
        ),
        (
            "Oman's quiet support for Iran drew criticism in Riyadh.",
            "Voice of America",
            None,
            ("voice-of-america", pair("oman", "iran"), "cooperative", False),
        ),
        # a government's own statement: "we" is the government it speaks for
        (
            "We will keep supporting Poland's security in every way we can.",
            "U.S. Department of State",
            None,
            ("united-states", pair("united-states", "poland"), "cooperative", False),
        ),
        (
            "Our efforts to isolate Venezuela have not worked.",
            "The White House",
            "Barack Obama",
            ("united-states", pair("united-states", "venezuela"), "hostile", False),
        ),
        # a hedge in the reported clause
        (
            "Pakistan has reportedly deepened ties with China, officials in New Delhi said.",
            "Voice of America",
            None,
            ("india", pair("pakistan", "china"), "cooperative", True),
        ),
    ],
)
def test_claim_in_real_phrasing(pipeline, text, publisher, author, expected):
    assert expected in keys(pipeline, claims_of(pipeline, text, publisher, author))


@pytest.mark.parametrize(
    ("text", "publisher", "author"),
    [
        # a relationship only asked for is not said to exist
        ("The Secretary urged direct dialogue between Serbia and Kosovo.", "U.S. Department of State", None),
        ("The envoy called for closer cooperation between Sudan and South Sudan.", "Voice of America", None),
        # "support for" a process between two actors names no party of the support
        (
            "The ministers voiced their support for the truce between Israel and Hamas.",
            "U.S. Department of State",
            None,
        ),
        # a capitalised cue in running text is a name: the Cold War, not a cold war between the two
        (
            "During the Cold War, Cuba hosted Soviet missiles.",
            "The White House",
            None,
        ),
        # two names of one actor are no pair
        ("Ukraine's friends in Kyiv cheered the vote.", "Voice of America", None),
        # a narrated act is an event, not a claim
        ("Morocco and Israel restored diplomatic ties on Thursday.", "Voice of America", None),
    ],
)
def test_no_claim_in_real_phrasing(pipeline, text, publisher, author):
    assert keys(pipeline, claims_of(pipeline, text, publisher, author)) == set()


def test_denial_flips_the_reported_stance(pipeline):
    found = keys(
        pipeline,
        claims_of(pipeline, "Beijing denied that Russia and China were allies against the West."),
    )
    assert ("china", pair("russia", "china"), "hostile", False) in found


def test_described_relations_as_is_the_speakers_claim(pipeline):
    found = keys(
        pipeline,
        claims_of(pipeline, "Officials in Hanoi described relations with Washington as excellent."),
    )
    assert ("vietnam", pair("vietnam", "united-states"), "cooperative", False) in found


def test_backlash_against_an_actor_pairs_it_with_the_actor_who_leads_it(pipeline):
    found = keys(
        pipeline,
        claims_of(
            pipeline, "The ruling prompted a backlash against Turkey led by Greece.", author="Ann Reid"
        ),
    )
    assert ("ann-reid", pair("turkey", "greece"), "hostile", False) in found


def test_states_that_impose_a_blockade_together_are_one_side(pipeline):
    found = keys(
        pipeline,
        claims_of(pipeline, "Saudi Arabia, the UAE, Bahrain and Egypt imposed a blockade on Qatar."),
    )
    pairs = {k[1] for k in found}
    assert pair("qatar", "egypt") in pairs and pair("qatar", "united-arab-emirates") in pairs
    assert not any("qatar" not in p for p in pairs), found


def test_lifting_a_blockade_names_no_pair_among_the_lifters(pipeline):
    found = keys(
        pipeline, claims_of(pipeline, "Saudi Arabia, the UAE and Egypt agreed to lift the blockade.")
    )
    assert found == set()


@pytest.mark.parametrize(
    ("text", "stance"),
    [
        ("Saudi Arabia and Qatar ended their rift.", "cooperative"),
        ("Saudi Arabia ended its blockade of Qatar.", "cooperative"),
        ("Russia suspended its alliance with Armenia.", "hostile"),
        # a feud that ended in a year is still told as a feud
        ("The feud between Qatar and Saudi Arabia ended in 2021.", "hostile"),
    ],
)
def test_ending_what_the_object_names_reverses_it(pipeline, text, stance):
    assert {k[2] for k in keys(pipeline, claims_of(pipeline, text))} == {stance}
