"""Extraction on a Dask distributed cluster: workers parse and code, the client writes.

``ingest_dask`` reads documents on the client, sends them to the workers in batches, and either
writes each returned ``DocumentResult`` into a store (one transaction per document, as the local
ingest does) or streams them into partitioned Parquet (``frenemy.export.parquet``). Each worker
process builds one ``Pipeline`` per settings (model, actor files, lexicons) and keeps it for every
later batch, so the model loads once per worker, not once per task. At most ``max_in_flight``
batches are outstanding, so memory on the client stays flat however large the corpus.

Without a scheduler address a ``LocalCluster`` of ``n_workers`` processes (one thread each,
loopback only, no dashboard) is started for the run and shut down after it. With an address
(``tcp://host:8786``) the workers must have frenemy and the same model installed.
"""

from __future__ import annotations

import logging
import os
import threading
import time
from collections.abc import Iterable, Iterator, Sequence
from contextlib import contextmanager
from dataclasses import dataclass, field
from pathlib import Path
from typing import TYPE_CHECKING, Any

from frenemy import PIPELINE_VERSION
from frenemy.errors import FrenemyError, InputError, SkippedInput
from frenemy.models import Document, DocumentResult

if TYPE_CHECKING:
    from distributed import Client

    from frenemy.pipeline import Pipeline
    from frenemy.store.db import Store


@dataclass(frozen=True)
class PipelineSettings:
    """What a worker needs to build the same Pipeline as the client would (hashable: cache key)."""

    model: str | None = None
    actor_files: tuple[str, ...] = ()
    lexicon_files: tuple[str, ...] = ()


@dataclass
class FailedDocument:
    """A document a worker could not analyse (picklable, unlike the coded exceptions)."""

    source: str
    message: str


@dataclass
class BatchOutcome:
    """What one task returns: the results, the failures, and the pipeline's provenance."""

    results: list[DocumentResult]
    failures: list[FailedDocument]
    model: str
    dictionary_hash: str
    worker_pid: int


@dataclass
class DaskSummary:
    """Counts for one distributed run; ``str()`` gives the one-line report the CLI prints."""

    ingested: int = 0  # documents analysed and written (to the store or to Parquet)
    duplicates: int = 0
    failed: int = 0
    errors: list[str] = field(default_factory=list)
    events: int = 0
    claims: int = 0
    mentions: int = 0
    batches: int = 0
    workers: int = 0
    worker_pids: set[int] = field(default_factory=set)
    scheduler: str = ""
    out: str | None = None
    parquet_rows: dict[str, int] = field(default_factory=dict)
    seconds: float = 0.0

    def line(self) -> str:
        where = f"Parquet in {self.out}" if self.out else "the store"
        return (
            f"dask: ingested {self.ingested} into {where}, skipped {self.duplicates} as duplicates, "
            f"failed {self.failed}; {self.events} events, {self.claims} claims; "
            f"{self.batches} batches on {self.workers} workers in {self.seconds:.1f}s"
        )

    def __str__(self) -> str:
        return self.line()


# --- worker side -----------------------------------------------------------------------------
_PIPELINES: dict[PipelineSettings, Pipeline] = {}
_PIPELINES_LOCK = threading.Lock()
_ANALYSE_LOCK = threading.Lock()  # the registry grows as documents are read: one batch at a time


def worker_pipeline(settings: PipelineSettings) -> Pipeline:
    """The Pipeline for these settings in this process, built on first use and kept."""
    with _PIPELINES_LOCK:
        pipeline = _PIPELINES.get(settings)
        if pipeline is None:
            from frenemy.pipeline import Pipeline

            pipeline = Pipeline(
                model=settings.model,
                actor_files=list(settings.actor_files),
                lexicon_files=list(settings.lexicon_files),
            )
            _PIPELINES[settings] = pipeline
        return pipeline


def analyse_batch(documents: list[Document], settings: PipelineSettings) -> BatchOutcome:
    """Run on a worker: analyse a batch with the cached Pipeline (one ``nlp.pipe`` pass)."""
    pipeline = worker_pipeline(settings)
    results: list[DocumentResult] = []
    failures: list[FailedDocument] = []
    with _ANALYSE_LOCK:
        # analyse_many may reorder (long documents last): each outcome names its own document
        for outcome in pipeline.analyse_many(documents, n_process=1, batch_size=max(len(documents), 1)):
            if isinstance(outcome, InputError):
                failures.append(FailedDocument(outcome.source, str(outcome)))
            else:
                results.append(outcome)
    return BatchOutcome(results, failures, pipeline.model, pipeline.dictionary_hash, os.getpid())


# --- client side -----------------------------------------------------------------------------
@contextmanager
def dask_client(
    scheduler: str | None = None, n_workers: int = 2, *, timeout: str = "20s"
) -> Iterator[Client]:
    """A Client on ``scheduler``, or on a fresh loopback LocalCluster of ``n_workers`` processes.

    ``timeout`` bounds how long connecting to a remote scheduler may take.
    """
    from distributed import Client, LocalCluster

    if scheduler:
        try:
            client = Client(scheduler, timeout=timeout)
        except (OSError, TimeoutError) as exc:
            raise FrenemyError(
                f"cannot reach the Dask scheduler at {scheduler}: {exc}. Start one (dask scheduler) and "
                "its workers (dask worker ADDRESS), or leave out --scheduler to use a local cluster",
                code="E701",
            ) from exc
        try:
            yield client
        finally:
            client.close()
        return
    cluster = LocalCluster(
        n_workers=max(n_workers, 1),
        threads_per_worker=1,
        processes=True,
        host="127.0.0.1",
        dashboard_address=None,
        silence_logs=logging.ERROR,
    )
    try:
        client = Client(cluster)
        try:
            yield client
        finally:
            client.close()
    finally:
        cluster.close()


