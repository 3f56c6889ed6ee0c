"""The general target search: the other side of an act, one level below where the entry looks.

News prose often puts the target one step further down than a lexicon pattern reaches: in a clause
complement ("demanded that North Korea abandon ..."), in a prepositional phrase on the object
("threatened further action against Russia", "withdrew from the treaty with the United States"),
in the object's agent ("rejected calls by the United Nations"), as an indirect object ("give
Tanzania a grant") or in an infinitive on the object ("signed an agreement to normalize relations
with Israel"). ``reach_targets`` tries these in that order of closeness and stops at the first that
names an actor. It is used only when the matched entry found no target of its own.
"""

from __future__ import annotations

from typing import TYPE_CHECKING

from frenemy.extract import modality as mod
from frenemy.extract.cameo import cameo_info
from frenemy.extract.events.actors import _actors
from frenemy.extract.events.gate import _children

if TYPE_CHECKING:
    from spacy.tokens import Token

    from frenemy.nlp.context import DocContext, MentionSpan

# Prepositions on an object noun that introduce the party an act is aimed at or done with.
_TARGET_PREPS = frozenset({"against", "with", "to", "toward", "towards", "at", "on", "for", "into", "over"})
# Roots whose object is itself someone's act, whose author is the target: "rejected calls by X",
# "condemned the attack by X" (the attack's own target is not the condemned party)
_AUTHOR_ROOTS = frozenset({"01", "10", "11", "12"})
_AUTHOR_CODES = frozenset({"051"})  # "commended steps taken by the Ethiopian government"
_INFINITIVE_DEPS = ("acl", "relcl")
# participles on a noun that name its parties: "disputes involving Qatar", "a war pitting A against B"
_PARTY_PARTICIPLES = frozenset({"involve", "pit", "concern"})
# participles whose agent runs the thing they modify: "mediation led by Angola", "talks hosted by Qatar"
_RUN_BY_PARTICIPLES = frozenset(
    {"lead", "host", "broker", "sponsor", "facilitate", "chair", "organize", "organise"}
)

# Roots whose that-clause names the party addressed: "demanded that North Korea abandon ..."
# (not "warned that China could arm Russia", which reports a third party's act)
_ADDRESSEE_ROOTS = frozenset({"02", "10"})
# Roots whose that-clause subject is the party disapproved of: "complained that the United States
# displayed double standards" (an active subject only)
_ABOUT_ROOTS = frozenset({"11"})
_OWN = frozenset({"its", "their", "his", "her", "our"})
_RELATION_NOUNS = frozenset({"relation", "relations", "relationship", "tie", "ties"})
# prepositions on goods, trade or travel that name the party they go to, come from or are with
# ("exports to", "imports from", "trade with", "exports of Turkish fruit")
_FLOW_PREPS = frozenset({"to", "for", "from", "of", "with"})


