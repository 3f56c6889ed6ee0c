"""The pair a claim is about: actors tied to the cue's clause, and the pair in focus."""

from __future__ import annotations

from collections.abc import Callable, Collection
from dataclasses import dataclass
from typing import TYPE_CHECKING

from frenemy.extract.claims.lexicon import (
    _HYPHENS,
    StanceLexicon,
)
from frenemy.extract.claims.syntax import (
    _mentions_in,
    _path,
)
from frenemy.models import ActorRef
from frenemy.nlp.context import MentionSpan

if TYPE_CHECKING:
    from spacy.tokens import Doc, Token

    from frenemy.nlp.context import DocContext


_CORE_DEPS = {"nsubj", "nsubjpass", "dobj", "attr", "dative"}


_PAIR_PREPS = {"with", "between", "among", "to", "toward", "towards", "against", "of"}


@dataclass
class _Focus:
    """The pair most recently in focus ("the two", "each other" stand for it)."""

    pair: tuple[ActorRef, ActorRef] | None = None


def _core_actors(
    ctx: DocContext,
    head: Token,
    verb: Token,
    lo: int,
    hi: int,
    groups: list[set[str]] | None = None,
    lex: StanceLexicon | None = None,
) -> list[tuple[int, MentionSpan]]:
    """Actors tied to the cue, with a rank (lower is closer to the relationship): 0 for the cue's
    own phrase ("the Iran-al-Qaeda relationship", "a deal with X"), 1 for the subjects of the
    verbs from the cue up to its clause verb, 2 for their objects (all inside the bounds).

    ``groups`` receives the actors that are objects of one one-sided preposition together ("ties
    with Saudi Arabia and the UAE"): they are on the same side, not a pair. A group named only as
    the modifier of its members ("GCC members, particularly Saudi Arabia") gives way to the
    members named."""
    found: list[tuple[int, MentionSpan]] = []

    def add_subtree(tok: Token, rank: int, side: bool = False) -> None:
        ms = _mentions_in(ctx, max(lo, tok.left_edge.i), min(hi, tok.right_edge.i + 1))
        if lex is not None and len(ms) > 1:
            ms = [m for m in ms if not _group_of_members(ctx, lex, m)] or ms
        for m in ms:
            found.append((rank, m))
        if side and groups is not None:
            # only coordinated objects are one side ("with Saudi Arabia and the UAE"), not an
            # object and its modifier ("with Turkey's NATO partnership")
            coordinated = _coordination(tok)
            ids = {m.actor.id for m in ms if m.end - 1 in coordinated or m.start in coordinated}
            if len(ids) > 1:
                groups.append(ids)

    own = ctx.mention_at(head.i)
    if own is not None:
        found.append((0, own))
    for child in head.children:
        if child.dep_ in {"compound", "poss", "amod", "nmod"}:
            add_subtree(child, 0)
        elif child.dep_ == "nsubj":
            add_subtree(child, 1)
        elif child.dep_ == "acl" and child.tag_ == "VBN":
            # "a backlash against Qatar led by Saudi Arabia and the UAE": the agent is a party
            for agent in (g for g in child.children if g.dep_ == "agent"):
                for pobj in agent.children:
                    if pobj.dep_ == "pobj":
                        add_subtree(pobj, 0, side=True)
        elif child.dep_ == "prep" and (
            child.lower_ in _PAIR_PREPS
            or (child.lower_ == "for" and lex is not None and lex.has("stance_noun", head))
        ):
            for pobj in child.children:
                if pobj.dep_ == "pobj":
                    add_subtree(pobj, 0, side=child.lower_ not in _TWO_SIDED)
    nodes = _path(head, verb)  # the cue's head too: verbal cues ("double-crossed al Qaeda")
    obj_rank = 2
    for k, node in enumerate(nodes):
        if k > 0 and nodes[k - 1].dep_ == "conj" and nodes[k - 1].pos_ in {"VERB", "AUX"}:
            # "stand with Ukraine and hold Russia accountable": above a coordinated verb, the
            # objects are another predicate's (the subject is still shared)
            obj_rank = 3
        for child in node.children:
            if not (lo <= child.i < hi):
                continue
            if child.dep_ in {"nsubj", "nsubjpass"}:
                # "Saudi Arabia, the UAE and Egypt lifted the blockade": the doers are one side
                add_subtree(child, 1, side=lex is not None and lex.has("directed_noun", head))
            elif child.dep_ in _CORE_DEPS or (child.dep_ == "conj" and node.dep_ in _CORE_DEPS):
                add_subtree(child, obj_rank)
            elif child.dep_ in {"ccomp", "oprd", "xcomp"} and child.pos_ == "ADJ":
                for subj in child.children:  # "hold the Russian government accountable"
                    if subj.dep_ in {"nsubj", "nsubjpass"}:
                        add_subtree(subj, obj_rank)
            elif child.dep_ == "prep" and (
                child.lower_ in {"with", "between", "against", "to"}
                or (k == 0 and node.pos_ == "VERB" and child.lower_ in {"by", "on", "upon"})
            ):  # "standing by his Russian counterpart", "relies on Russia": the cue verb's own
                for pobj in child.children:
                    if pobj.dep_ == "pobj":
                        add_subtree(pobj, obj_rank, side=child.lower_ not in _TWO_SIDED)
    # "Saudi Arabia will not let Iran undermine its security": the subject of a verb above the
    # clause (still inside the bounds) is a party too, after everyone closer
    cur = verb
    while cur.head.i != cur.i and lo <= cur.head.i < hi and cur.dep_ in {"ccomp", "xcomp", "advcl"}:
        cur = cur.head
        for child in cur.children:
            if child.dep_ in {"nsubj", "nsubjpass"} and lo <= child.i < hi:
                add_subtree(child, 4)
    return found


