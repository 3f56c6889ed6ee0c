"""Event extraction: who did what to whom, coded in CAMEO, from the dependency parse.

One pass over each sentence's tokens: a token whose lemma is in the event lexicon is a candidate;
its source and target come from the parse (subject, object, passive agent, prepositions,
possessives, conjuncts), its date from the timeline, its speaker from the attributions. Control
verbs ("offered to trade", "got Iran to free", "refused to release") re-code the governed action
and become the event; the governed action itself is not asserted.

The package's modules, in pipeline order: ``coder`` (the pass over a document), ``gate`` (where
an event word may stand, control frames), ``args`` (matching an entry, action words, actor
candidates), ``actors`` (the actors behind a phrase), ``build`` (Event records) and ``speaker``
(who reports the event). ``classifier`` is a learned fallback for sentences the lexicon leaves
uncoded (off unless its weights file or FRENEMY_EVENT_CLASSIFIER turns it on).
"""

from __future__ import annotations

from typing import TYPE_CHECKING

from frenemy.extract.events.classifier import add_classifier_events
from frenemy.extract.events.coder import extract_events as _lexicon_events

if TYPE_CHECKING:
    from frenemy.extract.lexicon import EventLexicon
    from frenemy.models import Event
    from frenemy.nlp.context import DocContext

__all__ = ["extract_events"]


def extract_events(ctx: DocContext, lexicon: EventLexicon) -> list[Event]:
    """The lexicon's events (``coder.extract_events``), then the classifier's where it coded nothing."""
    return add_classifier_events(ctx, _lexicon_events(ctx, lexicon))
