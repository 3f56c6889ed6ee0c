"""Reading a stored document again with corrected metadata updates the store and says so."""

from __future__ import annotations

import sqlite3
from pathlib import Path

import pytest

from frenemy.ingest import DocumentMeta, read_paths
from frenemy.pipeline import Pipeline, ingest_into
from frenemy.store.db import Store

TEXT = "Iran detained al-Qaeda members last year, officials in Tehran said.\n"


@pytest.fixture(scope="module")
def pipeline() -> Pipeline:
    return Pipeline()


def ingest(db: Path, path: Path, pipeline: Pipeline, **meta: str) -> object:
    with Store(str(db), readonly=False) as store:
        return ingest_into(store, read_paths([path], meta=DocumentMeta(**meta)), pipeline)


def event_dates(db: Path) -> list[tuple[str | None, str | None]]:
    conn = sqlite3.connect(db)
    try:
        return conn.execute("SELECT date_start, publisher FROM events ORDER BY id").fetchall()
    finally:
        conn.close()


def test_corrected_publisher_and_date_are_stored(tmp_path: Path, pipeline: Pipeline) -> None:
    article = tmp_path / "raid.txt"
    article.write_text(TEXT, encoding="utf-8")
    db = tmp_path / "f.db"
    first = ingest(db, article, pipeline, publisher="Wrong Wire", published="2012-05-04")
    assert first.ingested == 1  # type: ignore[attr-defined]
    assert event_dates(db) and all(d == ("2011", "Wrong Wire") for d in event_dates(db))

    # the same publisher again: a plain duplicate, nothing said
    again = ingest(db, article, pipeline, publisher="Wrong Wire")
    assert again.duplicates == 1 and again.updated == 0 and not again.messages  # type: ignore[attr-defined]

    # only the publisher corrected: stored at once, events' copy too, no second extraction
    fixed = ingest(db, article, pipeline, publisher="Right Wire")
    assert fixed.duplicates == 0 and fixed.updated == 1 and fixed.ingested == 0  # type: ignore[attr-defined]
    assert any("publisher 'Wrong Wire' -> 'Right Wire'" in m for m in fixed.messages)  # type: ignore[attr-defined]
    assert "updated the metadata of 1" in fixed.line()  # type: ignore[attr-defined]
    with Store(str(db), readonly=True) as store:
        (doc,) = store.documents()
    assert doc.publisher == "Right Wire" and doc.published == "2012-05-04"
    assert all(d == ("2011", "Right Wire") for d in event_dates(db))

    # the publication date corrected: "last year" is resolved again against the new date
    redated = ingest(db, article, pipeline, published="2016-02-01")
    assert redated.updated == 1 and redated.duplicates == 0  # type: ignore[attr-defined]
    assert any("published '2012-05-04' -> '2016-02-01'" in m for m in redated.messages)  # type: ignore[attr-defined]
    with Store(str(db), readonly=True) as store:
        (doc,) = store.documents()
    assert (doc.publisher, doc.published) == ("Right Wire", "2016-02-01")
    assert event_dates(db) and all(d == ("2015", "Right Wire") for d in event_dates(db))
