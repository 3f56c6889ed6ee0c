"""Coded, user-facing errors. Each message names the input and says what to do.

Codes: E1xx input and ingestion, E2xx store, E3xx actors and lexicons, E4xx queries and reports,
E5xx web. The CLI prints ``str(error)`` and exits with ``error.exit_code``.
"""

from __future__ import annotations

from pathlib import Path


class FrenemyError(Exception):
    """Base class: ``code`` like "E104", a message that names the file and the cause."""

    code = "E000"
    exit_code = 1

    def __init__(self, message: str, *, code: str | None = None) -> None:
        if code:
            self.code = code
        super().__init__(message)
        self.message = message

    def __str__(self) -> str:
        return f"{self.code} {self.message}"


class InputError(FrenemyError):
    """A document could not be read (unreadable, binary, empty, corrupt, too large, bad line)."""

    code = "E100"
    exit_code = 1

    def __init__(self, source: str, cause: str, *, code: str = "E100", line: int | None = None) -> None:
        self.source = source
        self.cause = cause
        self.line = line
        where = f"{source}:{line}" if line is not None else source
        super().__init__(f"cannot read {where}: {cause}", code=code)


class SkippedInput(InputError):
    """A file in a folder of a type frenemy does not read: named on stderr, not a failure."""

    code = "W101"
    exit_code = 0

    def __init__(self, source: str, cause: str, *, code: str = "W101") -> None:
        super().__init__(source, cause, code=code)
        self.message = f"not read {source}: {cause}"


class StoreError(FrenemyError):
    code = "E200"
    exit_code = 3


class ActorDataError(FrenemyError):
    """A user actor file or lexicon is malformed."""

    code = "E300"
    exit_code = 4


class QueryError(FrenemyError):
    """A query cannot be answered as asked (unknown actor, ambiguous name, bad option)."""

    code = "E400"
    exit_code = 5


def read_user_file(path: Path, what: str, doc: str, code: str) -> str:
    """The UTF-8 text of a user's data file, or an ``ActorDataError`` naming it and where its
    format is described: ``read_user_file(p, "lexicon", "docs/coding.md", "E320")``."""
    try:
        return path.read_text(encoding="utf-8")
    except (OSError, UnicodeDecodeError) as exc:
        raise ActorDataError(
            f"cannot read {what} {path}: {exc}. Give a UTF-8 text file (see {doc}).", code=code
        ) from exc
