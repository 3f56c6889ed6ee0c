"""``extract_claims``: one ``Claim`` per characterisation of a relationship in a document."""

from __future__ import annotations

from collections.abc import Callable
from dataclasses import replace
from typing import TYPE_CHECKING

from frenemy.extract.claims.counter import _counter_claims
from frenemy.extract.claims.cues import _objects, _reciprocal, _stance_matches
from frenemy.extract.claims.lexicon import (
    DEFAULT_NEGATION,
    CueMatch,
    StanceLexicon,
)
from frenemy.extract.claims.pairs import (
    _choose_pair,
    _core_actors,
    _Focus,
    _has_reciprocal,
    _update_focus,
    nearby_actors,
)
from frenemy.extract.claims.qualifiers import (
    _appealed,
    _hedged,
    _hypothetical,
    _lessened,
    _negated,
    _note_caveats,
    _unknown_counterpart,
)
from frenemy.extract.claims.syntax import (
    _claim_text,
    _clause_verb,
    _is_question,
    _mentions_in,
    _span_head,
)
from frenemy.extract.claims.voice import _publication_date, document_voice
from frenemy.models import Actor, ActorRef, Claim, stable_id
from frenemy.nlp.context import Attribution, MentionSpan

if TYPE_CHECKING:
    from spacy.tokens import Token

    from frenemy.nlp.context import DocContext


_CLAUSE_DEPS = {"ccomp", "advcl", "relcl", "acl", "xcomp", "csubj", "parataxis"}


_FIRST_PERSON = {"we", "us", "our", "i", "me", "my"}
_WE = {"we", "us", "our"}
_GROUP_PRONOUNS = {"it", "its", "they", "their"}


def _speaks_for_others(ctx: DocContext, voice: ActorRef) -> bool:
    """Whether the document's voice belongs to a larger actor (a president to his state, a ministry
    to its government), so that its "we" is that side; a journalist's or a newspaper's is not."""
    try:
        return len(ctx.registry.rollup(voice.id)) > 1
    except Exception:  # a registry that cannot roll up knows no such tie
        return False


_PERSON_PRONOUNS = {"he", "his", "she", "her"}


def extract_claims(ctx: DocContext, lexicon: StanceLexicon | None = None) -> list[Claim]:
    """Relationship claims in a parsed document, in text order.

    Needs ``ctx.mentions`` and ``ctx.attributions`` filled (``ctx.timeline`` optional). Each claim
    names the pair it is about, its stance after negation, whether it is hedged, its claimant
    (innermost attribution's speaker, with ``relayed_by``; else the document's author/publisher)
    and its sentence. Example: "Riedel said al Qaeda had a fairly hostile relationship with Iran"
    gives a hostile claim by Riedel about (al-Qaeda, Iran).
    """
    lex = lexicon or StanceLexicon.default()
    doc = ctx.doc
    voice = document_voice(ctx)
    focus = _Focus()
    caveats: dict[str, tuple[int, int]] = {}  # speaker id -> (sentence, token) of their caveat
    claims: list[Claim] = []
    seen: set[str] = set()
    cue_at: dict[str, int] = {}  # claim id -> token index of its cue
    mentions_by_start = sorted(ctx.mentions, key=lambda m: m.start)
    mi = 0
    for s_index, sent in enumerate(doc.sents):
        # mentions of this sentence, in order (one forward sweep over all mentions)
        while mi < len(mentions_by_start) and mentions_by_start[mi].start < sent.start:
            mi += 1
        sent_mentions: list[MentionSpan] = []
        mj = mi
        while mj < len(mentions_by_start) and mentions_by_start[mj].start < sent.end:
            sent_mentions.append(mentions_by_start[mj])
            mj += 1
        if focus.pair is None:
            _update_focus(ctx, focus, sent_mentions)
        _note_caveats(ctx, lex, sent, s_index, caveats, voice)
        sent_claims: list[Claim] = []
        sent_keys: set[tuple[str | None, str | None, frozenset[str], str]] = set()
        # cues whose pair comes from the text go first: they set the focus that "each other"
        # or "the two" elsewhere in the same sentence refers to
        pending = _stance_matches(ctx, lex, sent.start, sent.end)
        for _attempt in range(2):
            retry: list[CueMatch] = []
            for m in pending:
                first = _claim_for(ctx, lex, m, s_index, sent, voice, focus, caveats)
                if first is None:
                    retry.append(m)
                    continue
                for claim in [first, *_coordinated(ctx, first, m, sent.start, sent.end)]:
                    # one claim per claimant, pair and stance in a sentence (the first cue speaks for it)
                    key = (
                        claim.claimant.id if claim.claimant else None,
                        claim.relayed_by.id if claim.relayed_by else None,
                        frozenset(a.id for a in claim.about),
                        claim.stance,
                    )
                    if claim.id not in seen and key not in sent_keys:
                        seen.add(claim.id)
                        cue_at[claim.id] = m.start
                        sent_keys.add(key)
                        sent_claims.append(claim)
            if not retry or focus.pair is None or len(retry) == len(pending):
                break
            pending = retry
        sent_claims.sort(key=lambda c: c.sentence.find(c.text) if c.text else 0)
        sent_claims = _mixed_to_ambivalent(ctx, sent_claims, cue_at)
        sent_claims.extend(_counter_claims(ctx, lex, sent, s_index, sent_claims, voice, seen, cue_at))
        claims.extend(sent_claims)
        _update_focus(ctx, focus, sent_mentions)
    return claims


