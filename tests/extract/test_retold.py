"""An undated telling of an act takes the date of the dated telling of the same act."""

from __future__ import annotations

from dataclasses import replace

from dyad_factory import AQ, IRAN, SAUDI, date, event
from frenemy.extract.retold import date_retold_acts
from frenemy.models import Actor, DateInfo

IRAN_GOV = Actor(id="iran-gov", name="Iran government", type="government_body", code="IRNGOV")
MILITANTS = Actor(id="sunni-reb", name="Sunni militants", type="armed_group", code="REB")
_PARENT = {"iran-gov": "iran"}


def belongs_to(a: str, b: str) -> bool:
    return a == b or _PARENT.get(a) == b


def undated(source: Actor, target: Actor, cameo: str, **kw):
    return event(source, target, cameo, -9.0, DateInfo(), **kw)


def run(events):
    return date_retold_acts(events, belongs_to)


def test_second_telling_with_another_author_takes_the_date():
    first = event(MILITANTS, IRAN_GOV, "181", -9.0, date("2008-12"))
    second = undated(AQ, IRAN, "181", modality="reported")
    out = run([first, second])
    assert out[0] is first
    assert (out[1].date.start, out[1].date.precision, out[1].date.basis) == (
        "2008-12",
        "month",
        "relative-to-event",
    )
    assert out[1].date.text == "2008-12"


def test_other_code_or_other_target_is_another_act():
    first = event(MILITANTS, IRAN_GOV, "181", -9.0, date("2008-12"))
    other_code = undated(AQ, IRAN, "173")
    other_target = undated(AQ, SAUDI, "181")
    out = run([first, other_code, other_target])
    assert [e.date.precision for e in out] == ["month", "unknown", "unknown"]


def test_disagreeing_dated_tellings_date_nothing():
    a = event(MILITANTS, IRAN, "181", -9.0, date("2008-12"))
    b = event(AQ, IRAN, "181", -9.0, date("2010"))
    c = undated(AQ, IRAN, "181")
    assert run([a, b, c])[2].date.precision == "unknown"


def test_no_date_from_a_negated_or_hypothetical_telling():
    neg = event(MILITANTS, IRAN, "181", -9.0, date("2008-12"), negated=True)
    hyp = replace(event(AQ, IRAN, "181", -9.0, date("2009")), modality="hypothetical")
    c = undated(AQ, IRAN, "181")
    assert run([neg, hyp, c])[2].date.precision == "unknown"
