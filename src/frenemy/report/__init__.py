"""Dyad report renderers: text (rich), markdown, json, html (self-contained).

Example: ``render_dyad(dyad_report(store, "Iran", "al Qaeda"), "html")`` gives one HTML file.
"""

from __future__ import annotations

import json
from importlib import resources
from typing import Any

from frenemy.errors import QueryError

FORMATS = ("text", "markdown", "json", "html")
# --out FILE without --format: the format its extension names
EXTENSION_FORMATS = {".html": "html", ".htm": "html", ".md": "markdown", ".markdown": "markdown",
                     ".json": "json", ".txt": "text", ".text": "text"}  # fmt: skip


def format_for_path(path: str, default: str = "text") -> str:
    """The report format an output file's extension names: ``"r.html"`` -> ``"html"``; else ``default``."""
    from pathlib import Path

    return EXTENSION_FORMATS.get(Path(path).suffix.lower(), default)


COMPACT_JSON_ABOVE = 2000  # events


def render_dyad(
    report: dict[str, Any],
    fmt: str = "text",
    *,
    color: bool = False,
    full: bool = False,
    explain: bool = False,
) -> str:
    """The dyad report (analyze.dyad.build_dyad_report) as text, markdown, json or html.

    ``text`` is plain unless ``color`` asks for ANSI colours, and short (a screen or two) unless
    ``full``; ``explain`` adds how the numbers were computed. ``json`` is the report itself;
    ``markdown`` and ``html`` hold everything, the formula behind a fold. An unknown format
    raises QueryError E410.
    """
    if fmt == "text":
        from frenemy.report.text import render_text

        return render_text(report, color=color, full=full, explain=explain)
    if fmt in ("markdown", "md"):
        from frenemy.report.markdown import render_markdown

        return render_markdown(report)
    if fmt == "json":
        # Indented for people; compact for big reports, where indentation doubles the size.
        big = len(report.get("events", ())) > COMPACT_JSON_ABOVE
        return json.dumps(report, ensure_ascii=False, indent=None if big else 2)
    if fmt == "html":
        from frenemy.report.html import render_html

        return render_html(report)
    raise QueryError(f"unknown report format {fmt!r}: choose one of {', '.join(FORMATS)}", code="E410")


def dyad_schema() -> dict[str, Any]:
    """The JSON Schema (draft 2020-12) of the dyad report, from report/dyad.schema.json."""
    text = resources.files("frenemy.report").joinpath("dyad.schema.json").read_text("utf-8")
    result: dict[str, Any] = json.loads(text)
    return result
