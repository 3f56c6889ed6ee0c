"""Finding actor mentions in a parsed document: names, descriptions, demonyms and back-references.

``find_mentions(ctx)`` makes a few linear passes over the spaCy Doc:

1. registry aliases, longest match first (token-level lookups in the registry's alias index);
2. descriptions built from a role noun and a country or group modifier ("a Tunisian court" ->
   Tunisia judiciary, TUNJUD; "Sunni militants" -> a REB actor with no country); a role noun that
   is a person's title ("Iranian foreign minister Javad Zarif") describes that person instead;
3. named entities the registry does not know, added to the registry as corpus actors, with
   spelling variants merged ("Atiyah" joins "Atiyya");
4. people's affiliations from appositions and titles ("Bruce Riedel, a CIA veteran");
5. conservative back-references: "the group", "the commission", and he/she/his/her.

Mentions never overlap; ``MentionSpan.start``/``end`` cover the name only (no "the", no 's).
"""

from __future__ import annotations

from frenemy.actors.mentions.people import PeoplePass
from frenemy.nlp.context import DocContext, MentionSpan

__all__ = ["find_mentions"]


class _MentionFinder(PeoplePass):
    """All passes; each module adds one (base -> aliases -> entities -> references -> descriptions -> people)."""

    def result(self) -> list[MentionSpan]:
        return [
            MentionSpan(f.start, f.end, f.actor, f.kind, f.members)
            for f in sorted(self.found.values(), key=lambda f: f.start)
        ]


def find_mentions(ctx: DocContext) -> list[MentionSpan]:
    """Every actor mention in ``ctx.doc``, in text order and never overlapping.

    New people and organisations are added to ``ctx.registry`` as corpus actors; description
    actors ("Tunisia judiciary") are created there on first use. Also sets ``ctx.mentions``.

    >>> [(m.actor.id, m.kind) for m in find_mentions(ctx)]  # doctest: +SKIP
    [('iran', 'name'), ('al-qaeda', 'name'), ...]
    """
    finder = _MentionFinder(ctx)
    finder.match_aliases()
    finder.match_descriptions()
    finder.match_entities()
    finder.link_people()
    finder.resolve_references()
    ctx.mentions = finder.result()
    ctx.index_mentions()
    return ctx.mentions
