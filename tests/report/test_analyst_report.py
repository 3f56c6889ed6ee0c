"""Issue 13: reports an analyst can read and trust (renderers, CLI options, demo, chart axis)."""

from __future__ import annotations

import argparse
import re
from pathlib import Path

from dyad_factory import AQ, IRAN, SAUDI, date, doc, event, iran_alqaeda_case
from frenemy.analyze.dyad import build_dyad_report
from frenemy.cli import build_parser, main
from frenemy.models import Contradiction, DateInfo
from frenemy.report import format_for_path, render_dyad
from frenemy.report.common import clip, quoted

ROOT = Path(__file__).resolve().parents[2]


def _iran_aq(contradictions=()):
    events, claims, docs = iran_alqaeda_case()
    return build_dyad_report(IRAN, AQ, events, claims, list(contradictions), docs)


def test_clip_cuts_at_a_word_boundary_with_an_ellipsis():
    text = "Iran detained hundreds of suspected al-Qaeda members and deported them"
    out = clip(text, 30)
    assert out == "Iran detained hundreds of…"
    assert len(out) <= 30 and text.startswith(out[:-1])
    assert clip("short", 30) == "short"


def test_quoted_text_never_doubles_its_closing_quote():
    assert quoted("“We are not allies.”") == "“We are not allies.”"
    assert quoted('"We are not allies."') == "“We are not allies.”"
    assert quoted("He said: no.”") == "“He said: no.”"
    html = render_dyad(_iran_aq(), "html")
    assert "””" not in html and "”&quot;" not in html


def test_text_report_leads_with_plain_words_and_keeps_the_formula_for_explain():
    report = _iran_aq()
    text = render_dyad(report, "text")
    lines = text.splitlines()
    assert lines[1] == report["verdict"]["headline"]
    assert lines[2] == report["verdict"]["summary"]["answer"]
    assert "How sure:" in text and "Why:" in text and "What would change it:" in text
    assert "x diversity" not in text and "--explain" in text
    explained = render_dyad(report, "text", explain=True)
    assert "Confidence" in explained and "x diversity" in explained
    assert explained.index("What would change it:") < explained.index("x diversity")


def test_text_ach_rows_are_labelled_by_date_and_act_not_ids():
    from frenemy.report.common import Citations

    report = _iran_aq()
    full = render_dyad(report, "text", full=True)
    table = full[full.index("ratings (heaviest evidence first)") :]
    assert not re.search(r"\bev_[0-9a-f]{16}\b", table) and "kidnapped" in table
    cites = Citations(report)
    kidnap = next(e["id"] for e in report["events"] if e["action_text"] == "kidnapped")
    assert cites.label_item(kidnap) == "2008-11 al-Qaeda -> Iran: kidnapped"
    treasury = next(
        c["id"] for c in report["claims"] if c["claimant"] and c["claimant"]["name"] == "US Treasury"
    )
    assert cites.label_item(treasury).startswith("claim by US Treasury (cooperative): “a secret deal”")
    md = render_dyad(report, "markdown")
    assert "| 2008-11 al-Qaeda -> Iran: kidnapped |" in md


def test_default_text_is_short_and_full_lists_everything():
    docs = {f"d{i}": doc(f"d{i}", f"Publisher {i % 3}") for i in range(30)}
    events = [
        event(IRAN, AQ, "173", -5.0, date(f"{1990 + i}"), f"d{i}", action=f"held{i}") for i in range(30)
    ]
    report = build_dyad_report(IRAN, AQ, events, [], [], docs)
    short = render_dyad(report, "text")
    full = render_dyad(report, "text", full=True)
    assert len(short.splitlines()) < 120 < len(full.splitlines())
    assert "Key events (8 of 30" in short
    assert all(f"held{i}" in full for i in range(30))


def test_documents_are_named_by_title_not_hash_in_contradictions():
    events, claims, docs = iran_alqaeda_case()
    cx = Contradiction(
        id="cx_d", kind="date", claims=[], events=[events[3].id, events[4].id],
        explanation=f"Document {'d1'.ljust(12, '0')} dates it to 2001; document {'d2'.ljust(12, '0')} to 2002.",
    )  # fmt: skip
    docs = {k.ljust(12, "0"): v for k, v in docs.items()}
    for d in docs.values():
        d.id = d.id.ljust(12, "0")
    for e in events:
        e.doc_id = e.doc_id.ljust(12, "0")
    for c in claims:
        c.doc_id = c.doc_id.ljust(12, "0")
    report = build_dyad_report(IRAN, AQ, events, claims, [cx], docs)
    for fmt in ("text", "markdown", "html"):
        out = render_dyad(report, fmt)
        section = out[out.index("Contradictions") :]
        cut = section.find("Documents", 20)
        assert "d10000000000" not in section[: cut if cut > 0 else None]
        assert "Report d1" in section and "Wire One" in section


