"""Probe: trade and sanction measures, and putting a party on a list or taking it off.

Written by the team for misses seen on outside news (eval/real/events_dev_news.jsonl, the Japan and
South Korea trade dispute of 2019); the sentences here are the team's own. Export controls on a
state are a trade measure (163), lifting or easing one is 085, and a list says by its own words
what putting a party on it or taking it off means: off a sanctions or terrorism list is easing,
off a list of preferred trading partners a trade measure. Triples are (source, target, CAMEO root)
at the top actor.
"""

from __future__ import annotations

import pytest

from event_probes import Triple, triples
from frenemy.models import Document

pytestmark = pytest.mark.model

PROBES: list[tuple[str, set[tuple[str | None, str | None, str]]]] = [
    # export controls and curbs on a state are an embargo-like measure, not 172
    ("Tokyo imposed export controls on Seoul last week.", {("japan", "south-korea", "16")}),
    ("Japan put new restrictions on exports to South Korea.", {("japan", "south-korea", "16")}),
    ("India placed curbs on exports of onions to Bangladesh.", {("india", "bangladesh", "16")}),
    # the target is whoever the goods serve or go to, one participle further down
    (
        "Japan tightened export controls on chemicals used by South Korean chipmakers.",
        {("japan", "south-korea", "16")},
    ),
    ("Beijing imposed tariffs on Australian barley.", {("china", "australia", "16")}),
    ("China banned imports of Philippine bananas.", {("china", "philippines", "16")}),
    ("Russia suspended visa-free travel for Georgian citizens.", {("russia", "georgia", "16")}),
    ("The United States froze Iranian assets.", {("united-states", "iran", "16")}),
    # lifting or easing a measure
    ("Washington eased export controls on Vietnam.", {("united-states", "vietnam", "08")}),
    ("The United States lifted restrictions on travel to Cuba.", {("united-states", "cuba", "08")}),
    ("Britain unfroze Libyan assets.", {("united-kingdom", "libya", "08")}),
    # a blacklist or a sanctions list: on it is a sanction, off it easing
    ("The European Union added Belarus to its sanctions list.", {("european-union", "belarus", "16")}),
    (
        "The United States removed Cuba from its list of state sponsors of terrorism.",
        {("united-states", "cuba", "08")},
    ),
    ("The United States took Cuba off its terrorism blacklist.", {("united-states", "cuba", "08")}),
    # (the parser hangs the agent on the list)
    ("Cuba was removed from the terrorism list by the United States.", {("united-states", "cuba", "08")}),
    # a list of preferred trading partners: off it is a trade measure, back on it easing
    ("Tokyo removed Seoul from its list of preferred trading partners.", {("japan", "south-korea", "16")}),
    ("South Korea was dropped from Japan's white list.", {("japan", "south-korea", "16")}),
    ("Tokyo restored Seoul to its list of trusted trading partners.", {("japan", "south-korea", "08")}),
    ("Japan added Vietnam to its white list.", {("japan", "vietnam", "06")}),
    # an export licence given is trade allowed, toward whoever the shipment is for
    (
        "Japan has granted an export licence for a cargo of chemicals bound for South Korea.",
        {("japan", "south-korea", "06")},
    ),
    # the same as event nouns, the party in the "of" phrase
    ("Tokyo's removal of Seoul from its white list angered South Korea.", {("japan", "south-korea", "16")}),
    (
        "The removal of Sudan from the terrorism list by the United States was welcomed in Khartoum.",
        {("united-states", "sudan", "08")},
    ),
    # a list that says nothing of its kind, or no list of parties at all: no event
    ("Japan removed South Korea from the list.", set()),
    ("The clerk removed the documents from the list of exhibits.", set()),
    # a bare "the list" is the list named before
    (
        "Japan keeps a list of preferred trading partners. On Friday, Tokyo removed South Korea from the list.",
        {("japan", "south-korea", "16")},
    ),
]


@pytest.fixture(scope="module")
def pipeline():
    from frenemy.pipeline import Pipeline

    return Pipeline()


def _events(pipeline, text: str):
    return pipeline.analyse(Document(id="probe", text=text, published="2019-08-02")).events


def _triples(pipeline, text: str) -> set[Triple]:
    return triples(pipeline, text, "2019-08-02")


@pytest.mark.parametrize(("text", "want"), PROBES, ids=[p[0][:40] for p in PROBES])
def test_measure_probe(pipeline, text, want):
    assert _triples(pipeline, text) == want


def test_export_controls_are_sanctions_not_administrative(pipeline):
    (ev,) = _events(pipeline, "Japan imposed export controls on South Korea.")
    assert (ev.cameo, ev.plover) == ("163", "COERCE")


def test_removal_from_a_terrorism_list_is_easing_sanctions(pipeline):
    (ev,) = _events(pipeline, "Washington removed Sudan from the terrorism list.")
    assert (ev.cameo, ev.plover) == ("085", "RETREAT")


def test_a_denied_ban_is_negated(pipeline):
    (ev,) = _events(pipeline, "Japan is not banning exports to South Korea.")
    assert (ev.source.id, ev.target.id, ev.cameo, ev.negated) == ("japan", "south-korea", "163", True)


def test_a_removal_not_made_is_negated(pipeline):
    (ev,) = _events(pipeline, "Japan did not remove South Korea from its list of preferred trading partners.")
    assert (ev.cameo, ev.negated) == ("163", True)


def test_a_planned_removal_is_a_threat(pipeline):
    (ev,) = _events(
        pipeline, "Japan plans to take South Korea off its whitelist of preferred trade partners."
    )
    assert (ev.cameo, ev.modality, ev.negated) == ("1312", "asserted", False)


def test_a_removal_that_would_follow_is_hypothetical(pipeline):
    (ev,) = _events(pipeline, "Under the plan, Japan would drop South Korea from its white list.")
    assert (ev.source.id, ev.target.id, ev.cameo, ev.modality) == (
        "japan",
        "south-korea",
        "163",
        "hypothetical",
    )


def test_list_flag_is_parsed_and_checked():
    from frenemy.errors import ActorDataError
    from frenemy.extract.lexicon import parse_lexicon

    (entry,) = parse_lexicon("remove\tV\t085\tfrom\t-\t-\tlist=hostile\n", "probe")
    assert entry.lists == frozenset({"hostile"})
    with pytest.raises(ActorDataError):
        parse_lexicon("remove\tV\t085\tfrom\t-\t-\tlist=friendly\n", "probe")
