"""The timeline of one parsed document: which date each event head and each sentence has.

``build_timeline(ctx)`` finds the date expressions of the text once (spaCy DATE/TIME entities plus
the patterns of this module for what the model misses: "9-11", "after the attacks", "the 2003
invasion of Iraq"), resolves them in reading order (each relative phrase counts from the
expression before it), ties each to the word it modifies, and returns a ``DocTimeline`` whose
``date_for(token_index)`` answers from precomputed tables. See docs/time.md for the rules.
"""

from __future__ import annotations

import re
from bisect import bisect_right
from collections import deque
from collections.abc import Callable, Iterable
from dataclasses import dataclass, replace
from functools import lru_cache
from typing import TYPE_CHECKING

from frenemy.extract.datelines import find_dateline
from frenemy.extract.dates import (
    NamedEvent,
    Span,
    Vocabulary,
    parse_iso,
    resolve_detailed,
    vocabulary,
)
from frenemy.models import DateInfo

if TYPE_CHECKING:
    from spacy.tokens import Doc, Token
    from spacy.tokens import Span as SpacySpan

    from frenemy.nlp.context import DocContext

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
_MAX_EXTEND = 5  # tokens a relation phrase may add before a date ("in the months after")
_ENT_LABELS = frozenset({"DATE", "TIME"})
_PARAGRAPH_BREAK = re.compile(r"\n[ \t\r\f\v]*\n")
_LOOSE = re.compile(r"[\s.’'–-]+")
_YEAR_AFTER = re.compile(r",?\s*\d{4}\b")
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


# --- finding expressions ----------------------------------------------------------------------


@dataclass(frozen=True)
class _Patterns:
    named: re.Pattern[str]
    named_events: dict[str, NamedEvent]  # lowercase raw name -> event
    others: tuple[re.Pattern[str], ...]
    extend_words: frozenset[str]
    bare_day: re.Pattern[str]  # "Monday", "on July 28", "in July": read forward in a future clause
    loose_events: dict[str, NamedEvent]  # _loose_key(name) -> event


def _raw(phrase: str) -> str:
    """A regex for a phrase in running text: any whitespace, optional periods, either apostrophe."""
    out = re.escape(phrase)
    out = out.replace(r"\ ", r"\s+").replace(r"\.", r"\.?").replace("'", "['’]").replace(r"\-", "[-–]")
    return out


