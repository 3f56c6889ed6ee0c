"""Unit tests for the chart geometry and the text markup helpers (no server)."""

from __future__ import annotations

import pytest

from frenemy.models import Document, Event, Mention, Sentence
from frenemy.web.charts import build_network, build_timeline, event_time, undirected_edges, year_fraction
from frenemy.web.render import mark_snippet, plain_snippet, sentence_views
from frenemy.web.security import host_name, is_plain_id, safe_http_url


@pytest.mark.parametrize(
    ("date", "at_end", "expected"),
    [
        ("2010", False, 2010.0),
        ("2010", True, 2011.0),
        ("2010-04", False, 2010.25),
        ("2010-04", True, 2010 + 4 / 12),
    ],
)
def test_year_fraction(date, at_end, expected):
    assert year_fraction(date, at_end=at_end) == pytest.approx(expected)


def test_event_time_is_the_middle_of_the_range_and_none_when_undated():
    assert event_time({"start": "2001", "end": "2001"}) == pytest.approx(2001.5)
    assert event_time({"start": "2001-10", "end": "2001-12"}) == pytest.approx(2001 + 10.5 / 12)
    assert event_time({"start": None}) is None
    assert event_time({"start": "sometime"}) is None


def _ev(i: int, date: str | None, goldstein: float) -> dict:
    return {
        "id": f"ev{i}",
        "doc_id": "d1",
        "sentence_index": i,
        "goldstein": goldstein,
        "date": {"start": date},
    }


def test_timeline_places_points_by_date_and_score():
    events = [_ev(0, "2002", -5.0), _ev(1, "2011", 7.0), _ev(2, None, 1.0)]
    chart = build_timeline(events, [{"start": "2002", "end": "2008", "label": "hostile", "events": 1}])
    assert len(chart.points) == 2 and chart.undated == 1
    early, late = chart.points
    assert early.x < late.x
    assert late.y < chart.zero_y < early.y  # cooperation is drawn above the zero line
    assert early.href == "/document/d1#s0"
    band = chart.bands[0]
    assert band.label == "hostile" and band.x <= early.x <= band.x + band.width < late.x
    assert all(chart.left <= p.x <= chart.right and chart.top <= p.y <= chart.bottom for p in chart.points)


def test_timeline_fans_out_identical_points():
    chart = build_timeline([_ev(i, "2002", -5.0) for i in range(4)], [])
    assert len({p.x for p in chart.points}) == 4


def test_network_merges_directions_and_is_deterministic():
    edges = [
        {
            "source": "iran",
            "target": "al-qaeda",
            "events": 3,
            "goldstein_mean": -5.0,
            "cooperative": 0,
            "hostile": 3,
        },
        {
            "source": "al-qaeda",
            "target": "iran",
            "events": 1,
            "goldstein_mean": -9.0,
            "cooperative": 0,
            "hostile": 1,
        },
        {
            "source": "iran",
            "target": "syria",
            "events": 2,
            "goldstein_mean": 6.0,
            "cooperative": 2,
            "hostile": 0,
        },
    ]
    merged = undirected_edges(edges)
    assert [(e["source"], e["target"], e["events"]) for e in merged] == [
        ("al-qaeda", "iran", 4),
        ("iran", "syria", 2),
    ]
    assert merged[0]["goldstein_mean"] == pytest.approx(-6.0)
    first = build_network(edges, {"iran": "Iran"})
    again = build_network(edges, {"iran": "Iran"})
    assert [(n.id, n.x, n.y) for n in first.nodes] == [(n.id, n.x, n.y) for n in again.nodes]
    assert {e.polarity for e in first.edges} == {"hostile", "cooperative"}
    assert first.nodes[0].id == "iran" and first.nodes[0].name == "Iran"
    assert build_network(edges, {}, max_nodes=2).hidden_nodes == 1


def test_mark_snippet_escapes_before_marking():
    assert str(mark_snippet("a \x02<b>\x03 <i>")) == "a <mark>&lt;b&gt;</mark> &lt;i&gt;"
    assert str(mark_snippet("unclosed \x02word")) == "unclosed <mark>word</mark>"
    assert plain_snippet("say \x02hello\x03 and \x02bye\x03") == ("say hello and bye", [[4, 9], [14, 17]])


def test_sentence_views_split_text_into_highlights():
    text = "Iran detained al-Qaeda men. Later <b>nothing</b> happened."
    doc = Document(id="d1", text=text)
    sentences = [Sentence("d1", 0, 0, 27, text[:27]), Sentence("d1", 1, 28, len(text), text[28:])]
    mentions = [
        Mention("d1", 0, 0, 4, "Iran", "iran"),
        Mention("d1", 0, 14, 22, "al-Qaeda", "al-qaeda"),
        Mention("d1", 0, 15, 20, "Qaeda", "al-qaeda"),  # overlaps the one before: dropped
    ]
    event = Event(
        "ev1", "d1", 0, text[:27], 0, 27, None, None, "detained", "173", "17", 4, -5.0,
        polarity="hostile", action_start=5, action_end=13,
    )  # fmt: skip
    views = sentence_views(doc, sentences, mentions, [event], [])
    first = views[0]
    assert [(s.kind, s.text) for s in first.segments] == [
        ("mention", "Iran"), ("", " "), ("action", "detained"), ("", " "), ("mention", "al-Qaeda"), ("", " men."),
    ]  # fmt: skip
    assert "".join(s.text for s in first.segments) == sentences[0].text
    assert first.classes == "sentence has-event"
    assert [(s.kind, s.text) for s in views[1].segments] == [("", "Later <b>nothing</b> happened.")]


def test_ids_urls_and_hosts():
    assert (
        is_plain_id("d018185f7f8ec1597") and is_plain_id("al-qaeda") and is_plain_id("united-states-treasury")
    )
    for bad in ("../etc/passwd", "..", "a/b", "", "%2e%2e", "x\ny", "abc\n"):
        assert not is_plain_id(bad)
    assert safe_http_url("https://example.org/a") == "https://example.org/a"
    assert safe_http_url("javascript:alert(1)") is None and safe_http_url("data:text/html,x") is None
    assert host_name("127.0.0.1:8000") == "127.0.0.1" and host_name("[::1]:8000") == "::1"
    assert host_name("LocalHost") == "localhost"


def test_timeline_marks_merged_duplicates():
    dup = dict(_ev(1, "2003", -5.0), counted=False)
    chart = build_timeline([_ev(0, "2003", -5.0), dup], [])
    assert [p.counted for p in chart.points] == [True, False]
    assert chart.points[1].title.endswith("(duplicate report, not counted)")
