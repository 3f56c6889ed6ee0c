"""Resolving one date expression: explicit, relative to publication, relative to another event,
or named after an event."""

from __future__ import annotations

import calendar
import re
from collections.abc import Mapping
from dataclasses import dataclass, replace
from datetime import date, timedelta

from frenemy.extract.dates.spans import (
    _MAX_COUNT,
    _MAX_YEAR,
    _MIN_YEAR,
    _UNIT_PRECISION,
    Span,
    _coarsen,
    _month_span,
    _offset,
    _widen,
    _year_span,
    add_months,
    coarser,
    shift,
    span_from_info,
)
from frenemy.extract.dates.vocabulary import (
    Vocabulary,
    _norm,
    vocabulary,
)
from frenemy.models import DateInfo

# --- resolution -----------------------------------------------------------------------------------


@dataclass
class _Ctx:
    v: Vocabulary
    pub: Span | None
    anchor: Span | None
    recent: Mapping[str, Span]
    default_year: int | None = None


def resolve_expression(
    text: str,
    *,
    publication: date | None = None,
    anchor: DateInfo | None = None,
    recent: Mapping[str, DateInfo] | None = None,
) -> DateInfo | None:
    """The date a phrase names, or None when it names none (durations like "for years" give None).

    ``publication`` dates phrases like "a year ago" or "Thursday"; ``anchor`` dates phrases relative
    to another event ("15 months earlier"); ``recent`` maps a reference noun ("attacks") to the date
    of the event the text last named with it, for "after the attacks".

    >>> resolve_expression("between October 2000 and February 2001", publication=None, anchor=None)
    DateInfo(start='2000-10', end='2001-02', precision='month', basis='explicit', text='between October 2000 and February 2001')
    """
    pub = Span(publication, publication, "day", "relative-to-publication") if publication else None
    return resolve_span(text, publication=pub, anchor=span_from_info(anchor), recent=_recent_spans(recent))


def _recent_spans(recent: Mapping[str, DateInfo] | None) -> dict[str, Span]:
    out: dict[str, Span] = {}
    for k, info in (recent or {}).items():
        s = span_from_info(info)
        if s is not None:
            out[_norm(k)] = s
    return out


def resolve_span(
    text: str,
    *,
    publication: Span | None = None,
    anchor: Span | None = None,
    recent: Mapping[str, Span] | None = None,
) -> DateInfo | None:
    """Like ``resolve_expression`` but over Spans (publication may be of any precision)."""
    res = resolve_detailed(text, publication=publication, anchor=anchor, recent=recent)
    return res.to_info(" ".join(text.split()).strip(" ,.;:")) if res else None


def resolve_detailed(
    text: str,
    *,
    publication: Span | None = None,
    anchor: Span | None = None,
    recent: Mapping[str, Span] | None = None,
) -> Span | None:
    """The Span a phrase names (with ``named`` set when it names a known event), or None."""
    if not text or len(text) > 200:
        return None
    try:
        norm = _norm(text)
        if not norm:
            return None
        ctx = _Ctx(vocabulary(), publication, anchor, recent or {})
        span = _expression(norm, ctx)
    except (ValueError, OverflowError, RecursionError):
        return None
    if span is None or (span.start is not None and span.end is not None and span.start > span.end):
        return None
    return span


def _expression(s: str, ctx: _Ctx) -> Span | None:
    """Ranges, offsets from a phrase, relation words, then the core forms."""
    g = ctx.v.g
    m = g["range"].fullmatch(s)
    if m:
        r = _range(m.group(1), m.group(2), ctx)
        if r is not None:
            return r
    m = g["around"].fullmatch(s)
    if m:
        r = _around(m, ctx)
        if r is not None:
            return r
    m = g["relation"].fullmatch(s)
    if m:
        kind = ctx.v.relations.get(" ".join(m.group(1).split()))
        inner = _core(m.group(2), ctx, allow_backref=kind in ("start", "end")) or (
            _bare_range(m.group(2), ctx) if kind == "point" else None
        )
        if inner is not None and kind is not None:
            return _relate(inner, kind)
    core = _core(s, ctx, allow_backref=False)
    if core is not None:
        return core
    return _bare_range(s, ctx)


