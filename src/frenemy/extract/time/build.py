"""``build_timeline``: the date phrases of a parsed document resolved in reading order and tied to
the words they modify."""

from __future__ import annotations

import re
from bisect import bisect_right
from dataclasses import dataclass, replace
from typing import TYPE_CHECKING

from frenemy.extract.datelines import find_dateline
from frenemy.extract.dates import NamedEvent, Span, parse_iso, resolve_detailed
from frenemy.extract.time.patterns import (
    _Candidate,
    _clusters,
    _find_candidates,
    _Patterns,
    _patterns,
)
from frenemy.extract.time.timeline import (
    _FUTURE_AUX,
    DocTimeline,
    TimeExpression,
)
from frenemy.nlp.datelines import dateline_spans

if TYPE_CHECKING:
    from spacy.tokens import Doc, Token
    from spacy.tokens import Span as SpacySpan

    from frenemy.nlp.context import DocContext

_MAX_EXTEND = 5  # tokens a relation phrase may add before a date ("in the months after")
_PARAGRAPH_BREAK = re.compile(r"\n[ \t\r\f\v]*\n")


@dataclass
class _Resolver:
    """Resolves candidates in reading order, keeping the last date and the last named events."""

    doc: Doc
    pats: _Patterns
    publication: Span | None
    mentions: list[tuple[int, NamedEvent]]
    anchor: Span | None = None
    recent: dict[str, Span] | None = None
    _next_mention: int = 0

    def __post_init__(self) -> None:
        self.recent = {}

    def _advance_mentions(self, upto: int) -> None:
        assert self.recent is not None
        while self._next_mention < len(self.mentions) and self.mentions[self._next_mention][0] < upto:
            ev = self.mentions[self._next_mention][1]
            for r in ev.refs:
                self.recent[" ".join(r.lower().split())] = ev.span
            self._next_mention += 1

    def resolve_text(self, text: str) -> Span | None:
        return resolve_detailed(text, publication=self.publication, anchor=self.anchor, recent=self.recent)

    def resolve(self, start: int, end: int) -> Span | None:
        self._advance_mentions(end)
        return resolve_detailed(
            self.doc[start:end].text, publication=self.publication, anchor=self.anchor, recent=self.recent
        )


def _extend_left(
    doc: Doc, start: int, end: int, sent_start: int, res: _Resolver, words: frozenset[str]
) -> tuple[int, Span | None]:
    """Take relation words before a date into it ("in", "after", "two years after"), longest first."""
    first = start
    while first > sent_start and start - first < _MAX_EXTEND:
        t = doc[first - 1]
        if t.lower_ in words or t.like_num:
            first -= 1
        else:
            break
    for s in range(first, start):
        span = res.resolve(s, end)
        if span is not None:
            return s, span
    return start, None


def _join_ranges(doc: Doc, groups: list[list[tuple[int, int]]]) -> list[list[tuple[int, int]]]:
    """ "between October 2000" + "and" + "February 2001" -> one range, when the model split it."""
    out: list[list[tuple[int, int]]] = []
    k = 0
    while k < len(groups):
        s, e = groups[k][0]
        if (
            k + 1 < len(groups)
            and (doc[s].lower_ in ("between", "from") or (s > 0 and doc[s - 1].lower_ in ("between", "from")))
            and e < len(doc)
            and doc[e].lower_ in ("and", "to", "until", "through", "-")
            and groups[k + 1][0][0] == e + 1
        ):
            out.append([(s, groups[k + 1][0][1]), *groups[k], *groups[k + 1]])
            k += 2
            continue
        out.append(groups[k])
        k += 1
    return out


def _attachment(doc: Doc, start: int, end: int, names_event: bool) -> int:
    """The token a date phrase modifies: the head of its preposition, the verb of "a year ago",
    the noun of "the June 2009 letter"; a named event with its noun ("the 9/11 attacks") is that noun."""
    span = doc[start:end]
    root = span.root
    if root.dep_ == "ROOT" or root.head.i == root.i:
        return root.i
    if names_event and root.pos_ in ("NOUN", "PROPN") and root.dep_ not in ("compound", "nmod", "nummod"):
        return root.i  # a noun phrase naming an event ("the 9/11 attacks") dates itself
    if root.dep_ == "pobj" and root.head.dep_ == "prep" and root.head.i != root.head.head.i:
        return root.head.head.i
    return root.head.i


