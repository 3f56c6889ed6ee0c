"""The stance cue lexicon: cue phrases by category, read from data files (docs/claims.md)."""

from __future__ import annotations

import re
from collections.abc import Iterable, Sequence
from dataclasses import dataclass, field
from functools import lru_cache
from importlib import resources
from pathlib import Path
from typing import TYPE_CHECKING

from frenemy.errors import ActorDataError, read_user_file

if TYPE_CHECKING:
    from spacy.tokens import Doc, Token


STANCES = ("cooperative", "hostile", "ambivalent", "neutral")


CATEGORIES = {
    "stance",
    "stance_adj",
    "stance_verb",
    "stance_noun",
    "relation_verb",
    "power_noun",
    "member_noun",
    "directed_noun",
    "relation_noun",
    "role_noun",
    "reporting_verb",
    "position_noun",
    "position_verb",
    "document_noun",
    "unnamed",
    "self",
    "title_noun",
    "hedge",
    "negation",
    "caveat",
    "reciprocal",
    "contradiction",
    "hypothetical",
    "presupposing",
    "ended",
    "lessening",
    "appeal",
}


DEFAULT_NEGATION = {
    "cooperative": "hostile",
    "hostile": "cooperative",
    "ambivalent": "ambivalent",
    "neutral": "neutral",
}


BUILTIN_FILES = ("stance.tsv", "speech.tsv", "qualifiers.tsv")


_HYPHENS = {"-", "–", "—"}


@dataclass(frozen=True)
class Cue:
    """One lexicon entry: a phrase (as words) in a category, with its value."""

    category: str
    words: tuple[str, ...]
    value: str
    negated: str | None = None

    @property
    def phrase(self) -> str:
        return " ".join(self.words)


@dataclass
class CueMatch:
    """A cue found at tokens [start, end)."""

    start: int
    end: int
    cue: Cue


