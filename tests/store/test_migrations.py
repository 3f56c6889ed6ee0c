"""Schema migration 2 (event facts): an existing store gains the columns and the same reports."""

from __future__ import annotations

import json
import random
import sqlite3
import sys
from pathlib import Path

import pytest

sys.path.insert(0, str(Path(__file__).resolve().parents[1]))

from dyad_factory import AQ, IRAN, NoRegistry, claim, date, doc, event, ref  # noqa: E402
from frenemy.analyze import dyad as dyad_module  # noqa: E402
from frenemy.analyze.dedupe import sentence_key  # noqa: E402
from frenemy.models import Actor, DocumentResult, Sentence  # noqa: E402
from frenemy.store.db import Store, _split_sql  # noqa: E402
from frenemy.store.schema import MIGRATIONS  # noqa: E402

IRGOV = Actor(id="iran-gov", name="Government of Iran", type="government_body", parent="iran")


def _results() -> list[DocumentResult]:
    """Twelve documents of Iran / al-Qaeda events: syndicated wording, attributions, no publisher."""
    rng = random.Random(11)
    out = []
    for d in range(12):
        document = doc(f"d{d:02d}", publisher=[None, "Wire One", "Paper Two"][d % 3], published="2012-01-01")
        events = []
        for _ in range(6):
            src, tgt = rng.choice([(IRAN, AQ), (AQ, IRAN), (IRGOV, AQ)])
            when = rng.choice([date("2005-03"), date("2005-03-04"), date("2006"), date(None)])
            events.append(
                event(src, tgt, rng.choice(["190", "042", "0841"]), rng.choice([-10.0, 1.9, 7.0]), when,
                      document.id, sentence=rng.choice(["Iran  freed them.", "iran freed them.", None]),
                      modality=rng.choice(["asserted", "hedged"]),
                      attributed_to=rng.choice([None, ref("un", "the United Nations")]))
            )  # fmt: skip
        claims = [claim(rng.choice([None, ref("cia", "CIA")]), "hostile", document.id)]
        out.append(DocumentResult(document, [Sentence(document.id, 0, 0, 4, "Iran")], [], events, claims, [IRAN, AQ, IRGOV]))  # fmt: skip
    return out


def _version_1_store(path: Path, results: list[DocumentResult]) -> None:
    """A store as frenemy wrote it before migration 2: schema 1 and its 16-column event rows."""
    conn = sqlite3.connect(path)
    conn.execute("CREATE TABLE migrations (version INTEGER PRIMARY KEY, name TEXT, applied_at TEXT)")
    for statement in _split_sql(MIGRATIONS[0][2]):
        conn.execute(statement)
    conn.execute("INSERT INTO migrations VALUES (1, 'initial schema', '2026-01-01')")
    for a in (IRAN, AQ, IRGOV):
        conn.execute(
            "INSERT INTO actors (id, name, type, parent) VALUES (?,?,?,?)", (a.id, a.name, a.type, a.parent)
        )
    for r in results:
        d = r.document
        conn.execute(
            "INSERT INTO documents (id, title, publisher, published, text, ingested_at) VALUES (?,?,?,?,?,?)",
            (d.id, d.title, d.publisher, d.published, d.text, "2026-01-01"),
        )
        conn.executemany(
            "INSERT INTO events (id, doc_id, sentence_index, source_id, target_id, cameo, cameo_root, quad_class, "
            "goldstein, polarity, negated, modality, date_start, date_end, date_precision, data) "
            "VALUES (?,?,?,?,?,?,?,?,?,?,?,?,?,?,?,?)",
            [
                (e.id, e.doc_id, e.sentence_index, e.source.id, e.target.id, e.cameo, e.cameo_root, e.quad_class,
                 e.goldstein, e.polarity, int(e.negated), e.modality, e.date.start, e.date.end, e.date.precision,
                 json.dumps(e.to_dict()))
                for e in r.events
            ],
        )  # fmt: skip
        for c in r.claims:
            conn.execute(
                "INSERT INTO claims (id, doc_id, sentence_index, claimant_id, stance, hedged, negated, date_start, "
                "data) VALUES (?,?,?,?,?,?,?,?,?)",
                (c.id, c.doc_id, c.sentence_index, c.claimant.id if c.claimant else None, c.stance,
                 int(c.hedged), 0, c.date.start, json.dumps(c.to_dict())),
            )  # fmt: skip
            conn.executemany("INSERT INTO claim_about VALUES (?, ?)", [(c.id, a.id) for a in c.about])
    conn.commit()
    conn.close()