def _coordinated(ctx: DocContext, claim: Claim, m: CueMatch, s_start: int, s_end: int) -> list[Claim]:
    """ "Qatar's relations with Saudi Arabia and the UAE": the same claim for each actor coordinated
    with a member of the pair inside the cue's clause (Qatar-Saudi Arabia, Qatar-UAE)."""
    doc = ctx.doc
    verb = _clause_verb(_span_head(doc, m.start, m.end), s_start, s_end)
    lo, hi = max(s_start, verb.left_edge.i), min(s_end, verb.right_edge.i + 1)
    ids = [a.id for a in claim.about]
    out: list[Claim] = []
    # the speaker is no partner ("According to Riedel, Iran and ...": the parser may coordinate them)
    taken = set(ids) | {r.id for r in (claim.claimant, claim.relayed_by) if r is not None}
    att = ctx.attribution_at(m.start)
    for mention in _mentions_in(ctx, lo, hi):
        if mention.actor.id not in ids:
            continue
        other = claim.about[1] if mention.actor.id == ids[0] else claim.about[0]
        for conj in doc[mention.end - 1].conjuncts:
            mm = ctx.mention_at(conj.i)
            if mm is None or not (lo <= conj.i < hi) or mm.actor.id in taken:
                continue
            if _one_actor(ctx, other.id, mm.actor.id):
                continue
            if ctx.attribution_at(conj.i) is not att:
                continue
            taken.add(mm.actor.id)
            partner = mm.actor.ref()
            cid = stable_id("cl", claim.id, partner.id)
            out.append(replace(claim, id=cid, about=[other, partner]))
    return out


def _top_of(ctx: DocContext) -> Callable[[str], str] | None:
    """The registry's top actor of an id, or None when the registry cannot roll up."""
    rollup = getattr(ctx.registry, "rollup", None)
    if rollup is None:
        return None

    def top(actor_id: str) -> str:
        try:
            chain = rollup(actor_id)
        except Exception:  # an id the registry cannot follow stands for itself
            return actor_id
        return chain[-1] if chain else actor_id

    return top


def _one_actor(ctx: DocContext, a: str, b: str) -> bool:
    """ "Ukrainian cities ... Ukraine", "the United States ... the Secretary": two names that roll up
    to the same top actor are one side, not a pair."""
    try:
        top_a, top_b = ctx.registry.rollup(a), ctx.registry.rollup(b)
    except Exception:  # a registry that cannot roll up treats ids as they are
        return a == b
    return bool(top_a and top_b) and top_a[-1] == top_b[-1]


_CONTRAST = {"but", "yet", "though", "although", "while", "whereas", "despite"}


def _mixed_to_ambivalent(ctx: DocContext, claims: list[Claim], cue_at: dict[str, int]) -> list[Claim]:
    """ "They need each other, but they do not trust each other": a cooperative and a hostile claim
    by the same voice on the same pair, joined by "but"/"yet" in one sentence, are one ambivalent
    claim."""
    doc = ctx.doc
    out: list[Claim] = []
    merged: set[str] = set()
    for a in claims:
        if a.id in merged:
            continue
        for b in claims:
            if b.id in merged or b is a or {a.stance, b.stance} != {"cooperative", "hostile"}:
                continue
            same_voice = (a.claimant and a.claimant.id) == (b.claimant and b.claimant.id)
            if not same_voice or {x.id for x in a.about} != {x.id for x in b.about}:
                continue
            i, j = sorted((cue_at.get(a.id, -1), cue_at.get(b.id, -1)))
            if i < 0 or not any(t.lower_ in _CONTRAST and t.dep_ in {"cc", "mark", "prep"} for t in doc[i:j]):
                continue
            merged.update({a.id, b.id})
            first, second = (a, b) if cue_at[a.id] < cue_at[b.id] else (b, a)
            cue = f"{first.cue} but {second.cue}"
            cid = stable_id(
                "cl",
                ctx.document.id,
                a.sentence_index,
                a.claimant.id if a.claimant else None,
                "ambivalent",
                cue,
            )
            text = (
                first.text
                if first.sentence.find(first.text) < 0
                else first.sentence[
                    first.sentence.find(first.text) : max(
                        first.sentence.find(first.text), second.sentence.find(second.text)
                    )
                    + len(second.text)
                ]
            )
            mixed = replace(
                first,
                id=cid,
                stance="ambivalent",
                cue=cue,
                text=text,
                hedged=a.hedged or b.hedged,
                negated=False,
                confidence=min(a.confidence, b.confidence),
            )
            cue_at[cid] = cue_at[first.id]
            out.append(mixed)
            break
        else:
            out.append(a)
    return out


