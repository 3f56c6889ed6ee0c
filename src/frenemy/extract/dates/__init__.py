"""Resolving one date expression to a DateInfo: explicit, relative, or named after an event.

This module is pure: it knows nothing of spaCy. ``resolve_expression("15 months earlier",
publication=date(2012, 5, 4), anchor=DateInfo(start="2010-03", end="2010-03", precision="month"))``
gives ``DateInfo(start="2008-12", end="2008-12", precision="month", basis="relative-to-event")``.

Results follow docs/formats.md: ``start``/``end`` are ISO strings truncated to ``precision``; a
single day, month or year has ``start == end``; "after X"/"since X" leave ``end`` open (None) and
"before X"/"until X" leave ``start`` open. A decade is precision "decade" with year strings
("1990".."1999"). The words of dates and the named events live in ``resources/time/*.yaml``.

Layout: ``spans`` (the internal period form and its arithmetic), ``vocabulary`` (the word lists and
named events), ``resolve`` (one phrase to a date).
"""

from __future__ import annotations

from frenemy.extract.dates.resolve import resolve_detailed, resolve_expression, resolve_span
from frenemy.extract.dates.spans import (
    PRECISIONS,
    Span,
    add_months,
    coarser,
    parse_iso,
    shift,
    span_from_info,
    truncate,
)
from frenemy.extract.dates.vocabulary import NamedEvent, Vocabulary, vocabulary

__all__ = [
    "PRECISIONS",
    "NamedEvent",
    "Span",
    "Vocabulary",
    "add_months",
    "coarser",
    "parse_iso",
    "resolve_detailed",
    "resolve_expression",
    "resolve_span",
    "shift",
    "span_from_info",
    "truncate",
    "vocabulary",
]
