"""Direct quotes: quoted stretches and their speakers."""

from __future__ import annotations

from bisect import bisect_left
from typing import TYPE_CHECKING

from frenemy.extract.attribution.speakers import (
    _SUBJECT_DEPS,
    BOTH_MARKS,
    CLOSE_MARKS,
    OPEN_MARKS,
    Speaker,
    _accepts,
    _make,
    _Memory,
    _subject,
    speaker_of,
)
from frenemy.extract.claims.lexicon import (
    StanceLexicon,
)
from frenemy.extract.claims.syntax import (
    paragraph_break_between,
)
from frenemy.nlp.context import Attribution

if TYPE_CHECKING:
    from spacy.tokens import Doc, Token

    from frenemy.nlp.context import DocContext


def _paragraph_breaks(doc: Doc) -> list[int]:
    """Token indices after which a paragraph ends (a newline in the token or its trailing space)."""
    return [t.i for t in doc if "\n" in t.whitespace_ or (t.is_space and "\n" in t.text)]


def quote_spans(doc: Doc) -> list[tuple[int, int]]:
    """Quoted stretches as (open mark, close mark) token indices; an unclosed quote ends at its
    paragraph's end (close index = the paragraph's last token + 1, no mark there)."""
    breaks = _paragraph_breaks(doc)
    out: list[tuple[int, int]] = []
    open_at: int | None = None
    bi = 0
    for t in doc:
        while bi < len(breaks) and breaks[bi] < t.i:
            if open_at is not None:
                out.append((open_at, breaks[bi] + 1))
                open_at = None
            bi += 1
        text = t.text
        if text in OPEN_MARKS:
            if open_at is not None:
                out.append((open_at, t.i))
            open_at = t.i
        elif text in CLOSE_MARKS:
            if open_at is not None:
                out.append((open_at, t.i))
                open_at = None
        elif text in BOTH_MARKS:
            if open_at is None:
                open_at = t.i
            else:
                out.append((open_at, t.i))
                open_at = None
    if open_at is not None:
        out.append((open_at, len(doc)))
    return out


def _clip_to_paragraphs(doc: Doc, atts: list[Attribution]) -> None:
    """Reported content stays inside the paragraph of its cue (the parser may run on past a
    break); quotes, found later, may then extend it."""
    breaks = _paragraph_breaks(doc)
    if not breaks:
        return
    for a in atts:
        at = a.cue_start if a.cue_start is not None else a.content_start
        k = bisect_left(breaks, at)
        para_start = breaks[k - 1] + 1 if k > 0 else 0
        para_end = breaks[k] + 1 if k < len(breaks) else len(doc)
        a.content_start = max(a.content_start, para_start)
        a.content_end = min(a.content_end, para_end)
        while a.content_end > a.content_start and doc[a.content_end - 1].is_space:
            a.content_end -= 1


def _quote_attributions(
    ctx: DocContext, lex: StanceLexicon, memory: _Memory, found: list[Attribution]
) -> list[Attribution]:
    """Direct quotes: the speaker is the reporting verb's subject before or after the quote in the
    same sentence; a quote with no such verb continues the previous quote's speaker when nothing
    else was said between them (same paragraph, or the next paragraph opening with a quote)."""
    doc = ctx.doc
    new: list[Attribution] = []
    breaks = _paragraph_breaks(doc)
    by_cue = {a.cue_start: a for a in found if a.cue_start is not None}
    prev: Attribution | None = None
    prev_end = -1
    for open_i, close_i in quote_spans(doc):
        c0, c1 = open_i + 1, close_i
        while c1 > c0 and doc[c1 - 1].is_space:
            c1 -= 1
        if c1 <= c0:
            continue
        covering = next(
            (
                a
                for a in found
                if a.content_start <= open_i < a.content_end
                and a.cue_start is not None
                and not (c0 <= a.cue_start < c1)
            ),
            None,
        )
        verb = _quote_verb(ctx, lex, open_i, close_i)
        if verb is not None and verb.i in by_cue:
            att = by_cue[verb.i]
            if att.content_start >= c0 - 1:  # the reported content is the quote itself
                att.kind = "direct"
            att.content_start, att.content_end = min(att.content_start, c0), max(att.content_end, c1)
            prev, prev_end = att, close_i
            continue
        if covering is not None and (verb is None or _subject(verb) is None):
            covering.content_end = max(covering.content_end, c1)
            prev, prev_end = covering, close_i
            continue
        short = c1 - c0 <= 3 and not any(doc[i].pos_ in {"VERB", "AUX"} for i in range(c0, c1))
        if short:
            continue
        sp: Speaker | None = None
        cue = "quote"
        cue_at = open_i
        if verb is not None:
            subj = _subject(verb)
            if subj is not None:
                sp = speaker_of(ctx, subj, lex, memory)
            else:  # a parse gone astray (a title glued on): the actor named next to the verb
                sp = _speaker_near(ctx, verb, open_i, close_i)
            if sp is not None:
                cue, cue_at = verb.text, verb.i
        if (sp is None or sp.ref is None) and prev is not None and prev.speaker is not None:
            if _continues(doc, breaks, prev_end, open_i, found):
                sp = Speaker(prev.speaker, prev.speaker_start, prev.speaker_end, "actor")
        if sp is None or not _accepts(sp):
            continue
        att = _make((c0, c1), sp, cue, "direct", cue_at, False)
        if prev is not None and sp.ref is prev.speaker:
            att.relayed_by = prev.relayed_by
        new.append(att)
        prev, prev_end = att, close_i
    return new


