"""``DocTimeline``: which date each event head and each sentence has, answered from tables
built once (see docs/time.md, "How the timeline dates an event head")."""

from __future__ import annotations

from bisect import bisect_right
from collections import deque
from collections.abc import Callable
from dataclasses import dataclass, replace
from typing import TYPE_CHECKING

from frenemy.models import DateInfo

if TYPE_CHECKING:
    from spacy.tokens import Doc, Token
    from spacy.tokens import Span as SpacySpan


# Dependencies that open a clause of their own: a date inside one belongs to that clause's verb.
_CLAUSE_DEPS = frozenset(
    {
        "relcl",
        "acl",
        "advcl",
        "ccomp",
        "xcomp",
        "csubj",
        "csubjpass",
        "parataxis",
        "conj",
        "amod",
        "appos",
        "pcomp",
    }
)
# A sentence's frame may come from a clause describing one of its parts ("the report, released
# Thursday, says"), never from reported content ("said the pact collapsed a year ago").


_FRAME_CROSSABLE = frozenset({"acl", "relcl", "appos"})


_SKIP_DEPS = frozenset({"punct", "cc", "mark", "dep"})


_LOCAL_DEPTH = 4  # how far below a head a date may sit and still date it ("took part in the 9/11 attacks")


_NESTED_DEPTH = 7


_FUTURE_AUX = frozenset({"will", "'ll", "shall", "wo"})


@dataclass(frozen=True)
class TimeExpression:
    """A resolved date expression at tokens [start, end), modifying the token ``attach``."""

    start: int
    end: int
    attach: int
    date: DateInfo
    sentence: int
    named: str | None = None  # id of the named event, when the phrase names one
    bare_named: bool = False  # a named event used as a noun ("the 9/11 attacks"), not as a time frame

    @property
    def opens_period(self) -> bool:
        """True for "after X"/"since X": a start with no end."""
        return self.date.start is not None and self.date.end is None


