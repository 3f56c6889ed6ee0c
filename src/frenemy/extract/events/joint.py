"""The two sides of a joint act told in an agentless passive.

News often reports an agreement or a reconciliation without a doer: "an agreement was signed
between Ethiopia and Eritrea", "ties between Saudi Arabia and Iran were restored", "Qatar's ties
with Saudi Arabia were restored", "an agreement has been reached to open the borders between Saudi
Arabia and Qatar". A joint act ("sym" in the lexicon) done by nobody named is done by the two sides
the clause names: those of a "between" phrase, or an owner and the party "with" it.
"""

from __future__ import annotations

from typing import TYPE_CHECKING

from frenemy.extract.events.actors import _actors, _same_actor

if TYPE_CHECKING:
    from spacy.tokens import Token

    from frenemy.nlp.context import DocContext, MentionSpan


# clauses below the passive verb that still belong to its act: "reached to open the borders
# between A and B"; a clause with its own subject ("after A and B met") tells another act
_INNER = frozenset({"advcl", "xcomp", "acl", "prep", "pobj", "pcomp", "dobj", "conj", "nsubjpass", "nmod"})
_SEARCH_DEPTH = 5
# a time phrase tells of another act: "talks have been halted since a 1994 agreement between A and B"
_TIME_PREPS = frozenset({"since", "after", "before", "during", "until", "following", "amid"})


def passive_sides(ctx: DocContext, head: Token) -> list[MentionSpan]:
    """The two (or more) sides of a joint act whose clause is an agentless passive, else [].

    ``head`` is the event word: the passive verb ("were restored") or the noun that is its
    subject ("an agreement has been reached")."""
    verb = head if head.pos_ in ("VERB", "AUX") else (head.head if head.dep_ == "nsubjpass" else None)
    if verb is None or not _agentless_passive(verb):
        return []
    between = _between(verb)
    if between is not None:
        return _distinct(ctx, _actors(ctx, between))
    subj = next((c for c in verb.children if c.dep_ == "nsubjpass"), None)
    if subj is None:
        return []
    owner = next((c for c in subj.children if c.dep_ == "poss"), None)
    partner = next(
        (
            p
            for h in (subj, verb)
            for c in h.children
            if c.dep_ == "prep" and c.lower_ == "with"
            for p in c.children
            if p.dep_ == "pobj"
        ),
        None,
    )
    if owner is None or partner is None:
        return []
    return _distinct(ctx, _actors(ctx, owner) + _actors(ctx, partner))


def _agentless_passive(verb: Token) -> bool:
    kids = list(verb.children)
    return any(c.dep_ == "auxpass" for c in kids) and not any(c.dep_ == "agent" for c in kids)


def _between(verb: Token) -> Token | None:
    """The first object of a "between" phrase in the clause (not inside a clause of its own)."""
    todo = [(verb, 0)]
    while todo:
        tok, depth = todo.pop(0)
        for c in tok.children:
            if c.dep_ == "prep" and c.lower_ == "between":
                obj = next((p for p in c.children if p.dep_ == "pobj"), None)
                if obj is not None:
                    return obj
            if (
                depth < _SEARCH_DEPTH
                and c.dep_ in _INNER
                and c.lower_ not in _TIME_PREPS
                and not any(g.dep_ == "nsubj" for g in c.children)
            ):
                todo.append((c, depth + 1))
    return None


def _distinct(ctx: DocContext, found: list[MentionSpan]) -> list[MentionSpan]:
    out: list[MentionSpan] = []
    for m in found:
        if all(not _same_actor(ctx, m.actor.id, o.actor.id) for o in out):
            out.append(m)
    return out if len(out) >= 2 else []
