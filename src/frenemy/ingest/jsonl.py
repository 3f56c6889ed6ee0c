"""JSON Lines (.jsonl, .ndjson, and ``-`` for standard input): one document per line.

Each line is an object ``{"id", "text", "title", "published", "publisher", "author", "url"}``;
only ``text`` is required (``date`` is accepted for ``published``). A bad line gives an InputError
for that line number and the reader goes on with the next one.
"""

from __future__ import annotations

import json
from collections.abc import Iterator, Sequence
from typing import IO, Any, BinaryIO

from frenemy.errors import InputError
from frenemy.ingest import codes
from frenemy.ingest.boundedjson import JSONBoundError, loads_bounded
from frenemy.ingest.decoding import binary_reason, split_bom
from frenemy.ingest.document import make_document, too_large
from frenemy.ingest.meta import DocumentMeta, finish_document
from frenemy.models import Document

TEXT_FIELDS = ("title", "published", "publisher", "author", "url")
_CHUNK = 1 << 16


def read_jsonl(
    stream: BinaryIO | IO[str],
    source: str,
    max_bytes: int,
    layers: Sequence[DocumentMeta | None] = (),
) -> Iterator[Document | InputError]:
    """One Document per usable line of ``stream``, or an InputError naming the line that is not.

    ``stream`` may be binary or text; each line may hold up to ``max_bytes`` bytes. ``layers``
    are metadata applied over each record's own fields (see :mod:`frenemy.ingest.meta`).
    """
    for number, line in _lines(stream, max_bytes):
        if line is None:
            yield too_large(source, "the line", None, max_bytes, line=number)
            continue
        if isinstance(line, bytes):
            if number == 1:
                codec, name, rest = split_bom(line)
                if codec not in (None, "utf-8"):
                    yield InputError(source, f"JSON Lines must be UTF-8, not {name}", code=codes.ENCODING)
                    return
                line = rest
            if number == 1 and binary_reason(line[:8192]):
                yield InputError(source, "binary content: this is not a JSON Lines file", code=codes.BINARY)
                return
            try:
                line = line.decode("utf-8")
            except UnicodeDecodeError as err:
                yield InputError(
                    source,
                    f"invalid UTF-8 at byte {err.start + 1} of the line; re-save the file as UTF-8",
                    code=codes.ENCODING,
                    line=number,
                )
                continue
        elif number == 1:
            line = line.lstrip("\ufeff")
        if not line.strip():
            continue
        try:
            yield finish_document(record_document(line, source, number), layers, source, number)
        except InputError as err:
            yield err
        except Exception as err:  # one bad line never costs the lines after it
            yield InputError(
                source,
                f"unexpected failure while reading the line ({type(err).__name__}: {err}); "
                "please report this as a bug",
                code=codes.UNEXPECTED,
                line=number,
            )


def record_document(line: str, source: str, number: int) -> Document:
    """The Document of one JSON Lines record; raises InputError E108 saying what is wrong."""
    try:
        record: Any = loads_bounded(line)
    except json.JSONDecodeError as err:
        raise _bad(source, number, f"not JSON ({err.msg} at column {err.colno})") from None
    except JSONBoundError as err:
        raise InputError(
            source, f"JSON beyond a safe bound: the line {err}", code=codes.TOO_COMPLEX, line=number
        ) from None
    if not isinstance(record, dict):
        raise _bad(source, number, f"a line must be a JSON object, not {type(record).__name__}")
    text = record.get("text")
    if not isinstance(text, str):
        problem = "has no" if text is None else "has a non-text"
        raise _bad(source, number, f'the record {problem} "text" field (each line needs {{"text": "..."}})')
    fields: dict[str, Any] = {}
    for name in TEXT_FIELDS:
        value = record.get(name)
        if name == "published" and value is None:
            value = record.get("date")
        if value is not None and (isinstance(value, bool) or not isinstance(value, str | int)):
            raise _bad(source, number, f"field {name!r} must be text or null")
        fields[name] = value
    external_id = record.get("id")
    if external_id is not None and (isinstance(external_id, bool) or not isinstance(external_id, str | int)):
        raise _bad(source, number, "field 'id' must be text, a number or null")
    try:
        return make_document(
            text, source=source, format="jsonl", external_id=external_id, line=number, **fields
        )
    except InputError:
        raise _bad(source, number, 'the "text" field is empty') from None


def _bad(source: str, number: int, cause: str) -> InputError:
    return InputError(source, cause, code=codes.BAD_RECORD, line=number)


def _lines(stream: BinaryIO | IO[str], max_bytes: int) -> Iterator[tuple[int, bytes | str | None]]:
    """``(line number, line)`` for each line; the line is ``None`` when longer than ``max_bytes``.

    An overlong line is skipped in chunks, so it never sits in memory whole.
    """
    number = 0
    while True:
        line = stream.readline(max_bytes + 1)
        if not line:
            return
        number += 1
        ending = b"\n" if isinstance(line, bytes) else "\n"
        if len(line) > max_bytes and not line.endswith(ending):  # type: ignore[arg-type]
            while True:
                rest = stream.readline(_CHUNK)
                if not rest or rest.endswith(ending):  # type: ignore[arg-type]
                    break
            yield number, None
        else:
            yield number, line
