"""Long documents are analysed piece by piece: one piece's Doc in memory, offsets kept right."""

from __future__ import annotations

from typing import Any

import pytest

import frenemy.pipeline as pipeline_module
from frenemy.ingest import make_document
from frenemy.pipeline import Pipeline

PARAGRAPHS = [
    "Iran detained al-Qaeda members in 2002. The Saudi foreign minister met his Iranian counterpart.",
    "In 2016 Saudi Arabia cut diplomatic ties with Iran after protesters stormed its embassy.",
    "The United States accused Iran of sheltering al-Qaeda leaders, Treasury officials said.",
    "China and Russia signed an energy agreement in Moscow on Tuesday.",
]


@pytest.fixture(scope="module")
def pipeline() -> Pipeline:
    return Pipeline()


def long_document(copies: int) -> Any:
    text = "\n\n".join(f"{p} (part {i})" for i in range(copies) for p in PARAGRAPHS)
    return make_document(text, source="long.txt", format="txt", published="2023-03-10")


def test_pieces_are_parsed_and_released_one_at_a_time(pipeline: Pipeline, monkeypatch: Any) -> None:
    monkeypatch.setattr(pipeline_module, "PARSE_CHUNK_CHARS", 3_000)
    document = long_document(60)
    yielded: list[int] = []
    seen_at_call: list[int] = []
    real_pipe = pipeline.nlp.pipe
    real_analyse = pipeline_module.analyse_parsed

    def counting_pipe(texts: Any, **kwargs: Any) -> Any:
        for doc in real_pipe(texts, **kwargs):
            yielded.append(1)
            yield doc

    def counting_analyse(*args: Any, **kwargs: Any) -> Any:
        seen_at_call.append(len(yielded))
        return real_analyse(*args, **kwargs)

    monkeypatch.setattr(pipeline.nlp, "pipe", counting_pipe)
    monkeypatch.setattr(pipeline_module, "analyse_parsed", counting_analyse)
    result = pipeline.analyse(document)
    pieces = len(pipeline_module._chunk_text(document.text))
    assert pieces > 5
    # records are extracted from each piece before the next one is parsed
    assert seen_at_call == list(range(1, pieces + 1))
    assert result.events


def test_piecewise_offsets_point_into_the_whole_text(pipeline: Pipeline, monkeypatch: Any) -> None:
    document = long_document(30)
    whole = pipeline.analyse(document, pipeline.nlp(document.text))
    monkeypatch.setattr(pipeline_module, "PARSE_CHUNK_CHARS", 2_500)
    pieced = pipeline.analyse(document)
    text = document.text
    assert [s.index for s in pieced.sentences] == list(range(len(pieced.sentences)))
    for sentence in pieced.sentences:
        assert text[sentence.start : sentence.end] == sentence.text
    for mention in pieced.mentions:
        assert text[mention.char_start : mention.char_end] == mention.text
        assert pieced.sentences[mention.sentence_index].start <= mention.char_start
    for record in [*pieced.events, *pieced.claims]:
        assert text[record.char_start : record.char_end] == record.sentence
        assert pieced.sentences[record.sentence_index].text == record.sentence
    for event in pieced.events:
        if event.action_start is not None:
            assert event.action_text.split()[0].lower() in text[event.action_start : event.action_end].lower()
    # the same sentences and the same coded events as one whole-document pass
    assert [(s.start, s.end) for s in pieced.sentences] == [(s.start, s.end) for s in whole.sentences]

    def key(e: Any) -> tuple[Any, ...]:
        return (e.char_start, e.cameo, e.source and e.source.id, e.target and e.target.id)

    assert sorted(map(key, pieced.events)) == sorted(map(key, whole.events))
    assert len({e.id for e in pieced.events}) == len(pieced.events)
    assert len({c.id for c in pieced.claims}) == len(pieced.claims)
