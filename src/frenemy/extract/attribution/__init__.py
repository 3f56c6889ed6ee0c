"""Attribution: who says what in a parsed document.

``find_attributions(ctx)`` finds stretches of reported content and their speakers: direct quotes
(straight or curly marks, across sentences, unclosed until the paragraph ends, speaker before,
after or between the halves), indirect speech ("X says that ...", "X told me ...", "as some have
argued"), "according to X", positions ("US assertions that ...", "designated Iran for ..."), and
documents as speakers ("the CTC report says" -> the Combating Terrorism Center). Nested speech
keeps the outer speaker in ``relayed_by``. Speakers are actors from ``ctx.mentions``; a document
resolves to its author or publisher, an unresolved one to the document's own author/publisher.
"""

from __future__ import annotations

from typing import TYPE_CHECKING

from frenemy.extract.attribution.constructions import (
    _according_to,
    _position_noun,
    _position_verb,
    _reporting_verb,
)
from frenemy.extract.attribution.nesting import _dedupe, _nest
from frenemy.extract.attribution.quotes import _clip_to_paragraphs, _quote_attributions, quote_spans
from frenemy.extract.attribution.speakers import (
    BOTH_MARKS,
    CLOSE_MARKS,
    OPEN_MARKS,
    Speaker,
    _acronyms,
    _document_speaker,
    _Memory,
    _name_vague_documents,
    speaker_of,
)
from frenemy.extract.claims.lexicon import StanceLexicon
from frenemy.nlp.context import Attribution

if TYPE_CHECKING:
    from frenemy.nlp.context import DocContext

__all__ = [
    "BOTH_MARKS",
    "CLOSE_MARKS",
    "OPEN_MARKS",
    "Speaker",
    "find_attributions",
    "quote_spans",
    "speaker_of",
]


def find_attributions(ctx: DocContext, lexicon: StanceLexicon | None = None) -> list[Attribution]:
    """All attributions in the document, sorted by content start; also stored in ``ctx.attributions``.

    >>> # "According to the CTC report, Atiyya bragged that al Qaeda abducted the diplomat."
    >>> # -> [according_to: Combating Terrorism Center, tokens 5..; indirect: Atiyya, relayed_by CTC]
    """
    lex = lexicon or StanceLexicon.default()
    doc = ctx.doc
    memory = _Memory(acronyms=_acronyms(ctx))
    found: list[Attribution] = []
    vague: list[tuple[Attribution, int, str]] = []
    used_verbs: set[int] = set()
    for sent in doc.sents:
        for tok in sent:
            att: Attribution | None = None
            sp: Speaker | None = None
            if tok.lower_ == "according" and tok.i + 1 < sent.end and doc[tok.i + 1].lower_ == "to":
                att, sp = _according_to(ctx, lex, memory, sent, tok)
            elif tok.pos_ in {"VERB", "AUX"}:
                att, sp = _position_verb(ctx, lex, memory, tok)
                if att is None:
                    att, sp = _reporting_verb(ctx, lex, memory, tok)
            elif tok.pos_ in {"NOUN", "PROPN"} and lex.has("position_noun", tok):
                att, sp = _position_noun(ctx, lex, memory, tok)
            if att is None and tok.pos_ == "NOUN" and tok.dep_ != "nsubj":
                doc_cue = lex.cue_for("document_noun", tok)
                if doc_cue is not None:  # remember who wrote it, for a later "the report says"
                    _document_speaker(ctx, lex, memory, tok, doc_cue.value, register_only=True)
            if att is not None and sp is not None:
                found.append(att)
                if att.cue_start is not None:
                    used_verbs.add(att.cue_start)
                if sp.vague and sp.kind == "document" and sp.family and sp.start is not None:
                    vague.append((att, sp.start, sp.family))
    _name_vague_documents(ctx, memory, vague)
    _clip_to_paragraphs(doc, found)
    found.extend(_quote_attributions(ctx, lex, memory, found))
    found = _dedupe(found)
    _nest(found)
    found.sort(key=lambda a: (a.content_start, -a.content_end))
    ctx.attributions = found
    return found
