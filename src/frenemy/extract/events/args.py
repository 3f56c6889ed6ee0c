"""Matching a lexicon entry against the parse: the action words and the actor candidates."""

from __future__ import annotations

from typing import TYPE_CHECKING

from frenemy.actors.data import landforms
from frenemy.extract import modality as mod
from frenemy.extract.cameo import cameo_info
from frenemy.extract.events.actors import (
    _actors,
    _actors_of_subject,
    _agent_of_subject,
    _miscoordinated_object,
    _same_actor,
    _targets,
)
from frenemy.extract.events.candidates import _VIOLENT_ROOTS, _Args
from frenemy.extract.events.gate import (
    _OBJECT_CONTROL,
    _causative,
    _children,
    _is_passive,
    _prep_objects,
)
from frenemy.extract.events.lists import list_args
from frenemy.extract.events.nouns import _noun_args
from frenemy.extract.events.reach import reach_targets
from frenemy.extract.events.weapons import _fired_from, _projectile_subject
from frenemy.extract.lexicon import LexEntry

if TYPE_CHECKING:
    from spacy.tokens import Token

    from frenemy.nlp.context import DocContext, MentionSpan


_RECIPROCAL = {"other", "another"}
# named entity types that are never the other party of a joint act ("signed a deal in May")
_NOT_PARTIES = frozenset(
    {"DATE", "TIME", "CARDINAL", "ORDINAL", "PERCENT", "MONEY", "QUANTITY", "LOC", "FAC"}
)
# ground a joint act moves on, never its other party: "India and China pulled back troops from the
# border", "withdrew from a disputed area"
_GROUND_NOUNS = frozenset({"border", "frontier", "area", "zone", "line", "territory", "position", "post"})
_OWN_COMPLEMENTS = frozenset({"prep", "dative", "ccomp", "xcomp", "advcl"})
_CAPTIVE_NOUNS = frozenset({"detainee", "prisoner", "captive", "hostage", "internee"})
_REACTION_ROOTS = frozenset({"01", "05", "11", "12"})  # comment, praise, criticise, reject


def _match(ctx: DocContext, tok: Token, entries: list[LexEntry]) -> tuple[LexEntry, _Args] | None:
    """The most specific entry that fits, preferring one whose parse gives actors on both sides."""
    first: tuple[LexEntry, _Args] | None = None
    pointing: tuple[LexEntry, _Args] | None = None  # one whose object is "these detainees"
    for entry in entries:
        args = _noun_args(ctx, tok, entry) if entry.pos == "N" else _verb_args(ctx, tok, entry)
        if args is None:
            continue
        if cameo_info(entry.cameo).quad_class >= 3:
            args.targets = [m for m in args.targets if not _unaffiliated(m)]
        if args.sources and (args.targets or args.sym):
            return entry, args
        if pointing is None and args.sources and args.captives is not None:
            pointing = entry, args
        if first is None:
            first = entry, args
    return pointing or first


def _unaffiliated(m: MentionSpan) -> bool:
    """A person known only by a name the text gives, with no country, parent or affiliation
    ("Foreign Minister Kuleba" alone, "Sheikh Nimr al-Nimr"): no party of a political dyad, as
    CAMEO coders skip names missing from their dictionaries. A title with a demonym ("Ukrainian
    Foreign Minister Dmytro Kuleba") or an entry in the actor data makes one a party."""
    a = m.actor
    return a.origin == "corpus" and a.type == "person" and not (a.parent or a.country or a.affiliations)


