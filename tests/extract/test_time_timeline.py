"""build_timeline over real parses (the pinned model): which date each event head gets."""

from __future__ import annotations

from pathlib import Path

import pytest

from frenemy.extract.time import DocTimeline, build_timeline
from frenemy.models import DateInfo, Document
from frenemy.nlp.context import DocContext

pytestmark = pytest.mark.model

STORY = Path(__file__).parent.parent / "data" / "time" / "northland.txt"


def timeline(nlp, text: str, published: str | None = "2012-05-04") -> tuple[DocTimeline, object]:
    doc = nlp(text)
    ctx = DocContext(document=Document(id="t", text=text, published=published), doc=doc, registry=None)  # type: ignore[arg-type]
    return build_timeline(ctx), doc


def at(doc, word: str, nth: int = 0) -> int:
    hits = [t.i for t in doc if t.text == word]
    assert len(hits) > nth, f"{word!r} not in the test text"
    return hits[nth]


def shape(info: DateInfo) -> tuple[str | None, str | None, str, str]:
    return (info.start, info.end, info.precision, info.basis)


@pytest.fixture(scope="module")
def story(nlp):
    return timeline(nlp, STORY.read_text(encoding="utf-8"))


@pytest.mark.parametrize(
    ("word", "nth", "expected"),
    [
        ("collapsed", 0, ("2011-05", "2011-05", "month", "relative-to-publication")),  # a year ago
        ("released", 0, ("2012-05-03", "2012-05-03", "day", "relative-to-publication")),  # Thursday
        ("crossed", 0, ("2001-09-11", None, "day", "relative-to-event")),  # after 9-11
        ("jailing", 0, ("2001-09-11", None, "day", "relative-to-event")),  # its militants crossed after 9-11
        ("sanctioned", 0, ("2011-07-28", "2011-07-28", "day", "relative-to-publication")),  # last July 28
        ("cooperated", 0, ("1990", "1999", "decade", "explicit")),  # in the 1990s
        ("crossed", 1, ("2000-10", "2001-02", "month", "explicit")),  # between October 2000 and February 2001
        ("turned", 0, ("2001-09-11", None, "day", "relative-to-event")),  # after the attacks
        ("jailed", 0, ("2001-09-11", None, "day", "relative-to-event")),  # conjoined with "turned"
        ("proposed", 0, ("2003", "2003", "year", "explicit")),  # In 2003
        ("exchange", 0, ("2003", "2003", "year", "explicit")),  # governed by "proposed"
        ("freed", 0, ("2009-06", "2009-06", "month", "explicit")),  # a June 2009 letter says that...
        ("escaped", 0, ("2010-03", "2010-03", "month", "explicit")),  # In March 2010
        ("allowed", 0, ("2010-03", "2010-03", "month", "explicit")),  # conjoined
        ("abducted", 0, ("2008-12", "2008-12", "month", "relative-to-event")),  # 15 months earlier
    ],
)
def test_event_heads_get_their_dates(story, word: str, nth: int, expected: tuple) -> None:
    tl, doc = story
    assert shape(tl.date_for(at(doc, word, nth))) == expected


def test_context_carries_within_a_paragraph(story) -> None:
    tl, doc = story
    secured = tl.date_for(at(doc, "secured"))
    assert shape(secured) == ("2010-03", "2010-03", "month", "context")
    assert secured.text == "In March 2010"
    assert shape(tl.date_for(at(doc, "deported"))) == ("2001-09-11", None, "day", "context")


def test_context_stops_at_a_paragraph_break(story) -> None:
    tl, doc = story
    # "Instead, Northland kept the families." opens a paragraph after the June 2009 one
    assert shape(tl.date_for(at(doc, "kept"))) == (None, None, "unknown", "none")
    assert shape(tl.date_for(at(doc, "fought"))) == (None, None, "unknown", "none")


def test_present_tense_falls_back_to_publication(story) -> None:
    tl, doc = story
    assert shape(tl.date_for(at(doc, "denies"))) == ("2012-05-04", "2012-05-04", "day", "publication")


def test_a_reporting_verb_does_not_take_the_date_of_what_it_reports(story) -> None:
    tl, doc = story
    assert tl.date_for(at(doc, "said")).basis == "none"


def test_a_commission_named_after_an_event_is_not_a_date(story) -> None:
    tl, doc = story
    assert all("Commission" not in (ex.date.text or "") for ex in tl.expressions)
    # its sentence keeps the paragraph's context instead
    assert shape(tl.date_for(at(doc, "traded"))) == ("1990", "1999", "decade", "context")


def test_sentence_dates(story) -> None:
    tl, doc = story
    sents = list(doc.sents)
    idx = next(i for i, s in enumerate(sents) if "In return" in s.text)
    assert shape(tl.sentence_date(idx)) == ("2010-03", "2010-03", "month", "context")
    idx = next(i for i, s in enumerate(sents) if s.text.startswith("In 2003"))
    assert tl.sentence_date(idx).start == "2003"
    assert tl.sentence_date(10_000) == DateInfo()


def test_out_of_range_tokens_give_no_date(story) -> None:
    tl, _ = story
    assert tl.date_for(-1) == DateInfo()
    assert tl.date_for(10_000) == DateInfo()


def test_a_nested_clause_date_belongs_to_its_own_verb(nlp) -> None:
    tl, doc = timeline(nlp, "The envoy praised the deal, which had been signed in 1998.")
    assert tl.date_for(at(doc, "signed")).start == "1998"
    assert tl.date_for(at(doc, "praised")).start is None


