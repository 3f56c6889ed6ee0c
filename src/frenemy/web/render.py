"""HTML rendering: the Jinja environment (autoescape always on) and document-text markup.

Document text never reaches a template as Markup: templates get plain strings and segments,
and Jinja escapes them. The one place that builds Markup itself, ``mark_snippet``, escapes
the text first and only then inserts its own ``<mark>`` tags.
"""

from __future__ import annotations

from collections import defaultdict
from collections.abc import Iterable
from dataclasses import dataclass, field
from typing import Any
from urllib.parse import quote

from jinja2 import Environment, PackageLoader, StrictUndefined
from markupsafe import Markup, escape

from frenemy.models import Claim, Document, Event, Mention, Sentence

MATCH_START = "\x02"
MATCH_END = "\x03"


def build_environment() -> Environment:
    """The template environment: package templates, autoescape for every template, strict names."""
    env = Environment(
        loader=PackageLoader("frenemy.web", "templates"),
        autoescape=True,
        undefined=StrictUndefined,
        trim_blocks=True,
        lstrip_blocks=True,
    )
    env.filters["evidence_href"] = evidence_href
    env.filters["q"] = lambda value: quote(str(value), safe="")
    env.filters["signed"] = lambda value: f"{float(value):+.1f}"
    return env


def evidence_href(doc_id: str, sentence_index: int | None = None) -> str:
    """The link to a document view scrolled to one sentence: ``/document/<id>#s<n>``."""
    href = "/document/" + quote(str(doc_id), safe="")
    if sentence_index is not None:
        href += f"#s{int(sentence_index)}"
    return href


def mark_snippet(snippet: str) -> Markup:
    """Escape a search snippet, then turn the store's \\x02/\\x03 match markers into <mark> tags.

    >>> str(mark_snippet("a \\x02<b>\\x03 c"))
    'a <mark>&lt;b&gt;</mark> c'
    """
    out: list[str] = []
    open_mark = False
    for ch in str(escape(snippet)):
        if ch == MATCH_START and not open_mark:
            out.append("<mark>")
            open_mark = True
        elif ch == MATCH_END and open_mark:
            out.append("</mark>")
            open_mark = False
        elif ch not in (MATCH_START, MATCH_END):
            out.append(ch)
    if open_mark:
        out.append("</mark>")
    return Markup("".join(out))


def plain_snippet(snippet: str) -> tuple[str, list[list[int]]]:
    """A snippet without markers plus the [start, end) character ranges that matched."""
    text: list[str] = []
    ranges: list[list[int]] = []
    start: int | None = None
    pos = 0
    for ch in snippet:
        if ch == MATCH_START:
            start = pos
        elif ch == MATCH_END:
            if start is not None:
                ranges.append([start, pos])
            start = None
        else:
            text.append(ch)
            pos += 1
    return "".join(text), ranges


@dataclass
class Segment:
    """A stretch of one sentence's text; ``kind`` is "" for plain text, else mention or action."""

    text: str
    kind: str = ""
    actor_id: str | None = None
    polarity: str | None = None
    title: str = ""


@dataclass
class SentenceView:
    index: int
    segments: list[Segment]
    events: list[Event] = field(default_factory=list)
    claims: list[Claim] = field(default_factory=list)

    @property
    def classes(self) -> str:
        names = ["sentence"]
        if self.events:
            names.append("has-event")
        if self.claims:
            names.append("has-claim")
        return " ".join(names)


def sentence_views(
    document: Document,
    sentences: list[Sentence],
    mentions: Iterable[Mention],
    events: Iterable[Event],
    claims: Iterable[Claim],
) -> list[SentenceView]:
    """Split each sentence into plain and highlighted segments (actor mentions, event actions).

    Offsets are character offsets in ``document.text``; overlapping highlights keep the one that
    starts first. A document stored without sentences is shown as one sentence.
    """
    if not sentences:
        sentences = [Sentence(document.id, 0, 0, len(document.text), document.text)]
    spans_by_sentence: dict[int, list[tuple[int, int, Segment]]] = defaultdict(list)
    events_by_sentence: dict[int, list[Event]] = defaultdict(list)
    claims_by_sentence: dict[int, list[Claim]] = defaultdict(list)
    for m in mentions:
        seg = Segment(m.text, "mention", actor_id=m.actor_id, title=f"{m.actor_id} ({m.kind})")
        spans_by_sentence[m.sentence_index].append((m.char_start, m.char_end, seg))
    for ev in events:
        events_by_sentence[ev.sentence_index].append(ev)
        if ev.action_start is not None and ev.action_end is not None:
            seg = Segment(
                ev.action_text,
                "action",
                polarity=ev.polarity,
                title=f"CAMEO {ev.cameo} · Goldstein {ev.goldstein:+.1f}",
            )
            spans_by_sentence[ev.sentence_index].append((ev.action_start, ev.action_end, seg))
    for cl in claims:
        claims_by_sentence[cl.sentence_index].append(cl)

    text = document.text
    views: list[SentenceView] = []
    for s in sentences:
        sentence_text = text[s.start : s.end] if 0 <= s.start <= s.end <= len(text) else ""
        if not sentence_text and s.text:
            segments = [Segment(s.text)]
        else:
            segments = _segments(text, s.start, s.end, spans_by_sentence.get(s.index, []))
        views.append(
            SentenceView(
                s.index, segments, events_by_sentence.get(s.index, []), claims_by_sentence.get(s.index, [])
            )
        )
    return views


def _segments(text: str, start: int, end: int, spans: list[tuple[int, int, Segment]]) -> list[Segment]:
    out: list[Segment] = []
    pos = start
    for span_start, span_end, seg in sorted(spans, key=lambda t: (t[0], -t[1])):
        if span_start < pos or span_end > end or span_end <= span_start:
            continue  # overlaps an earlier highlight or lies outside the sentence
        if span_start > pos:
            out.append(Segment(text[pos:span_start]))
        seg.text = text[span_start:span_end]
        out.append(seg)
        pos = span_end
    if pos < end:
        out.append(Segment(text[pos:end]))
    return out


def actor_label(ref: dict[str, Any] | None) -> str:
    """A short name for an ActorRef dict, or "?" when the side is unknown."""
    if not ref:
        return "?"
    return str(ref.get("name") or ref.get("id") or "?")
