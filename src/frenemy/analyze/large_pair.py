"""Large pairs: event groups, weights and timeline points from event facts (columns).

The same deduplication (``dedupe.group_records``), weights and points as ``group_events``,
``weigh_group`` and ``dyad._point`` compute from ``Event`` objects, but read from the columns of
``Store.event_facts``: one ``Event`` is built per group (its best record), not per record. A heavy
pair has tens of thousands of records and often only hundreds of groups.
"""

from __future__ import annotations

from collections.abc import Callable
from dataclasses import dataclass, field
from datetime import date

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


@dataclass
class FactGroups:
    """The weighed groups of a pair, and what the report needs of their records.

    ``weighed[k].group.members`` holds only the best record (a lean ``Event``: ids for names, no
    sentence); the group's records are ``rows[k]``, indexes into the facts.
    """

    weighed: list[WeighedGroup] = field(default_factory=list)
    rows: list[list[int]] = field(default_factory=list)
    best: list[int] = field(default_factory=list)  # the row of each group's best record
    points: list[Point] = field(default_factory=list)
    publication_dated: int = 0  # counted groups dated only by their documents' publication


def weigh_facts(facts: EventFacts, side: Callable[[str | None], str]) -> FactGroups:
    """Group, weigh and place the records of ``facts`` (in ``events()`` order)."""
    sides_of: dict[tuple[str | None, str | None], tuple[str, str]] = {}
    sides = []
    for pair in zip(facts.source_id, facts.target_id, strict=True):
        found = sides_of.get(pair)
        if found is None:
            found = sides_of[pair] = (side(pair[0]), side(pair[1]))
        sides.append(found)
    by_dates: dict[tuple[str | None, str | None], tuple[date, date] | None] = {}
    intervals = []
    for dates in zip(facts.date_start, facts.date_end, strict=True):
        if dates not in by_dates:
            by_dates[dates] = text_interval(*dates)
        intervals.append(by_dates[dates])
    ranks_of = {p: precision_rank(p) for p in set(facts.date_precision)}
    ranks = [ranks_of[p] for p in facts.date_precision]
    kinds = list(zip(facts.negated, facts.modality, facts.attributed_name, strict=True))
    weights_of = {k: record_weight(bool(k[0]), k[1], k[2]) for k in set(kinds)}
    statuses_of = {k: record_status(bool(k[0]), k[1]) for k in weights_of}
    groups = group_records(
        RecordColumns(
            sides=sides,
            cameos=facts.cameo,
            roots=facts.cameo_root,
            statuses=[statuses_of[k] for k in kinds],
            intervals=intervals,
            ranks=ranks,
            sentences=facts.sentence_key,
            places=list(zip(facts.doc_id, facts.sentence_index, strict=True)),
        )
    )
    weights = [weights_of[k][0] for k in kinds]
    keys = {p: publisher_name_key(p, "") for p in set(facts.publisher) if p}  # a few names, many rows
    publishers = [
        keys[p] if p else "document:" + d for p, d in zip(facts.publisher, facts.doc_id, strict=True)
    ]
    timed = [
        basis not in UNTIMED_BASES and basis is not None and iv is not None
        for basis, iv in zip(facts.date_basis, intervals, strict=True)
    ]
    refs: dict[str | None, ActorRef | None] = {None: None}
    out = FactGroups()
    for g in groups:
        rows = g.rows
        best, best_w = rows[0], weights[rows[0]]
        for i in rows:
            if weights[i] > best_w:  # strictly heavier: ties keep the first record
                best, best_w = i, weights[i]
        names = list(dict.fromkeys(publishers[i] for i in rows))
        w, reason = corroborated(best_w, weights_of[kinds[best]][1], len(names))
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
        if w <= 0:
            continue
        dated = [i for i in rows if timed[i]]
        if not dated:
            out.publication_dated += g.interval is not None
            continue
        if len(dated) == len(rows):
            iv = g.interval
        else:
            iv = common_interval([iv for iv in (intervals[i] for i in dated) if iv is not None])
        assert iv is not None
        shown = min(dated, key=lambda i: (ranks[i], i != best))
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
