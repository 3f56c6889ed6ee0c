"""Geometry for the server-drawn SVG charts: the dyad timeline and the actor network.

Functions here return plain numbers and strings; templates draw them (and escape every label).
Layouts are deterministic: the same store gives the same picture.
"""

from __future__ import annotations

import math
import re
from dataclasses import dataclass, field
from typing import Any

from frenemy.web.render import actor_label, evidence_href

_DATE_RE = re.compile(r"^(\d{4})(?:s)?(?:-(\d{2}))?(?:-(\d{2}))?")

GOLDSTEIN_MAX = 10.0


def year_fraction(date: str | None, *, at_end: bool = False) -> float | None:
    """A date string ("2010", "2010-03", "2010-03-14") as a decimal year.

    ``at_end`` gives the end of the named period instead of its start:
    ``year_fraction("2010")`` is 2010.0, ``year_fraction("2010", at_end=True)`` is 2011.0.
    """
    if not date:
        return None
    m = _DATE_RE.match(date.strip())
    if not m:
        return None
    year = int(m.group(1))
    month = int(m.group(2)) if m.group(2) else None
    day = int(m.group(3)) if m.group(3) else None
    if month is None:
        return year + (1.0 if at_end else 0.0)
    month = min(max(month, 1), 12)
    if day is None:
        return year + (month - (0 if at_end else 1)) / 12.0
    day = min(max(day, 1), 31)
    return year + (month - 1) / 12.0 + (day - (0 if at_end else 1)) / 372.0


def event_time(date: dict[str, Any] | None) -> float | None:
    """Where an event sits on the time axis: the middle of its date range, or None if undated."""
    if not date:
        return None
    start = year_fraction(date.get("start"))
    if start is None:
        return None
    end = year_fraction(date.get("end") or date.get("start"), at_end=True)
    if end is None or end < start:
        end = start
    return (start + end) / 2.0


@dataclass
class TimelinePoint:
    x: float
    y: float
    event_id: str
    date: str
    goldstein: float
    polarity: str
    href: str
    title: str
    counted: bool = True  # False for a report the dyad analysis merged into another (a duplicate)


@dataclass
class TimelineBand:
    x: float
    width: float
    label: str
    title: str


@dataclass
class Tick:
    pos: float  # where the grid line is drawn (a year tick: 1 January)
    label: str
    label_x: float | None = None  # where the label's text starts or centres (default: pos)
    anchor: str = "middle"


@dataclass
class Timeline:
    width: int
    height: int
    left: int
    right: int
    top: int
    bottom: int
    zero_y: float
    points: list[TimelinePoint] = field(default_factory=list)
    bands: list[TimelineBand] = field(default_factory=list)
    x_ticks: list[Tick] = field(default_factory=list)
    y_ticks: list[Tick] = field(default_factory=list)
    undated: int = 0
    radius: float = 5.0