def _pair_pronoun(lex: StanceLexicon, head: Token) -> bool:
    """ "tensions between them", "a deal with each other": the cue's own two-sided preposition
    names the pair only by a reciprocal word."""
    doc = head.doc
    for prep in head.children:
        if prep.dep_ == "prep" and prep.lower_ in {"between", "among", "with"}:
            if any(
                lex.match_at(doc, j, "reciprocal", prep.right_edge.i + 1) is not None
                for j in range(prep.i, prep.right_edge.i + 1)
            ):
                return True
    return False


def _speaker_pronoun(
    ctx: DocContext, att: Attribution, clause_lo: int, clause_hi: int, lo: int, head: Token
) -> Token | None:
    """A third-person pronoun subject or possessive in reported speech that can only stand for the
    speaker: "it"/"its"/"they"/"their" for a state or group, "he"/"she"/"his"/"her" for a person,
    with no other actor named before it in the reported content. A possessive counts only on the
    cue itself or on a subject ("its enemy", "its ties with Iran were friendly"), not deeper
    ("negotiations over detained jihadis and their families")."""
    if att.kind not in {"indirect", "direct"}:
        return None
    doc = ctx.doc
    speaker_mention = ctx.mention_at(att.speaker_start) if att.speaker_start is not None else None
    kind = speaker_mention.actor.type if speaker_mention is not None else None
    # a name the actor stage could not type may be a person's ("Shoukry said he ...")
    words = (_PERSON_PRONOUNS if kind != "state" else set()) | (
        _GROUP_PRONOUNS if kind != "person" else set()
    )
    for t in doc[clause_lo:clause_hi]:
        if t.lower_ in words and (
            t.dep_ in {"nsubj", "nsubjpass"}
            or (t.dep_ == "poss" and (t.head.i == head.i or t.head.dep_ in {"nsubj", "nsubjpass"}))
        ):
            # "Qatar said Iran was not its enemy": a possessor in the predicate is not its subject
            in_predicate = t.dep_ == "poss" and t.head.dep_ in {"attr", "dobj", "pobj", "oprd"}
            if not in_predicate and any(ctx.mention_at(i) is not None for i in range(lo, t.i)):
                return None  # "Qatar said Iran ... it": "it" may be Iran
            return t
    return None


def _claimant(att: Attribution | None, voice: ActorRef | None) -> tuple[ActorRef | None, ActorRef | None]:
    if att is None:
        return voice, None
    return att.speaker, att.relayed_by


