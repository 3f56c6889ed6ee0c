"""ActorRegistry: built-in data, lookups, forgiving resolution, user files, isolation."""

from __future__ import annotations

from pathlib import Path

import pytest

from frenemy.actors import data
from frenemy.actors.registry import ActorRegistry, load_actor_file
from frenemy.errors import ActorDataError, QueryError
from frenemy.models import Actor

DATA = Path(__file__).parent.parent / "data" / "actors"


@pytest.mark.parametrize(
    "surface", ["al Qaeda", "al-Qaeda", "Al-Qaeda", "al-Qa'ida", "al-Qaida", "AQ", "al Qaeda’s"]
)
def test_al_qaeda_variants_resolve_to_one_actor(registry: ActorRegistry, surface: str) -> None:
    actor = registry.lookup(surface)
    assert actor is not None
    assert (actor.id, actor.code) == ("al-qaeda", "IMGMUSALQ")


@pytest.mark.parametrize(
    "surface", ["the US", "US", "U.S.", "USA", "America", "United States", "the United States", "Americans"]
)
def test_united_states_variants(registry: ActorRegistry, surface: str) -> None:
    actor = registry.lookup(surface)
    assert actor is not None and actor.id == "united-states" and actor.code == "USA"


def test_acronyms_are_case_sensitive(registry: ActorRegistry) -> None:
    assert registry.lookup("us") is None
    assert registry.lookup("aq") is None
    assert registry.lookup("IRAN").id == "iran"  # all-caps text still finds ordinary names


@pytest.mark.parametrize(
    ("surface", "actor_id"),
    [
        ("Tehran", "iran"),
        ("Iranians", "iran"),
        ("the White House", "united-states"),
        ("the Kremlin", "russia"),
        ("Downing Street", "united-kingdom"),
        ("Britain", "united-kingdom"),
        ("South Korea", "south-korea"),
        ("Syria", "syria"),
        ("Vietnam", "vietnam"),
    ],
)
def test_country_names_demonyms_and_metonyms(registry: ActorRegistry, surface: str, actor_id: str) -> None:
    actor = registry.lookup(surface)
    assert actor is not None and actor.id == actor_id and actor.type == "state"


@pytest.mark.parametrize(
    ("surface", "actor_id", "code", "parent"),
    [
        ("the Pentagon", "united-states-defense-department", "USAMIL", "united-states"),
        ("Treasury Department", "united-states-treasury", "USAGOV", "united-states"),
        ("the Obama administration", "obama-administration", "USAGOV", "united-states"),
        ("CIA", "cia", "USASPY", "united-states"),
        ("IRGC", "irgc", "IRNMIL", "iran"),
        ("Daesh", "islamic-state", "IMGMUSISI", None),
        ("Ansar Allah", "houthis", "YEMREB", None),
    ],
)
def test_government_bodies_and_groups(
    registry: ActorRegistry, surface: str, actor_id: str, code: str, parent: str | None
) -> None:
    actor = registry.lookup(surface)
    assert actor is not None
    assert (actor.id, actor.code, actor.parent) == (actor_id, code, parent)


def test_generic_body_phrases_make_country_bodies() -> None:
    registry = ActorRegistry.default()
    regime = registry.lookup("the Iranian regime")
    assert regime is not None and (regime.id, regime.code, regime.parent) == ("iran-gov", "IRNGOV", "iran")
    assert registry.lookup("Iranian government") is regime
    police = registry.lookup("Egyptian police")
    assert police is not None and police.code == "EGYCOP" and police.parent == "egypt"
    assert registry.lookup("Iranian bananas") is None


def test_affiliates_stay_separate_from_al_qaeda(registry: ActorRegistry) -> None:
    aqap = registry.lookup("AQAP")
    assert aqap is not None and aqap.id != "al-qaeda"
    assert [a.actor for a in aqap.affiliations] == ["al-qaeda"]


def test_rollup_follows_parents(registry: ActorRegistry) -> None:
    assert registry.rollup("quds-force") == ["quds-force", "irgc", "iran"]
    assert registry.rollup("osama-bin-laden") == ["osama-bin-laden", "al-qaeda"]
    bin_laden = registry.get("osama-bin-laden")
    assert bin_laden is not None and bin_laden.affiliations[0].end == "2011-05-02"


def test_resolve_name_accepts_ids_aliases_and_typos(registry: ActorRegistry) -> None:
    assert registry.resolve_name("saudi-arabia").id == "saudi-arabia"
    assert registry.resolve_name("the Saudis").id == "saudi-arabia"
    assert registry.resolve_name("Hezbolah").id == "hezbollah"


