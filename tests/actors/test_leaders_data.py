"""The people who speak and act for states: heads of state and government and foreign ministers.

actors.yaml lists them (2000-2024) so that a leader named in news is a party that rolls up to the
state, not a dropped or stray actor ("kim"). The registry part checks the data; the sentences
(written for these tests) check that such names give events between the states at the top level,
and that a surname alias that is also a word ("Moon") does not fire on the word ("the moon").
"""

from __future__ import annotations

import pytest
from test_leaders_more_data import NOT_PERSON_ALIASES as MORE_WITHHELD
from test_leaders_more_data import PEOPLE as MORE_PEOPLE
from test_leaders_more_data import PROBES as MORE_PROBES

from event_probes import Triple, triples
from frenemy.actors.registry import ActorRegistry
from frenemy.models import Document

model = pytest.mark.model

# (name as news writes it, person id, state or organisation the person rolls up to)
PEOPLE = [
    ("Pashinyan", "nikol-pashinyan", "armenia"),
    ("Heydar Aliyev", "heydar-aliyev", "azerbaijan"),
    ("Aliyev", "ilham-aliyev", "azerbaijan"),  # Ilham: the Aliyev of news since 2003
    ("Lapid", "yair-lapid", "israel"),
    ("Tzipi Livni", "tzipi-livni", "israel"),
    ("Kim Jong Il", "kim-jong-il", "north-korea"),
    ("Moon", "moon-jae-in", "south-korea"),
    ("Park Geun-hye", "park-geun-hye", "south-korea"),
    ("Abe", "shinzo-abe", "japan"),
    ("Koizumi", "junichiro-koizumi", "japan"),
    ("Hu Jintao", "hu-jintao", "china"),
    ("Xi", "xi-jinping", "china"),
    ("Tsai Ing-wen", "tsai-ing-wen", "taiwan"),
    ("Raúl Castro", "raul-castro", "cuba"),
    ("Fidel Castro", "fidel-castro", "cuba"),
    ("Chávez", "hugo-chavez", "venezuela"),
    ("Lula", "luiz-inacio-lula-da-silva", "brazil"),
    ("Milei", "javier-milei", "argentina"),
    ("Lopez Obrador", "andres-manuel-lopez-obrador", "mexico"),
    ("Uribe", "alvaro-uribe", "colombia"),
    ("Jaishankar", "subrahmanyam-jaishankar", "india"),
    ("Nawaz Sharif", "nawaz-sharif", "pakistan"),
    ("Sheikh Hasina", "sheikh-hasina", "bangladesh"),
    ("Abdullah Abdullah", "abdullah-abdullah", "afghanistan"),
    ("Talabani", "jalal-talabani", "iraq"),
    ("Walid al-Moallem", "walid-muallem", "syria"),
    ("Mikati", "najib-mikati", "lebanon"),
    ("Shoukry", "sameh-shoukry", "egypt"),
    ("Bouteflika", "abdelaziz-bouteflika", "algeria"),
    ("Bourita", "nasser-bourita", "morocco"),
    ("Sultan Qaboos", "qaboos-bin-said", "oman"),
    ("Dbeibah", "abdul-hamid-dbeibah", "libya"),
    ("President Hadi", "abdrabbuh-mansur-hadi", "yemen"),
    ("Shtayyeh", "mohammad-shtayyeh", "palestine"),
    ("Lukashenko", "alexander-lukashenko", "belarus"),
    ("Saakashvili", "mikheil-saakashvili", "georgia"),
    ("Yanukovych", "viktor-yanukovych", "ukraine"),
    ("Kuleba", "dmytro-kuleba", "ukraine"),
    ("Sikorski", "radoslaw-sikorski", "poland"),
    ("Maia Sandu", "maia-sandu", "moldova"),
    ("Meles Zenawi", "meles-zenawi", "ethiopia"),
    ("Salva Kiir", "salva-kiir-mayardit", "south-sudan"),
    ("Hamdok", "abdalla-hamdok", "sudan"),
    ("Ruto", "william-ruto", "kenya"),
    ("Sarkozy", "nicolas-sarkozy", "france"),
    ("Scholz", "olaf-scholz", "germany"),
    ("Meloni", "giorgia-meloni", "italy"),
    ("Sunak", "rishi-sunak", "united-kingdom"),
    ("Trudeau", "justin-trudeau", "canada"),
    ("Albanese", "anthony-albanese", "australia"),
    ("Jokowi", "joko-widodo", "indonesia"),
    ("Ramaphosa", "cyril-ramaphosa", "south-africa"),
    ("Davutoglu", "ahmet-davutoglu", "turkey"),
    ("Saud al-Faisal", "saud-al-faisal", "saudi-arabia"),
    ("Mishustin", "mikhail-mishustin", "russia"),
    ("Tillerson", "rex-tillerson", "united-states"),
    ("Lloyd Austin", "lloyd-austin", "united-states"),
    ("Mattis", "james-mattis", "united-states"),
    ("Mogherini", "federica-mogherini", "european-union"),
]

