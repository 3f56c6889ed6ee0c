"""Readers during an ingest (WAL) see consistent, growing data; two ingests into one store both finish.

Documented behaviour: a second writer waits for the first (SQLite busy timeout of 60 s, each
document one BEGIN IMMEDIATE transaction), so two ``frenemy ingest`` runs into the same store
interleave document by document and both complete; neither corrupts the store nor stores a
document twice, even when their inputs overlap.
"""

from __future__ import annotations

import os
import subprocess
import time

import pytest

from test_crash_safety import assert_store_sound, count_documents, frenemy_cmd, write_corpus


def _env() -> dict[str, str]:
    return {k: v for k, v in os.environ.items() if k != "FRENEMY_DB"}


@pytest.mark.slow
def test_reader_sees_no_errors_and_no_torn_reads_while_ingest_writes(tmp_path):
    from fastapi.testclient import TestClient

    from frenemy.store.db import Store
    from frenemy.web.app import create_app

    corpus = tmp_path / "corpus"
    write_corpus(corpus, 40, sentences=15)
    db = tmp_path / "live.db"
    proc = subprocess.Popen(
        frenemy_cmd("ingest", str(corpus), "--db", str(db), "--quiet"),
        stdout=subprocess.DEVNULL,
        stderr=subprocess.PIPE,
        env=_env(),
    )
    try:
        deadline = time.monotonic() + 90
        while count_documents(db) == 0 and proc.poll() is None and time.monotonic() < deadline:
            time.sleep(0.02)
        reads = 0
        api_reads = 0
        last: dict[str, int] = {}
        seen_during_run: set[int] = set()
        with (
            Store(db, readonly=True) as store,
            TestClient(create_app(str(db)), base_url="http://127.0.0.1") as web,
        ):
            while True:
                running = proc.poll() is None
                # one read transaction: the counts and the reference check see one snapshot
                store.conn.execute("BEGIN")
                stats = store.stats()
                dangling = store.conn.execute(
                    "SELECT COUNT(*) FROM events WHERE doc_id NOT IN (SELECT id FROM documents)"
                ).fetchone()[0]
                store.conn.execute("COMMIT")
                assert dangling == 0, "an event was visible before its document"
                for key, value in stats.items():
                    if key != "contradictions":  # recomputed wholesale at the end of an ingest
                        assert value >= last.get(key, 0), f"{key} went down from {last.get(key)} to {value}"
                last = stats
                if running:
                    seen_during_run.add(stats["documents"])
                events = store.events(limit=20)
                assert all(e.doc_id and e.cameo for e in events)
                reads += 1
                if reads % 5 == 0:
                    response = web.get("/api/stats")
                    assert response.status_code == 200, response.text
                    assert response.json()["documents"] >= stats["documents"]
                    api_reads += 1
                if not running:
                    break
        assert proc.returncode == 0, proc.stderr.read().decode() if proc.stderr else ""
    finally:
        if proc.poll() is None:
            proc.kill()
            proc.wait()
        if proc.stderr:
            proc.stderr.close()
    assert reads > 10 and api_reads > 1
    assert len(seen_during_run) > 2, "the reader should have seen the store grow during the ingest"
    assert last["documents"] == 40
    assert_store_sound(db).close()


@pytest.mark.slow
def test_two_ingests_into_one_store_both_finish_without_duplicates(tmp_path):
    first, second = tmp_path / "a", tmp_path / "b"
    write_corpus(first, 12, first=0, sentences=10)  # dispatches 0-11
    write_corpus(second, 12, first=8, sentences=10)  # dispatches 8-19: four overlap with the first run
    db = tmp_path / "shared.db"
    procs = [
        subprocess.Popen(
            frenemy_cmd("ingest", str(folder), "--db", str(db), "--quiet"),
            stdout=subprocess.DEVNULL,
            stderr=subprocess.PIPE,
            text=True,
            env=_env(),
        )
        for folder in (first, second)
    ]
    outcomes = []
    for proc in procs:
        _, err = proc.communicate(timeout=180)
        outcomes.append((proc.returncode, err))
    for code, err in outcomes:
        assert code == 0, err[-2000:]
    conn = assert_store_sound(db)
    texts = conn.execute("SELECT text FROM documents").fetchall()
    conn.close()
    numbers = sorted(int(t[0].split()[2]) for t in texts)  # "Dispatch number N ..."
    assert numbers == list(range(1, 21)), "every distinct document exactly once"
