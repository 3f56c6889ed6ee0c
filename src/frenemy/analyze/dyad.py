"""The dyad report: are two actors allies or enemies, since when, and who says so.

``build_dyad_report`` is pure: it takes the events, claims, contradictions and documents about a
pair and returns the dyad report of CONTRACTS.md (docs/formats.md) as a plain dict, with extra
fields that explain every number. ``dyad_report`` fetches those inputs from a Store.
See docs/dyad.md for how the verdict, periods, deduplication, weights and ACH work.
"""

from __future__ import annotations

from collections import Counter
from collections.abc import Callable, Mapping, Sequence
from dataclasses import dataclass
from datetime import date
from typing import TYPE_CHECKING, Any

from frenemy.analyze.ach import analyse_hypotheses
from frenemy.analyze.contradictions import claim_period
from frenemy.analyze.dedupe import EventGroup, group_events, group_interval
from frenemy.analyze.disputes import DISPUTED_FACTOR, discount_disputed, disputed_views
from frenemy.analyze.large_pair import collection_paused, weigh_facts
from frenemy.analyze.periods import (
    COOPERATIVE_AT,
    HOSTILE_AT,
    Point,
    date_interval,
    find_periods,
    format_date_plain,
    label_for,
    midpoint,
)
from frenemy.analyze.scoring import (
    CLAIM_GOLDSTEIN,
    MIN_EVIDENCE_WEIGHT,
    STANCE_VALUE,
    Position,
    Score,
    WeighedGroup,
    claim_weight,
    event_weight,
    overall_score,
    positions,
    publisher_key,
    weigh_group,
)
from frenemy.errors import QueryError
from frenemy.models import Actor, Claim, Contradiction, Document, Event
from frenemy.store.facts import EventFacts

if TYPE_CHECKING:
    from frenemy.store.db import Store

_PRECISION_RANK = {"day": 0, "month": 1, "year": 2, "decade": 3, "unknown": 4}
_UNTIMED = ("publication", "none")
MIN_CURRENT_EVENTS = 3  # events a latest period needs to set the label at full confidence
TURNING_POINT_MEAN = 4.0  # |mean Goldstein| of a thinner latest period that still sets the label
MIN_TURN_WEIGHT = 1.0  # evidence weight such a thin turn needs (one asserted event)
# Large pairs (see docs/dyad.md, "Large pairs"): above LARGE_PAIR_EVENTS event records the report
# lists the LISTED_GROUPS most significant event groups (weight x |Goldstein|, plus the first and
# last of each period), each with its best record and up to LISTED_DUPLICATES duplicates and
# LISTED_SOURCES sources, and the LISTED_CLAIMS heaviest claims.
LARGE_PAIR_EVENTS = 2000
LISTED_GROUPS = 300
LISTED_DUPLICATES = 3
LISTED_SOURCES = 20
LISTED_CLAIMS = 300


def dyad_report(store: Store, a_name: str, b_name: str) -> dict[str, Any]:
    """The dyad report for two actor names, read from ``store``.

    Names resolve forgivingly through ``store.resolve_actor`` (a ``QueryError`` listing
    suggestions propagates for an unknown or ambiguous name). Example:
    ``dyad_report(store, "Saudi Arabia", "Tehran")["verdict"]["label"]`` -> ``"mixed"``.
    """
    a = store.resolve_actor(a_name)
    b = store.resolve_actor(b_name)
    if a.id == b.id:
        raise QueryError(
            f'"{a_name}" and "{b_name}" both name {a.name} ({a.id}); '
            "a dyad report needs two different actors",
            code="E402",
        )
    pair = (a.id, b.id)
    family_a, family_b = store.actor_family(a.id), store.actor_family(b.id)
    contradictions = store.contradictions(dyad=pair)
    listing = Listing(
        store.events_by_id,
        LISTED_GROUPS,
        LISTED_DUPLICATES,
        LISTED_SOURCES,
        LISTED_CLAIMS,
        store.claims_by_id,
    )
    # A large pair is scored from the columns of one covering index and lean claims, and lists
    # only its most significant evidence in full; a small one is read and listed whole.
    large = store.count_events(dyad=pair) > LARGE_PAIR_EVENTS
    if large and store.has_event_facts():
        with collection_paused():
            return build_large_report(
                a, b, store.event_facts(dyad=pair), store.claim_facts(dyad=pair), contradictions,
                store.documents_meta, family_a=family_a, family_b=family_b, listing=listing,
            )  # fmt: skip
    # A small pair, or a large one in a read-only store from before the fact columns.
    claims = store.claims(dyad=pair)
    events = store.events(dyad=pair)
    documents = store.documents_meta([e.doc_id for e in events] + [c.doc_id for c in claims])
    return build_dyad_report(
        a, b, events, claims, contradictions, documents, family_a=family_a, family_b=family_b,
        listing=listing if large else None,
    )  # fmt: skip


@dataclass(frozen=True)
class Listing:
    """Caps on the evidence a large report lists; scores and periods always use everything.

    ``full_records`` fetches full event records by id for the listed groups (the events given to
    ``build_dyad_report`` may be lean ones, as ``Store.event_facts`` returns).
    """

    full_records: Callable[[list[str]], dict[str, Event]] | None = None
    groups: int = LISTED_GROUPS
    duplicates: int = LISTED_DUPLICATES
    sources: int = LISTED_SOURCES
    claims: int = LISTED_CLAIMS
    full_claims: Callable[[list[str]], dict[str, Claim]] | None = None  # for lean claims (claim_facts)