_TWO_SIDED = {"between", "among", "of"}


def _coordination(tok: Token) -> set[int]:
    """``tok`` and the words coordinated or in apposition with it, transitively."""
    out = {tok.i}
    stack = [tok]
    while stack:
        for c in stack.pop().children:
            if c.dep_ in {"conj", "appos"} and c.i not in out:
                out.add(c.i)
                stack.append(c)
    return out


def _group_of_members(ctx: DocContext, lex: StanceLexicon, m: MentionSpan) -> bool:
    """ "other GCC members": the mention only modifies a noun for members of it."""
    tok = ctx.doc[m.end - 1]
    head = tok.head
    if not (
        tok.dep_ in {"compound", "amod", "poss", "nmod"}
        and head.i >= m.end
        and ctx.mention_at(head.i) is None
        and lex.has("member_noun", head)
    ):
        return False
    # only when members are named with it ("GCC members, particularly Saudi Arabia", "including
    # X"); "al-Qaeda members who fled Afghanistan" are al-Qaeda's
    named = [c for c in head.children if c.dep_ in {"appos", "conj", "npadvmod"}]
    named += [
        g for c in head.children if c.dep_ == "prep" and c.lower_ in {"including", "like"} for g in c.children
    ]
    return any(ctx.mention_at(i) is not None for c in named for i in range(c.left_edge.i, c.right_edge.i + 1))


def _has_reciprocal(lex: StanceLexicon, doc: Doc, lo: int, hi: int) -> bool:
    return any(lex.match_at(doc, i, "reciprocal", hi) is not None for i in range(lo, hi))


