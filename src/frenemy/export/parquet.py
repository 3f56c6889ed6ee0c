"""Partitioned Parquet output for warehouses and Spark: documents, events, claims and mentions.

Layout (Hive-style partitions, readable by Spark, DuckDB, pandas and pyarrow.dataset)::

    OUT/events/year=2012/part-<run>-00000.parquet
    OUT/claims/year=unknown/part-<run>-00000.parquet
    OUT/mentions/year=2012/...      (year of the document's publication)
    OUT/documents/year=2012/...

Events and claims are partitioned by the year their date starts in, mentions and documents by
the document's publication year; ``unknown`` when there is none. Columns are flat (actor refs
and dates become ``source_id``, ``date_start``, ...) with explicit types, so empty and all-null
batches keep the same schema. ``<run>`` is random per writer, so several writers (or runs) can
add files to the same folder without overwriting each other.
"""

from __future__ import annotations

import uuid
from collections.abc import Iterable
from pathlib import Path
from typing import TYPE_CHECKING, Any

import pyarrow as pa
import pyarrow.parquet as pq

from frenemy.errors import FrenemyError
from frenemy.models import Claim, Document, DocumentResult, Event, Mention

if TYPE_CHECKING:
    from frenemy.store.db import Store

TABLES = ("documents", "events", "claims", "mentions")

_S, _I, _F, _B = pa.string(), pa.int64(), pa.float64(), pa.bool_()

SCHEMAS: dict[str, pa.Schema] = {
    "documents": pa.schema(
        [("id", _S), ("title", _S), ("publisher", _S), ("published", _S), ("author", _S), ("url", _S),
         ("source_path", _S), ("format", _S), ("language", _S), ("external_id", _S), ("text", _S)]
    ),
    "events": pa.schema(
        [("id", _S), ("doc_id", _S), ("sentence_index", _I), ("sentence", _S), ("char_start", _I),
         ("char_end", _I), ("source_id", _S), ("source_name", _S), ("source_code", _S), ("target_id", _S),
         ("target_name", _S), ("target_code", _S), ("action_text", _S), ("cameo", _S), ("cameo_root", _S),
         ("quad_class", _I), ("goldstein", _F), ("plover", _S), ("plover_mode", _S), ("polarity", _S),
         ("negated", _B), ("modality", _S), ("date_start", _S), ("date_end", _S), ("date_precision", _S),
         ("date_basis", _S), ("date_text", _S), ("attributed_to_id", _S), ("attributed_to_name", _S),
         ("relayed_by_id", _S), ("confidence", _F), ("action_start", _I), ("action_end", _I)]
    ),
    "claims": pa.schema(
        [("id", _S), ("doc_id", _S), ("sentence_index", _I), ("sentence", _S), ("char_start", _I),
         ("char_end", _I), ("claimant_id", _S), ("claimant_name", _S), ("about_ids", pa.list_(_S)),
         ("stance", _S), ("hedged", _B), ("negated", _B), ("text", _S), ("date_start", _S), ("date_end", _S),
         ("date_precision", _S), ("date_basis", _S), ("relayed_by_id", _S), ("cue", _S), ("confidence", _F)]
    ),
    "mentions": pa.schema(
        [("doc_id", _S), ("sentence_index", _I), ("char_start", _I), ("char_end", _I), ("text", _S),
         ("actor_id", _S), ("kind", _S)]
    ),
}  # fmt: skip

PARTITIONING_SCHEMA = pa.schema([("year", pa.string())])


def partition_year(date: str | None) -> str:
    """The partition value for an ISO date string: its year, or ``unknown``.

    >>> partition_year("2012-05-04"), partition_year("1990s"), partition_year(None)
    ('2012', '1990', 'unknown')
    """
    if date and len(date) >= 4 and date[:4].isdigit():
        return date[:4]
    return "unknown"


def event_row(e: Event) -> dict[str, Any]:
    """One flat Parquet row for an event (the public record with refs and date spread out)."""
    return {
        "id": e.id, "doc_id": e.doc_id, "sentence_index": e.sentence_index, "sentence": e.sentence,
        "char_start": e.char_start, "char_end": e.char_end,
        "source_id": e.source.id if e.source else None, "source_name": e.source.name if e.source else None,
        "source_code": e.source.code if e.source else None,
        "target_id": e.target.id if e.target else None, "target_name": e.target.name if e.target else None,
        "target_code": e.target.code if e.target else None,
        "action_text": e.action_text, "cameo": e.cameo, "cameo_root": e.cameo_root, "quad_class": e.quad_class,
        "goldstein": e.goldstein, "plover": e.plover, "plover_mode": e.plover_mode, "polarity": e.polarity,
        "negated": e.negated, "modality": e.modality, "date_start": e.date.start, "date_end": e.date.end,
        "date_precision": e.date.precision, "date_basis": e.date.basis, "date_text": e.date.text,
        "attributed_to_id": e.attributed_to.id if e.attributed_to else None,
        "attributed_to_name": e.attributed_to.name if e.attributed_to else None,
        "relayed_by_id": e.relayed_by.id if e.relayed_by else None, "confidence": e.confidence,
        "action_start": e.action_start, "action_end": e.action_end,
    }  # fmt: skip


def claim_row(c: Claim) -> dict[str, Any]:
    """One flat Parquet row for a claim; ``about_ids`` is a list column."""
    return {
        "id": c.id, "doc_id": c.doc_id, "sentence_index": c.sentence_index, "sentence": c.sentence,
        "char_start": c.char_start, "char_end": c.char_end,
        "claimant_id": c.claimant.id if c.claimant else None,
        "claimant_name": c.claimant.name if c.claimant else None,
        "about_ids": [a.id for a in c.about], "stance": c.stance, "hedged": c.hedged, "negated": c.negated,
        "text": c.text, "date_start": c.date.start, "date_end": c.date.end, "date_precision": c.date.precision,
        "date_basis": c.date.basis, "relayed_by_id": c.relayed_by.id if c.relayed_by else None,
        "cue": c.cue, "confidence": c.confidence,
    }  # fmt: skip


