"""Definite descriptions of states and pairs ("the kingdom", "the rivals"), places that are not
actors, and descriptions that must not replace a named group (real pinned model)."""

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


def test_state_nouns_file_parses() -> None:
    nouns = data.state_nouns()
    assert nouns["kingdom"].kind == "state" and "SAU" in (nouns["kingdom"].countries or ())
    assert "QAT" not in (nouns["kingdom"].countries or ())
    assert nouns["gulf state"].countries is not None and "QAT" in nouns["gulf state"].countries
    assert nouns["rivals"].kind == "pair"
    assert "town" in data.place_nouns()


def test_the_kingdom_skips_a_state_that_is_not_a_kingdom(nlp) -> None:
    found = _mentions(nlp, "Saudi Arabia criticised Qatar on Monday. The kingdom then recalled its envoy.")
    assert found["kingdom"].actor.id == "saudi-arabia"
    assert found["kingdom"].kind == "coref"


def test_a_leader_stands_for_his_country(nlp) -> None:
    found = _mentions(nlp, "King Abdullah II met Israeli officials. The kingdom later condemned the raid.")
    assert found["kingdom"].actor.id == "jordan"


def test_no_reference_without_a_matching_state(nlp) -> None:
    found = _mentions(nlp, "Turkey bought missiles from Russia. The kingdom criticised the deal.")
    assert "kingdom" not in found
    found = _mentions(nlp, "Iran and Iraq met. The kingdom of Saudi Arabia was not invited.")
    assert found["kingdom of Saudi Arabia"].actor.id == "saudi-arabia"
    assert found["kingdom of Saudi Arabia"].kind == "name"


def test_indefinite_descriptions_are_not_references(nlp) -> None:
    found = _mentions(nlp, "Saudi Arabia hosted the talks. A kingdom such as this rarely hosts them.")
    assert "kingdom" not in found


def test_rivals_carry_both_actors_and_the_two_is_left_to_the_coder(nlp) -> None:
    found = _mentions(nlp, "Hamas and Fatah met in Cairo. The rivals agreed to form a government.")
    assert [a.id for a in found["rivals"].members] == ["hamas", "fatah"]
    found = _mentions(nlp, "Bahrain criticised Qatar. The two royals later met in Manama.")
    assert "royals" not in found and "two royals" not in found


def test_they_after_a_single_plural_actor_keeps_the_old_rule(nlp) -> None:
    found = _mentions(nlp, "Israeli troops entered the town. They arrested two men.")
    assert found["They"].actor.id == "israel-mil"
    assert found["They"].members == ()


def test_places_are_not_actors(nlp) -> None:
    found = _mentions(
        nlp, "Fighting near Mekelle spread to the province of Afar, officials in Addis Ababa said."
    )
    assert not any(m.actor.origin == "corpus" for m in found.values())
    assert found["Addis Ababa"].actor.id == "ethiopia"  # a capital still stands for its state


def test_a_new_organisation_as_subject_is_still_an_actor(nlp) -> None:
    found = _mentions(
        nlp, "The Afar Revolutionary Democratic Unity Front accused Eritrea of abducting civilians."
    )
    assert any(m.actor.origin == "corpus" and m.actor.type == "organization" for m in found.values())


def test_headline_words_are_not_new_actors(nlp) -> None:
    found = _mentions(nlp, "Egypt Signs Deal With Eritrea Over Red Sea Port")
    assert {m.actor.id for m in found.values()} == {"egypt", "eritrea"}


def test_a_description_is_the_group_named_with_it(nlp) -> None:
    found = _mentions(nlp, "The Sunni militant group Jaish al-Adl attacked Iranian border guards.")
    assert {m.actor.id for m in found.values()} == {"jaish-al-adl", "iran-cop"}
    found = _mentions(nlp, "Sunni militants attacked a Shiite mosque.")
    assert found["Sunni militants"].actor.id == "sunni-reb"
