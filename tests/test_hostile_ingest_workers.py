"""With --workers N, killing the parent with SIGKILL must not leave its workers waiting forever."""

from __future__ import annotations

import os
import signal
import subprocess
import sys
import time
from pathlib import Path

import pytest

pytestmark = pytest.mark.skipif(sys.platform == "win32", reason="POSIX signals")

# A parent that starts a pool of two workers the way analyse_many does (with a stand-in for the
# Pipeline, so no model loads), prints their pids and then waits for work that never comes.
PARENT = """
import os, sys, time, types
from frenemy import pipeline as p
fake = types.SimpleNamespace(model="m", actor_files=[], lexicon_files=[], stance_files=[],
                             dictionary_hash="h", registry=None)
pool = p._worker_pool(fake, 2)
pids = set()
while len(pids) < 2:
    pids.update(pool.submit(os.getpid).result() for _ in range(4))
print(" ".join(map(str, sorted(pids))), flush=True)
time.sleep(600)
"""


def alive(pid: int) -> bool:
    try:
        state = Path(f"/proc/{pid}/status").read_text()
    except FileNotFoundError:
        return False
    except OSError:
        try:
            os.kill(pid, 0)
        except ProcessLookupError:
            return False
        return True
    return "\nState:\tZ" not in state  # a zombie has ended, it only waits to be reaped


def test_workers_exit_when_the_parent_is_killed() -> None:
    env = dict(os.environ, PYTHONPATH=os.pathsep.join(sys.path))
    parent = subprocess.Popen([sys.executable, "-c", PARENT], stdout=subprocess.PIPE, text=True, env=env)
    try:
        assert parent.stdout is not None
        workers = [int(pid) for pid in parent.stdout.readline().split()]
        assert len(workers) == 2 and all(alive(pid) for pid in workers)
        parent.send_signal(signal.SIGKILL)
        parent.wait(timeout=10)
        deadline = time.monotonic() + 15
        while time.monotonic() < deadline and any(alive(pid) for pid in workers):
            time.sleep(0.2)
        left = [pid for pid in workers if alive(pid)]
        for pid in left:  # do not leave them behind if the test fails
            os.kill(pid, signal.SIGKILL)
        assert not left, f"workers {left} outlived their parent"
    finally:
        if parent.poll() is None:
            parent.kill()
