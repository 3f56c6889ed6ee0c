"""Two ingests of one corpus at once: each document is stored once, and the ingest that lost the
race says so (a duplicate), because the store's write transaction decides, not a check before it."""

from __future__ import annotations

import multiprocessing
import sys
from collections.abc import Iterable, Iterator
from pathlib import Path
from typing import Any

sys.path.insert(0, str(Path(__file__).resolve().parent))

from dyad_factory import AQ, IRAN, NoRegistry, date, doc, event  # noqa: E402
from frenemy.models import Document, DocumentResult, Mention, Sentence  # noqa: E402
from frenemy.pipeline import ingest_into  # noqa: E402
from frenemy.store.db import Store  # noqa: E402

N = 6


def _documents() -> list[Document]:
    out = []
    for n in range(N):
        d = doc(f"race{n}", published="2012-05-04")
        d.text = f"Report {n}: Iran detained al-Qaeda couriers."
        d.source_path = f"corpus/report-{n}.txt"
        out.append(d)
    return out


def _analyse(d: Document) -> DocumentResult:
    return DocumentResult(
        d,
        [Sentence(d.id, 0, 0, len(d.text), d.text)],
        [Mention(d.id, 0, 11, 15, "Iran", "iran")],
        [event(IRAN, AQ, "173", -5.0, date("2003"), d.id, action="detained")],
        [],
        [IRAN, AQ],
    )


class SlowPipeline:
    """Reads every document (so each passes the has_document check), runs ``meanwhile``, then
    hands back the results: the other ingest commits in between, as with a slow parser."""

    model = "fake"
    dictionary_hash = "fake"

    def __init__(self, meanwhile: Any) -> None:
        self.meanwhile = meanwhile

    def analyse_many(self, items: Iterable[Any], **_: Any) -> Iterator[DocumentResult]:
        docs = list(items)
        self.meanwhile()
        for d in docs:
            yield _analyse(d)


class FastPipeline(SlowPipeline):
    def __init__(self) -> None:
        super().__init__(lambda: None)


def test_the_ingest_that_loses_the_race_reports_duplicates_on_a_second_connection(tmp_path: Path):
    db = tmp_path / "race.db"
    Store(db).close()
    other: dict[str, Any] = {}

    def other_ingest() -> None:
        with Store(db, registry=NoRegistry()) as second:  # a second connection to the same file
            other["summary"] = ingest_into(second, _documents(), FastPipeline())

    with Store(db, registry=NoRegistry()) as first:
        late = ingest_into(first, _documents(), SlowPipeline(other_ingest))
    assert other["summary"].ingested == N and other["summary"].duplicates == 0
    assert late.ingested == 0 and late.duplicates == N
    named = [m for m in late.messages if "stored by another ingest" in m]
    assert len(named) == N and any("corpus/report-3.txt" in m for m in named)
    with Store(db, readonly=True) as store:
        assert store.stats()["documents"] == N and store.stats()["events"] == N


def _process_ingest(db: str, barrier: Any, queue: Any) -> None:
    with Store(db, registry=NoRegistry()) as store:
        summary = ingest_into(store, _documents(), SlowPipeline(lambda: barrier.wait(timeout=60)))
    queue.put((summary.ingested, summary.duplicates))


def test_two_processes_store_each_document_once_and_count_the_rest_as_duplicates(tmp_path: Path):
    db = tmp_path / "race-procs.db"
    Store(db).close()
    ctx = multiprocessing.get_context("fork")
    barrier, queue = ctx.Barrier(2), ctx.Queue()
    procs = [ctx.Process(target=_process_ingest, args=(str(db), barrier, queue)) for _ in range(2)]
    for p in procs:
        p.start()
    for p in procs:
        p.join(timeout=120)
    assert [p.exitcode for p in procs] == [0, 0]
    results = [queue.get(timeout=5) for _ in procs]
    # both passed the check before analysing; the write transactions split the corpus between them
    assert sum(ingested for ingested, _ in results) == N
    assert sum(dups for _, dups in results) == N
    with Store(db, readonly=True) as store:
        assert store.stats()["documents"] == N and store.stats()["sentences"] == N