def build_dyad_report(
    a: Actor,
    b: Actor,
    events: list[Event],
    claims: list[Claim],
    contradictions: list[Contradiction],
    documents: dict[str, Document],
    *,
    family_a: set[str] | None = None,
    family_b: set[str] | None = None,
    listing: Listing | None = None,
) -> dict[str, Any]:
    """The dyad report dict (CONTRACTS.md shape plus explanatory fields) for actors a and b.

    ``family_a`` / ``family_b`` are the actor ids that roll up to a and b (persons, government
    bodies); by default just ``a.id`` and ``b.id``. Deterministic: the same inputs give the same
    dict. A pair with too little evidence gets the label "insufficient-evidence", never a guess.
    With ``listing``, the verdict, periods, sources and hypothesis totals are the same, but the
    events, claims, documents and ratings lists hold only the most significant evidence, and
    ``events_total``, ``events_listed``, ``truncated`` (and the like) say how much was left out.
    """
    side = _side_function(a, b, family_a, family_b)
    groups = group_events(events, side)
    weighed, disputed = discount_disputed(
        [weigh_group(g, documents) for g in groups], disputed_views(contradictions, claims)
    )
    points = [
        p for p in (_point(wg) for wg in weighed if wg.weight > 0 and wg.id not in disputed) if p is not None
    ]
    publication_dated = sum(
        1
        for g in weighed
        if g.weight > 0 and g.group.interval is not None and not any(_timed(e) for e in g.group.members)
    )
    periods = find_periods(points)
    claimants, hypotheses, verdict = _analyse(
        a, b, weighed, periods, claims, documents, len(events), publication_dated
    )
    if listing is not None:
        chosen = [weighed[k] for k in _listed_indexes(weighed, periods, listing.groups)]
        shown = [
            [wg.best] + [m for m in wg.group.members if m is not wg.best][: listing.duplicates]
            for wg in chosen
        ]
        records = listing.full_records([m.id for ms in shown for m in ms]) if listing.full_records else {}
        listed = [
            _ListedGroup(
                _with_records(wg, [records.get(m.id, m) for m in ms]),
                len(wg.group.members),
                len(wg.group.doc_ids),
                [{"doc_id": e.doc_id, "event": e.id, "sentence_index": e.sentence_index,
                  "publisher": documents[e.doc_id].publisher if e.doc_id in documents else None}
                 for e in wg.group.members[: listing.sources]],
            )
            for wg, ms in zip(chosen, shown, strict=True)
        ]  # fmt: skip
        return _listed_report(
            a, b, verdict, periods, len(weighed), listed, side, claims, _heaviest_claims(claims, listing.claims),
            claimants, contradictions, hypotheses, [e.doc_id for e in events], documents,
        )  # fmt: skip
    return {
        "a": a.to_dict(),
        "b": b.to_dict(),
        "verdict": verdict,
        "periods": periods,
        "events": _event_rows(weighed, side, documents),
        "claims": _claim_rows(claims, claimants),
        "contradictions": _contradiction_rows(contradictions, claimants),
        "sources": [_source_row(p) for p in claimants],
        "hypotheses": hypotheses,
        "documents": _document_rows([e.doc_id for e in events], claims, documents),
    }


def build_large_report(
    a: Actor,
    b: Actor,
    facts: EventFacts,
    claims: list[Claim],
    contradictions: list[Contradiction],
    documents_of: Callable[[list[str]], dict[str, Document]],
    *,
    family_a: set[str] | None = None,
    family_b: set[str] | None = None,
    listing: Listing | None = None,
) -> dict[str, Any]:
    """``build_dyad_report`` with ``listing`` for a pair given as event facts (``Store.event_facts``).

    The same verdict, periods, sources, hypothesis totals and lists as the Event path; only the
    listed records are read in full (``listing.full_records``, and ``listing.full_claims`` when
    ``claims`` are lean ones from ``Store.claim_facts``), and only the documents the report cites
    or needs for an unattributed claim's voice come from ``documents_of``.
    """
    listing = listing or Listing()
    side = _side_function(a, b, family_a, family_b)
    found = weigh_facts(facts, side)
    weighed, disputed = discount_disputed(found.weighed, disputed_views(contradictions, claims))
    periods = find_periods([p for p in found.points if p.evidence_id not in disputed])
    chosen = _listed_indexes(weighed, periods, listing.groups)
    shown = [
        [found.best[k]] + [i for i in found.rows[k] if i != found.best[k]][: listing.duplicates]
        for k in chosen
    ]
    listed_claims = _heaviest_claims(claims, listing.claims)
    if listing.full_claims:  # claims may be lean (Store.claim_facts): list full records
        full = listing.full_claims([c.id for c in listed_claims])
        listed_claims = [full.get(c.id, c) for c in listed_claims]
    wanted = {facts.doc_id[i] for rows in shown for i in rows} | {c.doc_id for c in listed_claims}
    # the publisher speaks for unattributed claims, and whether any claim is the publisher's own
    # voice depends on its document's publisher and title (scoring.own_voice)
    wanted |= {c.doc_id for c in claims}
    documents = documents_of(sorted(wanted))
    records = (
        listing.full_records([facts.id[i] for rows in shown for i in rows]) if listing.full_records else {}
    )
    listed_ids = {weighed[k].id for k in chosen} | {c.id for c in listed_claims}
    claimants, hypotheses, verdict = _analyse(
        a, b, weighed, periods, claims, documents, len(facts), found.publication_dated, listed_ids
    )
    listed = []
    for k, rows in zip(chosen, shown, strict=True):
        members = [records[facts.id[i]] for i in rows if facts.id[i] in records] or [weighed[k].best]
        everyone = found.rows[k]
        listed.append(
            _ListedGroup(
                _with_records(weighed[k], members),
                len(everyone),
                found.documents[k],
                [
                    {"doc_id": facts.doc_id[i], "event": facts.id[i], "sentence_index": facts.sentence_index[i],
                     "publisher": facts.publisher[i]}
                    for i in everyone[: listing.sources]
                ],
            )
        )  # fmt: skip
    return _listed_report(
        a, b, verdict, periods, len(weighed), listed, side, claims, listed_claims, claimants, contradictions,
        hypotheses, facts.doc_id, documents,
    )  # fmt: skip


