"""Partitioned Parquet: flat typed columns, Hive year partitions, streaming in bounded files."""

from __future__ import annotations

import pyarrow as pa

from frenemy.export.parquet import ParquetWriter, partition_year, read_table, write_results
from frenemy.models import ActorRef, Claim, DateInfo, Document, DocumentResult, Event, Mention

IRAN = ActorRef("iran", "Iran", "IRN")
AQ = ActorRef("al-qaeda", "al-Qaeda", "IMGMUSALQ")


def _result(n: int, published: str | None, event_date: str | None) -> DocumentResult:
    doc = Document(id=f"d{n}", text="Iran detained al-Qaeda members.", published=published)
    event = Event(
        id=f"ev_{n}", doc_id=doc.id, sentence_index=0, sentence=doc.text, char_start=0, char_end=len(doc.text),
        source=IRAN, target=AQ, action_text="detained", cameo="173", cameo_root="17", quad_class=4,
        goldstein=-5.0, plover="COERCE", polarity="hostile", date=DateInfo(event_date, event_date, "year", "explicit"),
    )  # fmt: skip
    claim = Claim(
        id=f"cl_{n}", doc_id=doc.id, sentence_index=0, sentence=doc.text, char_start=0, char_end=len(doc.text),
        claimant=None, about=[IRAN, AQ], stance="hostile",
    )  # fmt: skip
    mention = Mention(doc.id, 0, 0, 4, "Iran", "iran")
    return DocumentResult(doc, [], [mention], [event], [claim], [])


def test_partition_year():
    assert partition_year("2012-05-04") == "2012"
    assert partition_year("1990s") == "1990"
    assert partition_year(None) == "unknown"
    assert partition_year("soon") == "unknown"


def test_round_trip_keeps_ids_types_and_partitions(tmp_path):
    results = [_result(1, "2012-05-04", "2002"), _result(2, None, None), _result(3, "2016-01-03", "2016-01")]
    counts = write_results(results, tmp_path)
    assert counts == {"documents": 3, "events": 3, "claims": 3, "mentions": 3}

    events = read_table(tmp_path, "events")
    rows = {r["id"]: r for r in events.to_pylist()}
    assert set(rows) == {"ev_1", "ev_2", "ev_3"}
    assert (
        rows["ev_1"]["year"] == "2002"
        and rows["ev_2"]["year"] == "unknown"
        and rows["ev_3"]["year"] == "2016"
    )
    assert rows["ev_1"]["source_id"] == "iran" and rows["ev_1"]["target_code"] == "IMGMUSALQ"
    assert rows["ev_1"]["goldstein"] == -5.0 and rows["ev_2"]["date_start"] is None
    assert events.schema.field("quad_class").type == pa.int64()

    claims = read_table(tmp_path, "claims").to_pylist()
    assert sorted(c["about_ids"] for c in claims)[0] == ["iran", "al-qaeda"]
    mentions = read_table(tmp_path, "mentions")
    assert sorted(mentions.column("year").to_pylist()) == ["2012", "2016", "unknown"]
    assert (tmp_path / "documents" / "year=unknown").is_dir()


def test_writer_streams_bounded_files_and_two_writers_do_not_collide(tmp_path):
    with ParquetWriter(tmp_path, rows_per_file=2) as first:
        for n in range(5):
            first.add(_result(n, "2012-05-04", "2012"))
        # 5 event rows in one partition with at most 2 rows per file: written as 2 + 2, then 1 on close
        assert len(list((tmp_path / "events" / "year=2012").glob("*.parquet"))) == 2
    assert len(list((tmp_path / "events" / "year=2012").glob("*.parquet"))) == 3
    write_results([_result(9, "2012-05-04", "2012")], tmp_path)
    assert read_table(tmp_path, "events").num_rows == 6


def test_missing_table_reads_empty(tmp_path):
    assert read_table(tmp_path, "claims").num_rows == 0
