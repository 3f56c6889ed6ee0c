"""Shared fixtures: the real pinned spaCy model is loaded once per test session."""

from __future__ import annotations

import os

import pytest
from hypothesis import settings

# CI draws the same examples every run, so a red build points at a change, not at the dice;
# local runs keep exploring (and replay any failure they find from .hypothesis/).
settings.register_profile("ci", derandomize=True, print_blob=True)
if os.environ.get("CI"):
    settings.load_profile("ci")


@pytest.fixture(scope="session")
def nlp():
    from frenemy.nlp.pipeline import load_nlp

    return load_nlp()


@pytest.fixture(scope="session")
def registry():
    from frenemy.actors.registry import ActorRegistry

    return ActorRegistry.default()


@pytest.fixture(scope="session")
def event_triples():
    """A function from a sentence to its (source, target, CAMEO root) triples at the top actor."""
    from frenemy.models import Document
    from frenemy.pipeline import Pipeline

    pipeline = Pipeline()

    def top(actor_id: str | None) -> str | None:
        return pipeline.registry.rollup(actor_id)[-1] if actor_id else None

    def triples(text: str, published: str = "2020-01-01") -> set[tuple[str | None, str | None, str]]:
        events = pipeline.analyse(Document(id="probe", text=text, published=published)).events
        return {
            (top(e.source.id if e.source else None), top(e.target.id if e.target else None), e.cameo_root)
            for e in events
        }

    return triples