def reach_targets(ctx: DocContext, verb: Token, objects: list[Token], cameo: str) -> list[MentionSpan]:
    """Actors one level below ``verb`` and its ``objects`` (see the module docstring), or []."""
    for t in _children(verb, "dative"):
        found = _actors(ctx, t)
        if found:
            return found
    author_first = cameo_info(cameo).root in _AUTHOR_ROOTS or cameo_info(cameo).code in _AUTHOR_CODES
    # the objects, and the objects of the verb's own prepositions ("withdrew from the treaty with")
    # (not the subject's own place: "deployed troops to its border with the United States")
    holders = list(objects) + [
        p
        for c in _children(verb, "prep")
        for p in _children(c, "pobj")
        if not any(d.dep_ == "poss" and d.lower_ in _OWN for d in p.children)
    ]
    for h in holders:
        found = _by_agent(ctx, h, h in objects) if author_first else []
        if not found and not author_first:
            # "placed export controls on materials used by South Korea's chip industry"
            found = _noun_pps(ctx, h) or flow_party(ctx, h)
        if found:
            return found
    if not author_first:
        # "mediated disputes in or involving Lebanon": the parser coordinates the participle with
        # the verb's preposition, so the parties hang on the verb, not on the object
        for c in _children(verb, "prep"):
            for p in c.conjuncts:
                if p.lemma_.lower() in _PARTY_PARTICIPLES:
                    found = [m for o in _children(p, "dobj") for m in _actors(ctx, o)]
                    if found:
                        return found
    root = cameo_info(cameo).root
    if root in _ADDRESSEE_ROOTS:
        # "called for an end to fighting between Sudan and South Sudan": asked of both sides
        pair = _pair_between(ctx, holders)
        if pair:
            return pair
    for c in _children(verb, "ccomp") if root in _ADDRESSEE_ROOTS | _ABOUT_ROOTS else []:
        subject_deps = ("nsubj", "nsubjpass") if root in _ADDRESSEE_ROOTS else ("nsubj",)
        for s in _children(c, subject_deps):  # "demanded that North Korea abandon"
            found = _actors(ctx, s) if c.i > verb.i else []
            if found:
                return found
    # a controlled complement that names no event of its own ("refused to extend the deadline for
    # the United States"); not a clause with its own subject ("warned that China could arm Russia")
    for c in verb.children:
        if c.i < verb.i or not (c.dep_ == "xcomp" or (c.dep_ == "ccomp" and not _children(c, "nsubj"))):
            continue
        for o in _children(c, "dobj"):
            found = _actors(ctx, o) or _noun_pps(ctx, o)
            if found:
                return found
        found = _noun_pps(ctx, c)
        if found:
            return found
    if author_first:
        return _owner_of_reason(ctx, verb, objects) or _named_in_elaboration(ctx, verb, objects)
    # an infinitive on the object, not a purpose clause on the verb ("sent troops ... to deter Iran")
    clauses = [c for o in objects for c in o.children if c.dep_ in _INFINITIVE_DEPS and _is_infinitive(c)]
    for c in clauses:
        for o in _children(c, "dobj"):  # "an agreement to normalize relations with Israel"
            found = _noun_pps(ctx, o)
            if found:
                return found
        found = _noun_pps(ctx, c)
        if found:
            return found
    return []


def flow_party(ctx: DocContext, noun: Token, depth: int = 0, carried: bool = False) -> list[MentionSpan]:
    """The party goods, trade or travel go to, come from or serve, which a measure on them is aimed
    at: "exports to South Korea", "trade with Iran", "a shipment of materials headed for the South
    Korean chip industry", "materials used by South Korea's chipmakers". [] for a noun that names no
    such flow (kind "flow" in resources/events/modality.tsv) or one with no party named."""
    if not carried and "flow" not in mod.kinds(noun.lemma_.lower()):
        return []
    for c in noun.children:
        if c.dep_ == "prep" and c.lower_ in _FLOW_PREPS:
            for p in _children(c, "pobj"):
                # (what a flow carries: "a shipment of materials headed for ...", "exports of
                # onions to Bangladesh")
                found = _actors(ctx, p) or (
                    flow_party(ctx, p, depth + 1, c.lower_ == "of") if depth < 2 else []
                )
                if found:
                    return found
        elif c.dep_ == "acl" and "flow-bound" in mod.verb_kinds(c):
            # the participle's agent or destination: "used by X", "bound for X", "destined for X"
            for a in c.children:
                if a.dep_ == "agent" or (a.dep_ == "prep" and a.lower_ in _FLOW_PREPS):
                    for p in _children(a, "pobj"):
                        found = _actors(ctx, p)
                        if found:
                            return found
    return []


def _owner_of_reason(ctx: DocContext, verb: Token, objects: list[Token]) -> list[MentionSpan]:
    """ "thanked the Foreign Minister for Qatar's role", "criticized the envoy for his country's
    stance": a person thanked or blamed by role alone stands for the owner of what earns it, the
    possessor in the "for" phrase (on the verb or on the object). [] without one."""
    for h in (verb, *objects):
        for c in h.children:
            if c.dep_ != "prep" or c.lower_ != "for":
                continue
            for p in _children(c, "pobj"):
                for d in _children(p, "poss"):
                    found = _actors(ctx, d)
                    if found:
                        return found
    return []


