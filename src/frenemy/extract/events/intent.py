"""Announced acts: a future act that someone states is coded as the statement of intent.

CAMEO codes what happened. When a text says "Saudi Arabia will lift the embargo on Qatar, the
foreign ministry said", what happened is the announcement, so the event is the matching "express
intent" code (03x; a hostile act becomes the matching threat, 13x) and it is asserted, dated when it
was said. A bare future in the publisher's own voice ("Germany will send tanks to Ukraine") stays
the act itself, flagged future: no statement is reported, only a forecast or a schedule.

The statement must be one that binds the actor: said by the actor itself (its government, a
ministry, an official of it) with any reporting verb, or relayed by a named other with an
announcement verb ("Kuwait announced that Saudi Arabia will ..."). A third party that only "said"
another will act predicts, and "X will ..., according to Y" is the publisher's forecast with its
source named: both stay the future act, as the labelled sets code them. A conditional statement
("will impose sanctions if Russia invades, Biden said") is still a statement: an offer or a
threat, which CAMEO codes the same way.
"""

from __future__ import annotations

from dataclasses import dataclass
from typing import TYPE_CHECKING

from frenemy.extract import modality as mod
from frenemy.extract.events.actors import _actor_in, _same_actor, _subject_token
from frenemy.models import ActorRef, DateInfo

if TYPE_CHECKING:
    from spacy.tokens import Token

    from frenemy.nlp.context import DocContext, MentionSpan


_CLAUSE_UP = ("ccomp", "conj", "xcomp")


@dataclass(frozen=True)
class Statement:
    """The announcement behind a future act: who said it, whether the doer said it itself, when."""

    speaker: ActorRef | None
    own: bool  # the doer's own statement (asserted) rather than one relayed by another (reported)
    date: DateInfo


def announced_act(
    ctx: DocContext,
    head: Token,
    modality: str | None,
    negated: bool,
    scope: str | None,
    sources: list[MentionSpan],
) -> Statement | None:
    """The statement that announces the future act at ``head``, or None when the act is not an
    announced one (not future, negated, planned, conditional itself, or not stated by anyone who
    can bind the doer)."""
    if negated or scope is not None or modality not in ("future", "hypothetical") or not sources:
        return None
    verb = head if head.pos_ in ("VERB", "AUX") else _clause_verb(head)
    if verb is None or _conditional(verb):
        return None
    found = _statement(ctx, verb)
    if found is None:
        return None
    speaker, cue, relayed = found
    if modality == "future" and not _has_aux(verb, "aux-future"):
        return None  # "is expected to", "is set to": a forecast or a schedule, not a statement
    if modality == "hypothetical" and not (_has_aux(verb, "aux-hypothetical") and _backshifted(verb, cue)):
        return None  # "would" is the reported "will" only under a past-tense reporting verb
    own = speaker is not None and any(_same_actor(ctx, speaker.id, s.actor.id) for s in sources)
    if not own and (speaker is None or not relayed):
        return None
    return Statement(speaker=speaker, own=own, date=_statement_date(ctx, cue))


def _statement(ctx: DocContext, verb: Token) -> tuple[ActorRef | None, Token | None, bool] | None:
    """(speaker, reporting cue, whether the cue announces) of the statement a clause stands in,
    or None when there is none or it is an "according to" source.

    "announces" means a verb of announcement ("announced", "confirmed"); a plain "said" states,
    which binds only the speaker itself."""
    attr = ctx.attribution_at(verb.i)
    if attr is not None:
        cue = ctx.doc[attr.cue_start] if attr.cue_start is not None else None
        if attr.kind == "according_to":
            return None  # a news source for the publisher's own forecast, not a statement of intent
        if cue is None or "speech" not in mod.verb_kinds(cue) or attr.hedged:
            return None  # a quotation mark or a hedging cue ("suggested") states no decision
        return attr.speaker, cue, "announce" in mod.verb_kinds(cue)
    cur = verb
    for _ in range(5):
        if any(c.dep_ == "prep" and c.lower_ == "according" for c in cur.children):
            return None
        if cur.dep_ not in _CLAUSE_UP or cur.head.i == cur.i:
            return None
        gov = cur.head
        if cur.dep_ == "ccomp" and "speech" in mod.verb_kinds(gov):
            subj = _subject_token(gov)
            m = _actor_in(ctx, subj) if subj is not None else None
            return (m.actor.ref() if m is not None else None), gov, "announce" in mod.verb_kinds(gov)
        cur = gov
    return None


def _has_aux(verb: Token, kind: str) -> bool:
    return any(c.dep_ == "aux" and kind in (mod.kinds(c.lemma_) | mod.kinds(c.lower_)) for c in verb.children)


def _backshifted(verb: Token, cue: Token | None) -> bool:
    """ "said Saudi Arabia would lift": "would" under a past-tense reporting verb, not "would
    have" (a counterfactual)."""
    if cue is None or cue.tag_ != "VBD":
        return False
    return not any(c.dep_ == "aux" and c.lemma_ == "have" for c in verb.children)


def _conditional(verb: Token) -> bool:
    """The act is itself the condition ("if Saudi Arabia will ...")."""
    return any(c.dep_ == "mark" and "conditional" in mod.kinds(c.lemma_) for c in verb.children)


def _clause_verb(tok: Token) -> Token | None:
    cur = tok
    for _ in range(5):
        if cur.head.i == cur.i:
            return None
        cur = cur.head
        if cur.pos_ in ("VERB", "AUX"):
            return cur
    return None


def _statement_date(ctx: DocContext, cue: Token | None) -> DateInfo:
    """When the statement was made: the reporting verb's date, else the story's date."""
    if cue is not None:
        said = ctx.date_for(cue.i)
        if said.start:
            return said
    story = getattr(ctx.timeline, "publication", None)
    if isinstance(story, DateInfo) and story.start:
        return story
    pub = ctx.document.published
    if not pub:
        return DateInfo()
    precision = {4: "year", 7: "month", 10: "day"}.get(len(pub), "day")
    return DateInfo(start=pub, end=pub, precision=precision, basis="publication", text=None)
