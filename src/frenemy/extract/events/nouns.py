"""An event noun's parties: its owner or modifier ("Iran's attack", "the Saudi-led blockade", "Israel-UAE
talks"), its agent ("by X"), the light verb's subject ("carried out an attack"), and its target
("on", "against", "between", a participle "targeting X")."""

from __future__ import annotations

from typing import TYPE_CHECKING

from frenemy.extract import modality as mod
from frenemy.extract.cameo import cameo_info
from frenemy.extract.events.actors import _actors, _actors_of_subject, _targets
from frenemy.extract.events.candidates import _VIOLENT_ROOTS, _Args
from frenemy.extract.events.gate import (
    _CIRCUMSTANCE_PREPS,
    _children,
    _is_passive,
    _may_be_event,
    _prep_objects,
)
from frenemy.extract.events.lists import the_list
from frenemy.extract.events.reach import flow_party, run_by

if TYPE_CHECKING:
    from spacy.tokens import Token

    from frenemy.extract.lexicon import EventLexicon, LexEntry
    from frenemy.nlp.context import DocContext, MentionSpan

# verbs whose subject performs the event noun they govern: light verbs ("carried out an attack"),
# plans and wishes ("plans an offensive"), and aspect verbs ("resumed talks with", "continued its
# attacks on", "maintained dialogue with")
_NOUN_GOVERNORS = frozenset({"light", "verb-future", "verb-hypothetical", "verb-aspect"})
# participles whose hyphenated actor does the act of the noun they modify ("Saudi-led blockade");
# not "Iran-backed" (a supporter) nor "US-brokered" (a mediator)
_DOER_PARTICIPLES = frozenset({"lead", "impose", "launch", "enforce", "orchestrate"})
_LED_BY_DEPS = frozenset({"npadvmod", "compound", "nmod", "advmod", "nsubj"})
# participles that name what an act on a noun is aimed at ("strikes targeting X", "aimed at X")
_AIMING_PARTICIPLES = frozenset({"target", "aim", "direct", "hit"})
# demands and accusations whose "that" clause names the party they are aimed at
_CONTENT_ROOTS = frozenset({"10", "11"})
# verbs by which an act draws a reaction from someone: "drew criticism from Jordan"
_PROVOKING = frozenset(
    {"draw", "spark", "prompt", "trigger", "provoke", "attract", "elicit", "earn", "receive"}
)
# a standing relation named by a pair ("the U.S.-Japan alliance") is a state, not an act
_STANDING = frozenset({"alliance", "relation", "relationship", "tie", "partnership", "friendship", "rivalry"})
# "claimed responsibility for the bombing": the claimant did the bombing
_CLAIMING_VERBS = frozenset({"claim", "accept", "acknowledge", "admit", "take"})


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
    if not src and entry.preps and "of" not in entry.preps and not entry.lists:
        # "the visit of the Chinese foreign minister to Moscow", "the withdrawal of Russian troops"
        ofs = _prep_objects([tok], frozenset({"of"}))
        src = _actors(ctx, ofs[0]) if ofs else []
    provoked = _provoked_by(ctx, tok) if not src else None
    if provoked is not None:
        # "Israel's decision drew criticism from Jordan": Jordan criticises Israel
        return _Args(provoked[0], provoked[1], words)
    if not src and light is not None:
        src = _actors_of_subject(ctx, light)
    # (also on the verb of a passive: "talks were held between A and B")
    sides = [tok] + ([light] if light is not None and tok.dep_ == "nsubjpass" else [])
    # or on a participle: "the agreement reached between Kosovo and Serbia"
    sides += [c for c in tok.children if c.dep_ == "acl" and c.tag_ == "VBN"]
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
    if not tgt and cameo_info(entry.cameo).root in ("03", "05", "07"):
        # "support for regional mediation led by Angola": support goes to whoever runs it
        tgt = [m for t in tgt_toks for c in (t, *t.conjuncts) for m in run_by(ctx, c)]
    if not src and tgt_toks and cameo_info(entry.cameo).root == "08":
        # the captor named on the captive releases them: "the release of a diplomat kidnapped by X"
        src = _captor(ctx, tok) or _captor(ctx, tgt_toks[0])
    return _Args(src, tgt, words, sym=entry.has("sym"), reply=entry.has("reply"), claimed=claimed)


def _provoked_by(ctx: DocContext, noun: Token) -> tuple[list[MentionSpan], list[MentionSpan]] | None:
    """(sources, targets) of a reaction noun that an act drew from someone: "Israel's decision drew
    criticism from Jordan" is Jordan's criticism of Israel; None for any other noun."""
    verb = noun.head
    if noun.dep_ != "dobj" or verb.lemma_.lower() not in _PROVOKING:
        return None
    givers = _prep_objects([noun, verb], frozenset({"from"}))
    if not givers:
        return None
    sources = _actors(ctx, givers[0])
    subject = next((c for c in verb.children if c.dep_ == "nsubj"), None)
    if subject is None or not sources:
        return None
    owners = [subject, *(c for c in subject.children if c.dep_ in ("poss", "compound", "amod"))]
    targets = next((found for o in owners if (found := _actors(ctx, o))), [])
    return (sources, targets) if targets else None


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
