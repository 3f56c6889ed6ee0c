"""Claims about relationships: who characterises the relationship between two actors, and how.

``extract_claims(ctx)`` reads a parsed document whose mentions and attributions are already found
and returns one ``Claim`` per characterisation ("a fairly hostile relationship", "a secret deal
with al-Qaeda", "more enemies than allies"), with its stance, hedging, negation, the pair it is
about, the claimant (the speaker of the reported speech that holds it, else the document's author
or publisher) and a date. The cue words live in data files (``StanceLexicon``).

Layout: ``lexicon`` (cue data), ``voice`` (author/publisher), ``cues`` (stance cues in a sentence),
``pairs`` (the pair a cue is about), ``qualifiers`` (negation, hedging), ``counter``
(counter-claims), ``extract`` (the driver).
"""

from __future__ import annotations

from frenemy.extract.claims.extract import extract_claims
from frenemy.extract.claims.lexicon import (
    BUILTIN_FILES,
    CATEGORIES,
    DEFAULT_NEGATION,
    STANCES,
    Cue,
    CueMatch,
    StanceLexicon,
)
from frenemy.extract.claims.syntax import paragraph_break_between
from frenemy.extract.claims.voice import document_voice

__all__ = [
    "BUILTIN_FILES",
    "CATEGORIES",
    "DEFAULT_NEGATION",
    "STANCES",
    "Cue",
    "CueMatch",
    "StanceLexicon",
    "document_voice",
    "extract_claims",
    "paragraph_break_between",
]