class DocTimeline:
    """Dates of one document, answering ``date_for`` and ``sentence_date`` from precomputed tables.

    ``expressions`` lists every resolved date expression in reading order.
    """

    def __init__(
        self,
        doc: Doc,
        expressions: list[TimeExpression],
        publication: DateInfo | None,
        paragraph_of_sentence: list[int],
        sentences: list[SpacySpan] | None = None,
        unplaced: frozenset[int] = frozenset(),
    ) -> None:
        self.doc = doc
        self.expressions = expressions
        self.publication = publication
        sents = sentences if sentences is not None else list(doc.sents)
        self._sent_starts = [s.start for s in sents]
        self._sent_roots = [s.root.i for s in sents]
        self._attached: dict[int, list[int]] = {}
        for n, ex in enumerate(expressions):
            self._attached.setdefault(ex.attach, []).append(n)
        self._local_cache: dict[int, int | None] = {}
        self._date_cache: dict[int, DateInfo] = {}
        self._frames: list[int | None] = [self._frame(si) for si in range(len(self._sent_starts))]
        self._context: list[DateInfo | None] = _carry(self._frames, expressions, paragraph_of_sentence)
        present = [_is_present(doc[r]) for r in self._sent_roots]
        # a sentence with a date phrase that could not be placed ("a year ago" in an undated
        # document) neither takes nor passes on a narrative date
        self._unplaced = unplaced
        stops = [p or si in unplaced for si, p in enumerate(present)]
        self._narrative: list[DateInfo | None] = _carry_narrative(self._frames, expressions, stops)

    # --- the Timeline protocol -------------------------------------------------------------
    def date_for(self, token_index: int) -> DateInfo:
        """The date of an event whose head is at ``token_index``.

        In order: a date in the head's own clause; one governing it (on an ancestor, or on a verb
        it is conjoined with); an "after X"/"since X" inside a clause nested under it; the
        sentence's own date; the publication date for present-tense statements; the date carried
        from earlier sentences of the paragraph (basis "context"); for a past-tense head outside
        reported content, the narrative date carried from earlier paragraphs (basis "context");
        else ``DateInfo()``.
        """
        if not 0 <= token_index < len(self.doc):
            return DateInfo()
        hit = self._date_cache.get(token_index)
        if hit is None:
            hit = self._date_of(token_index)
            self._date_cache[token_index] = hit
        return hit

    def sentence_date(self, sentence_index: int) -> DateInfo:
        """The time frame of a sentence: its own date, else the publication date when its main
        verb is in the present tense, else the context carried within the paragraph, else the
        narrative date of earlier paragraphs when its main verb is in the past tense."""
        if not 0 <= sentence_index < len(self._sent_starts):
            return DateInfo()
        frame = self._frames[sentence_index]
        if frame is not None:
            return self.expressions[frame].date
        if self.publication and _is_present(self.doc[self._sent_roots[sentence_index]]):
            return self.publication
        carried = self._context[sentence_index]
        if carried is not None:
            return carried
        narrative = self._narrative[sentence_index]
        if (
            narrative is not None
            and sentence_index not in self._unplaced
            and _is_past(self.doc[self._sent_roots[sentence_index]])
        ):
            return narrative
        return DateInfo()

    # --- the search ------------------------------------------------------------------------
    def _date_of(self, i: int) -> DateInfo:
        tok = self.doc[i]
        found = self._local(i)
        if found is None:
            for anc in tok.ancestors:
                found = self._local(anc.i)
                if found is not None:
                    break
        if found is None:
            found = self._search(
                i, crossings=1, depth=_NESTED_DEPTH, accept=lambda ex: ex.opens_period and not ex.bare_named
            )
        if found is not None:
            return self.expressions[found].date
        si = bisect_right(self._sent_starts, i) - 1
        frame = self._frames[si]
        if frame is not None:
            return self.expressions[frame].date
        if self.publication and _is_present(tok):
            return self.publication
        carried = self._context[si]
        if carried is not None:
            return carried
        narrative = self._narrative[si]
        if (
            narrative is not None
            and si not in self._unplaced
            and _is_past(tok)
            and not _in_reported_content(tok)
        ):
            return narrative
        return DateInfo()

    def _local(self, i: int) -> int | None:
        """The nearest expression in the clause of token ``i`` (memoised)."""
        if i in self._local_cache:
            return self._local_cache[i]
        found = self._search(i, crossings=0, depth=_LOCAL_DEPTH, accept=lambda ex: True)
        self._local_cache[i] = found
        return found

    def _search(
        self,
        i: int,
        *,
        crossings: int,
        depth: int,
        accept: Callable[[TimeExpression], bool],
        crossable: frozenset[str] = _CLAUSE_DEPS,
    ) -> int | None:
        """Breadth-first below token ``i``: the shallowest accepted expression, entering at most
        ``crossings`` nested clauses; ties go to the one nearest ``i`` in the text."""
        queue: deque[tuple[Token, int, int]] = deque([(self.doc[i], 0, 0)])
        level = 0
        best: tuple[int, int] | None = None  # (distance, expression)
        while queue:
            tok, d, c = queue.popleft()
            if d != level:
                if best is not None:
                    return best[1]
                level = d
            for n in self._attached.get(tok.i, ()):
                if accept(self.expressions[n]):
                    cand = (abs(self.expressions[n].start - i), n)
                    best = cand if best is None or cand < best else best
            if d >= depth:
                continue
            for child in tok.children:
                if child.dep_ in _SKIP_DEPS:
                    continue
                clause = child.dep_ in _CLAUSE_DEPS
                if clause and child.dep_ not in crossable:
                    continue
                cc = c + clause
                if cc <= crossings:
                    queue.append((child, d + 1, cc))
        return best[1] if best is not None else None

    def _frame(self, si: int) -> int | None:
        """The expression that sets a sentence's time: on the main clause, else one in a clause
        describing a part of it (not reported content, not "15 months earlier", which dates
        another event)."""
        root = self._sent_roots[si]

        def nested_ok(ex: TimeExpression) -> bool:
            return not ex.bare_named and ex.date.basis != "relative-to-event"

        found = self._search(root, crossings=0, depth=_LOCAL_DEPTH, accept=lambda ex: not ex.bare_named)
        if found is None:  # "When the pact collapsed in 2003, ..."
            found = self._search(
                root, crossings=1, depth=_NESTED_DEPTH, accept=nested_ok, crossable=frozenset({"advcl"})
            )
        if found is None:  # "The report, released Thursday, says ..." (a clause on the subject)
            found = self._search(
                root,
                crossings=1,
                depth=_NESTED_DEPTH,
                accept=lambda ex: nested_ok(ex) and ex.start < root,
                crossable=_FRAME_CROSSABLE,
            )
        if found is None:
            # a dated subject the parser took for a clause ("A June 2009 letter addressed to X says")
            found = self._search(
                root,
                crossings=1,
                depth=2,
                accept=lambda ex: (
                    not ex.bare_named and ex.start < root and self.doc[ex.attach].pos_ in ("NOUN", "PROPN")
                ),
                crossable=frozenset({"ccomp"}),
            )
        return found


