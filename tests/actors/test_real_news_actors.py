"""How real news names the sides of an event: the pair in focus ("the two sides", "both
countries", "the countries"), cities that stand for their state, titles the parse loses, short
names of people named in full earlier, and "the Government of X" (real pinned model). The
sentences are the team's own, written in the style of wire copy."""

from __future__ import annotations

import pytest

from frenemy.actors import data
from frenemy.actors.mentions import find_mentions
from frenemy.actors.registry import ActorRegistry
from frenemy.models import Document
from frenemy.nlp.context import DocContext, MentionSpan

pytestmark = pytest.mark.model


def _mentions(nlp, text: str) -> dict[str, MentionSpan]:
    doc = nlp(text)
    ctx = DocContext(document=Document(id="t", text=text), doc=doc, registry=ActorRegistry.default())
    return {doc[m.start : m.end].text: m for m in find_mentions(ctx)}


def _members(m: MentionSpan) -> list[str]:
    return [a.id for a in m.members]


# --- the pair in focus --------------------------------------------------------------------------
@pytest.mark.parametrize(
    ("text", "phrase"),
    [
        ("Chad and Sudan signed a border accord on Monday. The two sides agreed to open crossings.", "sides"),
        (
            "Chad and Sudan signed a border accord on Monday. Both countries agreed to open crossings.",
            "countries",
        ),
        ("Chad and Sudan signed a border accord on Monday. The countries fought a war in 2006.", "countries"),
        ("Chad reopened its embassy in Sudan on Monday. The two nations fought a war in 2006.", "nations"),
    ],
)
def test_a_plural_reference_stands_for_the_pair_named_before(nlp, text: str, phrase: str) -> None:
    found = _mentions(nlp, text)
    assert found[phrase].kind == "coref"
    assert _members(found[phrase]) == ["chad", "sudan"]


def test_the_pair_comes_from_the_latest_sentence_that_names_two(nlp) -> None:
    found = _mentions(
        nlp,
        "Peru and Chile settled their sea dispute. Later, Chad and Sudan signed a border accord. "
        "Kenya said nothing. The two sides agreed to open crossings.",
    )
    assert _members(found["sides"]) == ["chad", "sudan"]


def test_a_leader_or_a_countrys_forces_count_as_the_country(nlp) -> None:
    found = _mentions(
        nlp,
        "Eritrean forces clashed with Ethiopian troops near the border. Both countries blamed each other.",
    )
    assert _members(found["countries"]) == ["eritrea", "ethiopia"]


def test_a_place_after_in_does_not_join_a_pair_of_actors(nlp) -> None:
    found = _mentions(
        nlp, "Abiy met Isaias in Washington on Monday. The two countries agreed to reopen embassies."
    )
    assert _members(found["countries"]) == ["ethiopia", "eritrea"]


def test_a_list_of_countries_is_the_countries(nlp) -> None:
    found = _mentions(
        nlp,
        "Saudi Arabia, the UAE, Bahrain and Egypt cut ties with Qatar. The countries accused Doha of backing terrorism.",
    )
    assert _members(found["countries"]) == ["saudi-arabia", "united-arab-emirates", "bahrain", "egypt"]


def test_a_pair_referred_to_stays_in_focus(nlp) -> None:
    found = _mentions(
        nlp,
        "Israel and Lebanon agreed to talks. The deal between the two parties was brokered by the "
        "United States. Both countries asked Washington to mediate.",
    )
    assert _members(found["parties"]) == ["israel", "lebanon"]
    assert _members(found["countries"]) == ["israel", "lebanon"]


@pytest.mark.parametrize(
    "text",
    [
        "The two sides agreed to reopen embassies.",  # nothing named before: never guessed
        "Kenya, Sudan and Uganda welcomed the talks. The two sides agreed to talk.",  # three, no pair
        "Saudi Arabia, the UAE, Bahrain and Egypt cut ties with Qatar. The two sides traded blame.",
        "Chad and Sudan met. The parties agreed to talk.",  # "the parties" alone is too loose
        "Chad and Sudan met. The three countries agreed to talk.",
    ],
)
def test_an_unclear_plural_reference_stays_unresolved(nlp, text: str) -> None:
    found = _mentions(nlp, text)
    assert not any(m.members for m in found.values())


def test_state_nouns_know_counted_pairs() -> None:
    nouns = data.state_nouns()
    assert nouns["sides"].kind == "pair2" and nouns["countries"].kind == "pair"


# --- cities ---------------------------------------------------------------------------------------
def test_a_city_stands_for_its_state(nlp) -> None:
    found = _mentions(nlp, "Peshawar police arrested two Afghan nationals.")
    assert found["Peshawar police"].actor.id == "pakistan-cop"
    found = _mentions(nlp, "Turkish forces shelled Kobani on Sunday.")
    assert found["Kobani"].actor.id == "syria"