def _relate(inner: Span, kind: str) -> Span:
    """Apply a relation word: start -> from the start of X on; end -> up to the end of X."""
    basis = "relative-to-event" if inner.named else inner.basis
    if kind == "start":
        return replace(inner, end=None, basis=basis)
    if kind == "end":
        return replace(inner, start=None, basis=basis)
    return inner


def _range(left: str, right: str, ctx: _Ctx) -> Span | None:
    r = _core(right, ctx, allow_backref=False)
    if r is None or r.start is None:
        return None
    year = r.start.year
    ctx2 = replace(ctx, default_year=year)
    lt = _core(left, ctx2, allow_backref=False)
    if lt is None:
        # "1990-91", "March 3-5 2011": a bare number on the left/right borrowing the other side
        lt = _core(_borrow(left, right), ctx, allow_backref=False)
    if lt is None or lt.start is None:
        return None
    if lt.start > r.start and re.search(r"\d{4}", left) is None:
        lt = _core(left, replace(ctx, default_year=year - 1), allow_backref=False)
        if lt is None or lt.start is None:
            return None
    precision = coarser(lt.precision, r.precision)
    basis = lt.basis if lt.basis != "explicit" else r.basis
    start, end = _widen(lt.start, r.end if r.end is not None else r.start, precision)
    return Span(start, end, precision, basis)


def _borrow(left: str, right: str) -> str:
    """Complete a bare day on the left from the right side: ("3", "may 5 2011") -> "may 3 2011"."""
    if left.isdigit() and len(left) <= 2:
        m = re.match(r"([a-z]+)\s+\d{1,2}(?:st|nd|rd|th)?\s+(\d{4})$", right)
        if m:
            return f"{m.group(1)} {left} {m.group(2)}"
    return left


def _bare_range(s: str, ctx: _Ctx) -> Span | None:
    """ "1990-91", "2016 to 2023", "March 3-5 2011"."""
    m = re.fullmatch(r"(\d{4})-(\d{2})", s)
    if m:
        y1 = int(m.group(1))
        y2 = y1 - y1 % 100 + int(m.group(2))
        if y2 > y1 and _MIN_YEAR <= y1 <= _MAX_YEAR:
            return _year_span(y1, y2, "year", "explicit")
    m = re.fullmatch(r"([a-z]+)\s+(\d{1,2})-(\d{1,2})\s+(\d{4})", s)
    if m and m.group(1) in ctx.v.months:
        a = _core(f"{m.group(1)} {m.group(2)} {m.group(4)}", ctx, allow_backref=False)
        b = _core(f"{m.group(1)} {m.group(3)} {m.group(4)}", ctx, allow_backref=False)
        if a and b and a.start and b.end and a.start <= b.end:
            return Span(a.start, b.end, "day", "explicit")
    m = ctx.v.g["bare_range"].fullmatch(s)
    if m and re.search(r"\d", m.group(2)):
        return _range(m.group(1), m.group(2), ctx)
    return None


def _around(m: re.Match[str], ctx: _Ctx) -> Span | None:
    """ "a year after 9/11", "two weeks before the election"... only when the object resolves."""
    qty = None
    unit = None
    if m.group(2):
        qty, unit = _split_qty_unit(m.group(0), m.group(2), ctx)
    word = " ".join(m.group(4).split())
    inner = _core(m.group(5), ctx, allow_backref=True)
    if inner is None:
        return None
    later = word in ("after", "following", "later than", "since", "from")
    basis = "relative-to-event" if inner.named or inner.basis == "relative-to-event" else inner.basis
    if qty is None or unit is None:
        return _relate(inner, "start" if later else "end")
    low, high = qty
    sign = 1 if later else -1
    return _offset(inner, unit, sign * low, sign * high, basis)


def _split_qty_unit(whole: str, unit_word: str, ctx: _Ctx) -> tuple[tuple[int, int] | None, str | None]:
    m = re.match(rf"({ctx.v.qty})\s+({ctx.v.unit})\b", whole)
    if not m:
        return None, None
    return _quantity(m.group(1), ctx), ctx.v.units.get(m.group(2))


