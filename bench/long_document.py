"""Peak memory of ingesting one long document: it must stay flat as the document grows.

A dense text of the requested size (Lee corpus articles joined into paragraphs) is written to a
file and ingested by ``frenemy ingest`` in a child process; the figure is the child's
``ru_maxrss`` (``resource.getrusage(RUSAGE_CHILDREN)`` read in a fresh helper process, so only
that one ingest counts).

    python -m bench.long_document --mb 1 10
"""

from __future__ import annotations

import argparse
import json
import os
import resource
import subprocess
import sys
import tempfile
import time
from pathlib import Path
from typing import Any

from bench.corpus import article_copies

SIZES_MB = (1, 10)


def dense_text(n_bytes: int) -> str:
    """Lee articles as paragraphs, repeated with a copy tag, until the text has ``n_bytes`` bytes."""
    parts: list[str] = []
    size = 0
    for paragraph in article_copies():
        if size >= n_bytes:
            break
        parts.append(paragraph)
        size += len(paragraph.encode("utf-8")) + 2
    return "\n\n".join(parts)


def _child_peak(cmd: list[str], env: dict[str, str]) -> dict[str, Any]:
    """Run ``cmd`` and return its exit status, seconds and ru_maxrss in MB (Linux reports KiB)."""
    start = time.perf_counter()
    done = subprocess.run(cmd, env=env, capture_output=True, text=True, check=False)
    usage = resource.getrusage(resource.RUSAGE_CHILDREN)
    return {
        "returncode": done.returncode,
        "seconds": round(time.perf_counter() - start, 1),
        "peak_rss_mb": round(usage.ru_maxrss / 1024, 1),
        "stderr_tail": done.stderr[-600:],
    }


def measure_long_document(mb: float, workdir: Path) -> dict[str, Any]:
    """Peak RSS (MB) of ``frenemy ingest`` on one dense ``mb`` MB text file."""
    workdir.mkdir(parents=True, exist_ok=True)
    path = workdir / f"long_{mb:g}mb.txt"
    path.write_text(dense_text(int(mb * 1_000_000)), encoding="utf-8")
    result = ingest_peak([str(path)], workdir / f"long_{mb:g}mb.db")
    result["bytes"] = path.stat().st_size
    return result


def ingest_peak(paths: list[str], db: Path) -> dict[str, Any]:
    """Exit status, seconds and peak RSS (MB, ``ru_maxrss``) of ``frenemy ingest PATHS --db DB``."""
    ingest = [sys.executable, "-c", "import sys; from frenemy.cli import main; sys.exit(main())"]
    ingest += ["ingest", *paths, "--db", str(db), "--quiet"]
    env = dict(os.environ)
    env.pop("FRENEMY_DB", None)
    # a fresh helper process: RUSAGE_CHILDREN then holds this one ingest only
    helper = [sys.executable, "-m", "bench.long_document", "--child", json.dumps(ingest)]
    done = subprocess.run(helper, env=env, capture_output=True, text=True, check=False)
    if done.returncode != 0:
        raise RuntimeError(f"peak-memory helper failed: {done.stderr[-800:]}")
    result: dict[str, Any] = json.loads(done.stdout)
    return result


def measure_sizes(sizes_mb: tuple[float, ...] = SIZES_MB) -> dict[str, Any]:
    out: dict[str, Any] = {}
    with tempfile.TemporaryDirectory(prefix="frenemy-longdoc-") as tmp:
        for mb in sizes_mb:
            out[f"{mb:g}mb"] = measure_long_document(mb, Path(tmp))
    return out


def main(argv: list[str] | None = None) -> int:
    parser = argparse.ArgumentParser(description="peak memory of one long document")
    parser.add_argument("--mb", type=float, nargs="+", default=list(SIZES_MB))
    parser.add_argument("--child", help=argparse.SUPPRESS)
    args = parser.parse_args(argv)
    if args.child:
        print(json.dumps(_child_peak(json.loads(args.child), dict(os.environ))))
        return 0
    print(json.dumps(measure_sizes(tuple(args.mb)), indent=2))
    return 0


if __name__ == "__main__":
    sys.exit(main())
