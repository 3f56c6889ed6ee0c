"""Loading frenemy's built-in actor data files (src/frenemy/resources/actors/) once per process.

Each loader parses one file and returns plain values; the registry turns them into actors.
Files are read through importlib.resources so they work from an installed wheel too.
"""

from __future__ import annotations

import hashlib
from dataclasses import dataclass
from functools import lru_cache
from importlib import resources

from frenemy.errors import ActorDataError

PACKAGE = "frenemy.resources.actors"
DATA_FILES = (
    "countries.tsv",
    "actors.yaml",
    "agents.tsv",
    "qualifiers.tsv",
    "sectors.tsv",
    "coref.tsv",
    "not_actors.txt",
    "state_nouns.tsv",
    "place_nouns.txt",
    "landforms.txt",
    "named_for_places.txt",
    "agreement_words.txt",
    "cities.tsv",
)


@dataclass(frozen=True)
class CountryRow:
    """One line of countries.tsv (every field optional except the code)."""

    alpha3: str
    short_name: str
    aliases: tuple[str, ...]
    demonyms: tuple[str, ...]
    metonyms: tuple[str, ...]


@dataclass(frozen=True)
class SectorInfo:
    code: str
    label: str
    actor_type: str


def read_text(name: str) -> str:
    """The text of a built-in data file."""
    return resources.files(PACKAGE).joinpath(name).read_text(encoding="utf-8")


@lru_cache(maxsize=1)
def data_fingerprint() -> str:
    """A hash of the built-in data files and the pycountry version (changes when the data does)."""
    from importlib.metadata import version

    digest = hashlib.sha256()
    for name in DATA_FILES:
        digest.update(name.encode())
        digest.update(resources.files(PACKAGE).joinpath(name).read_bytes())
    digest.update(version("pycountry").encode())  # the ISO country list comes from pycountry
    return digest.hexdigest()


def _rows(name: str) -> list[tuple[int, list[str]]]:
    rows = []
    for number, line in enumerate(read_text(name).splitlines(), start=1):
        if not line.strip() or line.startswith("#"):
            continue
        rows.append((number, line.rstrip("\n").split("\t")))
    return rows


def _split(field: str) -> tuple[str, ...]:
    return tuple(part.strip() for part in field.split("|") if part.strip())


@lru_cache(maxsize=1)
def country_rows() -> dict[str, CountryRow]:
    """countries.tsv by alpha-3 code."""
    out: dict[str, CountryRow] = {}
    for number, cols in _rows("countries.tsv"):
        cols = cols + [""] * (5 - len(cols))
        alpha3 = cols[0].strip()
        if len(alpha3) != 3 or not alpha3.isupper():
            raise ActorDataError(
                f"countries.tsv line {number}: {alpha3!r} is not an ISO alpha-3 code; fix the line",
                code="E311",
            )
        out[alpha3] = CountryRow(alpha3, cols[1].strip(), _split(cols[2]), _split(cols[3]), _split(cols[4]))
    return out


@lru_cache(maxsize=1)
def cities() -> dict[str, tuple[str, ...]]:
    """cities.tsv: alpha-3 code -> the major cities of that country ("PAK" -> "Karachi", ...)."""
    out: dict[str, tuple[str, ...]] = {}
    for number, cols in _rows("cities.tsv"):
        alpha3 = cols[0].strip()
        if len(cols) < 2 or len(alpha3) != 3 or not alpha3.isupper():
            raise ActorDataError(
                f"cities.tsv line {number}: expected 'alpha3<TAB>city|city'; fix the line", code="E311"
            )
        out[alpha3] = out.get(alpha3, ()) + _split(cols[1])
    return out


@lru_cache(maxsize=1)
def agent_lexicon() -> dict[str, str]:
    """Role noun (lowercase lemma, possibly several words) -> CAMEO role code, from agents.tsv."""
    out: dict[str, str] = {}
    for number, cols in _rows("agents.tsv"):
        if len(cols) < 2 or not cols[1].strip():
            raise ActorDataError(f"agents.tsv line {number}: expected 'noun<TAB>code'", code="E311")
        out[cols[0].strip().lower()] = cols[1].strip()
    return out


