"""eval.score_real scores real sentences alone and with the other sentences of their source text."""

from __future__ import annotations

import pytest

pytestmark = pytest.mark.model

ITEMS = [
    {
        "id": "c1",
        "doc": "talks",
        "text": "Iran and Saudi Arabia held talks in Baghdad.",
        "published": "2023-03-10",
    },
    {
        "id": "c2",
        "doc": "talks",
        "text": "The two sides agreed to restore diplomatic relations.",
        "published": "2023-03-10",
    },
    {
        "id": "c3",
        "doc": "other",
        "text": "The two sides agreed to restore diplomatic relations.",
        "published": "2023-03-10",
    },
]


def _pairs(events):
    return {(e.source.id, e.target.id) for e in events if e.source and e.target}


def test_context_gives_each_event_to_its_own_sentence_and_keeps_documents_apart():
    from eval.score_events import _analyser, _document
    from eval.score_real import in_context

    analyse, _ = _analyser()
    found = in_context(analyse, ITEMS)
    assert len(found) == 3
    # "the two sides" points back to the pair of the sentence before, within one source text only
    assert {"iran", "saudi-arabia"} <= {a for pair in _pairs(found[1]) for a in pair}
    assert all(e.char_start >= len(ITEMS[0]["text"]) for e in found[1])
    assert found[2] == []
    # alone, the sentence has no pair to point back to
    assert analyse(_document(ITEMS[1])) == []


def test_context_reads_the_source_texts_publisher(tmp_path):
    import json

    from eval.score_events import _analyser
    from eval.score_real import in_context

    (tmp_path / "statement.txt.meta.json").write_text(json.dumps({"publisher": "US Department of State"}))
    item = {
        "id": "s1",
        "doc": "statement",
        "text": "We welcome the agreement between Kosovo and Serbia.",
        "published": "2022-11-23",
    }
    analyse, _ = _analyser()
    with_meta = in_context(analyse, [item], tmp_path)[0]
    without = in_context(analyse, [dict(item, doc="unknown")], tmp_path)[0]
    assert ("united-states", "kosovo") in _pairs(with_meta)
    assert all(e.source is None or e.source.id != "united-states" for e in without)
