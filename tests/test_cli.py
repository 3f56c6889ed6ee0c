"""End-to-end tests of the ``frenemy`` command, run the way a user runs it.

One store is built once for the module (``actors import`` of a small YAML, then ``ingest`` of a
short article in tests/data/cli/) and every read command is checked against it. Commands whose
exit code and stderr matter run as a subprocess; the others go through ``frenemy.cli.main`` in
this process so the spaCy model loads once.
"""

from __future__ import annotations

import contextlib
import csv
import io
import json
import re
import shutil
import subprocess
import sys
import xml.etree.ElementTree as ET
from pathlib import Path

import pytest

from frenemy.cli import main
from frenemy.store.db import Store

DATA = Path(__file__).parent / "data" / "cli"
ARTICLE = DATA / "red_sea_patrons.txt"
USER_ACTORS = DATA / "tihama.yaml"
PUBLISHED = "2024-02-01"
PUBLISHER = "Gulf Desk Review"
INGEST_ARGS = ["--published", PUBLISHED, "--publisher", PUBLISHER, "--quiet"]

# Every spelling of the Houthi movement the article uses.
HOUTHI_SPELLINGS = ["Houthis", "Houthi", "Houthi movement", "Houthi rebels", "Ansar Allah", "Huthis"]


def run_cli(*args: str | Path, stdin: str | None = None) -> subprocess.CompletedProcess[str]:
    """``python -m frenemy.cli ARGS`` as a separate process, output captured as text."""
    return subprocess.run(
        [sys.executable, "-m", "frenemy.cli", *map(str, args)],
        capture_output=True,
        text=True,
        input=stdin,
        timeout=120,
        check=False,
    )


def call(capsys: pytest.CaptureFixture[str], *args: str | Path) -> tuple[int, str, str]:
    """``frenemy.cli.main(ARGS)`` in this process: (exit code, stdout, stderr)."""
    capsys.readouterr()
    code = main([str(a) for a in args])
    out, err = capsys.readouterr()
    return code, out, err


def ingest_article(db: Path, *extra: str) -> int:
    return main(["ingest", str(ARTICLE), "--db", str(db), *INGEST_ARGS, *extra])


def store_snapshot(db: Path) -> dict[str, object]:
    """Counts of every table plus the ids of events and claims (to see replacement or duplication)."""
    with Store(str(db), readonly=True) as store:
        stats = store.stats()
        events = sorted(e.id for e in store.events())
        claims = sorted(c.id for c in store.claims())
    return {"stats": stats, "events": events, "claims": claims}


@pytest.fixture(scope="module")
def db(tmp_path_factory: pytest.TempPathFactory) -> Path:
    path = tmp_path_factory.mktemp("cli") / "frenemy.db"
    assert main(["actors", "import", str(USER_ACTORS), "--db", str(path)]) == 0
    assert ingest_article(path) == 0
    return path


@pytest.fixture(scope="module")
def actors(db: Path) -> dict[str, dict]:
    out = io.StringIO()
    with contextlib.redirect_stdout(out):
        assert main(["actors", "--format", "json", "--db", str(db)]) == 0
    return {a["id"]: a for a in json.loads(out.getvalue())}


# --- 1. ingest and actors ---------------------------------------------------------------------
def test_ingest_stores_the_article_with_its_metadata(db: Path) -> None:
    with Store(str(db), readonly=True) as store:
        docs = store.documents()
    assert len(docs) == 1
    assert docs[0].published == PUBLISHED
    assert docs[0].publisher == PUBLISHER
    assert docs[0].title == "Tehran and the Houthis: patron, partner or convenient friend?"


ACTOR_FIELDS = {
    "id",
    "name",
    "type",
    "code",
    "country",
    "sector",
    "aliases",
    "affiliations",
    "mentions",
    "parent",
}


def test_every_actor_has_the_contract_fields(actors: dict[str, dict]) -> None:
    for actor in actors.values():
        assert ACTOR_FIELDS <= set(actor), actor["id"]
        assert actor["mentions"] >= 1
        assert actor["country"] is None or re.fullmatch(r"[A-Z]{3}", actor["country"])


def test_country_actor_has_its_alpha3_code(actors: dict[str, dict]) -> None:
    iran = actors["iran"]
    assert iran["type"] == "state"
    assert iran["code"].startswith("IRN")
    assert iran["country"] == "IRN"
    assert {"Iran", "Tehran", "Iranian"} <= set(iran["aliases"])
    # "Iran" four times, "Tehran" twice in the body, plus the headline and "Iranian".
    assert iran["mentions"] >= 6