def test_the_gazetteer_never_overrides_a_capital_or_a_curated_name() -> None:
    registry = ActorRegistry.default()
    cities = data.cities()
    assert "Karachi" in cities["PAK"]
    assert registry.lookup("Karachi").id == "pakistan"
    assert registry.lookup("Tehran").id == "iran"  # a capital, from countries.tsv
    assert registry.builtin_alias_conflicts() == []


# --- people ---------------------------------------------------------------------------------------
def test_a_title_the_parse_loses_still_gives_the_person_a_country(nlp) -> None:
    text = "U.S. Ambassador to Turkey David Satterfield spoke on Monday. Satterfield warned Ankara."
    found = _mentions(nlp, text)
    assert found["David Satterfield"].actor.country == "USA"
    assert found["Satterfield"].actor.id == found["David Satterfield"].actor.id


def test_a_known_persons_first_name_is_that_person_later(nlp) -> None:
    found = _mentions(
        nlp,
        "Qatari Foreign Minister Sheikh Mohammed bin Abdulrahman Al Thani met his Saudi counterpart. "
        "Sheikh Mohammed praised Riyadh.",
    )
    assert found["Mohammed"].actor.id == "mohammed-bin-abdulrahman-al-thani"


# --- "the Government of X" ------------------------------------------------------------------------
def test_the_government_of_a_state_is_its_body_not_a_new_organisation(nlp) -> None:
    found = _mentions(
        nlp, "The United States welcomed the decision by the Governments of Israel and Lebanon."
    )
    assert found["Israel"].actor.id == "israel-gov"
    assert found["Lebanon"].actor.id == "lebanon-gov"
    assert not any(m.actor.origin == "corpus" for m in found.values())
    found = _mentions(nlp, "The Bank of England raised rates.")
    assert found["Bank of England"].actor.origin == "corpus"  # a name of its own


def test_a_name_the_recogniser_split_is_one_person_with_the_title_country(nlp) -> None:
    found = _mentions(
        nlp,
        "Pakistani Foreign Minister Bilawal Bhutto Zardari met his Indian counterpart in Goa. "
        "Bhutto Zardari criticized New Delhi.",
    )
    person = found["Bilawal Bhutto Zardari"].actor
    assert person.country == "PAK"
    assert found["Bhutto Zardari"].actor.id == person.id


def test_its_and_a_role_noun_is_the_body_of_the_subject_state(nlp) -> None:
    found = _mentions(nlp, "Pakistan says its air forces shot down two Indian warplanes.")
    assert found["air forces"].actor.id == "pakistan-mil"
    found = _mentions(nlp, "The company said its workers were safe.")
    assert "workers" not in found  # no state subject: left alone


def test_two_states_sharing_a_name_are_both_named(nlp) -> None:
    found = _mentions(nlp, "North and South Korea say their leaders will meet.")
    assert found["North"].actor.id == "north-korea"
    assert found["South Korea"].actor.id == "south-korea"


def test_a_place_before_based_is_not_the_actor(nlp) -> None:
    found = _mentions(nlp, "A London-based rights group accused Iran of torture.")
    assert "London" not in found
    found = _mentions(nlp, "The Pakistan-based militant group Jaish-e-Mohammad claimed the attack.")
    assert "Pakistan" not in found
    assert found["Jaish-e-Mohammad"].actor.id == "jaish-e-mohammed"


def test_a_role_noun_naming_a_kind_of_machine_is_no_body(nlp) -> None:
    found = _mentions(nlp, "Indian warplanes intercepted three Pakistani fighter jets.")
    assert found["Pakistani"].actor.id == "pakistan"  # the jets are Pakistan's, not rebels
    found = _mentions(nlp, "Pakistani fighters attacked Indian troops.")
    assert found["Pakistani fighters"].actor.id == "pakistan-reb"


def test_a_bare_body_noun_before_its_members_refers_back(nlp) -> None:
    found = _mentions(nlp, "Officials briefed the Security Council. Council members welcomed the withdrawal.")
    assert found["Council"].actor.id == "un-security-council"
    # with nothing named before, "Council members" is no one known
    alone = _mentions(nlp, "Council members met in Paris.")
    assert all(m.actor.id != "un-security-council" for m in alone.values())


def test_a_bare_both_as_subject_is_the_pair_just_named(nlp) -> None:
    found = _mentions(nlp, "Egypt's minister met his Ethiopian counterpart. Both said talks will continue.")
    assert sorted(_members(found["Both"])) == ["egypt", "ethiopia"]
    # three sides named: "both" is not clear-cut
    three = _mentions(nlp, "Egypt, Sudan and Ethiopia met in Cairo. Both said talks will continue.")
    assert "Both" not in three


def test_a_he_that_opens_its_sentence_is_the_person_before_not_the_one_he_meets(nlp) -> None:
    found = _mentions(
        nlp, "Kiir had planned to stay until Saturday. He met with Chinese President Hu Jintao on Tuesday."
    )
    assert found["He"].actor.id == "salva-kiir-mayardit"
    # a possessive may still point ahead: "his" before a name later in the sentence stays open
    later = _mentions(nlp, "Kiir left early. In his speech, Hu Jintao praised the visit.")
    assert "his" not in later