def _quantity(word: str, ctx: _Ctx) -> tuple[int, int] | None:
    w = " ".join(word.split())
    if w in ctx.v.vague:
        return ctx.v.vague[w]
    if w.isdigit():
        n = int(w)
    elif w in ctx.v.numbers:
        n = ctx.v.numbers[w]
    else:
        parts = w.split("-")
        if len(parts) == 2 and parts[0] in ctx.v.numbers and parts[1] in ctx.v.numbers:
            n = ctx.v.numbers[parts[0]] + ctx.v.numbers[parts[1]]
        else:
            return None
    if n > _MAX_COUNT:
        return None
    return n, n


def _core(s: str, ctx: _Ctx, *, allow_backref: bool) -> Span | None:
    """A single date phrase without a leading relation word."""
    s = s.strip()
    if not s:
        return None
    return (
        _named(s, ctx)
        or (_backref(s, ctx) if allow_backref else None)
        or _explicit(s, ctx)
        or _relative_to_publication(s, ctx)
        or _relative_to_event(s, ctx)
    )


def _named(s: str, ctx: _Ctx) -> Span | None:
    m = ctx.v.named_re.fullmatch(s)
    if not m:
        return None
    ev = ctx.v.event_by_name.get(" ".join(m.group(1).replace("’", "'").split()))
    return ev.span if ev else None


def _backref(s: str, ctx: _Ctx) -> Span | None:
    m = re.fullmatch(r"the\s+(.+)", s)
    if not m:
        return None
    span = ctx.recent.get(" ".join(m.group(1).split()))
    return replace(span, basis="relative-to-event") if span else None


def _valid_year(y: int) -> int:
    if not (_MIN_YEAR <= y <= _MAX_YEAR):
        raise ValueError("year out of range")
    return y


def _explicit(s: str, ctx: _Ctx) -> Span | None:
    g, v = ctx.v.g, ctx.v
    if m := g["mdy"].fullmatch(s):
        d = date(_valid_year(int(m.group(3))), v.months[m.group(1)], int(m.group(2)))
        return Span(d, d, "day", "explicit")
    if m := g["dmy"].fullmatch(s):
        d = date(_valid_year(int(m.group(3))), v.months[m.group(2)], int(m.group(1)))
        return Span(d, d, "day", "explicit")
    if m := g["my"].fullmatch(s):
        return _month_span(_valid_year(int(m.group(2))), v.months[m.group(1)], "explicit")
    if (m := g["iso"].fullmatch(s)) and 1 <= int(m.group(2)) <= 12:
        y, mo = _valid_year(int(m.group(1))), int(m.group(2))
        if m.group(3):
            d = date(y, mo, int(m.group(3)))
            return Span(d, d, "day", "explicit")
        return _month_span(y, mo, "explicit")
    if m := g["us"].fullmatch(s):
        a, b, y = int(m.group(1)), int(m.group(2)), _valid_year(int(m.group(3)))
        mo, dd = (b, a) if a > 12 else (a, b)  # month first unless that cannot be
        d = date(y, mo, dd)
        return Span(d, d, "day", "explicit")
    if m := g["year"].fullmatch(s):
        y = _valid_year(int(m.group(1)))
        return _year_span(y, y, "year", "explicit")
    if m := g["part_year"].fullmatch(s):
        return _part_of_year(" ".join(m.group(1).split()), _valid_year(int(m.group(2))))
    if m := g["season_year"].fullmatch(s):
        return _season(m.group(2), _valid_year(int(m.group(3))), m.group(1), v, "explicit")
    if m := g["part_month_year"].fullmatch(s):
        return _part_of_month(
            " ".join(m.group(1).split()), _valid_year(int(m.group(3))), v.months[m.group(2)], "explicit"
        )
    if m := g["decade"].fullmatch(s):
        if m.group(2) is None and not (m.group(0).lstrip().startswith(("the", "'")) or "'" in s):
            # bare "90s" is too easily a temperature or an age; require "the 90s" or "'90s"
            return None
        century = int(m.group(2)) * 100 if m.group(2) else _default_century(int(m.group(3)) * 10, ctx)
        return _decade(century + int(m.group(3)) * 10, m.group(1))
    if m := g["decade_word"].fullmatch(s):
        return _decade(_default_century(v.decades[m.group(2)], ctx) + v.decades[m.group(2)], m.group(1))
    if ctx.default_year is not None:
        return _month_day_in_year(s, ctx, ctx.default_year)
    return None


