"""Periods of a relationship: change points in the cooperation-conflict series.

Counted evidence (deduplicated event groups with a weight and a Goldstein value) is placed in
date order at the midpoint of its date interval, so a decade-precision event ("in the 1990s")
sits in 1995 and never pretends to a precise month. Evidence is binned by month, and weighted
binary segmentation splits the series where the weighted squared error drops by more than a
penalty, keeping at least ``MIN_SEGMENT_EVENTS`` events and ``MIN_SEGMENT_WEIGHT`` weight on each
side. Adjacent segments that end up with the same label are merged: the question is whether two
actors are allies or enemies, not how hostile month by month. Undated evidence is left out.

Numbers (see docs/dyad.md): labels use ``COOPERATIVE_AT`` / ``HOSTILE_AT`` on the weighted mean
Goldstein; the split penalty is ``PENALTY_SCALE * NOISE_VARIANCE * log(n + 1)``.
"""

from __future__ import annotations

import calendar
import math
from dataclasses import dataclass
from datetime import date
from functools import lru_cache

from frenemy.models import DateInfo

COOPERATIVE_AT = 1.0  # weighted mean Goldstein at or above: cooperative
HOSTILE_AT = -1.0  # at or below: hostile; in between: mixed
NOISE_VARIANCE = 16.0  # typical spread of Goldstein values inside one regime (sd 4)
PENALTY_SCALE = 2.0
MIN_SEGMENT_EVENTS = 2
MIN_SEGMENT_WEIGHT = 1.0
# Years with no dated evidence at all break the record: each side is segmented on its own, so
# sparse evidence (one article's 1990s background before its 2001-2010 story) still shows its eras.
ERA_GAP_MONTHS = 60

_MONTH_NAMES = [calendar.month_name[m] for m in range(13)]


def label_for(mean: float) -> str:
    """The relationship label for a weighted mean Goldstein value."""
    if mean >= COOPERATIVE_AT:
        return "cooperative"
    if mean <= HOSTILE_AT:
        return "hostile"
    return "mixed"


def _parse_start(text: str) -> date | None:
    parts = text.strip().split("-")
    try:
        year = int(parts[0][:4])
        month = int(parts[1]) if len(parts) > 1 else 1
        day = int(parts[2][:2]) if len(parts) > 2 else 1
        return date(year, month, day)
    except (ValueError, IndexError):
        return None


def _parse_end(text: str) -> date | None:
    parts = text.strip().split("-")
    try:
        year = int(parts[0][:4])
        if len(parts) == 1:
            return date(year, 12, 31)
        month = int(parts[1])
        if len(parts) == 2:
            return date(year, month, calendar.monthrange(year, month)[1])
        return date(year, month, int(parts[2][:2]))
    except (ValueError, IndexError):
        return None


def date_interval(info: DateInfo | None) -> tuple[date, date] | None:
    """The first and last day a date may mean, or None when undated or unreadable.

    ``DateInfo(start="1990", end="1999", precision="decade")`` -> (1990-01-01, 1999-12-31);
    ``DateInfo(start="2016-01")`` -> (2016-01-01, 2016-01-31).
    """
    if info is None or not info.start:
        return None
    return _interval(info.start, info.end)


def text_interval(start: str | None, end: str | None) -> tuple[date, date] | None:
    """``date_interval`` of a date given as its start and end text (as the events table stores it)."""
    if not start:
        return None
    return _interval(start, end)


@lru_cache(maxsize=65536)
def _interval(start: str, end: str | None) -> tuple[date, date] | None:
    # Cached: a large dyad has many events on the same few thousand dates.
    first = _parse_start(start)
    if first is None:
        return None
    last = _parse_end(end) if end else _parse_end(start)
    if last is None or last < first:
        last = _parse_end(start) or first
    return first, last


