"""Mention finding on a parsed paragraph (real spaCy model): names, descriptions, affiliations,
back-references and spelling variants."""

from __future__ import annotations

from pathlib import Path

import pytest

from frenemy.actors.mentions import find_mentions
from frenemy.actors.merge import CorpusIndex
from frenemy.actors.registry import ActorRegistry
from frenemy.models import Actor, Document
from frenemy.nlp.context import DocContext, MentionSpan

pytestmark = pytest.mark.model

FIXTURE = (Path(__file__).parent.parent / "data" / "actors" / "uneasy_partners.txt").read_text(
    encoding="utf-8"
)


def _context(nlp, text: str, registry: ActorRegistry | None = None) -> DocContext:
    return DocContext(
        document=Document(id="t", text=text), doc=nlp(text), registry=registry or ActorRegistry.default()
    )


@pytest.fixture(scope="module")
def found(nlp) -> tuple[DocContext, list[MentionSpan]]:
    ctx = _context(nlp, FIXTURE)
    return ctx, find_mentions(ctx)


def _by_text(ctx: DocContext, mentions: list[MentionSpan]) -> dict[str, list[MentionSpan]]:
    out: dict[str, list[MentionSpan]] = {}
    for m in mentions:
        out.setdefault(ctx.doc[m.start : m.end].text, []).append(m)
    return out


def test_every_al_qaeda_spelling_is_one_actor(found) -> None:
    ctx, mentions = found
    texts = _by_text(ctx, mentions)
    for spelling in ("al Qaida", "al-Qa'ida", "Al-Qaeda", "al-Qaeda", "al Qaeda"):
        assert {m.actor.id for m in texts[spelling]} == {"al-qaeda"}, spelling


def test_spans_cover_the_name_only(found) -> None:
    ctx, mentions = found
    texts = _by_text(ctx, mentions)
    assert "US Treasury Department" in texts and "the US Treasury Department" not in texts
    assert "al-Qa'ida's" not in texts
    starts = [m.start for m in mentions]
    assert starts == sorted(starts)
    assert all(a.end <= b.start for a, b in zip(mentions, mentions[1:], strict=False))
    assert ctx.mention_at(texts["CIA"][0].start).actor.id == "cia"


def test_iran_in_all_its_forms(found) -> None:
    ctx, mentions = found
    texts = _by_text(ctx, mentions)
    for surface in ("Tehran", "Iran", "Iranians"):
        assert {m.actor.code for m in texts[surface]} == {"IRN"}, surface
    assert {m.kind for m in texts["Iranians"]} == {"demonym"}


def test_us_bodies(found) -> None:
    ctx, mentions = found
    texts = _by_text(ctx, mentions)
    treasury = texts["US Treasury Department"][0].actor
    assert (treasury.country, treasury.sector) == ("USA", "GOV")
    for name in ("George W. Bush administration", "Bush administration"):
        actor = texts[name][0].actor
        assert actor.code == "USAGOV" and ctx.registry.rollup(actor.id)[-1] == "united-states"
    special = texts["US Special Forces"][0].actor
    assert special.sector == "MIL" and "united-states" in ctx.registry.rollup(special.id)
    assert texts["9/11 Commission"][0].actor.id == "9-11-commission"
    assert {m.actor.id for m in texts["CTC"]} == {"combating-terrorism-center"}
    assert texts["Combating Terrorism Center"][0].actor.id == "combating-terrorism-center"


def test_descriptions_get_country_and_role_codes(found) -> None:
    ctx, mentions = found
    texts = _by_text(ctx, mentions)
    assert texts["Tunisian court"][0].actor.code == "TUNJUD"
    assert texts["Tunisian court"][0].actor.parent == "tunisia"
    assert texts["US"][-1].actor.code == "USAOPP"
    assert texts["British activists"][0].actor.code == "GBROPP"
    assert texts["Israeli troops"][0].actor.code == "ISRMIL"
    sunni = texts["Sunni militants"][0].actor
    assert (sunni.sector, sunni.country) == ("REB", None)
    assert texts["Iranian regime"][0].actor.id == "iran-gov"
    assert all(m.kind == "description" for m in texts["Israeli troops"])