def _default_century(two_digits: int, ctx: _Ctx) -> int:
    """The century of "the '90s": the latest one not after publication (1900 when undated)."""
    ref = ctx.pub.point() if ctx.pub else None
    if ref is None:
        return 1900
    century = ref.year - ref.year % 100
    return century if century + two_digits <= ref.year else century - 100


def _decade(first: int, part: str | None) -> Span:
    _valid_year(first)
    if part is None:
        return _year_span(first, first + 9, "decade", "explicit")
    lo, hi = {"early": (0, 3), "mid": (3, 6), "late": (7, 9)}[part]
    return _year_span(first + lo, first + hi, "year", "explicit")


def _part_of_year(part: str, y: int) -> Span:
    part = part.removeprefix("the ")
    months = {
        "early": (1, 4),
        "beginning of": (1, 3),
        "start of": (1, 3),
        "mid": (5, 8),
        "middle of": (5, 8),
        "late": (9, 12),
        "end of": (10, 12),
        "first half of": (1, 6),
        "second half of": (7, 12),
        "first quarter of": (1, 3),
        "second quarter of": (4, 6),
        "third quarter of": (7, 9),
        "fourth quarter of": (10, 12),
    }[part]
    start = date(y, months[0], 1)
    end = date(y, months[1], calendar.monthrange(y, months[1])[1])
    return Span(start, end, "month", "explicit")


def _part_of_month(part: str, y: int, mo: int, basis: str) -> Span:
    part = part.removeprefix("the ")
    last = calendar.monthrange(y, mo)[1]
    lo, hi = {
        "early": (1, 10),
        "beginning of": (1, 10),
        "mid": (11, 20),
        "middle of": (11, 20),
        "late": (21, last),
        "end of": (21, last),
    }[part]
    return Span(date(y, mo, lo), date(y, mo, hi), "day", basis)


def _season(word: str, y: int, part: str | None, v: Vocabulary, basis: str) -> Span:
    first, last = v.seasons[word]
    y_end = y + 1 if last < first else y
    start = date(y, first, 1)
    end = date(y_end, last, calendar.monthrange(y_end, last)[1])
    if part == "early":
        end = date(start.year, start.month, calendar.monthrange(start.year, start.month)[1])
    elif part == "late":
        start = end.replace(day=1)
    return Span(start, end, "month", basis)


def _month_day_in_year(s: str, ctx: _Ctx, year: int) -> Span | None:
    """ "October", "May 3" inside a range whose other side gives the year."""
    g, v = ctx.v.g, ctx.v
    if (m := g["md"].fullmatch(s)) and not m.group(1):
        d = date(year, v.months[m.group(2)], int(m.group(3)))
        return Span(d, d, "day", "explicit")
    if (m := g["dm"].fullmatch(s)) and not m.group(1):
        d = date(year, v.months[m.group(3)], int(m.group(2)))
        return Span(d, d, "day", "explicit")
    if s in v.months:
        return _month_span(year, v.months[s], "explicit")
    return None


_REL_PUB = "relative-to-publication"


def _relative_to_publication(s: str, ctx: _Ctx) -> Span | None:
    pub = ctx.pub
    if pub is None or pub.point() is None:
        return None
    p = pub.point()
    assert p is not None
    span = _relative_to_day(s, p, ctx)
    return _coarsen(span, pub.precision) if span else None


