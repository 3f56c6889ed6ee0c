"""``frenemy code`` on random and adversarial text never crashes and keeps its promises.

Property: for any line of input, ``code_lines`` yields exactly one record with the keys of the
contract, and every event and claim points at a real sentence span of the (normalised) text.
"""

from __future__ import annotations

import json

import pytest
from hypothesis import HealthCheck, given, settings
from hypothesis import strategies as st

ADVERSARIAL = [
    "",
    " ",
    "\x00\x01\x02",
    "\ufeffIran\u200b condemned\u00a0al-Qaeda.",
    "Iran " * 2000,
    "said said said according to according to " * 50,
    '"""""""',
    "<script>alert(1)</script> Iran attacked Iraq.",
    "Iran attacked Iraq on 31 February 2002 and on 99/99/9999.",
    "\u202eqaeda-la deirtas narI",
    "🇮🇷 condemned 🇺🇸 💣💥",
    "ISIS ISIL Daesh al-Qa'ida al Qaeda AQ AQAP AQIM",
    "He said that she said that they said that Iran said that al-Qaeda is an enemy.",
    "Iran\nand\n\n\n\nal-Qaeda\r\nare\u2028rivals\u2029.",
    "(((((((((((Iran)))))))))))",
    "Not a sentence" + ", and" * 3000,
    "Der Iran und al-Qaida sind Feinde, sagte der Minister.",
    "١٢٣ إيران والقاعدة",
]

news_words = st.sampled_from(
    ["Iran", "al-Qaeda", "Saudi", "Arabia", "the", "United", "States", "condemned", "praised", "attacked",
     "said", "according", "to", "not", "never", "in", "2001", "May", "'", '"', ",", ".", "?", "\n", "allies",
     "enemies", "relationship", "is", "hostile", "met", "with", "officials"]
)  # fmt: skip
texts = st.one_of(
    st.sampled_from(ADVERSARIAL),
    st.text(max_size=400),
    st.lists(news_words, max_size=80).map(" ".join),
)


@pytest.fixture(scope="module")
def pipeline():
    from frenemy.pipeline import Pipeline

    return Pipeline()


def _check(record: dict, text: str) -> None:
    from frenemy.ingest.identity import normalise_text

    assert set(record) >= {"id", "events", "claims", "error"}
    if record["error"] is not None:
        assert isinstance(record["error"], str) and record["events"] == []
        return
    stored = normalise_text(text)
    for item in [*record["events"], *record["claims"]]:
        assert 0 <= item["char_start"] <= item["char_end"] <= len(stored)
        assert stored[item["char_start"] : item["char_end"]] == item["sentence"]
    for event in record["events"]:
        assert event["cameo"].startswith(event["cameo_root"])
        assert -10.0 <= event["goldstein"] <= 10.0


@pytest.mark.model
@settings(max_examples=30, deadline=None, suppress_health_check=[HealthCheck.function_scoped_fixture])
@given(text=texts)
def test_code_lines_never_crashes_on_any_text(pipeline, text):
    from frenemy.pipeline import code_lines

    line = json.dumps({"id": "x1", "text": text, "date": "2012-05-04"})
    records = list(code_lines([line], pipeline))
    if not text.strip():
        assert records == [] or records[0]["error"] is not None
        return
    assert len(records) == 1
    _check(records[0], text)


@pytest.mark.model
def test_code_lines_on_every_adversarial_sample_in_one_batch(pipeline):
    from frenemy.pipeline import code_lines

    lines = [json.dumps({"id": str(i), "text": t}) for i, t in enumerate(ADVERSARIAL)]
    lines.insert(3, "{not json")
    records = list(code_lines(lines, pipeline))
    assert any(r["error"] and "not JSON" in r["error"] for r in records)
    by_id = {r["id"]: r for r in records if r["id"] is not None}
    for i, text in enumerate(ADVERSARIAL):
        if text.strip("\x00\x01\x02 "):
            assert str(i) in by_id, f"sample {i} got no record"
            _check(by_id[str(i)], text)
