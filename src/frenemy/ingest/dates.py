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


def normalise_date(value: Any) -> str | None:
    """ISO date text truncated to the precision given: ``"2012-05-04"``, ``"2012-05"``, ``"2012"``.

    Accepts ISO dates and date-times, "May 4, 2012", "4 May 2012", "May 2012", RFC 2822 e-mail
    dates, PDF dates ("D:20120504..."), ``datetime``/``date`` objects and a year as an int; other
    shapes go to dateparser (absolute dates only: "yesterday" is refused). ``None`` or blank text
    gives ``None``. Raises ``ValueError`` naming the value when it is not a date.

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
    for parse in (_parse_iso, _parse_named_month, _parse_email, _parse_fallback):
        found = parse(text)
        if found is not None:
            return found
    raise ValueError(f"{text!r} is not a date (write it as YYYY-MM-DD, YYYY-MM or YYYY)")


def _checked(year: int, month: int | None, day: int | None, text: str) -> str:
    """The ISO text for a validated year, month and day (month and day optional)."""
    try:
        dt.date(year, month or 1, day or 1)
    except ValueError:
        raise ValueError(f"{text!r} is not a valid calendar date") from None
    if year < 1000:
        raise ValueError(f"{text!r} is not a valid calendar date")
    if day is not None and month is not None:
        return f"{year:04d}-{month:02d}-{day:02d}"
    if month is not None:
        return f"{year:04d}-{month:02d}"
    return f"{year:04d}"


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
    if len(text) > 100:
        return None
    try:
        data = _date_parser().get_date_data(text)
    except Exception:  # dateparser raises assorted errors on odd input; "not a date" is the answer
        return None
    if data is None or data.date_obj is None:
        return None
    day: dt.date = data.date_obj.date()
    if data.period == "year":
        return f"{day.year:04d}"
    if data.period == "month":
        return f"{day.year:04d}-{day.month:02d}"
    return day.isoformat()
