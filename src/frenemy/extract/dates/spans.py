"""Spans: the internal form of a resolved date, and arithmetic on them."""

from __future__ import annotations

import calendar
import re
from dataclasses import dataclass, replace
from datetime import date, timedelta

from frenemy.models import DateInfo

PRECISIONS = ("day", "month", "year", "decade", "unknown")
_RANK = {p: i for i, p in enumerate(PRECISIONS)}
_UNIT_PRECISION = {
    "day": "day",
    "week": "day",
    "fortnight": "day",
    "month": "month",
    "year": "month",
    "decade": "year",
}
_MIN_YEAR, _MAX_YEAR = 1000, 2199
_MAX_COUNT = 5000


# --- spans: the internal form of a resolved date -------------------------------------------------


@dataclass(frozen=True)
class Span:
    """A resolved period: first and last day (inclusive), either may be open (None).

    ``precision`` says how much of the ISO strings is meaningful; ``named`` is the id of a named
    event when the expression was one ("september-11-attacks").
    """

    start: date | None
    end: date | None
    precision: str
    basis: str
    named: str | None = None

    def point(self) -> date | None:
        """A representative day to count offsets from: the start, else the end."""
        return self.start if self.start is not None else self.end

    def to_info(self, text: str | None) -> DateInfo:
        return DateInfo(
            start=truncate(self.start, self.precision) if self.start else None,
            end=truncate(self.end, self.precision) if self.end else None,
            precision=self.precision,
            basis=self.basis,
            text=text,
        )


def coarser(a: str, b: str) -> str:
    """The less precise of two precisions: ``coarser("day", "month") == "month"``."""
    return a if _RANK.get(a, 4) >= _RANK.get(b, 4) else b


def truncate(d: date, precision: str) -> str:
    """ISO string of ``d`` cut to ``precision``: ``truncate(date(2010, 3, 14), "month") == "2010-03"``."""
    if precision == "day":
        return d.isoformat()
    if precision == "month":
        return f"{d.year:04d}-{d.month:02d}"
    return f"{d.year:04d}"


_ISO_RE = re.compile(r"^\s*(\d{4})(?:-(\d{1,2})(?:-(\d{1,2}))?)?(?:[T ].*)?\s*$")


def parse_iso(text: str | None) -> Span | None:
    """An ISO date of any precision ("2012", "2012-05", "2012-05-04", "2012-05-04T10:00Z") as a Span
    covering that period, basis "explicit"; None when ``text`` is not one."""
    if not text:
        return None
    m = _ISO_RE.match(text)
    if not m:
        return None
    y, mo, d = int(m.group(1)), m.group(2), m.group(3)
    try:
        if d is not None and mo is not None:
            day = date(y, int(mo), int(d))
            return Span(day, day, "day", "explicit")
        if mo is not None:
            return _month_span(y, int(mo), "explicit")
        return _year_span(y, y, "year", "explicit")
    except ValueError:
        return None


def span_from_info(info: DateInfo | None) -> Span | None:
    """The period a DateInfo stands for (its end widened to the end of its precision), or None."""
    if info is None or (info.start is None and info.end is None):
        return None
    s = parse_iso(info.start) if info.start else None
    e = parse_iso(info.end) if info.end else None
    precision = info.precision if info.precision in _RANK else "unknown"
    if precision == "unknown":
        precision = (s or e).precision if (s or e) else "year"  # type: ignore[union-attr]
    return Span(s.start if s else None, e.end if e else None, precision, info.basis)


def _month_span(y: int, m: int, basis: str) -> Span:
    return Span(date(y, m, 1), date(y, m, calendar.monthrange(y, m)[1]), "month", basis)


def _year_span(y1: int, y2: int, precision: str, basis: str) -> Span:
    return Span(date(y1, 1, 1), date(y2, 12, 31), precision, basis)


def _widen(start: date | None, end: date | None, precision: str) -> tuple[date | None, date | None]:
    """Stretch start down and end up to whole units of ``precision``."""
    if precision == "month":
        start = start.replace(day=1) if start else None
        end = end.replace(day=calendar.monthrange(end.year, end.month)[1]) if end else None
    elif precision in ("year", "decade"):
        start = start.replace(month=1, day=1) if start else None
        end = end.replace(month=12, day=31) if end else None
    return start, end


def add_months(d: date, months: int) -> date:
    """``d`` moved by whole months, the day clamped to the target month's length."""
    total = d.year * 12 + (d.month - 1) + months
    y, m = divmod(total, 12)
    if not (1 <= y <= 9999):
        raise OverflowError("date out of range")
    return date(y, m + 1, min(d.day, calendar.monthrange(y, m + 1)[1]))


def shift(d: date, unit: str, n: int) -> date:
    """``d`` moved by ``n`` units (day, week, fortnight, month, year, decade); may raise OverflowError."""
    if unit == "day":
        return d + timedelta(days=n)
    if unit == "week":
        return d + timedelta(days=7 * n)
    if unit == "fortnight":
        return d + timedelta(days=14 * n)
    if unit == "month":
        return add_months(d, n)
    if unit == "year":
        return add_months(d, 12 * n)
    return add_months(d, 120 * n)


def _offset(ref: Span, unit: str, low: int, high: int, basis: str) -> Span:
    """``ref`` moved by between ``low`` and ``high`` units (negative = earlier)."""
    precision = coarser(_UNIT_PRECISION[unit], ref.precision)
    s0 = ref.start if ref.start is not None else ref.end
    e0 = ref.end if ref.end is not None else ref.start
    assert s0 is not None and e0 is not None
    lo, hi = _widen(shift(s0, unit, min(low, high)), shift(e0, unit, max(low, high)), precision)
    return Span(lo, hi, precision, basis)


def _coarsen(span: Span, precision: str) -> Span:
    p = coarser(span.precision, precision)
    if p == span.precision:
        return span
    start, end = _widen(span.start, span.end, p)
    return replace(span, start=start, end=end, precision=p)
