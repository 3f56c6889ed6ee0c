"""Count a real-world event once, however many documents report it.

Two event records are the same real-world event when they have the same direction (the side of
the pair each actor rolls up to), the same CAMEO root, the same factual status (asserted,
reported and hedged reports of what happened group together; negated, hypothetical, future and
question records group only with their own kind) and compatible dates:

* both dated, their date intervals overlap, and the coarser of the two is at most a month wide;
* or the coarser is a year and the full CAMEO codes are equal;
* or the sentences are identical after normalising case and spaces (a syndicated copy), whatever
  the dates say.

Decade-wide and undated records only merge through the identical-sentence rule: "in the 1990s
Iran cooperated with..." in two documents may well be two different acts. Like GDELT's
NumSources / NumArticles, each group lists every document that reports it.
"""

from __future__ import annotations

from collections import defaultdict
from collections.abc import Callable
from dataclasses import dataclass, field
from datetime import date

from frenemy.analyze.periods import date_interval
from frenemy.models import Event

_FACTUAL = {"asserted", "reported", "hedged"}
_PRECISION_RANK = {"day": 0, "month": 1, "year": 2, "decade": 3, "unknown": 4}


@dataclass
class EventGroup:
    """One real-world event and every record (from one or more documents) that reports it."""

    members: list[Event] = field(default_factory=list)
    interval: tuple[date, date] | None = None  # intersection of the members' dates
    joint: bool = False  # a joint act ("A and B agreed"), coded once in each direction

    @property
    def first(self) -> Event:
        return self.members[0]

    @property
    def doc_ids(self) -> list[str]:
        """Distinct documents reporting the event, in first-seen order."""
        return list(dict.fromkeys(e.doc_id for e in self.members))


def _status(e: Event) -> str:
    if e.negated:
        return "negated"
    return "factual" if e.modality in _FACTUAL else e.modality


def _rank(e: Event) -> int:
    return _PRECISION_RANK.get(e.date.precision, 4)


def _norm_sentence(text: str) -> str:
    return " ".join(text.lower().split())


def _compatible(a: Event, b: Event, ia: tuple[date, date], ib: tuple[date, date]) -> bool:
    if ia[0] > ib[1] or ib[0] > ia[1]:
        return False
    coarser = max(_rank(a), _rank(b))
    if coarser <= 1:
        return True
    return coarser == 2 and a.cameo == b.cameo


