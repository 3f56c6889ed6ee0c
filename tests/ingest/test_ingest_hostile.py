"""Hostile and broken inputs: each bad one gives exactly one clear InputError, good ones still read.

The corpus is generated in tmp_path: empty and binary files, a truncated PDF, HTML nested 100,000
levels deep, a 21 MB single line, UTF-16 with BOM, invalid UTF-8, NUL bytes, a 10,000-word
sentence, JSON Lines with broken lines, and corrupt files of every binary format.
"""

from __future__ import annotations

import io
import random
import time
import zipfile
from pathlib import Path

import pytest
from ingest_samples import make_pdf

from frenemy.errors import InputError
from frenemy.ingest import read_paths
from frenemy.models import Document

GOOD_PDF = make_pdf(["The two ministers shook hands in front of the cameras."])


def garbage(size: int, seed: int) -> bytes:
    return random.Random(seed).randbytes(size)


def encrypted_pdf() -> bytes:
    from pypdf import PdfReader, PdfWriter

    writer = PdfWriter(clone_from=PdfReader(io.BytesIO(GOOD_PDF)))
    writer.encrypt(user_password="secret", owner_password="owner", algorithm="RC4-128")
    out = io.BytesIO()
    writer.write(out)
    return out.getvalue()


def zip_without_body() -> bytes:
    out = io.BytesIO()
    with zipfile.ZipFile(out, "w") as package:
        package.writestr("xl/workbook.xml", "<workbook/>")
    return out.getvalue()


