"""E-mail messages (.eml): Subject, From, Date and the text body (plain preferred, else HTML)."""

from __future__ import annotations

from email import policy
from email.message import EmailMessage
from email.parser import BytesParser
from typing import BinaryIO

from frenemy.errors import InputError
from frenemy.ingest import codes
from frenemy.ingest.decoding import SUPPORTED, binary_reason
from frenemy.ingest.document import make_document
from frenemy.ingest.html import html_document
from frenemy.ingest.txt import read_bounded
from frenemy.models import Document


def read_eml(stream: BinaryIO, source: str, max_bytes: int) -> Document:
    """An e-mail as one Document: Subject -> title, From -> author, Date -> published.

    The text/plain body is preferred; an HTML-only message goes through the HTML reader. Raises
    InputError E103 for binary content, E104 when no message can be parsed, E102 with no text body.
    """
    data = read_bounded(stream, source, max_bytes)
    reason = binary_reason(data)
    if reason:
        raise InputError(source, f"{reason}; frenemy reads {SUPPORTED}", code=codes.BINARY)
    message = BytesParser(policy=policy.default).parsebytes(data)
    if not isinstance(message, EmailMessage) or not message.keys():
        raise InputError(source, "not a readable e-mail message (no headers found)", code=codes.CORRUPT)
    subject, sender, date = _header(message, "Subject"), _sender(message), _header(message, "Date")
    plain = message.get_body(preferencelist=("plain",))
    if plain is not None and isinstance(plain, EmailMessage):
        body = _content(plain)
        if body.strip():
            return make_document(
                body, source=source, format="eml", title=subject, author=sender, published=date
            )
    html = message.get_body(preferencelist=("html",))
    if html is not None and isinstance(html, EmailMessage):
        page = html_document(_content(html), source, format="eml")
        page.title = subject or page.title
        page.author = sender or page.author
        page.published = date or page.published
        page.url = None
        return page
    raise InputError(source, "no text: the e-mail has no text or HTML body", code=codes.EMPTY)


def _header(message: EmailMessage, name: str) -> str | None:
    try:
        value = message.get(name)
    except Exception:  # a malformed header is as good as a missing one
        return None
    return str(value) if value is not None else None


def _sender(message: EmailMessage) -> str | None:
    """The display name of the first sender, else the address, else the raw header."""
    try:
        header = message.get("From")
        addresses = getattr(header, "addresses", ())
        if addresses:
            return addresses[0].display_name or addresses[0].addr_spec or None
    except Exception:
        pass
    return _header(message, "From")


def _content(part: EmailMessage) -> str:
    """A text part decoded with its declared charset, or as UTF-8 with replacements."""
    try:
        content = part.get_content()
    except (LookupError, ValueError, AssertionError, KeyError):
        content = None
    if isinstance(content, str):
        return content
    payload = part.get_payload(decode=True)
    return payload.decode("utf-8", errors="replace") if isinstance(payload, bytes) else ""
