"""Plain text and Markdown files."""

from __future__ import annotations

import os
from typing import BinaryIO

from frenemy.ingest.decoding import decode_text
from frenemy.ingest.document import make_document, too_large
from frenemy.models import Document


def read_bounded(stream: BinaryIO, source: str, max_bytes: int) -> bytes:
    """All of ``stream``, or InputError E106 if it holds more than ``max_bytes`` bytes."""
    data = stream.read(max_bytes + 1)
    if len(data) > max_bytes:
        raise too_large(source, "the file", stream_size(stream), max_bytes)
    return data


def stream_size(stream: BinaryIO) -> int | None:
    """The size in bytes of the file behind ``stream``, when the operating system knows it."""
    try:
        return os.fstat(stream.fileno()).st_size
    except (OSError, AttributeError, ValueError):
        return None


def read_txt(stream: BinaryIO, source: str, max_bytes: int) -> Document:
    """A .txt file (UTF-8, UTF-8 with BOM, or UTF-16/UTF-32 with BOM) as one Document.

    A short first line standing alone above a blank line (a headline) becomes the title.
    """
    text = decode_text(read_bounded(stream, source, max_bytes), source)
    return make_document(text, source=source, format="txt", title=headline_title(text))


def headline_title(text: str) -> str | None:
    """``"Old Rivals Talk\n\nThe two ..."`` -> ``"Old Rivals Talk"``; None for a running first line."""
    head, sep, _ = text.lstrip("\ufeff").lstrip().partition("\n")
    head = head.strip()
    rest = _.lstrip(" \t")
    if not sep or not rest.startswith("\n") or not head or len(head) > 150:
        return None
    if head[-1] in ".,;:" or len(head.split()) > 20:
        return None  # an ordinary sentence or paragraph, not a headline
    return head


def read_md(stream: BinaryIO, source: str, max_bytes: int) -> Document:
    """A Markdown file as one Document; a leading ``# heading`` becomes the title."""
    text = decode_text(read_bounded(stream, source, max_bytes), source)
    return make_document(text, source=source, format="md", title=markdown_title(text))


def markdown_title(text: str) -> str | None:
    """The text of a level-one heading on the first non-blank line, if there is one."""
    for line in text.lstrip("\ufeff").splitlines():
        if not line.strip():
            continue
        if not line.startswith("# "):
            return None
        return line[2:].strip().rstrip("#").strip() or None
    return None
