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

from bisect import bisect_left
from dataclasses import dataclass, field
from typing import TYPE_CHECKING

from frenemy.extract.claims import StanceLexicon, document_voice, paragraph_break_between
from frenemy.models import ActorRef
from frenemy.nlp.context import Attribution

if TYPE_CHECKING:
    from spacy.tokens import Doc, Span, Token

    from frenemy.nlp.context import DocContext, MentionSpan

OPEN_MARKS = {"“", "«", "„"}
CLOSE_MARKS = {"”", "»"}
BOTH_MARKS = {'"', "''", "``"}
_DEFINITE = {"the", "this", "that", "these", "those", "its", "their"}
_AUTHORING_VERBS = {
    "write",
    "issue",
    "publish",
    "release",
    "prepare",
    "author",
    "send",
    "sign",
    "draft",
    "produce",
    "compile",
}
_SUBJECT_DEPS = {"nsubj", "nsubjpass"}


@dataclass
class Speaker:
    """Who a subject phrase stands for.

    ``kind``: actor | document | unnamed | self | none. ``vague`` marks a document known only by
    its country or not at all ("a US analysis"), which a following definite mention may name.
    """

    ref: ActorRef | None
    start: int | None = None
    end: int | None = None
    kind: str = "none"
    vague: bool = False
    family: str | None = None


@dataclass
class _Memory:
    """Per-document state: acronyms defined in the text and the last document of each family."""

    acronyms: dict[str, ActorRef] = field(default_factory=dict)
    last_by_family: dict[str, ActorRef] = field(default_factory=dict)
    # (token index, family, speaker, vague, definite) for every document phrase met, in order
    documents: list[tuple[int, str, ActorRef | None, bool, bool]] = field(default_factory=list)


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


# --- speakers ---------------------------------------------------------------------------------------
def _acronyms(ctx: DocContext) -> dict[str, ActorRef]:
    """Acronyms the text defines after a name: "the Combating Terrorism Center (CTC)"."""
    doc = ctx.doc
    out: dict[str, ActorRef] = {}
    for m in ctx.mentions:
        j = m.end
        if j + 2 < len(doc) and doc[j].text == "(" and doc[j + 2].text == ")" and doc[j + 1].text.isupper():
            out[doc[j + 1].text] = m.actor.ref()
    return out


def _mention_in(ctx: DocContext, tok: Token, prefer_last: bool = False) -> MentionSpan | None:
    """The mention at a token, else the first (or last) mention in its subtree."""
    m = ctx.mention_at(tok.i)
    if m is not None:
        return m
    found: MentionSpan | None = None
    for i in range(tok.left_edge.i, tok.right_edge.i + 1):
        mm = ctx.mention_at(i)
        if mm is not None:
            if not prefer_last:
                return mm
            found = mm
    return found


def _is_vague_author(m: MentionSpan) -> bool:
    return m.kind == "demonym" or m.actor.type == "state"


def speaker_of(ctx: DocContext, tok: Token, lex: StanceLexicon, memory: _Memory | None = None) -> Speaker:
    """Who the phrase headed by ``tok`` stands for, as a speaker (see ``Speaker``)."""
    memory = memory if memory is not None else _Memory(acronyms=_acronyms(ctx))
    m = ctx.mention_at(tok.i)
    if m is not None:
        return Speaker(m.actor.ref(), m.start, m.end, "actor")
    if lex.has("self", tok):
        return Speaker(document_voice(ctx), tok.i, tok.i + 1, "self")
    doc_cue = lex.cue_for("document_noun", tok)
    if doc_cue is not None:
        return _document_speaker(ctx, lex, memory, tok, doc_cue.value)
    for child in tok.children:
        if child.dep_ in {"compound", "amod", "poss", "nmod"} or (
            child.dep_ == "prep" and child.lower_ in {"in", "from", "of"}
        ):
            mm = _mention_in(ctx, child)
            if mm is not None:
                return Speaker(mm.actor.ref(), tok.left_edge.i, tok.right_edge.i + 1, "actor")
    if lex.has("unnamed", tok):  # "some", "critics", "officials" (after "officials in Riyadh")
        return Speaker(None, tok.i, tok.i + 1, "unnamed")
    return Speaker(None, tok.i, tok.i + 1, "none")


