"""``make bench``: frenemy's throughput against bare spaCy, memory, dyad query time, web load.

    python -m bench.run            # full run (a few minutes), writes bench/results.json
    python -m bench.run --smoke    # seconds-long versions of every measurement (the tests run this)
    python -m bench.run --only throughput,throughput_all_cores --words 60000 --out /tmp/t.json

All figures come from one run on one machine. Each part that fails is recorded under
``details.failures`` (and the exit status is 1) instead of hiding the parts that worked.
"""

from __future__ import annotations

import argparse
import json
import os
import platform
import tempfile
import time
import traceback
from collections.abc import Callable
from dataclasses import dataclass, replace
from pathlib import Path
from typing import Any

from bench.corpus import build_corpus, word_count

BENCH_DIR = Path(__file__).resolve().parent


@dataclass(frozen=True)
class BenchSize:
    words: int  # corpus size for throughput and memory (memory is also measured at 4x)
    events: int  # synthetic events in the dyad-query store
    load_clients: int
    load_seconds: float
    load_events: int  # synthetic events in the store the web load test reads


FULL = BenchSize(words=200_000, events=1_000_000, load_clients=50, load_seconds=20.0, load_events=10_000)
SMOKE = BenchSize(words=1_500, events=10_000, load_clients=3, load_seconds=2.0, load_events=2_000)
BATCH_SIZE = 16  # ingest_into's default batch size, used for bare spaCy too


def default_workers() -> int:
    """The worker count ``frenemy ingest`` uses when --workers is not given."""
    from frenemy.cli import build_parser

    args = build_parser().parse_args(["ingest", "x"])
    return int(args.workers)


PARTS = (
    "throughput",
    "stages",
    "throughput_all_cores",
    "memory",
    "long_document",
    "hostile",
    "dyad_query",
    "distributed",
    "load",
)
# One dense document of each size (MB): peak memory must not grow with the document's length.
LONG_DOCUMENT_MB = (1.0, 10.0)
LONG_DOCUMENT_MB_SMOKE = (0.15,)