def mention_row(m: Mention) -> dict[str, Any]:
    return {
        "doc_id": m.doc_id, "sentence_index": m.sentence_index, "char_start": m.char_start,
        "char_end": m.char_end, "text": m.text, "actor_id": m.actor_id, "kind": m.kind,
    }  # fmt: skip


def document_row(d: Document) -> dict[str, Any]:
    return {
        "id": d.id, "title": d.title, "publisher": d.publisher, "published": d.published, "author": d.author,
        "url": d.url, "source_path": d.source_path, "format": d.format, "language": d.language,
        "external_id": d.external_id, "text": d.text,
    }  # fmt: skip


class ParquetWriter:
    """Buffers rows per table and partition and writes a Parquet file whenever a buffer is full.

    Memory stays bounded by ``rows_per_file`` rows per (table, year) buffer, so any number of
    documents can stream through. Use as a context manager, or call ``close()``.

    >>> with ParquetWriter(Path("out")) as writer:  # doctest: +SKIP
    ...     writer.add(result)
    """

    def __init__(self, out: Path, *, rows_per_file: int = 100_000) -> None:
        self.out = Path(out)
        self.rows_per_file = rows_per_file
        self.run = uuid.uuid4().hex[:8]
        self.counts: dict[str, int] = dict.fromkeys(TABLES, 0)
        self.files: list[Path] = []
        self._buffers: dict[tuple[str, str], list[dict[str, Any]]] = {}
        self._serial = 0
        try:
            self.out.mkdir(parents=True, exist_ok=True)
        except OSError as exc:
            raise FrenemyError(
                f"cannot create the Parquet output folder {self.out}: {exc.strerror}; choose another --out",
                code="E601",
            ) from exc

    def add(self, result: DocumentResult) -> None:
        """Queue one document and every event, claim and mention found in it."""
        doc_year = partition_year(result.document.published)
        self._put("documents", doc_year, document_row(result.document))
        for e in result.events:
            self._put("events", partition_year(e.date.start), event_row(e))
        for c in result.claims:
            self._put("claims", partition_year(c.date.start), claim_row(c))
        for m in result.mentions:
            self._put("mentions", doc_year, mention_row(m))

    def _put(self, table: str, year: str, row: dict[str, Any]) -> None:
        buf = self._buffers.setdefault((table, year), [])
        buf.append(row)
        self.counts[table] += 1
        if len(buf) >= self.rows_per_file:
            self._write(table, year, buf)
            buf.clear()

    def _write(self, table: str, year: str, rows: list[dict[str, Any]]) -> None:
        folder = self.out / table / f"year={year}"
        folder.mkdir(parents=True, exist_ok=True)
        path = folder / f"part-{self.run}-{self._serial:05d}.parquet"
        self._serial += 1
        pq.write_table(pa.Table.from_pylist(rows, schema=SCHEMAS[table]), path, compression="zstd")
        self.files.append(path)

    def flush(self) -> None:
        """Write every non-empty buffer to its own file."""
        for (table, year), rows in self._buffers.items():
            if rows:
                self._write(table, year, rows)
                rows.clear()

    def close(self) -> dict[str, int]:
        """Flush and return the number of rows written per table."""
        self.flush()
        return dict(self.counts)

    def __enter__(self) -> ParquetWriter:
        return self

    def __exit__(self, *exc: object) -> None:
        self.close()


def write_results(
    results: Iterable[DocumentResult], out: Path, *, rows_per_file: int = 100_000
) -> dict[str, int]:
    """Write extraction results as partitioned Parquet under ``out``; returns rows per table."""
    with ParquetWriter(out, rows_per_file=rows_per_file) as writer:
        for result in results:
            writer.add(result)
    return writer.counts


def export_store(store: Store, out: Path, *, page: int = 500, rows_per_file: int = 100_000) -> dict[str, int]:
    """Export a whole store as partitioned Parquet, one page of documents at a time.

    >>> export_store(Store("frenemy.db", readonly=True), Path("warehouse/"))  # doctest: +SKIP
    {'documents': 12, 'events': 340, 'claims': 41, 'mentions': 910}
    """
    with ParquetWriter(out, rows_per_file=rows_per_file) as writer:
        offset = 0
        while True:
            docs = store.documents(limit=page, offset=offset)
            if not docs:
                break
            for doc in docs:
                writer.add(
                    DocumentResult(
                        document=doc,
                        sentences=[],
                        mentions=store.mentions(doc.id),
                        events=store.events(doc_id=doc.id),
                        claims=store.claims(doc_id=doc.id),
                        actors=[],
                    )
                )
            offset += len(docs)
    return writer.counts


def read_table(out: Path, table: str) -> pa.Table:
    """Read one table back (all partitions) with ``year`` as a string column.

    >>> read_table(Path("warehouse/"), "events").num_rows  # doctest: +SKIP
    340
    """
    import pyarrow.dataset as ds

    if table not in TABLES:
        raise FrenemyError(f"no Parquet table {table!r}: choose one of {', '.join(TABLES)}", code="E602")
    folder = Path(out) / table
    if not folder.is_dir():
        return SCHEMAS[table].empty_table().append_column("year", pa.array([], pa.string()))
    dataset = ds.dataset(
        folder,
        format="parquet",
        schema=SCHEMAS[table].append(pa.field("year", pa.string())),
        partitioning=ds.partitioning(PARTITIONING_SCHEMA, flavor="hive"),
    )
    return dataset.to_table()
