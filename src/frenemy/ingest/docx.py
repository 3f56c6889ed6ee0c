"""Word documents (.docx): paragraphs and tables in reading order, and core properties."""

from __future__ import annotations

import zipfile
from typing import Any, BinaryIO

from frenemy.errors import InputError
from frenemy.ingest import codes
from frenemy.ingest.document import make_document, too_large
from frenemy.models import Document

_BODY_PART = "word/document.xml"
# The body's XML is many times larger than its text; allow this much XML per byte of text limit.
_XML_PER_TEXT_BYTE = 10


def read_docx(stream: BinaryIO, source: str, max_bytes: int) -> Document:
    """A .docx file as one Document: each paragraph (and table row) on its own, blank-line separated.

    Title, author and creation date come from the core properties. Raises InputError E104 when the
    file is not a readable Word document, E106 when its body is over the size limit.
    """
    _check_package(stream, source, max_bytes)
    import docx  # python-docx

    try:
        document = docx.Document(stream)
        blocks = list(_blocks(document))
    except Exception as err:
        raise InputError(
            source, f"not a readable Word document ({_describe(err)})", code=codes.CORRUPT
        ) from None
    text = "\n\n".join(block for block in blocks if block.strip())
    if len(text) > max_bytes:
        raise too_large(source, "the text of the Word document", len(text.encode("utf-8")), max_bytes)
    props = document.core_properties
    created = props.created
    return make_document(
        text,
        source=source,
        format="docx",
        title=props.title,
        author=props.author,
        published=created.isoformat() if created else None,
    )


def _check_package(stream: BinaryIO, source: str, max_bytes: int) -> None:
    """Refuse non-zip files and oversized bodies before python-docx loads anything."""
    try:
        with zipfile.ZipFile(stream) as package:
            try:
                body = package.getinfo(_BODY_PART)
            except KeyError:
                raise InputError(
                    source,
                    f"not a readable Word document (the package has no {_BODY_PART}: "
                    "is it another Office format?)",
                    code=codes.CORRUPT,
                ) from None
    except zipfile.BadZipFile as err:
        raise InputError(
            source, f"not a readable Word document (not a .docx package: {err})", code=codes.CORRUPT
        ) from None
    if body.file_size > max_bytes * _XML_PER_TEXT_BYTE:
        raise too_large(
            source, f"the unpacked body ({_BODY_PART})", body.file_size, max_bytes * _XML_PER_TEXT_BYTE
        )
    stream.seek(0)


def _blocks(document: Any) -> list[str]:
    """The text of each paragraph, and of each table row with cells joined by " | ", in order."""
    from docx.table import Table

    blocks: list[str] = []
    for item in document.iter_inner_content():
        if isinstance(item, Table):
            for row in item.rows:
                cells: list[str] = []
                for cell in row.cells:
                    value = cell.text.strip()
                    # A merged cell is returned once per grid column it spans.
                    if value and (not cells or cells[-1] != value):
                        cells.append(value)
                blocks.append(" | ".join(cells))
        else:
            blocks.append(item.text)
    return blocks


def _describe(err: Exception) -> str:
    text = str(err).strip() or type(err).__name__
    return text if len(text) <= 200 else text[:200] + "…"