def _analyse(
    a: Actor,
    b: Actor,
    weighed: list[WeighedGroup],
    periods: list[dict[str, Any]],
    claims: list[Claim],
    documents: dict[str, Document],
    n_records: int,
    publication_dated: int,
    listed: set[str] | None = None,
) -> tuple[list[Position], list[dict[str, Any]], dict[str, Any]]:
    """Claimants, hypotheses (rating ``listed`` evidence only, when given) and verdict.

    The hypotheses are ranked on the evidence the verdict's label rests on (the latest period's
    events and the claims about it, when that period sets the label), so the two agree or the
    verdict says why they differ.
    """
    claimants = positions(claims, documents)
    score = overall_score(weighed, claimants)
    # publishers are compared lower-cased; reports name them as their documents spell them
    shown = {publisher_key(d, i): d.publisher for i, d in documents.items() if d.publisher}
    _annotate_periods(periods, weighed, shown)
    verdict = _verdict(a, b, score, periods, weighed, claimants, n_records, publication_dated, shown)
    scope = _verdict_scope(verdict, periods, weighed, claims)
    hypotheses = analyse_hypotheses(a.name, b.name, weighed, claims, listed, scope=scope, voices=claimants)
    _agree_with_hypotheses(verdict, hypotheses, scope)
    verdict["summary"] = _summary(a, b, verdict, periods, weighed, claimants, hypotheses)
    return claimants, hypotheses, verdict


def _annotate_periods(
    periods: list[dict[str, Any]], weighed: list[WeighedGroup], shown: Mapping[str, str]
) -> None:
    """Add to each period how many independent publishers carry its events, and who they are."""
    by_id = {wg.id: wg for wg in weighed}
    for p in periods:
        groups = [by_id[i] for i in p["evidence"] if i in by_id]
        names = list(dict.fromkeys(pub for wg in groups for pub in wg.publishers))
        p["publishers"] = len(names)
        p["publisher_names"] = [_publisher_name(n, shown) for n in names]


def _publisher_name(key: str, shown: Mapping[str, str]) -> str:
    """ "publisher:reuters" -> "Reuters" (as ``shown`` spells it); "document:d1" -> "an unsigned document"."""
    kind, _, name = key.partition(":")
    return shown.get(key, name) if kind == "publisher" else "one document without a publisher"


def _side_function(
    a: Actor, b: Actor, family_a: set[str] | None, family_b: set[str] | None
) -> Callable[[str | None], str]:
    fa = set(family_a or ()) | {a.id}
    fb = set(family_b or ()) | {b.id}

    def side(actor_id: str | None) -> str:
        if actor_id is None:
            return "?"
        if actor_id == a.id or (actor_id in fa and actor_id != b.id):
            return "a"
        if actor_id in fb:
            return "b"
        return actor_id

    return side


def _display_event(wg: WeighedGroup) -> Event:
    """The member with the most precise date (ties: the best-attested record)."""
    return min(
        wg.group.members,
        key=lambda e: (
            date_interval(e.date) is None,
            _PRECISION_RANK.get(e.date.precision, 4),
            e is not wg.best,
        ),
    )


def _timed(e: Event) -> bool:
    """Whether the text itself dates the event (not only the document's publication date)."""
    return e.date.basis not in _UNTIMED and date_interval(e.date) is not None


def _point(wg: WeighedGroup) -> Point | None:
    """Where a counted group sits in the period series, or None when it is undated.

    A date the text gives wins; a group dated only by its documents' publication sits at the
    publication date (it happened on or before then), so a recent turn reported as news counts.
    """
    timed = [e for e in wg.group.members if _timed(e)] or [
        e for e in wg.group.members if date_interval(e.date) is not None
    ]  # dated only by publication: it happened on or before that day, and still counts
    if not timed:
        return None
    iv = wg.group.interval if len(timed) == len(wg.group.members) else group_interval(timed)
    assert iv is not None
    shown = min(timed, key=lambda e: (_PRECISION_RANK.get(e.date.precision, 4), e is not wg.best))
    start = shown.date.start or ""
    return Point(
        evidence_id=wg.id,
        start=start,
        end=shown.date.end or start,
        when=midpoint(iv),
        value=wg.value,
        weight=wg.weight,
    )


