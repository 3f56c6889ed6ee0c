"""Matching a lexicon entry against the parse: the action words and the actor candidates."""

from __future__ import annotations

from dataclasses import dataclass
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
from frenemy.extract.events.gate import (
    _CIRCUMSTANCE_PREPS,
    _OBJECT_CONTROL,
    _causative,
    _children,
    _is_passive,
    _may_be_event,
    _prep_objects,
)
from frenemy.extract.events.lists import list_args, the_list
from frenemy.extract.events.reach import flow_party, reach_targets
from frenemy.extract.lexicon import EventLexicon, LexEntry

if TYPE_CHECKING:
    from spacy.tokens import Token

    from frenemy.nlp.context import DocContext, MentionSpan


# verbs whose subject performs the event noun they govern: light verbs ("carried out an attack"),
# plans and wishes ("plans an offensive"), and aspect verbs ("resumed talks with", "continued its
# attacks on", "maintained dialogue with")
_NOUN_GOVERNORS = frozenset({"light", "verb-future", "verb-hypothetical", "verb-aspect"})
_RECIPROCAL = {"other", "another"}
# named entity types that are never the other party of a joint act ("signed a deal in May")
_NOT_PARTIES = frozenset(
    {"DATE", "TIME", "CARDINAL", "ORDINAL", "PERCENT", "MONEY", "QUANTITY", "LOC", "FAC"}
)
# ground a joint act moves on, never its other party: "India and China pulled back troops from the
# border", "withdrew from a disputed area"
_GROUND_NOUNS = frozenset({"border", "frontier", "area", "zone", "line", "territory", "position", "post"})
# participles whose hyphenated actor does the act of the noun they modify ("Saudi-led blockade");
# not "Iran-backed" (a supporter) nor "US-brokered" (a mediator)
_DOER_PARTICIPLES = frozenset({"lead", "impose", "launch", "enforce", "orchestrate"})
_LED_BY_DEPS = frozenset({"npadvmod", "compound", "nmod", "advmod", "nsubj"})
# participles that name what an act on a noun is aimed at ("strikes targeting X", "aimed at X")
_AIMING_PARTICIPLES = frozenset({"target", "aim", "direct", "hit"})
_OWN_COMPLEMENTS = frozenset({"prep", "dative", "ccomp", "xcomp", "advcl"})
_CAPTIVE_NOUNS = frozenset({"detainee", "prisoner", "captive", "hostage", "internee"})
# what is fired, and the participles that say from where: "missiles fired from two locations in
# Armenia", "rockets launched from Lebanon"; the place fired from is the doer of a violent act
# (roots 18-20) that names no doer of its own
_PROJECTILES = frozenset(
    {"missile", "rocket", "shell", "mortar", "drone", "projectile", "bomb", "grenade", "artillery"}
    # the strikes that carry them: "Israeli air strikes hit Gaza"
    | {"strike", "airstrike", "barrage", "salvo", "shelling", "bombardment", "warplane", "jet"}
)
_FIRING_PARTICIPLES = frozenset({"fire", "launch", "shoot"})
_VIOLENT_ROOTS = frozenset({"18", "19", "20"})
# demands and accusations whose "that" clause names the party they are aimed at
_CONTENT_ROOTS = frozenset({"10", "11"})
# a standing relation named by a pair ("the U.S.-Japan alliance") is a state, not an act
_STANDING = frozenset({"alliance", "relation", "relationship", "tie", "partnership", "friendship", "rivalry"})
_REACTION_ROOTS = frozenset({"01", "05", "11", "12"})  # comment, praise, criticise, reject
# "claimed responsibility for the bombing": the claimant did the bombing
_CLAIMING_VERBS = frozenset({"claim", "accept", "acknowledge", "admit", "take"})


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


