"""resolve_expression: each kind of date phrase, resolved without a parser."""

from __future__ import annotations

from datetime import date

import pytest

from frenemy.extract.dates import parse_iso, resolve_expression, truncate
from frenemy.models import DateInfo

PUB = date(2012, 5, 4)  # a Friday
MARCH_2010 = DateInfo(start="2010-03", end="2010-03", precision="month", basis="explicit")
ATTACKS = DateInfo(start="2001-09-11", end="2001-09-11", precision="day", basis="explicit")


def r(text: str, anchor: DateInfo | None = None, **kw: object) -> DateInfo | None:
    return resolve_expression(text, publication=PUB, anchor=anchor, **kw)  # type: ignore[arg-type]


def shape(info: DateInfo | None) -> tuple[str | None, str | None, str, str] | None:
    return None if info is None else (info.start, info.end, info.precision, info.basis)


@pytest.mark.parametrize(
    ("text", "expected"),
    [
        ("March 2010", ("2010-03", "2010-03", "month", "explicit")),
        ("in June of 2009", ("2009-06", "2009-06", "month", "explicit")),
        ("in 2003", ("2003", "2003", "year", "explicit")),
        ("on May 2, 2011", ("2011-05-02", "2011-05-02", "day", "explicit")),
        ("2 May 2011", ("2011-05-02", "2011-05-02", "day", "explicit")),
        ("the 2nd of May, 2011", ("2011-05-02", "2011-05-02", "day", "explicit")),
        ("Monday, May 2, 2011", ("2011-05-02", "2011-05-02", "day", "explicit")),
        ("2011-07-28", ("2011-07-28", "2011-07-28", "day", "explicit")),
        ("Sept. 2001", ("2001-09", "2001-09", "month", "explicit")),
        ("the 1980s", ("1980", "1989", "decade", "explicit")),
        ("the late 1990s", ("1997", "1999", "year", "explicit")),
        ("the early '80s", ("1980", "1983", "year", "explicit")),
        ("the nineties", ("1990", "1999", "decade", "explicit")),
        ("early 2001", ("2001-01", "2001-04", "month", "explicit")),
        ("mid-2009", ("2009-05", "2009-08", "month", "explicit")),
        ("the end of 2001", ("2001-10", "2001-12", "month", "explicit")),
        ("late March 2010", ("2010-03-21", "2010-03-31", "day", "explicit")),
        ("the summer of 2003", ("2003-06", "2003-08", "month", "explicit")),
        ("the winter of 2003", ("2003-12", "2004-02", "month", "explicit")),
    ],
)
def test_explicit_dates(text: str, expected: tuple[str, str, str, str]) -> None:
    assert shape(r(text)) == expected


@pytest.mark.parametrize(
    ("text", "expected"),
    [
        ("between October 2000 and February 2001", ("2000-10", "2001-02", "month", "explicit")),
        ("from 2016 to 2023", ("2016", "2023", "year", "explicit")),
        ("between October and December 2001", ("2001-10", "2001-12", "month", "explicit")),
        ("between November and February 2001", ("2000-11", "2001-02", "month", "explicit")),
        ("2016-2023", ("2016", "2023", "year", "explicit")),
        ("1990-91", ("1990", "1991", "year", "explicit")),
        ("May 3-5, 2011", ("2011-05-03", "2011-05-05", "day", "explicit")),
        ("since 2001", ("2001", None, "year", "explicit")),
        ("after March 2010", ("2010-03", None, "month", "explicit")),
        ("before 2003", (None, "2003", "year", "explicit")),
        ("until June 2009", (None, "2009-06", "month", "explicit")),
    ],
)
def test_ranges_and_open_periods(text: str, expected: tuple[str | None, str | None, str, str]) -> None:
    assert shape(r(text)) == expected


@pytest.mark.parametrize(
    ("text", "expected"),
    [
        ("a year ago", ("2011-05", "2011-05", "month")),
        ("two years ago", ("2010-05", "2010-05", "month")),
        ("three days ago", ("2012-05-01", "2012-05-01", "day")),
        ("a decade ago", ("2002", "2002", "year")),
        ("last July 28", ("2011-07-28", "2011-07-28", "day")),
        ("April 30", ("2012-04-30", "2012-04-30", "day")),
        ("Thursday", ("2012-05-03", "2012-05-03", "day")),
        ("on Friday", ("2012-05-04", "2012-05-04", "day")),
        ("last Friday", ("2012-04-27", "2012-04-27", "day")),
        ("next Tuesday", ("2012-05-08", "2012-05-08", "day")),
        ("yesterday", ("2012-05-03", "2012-05-03", "day")),
        ("today", ("2012-05-04", "2012-05-04", "day")),
        ("tomorrow", ("2012-05-05", "2012-05-05", "day")),
        ("last week", ("2012-04-23", "2012-04-29", "day")),
        ("last month", ("2012-04", "2012-04", "month")),
        ("next month", ("2012-06", "2012-06", "month")),
        ("earlier this month", ("2012-05", "2012-05", "month")),
        ("last year", ("2011", "2011", "year")),
        ("this year", ("2012", "2012", "year")),
        ("July", ("2011-07", "2011-07", "month")),
        ("last summer", ("2011-06", "2011-08", "month")),
        ("a few days ago", ("2012-04-30", "2012-05-02", "day")),
        ("more than two decades ago", (None, "1992", "year")),
    ],
)
def test_relative_to_publication(text: str, expected: tuple[str | None, str | None, str]) -> None:
    info = r(text)
    assert info is not None
    assert (info.start, info.end, info.precision) == expected
    assert info.basis == "relative-to-publication"


