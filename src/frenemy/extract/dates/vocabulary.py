"""The words of dates and the named events, read from resources/time/*.yaml (error E330)."""

from __future__ import annotations

import re
from collections.abc import Mapping
from dataclasses import dataclass
from functools import lru_cache
from importlib import resources
from typing import Any

import yaml

from frenemy.errors import ActorDataError
from frenemy.extract.dates.spans import (
    Span,
    _widen,
    coarser,
    parse_iso,
)


def _read_yaml(name: str) -> Any:
    path = f"frenemy/resources/time/{name}"
    try:
        text = resources.files("frenemy.resources").joinpath("time", name).read_text(encoding="utf-8")
        return yaml.safe_load(text)
    except (OSError, yaml.YAMLError) as exc:
        raise ActorDataError(
            f"cannot read {path}: {exc}. Reinstall frenemy or fix the file (format in its header).",
            code="E330",
        ) from exc


def _bad(name: str, cause: str) -> ActorDataError:
    return ActorDataError(
        f"frenemy/resources/time/{name}: {cause}. Fix the file (format in its header and docs/time.md).",
        code="E330",
    )


def _alternation(words: list[str]) -> str:
    """A regex alternation of literal phrases, longest first, spaces matching any whitespace."""
    parts = sorted({w.lower() for w in words}, key=len, reverse=True)
    return "|".join(re.escape(p).replace(r"\ ", r"\s+") for p in parts)


@dataclass(frozen=True)
class NamedEvent:
    """A well-known event used as a date ("9/11"), from resources/time/anchors.yaml."""

    id: str
    span: Span
    names: tuple[str, ...]
    refs: tuple[str, ...]
    not_before: tuple[str, ...]