@dataclass
class StanceLexicon:
    """The cue words for attribution and claims, indexed by category and first word.

    >>> lex = StanceLexicon.load()
    >>> lex.value("reporting_verb", "suggest")
    'hedged'
    """

    cues: dict[str, dict[str, list[Cue]]] = field(default_factory=dict)
    sources: list[str] = field(default_factory=list)

    # --- loading ------------------------------------------------------------------------------
    @classmethod
    def load(cls, extra_files: Iterable[str | Path] = ()) -> StanceLexicon:
        """The built-in lexicon files plus the user's files (same format, see docs/claims.md).

        Raises ``ActorDataError`` (E310) naming the file and line when a line is malformed.
        """
        lex = cls()
        pkg = resources.files("frenemy.resources").joinpath("claims")
        for name in BUILTIN_FILES:
            lex._read(pkg.joinpath(name).read_text(encoding="utf-8"), f"frenemy/resources/claims/{name}")
        for path in extra_files:
            p = Path(path)
            lex._read(read_user_file(p, "stance lexicon", "docs/claims.md", "E310"), str(p))
        return lex

    @classmethod
    def default(cls) -> StanceLexicon:
        """The built-in lexicon, loaded once per process."""
        return _default_lexicon()

    def _read(self, text: str, source: str) -> None:
        self.sources.append(source)
        for lineno, raw in enumerate(text.splitlines(), start=1):
            line = raw.strip()
            if not line or line.startswith("#"):
                continue
            parts = [p.strip() for p in raw.rstrip("\n").split("\t")]
            where = f"{source} line {lineno}"
            if len(parts) < 3 or len(parts) > 4 or not parts[1]:
                raise ActorDataError(
                    f"malformed stance lexicon {where}: expected CATEGORY<TAB>PHRASE<TAB>VALUE[<TAB>NEGATED], "
                    f"got {raw!r}. Separate the fields with tabs (see docs/claims.md).",
                    code="E310",
                )
            category, phrase, value = parts[0].lower(), parts[1].lower(), parts[2].lower()
            negated = parts[3].lower() if len(parts) == 4 and parts[3] else None
            if category not in CATEGORIES:
                raise ActorDataError(
                    f"malformed stance lexicon {where}: unknown category {category!r}; use one of "
                    f"{', '.join(sorted(CATEGORIES))}.",
                    code="E310",
                )
            if category in {"stance", "stance_adj", "stance_verb", "stance_noun", "relation_verb"}:
                for s in (value, negated):
                    if s is not None and s not in STANCES:
                        raise ActorDataError(
                            f"malformed stance lexicon {where}: unknown stance {s!r}; use one of "
                            f"{', '.join(STANCES)}.",
                            code="E310",
                        )
            words = tuple(w for w in re.split(r"[\s\-–—]+", phrase) if w)
            self.add(Cue(category, words, value, negated))

    def add(self, cue: Cue) -> None:
        """Add (or replace) a cue; longer phrases are tried first."""
        bucket = self.cues.setdefault(cue.category, {}).setdefault(cue.words[0], [])
        bucket[:] = [c for c in bucket if c.words != cue.words]
        bucket.append(cue)
        bucket.sort(key=lambda c: -len(c.words))

    # --- queries ------------------------------------------------------------------------------
    def value(self, category: str, phrase: str) -> str | None:
        """The value of a one-word or multi-word cue, or None when absent."""
        words = tuple(phrase.lower().split())
        for c in self.cues.get(category, {}).get(words[0], []) if words else []:
            if c.words == words:
                return c.value
        return None

    def has(self, category: str, token: Token) -> bool:
        """Whether a token (text or lemma) is a one-word cue of the category."""
        return self.cue_for(category, token) is not None

    def cue_for(self, category: str, token: Token) -> Cue | None:
        """The one-word cue of the category matching a token's text or lemma."""
        table = self.cues.get(category)
        if not table:
            return None
        for key in _keys(token):
            for c in table.get(key, ()):
                if len(c.words) == 1:
                    return c
        return None

    def match_at(
        self, doc: Doc | Sequence[Token], i: int, category: str, end: int | None = None
    ) -> CueMatch | None:
        """The longest cue of the category starting at token ``i`` (hyphens inside may be skipped)."""
        table = self.cues.get(category)
        if not table:
            return None
        tok = doc[i]
        limit = len(doc) if end is None else end
        for key in _keys(tok):
            for c in table.get(key, ()):
                j = _match_words(doc, i, c.words, limit)
                if j is not None:
                    return CueMatch(i, j, c)
        return None

    def find(self, doc: Doc, category: str, start: int, end: int) -> list[CueMatch]:
        """Non-overlapping longest matches of a category in tokens [start, end)."""
        out: list[CueMatch] = []
        i = start
        while i < end:
            m = self.match_at(doc, i, category, end)
            if m is not None:
                out.append(m)
                i = m.end
            else:
                i += 1
        return out


def _keys(tok: Token) -> tuple[str, ...]:
    """The forms a token is looked up by: its text and lemma, lowercased. A capitalised word (a
    headline's "Tensions", "Ties", which the parser takes for a name and leaves unlemmatised) also
    by its singular."""
    low, lemma = tok.lower_, tok.lemma_.lower()
    keys = [low] if lemma == low else [low, lemma]
    if (
        tok.text[:1].isupper()
        and lemma == low
        and len(low) > 3
        and low.endswith("s")
        and not low.endswith("ss")
    ):
        keys.append(low[:-3] + "y" if low.endswith("ies") else low[:-1])
    return tuple(keys)


def _match_words(doc: Doc | Sequence[Token], i: int, words: tuple[str, ...], limit: int) -> int | None:
    j = i
    for w in words:
        while j < limit and doc[j].text in _HYPHENS and w not in _HYPHENS:
            j += 1
        if j >= limit:
            return None
        if w not in _keys(doc[j]):
            return None
        j += 1
    return j


@lru_cache(maxsize=1)
def _default_lexicon() -> StanceLexicon:
    return StanceLexicon.load()
