"""The single source of "who is who": built-in actors, user actor files and corpus actors.

``ActorRegistry.default()`` returns a registry over the built-in data (countries from pycountry and
countries.tsv, curated actors.yaml) plus optional user YAML files. The built-in part is parsed once
per process and shared; everything added later (user files, actors found in documents) lives in the
registry object that added it, so two registries never see each other's additions.
"""

from __future__ import annotations

import hashlib
import re
from collections.abc import Iterable, Sequence
from dataclasses import dataclass, field
from datetime import date
from functools import lru_cache
from pathlib import Path
from typing import Any, get_args

from frenemy.actors import data
from frenemy.actors.normalize import alias_key, clean_surface, folded_key, slugify
from frenemy.errors import ActorDataError, QueryError
from frenemy.models import Actor, ActorType, Affiliation

ACTOR_TYPES = frozenset(get_args(ActorType))
_ID_PATTERN = re.compile(r"^[a-z0-9][a-z0-9-]*$")
_DATE_PATTERN = re.compile(r"^\d{4}(-\d{2}(-\d{2})?)?$")
_ENTRY_KEYS = {"id", "name", "type", "code", "country", "sector", "aliases", "affiliations", "parent"}
_AFFILIATION_KEYS = {"actor", "role", "start", "end"}
_FUZZY_ACCEPT = 90.0  # rapidfuzz ratio above which a misspelt query is taken as the actor
_FUZZY_MARGIN = 4.0  # ... provided no other actor scores within this margin


@dataclass
class _AliasTable:
    """Alias keys of a set of actors: exact keys, case-folded keys, and first-word lengths."""

    index: dict[str, str] = field(default_factory=dict)  # alias_key -> actor id
    folded: dict[str, list[str]] = field(default_factory=dict)  # folded_key -> actor ids
    first_words: dict[str, int] = field(default_factory=dict)  # first word of a key -> most words
    choices: list[str] = field(default_factory=list)  # folded keys, for fuzzy matching
    choice_ids: list[str] = field(default_factory=list)
    conflicts: list[tuple[str, str, str]] = field(default_factory=list)  # (key, kept id, other id)

    def add(self, actor_id: str, names: Iterable[str], *, override: bool = False) -> None:
        for name in names:
            key = alias_key(name)
            if not key:
                continue
            held = self.index.get(key)
            if held is None or override:
                self.index[key] = actor_id
            elif held != actor_id:
                self.conflicts.append((key, held, actor_id))
            words = key.split(" ")
            first = words[0].lower()
            if len(words) > self.first_words.get(first, 0):
                self.first_words[first] = len(words)
            fold = key.lower()
            ids = self.folded.setdefault(fold, [])
            if actor_id not in ids:
                ids.append(actor_id)
                self.choices.append(fold)
                self.choice_ids.append(actor_id)


@dataclass
class _BuiltIn:
    """The immutable, per-process part of every registry."""

    actors: dict[str, Actor]
    aliases: _AliasTable
    demonyms: dict[str, str]  # alias_key of a demonym -> country id
    fingerprint: str


def _iso_date(value: Any, where: str, what: str) -> str | None:
    if value is None:
        return None
    if isinstance(value, date):
        return value.isoformat()
    if isinstance(value, int):
        value = str(value)
    if not isinstance(value, str) or not _DATE_PATTERN.match(value):
        raise ActorDataError(
            f"{where}: {what} {value!r} is not an ISO date (YYYY, YYYY-MM or YYYY-MM-DD)", code="E311"
        )
    return value