@lru_cache(maxsize=1)
def _patterns() -> _Patterns:
    v: Vocabulary = vocabulary()
    names: dict[str, NamedEvent] = {}
    for ev in v.events:
        for n in ev.names:
            names.setdefault(n.lower(), ev)
    name_alt = "|".join(_raw(n) for n in sorted(names, key=len, reverse=True))
    refs = sorted({r.lower() for ev in v.events for r in ev.refs}, key=len, reverse=True)
    ref_alt = "|".join(_raw(r) for r in refs)
    named = re.compile(rf"(?<![\w/-])(?:the\s+)?({name_alt})(?:\s+(?:{ref_alt}))?(?![\w/-]|['’]s\b)", re.I)
    months = "|".join(sorted(v.months, key=len, reverse=True))
    month = rf"(?:{months})\.?"
    units = "|".join(sorted(v.units, key=len, reverse=True))
    qty = rf"(?:\d{{1,4}}|{'|'.join(sorted(list(v.numbers) + list(v.vague), key=len, reverse=True))})"
    point = rf"(?:{month}\s+\d{{1,2}}(?:st|nd|rd|th)?,?\s+\d{{4}}|{month},?\s+\d{{4}}|{month}|\d{{4}})"
    # full names only: "Sun" and "Wed" are as often a newspaper and a verb
    weekday_alt = "|".join(w.capitalize() for w in sorted(v.weekdays, key=len, reverse=True) if len(w) >= 6)
    no_object = r"(?!\s+(?:the|a|an|his|her|their|its|this|that|he|she|they|it|we|i)\b)(?!\s+(?-i:[A-Z0-9]))"
    starts = [r for r, k in v.relations.items() if k in ("start", "end")]
    start_alt = "|".join(_raw(r) for r in sorted(starts, key=len, reverse=True))
    others = (
        # "after the attacks", "since the invasion": resolved against the last event named so
        re.compile(
            rf"\b(?:{start_alt})\s+the\s+(?:{ref_alt})\b"
            r"(?!\s+(?:on|in|of|against|at|by|near|that|which|who|carried)\b)",
            re.I,
        ),
        re.compile(
            rf"\b{qty}\s+(?:{units})\s+(?:ago|earlier|later|before|after|previously|prior){no_object}\b", re.I
        ),
        re.compile(rf"\b(?:between|from)\s+{point}\s+(?:and|to|until|through)\s+{point}\b", re.I),
        re.compile(r"\b\d{4}-\d{2}-\d{2}\b"),
        re.compile(r"(?:\bthe\s+)?(?:\b(?:early|mid|late)[\s-]+)?(?:\b\d{2}|['’])\d0['’]?s\b", re.I),
        # what the model may miss in a caption or a headline with no sentence around it
        re.compile(r"\b(?:the\s+day\s+before\s+)?yesterday\b|\blast\s+night\b", re.I),
        re.compile(
            rf"(?:\b(?:on|last|this|next)\s+)?\b(?-i:{weekday_alt})\b(?:\s+(?:morning|afternoon|evening|night))?",
            re.I,
        ),
        re.compile(
            r"\b(?:the\s+(?:following|next|previous|preceding|same)\s+(?:day|morning|week|month|year)|"
            r"(?:later|earlier)\s+that\s+(?:day|week|month|year)|that\s+same\s+(?:day|week|month|year)|"
            r"at\s+the\s+time|at\s+that\s+time|by\s+then)\b",
            re.I,
        ),
    )
    extend: set[str] = set()
    for phrase in list(v.relations) + v.hedges + list(v.numbers) + list(v.vague) + list(v.units):
        extend.update(phrase.split())
    extend.update({"after", "before", "following", "prior", "to", "than", "earlier", "later", "since"})
    bare_day = re.compile(
        rf"(?:on\s+|in\s+)?((?:{'|'.join(sorted(v.weekdays, key=len, reverse=True))})|"
        rf"{month}(?:\s+\d{{1,2}}(?:st|nd|rd|th)?)?)",
        re.I,
    )
    loose = {_loose_key(n): ev for n, ev in reversed(list(names.items()))}
    return _Patterns(named, names, others, frozenset(extend), bare_day, loose)


@dataclass
class _Candidate:
    start: int
    end: int


def _char_to_tokens(doc: Doc, start: int, end: int) -> tuple[int, int] | None:
    span = doc.char_span(start, end, alignment_mode="expand")
    if span is None or len(span) == 0:
        return None
    return span.start, span.end


def _find_candidates(doc: Doc, pats: _Patterns) -> tuple[list[_Candidate], list[tuple[int, NamedEvent]]]:
    """Token spans that may be dates, and every mention of a named event (token, event)."""
    text = doc.text
    cands: list[_Candidate] = []
    mentions: list[tuple[int, NamedEvent]] = []
    for ent in doc.ents:
        if ent.label_ in _ENT_LABELS:
            cands.append(_Candidate(ent.start, ent.end))
    for m in pats.named.finditer(text):
        ev = pats.named_events.get(" ".join(m.group(1).lower().replace("’", "'").split()))
        if ev is None:
            ev = _lookup_loose(m.group(1), pats)
        toks = _char_to_tokens(doc, m.start(), m.end())
        if ev is None or toks is None:
            continue
        if _YEAR_AFTER.match(text, m.end()):
            continue  # "September 11, 2012": an ordinary date, read by the date forms
        mentions.append((toks[0], ev))
        following = text[m.end() : m.end() + 40].split()
        if following and following[0].strip(".,;:") in ev.not_before:
            continue  # "the 9/11 Commission": a name of something else, not a date
        cands.append(_Candidate(*toks))
    for rx in pats.others:
        for m in rx.finditer(text):
            toks = _char_to_tokens(doc, m.start(), m.end())
            if toks is not None:
                cands.append(_Candidate(*toks))
    return cands, mentions


