"""English or not: the function-word heuristic on paragraphs written for these tests."""

from __future__ import annotations

from pathlib import Path

import pytest

from frenemy.ingest import guess_language

DATA = Path(__file__).parent.parent / "data" / "ingest"


def test_english_news_paragraph_is_english() -> None:
    assert guess_language((DATA / "lang_en.txt").read_text("utf-8")) == "en"


@pytest.mark.parametrize("name", ["lang_fr.txt", "lang_de.txt", "lang_ru.txt"])
def test_other_languages_are_undetermined(name: str) -> None:
    assert guess_language((DATA / name).read_text("utf-8")) == "und"


@pytest.mark.parametrize(
    "sentence",
    [
        "Iran and al-Qaeda are more enemies than allies, the report says.",
        "Obama met Netanyahu in Washington.",
        "Iran denied the claim.",
    ],
)
def test_short_english_is_english(sentence: str) -> None:
    assert guess_language(sentence) == "en"


def test_short_french_and_empty_text_are_undetermined() -> None:
    assert guess_language("Le président est arrivé avec une délégation.") == "und"
    assert guess_language("1234 5678 !!!") == "und"
    assert guess_language("") == "und"


def test_only_the_start_of_a_long_text_is_read() -> None:
    english = (DATA / "lang_en.txt").read_text("utf-8")
    french = (DATA / "lang_fr.txt").read_text("utf-8")
    assert guess_language(english * 20 + french * 200) == "en"


def test_dense_wire_copy_with_few_function_words_is_english():
    # About 13% function words: below the old 18% floor that flagged such copy as foreign.
    wire = (
        "Saudi Arabia, Iran agree to restore diplomatic ties after seven-year rupture. Embassies to "
        "reopen within two months. Chinese-brokered talks in Beijing end with joint statement signed "
        "by national security officials. Oil prices steady; Gulf markets rise. Yemen truce talks "
        "continue. Houthi delegation visits Riyadh. Prisoner exchange completed Sunday. Foreign "
        "ministers to meet, pledge respect for sovereignty and non-interference."
    )
    assert guess_language(wire) == "en"