def _claim_for(
    ctx: DocContext,
    lex: StanceLexicon,
    m: CueMatch,
    s_index: int,
    sent: object,
    voice: ActorRef | None,
    focus: _Focus,
    caveats: dict[str, tuple[int, int]],
) -> Claim | None:
    doc = ctx.doc
    s_start, s_end = sent.start, sent.end  # type: ignore[attr-defined]
    head = _span_head(doc, m.start, m.end)
    if _unknown_counterpart(ctx, lex, head):
        return None
    att = ctx.attribution_at(m.start)
    lo, hi = (att.content_start, att.content_end) if att else (s_start, s_end)
    lo, hi = max(lo, s_start), min(hi, s_end)
    verb = _clause_verb(head, lo, hi)
    if _hypothetical(lex, head, s_start, s_end) or _appealed(lex, head, s_start, s_end):
        return None
    claimant, relayed = _claimant(att, voice)
    exclude = {r.id for r in (claimant, relayed) if r is not None and att is not None}
    one_side: list[set[str]] = []
    candidates = _core_actors(ctx, head, verb, lo, hi, one_side, lex)
    clause_lo, clause_hi = max(lo, verb.left_edge.i), min(hi, verb.right_edge.i + 1)
    if att is not None and att.kind == "direct" and att.speaker is not None:
        # "We have no quarrel with Iran," a Qatari official said: "we" is the speaker's side
        we = next((t for t in doc[clause_lo:clause_hi] if t.lower_ in _FIRST_PERSON), None)
        if we is not None:
            me = Actor(id=att.speaker.id, name=att.speaker.name, code=att.speaker.code)
            candidates.append((1, MentionSpan(we.i, we.i + 1, me, "pronoun")))
            exclude.discard(att.speaker.id)
    elif att is None and voice is not None and _speaks_for_others(ctx, voice):
        # "our efforts to normalize relations with the Cuban government" in a statement by the
        # President or a ministry: "we"/"our" is the side its author speaks for
        we = next((t for t in doc[clause_lo:clause_hi] if t.lower_ in _WE), None)
        if we is not None:
            me = Actor(id=voice.id, name=voice.name, code=voice.code)
            candidates.append((1, MentionSpan(we.i, we.i + 1, me, "pronoun")))
    elif att is not None and att.speaker is not None:
        # "Qatar denied that it was allied with Iran": "it" is the speaker's side
        it = _speaker_pronoun(ctx, att, clause_lo, clause_hi, lo, head)
        if it is not None:
            me = Actor(id=att.speaker.id, name=att.speaker.name, code=att.speaker.code)
            candidates.append((1, MentionSpan(it.i, it.i + 1, me, "pronoun")))
            exclude.discard(att.speaker.id)
    reciprocal = _has_reciprocal(lex, doc, clause_lo, clause_hi)
    nearby = nearby_actors(ctx, lex, s_start, s_end, clause_lo, clause_hi)
    if m.cue.category in {"stance_verb", "relation_verb"}:
        # a verb's parties are its arguments: "they held Iran responsible" borrows no partner;
        # only a reciprocal object stands for the pair ("need each other")
        nearby = set()
        reciprocal = m.cue.category == "stance_verb" and any(
            _reciprocal(ctx, lex, o) for o in _objects(head, m.cue.words[1:])
        )
    pair: tuple[ActorRef, ActorRef] | None
    if focus.pair is not None and _pair_pronoun(lex, head):
        # "tensions between them": the cue's own parties are the pair in focus
        pair, explicit = focus.pair, False
    else:
        pair, explicit = _choose_pair(
            candidates, focus, reciprocal, exclude, head.i, nearby, one_side, _top_of(ctx)
        )
    if pair is None and not reciprocal and m.cue.category not in {"stance_verb", "relation_verb"}:
        # last resort: the actors of the clause (titles, verbless fragments), or of the whole
        # reported content ("designated Iran for having a secret deal with al-Qaeda")
        wide = (lo, hi) if att is not None else (clause_lo, clause_hi)
        pair, explicit = _choose_pair(
            [(3, m) for m in _mentions_in(ctx, *wide)], focus, False, exclude, head.i, nearby, one_side
        )
    if pair is None or _one_actor(ctx, pair[0].id, pair[1].id):
        return None
    if explicit:
        focus.pair = pair
    negated = _negated(ctx, lex, m, head, verb, lo, hi)
    if att is not None and att.cue_start is not None:  # "X denied that ...", "X doubts that ..."
        speech = lex.cue_for("reporting_verb", doc[att.cue_start])
        if speech is not None and speech.value in {"negating", "doubting"}:
            negated = not negated
    stance = m.cue.value
    if _lessened(lex, head) and not negated:
        negated, stance = True, DEFAULT_NEGATION.get(stance, stance)
    elif negated:
        stance = m.cue.negated or DEFAULT_NEGATION.get(stance, stance)
    hedged = (
        bool(att and att.hedged) or _hedged(ctx, lex, att, verb, lo, hi) or _is_question(doc, s_start, s_end)
    )
    if claimant is not None and claimant.id in caveats:
        c_sent, c_tok = caveats[claimant.id]
        if c_tok < m.start and s_index - c_sent <= 4:
            hedged = True
    if verb.tag_ in {"VBZ", "VBP"}:  # "the relationship is ...": as things stand when written
        date = _publication_date(ctx)
    else:
        date = ctx.date_for(verb.i)
        if not date.start and ctx.timeline is not None:  # the time context the sentence carries
            date = ctx.timeline.sentence_date(s_index)
    if not date.start:
        date = _publication_date(ctx)
    a, b = _claim_text(doc, verb, head, m, lo, hi)
    cue = m.cue.phrase
    cid = stable_id("cl", ctx.document.id, s_index, claimant.id if claimant else None, stance, cue)
    first, last = doc[s_start], doc[s_end - 1]
    return Claim(
        id=cid,
        doc_id=ctx.document.id,
        sentence_index=s_index,
        sentence=doc[s_start:s_end].text,
        char_start=first.idx,
        char_end=last.idx + len(last.text),
        claimant=claimant,
        about=[pair[0], pair[1]],
        stance=stance,
        hedged=hedged,
        negated=negated,
        text=doc[a:b].text,
        date=date,
        relayed_by=relayed,
        cue=cue,
        confidence=0.5 if (hedged or not explicit) else 0.7,
    )
