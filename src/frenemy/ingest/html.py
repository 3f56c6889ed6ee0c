"""HTML pages: the main text and title/date/author/site/url metadata, via trafilatura.

When trafilatura finds no main text (very short pages, or pages its lxml parser refuses, such as
markup nested thousands of levels deep), a plain streaming tag stripper built on the standard
library's HTMLParser gives the page's visible text instead: it keeps no tree, so depth costs
nothing.
"""

from __future__ import annotations

import logging
import re
from html.parser import HTMLParser
from typing import Any, BinaryIO

from frenemy.errors import InputError, SkippedInput
from frenemy.ingest import codes
from frenemy.ingest.decoding import SUPPORTED, binary_reason, split_bom
from frenemy.ingest.document import make_document
from frenemy.ingest.txt import read_bounded
from frenemy.models import Document

# trafilatura logs each page it cannot use; frenemy reports the outcome itself.
logging.getLogger("trafilatura").setLevel(logging.CRITICAL)
logging.getLogger("htmldate").setLevel(logging.CRITICAL)

_CHARSET = re.compile(rb"""<meta[^>]{0,200}?charset\s*=\s*["']?\s*([A-Za-z0-9_.:-]{1,40})""", re.IGNORECASE)
# Structure bounds checked before any HTML parser runs: trafilatura's time grows with the square
# of one element's attribute count (a million attributes would take hours).
MAX_ATTRIBUTES = 1_000  # on one element; real pages use a few dozen at most
MAX_ELEMENTS = 1_000_000  # start tags in one page
_START_TAG = re.compile(r"<[A-Za-z][^<>]*")
_ATTRIBUTE = re.compile(r"""[^\s=/>"']+(?:\s*=\s*(?:"[^"]*"|'[^']*'|[^\s>]*))?""")
_LONG_TAG = 2 * MAX_ATTRIBUTES  # characters: a tag shorter than this cannot hold too many attributes
# frenemy's own HTML reports: the generator tag frenemy writes, or the report's own stylesheet mark.
_OWN_REPORT = re.compile(
    r"""<meta\s[^>]{0,200}?name\s*=\s*["']?generator["']?[^>]{0,200}?content\s*=\s*["']?frenemy""",
    re.IGNORECASE,
)
# Reports written before the generator tag: their <title> ends with this (frenemy.report.html).
_OWN_REPORT_TITLE = re.compile(r"<title>[^<]{0,500}: frenemy dyad report</title>", re.IGNORECASE)
# Elements whose text is not part of the visible page.
_HIDDEN = frozenset({"script", "style", "noscript", "template", "head", "svg", "iframe", "object"})
# Elements that start a new line of text.
_BLOCKS = frozenset(
    "address article aside blockquote br dd div dl dt figcaption figure footer h1 h2 h3 h4 h5 h6 "
    "header hr li main nav ol p pre section table td th tr ul".split()
)


def read_html(stream: BinaryIO, source: str, max_bytes: int) -> Document:
    """An HTML file as one Document: main text, and metadata the page declares."""
    return html_document(decode_html(read_bounded(stream, source, max_bytes), source), source)


def decode_html(data: bytes, source: str) -> str:
    """The markup as text: a byte-order mark, else UTF-8, else the charset the page declares."""
    codec, _, body = split_bom(data)
    if codec is None:
        reason = binary_reason(data)
        if reason:
            raise InputError(source, f"{reason}; frenemy reads {SUPPORTED}", code=codes.BINARY)
    for candidate in (codec or "utf-8", _declared_charset(data)):
        if candidate:
            try:
                return body.decode(candidate)
            except (UnicodeDecodeError, LookupError):
                continue
    # Undeclared legacy encodings: Windows-1252 maps every byte, which keeps the words readable.
    return body.decode("cp1252", errors="replace")


def _declared_charset(data: bytes) -> str | None:
    match = _CHARSET.search(data[:4096])
    return match.group(1).decode("ascii") if match else None