class Vocabulary:
    """Date words and named events, with the regexes built from them (one instance per process)."""

    def __init__(self, words: Mapping[str, Any], anchors: list[Any]) -> None:
        try:
            self.months: dict[str, int] = {str(k): int(v) for k, v in words["months"].items()}
            self.weekdays: dict[str, int] = {str(k): int(v) for k, v in words["weekdays"].items()}
            self.numbers: dict[str, int] = {str(k): int(v) for k, v in words["numbers"].items()}
            self.vague: dict[str, tuple[int, int]] = {
                str(k): (int(v[0]), int(v[1])) for k, v in words["vague"].items()
            }
            self.seasons: dict[str, tuple[int, int]] = {
                str(k): (int(v[0]), int(v[1])) for k, v in words["seasons"].items()
            }
            self.decades: dict[str, int] = {str(k): int(v) for k, v in words["decades"].items()}
            self.units: dict[str, str] = {str(k): str(v) for k, v in words["units"].items()}
            rel = words["relations"]
            self.relations: dict[str, str] = {}
            for kind in ("start", "end", "point"):
                for w in rel[kind]:
                    if not isinstance(w, str):
                        raise _bad("vocabulary.yaml", f"relation word {w!r} is not text (quote it)")
                    self.relations[w.lower()] = kind
            self.hedges: list[str] = [str(w).lower() for w in rel["hedges"]]
        except (KeyError, TypeError, ValueError, AttributeError, IndexError) as exc:
            raise _bad("vocabulary.yaml", f"missing or malformed section ({exc})") from exc
        self.events = [_named_event(a) for a in (anchors or [])]
        self._build()

    def _build(self) -> None:
        tens = [w for w, v in self.numbers.items() if v % 10 == 0 and 20 <= v <= 90]
        ones = [w for w, v in self.numbers.items() if 1 <= v <= 9 and w not in ("a", "an")]
        number = rf"(?:(?:{_alternation(tens)})-(?:{_alternation(ones)})|{_alternation(list(self.numbers))}|\d{{1,4}})"
        self.qty = rf"(?:{_alternation(list(self.vague))}|{number})"
        self.unit = _alternation(list(self.units))
        self.month = _alternation(list(self.months))
        self.weekday = _alternation(list(self.weekdays))
        self.season = _alternation(list(self.seasons))
        self.rel = _alternation(list(self.relations))
        self.hedge = _alternation(self.hedges)
        self.number_re = re.compile(rf"(?:({_alternation(tens)})-({_alternation(ones)}))|(.+)")
        names: dict[str, NamedEvent] = {}
        refs: dict[str, list[NamedEvent]] = {}
        for ev in self.events:
            for n in ev.names:
                names.setdefault(_norm(n), ev)
            for r in ev.refs:
                refs.setdefault(_norm(r), []).append(ev)
        self.event_by_name = names
        self.events_by_ref = refs
        self.name_alt = _alternation([_norm(n) for n in names]).replace("'", "['’]")
        self.ref_alt = _alternation(list(refs))
        self.named_re = re.compile(rf"(?:the\s+)?({self.name_alt})(?:\s+({self.ref_alt}))?")
        self._compile_grammar()

    def _compile_grammar(self) -> None:
        M, W, Q, U, S = self.month, self.weekday, self.qty, self.unit, self.season
        day = r"(\d{1,2})(?:st|nd|rd|th)?"
        yr = r"(\d{4})"
        c = re.compile
        self.g = {
            "mdy": c(rf"(?:(?:{W})\s+)?({M})\s+{day}\s+{yr}"),
            "dmy": c(rf"(?:(?:{W})\s+)?(?:the\s+)?{day}\s+(?:of\s+)?({M})\s+{yr}"),
            "my": c(rf"({M})\s+(?:of\s+)?{yr}"),
            "iso": c(r"(\d{4})[-/](\d{1,2})(?:[-/](\d{1,2}))?"),
            "us": c(r"(\d{1,2})/(\d{1,2})/(\d{4})"),
            "year": c(rf"(?:the\s+)?(?:year\s+)?{yr}"),
            "part_year": c(
                rf"(?:the\s+)?(early|mid|late|the\s+beginning\s+of|the\s+start\s+of|the\s+end\s+of|"
                rf"the\s+middle\s+of|beginning\s+of|start\s+of|end\s+of|middle\s+of|"
                rf"(?:the\s+)?(?:first|second)\s+half\s+of|(?:the\s+)?(?:first|second|third|fourth)\s+quarter\s+of)"
                rf"\s*-?\s*{yr}"
            ),
            "season_year": c(rf"(?:the\s+)?(?:(early|late)\s+)?({S})\s+(?:of\s+)?{yr}"),
            "part_month_year": c(
                rf"(?:the\s+)?(early|mid|late|the\s+beginning\s+of|the\s+end\s+of|the\s+middle\s+of|"
                rf"beginning\s+of|end\s+of|middle\s+of)\s*-?\s*({M})\s+(?:of\s+)?{yr}"
            ),
            "decade": c(r"(?:the\s+)?(?:(early|mid|late)\s*-?\s*)?(?:(\d{2})|')?(\d)0\s*'?s"),
            "decade_word": c(
                rf"(?:the\s+)?(?:(early|mid|late)\s*-?\s*)?({_alternation(list(self.decades))})"
            ),
            # without a year: resolved against publication (or a default year inside a range)
            "md": c(rf"(last|this|next|past|on)?\s*(?:(?:{W})\s+)?({M})\s+{day}"),
            "dm": c(rf"(last|this|next|past|on)?\s*(?:(?:{W})\s+)?(?:the\s+)?{day}\s+(?:of\s+)?({M})"),
            "m": c(rf"(last|this|next|past|early|late|mid|earlier\s+in|later\s+in)?\s*-?\s*({M})"),
            "wd": c(rf"(last|this|next|past|on)?\s*({W})(?:\s+(?:morning|afternoon|evening|night))?"),
            "today": c(
                r"today|tonight|this\s+(?:morning|afternoon|evening)|now|right\s+now|currently|"
                r"at\s+present|presently|nowadays|these\s+days|at\s+the\s+moment"
            ),
            "yesterday": c(
                r"(the\s+day\s+before\s+)?yesterday(?:\s+(?:morning|afternoon|evening))?|last\s+night"
            ),
            "tomorrow": c(r"(the\s+day\s+after\s+)?tomorrow(?:\s+(?:morning|afternoon|evening|night))?"),
            "this_period": c(
                rf"(early|late|earlier|later)?\s*(this|last|past|previous|next|coming)\s+"
                rf"(week|weekend|month|year|decade|{S})"
            ),
            "ago": c(
                rf"(about|some|around|nearly|almost|roughly|approximately|more\s+than|over|well\s+over|"
                rf"less\s+than|under|fewer\s+than|just|only|barely|exactly|at\s+least|at\s+most|"
                rf"a\s+little\s+over|a\s+little\s+more\s+than|little\s+more\s+than)?\s*({Q})\s+({U})\s+ago"
            ),
            "past_n": c(rf"(?:over\s+|in\s+|during\s+|within\s+)?the\s+(?:past|last)\s+(?:({Q})\s+)?({U})"),
            # relative to another event
            "offset": c(
                rf"(about|some|around|nearly|almost|roughly|approximately|more\s+than|over|"
                rf"less\s+than|just|only|barely|exactly|at\s+least)?\s*({Q})\s+({U})\s+"
                rf"(earlier|before|previously|prior|before\s+that|later|after|afterwards?|on|"
                rf"thereafter|after\s+that|later\s+on)"
            ),
            "bare_units": c(rf"({U})\s+(earlier|before|previously|later|after|afterwards?|on)"),
            "following": c(
                r"(?:the\s+)?(following|next|previous|preceding|prior|same|subsequent)\s+"
                r"(day|morning|week|month|year|decade)"
            ),
            "unit_after": c(r"the\s+(day|week|month|year)\s+(after|before)"),
            "that_unit": c(r"(later|earlier)?\s*(?:that|the\s+same)\s+(day|morning|week|month|year|decade)"),
            "then": c(
                r"at\s+the\s+time|at\s+that\s+time|by\s+then|by\s+that\s+time|at\s+that\s+point|"
                r"at\s+the\s+same\s+time"
            ),
            "later": c(
                r"(?:shortly|soon|not\s+long|immediately|long)?\s*(?:thereafter|afterwards?|after|later|"
                r"subsequently)"
            ),
            # shapes built from other expressions
            "range": c(r"(?:between|from)\s+(.+?)\s+(?:and|to|until|till|through|thru|-)\s+(.+)"),
            "bare_range": c(r"(.+?)\s*(?:-|\bto\b|\bthrough\b|\buntil\b)\s*(.+)"),
            "around": c(
                rf"(?:({Q})\s+({U})|{self.hedge}|(?:{Q})\s+({U}))\s+"
                rf"(after|before|following|prior\s+to|earlier\s+than|later\s+than|since|from)\s+(.+)"
            ),
            "relation": c(rf"({self.rel})\s+(.+)"),
        }


