"""One pass over a document: candidates from the lexicon, control frames first, then the rest."""

from __future__ import annotations

from typing import TYPE_CHECKING

from frenemy.extract import modality as mod
from frenemy.extract.events.actors import _chain
from frenemy.extract.events.args import _match
from frenemy.extract.events.build import _build
from frenemy.extract.events.consequences import consequence_events
from frenemy.extract.events.demands import demand_events
from frenemy.extract.events.expulsion import expulsion_events
from frenemy.extract.events.gate import _frame_of, _may_be_event
from frenemy.extract.events.nouns import claims_an_act
from frenemy.extract.events.verdicts import verdict_events
from frenemy.extract.events.warning import warning_events
from frenemy.extract.lexicon import EventLexicon, LexEntry
from frenemy.extract.retold import date_retold_acts
from frenemy.models import Event

if TYPE_CHECKING:
    from spacy.tokens import Span, Token

    from frenemy.nlp.context import DocContext


_POS = {"VERB": "V", "NOUN": "N", "ADJ": "A"}
_REPLY_LOOKBACK = 40  # recent events searched for that (bounded: no quadratic copying)


def extract_events(ctx: DocContext, lexicon: EventLexicon) -> list[Event]:
    """Coded events of one parsed document, in text order.

    >>> events = extract_events(ctx, EventLexicon.load())  # doctest: +SKIP
    >>> events[0].source.id, events[0].cameo, events[0].target.id  # doctest: +SKIP
    ('iran', '173', 'al-qaeda')

    Events whose source and target roll up to the same actor are dropped; events inside reported
    speech carry ``attributed_to`` and modality "reported"; negation and modality are flagged. An
    undated event told dated elsewhere in the document takes that date (``extract.retold``).
    """
    out: list[Event] = []
    seen: set[str] = set()
    for s_index, sent in enumerate(ctx.doc.sents):
        # in text order within the sentence: the first is the main clause's act more often than
        # the first coded (control frames and verbs are coded before nouns)
        found = _sentence_events(ctx, lexicon, sent, s_index, out)
        kept: list[Event] = []
        for ev in sorted(found, key=lambda e: e.action_start or 0):
            if ev.id not in seen and not any(_same_act(ev, k) for k in kept):
                seen.add(ev.id)
                kept.append(ev)
        out.extend(kept)
    return date_retold_acts(out, lambda a, b: b in _chain(ctx, a))


def _same_act(a: Event, b: Event) -> bool:
    """One act coded twice, through a verb and through its noun ("engaged in talks with" and
    "talks with"): same sides and code, overlapping action words."""
    if (a.source, a.target, a.cameo) != (b.source, b.target, b.cameo):
        return False
    if None in (a.action_start, a.action_end, b.action_start, b.action_end):
        return False
    return a.action_start < b.action_end and b.action_start < a.action_end  # type: ignore[operator]


def _agrees_to_a_known_act(verb: Token, lexicon: EventLexicon) -> bool:
    """Whether a controlled clause under the verb is headed by a verb the lexicon codes as an act
    on another party ("agreed to lift the blockade"), not as a joint one ("agreed to build ports
    and restart flights")."""
    clauses = [x for c in verb.children if c.dep_ == "xcomp" for x in (c, *c.conjuncts)]
    for x in clauses:
        entries = lexicon.lookup(x.lemma_.lower(), "V")
        if entries and not any(e.has("sym") for e in entries):
            return True
    return False


def _pos(tok: Token) -> str | None:
    return _POS.get(tok.pos_)


