"""Publication dates given as metadata, normalised to ISO text truncated to their precision.

"2012-05-04" (day), "2012-05" (month) or "2012" (year). Common shapes are parsed here directly;
dateparser, which is slow to start and to run, is only the fallback for unusual shapes.
"""

from __future__ import annotations

import datetime as dt
import re
from email.utils import parsedate_to_datetime
from functools import lru_cache
from typing import Any

_ISO = re.compile(r"(\d{4})(?:-(\d{1,2})(?:-(\d{1,2}))?)?(?:[T ]\d{1,2}:\d{2}\S*)?")
_PDF = re.compile(r"D:(\d{4})(\d{2})?(\d{2})?\S*")
_MONTHS = {
    name: number
    for number, names in enumerate(
        [
            ("january", "jan"),
            ("february", "feb"),
            ("march", "mar"),
            ("april", "apr"),
            ("may",),
            ("june", "jun"),
            ("july", "jul"),
            ("august", "aug"),
            ("september", "sep", "sept"),
            ("october", "oct"),
            ("november", "nov"),
            ("december", "dec"),
        ],
        start=1,
    )
    for name in names
}
_MONTH = "(" + "|".join(sorted(_MONTHS, key=len, reverse=True)) + r")\.?"
_DAY = r"(\d{1,2})(?:st|nd|rd|th)?"
_WEEKDAY = r"(?:(?:mon|tue|wed|thu|fri|sat|sun)[a-z]*,?\s+)?"
# "May 4, 2012", "Friday, May 4 2012", "4 May 2012", "May 2012"
_MONTH_DAY_YEAR = re.compile(_WEEKDAY + _MONTH + r"\s+" + _DAY + r",?\s+(\d{4})", re.IGNORECASE)
_DAY_MONTH_YEAR = re.compile(_WEEKDAY + _DAY + r"\s+" + _MONTH + r",?\s+(\d{4})", re.IGNORECASE)
_MONTH_YEAR = re.compile(_MONTH + r",?\s+(\d{4})", re.IGNORECASE)
# "04/05/2012", "4.5.2012", "04-05-2012": day and month in an order the text does not say.
_NUMERIC = re.compile(r"(\d{1,2})([/.-])(\d{1,2})\2(\d{4})")
# A year written out: four digits standing alone (not "-5000", not part of "1e1000" or "20120504").
_YEAR_TOKEN = re.compile(r"(?<![A-Za-z0-9+\-.])(\d{4})(?!\d)")
DATE_ORDERS = ("DMY", "MDY")
LATEST_YEAR = 2100  # a publication date later than this is a typing error, not a date


def normalise_date(value: Any, date_order: str | None = None) -> str | None:
    """ISO date text truncated to the precision given: ``"2012-05-04"``, ``"2012-05"``, ``"2012"``.

    Accepts ISO dates and date-times, "May 4, 2012", "4 May 2012", "May 2012", RFC 2822 e-mail
    dates, PDF dates ("D:20120504..."), ``datetime``/``date`` objects and a year as an int; other
    shapes go to dateparser (absolute dates only). A date must say its year: relative or partial
    dates ("yesterday", "Monday", "March", "Dec 25", "10") are refused, since they would be
    resolved against today. All-number dates whose day and month could be swapped ("04/05/2012")
    are refused unless ``date_order`` is "DMY" or "MDY"; "13/05/2012" is unambiguous. ``None`` or
    blank text gives ``None``. Raises ``ValueError`` naming the value when it is not a date.

    >>> normalise_date("Fri, 04 May 2012 09:30:00 +0300")
    '2012-05-04'
    """
    if value is None:
        return None
    if isinstance(value, dt.datetime):
        return value.date().isoformat()
    if isinstance(value, dt.date):
        return value.isoformat()
    if isinstance(value, int) and not isinstance(value, bool):
        return _checked(value, None, None, repr(value))
    if not isinstance(value, str):
        raise ValueError(f"{value!r} is not a date")
    text = value.strip()
    if not text:
        return None
    numeric = _parse_numeric(text, date_order)
    if numeric is not None:
        return numeric
    for parse in (_parse_iso, _parse_named_month, _parse_email, _parse_fallback):
        found = parse(text)
        if found is not None:
            return found
    if not _YEAR_TOKEN.search(text):
        raise ValueError(
            f"{text!r} is not a date with a year: relative or partial dates would be read against "
            "today's date (write it as YYYY-MM-DD, YYYY-MM or YYYY)"
        )
    raise ValueError(f"{text!r} is not a date (write it as YYYY-MM-DD, YYYY-MM or YYYY)")


