"""The learned event fallback: candidates from the parse, the softmax model, the hook, training."""

from __future__ import annotations

import json

import numpy as np
import pytest
from eval.train_classifier import (
    CLASSES,
    Row,
    choose_threshold,
    context_of,
    fit,
    predict,
    unseen_verb_accuracy,
)

from frenemy.extract.events import extract_events
from frenemy.extract.events.classifier import (
    _DENSE_WIDTH,
    NONE,
    EventClassifier,
    add_classifier_events,
    candidates,
    classifier_enabled,
    features,
    load_classifier,
)
from frenemy.models import Document, Event


def forcing(
    root: str, *, threshold: float = 0.5, enabled: bool = True, when: str | None = None
) -> EventClassifier:
    """A classifier that answers ``root`` (for every candidate, or only when feature ``when`` is present)."""
    n = len(CLASSES)
    bias = np.zeros(n)
    sparse = np.zeros((1, n))
    if when is None:
        bias[CLASSES.index(root)] = 10.0
    else:
        bias[CLASSES.index(NONE)] = 5.0
        sparse[0, CLASSES.index(root)] = 15.0
    return EventClassifier(
        classes=list(CLASSES),
        vocab={when or "unused": 0},
        sparse=sparse,
        dense=np.zeros((2 * _DENSE_WIDTH, n)),
        bias=bias,
        scale=np.ones(2 * _DENSE_WIDTH),
        threshold=threshold,
        enabled=enabled,
    )


# --- the model, by hand -------------------------------------------------------------------


def test_predict_follows_the_weights():
    clf = forcing("19", when="v=bomb")
    dense = np.zeros(2 * _DENSE_WIDTH)
    label, prob = clf.predict(["v=bomb", "role=dobj"], dense)
    assert label == "19" and prob > 0.99
    label, prob = clf.predict(["v=visit"], dense)
    assert label == NONE
    p = clf.probabilities(["v=bomb"], dense)
    assert p.shape == (len(CLASSES),) and abs(float(p.sum()) - 1.0) < 1e-9


def test_enabled_flag_and_environment(monkeypatch):
    clf = forcing("04", enabled=False)
    monkeypatch.delenv("FRENEMY_EVENT_CLASSIFIER", raising=False)
    assert classifier_enabled(clf) is False
    monkeypatch.setenv("FRENEMY_EVENT_CLASSIFIER", "1")
    assert classifier_enabled(clf) is True
    monkeypatch.setenv("FRENEMY_EVENT_CLASSIFIER", "off")
    assert classifier_enabled(forcing("04", enabled=True)) is False
    assert classifier_enabled(None) is False


def test_shipped_weights_load_and_are_consistent():
    clf = load_classifier()
    assert clf is not None
    assert clf.classes[0] == NONE and len(clf.classes) == 21
    assert clf.sparse.shape == (len(clf.vocab), len(clf.classes))
    assert clf.dense.shape == (2 * _DENSE_WIDTH, len(clf.classes))
    assert 0.0 < clf.threshold <= 1.01
    # a verb the training data saw as an attack leans to 19 over the cooperative roots
    p = clf.probabilities(["v=bomb", "role=dobj"], np.zeros(2 * _DENSE_WIDTH))
    assert p[clf.classes.index("19")] > p[clf.classes.index("04")]


def test_event_round_trips_coded_by():
    ev = Event(
        id="ev_1", doc_id="d", sentence_index=0, sentence="s", char_start=0, char_end=1,
        source=None, target=None, action_text="x", cameo="190", cameo_root="19", quad_class=4,
        goldstein=-10.0, coded_by="classifier",
    )  # fmt: skip
    d = ev.to_dict()
    assert d["coded_by"] == "classifier"
    assert Event.from_dict(d).coded_by == "classifier"
    del d["coded_by"]
    assert Event.from_dict(d).coded_by == "lexicon"  # records stored before the field


# --- training ---------------------------------------------------------------------------


def test_fit_separates_a_toy_problem():
    rng = np.random.default_rng(0)
    x = np.vstack([rng.normal(2, 0.3, (20, 2)), rng.normal(-2, 0.3, (20, 2))])
    y = np.array([1] * 20 + [2] * 20)
    w, b = fit(x, y, 3, l2=1e-3, steps=300)
    got = predict(np.array([[2.0, 2.0], [-2.0, -2.0]]), w, b).argmax(axis=1)
    assert list(got) == [1, 2]


def test_unseen_verb_accuracy_generalises_through_shared_features():
    # ten verbs; the object says the root ("o=ties" is 16, "o=talks" is 04), so unseen verbs are guessed right
    rows = [
        Row(f"i{k}{obj}", [f"v=verb{k}", f"o={obj}"], np.zeros(2 * _DENSE_WIDTH), root, False)
        for k in range(10)
        for obj, root in (("ties", "16"), ("talks", "04"))
        for _ in range(3)
    ]
    acc, commonest = unseen_verb_accuracy(rows, l2=1e-3)
    assert acc == 1.0 and commonest == 0.5


