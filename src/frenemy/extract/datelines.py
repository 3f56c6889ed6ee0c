"""Datelines: the place (and often the date and agency) that opens a news story.

``find_dateline(text)`` reads "DOHA, June 5 (Reuters) - Saudi Arabia ...", "ISTANBUL - Turkish
President ...", "WASHINGTON, Jan. 3, 2016 -- ..." at the start of the text or of one of its first
paragraphs (a headline may come first), and returns where it ends, its place and its date phrase.
The dateline's date is the story's own date (``extract.time`` counts "on Monday" from it), and its
place is where the story was filed, not a party to anything the story says (``extract.claims``
leaves it out of the pairs). Pure text: no spaCy.
"""

from __future__ import annotations

import re
from dataclasses import dataclass

_MONTH = r"(?:Jan|Feb|Mar|Apr|May|Jun|Jul|Aug|Sep|Sept|Oct|Nov|Dec)[a-z]*\.?"
_DATELINE = re.compile(
    r"""
    (?P<place>[A-Z][A-Z.'’-]+(?:[ ][A-Z][A-Z.'’-]+){0,3})          # DOHA, NEW YORK, ADDIS ABABA
    (?:,[ ]+[A-Z][A-Za-z.'’-]+(?:[ ][A-Z][A-Za-z.'’-]+){0,2})?       # , Qatar  / , Calif.
    (?:,?[ ]+(?P<date>"""
    + _MONTH
    + r"""[ ]+\d{1,2}(?:,[ ]+\d{4})?))?                             # June 5 / Jan. 3, 2016
    [ ]*(?:\((?P<agency>[A-Za-z][A-Za-z .&/-]{1,30})\))?             # (Reuters)
    [ ]*(?P<sep>--?|–|—|:)[ ]+                                       # the dash
    """,
    re.VERBOSE,
)
_SEARCH_CHARS = 1500  # a dateline opens the story: after the headline at most
_MIN_PLACE_LETTERS = 4  # "US - " or "AP: " alone are too short to tell from an acronym


@dataclass(frozen=True)
class Dateline:
    """A dateline at characters [start, end) of the text (``end`` is after the dash)."""

    start: int
    end: int
    place: str
    date_text: str | None = None
    agency: str | None = None


def find_dateline(text: str) -> Dateline | None:
    """The dateline opening the story, or None.

    >>> find_dateline("DOHA, June 5 (Reuters) - Saudi Arabia cut ties with Qatar.")
    Dateline(start=0, end=25, place='DOHA', date_text='June 5', agency='Reuters')
    """
    for start in _paragraph_starts(text):
        if start > _SEARCH_CHARS:
            break
        m = _DATELINE.match(text, start)
        if m is None:
            continue
        place = m.group("place").strip()
        letters = sum(ch.isalpha() for ch in place)
        dated = bool(m.group("date") or m.group("agency"))
        if not dated and (letters < _MIN_PLACE_LETTERS or m.group("sep") == ":"):
            continue  # "NATO: allies meet" is a headline
        if not any(ch.isalpha() for ch in text[m.end() : m.end() + 3]):
            continue  # a dash list or a table, not a story
        return Dateline(m.start(), m.end(), place, m.group("date"), m.group("agency"))
    return None


def _paragraph_starts(text: str) -> list[int]:
    """Where each paragraph's first non-blank character is."""
    out: list[int] = []
    for m in re.finditer(r"(?:^|\n)[ \t]*(?=\S)", text):
        out.append(m.end())
    return out