def test_suggest_ranks_the_intended_actor_first(registry: ActorRegistry) -> None:
    assert registry.suggest("Hezbolah")[0].id == "hezbollah"
    assert len(registry.suggest("Hezbolah", n=3)) == 3


def test_unknown_name_raises_with_suggestions(registry: ActorRegistry) -> None:
    with pytest.raises(QueryError) as info:
        registry.resolve_name("Hezbo Party of Godz")
    assert info.value.code == "E401"
    assert "Hezbollah (hezbollah)" in str(info.value)


def test_registries_do_not_share_additions() -> None:
    first, second = ActorRegistry.default(), ActorRegistry.default()
    first.add(Actor(id="test-zorblax", name="Zorblax Front", type="armed_group"))
    assert first.lookup("Zorblax Front") is not None
    assert second.lookup("Zorblax Front") is None and second.get("test-zorblax") is None
    first.lookup("Chadian army")
    assert second.get("chad-mil") is None


def test_user_file_adds_and_overrides(tmp_path: Path) -> None:
    registry = ActorRegistry.default(extra_files=[DATA / "user_actors.yaml"])
    atiyah = registry.lookup("Atiyya")
    assert atiyah is not None and atiyah.id == "atiyah-abd-al-rahman" and atiyah.origin == "user"
    assert registry.rollup(atiyah.id) == ["atiyah-abd-al-rahman", "al-qaeda"]
    assert atiyah.affiliations[0].end == "2011-08-22"
    assert registry.fingerprint() != ActorRegistry.default().fingerprint()


@pytest.mark.parametrize(
    ("content", "expected"),
    [
        ("- {id: x-group, name: X, type: militia}\n", "entry 1 (id 'x-group'): type 'militia'"),
        ("- {id: Bad Id, name: X}\n", "id 'Bad Id' must be a lowercase slug"),
        (
            "- {id: ok, name: OK}\n- {id: y, name: Y, aliases: Y}\n",
            "entry 2 (id 'y'): aliases must be a list",
        ),
        ("- {id: z, name: Z, affiliations: [{actor: al-qaeda, start: last spring}]}\n", "not an ISO date"),
        ("- [unclosed\n", "is not valid YAML"),
    ],
)
def test_malformed_user_files_name_the_file_and_entry(tmp_path: Path, content: str, expected: str) -> None:
    path = tmp_path / "bad.yaml"
    path.write_text(content, encoding="utf-8")
    with pytest.raises(ActorDataError) as info:
        load_actor_file(path)
    assert str(path) in str(info.value)
    assert expected in str(info.value)


def test_unknown_parent_in_user_file_is_an_error(tmp_path: Path) -> None:
    path = tmp_path / "orphan.yaml"
    path.write_text(
        "- {id: lone-wolf, name: Lone Wolf, type: person, parent: no-such-group}\n", encoding="utf-8"
    )
    with pytest.raises(ActorDataError) as info:
        ActorRegistry.default(extra_files=[path])
    assert info.value.code == "E312" and "no-such-group" in str(info.value)


def test_builtin_data_is_complete_and_consistent(registry: ActorRegistry) -> None:
    assert len(data.curated_entries()) >= 150
    assert len(data.agent_lexicon()) >= 300
    demonyms = sum(len(row.demonyms) for row in data.country_rows().values())
    assert demonyms >= 120
    states = [a for a in registry.actors() if a.type == "state"]
    assert len(states) >= 249 and all(a.code and len(a.code) == 3 for a in states)
    for actor in registry.actors():
        for ref in [actor.parent, *(aff.actor for aff in actor.affiliations)]:
            assert ref is None or registry.get(ref) is not None, f"{actor.id} refers to unknown {ref}"
    assert registry.builtin_alias_conflicts() == []


def test_agent_lexicon_codes(registry: ActorRegistry) -> None:
    lexicon = data.agent_lexicon()
    expected = {
        "court": "JUD",
        "minister": "GOV",
        "troops": "MIL",
        "police": "COP",
        "activist": "OPP",
        "civilian": "CVL",
        "militant": "REB",
        "student": "EDU",
        "journalist": "MED",
        "refugee": "REF",
        "spy": "SPY",
        "lawmaker": "LEG",
        "cleric": "REL",
        "businessman": "BUS",
    }
    assert {noun: lexicon[noun] for noun in expected} == expected


def test_closest_builtin_catches_long_misspellings_only(registry: ActorRegistry) -> None:
    assert registry.closest_builtin("Osama bin Ladenn").id == "osama-bin-laden"
    assert registry.closest_builtin("Hizbollahh").id == "hezbollah"
    assert registry.closest_builtin("United Nationals") is None
    assert registry.closest_builtin("Hamas") is None  # too short to guess
