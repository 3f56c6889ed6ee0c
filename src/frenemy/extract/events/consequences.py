"""Threats said as consequences to come: "Russia would face severe consequences, Blinken said",
"if Russia did not move its troops back, there would be additional consequences" are the speaker
threatening Russia (CAMEO 130). The speaker is whoever says the words, else the state a government
statement speaks for (events/voice.py). The threatened party is the one to face the consequences,
the one they are "for", or the subject of the condition they hang on. The consequence nouns are
data (resources/events/modality.tsv, kind ``consequence``).
"""

from __future__ import annotations

from typing import TYPE_CHECKING

from frenemy.extract import modality as mod
from frenemy.extract.events.actors import _actors, _actors_of_subject
from frenemy.extract.events.gate import _children, _prep_objects
from frenemy.extract.events.said import said_events
from frenemy.extract.events.voice import speaker_side
from frenemy.nlp.context import MentionSpan

if TYPE_CHECKING:
    from spacy.tokens import Span, Token

    from frenemy.models import Event
    from frenemy.nlp.context import DocContext

_THREATEN = "130"
_TO_COME = frozenset({"will", "would", "'ll", "could", "shall"})
_FACING = frozenset({"face", "suffer", "pay", "bear"})


def consequence_events(ctx: DocContext, sent: Span, s_index: int, prior: list[Event]) -> list[Event]:
    """Threats of consequences to come in one sentence."""
    out: list[Event] = []
    for noun in sent:
        if noun.pos_ != "NOUN" or "consequence" not in mod.kinds(noun.lemma_.lower()):
            continue
        verb = noun.head
        if not any(c.dep_ == "aux" and c.lower_ in _TO_COME for c in verb.children):
            continue  # consequences already borne are no threat
        if mod.has_negation(verb):
            continue
        threatened = _threatened(ctx, noun, verb)
        speaker = speaker_side(ctx, noun)
        if not threatened or speaker is None:
            continue
        out += said_events(ctx, sent, s_index, noun, _THREATEN, speaker, threatened, [verb, noun], prior)
    return out


def _threatened(ctx: DocContext, noun: Token, verb: Token) -> list[MentionSpan]:
    """Who is to bear the consequences: the subject of "face", the "for" party, or the subject of
    the condition ("if Russia did not ...")."""
    if noun.dep_ == "dobj" and verb.lemma_.lower() in _FACING:
        found = _actors_of_subject(ctx, verb)
        if found:
            return found
    for p in _prep_objects([noun], frozenset({"for"})):
        found = _actors(ctx, p)
        if found:
            return found
    for clause in _children(verb, "advcl"):
        if any(c.dep_ == "mark" and c.lower_ in ("if", "unless") for c in clause.children):
            for s in _children(clause, ("nsubj", "nsubjpass")):
                found = _actors(ctx, s)
                if found:
                    return found
    return []
