"""The event lexicon: which words and phrases name which CAMEO action.

Entries are data (``resources/events/lexicon.tsv`` plus user files given with ``--lexicon FILE``),
one per line, tab-separated::

    lemma  pos  cameo  prep  particle  object  flags

``lemma`` is the head word's lemma ("detain", "release"), ``pos`` V (verb), N (event noun) or A
(predicative adjective, "let them free"). ``prep`` lists the prepositions that introduce the target
("against", "with|to"; ``-`` means the direct object, or for nouns the "of" phrase). ``particle``
is a required verb particle ("on" in "hold on to"), ``object`` the required object lemmas
("tie|relation" in "cut ties with"). ``flags`` (comma-separated): ``sym`` (a joint action: "A and B
agreed" gives both directions), ``notarget`` / ``nosource`` (the event may lack that actor),
``nopassive``, ``topic`` (the direct object is what is talked about, never the other party:
"discussed the downing of the Russian jet"), ``reply`` (with no target, answer the last event aimed at the source: "the
administration refused"), ``fallback`` (the lemma's general sense, tried after its specific entries: the ``object``
constraint is ignored, ``prep`` names where the target usually stands, and when it is not there
the general target search looks one level further), ``mod=WORD`` (a dependent with that lemma is
required: "double" for
"double-cross"), ``amod=WORD`` (the object needs that modifier: "diplomatic" relations),
``list=KIND`` (the act puts a party on a list or takes it off: the direct object is the party, the
entry's preposition introduces the list, whose own words must be of that kind, "hostile" for a
sanctions or terrorism list, "favour" for a preferred-trade one: "removed South Korea from its list
of preferred trading partners"; the words are kinds "list-hostile" / "list-favour" in
resources/events/modality.tsv).
"""

from __future__ import annotations

from collections.abc import Iterable, Sequence
from dataclasses import dataclass, field
from functools import lru_cache
from importlib import resources
from pathlib import Path

from frenemy.errors import ActorDataError, read_user_file
from frenemy.extract.cameo import cameo_table

_POS = {"V", "N", "A"}
_FLAGS = {"sym", "notarget", "nosource", "nopassive", "reply", "fallback", "topic", "clause"}
_VALUE_FLAGS = {"mod", "amod"}
_LIST_KINDS = {"hostile", "favour"}


@dataclass(frozen=True)
class LexEntry:
    """One lexicon line: a head lemma with the constraints under which it names ``cameo``."""

    lemma: str
    pos: str
    cameo: str
    preps: frozenset[str] = frozenset()
    particle: str | None = None
    objects: frozenset[str] = frozenset()
    flags: frozenset[str] = frozenset()
    mods: frozenset[str] = frozenset()
    amods: frozenset[str] = frozenset()
    lists: frozenset[str] = frozenset()  # kinds of list the entry's preposition must introduce
    origin: str = "built-in"

    @property
    def specificity(self) -> int:
        """More constraints first: "cut ties with" beats "cut"; a fallback sense comes last."""
        if "fallback" in self.flags:
            return -1
        return (
            2 * bool(self.objects)
            + 2 * bool(self.particle)
            + 2 * bool(self.mods)
            + 2 * bool(self.amods)
            + 2 * bool(self.lists)
            + bool(self.preps)
        )

    def has(self, flag: str) -> bool:
        return flag in self.flags


@dataclass
class EventLexicon:
    """Lexicon entries indexed by (lemma, pos); lookups are one dict access."""

    entries: dict[tuple[str, str], list[LexEntry]] = field(default_factory=dict)

    @staticmethod
    def load(extra_files: Sequence[Path] = ()) -> EventLexicon:
        """The built-in lexicon plus user files (same TSV format), which add entries.

        >>> lex = EventLexicon.load()
        >>> lex.lookup("detain", "V")[0].cameo
        '173'

        A malformed user file raises ``ActorDataError`` (E320) naming the file and line.
        """
        return _load_cached(tuple(Path(p) for p in extra_files))

    def lookup(self, lemma: str, pos: str) -> list[LexEntry]:
        """Entries for a head lemma and part of speech, most specific first."""
        return self.entries.get((lemma, pos), [])

    def __len__(self) -> int:
        return sum(len(v) for v in self.entries.values())

    def roots(self) -> set[str]:
        """The CAMEO roots the lexicon can produce."""
        return {e.cameo[:2] for v in self.entries.values() for e in v}

    def _add(self, entries: Iterable[LexEntry]) -> None:
        for e in entries:
            bucket = self.entries.setdefault((e.lemma, e.pos), [])
            bucket.append(e)
            bucket.sort(key=lambda x: -x.specificity)


