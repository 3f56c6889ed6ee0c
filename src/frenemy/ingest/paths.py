"""Reading documents from files, folders and standard input, one at a time.

``read_paths`` never raises for a bad input: it yields an InputError for it and goes on, so one
broken file in a folder of thousands costs one error line, not the run.
"""

from __future__ import annotations

import errno
import os
import re
import stat
import sys
from collections.abc import Callable, Iterable, Iterator, Sequence
from dataclasses import dataclass
from pathlib import Path
from typing import IO, BinaryIO

from frenemy.errors import InputError, SkippedInput
from frenemy.ingest import codes
from frenemy.ingest.budget import budget_seconds, time_budget
from frenemy.ingest.document import too_large
from frenemy.ingest.docx import read_docx
from frenemy.ingest.eml import read_eml
from frenemy.ingest.html import read_html
from frenemy.ingest.jsonl import read_jsonl
from frenemy.ingest.meta import DocumentMeta, finish_document, is_sidecar, load_sidecar
from frenemy.ingest.pdf import read_pdf
from frenemy.ingest.txt import read_md, read_txt
from frenemy.models import Document

DEFAULT_MAX_BYTES = 20_000_000
MAX_BYTES_VARIABLE = "FRENEMY_MAX_BYTES"
STDIN_NAME = "<stdin>"
# PDF and DOCX files hold images and markup besides text: allow files this many times the limit.
CONTAINER_FACTOR = 10

Item = Document | InputError


@dataclass(frozen=True)
class Reader:
    """How one input format is read."""

    format: str
    read: Callable[[BinaryIO, str, int], Document] | None = None  # formats with one document
    container: bool = False  # file size says little about text size (PDF, DOCX)
    records: bool = False  # one document per line (JSON Lines)


READERS: dict[str, Reader] = {
    ".txt": Reader("txt", read_txt),
    ".text": Reader("txt", read_txt),
    ".md": Reader("md", read_md),
    ".markdown": Reader("md", read_md),
    ".html": Reader("html", read_html),
    ".htm": Reader("html", read_html),
    ".pdf": Reader("pdf", read_pdf, container=True),
    ".docx": Reader("docx", read_docx, container=True),
    ".eml": Reader("eml", read_eml),
    ".jsonl": Reader("jsonl", records=True),
    ".ndjson": Reader("jsonl", records=True),
}
# An explicitly named file with another extension is read as plain text, if it is text.
_FALLBACK = Reader("txt", read_txt)
# "https://...", "file:///...": a web address, not a path (a Windows drive "C:\\" has no "//").
_URL = re.compile(r"^[A-Za-z][A-Za-z0-9+.-]*://")
_KINDS = (
    (stat.S_ISFIFO, "a named pipe (FIFO)"),
    (stat.S_ISCHR, "a character device (like /dev/zero or a terminal)"),
    (stat.S_ISBLK, "a block device (a disk)"),
    (stat.S_ISSOCK, "a socket"),
)


def read_paths(
    paths: Sequence[str | Path],
    *,
    meta: DocumentMeta | None = None,
    max_bytes: int = DEFAULT_MAX_BYTES,
    stdin: IO[str] | None = None,
) -> Iterator[Document | InputError]:
    """Each document in ``paths``, in order, or an InputError for each input that cannot be read.

    A path may be a file, a folder (read recursively in sorted order; hidden entries and sidecars
    skipped, files of unknown type given as ``SkippedInput`` W101 notices) or ``"-"`` for JSON
    Lines on ``stdin`` (default ``sys.stdin``).
    ``meta`` overrides every document's metadata; a ``FILE.meta.json`` sidecar overrides what the
    file itself says. Inputs over ``max_bytes`` of text are refused with E106.

    >>> for item in read_paths(["articles/", "notes.txt"]):  # doctest: +SKIP
    ...     print(item if isinstance(item, InputError) else item.id)
    """
    if isinstance(paths, str | Path):  # one path given where a list was meant
        paths = [paths]
    try:
        flags = meta.checked("the metadata options") if meta is not None else None
    except InputError as err:
        yield err  # wrong metadata on every document would be worse than none read
        return
    for given in paths:
        if str(given) == "-":
            yield from _guarded(STDIN_NAME, lambda: read_jsonl(_stdin(stdin), STDIN_NAME, max_bytes, [flags]))
            continue
        if _URL.match(str(given)):
            yield url_refused(str(given))
            continue
        path = Path(given)
        kind = path_kind(path)
        if isinstance(kind, InputError):
            yield kind
        elif kind == "dir":
            for found in walk_folder(path):
                if isinstance(found, InputError):
                    yield found
                else:
                    yield from read_file(
                        found, flags=flags, max_bytes=max_bytes, reader=READERS[found.suffix.lower()]
                    )
        elif not is_sidecar(path):
            yield from read_file(path, flags=flags, max_bytes=max_bytes)