def test_armed_group_is_one_actor_with_every_spelling_of_the_text(actors: dict[str, dict]) -> None:
    houthis = actors["houthis"]
    assert houthis["type"] == "armed_group"
    assert houthis["code"] == "YEMREB"
    assert houthis["country"] == "YEM"
    assert set(HOUTHI_SPELLINGS) <= set(houthis["aliases"])
    others = [a["id"] for a in actors.values() if a["id"] != "houthis"]
    assert not [i for i in others if "houthi" in i or "ansar" in i or "huthi" in i]


def test_us_government_bodies_are_american_with_a_sector(actors: dict[str, dict]) -> None:
    for actor_id in ("united-states-state-department", "united-states-treasury"):
        body = actors[actor_id]
        assert body["type"] == "government_body"
        assert body["country"] == "USA"
        assert body["sector"] == "GOV"
        assert body["code"] == "USAGOV"
        assert body["parent"] == "united-states"  # acts roll up to the country in dyad analysis
    military = actors["united-states-mil"]  # "the US Navy"
    assert (military["country"], military["sector"], military["code"]) == ("USA", "MIL", "USAMIL")
    assert "US Navy" in military["aliases"]
    assert "State Department" in actors["united-states-state-department"]["aliases"]
    assert "US Treasury" in actors["united-states-treasury"]["aliases"]


def test_actors_csv_and_table_list_the_same_actors(db: Path, capsys, actors) -> None:
    code, out, _ = call(capsys, "actors", "--format", "csv", "--db", db)
    assert code == 0
    rows = list(csv.DictReader(io.StringIO(out)))
    assert {r["id"] for r in rows} == set(actors)
    iran = next(r for r in rows if r["id"] == "iran")
    assert iran["code"] == "IRN" and int(iran["mentions"]) == actors["iran"]["mentions"]
    code, out, _ = call(capsys, "actors", "--db", db)
    assert code == 0 and "houthis" in out and "YEMREB" in out


def test_ingesting_again_skips_the_duplicate_and_changes_nothing(tmp_path: Path, capsys) -> None:
    db = tmp_path / "dup.db"
    assert ingest_article(db) == 0
    before = store_snapshot(db)
    code, _, err = call(capsys, "ingest", ARTICLE, "--db", db, *INGEST_ARGS)
    assert code == 0
    assert "ingested 0, skipped 1 as duplicates, failed 0" in err
    assert store_snapshot(db) == before


def test_reprocess_replaces_records_without_duplicates(tmp_path: Path, capsys) -> None:
    db = tmp_path / "re.db"
    assert ingest_article(db) == 0
    before = store_snapshot(db)
    assert before["stats"]["events"] > 0 and before["stats"]["claims"] > 0
    code, _, err = call(capsys, "ingest", ARTICLE, "--db", db, *INGEST_ARGS, "--reprocess")
    assert code == 0, err
    after = store_snapshot(db)
    assert after["stats"] == before["stats"]
    assert len(set(after["events"])) == len(after["events"]) == len(before["events"])
    with Store(str(db), readonly=True) as store:
        sentences = [s.index for s in store.sentences(store.documents()[0].id)]
    assert sentences == sorted(set(sentences))

    # Re-running with a new actor file really re-extracts: the made-up organisation now has its
    # mention, and everything else is replaced, not added to.
    code, _, err = call(
        capsys, "ingest", ARTICLE, "--db", db, *INGEST_ARGS, "--reprocess", "--actors", USER_ACTORS
    )
    assert code == 0, err
    again = store_snapshot(db)
    assert again["events"] == before["events"] and again["claims"] == before["claims"]
    grown = {k: v + 1 if k in ("actors", "mentions") else v for k, v in before["stats"].items()}
    assert again["stats"] == grown
    with Store(str(db), readonly=True) as store:
        doc_id = store.documents()[0].id
        assert [m.actor_id for m in store.mentions(doc_id)].count("tihama-coast-relief-network") == 1


# --- 2. bad input beside good input -----------------------------------------------------------
GOOD_JSONL = {
    "id": "brief-7",
    "text": "In April 2022 Oman hosted talks between Saudi Arabia and the Houthis.",
}
GERMAN = (
    "Die Regierung in Teheran hat am Montag erklärt, dass sie die Gespräche mit den Nachbarn "
    "fortsetzen wolle. Der Minister sagte, die Lage sei ernst und die Verhandlungen würden in der "
    "nächsten Woche weitergehen, obwohl es noch keine Einigung gebe.\n"
)


