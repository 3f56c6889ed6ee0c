"""Timing the dyad report JSON on a large store, with a breakdown of where the time goes.

The total is ``json.dumps(dyad_report(store, a, b))``, exactly what ``frenemy dyad A B --format
json`` and ``GET /api/dyad`` produce. The breakdown repeats the same steps one by one (store
queries, document look-ups, the pure report builder, serialisation) so a slow total points at
its cause.
"""

from __future__ import annotations

import json
import statistics
import time
from pathlib import Path
from typing import Any


def time_dyad_report(db_path: Path, a: str, b: str, *, repeats: int = 3) -> dict[str, Any]:
    """Milliseconds for the dyad report JSON: first (cold) run, median of ``repeats`` more, breakdown."""
    from frenemy.analyze.dyad import dyad_report
    from frenemy.store.db import Store

    with Store(db_path, readonly=True) as store:
        start = time.perf_counter()
        report = json.dumps(dyad_report(store, a, b))
        first_ms = (time.perf_counter() - start) * 1000
        runs = []
        for _ in range(repeats):
            start = time.perf_counter()
            report = json.dumps(dyad_report(store, a, b))
            runs.append((time.perf_counter() - start) * 1000)
        parsed = json.loads(report)
        breakdown = _breakdown(store, a, b)
    return {
        "ms": round(statistics.median(runs), 1),
        "first_ms": round(first_ms, 1),
        "runs_ms": [round(r, 1) for r in runs],
        "report_bytes": len(report),
        "report_events": len(parsed.get("events", [])),
        "report_claims": len(parsed.get("claims", [])),
        "events_total": parsed.get("events_total", len(parsed.get("events", []))),
        "verdict": parsed.get("verdict", {}).get("label"),
        "breakdown_ms": breakdown,
    }


def _breakdown(store: Any, a_name: str, b_name: str) -> dict[str, Any]:
    """The steps of ``dyad_report`` one by one, on the same path it takes for this pair's size.

    A large pair (with the fact columns) is read as event facts and lean claims;
    ``build_large_report`` then fetches only the listed records and the cited documents, timed as
    ``store_events_by_id``, ``store_claims_by_id`` and ``store_documents_meta`` (included in its
    own time).
    """
    from frenemy.analyze import dyad as dyad_module

    steps: dict[str, Any] = {}

    def timed(name: str, fn: Any) -> Any:
        start = time.perf_counter()
        value = fn()
        steps[name] = round((time.perf_counter() - start) * 1000, 1)
        return value

    a = timed("resolve_actors", lambda: store.resolve_actor(a_name))
    b = store.resolve_actor(b_name)
    pair = (a.id, b.id)
    n = timed("count_events", lambda: store.count_events(dyad=pair))
    large = n > dyad_module.LARGE_PAIR_EVENTS and store.has_event_facts()
    claims = timed("store_claims", lambda: store.claim_facts(dyad=pair) if large else store.claims(dyad=pair))
    contradictions = timed("store_contradictions", lambda: store.contradictions(dyad=pair))
    family_a = store.actor_family(a.id)
    family_b = store.actor_family(b.id)
    if large:
        facts = timed("store_event_facts", lambda: store.event_facts(dyad=pair))
        # the report reads listed records and cited documents itself: time those calls inside it
        lookups = {"store_documents_meta": 0.0, "store_events_by_id": 0.0, "store_claims_by_id": 0.0}

        def counted(name: str, fn: Any) -> Any:
            def call(ids: list[str]) -> Any:
                start = time.perf_counter()
                try:
                    return fn(ids)
                finally:
                    lookups[name] += (time.perf_counter() - start) * 1000

            return call

        listing = dyad_module.Listing(
            full_records=counted("store_events_by_id", store.events_by_id),
            full_claims=counted("store_claims_by_id", store.claims_by_id),
        )
        report = timed(
            "build_large_report",
            lambda: dyad_module.build_large_report(
                a, b, facts, claims, contradictions, counted("store_documents_meta", store.documents_meta),
                family_a=family_a, family_b=family_b, listing=listing,
            ),
        )  # fmt: skip
        steps.update({k: round(v, 1) for k, v in lookups.items()})
        steps["events"] = len(facts)
        steps["documents"] = len(set(facts.doc_id) | {c.doc_id for c in claims})
    else:
        events = timed("store_events", lambda: store.events(dyad=pair))
        doc_ids = [e.doc_id for e in events] + [c.doc_id for c in claims]
        documents = timed("store_documents_meta", lambda: store.documents_meta(doc_ids))
        listing = (
            dyad_module.Listing(full_records=store.events_by_id)
            if n > dyad_module.LARGE_PAIR_EVENTS
            else None
        )
        report = timed(
            "build_dyad_report",
            lambda: dyad_module.build_dyad_report(
                a, b, events, claims, contradictions, documents, family_a=family_a, family_b=family_b,
                listing=listing,
            ),
        )  # fmt: skip
        steps["events"] = len(events)
        steps["documents"] = len(set(doc_ids))
    timed("json_dumps", lambda: json.dumps(report))
    steps["large_pair_path"] = large
    steps["claims"] = len(claims)
    return steps


def pair_with_about(db_path: Path, n_events: int) -> tuple[str, str, int]:
    """Two childless actors whose pair has the event count closest to ``n_events`` (both directions)."""
    import sqlite3

    conn = sqlite3.connect(f"file:{db_path}?mode=ro", uri=True)
    try:
        rows = conn.execute(
            "SELECT MIN(source_id, target_id) AS a, MAX(source_id, target_id) AS b, COUNT(*) AS n FROM events "
            "WHERE source_id NOT IN (SELECT parent FROM actors WHERE parent IS NOT NULL) "
            "AND target_id NOT IN (SELECT parent FROM actors WHERE parent IS NOT NULL) "
            "AND source_id IN (SELECT id FROM actors WHERE parent IS NULL) "
            "AND target_id IN (SELECT id FROM actors WHERE parent IS NULL) "
            "GROUP BY a, b ORDER BY ABS(n - ?) LIMIT 1",
            (n_events,),
        ).fetchall()
    finally:
        conn.close()
    a, b, n = rows[0]
    return str(a), str(b), int(n)
