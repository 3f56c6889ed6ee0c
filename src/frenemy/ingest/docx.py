"""Word documents (.docx): paragraphs and tables in reading order, and core properties."""

from __future__ import annotations

import io
import posixpath
import zipfile
import zlib
from typing import Any, BinaryIO

from frenemy.errors import InputError
from frenemy.ingest import codes
from frenemy.ingest.document import make_document, too_large
from frenemy.models import Document

_BODY_PART = "word/document.xml"
# The body's XML is many times larger than its text; allow this much XML per byte of text limit.
_XML_PER_TEXT_BYTE = 10


# Zip bomb bounds: a part that inflates more than this many times over its packed size (when it
# unpacks to more than _RATIO_FLOOR bytes), a package of more parts, or parts adding up to more
# than _TOTAL_PER_TEXT_BYTE bytes per byte of the text limit, is refused before anything unpacks.
_MAX_RATIO = 200
_RATIO_FLOOR = 1_000_000
_MAX_MEMBERS = 10_000
_TOTAL_PER_TEXT_BYTE = 20
# The only parts read: the body, the package's and the body's relationships, the content types
# and the core properties (title, author, date). Images, styles, fonts and the rest stay packed.
_ROOT_RELS = "_rels/.rels"
_BODY_RELS = "word/_rels/document.xml.rels"
_CONTENT_TYPES = "[Content_Types].xml"
_CORE = "docProps/core.xml"
_SMALL_PART = 1_000_000  # relationships, content types and core properties are a few KB
_RELS_NS = "http://schemas.openxmlformats.org/package/2006/relationships"


def read_docx(stream: BinaryIO, source: str, max_bytes: int) -> Document:
    """A .docx file as one Document: each paragraph (and table row) on its own, blank-line separated.

    Title, author and creation date come from the core properties. Only the parts that hold them
    are unpacked, each with a size limit. Raises InputError E104 when the file is not a readable
    Word document, E106 when its body is over the size limit, E114 for a zip bomb.
    """
    slim = _slim_package(stream, source, max_bytes)
    import docx  # python-docx

    try:
        document = docx.Document(slim)
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


def _slim_package(stream: BinaryIO, source: str, max_bytes: int) -> io.BytesIO:
    """A new in-memory package holding only the parts needed for the text and core properties.

    Every member's declared size and packing ratio is checked first (E114 for a zip bomb); the
    parts kept are then unpacked with a limit, so a part that inflates beyond what its header
    declares is stopped too. Raises E104 for a file that is no .docx package.
    """
    body_limit = max_bytes * _XML_PER_TEXT_BYTE
    try:
        with zipfile.ZipFile(stream) as package:
            members = package.infolist()
            _check_members(members, source, max_bytes)
            names = {info.filename: info for info in members}
            body = names.get(_BODY_PART)
            if body is None:
                raise InputError(
                    source,
                    f"not a readable Word document (the package has no {_BODY_PART}: "
                    "is it another Office format?)",
                    code=codes.CORRUPT,
                )
            if body.file_size > body_limit:
                raise too_large(source, f"the unpacked body ({_BODY_PART})", body.file_size, body_limit)
            kept: dict[str, bytes] = {_BODY_PART: _unpack(package, body, body_limit, source)}
            for name in (_CONTENT_TYPES, _ROOT_RELS, _BODY_RELS, _CORE):
                if name in names:
                    kept[name] = _unpack(package, names[name], _SMALL_PART, source)
    except zipfile.BadZipFile as err:
        raise InputError(
            source, f"not a readable Word document (not a .docx package: {err})", code=codes.CORRUPT
        ) from None
    except (zlib.error, NotImplementedError, EOFError) as err:
        raise InputError(
            source, f"not a readable Word document (a damaged part: {_describe(err)})", code=codes.CORRUPT
        ) from None
    # relationships to parts left out would make python-docx look for them: keep only the ones
    # to parts kept (and links to the outside, such as hyperlinks)
    for rels, base in ((_ROOT_RELS, ""), (_BODY_RELS, "word/")):
        if rels in kept:
            kept[rels] = _kept_relationships(kept[rels], base, set(kept))
    out = io.BytesIO()
    with zipfile.ZipFile(out, "w", zipfile.ZIP_STORED) as slim:
        for name, data in kept.items():
            slim.writestr(name, data)
    out.seek(0)
    return out


def _check_members(members: list[zipfile.ZipInfo], source: str, max_bytes: int) -> None:
    if len(members) > _MAX_MEMBERS:
        raise _bomb(source, f"it holds {len(members):,} parts (at most {_MAX_MEMBERS:,})")
    total = 0
    for info in members:
        total += info.file_size
        packed = max(info.compress_size, 1)
        if info.file_size > _RATIO_FLOOR and info.file_size / packed > _MAX_RATIO:
            raise _bomb(
                source,
                f"the part {info.filename} inflates from {info.compress_size:,} to "
                f"{info.file_size:,} bytes ({info.file_size // packed:,} times)",
            )
    limit = max_bytes * _TOTAL_PER_TEXT_BYTE
    if total > limit:
        raise _bomb(source, f"its parts unpack to {total:,} bytes (at most {limit:,})")


def _unpack(package: zipfile.ZipFile, info: zipfile.ZipInfo, limit: int, source: str) -> bytes:
    """One part's bytes, read with a limit whatever its header says."""
    with package.open(info) as part:
        data = part.read(limit + 1)
    if len(data) > limit:
        raise _bomb(source, f"the part {info.filename} unpacks to more than {limit:,} bytes")
    return data


def _kept_relationships(data: bytes, base: str, kept: set[str]) -> bytes:
    """The relationships XML with only links to parts in ``kept`` (or outside the package)."""
    from xml.etree import ElementTree

    try:
        root = ElementTree.fromstring(data)
    except ElementTree.ParseError:
        return data  # python-docx will say what is wrong with it
    for rel in list(root):
        target = rel.get("Target", "")
        if rel.get("TargetMode") == "External":
            continue
        path = posixpath.normpath(target.lstrip("/") if target.startswith("/") else base + target)
        if path not in kept:
            root.remove(rel)
    ElementTree.register_namespace("", _RELS_NS)
    return ElementTree.tostring(root, xml_declaration=True, encoding="UTF-8")


def _bomb(source: str, cause: str) -> InputError:
    return InputError(
        source, f"refused as a zip bomb: {cause}; a Word document's parts never inflate like this",
        code=codes.ZIP_BOMB,
    )  # fmt: skip


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
