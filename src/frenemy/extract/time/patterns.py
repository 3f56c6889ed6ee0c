"""Finding date phrases the model misses: named events, relative phrases, captions' weekdays."""

from __future__ import annotations

import re
from collections.abc import Iterable
from dataclasses import dataclass
from functools import lru_cache
from typing import TYPE_CHECKING

from frenemy.extract.dates import NamedEvent, Vocabulary, vocabulary

if TYPE_CHECKING:
    from spacy.tokens import Doc

_ENT_LABELS = frozenset({"DATE", "TIME"})
_LOOSE = re.compile(r"[\s.’'–-]+")
_YEAR_AFTER = re.compile(r",?\s*\d{4}\b")


@dataclass(frozen=True)
class _Patterns:
    named: re.Pattern[str]
    named_events: dict[str, NamedEvent]  # lowercase raw name -> event
    others: tuple[re.Pattern[str], ...]
    extend_words: frozenset[str]
    bare_day: re.Pattern[str]  # "Monday", "on July 28", "in July": read forward in a future clause
    loose_events: dict[str, NamedEvent]  # _loose_key(name) -> event


def _raw(phrase: str) -> str:
    """A regex for a phrase in running text: any whitespace, optional periods, either apostrophe."""
    out = re.escape(phrase)
    out = out.replace(r"\ ", r"\s+").replace(r"\.", r"\.?").replace("'", "['’]").replace(r"\-", "[-–]")
    return out


@lru_cache(maxsize=1)
def _patterns() -> _Patterns:
    v: Vocabulary = vocabulary()
    names: dict[str, NamedEvent] = {}
    for ev in v.events:
        for n in ev.names:
            names.setdefault(n.lower(), ev)
    name_alt = "|".join(_raw(n) for n in sorted(names, key=len, reverse=True))
    refs = sorted({r.lower() for ev in v.events for r in ev.refs}, key=len, reverse=True)
    ref_alt = "|".join(_raw(r) for r in refs)
    named = re.compile(rf"(?<![\w/-])(?:the\s+)?({name_alt})(?:\s+(?:{ref_alt}))?(?![\w/-]|['’]s\b)", re.I)
    months = "|".join(sorted(v.months, key=len, reverse=True))
    month = rf"(?:{months})\.?"
    units = "|".join(sorted(v.units, key=len, reverse=True))
    qty = rf"(?:\d{{1,4}}|{'|'.join(sorted(list(v.numbers) + list(v.vague), key=len, reverse=True))})"
    point = rf"(?:{month}\s+\d{{1,2}}(?:st|nd|rd|th)?,?\s+\d{{4}}|{month},?\s+\d{{4}}|{month}|\d{{4}})"
    # full names only: "Sun" and "Wed" are as often a newspaper and a verb
    weekday_alt = "|".join(w.capitalize() for w in sorted(v.weekdays, key=len, reverse=True) if len(w) >= 6)
    no_object = r"(?!\s+(?:the|a|an|his|her|their|its|this|that|he|she|they|it|we|i)\b)(?!\s+(?-i:[A-Z0-9]))"
    starts = [r for r, k in v.relations.items() if k in ("start", "end")]
    start_alt = "|".join(_raw(r) for r in sorted(starts, key=len, reverse=True))
    others = (
        # "after the attacks", "since the invasion": resolved against the last event named so
        re.compile(
            rf"\b(?:{start_alt})\s+the\s+(?:{ref_alt})\b"
            r"(?!\s+(?:on|in|of|against|at|by|near|that|which|who|carried)\b)",
            re.I,
        ),
        re.compile(
            rf"\b{qty}\s+(?:{units})\s+(?:ago|earlier|later|before|after|previously|prior){no_object}\b", re.I
        ),
        re.compile(rf"\b(?:between|from)\s+{point}\s+(?:and|to|until|through)\s+{point}\b", re.I),
        re.compile(r"\b\d{4}-\d{2}-\d{2}\b"),
        re.compile(r"(?:\bthe\s+)?(?:\b(?:early|mid|late)[\s-]+)?(?:\b\d{2}|['’])\d0['’]?s\b", re.I),
        # what the model may miss in a caption or a headline with no sentence around it
        re.compile(r"\b(?:the\s+day\s+before\s+)?yesterday\b|\blast\s+night\b", re.I),
        re.compile(
            rf"(?:\b(?:on|last|this|next)\s+)?\b(?-i:{weekday_alt})\b(?:\s+(?:morning|afternoon|evening|night))?",
            re.I,
        ),
        re.compile(
            r"\b(?:the\s+(?:following|next|previous|preceding|same)\s+(?:day|morning|week|month|year)|"
            r"(?:later|earlier)\s+that\s+(?:day|week|month|year)|that\s+same\s+(?:day|week|month|year)|"
            r"at\s+the\s+time|at\s+that\s+time|by\s+then)\b",
            re.I,
        ),
    )
    extend: set[str] = set()
    for phrase in list(v.relations) + v.hedges + list(v.numbers) + list(v.vague) + list(v.units):
        extend.update(phrase.split())
    extend.update({"after", "before", "following", "prior", "to", "than", "earlier", "later", "since"})
    bare_day = re.compile(
        rf"(?:on\s+|in\s+)?((?:{'|'.join(sorted(v.weekdays, key=len, reverse=True))})|"
        rf"{month}(?:\s+\d{{1,2}}(?:st|nd|rd|th)?)?)",
        re.I,
    )
    loose = {_loose_key(n): ev for n, ev in reversed(list(names.items()))}
    return _Patterns(named, names, others, frozenset(extend), bare_day, loose)