def run(
    *,
    smoke: bool,
    workers: int | None,
    out: Path,
    dask: bool,
    load: bool,
    only: frozenset[str] | None = None,
    words: int | None = None,
    rounds: int | None = None,
) -> dict[str, Any]:
    """Run every measurement (or the ``only`` parts) and write ``out``; returns the results dict.

    ``words`` and ``rounds`` override the corpus size and the number of alternating throughput
    rounds, for quick before/after comparisons of one part.
    """
    from bench import dyad as dyad_bench
    from bench import measure
    from bench.synthetic import BENCH_DYAD, fill_store

    size = SMOKE if smoke else FULL
    if words is not None:
        size = replace(size, words=words)
    rounds = rounds or (1 if smoke else 2)
    n_process = workers or default_workers()
    results: dict[str, Any] = {
        "spacy_words_per_s": None,
        "frenemy_words_per_s": None,
        "ratio": None,
        "peak_rss_mb": None,
        "peak_rss_mb_4x": None,
        "dyad_query_ms_1m": None,
        "peak_rss_mb_long_document": None,
        "peak_rss_mb_hostile": None,
        "cores": os.cpu_count(),
        "load": None,
    }
    details: dict[str, Any] = {
        "smoke": smoke,
        "started": time.strftime("%Y-%m-%dT%H:%M:%SZ", time.gmtime()),
        "machine": {
            "python": platform.python_version(),
            "platform": platform.platform(),
            "cores": os.cpu_count(),
        },
        "n_process": n_process,
        "batch_size": BATCH_SIZE,
        "rounds": rounds,
        "failures": {},
    }
    results["details"] = details

    def part(name: str, fn: Callable[[], None]) -> None:
        if only is not None and name not in only:
            return
        start = time.perf_counter()
        try:
            fn()
        except Exception as exc:
            details["failures"][name] = f"{type(exc).__name__}: {exc}"
            traceback.print_exc()
        details.setdefault("part_seconds", {})[name] = round(time.perf_counter() - start, 1)

    texts = build_corpus(size.words)
    details["corpus"] = {
        "source": "gensim test data: lee_background.cor (ABC news articles), repeated",
        "documents": len(texts),
        "words": word_count(texts),
    }
    from frenemy.nlp.pipeline import model_name

    details["model"] = model_name()

    with tempfile.TemporaryDirectory(prefix="frenemy-bench-") as tmp_name:
        tmp = Path(tmp_name)

        def throughput() -> None:
            # rounds alternate spaCy and frenemy and the best of each counts: on a shared machine,
            # background load during one measurement would otherwise skew the ratio
            spacy_runs, frenemy_runs = [], []
            for r in range(rounds):
                spacy_runs.append(
                    measure.measure_spacy(texts, model=None, n_process=n_process, batch_size=BATCH_SIZE)
                )
                frenemy_runs.append(
                    measure.measure_frenemy(
                        texts,
                        model=None,
                        n_process=n_process,
                        batch_size=BATCH_SIZE,
                        workdir=tmp / f"ingest{r}",
                    )
                )
            spacy_run = max(spacy_runs, key=lambda t: t.words_per_s)
            frenemy_run = max(frenemy_runs, key=lambda t: t.words_per_s)
            details["spacy"] = {
                **spacy_run.to_dict(),
                "rounds_words_per_s": [round(t.words_per_s) for t in spacy_runs],
            }
            details["frenemy"] = {
                **frenemy_run.to_dict(),
                "rounds_words_per_s": [round(t.words_per_s) for t in frenemy_runs],
            }
            results["spacy_words_per_s"] = round(spacy_run.words_per_s, 1)
            results["frenemy_words_per_s"] = round(frenemy_run.words_per_s, 1)
            results["ratio"] = round(frenemy_run.words_per_s / spacy_run.words_per_s, 3)
            details["frenemy_words_per_s_per_core"] = round(frenemy_run.words_per_s / max(n_process, 1), 1)

        def memory() -> None:
            one = measure.ingest_peak_rss(texts, tmp / "rss1")
            details["rss_1x"] = {**one.to_dict(), "documents": len(texts)}
            _check_exit(one, "frenemy ingest (1x corpus)")
            results["peak_rss_mb"] = round(one.peak_rss_mb, 1)
            texts_4x = build_corpus(4 * size.words)
            four = measure.ingest_peak_rss(texts_4x, tmp / "rss4")
            details["rss_4x"] = {**four.to_dict(), "documents": len(texts_4x)}
            _check_exit(four, "frenemy ingest (4x corpus)")
            results["peak_rss_mb_4x"] = round(four.peak_rss_mb, 1)

        def long_document() -> None:
            from bench.long_document import measure_long_document

            sizes = LONG_DOCUMENT_MB_SMOKE if smoke else LONG_DOCUMENT_MB
            figures = {f"{mb:g}mb": measure_long_document(mb, tmp / "long") for mb in sizes}
            for name, figure in figures.items():
                if figure["returncode"] != 0:
                    raise RuntimeError(
                        f"frenemy ingest of the {name} document failed: {figure['stderr_tail']}"
                    )
            details["long_document"] = figures
            results["peak_rss_mb_long_document"] = {name: f["peak_rss_mb"] for name, f in figures.items()}

        def hostile() -> None:
            from bench.hostile import write_hostile_corpus
            from bench.long_document import ingest_peak

            corpus = write_hostile_corpus(
                tmp / "hostile",
                long_chars=150_000 if smoke else 1_000_000,
                bomb_bytes=(8 if smoke else 200) << 20,
            )
            figure = ingest_peak([str(corpus.folder), *corpus.extra_args], tmp / "hostile.db")
            if figure["returncode"] != 1:  # every bad input named, the good ones stored: exit 1
                raise RuntimeError(
                    f"the hostile corpus ingest exited {figure['returncode']}: {figure['stderr_tail']}"
                )
            details["hostile"] = {**figure, "bad_inputs": len(corpus.expected), "good": len(corpus.good)}
            results["peak_rss_mb_hostile"] = figure["peak_rss_mb"]

        def dyad_query() -> None:
            db_path = tmp / "synthetic.db"
            synthetic = fill_store(db_path, size.events)
            details["synthetic_store"] = {
                "events": synthetic.events,
                "claims": synthetic.claims,
                "documents": synthetic.documents,
                "actors": synthetic.actors,
                "dyad": list(BENCH_DYAD),
                "dyad_events": synthetic.dyad_events,
                "build_seconds": round(synthetic.seconds, 1),
                "bytes": db_path.stat().st_size,
            }
            timing = dyad_bench.time_dyad_report(db_path, *BENCH_DYAD)
            details["dyad_query"] = timing
            results["dyad_query_ms_1m"] = timing["ms"]
            # the same store, a pair of ordinary activity: the cost grows with the pair's events
            a, b, n = dyad_bench.pair_with_about(db_path, 1_000 if not smoke else 100)
            small = dyad_bench.time_dyad_report(db_path, a, b)
            details["dyad_query_ordinary_pair"] = {"pair": [a, b], "dyad_events": n, **small}

        def distributed() -> None:
            from frenemy.distributed import ingest_dask

            start = time.perf_counter()
            summary = ingest_dask(
                [tmp / "ingest0" / "corpus"],
                out=tmp / "dask-parquet",
                n_workers=max(n_process, 2),
                batch_size=32,
            )
            seconds = time.perf_counter() - start
            words = details["corpus"]["words"]
            details["dask"] = {
                "workers": summary.workers,
                "documents": summary.ingested,
                "failed": summary.failed,
                "events": summary.events,
                "seconds": round(seconds, 2),
                "words_per_s": round(words / seconds, 1),
                "docs_per_s": round(summary.ingested / seconds, 2),
                "note": "LocalCluster start-up and one model load per worker included",
            }

        def load_test() -> None:
            from bench.load import run_load

            results["load"] = run_load(
                clients=size.load_clients, seconds=size.load_seconds, events=size.load_events
            )

        def stages() -> None:
            from bench.stages import stage_breakdown

            sample = build_corpus(min(size.words, 30_000))
            breakdown = stage_breakdown(sample, tmp / "stages.db", batch_size=BATCH_SIZE)
            parse = breakdown.get("parse", 0.0)
            details["stages"] = {
                "words": word_count(sample),
                "seconds": breakdown,
                "share_of_parse": {
                    k: round(v / parse, 3) for k, v in breakdown.items() if parse and k != "parse"
                },
                "note": "one process; each stage timed on documents parsed beforehand",
            }
            # storage per document on distinct articles (the repeated copies would flatter compression)
            details["storage"] = _storage(tmp / "stages.db", len(sample), tmp / "parquet")

        def throughput_all_cores() -> None:
            # the same alternating rounds as the main figure, so both ratios are equally noisy
            cores = os.cpu_count() or 1
            spacy_runs, frenemy_runs = [], []
            for r in range(rounds):
                spacy_runs.append(
                    measure.measure_spacy(texts, model=None, n_process=cores, batch_size=BATCH_SIZE)
                )
                frenemy_runs.append(
                    measure.measure_frenemy(
                        texts,
                        model=None,
                        n_process=cores,
                        batch_size=BATCH_SIZE,
                        workdir=tmp / f"ingest-all{r}",
                    )
                )
            spacy_run = max(spacy_runs, key=lambda t: t.words_per_s)
            frenemy_run = max(frenemy_runs, key=lambda t: t.words_per_s)
            details["all_cores"] = {
                "n_process": cores,
                "spacy_words_per_s": round(spacy_run.words_per_s, 1),
                "frenemy_words_per_s": round(frenemy_run.words_per_s, 1),
                "ratio": round(frenemy_run.words_per_s / spacy_run.words_per_s, 3),
                "frenemy_docs_per_s": round(frenemy_run.docs_per_s, 2),
                "rounds_spacy_words_per_s": [round(t.words_per_s) for t in spacy_runs],
                "rounds_frenemy_words_per_s": [round(t.words_per_s) for t in frenemy_runs],
                "ingested": frenemy_run.details.get("ingested"),
                "failed": frenemy_run.details.get("failed"),
            }

        part("throughput", throughput)
        part("stages", stages)
        if not smoke and (os.cpu_count() or 1) > 1 and n_process == 1:
            part("throughput_all_cores", throughput_all_cores)
        part("memory", memory)
        part("long_document", long_document)
        part("hostile", hostile)
        part("dyad_query", dyad_query)
        if dask:
            part("distributed", distributed)
        if load:
            part("load", load_test)

    details["finished"] = time.strftime("%Y-%m-%dT%H:%M:%SZ", time.gmtime())
    out.write_text(json.dumps(results, indent=2, sort_keys=False) + "\n", encoding="utf-8")
    return results