def _relative_to_day(s: str, p: date, ctx: _Ctx) -> Span | None:
    g, v = ctx.v.g, ctx.v
    if g["today"].fullmatch(s):
        return Span(p, p, "day", _REL_PUB)
    if m := g["yesterday"].fullmatch(s):
        d = p - timedelta(days=2 if m.group(1) else 1)
        return Span(d, d, "day", _REL_PUB)
    if m := g["tomorrow"].fullmatch(s):
        d = p + timedelta(days=2 if m.group(1) else 1)
        return Span(d, d, "day", _REL_PUB)
    if m := g["wd"].fullmatch(s):
        return _weekday(p, v.weekdays[m.group(2)], m.group(1))
    if m := g["md"].fullmatch(s):
        return _recurring_day(p, v.months[m.group(2)], int(m.group(3)), m.group(1))
    if m := g["dm"].fullmatch(s):
        return _recurring_day(p, v.months[m.group(3)], int(m.group(2)), m.group(1))
    if m := g["m"].fullmatch(s):
        return _recurring_month(p, v.months[m.group(2)], m.group(1))
    if m := g["this_period"].fullmatch(s):
        return _this_period(p, m.group(1), m.group(2), m.group(3), v)
    if m := g["ago"].fullmatch(s):
        qty = _quantity(m.group(2), ctx)
        unit = v.units[" ".join(m.group(3).split())]
        if qty is None:
            return None
        ref = Span(p, p, "day", _REL_PUB)
        span = _offset(ref, unit, -qty[1], -qty[0], _REL_PUB)
        hedge = " ".join((m.group(1) or "").split())
        if hedge in (
            "more than",
            "over",
            "well over",
            "at least",
            "a little over",
            "a little more than",
            "little more than",
        ):
            return replace(span, start=None)
        if hedge in ("less than", "under", "fewer than", "at most"):
            return Span(span.start, p, span.precision, _REL_PUB)
        return span
    if m := g["past_n"].fullmatch(s):
        qty = _quantity(m.group(1), ctx) if m.group(1) else (1, 1)
        unit = v.units[" ".join(m.group(2).split())]
        if qty is None:
            return None
        precision = _UNIT_PRECISION[unit]
        lo, hi = _widen(shift(p, unit, -qty[1]), p, precision)
        return Span(lo, hi, precision, _REL_PUB)
    return None


def _weekday(p: date, wd: int, word: str | None) -> Span:
    """Bare "Thursday": the latest one on or before publication; "last": strictly before;
    "next": strictly after; "this": in publication's Monday-to-Sunday week."""
    if word == "next":
        d = p + timedelta(days=(wd - p.weekday()) % 7 or 7)
    elif word == "this":
        d = p - timedelta(days=p.weekday()) + timedelta(days=wd)
    elif word in ("last", "past"):
        d = p - timedelta(days=(p.weekday() - wd) % 7 or 7)
    else:
        d = p - timedelta(days=(p.weekday() - wd) % 7)
    return Span(d, d, "day", _REL_PUB)


def _recurring_day(p: date, mo: int, day: int, word: str | None) -> Span:
    """ "July 28": the latest one on or before publication ("last": strictly before; "next": after)."""
    if word == "next":
        y = p.year if (mo, day) > (p.month, p.day) else p.year + 1
    elif word == "this":
        y = p.year
    elif word in ("last", "past"):
        y = p.year if (mo, day) < (p.month, p.day) else p.year - 1
    else:
        y = p.year if (mo, day) <= (p.month, p.day) else p.year - 1
    d = date(y, mo, day)
    return Span(d, d, "day", _REL_PUB)


def _recurring_month(p: date, mo: int, word: str | None) -> Span:
    """ "July": the latest July up to publication's month ("last": before it; "next": after it)."""
    word = " ".join((word or "").split())
    if word == "next":
        y = p.year if mo > p.month else p.year + 1
    elif word == "this":
        y = p.year
    elif word in ("last", "past"):
        y = p.year if mo < p.month else p.year - 1
    else:
        y = p.year if mo <= p.month else p.year - 1
    if word in ("early", "late", "mid"):
        return _part_of_month(word, y, mo, _REL_PUB)
    return _month_span(y, mo, _REL_PUB)


def _this_period(p: date, part: str | None, which: str, period: str, v: Vocabulary) -> Span | None:
    step = {"this": 0, "last": -1, "past": -1, "previous": -1, "next": 1, "coming": 1}[which]
    if period in ("week", "weekend"):
        monday = p - timedelta(days=p.weekday()) + timedelta(days=7 * step)
        start, end = (
            (monday + timedelta(days=5), monday + timedelta(days=6))
            if period == "weekend"
            else (monday, monday + timedelta(days=6))
        )
        if part == "earlier" and step == 0:
            end = max(start, p - timedelta(days=1))
        elif part == "later" and step == 0:
            start = min(end, p + timedelta(days=1))
        return Span(start, end, "day", _REL_PUB)
    if period == "month":
        first = add_months(p.replace(day=1), step)
        span = _month_span(first.year, first.month, _REL_PUB)
        if part in ("early", "late"):
            return _part_of_month(part, first.year, first.month, _REL_PUB)
        return span
    if period == "year":
        y = p.year + step
        if part in ("early", "late"):
            return replace(_part_of_year(part, y), basis=_REL_PUB)
        if part == "earlier" and step == 0:
            return Span(date(y, 1, 1), _widen(None, p, "month")[1], "month", _REL_PUB)
        if part == "later" and step == 0:
            return Span(p.replace(day=1), date(y, 12, 31), "month", _REL_PUB)
        return _year_span(y, y, "year", _REL_PUB)
    if period == "decade":
        first_year = p.year - p.year % 10 + 10 * step
        return _year_span(first_year, first_year + 9, "decade", _REL_PUB)
    if period in v.seasons:
        return _season_near(p, period, step, part if part in ("early", "late") else None, v)
    return None


