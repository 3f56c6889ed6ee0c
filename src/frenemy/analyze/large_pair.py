"""Large pairs: event groups, weights and timeline points from event facts (columns).

The same deduplication (``dedupe.group_records``), weights and points as ``group_events``,
``weigh_group`` and ``dyad._point`` compute from ``Event`` objects, but read from the columns of
``Store.event_facts``: one ``Event`` is built per group (its best record), not per record. A heavy
pair has tens of thousands of records and often only hundreds of groups.
"""

from __future__ import annotations

import gc
from collections.abc import Callable, Iterator
from contextlib import contextmanager
from dataclasses import dataclass, field
from itertools import compress, repeat
from operator import and_, is_not
from typing import cast

from frenemy.analyze.dedupe import (
    EventGroup,
    RecordColumns,
    common_interval,
    group_records,
    precision_rank,
    record_status,
)
from frenemy.analyze.periods import Point, midpoint, text_interval
from frenemy.analyze.scoring import (
    WeighedGroup,
    bargaining_action,
    corroborated,
    publisher_name_key,
    record_weight,
)
from frenemy.models import ActorRef, DateInfo, Event
from frenemy.store.facts import EventFacts

UNTIMED_BASES = ("publication", "none")  # dates the text itself does not give (see dyad._timed)


@contextmanager
def collection_paused() -> Iterator[None]:
    """Pause Python's cycle collector while a large pair is read and scored.

    Reading and grouping tens of thousands of records allocates hundreds of thousands of short
    tuples and strings that form no reference cycles; every 700 allocations the collector would
    walk them again (about a tenth of the report's time). Reference counting still frees them.
    The collector is switched back on by whichever caller switched it off.
    """
    was_enabled = gc.isenabled()
    gc.disable()
    try:
        yield
    finally:
        if was_enabled:
            gc.enable()


@dataclass
class FactGroups:
    """The weighed groups of a pair, and what the report needs of their records.

    ``weighed[k].group.members`` holds only the best record (a lean ``Event``: ids for names, no
    sentence); the group's records are ``rows[k]``, indexes into the facts.
    """

    weighed: list[WeighedGroup] = field(default_factory=list)
    rows: list[list[int]] = field(default_factory=list)
    best: list[int] = field(default_factory=list)  # the row of each group's best record
    documents: list[int] = field(default_factory=list)  # distinct documents of each group
    points: list[Point] = field(default_factory=list)
    publication_dated: int = 0  # counted groups dated only by their documents' publication