def midpoint(interval: tuple[date, date]) -> date:
    """The middle day of an interval (where coarse dates sit on the timeline)."""
    first, last = interval
    return date.fromordinal((first.toordinal() + last.toordinal()) // 2)


def format_date_plain(text: str | None) -> str:
    """An ISO date truncated to its precision in words: "2023-03" -> "March 2023"."""
    if not text:
        return "an unknown date"
    parts = text.split("-")
    try:
        if len(parts) == 1:
            return parts[0]
        month = _MONTH_NAMES[int(parts[1])]
        if len(parts) == 2:
            return f"{month} {parts[0]}"
        return f"{int(parts[2][:2])} {month} {parts[0]}"
    except (ValueError, IndexError):
        return text


@dataclass
class Point:
    """One piece of counted evidence on the timeline."""

    evidence_id: str
    start: str  # ISO text at the evidence's own precision
    end: str
    when: date  # where it sits for segmentation (midpoint of its interval)
    value: float  # Goldstein
    weight: float


@dataclass
class _Bin:
    key: int  # months since year 0
    points: list[Point]
    w: float
    wx: float
    wxx: float


def _bins(points: list[Point]) -> list[_Bin]:
    by_key: dict[int, _Bin] = {}
    for p in points:
        key = p.when.year * 12 + p.when.month - 1
        b = by_key.get(key)
        if b is None:
            b = by_key[key] = _Bin(key, [], 0.0, 0.0, 0.0)
        b.points.append(p)
        b.w += p.weight
        b.wx += p.weight * p.value
        b.wxx += p.weight * p.value * p.value
    return [by_key[k] for k in sorted(by_key)]


def _segments(bins: list[_Bin], penalty: float) -> list[tuple[int, int]]:
    """Weighted binary segmentation over bins; returns [start, end) bin index ranges."""
    n = len(bins)
    cw = [0.0] * (n + 1)
    cwx = [0.0] * (n + 1)
    cwxx = [0.0] * (n + 1)
    cn = [0] * (n + 1)
    for i, b in enumerate(bins):
        cw[i + 1] = cw[i] + b.w
        cwx[i + 1] = cwx[i] + b.wx
        cwxx[i + 1] = cwxx[i] + b.wxx
        cn[i + 1] = cn[i] + len(b.points)

    def cost(i: int, j: int) -> float:
        w = cw[j] - cw[i]
        if w <= 0:
            return 0.0
        wx = cwx[j] - cwx[i]
        return (cwxx[j] - cwxx[i]) - wx * wx / w

    def big_enough(i: int, j: int) -> bool:
        return cn[j] - cn[i] >= MIN_SEGMENT_EVENTS and cw[j] - cw[i] >= MIN_SEGMENT_WEIGHT

    done: list[tuple[int, int]] = []
    todo = [(0, n)]
    while todo:
        i, j = todo.pop()
        whole = cost(i, j)
        best_gain, best_k = 0.0, -1
        for k in range(i + 1, j):
            if not (big_enough(i, k) and big_enough(k, j)):
                continue
            gain = whole - cost(i, k) - cost(k, j)
            if gain > best_gain:
                best_gain, best_k = gain, k
        if best_k > 0 and best_gain > penalty:
            todo.extend([(i, best_k), (best_k, j)])
        else:
            done.append((i, j))
    return sorted(done)


def _eras(bins: list[_Bin]) -> list[list[_Bin]]:
    """Split the binned series wherever ERA_GAP_MONTHS or more pass with no evidence.

    An era lighter than MIN_SEGMENT_WEIGHT (a lone hedged report) cannot stand alone: it joins
    the era before it (the first one joins the next).
    """
    eras: list[list[_Bin]] = []
    for b in bins:
        if eras and b.key - eras[-1][-1].key < ERA_GAP_MONTHS:
            eras[-1].append(b)
        else:
            eras.append([b])
    kept: list[list[_Bin]] = []
    for era in eras:
        if kept and (
            sum(b.w for b in era) < MIN_SEGMENT_WEIGHT or sum(b.w for b in kept[-1]) < MIN_SEGMENT_WEIGHT
        ):
            kept[-1].extend(era)
        else:
            kept.append(era)
    return kept


def find_periods(points: list[Point]) -> list[dict[str, object]]:
    """Periods of one label each, in date order, from counted, dated evidence.

    Each period: ``{"start", "end", "label", "since", "events", "goldstein_mean", "cooperative",
    "hostile", "neutral", "weight", "evidence"}``; ``events`` counts evidence items (deduplicated
    events), ``goldstein_mean`` is weighted by evidence weight. An empty input gives [].
    """
    usable = [p for p in points if p.weight > 0]
    if not usable:
        return []
    bins = _bins(usable)
    penalty = PENALTY_SCALE * NOISE_VARIANCE * math.log(len(usable) + 1)
    raw: list[list[Point]] = []
    for era in _eras(bins):
        raw += [[p for b in era[i:j] for p in b.points] for i, j in _segments(era, penalty) if j > i]
    merged: list[list[Point]] = []
    for seg in raw:
        if merged and label_for(_mean(merged[-1])) == label_for(_mean(seg)):
            merged[-1].extend(seg)
        else:
            merged.append(list(seg))
    return [_describe(seg) for seg in merged]


def _mean(points: list[Point]) -> float:
    w = sum(p.weight for p in points)
    return sum(p.weight * p.value for p in points) / w if w else 0.0


def _describe(points: list[Point]) -> dict[str, object]:
    mean = _mean(points)
    label = label_for(mean)
    first = min(points, key=lambda p: (_parse_start(p.start) or date.max, p.start))
    agreeing = [
        p
        for p in points
        if (label == "cooperative" and p.value >= COOPERATIVE_AT)
        or (label == "hostile" and p.value <= HOSTILE_AT)
    ]
    since = min(agreeing, key=lambda p: (_parse_start(p.start) or date.max, p.start)) if agreeing else first
    last = max(points, key=lambda p: (_parse_end(p.end) or date.min, p.end))
    return {
        "start": first.start,
        "end": last.end,
        "label": label,
        "since": since.start,  # the first event that bears the period's label out
        "events": len(points),
        "goldstein_mean": round(mean, 2),
        "cooperative": sum(1 for p in points if p.value >= COOPERATIVE_AT),
        "hostile": sum(1 for p in points if p.value <= HOSTILE_AT),
        "neutral": sum(1 for p in points if HOSTILE_AT < p.value < COOPERATIVE_AT),
        "weight": round(sum(p.weight for p in points), 2),
        "evidence": [p.evidence_id for p in sorted(points, key=lambda p: p.when)],
    }
