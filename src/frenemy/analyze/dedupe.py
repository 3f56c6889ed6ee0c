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

import hashlib
from collections import Counter, defaultdict
from collections.abc import Callable, Hashable, Sequence
from dataclasses import dataclass, field
from datetime import date
from operator import itemgetter
from typing import cast

from frenemy.analyze.periods import date_interval
from frenemy.models import Event

_FACTUAL = {"asserted", "reported", "hedged"}
_START, _END = itemgetter(0), itemgetter(1)
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
    return record_status(e.negated, e.modality)


def _rank(e: Event) -> int:
    return precision_rank(e.date.precision)


def _norm_sentence(text: str) -> str:
    return " ".join(text.lower().split())


def _compatible(a: Event, b: Event, ia: tuple[date, date], ib: tuple[date, date]) -> bool:
    if ia[0] > ib[1] or ib[0] > ia[1]:
        return False
    coarser = max(_rank(a), _rank(b))
    if coarser <= 1:
        return True
    return coarser == 2 and a.cameo == b.cameo


def sentence_key(text: str | None) -> int:
    """A 64-bit key of the normalised sentence: equal for identical sentences (syndicated copies).

    Stored with each event (``events.sentence_key``) so that large reports group identical
    sentences without reading them; two different sentences share a key with odds of about
    one in 10^19 per pair.
    """
    digest = hashlib.blake2b(_norm_sentence(text or "").encode("utf-8"), digest_size=8).digest()
    return int.from_bytes(digest, "big", signed=True)  # signed: SQLite integers are 64-bit signed


@dataclass
class RecordColumns:
    """What grouping reads of each record, one sequence per field (record i is index i of each).

    ``sources`` and ``targets`` are sides of the pair ("a", "b" or the actor id). ``sentences``
    holds any value that is equal exactly for identical sentences: the normalised sentence, or
    its ``sentence_key``. ``doc_ids`` and ``sentence_indexes`` place a record (joint acts share
    one place).
    """

    sources: Sequence[str]
    targets: Sequence[str]
    cameos: Sequence[str]
    roots: Sequence[str]
    statuses: Sequence[str]
    intervals: Sequence[tuple[date, date] | None]
    ranks: Sequence[int]
    sentences: Sequence[Hashable]
    doc_ids: Sequence[str]
    sentence_indexes: Sequence[int]


@dataclass
class RowGroup:
    """One real-world event as record indexes (ascending), its common interval and jointness."""

    rows: list[int]
    interval: tuple[date, date] | None
    joint: bool


def record_status(negated: bool, modality: str) -> str:
    """The factual status records must share to group (section 1 of docs/dyad.md)."""
    if negated:
        return "negated"
    return "factual" if modality in _FACTUAL else modality


def precision_rank(precision: str | None) -> int:
    return _PRECISION_RANK.get(precision or "unknown", 4)


def group_events(events: list[Event], side: Callable[[str | None], str]) -> list[EventGroup]:
    """Group event records that report the same real-world event.

    ``side(actor_id)`` names the side of the pair an actor rolls up to ("a", "b", or the id
    itself when it belongs to neither). Groups come back in the order of their first member;
    inside a group, members keep input order. Runs in O(n log n) for n records.
    """
    ends = [(e.source.id if e.source else None, e.target.id if e.target else None) for e in events]
    side_of = {actor_id: side(actor_id) for actor_id in {x for pair in ends for x in pair}}
    # Lean records share DateInfo objects: each distinct one is parsed once.
    by_date: dict[int, tuple[date, date] | None] = {}
    intervals: list[tuple[date, date] | None] = []
    for e in events:
        key = id(e.date)
        if key not in by_date:
            by_date[key] = date_interval(e.date)
        intervals.append(by_date[key])
    norms: dict[str, str] = {}
    sentences = []
    for e in events:
        norm = norms.get(e.sentence)
        if norm is None:
            norm = norms[e.sentence] = _norm_sentence(e.sentence)
        sentences.append(norm)
    columns = RecordColumns(
        sources=[side_of[s] for s, _ in ends],
        targets=[side_of[t] for _, t in ends],
        cameos=[e.cameo for e in events],
        roots=[e.cameo_root for e in events],
        statuses=[_status(e) for e in events],
        intervals=intervals,
        ranks=[_rank(e) for e in events],
        sentences=sentences,
        doc_ids=[e.doc_id for e in events],
        sentence_indexes=[e.sentence_index for e in events],
    )
    return [
        EventGroup(members=[events[i] for i in g.rows], interval=g.interval, joint=g.joint)
        for g in group_records(columns)
    ]