def _paragraphs(doc: Doc, sents: list[SpacySpan]) -> list[int]:
    """Paragraph number of each sentence (paragraphs are separated by blank lines)."""
    breaks = [m.start() for m in _PARAGRAPH_BREAK.finditer(doc.text)]
    out = []
    for sent in sents:
        first = next((t for t in sent if not t.is_space), sent[0])
        out.append(bisect_right(breaks, first.idx))
    return out


def build_timeline(ctx: DocContext) -> DocTimeline:
    """Dates for every sentence and event head of ``ctx.doc``, computed in one pass.

    >>> tl = build_timeline(ctx)  # ctx.document.published == "2012-05-04"
    >>> tl.date_for(i_of("escaped")).start   # "In March 2010, ... escaped"
    '2010-03'
    """
    doc = ctx.doc
    published = parse_iso(ctx.document.published)
    story, story_text = _story_date(doc.text, published)
    if story is not None:  # "DOHA, June 5 (Reuters) -": the story's own date counts, not the upload's
        published = story
    pub_span = replace(published, basis="relative-to-publication") if published else None
    publication = replace(published.to_info(story_text), basis="publication") if published else None
    pats = _patterns()
    cands, mentions = _find_candidates(doc, pats)
    mentions.sort(key=lambda m: m[0])
    res = _Resolver(doc, pats, pub_span, mentions)
    sents = list(doc.sents)
    sent_starts = [s.start for s in sents]
    datelines = dateline_spans(doc)

    expressions: list[TimeExpression] = []
    unplaced: set[int] = set()  # sentences with a date phrase the missing publication date leaves unplaced
    for options in _join_ranges(doc, [_options(g) for g in _clusters(cands)]):
        s, e = options[0]
        si = bisect_right(sent_starts, s) - 1
        if _before_a_clause(doc, e):
            # "cut ties on 3 January, a day after protesters stormed the embassy": the phrase dates
            # the clause that follows it, counted back from the date just given
            inverse = _inverse_offset(doc, s, e, si, expressions, res)
            if inverse is not None:
                expressions.append(inverse)
            continue
        found = _first_resolving(doc, options, sent_starts[si], res, pats.extend_words)
        if found is None:
            found = _duration_so_far(doc, s, e, res)
        if found is None:
            if pub_span is None and _needs_publication(doc[s:e].text):
                unplaced.add(si)
            continue
        s2, e, span = found
        bare = span.named is not None and span.start is not None and span.end is not None
        attach = _attachment(doc, s2, e, bare)
        if any(a <= attach < b for a, b in datelines):
            attach = doc[
                attach
            ].sent.root.i  # "DOHA, June 5, 2017 (Reuters) - X cut ties": the lead's main verb
        if span.basis == "relative-to-publication" and _is_future(doc[attach]):
            span = _forward(doc[s2:e].text, span, res, pats)
        res.anchor = span
        expressions.append(
            TimeExpression(
                start=s2,
                end=e,
                attach=attach,
                date=span.to_info(doc[s2:e].text.strip()),
                sentence=si,
                named=span.named,
                bare_named=bare and span.basis == "explicit",
            )
        )
    return DocTimeline(doc, expressions, publication, _paragraphs(doc, sents), sents, frozenset(unplaced))


_SOME_DAY = parse_iso("2000-01-01")


def _story_date(text: str, published: Span | None) -> tuple[Span | None, str | None]:
    """The date of the story's dateline, to the day, when it has one that the publication date
    (if any) places: "June 5" in a piece published 2017-06-10 is 2017-06-05; "Jan. 3, 2016" stands
    alone. None when there is no dated dateline, or it falls after publication."""
    line = find_dateline(text)
    if line is None or not line.date_text:
        return None, None
    span = resolve_detailed(line.date_text, publication=published, anchor=None, recent=None)
    if span is None or span.precision != "day" or span.start is None:
        return None, None
    if published is not None and published.end is not None and span.start > published.end:
        return None, None
    return replace(span, basis="publication"), line.date_text


