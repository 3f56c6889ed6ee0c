"""Probe: demands said as obligations ("Russia must respect ..."), by whoever says the words.

Written by the team for misses seen on outside text (eval/real/events_dev_wire.jsonl, a White House
statement of 2008); the sentences here are the team's own.
"""

from __future__ import annotations

import pytest

from frenemy.models import Document

pytestmark = pytest.mark.model


@pytest.fixture(scope="module")
def pipeline():
    from frenemy.pipeline import Pipeline

    return Pipeline()


def _events(pipeline, text: str, publisher: str | None, author: str | None = None):
    doc = Document(id="probe", text=text, published="2008-08-11", publisher=publisher, author=author)
    return [
        (
            pipeline.registry.rollup(e.source.id)[-1] if e.source else None,
            pipeline.registry.rollup(e.target.id)[-1] if e.target else None,
            e.cameo,
            e.modality,
        )
        for e in pipeline.analyse(doc).events
    ]


@pytest.mark.parametrize(
    ("text", "publisher", "author", "want"),
    [
        # a government statement's "must" is its state's demand; the obliged act is not done
        (
            "Russia's government must respect Georgia's territorial integrity.",
            "The White House",
            "President George W. Bush (Office of the Press Secretary)",
            [("united-states", "russia", "100", "asserted")],
        ),
        (
            "The Russian government must withdraw its troops from Georgia.",
            "US Department of State",
            None,
            [("united-states", "russia", "100", "asserted")],
        ),
        (
            "It is time for Russia to end this crisis.",
            "The White House",
            None,
            [("united-states", "russia", "100", "asserted")],
        ),
        # an act that must end is demanded of its owner, named in it or in its examples
        (
            "Any external support to armed groups must end, including Rwanda's assistance to M23.",
            "US Department of State",
            None,
            [("united-states", "rwanda", "100", "asserted"), ("rwanda", "m23", "070", "asserted")],
        ),
        ("Any support to armed groups must end.", "US Department of State", None, []),
        # a state's news agency reports; its own "must" is not its state's demand
        (
            "Ukraine must stop shelling Donetsk.",
            "TASS",
            None,
            [],
        ),
        # quoted or reported words: the speaker demands
        (
            '"Russia must withdraw its troops from Georgia," Chancellor Angela Merkel said.',
            "Voice of America",
            None,
            [("germany", "russia", "100", "reported")],
        ),
        # a news agency's own "must" demands nothing; a statement's "we must" is no demand of
        # its own state, only its own act, hedged
        (
            "Russia must withdraw its troops from Georgia.",
            "Voice of America",
            None,
            [("russia", "georgia", "087", "hedged")],
        ),
        (
            "We must support Georgia.",
            "The White House",
            None,
            [("united-states", "georgia", "051", "hedged")],
        ),
    ],
)
def test_obligation_is_a_demand(pipeline, text, publisher, author, want):
    assert _events(pipeline, text, publisher, author) == want


def test_an_order_to_leave_stays_an_expulsion(pipeline):
    found = _events(
        pipeline,
        "Saudi Arabia said all Iranian diplomats must leave the country within 48 hours.",
        "Voice of America",
    )
    assert [f[2] for f in found] == ["166"]


@pytest.mark.parametrize(
    ("text", "publisher", "want"),
    [
        # a government statement's own "we" is its state
        (
            "We welcome the decision by Kosovo and Serbia to take steps.",
            "US Department of State",
            [("united-states", "kosovo", "013", "asserted"), ("united-states", "serbia", "013", "asserted")],
        ),
        # a news agency's "we" is no state
        ("We welcome the decision by Kosovo and Serbia to take steps.", "Voice of America", []),
        # what is welcomed was reached between a pair: both are welcomed, and they agreed
        (
            "The United States welcomes the agreement reached between Kosovo and Serbia.",
            None,
            [
                ("united-states", "kosovo", "013", "asserted"),
                ("united-states", "serbia", "013", "asserted"),
                ("kosovo", "serbia", "057", "asserted"),
                ("serbia", "kosovo", "057", "asserted"),
            ],
        ),
    ],
)
def test_statement_voice_and_welcomed_pairs(pipeline, text, publisher, want):
    assert _events(pipeline, text, publisher) == want


@pytest.mark.parametrize(
    ("text", "publisher", "want"),
    [
        # an act judged unacceptable is criticised by whoever judges it
        (
            "Russia has invaded Georgia. Such an action is unacceptable in the 21st century.",
            "The White House",
            [("russia", "georgia", "190", "asserted"), ("united-states", "russia", "111", "asserted")],
        ),
        (
            "Russia's actions are unacceptable.",
            "The White House",
            [("united-states", "russia", "111", "asserted")],
        ),
        (
            '"China\'s behaviour is provocative," the Japanese minister said.',
            "Voice of America",
            [("japan", "china", "111", "reported")],
        ),
        # no judge, no act, or a negated judgement: nothing
        ("Russia's actions are unacceptable.", "Voice of America", []),
        ("The claim is unacceptable.", "The White House", []),
        ("Russia's actions are not unacceptable.", "The White House", []),
    ],
)
def test_an_act_judged_is_criticised(pipeline, text, publisher, want):
    assert _events(pipeline, text, publisher) == want


@pytest.mark.parametrize(
    ("text", "publisher", "want"),
    [
        # consequences to come are the speaker's threat to whoever is to bear them
        (
            "Russia will face consequences, Blinken said.",
            "Voice of America",
            [("united-states", "russia", "130", "reported")],
        ),
        (
            "If Russia invades Ukraine, there will be severe costs.",
            "US Department of State",
            [("russia", "ukraine", "190", "hypothetical"), ("united-states", "russia", "130", "asserted")],
        ),
        # consequences already borne threaten no one
        ("The war has had severe consequences for Ukraine.", "US Department of State", []),
    ],
)
def test_consequences_to_come_are_a_threat(pipeline, text, publisher, want):
    assert _events(pipeline, text, publisher) == want
