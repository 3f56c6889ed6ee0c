"""Bytes to text: byte-order marks, strict UTF-8, and refusing binary content with a reason."""

from __future__ import annotations

from frenemy.errors import InputError
from frenemy.ingest import codes

SUPPORTED = ".txt, .md, .html, .htm, .pdf, .docx, .eml, .jsonl, .ndjson"

# Longest first: the UTF-32 LE mark begins with the UTF-16 LE one.
_BOMS = (
    (b"\xff\xfe\x00\x00", "utf-32-le", "UTF-32"),
    (b"\x00\x00\xfe\xff", "utf-32-be", "UTF-32"),
    (b"\xef\xbb\xbf", "utf-8", "UTF-8"),
    (b"\xff\xfe", "utf-16-le", "UTF-16"),
    (b"\xfe\xff", "utf-16-be", "UTF-16"),
)
_MAGIC = (
    (b"%PDF-", "a PDF file (give it the .pdf extension)"),
    (b"PK\x03\x04", "a ZIP archive (a .docx, .xlsx or .zip file?)"),
    (b"\xd0\xcf\x11\xe0", "an old Microsoft Office file (.doc or .xls: save it as .docx or PDF)"),
    (b"\x89PNG", "a PNG image"),
    (b"\xff\xd8\xff", "a JPEG image"),
    (b"GIF8", "a GIF image"),
    (b"\x1f\x8b", "a gzip archive"),
    (b"\x7fELF", "a program"),
)
# Control bytes that never occur in text (tab, newline, vertical tab, form feed, CR excepted).
_CONTROL_BYTES = bytes([*range(0, 9), *range(14, 32), 127])
# Share of control bytes in the first block above which content is taken as binary.
_MAX_CONTROL_SHARE = 0.05
_SNIFF_BYTES = 8192


def binary_reason(data: bytes) -> str | None:
    """Why ``data`` (raw bytes without a byte-order mark) is not text, or ``None`` if it may be."""
    for magic, kind in _MAGIC:
        if data.startswith(magic):
            return f"binary content: this is {kind}"
    if b"\x00" in data:
        return "binary content: it contains NUL bytes (if it is UTF-16 text, re-save it as UTF-8)"
    head = data[:_SNIFF_BYTES]
    if head:
        controls = len(head) - len(head.translate(None, _CONTROL_BYTES))
        if controls / len(head) > _MAX_CONTROL_SHARE:
            return "binary content: it is mostly non-text bytes"
    return None


def split_bom(data: bytes) -> tuple[str | None, str | None, bytes]:
    """``(python codec, display name, rest)`` when ``data`` starts with a byte-order mark."""
    for bom, codec, name in _BOMS:
        if data.startswith(bom):
            return codec, name, data[len(bom) :]
    return None, None, data


def decode_text(data: bytes, source: str) -> str:
    """The text of a plain-text file: UTF-8 (with or without BOM), or UTF-16/UTF-32 with a BOM.

    Raises InputError E103 for binary content and E105 for invalid UTF-8, naming the byte offset.
    """
    codec, name, body = split_bom(data)
    offset = len(data) - len(body)
    if codec is None:
        reason = binary_reason(data)
        if reason:
            raise InputError(source, f"{reason}; frenemy reads {SUPPORTED}", code=codes.BINARY)
        codec, name = "utf-8", "UTF-8"
    try:
        text = body.decode(codec)
    except UnicodeDecodeError as err:
        bad = body[err.start : err.start + 1].hex()
        raise InputError(
            source,
            f"invalid {name} at byte offset {offset + err.start} (byte 0x{bad}); "
            "re-save the file as UTF-8 (it may be in Latin-1 or Windows-1252)",
            code=codes.ENCODING,
        ) from None
    if "\x00" in text:
        raise InputError(source, "binary content: it contains NUL characters", code=codes.BINARY)
    return text