def _event_rows(
    weighed: list[WeighedGroup], side: Callable[[str | None], str], documents: dict[str, Document]
) -> list[dict[str, Any]]:
    def order(wg: WeighedGroup) -> tuple[bool, date, str, int]:
        iv = wg.group.interval
        return (iv is None, iv[0] if iv else date.max, wg.best.doc_id, wg.best.sentence_index)

    rows: list[dict[str, Any]] = []
    for wg in sorted(weighed, key=order):
        arrow = "<->" if wg.group.joint else "->"
        src = side(wg.best.source.id if wg.best.source else None)
        direction = f"{src}{arrow}{side(wg.best.target.id if wg.best.target else None)}"
        sources = [
            {
                "doc_id": e.doc_id,
                "event": e.id,
                "sentence_index": e.sentence_index,
                "publisher": documents[e.doc_id].publisher if e.doc_id in documents else None,
            }
            for e in wg.group.members
        ]
        for e in [wg.best] + [m for m in wg.group.members if m is not wg.best]:
            w, reason = event_weight(e)
            row = e.to_dict()
            row.update(
                {
                    "direction": direction,
                    "undated": wg.group.interval is None,
                    "weight": w,
                    "weight_reason": reason,
                    "group": wg.id,
                    "counted": e is wg.best and wg.weight > 0,
                }
            )
            if e is wg.best:
                row["group_weight"] = wg.weight
                row["value"] = wg.value
                row["group_reason"] = wg.reason
                row["sources"] = sources
                row["num_sources"] = len(wg.publishers)
                row["num_articles"] = len(wg.group.doc_ids)
            else:
                row["duplicate_of"] = wg.id
            rows.append(row)
    return rows


def _claim_rows(claims: list[Claim], claimants: list[Position]) -> list[dict[str, Any]]:
    voice = {c.id: p.claimant for p in claimants for c in p.claims}
    rows = []
    for c in claims:
        row = c.to_dict()
        row["weight"] = claim_weight(c)
        if c.claimant is None and c.id in voice:
            row["voice"] = voice[c.id].to_dict()
        rows.append(row)
    return rows


def _contradiction_rows(
    contradictions: list[Contradiction], claimants: list[Position]
) -> list[dict[str, Any]]:
    """The stored contradictions that still oppose two voices of this report.

    A stance contradiction is left out when one side is a publisher's news wording (it does not
    vote), when both claimants end up with the same stance on the pair, or when the same two
    claimants are already listed.
    """
    position = {c.id: p for p in claimants for c in p.claims}
    rows: list[dict[str, Any]] = []
    seen: set[frozenset[str]] = set()
    for cx in contradictions:
        sides = [position[i] for i in cx.claims if i in position]
        names = frozenset(p.claimant.name for p in sides)
        if cx.kind == "stance" and len(sides) == 2:
            if any(p.silent for p in sides) or sides[0].stance == sides[1].stance or names in seen:
                continue
        if len(names) == 2:
            seen.add(names)
        rows.append(cx.to_dict())
    return rows


def _source_row(p: Position) -> dict[str, Any]:
    return {
        "claimant": p.claimant.to_dict(),
        "stance": p.stance,
        "claims": [c.id for c in p.claims],
        "value": round(p.value, 2),
        "weight": p.weight,
        "hedged": bool(p.stated) and all(c.hedged for c in p.stated),
        "counted": p.weight > 0,
        "note": p.silent,
    }


def _document_rows(
    event_doc_ids: Sequence[str],
    claims: list[Claim],
    documents: dict[str, Document],
    only: set[str] | None = None,
) -> list[dict[str, Any]]:
    """One row per document citing the pair (only those in ``only`` when given), with counts.

    ``event_doc_ids`` is the document of each event record, in record order.
    """
    counts: dict[str, list[int]] = {}
    for doc_id, n in Counter(event_doc_ids).items():  # Counter keeps first-seen order
        if only is None or doc_id in only:  # a large pair cites thousands it does not list
            counts[doc_id] = [n, 0]
    for c in claims:
        counts.setdefault(c.doc_id, [0, 0])[1] += 1
    rows = []
    for doc_id, (n_events, n_claims) in counts.items():
        if only is not None and doc_id not in only:
            continue
        doc = documents.get(doc_id)
        row: dict[str, Any] = (
            doc.to_dict()
            if doc
            else {"id": doc_id, "title": None, "publisher": None, "published": None, "url": None}
        )
        row.update({"undated": row["published"] is None, "events": n_events, "claims": n_claims})
        rows.append(row)
    rows.sort(key=lambda r: (r["published"] is None, r["published"] or "", r["title"] or "", r["id"]))
    return rows


def _verdict(
    a: Actor,
    b: Actor,
    score: Score,
    periods: list[dict[str, Any]],
    weighed: list[WeighedGroup],
    claimants: list[Position],
    n_records: int,
    publication_dated: int,
    shown: Mapping[str, str],
) -> dict[str, Any]:
    figures: dict[str, Any] = {
        "event_records": n_records,
        "events_counted": score.groups_counted,
        "duplicates_merged": n_records - len(weighed),
        "not_counted": sum(1 for g in weighed if g.weight <= 0),
        "undated_events": sum(1 for g in weighed if g.weight > 0 and g.group.interval is None),
        "publication_dated_events": publication_dated,
        "disputed_events": sum(1 for g in weighed if g.weight > 0 and g.disputed_by),
        "event_weight": score.event_weight,
        "claimants": score.claimants_voting,
        "claim_weight": score.claim_weight,
        "independent_sources": score.independent_sources,
        "agreement": score.agreement,
        "amount": score.amount,
        "diversity": score.diversity,
    }
    if not score.sufficient:
        return {
            "label": "insufficient-evidence",
            "headline": f"Insufficient evidence: nothing shows whether {a.name} and {b.name} "
            "are allies or enemies",
            "score": None,
            "overall_score": None,
            "current_score": None,
            "confidence": 0.0,
            "basis": _insufficient_basis(a, b, score, figures),
            "current": None,
            "since": None,
            "figures": figures,
            "evidence_base": _evidence_base(score, periods, weighed, "none", shown),
            "warnings": [],
        }
    overall = label_for(score.score)
    current = periods[-1]["label"] if periods else overall
    # After a detected change, the answer is the relationship as it stands now; the headline
    # keeps the history. A latest period with few events still sets the label when it is a
    # clear turn (strong events on average), at a confidence scaled down by how thin it is.
    turn = _turn(periods)
    label = current if turn != "none" else overall
    confidence = score.confidence
    if turn == "thin":
        confidence = round(confidence * int(periods[-1]["events"]) / MIN_CURRENT_EVENTS, 2)
    figures["turn"] = turn
    verdict: dict[str, Any] = {
        "label": label,
        "headline": _headline(overall, periods),
        "score": float(periods[-1]["goldstein_mean"]) if turn != "none" else score.score,
        "overall_score": score.score,
        "confidence": confidence,
        "basis": _basis(a, b, score, periods, claimants, figures, overall, label, confidence),
        "current": current,
        "current_score": periods[-1]["goldstein_mean"] if periods else None,
        "since": (periods[-1].get("since") or periods[-1]["start"]) if periods else None,
        "figures": figures,
    }
    verdict["evidence_base"] = _evidence_base(score, periods, weighed, turn, shown)
    verdict["warnings"] = _warnings(verdict["evidence_base"], turn, periods)
    return verdict


