"""Defences of the local web app: response headers, host checks, body limits, safe links.

Document text is hostile input and the server listens on the analyst's own machine, so every
response forbids inline and foreign scripts, requests must name a local host (no DNS
rebinding), and uploads are size-limited before they are parsed.
"""

from __future__ import annotations

import json
import re
from collections.abc import AsyncIterator, Iterable
from typing import Any
from urllib.parse import urlsplit

from starlette.datastructures import Headers
from starlette.responses import JSONResponse, PlainTextResponse
from starlette.types import ASGIApp, Message, Receive, Scope, Send

# Scripts and styles only from our own /static/; nothing from documents, nothing from a CDN.
CONTENT_SECURITY_POLICY = (
    "default-src 'none'; script-src 'self'; style-src 'self'; img-src 'self' data:; "
    "connect-src 'self'; font-src 'self'; base-uri 'none'; form-action 'self'; "
    "frame-ancestors 'none'"
)

SECURITY_HEADERS: tuple[tuple[bytes, bytes], ...] = (
    (b"content-security-policy", CONTENT_SECURITY_POLICY.encode("ascii")),
    (b"x-content-type-options", b"nosniff"),
    (b"x-frame-options", b"DENY"),
    (b"referrer-policy", b"no-referrer"),
    (b"cross-origin-opener-policy", b"same-origin"),
    (b"cross-origin-resource-policy", b"same-origin"),
)

LOCAL_HOSTS = ("localhost", "127.0.0.1", "::1")

# Document and actor ids are slugs or hashes (word characters, dots, colons, hyphens); anything
# else, slashes and "..", is not ours and gets a 404.
_ID_RE = re.compile(r"\w[\w.:-]{0,199}")


def is_plain_id(value: str) -> bool:
    """True when ``value`` looks like a document or actor id (no slashes, dots-only or controls)."""
    return bool(_ID_RE.fullmatch(value)) and ".." not in value


def safe_http_url(url: str | None) -> str | None:
    """The URL when it is plain http(s), else None (``javascript:`` and friends are never linked)."""
    if not url:
        return None
    try:
        parts = urlsplit(url.strip())
    except ValueError:
        return None
    if parts.scheme.lower() in ("http", "https") and parts.netloc:
        return url.strip()
    return None


class SecurityHeadersMiddleware:
    """Adds the CSP and related headers to every HTTP response, errors included."""

    def __init__(self, app: ASGIApp) -> None:
        self.app = app

    async def __call__(self, scope: Scope, receive: Receive, send: Send) -> None:
        if scope["type"] != "http":
            await self.app(scope, receive, send)
            return

        async def send_with_headers(message: Message) -> None:
            if message["type"] == "http.response.start":
                present = {name.lower() for name, _ in message.get("headers", [])}
                extra = [h for h in SECURITY_HEADERS if h[0] not in present]
                message["headers"] = list(message.get("headers", [])) + extra
            await send(message)

        await self.app(scope, receive, send_with_headers)


class LocalHostMiddleware:
    """Rejects requests whose Host header is not one we serve (defeats DNS rebinding).

    ``allowed`` holds host names without ports; "*" allows any host (only when the user
    deliberately binds a public interface).
    """

    def __init__(self, app: ASGIApp, allowed: Iterable[str]) -> None:
        self.app = app
        self.allowed = {h.lower().strip("[]") for h in allowed}

    async def __call__(self, scope: Scope, receive: Receive, send: Send) -> None:
        if scope["type"] != "http" or "*" in self.allowed:
            await self.app(scope, receive, send)
            return
        host = Headers(scope=scope).get("host", "")
        if host_name(host) not in self.allowed:
            response = PlainTextResponse(
                "E503 unknown Host header: this server answers only its own host names", 400
            )
            await response(scope, receive, send)
            return
        await self.app(scope, receive, send)


def host_name(host_header: str) -> str:
    """The host part of a Host header, lowercased, without port or IPv6 brackets."""
    host = host_header.strip().lower()
    if host.startswith("["):
        return host[1 : host.find("]")] if "]" in host else host[1:]
    return host.rsplit(":", 1)[0] if host.count(":") == 1 else host


class BodyTooLarge(Exception):
    """The request body passed the configured upload limit."""


async def read_limited_body(receive_stream: AsyncIterator[bytes], limit: int) -> bytes:
    """Read a request body from an async byte-chunk iterator, stopping past ``limit`` bytes.

    Raises BodyTooLarge as soon as the running total exceeds the limit, so a huge or endless
    chunked upload is never held in memory.
    """
    chunks: list[bytes] = []
    total = 0
    async for chunk in receive_stream:
        total += len(chunk)
        if total > limit:
            raise BodyTooLarge()
        chunks.append(chunk)
    return b"".join(chunks)


def too_large_response(limit: int) -> JSONResponse:
    """The 413 answer, in the API's error shape."""
    return JSONResponse(
        {
            "error": {
                "code": "E502",
                "message": f"upload too large: the limit is {limit} bytes; split the document "
                "or ingest it from a file with `frenemy ingest`",
            }
        },
        status_code=413,
    )


MAX_JSON_DEPTH = 32  # a document upload is one flat object; nesting past this is an attack
MAX_JSON_NUMBER_DIGITS = 100  # no field of ours holds a number; Python refuses ints past 4300 digits


class JSONLimitError(ValueError):
    """A request body that is JSON but passes a nesting or number-size limit."""


def parse_json_limited(
    raw: bytes, *, max_depth: int = MAX_JSON_DEPTH, max_number_digits: int = MAX_JSON_NUMBER_DIGITS
) -> Any:
    """Decode a UTF-8 JSON body with limits: nesting depth and number length are checked first.

    Raises UnicodeDecodeError, json.JSONDecodeError, or JSONLimitError: never RecursionError or
    the int-conversion ValueError that deep or huge input would give ``json.loads``.

    >>> parse_json_limited(b'{"text": "[[[["}')
    {'text': '[[[['}
    """
    text = raw.decode("utf-8")
    depth = 0
    in_string = escaped = False
    for ch in text:  # brackets inside strings do not count
        if in_string:
            if escaped:
                escaped = False
            elif ch == "\\":
                escaped = True
            elif ch == '"':
                in_string = False
        elif ch == '"':
            in_string = True
        elif ch in "[{":
            depth += 1
            if depth > max_depth:
                raise JSONLimitError(f"JSON nested deeper than {max_depth} levels")
        elif ch in "]}":
            depth -= 1

    def number(digits: str) -> int | float:
        if len(digits) > max_number_digits:
            raise JSONLimitError(f"a number of {len(digits)} characters (the limit is {max_number_digits})")
        return float(digits) if any(c in digits for c in ".eE") else int(digits)

    return json.loads(text, parse_int=number, parse_float=number)