def _loose_key(name: str) -> str:
    """A name without spaces, periods or apostrophes: "U.S. invasion" and "US invasion" agree."""
    return _LOOSE.sub("", name.lower())


def _lookup_loose(found: str, pats: _Patterns) -> NamedEvent | None:
    return pats.loose_events.get(_loose_key(found))


def _clusters(cands: Iterable[_Candidate]) -> list[list[_Candidate]]:
    """Overlapping candidates grouped, in text order."""
    out: list[list[_Candidate]] = []
    end = -1
    for c in sorted(cands, key=lambda c: (c.start, -c.end)):
        if out and c.start < end:
            out[-1].append(c)
            end = max(end, c.end)
        else:
            out.append([c])
            end = c.end
    return out


@dataclass
class _Resolver:
    """Resolves candidates in reading order, keeping the last date and the last named events."""

    doc: Doc
    pats: _Patterns
    publication: Span | None
    mentions: list[tuple[int, NamedEvent]]
    anchor: Span | None = None
    recent: dict[str, Span] | None = None
    _next_mention: int = 0

    def __post_init__(self) -> None:
        self.recent = {}

    def _advance_mentions(self, upto: int) -> None:
        assert self.recent is not None
        while self._next_mention < len(self.mentions) and self.mentions[self._next_mention][0] < upto:
            ev = self.mentions[self._next_mention][1]
            for r in ev.refs:
                self.recent[" ".join(r.lower().split())] = ev.span
            self._next_mention += 1

    def resolve_text(self, text: str) -> Span | None:
        return resolve_detailed(text, publication=self.publication, anchor=self.anchor, recent=self.recent)

    def resolve(self, start: int, end: int) -> Span | None:
        self._advance_mentions(end)
        return resolve_detailed(
            self.doc[start:end].text, publication=self.publication, anchor=self.anchor, recent=self.recent
        )


def _extend_left(
    doc: Doc, start: int, end: int, sent_start: int, res: _Resolver, words: frozenset[str]
) -> tuple[int, Span | None]:
    """Take relation words before a date into it ("in", "after", "two years after"), longest first."""
    first = start
    while first > sent_start and start - first < _MAX_EXTEND:
        t = doc[first - 1]
        if t.lower_ in words or t.like_num:
            first -= 1
        else:
            break
    for s in range(first, start):
        span = res.resolve(s, end)
        if span is not None:
            return s, span
    return start, None


def _join_ranges(doc: Doc, groups: list[list[tuple[int, int]]]) -> list[list[tuple[int, int]]]:
    """ "between October 2000" + "and" + "February 2001" -> one range, when the model split it."""
    out: list[list[tuple[int, int]]] = []
    k = 0
    while k < len(groups):
        s, e = groups[k][0]
        if (
            k + 1 < len(groups)
            and (doc[s].lower_ in ("between", "from") or (s > 0 and doc[s - 1].lower_ in ("between", "from")))
            and e < len(doc)
            and doc[e].lower_ in ("and", "to", "until", "through", "-")
            and groups[k + 1][0][0] == e + 1
        ):
            out.append([(s, groups[k + 1][0][1]), *groups[k], *groups[k + 1]])
            k += 2
            continue
        out.append(groups[k])
        k += 1
    return out


def _attachment(doc: Doc, start: int, end: int, names_event: bool) -> int:
    """The token a date phrase modifies: the head of its preposition, the verb of "a year ago",
    the noun of "the June 2009 letter"; a named event with its noun ("the 9/11 attacks") is that noun."""
    span = doc[start:end]
    root = span.root
    if root.dep_ == "ROOT" or root.head.i == root.i:
        return root.i
    if names_event and root.pos_ in ("NOUN", "PROPN") and root.dep_ not in ("compound", "nmod", "nummod"):
        return root.i  # a noun phrase naming an event ("the 9/11 attacks") dates itself
    if root.dep_ == "pobj" and root.head.dep_ == "prep" and root.head.i != root.head.head.i:
        return root.head.head.i
    return root.head.i


