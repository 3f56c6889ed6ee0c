"""Negation and modality cues on real parses."""

from __future__ import annotations

import pytest

from frenemy.extract import modality as m

pytestmark = pytest.mark.model


def head(nlp, text, word):
    doc = nlp(text)
    return next(t for t in doc if t.text == word)


def test_cues_loaded():
    assert "aux-future" in m.kinds("will") and {"verb-future", "verb-aspect"} <= m.kinds("go")
    assert "appeal" in m.kinds("urge") and m.kinds("banana") == frozenset()


@pytest.mark.parametrize(
    "text, word, expected",
    [
        ("Iran did not release the men.", "release", True),
        ("Iran never released the men.", "released", True),
        ("Iran released the men.", "released", False),
        ("Iran denied that it detained the men.", "detained", True),
        ("The panel found no evidence that Iran helped them.", "helped", True),
        ("Rather than attacking Iraq, Iran talked.", "attacking", True),
        ("They cheated him by not letting his daughter free.", "free", True),
        ("Iran did not say that it freed the men.", "freed", False),
    ],
)
def test_negation(nlp, text, word, expected):
    assert m.is_negated(head(nlp, text, word)) is expected


@pytest.mark.parametrize(
    "text, word, expected",
    [
        ("Iran released the men.", "released", None),
        ("Iran will release the men.", "release", "future"),
        ("Iran plans to release the men.", "release", "future"),
        ("Iran may have released the men.", "released", "hedged"),
        ("Iran seems to have released the men.", "released", "hedged"),
        ("Iran reportedly released the men.", "released", "hedged"),
        ("Iran would release the men.", "release", "hypothetical"),
        ("If Iran releases the men, talks resume.", "releases", "hypothetical"),
        ("Iran wanted to release the men.", "release", "hypothetical"),
        ("Did Iran release the men?", "release", "question"),
        ("After Iran released the men, talks resumed.", "released", None),
    ],
)
def test_modality(nlp, text, word, expected):
    assert m.modality_of(head(nlp, text, word)) == expected
