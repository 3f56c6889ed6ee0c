"""Indirect speech: "according to X", reporting verbs, position nouns and verbs."""

from __future__ import annotations

from typing import TYPE_CHECKING

from frenemy.extract.attribution.speakers import (
    _SUBJECT_DEPS,
    Speaker,
    _accepts,
    _make,
    _Memory,
    _mention_in,
    _subject,
    speaker_of,
)
from frenemy.extract.claims.lexicon import (
    StanceLexicon,
)
from frenemy.nlp.context import Attribution

if TYPE_CHECKING:
    from spacy.tokens import Doc, Span, Token

    from frenemy.nlp.context import DocContext


def _according_to(
    ctx: DocContext, lex: StanceLexicon, memory: _Memory, sent: Span, tok: Token
) -> tuple[Attribution | None, Speaker | None]:
    doc = ctx.doc
    to = doc[tok.i + 1]
    pobj = next((c for c in to.children if c.dep_ == "pobj"), None)
    if pobj is None and tok.i + 2 < sent.end:
        pobj = doc[tok.i + 2]
    if pobj is None:
        return None, None
    sp = speaker_of(ctx, pobj, lex, memory)
    if not _accepts(sp):
        return None, None
    phrase_end = max(pobj.right_edge.i + 1, to.i + 1)
    if not any(c.dep_ in _SUBJECT_DEPS for c in sent.root.children):
        # the parser hung the main clause's subject on X ("According to Riedel, Iran and al-Qaeda
        # are ..."): the phrase ends at the first comma after X
        comma = next((i for i in range(pobj.i + 1, phrase_end) if doc[i].text == ","), None)
        if comma is not None:
            phrase_end = comma
    start = sent.start
    while start < tok.i and (doc[start].is_punct or doc[start].is_space):
        start += 1
    if start == tok.i:  # "According to X, ..." : the main clause after the phrase
        c0 = _main_clause_start(doc, sent, phrase_end)
        while c0 < sent.end and doc[c0].text in {",", ":"}:
            c0 += 1
        content = (c0, _sentence_end(doc, sent))
    elif phrase_end >= _sentence_end(doc, sent) - 1:  # "..., according to X."
        content = (sent.start, tok.i)
    else:
        content = (sent.start, _sentence_end(doc, sent))
    if content[1] <= content[0]:
        return None, None
    return _make(content, sp, "according to", "according_to", tok.i, False), sp


def _main_clause_start(doc: Doc, sent: Span, phrase_end: int) -> int:
    """Where the main clause starts after a fronted "According to X ...,": after the last comma
    before the root's subject (the phrase may run on: "a US analysis of letters found ... ago,")."""
    root = sent.root
    subj = next((c for c in root.children if c.dep_ in _SUBJECT_DEPS), None)
    anchor = subj.left_edge.i if subj is not None else root.i
    if anchor < phrase_end:
        return phrase_end
    for i in range(anchor - 1, phrase_end - 1, -1):
        if doc[i].text in {",", ":"}:
            return i + 1
    return phrase_end


def _sentence_end(doc: Doc, sent: Span) -> int:
    end = sent.end
    while end > sent.start and doc[end - 1].is_space:
        end -= 1
    return end


def _reporting_verb(
    ctx: DocContext, lex: StanceLexicon, memory: _Memory, tok: Token
) -> tuple[Attribution | None, Speaker | None]:
    m = lex.match_at(ctx.doc, tok.i, "reporting_verb")
    if m is None or tok.dep_ in {"amod", "acl"} and not any(c.dep_ in _SUBJECT_DEPS for c in tok.children):
        return None, None
    subj = _subject(tok)
    if subj is not None:
        sp = speaker_of(ctx, subj, lex, memory)
    elif tok.dep_ == "ROOT" and tok.i > 0 and (near := ctx.mention_at(tok.i - 1)) is not None:
        # "In a briefing with X, Ambassador David Satterfield said ...": the parser lost the
        # subject, but the name just before the verb is its speaker
        sp = Speaker(near.actor.ref(), near.start, near.end, "actor")
    else:
        return None, None
    if not _accepts(sp):
        return None, None
    content = _verb_content(lex, tok)
    if content is None:
        return None, None
    hedged = m.cue.value in {"hedged", "doubting"}
    return _make(content, sp, tok.text, "indirect", tok.i, hedged), sp


