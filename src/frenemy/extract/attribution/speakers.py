"""Who a phrase stands for as a speaker: actors, documents and their authors, unnamed sources."""

from __future__ import annotations

from bisect import bisect_left
from dataclasses import dataclass, field
from typing import TYPE_CHECKING

from frenemy.extract.claims.lexicon import (
    StanceLexicon,
)
from frenemy.extract.claims.syntax import (
    paragraph_break_between,
)
from frenemy.extract.claims.voice import document_voice
from frenemy.models import ActorRef
from frenemy.nlp.context import Attribution, MentionSpan

if TYPE_CHECKING:
    from spacy.tokens import Token

    from frenemy.nlp.context import DocContext


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

    ``kind``: actor | document | unnamed | unresolved (a "he" with no one named before) | self | none. ``vague`` marks a document known only by
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
        m = _titled_person(ctx, m)
        return Speaker(m.actor.ref(), m.start, m.end, "actor")
    if tok.pos_ == "PRON" and tok.lower_ in {"he", "she"}:
        person = _last_person(ctx, tok)  # "He added that ...": the person last named
        if person is not None:
            return Speaker(person.actor.ref(), tok.i, tok.i + 1, "actor")
        # someone, not the publisher: the claim keeps no claimant rather than a wrong one
        return Speaker(None, tok.i, tok.i + 1, "unresolved")
    if (
        lex.has("title_noun", tok)
        and any(c.dep_ == "det" and c.lower_ == "the" for c in tok.children)
        and not any(c.dep_ in {"compound", "amod", "poss", "prep"} for c in tok.children)
    ):  # "The Secretary urged ...": the person last named with that title, if any
        person = _last_person(ctx, tok, title=tok.lemma_.lower())
        if person is not None:
            return Speaker(person.actor.ref(), tok.i, tok.i + 1, "actor")
    if tok.pos_ in {"NOUN", "PROPN"} and any(
        c.dep_ == "det" and c.lower_ in {"these", "those"} for c in tok.children
    ):  # "These countries assert that ...": someone named before, not the publisher
        return Speaker(None, tok.left_edge.i, tok.i + 1, "unresolved")
    titled = _title_before(ctx, tok)
    if titled is not None:
        return Speaker(titled.actor.ref(), titled.start, tok.i + 1, "actor")
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


_PRONOUN_REACH = 6  # sentences back a "he"/"she" speaker may reach for the person last named


def _last_person(ctx: DocContext, tok: Token, title: str | None = None) -> MentionSpan | None:
    """The person named last before ``tok`` within a few sentences ("Saudi Foreign Minister Adel
    al-Jubeir announced ... He added that ..."), if there is one; with ``title``, only a person
    named with that title just before the name ("Secretary of State Antony J. Blinken")."""
    here = ctx.sentence_index(tok.i)
    best: MentionSpan | None = None
    doc = ctx.doc
    for m in ctx.mentions:  # not assumed sorted
        if m.start >= tok.i or m.actor.type != "person" or (best is not None and m.start <= best.start):
            continue
        if title is not None and not any(
            doc[j].lemma_.lower() == title or doc[j].lower_ == title
            for j in range(max(0, m.start - 6), m.end)
        ):
            continue
        if here - ctx.sentence_index(m.start) <= _PRONOUN_REACH:
            best = m
    return best


_TITLE_RUN_POS = {"PROPN", "NOUN", "ADP", "DET", "ADJ"}


def _title_before(ctx: DocContext, tok: Token) -> MentionSpan | None:
    """ "U.A.E. Ambassador to the U.S. Al Otaiba": a name the actor stage did not know, after a
    title that did resolve (to a government body, or an official's person), speaks for that title's
    holder; the run of title words may not cross a comma, quote or paragraph break."""
    doc = ctx.doc
    if tok.pos_ != "PROPN":
        return None
    best: MentionSpan | None = None
    j = tok.left_edge.i - 1
    while j >= 0 and j >= tok.left_edge.i - 10:
        t = doc[j]
        # any punctuation ends the run: a full stop is a sentence's end ("U.S." is one token)
        if t.pos_ not in _TITLE_RUN_POS or t.pos_ == "PUNCT" or "\n" in t.whitespace_:
            break
        m = ctx.mention_at(j)
        if m is not None and m.actor.type in {"government_body", "person"}:
            best = m
        j -= 1
    return best


def _titled_person(ctx: DocContext, m: MentionSpan) -> MentionSpan:
    """ "Saudi Foreign Minister Adel al-Jubeir said": a title (read as the government) followed by a
    person's name speaks for the person; the parser may hang the title or the name as subject."""
    doc = ctx.doc
    if m.actor.type == "person":
        return m
    j = m.end
    while j < len(doc) and j < m.end + 3 and doc[j].pos_ == "PROPN" and ctx.mention_at(j) is None:
        j += 1  # a name the actor stage did not take ("Minister Sameh Shoukry")
    nxt = ctx.mention_at(j) if j < len(doc) else None
    if nxt is not None and nxt.actor.type == "person" and nxt is not m:
        if all(doc[k].pos_ == "PROPN" for k in range(m.end, nxt.start)) and not any(
            "\n" in doc[k].whitespace_ for k in range(m.start, nxt.start)
        ):
            return nxt
    return m


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
        if child.dep_ == "prep" and child.lower_ in {"by", "from"}:
            pobj = next((c for c in child.children if c.dep_ == "pobj"), None)
            if child.lower_ == "by":
                mm = _mention_in(ctx, pobj) if pobj is not None else None
            else:  # "a statement from the Qatari foreign ministry", not "letters from X's hideout"
                mm = ctx.mention_at(pobj.i) if pobj is not None else None
                if mm is not None and mm.end < len(ctx.doc) and ctx.doc[mm.end].dep_ == "case":
                    mm = None
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
    unnamed_owner = False
    if ref is None:
        for child in tok.children:
            if child.dep_ in {"compound", "poss", "amod", "nmod"}:
                mm = ctx.mention_at(child.i)
                # "the monitors' report": owned by others the text does not name
                unnamed_owner = unnamed_owner or (
                    child.dep_ == "poss" and child.pos_ == "NOUN" and mm is None
                )
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
    if ref is None and unnamed_owner:
        return Speaker(None, tok.left_edge.i, tok.right_edge.i + 1, "unnamed", False, family)
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
        # "X commented on the deal, saying ...": the participle's subject is the main verb's
        infinitive = infinitive or (cur.dep_ == "advcl" and cur.tag_ == "VBG")
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
        # "critics say" hedges; "the monitors' report concluded" (a document of unnamed others) does not
        hedged=hedged or (sp.kind == "unnamed" and sp.family is None),
        cue_start=cue_start,
        speaker_start=sp.start,
        speaker_end=sp.end,
    )


def _accepts(sp: Speaker) -> bool:
    return sp.ref is not None or sp.kind in {"unnamed", "unresolved"}
