"""Event exports: GDELT 2.0 event table (TSV), PLOVER JSON records, JSON Lines and CSV.

GDELT columns follow the GDELT 2.0 Event Codebook (61 tab-separated fields, no header);
fields frenemy does not know (religion, ethnicity, geography, tone) are left empty.
"""

from __future__ import annotations

import csv
import json
import re
import zlib
from collections.abc import Callable, Iterator
from datetime import date
from pathlib import Path
from typing import IO, Any

from frenemy.errors import QueryError
from frenemy.models import Document, Event

GDELT_COLUMNS = [
    "GLOBALEVENTID", "SQLDATE", "MonthYear", "Year", "FractionDate",
    *[f"Actor1{c}" for c in ("Code", "Name", "CountryCode", "KnownGroupCode", "EthnicCode", "Religion1Code",
                             "Religion2Code", "Type1Code", "Type2Code", "Type3Code")],
    *[f"Actor2{c}" for c in ("Code", "Name", "CountryCode", "KnownGroupCode", "EthnicCode", "Religion1Code",
                             "Religion2Code", "Type1Code", "Type2Code", "Type3Code")],
    "IsRootEvent", "EventCode", "EventBaseCode", "EventRootCode", "QuadClass", "GoldsteinScale",
    "NumMentions", "NumSources", "NumArticles", "AvgTone",
    *[f"{g}_{c}" for g in ("Actor1Geo", "Actor2Geo", "ActionGeo")
      for c in ("Type", "FullName", "CountryCode", "ADM1Code", "ADM2Code", "Lat", "Long", "FeatureID")],
    "DATEADDED", "SOURCEURL",
]  # fmt: skip

EVENT_CSV_COLUMNS = [
    "id", "doc_id", "sentence_index", "date_start", "date_end", "date_precision", "source_id", "source_name",
    "source_code", "action_text", "target_id", "target_name", "target_code", "cameo", "cameo_root",
    "quad_class", "goldstein", "plover", "plover_mode", "polarity", "negated", "modality", "attributed_to",
    "confidence", "sentence",
]  # fmt: skip


# A cell starting with one of these is read as a formula by spreadsheets (CSV injection).
_FORMULA_START = ("=", "+", "-", "@", "\t", "\r")
_NUMBER = re.compile(r"[+-]?(\d+(\.\d*)?|\.\d+)([eE][+-]?\d+)?")


def spreadsheet_safe(value: Any) -> Any:
    """A CSV/TSV cell a spreadsheet shows as text: formula-like text gets a leading ``'``.

    Numbers (and text that is just a number, such as GDELT's ``"-5.0"``) stay as they are.

    >>> spreadsheet_safe("=1+1"), spreadsheet_safe(-5.0), spreadsheet_safe("-5.0")
    ("'=1+1", -5.0, '-5.0')
    """
    if isinstance(value, str) and value.startswith(_FORMULA_START) and not _NUMBER.fullmatch(value):
        return "'" + value
    return value


def event_csv_row(e: Event) -> dict[str, Any]:
    return {
        "id": e.id, "doc_id": e.doc_id, "sentence_index": e.sentence_index,
        "date_start": e.date.start, "date_end": e.date.end, "date_precision": e.date.precision,
        "source_id": e.source.id if e.source else None, "source_name": e.source.name if e.source else None,
        "source_code": e.source.code if e.source else None, "action_text": e.action_text,
        "target_id": e.target.id if e.target else None, "target_name": e.target.name if e.target else None,
        "target_code": e.target.code if e.target else None, "cameo": e.cameo, "cameo_root": e.cameo_root,
        "quad_class": e.quad_class, "goldstein": e.goldstein, "plover": e.plover, "plover_mode": e.plover_mode,
        "polarity": e.polarity, "negated": e.negated, "modality": e.modality,
        "attributed_to": e.attributed_to.name if e.attributed_to else None, "confidence": e.confidence,
        "sentence": e.sentence,
    }  # fmt: skip


def _day(iso: str | None) -> date | None:
    if not iso:
        return None
    parts = [int(p) for p in iso.split("-")[:3]]
    while len(parts) < 3:
        parts.append(1)
    try:
        return date(parts[0], parts[1], parts[2])
    except ValueError:
        return None


