"""The event a speaker's own words make (a demand, a judgement, a threat): from the speaker to each
party that is not the speaker's own side, asserted when the text speaks in its own voice, reported
when the words are someone's in the text; said now, so neither negated nor future."""

from __future__ import annotations

import dataclasses
from typing import TYPE_CHECKING

from frenemy.extract.events.actors import _same_actor
from frenemy.extract.events.build import _build
from frenemy.extract.events.candidates import _Args
from frenemy.extract.lexicon import LexEntry
from frenemy.nlp.context import MentionSpan

if TYPE_CHECKING:
    from spacy.tokens import Span, Token

    from frenemy.models import Actor, Event
    from frenemy.nlp.context import DocContext


def said_events(
    ctx: DocContext,
    sent: Span,
    s_index: int,
    word: Token,
    code: str,
    speaker: Actor,
    parties: list[MentionSpan],
    words: list[Token],
    prior: list[Event],
) -> list[Event]:
    """Events ``speaker`` -> each of ``parties`` with CAMEO ``code``, anchored on ``word``."""
    parties = [m for m in parties if not _same_actor(ctx, m.actor.id, speaker.id)]
    if not parties:
        return []
    source = MentionSpan(word.i, word.i + 1, speaker, "voice")
    pos = {"NOUN": "N", "ADJ": "A"}.get(word.pos_, "V")
    entry = LexEntry(lemma=word.lemma_.lower(), pos=pos, cameo=code)
    built = _build(ctx, sent, s_index, word, entry, _Args([source], parties, words), None, prior)
    modality = "reported" if ctx.attribution_at(word.i) is not None else "asserted"
    return [dataclasses.replace(ev, negated=False, scope=None, modality=modality) for ev in built]
