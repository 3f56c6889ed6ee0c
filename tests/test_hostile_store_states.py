"""Broken stores: junk, truncated, damaged, newer, read-only or full stores give a coded E2xx
error and exit 3 from every command, never a traceback, and never a reported success."""

from __future__ import annotations

import os
import sqlite3
import sys
from pathlib import Path

import pytest

sys.path.insert(0, str(Path(__file__).resolve().parent))

from dyad_factory import AQ, IRAN, NoRegistry, date, doc, event  # noqa: E402
from frenemy.cli import main  # noqa: E402
from frenemy.errors import StoreError  # noqa: E402
from frenemy.models import DocumentResult, Mention, Sentence  # noqa: E402
from frenemy.store.db import Store  # noqa: E402

READ_COMMANDS = [
    ["actors"],
    ["events"],
    ["claims"],
    ["contradictions"],
    ["dyad", "iran", "al-qaeda"],
    ["search", "Iran"],
    ["network"],
    ["export", "--format", "csv", "--out", "{tmp}/out.csv"],
]
DOCS = 300


def _result(n: int) -> DocumentResult:
    document = doc(f"d{n:04d}", published="2012-05-04")
    document.text = f"Report {n}: Iran detained al-Qaeda couriers in {2000 + n % 20}. " + "Filler text. " * 40
    events = [event(IRAN, AQ, "173", -5.0, date(str(2000 + n % 20)), document.id, action="detained")]
    mentions = [
        Mention(document.id, 0, 11, 15, "Iran", "iran"),
        Mention(document.id, 0, 25, 33, "al-Qaeda", "al-qaeda"),
    ]
    return DocumentResult(
        document,
        [Sentence(document.id, 0, 0, len(document.text), document.text)],
        mentions,
        events,
        [],
        [IRAN, AQ],
    )


def _build(path: Path, docs: int = DOCS) -> Path:
    with Store(path, registry=NoRegistry()) as store:
        for n in range(docs):
            store.write_result(_result(n))
    return path


@pytest.fixture(scope="module")
def good_store(tmp_path_factory: pytest.TempPathFactory) -> Path:
    return _build(tmp_path_factory.mktemp("stores") / "good.db")


def _copy(src: Path, dst: Path) -> Path:
    dst.write_bytes(src.read_bytes())
    return dst


def _page_size(path: Path) -> int:
    return int.from_bytes(path.read_bytes()[16:18], "big")


def _damage_pages(path: Path, first_page: int, last_page: int | None = None) -> None:
    """Overwrite pages first_page..last_page (1-based) with bytes no b-tree page starts with."""
    size = _page_size(path)
    data = bytearray(path.read_bytes())
    pages = len(data) // size
    for page in range(first_page, (last_page or pages) + 1):
        data[(page - 1) * size : page * size] = bytes([0x7A]) * size
    path.write_bytes(bytes(data))


def _root_page(path: Path, table: str) -> int:
    with sqlite3.connect(path) as conn:
        return int(conn.execute("SELECT rootpage FROM sqlite_master WHERE name = ?", (table,)).fetchone()[0])


