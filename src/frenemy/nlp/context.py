"""What the extraction stages share about one parsed document.

The stages run in order and each fills one field: actors.mentions -> ``mentions``,
extract.time -> ``timeline``, extract.attribution -> ``attributions``; then extract.events and
extract.claims read all three. Token indices refer to ``doc`` (a spaCy Doc of Document.text).
"""

from __future__ import annotations

from bisect import bisect_right
from dataclasses import dataclass, field
from typing import TYPE_CHECKING, Protocol

from frenemy.models import Actor, ActorRef, DateInfo, Document

if TYPE_CHECKING:
    from spacy.tokens import Doc, Span

    from frenemy.actors.registry import ActorRegistry


@dataclass
class MentionSpan:
    """An actor found at tokens [start, end) of the doc."""

    start: int
    end: int
    actor: Actor
    kind: str = "name"  # name | description | demonym | pronoun | coref
    # a plural back-reference ("the once-bitter rivals", "they") stands for all of these actors;
    # ``actor`` is the first of them (empty for a mention of one actor)
    members: tuple[Actor, ...] = ()


@dataclass
class Attribution:
    """A stretch of reported content [content_start, content_end) (tokens) and who says it.

    ``relayed_by`` is the outer speaker when speech is nested ("According to the CTC report,
    Atiyya bragged that ...": speaker Atiyya, relayed_by the Combating Terrorism Center).
    """

    content_start: int
    content_end: int
    speaker: ActorRef | None
    cue: str  # "said", "according to", "bragged", a quotation mark, ...
    kind: str  # direct | indirect | according_to
    relayed_by: ActorRef | None = None
    hedged: bool = False  # the reporting cue itself hedges ("suggests", "some have argued")
    cue_start: int | None = None  # token index of the reporting verb or cue
    speaker_start: int | None = None  # token span of the speaker phrase
    speaker_end: int | None = None


class Timeline(Protocol):
    """Dates for a parsed document (implemented by frenemy.extract.time)."""

    def date_for(self, token_index: int) -> DateInfo:
        """The date of an event whose head (verb or event noun) is at ``token_index``."""
        ...

    def sentence_date(self, sentence_index: int) -> DateInfo:
        """The time context of a sentence (explicit date, or carried from context)."""
        ...


@dataclass
class DocContext:
    document: Document
    doc: Doc
    registry: ActorRegistry
    mentions: list[MentionSpan] = field(default_factory=list)
    timeline: Timeline | None = None
    attributions: list[Attribution] = field(default_factory=list)
    _token_mention: dict[int, MentionSpan] | None = None
    _sent_starts: list[int] | None = None

    # --- mentions -------------------------------------------------------------------------
    def index_mentions(self) -> None:
        """Rebuild the token -> mention index (call after changing ``mentions``)."""
        idx: dict[int, MentionSpan] = {}
        for m in self.mentions:
            for i in range(m.start, m.end):
                idx[i] = m
        self._token_mention = idx

    def mention_at(self, token_index: int) -> MentionSpan | None:
        if self._token_mention is None:
            self.index_mentions()
        assert self._token_mention is not None
        return self._token_mention.get(token_index)

    def mentions_in(self, start: int, end: int) -> list[MentionSpan]:
        return [m for m in self.mentions if m.start >= start and m.end <= end]

    # --- sentences ------------------------------------------------------------------------
    def sentences(self) -> list[Span]:
        return list(self.doc.sents)

    def sentence_index(self, token_index: int) -> int:
        """Index of the sentence holding a token, in O(log n)."""
        if self._sent_starts is None:
            self._sent_starts = [s.start for s in self.doc.sents]
        return bisect_right(self._sent_starts, token_index) - 1

    # --- attribution ----------------------------------------------------------------------
    def attribution_at(self, token_index: int) -> Attribution | None:
        """The innermost attribution whose content covers the token, else None."""
        best: Attribution | None = None
        for a in self.attributions:
            if a.content_start <= token_index < a.content_end:
                if best is None or (a.content_end - a.content_start) < (
                    best.content_end - best.content_start
                ):
                    best = a
        return best

    def date_for(self, token_index: int) -> DateInfo:
        if self.timeline is None:
            return DateInfo()
        return self.timeline.date_for(token_index)