def _turn(periods: list[dict[str, Any]]) -> str:
    """How the latest period stands: "settled" (enough events), "thin" (a clear turn on few
    events), or "none" (one period only, or a thin and weak latest period)."""
    if len(periods) < 2:
        return "none"
    last = periods[-1]
    if int(last["events"]) >= MIN_CURRENT_EVENTS:
        return "settled"
    clear = abs(float(last["goldstein_mean"])) >= TURNING_POINT_MEAN and last["label"] != "mixed"
    return "thin" if clear and float(last.get("weight", 1.0)) >= MIN_TURN_WEIGHT else "none"


def _evidence_base(
    score: Score,
    periods: list[dict[str, Any]],
    weighed: list[WeighedGroup],
    turn: str,
    shown: Mapping[str, str],
) -> dict[str, Any]:
    """What the label rests on: the latest period when it sets the label, else the whole record."""
    if turn != "none":
        last = periods[-1]
        return {
            "scope": "latest period",
            "start": last["start"],
            "end": last["end"],
            "events": int(last["events"]),
            "publishers": int(last.get("publishers", 0)),
            "publisher_names": list(last.get("publisher_names", [])),
        }
    counted = [wg for wg in weighed if wg.weight > 0]
    names = list(dict.fromkeys(p for wg in counted for p in wg.publishers))
    return {
        "scope": "whole record",
        "start": periods[0]["start"] if periods else None,
        "end": periods[-1]["end"] if periods else None,
        "events": len(counted),
        "publishers": len(names),
        "publisher_names": [_publisher_name(n, shown) for n in names],
    }


def _warnings(base: dict[str, Any], turn: str, periods: list[dict[str, Any]]) -> list[str]:
    """Plain warnings about how little the label rests on."""
    out = []
    n, pubs = base["events"], base["publishers"]
    where = "the latest period" if base["scope"] == "latest period" else "the whole record"
    if n == 1:
        out.append(f"The verdict rests on a single event ({where}).")
    elif n == 0:
        out.append("No counted event carries the verdict: it rests on claims alone.")
    if pubs == 1:
        who = base["publisher_names"][0] if base["publisher_names"] else "one publisher"
        out.append(f"All {n} event(s) behind the verdict come from one publisher ({who}).")
    if turn == "thin":
        out.append(
            f"The latest period has only {periods[-1]['events']} event(s) (fewer than "
            f"{MIN_CURRENT_EVENTS}); its clear turn sets the label, at lower confidence."
        )
    return out


_PLAIN = {"cooperative": "cooperative", "hostile": "hostile", "mixed": "mixed"}


def _month(text: object) -> str:
    """A period boundary for a headline, at month precision at most: "March 2023"."""
    return format_date_plain(str(text)[:7])


def _headline(overall: str, periods: list[dict[str, Any]]) -> str:
    if not periods:
        return {
            "cooperative": "More allies than enemies (no dated events)",
            "hostile": "More enemies than allies (no dated events)",
        }.get(overall, "Mixed: both cooperation and conflict (no dated events)")
    last = periods[-1]
    since = _month(last.get("since") or last["start"])
    if len(periods) >= 2 and overall == last["label"] and overall != "mixed":
        lead = "More allies than enemies" if overall == "cooperative" else "More enemies than allies"
        return f"{lead} since {since}"
    if len(periods) >= 2:
        prev = periods[-2]
        return (
            f"{str(prev['label']).capitalize()} from {_month(prev['start'])}, {last['label']} since {since}"
        )
    return f"{str(last['label']).capitalize()} since {since}"


def _insufficient_basis(a: Actor, b: Actor, score: Score, figures: dict[str, Any]) -> str:
    return (
        f"The documents hold {figures['event_records']} event record(s) and "
        f"{score.claimants_voting} claimant(s) with a stance about {a.name} and {b.name}; "
        f"their total weight is {score.total_weight:g}, below the {MIN_EVIDENCE_WEIGHT:g} "
        "needed for a verdict (one asserted event, or one claimant, weighs 1). Negated, "
        "hypothetical, future and questioned events weigh little or nothing. No verdict is given."
    )


