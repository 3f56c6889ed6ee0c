"""Timing and memory measurements used by bench.run.

Throughput is measured in this process; peak memory is measured on a separate ``frenemy ingest``
process (and every process it starts) by polling resident set sizes with psutil, so the figure
is what a user's machine sees, worker processes included.
"""

from __future__ import annotations

import os
import subprocess
import sys
import tempfile
import threading
import time
from dataclasses import dataclass, field
from pathlib import Path
from typing import Any

import psutil

from bench.corpus import word_count, write_corpus


@dataclass
class Throughput:
    words: int
    docs: int
    seconds: float
    details: dict[str, Any] = field(default_factory=dict)

    @property
    def words_per_s(self) -> float:
        return self.words / self.seconds if self.seconds > 0 else 0.0

    @property
    def docs_per_s(self) -> float:
        return self.docs / self.seconds if self.seconds > 0 else 0.0

    def to_dict(self) -> dict[str, Any]:
        return {
            "words": self.words,
            "docs": self.docs,
            "seconds": round(self.seconds, 3),
            "words_per_s": round(self.words_per_s, 1),
            "docs_per_s": round(self.docs_per_s, 2),
            **self.details,
        }


def measure_spacy(texts: list[str], *, model: str | None, n_process: int, batch_size: int) -> Throughput:
    """Bare spaCy: ``nlp.pipe`` over the texts with frenemy's model, processes and batch size.

    The model is loaded (and warmed on one text) before the clock starts, as frenemy's pipeline is.
    """
    from frenemy.nlp.pipeline import load_nlp

    nlp = load_nlp(model)
    nlp(texts[0])
    tokens = 0
    start = time.perf_counter()
    for doc in nlp.pipe(texts, n_process=n_process, batch_size=batch_size):
        tokens += len(doc)
    seconds = time.perf_counter() - start
    return Throughput(word_count(texts), len(texts), seconds, {"tokens": tokens})


def measure_frenemy(
    texts: list[str], *, model: str | None, n_process: int, batch_size: int, workdir: Path
) -> Throughput:
    """Full ingest through the library: read_paths -> ingest_into (Pipeline.analyse_many) -> SQLite.

    The texts are written as .txt files first (not timed); reading them is part of the timed run.
    Building the Pipeline (model, actor registry, lexicons) happens before the clock starts.
    """
    from frenemy.ingest import read_paths
    from frenemy.pipeline import Pipeline, ingest_into
    from frenemy.store.db import Store

    folder = workdir / "corpus"
    write_corpus(texts, folder)
    db_path = workdir / "bench.db"
    for suffix in ("", "-wal", "-shm"):
        Path(f"{db_path}{suffix}").unlink(missing_ok=True)

    build_start = time.perf_counter()
    pipeline = Pipeline(model=model)
    pipeline.analyse(_warm_document())
    build_seconds = time.perf_counter() - build_start

    start = time.perf_counter()
    with Store(db_path) as store:
        # ingest_into runs Pipeline.analyse_many (nlp.pipe with these settings) and writes each result
        summary = ingest_into(
            store, read_paths([folder]), pipeline, n_process=n_process, batch_size=batch_size
        )
        stats = store.stats()
    seconds = time.perf_counter() - start
    store_bytes = sum(
        Path(f"{db_path}{suffix}").stat().st_size
        for suffix in ("", "-wal")
        if Path(f"{db_path}{suffix}").exists()
    )
    return Throughput(
        word_count(texts),
        len(texts),
        seconds,
        {
            "pipeline_build_s": round(build_seconds, 2),
            "ingested": summary.ingested,
            "failed": summary.failed,
            "duplicates": summary.duplicates,
            "store": stats,
            "store_bytes": store_bytes,
            "db_path": str(db_path),
        },
    )


def _warm_document():  # type: ignore[no-untyped-def]
    from frenemy.ingest.identity import document_id, normalise_text
    from frenemy.models import Document

    text = normalise_text("Iran condemned the attack. The United States praised Jordan on Monday.")
    return Document(id=document_id(text), text=text)


def frenemy_command() -> list[str]:
    """The command line that runs the frenemy CLI with this interpreter."""
    script = Path(sys.executable).parent / "frenemy"
    if script.exists():
        return [str(script)]
    return [sys.executable, "-c", "import sys; from frenemy.cli import main; sys.exit(main())"]


@dataclass
class ProcessPeak:
    peak_rss_mb: float  # the largest sum of RSS over the process and its descendants at one moment
    max_single_rss_mb: float  # the largest single process seen
    seconds: float
    returncode: int
    samples: int
    stderr_tail: str = ""

    def to_dict(self) -> dict[str, Any]:
        return {
            "peak_rss_mb": round(self.peak_rss_mb, 1),
            "max_single_rss_mb": round(self.max_single_rss_mb, 1),
            "seconds": round(self.seconds, 2),
            "returncode": self.returncode,
            "samples": self.samples,
        }


def run_with_peak_rss(
    cmd: list[str], *, interval: float = 0.1, env: dict[str, str] | None = None
) -> ProcessPeak:
    """Run ``cmd`` to completion, polling the RSS of it and all its descendants every ``interval`` s."""
    start = time.perf_counter()
    with tempfile.TemporaryFile() as err:
        proc = subprocess.Popen(cmd, stdout=subprocess.DEVNULL, stderr=err, env=env)
        peak_total = 0.0
        peak_single = 0.0
        samples = 0
        done = threading.Event()

        def poll() -> None:
            nonlocal peak_total, peak_single, samples
            try:
                root = psutil.Process(proc.pid)
            except psutil.NoSuchProcess:
                return
            while not done.is_set():
                total = 0.0
                try:
                    family = [root, *root.children(recursive=True)]
                except psutil.NoSuchProcess:
                    break
                for p in family:
                    try:
                        rss = p.memory_info().rss / 1_048_576
                    except (psutil.NoSuchProcess, psutil.AccessDenied):
                        continue
                    total += rss
                    peak_single = max(peak_single, rss)
                peak_total = max(peak_total, total)
                samples += 1
                done.wait(interval)

        poller = threading.Thread(target=poll, daemon=True)
        poller.start()
        returncode = proc.wait()
        done.set()
        poller.join()
        err.seek(0)
        tail = err.read()[-2000:].decode("utf-8", "replace")
    return ProcessPeak(peak_total, peak_single, time.perf_counter() - start, returncode, samples, tail)


def ingest_peak_rss(texts: list[str], workdir: Path, *, workers: int | None = None) -> ProcessPeak:
    """Peak RSS of ``frenemy ingest FOLDER --db DB`` (default worker count unless ``workers``)."""
    folder = workdir / "corpus"
    write_corpus(texts, folder)
    db_path = workdir / "rss.db"
    cmd = [*frenemy_command(), "ingest", str(folder), "--db", str(db_path)]
    if workers is not None:
        cmd += ["--workers", str(workers)]
    env = dict(os.environ)
    env.pop("FRENEMY_DB", None)
    return run_with_peak_rss(cmd, env=env)
