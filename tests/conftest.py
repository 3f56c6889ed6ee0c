"""Shared fixtures: the real pinned spaCy model is loaded once per test session."""

from __future__ import annotations

import pytest


@pytest.fixture(scope="session")
def nlp():
    from frenemy.nlp.pipeline import load_nlp

    return load_nlp()


@pytest.fixture(scope="session")
def registry():
    from frenemy.actors.registry import ActorRegistry

    return ActorRegistry.default()