def _check_exit(peak: Any, what: str) -> None:
    if peak.returncode != 0:
        raise RuntimeError(f"{what} exited with {peak.returncode}: {peak.stderr_tail[-800:]}")


def _storage(db_path: Path, docs: int, parquet_dir: Path) -> dict[str, Any]:
    """Bytes per document in the SQLite store (after a checkpoint) and in compressed Parquet."""
    import sqlite3

    from frenemy.export.parquet import export_store
    from frenemy.store.db import Store

    conn = sqlite3.connect(db_path)
    conn.execute("PRAGMA wal_checkpoint(TRUNCATE)")
    conn.close()
    store_bytes = db_path.stat().st_size
    with Store(db_path, readonly=True) as store:
        rows = export_store(store, parquet_dir)
    parquet_bytes = sum(p.stat().st_size for p in parquet_dir.rglob("*.parquet"))
    text_bytes = 0
    conn = sqlite3.connect(db_path)
    text_bytes = int(
        conn.execute("SELECT COALESCE(SUM(LENGTH(CAST(text AS BLOB))), 0) FROM documents").fetchone()[0]
    )
    conn.close()
    return {
        "documents": docs,
        "document_text_bytes": text_bytes,
        "store_bytes": store_bytes,
        "store_bytes_per_doc": round(store_bytes / max(docs, 1)),
        "parquet_bytes": parquet_bytes,
        "parquet_bytes_per_doc": round(parquet_bytes / max(docs, 1)),
        "parquet_rows": rows,
    }


