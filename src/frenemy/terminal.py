"""Text bound for a terminal: control characters from documents are shown, never obeyed.

File names, titles, sentences and actor names come from documents nobody vetted. Printed raw,
an escape sequence can recolour or clear the screen, a newline or carriage return can forge or
hide an error line, and a bidi override can make text read backwards. Everything the CLI prints
(errors, warnings, tables, search results, progress) goes through :func:`terminal_safe`.

>>> terminal_safe("report\\x1b[2J.txt")
'report\\\\x1b[2J.txt'
"""

from __future__ import annotations

import re

# C0 controls (tab and newline included: a message is one line), DEL, C1 controls, and the
# invisible direction marks, embeddings, overrides and isolates that reorder what is shown.
_UNSAFE = re.compile("[\x00-\x1f\x7f-\x9f\u061c\u200e\u200f\u202a-\u202e\u2066-\u2069]")
# The same, but keeping newline, tab and CRLF line ends: for multi-line output (CSV, XML) shown
# on a terminal. A carriage return alone would let a line overwrite the one before it.
_UNSAFE_KEEP_LINES = re.compile(
    "[\x00-\x08\x0b\x0c\x0e-\x1f\x7f-\x9f\u061c\u200e\u200f\u202a-\u202e\u2066-\u2069]|\r(?!\n)"
)
# In JSON text these characters can only sit inside strings, where \\uXXXX means the same.
_JSON_UNSAFE = re.compile("[\x7f-\x9f\u061c\u200e\u200f\u202a-\u202e\u2066-\u2069]")

_NAMED = {"\n": "\\n", "\r": "\\r", "\t": "\\t"}


def _escape(match: re.Match[str]) -> str:
    ch = match.group(0)
    if ch in _NAMED:
        return _NAMED[ch]
    code = ord(ch)
    return f"\\x{code:02x}" if code <= 0xFF else f"\\u{code:04x}"


def terminal_safe(text: object, *, keep_lines: bool = False) -> str:
    """``text`` with every control and bidi-override character written as a visible escape.

    ``"a\\nb"`` becomes ``a\\nb`` (backslash, n) so a file name cannot start a new line of output;
    with ``keep_lines`` newlines and tabs stay (for CSV or XML shown on a terminal). Printable
    text, accents and non-Latin scripts are unchanged.
    """
    s = "" if text is None else str(text)
    return (_UNSAFE_KEEP_LINES if keep_lines else _UNSAFE).sub(_escape, s)


def json_terminal_safe(text: str) -> str:
    """JSON text with C1 controls and bidi marks as ``\\uXXXX`` escapes: the same JSON value.

    ``json.dumps`` already escapes C0 controls; the rest pass raw with ``ensure_ascii=False``.
    """
    return _JSON_UNSAFE.sub(lambda m: f"\\u{ord(m.group(0)):04x}", text)