def _fired_from(ctx: DocContext, verb: Token, passive: bool) -> list[MentionSpan]:
    """The place a projectile came from, as the doer of what it did: "the cities were hit with
    missiles fired from two locations in Armenia", "rockets fired from Lebanon struck Israel"
    (the projectile as the subject of an active verb). [] without such a participle."""
    means = [p for c in _children(verb, "prep") if c.lower_ == "with" for p in _children(c, "pobj")]
    firing = [
        c
        for noun in means + ([] if passive else _projectile_subject(verb))
        if _is_projectile(noun)
        for c in noun.children
        if c.dep_ == "acl" and c.lemma_.lower() in _FIRING_PARTICIPLES
    ]
    if not passive and _misparsed_firing(verb) is not None:
        firing.append(verb.head)
    if verb.lemma_.lower() in _FIRING_PARTICIPLES and any(
        _is_projectile(s) for s in _children(verb, ("nsubj", "nsubjpass"))
    ):
        firing.append(verb)  # "rockets were fired from Gaza into Israel"
    for f in firing:
        for place in (p for a in _children(f, "prep") if a.lower_ == "from" for p in _children(a, "pobj")):
            # "from two locations in Armenia": the country the spots are in
            inner = [q for a in _children(place, "prep") if a.lower_ == "in" for q in _children(a, "pobj")]
            found = _actors(ctx, place) or [m for q in inner for m in _actors(ctx, q)]
            if found:
                return found
    return []


def _projectile_subject(verb: Token) -> list[Token]:
    """The projectile a verb's subject names ("missiles ... hit Israel"), also when the small
    parser took the participle for the main verb ("Missiles [fired from Syria] hit Israel" read as
    "Missiles fired ..., hit Israel"); [] when the subject is something else."""
    subj = _children(verb, "nsubj")
    if not subj:
        gov = _misparsed_firing(verb)
        subj = _children(gov, "nsubj") if gov is not None else []
    return [s for s in subj if _is_projectile(s)]


def _misparsed_firing(verb: Token) -> Token | None:
    """The firing verb a subjectless verb was hung on in "Rockets fired from Lebanon struck
    Israel" (parsed "Rockets fired from Lebanon, struck Israel"), or None."""
    gov = verb.head
    if verb.dep_ not in ("conj", "advcl") or gov.i > verb.i or _children(verb, ("nsubj", "nsubjpass")):
        return None
    if gov.lemma_.lower() not in _FIRING_PARTICIPLES or gov.tag_ not in ("VBD", "VBN"):
        return None
    return gov if any(_is_projectile(s) for s in _children(gov, "nsubj")) else None


def _is_projectile(tok: Token) -> bool:
    # (a sentence-initial "Rockets" may be tagged a proper noun and keep its plural as its lemma)
    return tok.lemma_.lower() in _PROJECTILES or tok.lower_.removesuffix("s") in _PROJECTILES


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


