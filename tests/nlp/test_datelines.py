"""Datelines and abbreviations: where news sentences start (real pinned model)."""

from __future__ import annotations

import pytest

from frenemy.models import Document
from frenemy.nlp.datelines import dateline_spans

pytestmark = pytest.mark.model


def _sentences(nlp, text: str) -> list[str]:
    return [s.text.strip() for s in nlp(text).sents]


@pytest.mark.parametrize(
    ("text", "dateline"),
    [
        ("ISTANBUL: Turkey has signed a deal with Russia.", "ISTANBUL:"),
        ("JERUSALEM: Israel accused Iran of plotting attacks.", "JERUSALEM:"),
        ("DOHA (Reuters) - Qatar's emir met the Saudi crown prince.", "DOHA (Reuters) -"),
        (
            "ABU DHABI, Jan 5 (Reuters) - The United Arab Emirates restored ties with Qatar.",
            "ABU DHABI, Jan 5 (Reuters) -",
        ),
        ("Doha, Qatar (AP) — Qatar criticised Saudi Arabia.", "Doha, Qatar (AP) —"),
        ("ADDIS ABABA — Ethiopia and Eritrea reopened their border.", "ADDIS ABABA —"),
        ("Some intro line.\nANKARA: Turkey summoned the Russian envoy.", "ANKARA:"),
        ("LONDON/DUBAI (Reuters) - Iran seized a British tanker.", "LONDON/DUBAI (Reuters) -"),
        (
            "KHARTOUM, Sudan, April 15 (Reuters) -- Fighting broke out in the capital.",
            "KHARTOUM, Sudan, April 15 (Reuters) --",
        ),
        ("UNITED NATIONS (AP) — Russia vetoed the resolution.", "UNITED NATIONS (AP) —"),
    ],
)
def test_dateline_is_found_and_is_not_a_sentence(nlp, text: str, dateline: str) -> None:
    doc = nlp(text)
    spans = dateline_spans(doc)
    assert len(spans) == 1
    start, end = spans[0]
    assert doc[start:end].text.strip() == dateline
    # the dateline and its sentence are one sentence; the dateline hangs under the sentence root
    sentence = doc[end].sent
    assert sentence.start <= start
    assert all(t.head.i >= end or start <= t.head.i < end for t in doc[start:end])
    assert sentence.root.i >= end


@pytest.mark.parametrize(
    "text",
    [
        "Iran - Saudi ties improved in 2023.",
        "Update: the talks resumed on Monday.",
        "Turkey has signed a deal with Russia.",
        "Iran: a country at a crossroads",
        "NATO: Russia is the biggest threat to the alliance.",
        "HAMAS - Israel must withdraw first.",
    ],
)
def test_ordinary_openings_are_not_datelines(nlp, text: str) -> None:
    assert dateline_spans(nlp(text)) == []


def test_dateline_sentence_is_parsed_like_the_sentence_without_it(nlp) -> None:
    bare = nlp("Turkey has signed a deal with Russia to buy more air defence systems.")
    dated = nlp("ISTANBUL: Turkey has signed a deal with Russia to buy more air defence systems.")
    offset = 2
    assert [(t.text, t.dep_, t.head.i) for t in bare] == [
        (t.text, t.dep_, t.head.i - offset) for t in dated[offset:]
    ]


@pytest.mark.parametrize(
    "text",
    [
        "A senior official told Amb. John Smith that the talks had failed.",
        "Gen. David Petraeus met Sen. John McCain and Rep. Jane Harman in Washington.",
        "Lt. Col. Ahmed and Maj. Gen. Qasim visited Gov. Brown with Dr. Ali and Mrs. Khan.",
        "Brig. Gen. Saad, Capt. Omar, Sgt. Ali and Adm. Nasser met at St. Petersburg.",
        "Officials of the U.S. and the U.N. met on No. 10 Downing Street.",
    ],
)
def test_abbreviations_do_not_split_sentences(nlp, text: str) -> None:
    assert _sentences(nlp, text) == [text]


def test_an_abbreviation_may_still_end_a_sentence(nlp) -> None:
    sents = _sentences(nlp, "Iran criticised the U.S. The Americans denied it.")
    assert sents == ["Iran criticised the U.S.", "The Americans denied it."]


def test_dateline_places_are_not_actors_and_the_event_is_found() -> None:
    from frenemy.pipeline import Pipeline

    pipeline = Pipeline()
    for text in (
        "ISTANBUL: Turkey has signed a deal with Russia to buy air defence systems.",
        "DOHA (Reuters) - Turkey has signed a deal with Russia to buy air defence systems.",
    ):
        result = pipeline.analyse(Document(id="d", text=text))
        assert len(result.sentences) == 1
        assert [m.actor_id for m in result.mentions] == ["turkey", "russia"]
        assert [(e.source.id, e.target.id) for e in result.events if e.source and e.target] == [
            ("turkey", "russia")
        ]
