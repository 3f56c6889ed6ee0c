"""Event extraction: who did what to whom, coded in CAMEO, from the dependency parse.

One pass over each sentence's tokens: a token whose lemma is in the event lexicon is a candidate;
its source and target come from the parse (subject, object, passive agent, prepositions,
possessives, conjuncts), its date from the timeline, its speaker from the attributions. Control
verbs ("offered to trade", "got Iran to free", "refused to release") re-code the governed action
and become the event; the governed action itself is not asserted.

The package's modules, in pipeline order: ``coder`` (the pass over a document), ``gate`` (where
an event word may stand, control frames), ``args`` (matching an entry, action words, actor
candidates), ``actors`` (the actors behind a phrase), ``build`` (Event records) and ``speaker``
(who reports the event).
"""

from frenemy.extract.events.coder import extract_events

__all__ = ["extract_events"]