@dataclass
class _Candidate:
    start: int
    end: int


def _char_to_tokens(doc: Doc, start: int, end: int) -> tuple[int, int] | None:
    span = doc.char_span(start, end, alignment_mode="expand")
    if span is None or len(span) == 0:
        return None
    return span.start, span.end


def _find_candidates(doc: Doc, pats: _Patterns) -> tuple[list[_Candidate], list[tuple[int, NamedEvent]]]:
    """Token spans that may be dates, and every mention of a named event (token, event)."""
    text = doc.text
    cands: list[_Candidate] = []
    mentions: list[tuple[int, NamedEvent]] = []
    for ent in doc.ents:
        if ent.label_ in _ENT_LABELS:
            cands.append(_Candidate(ent.start, ent.end))
    for m in pats.named.finditer(text):
        ev = pats.named_events.get(" ".join(m.group(1).lower().replace("’", "'").split()))
        if ev is None:
            ev = _lookup_loose(m.group(1), pats)
        toks = _char_to_tokens(doc, m.start(), m.end())
        if ev is None or toks is None:
            continue
        if _YEAR_AFTER.match(text, m.end()):
            continue  # "September 11, 2012": an ordinary date, read by the date forms
        mentions.append((toks[0], ev))
        following = text[m.end() : m.end() + 40].split()
        if following and following[0].strip(".,;:") in ev.not_before:
            continue  # "the 9/11 Commission": a name of something else, not a date
        cands.append(_Candidate(*toks))
    for rx in pats.others:
        for m in rx.finditer(text):
            toks = _char_to_tokens(doc, m.start(), m.end())
            if toks is not None:
                cands.append(_Candidate(*toks))
    return cands, mentions


def _loose_key(name: str) -> str:
    """A name without spaces, periods or apostrophes: "U.S. invasion" and "US invasion" agree."""
    return _LOOSE.sub("", name.lower())


def _lookup_loose(found: str, pats: _Patterns) -> NamedEvent | None:
    return pats.loose_events.get(_loose_key(found))


def _clusters(cands: Iterable[_Candidate]) -> list[list[_Candidate]]:
    """Overlapping candidates grouped, in text order."""
    out: list[list[_Candidate]] = []
    end = -1
    for c in sorted(cands, key=lambda c: (c.start, -c.end)):
        if out and c.start < end:
            out[-1].append(c)
            end = max(end, c.end)
        else:
            out.append([c])
            end = c.end
    return out
