"""Metadata dates: many shapes in, ISO truncated to its precision out."""

from __future__ import annotations

import datetime as dt

import pytest

from frenemy.ingest import normalise_date


@pytest.mark.parametrize(
    ("value", "expected"),
    [
        ("2012-05-04", "2012-05-04"),
        ("2012-05", "2012-05"),
        ("2012", "2012"),
        ("2012-5-4", "2012-05-04"),
        ("2012-05-04T23:15:00+03:00", "2012-05-04"),
        ("May 4, 2012", "2012-05-04"),
        ("Friday, May 4, 2012", "2012-05-04"),
        ("4 May 2012", "2012-05-04"),
        ("Sept. 11, 2001", "2001-09-11"),
        ("May 2012", "2012-05"),
        ("Fri, 04 May 2012 09:30:00 +0300", "2012-05-04"),
        ("D:20120504093000Z", "2012-05-04"),
        ("2012/05/04", "2012-05-04"),  # through the dateparser fallback
        (dt.datetime(2012, 5, 4, 22, 0), "2012-05-04"),
        (dt.date(2012, 5, 4), "2012-05-04"),
        (2012, "2012"),
        (None, None),
        ("   ", None),
    ],
)
def test_normalise_date(value: object, expected: str | None) -> None:
    assert normalise_date(value) == expected


@pytest.mark.parametrize("value", ["yesterday", "not a date", "2012-13-01", "2012-02-30", "0999", True, 3.5])
def test_unparseable_dates_raise_value_error_naming_the_value(value: object) -> None:
    with pytest.raises(ValueError, match="not a"):
        normalise_date(value)