def gdelt_row(e: Event, doc: Document | None) -> list[str]:
    """One GDELT 2.0 row. SQLDATE is the event date (publication date when undated)."""
    day = _day(e.date.start) or _day(doc.published if doc else None)
    src_code = (e.source.code or "") if e.source else ""
    tgt_code = (e.target.code or "") if e.target else ""

    def actor_cols(code: str, name: str) -> list[str]:
        country = code[:3] if len(code) >= 3 and code[:3].isalpha() and not code.startswith("IMG") else ""
        known = code if code.startswith("IMG") else ""
        return [code, name.upper(), country, known, "", "", "", code[3:6] if country else "", "", ""]

    added = _day(doc.published if doc else None) or day
    row = [
        str(zlib.crc32(e.id.encode()) & 0x7FFFFFFF),
        day.strftime("%Y%m%d") if day else "",
        day.strftime("%Y%m") if day else "",
        str(day.year) if day else "",
        f"{day.year + (day.timetuple().tm_yday / 365.0):.4f}" if day else "",
        *actor_cols(src_code, e.source.name if e.source else ""),
        *actor_cols(tgt_code, e.target.name if e.target else ""),
        "1",
        e.cameo,
        e.cameo[:3],
        e.cameo_root,
        str(e.quad_class),
        f"{e.goldstein:.1f}",
        "1", "1", "1", "",
        *([""] * 24),
        added.strftime("%Y%m%d%H%M%S") if added else "",
        (doc.url if doc and doc.url else (doc.source_path if doc and doc.source_path else "")) or "",
    ]  # fmt: skip
    assert len(row) == len(GDELT_COLUMNS)
    return [spreadsheet_safe(" ".join(c.replace("\t", " ").splitlines())) for c in row]


def plover_record(e: Event, doc: Document | None) -> dict[str, Any]:
    """A PLOVER-style event record (event type, mode, actor, recipient, date, text)."""
    return {
        "id": e.id,
        "event_date": e.date.start or (doc.published if doc else None),
        "date_precision": e.date.precision,
        "event_type": e.plover,
        "mode": e.plover_mode,
        "actor": e.source.name if e.source else None,
        "actor_code": e.source.code if e.source else None,
        "recipient": e.target.name if e.target else None,
        "recipient_code": e.target.code if e.target else None,
        "event_text": e.sentence,
        "action_text": e.action_text,
        "cameo": e.cameo,
        "goldstein": e.goldstein,
        "negated": e.negated,
        "modality": e.modality,
        "story_id": e.doc_id,
        "sentence_number": e.sentence_index,
        "publisher": doc.publisher if doc else None,
        "url": doc.url if doc else None,
    }


def _iter_events(store: Any, page: int = 5000) -> Iterator[Event]:
    offset = 0
    while True:
        batch = store.events(limit=page, offset=offset)
        if not batch:
            return
        yield from batch
        offset += len(batch)


def export_store(store: Any, fmt: str, out: Path) -> int:
    """Write every stored event in ``fmt`` to ``out``; returns the number of records."""
    if fmt == "parquet":
        from frenemy.export.parquet import export_store as export_parquet

        return sum(export_parquet(store, out).values())
    writers: dict[str, Callable[[Any, IO[str]], int]] = {
        "gdelt": _write_gdelt, "plover": _write_plover, "jsonl": _write_jsonl, "csv": _write_csv,
    }  # fmt: skip
    if fmt not in writers:
        raise QueryError(f"unknown export format {fmt!r}: use one of {', '.join([*writers, 'parquet'])}")
    out.parent.mkdir(parents=True, exist_ok=True)
    with out.open("w", encoding="utf-8", newline="") as fh:
        return writers[fmt](store, fh)


def _doc_cache(store: Any) -> Callable[[str], Document | None]:
    cache: dict[str, Document | None] = {}

    def get(doc_id: str) -> Document | None:
        if doc_id not in cache:
            cache[doc_id] = store.document(doc_id)
        return cache[doc_id]

    return get


def _write_gdelt(store: Any, fh: IO[str]) -> int:
    doc = _doc_cache(store)
    n = 0
    for e in _iter_events(store):
        if e.negated or e.source is None:
            continue  # GDELT rows are asserted events with an actor
        fh.write("\t".join(gdelt_row(e, doc(e.doc_id))) + "\n")
        n += 1
    return n


def _write_plover(store: Any, fh: IO[str]) -> int:
    doc = _doc_cache(store)
    records = [plover_record(e, doc(e.doc_id)) for e in _iter_events(store)]
    json.dump(records, fh, ensure_ascii=False, indent=1)
    return len(records)


def _write_jsonl(store: Any, fh: IO[str]) -> int:
    n = 0
    for e in _iter_events(store):
        fh.write(json.dumps({"type": "event", **e.to_dict()}, ensure_ascii=False) + "\n")
        n += 1
    for c in store.claims():
        fh.write(json.dumps({"type": "claim", **c.to_dict()}, ensure_ascii=False) + "\n")
        n += 1
    return n


def _write_csv(store: Any, fh: IO[str]) -> int:
    writer = csv.DictWriter(fh, fieldnames=EVENT_CSV_COLUMNS)
    writer.writeheader()
    n = 0
    for e in _iter_events(store):
        writer.writerow({k: spreadsheet_safe(v) for k, v in event_csv_row(e).items()})
        n += 1
    return n
