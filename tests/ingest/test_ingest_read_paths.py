"""read_paths: folders, explicit files, standard input, sidecars and metadata precedence."""

from __future__ import annotations

import json
from pathlib import Path

import pytest

from frenemy.errors import InputError, SkippedInput
from frenemy.ingest import DocumentMeta, max_bytes_setting, read_paths, walk_folder
from frenemy.models import Document


def write(path: Path, text: str) -> Path:
    path.parent.mkdir(parents=True, exist_ok=True)
    path.write_text(text, encoding="utf-8")
    return path


def test_folder_is_read_recursively_in_name_order_skipping_hidden_and_sidecars_naming_unknown(
    tmp_path: Path,
) -> None:
    write(tmp_path / "b.txt", "Second file.")
    write(tmp_path / "a.md", "First file.")
    write(tmp_path / "a.md.meta.json", '{"title": "Sidecar title"}')
    write(tmp_path / "c" / "inner.txt", "Inside a folder.")
    write(tmp_path / "c" / "notes.csv", "not,read")
    write(tmp_path / "README", "a folder's own notes: passed over in silence")
    write(tmp_path / ".git" / "HEAD.txt", "hidden folder")
    write(tmp_path / ".draft.txt", "hidden file")
    write(tmp_path / "d.txt", "Last file.")
    items = list(read_paths([tmp_path]))
    skipped = [i for i in items if isinstance(i, SkippedInput)]
    docs = [i for i in items if not isinstance(i, SkippedInput)]
    # a file of a type no reader handles is named (W101), not read and not a failure
    assert [(s.code, Path(s.source).name) for s in skipped] == [("W101", "notes.csv")]
    assert str(skipped[0]).startswith(f"W101 not read {tmp_path / 'c' / 'notes.csv'}: .csv is not a format")
    assert skipped[0].exit_code == 0
    assert all(isinstance(doc, Document) for doc in docs)
    assert [Path(doc.source_path or "").relative_to(tmp_path).as_posix() for doc in docs] == [
        "a.md",
        "b.txt",
        "c/inner.txt",
        "d.txt",
    ]
    assert docs[0].title == "Sidecar title"  # type: ignore[union-attr]


def test_walk_folder_is_lazy(tmp_path: Path) -> None:
    for number in range(5):
        write(tmp_path / f"f{number}.txt", f"File {number}.")
    walker = walk_folder(tmp_path)
    assert next(walker) == tmp_path / "f0.txt"  # a generator: nothing read beyond what is asked


def test_missing_path_is_an_error_and_reading_goes_on(tmp_path: Path) -> None:
    good = write(tmp_path / "good.txt", "Still read.")
    missing = tmp_path / "missing.txt"
    error, doc = list(read_paths([missing, good]))
    assert isinstance(error, InputError) and error.code == "E101"
    assert str(error) == f"E101 cannot read {missing}: no such file or folder"
    assert isinstance(doc, Document) and doc.text == "Still read."


def test_explicit_file_with_unknown_extension_is_read_as_text(tmp_path: Path) -> None:
    path = write(tmp_path / "cable.log", "The embassy reported calm streets.")
    doc = list(read_paths([path]))[0]
    assert (
        isinstance(doc, Document) and doc.text == "The embassy reported calm streets." and doc.format == "txt"
    )


def test_explicit_binary_file_with_unknown_extension_is_refused(tmp_path: Path) -> None:
    path = tmp_path / "photo.jpg"
    path.write_bytes(b"\xff\xd8\xff\xe0" + bytes(range(256)) * 4)
    (error,) = list(read_paths([path]))
    assert isinstance(error, InputError) and error.code == "E103"
    assert str(path) in str(error) and "JPEG image" in str(error)


def test_explicitly_named_sidecar_is_skipped(tmp_path: Path) -> None:
    sidecar = write(tmp_path / "a.txt.meta.json", '{"title": "x"}')
    assert list(read_paths([sidecar])) == []


def html_with_metadata(tmp_path: Path) -> Path:
    return write(
        tmp_path / "page.html",
        "<html><head><title>File title</title><meta name='author' content='File Author'>"
        "<meta property='article:published_time' content='2011-01-02'></head>"
        "<body><p>The two delegations met again in the capital.</p></body></html>",
    )


