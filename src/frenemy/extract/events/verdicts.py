"""Acts judged by a predicate: "Russia's actions are unacceptable", "Such an action is unacceptable
in the 21st century" in a White House statement are the United States criticising Russia (CAMEO
111). The judging adjectives are data (resources/events/modality.tsv, kind ``condemning``). The
judge is whoever says the words: the speaker of reported words, else the state a government
statement speaks for (events/voice.py). The judged party is the owner of the act ("Russia's
actions"), else, for an act named only by a noun with "such", "this" or "these", the doer of the
latest act in the sentences just before that was not the judge's own.
"""

from __future__ import annotations

from typing import TYPE_CHECKING

from frenemy.extract import modality as mod
from frenemy.extract.events.actors import _actors, _same_actor
from frenemy.extract.events.gate import _children
from frenemy.extract.events.said import said_events
from frenemy.extract.events.voice import speaker_side
from frenemy.models import Actor
from frenemy.nlp.context import MentionSpan

if TYPE_CHECKING:
    from spacy.tokens import Span, Token

    from frenemy.models import Event
    from frenemy.nlp.context import DocContext

_CRITICISE = "111"
_POINTING = frozenset({"such", "this", "these", "that", "those"})
_WINDOW = 3  # sentences back that "such an action" may point


def verdict_events(ctx: DocContext, sent: Span, s_index: int, prior: list[Event]) -> list[Event]:
    """Criticism said as a judging predicate on an act, in one sentence."""
    out: list[Event] = []
    for adj in sent:
        if adj.pos_ != "ADJ" or adj.dep_ != "acomp" or "condemning" not in mod.kinds(adj.lemma_.lower()):
            continue
        if mod.has_negation(adj.head) or mod.has_negation(adj):
            continue  # "is not unacceptable" judges nothing
        subject = next(iter(_children(adj.head, "nsubj")), None)
        judge = speaker_side(ctx, adj)
        if subject is None or judge is None:
            continue
        judged = _owners(ctx, subject, prior, s_index, judge)
        out += said_events(ctx, sent, s_index, adj, _CRITICISE, judge, judged, [adj], prior)
    return out


def _owners(
    ctx: DocContext, subject: Token, prior: list[Event], s_index: int, judge: Actor
) -> list[MentionSpan]:
    """Whose act the subject names: its owner, else (for "such an action") the latest doer."""
    owners = [c for c in subject.children if c.dep_ in ("poss", "compound", "amod")]
    for o in owners:
        found = _actors(ctx, o)
        if found:
            return found
    if not any(c.dep_ in ("det", "predet", "amod") and c.lower_ in _POINTING for c in subject.children):
        return []
    for ev in reversed(prior):
        if s_index - ev.sentence_index > _WINDOW:
            break
        if ev.source is None or ev.negated or ev.sentence_index == s_index:
            continue
        if _same_actor(ctx, ev.source.id, judge.id):
            continue  # the judge's own act is not what it condemns
        actor = ctx.registry.get(ev.source.id)
        if isinstance(actor, Actor):
            return [MentionSpan(subject.i, subject.i + 1, actor, "reference")]
    return []