def read_file(
    path: Path,
    *,
    flags: DocumentMeta | None = None,
    max_bytes: int = DEFAULT_MAX_BYTES,
    reader: Reader | None = None,
) -> Iterator[Document | InputError]:
    """The documents of one file (one, or one per line for JSON Lines), or InputErrors.

    ``reader`` defaults to the one for the file's extension, else plain text.
    """
    source = str(path)
    reader = reader or READERS.get(path.suffix.lower(), _FALLBACK)
    try:
        info = path.stat()
    except OSError as err:
        yield _stat_error(path, err)
        return
    if not stat.S_ISREG(info.st_mode):  # a FIFO would block forever, /dev/zero never ends
        yield _not_regular(source, info.st_mode)
        return
    size = info.st_size
    limit = max_bytes * CONTAINER_FACTOR if reader.container else max_bytes
    if not reader.records and size > limit:
        yield too_large(source, "the file", size, limit)
        return
    try:
        sidecar = load_sidecar(path)
    except InputError as err:
        yield err
        return
    layers = [sidecar, flags]

    def documents() -> Iterator[Item]:
        with path.open("rb") as stream:
            if reader.records:
                yield from read_jsonl(stream, source, max_bytes, layers)
            else:
                assert reader.read is not None
                with time_budget(budget_seconds(), source):  # one file cannot stall the run
                    document = reader.read(stream, source, max_bytes)
                yield finish_document(document, layers, source)

    yield from _guarded(source, documents)


def walk_folder(folder: Path) -> Iterator[Path | InputError]:
    """Readable files under ``folder``, depth first in name order, one directory listed at a time.

    Skips names starting with "." (hidden), ``*.meta.json`` sidecars, files without an extension
    (README, LICENSE) and symbolic links to folders (which could loop); a file whose extension no
    reader handles comes as a ``SkippedInput`` (W101), so the user sees it named.
    """
    stack: list[Iterator[os.DirEntry[str]]] = []
    listing = _listing(folder)
    if isinstance(listing, InputError):
        yield listing
        return
    stack.append(listing)
    while stack:
        entry = next(stack[-1], None)
        if entry is None:
            stack.pop()
            continue
        if entry.name.startswith("."):
            continue
        try:
            if entry.is_dir(follow_symlinks=False):
                sub = _listing(Path(entry.path))
                if isinstance(sub, InputError):
                    yield sub
                else:
                    stack.append(sub)
                continue
            is_file = entry.is_file()
        except OSError:
            is_file = False
        path = Path(entry.path)
        if not is_file and path.suffix.lower() in READERS:
            kind = path_kind(path)  # a FIFO, device or link loop named like a document: say so
            if isinstance(kind, InputError):
                yield kind
            continue
        if not is_file or is_sidecar(path):
            continue
        if path.suffix.lower() in READERS:
            yield path
        elif path.suffix:  # no extension (README, LICENSE): a folder's own notes, passed over
            yield SkippedInput(
                str(path),
                f"{path.suffix} is not a format frenemy reads "
                f"({', '.join(sorted(READERS))}); to read it as plain text, name it on the command line",
            )