def make_mixed_folder(folder: Path) -> None:
    folder.mkdir()
    shutil.copy(ARTICLE, folder / "article.txt")
    (folder / "dump.txt").write_bytes(b"\x89PNG\r\n\x1a\n\x00\x00\x00\rIHDR\x00\x00\x01\x00" * 20)
    (folder / "empty.txt").write_bytes(b"")
    (folder / "cut.pdf").write_bytes(
        b"%PDF-1.5\n1 0 obj\n<< /Type /Catalog /Pages 2 0 R >>\nendobj\n2 0 obj\n<<"
    )
    good = json.dumps(GOOD_JSONL | {"published": "2022-04-09", "publisher": "Wire test"})
    (folder / "feed.jsonl").write_text(
        '{"id": "broken", "text": "unfinished\n' + good + "\n", encoding="utf-8"
    )
    (folder / "bericht.txt").write_text(GERMAN, encoding="utf-8")


def test_bad_files_are_named_with_codes_and_good_ones_are_stored(tmp_path: Path) -> None:
    folder = tmp_path / "inbox"
    make_mixed_folder(folder)
    db = tmp_path / "mixed.db"
    result = run_cli("ingest", folder, "--db", db, "--publisher", "Inbox")
    assert result.returncode == 1, result.stderr
    lines = result.stderr.splitlines()

    def line_for(name: str) -> str:
        found = [ln for ln in lines if name in ln]
        assert len(found) == 1, (name, result.stderr)
        return found[0]

    assert line_for("dump.txt").startswith("E103 ")
    assert line_for("empty.txt").startswith("E102 ")
    assert line_for("cut.pdf").startswith("E104 ")
    assert line_for("feed.jsonl").startswith("E108 ")
    assert f"{folder / 'feed.jsonl'}:1:" in line_for("feed.jsonl")
    assert line_for("bericht.txt").startswith("W110 ")
    assert not [ln for ln in lines if "article.txt" in ln]
    assert "ingested 3, skipped 0 as duplicates, failed 4" in lines[-1]

    with Store(str(db), readonly=True) as store:
        docs = {Path(d.source_path or "").name: d for d in store.documents()}
        # A JSON Lines document remembers the line it came from.
        assert set(docs) == {"article.txt", "feed.jsonl:2", "bericht.txt"}
        assert docs["feed.jsonl:2"].text == GOOD_JSONL["text"]
        assert docs["feed.jsonl:2"].published == "2022-04-09"
        assert docs["bericht.txt"].language == "und"
        for doc in docs.values():
            assert doc.publisher == "Inbox"  # the option overrides the record's own publisher
        german = docs["bericht.txt"].id
        assert store.mentions(german) == []
        assert [e for e in store.events() if e.doc_id == german] == []
        assert [c for c in store.claims() if c.doc_id == german] == []
        assert {d.id for d in store.documents()} == {d.id for d in docs.values()}
        assert store.search("unfinished") == []
        assert store.search("IHDR") == []


# --- 3. read commands on the module store -----------------------------------------------------
def test_events_for_the_dyad_in_json_csv_and_table(db: Path, capsys) -> None:
    code, out, _ = call(capsys, "events", "--dyad", "Iran", "Houthis", "--format", "json", "--db", db)
    assert code == 0
    events = json.loads(out)
    assert events, "no Iran-Houthi events"
    for e in events:
        assert {e["source"]["id"], e["target"]["id"]} == {"iran", "houthis"}
        assert e["cameo"].startswith(e["cameo_root"])
        assert e["sentence"] in ARTICLE.read_text(encoding="utf-8")
    welcome = [e for e in events if "welcomed" in e["action_text"]]
    assert len(welcome) == 1
    assert welcome[0]["date"]["start"] == "2019" and welcome[0]["polarity"] == "cooperative"
    supplied = [e for e in events if "supplied" in e["action_text"]]
    assert len(supplied) == 1
    assert supplied[0]["modality"] == "reported"
    assert supplied[0]["date"]["start"] == "2021-01"

    code, out, _ = call(capsys, "events", "--dyad", "Iran", "Houthis", "--format", "csv", "--db", db)
    assert code == 0
    rows = list(csv.DictReader(io.StringIO(out)))
    assert sorted(r["id"] for r in rows) == sorted(e["id"] for e in events)

    code, out, _ = call(capsys, "events", "--dyad", "Iran", "Houthis", "--db", db)
    assert code == 0
    assert "welcomed a Houthi envoy" in out and "Events" in out


