"""Who reports an event: the attribution stage, a reporting verb above it, or 'according to'."""

from __future__ import annotations

from dataclasses import dataclass
from typing import TYPE_CHECKING

from frenemy.extract import modality as mod
from frenemy.extract.events.actors import _actor_in, _subject_token
from frenemy.models import ActorRef

if TYPE_CHECKING:
    from spacy.tokens import Token

    from frenemy.nlp.context import DocContext


_TEMPORAL_MARKS = {"when", "after", "before", "since", "as", "while", "until", "once"}


def _in_temporal_clause(tok: Token) -> bool:
    """True when the event sits in a temporal clause ("when ...", "after ..."), a presupposed fact."""
    cur = tok
    for _ in range(6):
        if cur.dep_ == "advcl" and any(
            c.dep_ in ("mark", "advmod") and c.lower_ in _TEMPORAL_MARKS for c in cur.children
        ):
            return True
        if cur.head.i == cur.i:
            return False
        cur = cur.head
    return False


@dataclass
class _Report:
    """Who reports an event: speaker, outer relayer, whether the cue hedges, whether reported."""

    speaker: ActorRef | None = None
    relayed_by: ActorRef | None = None
    hedged: bool = False
    reported: bool = False


def _speaker(ctx: DocContext, tok: Token) -> _Report:
    """Who reports the event, from the attribution stage; failing that, the subject of a reporting
    verb whose complement holds the event, or an "according to" phrase on its clause."""
    attr = ctx.attribution_at(tok.i)
    if attr is not None:
        return _Report(attr.speaker, attr.relayed_by, attr.hedged, True)
    cur = tok
    while cur.pos_ not in ("VERB", "AUX") and cur.head.i != cur.i:
        cur = cur.head  # a nominal event belongs to its clause
    for _ in range(5):
        for c in cur.children:
            if c.dep_ == "prep" and c.lower_ == "according":
                src = [p for t in c.children for p in t.children if p.dep_ == "pobj"]
                m = _actor_in(ctx, src[0]) if src else None
                return _Report(m.actor.ref() if m is not None else None, reported=True)
        if cur.dep_ not in ("ccomp", "conj", "xcomp") or cur.head.i == cur.i:
            break
        gov = cur.head
        if cur.dep_ == "ccomp" and "speech" in mod.kinds(gov.lemma_):
            subj = _subject_token(gov)
            m = _actor_in(ctx, subj) if subj is not None else None
            return _Report(m.actor.ref() if m is not None else None, None, gov.lemma_ == "suggest", True)
        cur = gov
    return _Report()
