"""Hostile inputs of issue 12, one by one: each gives a coded error naming the file (and line)."""

from __future__ import annotations

import os
import subprocess
import sys
import threading
import time
import zipfile
from pathlib import Path

import pytest
from ingest_samples import make_docx

from frenemy.errors import InputError, SkippedInput
from frenemy.ingest import normalise_text, read_paths
from frenemy.ingest.budget import time_budget
from frenemy.ingest.dates import normalise_date
from frenemy.models import Document

HUGE = "1" * 5_000
DEEP = "[" * 100_000 + "]" * 100_000
GOOD = "Turkey and Greece held talks in Athens in 2019.\n"


def read_all(paths: list[str | Path], **kwargs: object) -> list[Document | InputError]:
    return list(read_paths(paths, **kwargs))  # type: ignore[arg-type]


def errors(items: list[Document | InputError]) -> list[InputError]:
    return [i for i in items if isinstance(i, InputError)]


# --- 1. JSON beyond bounds ----------------------------------------------------------------------
@pytest.mark.parametrize("sidecar", ['{"published": ' + HUGE + "}", '{"title": ' + DEEP + "}"])
def test_a_hostile_sidecar_costs_its_own_document_only(tmp_path: Path, sidecar: str) -> None:
    (tmp_path / "a.txt").write_text(GOOD, encoding="utf-8")
    (tmp_path / "a.txt.meta.json").write_text(sidecar, encoding="utf-8")
    (tmp_path / "b.txt").write_text("Egypt and Israel signed a gas deal in 2018.\n", encoding="utf-8")
    items = read_all([tmp_path])
    (error,) = errors(items)
    assert error.code == "E113" and error.source == str(tmp_path / "a.txt.meta.json")
    assert "safe bound" in str(error)
    assert [d.source_path for d in items if isinstance(d, Document)] == [str(tmp_path / "b.txt")]


def test_hostile_json_lines_are_named_by_line_and_later_lines_read(tmp_path: Path) -> None:
    path = tmp_path / "r.jsonl"
    path.write_text(
        '{"text": "Egypt and Israel met in 2018."}\n'
        '{"text": "x", "published": ' + HUGE + "}\n"
        '{"text": "x", "title": ' + DEEP + "}\n"
        '{"text": "India and Pakistan met in 2019."}\n',
        encoding="utf-8",
    )
    items = read_all([path])
    assert [(e.code, e.line) for e in errors(items)] == [("E113", 2), ("E113", 3)]
    assert str(errors(items)[0]).startswith(f"E113 cannot read {path}:2: ")
    assert [d.source_path for d in items if isinstance(d, Document)] == [f"{path}:1", f"{path}:4"]


def test_json_text_may_hold_brackets_and_long_digit_runs_inside_strings(tmp_path: Path) -> None:
    path = tmp_path / "r.jsonl"
    text = "Serial " + "9" * 500 + " and brackets " + "[" * 200
    path.write_text('{"text": "' + text + '", "n": [[1, 2], {"a": [3]}]}\n', encoding="utf-8")
    (doc,) = read_all([path])
    assert isinstance(doc, Document) and doc.text == text


def test_code_lines_gives_error_records_for_hostile_lines() -> None:
    from frenemy.pipeline import code_lines

    class NoModel:  # the hostile lines never reach the parser
        def analyse(self, document: Document) -> object:
            raise AssertionError("not reached")

    lines = [
        b'{"text": "x", "id": ' + HUGE.encode() + b"}\n",
        ("[" * 100_000).encode(),
        b'{"text": "\xff"}\n',
    ]
    records = list(code_lines(lines, NoModel()))  # type: ignore[arg-type]
    assert [r["line"] for r in records] == [1, 2, 3]
    assert "E113" in records[0]["error"] and "E113" in records[1]["error"]
    assert "E105 invalid UTF-8" in records[2]["error"]