def test_claims_and_contradictions_in_json(db: Path, capsys) -> None:
    code, out, _ = call(capsys, "claims", "--format", "json", "--db", db)
    assert code == 0
    claims = json.loads(out)
    assert claims
    for c in claims:
        assert c["stance"] in {"cooperative", "hostile", "ambivalent", "neutral"}
        assert {a["id"] for a in c["about"]} == {"iran", "houthis"}
    assert any("independent allies" in c["text"] for c in claims)

    code, out, _ = call(capsys, "contradictions", "--format", "json", "--db", db)
    assert code == 0
    contradictions = json.loads(out)
    # The State Department says Iran supplied weapons; Iran's foreign ministry denies arming them.
    facts = [c for c in contradictions if c["kind"] == "fact"]
    assert len(facts) == 1
    assert set(facts[0]["about"]) == {"iran", "houthis"}
    assert "State Department" in facts[0]["explanation"]
    with Store(str(db), readonly=True) as store:
        sentences = {e.id: e.sentence for e in store.events()}
    cited = [sentences[i] for i in facts[0]["events"]]
    assert any("supplied missiles" in s for s in cited)
    assert any("denied" in s for s in cited)


def test_search_highlights_matching_sentences(db: Path, capsys) -> None:
    code, out, _ = call(capsys, "search", "missiles", "--format", "json", "--db", db)
    assert code == 0
    hits = json.loads(out)
    assert len(hits) == 1
    assert hits[0]["title"].startswith("Tehran and the Houthis")
    assert "\x02missiles\x03" in hits[0]["snippet"]
    code, out, _ = call(capsys, "search", "missiles", "--db", db)
    assert code == 0 and "missiles" in out and "sentence" in out
    code, out, _ = call(capsys, "search", "zeppelin", "--db", db)
    assert code == 0 and "no sentences match" in out


def test_dyad_json_follows_the_schema(db: Path, capsys) -> None:
    import jsonschema

    code, out, _ = call(capsys, "dyad", "Iran", "Ansar Allah", "--format", "json", "--db", db)
    assert code == 0
    report = json.loads(out)
    schema_path = Path(__file__).parents[1] / "src" / "frenemy" / "report" / "dyad.schema.json"
    jsonschema.validate(report, json.loads(schema_path.read_text(encoding="utf-8")))
    assert {report["a"]["id"], report["b"]["id"]} == {"iran", "houthis"}
    assert report["verdict"]["label"] in {"cooperative", "hostile", "mixed", "insufficient-evidence"}
    assert [d["publisher"] for d in report["documents"]] == [PUBLISHER]
    assert report["events"] and report["contradictions"]


def test_dyad_html_is_self_contained(db: Path, tmp_path: Path, capsys) -> None:
    out_file = tmp_path / "report.html"
    code, _, err = call(capsys, "dyad", "Iran", "Houthis", "--format", "html", "--out", out_file, "--db", db)
    assert code == 0 and f"wrote {out_file}" in err
    html = out_file.read_text(encoding="utf-8")
    assert html.lstrip().lower().startswith("<!doctype html")
    assert "welcomed a Houthi envoy" in html
    assert not re.search(r"<script[^>]*\bsrc\s*=", html, re.I)
    assert not re.search(r"<link[^>]*\bhref\s*=\s*[\"']?(https?:)?//", html, re.I)
    assert not re.search(r"\b(src|href)\s*=\s*[\"']?(https?:)?//", html, re.I)
    assert not re.search(r"url\(\s*[\"']?(https?:)?//", html, re.I)
    assert not re.search(r"@import", html, re.I)


def test_dyad_markdown(db: Path, capsys) -> None:
    code, out, _ = call(capsys, "dyad", "Tehran", "Huthis", "--format", "markdown", "--db", db)
    assert code == 0
    assert out.startswith("#")
    assert "Iran" in out and "Houthis" in out
    assert re.search(r"^\|.*\|$", out, re.M), "no Markdown table"


def test_network_graphml_gexf_and_json(db: Path, capsys) -> None:
    code, out, _ = call(capsys, "network", "--format", "json", "--db", db)
    assert code == 0
    graph = json.loads(out)
    edges = graph["edges"] if isinstance(graph, dict) else graph
    pairs = {frozenset((e["source"], e["target"])) for e in edges}
    assert frozenset(("iran", "houthis")) in pairs

    for fmt in ("graphml", "gexf"):
        code, out, _ = call(capsys, "network", "--format", fmt, "--db", db)
        assert code == 0
        root = ET.fromstring(out)
        assert root.tag.endswith(fmt)
        node_ids = {n.get("id") for n in root.iter() if n.tag.endswith("}node")}
        edge_ends = {
            frozenset((e.get("source"), e.get("target"))) for e in root.iter() if e.tag.endswith("}edge")
        }
        assert {"iran", "houthis"} <= node_ids
        assert frozenset(("iran", "houthis")) in edge_ends


# GDELT 2.0 event table: EventCode, EventBaseCode, EventRootCode are fields 27-29 (0-based 26-28).
GDELT_EVENT_CODE, GDELT_ROOT_CODE = 26, 28