def _checked(year: int, month: int | None, day: int | None, text: str) -> str:
    """The ISO text for a validated year, month and day (month and day optional)."""
    try:
        dt.date(year, month or 1, day or 1)
    except ValueError:
        raise ValueError(f"{text!r} is not a valid calendar date") from None
    if year < 1000 or year > LATEST_YEAR:
        raise ValueError(f"{text!r} is not a valid calendar date (years 1000 to {LATEST_YEAR})")
    if day is not None and month is not None:
        return f"{year:04d}-{month:02d}-{day:02d}"
    if month is not None:
        return f"{year:04d}-{month:02d}"
    return f"{year:04d}"


def _parse_numeric(text: str, date_order: str | None) -> str | None:
    """Day and month in numbers: refused when they could be swapped and no order is given."""
    match = _NUMERIC.fullmatch(text)
    if not match:
        return None
    first, _, second, year = match.groups()
    a, b = int(first), int(second)
    if date_order not in (None, *DATE_ORDERS):
        raise ValueError(f"date order {date_order!r} is not one of {', '.join(DATE_ORDERS)}")
    if date_order == "DMY" or (date_order is None and a > 12):
        day, month = a, b
    elif date_order == "MDY" or (date_order is None and b > 12):
        month, day = a, b
    elif a == b:
        day = month = a
    else:
        raise ValueError(
            f"{text!r} is ambiguous: it could be day {a} of month {b} or month {a}, day {b}; "
            "write it as YYYY-MM-DD"
        )
    return _checked(int(year), month, day, text)


def _parse_iso(text: str) -> str | None:
    match = _ISO.fullmatch(text) or _PDF.fullmatch(text)
    if not match:
        return None
    year, month, day = (int(g) if g else None for g in match.groups())
    assert year is not None
    return _checked(year, month, day, text)


def _parse_named_month(text: str) -> str | None:
    match = _MONTH_DAY_YEAR.fullmatch(text)
    if match:
        month, day, year = match.groups()
        return _checked(int(year), _MONTHS[month.lower()], int(day), text)
    match = _DAY_MONTH_YEAR.fullmatch(text)
    if match:
        day, month, year = match.groups()
        return _checked(int(year), _MONTHS[month.lower()], int(day), text)
    match = _MONTH_YEAR.fullmatch(text)
    if match:
        month, year = match.groups()
        return _checked(int(year), _MONTHS[month.lower()], None, text)
    return None


def _parse_email(text: str) -> str | None:
    if not any(ch.isalpha() for ch in text):
        return None
    try:
        parsed = parsedate_to_datetime(text)
    except (TypeError, ValueError, IndexError):
        return None
    return parsed.date().isoformat() if parsed is not None else None


@lru_cache(maxsize=1)
def _date_parser() -> Any:
    """One dateparser instance, built on first use (building it takes a noticeable time)."""
    from dateparser.date import DateDataParser

    # Absolute dates only: a relative date ("yesterday") means nothing as stored metadata.
    return DateDataParser(
        settings={"PARSERS": ["custom-formats", "absolute-time"], "PREFER_DAY_OF_MONTH": "first"}
    )


def _parse_fallback(text: str) -> str | None:
    """dateparser's reading of ``text``, kept only when the text writes out the year it found."""
    if len(text) > 100:
        return None
    years = {int(y) for y in _YEAR_TOKEN.findall(text)}
    if not years:  # "Monday", "March", "10", "1e10": dateparser would fill in today's year
        return None
    try:
        data = _date_parser().get_date_data(text)
    except Exception:  # dateparser raises assorted errors on odd input; "not a date" is the answer
        return None
    if data is None or data.date_obj is None:
        return None
    day: dt.date = data.date_obj.date()
    if day.year not in years or day.year > LATEST_YEAR:
        return None
    if data.period == "year":
        return f"{day.year:04d}"
    if data.period == "month":
        return f"{day.year:04d}-{day.month:02d}"
    return day.isoformat()