def _needs_publication(text: str) -> bool:
    """True for a phrase that names a date counted from publication ("a year ago", "Thursday"),
    which an undated document cannot place; False for durations ("for months") and junk."""
    return resolve_detailed(text, publication=_SOME_DAY, anchor=None, recent=None) is not None


def _before_a_clause(doc: Doc, end: int) -> bool:
    """True when a phrase ends in "after"/"before" and words follow: "a day after protesters ..."."""
    return (
        doc[end - 1].lower_ in ("after", "before")
        and end < len(doc)
        and not (doc[end].is_punct or doc[end].is_space)
    )


def _inverse_offset(
    doc: Doc, start: int, end: int, si: int, expressions: list[TimeExpression], res: _Resolver
) -> TimeExpression | None:
    """Date the clause after "N units after/before" from the sentence's previous date, or None."""
    if not expressions or expressions[-1].sentence != si or end - start < 2:
        return None
    swapped = "before" if doc[end - 1].lower_ == "after" else "after"
    span = res.resolve_text(f"{doc[start : end - 1].text} {swapped}")
    sent_end = doc[start].sent.end
    word = doc[end - 1]
    if end <= word.head.i < sent_end:  # "after" marks the clause's verb
        target: int | None = word.head.i
    else:  # "after" governs its object
        target = next((t.i for t in doc[end:sent_end] if t.head.i == end - 1), None)
    if span is None or target is None or span.basis != "relative-to-event":
        return None
    return TimeExpression(
        start=start, end=end, attach=target, date=span.to_info(doc[start:end].text.strip()), sentence=si
    )


def _duration_so_far(doc: Doc, start: int, end: int, res: _Resolver) -> tuple[int, int, Span] | None:
    """ "have had ties for more than two decades": a present-perfect state lasting N units up to
    publication started about N units before it (start set, end open)."""
    if start == 0 or doc[start - 1].lower_ != "for":
        return None
    verb = doc[start - 1].head
    while verb.pos_ not in ("VERB", "AUX") and verb.head.i != verb.i:
        verb = verb.head
    if not any(c.lower_ in ("has", "have", "'ve", "'s") and c.dep_ == "aux" for c in verb.children):
        return None
    span = res.resolve_text(f"{doc[start:end].text} ago")
    if span is None:
        return None
    point = span.start if span.start is not None else span.end
    return start - 1, end, replace(span, start=point, end=None)


def _is_future(tok: Token) -> bool:
    """True when the verb a date modifies has a future auxiliary ("will meet on Monday")."""
    return any(c.dep_ == "aux" and c.lower_ in _FUTURE_AUX for c in tok.children)


def _forward(text: str, span: Span, res: _Resolver, pats: _Patterns) -> Span:
    """A bare weekday or month in a future clause is the next one, not the last ("will meet on
    Monday"); other phrases keep their reading."""
    m = pats.bare_day.fullmatch(" ".join(text.split()))
    if not m:
        return span
    return res.resolve_text(f"next {m.group(1)}") or span


def _options(group: list[_Candidate]) -> list[tuple[int, int]]:
    """Spans to try for a group of overlapping candidates: their union, then each, longest first."""
    lo, hi = min(c.start for c in group), max(c.end for c in group)
    singles = sorted(
        {(c.start, c.end) for c in group if (c.start, c.end) != (lo, hi)}, key=lambda x: x[0] - x[1]
    )
    return [(lo, hi), *singles]


def _first_resolving(
    doc: Doc, options: list[tuple[int, int]], sent_start: int, res: _Resolver, words: frozenset[str]
) -> tuple[int, int, Span] | None:
    for s, e in options:
        s2, span = _extend_left(doc, s, e, sent_start, res, words)
        if span is None:
            span, s2 = res.resolve(s, e), s
        if span is not None:
            return s2, e, span
    return None