def weigh_facts(facts: EventFacts, side: Callable[[str | None], str]) -> FactGroups:
    """Group, weigh and place the records of ``facts`` (in ``events()`` order)."""
    # Per record, through small look-up tables: a pair repeats a few actors, dates and kinds
    # of record many times over. map() over a dict look-up runs in C, and the zip tuples it
    # reads are dropped at once (no tuple is kept per record).
    side_of = {actor_id: side(actor_id) for actor_id in {*facts.source_id, *facts.target_id}}
    intervals_of = {d: text_interval(*d) for d in set(zip(facts.date_start, facts.date_end, strict=True))}
    intervals = list(map(intervals_of.__getitem__, zip(facts.date_start, facts.date_end, strict=True)))
    ranks_of = {p: precision_rank(p) for p in set(facts.date_precision)}
    ranks = list(map(ranks_of.__getitem__, facts.date_precision))
    # what weighs a record and sets its factual status: (negated, modality, attributed name)
    kind_of = {
        k: n
        for n, k in enumerate(
            dict.fromkeys(zip(facts.negated, facts.modality, facts.attributed_name, strict=True))
        )
    }
    kind_ids = list(
        map(kind_of.__getitem__, zip(facts.negated, facts.modality, facts.attributed_name, strict=True))
    )
    weighing = [record_weight(bool(k[0]), k[1], k[2]) for k in kind_of]
    statuses = [record_status(bool(k[0]), k[1]) for k in kind_of]
    groups = group_records(
        RecordColumns(
            sources=list(map(side_of.__getitem__, facts.source_id)),
            targets=list(map(side_of.__getitem__, facts.target_id)),
            cameos=facts.cameo,
            roots=facts.cameo_root,
            statuses=list(map(statuses.__getitem__, kind_ids)),
            intervals=intervals,
            ranks=ranks,
            sentences=facts.sentence_key,
            doc_ids=facts.doc_id,
            sentence_indexes=facts.sentence_index,
        )
    )
    weights = list(map([w for w, _ in weighing].__getitem__, kind_ids))
    names_of: dict[str | None, str] = {p: publisher_name_key(p, "") for p in set(facts.publisher) if p}
    known = list(map(names_of.get, facts.publisher))  # a few names, many rows
    publishers = cast(list[str], known)
    if None in known:  # documents without a publisher stand for themselves
        publishers = [p or "document:" + d for p, d in zip(known, facts.doc_id, strict=True)]
    # dated by the text itself (dyad._timed): a known basis other than publication, and a date
    timed_basis = {b: b is not None and b not in UNTIMED_BASES for b in set(facts.date_basis)}
    timed = list(
        map(and_, map(timed_basis.__getitem__, facts.date_basis), map(is_not, intervals, repeat(None)))
    )
    refs: dict[str | None, ActorRef | None] = {None: None}
    out = FactGroups()
    for g in groups:
        rows = g.rows
        member_weights = list(map(weights.__getitem__, rows))
        best_w = max(member_weights)
        best = rows[member_weights.index(best_w)]  # the first of the heaviest
        names = list(dict.fromkeys(map(publishers.__getitem__, rows)))
        w, reason = corroborated(best_w, weighing[kind_ids[best]][1], len(names))
        head = _lean_event(facts, best, refs)
        wg = WeighedGroup(
            EventGroup(members=[head], interval=g.interval, joint=g.joint),
            head,
            w,
            reason,
            names,
            bargaining_action(facts.cameo[best], facts.action_text[best] or ""),
        )
        out.weighed.append(wg)
        out.rows.append(rows)
        out.best.append(best)
        out.documents.append(len(set(map(facts.doc_id.__getitem__, rows))))
        if w <= 0:
            continue
        dated = list(compress(rows, map(timed.__getitem__, rows)))
        if not dated:  # dated only by publication: placed there (on or before), as dyad._point does
            out.publication_dated += g.interval is not None
            dated = [i for i in rows if intervals[i] is not None]
            if not dated:
                continue
        if len(dated) == len(rows):
            iv = g.interval
        else:
            iv = common_interval([iv for iv in map(intervals.__getitem__, dated) if iv is not None])
        assert iv is not None
        # the most precise dated record, the best one among equals (as dyad._point picks)
        dated_ranks = list(map(ranks.__getitem__, dated))
        top = min(dated_ranks)
        shown = best if best in dated and ranks[best] == top else dated[dated_ranks.index(top)]
        start = facts.date_start[shown] or ""
        out.points.append(
            Point(
                evidence_id=wg.id,
                start=start,
                end=facts.date_end[shown] or start,
                when=midpoint(iv),
                value=wg.value,
                weight=wg.weight,
            )
        )
    return out


def _lean_event(facts: EventFacts, i: int, refs: dict[str | None, ActorRef | None]) -> Event:
    """Record i as an Event with what scoring reads (actor names are their ids, no sentence)."""
    for actor_id in (facts.source_id[i], facts.target_id[i]):
        if actor_id not in refs:
            refs[actor_id] = ActorRef(id=actor_id or "", name=actor_id or "")
    by = facts.attributed_name[i]
    return Event(
        id=facts.id[i], doc_id=facts.doc_id[i], sentence_index=facts.sentence_index[i], sentence="",
        char_start=0, char_end=0, source=refs[facts.source_id[i]], target=refs[facts.target_id[i]],
        action_text=facts.action_text[i] or "", cameo=facts.cameo[i], cameo_root=facts.cameo_root[i],
        quad_class=0, goldstein=facts.goldstein[i], negated=bool(facts.negated[i]),
        modality=facts.modality[i],
        date=DateInfo(
            start=facts.date_start[i], end=facts.date_end[i], precision=facts.date_precision[i] or "unknown",
            basis=facts.date_basis[i] or "none",
        ),
        attributed_to=ActorRef(id="", name=by) if by is not None else None,
    )  # fmt: skip