@lru_cache(maxsize=1)
def qualifiers() -> dict[str, str]:
    """Lowercase group qualifier ("sunni", "shiite") -> its canonical form ("Sunni", "Shia")."""
    return {
        cols[0].strip().lower(): (cols[1].strip() if len(cols) > 1 else cols[0].strip())
        for _, cols in _rows("qualifiers.tsv")
    }


@lru_cache(maxsize=1)
def sectors() -> dict[str, SectorInfo]:
    """CAMEO role code -> label and actor type for body actors, from sectors.tsv."""
    return {cols[0]: SectorInfo(cols[0], cols[1], cols[2]) for _, cols in _rows("sectors.tsv")}


@lru_cache(maxsize=1)
def curated_entries() -> list[dict[str, object]]:
    """The raw entries of actors.yaml (validated by the registry loader)."""
    import yaml

    loader = getattr(yaml, "CSafeLoader", yaml.SafeLoader)
    data = yaml.load(read_text("actors.yaml"), Loader=loader)  # noqa: S506 - a safe loader
    if not isinstance(data, list):
        raise ActorDataError("actors.yaml: expected a list of actor entries", code="E311")
    return data


@lru_cache(maxsize=1)
def coref_nouns() -> dict[str, str]:
    """Noun -> "group" or "named": definite descriptions that point back to a named actor."""
    return {cols[0].strip().lower(): cols[1].strip() for _, cols in _rows("coref.tsv")}


@dataclass(frozen=True)
class StateNoun:
    """One line of state_nouns.tsv: a description of a state, or of a pair of actors."""

    kind: str  # "state", "pair" or "pair2" (a pair only with "two" or "both")
    countries: frozenset[str] | None  # ISO alpha-3 codes it may stand for; None = any


@lru_cache(maxsize=1)
def state_nouns() -> dict[str, StateNoun]:
    """Lowercase phrase ("kingdom", "gulf state", "rivals") -> what it refers back to."""
    out: dict[str, StateNoun] = {}
    for line, cols in _rows("state_nouns.tsv"):
        if len(cols) < 3 or cols[1].strip() not in ("state", "pair", "pair2"):
            raise ActorDataError(
                f"state_nouns.tsv line {line}: expected phrase, state|pair|pair2, countries", code="E311"
            )
        codes = cols[2].strip()
        countries = (
            None if codes == "*" else frozenset(c.strip().upper() for c in codes.split("|") if c.strip())
        )
        out[cols[0].strip().lower()] = StateNoun(cols[1].strip(), countries)
    return out


@lru_cache(maxsize=1)
def place_nouns() -> frozenset[str]:
    """Lowercase nouns for kinds of place ("town", "province"): "the town of X" names a place."""
    return frozenset(cols[0].strip().lower() for _, cols in _rows("place_nouns.txt"))


@lru_cache(maxsize=1)
def landforms() -> frozenset[str]:
    """Lowercase nouns for natural features ("lake", "river"): a name ending in one is a place."""
    return frozenset(cols[0].strip().lower() for _, cols in _rows("landforms.txt"))


@lru_cache(maxsize=1)
def named_for_places() -> frozenset[str]:
    """Lowercase nouns ("agreement", "accords", "talks") a capital or city before them names."""
    return frozenset(cols[0].strip().lower() for _, cols in _rows("named_for_places.txt"))


@lru_cache(maxsize=1)
def agreement_words() -> frozenset[str]:
    """Lowercase words ("agreement", "treaty", "act") that end the name of an agreement or a law."""
    return frozenset(cols[0].strip().lower() for _, cols in _rows("agreement_words.txt"))


@lru_cache(maxsize=1)
def seat_and_city_names() -> frozenset[str]:
    """Lowercase capitals, seats of government and cities (countries.tsv metonyms, cities.tsv)."""
    names = {m.lower() for row in country_rows().values() for m in row.metonyms}
    names.update(c.lower() for found in cities().values() for c in found)
    return frozenset(names)


@lru_cache(maxsize=1)
def not_actors() -> frozenset[str]:
    """Lowercase words and phrases never taken as a new actor on their own."""
    return frozenset(cols[0].strip().lower() for _, cols in _rows("not_actors.txt"))
