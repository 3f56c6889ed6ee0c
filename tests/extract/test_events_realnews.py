"""Probe: constructions common in news written by others, coded through the whole pipeline.

Each item is a sentence in the style of wire copy and the events it must give, as (source,
target, CAMEO root) at the top actor (a dyad report's level), with the flags the main event must
carry. The sentences were written for this probe from the kinds of misses seen on outside news:
a verb whose specific pattern does not fit, a target one level down, a list of subjects, an act
inside denied, disputed, stopped, refused, failed or planned scope, and an act inside one country.
"""

from __future__ import annotations

import pytest

from frenemy.models import Document

pytestmark = pytest.mark.model

# (sentence, expected triples, expected (negated, scope) of every event with the first triple)
PROBES: list[tuple[str, set[tuple[str | None, str | None, str]], tuple[bool, str | None] | None]] = [
    # --- verb found, pattern rejected: the verb's general sense ---
    (
        "Ukrainian forces fired anti-aircraft batteries at Russia on Tuesday.",
        {("ukraine", "russia", "19")},
        None,
    ),
    ("South Korean activists staged a protest in Tokyo.", {("south-korea", "japan", "14")}, None),
    (
        "India and Japan agreed to undertake joint military exercises.",
        {("india", "japan", "03"), ("japan", "india", "03")},
        None,
    ),
    (
        "Russia withdrew from the arms control treaty with the United States.",
        {("russia", "united-states", "16")},
        None,
    ),
    ("China will give Tanzania a grant to build a railway.", {("china", "tanzania", "07")}, (False, None)),
    # --- target one level further ---
    (
        "The United States demanded that North Korea abandon its nuclear weapons.",
        {("united-states", "north-korea", "10")},
        None,
    ),
    ("Britain threatened further action against Russia.", {("united-kingdom", "russia", "13")}, None),
    (
        "Iraq rejected calls by the United Nations to allow inspectors back.",
        {("iraq", "united-nations", "12")},
        None,
    ),
    (
        "The United Arab Emirates signed an agreement to normalize relations with Israel.",
        {("united-arab-emirates", "israel", "05")},
        None,
    ),
    # a decided act is done by the decision's owner
    (
        "We welcome the decision by Saudi Arabia to lift the embargo on Qatar.",
        {("saudi-arabia", "qatar", "08")},
        None,
    ),
    ("Russia's move to expel British diplomats drew criticism.", {("russia", "united-kingdom", "16")}, None),
    # --- coordinated subjects act on the object, not on each other ---
    (
        "Saudi Arabia, Egypt, Bahrain and the United Arab Emirates cut diplomatic relations with Qatar.",
        {
            ("saudi-arabia", "qatar", "16"),
            ("egypt", "qatar", "16"),
            ("bahrain", "qatar", "16"),
            ("united-arab-emirates", "qatar", "16"),
        },
        None,
    ),
    # the other side named but unknown: the subjects did not cut ties with each other
    ("Egypt and Jordan cut ties with a new armed group in Sinai.", set(), None),
    (
        "Israel and Egypt signed a peace deal.",
        {("israel", "egypt", "05"), ("egypt", "israel", "05")},
        (False, None),
    ),
    # --- scope: denied, disputed, ceased, refused, failed, planned ---
    (
        "In none of these documents did I find evidence of Iranian collaboration with al-Qaeda.",
        {("iran", "al-qaeda", "06")},
        (True, "denied"),
    ),
    (
        "Pompeo's claim that Iran armed the Houthis is an exaggeration.",
        {("iran", "houthis", "07")},
        (False, "disputed"),
    ),
    ("Iran agreed to stop sending weapons to the Houthis.", {("iran", "houthis", "07")}, (True, "ceased")),
    (
        "The Taliban promised they would not harbour al-Qaeda.",
        {("taliban", "al-qaeda", "03")},
        (True, "denied"),
    ),
    ("Germany refused to commit to assistance for Ukraine.", {("germany", "ukraine", "12")}, (False, None)),
    (
        "Israel and Hamas failed to reach agreement on a ceasefire.",
        {("israel", "hamas", "05"), ("hamas", "israel", "05")},
        (True, "failed"),
    ),
    ("Putin was slated to visit Turkey in March.", {("russia", "turkey", "04")}, (False, "planned")),
    # a joint act's topic is no party; one side named twice gives one event
    (
        "Obama and Erdogan discussed the downing of the Russian jet.",
        {("united-states", "turkey", "04"), ("turkey", "united-states", "04")},
        None,
    ),
    (
        "Turkish President Recep Tayyip Erdogan met Russian President Vladimir Putin in Sochi.",
        {("turkey", "russia", "04")},
        None,
    ),
    # --- one country's own sides ---
    ("Iraqi police arrested Iraqi protesters in Baghdad.", {("iraq", "iraq", "17")}, (False, None)),
]


@pytest.fixture(scope="module")
def pipeline():
    from frenemy.pipeline import Pipeline

    return Pipeline()


def _found(pipeline, text):
    top = pipeline.registry.rollup
    evs = pipeline.analyse(Document(id="probe", text=text, published="2020-06-01")).events

    def key(e):
        return (
            top(e.source.id)[-1] if e.source else None,
            top(e.target.id)[-1] if e.target else None,
            e.cameo_root,
        )

    return evs, key


def test_one_side_named_twice_gives_one_event(pipeline):
    evs, key = _found(
        pipeline, "Turkish President Recep Tayyip Erdogan met Russian President Vladimir Putin in Sochi."
    )
    assert len(evs) == 1


@pytest.mark.parametrize(("text", "want", "flags"), PROBES, ids=[p[0][:40] for p in PROBES])
def test_real_news_probe(pipeline, text, want, flags):
    evs, key = _found(pipeline, text)
    got = {key(e) for e in evs}
    assert got == want
    if flags is not None:
        first = sorted(want)[0]
        for e in evs:
            if key(e) == first:
                assert (e.negated, getattr(e, "scope", None)) == flags


def probe_figures(pipeline) -> dict[str, float]:
    """Triple precision/recall/F1 over the probe (printed by ``python -m tests...`` in reports)."""
    tp = fp = fn = 0
    for text, want, _ in PROBES:
        evs, key = _found(pipeline, text)
        got = [key(e) for e in evs]
        hit = set(got) & want
        tp += len(hit)
        fp += sum(1 for g in got if g not in want)
        fn += len(want - hit)
    p = tp / (tp + fp) if tp + fp else 0.0
    r = tp / (tp + fn) if tp + fn else 0.0
    return {
        "precision": round(p, 3),
        "recall": round(r, 3),
        "f1": round(2 * p * r / (p + r), 3) if p + r else 0.0,
    }


def test_probe_figures_hold(pipeline):
    figures = probe_figures(pipeline)
    assert figures["f1"] >= 0.8, figures
