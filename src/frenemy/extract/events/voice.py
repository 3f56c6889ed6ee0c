"""The state a government statement speaks for, when its text speaks in its own voice ("we welcome
the decision", "Russia must withdraw")."""

from __future__ import annotations

import re
from typing import TYPE_CHECKING

if TYPE_CHECKING:
    from spacy.tokens import Token

    from frenemy.models import Actor
    from frenemy.nlp.context import DocContext


def statement_side(ctx: DocContext) -> Actor | None:
    """The state a government statement speaks for: its author or publisher found in the registry
    as the state itself, or one step below it (a ministry, an official); None for anyone else
    (a journalist, a news agency, even a state's own, a research service two steps below
    Congress)."""
    cached: object = getattr(ctx, "_frenemy_statement_side", False)
    if cached is not False:
        return cached  # type: ignore[return-value]
    side = _statement_side(ctx)
    try:
        ctx._frenemy_statement_side = side  # type: ignore[attr-defined]
    except AttributeError:  # pragma: no cover - slotted stand-ins
        pass
    return side


def _statement_side(ctx: DocContext) -> Actor | None:
    meta = ctx.document
    for name in (meta.author, meta.publisher):
        if not name:
            continue
        for candidate in (name, re.sub(r"\s*\([^)]*\)", "", name)):
            try:
                actor = ctx.registry.lookup(candidate.strip())
                chain = ctx.registry.rollup(actor.id) if actor is not None else []
                top = ctx.registry.get(chain[-1]) if chain else None
            except Exception:  # a registry that cannot look names up knows no statement's state
                return None
            if actor is None:
                continue
            if actor.type == "media":
                return None  # a state's news agency (TASS, Xinhua) reports; it does not speak for it
            if top is not None and top.type == "state" and len(chain) <= 2:
                return top
            break
    return None


def speaker_side(ctx: DocContext, tok: Token) -> Actor | None:
    """Who says the words a token is in: the speaker of reported or quoted words, else the state a
    government statement speaks for; None for anyone else."""
    att = ctx.attribution_at(tok.i)
    if att is not None:
        found = ctx.registry.get(att.speaker.id) if att.speaker is not None else None
        return found if found is not None and hasattr(found, "type") else None
    return statement_side(ctx)