def test_frenemy_code_reads_on_after_a_bad_byte_under_a_strict_utf8_locale(tmp_path: Path) -> None:
    feed = b'{"id": "a", "text": "Iran and Iraq met."}\n{"id": "b", "text": "caf\xe9"}\n{"id": "c", "text": "Iran met Iraq."}\n'
    env = dict(
        os.environ, LC_ALL="C.UTF-8", LANG="C.UTF-8", PYTHONUTF8="0", PYTHONPATH=os.pathsep.join(sys.path)
    )
    env.pop("PYTHONIOENCODING", None)
    done = subprocess.run(
        [sys.executable, "-m", "frenemy.cli", "code", "-"],
        input=feed,
        capture_output=True,
        env=env,
        timeout=300,
    )
    out = done.stdout.decode().splitlines()
    assert len(out) == 3, done.stderr.decode()[-2000:]
    assert '"line": 2' in out[1] and "E105" in out[1]
    assert done.returncode == 1


# --- 2. HTML beyond bounds, and the time budget -------------------------------------------------------
def test_html_with_a_million_attributes_is_refused_quickly(tmp_path: Path) -> None:
    attrs = " ".join(f'a{i}="v"' for i in range(1_000_000))
    path = tmp_path / "attrs.html"
    path.write_text(f"<html><body><div {attrs}>Iran and Iraq met.</div></body></html>", encoding="utf-8")
    start = time.monotonic()
    (error,) = read_all([path])
    assert time.monotonic() - start < 30
    assert isinstance(error, InputError) and error.code == "E113" and "1,000,000 attributes" in str(error)


def test_a_file_that_reads_too_long_is_given_up_with_e113() -> None:
    with pytest.raises(InputError) as caught, time_budget(0.2, "slow.html"):
        while True:
            sum(range(1000))
    assert caught.value.code == "E113" and "slow.html" in str(caught.value)


# --- 4. .docx zip bombs ---------------------------------------------------------------------------
def test_a_docx_whose_other_parts_inflate_is_refused_before_unpacking(tmp_path: Path) -> None:
    good = make_docx(tmp_path / "good.docx", ["Iran and Iraq signed a treaty in 1975."], title="Treaty")
    bomb = tmp_path / "bomb.docx"
    with zipfile.ZipFile(good) as source, zipfile.ZipFile(bomb, "w", zipfile.ZIP_DEFLATED) as out:
        for info in source.infolist():
            if info.filename != "word/styles.xml":
                out.writestr(info.filename, source.read(info))
        out.writestr("word/styles.xml", b"\0" * (30 << 20))  # 30 MB of zeros, about 30 KB packed
    items = read_all([good, bomb])
    assert isinstance(items[0], Document) and items[0].title == "Treaty" and "1975" in items[0].text
    assert isinstance(items[1], InputError) and items[1].code == "E114"
    assert "word/styles.xml" in str(items[1]) and "zip bomb" in str(items[1])


def test_a_docx_with_too_many_parts_is_refused(tmp_path: Path) -> None:
    path = tmp_path / "many.docx"
    with zipfile.ZipFile(path, "w") as package:
        for i in range(10_001):
            package.writestr(f"x/{i}.xml", b"")
    (error,) = read_all([path])
    assert isinstance(error, InputError) and error.code == "E114" and "10,001 parts" in str(error)


# --- 5. not regular files ------------------------------------------------------------------------
@pytest.mark.skipif(not hasattr(os, "mkfifo"), reason="POSIX FIFOs")
def test_a_fifo_on_the_command_line_is_refused_without_blocking(tmp_path: Path) -> None:
    fifo = tmp_path / "feed.txt"
    os.mkfifo(fifo)
    found: list[object] = []
    reader = threading.Thread(target=lambda: found.extend(read_paths([fifo])), daemon=True)
    reader.start()
    reader.join(timeout=20)
    assert not reader.is_alive(), "reading a FIFO blocked"
    (error,) = found
    assert isinstance(error, InputError) and error.code == "E111" and "named pipe" in str(error)


@pytest.mark.skipif(not Path("/dev/zero").exists(), reason="no /dev/zero")
def test_dev_zero_is_refused_as_a_device() -> None:
    (error,) = read_all(["/dev/zero"])
    assert isinstance(error, InputError) and error.code == "E111" and "device" in str(error)


