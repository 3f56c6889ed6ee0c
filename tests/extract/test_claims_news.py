"""Claims on news-style sentences through the whole pipeline (the pinned model and the built-in
actors): named speakers in reported speech, the pair a clause is about, stance cues the first
lexicon missed, comparatives, datelines, and publishers given as web addresses.

The sentences were written by the team in the style of wire copy; each case pins the claimant,
the pair (rolled up to top actors) and the stance.
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
    pipeline, text: str, publisher: str = "Reuters", published: str | None = "2017-06-10"
) -> list[Claim]:
    doc = Document(id="news", text=text, publisher=publisher, published=published)
    return pipeline.analyse(doc).claims


def keys(pipeline, claims: list[Claim]) -> set[tuple[str | None, frozenset[str], str]]:
    def top(actor_id: str) -> str:
        chain = pipeline.registry.rollup(actor_id)
        return chain[-1] if chain else actor_id

    return {
        (top(c.claimant.id) if c.claimant else None, frozenset(top(a.id) for a in c.about), c.stance)
        for c in claims
    }


def pair(*ids: str) -> frozenset[str]:
    return frozenset(ids)


# --- who speaks ---------------------------------------------------------------------------------------
@pytest.mark.parametrize(
    ("text", "claimant"),
    [
        # a title read as the government, then the person's name: the person speaks
        (
            "Qatar and Iran are allies, Saudi Foreign Minister Adel al-Jubeir said on Monday.",
            "adel-al-jubeir",
        ),
        (
            "Foreign Minister Adel al-Jubeir told reporters in Paris that Qatar and Iran are allies.",
            "adel-al-jubeir",
        ),
        # a statement from a ministry speaks for the ministry, not the publisher
        (
            "Qatar has good relations with Iran, according to a statement from the Qatari foreign ministry.",
            "qatar-gov",
        ),
        # the parser loses the subject of "said": the name just before it speaks
        (
            "In a briefing with James Jeffrey, U.S. Ambassador to Turkey David Satterfield said Russia "
            "and Turkey are rivals.",
            "david-satterfield",
        ),
    ],
)
def test_named_speaker_is_the_claimant(pipeline, text, claimant):
    found = claims_of(pipeline, text)
    assert found, "no claim found"
    assert {c.claimant.id if c.claimant else None for c in found} == {claimant}


def test_report_of_unnamed_others_has_no_claimant_and_no_hedge(pipeline):
    [c] = claims_of(
        pipeline, "The monitors' report concluded that Eritrea and Ethiopia had become close allies."
    )
    assert c.claimant is None
    assert not c.hedged
    assert frozenset(a.id for a in c.about) == pair("eritrea", "ethiopia")


def test_he_added_speaks_for_the_person_last_named(pipeline):
    text = (
        "Saudi Foreign Minister Adel al-Jubeir announced the decision late Sunday. "
        "He added that Saudi Arabia will not let Iran undermine its security."
    )
    found = claims_of(pipeline, text)
    # al-Jubeir is a built-in person of the Saudi government: his claim rolls up to Saudi Arabia
    assert keys(pipeline, found) == {("saudi-arabia", pair("saudi-arabia", "iran"), "hostile")}
    assert all(c.claimant and "Jubeir" in c.claimant.name for c in found)


def test_an_unresolved_he_is_not_the_publisher(pipeline):
    found = claims_of(pipeline, "He added that Saudi Arabia will not let Iran undermine its security.")
    assert keys(pipeline, found) == {(None, pair("saudi-arabia", "iran"), "hostile")}


@pytest.mark.parametrize(
    ("publisher", "name"),
    [
        ("https://www.reuters.com:443/world/middle-east", "Reuters"),
        ("example.com:443", "Example"),
        ("bbc.co.uk", "BBC"),
        ("http://edition.cnn.com/2017/06/05/", "CNN"),
        ("al-monitor.com", "Al-Monitor"),
        ("Reuters", "Reuters"),
        ("St. Louis Post-Dispatch", "St. Louis Post-Dispatch"),
        ("http://127.0.0.1:8000/story", ""),
    ],
)
def test_site_name(publisher, name):
    from frenemy.extract.claims.voice import site_name

    assert site_name(publisher) == name


def test_publisher_given_as_a_url_speaks_as_the_site(pipeline):
    [c] = claims_of(
        pipeline, "Iran and Saudi Arabia are bitter rivals.", publisher="https://www.reuters.com:443/world"
    )
    assert c.claimant is not None
    assert c.claimant.name == "Reuters"
    assert ":" not in c.claimant.id and "www" not in c.claimant.id


# --- the pair -----------------------------------------------------------------------------------------
def test_denial_is_filed_under_the_speaker_and_its_partner(pipeline):
    text = "Iran and Saudi Arabia have long been rivals. Qatar denied that it was allied with Iran."
    found = [c for c in claims_of(pipeline, text) if c.sentence_index == 1]
    assert [frozenset(a.id for a in c.about) for c in found] == [pair("qatar", "iran")]
    assert found[0].claimant is not None and found[0].claimant.id == "qatar"


def test_one_actor_does_not_borrow_a_partner_from_an_earlier_sentence(pipeline):
    text = "Iran and Saudi Arabia have long been rivals. Qatar also has close ties with Iran."
    found = [c for c in claims_of(pipeline, text) if c.sentence_index == 1]
    assert keys(pipeline, found) == {("reuters", pair("qatar", "iran"), "cooperative")}


def test_relations_with_coordinated_members_give_one_claim_each(pipeline):
    text = (
        "However, Qatar's policies have injured Qatar's relations with other GCC members, "
        "particularly Saudi Arabia and the UAE."
    )
    assert keys(pipeline, claims_of(pipeline, text)) == {
        ("reuters", pair("qatar", "saudi-arabia"), "hostile"),
        ("reuters", pair("qatar", "united-arab-emirates"), "hostile"),
    }


def test_cue_inside_an_actor_name_is_no_claim(pipeline):
    text = "Qatar, a member of the Gulf Cooperation Council (GCC), is a small state."
    assert claims_of(pipeline, text) == []


def test_a_modifier_of_the_object_is_not_on_the_objects_side(pipeline):
    text = "The Russian missile system is at odds with Turkey's NATO partnership."
    assert ("reuters", pair("turkey", "nato"), "cooperative") in keys(pipeline, claims_of(pipeline, text))


def test_dateline_place_is_no_party(pipeline):
    text = (
        "ISTANBUL - Turkish President Recep Tayyip Erdogan is standing by his Russian counterpart, "
        "Vladimir Putin, despite escalating tensions between them over Syria."
    )
    assert keys(pipeline, claims_of(pipeline, text)) == {("reuters", pair("turkey", "russia"), "ambivalent")}


def test_coordinated_verbs_keep_their_own_objects(pipeline):
    text = (
        "The Secretary emphasized that the United States will stand with Ukraine and hold the Russian "
        "government accountable for its war."
    )
    found = keys(pipeline, claims_of(pipeline, text, publisher="U.S. Department of State"))
    assert ("united-states", pair("united-states", "russia"), "hostile") in found
    assert ("united-states", pair("united-states", "ukraine"), "hostile") not in found


# --- stance -------------------------------------------------------------------------------------------
@pytest.mark.parametrize(
    ("text", "expected"),
    [
        ("Iran does not need al-Qaeda.", ("reuters", pair("iran", "al-qaeda"), "hostile")),
        (
            "Relations between Egypt and Qatar have historically been fraught.",
            ("reuters", pair("egypt", "qatar"), "hostile"),
        ),
        (
            "The rapprochement between Saudi Arabia and Iran surprised many.",
            ("reuters", pair("saudi-arabia", "iran"), "cooperative"),
        ),
        # the blockade stays a blockade under "no justification"
        (
            "Turkey said there was no justification for the blockade of Qatar by Saudi Arabia.",
            ("turkey", pair("qatar", "saudi-arabia"), "hostile"),
        ),
        (
            "Qatar has sought to limit Iran's influence in the Gulf.",
            ("reuters", pair("qatar", "iran"), "hostile"),
        ),
        # a state said to be over ends the relationship it names
        (
            "The feud between Saudi Arabia and Qatar is over.",
            ("reuters", pair("saudi-arabia", "qatar"), "cooperative"),
        ),
        # lowering tensions leans cooperative, and is one claim with the normalisation
        (
            "The decision to normalize relations between Israel and the United Arab Emirates lowers tensions.",
            ("reuters", pair("israel", "united-arab-emirates"), "cooperative"),
        ),
    ],
)
def test_stance_without_the_old_cues(pipeline, text, expected):
    assert keys(pipeline, claims_of(pipeline, text)) == {expected}


@pytest.mark.parametrize(
    ("text", "stance"),
    [
        ("Iran and al-Qaeda: more adversaries than allies.", "hostile"),
        ("Iran and al-Qaeda are fewer friends than enemies.", "hostile"),
    ],
)
def test_comparative_takes_one_side(pipeline, text, stance):
    assert {c.stance for c in claims_of(pipeline, text)} == {stance}


@pytest.mark.parametrize(
    "text",
    [
        "Qatar has supported efforts to limit Iran's regional influence while maintaining dialogue with Iran's senior officials.",
        "The Russians and the Iranians need each other, but they do not trust each other.",
    ],
)
def test_mixed_stance_joined_by_contrast_is_ambivalent(pipeline, text):
    assert {c.stance for c in claims_of(pipeline, text)} == {"ambivalent"}


# --- dates of claims ----------------------------------------------------------------------------------
def test_present_tense_claim_takes_the_dateline_date(pipeline):
    text = "DOHA, June 5 (Reuters) - Saudi Arabia cut ties with Qatar.\n\nQatar and Saudi Arabia are now bitter rivals."
    [c] = claims_of(pipeline, text, published="2017-06-10")
    assert (c.date.start, c.date.basis) == ("2017-06-05", "publication")


def test_the_title_speaks_for_the_person_named_with_it(pipeline):
    text = (
        "Secretary of State Antony J. Blinken spoke today with Ukrainian Foreign Minister Dmytro Kuleba. "
        "The Secretary said the United States and Ukraine are close partners."
    )
    found = [
        c for c in claims_of(pipeline, text, publisher="U.S. Department of State") if c.sentence_index == 1
    ]
    assert [c.claimant.id if c.claimant else None for c in found] == ["antony-blinken"]
