"""Metadata given outside a document: command-line values and ``FILE.meta.json`` sidecars.

Precedence, highest first: command-line values, then the sidecar, then what the file itself
says (HTML meta tags, PDF and DOCX properties, e-mail headers, JSON Lines fields).
"""

from __future__ import annotations

import json
from collections.abc import Mapping, Sequence
from dataclasses import dataclass, fields, replace
from pathlib import Path

from frenemy.errors import InputError
from frenemy.ingest import codes
from frenemy.ingest.boundedjson import JSONBoundError, loads_bounded
from frenemy.ingest.dates import normalise_date
from frenemy.ingest.document import clean_field
from frenemy.models import Document

SIDECAR_SUFFIX = ".meta.json"
MAX_SIDECAR_BYTES = 1_000_000
# "date" is accepted as another name for "published" (the `frenemy code` input uses it).
_ALIASES = {"date": "published"}
_NOT_FIELDS = frozenset({"date_order"})  # settings carried with the metadata, not set on documents


@dataclass(frozen=True)
class DocumentMeta:
    """Metadata to set on documents; a ``None`` field leaves the document's own value alone."""

    title: str | None = None
    publisher: str | None = None
    published: str | None = None
    url: str | None = None
    author: str | None = None
    # How to read all-number dates like 04/05/2012 ("DMY" or "MDY"); not a document field.
    date_order: str | None = None

    @classmethod
    def from_mapping(cls, data: Mapping[str, object], source: str) -> DocumentMeta:
        """Metadata from a JSON object; raises InputError E109 for unknown keys or bad values."""
        known = {f.name for f in fields(cls)} - _NOT_FIELDS
        values: dict[str, str | None] = {}
        for key, value in data.items():
            name = _ALIASES.get(key, key)
            if name not in known:
                allowed = ", ".join(sorted(known | set(_ALIASES)))
                raise InputError(
                    source, f"unknown metadata key {key!r} (allowed: {allowed})", code=codes.BAD_METADATA
                )
            if isinstance(value, bool) or (value is not None and not isinstance(value, str | int)):
                raise InputError(
                    source, f"metadata key {key!r} must be text or null", code=codes.BAD_METADATA
                )
            if name in values and values[name] is not None:
                raise InputError(source, f"metadata key {key!r} is given twice", code=codes.BAD_METADATA)
            values[name] = clean_field(value)
        return cls(**values).checked(source)

    def checked(self, source: str) -> DocumentMeta:
        """The same metadata with ``published`` normalised; raises InputError E109 if it is no date."""
        return replace(self, published=_normalised_published(self.published, source, None, self.date_order))

    def apply_to(self, document: Document) -> Document:
        """``document`` with every field that this metadata sets replaced."""
        changes = {
            f.name: getattr(self, f.name)
            for f in fields(self)
            if f.name not in _NOT_FIELDS and getattr(self, f.name) is not None
        }
        return replace(document, **changes) if changes else document


def sidecar_path(path: Path) -> Path:
    """Where the sidecar of ``path`` would be: ``report.pdf`` -> ``report.pdf.meta.json``."""
    return path.with_name(path.name + SIDECAR_SUFFIX)


def is_sidecar(path: Path) -> bool:
    return path.name.endswith(SIDECAR_SUFFIX)


def load_sidecar(path: Path) -> DocumentMeta | None:
    """The metadata in ``path``'s sidecar, ``None`` if it has none; InputError E109 if it is bad."""
    side = sidecar_path(path)
    if not side.is_file():
        return None
    source = str(side)
    try:
        info = side.stat()
        if info.st_size > MAX_SIDECAR_BYTES:
            raise InputError(
                source,
                f"metadata sidecar is {info.st_size:,} bytes; a sidecar holds a few fields "
                f"(at most {MAX_SIDECAR_BYTES:,} bytes)",
                code=codes.BAD_METADATA,
            )
        data = loads_bounded(side.read_bytes().decode("utf-8-sig"))
    except JSONBoundError as err:
        raise InputError(
            source, f"metadata sidecar is JSON beyond a safe bound: it {err}", code=codes.TOO_COMPLEX
        ) from None
    except (OSError, UnicodeDecodeError, json.JSONDecodeError) as err:
        raise InputError(
            source, f"metadata sidecar is not readable JSON ({err})", code=codes.BAD_METADATA
        ) from None
    if not isinstance(data, dict):
        raise InputError(source, "metadata sidecar must hold one JSON object", code=codes.BAD_METADATA)
    return DocumentMeta.from_mapping(data, source)


def finish_document(
    document: Document, layers: Sequence[DocumentMeta | None], source: str, line: int | None = None
) -> Document:
    """``document`` with metadata layers applied (lowest precedence first) and its date normalised.

    Raises InputError E109 naming the field when the resulting ``published`` is not a date.
    """
    order = None
    for layer in layers:
        if layer is not None:
            document = layer.apply_to(document)
            order = layer.date_order or order
    published = _normalised_published(document.published, source, line, order)
    return replace(document, published=published) if published != document.published else document


def _normalised_published(
    value: str | None, source: str, line: int | None, date_order: str | None = None
) -> str | None:
    try:
        return normalise_date(value, date_order)
    except ValueError as err:
        raise InputError(
            source,
            f"field 'published': {err}; fix it, or set the date with --published or a "
            f"{SIDECAR_SUFFIX} sidecar",
            code=codes.BAD_METADATA,
            line=line,
        ) from None