def test_relative_to_publication_needs_a_publication_date() -> None:
    assert resolve_expression("a year ago", publication=None, anchor=None) is None
    assert resolve_expression("Thursday", publication=None, anchor=MARCH_2010) is None


@pytest.mark.parametrize(
    ("text", "expected"),
    [
        ("15 months earlier", ("2008-12", "2008-12", "month")),
        ("two months later", ("2010-05", "2010-05", "month")),
        ("a year after", ("2011-03", "2011-03", "month")),
        ("the following year", ("2011", "2011", "year")),
        ("the previous year", ("2009", "2009", "year")),
        ("that year", ("2010", "2010", "year")),
        ("three years before", ("2007-03", "2007-03", "month")),
        ("years later", ("2011-03", None, "month")),
        ("at the time", ("2010-03", "2010-03", "month")),
    ],
)
def test_relative_to_event(text: str, expected: tuple[str | None, str | None, str]) -> None:
    info = r(text, MARCH_2010)
    assert info is not None
    assert (info.start, info.end, info.precision) == expected
    assert info.basis == "relative-to-event"


def test_relative_to_event_counts_from_a_day_anchor_in_days() -> None:
    info = r("three days later", ATTACKS)
    assert shape(info) == ("2001-09-14", "2001-09-14", "day", "relative-to-event")
    assert shape(r("two weeks before", ATTACKS)) == ("2001-08-28", "2001-08-28", "day", "relative-to-event")


def test_relative_to_event_needs_an_anchor() -> None:
    assert r("15 months earlier") is None
    assert r("the following year") is None


@pytest.mark.parametrize(
    ("text", "start", "end", "basis"),
    [
        ("9/11", "2001-09-11", "2001-09-11", "explicit"),
        ("the 9-11 attacks", "2001-09-11", "2001-09-11", "explicit"),
        ("the September 11 attacks", "2001-09-11", "2001-09-11", "explicit"),
        ("after 9-11", "2001-09-11", None, "relative-to-event"),
        ("since September 11", "2001-09-11", None, "relative-to-event"),
        ("before the 2003 invasion of Iraq", None, "2003-03-20", "relative-to-event"),
        ("the Arab Spring", "2010-12", "2012-12", "explicit"),
        ("after the killing of bin Laden", "2011-05-02", None, "relative-to-event"),
        ("a year after 9/11", "2002-09", "2002-09", "relative-to-event"),
        ("in the wake of the Iranian revolution", "1979-02-11", None, "relative-to-event"),
    ],
)
def test_named_events(text: str, start: str | None, end: str | None, basis: str) -> None:
    info = r(text)
    assert info is not None
    assert (info.start, info.end, info.basis) == (start, end, basis)


def test_after_the_attacks_takes_the_last_named_event() -> None:
    recent = {"attacks": ATTACKS}
    assert shape(r("after the attacks", recent=recent)) == ("2001-09-11", None, "day", "relative-to-event")
    assert shape(r("two weeks after the attacks", recent=recent)) == (
        "2001-09-25",
        "2001-09-25",
        "day",
        "relative-to-event",
    )
    assert r("after the attacks") is None  # nothing named before: no guess
    assert r("after the invasion", recent=recent) is None


@pytest.mark.parametrize(
    "text",
    [
        "years",
        "for years",
        "a week",
        "more than two decades",
        "the report",
        "",
        "   ",
        "maybe",
        "90s",
        "released",
    ],
)
def test_non_dates_give_none(text: str) -> None:
    assert r(text) is None


def test_text_is_kept() -> None:
    info = r("  in the 1990s ")
    assert info is not None and info.text == "in the 1990s"


def test_invalid_calendar_dates_give_none() -> None:
    assert r("February 30, 2011") is None
    assert r("2011-13-01") is None


def test_truncate_and_parse_iso() -> None:
    assert truncate(date(2010, 3, 14), "month") == "2010-03"
    assert truncate(date(2010, 3, 14), "decade") == "2010"
    span = parse_iso("2012-05")
    assert span is not None and span.start == date(2012, 5, 1) and span.end == date(2012, 5, 31)
    assert parse_iso("not a date") is None


def test_malformed_time_data_names_the_file() -> None:
    import yaml

    from frenemy.errors import ActorDataError
    from frenemy.extract.dates import Vocabulary

    words = yaml.safe_load("months: {jan: 1}\nweekdays: {}\n")
    with pytest.raises(ActorDataError) as err:
        Vocabulary(words, [])
    assert err.value.code == "E330" and "vocabulary.yaml" in str(err.value)

    from importlib import resources

    good = yaml.safe_load(
        resources.files("frenemy.resources").joinpath("time", "vocabulary.yaml").read_text()
    )
    with pytest.raises(ActorDataError) as err:
        Vocabulary(good, [{"id": "x", "names": ["the thing"], "date": "sometime"}])
    assert err.value.code == "E330" and "anchors.yaml" in str(err.value) and "'x'" in str(err.value)
    bad_relation = dict(good, relations=dict(good["relations"], point=[True]))
    with pytest.raises(ActorDataError, match="quote it"):
        Vocabulary(bad_relation, [])


def test_every_named_event_resolves_by_each_of_its_names() -> None:
    from frenemy.extract.dates import vocabulary

    for event in vocabulary().events:
        for name in event.names:
            info = resolve_expression(name, publication=None, anchor=None)
            assert info is not None and info.basis == "explicit", name
            assert info.start is not None and event.span.start is not None
            assert info.start[:4] == str(event.span.start.year), name