def _basis(
    a: Actor,
    b: Actor,
    score: Score,
    periods: list[dict[str, Any]],
    claimants: list[Position],
    figures: dict[str, Any],
    overall: str,
    label: str,
    confidence: float,
) -> str:
    stances = [p.stance for p in claimants if p.weight > 0]
    parts = [
        f"{figures['event_records']} event record(s) between {a.name} and {b.name} were grouped "
        f"into {score.groups_counted} counted event(s) ({figures['duplicates_merged']} duplicate "
        f"report(s) merged, {figures['not_counted']} negated record(s) not counted), total "
        f"weight {score.event_weight:g} (asserted 1, reported 0.7, hedged 0.5, future 0.2, "
        "hypothetical or question 0.1; +15% per extra independent publisher, at most 1).",
        f"{score.claimants_voting} independent claimant(s) with a stance "
        f"({stances.count('cooperative')} cooperative, {stances.count('hostile')} hostile, "
        f"{stances.count('ambivalent')} ambivalent) each count as one vote of "
        f"+/-{CLAIM_GOLDSTEIN:g} on the Goldstein scale (hedged 0.5).",
        f"The weighted mean is {score.score:+.2f} on the Goldstein scale (-10 to +10), which "
        f"reads as {overall} (>= {COOPERATIVE_AT:+g} cooperative, <= {HOSTILE_AT:+g} hostile, "
        "mixed in between).",
    ]
    if periods:
        spans = "; ".join(
            f"{p['label']} {p['start']} to {p['end']} ({p['events']} events, mean "
            f"{float(p['goldstein_mean']):+.1f})"
            for p in periods
        )
        parts.append(f"Change-point detection on the dated events found {len(periods)} period(s): {spans}.")
    if figures["undated_events"]:
        parts.append(
            f"{figures['undated_events']} undated event(s) count in the score but not in the periods."
        )
    if figures["publication_dated_events"]:
        parts.append(
            f"{figures['publication_dated_events']} event(s) dated only by their document's "
            "publication date sit at that date in the periods (they happened on or before it)."
        )
    if figures.get("disputed_events"):
        parts.append(
            f"{figures['disputed_events']} event(s) reported by a source whose view of the pair another "
            f"source disputes in so many words count at x{DISPUTED_FACTOR:g} and not in the periods."
        )
    turn = figures.get("turn", "none")
    if turn == "settled":
        parts.append(
            f"The label is that of the latest period ({periods[-1]['label']} since "
            f"{periods[-1]['start']}, {periods[-1]['events']} events >= {MIN_CURRENT_EVENTS}): the "
            f"relationship as it stands now; the verdict's score is that period's mean "
            f"({float(periods[-1]['goldstein_mean']):+.2f})."
        )
    elif turn == "thin":
        parts.append(
            f"The latest period ({periods[-1]['label']} since {periods[-1]['start']}) has only "
            f"{periods[-1]['events']} event(s), fewer than {MIN_CURRENT_EVENTS}, but its mean "
            f"({float(periods[-1]['goldstein_mean']):+.2f}) is a clear turn (|mean| >= "
            f"{TURNING_POINT_MEAN:g}): it sets the label, and the confidence is scaled by "
            f"{periods[-1]['events']}/{MIN_CURRENT_EVENTS}."
        )
    elif len(periods) >= 2:
        parts.append(
            f"The latest period has fewer than {MIN_CURRENT_EVENTS} events and no clear turn "
            f"(|mean| < {TURNING_POINT_MEAN:g}), so the label is that of the whole record."
        )
    parts.append(
        f"Confidence {score.confidence:.2f} = amount {score.amount:.2f} x diversity "
        f"{score.diversity:.2f} ({score.independent_sources} independent source(s)) x "
        f"(0.5 + 0.5 x agreement {score.agreement:.2f})"
        + (f", x {periods[-1]['events']}/{MIN_CURRENT_EVENTS} = {confidence:.2f}." if turn == "thin" else ".")
    )
    return " ".join(parts)


def _listed_indexes(weighed: list[WeighedGroup], periods: list[dict[str, Any]], cap: int) -> list[int]:
    """The cap heaviest groups by weight x |Goldstein|, plus the first and last of each period."""
    ranked = sorted(range(len(weighed)), key=lambda i: (-weighed[i].weight * abs(weighed[i].value), i))
    keep = set(ranked[:cap])
    ends = {p["evidence"][k] for p in periods if p["evidence"] for k in (0, -1)}
    keep |= {i for i, wg in enumerate(weighed) if wg.id in ends}
    return sorted(keep)


def _heaviest_claims(claims: list[Claim], cap: int) -> list[Claim]:
    """The cap heaviest claims (voting stances first, unhedged first), in their own order."""
    order = {c.id: i for i, c in enumerate(claims)}
    heavy = sorted(claims, key=lambda c: (c.stance not in STANCE_VALUE, -claim_weight(c), order[c.id]))
    return sorted(heavy[:cap], key=lambda c: order[c.id])


def _with_records(wg: WeighedGroup, members: list[Event]) -> WeighedGroup:
    """The group with its listed records (full ones; the best first) as members."""
    group = EventGroup(members=members, interval=wg.group.interval, joint=wg.group.joint)
    return WeighedGroup(group, members[0], wg.weight, wg.reason, wg.publishers, wg.bargaining)


@dataclass
class _ListedGroup:
    """A listed group: its shown records, true totals and a sample of its sources."""

    shown: WeighedGroup
    records: int
    articles: int
    sources: list[dict[str, Any]]


