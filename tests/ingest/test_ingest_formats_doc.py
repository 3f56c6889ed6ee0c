"""docs/formats.md documents every extension and every E1xx code that ingestion uses."""

from __future__ import annotations

from pathlib import Path

from frenemy.ingest import READERS
from frenemy.ingest.codes import ALL_CODES

FORMATS_DOC = Path(__file__).parents[2] / "docs" / "formats.md"


def test_every_input_error_code_is_in_the_table() -> None:
    text = FORMATS_DOC.read_text("utf-8")
    missing = [code for code in ALL_CODES if f"| {code} |" not in text]
    assert not missing


def test_every_extension_is_documented() -> None:
    text = FORMATS_DOC.read_text("utf-8")
    missing = [extension for extension in READERS if f"`{extension}`" not in text]
    assert not missing