def print_table(results: dict[str, Any]) -> None:
    """A readable summary of the results with their targets."""
    from rich.console import Console
    from rich.table import Table

    d = results["details"]
    table = Table(title=f"frenemy bench ({'smoke' if d['smoke'] else 'full'}, {results['cores']} cores)")
    table.add_column("measure")
    table.add_column("value", justify="right")
    table.add_column("target")
    table.add_column("notes")

    def fmt(value: Any, unit: str = "") -> str:
        if value is None:
            return "failed"
        return f"{value:,.1f}{unit}" if isinstance(value, float) else f"{value}{unit}"

    spacy = d.get("spacy", {})
    fr = d.get("frenemy", {})
    table.add_row(
        "bare spaCy words/s", fmt(results["spacy_words_per_s"]), "", f"{spacy.get('docs_per_s', '?')} docs/s"
    )
    table.add_row(
        "frenemy ingest words/s",
        fmt(results["frenemy_words_per_s"]),
        "",
        f"{fr.get('docs_per_s', '?')} docs/s",
    )
    table.add_row("ratio frenemy / spaCy", fmt(results["ratio"]), ">= 0.85", f"n_process={d['n_process']}")
    table.add_row(
        "peak RSS, ingest (MB)",
        fmt(results["peak_rss_mb"]),
        "< 1500",
        f"{d.get('rss_1x', {}).get('documents', '?')} docs",
    )
    table.add_row(
        "peak RSS, 4x corpus (MB)",
        fmt(results["peak_rss_mb_4x"]),
        "flat",
        f"{d.get('rss_4x', {}).get('documents', '?')} docs",
    )
    for name, peak in (results.get("peak_rss_mb_long_document") or {}).items():
        table.add_row(f"peak RSS, one {name} document (MB)", fmt(peak), "flat", "ru_maxrss of frenemy ingest")
    if results.get("peak_rss_mb_hostile") is not None:
        hostile = d.get("hostile", {})
        table.add_row(
            "peak RSS, hostile corpus (MB)",
            fmt(results["peak_rss_mb_hostile"]),
            "< 1500",
            f"{hostile.get('bad_inputs', '?')} bad inputs, {hostile.get('good', '?')} good",
        )
    syn = d.get("synthetic_store", {})
    table.add_row(
        f"dyad report JSON, {syn.get('events', '?'):,} events (ms)" if syn else "dyad report JSON (ms)",
        fmt(results["dyad_query_ms_1m"]),
        "< 500",
        f"{syn.get('dyad_events', '?')} events in the dyad",
    )
    if "all_cores" in d:
        ac = d["all_cores"]
        table.add_row(
            f"n_process={ac['n_process']}: spaCy / frenemy words/s",
            f"{ac['spacy_words_per_s']:,.0f} / {ac['frenemy_words_per_s']:,.0f}",
            "",
            f"ratio {ac['ratio']}",
        )
    if "dask" in d:
        table.add_row(
            "dask LocalCluster words/s", fmt(d["dask"]["words_per_s"]), "", f"{d['dask']['workers']} workers"
        )
    load = results.get("load")
    if load:
        table.add_row("load p50 / p99 (ms)", f"{load['p50_ms']} / {load['p99_ms']}", "0 errors",
                      f"{load['clients']} clients, {load['requests']} requests, {load['errors']} errors")  # fmt: skip
    storage = d.get("storage")
    if storage:
        table.add_row(
            "store bytes/doc",
            fmt(storage["store_bytes_per_doc"]),
            "",
            f"Parquet {storage['parquet_bytes_per_doc']} bytes/doc",
        )
    Console().print(table)
    for name, failure in d.get("failures", {}).items():
        Console(stderr=True).print(f"[red]{name} failed:[/red] {failure}")