def test_markdown_keeps_arrows_and_folds_the_formula():
    md = render_dyad(_iran_aq(), "markdown")
    assert "Iran -> al-Qaeda" in md and "-&gt;" not in md
    assert md.index("**How sure:**") < md.index("<details>") < md.index("x diversity")


def test_html_folds_the_formula_and_labels_years_under_their_year():
    html = render_dyad(_iran_aq(), "html")
    assert html.index('class="answer"') < html.index("<details")
    assert re.search(
        r"<details[^>]*><summary>How the numbers are computed</summary><p>[^<]*x diversity", html
    )
    ticks = {
        int(m.group(2)): float(m.group(1))
        for m in re.finditer(r'<text class="year" x="([\d.]+)"[^>]*>(\d{4})<', html)
    }
    bars = [
        (float(m.group(1)) + 2, m.group(2))
        for m in re.finditer(r'<rect x="([\d.]+)" y="[\d.]+" width="4"[^>]*><title>(\d{4})', html)
    ]
    assert bars
    for x, year in bars:  # the nearest year label is the bar's own year
        assert min(ticks, key=lambda y: abs(ticks[y] - x)) == int(year)


def test_web_timeline_year_labels_sit_under_their_year():
    from frenemy.web.charts import build_timeline

    report = build_dyad_report(
        SAUDI, IRAN,
        [event(SAUDI, IRAN, "057", 8.0, date(d), "d1") for d in ("2017-12-20", "2018-01-10", "2016-06-01")],
        [], [], {"d1": doc("d1")},
    )  # fmt: skip
    chart = build_timeline(report["events"], report["periods"])
    labels = {int(t.label): t.label_x for t in chart.x_ticks}
    for p in chart.points:
        nearest = min(labels, key=lambda y: abs((labels[y] or 0) - p.x))
        assert nearest == int(p.date[:4]), (p.date, labels)


def test_format_is_inferred_from_the_out_extension():
    assert format_for_path("r.html") == "html" and format_for_path("r.MD") == "markdown"
    assert format_for_path("r.json") == "json" and format_for_path("r.txt") == "text"
    assert format_for_path("report") == "text"


def test_every_option_of_every_command_has_help():
    parser = build_parser()
    sub = next(a for a in parser._actions if isinstance(a, argparse._SubParsersAction))
    missing = [
        f"{name} {a.dest}"
        for name, p in sub.choices.items()
        for a in p._actions
        if not isinstance(a, argparse._HelpAction) and not a.help
    ]
    assert missing == []


def test_make_demo_says_where_its_store_is_and_how_to_query_it():
    makefile = (ROOT / "Makefile").read_text()
    demo = makefile[makefile.index("\ndemo:") : makefile.index("\n\n", makefile.index("\ndemo:"))]
    assert 'echo "store: $(FRENEMY_DB)"' in demo
    assert "frenemy actors --db $(FRENEMY_DB)" in demo


def test_no_store_error_names_the_stores_in_this_folder(tmp_path, monkeypatch, capsys):
    monkeypatch.chdir(tmp_path)
    (tmp_path / "demo.db").write_bytes(b"")
    assert main(["actors", "--db", "frenemy.db"]) == 3
    err = capsys.readouterr().err
    assert "E201" in err and "--db demo.db" in err


def test_hypothetical_event_is_flagged_and_weighs_little_in_the_text(tmp_path):
    docs = {"d1": doc("d1")}
    may = event(AQ, IRAN, "180", -9.0, DateInfo(), "d1", action="attacking", modality="hypothetical")
    report = build_dyad_report(
        IRAN, AQ, [may, event(IRAN, AQ, "173", -5.0, date("2002"), "d1")], [], [], docs
    )
    text = render_dyad(report, "text", full=True)
    assert "[hypothetical]" in text
    assert next(r for r in report["events"] if r["id"] == may.id)["weight"] == 0.1


def test_cli_tables_cut_sentences_at_a_word_boundary():
    from frenemy.cli import _cut

    sentence = (
        "Saudi Arabia cut diplomatic ties with Iran on 3 January 2016, a day after protesters stormed " * 3
    )
    out = _cut(sentence, 140)
    assert out.endswith("…") and len(out) <= 140
    assert sentence.startswith(out[:-1]) and sentence[len(out) - 1] == " "
