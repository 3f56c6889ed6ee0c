"""Nested speech: duplicates merged, ``relayed_by`` set from the enclosing speaker."""

from __future__ import annotations

from typing import TYPE_CHECKING

from frenemy.nlp.context import Attribution

if TYPE_CHECKING:
    pass


def _dedupe(atts: list[Attribution]) -> list[Attribution]:
    seen: dict[tuple[int, int], Attribution] = {}
    for a in atts:
        key = (a.content_start, a.content_end)
        if key not in seen or (seen[key].speaker is None and a.speaker is not None):
            seen[key] = a
    return list(seen.values())


def _nest(atts: list[Attribution]) -> None:
    """Set ``relayed_by`` from the smallest enclosing attribution whose content holds this one's
    cue (a stack sweep over attributions sorted by start)."""
    order = sorted(atts, key=lambda a: (a.content_start, -(a.content_end - a.content_start)))
    stack: list[Attribution] = []
    for a in order:
        while stack and stack[-1].content_end <= a.content_start:
            stack.pop()
        outer = next(
            (s for s in reversed(stack) if s.content_end >= a.content_end and _holds_cue(s, a)),
            None,
        )
        if outer is not None and a.relayed_by is None:
            if outer.speaker is not None and (a.speaker is None or outer.speaker.id != a.speaker.id):
                a.relayed_by = outer.speaker
            else:
                a.relayed_by = outer.relayed_by
        stack.append(a)


def _holds_cue(outer: Attribution, inner: Attribution) -> bool:
    at = inner.cue_start if inner.cue_start is not None else inner.content_start
    if inner.kind == "direct" and not (outer.content_start <= at < outer.content_end):
        at = inner.content_start
    return outer.content_start <= at < outer.content_end and outer is not inner