def check_structure(markup: str, source: str) -> None:
    """Refuse (InputError E113) markup with an element of more than MAX_ATTRIBUTES attributes or
    more than MAX_ELEMENTS start tags; linear time, before any parser sees the page."""
    elements = 0
    for tag in _START_TAG.finditer(markup):
        elements += 1
        if elements > MAX_ELEMENTS:
            raise InputError(
                source,
                f"HTML too complex to read safely: more than {MAX_ELEMENTS:,} elements",
                code=codes.TOO_COMPLEX,
            )
        if tag.end() - tag.start() > _LONG_TAG:
            count = sum(1 for _ in _ATTRIBUTE.finditer(tag.group(), 1)) - 1  # minus the tag name
            if count > MAX_ATTRIBUTES:
                raise InputError(
                    source,
                    f"HTML too complex to read safely: one element has {count:,} attributes "
                    f"(at most {MAX_ATTRIBUTES:,})",
                    code=codes.TOO_COMPLEX,
                )


def is_own_report(markup: str) -> bool:
    """True for an HTML report written by frenemy: ``<meta name="generator" content="frenemy...">``
    in its head, or the title frenemy's dyad reports carry ("...: frenemy dyad report")."""
    head = markup[:65_536]
    return bool(_OWN_REPORT.search(head) or _OWN_REPORT_TITLE.search(head))


def html_document(markup: str, source: str, *, format: str = "html") -> Document:
    """A Document from HTML markup; raises InputError E102 when the page has no text, E113 when
    its structure is beyond a safe bound, and SkippedInput W102 for frenemy's own reports."""
    if is_own_report(markup):
        raise SkippedInput(
            source,
            "this is a report frenemy wrote (generator meta tag), not a news document",
            code=codes.OWN_REPORT,
        )
    check_structure(markup, source)
    found = _extract_with_trafilatura(markup)
    text = found.get("text") or ""
    title = found.get("title")
    if not text.strip():
        stripped = VisibleText.of(markup)
        text, title = stripped.text(), title or stripped.title()
    if not text.strip():
        raise InputError(source, "no text: the HTML page has no readable text", code=codes.EMPTY)
    return make_document(
        text,
        source=source,
        format=format,
        title=title,
        publisher=found.get("sitename"),
        published=found.get("date"),
        author=found.get("author"),
        url=found.get("url"),
    )


def _extract_with_trafilatura(markup: str) -> dict[str, Any]:
    """trafilatura's main text and metadata, or an empty dict when it finds nothing."""
    import trafilatura
    from trafilatura.settings import set_date_params

    try:
        result = trafilatura.bare_extraction(
            markup,
            with_metadata=True,
            include_comments=False,
            include_tables=True,
            deduplicate=False,
            # Dates from markup and URL only: a date in the running text is usually an event's.
            date_extraction_params=set_date_params(extensive=False),
        )
    except Exception:  # any failure on hostile markup: the plain stripper still gets the text
        return {}
    if result is None:
        return {}
    if isinstance(result, dict):
        return result
    return {key: getattr(result, key, None) for key in ("text", "title", "author", "date", "sitename", "url")}


class VisibleText(HTMLParser):
    """The visible text and <title> of HTML markup, in one pass and without building a tree."""

    def __init__(self) -> None:
        super().__init__(convert_charrefs=True)
        self._parts: list[str] = []
        self._title: list[str] = []
        self._hidden_depth = 0
        self._in_title = False

    @classmethod
    def of(cls, markup: str) -> VisibleText:
        parser = cls()
        parser.feed(markup)
        parser.close()
        return parser

    def handle_starttag(self, tag: str, attrs: list[tuple[str, str | None]]) -> None:
        if tag == "title":
            self._in_title = True
        elif tag in _HIDDEN:
            self._hidden_depth += 1
        elif tag in _BLOCKS:
            self._parts.append("\n")

    def handle_startendtag(self, tag: str, attrs: list[tuple[str, str | None]]) -> None:
        if tag in _BLOCKS:
            self._parts.append("\n")

    def handle_endtag(self, tag: str) -> None:
        if tag == "title":
            self._in_title = False
        elif tag in _HIDDEN:
            self._hidden_depth = max(0, self._hidden_depth - 1)
        elif tag in _BLOCKS:
            self._parts.append("\n")

    def handle_data(self, data: str) -> None:
        if self._in_title:
            self._title.append(data)
        elif not self._hidden_depth:
            self._parts.append(data)

    def text(self) -> str:
        """The visible text, one line per block element."""
        return "".join(self._parts)

    def title(self) -> str | None:
        return " ".join("".join(self._title).split()) or None
