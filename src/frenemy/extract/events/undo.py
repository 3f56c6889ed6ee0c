"""The other side of an act that undoes a measure told earlier.

"Saudi Arabia, the UAE, Bahrain, and Egypt agreed to lift the blockade" names no target: "the
blockade" points back to the measure the same actors took against someone a few sentences
before ("severed relations with Qatar and imposed limits on ..."). A yielding act (CAMEO 08: ease
sanctions, lift a blockade) on a definite measure noun ("the blockade", "its sanctions") takes as
its target the target of the latest hostile act by one of its sources, within a short window.
The measure nouns are data: kind "measure" in resources/events/modality.tsv.
"""

from __future__ import annotations

from typing import TYPE_CHECKING

from frenemy.extract import modality as mod
from frenemy.extract.events.actors import _same_actor

if TYPE_CHECKING:
    from spacy.tokens import Token

    from frenemy.models import ActorRef, Event
    from frenemy.nlp.context import DocContext, MentionSpan


_WINDOW = 3  # sentences back that "the blockade" may point
_YIELD_ROOT = "08"
_DEFINITE = frozenset({"the", "this", "that", "these", "those"})


def undone_target(
    ctx: DocContext, head: Token, code: str, sources: list[MentionSpan], prior: list[Event], s_index: int
) -> ActorRef | None:
    """Whom an earlier measure that this act lifts was aimed at, or None."""
    if not code.startswith(_YIELD_ROOT) or not sources or _definite_measure(head) is None:
        return None
    for ev in reversed(prior):
        if s_index - ev.sentence_index > _WINDOW:
            break
        if (
            ev.polarity == "hostile"
            and ev.source is not None
            and ev.target is not None
            and not ev.negated
            and ev.modality in ("asserted", "reported")
            and any(_same_actor(ctx, ev.source.id, s.actor.id) for s in sources)
        ):
            return ev.target
    return None


def _definite_measure(head: Token) -> Token | None:
    """The measure the act lifts when it is told as known: "the blockade", "its sanctions"."""
    for c in head.children:
        if c.dep_ not in ("dobj", "nsubjpass") or "measure" not in mod.kinds(c.lemma_):
            continue
        if any(
            (d.dep_ == "det" and d.lower_ in _DEFINITE) or (d.dep_ == "poss" and d.pos_ == "PRON")
            for d in c.children
        ):
            return c
    return None