def test_people_are_linked_to_their_organisations(found) -> None:
    ctx, mentions = found
    texts = _by_text(ctx, mentions)
    hamid = texts["Mustafa Hamid"][0].actor
    assert hamid.type == "person" and hamid.parent == "al-qaeda"
    holloway = texts["Karen Holloway"][0].actor
    assert holloway.parent == "cia" and holloway.affiliations[0].role == "veteran"
    yunis = texts["Yunis"][0].actor
    assert yunis.type == "person" and yunis.parent == "al-qaeda"
    assert ctx.registry.rollup(yunis.id) == [yunis.id, "al-qaeda"]


def test_the_group_and_the_commission_point_back(found) -> None:
    ctx, mentions = found
    corefs = [(ctx.doc[m.start : m.end].text, m.actor.id) for m in mentions if m.kind == "coref"]
    assert ("group", "al-qaeda") in corefs
    assert ("commission", "9-11-commission") in corefs
    assert len([c for c in corefs if c[0] == "group"]) == 2


def test_title_and_pronoun(nlp) -> None:
    ctx = _context(nlp, "Iranian foreign minister Javad Zarif met reporters. He said talks went well.")
    mentions = find_mentions(ctx)
    zarif = [m for m in mentions if ctx.doc[m.start : m.end].text == "Javad Zarif"]
    assert zarif and zarif[0].actor.id == "javad-zarif" and zarif[0].actor.parent == "iran"
    assert not any(m.actor.id == "iran" for m in mentions)  # "Iranian" is part of his title here
    pronoun = [m for m in mentions if m.kind == "pronoun"]
    assert [(ctx.doc[m.start].text, m.actor.id) for m in pronoun] == [("He", "javad-zarif")]


def test_new_person_with_a_demonym_title(nlp) -> None:
    ctx = _context(
        nlp, "Lebanese diplomat Karim Haddad, the consul in the Lebanese Embassy in Paris, was expelled."
    )
    mentions = find_mentions(ctx)
    haddad = next(m.actor for m in mentions if m.actor.name == "Karim Haddad")
    assert haddad.country == "LBN" and haddad.parent in ("lebanon", "lebanon-gov")


def test_ambiguous_pronoun_is_left_alone(nlp) -> None:
    ctx = _context(nlp, "Paul Wolfowitz spoke to Colin Powell before he left.")
    assert not [m for m in find_mentions(ctx) if m.kind == "pronoun"]


def test_spelling_variants_merge_across_documents(nlp) -> None:
    registry = ActorRegistry.default()
    first = _context(nlp, "Yesterday Abdelkarim Mansouri met the governor in Kabul.", registry)
    second = _context(nlp, "Yesterday Abdelkarim Mansoury met the governor in Kabul.", registry)
    a = next(m.actor for m in find_mentions(first) if m.actor.type == "person")
    b = next(m.actor for m in find_mentions(second) if m.actor.type == "person")
    assert a.id == b.id
    assert "Abdelkarim Mansoury" in a.aliases


def test_variant_index_rules() -> None:
    index = CorpusIndex()
    index.add(Actor(id="atiyya", name="Atiyya", type="person", origin="corpus"))
    index.add(Actor(id="iman", name="Iman", type="person", origin="corpus"))
    assert index.similar("Atiyah", "person") == "atiyya"
    assert index.similar("Atiyah", "organization") is None  # never across types
    assert index.similar("Imad", "person") is None  # short names must match exactly


def test_registry_actors_are_never_merged(nlp) -> None:
    ctx = _context(nlp, "Hamas and Hezbollah met in Beirut.")
    ids = [m.actor.id for m in find_mentions(ctx)]
    assert ids[:2] == ["hamas", "hezbollah"]


def test_works_on_an_unparsed_doc() -> None:
    import spacy

    blank = spacy.blank("en")
    text = "The US and al-Qaeda."
    ctx = DocContext(document=Document(id="b", text=text), doc=blank(text), registry=ActorRegistry.default())
    assert [m.actor.id for m in find_mentions(ctx)] == ["united-states", "al-qaeda"]


def test_a_surname_alone_is_the_person_named_earlier(found) -> None:
    ctx, mentions = found
    texts = _by_text(ctx, mentions)
    assert texts["Holloway"][0].actor is texts["Karen Holloway"][0].actor