def _named_event(entry: Any) -> NamedEvent:
    if not isinstance(entry, Mapping) or "id" not in entry or not entry.get("names"):
        raise _bad("anchors.yaml", f"entry {entry!r} needs an id and a list of names")
    ident = str(entry["id"])
    if "date" in entry:
        span = parse_iso(str(entry["date"]))
        end = span
    else:
        span = parse_iso(str(entry.get("start", "")))
        end = parse_iso(str(entry.get("end", ""))) if entry.get("end") else span
    if span is None or end is None:
        raise _bad("anchors.yaml", f"entry {ident!r} needs an ISO date (or start and end)")
    precision = coarser(span.precision, end.precision)
    start, stop = _widen(span.start, end.end, precision)
    names = tuple(str(n) for n in entry["names"])
    refs = tuple(str(r) for r in entry.get("refs") or ())
    not_before = tuple(str(w) for w in entry.get("not_before") or ())
    return NamedEvent(ident, Span(start, stop, precision, "explicit", ident), names, refs, not_before)


@lru_cache(maxsize=1)
def vocabulary() -> Vocabulary:
    """The built-in date words and named events (read once per process).

    >>> vocabulary().event_by_name["9/11"].span.start
    datetime.date(2001, 9, 11)
    """
    words = _read_yaml("vocabulary.yaml")
    anchors = _read_yaml("anchors.yaml")
    if not isinstance(words, Mapping):
        raise _bad("vocabulary.yaml", "the top level must be a mapping")
    if not isinstance(anchors, list):
        raise _bad("anchors.yaml", "the top level must be a list of events")
    return Vocabulary(words, anchors)


# --- normalisation --------------------------------------------------------------------------------

_NORM_SUBS = [
    (re.compile(r"[’‘`´]"), "'"),
    (re.compile(r"[–—‐‑−]"), "-"),
    (re.compile(r"(?<=[a-z])\.(?!\d)|[,;:!?\"“”()\[\]]"), " "),
    (re.compile(r"\s*-\s*(?=\d{4}\b)"), "-"),
    (re.compile(r"\s+"), " "),
]


def _norm(text: str) -> str:
    """Lowercase, straight quotes and dashes, no sentence punctuation, single spaces."""
    s = text.lower()
    for rx, rep in _NORM_SUBS:
        s = rx.sub(rep, s)
    s = s.strip(" .'")
    return s