def parse_actor_entry(entry: Any, where: str, *, origin: str = "user") -> Actor:
    """Validate one YAML entry and build its Actor; ``where`` names the file and entry for errors."""
    if not isinstance(entry, dict):
        raise ActorDataError(f"{where}: an entry must be a mapping with at least id and name", code="E311")
    unknown = set(entry) - _ENTRY_KEYS
    if unknown:
        raise ActorDataError(
            f"{where}: unknown field(s) {', '.join(sorted(map(str, unknown)))}; allowed: {', '.join(sorted(_ENTRY_KEYS))}",
            code="E311",
        )
    actor_id, name = entry.get("id"), entry.get("name")
    if not isinstance(actor_id, str) or not _ID_PATTERN.match(actor_id):
        raise ActorDataError(
            f"{where}: id {actor_id!r} must be a lowercase slug such as 'al-qaeda'", code="E311"
        )
    if not isinstance(name, str) or not name.strip():
        raise ActorDataError(f"{where}: name is missing or not text", code="E311")
    actor_type = entry.get("type", "other")
    if actor_type not in ACTOR_TYPES:
        raise ActorDataError(
            f"{where}: type {actor_type!r} is not one of {', '.join(sorted(ACTOR_TYPES))}", code="E311"
        )
    for key in ("code", "sector", "parent"):
        if entry.get(key) is not None and not isinstance(entry[key], str):
            raise ActorDataError(f"{where}: {key} must be text", code="E311")
    country = entry.get("country")
    if country is not None and (not isinstance(country, str) or not re.match(r"^[A-Z]{3}$", country)):
        raise ActorDataError(
            f"{where}: country {country!r} must be an ISO alpha-3 code such as 'IRN'", code="E311"
        )
    aliases = entry.get("aliases") or []
    if not isinstance(aliases, list) or not all(isinstance(a, str) for a in aliases):
        raise ActorDataError(f"{where}: aliases must be a list of names", code="E311")
    affiliations = []
    for number, aff in enumerate(entry.get("affiliations") or [], start=1):
        if not isinstance(aff, dict) or not isinstance(aff.get("actor"), str):
            raise ActorDataError(f"{where}: affiliation {number} needs an 'actor' id", code="E311")
        if set(aff) - _AFFILIATION_KEYS:
            raise ActorDataError(f"{where}: affiliation {number} has unknown fields", code="E311")
        affiliations.append(
            Affiliation(
                actor=aff["actor"],
                role=str(aff["role"]) if aff.get("role") is not None else None,
                start=_iso_date(aff.get("start"), where, f"affiliation {number} start"),
                end=_iso_date(aff.get("end"), where, f"affiliation {number} end"),
            )
        )
    return Actor(
        id=actor_id,
        name=name.strip(),
        type=actor_type,
        code=entry.get("code"),
        country=country,
        sector=entry.get("sector"),
        aliases=[a.strip() for a in aliases if a.strip()],
        affiliations=affiliations,
        parent=entry.get("parent"),
        origin=origin,
    )


def load_actor_file(path: str | Path, *, origin: str = "user") -> list[Actor]:
    """Read and validate a user actor YAML file (format: docs/actors.md).

    Raises ActorDataError naming the file and the entry when the file is unreadable or malformed.

    >>> load_actor_file("my_actors.yaml")  # doctest: +SKIP
    [Actor(id='atiyah-abd-al-rahman', ...)]
    """
    import yaml

    path = Path(path)
    try:
        text = path.read_text(encoding="utf-8")
    except (OSError, UnicodeDecodeError) as exc:
        raise ActorDataError(f"cannot read actor file {path}: {exc}", code="E310") from exc
    try:
        raw = yaml.safe_load(text)
    except yaml.YAMLError as exc:
        raise ActorDataError(f"actor file {path} is not valid YAML: {exc}", code="E310") from exc
    if isinstance(raw, dict) and "actors" in raw:
        raw = raw["actors"]
    if not isinstance(raw, list):
        raise ActorDataError(
            f"actor file {path}: expected a list of actor entries (see docs/actors.md)", code="E310"
        )
    actors: list[Actor] = []
    seen: set[str] = set()
    for number, entry in enumerate(raw, start=1):
        label = entry.get("id") if isinstance(entry, dict) else None
        where = f"actor file {path}, entry {number}" + (f" (id {label!r})" if label else "")
        actor = parse_actor_entry(entry, where, origin=origin)
        if actor.id in seen:
            raise ActorDataError(f"{where}: id {actor.id!r} is used twice in this file", code="E311")
        seen.add(actor.id)
        actors.append(actor)
    return actors


def _countries() -> tuple[list[Actor], dict[str, list[str]], dict[str, list[str]]]:
    """Every ISO country as a state actor; returns (actors, primary names, secondary names) by id."""
    import pycountry

    rows = data.country_rows()
    actors: list[Actor] = []
    primary: dict[str, list[str]] = {}
    secondary: dict[str, list[str]] = {}
    for country in pycountry.countries:
        alpha3 = country.alpha_3
        row = rows.get(alpha3)
        common = getattr(country, "common_name", None)
        name = (row.short_name if row and row.short_name else None) or common or country.name
        iso_names = [n for n in (country.name, common, getattr(country, "official_name", None)) if n]
        extra = list(row.aliases) if row else []
        demonyms = list(row.demonyms) if row else []
        metonyms = list(row.metonyms) if row else []
        aliases = _unique([*extra, *iso_names, *demonyms, *metonyms], exclude=name)
        actor = Actor(
            id=slugify(name),
            name=name,
            type="state",
            code=alpha3,
            country=alpha3,
            aliases=aliases,
            origin="registry",
        )
        actors.append(actor)
        primary[actor.id] = [name, *extra, *demonyms]
        secondary[actor.id] = [*iso_names, *metonyms]
    return actors, primary, secondary


