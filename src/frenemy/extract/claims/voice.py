"""The document's own voice: the author or publisher who asserts what is not attributed."""

from __future__ import annotations

import re
from typing import TYPE_CHECKING

from frenemy.models import Actor, ActorRef, DateInfo

if TYPE_CHECKING:
    from frenemy.nlp.context import DocContext


def _slug(name: str) -> str:
    return re.sub(r"[^a-z0-9]+", "-", name.lower()).strip("-") or "unknown"


def document_voice(ctx: DocContext) -> ActorRef | None:
    """The actor who speaks when the text asserts something unattributed: the author, else the
    publisher, resolved in the registry or added to it as a corpus actor (person / media).
    None when the document names neither."""
    cached: object = getattr(ctx, "_frenemy_voice", False)
    if cached is None or isinstance(cached, ActorRef):
        return cached
    ref: ActorRef | None = None
    doc_meta = ctx.document
    for name, kind in ((doc_meta.author, "person"), (doc_meta.publisher, "media")):
        if not name or not name.strip():
            continue
        name = name.strip()
        actor = _lookup(ctx, name)
        if actor is None:
            actor = Actor(id=_slug(name), name=name, type=kind, origin="corpus")
            added = ctx.registry.add(actor)
            if isinstance(added, Actor):
                actor = added
        ref = actor.ref()
        break
    try:
        ctx._frenemy_voice = ref  # type: ignore[attr-defined]
    except AttributeError:  # pragma: no cover - slotted stand-ins
        pass
    return ref


def _lookup(ctx: DocContext, name: str) -> Actor | None:
    try:
        found = ctx.registry.lookup(name)
    except Exception:  # a registry that cannot look up a name is treated as not knowing it
        return None
    return found if isinstance(found, Actor) else None


def _publication_date(ctx: DocContext) -> DateInfo:
    pub = ctx.document.published
    if not pub:
        return DateInfo()
    precision = {4: "year", 7: "month", 10: "day"}.get(len(pub), "day")
    return DateInfo(start=pub, end=pub, precision=precision, basis="publication", text=None)