def _paragraphs(doc: Doc, sents: list[SpacySpan]) -> list[int]:
    """Paragraph number of each sentence (paragraphs are separated by blank lines)."""
    breaks = [m.start() for m in _PARAGRAPH_BREAK.finditer(doc.text)]
    out = []
    for sent in sents:
        first = next((t for t in sent if not t.is_space), sent[0])
        out.append(bisect_right(breaks, first.idx))
    return out


def build_timeline(ctx: DocContext) -> DocTimeline:
    """Dates for every sentence and event head of ``ctx.doc``, computed in one pass.

    >>> tl = build_timeline(ctx)  # ctx.document.published == "2012-05-04"
    >>> tl.date_for(i_of("escaped")).start   # "In March 2010, ... escaped"
    '2010-03'
    """
    doc = ctx.doc
    published = parse_iso(ctx.document.published)
    story, story_text = _story_date(doc.text, published)
    if story is not None:  # "DOHA, June 5 (Reuters) -": the story's own date counts, not the upload's
        published = story
    pub_span = replace(published, basis="relative-to-publication") if published else None
    publication = replace(published.to_info(story_text), basis="publication") if published else None
    pats = _patterns()
    cands, mentions = _find_candidates(doc, pats)
    mentions.sort(key=lambda m: m[0])
    res = _Resolver(doc, pats, pub_span, mentions)
    sents = list(doc.sents)
    sent_starts = [s.start for s in sents]

    expressions: list[TimeExpression] = []
    unplaced: set[int] = set()  # sentences with a date phrase the missing publication date leaves unplaced
    for options in _join_ranges(doc, [_options(g) for g in _clusters(cands)]):
        s, e = options[0]
        si = bisect_right(sent_starts, s) - 1
        if _before_a_clause(doc, e):
            # "cut ties on 3 January, a day after protesters stormed the embassy": the phrase dates
            # the clause that follows it, counted back from the date just given
            inverse = _inverse_offset(doc, s, e, si, expressions, res)
            if inverse is not None:
                expressions.append(inverse)
            continue
        found = _first_resolving(doc, options, sent_starts[si], res, pats.extend_words)
        if found is None:
            found = _duration_so_far(doc, s, e, res)
        if found is None:
            if pub_span is None and _needs_publication(doc[s:e].text):
                unplaced.add(si)
            continue
        s2, e, span = found
        bare = span.named is not None and span.start is not None and span.end is not None
        attach = _attachment(doc, s2, e, bare)
        if span.basis == "relative-to-publication" and _is_future(doc[attach]):
            span = _forward(doc[s2:e].text, span, res, pats)
        res.anchor = span
        expressions.append(
            TimeExpression(
                start=s2,
                end=e,
                attach=attach,
                date=span.to_info(doc[s2:e].text.strip()),
                sentence=si,
                named=span.named,
                bare_named=bare and span.basis == "explicit",
            )
        )
    return DocTimeline(doc, expressions, publication, _paragraphs(doc, sents), sents, frozenset(unplaced))


_SOME_DAY = parse_iso("2000-01-01")


def _story_date(text: str, published: Span | None) -> tuple[Span | None, str | None]:
    """The date of the story's dateline, to the day, when it has one that the publication date
    (if any) places: "June 5" in a piece published 2017-06-10 is 2017-06-05; "Jan. 3, 2016" stands
    alone. None when there is no dated dateline, or it falls after publication."""
    line = find_dateline(text)
    if line is None or not line.date_text:
        return None, None
    span = resolve_detailed(line.date_text, publication=published, anchor=None, recent=None)
    if span is None or span.precision != "day" or span.start is None:
        return None, None
    if published is not None and published.end is not None and span.start > published.end:
        return None, None
    return replace(span, basis="publication"), line.date_text