def build_timeline(
    events: list[dict[str, Any]], periods: list[dict[str, Any]], *, width: int = 920, height: int = 280
) -> Timeline:
    """Place each dated event at (time, Goldstein score) and each period as a shaded band.

    Events without a usable date are counted in ``undated`` and not drawn.
    """
    left, right, top, bottom = 48, width - 16, 16, height - 32
    dated: list[tuple[float, dict[str, Any]]] = []
    undated = 0
    for ev in events:
        t = event_time(ev.get("date"))
        if t is None:
            undated += 1
        else:
            dated.append((t, ev))
    spans: list[tuple[float, float, dict[str, Any]]] = []
    for p in periods:
        s = year_fraction(p.get("start"))
        e = year_fraction(p.get("end"), at_end=True)
        if s is None and e is None:
            continue
        spans.append((s if s is not None else e or 0.0, e if e is not None else s or 0.0, p))

    times = [t for t, _ in dated] + [v for s, e, _ in spans for v in (s, e)]
    lo, hi = (min(times), max(times)) if times else (2000.0, 2001.0)
    if hi - lo < 1.0:
        mid = (hi + lo) / 2
        lo, hi = mid - 0.5, mid + 0.5
    pad = (hi - lo) * 0.03
    lo, hi = lo - pad, hi + pad
    if hi - lo <= 12:  # few years: draw whole years, so each year's label sits under all of it
        lo, hi = float(math.floor(lo)), float(math.ceil(hi))

    def x_of(t: float) -> float:
        return round(left + (t - lo) / (hi - lo) * (right - left), 2)

    def y_of(g: float) -> float:
        g = max(-GOLDSTEIN_MAX, min(GOLDSTEIN_MAX, g))
        return round(top + (GOLDSTEIN_MAX - g) / (2 * GOLDSTEIN_MAX) * (bottom - top), 2)

    chart = Timeline(width, height, left, right, top, bottom, y_of(0.0), undated=undated)
    chart.radius = 5.0 if len(dated) <= 150 else 3.5
    for s, e, p in spans:
        x0, x1 = x_of(min(s, e)), x_of(max(s, e))
        label = str(p.get("label") or "insufficient-evidence")
        title = f"{p.get('start') or '…'} to {p.get('end') or '…'}: {label}, {p.get('events', 0)} events"
        chart.bands.append(TimelineBand(x0, max(x1 - x0, 1.0), label, title))
    stacked: dict[tuple[float, float], int] = {}
    for t, ev in sorted(dated, key=lambda item: item[0]):
        goldstein = float(ev.get("goldstein") or 0.0)
        x, y = x_of(t), y_of(goldstein)
        # events on the same date with the same score fan out sideways instead of hiding each other
        k = stacked.get((x, y), 0)
        stacked[(x, y)] = k + 1
        # ... but only within the stretch of time the date names (a year-precise date spans its year)
        date = ev.get("date") or {}
        start = year_fraction(date.get("start")) or t
        end = year_fraction(date.get("end") or date.get("start"), at_end=True) or t
        room = max((x_of(end) - x_of(start)) / 2 - 1.0, 0.0)
        shift = min(((k + 1) // 2) * 4.0, room) * (1 if k % 2 else -1)
        date = ev.get("date") or {}
        date_label = str(date.get("start") or "")
        title = (
            f"{date_label} {actor_label(ev.get('source'))} → {actor_label(ev.get('target'))}: "
            f"{ev.get('action_text', '')} (CAMEO {ev.get('cameo', '')}, {goldstein:+.1f})"
        )
        chart.points.append(
            TimelinePoint(
                x=round(min(max(x + shift, left), right), 2),
                y=y,
                event_id=str(ev.get("id", "")),
                date=date_label,
                goldstein=goldstein,
                polarity=str(ev.get("polarity") or "neutral"),
                href=evidence_href(str(ev.get("doc_id", "")), ev.get("sentence_index")),
                title=title if ev.get("counted", True) else f"{title} (duplicate report, not counted)",
                counted=bool(ev.get("counted", True)),
            )
        )
    # A year's label sits under the year itself, not under its first day: centred on the year
    # when every year is labelled, else starting just right of its line, so a December point
    # is never read against the next year's label.
    years = _year_ticks(lo, hi)
    step = years[1] - years[0] if len(years) > 1 else 1
    if step == 1:  # every year labelled, the partly shown first and last ones too
        for y in range(math.floor(lo), math.ceil(hi)):
            shown_from, shown_to = max(float(y), lo), min(y + 1.0, hi)
            if shown_to - shown_from < 0.25:
                continue  # too little of that year is drawn to hold its label
            mid = x_of((shown_from + shown_to) / 2)
            chart.x_ticks.append(Tick(x_of(max(float(y), lo)), str(y), mid, "middle"))
    else:
        for y in years:
            pos = x_of(float(y))
            chart.x_ticks.append(Tick(pos, str(y), round(pos + 3, 2), "start"))
    chart.y_ticks = [Tick(y_of(g), f"{g:+.0f}" if g else "0") for g in (10.0, 5.0, 0.0, -5.0, -10.0)]
    return chart


def _year_ticks(lo: float, hi: float) -> list[int]:
    span = hi - lo
    step = next(s for s in (1, 2, 5, 10, 20, 50, 100) if span / s <= 12)
    first = math.ceil(lo / step) * step
    return list(range(int(first), int(hi) + 1, step))


@dataclass
class NetworkNode:
    id: str
    name: str
    x: float
    y: float
    r: float
    events: int


@dataclass
class NetworkEdge:
    source: str
    target: str
    x1: float
    y1: float
    x2: float
    y2: float
    events: int
    goldstein_mean: float
    cooperative: int
    hostile: int
    polarity: str
    stroke_width: float
    source_name: str = ""
    target_name: str = ""


@dataclass
class Network:
    width: int
    height: int
    nodes: list[NetworkNode]
    edges: list[NetworkEdge]
    hidden_nodes: int = 0


def edge_polarity(goldstein_mean: float, cooperative: int, hostile: int) -> str:
    """ "cooperative", "hostile" or "mixed" for an edge, from its mean score and its counts."""
    if goldstein_mean >= 1.0 and cooperative >= hostile:
        return "cooperative"
    if goldstein_mean <= -1.0 and hostile >= cooperative:
        return "hostile"
    return "mixed"


def build_network(
    edges: list[dict[str, Any]],
    names: dict[str, str],
    *,
    max_nodes: int = 60,
    width: int = 920,
    height: int = 640,
    iterations: int = 80,
) -> Network:
    """Lay out the busiest ``max_nodes`` actors with a seeded force-directed layout.

    ``edges`` are Store.edges() rows (source, target, events, goldstein_mean, cooperative,
    hostile); ``names`` maps actor ids to display names.
    """
    edges = undirected_edges(edges)
    volume: dict[str, int] = {}
    for e in edges:
        for side in (e["source"], e["target"]):
            volume[side] = volume.get(side, 0) + int(e["events"])
    ranked = sorted(volume, key=lambda a: (-volume[a], a))
    keep = ranked[:max_nodes]
    kept = set(keep)
    shown = [e for e in edges if e["source"] in kept and e["target"] in kept and e["source"] != e["target"]]
    positions = _force_layout(keep, [(e["source"], e["target"]) for e in shown], iterations)

    margin_x, margin_y = 110.0, 40.0  # room for labels beside the outermost nodes
    xs = [p[0] for p in positions.values()] or [0.0]
    ys = [p[1] for p in positions.values()] or [0.0]
    span_x = (max(xs) - min(xs)) or 1.0
    span_y = (max(ys) - min(ys)) or 1.0

    def place(a: str) -> tuple[float, float]:
        px, py = positions[a]
        return (
            round(margin_x + (px - min(xs)) / span_x * (width - 2 * margin_x), 2),
            round(margin_y + (py - min(ys)) / span_y * (height - 2 * margin_y), 2),
        )

    top = max(volume.values()) if volume else 1
    nodes = []
    for a in keep:
        x, y = place(a)
        r = round(5 + 13 * math.sqrt(volume[a] / top), 2)
        nodes.append(NetworkNode(a, names.get(a, a), x, y, r, volume[a]))
    net_edges = []
    for e in shown:
        x1, y1 = place(e["source"])
        x2, y2 = place(e["target"])
        mean = float(e.get("goldstein_mean") or 0.0)
        coop, host = int(e.get("cooperative") or 0), int(e.get("hostile") or 0)
        net_edges.append(
            NetworkEdge(
                e["source"],
                e["target"],
                x1,
                y1,
                x2,
                y2,
                int(e["events"]),
                mean,
                coop,
                host,
                edge_polarity(mean, coop, host),
                round(1 + 2 * math.log1p(int(e["events"])), 2),
                names.get(e["source"], e["source"]),
                names.get(e["target"], e["target"]),
            )
        )
    return Network(width, height, nodes, net_edges, hidden_nodes=len(ranked) - len(keep))


def undirected_edges(edges: list[dict[str, Any]]) -> list[dict[str, Any]]:
    """Merge A->B and B->A rows into one edge per pair (summed counts, event-weighted mean)."""
    merged: dict[tuple[str, str], dict[str, Any]] = {}
    for e in edges:
        a, b = sorted((e["source"], e["target"]))
        n = int(e["events"])
        acc = merged.setdefault(
            (a, b), {"source": a, "target": b, "events": 0, "gsum": 0.0, "cooperative": 0, "hostile": 0}
        )
        acc["events"] += n
        acc["gsum"] += float(e.get("goldstein_mean") or 0.0) * n
        acc["cooperative"] += int(e.get("cooperative") or 0)
        acc["hostile"] += int(e.get("hostile") or 0)
    out = []
    for acc in merged.values():
        gsum = acc.pop("gsum")
        acc["goldstein_mean"] = round(gsum / acc["events"], 3) if acc["events"] else 0.0
        out.append(acc)
    return sorted(out, key=lambda e: (-e["events"], e["source"], e["target"]))


def _force_layout(
    nodes: list[str], links: list[tuple[str, str]], iterations: int
) -> dict[str, tuple[float, float]]:
    """Fruchterman-Reingold from a circle: deterministic (no randomness), O(iterations * n^2)."""
    n = len(nodes)
    if n == 0:
        return {}
    pos = {a: [math.cos(2 * math.pi * i / n), math.sin(2 * math.pi * i / n)] for i, a in enumerate(nodes)}
    if n <= 2:
        return {a: (p[0], p[1]) for a, p in pos.items()}
    k = math.sqrt(4.0 / n)
    temp = 0.2
    for _ in range(iterations):
        disp = {a: [0.0, 0.0] for a in nodes}
        for i, a in enumerate(nodes):
            pa = pos[a]
            for b in nodes[i + 1 :]:
                pb = pos[b]
                dx, dy = pa[0] - pb[0], pa[1] - pb[1]
                dist = math.hypot(dx, dy) or 1e-3
                force = k * k / dist
                fx, fy = dx / dist * force, dy / dist * force
                disp[a][0] += fx
                disp[a][1] += fy
                disp[b][0] -= fx
                disp[b][1] -= fy
        for a, b in links:
            pa, pb = pos[a], pos[b]
            dx, dy = pa[0] - pb[0], pa[1] - pb[1]
            dist = math.hypot(dx, dy) or 1e-3
            force = dist * dist / k
            fx, fy = dx / dist * force, dy / dist * force
            disp[a][0] -= fx
            disp[a][1] -= fy
            disp[b][0] += fx
            disp[b][1] += fy
        for a in nodes:
            dx, dy = disp[a]
            length = math.hypot(dx, dy) or 1e-9
            step = min(length, temp)
            pos[a][0] += dx / length * step
            pos[a][1] += dy / length * step
            # gentle pull to the centre keeps unlinked actors on the canvas
            pos[a][0] *= 0.995
            pos[a][1] *= 0.995
        temp *= 0.96
    return {a: (p[0], p[1]) for a, p in pos.items()}
