"""What matching one lexicon entry against the parse finds: the actor candidates and action words."""

from __future__ import annotations

from dataclasses import dataclass
from typing import TYPE_CHECKING

if TYPE_CHECKING:
    from spacy.tokens import Token

    from frenemy.nlp.context import MentionSpan

_VIOLENT_ROOTS = frozenset({"18", "19", "20"})


@dataclass
class _Args:
    """Source and target candidates of one event word."""

    sources: list[MentionSpan]
    targets: list[MentionSpan]
    words: list[Token]  # the action words (head, particle, preposition, object)
    sym: bool = False
    reply: bool = False
    captives: Token | None = None  # "these detainees" as the object, with no actor of its own
    claimed: bool = False  # "X claimed responsibility for the attack": X's act, even with no target
