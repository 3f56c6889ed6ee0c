"""Properties of date resolution that must hold for any publication date and count."""

from __future__ import annotations

from datetime import date, timedelta

from hypothesis import given, settings
from hypothesis import strategies as st

from frenemy.extract.dates import add_months, parse_iso, resolve_expression, truncate
from frenemy.models import DateInfo

DAYS = ["monday", "tuesday", "wednesday", "thursday", "friday", "saturday", "sunday"]
WORDS = ["two", "three", "four", "five", "six", "seven", "eight", "nine", "ten", "eleven", "twelve"]
pub_dates = st.dates(min_value=date(1900, 1, 1), max_value=date(2100, 12, 31))
counts = st.integers(min_value=1, max_value=400)


def _month_before(d: date, n: int) -> str:
    return truncate(add_months(d.replace(day=1), -n), "month")


@given(pub_dates, counts)
def test_n_months_ago_is_n_months_before_publication(pub: date, n: int) -> None:
    info = resolve_expression(f"{n} months ago", publication=pub, anchor=None)
    assert info is not None
    assert info.start == info.end == _month_before(pub, n)
    assert (info.precision, info.basis) == ("month", "relative-to-publication")


@given(pub_dates, st.integers(min_value=2, max_value=12))
def test_number_words_match_digits(pub: date, n: int) -> None:
    word = WORDS[n - 2]
    assert resolve_expression(f"{word} years ago", publication=pub, anchor=None) == DateInfo(
        start=_month_before(pub, 12 * n),
        end=_month_before(pub, 12 * n),
        precision="month",
        basis="relative-to-publication",
        text=f"{word} years ago",
    )


@given(pub_dates, st.integers(min_value=0, max_value=6))
def test_last_weekday_is_within_the_week_before(pub: date, wd: int) -> None:
    info = resolve_expression(f"last {DAYS[wd].capitalize()}", publication=pub, anchor=None)
    assert info is not None and info.start is not None
    d = date.fromisoformat(info.start)
    assert d.weekday() == wd
    assert pub - timedelta(days=7) <= d < pub


@given(pub_dates, st.integers(min_value=0, max_value=6))
def test_bare_weekday_is_on_or_before_publication(pub: date, wd: int) -> None:
    info = resolve_expression(DAYS[wd], publication=pub, anchor=None)
    assert info is not None and info.start is not None
    d = date.fromisoformat(info.start)
    assert d.weekday() == wd
    assert pub - timedelta(days=6) <= d <= pub


@given(pub_dates, st.integers(min_value=1, max_value=12), st.integers(min_value=1, max_value=28))
def test_last_month_day_is_the_latest_before_publication(pub: date, month: int, day: int) -> None:
    info = resolve_expression(f"last {month}/{day}", publication=pub, anchor=None)  # not a form we read
    assert info is None
    names = [
        "January",
        "February",
        "March",
        "April",
        "May",
        "June",
        "July",
        "August",
        "September",
        "October",
        "November",
        "December",
    ]
    info = resolve_expression(f"last {names[month - 1]} {day}", publication=pub, anchor=None)
    assert info is not None and info.start is not None
    d = date.fromisoformat(info.start)
    assert (d.month, d.day) == (month, day)
    assert pub - timedelta(days=366) <= d < pub


@given(
    st.dates(min_value=date(1000, 1, 1), max_value=date(2199, 12, 31)),
    counts,
    st.sampled_from(["earlier", "later"]),
)
def test_months_from_an_anchor(anchor_day: date, n: int, word: str) -> None:
    anchor = DateInfo(
        start=truncate(anchor_day, "month"), end=truncate(anchor_day, "month"), precision="month"
    )
    info = resolve_expression(f"{n} months {word}", publication=None, anchor=anchor)
    expected = truncate(add_months(anchor_day.replace(day=1), n if word == "later" else -n), "month")
    assert info is not None
    assert info.start == info.end == expected
    assert info.basis == "relative-to-event"


phrases = st.sampled_from(
    [
        "between {m} {y} and {m2} {y2}",
        "from {y} to {y2}",
        "since {y}",
        "in {m} {y}",
        "{n} months earlier",
        "{n} years ago",
        "the {d}0s",
        "the late {d}0s",
        "early {y}",
        "last {wd}",
        "{wd}",
        "{n} days later",
        "before {m} {y}",
        "after {y}",
        "the following year",
        "mid-{y}",
        "{y}-{y2}",
        "yesterday",
        "last week",
    ]
)


@settings(max_examples=300)
@given(
    phrases,
    st.integers(1000, 2169),
    st.integers(1, 30),  # ranges run forward; a backward one gives None
    st.sampled_from(["January", "March", "June", "October", "December"]),
    st.sampled_from(["February", "May", "July", "November"]),
    st.integers(1, 60),
    st.integers(100, 219),
    st.sampled_from(DAYS),
    pub_dates,
)
def test_start_never_after_end(
    phrase: str, y: int, dy: int, m: str, m2: str, n: int, dec: int, wd: str, pub: date
) -> None:
    text = phrase.format(y=y, y2=y + dy, m=m, m2=m2, n=n, d=dec, wd=wd)
    anchor = DateInfo(start="2005-06-15", end="2005-06-15", precision="day")
    info = resolve_expression(text, publication=pub, anchor=anchor)
    assert info is not None, text
    if info.start is not None and info.end is not None:
        assert info.start[:4] <= info.end[:4]
        assert info.start <= info.end
    for value in (info.start, info.end):
        if value is not None:
            assert len(value) == {"day": 10, "month": 7}.get(info.precision, 4)


@given(
    st.dates(min_value=date(1, 1, 1), max_value=date(9999, 12, 31)), st.sampled_from(["day", "month", "year"])
)
def test_truncation_round_trips(d: date, precision: str) -> None:
    text = truncate(d, precision)
    span = parse_iso(text)
    if d.year < 1000:
        return  # four-digit years only
    assert span is not None and span.precision == precision
    assert span.start is not None and truncate(span.start, precision) == text
    assert span.end is not None and truncate(span.end, precision) == text
    assert span.start <= d <= span.end


@settings(max_examples=500)
@given(st.text(max_size=80), pub_dates)
def test_resolver_never_raises(text: str, pub: date) -> None:
    anchor = DateInfo(start="2001-09-11", end=None, precision="day")
    info = resolve_expression(text, publication=pub, anchor=anchor, recent={"attacks": anchor})
    assert info is None or isinstance(info, DateInfo)


@settings(max_examples=200)
@given(
    st.lists(
        st.sampled_from(
            [
                "in",
                "after",
                "the",
                "9/11",
                "2003",
                "March",
                "ago",
                "99999",
                "years",
                "last",
                "between",
                "and",
                "1990s",
                "-",
                "/",
                "early",
                "a",
                "earlier",
                "Thursday",
                "0",
                "'",
                "of",
            ]
        ),
        max_size=7,
    ),
    pub_dates,
)
def test_resolver_never_raises_on_date_like_words(words: list[str], pub: date) -> None:
    info = resolve_expression(
        " ".join(words), publication=pub, anchor=DateInfo(start="0999", precision="year")
    )
    assert info is None or (info.start is None or info.end is None or info.start <= info.end)
