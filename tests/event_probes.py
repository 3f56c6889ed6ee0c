"""Shared by the event probe tests: a sentence's events as (source, target, CAMEO root) at the top actor."""

from __future__ import annotations

from typing import Any

from frenemy.models import Document

Triple = tuple[str | None, str | None, str]


def top(pipeline: Any, actor_id: str | None) -> str | None:
    """The top actor an id rolls up to (None stays None)."""
    return pipeline.registry.rollup(actor_id)[-1] if actor_id else None


def triples(pipeline: Any, text: str, published: str = "2020-01-01", full_code: bool = False) -> set[Triple]:
    """The events of ``text`` as (source, target, CAMEO root, or the full code) at the top actor."""
    events = pipeline.analyse(Document(id="probe", text=text, published=published)).events
    return {
        (
            top(pipeline, e.source.id if e.source else None),
            top(pipeline, e.target.id if e.target else None),
            e.cameo if full_code else e.cameo_root,
        )
        for e in events
    }
