"""A SIGKILLed ingest loses nothing and leaves nothing partial; re-running completes the store.

The store writes each document and everything extracted from it in one transaction (WAL), so
after a kill at any moment every document is either fully there or absent.
"""

from __future__ import annotations

import os
import signal
import sqlite3
import subprocess
import sys
import time
from pathlib import Path

import pytest
from bench.corpus import generated_news

N_DOCS = 30

# (table, column naming the document) for every table that hangs off documents
CHILD_TABLES = [("sentences", "doc_id"), ("mentions", "doc_id"), ("events", "doc_id"), ("claims", "doc_id")]


def frenemy_cmd(*args: str) -> list[str]:
    return [sys.executable, "-c", "import sys; from frenemy.cli import main; sys.exit(main())", *args]


def write_corpus(folder: Path, n: int, *, first: int = 0, sentences: int = 25) -> list[Path]:
    folder.mkdir(parents=True, exist_ok=True)
    texts = generated_news(first + n, sentences_per_doc=sentences, seed=11)[first:]
    paths = []
    for i, text in enumerate(texts, start=first):
        path = folder / f"dispatch_{i:03d}.txt"
        path.write_text(text + "\n", encoding="utf-8")
        paths.append(path)
    return paths


def count_documents(db: Path) -> int:
    """Committed documents, read the way an outside tool would (plain read-only connection)."""
    if not db.exists():
        return 0
    try:
        conn = sqlite3.connect(f"file:{db}?mode=ro", uri=True, timeout=5)
        try:
            return int(conn.execute("SELECT COUNT(*) FROM documents").fetchone()[0])
        finally:
            conn.close()
    except sqlite3.OperationalError:  # schema not created yet
        return 0


def assert_store_sound(db: Path) -> sqlite3.Connection:
    """integrity_check ok, FTS index consistent, no row pointing at a missing document."""
    conn = sqlite3.connect(db)
    assert conn.execute("PRAGMA integrity_check").fetchone()[0] == "ok"
    assert conn.execute("PRAGMA foreign_key_check").fetchall() == []
    conn.execute("INSERT INTO sentences_fts(sentences_fts) VALUES ('integrity-check')")
    for table, column in CHILD_TABLES:
        orphans = conn.execute(
            f"SELECT COUNT(*) FROM {table} WHERE {column} NOT IN (SELECT id FROM documents)"
        ).fetchone()[0]
        assert orphans == 0, f"{orphans} {table} rows belong to no stored document"
    orphan_about = conn.execute(
        "SELECT COUNT(*) FROM claim_about WHERE claim_id NOT IN (SELECT id FROM claims)"
    ).fetchone()[0]
    assert orphan_about == 0
    # every stored document is complete: it has its sentences
    empty = conn.execute(
        "SELECT COUNT(*) FROM documents d WHERE NOT EXISTS (SELECT 1 FROM sentences s WHERE s.doc_id = d.id)"
    ).fetchone()[0]
    assert empty == 0, f"{empty} documents were stored without their sentences"
    return conn


@pytest.mark.slow
def test_sigkill_mid_ingest_then_rerun_stores_every_document_exactly_once(tmp_path):
    corpus = tmp_path / "corpus"
    write_corpus(corpus, N_DOCS)
    db = tmp_path / "crash.db"
    env = {k: v for k, v in os.environ.items() if k != "FRENEMY_DB"}
    cmd = frenemy_cmd("ingest", str(corpus), "--db", str(db), "--quiet")

    proc = subprocess.Popen(cmd, stdout=subprocess.DEVNULL, stderr=subprocess.PIPE, env=env)
    deadline = time.monotonic() + 90
    committed = 0
    try:
        while time.monotonic() < deadline and proc.poll() is None:
            committed = count_documents(db)
            if committed >= 3:
                break
            time.sleep(0.02)
        assert proc.poll() is None, "ingest finished before it could be killed: make the corpus larger"
        os.kill(proc.pid, signal.SIGKILL)
    finally:
        proc.wait(timeout=30)
        if proc.stderr:
            proc.stderr.close()
    assert proc.returncode == -signal.SIGKILL
    at_kill = count_documents(db)
    assert 3 <= at_kill < N_DOCS, f"the kill should land mid-run, {at_kill} of {N_DOCS} were stored"
    assert_store_sound(db).close()

    rerun = subprocess.run(cmd, capture_output=True, text=True, env=env, timeout=180)
    assert rerun.returncode == 0, rerun.stderr[-2000:]
    assert f"skipped {at_kill} as duplicates" in rerun.stderr

    conn = assert_store_sound(db)
    rows = conn.execute("SELECT source_path, COUNT(*) FROM documents GROUP BY source_path").fetchall()
    conn.close()
    assert len(rows) == N_DOCS
    assert all(n == 1 for _, n in rows)
    assert {Path(p).name for p, _ in rows} == {f"dispatch_{i:03d}.txt" for i in range(N_DOCS)}
