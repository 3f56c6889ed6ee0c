"""Announced future acts are coded as statements of intent; agentless joint acts get their sides.

Sentences written for these tests in the style of wire copy. Each asserts the CAMEO code, the
modality and the date the pipeline gives, so a change in any of the three fails.
"""

from __future__ import annotations

import pytest

from frenemy.models import Document, Event

pytestmark = pytest.mark.model

PUBLISHED = "2021-01-04"


@pytest.fixture(scope="module")
def pipeline():
    from frenemy.pipeline import Pipeline

    return Pipeline()


def _events(pipeline, text: str) -> list[Event]:
    return pipeline.analyse(Document(id="t", text=text, published=PUBLISHED)).events


def _one(pipeline, text: str) -> Event:
    evs = _events(pipeline, text)
    assert len(evs) == 1, [(e.source, e.target, e.cameo) for e in evs]
    return evs[0]


def _top(pipeline, ref) -> str | None:
    return pipeline.registry.rollup(ref.id)[-1] if ref is not None else None


# --- announced acts: the statement is the event --------------------------------------------


@pytest.mark.parametrize(
    ("text", "code"),
    [
        # the doer's own government says so: any reporting verb
        ("Washington will impose new sanctions on Moscow, the White House said.", "1312"),
        ("Saudi Arabia's foreign minister said the kingdom would lift the embargo on Qatar.", "0354"),
        ("The State Department said the United States will send Ukraine more weapons.", "0332"),
    ],
)
def test_own_announcement_is_asserted_intent(pipeline, text, code):
    ev = _one(pipeline, text)
    assert ev.cameo == code
    assert ev.modality == "asserted"
    assert ev.attributed_to is None
    assert ev.date.start == PUBLISHED  # the statement was made by the story's date


def test_announcement_relayed_by_another_is_reported_intent(pipeline):
    ev = _one(pipeline, "Kuwait announced that Saudi Arabia will reopen its airspace to Qatar.")
    assert (_top(pipeline, ev.source), _top(pipeline, ev.target)) == ("saudi-arabia", "qatar")
    assert ev.cameo_root == "03"
    assert ev.plover == "AGREE"
    assert ev.modality == "reported"
    assert ev.attributed_to is not None and _top(pipeline, ev.attributed_to) == "kuwait"


def test_statement_date_is_the_reporting_verbs(pipeline):
    ev = _one(pipeline, "On Monday, the White House said Washington will impose sanctions on Moscow.")
    assert ev.cameo == "1312"
    assert ev.date.start == "2021-01-04"  # that Monday is the publication day itself


@pytest.mark.parametrize(
    ("text", "code", "modality"),
    [
        # the publisher's own forecast: the act, flagged future (the labelled sets code it so)
        ("Germany will send Leopard tanks to Ukraine.", "072", "future"),
        # a source named for the forecast is not the doer's statement
        (
            "Saudi Arabia will lift the embargo on Qatar, according to Kuwait's Foreign Ministry.",
            "085",
            "future",
        ),
        # a third party that only says another will act predicts it
        ("Kuwait said Saudi Arabia would lift the embargo on Qatar.", "085", "hypothetical"),
        # a schedule or an expectation states no decision
        ("The United States is expected to impose new sanctions on Russia.", "163", "future"),
    ],
)
def test_forecasts_stay_the_act(pipeline, text, code, modality):
    ev = _one(pipeline, text)
    assert (ev.cameo, ev.modality) == (code, modality)


def test_negated_announcement_is_not_an_intent(pipeline):
    evs = _events(pipeline, "Germany will not deliver Taurus missiles to Ukraine, the chancellor said.")
    assert all(not e.cameo.startswith("03") for e in evs)


# --- agentless passives of joint acts ------------------------------------------------------