def _listed_report(
    a: Actor,
    b: Actor,
    verdict: dict[str, Any],
    periods: list[dict[str, Any]],
    groups_total: int,
    listed: list[_ListedGroup],
    side: Callable[[str | None], str],
    claims: list[Claim],
    listed_claims: list[Claim],
    claimants: list[Position],
    contradictions: list[Contradiction],
    hypotheses: list[dict[str, Any]],
    event_doc_ids: Sequence[str],
    documents: dict[str, Document],
) -> dict[str, Any]:
    rows = _event_rows([g.shown for g in listed], side, documents)
    by_id = {g.shown.id: g for g in listed}
    for row in rows:
        g = by_id.get(row["id"])
        if g is not None:
            # true totals for the group; the row lists a sample of its members and sources
            row["num_records"] = g.records
            row["sources_total"] = g.records
            row["sources"] = g.sources
            row["num_articles"] = g.articles
    listed_evidence = set(by_id) | {c.id for c in listed_claims}
    for h in hypotheses:
        if "ratings_total" not in h:  # rated in full (the Event path): keep the listed ratings
            ratings = h["ratings"]
            h["ratings_total"] = len(ratings)
            h["ratings"] = [r for r in ratings if r["evidence"] in listed_evidence]
    cited = {r["doc_id"] for r in rows} | {c.doc_id for c in listed_claims}
    documents_total = len(set(event_doc_ids) | {c.doc_id for c in claims})
    return {
        "a": a.to_dict(),
        "b": b.to_dict(),
        "verdict": verdict,
        "periods": periods,
        "events": rows,
        "claims": _claim_rows(listed_claims, claimants),
        "contradictions": _contradiction_rows(contradictions, claimants),
        "sources": [_source_row(p) for p in claimants],
        "hypotheses": hypotheses,
        "documents": _document_rows(event_doc_ids, claims, documents, only=cited),
        "truncated": True,
        "events_total": len(event_doc_ids),
        "events_listed": len(rows),
        "event_groups_total": groups_total,
        "event_groups_listed": len(listed),
        "claims_total": len(claims),
        "claims_listed": len(listed_claims),
        "documents_total": documents_total,
        "listing_note": (
            f"A large pair: the lists show the {len(listed)} most significant of {groups_total} event "
            f"groups and {len(listed_claims)} of {len(claims)} claims; the verdict, periods and "
            f"hypothesis totals use all of them. Every record: frenemy events --dyad {a.id} {b.id}, "
            "or /api/events."
        ),
    }


# --- the verdict in plain words, and its agreement with the hypotheses ---------------------------
_AGREEING = {"cooperative": ("H1",), "hostile": ("H2", "H3"), "mixed": ("H3",)}


def _verdict_scope(
    verdict: dict[str, Any], periods: list[dict[str, Any]], weighed: list[WeighedGroup], claims: list[Claim]
) -> set[str] | None:
    """The evidence ids the label rests on: the latest period's events and the claims that speak
    of its time (or of no time), when that period sets the label; None for the whole record."""
    if verdict["figures"].get("turn", "none") == "none":
        return None
    last = periods[-1]
    start = str(last["start"])
    first_day = _first_day(start)
    scope = set(last["evidence"])
    for c in claims:
        span = claim_period(c)
        if span is None or span[1] >= first_day:
            scope.add(c.id)
    return scope


def _first_day(iso: str) -> str:
    return {4: iso + "-01-01", 7: iso + "-01"}.get(len(iso), iso[:10])


def _agree_with_hypotheses(
    verdict: dict[str, Any], hypotheses: list[dict[str, Any]], scope: set[str] | None
) -> None:
    """Record whether the best-ranked hypothesis agrees with the label, and say why not."""
    verdict["hypotheses_scope"] = "whole record" if scope is None else "latest period"
    label = verdict["label"]
    ranked = sorted(hypotheses, key=lambda h: h.get("rank", 0))
    if label not in _AGREEING or not ranked or not any(h["ratings"] for h in hypotheses):
        verdict["hypotheses_agree"] = None
        verdict["hypotheses_note"] = "No verdict or no rated evidence: nothing to compare."
        return
    top = ranked[0]
    fits = _AGREEING[label]
    tied = [h for h in ranked if h["inconsistency"] == top["inconsistency"]]
    agree = top["id"] in fits or any(h["id"] in fits for h in tied)
    verdict["hypotheses_agree"] = agree
    where = "the whole record" if scope is None else "the latest period's evidence"
    if agree:
        verdict["hypotheses_note"] = (
            f"The hypotheses, rated on {where}, agree with the verdict: {top['id']} has the least "
            f"evidence against it ({top['inconsistency']:g})."
        )
        return
    best_fit = min((h for h in ranked if h["id"] in fits), key=lambda h: h["inconsistency"])
    verdict["hypotheses_note"] = (
        f"The hypotheses, rated on {where}, rank {top['id']} first (evidence against it "
        f"{top['inconsistency']:g}) although the verdict is {label} ({best_fit['id']}: "
        f"{best_fit['inconsistency']:g}). The verdict weighs how strong each event is (its "
        "Goldstein value); the hypotheses count how many pieces of evidence speak against each "
        "one. Many mild items against the verdict, or claims that disagree with the events, "
        "split them; read the evidence rows before relying on either."
    )


_PLAIN_LABEL = {
    "hostile": "more enemies than allies",
    "cooperative": "more allies than enemies",
    "mixed": "neither clearly allies nor enemies: cooperation and conflict both",
}


def _sureness(confidence: float) -> str:
    if confidence >= 0.75:
        return "fairly sure"
    if confidence >= 0.5:
        return "moderately sure"
    if confidence >= 0.25:
        return "not very sure"
    return "unsure"


