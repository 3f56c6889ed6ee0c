"""Change-point periods: date precision, segmentation, labels, merging."""

from __future__ import annotations

from datetime import date

from dyad_factory import IRAN, SAUDI, saudi_iran_case
from frenemy.analyze.dyad import build_dyad_report
from frenemy.analyze.periods import (
    Point,
    date_interval,
    find_periods,
    format_date_plain,
    label_for,
    midpoint,
)
from frenemy.models import DateInfo
from frenemy.report import render_dyad


def pt(i: int, when: str, value: float, weight: float = 1.0, end: str | None = None) -> Point:
    iv = date_interval(DateInfo(start=when, end=end))
    assert iv is not None
    return Point(f"ev_{i}", when, end or when, midpoint(iv), value, weight)


def test_date_interval_respects_precision():
    assert date_interval(DateInfo(start="1990", end="1999", precision="decade")) == (
        date(1990, 1, 1),
        date(1999, 12, 31),
    )
    assert date_interval(DateInfo(start="2016-02")) == (date(2016, 2, 1), date(2016, 2, 29))
    assert date_interval(DateInfo(start="2016-01-03")) == (date(2016, 1, 3), date(2016, 1, 3))
    assert date_interval(DateInfo()) is None
    assert date_interval(DateInfo(start="sometime")) is None


def test_decade_event_sits_at_its_midpoint():
    iv = date_interval(DateInfo(start="1990", end="1999", precision="decade"))
    assert iv is not None and midpoint(iv) in (date(1994, 12, 31), date(1995, 1, 1))


def test_single_regime_gives_one_period():
    points = [pt(i, f"{2000 + i}", -5.0 + (i % 2)) for i in range(8)]
    periods = find_periods(points)
    assert len(periods) == 1
    p = periods[0]
    assert (p["start"], p["end"], p["label"], p["events"]) == ("2000", "2007", "hostile", 8)
    assert p["goldstein_mean"] == -4.5


def test_clear_change_is_found_at_the_right_place():
    coop = [pt(i, f"{1990 + i}", 6.0) for i in range(4)]
    hostile = [pt(10 + i, f"{2001 + i}-0{i + 1}", -6.0) for i in range(5)]
    periods = find_periods(coop + hostile)
    assert [p["label"] for p in periods] == ["cooperative", "hostile"]
    assert periods[0]["end"] == "1993" and periods[1]["start"] == "2001-01"
    assert periods[1]["events"] == 5 and periods[1]["hostile"] == 5


def test_one_outlier_does_not_make_a_period():
    points = [pt(i, f"{2000 + i}", -5.0) for i in range(6)] + [pt(99, "2007", 7.0)]
    periods = find_periods(points)
    assert len(periods) == 1 and periods[0]["label"] == "hostile"


def test_adjacent_segments_with_the_same_label_merge():
    points = [pt(i, f"{2000 + i}", -2.0) for i in range(5)] + [
        pt(10 + i, f"{2010 + i}", -9.5) for i in range(5)
    ]
    periods = find_periods(points)
    assert len(periods) == 1 and periods[0]["label"] == "hostile" and periods[0]["events"] == 10


def test_zero_weight_and_empty_input_give_no_periods():
    assert find_periods([]) == []
    assert find_periods([pt(1, "2000", 5.0, weight=0.0)]) == []


def test_labels_and_plain_dates():
    assert label_for(1.0) == "cooperative" and label_for(-1.0) == "hostile" and label_for(0.2) == "mixed"
    assert format_date_plain("2023-03") == "March 2023"
    assert format_date_plain("2016-01-03") == "3 January 2016"
    assert format_date_plain("2001") == "2001"


def test_saudi_iran_hostile_from_2016_cooperative_from_march_2023():
    events, claims, docs = saudi_iran_case()
    report = build_dyad_report(SAUDI, IRAN, events, claims, [], docs)
    periods = report["periods"]
    assert [p["label"] for p in periods] == ["hostile", "cooperative"]
    assert periods[0]["start"].startswith("2016-01")
    assert periods[1]["start"] == "2023-03-10"
    v = report["verdict"]
    assert v["headline"] == "Hostile from January 2016, cooperative since March 2023"
    assert v["current"] == "cooperative" and v["label"] == "cooperative"  # as it stands now


def test_many_events_stay_fast():
    import time

    points = [
        pt(i, f"{1980 + i % 40}-{1 + i % 12:02d}", (-6.0 if i % 40 < 20 else 5.0)) for i in range(20000)
    ]
    t0 = time.perf_counter()
    periods = find_periods(points)
    assert time.perf_counter() - t0 < 2.0
    assert [p["label"] for p in periods] == ["hostile", "cooperative"]


def test_events_dated_only_by_publication_count_in_periods_at_that_date():
    from dyad_factory import AQ, doc, event
    from frenemy.models import DateInfo as DI

    docs = {"d1": doc("d1", published="2012-02-20")}
    timed = [
        event(IRAN, AQ, "173", -5.0, DI(f"{2002 + i}", f"{2002 + i}", "year", "explicit"), "d1")
        for i in range(4)
    ]
    published = [
        event(IRAN, AQ, "057", 8.0, DI("2012-02-20", "2012-02-20", "day", "publication"), "d1")
        for _ in range(2)
    ]
    published[1].sentence = "A different sentence about a deal."
    report = build_dyad_report(IRAN, AQ, timed + published, [], [], docs)
    assert [p["label"] for p in report["periods"]] == ["hostile", "cooperative"]
    assert report["periods"][0]["events"] == 4
    assert report["periods"][1]["events"] == 1 and report["periods"][1]["start"] == "2012-02-20"
    assert report["verdict"]["figures"]["publication_dated_events"] == 1  # the two records merged
    # one strong event is a clear turn: it sets the label, flagged as resting on one event
    v = report["verdict"]
    assert v["label"] == "cooperative" and v["figures"]["turn"] == "thin"
    assert any("single event" in w for w in v["warnings"])
    assert "(published)" in render_dyad(report, "text")


def test_years_without_evidence_separate_eras_even_when_sparse():
    # One 1990s event of cooperation, then a hostile run from 2001: too little evidence for the
    # penalty to split, but six silent years break the record into two eras.
    points = [
        pt(1, "1990", 3.5, end="1999"),
        pt(2, "2001-09", -5.0, 0.7),
        pt(3, "2001-10", -4.0),
        pt(4, "2009-06", 3.5, 0.5),
    ]
    periods = find_periods(points)
    assert [p["label"] for p in periods] == ["cooperative", "hostile"]
    assert periods[1]["start"] == "2001-09"
    assert periods[1]["events"] == 3  # the lone hedged 2009 report joins its era, not one of its own


def test_a_short_gap_does_not_split_one_regime():
    points = [pt(1, "2016-01", -6.0), pt(2, "2017-05", -5.0), pt(3, "2019-09", -7.0)]
    assert [p["label"] for p in find_periods(points)] == ["hostile"]