def _documents(items: Iterable[Document | InputError | str | Path]) -> Iterator[Document | InputError]:
    """Documents and read errors from a mix of Documents, InputErrors and paths (read lazily)."""
    paths: list[str | Path] = []
    for item in items:
        if isinstance(item, (str, Path)):
            paths.append(item)
            continue
        if paths:
            yield from _read(paths)
            paths = []
        yield item
    if paths:
        yield from _read(paths)


def _read(paths: list[str | Path]) -> Iterator[Document | InputError]:
    from frenemy.ingest import read_paths

    yield from read_paths(paths)


def _batches(items: Iterable[Document], size: int) -> Iterator[list[Document]]:
    batch: list[Document] = []
    for item in items:
        batch.append(item)
        if len(batch) >= size:
            yield batch
            batch = []
    if batch:
        yield batch


def ingest_dask(
    paths_or_documents: Iterable[Document | InputError | str | Path],
    *,
    scheduler: str | None = None,
    out: Path | None = None,
    store: Store | None = None,
    n_workers: int = 2,
    model: str | None = None,
    actor_files: Sequence[str | Path] = (),
    lexicon_files: Sequence[str | Path] = (),
    batch_size: int = 8,
    max_in_flight: int | None = None,
    reprocess: bool = False,
) -> DaskSummary:
    """Analyse documents on a Dask cluster; write results to ``store`` or Parquet under ``out``.

    ``paths_or_documents`` may mix file/folder paths (read on the client with the normal readers),
    ``Document`` objects and ``InputError`` items (counted as failed). Documents already in
    ``store`` (unless ``reprocess``) and repeated ids are skipped before any work is sent.
    With both ``store`` and ``out``, results go to both.

    >>> summary = ingest_dask(["articles/"], store=Store("frenemy.db"), n_workers=2)  # doctest: +SKIP
    >>> summary.ingested, summary.failed  # doctest: +SKIP
    (120, 0)
    """
    from distributed import as_completed

    from frenemy.export.parquet import ParquetWriter

    if store is None and out is None:
        raise FrenemyError("ingest_dask needs a store to write or an out folder for Parquet", code="E702")
    started = time.perf_counter()
    settings = PipelineSettings(
        model=model,
        actor_files=tuple(str(Path(p).resolve()) for p in actor_files),
        lexicon_files=tuple(str(Path(p).resolve()) for p in lexicon_files),
    )
    summary = DaskSummary(out=str(out) if out else None)
    writer = ParquetWriter(out) if out is not None else None
    seen: set[str] = set()

    def fresh() -> Iterator[Document]:
        for item in _documents(paths_or_documents):
            if isinstance(item, SkippedInput):  # named, not failed (W101)
                summary.errors.append(str(item))
                continue
            if isinstance(item, InputError):
                summary.failed += 1
                summary.errors.append(str(item))
                continue
            if item.id in seen or (store is not None and not reprocess and store.has_document(item.id)):
                summary.duplicates += 1
                continue
            seen.add(item.id)
            yield item

    def take(outcome: BatchOutcome) -> None:
        summary.worker_pids.add(outcome.worker_pid)
        for failure in outcome.failures:
            summary.failed += 1
            summary.errors.append(failure.message)
        for result in outcome.results:
            if store is not None and not store.write_result(
                result,
                replace=reprocess,
                pipeline_version=PIPELINE_VERSION,
                model=outcome.model,
                dictionary_hash=outcome.dictionary_hash,
            ):
                summary.duplicates += 1  # another ingest stored it after the check in fresh()
                continue
            if writer is not None:
                writer.add(result)
            summary.ingested += 1
            summary.events += len(result.events)
            summary.claims += len(result.claims)
            summary.mentions += len(result.mentions)

    try:
        with dask_client(scheduler, n_workers) as client:
            summary.scheduler = client.scheduler.address
            summary.workers = len(client.scheduler_info().get("workers", {}))
            limit = max_in_flight or max(2 * max(summary.workers, 1), 2)
            pending = as_completed()
            sources: dict[Any, list[str]] = {}

            def settle(future: Any) -> None:
                names = sources.pop(future.key, [])
                try:
                    outcome = future.result()
                except Exception as exc:  # a lost worker costs its batch, not the run
                    summary.failed += len(names)
                    summary.errors.extend(
                        f"E191 {name}: analysis on the cluster failed ({type(exc).__name__}: {exc})"
                        for name in names
                    )
                    return
                take(outcome)

            for batch in _batches(fresh(), batch_size):
                future = client.submit(analyse_batch, batch, settings, pure=False)
                sources[future.key] = [d.source_path or d.id for d in batch]
                pending.add(future)
                summary.batches += 1
                while pending.count() >= limit:
                    settle(next(pending))
            for future in pending:
                settle(future)
    finally:
        if writer is not None:
            summary.parquet_rows = writer.close()
    summary.seconds = time.perf_counter() - started
    return summary