def test_export_gdelt_rows_have_61_columns_and_consistent_codes(db: Path, tmp_path: Path, capsys) -> None:
    out_file = tmp_path / "events.gdelt.tsv"
    code, _, err = call(capsys, "export", "--format", "gdelt", "--out", out_file, "--db", db)
    assert code == 0
    rows = [line.split("\t") for line in out_file.read_text(encoding="utf-8").splitlines()]
    assert rows and f"wrote {len(rows)} records" in err
    for row in rows:
        assert len(row) == 61
        assert row[GDELT_EVENT_CODE][:2] == row[GDELT_ROOT_CODE]
        assert re.fullmatch(r"\d{8}", row[1])  # SQLDATE
    codes = {(r[5], r[15], r[GDELT_EVENT_CODE]) for r in rows}  # Actor1Code, Actor2Code, EventCode
    assert ("IRN", "YEMREB", "043") in codes


def test_export_plover_jsonl_csv(db: Path, tmp_path: Path, capsys) -> None:
    with Store(str(db), readonly=True) as store:
        event_ids = sorted(e.id for e in store.events())
    out = tmp_path / "plover.json"
    assert call(capsys, "export", "--format", "plover", "--out", out, "--db", db)[0] == 0
    plover = json.loads(out.read_text(encoding="utf-8"))
    assert sorted(r["id"] for r in plover) == event_ids
    welcome = next(r for r in plover if "welcomed" in r["event_text"])
    assert welcome["event_type"] == "CONSULT" and welcome["actor"] == "Iran"

    out = tmp_path / "all.jsonl"
    assert call(capsys, "export", "--format", "jsonl", "--out", out, "--db", db)[0] == 0
    records = [json.loads(line) for line in out.read_text(encoding="utf-8").splitlines()]
    assert {r["id"] for r in records} >= set(event_ids)

    out = tmp_path / "events.csv"
    assert call(capsys, "export", "--format", "csv", "--out", out, "--db", db)[0] == 0
    rows = list(csv.DictReader(out.open(encoding="utf-8")))
    assert sorted(r["id"] for r in rows) == event_ids


def test_export_parquet_reads_back(db: Path, tmp_path: Path, capsys) -> None:
    import pyarrow.dataset as ds

    out = tmp_path / "lake"
    assert call(capsys, "export", "--format", "parquet", "--out", out, "--db", db)[0] == 0
    with Store(str(db), readonly=True) as store:
        event_ids = sorted(e.id for e in store.events())
        doc_ids = [d.id for d in store.documents()]
    events = ds.dataset(out / "events", format="parquet", partitioning="hive").to_table().to_pydict()
    assert sorted(events["id"]) == event_ids
    docs = ds.dataset(out / "documents", format="parquet", partitioning="hive").to_table().to_pydict()
    assert docs["id"] == doc_ids and docs["publisher"] == [PUBLISHER]


def test_code_reports_a_bad_line_and_goes_on_in_order(tmp_path: Path) -> None:
    feed = tmp_path / "batch.jsonl"
    lines = [
        json.dumps({"id": "one", "text": "In 2019 Iran welcomed a Houthi envoy.", "date": "2019-06-01"}),
        "{this is not json",
        json.dumps({"id": "three", "text": "The Houthis seized Sanaa in September 2014."}),
    ]
    feed.write_text("\n".join(lines) + "\n", encoding="utf-8")
    result = run_cli("code", feed)
    assert result.returncode == 1, result.stderr
    records = [json.loads(line) for line in result.stdout.splitlines()]
    assert [r["id"] for r in records] == ["one", None, "three"]
    assert records[1]["line"] == 2 and records[1]["error"].startswith("line 2: not JSON")
    assert records[1]["events"] == []
    assert records[0]["error"] is None and records[2]["error"] is None
    first = records[0]["events"]
    assert [(e["source"]["id"], e["target"]["id"]) for e in first] == [("iran", "houthis")]
    assert records[2]["events"][0]["source"]["id"] == "houthis"


def test_unknown_actor_exits_5_with_a_suggestion(db: Path) -> None:
    result = run_cli("dyad", "Iran", "Hootis", "--db", db)
    assert result.returncode == 5
    assert result.stdout == ""
    assert result.stderr.startswith("E4")
    assert "Hootis" in result.stderr and "Houthis" in result.stderr


@pytest.mark.parametrize(
    "command",
    [["actors"], ["events"], ["claims"], ["contradictions"], ["search", "Iran"], ["dyad", "Iran", "Houthis"],
     ["network"], ["export", "--format", "csv", "--out", "OUT"]],
)  # fmt: skip
def test_read_commands_without_a_store_exit_3(tmp_path: Path, command: list[str]) -> None:
    missing = tmp_path / "nowhere.db"
    args = [str(tmp_path / "out.csv") if a == "OUT" else a for a in command]
    result = run_cli(*args, "--db", missing)
    assert result.returncode == 3
    assert result.stderr.startswith(f"E201 no store at {missing}")
    assert not missing.exists()


