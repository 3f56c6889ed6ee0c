"""Building a Document from extracted text: normalised text, id, language, tidy metadata."""

from __future__ import annotations

import re

from frenemy.errors import InputError
from frenemy.ingest import codes
from frenemy.ingest.identity import document_id, normalise_text
from frenemy.ingest.language import guess_language
from frenemy.models import Document

_SPACES = re.compile(r"\s+")


def clean_field(value: object) -> str | None:
    """A metadata value as one line of text, or ``None`` when it is missing or blank."""
    if value is None:
        return None
    text = _SPACES.sub(" ", str(value)).strip()
    return text or None


def make_document(
    text: str,
    *,
    source: str,
    format: str,
    title: object = None,
    publisher: object = None,
    published: object = None,
    author: object = None,
    url: object = None,
    external_id: object = None,
    line: int | None = None,
) -> Document:
    """A Document whose text is the normalised ``text`` and whose id is that text's hash.

    ``published`` is kept as given (as text); :func:`frenemy.ingest.meta.finish_document`
    normalises it once every metadata layer is applied. Raises InputError E102 when the text is
    empty or only whitespace.
    """
    stored = normalise_text(text)
    if not stored:
        raise InputError(
            source, "no text: the document is empty or only whitespace", code=codes.EMPTY, line=line
        )
    return Document(
        id=document_id(stored),
        text=stored,
        title=clean_field(title),
        publisher=clean_field(publisher),
        published=clean_field(published),
        author=clean_field(author),
        url=clean_field(url),
        source_path=source if line is None else f"{source}:{line}",
        format=format,
        language=guess_language(stored),
        external_id=clean_field(external_id),
    )


def too_large(
    source: str, what: str, size: int | None, max_bytes: int, line: int | None = None
) -> InputError:
    """The E106 error for input over the size limit, saying how to raise the limit."""
    amount = f"is {size:,} bytes" if size is not None else f"has more than {max_bytes:,} bytes"
    return InputError(
        source,
        f"{what} {amount}, over the limit of {max_bytes:,} bytes; "
        "raise the limit with --max-bytes or the FRENEMY_MAX_BYTES setting",
        code=codes.TOO_LARGE,
        line=line,
    )