def _broken(kind: str, good: Path, tmp: Path) -> Path:
    path = tmp / f"{kind}.db"
    if kind == "junk":
        path.write_bytes(os.urandom(8192))
    elif kind == "empty-sqlite":  # a real SQLite file that frenemy never made
        with sqlite3.connect(path) as conn:
            conn.execute("CREATE TABLE notes (body TEXT)")
    elif kind == "truncated":
        _copy(good, path)
        os.truncate(path, path.stat().st_size // 3)
    elif kind == "damaged":
        _copy(good, path)
        _damage_pages(path, 2)  # every page but the header page
    elif kind == "newer":
        _copy(good, path)
        with sqlite3.connect(path) as conn:
            conn.execute("INSERT INTO migrations VALUES (99, 'from the future', '2030-01-01')")
    return path


@pytest.mark.parametrize("kind", ["junk", "empty-sqlite", "truncated", "damaged", "newer"])
@pytest.mark.parametrize("command", READ_COMMANDS, ids=lambda c: c[0])
def test_read_commands_on_a_broken_store_exit_3_with_a_code(
    good_store: Path, tmp_path: Path, capsys, kind: str, command: list[str]
):
    db = _broken(kind, good_store, tmp_path)
    argv = [c.format(tmp=tmp_path) for c in command]
    capsys.readouterr()
    code = main([*argv, "--db", str(db)])
    err = capsys.readouterr().err
    assert code == 3, err
    lines = err.strip().splitlines()
    assert len(lines) == 1 and lines[0][:2] == "E2" and str(db) in lines[0], err
    expected = {
        "junk": "E202",
        "empty-sqlite": "E202",
        "truncated": "E204",
        "damaged": "E20",
        "newer": "E203",
    }
    assert lines[0].startswith(expected[kind])


@pytest.mark.parametrize("command", READ_COMMANDS, ids=lambda c: c[0])
def test_a_damaged_table_found_mid_command_is_e204(
    good_store: Path, tmp_path: Path, capsys, command: list[str]
):
    """The store opens (its schema pages are whole), then a read reaches a damaged page."""
    db = _copy(good_store, tmp_path / "events-damaged.db")
    for table in (
        "events",
        "sentences",
        "mentions",
        "actors",
        "aliases",
        "contradictions",
        "claims",
        "documents",
    ):
        page = _root_page(db, table)
        _damage_pages(db, page, page)
    argv = [c.format(tmp=tmp_path) for c in command]
    capsys.readouterr()
    code = main([*argv, "--db", str(db)])
    err = capsys.readouterr().err
    assert code == 3 and err.startswith("E204 ") and "damaged" in err, err


def test_writing_into_a_damaged_store_is_refused_before_anything_is_written(good_store: Path, tmp_path: Path):
    db = _copy(good_store, tmp_path / "bad-page.db")
    # one leaf page of the events table, not the schema: only an integrity check sees it before a write
    with sqlite3.connect(db) as conn:
        pages = [
            r[0]
            for r in conn.execute("SELECT pageno FROM dbstat WHERE name = 'events' AND pagetype = 'leaf'")
        ]
    _damage_pages(db, pages[len(pages) // 2], pages[len(pages) // 2])
    with pytest.raises(StoreError) as err:
        Store(db, registry=NoRegistry())
    assert err.value.code == "E204" and err.value.exit_code == 3


def test_a_full_disk_is_e205_and_keeps_nothing_of_the_document(tmp_path: Path):
    db = _build(tmp_path / "full.db", docs=5)
    big = _result(99)
    big.document.text = "Iran detained al-Qaeda couriers. " * 20_000  # ~660 kB: more pages than allowed
    big.sentences = [Sentence(big.document.id, 0, 0, len(big.document.text), big.document.text)]
    with Store(db, registry=NoRegistry()) as store:
        pages = int(store.conn.execute("PRAGMA page_count").fetchone()[0])
        store.conn.execute(f"PRAGMA max_page_count = {pages + 20}")  # a disk with 20 pages left
        with pytest.raises(StoreError) as err:
            store.write_result(big)
        assert err.value.code == "E205" and "not kept" in err.value.message
        assert store.stats()["documents"] == 5 and not store.has_document(big.document.id)
        assert (
            store.conn.execute(
                "SELECT COUNT(*) FROM sentences WHERE doc_id = ?", (big.document.id,)
            ).fetchone()[0]
            == 0
        )
        store.write_result(_result(6))  # the store still works for what fits
        assert store.stats()["documents"] == 6


def test_ingest_on_a_full_disk_exits_3_with_e205(tmp_path: Path, capsys, monkeypatch):
    db = _build(tmp_path / "full-cli.db", docs=2)
    doc_file = tmp_path / "long.txt"
    doc_file.write_text("Iran detained al-Qaeda couriers in 2003. " * 5000, encoding="utf-8")
    opened = Store.__init__

    def tiny_disk(self, *args, **kwargs):
        opened(self, *args, **kwargs)
        pages = int(self.conn.execute("PRAGMA page_count").fetchone()[0])
        self.conn.execute(f"PRAGMA max_page_count = {pages + 5}")

    monkeypatch.setattr(Store, "__init__", tiny_disk)
    capsys.readouterr()
    code = main(["ingest", str(doc_file), "--db", str(db), "--quiet", "--published", "2012-01-01"])
    err = capsys.readouterr().err
    assert code == 3 and "E205 " in err, err
    assert "ingested 1" not in err
    monkeypatch.setattr(Store, "__init__", opened)
    with Store(db, readonly=True) as store:
        assert store.stats()["documents"] == 2


def test_a_read_only_connection_cannot_write_and_says_so(good_store: Path, tmp_path: Path):
    db = _copy(good_store, tmp_path / "ro.db")
    with Store(db, readonly=True, registry=NoRegistry()) as store:
        with pytest.raises(StoreError) as err:
            store.upsert_actors([IRAN])
    assert err.value.code == "E206" and "permissions" in err.value.message


@pytest.mark.skipif(hasattr(os, "geteuid") and os.geteuid() == 0, reason="root writes read-only files")
def test_ingest_into_a_read_only_file_exits_3(good_store: Path, tmp_path: Path, capsys):
    db = _copy(good_store, tmp_path / "ro-file.db")
    db.chmod(0o444)
    doc_file = tmp_path / "a.txt"
    doc_file.write_text("Iran detained al-Qaeda couriers in 2003.", encoding="utf-8")
    code = main(["ingest", str(doc_file), "--db", str(db), "--quiet"])
    assert code == 3 and capsys.readouterr().err.startswith("E206 ")


def test_ingest_into_a_store_the_os_will_not_let_us_write_exits_3(
    good_store: Path, tmp_path: Path, capsys, monkeypatch
):
    """As the read-only-file test above, for runs as root (which may write any file): the store
    is opened the way SQLite opens a file it may not write, and the ingest stops with E206."""
    import frenemy.store.db as db_module

    db = _copy(good_store, tmp_path / "ro-open.db")
    real_connect = sqlite3.connect

    def read_only_connect(database, *args, **kwargs):
        kwargs.pop("uri", None)
        return real_connect(f"file:{Path(database).resolve()}?mode=ro", *args, uri=True, **kwargs)

    monkeypatch.setattr(db_module.sqlite3, "connect", read_only_connect)
    doc_file = tmp_path / "a.txt"
    doc_file.write_text("Iran detained al-Qaeda couriers in 2003.", encoding="utf-8")
    capsys.readouterr()
    code = main(["ingest", str(doc_file), "--db", str(db), "--quiet"])
    err = capsys.readouterr().err
    assert code == 3 and err.startswith("E206 ") and "ingested" not in err, err
    monkeypatch.undo()
    with Store(db, readonly=True) as store:
        assert store.stats()["documents"] == DOCS
