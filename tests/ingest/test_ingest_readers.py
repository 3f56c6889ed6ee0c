"""Each reader on fixtures written for these tests: text and metadata come out as written."""

from __future__ import annotations

import datetime as dt
import io
import shutil
from pathlib import Path

import pytest
from ingest_samples import make_docx, make_eml, make_pdf

from frenemy.errors import InputError
from frenemy.ingest import read_paths
from frenemy.models import Document

DATA = Path(__file__).parent.parent / "data" / "ingest"


def only_document(paths: list[str | Path], **kwargs: object) -> Document:
    items = list(read_paths(paths, **kwargs))  # type: ignore[arg-type]
    assert len(items) == 1, items
    assert isinstance(items[0], Document), items[0]
    return items[0]


def only_error(paths: list[str | Path], **kwargs: object) -> InputError:
    items = list(read_paths(paths, **kwargs))  # type: ignore[arg-type]
    assert len(items) == 1, items
    assert isinstance(items[0], InputError), items[0]
    return items[0]


def test_txt_utf8(tmp_path: Path) -> None:
    path = tmp_path / "note.txt"
    path.write_text("Qaïda and Tehran.\r\nSecond line.  \n", encoding="utf-8")
    doc = only_document([path])
    assert doc.text == "Qaïda and Tehran.\nSecond line."
    assert (doc.format, doc.source_path, doc.language, doc.title) == ("txt", str(path), "en", None)


@pytest.mark.parametrize("encoding", ["utf-8-sig", "utf-16", "utf-16-be", "utf-32"])
def test_txt_with_byte_order_mark(tmp_path: Path, encoding: str) -> None:
    path = tmp_path / f"bom-{encoding}.txt"
    data = "Riyadh recalled its envoy from Tehran.".encode(encoding)
    if encoding == "utf-16-be":
        data = b"\xfe\xff" + data
    path.write_bytes(data)
    assert only_document([path]).text == "Riyadh recalled its envoy from Tehran."


def test_markdown_title_from_first_heading() -> None:
    doc = only_document([DATA / "briefing.md"])
    assert doc.format == "md"
    assert doc.title == "Weekly briefing: the river dispute"
    assert "* The upstream state says its new dam will not reduce the flow." in doc.text


def test_html_main_text_and_metadata() -> None:
    doc = only_document([DATA / "article.html"])
    assert doc.format == "html"
    assert doc.title == "Old rivals test a fragile truce"
    assert doc.author == "Mara Lindqvist"
    assert doc.publisher == "Harbour Gazette"
    assert doc.published == "2012-05-04"
    assert doc.url == "https://gazette.example.org/2012/05/old-rivals-truce"
    assert doc.text.startswith("Old rivals test a fragile truce")
    assert "frank but useful" in doc.text and "autumn harvest" in doc.text
    assert "should never be read" not in doc.text and "font-family" not in doc.text


def test_html_too_short_for_trafilatura_still_gives_text(tmp_path: Path) -> None:
    path = tmp_path / "tiny.htm"
    path.write_text("<html><head><title>Brief</title></head><body><p>Talks resumed.</p></body></html>")
    doc = only_document([path])
    assert doc.text == "Talks resumed."
    assert doc.title == "Brief"


def test_html_in_a_declared_legacy_charset(tmp_path: Path) -> None:
    path = tmp_path / "legacy.html"
    path.write_bytes(
        '<html><head><meta charset="windows-1252"><title>Caf\u00e9</title></head>'
        "<body><p>The caf\u00e9 talks in Gen\u00e8ve went on all night.</p></body></html>".encode("cp1252")
    )
    assert "caf\u00e9 talks in Gen\u00e8ve" in only_document([path]).text


def test_pdf_text_layer_and_properties(tmp_path: Path) -> None:
    path = tmp_path / "report.pdf"
    path.write_bytes(
        make_pdf(
            ["The ministry (in a statement) rejected the charge.", "Talks will go on next week."],
            title="Ministry statement",
            author="Press Office",
            created="D:20120504093000Z",
        )
    )
    doc = only_document([path])
    assert doc.text == "The ministry (in a statement) rejected the charge.\nTalks will go on next week."
    assert (doc.format, doc.title, doc.author, doc.published) == (
        "pdf",
        "Ministry statement",
        "Press Office",
        "2012-05-04",
    )


def test_pdf_without_text_layer_says_it_needs_ocr(tmp_path: Path) -> None:
    path = tmp_path / "scan.pdf"
    path.write_bytes(make_pdf([]))
    error = only_error([path])
    assert error.code == "E107"
    assert str(path) in str(error) and "scanned image" in str(error) and "OCR" in str(error)


def test_docx_paragraphs_table_and_core_properties(tmp_path: Path) -> None:
    path = make_docx(
        tmp_path / "memo.docx",
        ["The envoy arrived in Doha on Sunday.", "", "He met the mediators twice."],
        title="Envoy memo",
        author="Desk Officer",
        created=dt.datetime(2013, 2, 11, 9, 0, tzinfo=dt.UTC),
        table=[["Date", "Meeting"], ["11 Feb", "Mediators"]],
    )
    doc = only_document([path])
    assert doc.text == (
        "The envoy arrived in Doha on Sunday.\n\nHe met the mediators twice.\n\nDate | Meeting\n\n11 Feb | Mediators"
    )
    assert (doc.format, doc.title, doc.author, doc.published) == (
        "docx",
        "Envoy memo",
        "Desk Officer",
        "2013-02-11",
    )