def _season_near(p: date, word: str, step: int, part: str | None, v: Vocabulary) -> Span:
    """ "this summer": the one holding publication (or this year's); "last": the latest one ended
    before publication; "next": the first one starting after it."""
    candidates = [_season(word, y, part, v, _REL_PUB) for y in (p.year - 2, p.year - 1, p.year, p.year + 1)]
    if step < 0:
        return [c for c in candidates if c.end is not None and c.end < p][-1]
    if step > 0:
        return [c for c in candidates if c.start is not None and c.start > p][0]
    holding = [c for c in candidates if c.start and c.end and c.start <= p <= c.end]
    return holding[0] if holding else candidates[2]


_REL_EVT = "relative-to-event"


def _relative_to_event(s: str, ctx: _Ctx) -> Span | None:
    ref = ctx.anchor
    if ref is None or ref.point() is None:
        return None
    g, v = ctx.v.g, ctx.v
    if m := g["offset"].fullmatch(s):
        qty = _quantity(m.group(2), ctx)
        unit = v.units[" ".join(m.group(3).split())]
        if qty is None:
            return None
        later = m.group(4).split()[0] in ("later", "after", "afterward", "afterwards", "on", "thereafter")
        sign = 1 if later else -1
        span = _offset(ref, unit, sign * qty[0], sign * qty[1], _REL_EVT)
        hedge = " ".join((m.group(1) or "").split())
        if hedge in ("more than", "over", "at least"):
            return replace(span, end=None) if later else replace(span, start=None)
        return span
    if m := g["bare_units"].fullmatch(s):
        unit = v.units[m.group(1)]
        later = m.group(2) in ("later", "after", "afterward", "afterwards", "on")
        span = _offset(ref, unit, 1 if later else -1, 1 if later else -1, _REL_EVT)
        return replace(span, end=None) if later else replace(span, start=None)
    if m := g["following"].fullmatch(s):
        unit = "day" if m.group(2) == "morning" else m.group(2)
        step = {"following": 1, "next": 1, "subsequent": 1, "same": 0}.get(m.group(1), -1)
        return _step(ref, unit, step)
    if m := g["unit_after"].fullmatch(s):
        return _step(ref, m.group(1), 1 if m.group(2) == "after" else -1)
    if m := g["that_unit"].fullmatch(s):
        unit = "day" if m.group(2) == "morning" else m.group(2)
        return _step(ref, unit, 0)
    if g["then"].fullmatch(s):
        return replace(ref, basis=_REL_EVT, named=None)
    if g["later"].fullmatch(s):
        return replace(ref, end=None, basis=_REL_EVT, named=None)
    return None


def _step(ref: Span, unit: str, step: int) -> Span:
    """The unit ("year", "month", "day"...) containing ref moved by ``step`` units."""
    precision = "day" if unit in ("day", "week") else ("decade" if unit == "decade" else unit)
    if unit == "week":
        span = _offset(ref, "week", step, step, _REL_EVT)
        p = span.point()
        assert p is not None
        monday = p - timedelta(days=p.weekday())
        return Span(monday, monday + timedelta(days=6), coarser("day", ref.precision), _REL_EVT)
    span = _offset(ref, unit if unit != "decade" else "decade", step, step, _REL_EVT)
    precision = coarser(precision, ref.precision)
    p0 = span.point()
    assert p0 is not None
    if precision == "decade":
        first = p0.year - p0.year % 10
        return _year_span(first, first + 9, "decade", _REL_EVT)
    start, end = _widen(p0, p0, precision)
    return Span(start, end, precision, _REL_EVT)
