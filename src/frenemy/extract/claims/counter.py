"""Counter-claims: a critic who disputes a claim holds the opposite stance."""

from __future__ import annotations

from typing import TYPE_CHECKING

from frenemy.extract.claims.lexicon import (
    DEFAULT_NEGATION,
    StanceLexicon,
)
from frenemy.extract.claims.syntax import (
    paragraph_break_between,
)
from frenemy.models import ActorRef, Claim, stable_id

if TYPE_CHECKING:
    from frenemy.nlp.context import DocContext


_POINTING = {"that", "this", "it", "these", "those", "them"}  # "disputes that", "rejected that view"


def _counter_claims(
    ctx: DocContext,
    lex: StanceLexicon,
    sent: object,
    s_index: int,
    sent_claims: list[Claim],
    voice: ActorRef | None,
    seen: set[str],
    cue_at: dict[str, int],
) -> list[Claim]:
    """Explicit disagreement ("contradicts US assertions that ...", "overstated the case"): the
    critic holds the opposite stance to the claim it targets."""
    if not sent_claims:
        return []
    from frenemy.extract.attribution import speaker_of  # late import: attribution uses this module

    doc = ctx.doc
    s_start, s_end = sent.start, sent.end  # type: ignore[attr-defined]
    out: list[Claim] = []
    for mk in lex.find(doc, "contradiction", s_start, s_end):
        tok = doc[mk.start]
        if tok.pos_ not in {"VERB", "AUX", "ADJ"}:
            continue
        att = ctx.attribution_at(mk.start)
        critic: ActorRef | None = None
        relayed: ActorRef | None = None
        if mk.cue.value == "subject":
            subj = next((c for c in tok.children if c.dep_ in {"nsubj", "nsubjpass"}), None)
            if subj is not None and not paragraph_break_between(doc, subj.i, mk.start):
                critic = speaker_of(ctx, subj, lex).ref
        if critic is None:
            critic, relayed = (att.speaker, att.relayed_by) if att else (voice, None)
        if critic is None:
            continue
        from_speech = critic is not None and att is not None and critic is att.speaker
        hedged = bool(from_speech and att and att.hedged) or any(lex.has("hedge", c) for c in tok.children)
        marker_obj = next((c for c in tok.children if c.dep_ in {"dobj", "ccomp", "prep"}), None)
        points_back = marker_obj is None or (
            marker_obj.lower_ in _POINTING
            or any(c.dep_ == "det" and c.lower_ in _POINTING for c in marker_obj.children)
        )
        for target in sent_claims:
            if target.claimant is not None and target.claimant.id == critic.id:
                continue
            # the disputed claim follows its marker in the same paragraph, or comes before it
            # when the marker points back ("..., though Washington disputes that")
            at = cue_at.get(target.id, -1)
            if at < 0 or (at <= mk.start and not points_back) or paragraph_break_between(doc, mk.start, at):
                continue
            stance = DEFAULT_NEGATION.get(target.stance, target.stance)
            if stance == target.stance:
                continue
            cue = f"{mk.cue.phrase}: {target.cue}"
            cid = stable_id("cl", ctx.document.id, s_index, critic.id, stance, cue)
            if cid in seen:
                continue
            seen.add(cid)
            a, b = mk.start, mk.end
            obj = next((c for c in tok.children if c.dep_ == "dobj"), None)
            if obj is not None and obj.i >= b:
                b = obj.i + 1  # "contradicts US assertions", "overstated the case"
            out.append(
                Claim(
                    id=cid,
                    doc_id=target.doc_id,
                    sentence_index=s_index,
                    sentence=target.sentence,
                    char_start=target.char_start,
                    char_end=target.char_end,
                    claimant=critic,
                    about=list(target.about),
                    stance=stance,
                    hedged=hedged,
                    negated=True,
                    text=doc[a:b].text,
                    date=target.date,
                    relayed_by=relayed,
                    cue=cue,
                    confidence=0.5,
                )
            )
    return out