def test_threshold_rule():
    table = [(0.3, 2, 3), (0.5, 2, 1), (0.7, 2, 0), (0.9, 0, 0)]
    assert choose_threshold(table, 0.6) == 0.5
    assert choose_threshold(table, 0.9) == 0.7
    assert choose_threshold([(0.3, 0, 4), (0.5, 1, 2)], 0.8) == 1.01


# --- on parsed text (the real pinned model) --------------------------------------------


@pytest.fixture(scope="module")
def pipeline():
    from frenemy.pipeline import Pipeline

    return Pipeline()


def ctx_of(pipeline, text):
    return context_of(pipeline, Document(id="t", text=text, published="2020-01-01"))


@pytest.mark.model
def test_candidates_from_subject_object_and_preposition(pipeline):
    ctx = ctx_of(pipeline, "Iran tortured Iraqi soldiers near the border.")
    cands = candidates(ctx, next(iter(ctx.doc.sents)))
    pairs = {(c.verb.lemma_, c.source.actor.id, c.target.actor.id, c.role) for c in cands}
    assert ("torture", "iran", "iraq", "dobj") in {
        (v, s, pipeline.registry.rollup(t)[-1], r) for v, s, t, r in pairs
    }


@pytest.mark.model
def test_joint_subjects_give_both_directions_and_passive_agent_is_source(pipeline):
    ctx = ctx_of(pipeline, "Iran and Iraq quarrelled for years.")
    cands = candidates(ctx, next(iter(ctx.doc.sents)))
    assert {(c.source.actor.id, c.target.actor.id, c.role) for c in cands} == {
        ("iran", "iraq", "joint"),
        ("iraq", "iran", "joint"),
    }
    ctx = ctx_of(pipeline, "Turkey was pummelled by Russia.")
    cands = candidates(ctx, next(iter(ctx.doc.sents)))
    assert [(c.source.actor.id, c.target.actor.id, c.role) for c in cands] == [("russia", "turkey", "subj")]
    names, dense = features(ctx, cands[0])
    assert "v=pummel" in names and dense.shape == (2 * _DENSE_WIDTH,) and np.abs(dense).sum() > 0


@pytest.mark.model
def test_fallback_codes_only_sentences_the_lexicon_left_empty(pipeline, monkeypatch):
    monkeypatch.setenv("FRENEMY_EVENT_CLASSIFIER", "0")
    text = "Iran detained Iraqi soldiers. Iran pummelled Iraqi soldiers. Iran pummelled Iraqi soldiers again."
    ctx = ctx_of(pipeline, text)
    base = extract_events(ctx, pipeline.event_lexicon)
    assert base and all(e.coded_by == "lexicon" for e in base)
    assert {e.sentence_index for e in base} == {0}  # "detained" is in the lexicon, "pummelled" is not
    monkeypatch.delenv("FRENEMY_EVENT_CLASSIFIER")  # the forcing classifier's own flag decides
    out = add_classifier_events(ctx, base, forcing("18", when="v=pummel"))
    added = [e for e in out if e.coded_by == "classifier"]
    assert [(e.sentence_index, e.source.id, e.cameo, e.plover) for e in added] == [
        (1, "iran", "180", "ASSAULT"),
        (2, "iran", "180", "ASSAULT"),
    ]
    assert pipeline.registry.rollup(added[0].target.id)[-1] == "iraq"
    assert added[0].action_text == "pummelled" and added[0].modality == "asserted"
    monkeypatch.setenv("FRENEMY_EVENT_CLASSIFIER", "1")  # the hook: on, the shipped weights decide
    assert [e for e in extract_events(ctx, pipeline.event_lexicon) if e.coded_by == "lexicon"] == base
    assert added[0].confidence < min(e.confidence for e in base)
    assert out[: len(base)] == base  # the lexicon's events come first and unchanged


@pytest.mark.model
def test_fallback_respects_threshold_negation_and_switch(pipeline, monkeypatch):
    monkeypatch.delenv("FRENEMY_EVENT_CLASSIFIER", raising=False)
    ctx = ctx_of(pipeline, "Iran did not pummel Iraqi soldiers.")
    out = add_classifier_events(ctx, [], forcing("18"))
    assert len(out) == 1 and out[0].negated
    assert add_classifier_events(ctx, [], forcing("18", threshold=1.01)) == []
    assert add_classifier_events(ctx, [], forcing("18", enabled=False)) == []
    assert add_classifier_events(ctx, [], forcing(NONE)) == []


def test_weights_file_is_plain_json():
    from importlib import resources

    text = resources.files("frenemy.resources.events").joinpath("classifier.json").read_text(encoding="utf-8")
    data = json.loads(text)
    assert "heldout" not in " ".join(data["trained_on"])
    assert data["classes"][0] == NONE
