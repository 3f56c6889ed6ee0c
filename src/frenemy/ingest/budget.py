"""A per-document time budget for readers: one hostile file cannot stall a whole run.

``time_budget(seconds, source)`` interrupts the code inside it with InputError E113 when it runs
longer than ``seconds``. It uses ``SIGALRM`` (an interval timer), so it only works in the main
thread of a Unix process; elsewhere (a web server thread, Windows) it does nothing and the size
and structure pre-checks of each reader are the only guard.
"""

from __future__ import annotations

import os
import signal
import threading
from collections.abc import Iterator
from contextlib import contextmanager
from types import FrameType

from frenemy.errors import InputError
from frenemy.ingest import codes

SECONDS_VARIABLE = "FRENEMY_READ_SECONDS"
DEFAULT_SECONDS = 120.0


class _OutOfTime(BaseException):
    """Raised by the timer; a BaseException so that readers' ``except Exception`` lets it through."""


def budget_seconds(environ: dict[str, str] | None = None) -> float:
    """The budget from FRENEMY_READ_SECONDS (0 turns it off), else the default."""
    raw = (os.environ if environ is None else environ).get(SECONDS_VARIABLE, "").strip()
    try:
        return float(raw) if raw else DEFAULT_SECONDS
    except ValueError:
        return DEFAULT_SECONDS


@contextmanager
def time_budget(seconds: float, source: str) -> Iterator[None]:
    """Run the body with at most ``seconds`` of wall time; InputError E113 naming ``source`` if over."""
    usable = (
        seconds > 0
        and hasattr(signal, "setitimer")
        and threading.current_thread() is threading.main_thread()
        and signal.getitimer(signal.ITIMER_REAL)[0] == 0  # never override a timer someone else set
    )
    if not usable:
        yield
        return

    def out_of_time(signum: int, frame: FrameType | None) -> None:
        raise _OutOfTime

    previous = signal.signal(signal.SIGALRM, out_of_time)
    signal.setitimer(signal.ITIMER_REAL, seconds)
    try:
        yield
    except _OutOfTime:
        raise InputError(
            source,
            f"reading it took more than {seconds:g} seconds, so it was given up (hostile or "
            f"pathological markup?); raise the budget with {SECONDS_VARIABLE} if the file is genuine",
            code=codes.TOO_COMPLEX,
        ) from None
    finally:
        signal.setitimer(signal.ITIMER_REAL, 0)
        signal.signal(signal.SIGALRM, previous)