def test_file_metadata_is_used_when_nothing_overrides_it(tmp_path: Path) -> None:
    doc = list(read_paths([html_with_metadata(tmp_path)]))[0]
    assert isinstance(doc, Document)
    assert (doc.title, doc.author, doc.published) == ("File title", "File Author", "2011-01-02")


def test_sidecar_overrides_file_and_flags_override_sidecar(tmp_path: Path) -> None:
    page = html_with_metadata(tmp_path)
    write(
        tmp_path / "page.html.meta.json",
        json.dumps({"title": "Sidecar title", "published": "May 4, 2012", "publisher": "Sidecar Press"}),
    )
    doc = list(read_paths([page]))[0]
    assert isinstance(doc, Document)
    assert (doc.title, doc.author, doc.published, doc.publisher) == (
        "Sidecar title",
        "File Author",
        "2012-05-04",
        "Sidecar Press",
    )
    flagged = list(read_paths([page], meta=DocumentMeta(title="Flag title", published="2012-06")))[0]
    assert isinstance(flagged, Document)
    assert (flagged.title, flagged.author, flagged.published, flagged.publisher) == (
        "Flag title",
        "File Author",
        "2012-06",
        "Sidecar Press",
    )
    assert flagged.id == doc.id  # metadata never changes identity


def test_flags_override_json_lines_fields(tmp_path: Path) -> None:
    path = write(
        tmp_path / "x.jsonl", '{"text": "Accord signed.", "publisher": "Line Press", "title": "T"}\n'
    )
    doc = list(read_paths([path], meta=DocumentMeta(publisher="Flag Press")))[0]
    assert isinstance(doc, Document) and (doc.publisher, doc.title) == ("Flag Press", "T")


def test_bad_sidecar_is_one_error_naming_the_sidecar(tmp_path: Path) -> None:
    good = write(tmp_path / "a.txt", "First.")
    bad = write(tmp_path / "b.txt", "Second.")
    write(tmp_path / "b.txt.meta.json", '{"titel": "typo"}')
    items = list(read_paths([good, bad]))
    assert isinstance(items[0], Document)
    assert isinstance(items[1], InputError) and items[1].code == "E109"
    assert f"{bad}.meta.json" in str(items[1]) and "'titel'" in str(items[1])


def test_sidecar_that_is_not_json(tmp_path: Path) -> None:
    path = write(tmp_path / "a.txt", "Text.")
    write(tmp_path / "a.txt.meta.json", "title: not json")
    (error,) = list(read_paths([path]))
    assert isinstance(error, InputError) and error.code == "E109" and "not readable JSON" in str(error)


def test_unparseable_date_in_a_file_names_the_field(tmp_path: Path) -> None:
    path = write(tmp_path / "x.jsonl", '{"text": "A.", "published": "soonish"}\n{"text": "B."}\n')
    error, doc = list(read_paths([path]))
    assert isinstance(error, InputError) and error.code == "E109" and error.line == 1
    assert str(error).startswith(f"E109 cannot read {path}:1: field 'published': 'soonish' is not a date")
    assert isinstance(doc, Document) and doc.text == "B."


def test_unparseable_date_option_stops_before_reading(tmp_path: Path) -> None:
    path = write(tmp_path / "a.txt", "Text.")
    (error,) = list(read_paths([path], meta=DocumentMeta(published="the other day")))
    assert isinstance(error, InputError) and error.code == "E109" and "published" in str(error)


def test_max_bytes_setting_reads_the_environment() -> None:
    assert max_bytes_setting({}) == 20_000_000
    assert max_bytes_setting({"FRENEMY_MAX_BYTES": "50_000_000"}) == 50_000_000
    with pytest.raises(InputError, match="FRENEMY_MAX_BYTES"):
        max_bytes_setting({"FRENEMY_MAX_BYTES": "lots"})


def test_a_lower_limit_refuses_smaller_files(tmp_path: Path) -> None:
    path = write(tmp_path / "a.txt", "x" * 2000)
    (error,) = list(read_paths([path], max_bytes=1000))
    assert isinstance(error, InputError) and error.code == "E106"
    assert "2,000 bytes" in str(error) and "1,000 bytes" in str(error) and "--max-bytes" in str(error)
