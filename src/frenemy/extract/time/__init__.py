"""The timeline of one parsed document: which date each event head and each sentence has.

``build_timeline(ctx)`` finds the date expressions of the text once (spaCy DATE/TIME entities plus
the patterns of this module for what the model misses: "9-11", "after the attacks", "the 2003
invasion of Iraq"), resolves them in reading order (each relative phrase counts from the
expression before it), ties each to the word it modifies, and returns a ``DocTimeline`` whose
``date_for(token_index)`` answers from precomputed tables. See docs/time.md for the rules.

Layout: ``timeline`` (``DocTimeline`` and its search), ``patterns`` (what the model misses),
``build`` (``build_timeline``).
"""

from __future__ import annotations

from frenemy.extract.time.build import build_timeline
from frenemy.extract.time.timeline import DocTimeline, TimeExpression

__all__ = ["DocTimeline", "TimeExpression", "build_timeline"]
