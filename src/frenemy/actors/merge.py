"""Merging spelling variants of corpus actors ("Atiyya" and "Atiyah" are one person).

Only actors found in documents (origin "corpus") are candidates, bucketed by kind of actor and
initial letter so a new name is compared with a small bucket in one vectorised rapidfuzz call.
Registry actors are never merged with each other.
"""

from __future__ import annotations

import weakref
from collections import defaultdict
from dataclasses import dataclass, field
from typing import TYPE_CHECKING

from frenemy.actors.normalize import folded_key
from frenemy.models import Actor

if TYPE_CHECKING:
    from frenemy.actors.registry import ActorRegistry

_ORG_TYPES = frozenset({"organization", "armed_group", "igo", "government_body", "media"})


@dataclass
class CorpusIndex:
    """Corpus actors of one registry bucketed by (type family, initial) for variant merging."""

    keys: dict[tuple[str, str], list[str]] = field(default_factory=lambda: defaultdict(list))
    ids: dict[tuple[str, str], list[str]] = field(default_factory=lambda: defaultdict(list))

    def add(self, actor: Actor) -> None:
        key = folded_key(actor.name)
        if key:
            bucket = (family(actor.type), key[0])
            self.keys[bucket].append(key)
            self.ids[bucket].append(actor.id)

    def similar(self, name: str, actor_type: str) -> str | None:
        """The id of a corpus actor whose name is a spelling variant of ``name``, else None."""
        from rapidfuzz import fuzz, process
        from rapidfuzz.distance import JaroWinkler

        key = folded_key(name)
        if not key:
            return None
        bucket = (family(actor_type), key[0])
        keys = self.keys.get(bucket)
        if not keys:
            return None
        # One vectorised pass picks the candidates; the exact rule then decides.
        hits = process.extract(key, keys, scorer=JaroWinkler.normalized_similarity, score_cutoff=0.9, limit=5)
        for other, similarity, position in hits:
            if is_variant(key, other, fuzz.ratio(key, other), similarity):
                return self.ids[bucket][position]
        return None


def is_variant(a: str, b: str, ratio: float, jaro_winkler: float) -> bool:
    """Whether two folded names are spellings of one name, given their rapidfuzz scores."""
    if ratio >= 90:
        return True
    # Transliterations differ in one or two letters late in the word ("Atiyya"/"Atiyah").
    return (
        min(len(a), len(b)) >= 5 and a[:2] == b[:2] and jaro_winkler >= 0.92 and a.count(" ") == b.count(" ")
    )


def family(actor_type: str) -> str:
    """People merge with people, organisations of any kind with organisations."""
    return "person" if actor_type == "person" else ("org" if actor_type in _ORG_TYPES else actor_type)


_CORPUS_INDEXES: weakref.WeakKeyDictionary[ActorRegistry, CorpusIndex] = weakref.WeakKeyDictionary()


def corpus_index(registry: ActorRegistry) -> CorpusIndex:
    """The variant index of a registry (built from its corpus actors on first use, then kept)."""
    index = _CORPUS_INDEXES.get(registry)
    if index is None:
        index = CorpusIndex()
        for actor in registry.added_actors():
            if actor.origin == "corpus":
                index.add(actor)
        _CORPUS_INDEXES[registry] = index
    return index
