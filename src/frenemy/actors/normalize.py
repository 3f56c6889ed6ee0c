"""Normalising actor names so that spelling variants share one lookup key.

``alias_key("the al-Qa'ida's")`` and ``alias_key("Al Qaida")`` give the same key. Short all-caps
acronyms keep their case ("US" is not "us"); every other name is compared case-insensitively.
"""

from __future__ import annotations

import re
import unicodedata

_APOSTROPHES = str.maketrans(
    {"\u2019": "'", "\u2018": "'", "\u02bc": "'", "\u02bf": "", "\u02be": "", "`": "'"}
)
_DASHES = re.compile(r"[\u2010\u2011\u2012\u2013\u2014\u2015\u2212_-]+")
_INITIAL_DOT = re.compile(r"(?<=\b[A-Za-z])\.")
_SPACES = re.compile(r"\s+")
_EDGE_PUNCT = " \t\n\"'“”‘’.,;:!?()[]{}"
_LEADING_THE = re.compile(r"^(?:the\s+)+", re.IGNORECASE)  # "the the Wall" (a typo) too
_POSSESSIVE = re.compile(r"'s?$")
_ACRONYM = re.compile(r"^[A-Z][A-Z0-9&]{1,4}$")
_MIXED_ACRONYM = re.compile(r"^[A-Z][a-z]?[A-Z][A-Za-z]?$")  # "LeT", "JeM", "DoD": not the words "let", "dod"
_SLUG_DROP = re.compile(r"[^a-z0-9]+")


def _strip_accents(text: str) -> str:
    if text.isascii():
        return text  # NFKD leaves ASCII as it is and it has no combining marks: skip the per-character pass
    decomposed = unicodedata.normalize("NFKD", text)
    return "".join(ch for ch in decomposed if not unicodedata.combining(ch))


def clean_surface(text: str) -> str:
    """The surface form with unified punctuation, no leading "the" and no possessive 's.

    >>> clean_surface("the Iranian regime’s")
    'Iranian regime'
    """
    text = _strip_accents(text).translate(_APOSTROPHES)
    text = _SPACES.sub(" ", text).strip(_EDGE_PUNCT)
    text = _LEADING_THE.sub("", text)
    text = _POSSESSIVE.sub("", text).strip(_EDGE_PUNCT)
    return text


def is_acronym(text: str) -> bool:
    """True for short acronyms that must match case-sensitively ("US", "AQ", "NATO", "LeT")."""
    return bool(_ACRONYM.match(text) or _MIXED_ACRONYM.match(text))


def alias_key(text: str) -> str:
    """The lookup key of a name: variants of spelling, case and punctuation map to one key.

    >>> alias_key("al-Qa'ida") == alias_key("Al Qaida") == alias_key("the al Qaida’s")
    True
    >>> alias_key("U.S."), alias_key("us")
    ('US', 'us')
    """
    text = clean_surface(text)
    text = _INITIAL_DOT.sub("", text)
    text = _DASHES.sub(" ", text)
    text = text.replace("'", "")
    text = _SPACES.sub(" ", text).strip(_EDGE_PUNCT)
    text = _LEADING_THE.sub("", text)  # "the-X" is "the X" only once its hyphen is a space
    if is_acronym(text):
        return text
    return text.lower()


def folded_key(text: str) -> str:
    """``alias_key`` without the acronym exception (for forgiving, user-typed queries)."""
    return alias_key(text).lower()


def slugify(text: str) -> str:
    """A lowercase id slug: ``slugify("Saudi Arabia") == "saudi-arabia"``."""
    text = _strip_accents(text).translate(_APOSTROPHES).replace("'", "").lower()
    return _SLUG_DROP.sub("-", text).strip("-")