def _noun_args(ctx: DocContext, tok: Token, entry: LexEntry) -> _Args | None:
    words = [tok]
    if entry.mods and not any(c.lemma_.lower() in entry.mods for c in tok.children):
        return None
    light = _light_verb(tok)
    if light is not None and not _may_be_event(light):
        return None  # "designated Iran for having a secret deal", "refrained from launching an attack"
    claimant = _claimant_verb(tok)
    claimed = claimant is not None and cameo_info(entry.cameo).root in _VIOLENT_ROOTS
    src: list[MentionSpan] = []
    for c in tok.children:
        if c.dep_ in ("poss", "compound", "amod", "nmod"):
            m = ctx.mention_at(c.i)
            if m is not None and not (m.start <= tok.i < m.end):
                src = _actors(ctx, c)
                break
            if m is None and c.dep_ == "poss" and c.pos_ == "PRON":
                src = _actors(ctx, c)  # an open "its"/"their": the event side's own reading
                if src:
                    break
            if m is None and c.dep_ == "compound":
                # "Ukrainian drone attacks": the doer modifies the weapon that names the attack
                owners = [
                    d for d in c.children if d.dep_ in ("amod", "compound", "nmod") and ctx.mention_at(d.i)
                ]
                src = _actors(ctx, owners[0]) if owners else []
                if src:
                    break
        if c.dep_ == "amod" and c.lemma_.lower() in _DOER_PARTICIPLES:
            # "the Saudi-led blockade", "a US-imposed embargo": the leader is the doer
            src = [m for d in c.children if d.dep_ in _LED_BY_DEPS for m in _actors(ctx, d)]
            if src:
                break
    if not src:
        # (the parser may hang "by" on the target: "the attack on the embassy by protesters")
        holders = [tok, *_prep_objects([tok], frozenset({"of", "on", "against"}))]
        if tok.dep_ == "dobj" and not _is_passive(tok.head):
            holders.append(tok.head)  # or on the verb: "condemned the attack on X by Y"
        agents = [
            p
            for h in holders
            for c in h.children
            if c.dep_ in ("prep", "agent") and c.lower_ == "by"
            for p in _children(c, "pobj")
        ]
        if agents:
            src = _actors(ctx, agents[0])
    if not src and light is not None:
        src = _actors_of_subject(ctx, light)
    # (also on the verb of a passive: "talks were held between A and B")
    sides = [tok] + ([light] if light is not None and tok.dep_ == "nsubjpass" else [])
    between = [
        p
        for h in sides
        for c in h.children
        if c.dep_ == "prep" and c.lower_ == "between"
        for p in _children(c, "pobj")
    ]
    if between:
        pair = _actors(ctx, between[0])
        if src and not entry.has("sym"):
            # "Egypt's mediation between Israel and Hamas": the owner acts on each of the pair
            words.append(between[0].head)
            return _Args(src, [m for m in pair if all(m.actor.id != s.actor.id for s in src)], words)
        return _Args(pair, [], words, sym=True)
    if (
        entry.has("sym")
        and tok.lemma_.lower() not in _STANDING
        and len(pair := _dyad_modifier(ctx, tok)) == 2
    ):
        return _Args(pair, [], words, sym=True)  # "U.S.-Japan strategic cooperation", "Israel-UAE talks"
    holders = [tok] + ([light] if light is not None else [])
    if entry.lists:
        # "Japan's removal of South Korea from its white list": the party is the "of" object
        found = the_list(holders, entry)
        party = _prep_objects([tok], frozenset({"of"}))
        if found is None or not party:
            return None
        if not src:
            # the "by" agent hung on the list, or its owner: "from the terrorism list by the United States"
            owners = _prep_objects([found], frozenset({"by"})) or _children(found, "poss")
            src = _actors(ctx, owners[0]) if owners else []
        return _Args(src, _targets(ctx, party[:1]), [*words, found.head, found])
    if entry.preps:
        tgt_toks = _prep_objects(holders, entry.preps)
        if not tgt_toks:
            # "air strikes targeting Iranian nuclear facilities", "attacks aimed at Kurdish fighters"
            tgt_toks = _aimed_at(tok)
        if not tgt_toks and cameo_info(entry.cameo).root in _CONTENT_ROOTS:
            # "Caracas' accusations that the United States meddles", "demands that Qatar close
            # Al Jazeera": the subject of the noun's content clause
            tgt_toks = [
                s
                for c in tok.children
                if c.dep_ in ("acl", "ccomp") and any(m.lower_ == "that" for m in _children(c, "mark"))
                for s in _children(c, ("nsubj", "nsubjpass"))
            ]
        if not tgt_toks and "to" in entry.preps and light is not None:
            tgt_toks = _children(light, "dative")  # "gave Tanzania a grant" is "a grant to Tanzania"
        if not tgt_toks:
            # "an attack by Iran and its proxies on Israel": the parser hangs the target on the agent
            by_objs = [
                p
                for c in tok.children
                if c.dep_ in ("prep", "agent") and c.lower_ == "by"
                for p in _children(c, "pobj")
            ]
            tgt_toks = _prep_objects([q for p in by_objs for q in (p, *p.conjuncts)], entry.preps)
        violent_by_someone = bool(src) and cameo_info(entry.cameo).root in _VIOLENT_ROOTS
        if not tgt_toks and not entry.has("sym") and not claimed and not violent_by_someone:
            return None  # (an attack with a doer may still find whom it hit: events/build.py)
        words.extend(t.head for t in tgt_toks)
    else:
        tgt_toks = _prep_objects([tok], frozenset({"of"}))
    tgt = _targets(ctx, tgt_toks)
    if not tgt:
        # "an export permit for a shipment bound for South Korea": the party the goods go to
        tgt = [m for t in tgt_toks for m in flow_party(ctx, t)][:1]
    if not src and tgt_toks and cameo_info(entry.cameo).root == "08":
        # the captor named on the captive releases them: "the release of a diplomat kidnapped by X"
        src = _captor(ctx, tok) or _captor(ctx, tgt_toks[0])
    return _Args(src, tgt, words, sym=entry.has("sym"), reply=entry.has("reply"), claimed=claimed)