# name -> (content, expected error code or None for "reads fine", words the error must contain)
BAD_AND_GOOD: dict[str, tuple[bytes, str | None, tuple[str, ...]]] = {
    "empty.txt": (b"", "E102", ("no text",)),
    "blank.md": (b"  \n\t\r\n   \n", "E102", ("only whitespace",)),
    "garbage.txt": (garbage(4096, 1), "E103", ("binary content",)),
    "nul-bytes.txt": (b"Tehran said\x00 nothing at all.", "E103", ("NUL bytes",)),
    "latin1.txt": (
        "Le caf\u00e9 est ferm\u00e9.".encode("latin-1"),
        "E105",
        ("invalid UTF-8", "byte offset 6", "re-save"),
    ),
    "utf16.txt": ("Moscow and Ankara agreed.".encode("utf-16"), None, ()),
    "truncated.pdf": (GOOD_PDF[: len(GOOD_PDF) // 2], "E104", ("not a readable PDF", "truncated")),
    "garbage.pdf": (garbage(3000, 2), "E104", ("not a readable PDF",)),
    "empty.pdf": (b"", "E104", ("not a readable PDF",)),
    "locked.pdf": (encrypted_pdf(), "E110", ("encrypted", "password")),
    "garbage.docx": (garbage(3000, 3), "E104", ("not a readable Word document",)),
    "spreadsheet.docx": (zip_without_body(), "E104", ("word/document.xml",)),
    "garbage.eml": (garbage(3000, 4), "E103", ("binary content",)),
    "garbage.html": (garbage(3000, 5), "E103", ("binary content",)),
    "scripts-only.html": (
        b"<html><body><script>var a = 1;</script></body></html>",
        "E102",
        ("no readable text",),
    ),
    "good.pdf": (GOOD_PDF, None, ()),
    "good.txt": (b"Beirut and Damascus reopened the border crossing.", None, ()),
}


@pytest.fixture()
def corpus(tmp_path: Path) -> Path:
    for name, (content, _, _) in BAD_AND_GOOD.items():
        (tmp_path / name).write_bytes(content)
    return tmp_path


def test_each_bad_input_gives_exactly_one_clear_error_and_good_inputs_read(corpus: Path) -> None:
    by_source: dict[str, list[Document | InputError]] = {}
    for item in read_paths([corpus]):
        key = item.source if isinstance(item, InputError) else (item.source_path or "")
        by_source.setdefault(Path(key).name, []).append(item)
    assert sorted(by_source) == sorted(BAD_AND_GOOD)
    for name, (_, code, words) in BAD_AND_GOOD.items():
        (item,) = by_source[name]
        if code is None:
            assert isinstance(item, Document), f"{name}: {item}"
            continue
        assert isinstance(item, InputError), f"{name} should fail"
        message = str(item)
        assert item.code == code, message
        assert message.startswith(f"{code} cannot read {corpus / name}: "), message
        for word in words:
            assert word in message, f"{name}: {message!r} lacks {word!r}"


def test_utf16_with_bom_reads_its_words(corpus: Path) -> None:
    (doc,) = list(read_paths([corpus / "utf16.txt"]))
    assert isinstance(doc, Document) and doc.text == "Moscow and Ankara agreed."


def test_html_nested_100000_levels_gives_its_text_within_seconds(tmp_path: Path) -> None:
    path = tmp_path / "deep.html"
    depth = 100_000
    path.write_text(
        "<html><head><title>Deep</title></head><body>"
        + "<div>" * depth
        + "<p>Envoys met at the border.</p>"
        + "</div>" * depth
        + "</body></html>"
    )
    started = time.perf_counter()
    (doc,) = list(read_paths([path]))
    elapsed = time.perf_counter() - started
    assert isinstance(doc, Document), doc
    assert doc.text == "Envoys met at the border." and doc.title == "Deep"
    assert elapsed < 5, f"took {elapsed:.1f}s"


def test_unclosed_deep_nesting_does_not_hang(tmp_path: Path) -> None:
    path = tmp_path / "unclosed.html"
    path.write_text("<b><i>" * 50_000 + "Still some words here.")
    started = time.perf_counter()
    (doc,) = list(read_paths([path]))
    assert isinstance(doc, Document) and doc.text == "Still some words here."
    assert time.perf_counter() - started < 5


def test_21_megabyte_single_line_is_refused_by_size_before_reading(tmp_path: Path) -> None:
    path = tmp_path / "huge.txt"
    with path.open("wb") as out:
        out.write(b"war " * (21_000_000 // 4))
    started = time.perf_counter()
    (error,) = list(read_paths([path]))
    assert isinstance(error, InputError) and error.code == "E106"
    assert str(error) == (
        f"E106 cannot read {path}: the file is 21,000,000 bytes, over the limit of 20,000,000 bytes; "
        "raise the limit with --max-bytes or the FRENEMY_MAX_BYTES setting"
    )
    assert time.perf_counter() - started < 0.5  # refused by its size, not read


def test_over_long_json_lines_line_is_one_error_and_later_lines_still_read(tmp_path: Path) -> None:
    path = tmp_path / "big.jsonl"
    with path.open("wb") as out:
        out.write(b'{"text": "' + b"a" * 3000 + b'"}\n')
        out.write(b'{"text": "After the long line."}\n')
    first, second = list(read_paths([path], max_bytes=1000))
    assert isinstance(first, InputError) and first.code == "E106" and first.line == 1
    assert str(first).startswith(f"E106 cannot read {path}:1: the line has more than 1,000 bytes")
    assert isinstance(second, Document) and second.text == "After the long line."


def test_10000_word_sentence_reads_fine(tmp_path: Path) -> None:
    words = ["the", "envoy", "said", "that", "talks", "with", "Tehran", "would", "continue"]
    sentence = " ".join(words[i % len(words)] for i in range(10_000)) + "."
    path = tmp_path / "long-sentence.txt"
    path.write_text(sentence)
    (doc,) = list(read_paths([path]))
    assert isinstance(doc, Document)
    assert len(doc.text.split()) == 10_000 and doc.language == "en"


def test_json_lines_with_malformed_lines(tmp_path: Path) -> None:
    path = tmp_path / "mixed.jsonl"
    path.write_text(
        "\n".join(
            [
                '{"text": "Good line one."}',
                "{not json",
                "[1, 2, 3]",
                '{"title": "no text"}',
                '{"text": 42}',
                '{"text": "Has a bad field.", "url": ["a"]}',
                "",
                '{"text": "Good line eight."}',
            ]
        )
        + "\n",
        encoding="utf-8",
    )
    items = list(read_paths([path]))
    docs = [item for item in items if isinstance(item, Document)]
    errors = [item for item in items if isinstance(item, InputError)]
    assert [doc.text for doc in docs] == ["Good line one.", "Good line eight."]
    assert [doc.source_path for doc in docs] == [f"{path}:1", f"{path}:8"]
    assert [(error.line, error.code) for error in errors] == [
        (2, "E108"),
        (3, "E108"),
        (4, "E108"),
        (5, "E108"),
        (6, "E108"),
    ]
    assert str(errors[0]).startswith(f"E108 cannot read {path}:2: not JSON")
    assert "JSON object" in str(errors[1])
    assert '"text" field' in str(errors[2]) and '"text" field' in str(errors[3])
    assert "'url'" in str(errors[4])


def test_binary_json_lines_file_is_one_error(tmp_path: Path) -> None:
    path = tmp_path / "garbage.jsonl"
    path.write_bytes(garbage(20_000, 6))
    (error,) = list(read_paths([path]))
    assert isinstance(error, InputError) and error.code == "E103" and str(path) in str(error)


def test_unexpected_reader_failure_is_yielded_not_raised(
    tmp_path: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    from frenemy.ingest import paths

    def broken(stream: object, source: str, max_bytes: int) -> Document:
        raise RuntimeError("boom")

    monkeypatch.setitem(paths.READERS, ".txt", paths.Reader("txt", broken))
    (tmp_path / "a.txt").write_text("Text.")
    (tmp_path / "b.md").write_text("Markdown text.")
    error, doc = list(read_paths([tmp_path]))
    assert isinstance(error, InputError) and error.code == "E100" and "RuntimeError: boom" in str(error)
    assert isinstance(doc, Document) and doc.text == "Markdown text."