def group_events(events: list[Event], side: Callable[[str | None], str]) -> list[EventGroup]:
    """Group event records that report the same real-world event.

    ``side(actor_id)`` names the side of the pair an actor rolls up to ("a", "b", or the id
    itself when it belongs to neither). Groups come back in the order of their first member;
    inside a group, members keep input order. Runs in O(n log n) for n records.
    """
    ends = [(e.source.id if e.source else None, e.target.id if e.target else None) for e in events]
    side_of = {actor_id: side(actor_id) for actor_id in {x for pair in ends for x in pair}}
    sides = [(side_of[s], side_of[t]) for s, t in ends]
    # Lean records share DateInfo objects: each distinct one is parsed once.
    by_date: dict[int, tuple[date, date] | None] = {}
    intervals: list[tuple[date, date] | None] = []
    for e in events:
        key = id(e.date)
        if key not in by_date:
            by_date[key] = date_interval(e.date)
        intervals.append(by_date[key])
    # A joint act ("Saudi Arabia and Iran agreed ...") is coded in both directions from one
    # sentence: the two records are one real-world event.
    coded = {(e.doc_id, e.sentence_index, e.cameo, s, t) for e, (s, t) in zip(events, sides, strict=True)}
    joint = [
        s != t and (e.doc_id, e.sentence_index, e.cameo, t, s) in coded
        for e, (s, t) in zip(events, sides, strict=True)
    ]
    buckets: dict[tuple[str, str, str, str], list[tuple[int, Event]]] = defaultdict(list)
    for i, e in enumerate(events):
        s, t = sides[i]
        if joint[i]:
            s, t = sorted((s, t))
            t += "+joint"
        buckets[(s, t, e.cameo_root, _status(e))].append((i, e))

    parent = list(range(len(events)))

    def find(x: int) -> int:
        while parent[x] != x:
            parent[x] = parent[parent[x]]
            x = parent[x]
        return x

    def union(x: int, y: int) -> None:
        rx, ry = find(x), find(y)
        if rx != ry:
            parent[max(rx, ry)] = min(rx, ry)

    norms: dict[str, str] = {}
    for members in buckets.values():
        by_sentence: dict[str, int] = {}
        dated: list[tuple[date, date, int, Event]] = []
        has_years = False
        for i, e in members:
            norm = norms.get(e.sentence)
            if norm is None:
                norm = norms[e.sentence] = _norm_sentence(e.sentence)
            if norm in by_sentence:
                union(by_sentence[norm], i)
            else:
                by_sentence[norm] = i
            iv = intervals[i]
            if iv is not None:
                rank = _PRECISION_RANK.get(e.date.precision, 4)
                if rank <= 2:
                    dated.append((iv[0], iv[1], i, e))
                    has_years = has_years or rank == 2
        # Sweep in start order; only records whose interval is still open can overlap.
        dated.sort()  # (start, end, index): indexes are unique, so records are never compared
        if not has_years:
            # Day and month dates only: any overlap merges, so the groups are the runs of
            # overlapping intervals (a record joins the run when it starts before the run ends).
            run_head, run_end = -1, date.min
            for start, end, i, _e in dated:
                if run_head >= 0 and start <= run_end:
                    union(i, run_head)
                    run_end = max(run_end, end)
                else:
                    run_head, run_end = i, end
            continue
        # Records with the same interval, code and precision are interchangeable: one of them
        # stays open, so a burst of identical reports does not make the sweep quadratic.
        open_: dict[tuple[date, date, str, int], tuple[int, Event]] = {}
        earliest_end = date.max  # prune closed records only when one has closed
        for start, end, i, e in dated:
            twin = (start, end, e.cameo, _rank(e))
            if twin in open_:
                union(i, open_[twin][0])
                continue
            if earliest_end < start:
                open_ = {k: v for k, v in open_.items() if k[1] >= start}
                earliest_end = min((k[1] for k in open_), default=date.max)
            earliest_end = min(earliest_end, end)
            # _compatible, spelled out with the ranks at hand: this loop is the hot spot
            rank, cameo = twin[3], twin[2]
            for (o_start, o_end, o_cameo, o_rank), (j, _other) in open_.items():
                if start > o_end or o_start > end:
                    continue
                coarser = rank if rank > o_rank else o_rank
                if coarser <= 1 or (coarser == 2 and cameo == o_cameo):
                    union(i, j)
            open_[twin] = (i, e)

    groups: dict[int, EventGroup] = {}
    member_intervals: dict[int, list[tuple[date, date]]] = defaultdict(list)
    order: list[int] = []
    for i, e in enumerate(events):
        root = find(i)
        g = groups.get(root)
        if g is None:
            g = groups[root] = EventGroup()
            order.append(root)
        g.members.append(e)
        iv = intervals[i]
        if iv is not None:
            member_intervals[root].append(iv)
    for root, g in groups.items():
        g.interval = _common_interval(member_intervals.get(root, []))
        g.joint = joint[root]
    return [groups[r] for r in order]


def group_interval(members: list[Event]) -> tuple[date, date] | None:
    """The narrowest date all members agree on (the most precise member when they disagree)."""
    return _common_interval([iv for iv in (date_interval(e.date) for e in members) if iv is not None])


def _common_interval(intervals: list[tuple[date, date]]) -> tuple[date, date] | None:
    if not intervals:
        return None
    first = max(iv[0] for iv in intervals)
    last = min(iv[1] for iv in intervals)
    if first <= last:
        return first, last
    return min(intervals, key=lambda iv: iv[1].toordinal() - iv[0].toordinal())
