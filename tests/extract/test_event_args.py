"""Probe: where news puts an event's other side, coded through the whole pipeline.

Each item is a sentence written for this probe in the phrasing of outside news, and the exact set
of (source, target, CAMEO root) triples it must give at the top-actor level. They cover the
argument mechanisms of extract/events/args.py, reach.py and actors.py: nominal events and their
owners, targets one level below the object, doers through purpose clauses, adjuncts and parser
repairs, and the cases that must stay silent (an actor that is only a topic).
"""

from __future__ import annotations

import pytest

from event_probes import Triple, triples

pytestmark = pytest.mark.model

PROBES: list[tuple[str, set[tuple[str | None, str | None, str]]]] = [
    # --- nominal events: the doer from an owner, a "-led" modifier or a "by" phrase ---
    ("Russia's attacks on Ukrainian cities continued overnight.", {("russia", "ukraine", "19")}),
    ("The Saudi-led blockade of Qatar ended in January.", {("saudi-arabia", "qatar", "19")}),
    ("Attacks by Russia on Ukrainian cities continued.", {("russia", "ukraine", "19")}),
    ("Israel launched air strikes targeting Iranian nuclear facilities.", {("israel", "iran", "19")}),
    # a non-joint act between two parties: the owner acts on each of them
    (
        "The minister praised Egypt's mediation between Israel and Hamas.",
        {("egypt", "israel", "04"), ("egypt", "hamas", "04")},
    ),
    # --- a person thanked or blamed by role stands for the owner of what earns it ---
    (
        "Secretary Blinken thanked the Foreign Minister for Qatar's assistance in the evacuation.",
        {("united-states", "qatar", "05")},
    ),
    ("Secretary Blinken thanked the minister for the support of Ukraine.", set()),
    # a joint act in the passive: the parties in "between" on the verb
    (
        "Talks were held between Ethiopia and Eritrea in Algiers.",
        {("ethiopia", "eritrea", "04"), ("eritrea", "ethiopia", "04")},
    ),
    ("Talks were held in Algiers.", set()),
    # --- a relation noun under an aspect verb: the verb's subject has the relation ---
    ("Qatar resumed talks with Iran's foreign ministry.", {("qatar", "iran", "04")}),
    ("Egypt continued its cooperation with Israel.", {("egypt", "israel", "06")}),
    (
        "Oman has backed efforts to curb Iran's missile program while maintaining dialogue with "
        "Iran's senior officials.",
        {("oman", "iran", "04")},
    ),
    # --- a purpose clause's doer, and a verb the parser hung inside the object's modifier ---
    (
        "Secretary of State Antony Blinken spoke with the Ukrainian foreign minister to offer support "
        "and condemn reports of Russia's strikes on Ukrainian towns.",
        {("united-states", "ukraine", "04"), ("united-states", "russia", "11"), ("russia", "ukraine", "19")},
    ),
    # a participle after its clause has the clause's subject as its doer
    (
        "Bahrain recalled its ambassador from Iran on Sunday, accusing Tehran of meddling.",
        {("bahrain", "iran", "16"), ("bahrain", "iran", "11")},
    ),
    # "the two countries" after a leader and a capital: the leader stands for his state
    (
        "Abiy Ahmed flew to Asmara. The two countries' leaders signed a peace agreement.",
        {("ethiopia", "eritrea", "04"), ("ethiopia", "eritrea", "05"), ("eritrea", "ethiopia", "05")},
    ),
    # "it" in what a state says is that state; not what a person says
    ("Iran said it had arrested two British spies.", {("iran", "united-kingdom", "17")}),
    ("Iran said it was attacked by Israel.", {("israel", "iran", "19")}),
    ("Erdogan said it was time to punish Russia.", set()),
    # "its" is the subject of a clause above; a "by" the parser hung on the verb is the attacker
    (
        "Turkey condemned the attack on its soldiers by Syrian government forces.",
        {("turkey", "syria", "11"), ("syria", "turkey", "19")},
    ),
    (
        "The attack on the Saudi embassy by Iranian protesters drew condemnation.",
        {("iran", "saudi-arabia", "18")},
    ),
    # an object "it" is not its verb's subject; an open "their" is the coordinated pair before it
    (
        "Bahrain recalled its ambassador from Iran and accused it of meddling.",
        {("bahrain", "iran", "16"), ("bahrain", "iran", "11")},
    ),
    (
        "The United States congratulates Ethiopian Prime Minister Abiy Ahmed and Eritrean President "
        "Isaias Afwerki on their historic summit.",
        {
            ("united-states", "ethiopia", "05"),
            ("united-states", "eritrea", "05"),
            ("ethiopia", "eritrea", "04"),
            ("eritrea", "ethiopia", "04"),
        },
    ),
    # "its" after an object actor may be either's: no guess
    ("Hamas condemned Iran over its support for Damascus.", {("hamas", "iran", "11")}),
    # "its" in a claim's content clause is the claim's owner; that clause is active
    (
        "India rejected Pakistan's claim that its fighter jets had intercepted three Indian jets.",
        {("india", "pakistan", "12"), ("pakistan", "india", "19")},
    ),
    # a captive returned "to his country": the captive's own side
    ("Pakistan returned a captured Indian pilot to his country.", {("pakistan", "india", "08")}),
    # the predicate noun of a small clause carries the named actor; a gerund after "its mistake
    # of" is the owner's act
    (
        "The deal makes Bahrain the fourth Arab country to normalize relations with Israel.",
        {("bahrain", "israel", "05")},
    ),
    ("Russia's campaign of bombing Ukrainian cities drew condemnation.", {("russia", "ukraine", "19")}),
    # a hostile act on a person the data does not place is not a dyad event; a placed one is
    ("Saudi Arabia executed the cleric Sheikh Nimr al-Nimr.", set()),
    ("Saudi Arabia executed the Iranian cleric Hossein Rahimi.", {("saudi-arabia", "iran", "18")}),
    # --- an actor that is only a topic is no target ---
    ("Qatar has supported efforts to limit Iran's regional influence.", set()),
]


@pytest.fixture(scope="module")
def pipeline():
    from frenemy.pipeline import Pipeline

    return Pipeline()


def _triples(pipeline, text: str) -> set[Triple]:
    return triples(pipeline, text, "2021-06-01")


@pytest.mark.parametrize(("text", "want"), PROBES, ids=[p[0][:48] for p in PROBES])
def test_other_side_of_an_event(pipeline, text, want):
    assert _triples(pipeline, text) == want
