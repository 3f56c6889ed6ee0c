"""Document identity: the normalised text is what gets stored, and its hash is the document id.

Normalisation only touches what copy-and-paste, editors and operating systems change without
changing the words (composition of accents, line endings, trailing spaces, runs of blank lines),
so the same article saved twice in different ways gets one id, and character offsets computed by
later stages stay valid against the stored ``Document.text``.
"""

from __future__ import annotations

import hashlib
import re
import unicodedata

# Line breaks other than "\n" that editors and PDF extractors produce (CR, NEL, LS, PS, VT, FF).
_LINE_BREAKS = re.compile(r"\r\n|[\r\x0b\x0c\x85\u2028\u2029]")
# C0 control characters (except tab and newline) and DEL carry no text.
# Zero-width spaces and bidirectional overrides are invisible (the joiners U+200C/U+200D are kept:
# Persian and Arabic spelling needs them): they split words for the
# parser and can make a sentence display differently from what it says, so they are dropped too.
_CONTROLS = re.compile(r"[\x00-\x08\x0e-\x1f\x7f\u200b\u2060\ufeff\u202a-\u202e\u2066-\u2069]")
_BLANK_RUNS = re.compile(r"\n{3,}")


def normalise_text(text: str) -> str:
    """The text as frenemy stores it.

    Unicode NFC; every kind of line break becomes ``"\\n"``; control characters, zero-width
    characters and bidirectional overrides are dropped;
    trailing spaces are stripped from each line; any run of blank lines becomes one blank line;
    leading and trailing whitespace of the whole text is removed. Case and inner spacing are kept.

    >>> normalise_text("Iran  and al-Qaeda \\r\\n\\r\\n\\r\\n\\r\\nare rivals.  ")
    'Iran  and al-Qaeda\\n\\nare rivals.'
    """
    text = unicodedata.normalize("NFC", text)
    text = _LINE_BREAKS.sub("\n", text)
    text = _CONTROLS.sub("", text)
    # split/rstrip rather than a regex: a regex on long runs of spaces can take quadratic time
    text = "\n".join(line.rstrip() for line in text.split("\n"))
    text = _BLANK_RUNS.sub("\n\n", text)
    return text.strip()


def document_id(normalised_text: str) -> str:
    """The id of a document: ``"d"`` and the first 16 hex digits of the SHA-256 of its text.

    Pass text already through :func:`normalise_text`; equal texts always give equal ids.

    >>> document_id("Iran and al-Qaeda are rivals.")[:1]
    'd'
    """
    return "d" + hashlib.sha256(normalised_text.encode("utf-8")).hexdigest()[:16]
