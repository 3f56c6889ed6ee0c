"""Dates on news-style text: datelines, captions without a full stop, and a date phrase that
belongs to another clause of the sentence than the event's own.

Datelines are read from plain text (``find_dateline``); the rest go through ``build_timeline`` on
real parses (the pinned model).
"""

from __future__ import annotations

import pytest

from frenemy.extract.datelines import Dateline, find_dateline
from frenemy.extract.time import build_timeline
from frenemy.models import Document
from frenemy.nlp.context import DocContext


@pytest.mark.parametrize(
    ("text", "place", "date_text", "agency"),
    [
        ("DOHA, June 5 (Reuters) - Saudi Arabia cut ties with Qatar.", "DOHA", "June 5", "Reuters"),
        ("ISTANBUL - Turkish President Recep Tayyip Erdogan is standing by Putin.", "ISTANBUL", None, None),
        ("NEW YORK (AP) — Diplomats said on Monday that ...", "NEW YORK", None, "AP"),
        ("RIYADH, Saudi Arabia, Jan 4 (Reuters) - The kingdom said ...", "RIYADH", "Jan 4", "Reuters"),
        # after a headline
        (
            "Qatar crisis deepens\n\nWASHINGTON, Jan. 3, 2016 -- The United States said ...",
            "WASHINGTON",
            "Jan. 3, 2016",
            None,
        ),
    ],
)
def test_dateline_found(text, place, date_text, agency):
    line = find_dateline(text)
    assert isinstance(line, Dateline)
    assert (line.place, line.date_text, line.agency) == (place, date_text, agency)
    assert text[line.end - 2 : line.end].strip() in {"-", "—", "--", ":", ""}


@pytest.mark.parametrize(
    "text",
    [
        "NATO: allies meet in Brussels",  # a headline with a colon
        "US - Iran talks resume",  # too short to tell from an acronym
        "Iran and al-Qaeda: more enemies than allies",
        "Saudi Arabia cut ties with Qatar on June 5.",
    ],
)
def test_no_dateline(text):
    assert find_dateline(text) is None


def timeline(nlp, text: str, published: str | None):
    doc = nlp(text)
    ctx = DocContext(document=Document(id="t", text=text, published=published), doc=doc, registry=None)  # type: ignore[arg-type]
    return build_timeline(ctx), doc


def at(doc, word: str) -> int:
    hits = [t.i for t in doc if t.text == word]
    assert hits, f"{word!r} not in the test text"
    return hits[0]


@pytest.mark.model
def test_dateline_date_dates_an_undated_story(nlp):
    tl, doc = timeline(
        nlp,
        "DOHA, June 5, 2017 (Reuters) - Saudi Arabia cut ties with Qatar.\n\nQatar denies supporting militants.",
        None,
    )
    d = tl.date_for(at(doc, "denies"))
    assert (d.start, d.basis) == ("2017-06-05", "publication")
    assert tl.date_for(at(doc, "cut")).start == "2017-06-05"


@pytest.mark.model
def test_dateline_date_is_the_reference_for_weekdays(nlp):
    # published five days after the story was filed: "Tuesday" is the one before June 5, 2017 (a Monday)
    text = "DOHA, June 5 (Reuters) - Saudi Arabia cut ties with Qatar.\n\nQatar condemned the decision on Tuesday."
    tl, doc = timeline(nlp, text, "2017-06-10")
    assert tl.date_for(at(doc, "cut")).start == "2017-06-05"
    assert tl.date_for(at(doc, "condemned")).start == "2017-05-30"


@pytest.mark.model
def test_dateline_after_publication_is_ignored(nlp):
    text = "DOHA, June 5, 2018 (Reuters) - Saudi Arabia cut ties with Qatar.\n\nQatar denies supporting militants."
    tl, doc = timeline(nlp, text, "2017-06-10")
    assert tl.date_for(at(doc, "denies")).start == "2017-06-10"


@pytest.mark.model
@pytest.mark.parametrize(
    ("text", "word", "start"),
    [
        # a caption with no full stop: the model does not see "yesterday"
        (
            "Saudi Foreign Minister Adel al-Jubeir meets Qatari officials in Riyadh yesterday\n\nSaudi Arabia and Qatar restored ties.",
            "meets",
            "2021-01-05",
        ),
        ("Erdogan meets Putin in Moscow on Thursday\n\nThe talks went on.", "meets", "2020-12-31"),
    ],
)
def test_caption_dates(nlp, text, word, start):
    tl, doc = timeline(nlp, text, "2021-01-06")
    assert tl.date_for(at(doc, word)).start == start


@pytest.mark.model
def test_capitalised_weekday_only(nlp):
    # "the Sun" is a newspaper, and "sunday" in lower case is no weekday here either
    tl, doc = timeline(nlp, "The Sun reported that Iran detained the sailors.", "2021-01-06")
    assert tl.expressions == []


@pytest.mark.model
@pytest.mark.parametrize(
    ("text", "dates"),
    [
        # the visit is Sunday; "last month" belongs to the coup
        (
            "Ethiopian Prime Minister Abiy Ahmed visited Asmara on Sunday, a month after the coup attempt in Addis Ababa last month.",
            {"visited": "2018-07-08"},
        ),
        (
            "A month after the failed coup last month, Abiy Ahmed visited Asmara on Sunday.",
            {"visited": "2018-07-08"},
        ),
        (
            "Abiy Ahmed, who survived a grenade attack last month, visited Asmara on Sunday.",
            {"visited": "2018-07-08", "survived": "2018-06"},
        ),
        # the date of the clause before is not the event's
        (
            "Last month Ethiopia and Eritrea signed a peace deal. Abiy Ahmed visited Asmara on Sunday.",
            {"signed": "2018-06", "visited": "2018-07-08"},
        ),
    ],
)
def test_event_takes_its_own_clause_date(nlp, text, dates):
    tl, doc = timeline(nlp, text, "2018-07-10")
    for word, start in dates.items():
        assert tl.date_for(at(doc, word)).start == start, word
