"""Putting a party on a list or taking it off: the list's own words say what the act is.

"The United States removed Cuba from its list of state sponsors of terrorism" eases a sanction
(CAMEO 085); "Japan removed South Korea from its list of preferred trading partners" imposes a
trade measure (163). The verb is the same, the list differs. A lexicon entry with the flag
``list=KIND`` (``hostile`` or ``favour``) matches only when its preposition introduces a list
(kind "list-noun" in resources/events/modality.tsv) whose phrase holds words of that kind
("list-hostile": sanction, terrorism, black; "list-favour": white, preferred, trusted, partner).
The party listed is the direct object (the subject of a passive), the doer the verb's subject
(else, in a passive, the agent or the list's owner: "was dropped from Japan's white list").

A bare "the list" names no kind: it is the list last named a few sentences before ("removed South
Korea from a list of white countries ... the decision to remove South Korea from the list").
"""

from __future__ import annotations

from typing import TYPE_CHECKING

from frenemy.extract import modality as mod
from frenemy.extract.events.actors import _actors, _actors_of_subject, _agent_of_subject, _targets
from frenemy.extract.events.gate import _children, _prep_objects

if TYPE_CHECKING:
    from spacy.tokens import Token

    from frenemy.extract.lexicon import LexEntry
    from frenemy.nlp.context import DocContext, MentionSpan


_WINDOW = 10  # sentences back that a bare "the list" may point
_DEFINITE = frozenset({"the", "this", "that"})


def list_args(
    ctx: DocContext, verb: Token, entry: LexEntry, passive: bool
) -> tuple[list[MentionSpan], list[MentionSpan], list[Token]] | None:
    """(sources, targets, action words) of a listing act, or None when the entry's preposition
    introduces no list of the entry's kind or no party is listed."""
    party = _children(verb, "nsubjpass" if passive else "dobj")
    if not party:
        return None
    found = the_list([verb, *party], entry)
    if found is None:
        return None
    if passive:
        # (the parser may hang the agent on the list: "was removed from the list by the United States")
        agents = [p for c in _children(verb, "agent") for p in _children(c, "pobj")] or _prep_objects(
            [found], frozenset({"by"})
        )
        # "South Korea was dropped from Japan's white list": the list's owner keeps it
        owners = agents or _children(found, "poss")
        sources = _actors(ctx, owners[0]) if owners else []
    else:
        sources = _actors_of_subject(ctx, verb) or _agent_of_subject(ctx, verb)
    return sources, _targets(ctx, party[:1]), [verb, found.head, found]


def the_list(holders: list[Token], entry: LexEntry) -> Token | None:
    """The list of the entry's kind that the entry's preposition introduces under ``holders``."""
    for p in _prep_objects(holders, entry.preps):
        if "list-noun" in mod.kinds(p.lemma_) and list_kind(p) in entry.lists:
            return p
    return None


def list_kind(noun: Token) -> str | None:
    """ "hostile" or "favour" for a list noun, by the words of its own phrase ("its sanctions
    list", "a list of countries with preferred trade status"), else by the last list named before
    when it is told as known ("the list"); None when nothing says."""
    own = _kind_of_words(noun)
    if own is not None or not _definite(noun):
        return own
    sents = list(noun.doc.sents)
    at = next((i for i, s in enumerate(sents) if s.start <= noun.i < s.end), 0)
    for sent in reversed(sents[max(0, at - _WINDOW) : at + 1]):
        for t in reversed(sent):
            if t.i < noun.i and "list-noun" in mod.kinds(t.lemma_):
                kind = _kind_of_words(t)
                if kind is not None:
                    return kind
    return None


def _kind_of_words(noun: Token) -> str | None:
    # a hostile word wins: "a trade blacklist" is a blacklist
    words = [k for t in noun.subtree for k in (mod.kinds(t.lemma_) | mod.kinds(t.lower_))]
    if "list-hostile" in words:
        return "hostile"
    if "list-favour" in words:
        return "favour"
    return None


def _definite(noun: Token) -> bool:
    return any(
        (c.dep_ == "det" and c.lower_ in _DEFINITE) or (c.dep_ == "poss" and c.pos_ == "PRON")
        for c in noun.children
    )