def _choose_pair(
    candidates: list[tuple[int, MentionSpan]],
    focus: _Focus,
    reciprocal: bool,
    exclude: set[str],
    cue_at: int,
    nearby: Collection[str] | None = None,
    one_side: list[set[str]] | None = None,
    top: Callable[[str], str] | None = None,
) -> tuple[tuple[ActorRef, ActorRef] | None, bool]:
    """The pair a cue is about, and whether it came from the text (True) or from the focus.

    The focus pair wins when both its members are among the candidates and no other actor
    outranks them (a subject or object of the cue's own verb outranks an actor further away); otherwise the two best
    ranked (then nearest) distinct actors; one actor pairs with its partner in the focus only when
    the clause refers back to a pair ("each other") or the partner is ``nearby`` (named in the
    sentence, or referred to in the clause: "the group"). ``nearby=None`` allows any partner.
    Actors in one of the ``one_side`` groups are never paired with each other; with ``top``, names
    of one top actor ("the United States" and "our" in its statement) count as one actor."""
    fpair = focus.pair
    fids = {fpair[0].id, fpair[1].id} if fpair else set()
    ordered: dict[str, tuple[int, int, ActorRef]] = {}
    for rank, m in candidates:
        ref = m.actor.ref()
        if fpair and ref.id not in fids and m.actor.parent in fids:
            # "the Iranian regime" while Iran and al-Qaeda are in focus: speak of Iran
            ref = fpair[0] if fpair[0].id == m.actor.parent else fpair[1]
        if ref.id in exclude:
            continue
        dist = min(abs(m.start - cue_at), abs(m.end - 1 - cue_at))
        key = ref.id
        if top is not None:
            key = next((k for k, v in ordered.items() if top(v[2].id) == top(ref.id)), ref.id)
            if key != ref.id and (rank, dist) < ordered[key][:2]:
                del ordered[key]
                key = ref.id
        if key not in ordered or (rank, dist) < ordered[key][:2]:
            ordered[key] = (rank, dist, ref)
    refs = [r for _, _, r in sorted(ordered.values(), key=lambda x: (x[0], x[1]))]
    sides = one_side or []
    if len(refs) >= 2:
        ranked = sorted(ordered.values(), key=lambda x: (x[0], x[1]))
        focus_rank = max((ordered[f][0] for f in fids), default=99) if fids <= set(ordered) else 99
        # the focus pair wins unless an actor closer to the cue outranks one of its members
        if fpair and focus_rank <= ranked[1][0] and not any(fids <= g for g in sides):
            return fpair, True
        second = next((r for r in refs[1:] if not any({refs[0].id, r.id} <= g for g in sides)), None)
        if second is None:
            return None, False  # all on one side: "Saudi Arabia, the UAE and Egypt lifted the blockade"
        return (refs[0], second), True
    if len(refs) == 1:
        if fpair and refs[0].id in fids:
            partner = fpair[1] if fpair[0].id == refs[0].id else fpair[0]
            if reciprocal or nearby is None or partner.id in nearby:
                return fpair, reciprocal
        return None, False
    if reciprocal and fpair:
        return fpair, False
    return None, False


def _update_focus(ctx: DocContext, focus: _Focus, mentions: list[MentionSpan]) -> None:
    """Coordinated actors ("Iran and al-Qaeda", "the Iran-al-Qaeda relationship") become the focus."""
    doc = ctx.doc
    for a, b in zip(mentions, mentions[1:], strict=False):
        if a.actor.id == b.actor.id:
            continue
        between = [t.lower_ for t in doc[a.end : b.start]]
        if (
            between
            and all(w in {"and", "-", "–", "—", "&", "the", "group", "that", "became"} for w in between)
            and ("and" in between or between in (["-"], ["–"], ["—"]))
        ):
            focus.pair = (a.actor.ref(), b.actor.ref())
            return
        if not between and doc[a.end - 1].text in _HYPHENS:
            focus.pair = (a.actor.ref(), b.actor.ref())
            return
    distinct: dict[str, ActorRef] = {}
    for m in mentions:
        distinct.setdefault(m.actor.id, m.actor.ref())
    if focus.pair is None and len(distinct) == 2:
        a_ref, b_ref = distinct.values()
        focus.pair = (a_ref, b_ref)


_ANAPHORS = {"it", "its", "they", "them", "their", "both", "two"}


def nearby_actors(
    ctx: DocContext, lex: StanceLexicon, s_start: int, s_end: int, clause_lo: int, clause_hi: int
) -> set[str] | None:
    """Actors a one-actor claim may pair with from the focus: those named in the sentence; None
    (any) when the clause refers back to someone unnamed ("it", "the group", "the kingdom")."""
    doc = ctx.doc
    for t in doc[clause_lo:clause_hi]:
        if ctx.mention_at(t.i) is not None:
            continue
        if t.lower_ in _ANAPHORS and t.pos_ in {"PRON", "NUM", "DET"}:
            return None
        if (
            t.pos_ == "NOUN"
            and t.dep_ in {"nsubj", "nsubjpass", "dobj", "pobj", "poss", "attr"}
            and any(c.dep_ == "det" and c.lower_ in {"the", "this", "that"} for c in t.children)
            and not lex.has("relation_noun", t)
            and lex.match_at(doc, t.i, "stance") is None
            and lex.cue_for("stance_adj", t) is None
            and not lex.has("role_noun", t)
        ):
            return None
    out: set[str] = set()
    for i in range(s_start, s_end):
        m = ctx.mention_at(i)
        if m is not None:
            out.add(m.actor.id)
            if m.actor.parent:
                out.add(m.actor.parent)
    return out
