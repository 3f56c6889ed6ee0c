"""Normalised text and document ids: same words, same id, whatever the spacing and line endings."""

from __future__ import annotations

import unicodedata

from frenemy.ingest import document_id, make_document, normalise_text


def test_normalise_text_unifies_line_endings_and_trailing_space() -> None:
    assert normalise_text("one  \r\ntwo\t\rthree\u2028four") == "one\ntwo\nthree\nfour"


def test_normalise_text_collapses_runs_of_blank_lines_but_keeps_one() -> None:
    assert normalise_text("first\n\n\n\n\nsecond\n\nthird") == "first\n\nsecond\n\nthird"
    assert normalise_text("first\n \t \n\n  \nsecond") == "first\n\nsecond"


def test_normalise_text_keeps_case_and_inner_spacing() -> None:
    assert normalise_text("  Iran  and   AL-QAEDA  ") == "Iran  and   AL-QAEDA"


def test_normalise_text_composes_accents() -> None:
    decomposed = unicodedata.normalize("NFD", "Qaïda café")
    assert decomposed != "Qaïda café"
    assert normalise_text(decomposed) == "Qaïda café"


def test_normalise_text_drops_control_characters() -> None:
    assert normalise_text("war\x07ning\x0cpage two") == "warning\npage two"


def test_document_id_shape_and_stability() -> None:
    first = document_id("Iran and Iraq signed an accord.")
    assert first == document_id("Iran and Iraq signed an accord.")
    assert first.startswith("d") and len(first) == 17
    int(first[1:], 16)
    assert first != document_id("Iran and Iraq signed an accord!")


def test_same_text_with_different_whitespace_gets_the_same_id() -> None:
    unix = "Tehran denied the report.\n\nRiyadh said nothing.\n"
    windows = "Tehran denied the report.   \r\n\r\n\r\n\r\nRiyadh said nothing.\r\n\r\n"
    old_mac = "\n\nTehran denied the report.\r\rRiyadh said nothing.  "
    ids = {make_document(text, source="x", format="txt").id for text in (unix, windows, old_mac)}
    assert len(ids) == 1


def test_stored_text_is_the_normalised_text() -> None:
    doc = make_document("Line one.  \r\nLine two.", source="x.txt", format="txt")
    assert doc.text == "Line one.\nLine two."
    assert doc.id == document_id(doc.text)


def test_invisible_and_direction_override_characters_are_dropped():
    from frenemy.ingest.identity import normalise_text

    assert normalise_text("Iran\u200b welcomed\u202e the envoy\u2066.") == "Iran welcomed the envoy."
    assert normalise_text("\ufeffIran") == "Iran"
