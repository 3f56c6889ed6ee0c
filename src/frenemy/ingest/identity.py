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
# C0 control characters (except tab and newline) and DEL carry no text. Invisible format
# characters are dropped too: they split a name for the parser ("Sa<U+200E>udi Arabia" would be a
# new actor), hide words from search and can make a sentence display differently from what it
# says. Dropped: soft hyphen U+00AD, Arabic letter mark U+061C, Mongolian vowel separator U+180E,
# zero-width space, non-joiner and joiner U+200B-D, LRM/RLM U+200E-F, bidirectional embeddings
# and isolates U+202A-E and U+2066-9, word joiner and invisible operators U+2060-4, U+FEFF
# anywhere, and the tag characters U+E0000-E007F.
_CONTROLS = re.compile(
    "[\x00-\x08\x0e-\x1f\x7f\u00ad\u061c\u180e\u200b-\u200f\u202a-\u202e"
    "\u2060-\u2064\u2066-\u2069\ufeff\U000e0000-\U000e007f]"
)
_BLANK_RUNS = re.compile(r"\n{3,}")


def normalise_text(text: str) -> str:
    """The text as frenemy stores it.

    Unicode NFC; every kind of line break becomes ``"\\n"``; control characters and invisible
    format characters (zero-width, soft hyphen, direction marks, tag characters) are dropped;
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