@pytest.fixture(scope="module")
def stores(tmp_path_factory):
    """The same documents in a store migrated from version 1 and in one written by this frenemy."""
    base = tmp_path_factory.mktemp("migrate")
    results = _results()
    _version_1_store(base / "old.db", results)
    Store(base / "old.db").close()  # opening for writing migrates
    with Store(base / "new.db", registry=NoRegistry()) as fresh:
        for r in results:
            fresh.write_result(r)
    return base / "old.db", base / "new.db", results


def test_migration_fills_the_fact_columns_as_the_write_path_does(stores):
    old, new, results = stores
    query = (
        "SELECT id, date_basis, attributed_name, action_text, sentence_key, publisher FROM events ORDER BY id"
    )
    with Store(old, readonly=True) as migrated, Store(new, readonly=True) as fresh:
        assert migrated.schema_version() == 2 and migrated.has_event_facts()
        rows = [tuple(r) for r in migrated.conn.execute(query)]
        assert rows == [tuple(r) for r in fresh.conn.execute(query)]
    events = {e.id: e for r in results for e in r.events}
    assert len(rows) == 72
    publishers = {r.document.id: r.document.publisher for r in results}
    for event_id, basis, by, action, key, publisher in rows:
        e = events[event_id]
        assert (basis, action, key) == (e.date.basis, e.action_text, sentence_key(e.sentence))
        assert publisher == publishers[e.doc_id]
        assert by == (e.attributed_to.name if e.attributed_to else None)
    assert {r[5] for r in rows} == {None, "Wire One", "Paper Two"}
    assert {r[2] for r in rows} == {None, "the United Nations"}


def test_migrated_store_reads_pair_facts_from_the_covering_index(stores):
    old, _, _ = stores
    with Store(old, readonly=True) as migrated:
        plan = " ".join(
            str(r[3])
            for r in migrated.conn.execute(
                "EXPLAIN QUERY PLAN SELECT id, publisher, sentence_key FROM events WHERE source_id = ? AND target_id = ?",
                ("iran", "al-qaeda"),
            )
        )
        assert "COVERING INDEX events_facts" in plan
        assert len(migrated.event_facts(dyad=("iran", "al-qaeda"))) == migrated.count_events(
            dyad=("iran", "al-qaeda")
        )


def test_large_pair_report_is_the_same_from_facts_and_from_an_unmigrated_read_only_store(
    tmp_path, stores, monkeypatch
):
    """A read-only version 1 store cannot migrate: its large pairs take the Event path, same report."""
    _, new, results = stores
    monkeypatch.setattr(dyad_module, "LARGE_PAIR_EVENTS", 10)
    monkeypatch.setattr(dyad_module, "LISTED_GROUPS", 4)
    monkeypatch.setattr(dyad_module, "LISTED_CLAIMS", 3)
    _version_1_store(tmp_path / "v1.db", results)
    with Store(tmp_path / "v1.db", readonly=True, registry=NoRegistry()) as v1:
        assert not v1.has_event_facts()
        from_events = dyad_module.dyad_report(v1, "iran", "al-qaeda")
    with Store(new, readonly=True, registry=NoRegistry()) as fresh:
        from_facts = dyad_module.dyad_report(fresh, "iran", "al-qaeda")
    assert from_facts["truncated"] is True and from_facts["events_total"] == 72
    assert from_facts["event_groups_listed"] < from_facts["event_groups_total"]
    for report in (from_events, from_facts):  # the actors come from each store
        report.pop("a"), report.pop("b")
    assert json.dumps(from_facts, sort_keys=True) == json.dumps(from_events, sort_keys=True)
