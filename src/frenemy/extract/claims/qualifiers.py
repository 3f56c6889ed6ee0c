"""What qualifies a claim: negation, hedging, caveats, conditionals, unknown counterparts."""

from __future__ import annotations

from typing import TYPE_CHECKING

from frenemy.extract.claims.lexicon import (
    CueMatch,
    StanceLexicon,
)
from frenemy.extract.claims.syntax import (
    _path,
)
from frenemy.models import ActorRef
from frenemy.nlp.context import Attribution

if TYPE_CHECKING:
    from spacy.tokens import Token

    from frenemy.nlp.context import DocContext


def _said_to_be_over(lex: StanceLexicon, head: Token) -> bool:
    """ "the rivalry with Hamas is over", "the blockade is forgotten": the cue names a relationship
    its own predicate ends."""
    if head.dep_ not in {"nsubj", "nsubjpass"}:
        return False
    pred = head.head
    if pred.dep_ != "ROOT" and pred.dep_ not in {"ccomp", "conj", "relcl", "advcl"}:
        return False
    if lex.has("ended", pred) and pred.pos_ in {"VERB", "ADJ"}:
        return not any(c.dep_ == "aux" and c.lower_ in {"will", "would", "could"} for c in pred.children)
    return any(
        c.dep_ in {"acomp", "advmod", "prt", "attr"} and lex.has("ended", c) and c.i > pred.i
        for c in pred.children
    )


def _lessened(lex: StanceLexicon, head: Token) -> bool:
    """ "lowers tensions", "ease the rivalry": the cue is the object of a verb that lessens it, so
    the claim leans the other way (cooperative for a hostile cue), not merely "not hostile"."""
    return head.dep_ == "dobj" and head.head.pos_ == "VERB" and lex.has("lessening", head.head)


def _negated(
    ctx: DocContext, lex: StanceLexicon, m: CueMatch, head: Token, verb: Token, lo: int, hi: int
) -> bool:
    doc = ctx.doc
    if _said_to_be_over(lex, head):
        return True
    path = _path(head, verb)
    # "no justification for the blockade": a negation above a presupposing noun stays there
    cut = next((k for k, node in enumerate(path) if node.i != head.i and lex.has("presupposing", node)), None)
    if cut is not None:
        path = path[:cut]
    # the parse-independent window below may not reach past a presupposing word above the cue
    barrier = max(
        (a.i for a in head.ancestors if lo <= a.i < m.start and lex.has("presupposing", a)), default=-1
    )
    for node in path:
        for child in node.children:
            # a negator after the cue does not negate it ("rivals, not partners")
            if not (lo <= child.i < hi) or child.i >= m.start:
                continue
            if child.dep_ == "neg" or (child.dep_ == "det" and child.lower_ == "no"):
                return True
            # one-word negators only: "rather than X, Y" negates X (seen from above), not Y
            if child.dep_ in {"advmod", "prep", "preconj"} and child.lower_ in {
                "never",
                "hardly",
                "without",
                "neither",
            }:
                return True
        if node.i != head.i and lo <= node.i < hi and node.lower_ in {"without"}:
            return True
        # "rather than X", "instead of X": the negator governs the cue from above
        if node.lower_ in {"than", "of", "from"} and node.head.i != node.i:
            prev = node.head
            if prev.lower_ in {"rather", "instead", "far"} and lo <= prev.i < hi:
                return True
    # parse-independent window: "not one of alliance", "no longer allies"
    for j in range(max(lo, m.start - 4, barrier + 1), m.start):
        if doc[j].lower_ in {"not", "n't", "never", "no", "without"} and ctx.sentence_index(
            j
        ) == ctx.sentence_index(m.start):
            return True
    return False


def _hedged(
    ctx: DocContext, lex: StanceLexicon, att: Attribution | None, verb: Token, lo: int, hi: int
) -> bool:
    """A hedge word in the cue's clause (not inside someone else's nested speech), or a hedging
    verb above it ("seems to have sparked")."""
    doc = ctx.doc
    lo2 = max(lo, verb.left_edge.i)
    hi2 = min(hi, verb.right_edge.i + 1)
    for i in range(lo2, hi2):
        hm = lex.match_at(doc, i, "hedge", hi2)
        if hm is None or ctx.attribution_at(i) is not att:
            continue
        # "as some have argued" hedges the nested speech it introduces, not this claim
        if any(
            other is not att and other.cue_start is not None and hm.start <= other.cue_start < hm.end + 2
            for other in ctx.attributions
        ):
            continue
        return True
    # a hedging verb above the clause verb inside the bounds ("seems to have sparked")
    cur = verb
    while cur.head.i != cur.i and lo <= cur.head.i < hi:
        cur = cur.head
        if lex.has("hedge", cur):
            return True
    return False


def _hypothetical(lex: StanceLexicon, head: Token, s_start: int, s_end: int) -> bool:
    """ "If Turkey and Russia were allies, ...": a cue inside a conditional clause asserts nothing."""
    cur = head
    while True:
        for child in cur.children:
            if child.dep_ == "mark" and lex.has("hypothetical", child):
                return True
        if cur.head.i == cur.i or not (s_start <= cur.head.i < s_end):
            return False
        cur = cur.head


def _appealed(lex: StanceLexicon, head: Token, s_start: int, s_end: int) -> bool:
    """ "urged direct dialogue between Azerbaijan and Armenia", "called for closer ties": a
    relationship someone asks for is not said to exist (``appeal`` verbs, with their preposition
    when they need one: "call for")."""
    cur = head
    while cur.head.i != cur.i and s_start <= cur.head.i < s_end:
        up = cur.head
        if up.pos_ in {"VERB", "AUX"}:
            words = lex.cues.get("appeal", {}).get(up.lemma_.lower(), [])
            for cue in words:
                rest = cue.words[1:]
                if not rest and cur.dep_ in {"dobj", "xcomp", "ccomp"}:
                    return True
                if rest and cur.dep_ == "prep" and cur.lower_ == rest[0]:
                    return True
            return False
        if up.pos_ == "ADP" or cur.dep_ in {"pobj", "conj", "appos"}:
            cur = up
            continue
        return False
    return False


def _note_caveats(
    ctx: DocContext,
    lex: StanceLexicon,
    sent: object,
    s_index: int,
    caveats: dict[str, tuple[int, int]],
    voice: ActorRef | None,
) -> None:
    """A speaker who warns their judgements are provisional ("judgments should remain tentative")
    hedges their claims that follow within four sentences."""
    doc = ctx.doc
    s_start, s_end = sent.start, sent.end  # type: ignore[attr-defined]
    for i in range(s_start, s_end):
        if lex.match_at(doc, i, "caveat", s_end) is None:
            continue
        att = ctx.attribution_at(i)
        if att is None:  # "X says that the sample is small, so judgments should remain tentative"
            att = next(
                (a for a in ctx.attributions if a.cue_start is not None and s_start <= a.cue_start < i), None
            )
        who = att.speaker if att else voice
        if who is not None:
            caveats[who.id] = (s_index, i)


def _unknown_counterpart(ctx: DocContext, lex: StanceLexicon, head: Token) -> bool:
    """ "It stood with Syria against its enemies": a role noun owned by an unresolved pronoun and
    not said of anyone names no pair we can tell."""
    if not lex.has("role_noun", head) or head.dep_ in {"attr", "acomp", "oprd"} or head.head.lower_ == "as":
        return False
    return any(c.dep_ == "poss" and c.pos_ == "PRON" and ctx.mention_at(c.i) is None for c in head.children)