# surnames shared by several listed people, or words: no alias, so no guess
NOT_PERSON_ALIASES = ["Kim", "Sharif", "Kaczynski", "Castro", "Kirchner", "Lee", "Park", "May", "Hariri"]


@pytest.mark.parametrize(("name", "person", "top"), PEOPLE + MORE_PEOPLE)
def test_a_leader_resolves_and_rolls_up_to_the_state(
    registry: ActorRegistry, name: str, person: str, top: str
) -> None:
    actor = registry.lookup(name)
    assert actor is not None and actor.id == person, name
    assert actor.type == "person"
    assert registry.rollup(actor.id)[-1] == top


@pytest.mark.parametrize("name", NOT_PERSON_ALIASES + MORE_WITHHELD)
def test_a_shared_surname_is_no_alias(registry: ActorRegistry, name: str) -> None:
    actor = registry.lookup(name)
    assert actor is None or actor.type != "person", f"{name} -> {actor.id}"


def test_leaders_hold_dated_offices_of_their_state(registry: ActorRegistry) -> None:
    pashinyan = registry.get("nikol-pashinyan")
    assert pashinyan is not None
    kishida = registry.get("fumio-kishida")
    assert kishida is not None
    assert [(a.role, a.start, a.end) for a in kishida.affiliations] == [
        ("foreign minister", "2012-12-26", "2017-08-03"),
        ("prime minister", "2021-10-04", "2024-10-01"),
    ]
    people = [a for a in registry.actors() if a.type == "person" and a.origin == "registry"]
    assert len(people) >= 700
    for person in people:
        for aff in person.affiliations:
            if aff.start and aff.end:
                assert aff.start <= aff.end, f"{person.id}: {aff.role} ends before it starts"


# --- sentences --------------------------------------------------------------------------------------
PROBES: list[tuple[str, set[tuple[str | None, str | None, str]]]] = [
    (
        "Armenian Prime Minister Nikol Pashinyan met Azerbaijani President Ilham Aliyev in Brussels.",
        {("armenia", "azerbaijan", "04")},
    ),
    (
        "Pashinyan and Aliyev agreed to resume talks on a peace treaty.",
        {("armenia", "azerbaijan", "03"), ("azerbaijan", "armenia", "03")},
    ),
    ("Moon accepted Kim Jong Un's offer to meet at the border.", {("south-korea", "north-korea", "03")}),
    ("Abe criticized Moon over the wartime labour ruling.", {("japan", "south-korea", "11")}),
    ("Foreign Minister Lapid condemned Iran.", {("israel", "iran", "11")}),
    ("Kuleba met Blinken in Kyiv on Monday.", {("ukraine", "united-states", "04")}),
    ("Modi hosted Sheikh Hasina in New Delhi.", {("india", "bangladesh", "04")}),
    ("Lula criticized Milei.", {("brazil", "argentina", "11")}),
    ("President Raul Castro welcomed Maduro to Havana.", {("cuba", "venezuela", "01")}),
    ("Sikorski accused Lukashenko of provoking a migrant crisis.", {("poland", "belarus", "11")}),
    ("Ruto met Abiy Ahmed in Addis Ababa.", {("kenya", "ethiopia", "04")}),
    (
        "Defense Secretary Lloyd Austin met Japanese Prime Minister Fumio Kishida in Tokyo.",
        {("united-states", "japan", "04")},
    ),
    ("Wang Yi met Jaishankar in Moscow.", {("china", "india", "04")}),
    ("Scientists said the moon was visible from Seoul.", set()),
]


@pytest.fixture(scope="module")
def pipeline():
    from frenemy.pipeline import Pipeline

    return Pipeline()


def _triples(pipeline, text: str) -> set[Triple]:
    return triples(pipeline, text, "2021-08-06")


@model
@pytest.mark.parametrize(("text", "want"), PROBES + MORE_PROBES)
def test_leaders_act_for_their_states(pipeline, text: str, want: set) -> None:
    assert _triples(pipeline, text) == want


@model
def test_the_word_moon_is_not_the_president(pipeline) -> None:
    for text in (
        "Scientists watched the moon rise over Seoul.",
        "The full moon was seen across South Korea.",
    ):
        result = pipeline.analyse(Document(id="moon", text=text))
        assert all(m.actor_id != "moon-jae-in" for m in result.mentions), text
    result = pipeline.analyse(Document(id="moon", text="President Moon met Kim Jong Un."))
    assert any(m.actor_id == "moon-jae-in" for m in result.mentions)


@model
def test_a_bare_surname_after_the_full_name_is_that_person(pipeline) -> None:
    text = (
        "Japanese Prime Minister Naoto Kan met Chinese Premier Wen Jiabao in Brussels. "
        "Kan later criticized Beijing."
    )
    result = pipeline.analyse(Document(id="kan", text=text))
    kan = [m for m in result.mentions if m.text == "Kan"]
    assert kan and all(m.actor_id == "naoto-kan" for m in kan)