def _verb_content(lex: StanceLexicon, tok: Token) -> tuple[int, int] | None:
    """What a reporting verb reports: its complement clause(s); a position noun's "that" clause
    ("found no evidence that ..."); or, for "as X argued", the clause it comments on."""
    comps = [c for c in tok.children if c.dep_ in {"ccomp", "csubj"}]
    if comps:
        return min(c.left_edge.i for c in comps), max(c.right_edge.i for c in comps) + 1
    for c in tok.children:
        if c.dep_ == "dobj":
            clause = next(
                (g for g in c.children if g.dep_ in {"acl", "ccomp", "relcl"} and _has_that(g)), None
            )
            held = lex.has("position_noun", c) and any(
                g.dep_ in {"compound", "amod", "poss", "nmod"} for g in c.children
            )
            if clause is not None and not held:  # "denied Egyptian claims that": Egypt's, not ours
                return clause.left_edge.i, clause.right_edge.i + 1
    obj = next((c for c in tok.children if c.dep_ == "dobj"), None)
    if obj is not None and not lex.has("position_noun", obj):
        # "The report says Saudi Arabia and the Houthis both committed abuses": a clause the parser
        # took for an object (it holds a verb)
        if any(t.pos_ == "VERB" for t in obj.subtree if t.i != tok.i):
            return obj.left_edge.i, obj.right_edge.i + 1
    if any(c.dep_ == "mark" and c.lower_ == "as" for c in tok.children) and tok.head.i != tok.i:
        host = tok.head
        lo, hi = host.left_edge.i, host.right_edge.i + 1
        a_lo, a_hi = tok.left_edge.i, tok.right_edge.i + 1
        if a_lo > lo:
            hi = min(hi, a_lo)
        else:
            lo = max(lo, a_hi)
        doc = tok.doc
        while hi > lo and doc[hi - 1].is_punct:
            hi -= 1
        if hi > lo:
            return lo, hi
    return None


def _has_that(tok: Token) -> bool:
    return any(c.dep_ == "mark" and c.lower_ in {"that", "whether"} for c in tok.children)


def _position_noun(
    ctx: DocContext, lex: StanceLexicon, memory: _Memory, tok: Token
) -> tuple[Attribution | None, Speaker | None]:
    clause = next((c for c in tok.children if c.dep_ in {"acl", "ccomp", "relcl"} and _has_that(c)), None)
    if clause is None:
        return None, None
    holder: Speaker | None = None
    for child in tok.children:
        if child.dep_ in {"compound", "amod", "poss", "nmod"}:
            mm = _mention_in(ctx, child)
            if mm is not None:
                holder = Speaker(mm.actor.ref(), mm.start, mm.end, "actor")
                break
        if child.dep_ == "prep" and child.lower_ in {"by", "of", "from"}:
            pobj = next((c for c in child.children if c.dep_ == "pobj"), None)
            if pobj is not None:
                sp = speaker_of(ctx, pobj, lex, memory)
                if sp.ref is not None:
                    holder = sp
                    break
    if holder is None:
        return None, None
    hedged = lex.value("position_noun", tok.lemma_.lower()) == "hedged"
    return _make(
        (clause.left_edge.i, clause.right_edge.i + 1), holder, tok.text, "indirect", tok.i, hedged
    ), holder


def _position_verb(
    ctx: DocContext, lex: StanceLexicon, memory: _Memory, tok: Token
) -> tuple[Attribution | None, Speaker | None]:
    cue = lex.cue_for("position_verb", tok)
    if cue is None:
        return None, None
    obj0 = next((c for c in tok.children if c.dep_ in {"dobj", "dative"}), None)
    if cue.value == "oprd":  # "called the Taliban al-Qaeda's most loyal ally" (parsed either way)
        prep = next((c for c in tok.children if c.dep_ == "oprd"), None) or obj0
    else:  # the preposition may hang from the verb or its object ("described the relationship ... as")
        holders = [tok, obj0] if obj0 is not None else [tok]
        prep = next(
            (c for h in holders for c in h.children if c.dep_ == "prep" and c.lower_ == cue.value), None
        )
    if prep is None:
        return None, None
    subj = _subject(tok)
    if subj is None:
        return None, None
    if subj.dep_ == "nsubjpass":  # "has been accused of", "are widely seen as": unnamed holders
        if any(c.dep_ == "agent" for c in tok.children):
            return None, None
        sp = Speaker(None, None, None, "unnamed")
        start = min(subj.left_edge.i, prep.left_edge.i)
        return _make((start, prep.right_edge.i + 1), sp, tok.text, "indirect", tok.i, True), sp
    sp = speaker_of(ctx, subj, lex, memory)
    if sp.ref is None and sp.kind != "unnamed":  # "analysts call the ties volatile": unnamed, hedged
        return None, None
    start = obj0.left_edge.i if obj0 is not None and obj0.i < prep.i else prep.left_edge.i
    unnamed = sp.kind == "unnamed"
    return _make((start, prep.right_edge.i + 1), sp, tok.text, "indirect", tok.i, unnamed), sp