@pytest.mark.parametrize(
    ("text", "pair", "root"),
    [
        ("An agreement was signed between Ethiopia and Eritrea on Monday.", ("ethiopia", "eritrea"), "05"),
        (
            "Diplomatic ties between Saudi Arabia and Iran were restored in March.",
            ("saudi-arabia", "iran"),
            "05",
        ),
        ("Relations were normalised between Egypt and Turkey.", ("egypt", "turkey"), "05"),
        ("Qatar's ties with Saudi Arabia were restored in January.", ("qatar", "saudi-arabia"), "05"),
        (
            "An agreement has been reached to open the land borders between Saudi Arabia and Qatar.",
            ("saudi-arabia", "qatar"),
            "05",
        ),
    ],
)
def test_agentless_joint_act_codes_both_sides(pipeline, text, pair, root):
    evs = _events(pipeline, text)
    got = {(_top(pipeline, e.source), _top(pipeline, e.target), e.cameo_root) for e in evs}
    a, b = pair
    assert got == {(a, b, root), (b, a, root)}
    assert all(e.modality == "asserted" and not e.negated for e in evs)


def test_passive_with_agent_keeps_its_agents(pipeline):
    evs = _events(pipeline, "A peace accord was signed by Ethiopia and Eritrea.")
    got = {(_top(pipeline, e.source), _top(pipeline, e.target)) for e in evs}
    assert got == {("ethiopia", "eritrea"), ("eritrea", "ethiopia")}


def test_passive_one_side_named_gives_no_event(pipeline):
    # "the blockade of Qatar was lifted": no doer and no second side, nothing to code between two
    evs = _events(pipeline, "An agreement was signed in Riyadh on Monday.")
    assert evs == []


# --- lifting a measure told earlier --------------------------------------------------------


def test_lifting_the_measure_targets_whom_it_was_aimed_at(pipeline):
    text = (
        "In June 2017, Saudi Arabia and Bahrain severed relations with Qatar. "
        "The dispute dragged on for years. "
        "On January 5, 2021, Saudi Arabia and Bahrain agreed to lift the blockade."
    )
    late = [e for e in _events(pipeline, text) if e.sentence_index == 2]
    got = {(_top(pipeline, e.source), _top(pipeline, e.target), e.cameo_root) for e in late}
    assert got == {("saudi-arabia", "qatar", "03"), ("bahrain", "qatar", "03")}
    assert all(e.date.start == "2021-01-05" for e in late)


def test_lifting_an_unknown_measure_has_no_target(pipeline):
    # no earlier hostile act by the lifters: "the blockade" points nowhere in the text
    text = "Qatar hosted the summit. On January 5, 2021, Saudi Arabia agreed to lift the blockade."
    assert [e for e in _events(pipeline, text) if e.sentence_index == 1] == []


def test_indefinite_measure_is_not_a_reference(pipeline):
    text = "Saudi Arabia severed relations with Qatar. Saudi Arabia agreed to lift a ban on imports."
    assert [e for e in _events(pipeline, text) if e.sentence_index == 1] == []


def test_lifting_an_embargo_is_no_hostile_claim(pipeline):
    # the claims stage reads "embargo" as hostile; lifting it lessens it, as "ease the rivalry"
    doc = Document(
        id="t",
        text="Saudi Arabia will lift a yearslong embargo on Qatar, according to Kuwait.",
        published=PUBLISHED,
    )
    claims = pipeline.analyse(doc).claims
    assert claims and all(c.stance == "cooperative" for c in claims)


def test_an_accusation_beside_a_denial_is_not_denied(pipeline):
    # the parser hangs "accused" on "carrying"; the accusation is the subject's second act
    text = "Iran denied attacking the tanker and accused the United States of lying."
    acc = [e for e in _events(pipeline, text) if e.cameo == "112"]
    assert acc and all(not e.negated and e.scope is None for e in acc)


def test_negotiations_encouraged_are_not_held(pipeline):
    text = "The Secretary expressed his encouragement for further peace negotiations between Armenia and Azerbaijan."
    evs = [e for e in _events(pipeline, text) if e.cameo_root == "04"]
    assert evs and all(e.modality == "hypothetical" for e in evs)


def test_suspended_talks_are_ceased_not_held(pipeline):
    evs = _events(pipeline, "The talks between Israel and Hamas were suspended.")
    assert evs and all(e.negated and e.scope == "ceased" for e in evs)


def test_a_time_phrase_does_not_give_its_sides_to_the_passive(pipeline):
    text = "Talks on the enclave have been halted since a 1994 cease-fire agreement between Armenia and Azerbaijan."
    evs = _events(pipeline, text)
    assert {e.cameo_root for e in evs} == {"05"}  # the agreement's, not talks between them