def _named_in_elaboration(ctx: DocContext, verb: Token, objects: list[Token]) -> list[MentionSpan]:
    """ "X criticized the move, saying Saudi Arabia could not ...": an act named only by a bare
    noun ("the move", "the decision") is the act of the party the speaker's own gloss is about,
    the subject of a speech participle on the verb. [] without such an object or gloss."""
    if not objects or any(_actors(ctx, o) for o in objects):
        return []
    for c in _children(verb, "advcl"):
        if c.tag_ != "VBG" or c.i < verb.i or "speech" not in mod.kinds(c.lemma_):
            continue
        for clause in _children(c, "ccomp"):
            for s in _children(clause, ("nsubj", "nsubjpass")):
                found = _actors(ctx, s)
                if found:
                    return found
    return []


def _pair_between(ctx: DocContext, objects: list[Token]) -> list[MentionSpan]:
    """The actors of the first "between" phrase inside what is asked for, when there are two or
    more ("an end to the fighting between A and B"); [] otherwise."""
    for o in objects:
        for t in o.subtree:
            if t.dep_ == "prep" and t.lower_ == "between":
                found = [m for p in _children(t, "pobj") for m in _actors(ctx, p)]
                if len({m.actor.id for m in found}) > 1:
                    return found
    return []


def run_by(ctx: DocContext, noun: Token) -> list[MentionSpan]:
    """Who runs what a noun names, by a participle's agent: "mediation and dialogue led by Angola
    and the East African Community" -> Angola, the EAC; [] without one."""
    for c in noun.children:
        if c.dep_ == "acl" and c.lemma_.lower() in _RUN_BY_PARTICIPLES:
            found = [m for a in _children(c, "agent") for p in _children(a, "pobj") for m in _actors(ctx, p)]
            if found:
                return found
    return []


def _noun_pps(ctx: DocContext, head: Token, depth: int = 0) -> list[MentionSpan]:
    for c in head.children:
        if c.dep_ == "prep" and c.lower_ in _TARGET_PREPS:
            for p in _children(c, "pobj"):
                found = _actors(ctx, p)
                if not found and depth == 0 and p.lemma_.lower() in _RELATION_NOUNS:
                    # "warned of consequences for relations with Turkey": the relation's other side
                    found = _noun_pps(ctx, p, depth + 1)
                if not found and depth == 0:
                    found = flow_party(ctx, p)  # "imposed restrictions on exports to South Korea"
                if found:
                    return found
        elif c.dep_ == "acl" and c.lemma_.lower() in _RUN_BY_PARTICIPLES:
            found = run_by(ctx, head)
            if found:
                return found
        elif c.dep_ == "acl" and c.lemma_.lower() in _PARTY_PARTICIPLES:
            for p in _children(c, "dobj"):  # "mediated disputes involving Qatar and its neighbours"
                found = _actors(ctx, p)
                if found:
                    return found
    return []


def _by_agent(ctx: DocContext, head: Token, participles: bool) -> list[MentionSpan]:
    # the object's own agent, or that of a participle on it ("commended steps taken by the
    # government"; not on a circumstance: "In comments carried by IRNA, X criticized the move")
    holders = [head] + (
        [c for c in head.children if c.dep_ == "acl" and c.tag_ == "VBN"] if participles else []
    )
    if participles and head.dep_ == "dobj" and not any(c.dep_ == "auxpass" for c in head.head.children):
        holders.append(head.head)  # the parser's "by" on the active verb: "condemned the attack on X by Y"
    for c in (c for h in holders for c in h.children):
        # (or the pair it was reached between: "welcomes the agreement reached between A and B")
        if c.dep_ in ("prep", "agent") and c.lower_ in ("by", "between"):
            for p in _children(c, "pobj"):
                found = _actors(ctx, p)
                if found:
                    return found
    return []


def _is_infinitive(tok: Token) -> bool:
    return tok.pos_ == "VERB" and any(c.dep_ == "aux" and c.lower_ == "to" for c in tok.children)