def _dyad_modifier(ctx: DocContext, noun: Token) -> list[MentionSpan]:
    """The two parties a hyphenated modifier names before a joint-act noun ("Israel-UAE talks",
    "U.S.-Japan cooperation"); fewer or more than two distinct actors give an empty list."""
    found: dict[str, MentionSpan] = {}
    hyphen = False
    for c in noun.children:
        if c.dep_ not in ("compound", "nmod", "amod", "dep") or c.i > noun.i:
            continue
        for t in c.subtree:
            hyphen = hyphen or t.text in ("-", "\u2013", "/")
            m = ctx.mention_at(t.i)
            if m is not None and not (m.start <= noun.i < m.end):
                found.setdefault(m.actor.id, m)
    return list(found.values()) if hyphen and len(found) == 2 else []


def claims_an_act(verb: Token, lexicon: EventLexicon) -> bool:
    """True when ``verb`` claims responsibility for an act of violence of the lexicon ("claimed
    responsibility for the bombing"): the act is coded with the claimant as its doer, and the
    claim itself (015) is not coded beside it."""
    return any(
        c.dep_ == "dobj"
        and c.lemma_.lower() == "responsibility"
        and any(
            (_claimant_verb(n) or n).i == verb.i
            and any(cameo_info(e.cameo).root in _VIOLENT_ROOTS for e in lexicon.lookup(n.lemma_.lower(), "N"))
            for p in _children(c, "prep")
            for n in _children(p, "pobj")
        )
        for c in verb.children
    )


def _aimed_at(noun: Token) -> list[Token]:
    """What a participle on an event noun says it is aimed at: the object of "targeting", the
    "at" phrase of "aimed at" / "directed at". [] without such a participle."""
    out: list[Token] = []
    for c in noun.children:
        if c.dep_ != "acl" or c.lemma_.lower() not in _AIMING_PARTICIPLES:
            continue
        out += _children(c, "dobj")
        out += [
            p for a in _children(c, "prep") if a.lower_ in ("at", "against") for p in _children(a, "pobj")
        ]
    return out


def _light_verb(noun: Token) -> Token | None:
    """The verb whose subject performs a nominal event ("Iran carried out an attack")."""
    head = noun.head
    if noun.dep_ in ("dobj", "attr", "nsubjpass") and mod.verb_kinds(head) & _NOUN_GOVERNORS:
        return head  # also "is considering sanctions", "plans an offensive" (flagged by modality)
    if (
        noun.dep_ == "pobj"
        and head.dep_ == "prep"
        and head.lower_ not in _CIRCUMSTANCE_PREPS  # "After the shootdown, A and B agreed"
        and "light" in mod.verb_kinds(head.head)
    ):
        return head.head  # "being in bed with", "engaged in talks"
    if noun.dep_ == "pobj" and head.lower_ == "with" and head.head.pos_ == "VERB":
        return head.head  # "retaliated with sanctions against"
    return _claimant_verb(noun)


def _claimant_verb(noun: Token) -> Token | None:
    """The verb of "claimed responsibility for the attack", whose subject did the act; None for
    any other noun."""
    prep, resp = noun.head, noun.head.head
    if noun.dep_ != "pobj" or prep.lower_ != "for" or resp.lemma_.lower() != "responsibility":
        return None
    verb = resp.head
    if resp.dep_ != "dobj" or verb.pos_ != "VERB" or verb.lemma_.lower() not in _CLAIMING_VERBS:
        return None
    return verb


def _captor(ctx: DocContext, captive: Token) -> list[MentionSpan]:
    for c in captive.children:
        if c.dep_ == "acl" and c.tag_ in ("VBN", "VBD"):
            for a in _children(c, "agent"):
                for p in _children(a, "pobj"):
                    return _actors(ctx, p)
    return []


def _captive_anaphor(tok: Token) -> Token | None:
    """The captive noun of a phrase that points back to people taken earlier: "these detainees",
    "a number of those prisoners". None for any other phrase ("the detainees" may be anyone)."""
    for t in (tok, *_prep_objects([tok], frozenset({"of"}))):
        if t.lemma_.lower() in _CAPTIVE_NOUNS and any(
            c.dep_ == "det" and c.lower_ in ("these", "those") for c in t.children
        ):
            return t
    return None