def _document_speaker(
    ctx: DocContext, lex: StanceLexicon, memory: _Memory, tok: Token, family: str, register_only: bool = False
) -> Speaker:
    """A document resolves to its author: "by X", "written by X", "the CTC report", "X's letter",
    "X published a report"; a bare definite "the report" to the last report named; otherwise to the
    document's voice. ``register_only``: only remember a named author (the phrase is not speaking)."""
    definite = any(c.dep_ == "det" and c.lower_ in _DEFINITE for c in tok.children)
    ref: ActorRef | None = None
    vague = False
    if tok.dep_ == "dobj" and tok.head.lemma_.lower() in _AUTHORING_VERBS:
        subj = next((c for c in tok.head.children if c.dep_ in _SUBJECT_DEPS), None)
        mm = ctx.mention_at(subj.i) if subj is not None else None
        if (
            mm is not None
            and subj is not None
            and "\n" not in ctx.doc[min(subj.i, tok.i) : max(subj.i, tok.i)].text
        ):
            ref = mm.actor.ref()
    for child in tok.children if ref is None else ():
        if child.dep_ == "prep" and child.lower_ == "by":
            pobj = next((c for c in child.children if c.dep_ == "pobj"), None)
            mm = _mention_in(ctx, pobj) if pobj is not None else None
            if mm is not None:
                ref = mm.actor.ref()
                break
        if child.dep_ in {"acl", "relcl"}:
            if child.lemma_.lower() in _AUTHORING_VERBS:
                for agent in child.children:
                    if agent.dep_ == "agent" or (agent.dep_ == "prep" and agent.lower_ == "by"):
                        pobj = next((c for c in agent.children if c.dep_ == "pobj"), None)
                        mm = _mention_in(ctx, pobj, prefer_last=True) if pobj is not None else None
                        if mm is not None:
                            ref = mm.actor.ref()
            if ref is None and any(c.dep_ in _SUBJECT_DEPS and lex.has("self", c) for c in child.children):
                ref = document_voice(ctx)
            if ref is not None:
                break
    if ref is None:
        for child in tok.children:
            if child.dep_ in {"compound", "poss", "amod", "nmod"}:
                mm = ctx.mention_at(child.i)
                if mm is not None:
                    ref, vague = mm.actor.ref(), _is_vague_author(mm)
                    break
                if child.text in memory.acronyms:
                    ref = memory.acronyms[child.text]
                    break
                if lex.has("self", child):
                    ref = document_voice(ctx)
                    break
    if ref is None and definite and family in memory.last_by_family:
        ref = memory.last_by_family[family]
    if register_only:
        if ref is not None and not vague:
            memory.last_by_family[family] = ref
            memory.documents.append((tok.i, family, ref, vague, definite))
        return Speaker(ref, tok.left_edge.i, tok.right_edge.i + 1, "document", vague, family)
    if ref is None:
        ref, vague = document_voice(ctx), True
    elif not vague:
        memory.last_by_family[family] = ref
    memory.documents.append((tok.i, family, ref, vague, definite))
    return Speaker(ref, tok.left_edge.i, tok.right_edge.i + 1, "document", vague, family)


def _name_vague_documents(
    ctx: DocContext, memory: _Memory, vague: list[tuple[Attribution, int, str]]
) -> None:
    """'According to a US analysis ... The report by the CTC goes on to say': an indefinite or
    country-only document takes the author of the next definite document of its family named within
    the next two sentences."""
    if not vague:
        return
    starts = [d[0] for d in memory.documents]
    for att, at, family in vague:
        s_at = ctx.sentence_index(at)
        k = bisect_left(starts, at + 1)
        while k < len(memory.documents):
            i, fam, ref, is_vague, definite = memory.documents[k]
            if ctx.sentence_index(i) - s_at > 2:
                break
            if fam == family and definite and not is_vague and ref is not None:
                att.speaker = ref
                break
            k += 1


def _subject(tok: Token) -> Token | None:
    """The subject of a verb, looking through "goes on to say" and coordinated verbs."""
    cur = tok
    for _ in range(3):
        subj = next((c for c in cur.children if c.dep_ in _SUBJECT_DEPS), None)
        if subj is not None and subj.lower_ in ("which", "who", "that") and cur.dep_ == "relcl":
            subj = cur.head  # "the US Treasury, which said that ...": the relative's antecedent
        if subj is not None:
            # a subject across a paragraph break is a parse of two paragraphs glued together
            return None if paragraph_break_between(tok.doc, subj.i, tok.i) else subj
        infinitive = cur.dep_ == "advcl" and any(c.dep_ == "aux" and c.lower_ == "to" for c in cur.children)
        if (cur.dep_ in {"xcomp", "conj"} or infinitive) and cur.head.i != cur.i:
            cur = cur.head
        else:
            return None
    return None


def _make(
    content: tuple[int, int], sp: Speaker, cue: str, kind: str, cue_start: int, hedged: bool
) -> Attribution:
    return Attribution(
        content_start=content[0],
        content_end=content[1],
        speaker=sp.ref,
        cue=cue,
        kind=kind,
        hedged=hedged or sp.kind == "unnamed",
        cue_start=cue_start,
        speaker_start=sp.start,
        speaker_end=sp.end,
    )


def _accepts(sp: Speaker) -> bool:
    return sp.ref is not None or sp.kind == "unnamed"


# --- the constructions ------------------------------------------------------------------------------
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
    if subj is None:
        return None, None
    sp = speaker_of(ctx, subj, lex, memory)
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


# --- direct quotes ----------------------------------------------------------------------------------
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


# --- nesting ----------------------------------------------------------------------------------------
def _dedupe(atts: list[Attribution]) -> list[Attribution]:
    seen: dict[tuple[int, int], Attribution] = {}
    for a in atts:
        key = (a.content_start, a.content_end)
        if key not in seen or (seen[key].speaker is None and a.speaker is not None):
            seen[key] = a
    return list(seen.values())


def _nest(atts: list[Attribution]) -> None:
    """Set ``relayed_by`` from the smallest enclosing attribution whose content holds this one's
    cue (a stack sweep over attributions sorted by start)."""
    order = sorted(atts, key=lambda a: (a.content_start, -(a.content_end - a.content_start)))
    stack: list[Attribution] = []
    for a in order:
        while stack and stack[-1].content_end <= a.content_start:
            stack.pop()
        outer = next(
            (s for s in reversed(stack) if s.content_end >= a.content_end and _holds_cue(s, a)),
            None,
        )
        if outer is not None and a.relayed_by is None:
            if outer.speaker is not None and (a.speaker is None or outer.speaker.id != a.speaker.id):
                a.relayed_by = outer.speaker
            else:
                a.relayed_by = outer.relayed_by
        stack.append(a)


def _holds_cue(outer: Attribution, inner: Attribution) -> bool:
    at = inner.cue_start if inner.cue_start is not None else inner.content_start
    if inner.kind == "direct" and not (outer.content_start <= at < outer.content_end):
        at = inner.content_start
    return outer.content_start <= at < outer.content_end and outer is not inner


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