def _unique(names: Iterable[str], exclude: str = "") -> list[str]:
    out: list[str] = []
    for n in names:
        if n and n != exclude and n not in out:
            out.append(n)
    return out


@lru_cache(maxsize=1)
def _builtin() -> _BuiltIn:
    actors: dict[str, Actor] = {}
    table = _AliasTable()
    countries, primary, secondary = _countries()
    for actor in countries:
        actors[actor.id] = actor
    # Country names first, then curated actors, then ISO long forms and capitals: earlier wins a clash.
    for actor in countries:
        table.add(actor.id, primary[actor.id])
    curated: list[Actor] = []
    for number, entry in enumerate(data.curated_entries(), start=1):
        actor = parse_actor_entry(entry, f"built-in actors.yaml, entry {number}", origin="registry")
        if actor.id in actors:
            raise ActorDataError(
                f"built-in actors.yaml, entry {number}: id {actor.id!r} is used twice", code="E311"
            )
        actors[actor.id] = actor
        curated.append(actor)
        table.add(actor.id, [actor.name, *actor.aliases])
    for actor in countries:
        table.add(actor.id, secondary[actor.id])
    # major cities last: a city stands for its state only where no other name claims the word
    cities = data.cities()
    for actor in countries:
        table.add(actor.id, list(cities.get(actor.code or "", ())))
    demonyms: dict[str, str] = {}
    rows = data.country_rows()
    for actor in countries:
        row = rows.get(actor.code or "")
        for demonym in row.demonyms if row else ():
            demonyms.setdefault(alias_key(demonym), actor.id)
    return _BuiltIn(actors=actors, aliases=table, demonyms=demonyms, fingerprint=data.data_fingerprint())


def _plural_to_singular(word: str) -> list[str]:
    forms = [word]
    if word.endswith("ies"):
        forms.append(word[:-3] + "y")
    if word.endswith("men"):
        forms.append(word[:-3] + "man")
    if word.endswith("es"):
        forms.append(word[:-2])
    if word.endswith("s"):
        forms.append(word[:-1])
    return forms


