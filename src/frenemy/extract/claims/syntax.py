"""Small parse helpers shared by the claim stages: phrase heads, clause verbs, spans."""

from __future__ import annotations

from typing import TYPE_CHECKING

from frenemy.extract.claims.lexicon import (
    CueMatch,
)
from frenemy.extract.datelines import find_dateline
from frenemy.nlp.context import MentionSpan

if TYPE_CHECKING:
    from spacy.tokens import Doc, Token

    from frenemy.nlp.context import DocContext


def _span_head(doc: Doc, start: int, end: int) -> Token:
    """The token of [start, end) whose head lies outside the span (the phrase's root)."""
    for i in range(start, end):
        h = doc[i].head
        if h.i < start or h.i >= end or h.i == i:
            return doc[i]
    return doc[start]


def _clause_verb(tok: Token, lo: int, hi: int) -> Token:
    """The nearest verb above (or at) ``tok`` inside [lo, hi) that has a subject, else the highest
    ancestor still inside the bounds."""
    cur = tok
    best = tok
    while True:
        if lo <= cur.i < hi:
            best = cur
            if cur.pos_ in {"VERB", "AUX"} and any(
                c.dep_ in {"nsubj", "nsubjpass", "expl"} for c in cur.children
            ):
                return cur
        if cur.head.i == cur.i:
            return best
        cur = cur.head
        if not (lo <= cur.i < hi) and best is not tok and cur.pos_ in {"VERB", "AUX"}:
            return best


def _path(tok: Token, top: Token) -> list[Token]:
    out = [tok]
    cur = tok
    while cur.i != top.i and cur.head.i != cur.i:
        cur = cur.head
        out.append(cur)
    return out


def dateline_tokens(ctx: DocContext) -> range:
    """The tokens of the story's dateline (empty when it has none): "ISTANBUL -" names where the
    story was filed, not a party to what it says."""
    cached = getattr(ctx, "_frenemy_dateline", None)
    if isinstance(cached, range):
        return cached
    found = range(0)
    line = find_dateline(ctx.doc.text)
    if line is not None:
        span = ctx.doc.char_span(line.start, line.end, alignment_mode="expand")
        if span is not None:
            found = range(span.start, span.end)
    try:
        ctx._frenemy_dateline = found  # type: ignore[attr-defined]
    except AttributeError:  # pragma: no cover - slotted stand-ins
        pass
    return found


def _mentions_in(ctx: DocContext, start: int, end: int) -> list[MentionSpan]:
    """The mentions in tokens [start, end), each once, leaving out the dateline's place."""
    out: list[MentionSpan] = []
    seen: set[int] = set()
    dateline = dateline_tokens(ctx)
    for i in range(start, end):
        m = ctx.mention_at(i)
        if m is not None and id(m) not in seen and i not in dateline:
            seen.add(id(m))
            out.append(m)
    return out


def paragraph_break_between(doc: Doc, a: int, b: int) -> bool:
    """Whether a paragraph break (a line break) lies between tokens a and b (either order)."""
    lo, hi = min(a, b), max(a, b)
    return any("\n" in t.whitespace_ or (t.is_space and "\n" in t.text) for t in doc[lo:hi])


def _is_question(doc: Doc, s_start: int, s_end: int) -> bool:
    """A sentence ending in a question mark only raises the possibility."""
    for i in range(s_end - 1, s_start - 1, -1):
        t = doc[i]
        if t.is_space or t.text in {"\u201d", '"', "'", "\u2019", ")"}:
            continue
        return t.text == "?"
    return False


def _claim_text(doc: Doc, verb: Token, head: Token, m: CueMatch, lo: int, hi: int) -> tuple[int, int]:
    """The characterising words: from the clause's subject to the end of the cue's phrase
    ("the relationship is not one of alliance"), or the cue's own phrase when the clause has no
    subject or is long ("a secret deal with al-Qaeda allowing it to funnel funds")."""
    phrase_start = min(head.left_edge.i, m.start)
    subj = next((c for c in verb.children if c.dep_ in {"nsubj", "nsubjpass"}), None)
    if subj is not None and subj.i < m.start:
        a = max(lo, subj.left_edge.i)
    elif verb.i == head.i or verb.pos_ in {"VERB", "AUX"}:
        a = max(lo, verb.left_edge.i)
    else:
        a = max(lo, phrase_start)
    if m.end - a > 30:
        a = max(lo, phrase_start)
    b = min(hi, max(m.end, head.right_edge.i + 1))
    if b - a > 30:
        b = min(hi, m.end)
    while a < b and (doc[a].is_punct or doc[a].lower_ in {"that", "and", "but"}):
        a += 1
    while b > a and doc[b - 1].is_punct:
        b -= 1
    # never run across a paragraph break (a title glued to the first sentence)
    for i in range(a, b):
        if "\n" in doc[i].whitespace_ or (doc[i].is_space and "\n" in doc[i].text):
            if i < m.start:
                a = i + 1
            else:
                b = i + 1
                break
    while a < b and (doc[a].is_punct or doc[a].is_space):
        a += 1
    while b > a and (doc[b - 1].is_punct or doc[b - 1].is_space):
        b -= 1
    return a, b
