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
        ("Al-Qaeda may think twice before attacking Iranian targets.", "attacking", "hypothetical"),
        ("Iran would wait until Iraq attacks.", "attacks", "hypothetical"),
        ("Iran consulted Russia before attacking the camp.", "attacking", None),
    ],
)
def test_modality(nlp, text, word, expected):
    assert m.modality_of(head(nlp, text, word)) == expected


def test_negation_words_come_from_the_data_files():
    words = m.negation_words()
    # the claims stage's list (qualifiers.tsv) and the events stage's own additions (modality.tsv)
    assert {"not", "n't", "never", "no"} <= words and {"none", "nowhere"} <= words
    assert "rather than" not in words  # phrases are the claims stage's, not single words


@pytest.mark.parametrize(
    "text, word, expected",
    [
        ("Iran agreed to stop sending weapons to the Houthis.", "sending", "ceased"),
        ("Russia halted gas deliveries after Ukraine ceased paying its debts.", "paying", "ceased"),
        ("Israel and Hamas failed to reach agreement.", "reach", "failed"),
        ("Putin was slated to visit Turkey.", "visit", "planned"),
        ("Iran plans to attack Israel.", "attack", "planned"),
        ("Iran is expected to attack Israel.", "attack", None),
        ("Pompeo's claim that Iran armed the Houthis is an exaggeration.", "armed", "disputed"),
        ("Tehran disputed the claim that Iran armed the Houthis.", "armed", "disputed"),
        ("Tehran denied reports that Iran armed the Houthis.", "armed", "denied"),
        ("In none of these documents did I find evidence of collaboration.", "collaboration", "denied"),
        ("China did not attack Taiwan.", "attack", "denied"),
        ("Israel failed to condemn the attack.", "attack", None),
        ("Iran armed the Houthis.", "armed", None),
        ("Iran continued to arm the Houthis.", "arm", None),
    ],
)
def test_scope(nlp, text, word, expected):
    assert m.scope_of(head(nlp, text, word)) == expected