def _quote_verb(ctx: DocContext, lex: StanceLexicon, open_i: int, close_i: int) -> Token | None:
    """A reporting verb outside the quote in its first or last sentence: "X said: '...'" or
    "'...,' X said" (within a few tokens of the closing mark)."""
    doc = ctx.doc
    s_open = doc[open_i].sent
    for i in range(s_open.start, open_i):
        t = doc[i]
        if paragraph_break_between(doc, i, open_i):
            continue
        if _speech_verb(lex, t):
            comps = [c for c in t.children if c.dep_ == "ccomp"]
            if not comps or any(open_i <= c.i < close_i + 1 for c in comps) or open_i - i <= 3:
                return t
    if close_i < len(doc):
        s_close = doc[close_i].sent
        for i in range(close_i + 1, min(s_close.end, close_i + 8)):
            t = doc[i]
            if paragraph_break_between(doc, close_i, i):
                break
            if _speech_verb(lex, t):
                return t
    return None


def _continues(doc: Doc, breaks: list[int], prev_end: int, open_i: int, found: list[Attribution]) -> bool:
    if prev_end < 0 or open_i < prev_end:
        return False
    k = bisect_left(breaks, prev_end)
    paragraph_ends = [b for b in breaks[k : k + 3] if prev_end <= b < open_i]
    if len(paragraph_ends) > 1:
        return False
    if paragraph_ends:  # the next paragraph must open with this quote
        start = paragraph_ends[0] + 1
        while start < open_i and doc[start].is_space:
            start += 1
        return start == open_i
    # same paragraph: only the speaker tag ("Riedel said.") may sit between the quotes
    between = [t for t in doc[prev_end + 1 : open_i] if not t.is_punct and not t.is_space]
    return len(between) <= 6 and not any(
        a.cue_start is not None and prev_end < a.cue_start < open_i and a.kind != "direct" for a in found
    )


def _speech_verb(lex: StanceLexicon, t: Token) -> bool:
    """A reporting verb that can carry a quote: not a participle modifying a noun ("letters found in
    the compound")."""
    if t.pos_ not in {"VERB", "AUX"} or lex.match_at(t.doc, t.i, "reporting_verb") is None:
        return False
    return not (t.dep_ in {"acl", "amod", "relcl"} and not any(c.dep_ in _SUBJECT_DEPS for c in t.children))


def _speaker_near(ctx: DocContext, verb: Token, open_i: int, close_i: int) -> Speaker | None:
    """The first actor named in the same paragraph between the quote and its reporting verb
    ('"...," Riedel said'), after the verb ('"...," said Riedel') or before it ('Riedel, who ...,
    said: "..."')."""
    doc = ctx.doc
    if verb.i > close_i:
        spans = [(close_i + 1, verb.i), (verb.i + 1, min(len(doc), verb.i + 6))]
    else:
        spans = [(verb.sent.start, verb.i)]
    for a, b in spans:
        for i in range(a, b):
            m = ctx.mention_at(i)
            if m is not None and not paragraph_break_between(doc, i, verb.i):
                return Speaker(m.actor.ref(), m.start, m.end, "actor")
    return None