def _parts(value: str) -> frozenset[str]:
    names = frozenset(n.strip() for n in value.split(",") if n.strip())
    unknown = sorted(names - set(PARTS))
    if unknown:
        raise argparse.ArgumentTypeError(
            f"unknown part(s) {', '.join(unknown)}; choose from {', '.join(PARTS)}"
        )
    return names


def main(argv: list[str] | None = None) -> int:
    parser = argparse.ArgumentParser(description="frenemy benchmarks (writes bench/results.json)")
    parser.add_argument("--smoke", action="store_true", help="seconds-long versions of every measurement")
    parser.add_argument(
        "--workers", type=int, default=None, help="parser processes (default: frenemy's default)"
    )
    parser.add_argument("--out", type=Path, default=None, help="results file (default bench/results.json)")
    parser.add_argument("--no-dask", action="store_true", help="skip the Dask LocalCluster throughput run")
    parser.add_argument("--no-load", action="store_true", help="skip the web load test")
    parser.add_argument(
        "--only",
        type=_parts,
        default=None,
        help=f"comma-separated parts to run, of: {', '.join(PARTS)} (default: all)",
    )
    parser.add_argument("--words", type=int, default=None, help="corpus size in words (default 200,000)")
    parser.add_argument("--rounds", type=int, default=None, help="alternating throughput rounds (default 2)")
    args = parser.parse_args(argv)
    partial = args.only is not None or args.words is not None or args.rounds is not None
    # a partial run never overwrites the full results (bench/out/ is ignored by git)
    default = (
        "out/results-partial.json" if partial else "results-smoke.json" if args.smoke else "results.json"
    )
    out = args.out or BENCH_DIR / default
    out.parent.mkdir(parents=True, exist_ok=True)
    results = run(
        smoke=args.smoke,
        workers=args.workers,
        out=out,
        dask=not args.no_dask and not args.smoke,
        load=not args.no_load,
        only=args.only,
        words=args.words,
        rounds=args.rounds,
    )
    print_table(results)
    print(f"results written to {out}")
    return 1 if results["details"]["failures"] else 0


if __name__ == "__main__":
    raise SystemExit(main())