def _carry(
    frames: list[int | None], expressions: list[TimeExpression], paragraph: list[int]
) -> list[DateInfo | None]:
    """For each sentence, the frame of the latest earlier sentence of its paragraph (basis "context")."""
    out: list[DateInfo | None] = []
    current: DateInfo | None = None
    last_par = -1
    for si, frame in enumerate(frames):
        if paragraph[si] != last_par:
            current, last_par = None, paragraph[si]
        out.append(current)
        if frame is not None:
            current = replace(expressions[frame].date, basis="context")
    return out


def _carry_narrative(
    frames: list[int | None], expressions: list[TimeExpression], stops: list[bool]
) -> list[DateInfo | None]:
    """For each sentence, the narrative date carried across paragraph breaks (basis "context").

    The latest frame of a past-tense sentence runs on, over any number of paragraphs, until a
    sentence whose main verb is in the present tense ("The report says ...", "Iran denies ...")
    ends the narrative, or another past-tense frame replaces it. A frame on a present-tense
    sentence ("A June 2009 letter says ...") dates that statement only and carries nothing on.
    ``stops[si]`` is True for the sentences that end the narrative.
    """
    out: list[DateInfo | None] = []
    current: DateInfo | None = None
    for si, frame in enumerate(frames):
        out.append(current)
        if stops[si]:
            current = None
        elif frame is not None:
            current = replace(expressions[frame].date, basis="context")
    return out


def _finite_verb(tok: Token) -> Token | None:
    """The verb that carries the tense of ``tok``'s clause: a noun takes its governing verb, an
    infinitive or participle the verb it completes ("kept trying to get" -> kept)."""
    verb: Token | None = tok
    while verb is not None and verb.pos_ not in ("VERB", "AUX"):
        verb = verb.head if verb.head.i != verb.i else None
    while (
        verb is not None
        and verb.tag_ in ("VB", "VBG", "VBN")
        and not any(c.dep_ in ("aux", "auxpass") and c.tag_ != "TO" for c in verb.children)
        and verb.dep_ in ("xcomp", "conj", "oprd")
        and verb.head.i != verb.i
    ):
        verb = verb.head
    return verb


def _is_past(tok: Token) -> bool:
    """True when the clause of ``tok`` is told in the past ("held", "had detained", "was freed",
    "may have used"), not in the present or future."""
    verb = _finite_verb(tok)
    if verb is None:
        return False
    auxes = [c for c in verb.children if c.dep_ in ("aux", "auxpass")]
    if any(a.lower_ in _FUTURE_AUX for a in auxes):
        return False
    if any(a.tag_ == "MD" for a in auxes):
        return any(a.lower_ == "have" for a in auxes)
    if any(a.tag_ == "VBD" for a in auxes):
        return True
    return not auxes and verb.tag_ == "VBD"


def _in_reported_content(tok: Token) -> bool:
    """True when ``tok`` sits in a finite clausal complement ("Atiyya bragged that al Qaeda
    abducted ..."): what is reported may lie well before the report, so a carried narrative date
    is not given to it. An infinitive complement ("got Iran to free") is not reported content."""
    node = tok
    while node.head.i != node.i:
        if node.dep_ in ("ccomp", "parataxis") and _is_finite(node):
            return True
        node = node.head
    return False


def _is_finite(verb: Token) -> bool:
    """True for a verb with tense of its own: "abducted", "has freed", "will go"; not "to free"."""
    if verb.tag_ in ("VBD", "VBP", "VBZ", "MD"):
        return True
    return any(c.dep_ in ("aux", "auxpass") and c.tag_ != "TO" for c in verb.children)


def _is_present(tok: Token) -> bool:
    """True when the clause of ``tok`` is in the present or present perfect ("says", "has
    released", "may be"); a noun takes the tense of the verb governing it."""
    verb: Token | None = tok
    while verb is not None and verb.pos_ not in ("VERB", "AUX"):
        verb = verb.head if verb.head.i != verb.i else None
    if verb is None:
        return False
    auxes = [c for c in verb.children if c.dep_ in ("aux", "auxpass")]
    if any(a.lower_ in _FUTURE_AUX for a in auxes) or any(a.tag_ == "VBD" for a in auxes):
        return False
    if any(a.tag_ == "MD" for a in auxes):
        return not any(a.lower_ == "have" for a in auxes)  # "may have overstated" is past
    if verb.tag_ in ("VBP", "VBZ"):
        return True
    return any(a.tag_ in ("VBP", "VBZ") for a in auxes)
