"""Ingestion: files, folders and streams -> Documents (or InputErrors), one at a time.

>>> from frenemy.ingest import read_paths, DocumentMeta
>>> items = read_paths(["articles/"], meta=DocumentMeta(publisher="Al-Monitor"))  # doctest: +SKIP

Formats, metadata precedence, sidecars, limits and error codes: docs/formats.md.
"""

from __future__ import annotations

from frenemy.ingest.dates import normalise_date
from frenemy.ingest.document import make_document
from frenemy.ingest.identity import document_id, normalise_text
from frenemy.ingest.jsonl import read_jsonl
from frenemy.ingest.language import guess_language
from frenemy.ingest.meta import DocumentMeta
from frenemy.ingest.paths import (
    DEFAULT_MAX_BYTES,
    MAX_BYTES_VARIABLE,
    READERS,
    max_bytes_setting,
    read_file,
    read_paths,
    walk_folder,
)

__all__ = [
    "DEFAULT_MAX_BYTES",
    "MAX_BYTES_VARIABLE",
    "READERS",
    "DocumentMeta",
    "document_id",
    "guess_language",
    "make_document",
    "max_bytes_setting",
    "normalise_date",
    "normalise_text",
    "read_file",
    "read_jsonl",
    "read_paths",
    "walk_folder",
]