def path_kind(path: Path) -> str | InputError:
    """``"dir"`` or ``"file"`` (a regular file) for a path given to read, else the InputError to show.

    Checked with ``stat`` before anything is opened: a FIFO, a device or a socket is refused with
    E111 (opening a FIFO blocks, ``/dev/zero`` never ends), and so is a symbolic link loop.
    """
    try:
        info = path.stat()
    except (OSError, ValueError) as err:  # ValueError: a NUL character in the path
        if isinstance(err, OSError):
            return _stat_error(path, err)
        return InputError(str(path), f"cannot open it ({err})", code=codes.NOT_FOUND)
    if stat.S_ISDIR(info.st_mode):
        return "dir"
    if stat.S_ISREG(info.st_mode):
        return "file"
    return _not_regular(str(path), info.st_mode)


def url_refused(given: str) -> InputError:
    """The E112 error for a web address given as a path."""
    return InputError(
        given,
        "this is a web address: frenemy reads files, it does not fetch pages. Save the page "
        "(a .html file, with a FILE.html.meta.json sidecar for its url and date), or put the pages "
        'you fetched in a JSON Lines file of {"url", "title", "published", "text"} records and '
        "ingest that (docs/formats.md, 'Pages from the web')",
        code=codes.NOT_A_PATH,
    )


def _stat_error(path: Path, err: OSError) -> InputError:
    source = str(path)
    if err.errno == errno.ELOOP:
        return InputError(
            source, "a symbolic link loop (the link points back to itself); fix or remove the link",
            code=codes.NOT_A_FILE,
        )  # fmt: skip
    if err.errno == errno.ENOENT:
        if path.is_symlink():
            target = os.readlink(path)
            return InputError(
                source, f"a broken symbolic link (it points to {target}, which does not exist)",
                code=codes.NOT_FOUND,
            )  # fmt: skip
        return InputError(source, "no such file or folder", code=codes.NOT_FOUND)
    return InputError(source, f"cannot open it ({err.strerror or err})", code=codes.NOT_FOUND)


def _not_regular(source: str, mode: int) -> InputError:
    kind = next((name for test, name in _KINDS if test(mode)), "not a regular file")
    return InputError(
        source,
        f"{kind}, not a regular file: frenemy reads files and folders only "
        "(to read a stream, pipe JSON Lines into `frenemy ingest -`)",
        code=codes.NOT_A_FILE,
    )


def _listing(folder: Path) -> Iterator[os.DirEntry[str]] | InputError:
    try:
        with os.scandir(folder) as entries:
            return iter(sorted(entries, key=lambda entry: entry.name))
    except OSError as err:
        return InputError(
            str(folder), f"cannot list the folder ({err.strerror or err})", code=codes.NOT_FOUND
        )


def _guarded(source: str, items: Callable[[], Iterable[Item]]) -> Iterator[Item]:
    """``items()``, turning a raised InputError, or any unforeseen failure, into a yielded error."""
    try:
        yield from items()
    except InputError as err:
        yield err
    except OSError as err:
        yield InputError(source, f"cannot read it ({err.strerror or err})", code=codes.NOT_FOUND)
    except Exception as err:
        yield InputError(
            source,
            f"unexpected failure while reading ({type(err).__name__}: {err}); please report this as a bug",
            code=codes.UNEXPECTED,
        )


def _stdin(stdin: IO[str] | None) -> BinaryIO | IO[str]:
    """Standard input as bytes when possible, so a bad byte spoils one line, not the stream."""
    stream = stdin if stdin is not None else sys.stdin
    buffer = getattr(stream, "buffer", None)
    return buffer if buffer is not None else stream


def max_bytes_setting(environ: dict[str, str] | None = None) -> int:
    """The size limit from FRENEMY_MAX_BYTES, else the default; InputError E106 if it is not a number."""
    raw = (os.environ if environ is None else environ).get(MAX_BYTES_VARIABLE, "").strip()
    if not raw:
        return DEFAULT_MAX_BYTES
    try:
        value = int(raw.replace("_", ""))
    except ValueError:
        value = 0
    if value <= 0:
        raise InputError(
            MAX_BYTES_VARIABLE, f"{raw!r} is not a positive whole number of bytes", code=codes.TOO_LARGE
        )
    return value