class ActorRegistry:
    """Who is who: look up, resolve, add and roll up actors.

    >>> reg = ActorRegistry.default()
    >>> reg.lookup("al Qaeda").id, reg.lookup("the US").code
    ('al-qaeda', 'USA')
    """

    def __init__(self, builtin: _BuiltIn) -> None:
        self._base = builtin
        self._actors: dict[str, Actor] = {}
        self._aliases = _AliasTable()
        self._files: list[str] = []

    # --- construction -------------------------------------------------------------------------
    @classmethod
    def default(cls, extra_files: Sequence[str | Path] = ()) -> ActorRegistry:
        """A fresh registry over the built-in data plus ``extra_files`` (user actor YAML).

        The built-in data is parsed once per process and shared read-only between registries.
        """
        registry = cls(_builtin())
        for path in extra_files:
            registry.load_actor_file(path)
        return registry

    def load_actor_file(self, path: str | Path) -> list[Actor]:
        """Load a user actor file into this registry (its actors override built-in ones by id and
        alias) and return its actors. Raises ActorDataError for a malformed file or a parent or
        affiliation that names an unknown actor."""
        actors = load_actor_file(path)
        own = {a.id for a in actors}
        for number, actor in enumerate(actors, start=1):
            refs = [actor.parent] if actor.parent else []
            refs += [aff.actor for aff in actor.affiliations]
            for ref in refs:
                if ref not in own and self.get(ref) is None:
                    raise ActorDataError(
                        f"actor file {path}, entry {number} (id {actor.id!r}): refers to unknown actor {ref!r}; "
                        "use the id of a built-in actor or one defined in the file",
                        code="E312",
                    )
        for actor in actors:
            self.add(actor, override=True)
        digest = hashlib.sha256(Path(path).read_bytes()).hexdigest()
        self._files.append(digest)
        return actors

    # --- reading ------------------------------------------------------------------------------
    def get(self, actor_id: str) -> Actor | None:
        """The actor with this id, or None."""
        return self._actors.get(actor_id) or self._base.actors.get(actor_id)

    def actors(self) -> list[Actor]:
        """Every actor known to this registry (built-in, user and corpus)."""
        merged = dict(self._base.actors)
        merged.update(self._actors)
        return list(merged.values())

    def added_actors(self) -> list[Actor]:
        """Actors added to this registry after construction (user files and corpus actors)."""
        return list(self._actors.values())

    def actor_for_key(self, key: str) -> Actor | None:
        """The actor whose alias has exactly this ``alias_key`` (the fast path of mention finding)."""
        actor_id = self._aliases.index.get(key) or self._base.aliases.index.get(key)
        return self.get(actor_id) if actor_id else None

    def max_alias_words(self, first_word: str) -> int:
        """How many words the longest alias starting with ``first_word`` (lowercase) has; 0 if none."""
        return max(
            self._aliases.first_words.get(first_word, 0), self._base.aliases.first_words.get(first_word, 0)
        )

    def demonym_country(self, surface: str) -> Actor | None:
        """The country of a demonym ("Iranian", "Iranians", "Saudi"), else None."""
        country_id = self._base.demonyms.get(alias_key(surface))
        return self.get(country_id) if country_id else None

    def lookup(self, surface: str) -> Actor | None:
        """The actor whose alias matches ``surface`` exactly after normalisation, else None.

        Case-insensitive except for short all-caps acronyms ("US" is not "us"); apostrophes,
        hyphens, a leading "the" and a possessive "'s" do not matter. "<country or demonym>
        <role noun>" ("Iranian regime", "Tunisian court") gives that country's body for the role.
        """
        key = alias_key(surface)
        if not key:
            return None
        actor = self.actor_for_key(key)
        if actor is None and key != key.lower():
            # All-caps text ("IRAN") may still be an ordinary name; lowercase text never matches
            # an acronym, which is what keeps "us" from meaning the United States.
            actor = self.actor_for_key(key.lower())
        return actor or self._body_from_phrase(surface)

    def _body_from_phrase(self, surface: str) -> Actor | None:
        words = clean_surface(surface).replace("-", " ").split()
        lexicon = data.agent_lexicon()
        for n in (2, 1):
            if len(words) <= n:
                continue
            tail = [w.lower() for w in words[-n:]]
            for last in _plural_to_singular(tail[-1]):
                sector = lexicon.get(" ".join([*tail[:-1], last]))
                if sector is None:
                    continue
                country = self.actor_for_key(alias_key(" ".join(words[:-n])))
                if country is not None and country.type == "state":
                    return self.body(country, sector)
        return None

    def rollup(self, actor_id: str) -> list[str]:
        """The actor and the chain of its parents: ``rollup("quds-force") == ["quds-force", "irgc", "iran"]``."""
        chain: list[str] = []
        current: str | None = actor_id
        while current and current not in chain:
            chain.append(current)
            actor = self.get(current)
            current = actor.parent if actor else None
        return chain

    def fingerprint(self) -> str:
        """A hash of the actor data in use (built-in files and any user files loaded)."""
        digest = hashlib.sha256(self._base.fingerprint.encode())
        for file_digest in self._files:
            digest.update(file_digest.encode())
        return digest.hexdigest()

    # --- forgiving resolution -------------------------------------------------------------------
    def suggest(self, name: str, n: int = 5) -> list[Actor]:
        """Up to ``n`` actors whose names are closest to ``name``, best first."""
        from rapidfuzz import fuzz, process

        query = folded_key(name)
        if not query:
            return []
        out: list[Actor] = []
        scored: dict[str, float] = {}
        for table in (self._aliases, self._base.aliases):
            found = process.extract(query, table.choices, scorer=fuzz.WRatio, limit=n * 6, score_cutoff=50)
            for choice, score, index in found:
                if len(choice) < 4 <= len(query):
                    continue  # two- and three-letter acronyms match anything partially
                actor_id = table.choice_ids[index]
                scored[actor_id] = max(score, scored.get(actor_id, 0.0))
        for actor_id, _score in sorted(scored.items(), key=lambda item: -item[1]):
            actor = self.get(actor_id)
            if actor is not None:
                out.append(actor)
            if len(out) >= n:
                break
        return out

    def resolve_name(self, name: str) -> Actor:
        """The actor a user means by ``name``: an id, an alias, or a close misspelling.

        Raises QueryError listing up to five suggestions when the name is unknown or ambiguous.

        >>> ActorRegistry.default().resolve_name("Hizbollah").id
        'hezbollah'
        """
        from rapidfuzz import fuzz, process

        text = (name or "").strip()
        if not text:
            raise QueryError("empty actor name; give an actor id or name such as 'iran'", code="E401")
        actor = self.get(text) or self.get(slugify(text)) or self.lookup(text)
        if actor is not None:
            return actor
        fold = folded_key(text)
        ids = _unique([*self._aliases.folded.get(fold, []), *self._base.aliases.folded.get(fold, [])])
        if len(ids) == 1:
            found = self.get(ids[0])
            if found is not None:
                return found
        if len(ids) > 1:
            options = [a for a in (self.get(i) for i in ids[:5]) if a is not None]
            raise QueryError(
                f"actor name {text!r} is ambiguous: {_describe(options)}; use one of these ids", code="E402"
            )
        best: dict[str, float] = {}
        for table in (self._aliases, self._base.aliases):
            for _choice, score, index in process.extract(fold, table.choices, scorer=fuzz.ratio, limit=10):
                actor_id = table.choice_ids[index]
                best[actor_id] = max(score, best.get(actor_id, 0.0))
        ranked = sorted(best.items(), key=lambda item: -item[1])
        if (
            ranked
            and ranked[0][1] >= _FUZZY_ACCEPT
            and (len(ranked) == 1 or ranked[1][1] < ranked[0][1] - _FUZZY_MARGIN)
        ):
            found = self.get(ranked[0][0])
            if found is not None:
                return found
        suggestions = self.suggest(text)
        hint = f"; did you mean: {_describe(suggestions)}?" if suggestions else ""
        raise QueryError(f"unknown actor {text!r}{hint} (frenemy actors lists the known actors)", code="E401")

    def closest_builtin(self, name: str, *, min_ratio: float = 94.0) -> Actor | None:
        """The built-in actor one of whose names is a near-exact spelling of ``name`` (rapidfuzz
        ratio >= ``min_ratio`` on names of 8 or more letters), else None. For misspellings found in
        documents ("Hizbolah"); short names are never matched this way."""
        from rapidfuzz import fuzz, process

        query = folded_key(name)
        if len(query) < 8:
            return None
        table = self._base.aliases
        hit = process.extractOne(query, table.choices, scorer=fuzz.ratio, score_cutoff=min_ratio)
        if hit is None or len(hit[0]) < 8:
            return None
        return self.get(table.choice_ids[hit[2]])

    # --- adding ---------------------------------------------------------------------------------
    def add(self, actor: Actor, *, override: bool = False) -> Actor:
        """Add (or replace by id) an actor in this registry only and index its name and aliases.

        With ``override`` its aliases take precedence over existing ones (user files); otherwise an
        alias already held by another actor keeps pointing there.
        """
        self._actors[actor.id] = actor
        names = [actor.name, *actor.aliases]
        if not override:
            names = [
                n for n in names if (held := self.actor_for_key(alias_key(n))) is None or held.id == actor.id
            ]
        self._aliases.add(actor.id, names, override=override)
        return actor

    def add_alias(self, actor: Actor, alias: str) -> None:
        """Record another surface form for an actor of this registry (a corpus spelling variant)."""
        if alias not in actor.aliases and alias != actor.name:
            if actor.id in self._actors:
                actor.aliases.append(alias)
            if self.actor_for_key(alias_key(alias)) is None:
                self._aliases.add(actor.id, [alias])

    def body(self, country: Actor, sector: str) -> Actor:
        """The body of ``country`` for a CAMEO role ("iran-gov" for Iran and GOV), created if new."""
        actor_id = f"{country.id}-{sector.lower()}"
        existing = self.get(actor_id)
        if existing is not None:
            return existing
        info = data.sectors().get(sector)
        label = info.label if info else sector.lower()
        return self.add(
            Actor(
                id=actor_id,
                name=f"{country.name} {label}",
                type=info.actor_type if info else "other",
                code=f"{country.code or ''}{sector}",
                country=country.country,
                sector=sector,
                parent=country.id,
                origin="description",
            )
        )

    def group(self, qualifier: str, sector: str) -> Actor:
        """A country-less description actor such as "Sunni militants" (id "sunni-reb", code "REB")."""
        actor_id = f"{slugify(qualifier)}-{sector.lower()}"
        existing = self.get(actor_id)
        if existing is not None:
            return existing
        info = data.sectors().get(sector)
        label = info.label if info else sector.lower()
        return self.add(
            Actor(
                id=actor_id,
                name=f"{qualifier} {label}",
                type=info.actor_type if info else "other",
                code=sector,
                sector=sector,
                origin="description",
            )
        )

    def builtin_alias_conflicts(self) -> list[tuple[str, str, str]]:
        """Alias keys claimed by two built-in actors: (key, the id that keeps it, the other id)."""
        return list(self._base.aliases.conflicts)


def _describe(actors: Iterable[Actor]) -> str:
    return ", ".join(f"{a.name} ({a.id})" for a in actors)