def test_imported_actor_is_used_by_a_later_ingest(db: Path, actors: dict[str, dict], tmp_path: Path) -> None:
    tcrn = actors["tihama-coast-relief-network"]
    assert (tcrn["type"], tcrn["code"], tcrn["country"], tcrn["sector"]) == (
        "organization",
        "YEMNGO",
        "YEM",
        "NGO",
    )
    assert tcrn["mentions"] == 1
    # Without the import the same text gives no such actor: the store's copy of the YAML did it.
    plain = tmp_path / "plain.db"
    assert ingest_article(plain) == 0
    with Store(str(plain), readonly=True) as store:
        assert store.actor("tihama-coast-relief-network") is None
        assert not [a.id for a in store.actors() if any("Tihama" in n for n in [a.name, *a.aliases])]


# --- errors a user can cause: each is one coded line, never a traceback ------------------------
def test_code_on_a_missing_file_is_a_coded_input_error(tmp_path: Path) -> None:
    missing = tmp_path / "absent.jsonl"
    result = run_cli("code", missing)
    assert result.returncode == 1
    assert result.stdout == ""
    assert result.stderr.startswith(f"E101 cannot read {missing}: ")
    assert "Traceback" not in result.stderr


@pytest.mark.parametrize(
    "command",
    [
        ["dyad", "Iran", "Houthis", "--format", "html"],
        ["network", "--format", "gexf"],
        ["export", "--format", "csv"],
    ],
)
def test_an_unwritable_out_path_is_a_coded_error(db: Path, tmp_path: Path, command: list[str]) -> None:
    blocker = tmp_path / "not-a-folder"
    blocker.write_text("a file where a folder was expected\n", encoding="utf-8")
    target = blocker / "result.out"
    result = run_cli(*command, "--out", target, "--db", db)
    assert result.returncode == 5, result.stderr
    assert result.stderr.startswith(f"E420 cannot write {target}: ")
    assert "Traceback" not in result.stderr


def test_stdin_jsonl_with_a_bad_line(tmp_path: Path) -> None:
    db = tmp_path / "stdin.db"
    feed = "\n".join(
        [
            json.dumps(
                {"id": "w1", "text": "In 2019 Iran welcomed a Houthi envoy.", "published": "2019-08-17"}
            ),
            '{"id": "w2", "text": ',
            json.dumps(
                {"id": "w3", "text": "In 2015 Saudi Arabia bombed Houthi positions.", "published": 2015}
            ),
        ]
    )
    result = run_cli("ingest", "-", "--db", db, stdin=feed + "\n")
    assert result.returncode == 1
    bad = [ln for ln in result.stderr.splitlines() if ln.startswith("E")]
    assert len(bad) == 1 and bad[0].startswith("E108 cannot read <stdin>:2: ")
    assert "ingested 2, skipped 0 as duplicates, failed 1" in result.stderr
    with Store(str(db), readonly=True) as store:
        docs = sorted((d.external_id, d.published) for d in store.documents())
    assert docs == [("w1", "2019-08-17"), ("w3", "2015")]


def test_a_bad_published_option_stops_before_reading(tmp_path: Path) -> None:
    db = tmp_path / "none.db"
    result = run_cli("ingest", ARTICLE, "--published", "next week", "--db", db)
    assert result.returncode == 2  # a usage error: a bad option value
    assert result.stderr.startswith("E109 ")
    assert "'next week'" in result.stderr
    assert "ingested" not in result.stderr  # stopped before reading, so no summary
    assert not db.exists()


def test_an_all_number_date_needs_date_order(tmp_path: Path) -> None:
    db = tmp_path / "order.db"
    refused = run_cli("ingest", ARTICLE, "--published", "04/05/2012", "--db", db)
    assert refused.returncode == 2 and "04/05/2012" in refused.stderr
    read = run_cli(
        "ingest", ARTICLE, "--published", "04/05/2012", "--date-order", "DMY", "--db", db, "--quiet"
    )
    assert read.returncode == 0, read.stderr
    with Store(str(db), readonly=True) as store:
        assert [d.published for d in store.documents()] == ["2012-05-04"]


def test_malformed_actor_file_exits_4(tmp_path: Path) -> None:
    bad = tmp_path / "broken.yaml"
    bad.write_text("- id: half\n  name: [unclosed\n", encoding="utf-8")
    result = run_cli("actors", "import", bad, "--db", tmp_path / "a.db")
    assert result.returncode == 4
    assert result.stderr.startswith("E3") and str(bad) in result.stderr


