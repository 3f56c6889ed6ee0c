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
    from event_probes import triples
    from frenemy.pipeline import Pipeline

    pipeline = Pipeline()
    return lambda text, published="2020-01-01": triples(pipeline, text, published)