def test_eml_plain_body_and_headers(tmp_path: Path) -> None:
    path = tmp_path / "letter.eml"
    path.write_bytes(
        make_eml(
            subject="Minutes of the border meeting",
            sender="Lena Ortiz <lena@example.org>",
            date="Fri, 04 May 2012 09:30:00 +0300",
            plain="Both sides agreed to meet again.\nNo agreement on patrols.\n",
            html="<p>HTML version that should not be used.</p>",
        )
    )
    doc = only_document([path])
    assert doc.text == "Both sides agreed to meet again.\nNo agreement on patrols."
    assert (doc.format, doc.title, doc.author, doc.published) == (
        "eml",
        "Minutes of the border meeting",
        "Lena Ortiz",
        "2012-05-04",
    )


def test_eml_html_only_body_goes_through_the_html_reader(tmp_path: Path) -> None:
    path = tmp_path / "html-only.eml"
    path.write_bytes(
        make_eml(
            subject="Update",
            sender="desk@example.org",
            date="Sat, 05 May 2012 10:00:00 +0000",
            html="<html><body><p>The <b>ceasefire</b> held overnight.</p><script>x()</script></body></html>",
        )
    )
    doc = only_document([path])
    assert doc.text == "The ceasefire held overnight."
    assert (doc.title, doc.author, doc.published) == ("Update", "desk@example.org", "2012-05-05")


def test_jsonl_records_with_all_fields() -> None:
    items = list(read_paths([DATA / "records.jsonl"]))
    assert all(isinstance(item, Document) for item in items)
    first, second = items
    assert isinstance(first, Document) and isinstance(second, Document)
    assert first.text.startswith("The coalition announced on Monday")
    assert (first.title, first.published, first.publisher, first.author, first.url, first.external_id) == (
        "Aid resumes",
        "2013-02-11",
        "Wire Desk",
        "J. Okafor",
        "https://wire.example.org/aid",
        "r-1",
    )
    assert first.source_path == f"{DATA / 'records.jsonl'}:1"
    assert (second.published, second.external_id, second.source_path) == (
        "2013-03",
        "2",
        f"{DATA / 'records.jsonl'}:2",
    )


def test_ndjson_extension_is_json_lines(tmp_path: Path) -> None:
    path = tmp_path / "feed.ndjson"
    shutil.copy(DATA / "records.jsonl", path)
    assert [item.format for item in read_paths([path]) if isinstance(item, Document)] == ["jsonl", "jsonl"]


def test_stdin_dash_reads_json_lines_from_the_given_stream() -> None:
    stream = io.StringIO('{"text": "Ankara and Moscow signed a gas deal."}\n{"text": ""}\n')
    first, second = list(read_paths(["-"], stdin=stream))
    assert isinstance(first, Document) and first.text == "Ankara and Moscow signed a gas deal."
    assert first.source_path == "<stdin>:1"
    assert isinstance(second, InputError) and second.line == 2 and second.code == "E108"
    assert str(second) == 'E108 cannot read <stdin>:2: the "text" field is empty'


def test_stdin_bytes_buffer_is_used_so_a_bad_byte_spoils_one_line() -> None:
    raw = io.BytesIO(b'{"text": "caf\xe9"}\n{"text": "Good line."}\n')
    stream = io.TextIOWrapper(raw, encoding="utf-8")
    bad, good = list(read_paths(["-"], stdin=stream))
    assert isinstance(bad, InputError) and bad.code == "E105" and bad.line == 1
    assert isinstance(good, Document) and good.text == "Good line."


def test_html_date_in_running_text_is_not_taken_as_publication_date(tmp_path: Path) -> None:
    path = tmp_path / "undated.html"
    path.write_text(
        "<html><body><article><p>Talks first began on May 4, 2001 in Geneva between the two "
        "delegations, officials recalled on Friday after a long night of meetings.</p>"
        "<p>A second round is planned for the spring.</p></article></body></html>"
    )
    doc = only_document([path])
    assert doc.published is None
    assert "May 4, 2001" in doc.text


def test_a_single_path_string_is_not_read_character_by_character(tmp_path: Path) -> None:
    path = tmp_path / "one.txt"
    path.write_text("Only this file.")
    assert only_document(str(path)).text == "Only this file."  # type: ignore[arg-type]


def test_jsonl_with_utf8_bom_reads_and_utf16_is_refused(tmp_path: Path) -> None:
    bom = tmp_path / "bom.jsonl"
    bom.write_bytes(b'\xef\xbb\xbf{"text": "First record."}\n')
    assert only_document([bom]).text == "First record."
    wide = tmp_path / "wide.jsonl"
    wide.write_bytes('{"text": "First record."}\n'.encode("utf-16"))
    error = only_error([wide])
    assert error.code == "E105" and "must be UTF-8" in str(error)


def test_a_headline_above_a_blank_line_becomes_the_title_of_a_txt(tmp_path):
    from frenemy.ingest import read_paths

    (tmp_path / "a.txt").write_text("Old Rivals Talk Again\n\nThe two governments met in Baghdad.\n")
    (tmp_path / "b.txt").write_text("The two governments met in Baghdad.\n\nThey agreed to meet again.\n")
    docs = {d.source_path.rsplit("/", 1)[-1]: d for d in read_paths([tmp_path])}
    assert docs["a.txt"].title == "Old Rivals Talk Again"
    assert docs["b.txt"].title is None
