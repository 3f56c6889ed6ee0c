"""What each page and API route shows, as plain data: shared by the HTML pages and the JSON API.

Every function takes an open Store; none of them renders anything.
"""

from __future__ import annotations

from dataclasses import dataclass
from typing import TYPE_CHECKING, Any

from frenemy.errors import QueryError
from frenemy.models import Actor

if TYPE_CHECKING:
    from frenemy.store.db import Store

MAX_RELATION_EVENTS = 20_000


class UnknownActor(Exception):
    """A name in a request matched no actor; carries the store's message and close names."""

    def __init__(self, name: str, message: str, suggestions: list[dict[str, str]]) -> None:
        super().__init__(message)
        self.name = name
        self.message = message
        self.suggestions = suggestions

    def to_dict(self) -> dict[str, Any]:
        return {
            "error": {
                "code": "E404",
                "message": self.message,
                "name": self.name,
                "suggestions": self.suggestions,
            }
        }


def resolve_actor(store: Store, name: str) -> Actor:
    """The actor a user-typed name or id means; raises UnknownActor with suggestions."""
    try:
        return store.resolve_actor(name)
    except QueryError as err:
        raise UnknownActor(name, err.message, suggest_actors(store, name)) from None


def suggest_actors(store: Store, name: str, limit: int = 5) -> list[dict[str, str]]:
    """Close actor names for a failed lookup, as {"id", "name"} pairs (best first)."""
    out: list[dict[str, str]] = []
    for label in store.suggest_actors(name, n=limit):
        # the store labels suggestions "alias (actor-id)"
        alias, _, rest = label.rpartition(" (")
        actor_id = rest.rstrip(")") if alias else label
        if all(s["id"] != actor_id for s in out):
            out.append({"id": actor_id, "name": alias or label})
    return out


def dyad_report_dict(store: Store, a: Actor, b: Actor) -> dict[str, Any]:
    """The dyad report JSON (CONTRACTS "Dyad report"), exactly what `frenemy dyad --format json` prints."""
    from frenemy.analyze.dyad import dyad_report  # imported on use: keeps app import light

    report = dyad_report(store, a.id, b.id)
    if hasattr(report, "to_dict"):
        return dict(report.to_dict())
    return dict(report)


@dataclass
class Relation:
    """One counterpart of an actor, with how much and how they interact."""

    actor_id: str
    name: str
    events: int = 0
    cooperative: int = 0
    hostile: int = 0
    neutral: int = 0
    goldstein_total: float = 0.0
    first: str | None = None
    last: str | None = None

    @property
    def goldstein_mean(self) -> float:
        return self.goldstein_total / self.events if self.events else 0.0

    def to_dict(self) -> dict[str, Any]:
        return {
            "actor": {"id": self.actor_id, "name": self.name},
            "events": self.events,
            "cooperative": self.cooperative,
            "hostile": self.hostile,
            "neutral": self.neutral,
            "goldstein_mean": round(self.goldstein_mean, 2),
            "first": self.first,
            "last": self.last,
        }


RELATION_SORTS = ("volume", "hostile", "cooperative")


def actor_relations(store: Store, actor_id: str, sort: str = "volume") -> list[Relation]:
    """The actor's counterparts (events in either direction), sorted by volume then polarity.

    ``sort``: "volume" (most events first, then most hostile), "hostile" (lowest mean Goldstein
    first) or "cooperative" (highest first).
    """
    family = store.actor_family(actor_id) or {actor_id}
    relations: dict[str, Relation] = {}
    for ev in store.events(actor=actor_id, limit=MAX_RELATION_EVENTS):
        if ev.source is not None and ev.source.id in family:
            other = ev.target
        elif ev.target is not None and ev.target.id in family:
            other = ev.source
        else:
            continue
        if other is None or other.id in family:
            continue
        rel = relations.setdefault(other.id, Relation(other.id, other.name))
        rel.events += 1
        rel.goldstein_total += float(ev.goldstein)
        if ev.polarity == "cooperative":
            rel.cooperative += 1
        elif ev.polarity == "hostile":
            rel.hostile += 1
        else:
            rel.neutral += 1
        start = ev.date.start
        if start:
            rel.first = start if rel.first is None or start < rel.first else rel.first
            rel.last = start if rel.last is None or start > rel.last else rel.last
    rows = list(relations.values())
    if sort == "hostile":
        rows.sort(key=lambda r: (r.goldstein_mean, -r.events, r.actor_id))
    elif sort == "cooperative":
        rows.sort(key=lambda r: (-r.goldstein_mean, -r.events, r.actor_id))
    else:
        rows.sort(key=lambda r: (-r.events, r.goldstein_mean, r.actor_id))
    return rows


def actor_names(store: Store, ids: set[str]) -> dict[str, str]:
    """Display names for actor ids (the id itself when the store has no such actor)."""
    names: dict[str, str] = {}
    for actor_id in sorted(ids):
        actor = store.actor(actor_id)
        names[actor_id] = actor.name if actor else actor_id
    return names


def overview(store: Store, *, doc_limit: int = 50, doc_offset: int = 0) -> dict[str, Any]:
    """Corpus counts, a page of documents, the most mentioned actors and the most active pairs."""
    pairs = store.dyad_pairs(limit=20)
    names = actor_names(store, {p["a"] for p in pairs} | {p["b"] for p in pairs})
    return {
        "stats": store.stats(),
        "documents": store.documents(limit=doc_limit, offset=doc_offset),
        "actors": store.actors(limit=25),
        "pairs": [dict(p, a_name=names[p["a"]], b_name=names[p["b"]]) for p in pairs],
    }
