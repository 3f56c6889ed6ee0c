"""JSON from untrusted files with bounds: nesting depth and number length are checked first.

Python's ``json`` module fails on hostile input in ways callers do not expect: a number of more
than 4,300 digits raises a plain ``ValueError`` (the int conversion limit) and deeply nested
arrays a ``RecursionError``. ``loads_bounded`` checks both before parsing and raises
:class:`JSONBoundError` (a ``ValueError``) saying which bound was passed, so each caller can
turn it into a coded error naming the file and line.
"""

from __future__ import annotations

import json
import re
from typing import Any

MAX_DEPTH = 64  # frenemy's records are flat objects; real JSON metadata never nests this deep
MAX_NUMBER_DIGITS = 100  # dates, ids and years are short; a 100-digit number is no metadata
# Brackets and numbers outside strings: strings are skipped whole (escapes included).
_TOKENS = re.compile(r'"[^"\\]*(?:\\.[^"\\]*)*"|([\[\]{}])|(-?\d[\d.eE+-]*)', re.DOTALL)


class JSONBoundError(ValueError):
    """JSON beyond a safe bound (too deep, a number too long); the message says which."""


def check_bounds(text: str, max_depth: int = MAX_DEPTH, max_digits: int = MAX_NUMBER_DIGITS) -> None:
    """Raise JSONBoundError when ``text`` nests deeper than ``max_depth`` or holds a number longer
    than ``max_digits`` characters (strings are not looked into). Linear in the text's length."""
    # cheap tests first: fewer brackets than the depth bound, and no run of digits that long
    if text.count("[") + text.count("{") <= max_depth and not re.search(rf"\d{{{max_digits + 1}}}", text):
        return
    depth = 0
    for match in _TOKENS.finditer(text):
        bracket, number = match.group(1), match.group(2)
        if bracket:
            if bracket in "[{":
                depth += 1
                if depth > max_depth:
                    raise JSONBoundError(f"nested more than {max_depth} levels deep")
            else:
                depth -= 1
        elif number and len(number) > max_digits:
            raise JSONBoundError(f"holds a number of {len(number):,} characters (at most {max_digits})")


def loads_bounded(text: str, max_depth: int = MAX_DEPTH) -> Any:
    """``json.loads(text)`` after :func:`check_bounds`.

    Raises ``json.JSONDecodeError`` for text that is not JSON and JSONBoundError for JSON beyond a
    bound; never ``RecursionError`` or the int-conversion ``ValueError``.

    >>> loads_bounded('{"text": "Iran and Iraq", "published": "2012"}')["published"]
    '2012'
    """
    check_bounds(text, max_depth)
    try:
        return json.loads(text)
    except RecursionError:  # the check counts brackets; this is a second line of defence
        raise JSONBoundError("nested too deeply") from None
    except json.JSONDecodeError:
        raise
    except ValueError as err:  # the int-conversion limit, should a number slip past the check
        raise JSONBoundError(f"holds a number too long to read ({err})") from None
