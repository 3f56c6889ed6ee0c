"""A bounded load test of the web API on loopback: N concurrent clients against /api/dyad.

Starts ``frenemy serve`` as a subprocess on 127.0.0.1 and a free port, waits until it answers,
then runs ``clients`` asynchronous httpx clients, each sending requests back to back until
``seconds`` have passed (and at most ``max_requests`` in total). Only loopback addresses are used.

    python -m bench.load [--clients 50] [--seconds 20] [--events 10000]
"""

from __future__ import annotations

import argparse
import asyncio
import os
import signal
import socket
import statistics
import subprocess
import tempfile
import time
from pathlib import Path
from typing import Any

from bench.measure import frenemy_command
from bench.synthetic import BENCH_DYAD, fill_store

LOOPBACK = "127.0.0.1"


def free_port() -> int:
    """A TCP port on 127.0.0.1 that nothing listens on right now."""
    with socket.socket(socket.AF_INET, socket.SOCK_STREAM) as s:
        s.bind((LOOPBACK, 0))
        return int(s.getsockname()[1])


def start_server(db_path: Path, port: int, *, timeout: float = 60.0) -> subprocess.Popen[bytes]:
    """``frenemy serve --db DB --host 127.0.0.1 --port PORT``; returns once it answers HTTP."""
    import httpx

    env = dict(os.environ)
    env.pop("FRENEMY_DB", None)
    proc = subprocess.Popen(
        [*frenemy_command(), "serve", "--db", str(db_path), "--host", LOOPBACK, "--port", str(port)],
        stdout=subprocess.DEVNULL,
        stderr=subprocess.PIPE,
        env=env,
        start_new_session=True,
    )
    deadline = time.monotonic() + timeout
    while time.monotonic() < deadline:
        if proc.poll() is not None:
            err = proc.stderr.read().decode("utf-8", "replace") if proc.stderr else ""
            raise RuntimeError(f"frenemy serve exited with {proc.returncode}: {err[-1500:]}")
        try:
            httpx.get(f"http://{LOOPBACK}:{port}/", timeout=2.0)
            return proc
        except httpx.HTTPError:
            time.sleep(0.2)
    stop_server(proc)
    raise RuntimeError(f"frenemy serve did not answer on {LOOPBACK}:{port} within {timeout:.0f}s")


def stop_server(proc: subprocess.Popen[bytes]) -> None:
    """SIGTERM the server (and wait); SIGKILL it if it does not stop within 10 s."""
    if proc.poll() is None:
        proc.send_signal(signal.SIGTERM)
        try:
            proc.wait(timeout=10)
        except subprocess.TimeoutExpired:
            proc.kill()
            proc.wait()
    if proc.stderr:
        proc.stderr.close()


async def _hammer(
    url: str, params: dict[str, str], clients: int, seconds: float, max_requests: int
) -> tuple[list[float], list[str]]:
    import httpx

    latencies: list[float] = []
    errors: list[str] = []
    deadline = time.monotonic() + seconds
    sent = 0

    async def client(http: httpx.AsyncClient) -> None:
        nonlocal sent
        while time.monotonic() < deadline and sent < max_requests:
            sent += 1
            start = time.perf_counter()
            try:
                response = await http.get(url, params=params)
                body = response.json()
                if response.status_code != 200 or "verdict" not in body:
                    errors.append(f"HTTP {response.status_code}")
            except Exception as exc:  # every failure is counted, none stops the run
                errors.append(f"{type(exc).__name__}: {exc}")
            latencies.append((time.perf_counter() - start) * 1000)

    limits = httpx.Limits(max_connections=clients, max_keepalive_connections=clients)
    async with httpx.AsyncClient(timeout=60.0, limits=limits) as http:
        await asyncio.gather(*(client(http) for _ in range(clients)))
    return latencies, errors


def run_load(
    *,
    clients: int = 50,
    seconds: float = 20.0,
    events: int = 10_000,
    max_requests: int = 100_000,
    workdir: Path | None = None,
) -> dict[str, Any]:
    """Run the load test and return its figures (p50/p99 latency in ms, requests, errors)."""
    with tempfile.TemporaryDirectory(prefix="frenemy-load-") as tmp:
        folder = workdir or Path(tmp)
        db_path = folder / "load.db"
        if db_path.exists():
            db_path.unlink()
        synthetic = fill_store(db_path, events)
        port = free_port()
        server = start_server(db_path, port)
        try:
            started = time.perf_counter()
            latencies, errors = asyncio.run(
                _hammer(
                    f"http://{LOOPBACK}:{port}/api/dyad",
                    {"a": BENCH_DYAD[0], "b": BENCH_DYAD[1]},
                    clients,
                    seconds,
                    max_requests,
                )
            )
            elapsed = time.perf_counter() - started
        finally:
            stop_server(server)
    ordered = sorted(latencies)
    return {
        "clients": clients,
        "seconds": round(elapsed, 2),
        "requests": len(latencies),
        "requests_per_s": round(len(latencies) / elapsed, 1) if elapsed else 0.0,
        "p50_ms": round(statistics.median(ordered), 1) if ordered else 0.0,
        "p99_ms": round(ordered[min(len(ordered) - 1, int(0.99 * len(ordered)))], 1) if ordered else 0.0,
        "max_ms": round(ordered[-1], 1) if ordered else 0.0,
        "errors": len(errors),
        "error_samples": sorted(set(errors))[:5],
        "store_events": synthetic.events,
        "dyad_events": synthetic.dyad_events,
        "endpoint": "/api/dyad",
        "address": LOOPBACK,
    }


def main(argv: list[str] | None = None) -> int:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--clients", type=int, default=50)
    parser.add_argument("--seconds", type=float, default=20.0)
    parser.add_argument("--events", type=int, default=10_000)
    args = parser.parse_args(argv)
    result = run_load(clients=args.clients, seconds=args.seconds, events=args.events)
    for key, value in result.items():
        print(f"{key:>16}: {value}")
    return 0 if result["errors"] == 0 else 1


if __name__ == "__main__":
    raise SystemExit(main())
