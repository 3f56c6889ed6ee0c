"""Demands said as obligations: "Russia's government must respect Georgia's territorial integrity"
in a White House statement is the United States demanding of Russia (CAMEO 100), and so is
"It is time for Russia to end this crisis". The demander is whoever says the words: the speaker of
reported or quoted words, else the state a government statement speaks for (its author or
publisher is the state, one of its ministries or one of its officials). A news agency or a
research service speaks for no state, so its "must" demands nothing.

The obliged act has not happened, so it is not coded as done: the demand is the event, asserted
now (or reported, when the words are someone's), dated when they are said.
"""

from __future__ import annotations

from typing import TYPE_CHECKING

from frenemy.extract.events.actors import _actors, _actors_of_subject
from frenemy.extract.events.said import said_events
from frenemy.extract.events.voice import speaker_side
from frenemy.nlp.context import MentionSpan

if TYPE_CHECKING:
    from spacy.tokens import Span, Token

    from frenemy.models import Event
    from frenemy.nlp.context import DocContext

_DEMAND_CODE = "100"
_OBLIGING = frozenset({"must"})
_SELF = frozenset({"i", "we", "us", "it", "they", "you"})  # "we must": a commitment, not a demand
_TIME_NOUNS = frozenset({"time"})


def demand_events(
    ctx: DocContext, sent: Span, s_index: int, prior: list[Event], used: set[int]
) -> tuple[list[Event], set[int]]:
    """Demands said as obligations in one sentence, and the tokens they use up (the obliged verbs,
    which are then not coded as acts). Verbs in ``used`` are another construction's ("must leave
    the country" is an expulsion)."""
    out: list[Event] = []
    consumed: set[int] = set()
    for verb in sent:
        if verb.i in used:
            continue
        subject = _obliged_subject(verb)
        if subject is None or subject.lower_ in _SELF:
            continue
        obliged = _actors(ctx, subject) if verb.dep_ == "relcl" else _actors_of_subject(ctx, verb)
        if not obliged and subject.pos_ == "NOUN":
            # "any support to armed groups must end, including Rwanda's assistance to M23"
            obliged = _act_owners(ctx, verb, subject)
        demander = speaker_side(ctx, verb)
        if not obliged or demander is None:
            continue
        built = said_events(ctx, sent, s_index, verb, _DEMAND_CODE, demander, obliged, [verb], prior)
        out += built
        if built:
            consumed.update(t.i for t in (verb, *verb.conjuncts))
    return out, consumed


def _obliged_subject(verb: Token) -> Token | None:
    """The subject of "X must VERB" (a main or reported clause), or of "it is time for X to VERB"."""
    if verb.pos_ not in ("VERB", "AUX"):
        return None
    if any(c.dep_ == "aux" and c.lower_ in _OBLIGING for c in verb.children):
        if verb.dep_ not in ("ROOT", "ccomp", "csubj", "conj"):
            return None  # (not inside a condition or a description: "if Russia must ...")
        return next((c for c in verb.children if c.dep_ in ("nsubj", "nsubjpass")), None)
    head = verb.head
    if (
        verb.dep_ in ("relcl", "acl", "advcl")
        and head.lemma_.lower() in _TIME_NOUNS
        and head.dep_ == "attr"
        and any(c.dep_ == "mark" and c.lower_ == "for" for c in verb.children)
        and any(c.dep_ == "aux" and c.lower_ == "to" for c in verb.children)
    ):
        return next((c for c in verb.children if c.dep_ == "nsubj"), None)
    return None


def _act_owners(ctx: DocContext, verb: Token, subject: Token) -> list[MentionSpan]:
    """Whose act must stop when the subject is an act ("any external support ... must end, including
    Rwanda's assistance to M23"): the owners named in it or in its "including" examples."""
    holders = [subject, *(c for c in verb.children if c.dep_ == "prep" and c.lower_ == "including")]
    for h in holders:
        for t in h.subtree:
            if t.dep_ == "poss":
                found = _actors(ctx, t)
                if found:
                    return found
    return []