def test_they_refers_to_the_one_plural_actor(nlp) -> None:
    ctx = _context(nlp, "Israeli troops entered the village at dawn. By noon they had withdrawn.")
    pronouns = [(ctx.doc[m.start].text, m.actor.id) for m in find_mentions(ctx) if m.kind == "pronoun"]
    assert pronouns == [("they", "israel-mil")]


def test_they_is_left_alone_when_another_group_is_closer(nlp) -> None:
    ctx = _context(nlp, "Israeli troops entered the village. The villagers said they were afraid.")
    assert not [m for m in find_mentions(ctx) if m.kind == "pronoun"]


def test_group_references_need_an_organisation_reading(nlp) -> None:
    text = (
        "Hamas fired rockets on Monday. Karzai comes from the dominant Pashtun ethnic group. "
        "Later the radical group said it would fire again."
    )
    ctx = _context(nlp, text)
    corefs = [(ctx.doc[m.start : m.end].text, m.actor.id) for m in find_mentions(ctx) if m.kind == "coref"]
    assert corefs == [("radical group", "hamas")]


def test_named_unions_and_bare_titles_are_not_descriptions(nlp) -> None:
    text = "The Australian Manufacturing Workers Union says the Government will act. The Foreign Minister agreed."
    ctx = _context(nlp, text)
    mentions = find_mentions(ctx)
    by_text = {ctx.doc[m.start : m.end].text: m.actor for m in mentions}
    union = by_text["Australian Manufacturing Workers Union"]
    assert union.type == "organization" and union.origin == "corpus"
    assert "Government" not in by_text and "Foreign Minister" not in by_text


def test_person_from_an_organisation(nlp) -> None:
    ctx = _context(nlp, "Terry Lindqvist from the Atlantic Council says the talks failed.")
    person = next(m.actor for m in find_mentions(ctx) if m.actor.type == "person")
    assert person.parent == "atlantic-council"


def test_role_text_keeps_its_of_phrase(found) -> None:
    ctx, mentions = found
    hamid = next(m.actor for m in mentions if m.actor.name == "Mustafa Hamid")
    assert hamid.affiliations[0].role == "chief of staff"


def test_country_words_inside_place_names_are_not_countries(nlp) -> None:
    ctx = _context(nlp, "Fires burned across New South Wales and Western Australia, while Britain sent help.")
    ids = {ctx.doc[m.start : m.end].text: m.actor.id for m in find_mentions(ctx)}
    assert ids.get("Wales") is None and ids.get("Australia") is None
    assert ids["Britain"] == "united-kingdom"


def test_user_file_aliases_are_found_in_text(nlp) -> None:
    registry = ActorRegistry.default(
        extra_files=[Path(__file__).parent.parent / "data" / "actors" / "user_actors.yaml"]
    )
    ctx = _context(nlp, 'A letter from "Atiyya" reached Abbottabad in 2010.', registry)
    ids = [m.actor.id for m in find_mentions(ctx)]
    assert "atiyah-abd-al-rahman" in ids


def test_lowercase_words_that_start_aliases_are_not_mentions(nlp) -> None:
    """The alias scan skips stretches without a capital letter or digit; a capital further on
    in the same stretch ("al Qaeda", "the south of Iran") must still be found."""
    text = "Who is new here? The world said south winds blew, and al Qaeda and the Islamic State denied it."
    ctx = _context(nlp, text)
    found = {ctx.doc[m.start : m.end].text: m.actor.id for m in find_mentions(ctx)}
    assert found.get("al Qaeda") == "al-qaeda"
    assert "Islamic State" in found
    assert not any(name in found for name in ("Who", "is", "new", "world", "south"))


def test_the_capitalised_treasury_points_back_to_the_named_department(nlp) -> None:
    text = "The United States Treasury Department designated six men. The Treasury said Iran helped them."
    ctx = _context(nlp, text)
    corefs = [(ctx.doc[m.start : m.end].text, m.actor.id) for m in find_mentions(ctx) if m.kind == "coref"]
    assert ("Treasury", "united-states-treasury") in corefs