def group_records(records: RecordColumns) -> list[RowGroup]:
    """The grouping of ``group_events`` on plain columns; groups in the order of their first row.

    Written for tens of thousands of records: per-record work runs in C where it can (map and
    dict look-ups over the columns, zip tuples that are dropped at once), and no tuple is kept
    per record.
    """
    sources, targets, cameos = records.sources, records.targets, records.cameos
    ranks = records.ranks
    intervals = records.intervals
    spans = cast(Sequence[tuple[date, date]], intervals)  # the same list, read where dated only
    n = len(sources)
    joint = _joint_acts(records)
    # The buckets: same direction, CAMEO root and factual status. Each distinct key gets a
    # number; a joint act's key puts its sides in order and marks it, as group_events did.
    keys = (sources, targets, records.roots, records.statuses)
    numbers = {key: k for k, key in enumerate(dict.fromkeys(zip(*keys, strict=True)))}
    bucket_of = list(map(numbers.__getitem__, zip(*keys, strict=True)))
    for i in joint:
        s, t = sorted((sources[i], targets[i]))
        bucket_of[i] = numbers.setdefault(
            (s, t + "+joint", records.roots[i], records.statuses[i]), len(numbers)
        )
    buckets: list[list[int]] = [[] for _ in range(len(numbers))]
    for i, k in enumerate(bucket_of):
        buckets[k].append(i)

    parent = list(range(n))

    def find(x: int) -> int:
        while parent[x] != x:
            parent[x] = parent[parent[x]]
            x = parent[x]
        return x

    def union(x: int, y: int) -> None:
        rx, ry = find(x), find(y)
        if rx != ry:
            parent[max(rx, ry)] = min(rx, ry)

    sentences = records.sentences
    for members in buckets:
        by_sentence: dict[Hashable, int] = {}
        for i, norm in zip(members, map(sentences.__getitem__, members), strict=True):
            first = by_sentence.setdefault(norm, i)
            if first != i:
                # union(first, i) without the look-ups: before the sweep, a bucket's only unions
                # are these, so first (the sentence's earliest record) is still its own root
                parent[i] = first
        member_ranks = list(map(ranks.__getitem__, members))
        dated = [
            i
            for i, iv, rank in zip(members, map(intervals.__getitem__, members), member_ranks, strict=True)
            if iv is not None and rank <= 2
        ]
        has_years = 2 in member_ranks and any(ranks[i] == 2 for i in dated)
        # Sweep in start order; only records whose interval is still open can overlap.
        dated.sort(key=spans.__getitem__)  # (start, end), then index: the sort is stable
        if not has_years:
            # Day and month dates only: any overlap merges, so the groups are the runs of
            # overlapping intervals (a record joins the run when it starts before the run ends).
            run_head, run_end = -1, date.min
            for i in dated:
                start, end = spans[i]
                if run_head >= 0 and start <= run_end:
                    union(i, run_head)
                    run_end = max(run_end, end)
                else:
                    run_head, run_end = i, end
            continue
        # Records with the same interval, code and precision are interchangeable: one of them
        # stays open, so a burst of identical reports does not make the sweep quadratic.
        open_: dict[tuple[date, date, str, int], int] = {}
        earliest_end = date.max  # prune closed records only when one has closed
        for i in dated:
            start, end = spans[i]
            twin = (start, end, cameos[i], ranks[i])
            if twin in open_:
                union(i, open_[twin])
                continue
            if earliest_end < start:
                open_ = {k: v for k, v in open_.items() if k[1] >= start}
                earliest_end = min((k[1] for k in open_), default=date.max)
            earliest_end = min(earliest_end, end)
            # _compatible, spelled out with the ranks at hand: this loop is the hot spot
            rank, cameo = twin[3], twin[2]
            for (o_start, o_end, o_cameo, o_rank), j in open_.items():
                if start > o_end or o_start > end:
                    continue
                coarser = rank if rank > o_rank else o_rank
                if coarser <= 1 or (coarser == 2 and cameo == o_cameo):
                    union(i, j)
            open_[twin] = i

    # Every union points a root at a smaller index, so in index order each record's parent
    # already leads to a final root: one pass gives every record its group's first record.
    for i in range(n):
        parent[i] = parent[parent[i]]
    groups: dict[int, list[int]] = defaultdict(list)  # insertion order: the order of first rows
    for i, head in enumerate(parent):
        groups[head].append(i)
    out = []
    for head, rows in groups.items():
        ivs = [iv for iv in map(intervals.__getitem__, rows) if iv is not None]
        out.append(RowGroup(rows, common_interval(ivs), head in joint))
    return out


def _joint_acts(records: RecordColumns) -> set[int]:
    """Records of a joint act ("Saudi Arabia and Iran agreed ..."), coded in both directions.

    The two records share a place (document and sentence) and a CAMEO code with the sides
    swapped: they are one real-world event. Only documents with several of the pair's records
    are looked at, and in them only places holding several records.
    """
    docs = Counter(records.doc_ids)
    if len(docs) == len(records.doc_ids):
        return set()
    doc_ids, indexes = records.doc_ids, records.sentence_indexes
    candidates = [i for i, d in enumerate(doc_ids) if docs[d] > 1]
    places = Counter((doc_ids[i], indexes[i]) for i in candidates)
    shared = [i for i in candidates if places[(doc_ids[i], indexes[i])] > 1]
    sources, targets, cameos = records.sources, records.targets, records.cameos
    coded = {(doc_ids[i], indexes[i], cameos[i], sources[i], targets[i]) for i in shared}
    return {
        i
        for i in shared
        if sources[i] != targets[i] and (doc_ids[i], indexes[i], cameos[i], targets[i], sources[i]) in coded
    }


def group_interval(members: list[Event]) -> tuple[date, date] | None:
    """The narrowest date all members agree on (the most precise member when they disagree)."""
    return common_interval([iv for iv in (date_interval(e.date) for e in members) if iv is not None])


def common_interval(intervals: list[tuple[date, date]]) -> tuple[date, date] | None:
    """The intersection of the intervals, or when it is empty the narrowest (the first of those)."""
    if not intervals:
        return None
    first = max(map(_START, intervals))
    last = min(map(_END, intervals))
    if first <= last:
        return first, last
    # Large groups repeat a few dates many times: measure each distinct interval once.
    width = {iv: iv[1].toordinal() - iv[0].toordinal() for iv in set(intervals)}
    return min(intervals, key=width.__getitem__)