def test_a_wrong_command_line_exits_2() -> None:
    result = run_cli("events", "--format", "yaml")
    assert result.returncode == 2
    assert "usage: frenemy events" in result.stderr


def test_out_to_a_closed_pipe_ends_quietly(db: Path, tmp_path: Path, capsys, monkeypatch) -> None:
    # `--out /dev/stdout | head`: the reader went away; that is not an unwritable path.
    def closed_pipe(*_args: object, **_kwargs: object) -> int:
        raise BrokenPipeError(32, "Broken pipe")

    monkeypatch.setattr(Path, "write_text", closed_pipe)
    code, _, err = call(
        capsys, "dyad", "Iran", "Houthis", "--format", "markdown", "--out", tmp_path / "x", "--db", db
    )
    assert code == 0
    assert "E420" not in err


# --- filters and the remaining formats --------------------------------------------------------
def test_events_filters_actor_since_and_limit(db: Path, capsys) -> None:
    def ids(*args: str) -> list[dict]:
        code, out, _ = call(capsys, "events", "--format", "json", "--db", db, *args)
        assert code == 0
        return json.loads(out)

    everything = ids()
    by_state_department = ids("--actor", "State Department")
    assert by_state_department
    assert all(
        "united-states-state-department" in (e["source"]["id"], e["target"]["id"])
        for e in by_state_department
    )
    assert len(by_state_department) < len(everything)
    recent = ids("--since", "2019")
    assert recent and all(e["date"]["end"] >= "2019" for e in recent)
    assert not [e for e in recent if e["date"]["start"] == "2014-09"]
    assert len(ids("--limit", "2")) == 2


def test_network_min_events_drops_thin_edges(db: Path, capsys) -> None:
    code, out, _ = call(capsys, "network", "--format", "json", "--db", db)
    graph = json.loads(out)
    edges = graph["edges"] if isinstance(graph, dict) else graph
    strongest = max(e["events"] for e in edges)
    code, out, _ = call(capsys, "network", "--format", "json", "--min-events", str(strongest + 1), "--db", db)
    assert code == 0
    thinned = json.loads(out)
    assert (thinned["edges"] if isinstance(thinned, dict) else thinned) == []


def test_dyad_text_names_the_pair_and_the_verdict(db: Path, capsys) -> None:
    code, out, _ = call(capsys, "dyad", "Iran", "Houthis", "--db", db)
    assert code == 0
    assert "Iran" in out and "Houthis" in out
    assert re.search(r"cooperative|hostile|mixed|insufficient", out, re.I)
    assert "\x1b[" not in out  # no colour codes when not on a terminal


def test_version() -> None:
    from frenemy import __version__

    result = run_cli("--version")
    assert result.returncode == 0 and result.stdout.strip() == f"frenemy {__version__}"


# --- hostile but readable documents go through the whole pipeline -----------------------------
INJECTION = (
    "In 2019 Iran welcomed a Houthi envoy <script>alert(1)</script> and "
    "<b onmouseover=alert(2)>praised</b> their cooperation."
)


def make_hostile_folder(folder: Path) -> None:
    folder.mkdir()
    words = "Iran and the Houthis said that the talks with Saudi Arabia would go on".split()
    salad = " ".join(words[(i * 5) % len(words)] for i in range(10_000))  # every word in turn
    (folder / "long_sentence.txt").write_text(f"In 2020 {salad}.\n", encoding="utf-8")
    lede = "<p>In 2018 Iran praised the Houthis in a statement on the war in Yemen.</p>"
    deep = "<div>" * 100_000 + lede + "</div>" * 100_000
    (folder / "deep.html").write_text(f"<html><head><title>Deep</title></head><body>{deep}</body></html>")
    utf16 = "In March 2015 Saudi Arabia attacked the Houthis in Yemen, the coalition said.\n"
    (folder / "utf16.txt").write_bytes(utf16.encode("utf-16"))  # with a byte-order mark
    record = {"id": "inj", "text": INJECTION.replace("welcomed", "welcomed\u0000"), "published": "2019-05-02"}
    (folder / "feed.jsonl").write_text(json.dumps(record) + "\n", encoding="utf-8")


