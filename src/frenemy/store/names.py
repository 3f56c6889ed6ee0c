"""Name normalisation for alias matching in the store (case, apostrophes, hyphens, "the")."""

from __future__ import annotations

import re
import unicodedata

_APOSTROPHES = str.maketrans({"\u2019": "'", "\u2018": "'", "`": "'", "\u02bc": "'"})
_NON_WORD = re.compile(r"[^\w']+")


def normalise_name(name: str) -> str:
    """``normalise_name("The al-Qa’ida")`` -> ``"al qa'ida"``; possessive 's dropped."""
    text = unicodedata.normalize("NFKC", name).translate(_APOSTROPHES).lower().strip()
    text = _NON_WORD.sub(" ", text).strip()
    if text.endswith("'s"):
        text = text[:-2]
    while text.startswith("the "):
        text = text[4:]
    return " ".join(text.replace("'", "").split())
