"""Expulsions said as an order to leave: "ordered the diplomats to leave the country" (166/174).

The words are data (``resources/events/expulsion.tsv``); the code comes from the event lexicon's
"expel" entries, so "diplomats" give 166 and other people 174 as "expelled" would.
"""

from __future__ import annotations

import dataclasses
from functools import cache
from importlib import resources
from typing import TYPE_CHECKING

from frenemy.extract import modality as mod
from frenemy.extract.events.actors import _actors, _actors_of_subject, _subject_token
from frenemy.extract.events.build import _build
from frenemy.extract.events.candidates import _Args
from frenemy.extract.events.gate import _children

if TYPE_CHECKING:
    from spacy.tokens import Span, Token

    from frenemy.extract.lexicon import EventLexicon, LexEntry
    from frenemy.models import Event
    from frenemy.nlp.context import DocContext, MentionSpan


@cache
def _words() -> dict[str, frozenset[str]]:
    text = resources.files("frenemy.resources.events").joinpath("expulsion.tsv").read_text(encoding="utf-8")
    rows = [ln.split("\t") for ln in text.splitlines() if ln.strip() and not ln.startswith("#")]
    kinds: dict[str, set[str]] = {}
    for word, kind in rows[1:]:  # the first row names the columns
        kinds.setdefault(kind.strip(), set()).add(word.strip())
    return {k: frozenset(v) for k, v in kinds.items()}


def expulsion_events(
    ctx: DocContext, lexicon: EventLexicon, sent: Span, s_index: int, prior: list[Event]
) -> tuple[list[Event], set[int]]:
    """Expulsions in one sentence, and the tokens they use up (the ordering verb is no demand)."""
    words = _words()
    out: list[Event] = []
    used: set[int] = set()
    for tok in sent:
        if tok.pos_ != "VERB" or tok.lemma_.lower() not in words["leave"]:
            continue
        if not any(o.lemma_.lower() in words["place"] for o in _children(tok, "dobj")):
            continue
        order = _order(tok, words["must"])
        if order is None:
            continue
        orderer, leavers = order
        sources = _actors_of_subject(ctx, orderer) if orderer.i != tok.i else _speaker_actors(ctx, tok)
        targets = [m for p in leavers for m in _actors(ctx, p)]
        entry = _expel_entry(lexicon, leavers)
        if not sources or not targets or entry is None or mod.has_negation(tok) or mod.has_negation(orderer):
            continue
        args = _Args(sources, targets, [tok, orderer])
        built = _build(ctx, sent, s_index, orderer, entry, args, None, prior)
        if orderer.i == tok.i:
            # "must" states the order the speaker gives, not a guess: reported, not hedged
            built = [dataclasses.replace(ev, modality="reported") for ev in built]
        if built:
            out += built
            used |= {tok.i, orderer.i, *(p.i for p in leavers)}
    return out, used


def _order(leave: Token, musts: frozenset[str]) -> tuple[Token, list[Token]] | None:
    """The ordering verb and the people told to leave: ("ordered", [diplomats]) for "ordered the
    diplomats to leave", (leave, [diplomats]) for a reported "the diplomats must leave"."""
    gov = leave.head
    # "ordered X to leave", "told X to leave" (object control by an order or a telling)
    if leave.dep_ == "xcomp" and {"demand", "speech"} & mod.kinds(gov.lemma_):
        people = _children(gov, "dobj")
        return (gov, people) if people else None
    if leave.dep_ == "ccomp" and "speech" in mod.kinds(gov.lemma_):
        if any(c.dep_ == "aux" and c.lower_ in musts for c in leave.children):
            people = _children(leave, "nsubj")
            return (leave, people) if people else None
    return None


def _speaker_actors(ctx: DocContext, leave: Token) -> list[MentionSpan]:
    """Who orders a reported "must leave": the speaker, the subject of the reporting verb."""
    subj = _subject_token(leave.head)
    return _actors(ctx, subj) if subj is not None else []


def _expel_entry(lexicon: EventLexicon, leavers: list[Token]) -> LexEntry | None:
    """The lexicon's "expel" sense for these people: its object list, else its plain sense."""
    entries = lexicon.lookup("expel", "V")
    lemmas = {p.lemma_.lower() for p in leavers}
    fitting = [e for e in entries if e.objects and lemmas & e.objects]
    plain = [e for e in entries if not e.objects and not e.preps]
    chosen = fitting or plain
    return chosen[0] if chosen else None