def _verb_args(ctx: DocContext, tok: Token, entry: LexEntry) -> _Args | None:
    causative = _causative(tok)
    # (a content clause on a noun with its own subject is active: "the claim that its forces had shot")
    passive = causative is not None or (
        _is_passive(tok) and not (tok.dep_ == "acl" and _children(tok, "nsubj"))
    )
    if passive and entry.has("nopassive"):
        return None
    if entry.has("clause") and not _children(tok, "xcomp"):
        return None  # "agreed to build ports" needs the clause agreed on
    if entry.lists:
        # "removed Cuba from its terrorism list", "added Huawei to a trade blacklist" (lists.py)
        listed = list_args(ctx, tok, entry, passive)
        return None if listed is None else _Args(*listed)
    words = [tok]
    if entry.particle:
        prt = [
            c
            for c in tok.children
            if c.lower_ == entry.particle
            and c.dep_ in ("prt", "advmod", "acomp", "oprd", "ccomp", "xcomp", "prep", "dobj")
        ]
        if not prt:
            return None
        words.append(prt[0])
    if entry.mods:
        mods = [c for c in tok.children if c.lemma_.lower() in entry.mods or c.lower_ in entry.mods]
        if not mods:
            return None
        words.append(mods[0])
    obj = _children(tok, ("dobj", "nsubjpass") if passive else ("dobj",))
    if passive and tok.dep_ == "relcl" and [o.lower_ for o in obj] in (["who"], ["which"], ["that"]):
        obj = [tok.head]  # "American citizens who are detained in China": the citizens
    if passive and tok.dep_ == "acl":
        obj = [tok.head]
    if causative is not None:
        obj = causative[1][:1]
    if not obj and not passive:
        # "to offer support and condemn reports of ...", misparsed: the modified noun is the object
        obj = [o for o in [_miscoordinated_object(tok)] if o is not None]
    if not obj and not passive:
        # shared object: "invaded and occupied Iraq"
        # (not across clauses: "did cooperate, but since 2001 Iran has detained members"; not
        # when the verb's own complement comes first: "called for calm and urged talks with X")
        obj = [
            o
            for c in tok.children
            if c.dep_ == "conj"
            and c.pos_ == "VERB"
            and not _children(c, ("nsubj", "nsubjpass"))
            and not any(d.dep_ in _OWN_COMPLEMENTS and tok.i < d.i < c.i for d in tok.children)
            for o in _children(c, "dobj")
        ][:1]
    if entry.objects and not entry.has("fallback"):
        # with no direct object, the required object may be the prepositional one ("withdrew from
        # the treaty"): the entry's preposition then names what is acted on, not the target
        pool = obj or (_prep_objects([tok], entry.preps) if entry.preps and not passive else [])
        found = [
            q
            for o in pool
            for q in [o, *_prep_objects([o], frozenset({"of"}))]
            if q.lemma_.lower() in entry.objects
        ][:1]
        if not found and obj and not entry.preps and not entry.amods:
            # "hit Russia with sanctions": the act's word in an instrumental "with"; the direct
            # object stays the party acted on
            inst = [q for q in _prep_objects([tok], frozenset({"with"})) if q.lemma_.lower() in entry.objects]
            if inst:
                words.extend([inst[0].head, inst[0]])
                found = obj[:1]
        if not found and obj and not passive and cameo_info(entry.cameo).root in _VIOLENT_ROOTS:
            # "missiles fired from Syria hit Israel": the projectile is the subject, the direct
            # object the side hit
            means = [
                s
                for s in _projectile_subject(tok)
                if s.lemma_.lower() in entry.objects or s.lower_.removesuffix("s") in entry.objects
            ]
            if means:
                words.append(means[0])
                found = obj[:1]
        obj = found
        if not obj:
            return None
        if entry.amods and not any(c.lemma_.lower() in entry.amods for c in obj[0].children):
            return None
        words.append(obj[0])
    if entry.preps:
        tgt_toks = _prep_objects([tok] + obj, entry.preps)
        other_named = any(_may_be_party(t) for t in tgt_toks)
        if not tgt_toks and "to" in entry.preps:
            tgt_toks = _children(tok, "dative")  # "offered Pakistan a loan" is "offered a loan to"
        if not tgt_toks:
            # one level further: "pledged 50 billion euros in aid to Ukraine"
            inner = [p for h in [tok, *obj] for c in _children(h, "prep") for p in _children(c, "pobj")]
            tgt_toks = _prep_objects(inner, entry.preps)
            other_named = other_named or any(_may_be_party(t) for t in tgt_toks)
        if not tgt_toks:
            if not entry.has("sym") and not entry.has("fallback"):
                return None
            # "met Putin" as well as "met with"; not the topic of a "topic" entry ("discussed the
            # downing of the Russian jet")
            tgt_toks = [o for o in obj if not entry.objects and not entry.has("topic")]
        for t in tgt_toks:
            words.append(t.head)
            if t.head.head in obj and obj[0] not in words:
                words.append(obj[0])  # "mediated a truce between A and B": the truce is used up
    else:
        other_named = False
        tgt_toks = obj
        if not tgt_toks and tok.lemma_ in _OBJECT_CONTROL:
            # "helped the Houthis build drones": the helped party is the clause's subject
            tgt_toks = [c for x in _children(tok, ("ccomp", "xcomp")) for c in _children(x, "nsubj")]
        if not tgt_toks and tok.pos_ == "ADJ":
            # "not letting one of his daughters free": the adjective's subject is the patient
            tgt_toks = _children(tok, "nsubj")
    if passive:
        agents = [p for c in _children(tok, "agent") for p in _children(c, "pobj")]
        src = _actors(ctx, agents[0]) if agents else []
        if not agents and causative is not None:
            src = _actors_of_subject(ctx, causative[0])  # the causer is the doer
        if not src and cameo_info(entry.cameo).root == "17":
            src = _held_in(ctx, tok)  # "two Canadians were detained in China": China holds them
    elif tok.pos_ == "ADJ":
        src = _actors_of_subject(ctx, tok.head)
    else:
        src = _actors_of_subject(ctx, tok) or _agent_of_subject(ctx, tok)
    if not src and cameo_info(entry.cameo).root in _VIOLENT_ROOTS:
        src = _fired_from(ctx, tok, passive)
    if passive and not src and entry.has("sym"):
        # "talks were held between A and B": a joint act's parties, with no agent of their own
        pair = [
            m
            for c in _children(tok, "prep")
            if c.lower_ == "between"
            for p in _children(c, "pobj")
            for m in _actors(ctx, p)
        ]
        if len(pair) > 1:
            return _Args(pair, [], words, sym=True)
    tgt = _targets(ctx, tgt_toks)
    captives = _captive_anaphor(tgt_toks[0]) if not tgt and len(tgt_toks) == 1 and not entry.preps else None
    # a joint act's other side named but unknown ("A and B cut ties with a militia") is not
    # the subjects' act on each other
    sym = entry.has("sym") and not (other_named and not tgt)
    if any(t.lemma_ in _RECIPROCAL for t in tgt_toks):
        sym, tgt = True, []  # "accused each other": both directions among the subjects
    elif not tgt and len(src) > 1 and any(_enemy(t) for t in tgt_toks) and _pair_claims(tok):
        # "India and Pakistan claim they shot down enemy airplanes": each side's enemy is the other
        # (said of their own act by a pair, not "US and Iraqi forces struck enemy positions")
        sym = True
    elif not tgt and captives is None and src and not (sym and len(src) > 1):
        # (a joint act of the subjects, "Ukraine and Russia held talks on the border", has no other side)
        if entry.preps and obj and cameo_info(entry.cameo).root == "08":
            # "returned a captured Indian pilot to his country": a yielded captive's own side,
            # when the entry's phrase names none
            # (not the doer's own troops: "withdrew its troops from the border with India")
            tgt = [
                m
                for m in _targets(ctx, obj)
                if not any(_same_actor(ctx, m.actor.id, s.actor.id) for s in src)
            ]
        if not tgt:
            # the other side one level further down; the topic of a "topic" entry is talked
            # about, not a party: "discussed the attack against Israel"
            tgt = reach_targets(ctx, tok, [] if entry.has("topic") else obj, entry.cameo)
    # "Seoul condemned the move": a reaction to an act named only by a bare noun answers the
    # latest act toward the reacting side (events/build.py), like a reply
    reply = entry.has("reply") or (
        not tgt and cameo_info(entry.cameo).root in _REACTION_ROOTS and _bare_act_noun(obj)
    )
    return _Args(src, tgt, words, sym=sym, reply=reply, captives=captives)