def test_undated_documents_still_resolve_explicit_dates(nlp) -> None:
    tl, doc = timeline(
        nlp, "The rebels attacked the base in May 2004.\n\nThe army left a year ago.", published=None
    )
    assert tl.date_for(at(doc, "attacked")).start == "2004-05"
    assert tl.date_for(at(doc, "left")).basis == "none"


def test_the_model_misses_are_found_by_patterns(nlp) -> None:
    text = "Ties between the two sides froze after the 2003 invasion of Iraq. They thawed a year after the invasion."
    tl, doc = timeline(nlp, text)
    assert shape(tl.date_for(at(doc, "froze"))) == ("2003-03-20", None, "day", "relative-to-event")
    assert shape(tl.date_for(at(doc, "thawed"))) == ("2004-03", "2004-03", "month", "relative-to-event")


def test_a_day_after_a_clause_dates_that_clause_backwards(nlp) -> None:
    text = "The kingdom recalled its ambassador on 5 March 2014, a day after gunmen burned the consulate."
    tl, doc = timeline(nlp, text)
    assert shape(tl.date_for(at(doc, "recalled"))) == ("2014-03-05", "2014-03-05", "day", "explicit")
    assert shape(tl.date_for(at(doc, "burned"))) == ("2014-03-04", "2014-03-04", "day", "relative-to-event")


def test_the_timeline_is_cheap_per_head(story) -> None:
    tl, doc = story
    for tok in doc:
        tl.date_for(tok.i)
    # every answer is memoised: a second pass returns the very same objects
    assert all(tl.date_for(t.i) is tl.date_for(t.i) for t in doc)


def test_a_present_perfect_duration_starts_that_long_before_publication(nlp) -> None:
    tl, doc = timeline(nlp, "The two movements have cooperated for nearly ten years.")
    assert shape(tl.date_for(at(doc, "cooperated"))) == ("2002-05", None, "month", "relative-to-publication")
    tl, doc = timeline(nlp, "The two movements fought for three years.")
    assert tl.expressions == []


def test_a_future_clause_reads_a_bare_weekday_or_month_forward(nlp) -> None:
    tl, doc = timeline(nlp, "The two delegations will meet on Tuesday. The envoys met on Tuesday.")
    assert tl.date_for(at(doc, "meet")).start == "2012-05-08"
    assert tl.date_for(at(doc, "met")).start == "2012-05-01"
    tl, doc = timeline(nlp, "The council will vote in July.")
    assert tl.date_for(at(doc, "vote")).start == "2012-07"


# --- a narrative date carried across paragraphs ------------------------------------------------

SAGA = (
    "In 1998, the river guild seized the mills of Eastbank.\n\n"
    "Then the guild kept trying to make the town council pay a ransom.\n\n"
    "The council refused. The mayor claimed that the guild had burned a barn.\n\n"
    "The guild denies the story.\n\n"
    "The council paid a fine."
)


@pytest.fixture(scope="module")
def saga(nlp):
    return timeline(nlp, SAGA)


def test_a_past_tense_event_takes_the_date_of_the_paragraph_before(saga) -> None:
    tl, doc = saga
    assert shape(tl.date_for(at(doc, "kept"))) == ("1998", "1998", "year", "context")
    # the infinitive under "kept trying" takes the tense of "kept"
    assert tl.date_for(at(doc, "make")).start == "1998"


def test_the_narrative_date_runs_over_several_paragraphs(saga) -> None:
    tl, doc = saga
    assert shape(tl.date_for(at(doc, "refused"))) == ("1998", "1998", "year", "context")
    sents = list(doc.sents)
    idx = next(i for i, s in enumerate(sents) if s.text.startswith("The council refused"))
    assert tl.sentence_date(idx).start == "1998"


def test_reported_content_does_not_take_a_carried_date(saga) -> None:
    tl, doc = saga
    assert tl.date_for(at(doc, "burned")).basis == "none"


def test_a_present_tense_statement_keeps_the_publication_date_and_ends_the_narrative(saga) -> None:
    tl, doc = saga
    assert tl.date_for(at(doc, "denies")).basis == "publication"
    assert shape(tl.date_for(at(doc, "paid"))) == (None, None, "unknown", "none")


def test_a_dated_present_tense_statement_carries_nothing_to_the_next_paragraph(nlp) -> None:
    tl, doc = timeline(nlp, "A 2007 memo says the envoys met twice.\n\nThe envoys quarrelled.")
    assert tl.date_for(at(doc, "quarrelled")).basis == "none"


def test_an_unplaced_date_phrase_stops_the_narrative(nlp) -> None:
    text = "The rebels took the port in 2004.\n\nThe navy left a week ago.\n\nThe rebels sold the ships."
    tl, doc = timeline(nlp, text, published=None)
    assert tl.date_for(at(doc, "left")).basis == "none"
    assert tl.date_for(at(doc, "sold")).basis == "none"


def test_a_duration_does_not_stop_the_narrative(nlp) -> None:
    text = "In 1998, the guild seized the mills.\n\nThe guild held the mills for months.\n\nThe guild sold the mills."
    for published in ("2012-05-04", None):
        tl, doc = timeline(nlp, text, published=published)
        assert tl.date_for(at(doc, "held")).start == "1998"
        assert tl.date_for(at(doc, "sold")).start == "1998"