def _act(wg: WeighedGroup, a: Actor, b: Actor) -> str:
    """``Iran detained al-Qaeda (2002)`` for an event group's best record (the one both report
    paths hold: a large pair's groups keep only it)."""
    e = wg.best
    names = {a.id: a.name, b.id: b.name}

    def who(ref: Any) -> str:
        if ref is None:
            return "someone"
        return names.get(ref.id, ref.name)

    when = format_date_plain(e.date.start) if e.date.start else "undated"
    return f"{who(e.source)} {e.action_text} {who(e.target)} ({when})"


def _summary(
    a: Actor,
    b: Actor,
    verdict: dict[str, Any],
    periods: list[dict[str, Any]],
    weighed: list[WeighedGroup],
    claimants: list[Position],
    hypotheses: list[dict[str, Any]],
) -> dict[str, Any]:
    """The verdict in plain words: what, how sure, why, and what would change it."""
    label = verdict["label"]
    pair = f"{a.name} and {b.name}"
    if label == "insufficient-evidence":
        return {
            "answer": f"There is not enough evidence to say whether {pair} are allies or enemies.",
            "how_sure": "No verdict is given.",
            "why": "Too few counted events or sourced characterisations mention the pair together.",
            "change": "Documents reporting what one did to the other, or sources characterising "
            "their relationship, would allow a verdict.",
            "warnings": verdict.get("warnings", []),
        }
    turn = verdict["figures"].get("turn", "none")
    base = verdict["evidence_base"]
    since = f" since {_month(verdict['since'])}" if turn != "none" and verdict.get("since") else ""
    answer = f"{pair} are {_PLAIN_LABEL.get(label, label)}{since}."
    figures = verdict["figures"]
    weakest = min(("amount", "diversity", "agreement"), key=lambda k: float(figures.get(k) or 0))
    reason = {
        "amount": "there is little evidence",
        "diversity": "few independent sources report it",
        "agreement": "the record as a whole points both ways",
    }[weakest]
    how_sure = f"{_sureness(verdict['confidence']).capitalize()} (confidence {verdict['confidence']:.2f} of 1): {reason}."
    if turn == "thin":
        how_sure += " The latest turn rests on few events."
    by_id = {wg.id: wg for wg in weighed}
    pubs = base["publishers"]
    publishers = f"{pubs} independent publisher{'s' if pubs != 1 else ''}"
    if turn != "none":
        last = periods[-1]
        groups = [by_id[i] for i in last["evidence"] if i in by_id]
        why = (
            f"The {last['events']} event(s) since {_month(last['start'])}, reported by {publishers}, "
            f"are {last['label']} on balance ({last['hostile']} hostile, {last['cooperative']} "
            f"cooperative, mean Goldstein {float(last['goldstein_mean']):+.1f})"
        )
        prev = periods[-2]
        why += f"; before that, {_month(prev['start'])} to {_month(prev['end'])} was {prev['label']}."
    else:
        groups = [wg for wg in weighed if wg.weight > 0]
        n_coop = sum(1 for wg in groups if wg.value >= COOPERATIVE_AT)
        n_host = sum(1 for wg in groups if wg.value <= HOSTILE_AT)
        votes = sum(1 for p in claimants if p.weight > 0)
        together = f", with {votes} source(s) characterising the relationship," if votes else ""
        why = (
            f"Across the whole record, {len(groups)} counted event(s) reported by {publishers} "
            f"({n_host} hostile, {n_coop} cooperative){together} average "
            f"{float(verdict['overall_score']):+.1f} on the Goldstein scale (-10 to +10)."
        )
    heavy = sorted(
        (wg for wg in groups if label_for(wg.value) == label),
        key=lambda wg: -wg.weight * abs(wg.value),
    )[:2]
    if heavy:
        why += " For example: " + "; ".join(_act(wg, a, b) for wg in heavy) + "."
    voting = [p for p in claimants if p.weight > 0]
    if voting:
        why += " Sources characterising the relationship: " + ", ".join(
            f"{p.claimant.name} ({p.stance})" for p in voting[:4]
        )
        why += f" and {len(voting) - 4} more." if len(voting) > 4 else "."
    silent = [p for p in claimants if p.silent]
    if silent:
        why += (
            " Wording by publishers in their news reports ("
            + ", ".join(p.claimant.name for p in silent[:3])
            + ") is listed but does not count as their opinion."
        )
    change = _what_would_change(label, turn, base, periods)
    return {
        "answer": answer,
        "how_sure": how_sure,
        "why": why,
        "change": change,
        "warnings": verdict.get("warnings", []),
    }


def _what_would_change(label: str, turn: str, base: dict[str, Any], periods: list[dict[str, Any]]) -> str:
    opposite = {
        "hostile": "cooperation (an agreement, aid, restored ties)",
        "cooperative": "conflict (sanctions, threats, attacks, broken ties)",
        "mixed": "a run of clearly cooperative or clearly hostile events",
    }[label]
    after = f" after {_month(periods[-1]['end'])}" if periods else ""
    parts = [f"Reports of {opposite}{after}, from more than one publisher, would start a new period."]
    if base["publishers"] <= 1:
        parts.append("Confirmation by a second, independent publisher would make it firmer.")
    if turn == "thin":
        parts.append(
            f"More events in the latest period would confirm the turn; {MIN_CURRENT_EVENTS} or more "
            "set it at full confidence."
        )
    if turn == "none" and len(periods) >= 2:
        parts.append("A clearer latest period would set the label on its own.")
    return " ".join(parts)
