"""Renderers: every format from a schema-valid report; escaping of hostile document text."""

from __future__ import annotations

import json
import re
from html.parser import HTMLParser

import pytest
from jsonschema import Draft202012Validator

from dyad_factory import AQ, IRAN, NORWAY, SAUDI, date, doc, event, iran_alqaeda_case, saudi_iran_case
from frenemy.analyze.dyad import build_dyad_report
from frenemy.errors import QueryError
from frenemy.models import Contradiction
from frenemy.report import dyad_schema, render_dyad

VALIDATOR = Draft202012Validator(dyad_schema())


def reports():
    events, claims, docs = iran_alqaeda_case()
    cx = Contradiction(
        id="cx_1",
        kind="stance",
        claims=[claims[0].id, claims[1].id],
        events=[],
        explanation="The Treasury says there is a deal; the CTC says it is no alliance.",
    )
    s_events, s_claims, s_docs = saudi_iran_case()
    return {
        "iran-aq": build_dyad_report(IRAN, AQ, events, claims, [cx], docs),
        "saudi-iran": build_dyad_report(SAUDI, IRAN, s_events, s_claims, [], s_docs),
        "empty": build_dyad_report(SAUDI, NORWAY, [], [], [], {}),
    }


REPORTS = reports()


@pytest.mark.parametrize("name", sorted(REPORTS))
@pytest.mark.parametrize("fmt", ["text", "markdown", "json", "html"])
def test_every_format_renders_a_schema_valid_report(name, fmt):
    report = REPORTS[name]
    assert not list(VALIDATOR.iter_errors(report))
    out = render_dyad(report, fmt)
    assert report["verdict"]["headline"].split(":")[0] in out
    if fmt == "json":
        back = json.loads(out)
        assert back == report
        assert not list(VALIDATOR.iter_errors(back))


def test_schema_rejects_a_broken_report():
    bad = json.loads(json.dumps(REPORTS["iran-aq"]))
    bad["verdict"]["label"] = "frenemies"
    del bad["periods"][0]["goldstein_mean"]
    assert len(list(VALIDATOR.iter_errors(bad))) == 2


def test_text_cites_title_publisher_date_and_sentence():
    out = render_dyad(REPORTS["iran-aq"], "text")
    assert '"Report d1" (Wire One, 2012-05-04), sentence' in out
    assert "More enemies than allies since December 2001" in out
    assert "H2" in out and "Combating Terrorism Center" in out
    assert "\x1b[" not in out  # plain unless colour is asked for
    assert "\x1b[" in render_dyad(REPORTS["iran-aq"], "text", color=True)


def hostile_report():
    evil = '<script>alert("x")</script> [bold red]boom[/] \x1b[2J\u202e'
    docs = {"d1": doc("d1", publisher="<b>Evil & Co</b>", title="<img src=x onerror=alert(1)>")}
    events = [
        event(SAUDI, IRAN, "173", -5.0, date("2016-01-03"), "d1", sentence=evil, action="<i>held</i>"),
        event(SAUDI, IRAN, "174", -5.0, date("2016-02-03"), "d1", sentence="Plain sentence."),
    ]
    return build_dyad_report(SAUDI, IRAN, events, [], [], docs)


class _Collect(HTMLParser):
    def __init__(self):
        super().__init__()
        self.tags: list[str] = []
        self.attrs: set[str] = set()
        self.text: list[str] = []

    def handle_starttag(self, tag, attrs):
        self.tags.append(tag)
        self.attrs.update(name for name, _ in attrs)

    def handle_data(self, data):
        self.text.append(data)


def test_html_escapes_document_text_and_is_self_contained():
    out = render_dyad(hostile_report(), "html")
    assert "<script" not in out.lower()
    assert "&lt;script&gt;alert(&quot;x&quot;)&lt;/script&gt;" in out
    assert "<img" not in out and "<b>Evil" not in out and "<i>held" not in out
    assert "\x1b" not in out and "\u202e" not in out
    parser = _Collect()
    parser.feed(out)
    assert "script" not in parser.tags and "img" not in parser.tags and "link" not in parser.tags
    assert "svg" in parser.tags and "rect" in parser.tags
    assert not parser.attrs & {"src", "href", "onerror", "onload", "style"}
    assert '<script>alert("x")</script>' in "".join(parser.text)  # shown as text


def test_markdown_and_text_neutralise_markup():
    report = hostile_report()
    md = render_dyad(report, "markdown")
    # "<" and "&" become entities, so no tag can open; ">" alone is left as written ("->")
    assert "<script" not in md and "&lt;script>" in md and "<img" not in md
    text = render_dyad(report, "text")
    assert "[bold red]boom[/]" in text  # printed literally, not interpreted by rich
    assert "\x1b" not in text and "\u202e" not in text


def test_svg_draws_cooperation_above_and_conflict_below_the_axis():
    out = render_dyad(REPORTS["saudi-iran"], "html")
    svg = out[out.index("<svg") : out.index("</svg>")]
    axis = float(re.search(r'<line x1="[\d.]+" y1="([\d.]+)"', svg).group(1))
    bars = re.findall(r'<rect x="[\d.]+" y="([\d.]+)" width="4" height="([\d.]+)" fill="(#[0-9a-f]+)"', svg)
    assert bars
    for y, h, fill in bars:
        if fill == "#1f8a4c":  # cooperation: ends on the axis
            assert float(y) + float(h) == pytest.approx(axis, abs=0.2)
        elif fill == "#c62828":  # conflict: starts on the axis
            assert float(y) == pytest.approx(axis)
    assert svg.count('fill="#cdebd6"') == 1 and svg.count('fill="#f4d0d0"') == 1  # shaded periods


def test_unknown_format_is_a_query_error():
    with pytest.raises(QueryError) as err:
        render_dyad(REPORTS["empty"], "pdf")
    assert err.value.code == "E410"


def test_empty_pair_says_there_is_nothing_to_rank():
    for fmt in ("text", "markdown", "html"):
        assert "No evidence to rate" in render_dyad(REPORTS["empty"], fmt)
    assert "No evidence to rate" not in render_dyad(REPORTS["iran-aq"], "text")


def test_timeline_counts_reports_of_the_same_event():
    docs = {f"d{i}": doc(f"d{i}", f"Publisher {i}", "2016-01-05") for i in range(3)}
    events = [
        event(SAUDI, IRAN, "161", -4.0, date("2016-01-03"), f"d{i}", action="cut ties") for i in range(3)
    ]
    text = render_dyad(build_dyad_report(SAUDI, IRAN, events, [], [], docs), "text", full=True)
    assert "[3 reports, 3 publishers]" in text
    assert text.count("also: ") == 2