def _needs_publication(text: str) -> bool:
    """True for a phrase that names a date counted from publication ("a year ago", "Thursday"),
    which an undated document cannot place; False for durations ("for months") and junk."""
    return resolve_detailed(text, publication=_SOME_DAY, anchor=None, recent=None) is not None


def _before_a_clause(doc: Doc, end: int) -> bool:
    """True when a phrase ends in "after"/"before" and words follow: "a day after protesters ..."."""
    return (
        doc[end - 1].lower_ in ("after", "before")
        and end < len(doc)
        and not (doc[end].is_punct or doc[end].is_space)
    )


def _inverse_offset(
    doc: Doc, start: int, end: int, si: int, expressions: list[TimeExpression], res: _Resolver
) -> TimeExpression | None:
    """Date the clause after "N units after/before" from the sentence's previous date, or None."""
    if not expressions or expressions[-1].sentence != si or end - start < 2:
        return None
    swapped = "before" if doc[end - 1].lower_ == "after" else "after"
    span = res.resolve_text(f"{doc[start : end - 1].text} {swapped}")
    sent_end = doc[start].sent.end
    word = doc[end - 1]
    if end <= word.head.i < sent_end:  # "after" marks the clause's verb
        target: int | None = word.head.i
    else:  # "after" governs its object
        target = next((t.i for t in doc[end:sent_end] if t.head.i == end - 1), None)
    if span is None or target is None or span.basis != "relative-to-event":
        return None
    return TimeExpression(
        start=start, end=end, attach=target, date=span.to_info(doc[start:end].text.strip()), sentence=si
    )


def _duration_so_far(doc: Doc, start: int, end: int, res: _Resolver) -> tuple[int, int, Span] | None:
    """ "have had ties for more than two decades": a present-perfect state lasting N units up to
    publication started about N units before it (start set, end open)."""
    if start == 0 or doc[start - 1].lower_ != "for":
        return None
    verb = doc[start - 1].head
    while verb.pos_ not in ("VERB", "AUX") and verb.head.i != verb.i:
        verb = verb.head
    if not any(c.lower_ in ("has", "have", "'ve", "'s") and c.dep_ == "aux" for c in verb.children):
        return None
    span = res.resolve_text(f"{doc[start:end].text} ago")
    if span is None:
        return None
    point = span.start if span.start is not None else span.end
    return start - 1, end, replace(span, start=point, end=None)


def _is_future(tok: Token) -> bool:
    """True when the verb a date modifies has a future auxiliary ("will meet on Monday")."""
    return any(c.dep_ == "aux" and c.lower_ in _FUTURE_AUX for c in tok.children)


def _forward(text: str, span: Span, res: _Resolver, pats: _Patterns) -> Span:
    """A bare weekday or month in a future clause is the next one, not the last ("will meet on
    Monday"); other phrases keep their reading."""
    m = pats.bare_day.fullmatch(" ".join(text.split()))
    if not m:
        return span
    return res.resolve_text(f"next {m.group(1)}") or span


def _options(group: list[_Candidate]) -> list[tuple[int, int]]:
    """Spans to try for a group of overlapping candidates: their union, then each, longest first."""
    lo, hi = min(c.start for c in group), max(c.end for c in group)
    singles = sorted(
        {(c.start, c.end) for c in group if (c.start, c.end) != (lo, hi)}, key=lambda x: x[0] - x[1]
    )
    return [(lo, hi), *singles]


def _first_resolving(
    doc: Doc, options: list[tuple[int, int]], sent_start: int, res: _Resolver, words: frozenset[str]
) -> tuple[int, int, Span] | None:
    for s, e in options:
        s2, span = _extend_left(doc, s, e, sent_start, res, words)
        if span is None:
            span, s2 = res.resolve(s, e), s
        if span is not None:
            return s2, e, span
    return None
