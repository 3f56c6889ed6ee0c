"""Warnings said as refused permission: "X will not let Y undermine its security" (CAMEO 130).

The permission verbs are data (``resources/events/warnings.tsv``). The warning is the speaker's
act now, so it is neither negated nor future, even though its words are both.
"""

from __future__ import annotations

import dataclasses
from functools import cache
from importlib import resources
from typing import TYPE_CHECKING

from frenemy.extract import modality as mod
from frenemy.extract.events.actors import _actors, _actors_of_subject
from frenemy.extract.events.build import _build
from frenemy.extract.events.candidates import _Args
from frenemy.extract.events.gate import _children
from frenemy.extract.events.speaker import _speaker
from frenemy.extract.lexicon import LexEntry

if TYPE_CHECKING:
    from spacy.tokens import Span, Token

    from frenemy.models import Event
    from frenemy.nlp.context import DocContext, MentionSpan

_WARNING_CODE = "130"
_FUTURE_AUX = frozenset({"will", "would", "shall", "'ll", "wo"})


@cache
def permission_verbs() -> frozenset[str]:
    """Lemmas of the permission verbs whose refusal warns."""
    text = resources.files("frenemy.resources.events").joinpath("warnings.tsv").read_text(encoding="utf-8")
    lines = [ln.strip() for ln in text.splitlines() if ln.strip() and not ln.startswith("#")]
    return frozenset(lines[1:])  # the first line is the column name


def warning_events(
    ctx: DocContext, sent: Span, s_index: int, consumed: set[int], prior: list[Event]
) -> list[Event]:
    """Warnings in one sentence: a negated, future permission verb with an actor on each side."""
    out: list[Event] = []
    for tok in sent:
        if tok.i in consumed or tok.pos_ != "VERB" or tok.lemma_.lower() not in permission_verbs():
            continue
        if not mod.has_negation(tok) or not any(
            c.dep_ == "aux" and c.lower_ in _FUTURE_AUX for c in tok.children
        ):
            continue
        targets = _warned(ctx, tok)
        sources = _actors_of_subject(ctx, tok)
        if not targets or not sources:
            continue
        entry = LexEntry(lemma=tok.lemma_.lower(), pos="V", cameo=_WARNING_CODE)
        built = _build(ctx, sent, s_index, tok, entry, _Args(sources, targets, [tok]), None, prior)
        reported = _speaker(ctx, tok).reported
        out += [
            dataclasses.replace(
                ev, negated=False, scope=None, modality="reported" if reported else "asserted"
            )
            for ev in built
        ]
    return out


def _warned(ctx: DocContext, verb: Token) -> list[MentionSpan]:
    """The party refused: the object ("allow Iran to ..."), the subject of the complement ("let
    Iran undermine ..."), or the owner of a tolerated thing ("tolerate Iranian entrenchment")."""
    for o in _children(verb, "dobj"):
        found = _actors(ctx, o)
        if found:
            return found
    for c in _children(verb, ("ccomp", "xcomp")):
        for s in _children(c, ("nsubj", "nsubjpass")):
            found = _actors(ctx, s)
            if found:
                return found
    return []