def _sentence_events(
    ctx: DocContext, lexicon: EventLexicon, sent: Span, s_index: int, prior: list[Event]
) -> list[Event]:
    cands: list[tuple[Token, list[LexEntry]]] = []
    for tok in sent:
        pos = _pos(tok)
        if pos is None:
            continue
        entries = lexicon.lookup(tok.lemma_.lower(), pos)
        if not entries and pos == "V" and tok.lower_.endswith("ed"):
            entries = lexicon.lookup(tok.lower_[:-1], pos)  # "staged" lemmatised "stag"
        if entries and pos == "V" and (_carries_event_noun(tok, lexicon) or _object_is_a_span(tok)):
            # "held a phone call with", "gave a warning to": the noun names the act, through the
            # light verb; the verb's general sense ("hold" people, "give" aid) is not meant; nor
            # when what is "given" is time
            entries = [e for e in entries if not e.has("fallback")]
        if entries and pos == "V" and _agrees_to_a_known_act(tok, lexicon):
            # "agreed to lift the blockade": the agreed act is coded (or not) itself; the sides
            # did not agree with each other
            entries = [e for e in entries if not e.has("clause")]
        if entries and pos == "V" and claims_an_act(tok, lexicon):
            entries = []  # "claimed responsibility for the bombing" is the bombing, by the claimant
        if entries:
            cands.append((tok, entries))
    # expulsions said as orders first: their ordering verb is no demand of its own
    events, consumed = expulsion_events(ctx, lexicon, sent, s_index, prior[-_REPLY_LOOKBACK:])
    # demands said as obligations ("Russia must respect ..."): the obliged act is not done
    demands, obliged = demand_events(ctx, sent, s_index, prior[-_REPLY_LOOKBACK:] + events, consumed)
    recent = prior[-_REPLY_LOOKBACK:] + events
    events += (
        demands + verdict_events(ctx, sent, s_index, recent) + consequence_events(ctx, sent, s_index, recent)
    )
    consumed |= obliged
    if not cands:
        return events + warning_events(ctx, sent, s_index, consumed, prior[-_REPLY_LOOKBACK:] + events)
    frames: dict[int, tuple[str, Token]] = {}
    for tok, _ in cands:
        fr = _frame_of(tok)
        if fr is not None:
            frames[tok.i] = fr
    # governed actions first: a control verb whose action yields an event is used up by it;
    # then verbs and adjectives before nouns, so that "held talks" codes once, through the verb
    ordered = sorted(cands, key=lambda c: (c[0].i not in frames, c[0].pos_ == "NOUN", c[0].i))
    for tok, entries in ordered:
        if tok.i in consumed or not _may_be_event(tok):
            continue
        match = _match(ctx, tok, entries)
        if match is None:
            continue
        entry, args = match
        frame = frames.get(tok.i)
        if frame is not None and frame[1].i in consumed and not _coordinated_under(tok, frame[1]):
            frame = None  # (the second of "agreed to restore relations and to reopen embassies" keeps it)
        built = _build(ctx, sent, s_index, tok, entry, args, frame, prior[-_REPLY_LOOKBACK:] + events)
        if built or frame is None:
            consumed.update(w.i for w in args.words)
        if built and frame is not None:
            consumed.add(frame[1].i)
        events.extend(built)
    return events + warning_events(ctx, sent, s_index, consumed, prior[-_REPLY_LOOKBACK:] + events)


def _carries_event_noun(verb: Token, lexicon: EventLexicon) -> bool:
    """True when a light verb's direct object is an event noun of the lexicon ("held a call")."""
    return "light" in mod.verb_kinds(verb) and any(
        c.dep_ == "dobj" and lexicon.lookup(c.lemma_.lower(), "N") for c in verb.children
    )


def _object_is_a_span(verb: Token) -> bool:
    """True when the direct object is a stretch of time ("gave Qatari nationals two weeks to
    leave"): no thing changes hands, so the verb's general sense does not apply."""
    return any(
        c.ent_type_ in ("DATE", "TIME")
        and (
            c.dep_ == "dobj"
            # "two weeks" as a bare measure, not a point in time ("two weeks ago", "last week")
            or (
                c.dep_ == "npadvmod"
                and any(d.dep_ == "nummod" for d in c.children)
                and not any(d.lower_ in ("ago", "earlier", "later", "before", "after") for d in c.children)
            )
        )
        for c in verb.children
    )


def _coordinated_under(tok: Token, ctrl: Token) -> bool:
    """True when ``tok`` is a later conjunct of a clause ``ctrl`` governs: "agreed to restore
    relations and to reopen embassies" (reopen under agreed)."""
    cur = tok
    for _ in range(4):
        if cur.dep_ != "conj" or cur.head.i == cur.i:
            return False
        cur = cur.head
        if cur.head.i == ctrl.i and cur.dep_ in ("xcomp", "ccomp"):
            return True
    return False