@lru_cache(maxsize=8)
def _load_cached(extra: tuple[Path, ...]) -> EventLexicon:
    lex = EventLexicon()
    builtin = resources.files("frenemy.resources.events").joinpath("lexicon.tsv")
    lex._add(parse_lexicon(builtin.read_text(encoding="utf-8"), "built-in lexicon.tsv"))
    for path in extra:
        lex._add(parse_lexicon(read_user_file(path, "lexicon", "docs/coding.md", "E320"), str(path)))
    return lex


def _split(cell: str) -> frozenset[str]:
    cell = cell.strip()
    if not cell or cell == "-":
        return frozenset()
    return frozenset(p.strip().lower() for p in cell.split("|") if p.strip())


def parse_lexicon(text: str, origin: str) -> list[LexEntry]:
    """Parse lexicon TSV text; ``origin`` names the file in error messages."""
    out: list[LexEntry] = []
    codes = cameo_table()
    for lineno, raw in enumerate(text.splitlines(), start=1):
        line = raw.rstrip("\r\n")
        if not line.strip() or line.lstrip().startswith("#") or line.startswith("lemma\t"):
            continue
        cells = line.split("\t")
        if len(cells) < 3 or len(cells) > 7:
            raise _bad(origin, lineno, f"expected 3 to 7 tab-separated columns, found {len(cells)}")
        cells += [""] * (7 - len(cells))
        lemma, pos, cameo, prep, particle, obj, flags = (c.strip() for c in cells)
        if not lemma:
            raise _bad(origin, lineno, "empty lemma")
        if pos not in _POS:
            raise _bad(origin, lineno, f"pos must be V, N or A, not {pos!r}")
        if not (cameo.isdigit() and 2 <= len(cameo) <= 4 and cameo[:2] in codes):
            raise _bad(origin, lineno, f"{cameo!r} is not a CAMEO code (2-4 digits, root 01-20)")
        plain: set[str] = set()
        mods: set[str] = set()
        amods: set[str] = set()
        lists: set[str] = set()
        for flag in (f.strip() for f in flags.split(",") if f.strip() and f.strip() != "-"):
            key, _, value = flag.partition("=")
            if key == "list" and value.lower() in _LIST_KINDS:
                lists.add(value.lower())
            elif value and key in _VALUE_FLAGS:
                (mods if key == "mod" else amods).add(value.lower())
            elif not value and flag in _FLAGS:
                plain.add(flag)
            else:
                raise _bad(
                    origin,
                    lineno,
                    f"unknown flag {flag!r} (known: {', '.join(sorted(_FLAGS))}, mod=, amod=, list=hostile|favour)",
                )
        out.append(
            LexEntry(
                lemma=lemma.lower(),
                pos=pos,
                cameo=cameo if cameo in codes else cameo[:3] if cameo[:3] in codes else cameo[:2],
                preps=_split(prep),
                particle=(particle.lower() or None) if particle != "-" else None,
                objects=_split(obj),
                flags=frozenset(plain),
                mods=frozenset(mods),
                amods=frozenset(amods),
                lists=frozenset(lists),
                origin=origin,
            )
        )
    return out


def _bad(origin: str, lineno: int, cause: str) -> ActorDataError:
    return ActorDataError(
        f"lexicon {origin} line {lineno}: {cause}. Fix the line (format in docs/coding.md).", code="E320"
    )