def _held_in(ctx: DocContext, verb: Token) -> list[MentionSpan]:
    """The state where people were seized or held ("were detained in China"): with no agent named,
    its authorities are the doer; a place that is no state names none."""
    # (also further on in the clause: "detained or subject to exit bans in China")
    places = [t for t in verb.subtree if t.i > verb.i and t.dep_ == "pobj" and t.head.lower_ == "in"]
    return [m for p in places[:1] for m in _actors(ctx, p) if m.actor.type == "state"]


def _bare_act_noun(objects: list[Token]) -> bool:
    """One object that names an act only by a noun with "the", "this" or "that" and no owner:
    "the move", "this decision", "the step"."""
    if len(objects) != 1:
        return False
    noun = objects[0]
    return (
        "decision" in mod.kinds(noun.lemma_)
        and any(c.dep_ == "det" and c.lower_ in ("the", "this", "that") for c in noun.children)
        and not any(c.dep_ in ("poss", "prep", "acl", "relcl", "compound") for c in noun.children)
    )


def _enemy(tok: Token) -> bool:
    """ "enemy airplanes", "the enemy's positions": a phrase that names the doer's foe, no actor."""
    return tok.lemma_.lower() == "enemy" or any(
        c.dep_ in ("compound", "amod", "poss") and c.lemma_.lower() == "enemy" for c in tok.children
    )


def _pair_claims(verb: Token) -> bool:
    """True when ``verb`` is what a coordinated pair says they did: "India and Pakistan claim
    they shot down ...", "Armenia and Azerbaijan said they had shelled ..."."""
    gov = verb.head
    if verb.dep_ != "ccomp" or gov.i == verb.i or "speech" not in mod.kinds(gov.lemma_):
        return False
    said_by = _children(gov, "nsubj") or ([gov] if gov.pos_ == "NOUN" else [])
    # (the small parser may make "claim" a noun and "India and Pakistan" its subject)
    return any(s.conjuncts for s in said_by) or any(
        c.dep_ == "nsubj" and c.conjuncts for s in said_by for c in s.children
    )


def _may_be_party(tok: Token) -> bool:
    """Whether a word after a joint act's preposition may name its other side ("cut ties with a
    new armed group"), not a date, an amount or a piece of ground ("pulled back from the border",
    "from the Himalayan Lake")."""
    if tok.ent_type_ in _NOT_PARTIES:
        return False
    if tok.ent_type_:
        return tok.lower_ not in landforms()
    return tok.lemma_.lower() not in _GROUND_NOUNS and tok.lemma_.lower() not in landforms()


def _captive_anaphor(tok: Token) -> Token | None:
    """The captive noun of a phrase that points back to people taken earlier: "these detainees",
    "a number of those prisoners". None for any other phrase ("the detainees" may be anyone)."""
    for t in (tok, *_prep_objects([tok], frozenset({"of"}))):
        if t.lemma_.lower() in _CAPTIVE_NOUNS and any(
            c.dep_ == "det" and c.lower_ in ("these", "those") for c in t.children
        ):
            return t
    return None