def test_a_symbolic_link_loop_is_named_as_such(tmp_path: Path) -> None:
    loop = tmp_path / "loop.txt"
    os.symlink(loop.name, loop)
    (error,) = read_all([loop])
    assert isinstance(error, InputError) and error.code == "E111" and "symbolic link loop" in str(error)
    broken = tmp_path / "broken.txt"
    os.symlink("nowhere.txt", broken)
    (error,) = read_all([broken])
    assert isinstance(error, InputError) and error.code == "E101" and "nowhere.txt" in str(error)


# --- 6. dates -------------------------------------------------------------------------------------------
@pytest.mark.parametrize("value", ["Monday", "March", "10", "Dec 25", "1e10", "-5000", "yesterday"])
def test_relative_or_partial_dates_are_refused(value: str) -> None:
    with pytest.raises(ValueError, match="not a date|not a valid"):
        normalise_date(value)


def test_ambiguous_all_number_dates_are_refused_unless_an_order_is_given() -> None:
    with pytest.raises(ValueError, match="ambiguous"):
        normalise_date("04/05/2012")
    assert normalise_date("13/05/2012") == "2012-05-13"
    assert normalise_date("04/05/2012", "DMY") == "2012-05-04"
    assert normalise_date("04/05/2012", "MDY") == "2012-04-05"
    assert normalise_date("2012/05/04") == "2012-05-04"


def test_a_relative_published_option_is_a_usage_error(tmp_path: Path) -> None:
    from frenemy.cli import main

    (tmp_path / "a.txt").write_text(GOOD, encoding="utf-8")
    db = tmp_path / "x.db"
    assert main(["ingest", str(tmp_path / "a.txt"), "--published", "Monday", "--db", str(db)]) == 2
    assert not db.exists()


def test_a_relative_date_in_a_record_names_the_line(tmp_path: Path) -> None:
    path = tmp_path / "r.jsonl"
    path.write_text('{"text": "Iran met Iraq.", "published": "Dec 25"}\n', encoding="utf-8")
    (error,) = read_all([path])
    assert isinstance(error, InputError) and error.code == "E109" and error.line == 1


# --- 7. invisible characters --------------------------------------------------------------------------
@pytest.mark.parametrize(
    "char",
    ["\u200e", "\u200f", "\u00ad", "\u200b", "\u200c", "\u200d", "\u2060", "\ufeff", "\u061c", "\U000e0041"],
)
def test_invisible_characters_are_dropped_from_stored_text(char: str) -> None:
    assert normalise_text(f"Sa{char}udi Arabia") == "Saudi Arabia"


# --- 10. frenemy's own reports ------------------------------------------------------------------------
def test_frenemy_reports_are_passed_over_with_a_notice(tmp_path: Path) -> None:
    (tmp_path / "report.html").write_text(
        '<html><head><meta name="generator" content="frenemy 0.9"><title>x</title></head>'
        "<body><p>Iran and al-Qaeda: more enemies than allies.</p></body></html>",
        encoding="utf-8",
    )
    (tmp_path / "old.html").write_text(
        "<html><head><title>Iran / al-Qaeda: frenemy dyad report</title></head>"
        "<body><p>More enemies than allies since 2001.</p></body></html>",
        encoding="utf-8",
    )
    items = read_all([tmp_path])
    assert [(type(i), i.code) for i in items if isinstance(i, InputError)] == [(SkippedInput, "W102")] * 2
    assert str(items[0]).startswith("W102 not read ")


# --- 11. URLs ---------------------------------------------------------------------------------------------
def test_a_url_is_refused_with_a_way_to_ingest_fetched_pages() -> None:
    (error,) = read_all(["https://example.org/news?id=1"])
    assert isinstance(error, InputError) and error.code == "E112"
    assert error.source == "https://example.org/news?id=1"
    assert "frenemy reads files" in str(error) and "JSON Lines" in str(error)
