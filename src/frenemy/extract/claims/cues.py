"""Stance cues in a sentence: lexicon phrases, stance adjectives and general patterns."""

from __future__ import annotations

from typing import TYPE_CHECKING

from frenemy.extract.claims.lexicon import (
    Cue,
    CueMatch,
    StanceLexicon,
)
from frenemy.extract.claims.syntax import (
    _span_head,
)

if TYPE_CHECKING:
    from spacy.tokens import Doc

    from frenemy.nlp.context import DocContext


def _stance_matches(ctx: DocContext, lex: StanceLexicon, start: int, end: int) -> list[CueMatch]:
    """Phrase cues, then stance adjectives said of a relation noun or of the pair."""
    doc = ctx.doc
    found = lex.find(doc, "stance", start, end)
    used = {i for m in found for i in range(m.start, m.end)}
    for i in range(start, end):
        tok = doc[i]
        if i in used or tok.pos_ != "ADJ":
            continue
        cue = lex.cue_for("stance_adj", tok)
        if cue is None:
            continue
        head = tok.head
        if tok.dep_ == "amod" and lex.has("relation_noun", head):
            words = (tok.lower_, head.lemma_.lower())
            found.append(
                CueMatch(
                    i, head.i + 1 if head.i > i else i + 1, Cue("stance_adj", words, cue.value, cue.negated)
                )
            )
        elif (
            tok.dep_ in {"acomp", "attr", "oprd"}
            or (tok.dep_ == "conj" and tok.head.dep_ == "acomp")
            or tok.head.lower_ == "as"  # "described relations with Moscow as excellent"
        ):
            found.append(CueMatch(i, i + 1, cue))
    found.sort(key=lambda m: m.start)
    return _drop_subject_cues(doc, found)


def _drop_subject_cues(doc: Doc, found: list[CueMatch]) -> list[CueMatch]:
    """ "The alliance between X and Y has become strained": a cue that is only the subject of
    another cue's clause names the relationship; the predicate characterises it."""
    if len(found) < 2:
        return found
    heads = {_span_head(doc, m.start, m.end).i: m for m in found}
    drop: set[int] = set()
    for hi, m in heads.items():
        tok = doc[hi]
        if tok.dep_ not in {"nsubj", "nsubjpass"}:
            continue
        verb = tok.head
        if verb.i in heads or any(
            c.i in heads and c.dep_ in {"acomp", "attr", "oprd", "xcomp"} for c in verb.children
        ):
            drop.add(id(m))
    return [m for m in found if id(m) not in drop]