def test_hostile_but_readable_documents_are_stored_and_stay_inert(tmp_path: Path, capsys) -> None:
    folder = tmp_path / "hostile"
    make_hostile_folder(folder)
    db = tmp_path / "hostile.db"
    code, _, err = call(capsys, "ingest", folder, "--db", db, "--quiet")
    assert code == 0, err
    assert err.strip().splitlines()[-1] == "ingested 4, skipped 0 as duplicates, failed 0"

    with Store(str(db), readonly=True) as store:
        docs = {Path(d.source_path or "").name.split(":")[0]: d for d in store.documents()}
        events = {
            (e.source.id, e.action_text, e.target.id, e.date.start)
            for e in store.events()
            if e.source and e.target
        }
        assert set(docs) == {"long_sentence.txt", "deep.html", "utf16.txt", "feed.jsonl"}
        assert "\x00" not in docs["feed.jsonl"].text
        assert docs["feed.jsonl"].text == INJECTION
        assert len(docs["long_sentence.txt"].text.split()) == 10_002
        assert len(store.sentences(docs["long_sentence.txt"].id)) >= 1
    assert ("iran", "praised", "houthis", "2018") in events
    assert ("saudi-arabia", "attacked", "houthis", "2015-03") in events
    assert ("iran", "welcomed", "houthis", "2019") in {(s, a.split()[0], t, d) for s, a, t, d in events}

    import sqlite3

    conn = sqlite3.connect(db)
    try:
        assert conn.execute("PRAGMA integrity_check").fetchone()[0] == "ok"
    finally:
        conn.close()

    for fmt in ("html", "markdown"):
        code, out, _ = call(capsys, "dyad", "Iran", "Houthis", "--format", fmt, "--db", db)
        assert code == 0
        assert "&lt;script&gt;alert(1)" in out or "&lt;script>alert(1)" in out  # shown, as text
        assert "<script>alert" not in out and "<b onmouseover" not in out


@pytest.mark.parametrize("since", ["yesterday", "2021-13-45", "soon"])
def test_events_since_must_be_a_date(db: Path, since: str) -> None:
    result = run_cli("events", "--since", since, "--db", db)
    assert result.returncode == 2
    assert "--since" in result.stderr and repr(since) in result.stderr
    assert result.stdout == ""


def test_events_since_takes_the_same_dates_as_published(db: Path, capsys) -> None:
    code, out, _ = call(capsys, "events", "--since", "January 2021", "--format", "json", "--db", db)
    assert code == 0
    dates = sorted(e["date"]["start"] for e in json.loads(out))
    assert dates and dates[0] >= "2021-01"


def test_ingest_actors_option_applies_a_user_file_to_that_run(tmp_path: Path, capsys) -> None:
    db = tmp_path / "opt.db"
    code, _, err = call(capsys, "ingest", ARTICLE, "--actors", USER_ACTORS, "--db", db, *INGEST_ARGS)
    assert code == 0, err
    with Store(str(db), readonly=True) as store:
        tcrn = store.actor("tihama-coast-relief-network")
        assert tcrn is not None and tcrn.code == "YEMNGO" and tcrn.mentions == 1


@pytest.mark.parametrize(
    ("option", "content", "prefix"),
    [("--actors", "- id: half\n  name: [unclosed\n", "E31"), ("--lexicon", "not\ta\tlexicon\n", "E32")],
)
def test_a_malformed_user_file_on_ingest_exits_4_before_storing(
    tmp_path: Path, option: str, content: str, prefix: str
) -> None:
    bad = tmp_path / ("extra.yaml" if option == "--actors" else "extra.tsv")
    bad.write_text(content, encoding="utf-8")
    db = tmp_path / "never.db"
    result = run_cli("ingest", ARTICLE, option, bad, "--db", db, "--quiet")
    assert result.returncode == 4
    assert result.stderr.startswith(prefix) and str(bad) in result.stderr
    assert not db.exists()


def test_serve_without_a_store_exits_3(tmp_path: Path) -> None:
    missing = tmp_path / "nowhere.db"
    result = subprocess.run(
        [sys.executable, "-m", "frenemy.cli", "serve", "--db", str(missing), "--port", "0"],
        capture_output=True,
        text=True,
        timeout=30,
        check=False,
    )
    assert result.returncode == 3
    assert result.stderr.startswith(f"E201 no store at {missing}")
    assert not missing.exists()


def test_a_file_of_another_type_in_a_folder_is_named_but_fails_nothing(tmp_path: Path, capsys) -> None:
    folder = tmp_path / "in"
    folder.mkdir()
    (folder / "article.txt").write_text(ARTICLE.read_text(encoding="utf-8"), encoding="utf-8")
    (folder / "chart.png").write_bytes(b"\x89PNG\r\n\x1a\n" + bytes(64))
    code, _, err = call(capsys, "ingest", folder, "--db", tmp_path / "f.db", *INGEST_ARGS)
    assert code == 0
    assert f"W101 not read {folder / 'chart.png'}: .png is not a format frenemy reads" in err
    assert "ingested 1, skipped 0 as duplicates, failed 0, 1 warnings" in err
