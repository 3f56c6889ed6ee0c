"""Probe: violent events whose doer or the side hit sits in an unusual place.

Written by the team for misses seen on outside news (eval/real/events_dev_news.jsonl): an event
noun with a demonym doer as a subject, a city naming its country, a projectile fired from a place,
"enemy" planes shot down by two sides that each claim it, responsibility claimed for an attack,
a demonym run into the region it holds. Triples are (source, target, CAMEO root) at the top actor.
"""

from __future__ import annotations

import pytest

from event_probes import Triple, triples
from frenemy.models import Document

pytestmark = pytest.mark.model

PROBES: list[tuple[str, set[tuple[str | None, str | None, str]]]] = [
    # an event noun with a demonym doer, its target a city of the gazetteer
    (
        "Officials said a Russian rocket attack on the city of Kharkiv killed five people.",
        {("russia", "ukraine", "19")},
    ),
    ("An Armenian drone strike on Ganja wounded ten people.", {("armenia", "azerbaijan", "19")}),
    # the passive "hit with missiles fired from X": the doer is where they were fired from
    ("The town of Barda was hit with rockets fired from Armenia.", {("armenia", "azerbaijan", "19")}),
    ("The village was hit with rockets fired from Syria.", set()),
    # the projectile as subject, also misparsed with "fired" as the main verb
    ("Missiles fired from Lebanon hit Israel on Sunday.", {("lebanon", "israel", "19")}),
    ("Rockets launched from Syria struck Turkey.", {("syria", "turkey", "19")}),
    ("Israel hit Syria with missiles.", {("israel", "syria", "19")}),
    # "hit" with no weapon is no attack
    ("The sanctions hit Russia hard.", set()),
    # common phrasings of shelling, shooting down and opening fire
    ("Ukraine shelled Russia's positions near Belgorod.", {("ukraine", "russia", "19")}),
    ("A drone strike by Turkey on Syria killed four soldiers.", {("turkey", "syria", "19")}),
    ("Indian forces opened fire on Pakistan's troops.", {("india", "pakistan", "19")}),
    ("The shooting down of a Syrian jet by Israel drew protests.", {("israel", "syria", "19")}),
    ("Turkey downed a Syrian helicopter.", {("turkey", "syria", "19")}),
    # two sides that each claim they hit "enemy" aircraft: each acts on the other
    (
        "Both Armenia and Azerbaijan say they shot down enemy drones.",
        {("armenia", "azerbaijan", "19"), ("azerbaijan", "armenia", "19")},
    ),
    # allies striking a common enemy are not each other's enemy
    ("American and Iraqi forces attacked enemy positions.", set()),
    # responsibility claimed for an attack: the claimant did it; the claim is not coded beside it
    ("Hezbollah claimed responsibility for the attack on Israeli troops.", {("hezbollah", "israel", "18")}),
    ("The Taliban claimed responsibility for the attack.", {("taliban", None, "18")}),
    # a demonym run into the region it holds names the country; a sea or ocean does not
    (
        "Hizbul Mujahideen claimed responsibility for a bombing in Indian Kashmir.",
        {("hizbul-mujahideen", "india", "18")},
    ),
    ("Chinese warships sailed into the Indian Ocean.", set()),
]


@pytest.fixture(scope="module")
def pipeline():
    from frenemy.pipeline import Pipeline

    return Pipeline()


def _triples(pipeline, text: str) -> set[Triple]:
    return triples(pipeline, text, "2020-10-17")


@pytest.mark.parametrize(("text", "want"), PROBES, ids=[p[0][:40] for p in PROBES])
def test_violence_probe(pipeline, text, want):
    assert _triples(pipeline, text) == want


def test_claimed_attack_keeps_its_negation(pipeline):
    result = pipeline.analyse(
        Document(id="neg", text="The Taliban denied responsibility for the bombing.", published="2020-10-17")
    )
    assert not [e for e in result.events if e.cameo_root == "18" and not e.negated]
