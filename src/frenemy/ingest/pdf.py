"""PDF files: the text layer of every page, and title/author/creation date, via pypdf."""

from __future__ import annotations

import logging
from typing import BinaryIO

from frenemy.errors import InputError
from frenemy.ingest import codes
from frenemy.ingest.document import make_document, too_large
from frenemy.models import Document

# pypdf logs every irregularity it works around; frenemy reports the outcome itself.
logging.getLogger("pypdf").setLevel(logging.ERROR)

# How far from each end of the file the PDF header and end-of-file marker may sit.
_HEADER_WINDOW = 1024
_TRAILER_WINDOW = 16384


def read_pdf(stream: BinaryIO, source: str, max_bytes: int) -> Document:
    """A PDF as one Document, its pages separated by blank lines.

    Raises InputError E104 for a damaged or truncated file, E110 when it needs a password, E107
    when no page has a text layer (a scanned image: run OCR first), E106 when the text is larger
    than ``max_bytes``.
    """
    _check_envelope(stream, source)
    from pypdf import PdfReader

    try:
        reader = PdfReader(stream, strict=False)
        if reader.is_encrypted and not reader.decrypt(""):
            raise InputError(
                source, "the PDF is encrypted: remove the password and read it again", code=codes.ENCRYPTED
            )
        pages = reader.pages
        page_count = len(pages)
    except InputError:
        raise
    except Exception as err:
        raise _unreadable(source, err) from None
    if page_count == 0:
        raise InputError(source, "not a readable PDF (it has no pages)", code=codes.CORRUPT)
    texts: list[str] = []
    size = 0
    for number in range(page_count):
        try:
            page_text = pages[number].extract_text() or ""
        except Exception as err:
            raise InputError(
                source, f"not a readable PDF (page {number + 1}: {_describe(err)})", code=codes.CORRUPT
            ) from None
        size += len(page_text.encode("utf-8"))
        if size > max_bytes:
            raise too_large(source, "the text of the PDF", None, max_bytes)
        texts.append(page_text)
    if not any(text.strip() for text in texts):
        raise InputError(
            source,
            f"the PDF has no text layer on any of its {page_count} page(s): it may be a scanned image "
            "and needs OCR (for example with ocrmypdf) before frenemy can read it",
            code=codes.NO_TEXT_LAYER,
        )
    title, author, created = _properties(reader)
    return make_document(
        "\n\n".join(texts), source=source, format="pdf", title=title, author=author, published=created
    )


def _check_envelope(stream: BinaryIO, source: str) -> None:
    """Refuse files without a PDF header or end-of-file marker before pypdf tries to repair them.

    pypdf in its lenient mode can return part of the text of a truncated file; frenemy would
    rather refuse than store half a document.
    """
    head = stream.read(_HEADER_WINDOW)
    if b"%PDF-" not in head:
        raise InputError(
            source, "not a readable PDF (no %PDF header: this is not a PDF file)", code=codes.CORRUPT
        )
    end = stream.seek(0, 2)
    stream.seek(max(0, end - _TRAILER_WINDOW))
    if b"%%EOF" not in stream.read():
        raise InputError(
            source,
            "not a readable PDF (no %%EOF end marker: the file is truncated or damaged; download it again)",
            code=codes.CORRUPT,
        )
    stream.seek(0)


def _properties(reader: object) -> tuple[str | None, str | None, str | None]:
    """Title, author and creation date (ISO) from the document information, when present."""
    try:
        info = reader.metadata  # type: ignore[attr-defined]
    except Exception:
        return None, None, None
    if info is None:
        return None, None, None
    values: list[str | None] = []
    for getter in (lambda: info.title, lambda: info.author, lambda: info.creation_date):
        try:
            value = getter()
        except Exception:  # a malformed property is as good as a missing one
            value = None
        values.append(value.isoformat() if hasattr(value, "isoformat") else (str(value) if value else None))
    return values[0], values[1], values[2]


def _unreadable(source: str, err: Exception) -> InputError:
    return InputError(source, f"not a readable PDF ({_describe(err)})", code=codes.CORRUPT)


def _describe(err: Exception) -> str:
    text = str(err).strip() or type(err).__name__
    return text if len(text) <= 200 else text[:200] + "…"
