"""The actors behind a phrase: subjects through control and coordination, noun-phrase owners, pairs."""

from __future__ import annotations

from collections import deque
from dataclasses import replace
from typing import TYPE_CHECKING

from frenemy.actors.data import agent_lexicon
from frenemy.extract import modality as mod
from frenemy.extract.events.gate import (
    _OBJECT_CONTROL,
    _REL_PRONOUNS,
    _children,
    _decider,
    _decision_taken,
    _first_to,
)
from frenemy.extract.events.voice import statement_side
from frenemy.nlp.context import MentionSpan

if TYPE_CHECKING:
    from spacy.tokens import Token

    from frenemy.models import ActorRef
    from frenemy.nlp.context import DocContext


# Dependents searched, breadth first, for the actor behind a noun phrase ("children of bin Laden").
_NP_DEPS = {"compound", "poss", "amod", "nmod", "appos", "prep", "pobj", "npadvmod", "nummod"}
_NP_PREPS = {"of", "including", "among"}
_LINK_PARTICIPLES = {"relate", "link", "tie", "belong", "connect", "affiliate", "ally", "align"}
_LINK_ADJECTIVES = {"close", "loyal", "allied", "aligned", "affiliated", "linked", "tied", "connected"}
# participles whose agents act alongside the clause's subjects: "A and B, joined by C, cut ties"
_JOINING_PARTICIPLES = frozenset({"join", "accompany"})  # not "backed by": a supporter is no doer
_PLACE_OF_PEOPLE = frozenset({"in", "from"})
_SELF_PRONOUNS = frozenset({"it", "its"})  # a state or organisation speaking of itself
_FIRST_PERSON = frozenset({"i", "we", "me", "us", "my", "our"})  # a quoted speaker of themselves
_PAIR_WINDOW = 2  # sentences back that "the two" may reach
_PERSON_PAIR_NOUNS = frozenset({"leader", "president", "man", "minister", "official", "diplomat", "envoy"})
_STATE_PAIR_NOUNS = frozenset(
    {"country", "nation", "state", "government", "neighbour", "neighbor", "capital"}
)


def _subject_token(tok: Token) -> Token | None:
    """The doer of a verb, following control, coordination and relative clauses."""
    cur = tok
    for _ in range(7):
        # above an xcomp, a passive subject is the doer too: "is expected to announce", "was forced to free"
        subj_deps = ("nsubj",) if cur.i == tok.i else ("nsubj", "nsubjpass")
        subj = next((c for c in cur.children if c.dep_ in subj_deps), None)
        if subj is not None:
            if subj.lower_ in _REL_PRONOUNS and cur.dep_ == "relcl":
                return cur.head
            return subj
        dep, gov = cur.dep_, cur.head
        if gov.i == cur.i:
            return None
        decider = _decider(cur)
        if decider is not None:
            return decider  # "the decision by Saudi Arabia to lift the embargo"
        if _first_to(cur):
            if gov.dep_ != "attr":
                return gov  # "the first South Korean leader to visit Pyongyang"
            cur = gov.head  # "Moon would be the first leader to visit": the copula's subject
            continue
        if _decision_taken(cur):
            cur = gov.head  # "Israel made the decision to cut ties": the maker decided
            continue
        if dep in ("xcomp", "ccomp"):
            obj = next((c for c in gov.children if c.dep_ == "dobj"), None)
            if obj is not None and (
                {"appeal", "demand"} & mod.kinds(gov.lemma_) or gov.lemma_ in _OBJECT_CONTROL
            ):
                return obj  # object control: "urged Iran to release"
            cur = gov
        elif dep == "conj" and cur.pos_ in ("VERB", "AUX") and gov.pos_ in ("VERB", "AUX"):
            cur = gov
        elif (shared := _miscoordinated_object(cur)) is not None:
            # "to offer support and condemn reports", parsed with "condemn" inside the object's
            # modifier: the verb shares the subject of the verb that governs that object
            cur = shared.head
        elif dep == "advcl" and _is_infinitive_clause(cur):
            cur = gov  # "spoke with Kuleba to offer support": the purpose is the subject's own
        elif dep == "advcl" and _trailing_participle(cur):
            cur = gov  # "severed ties with Iran, accusing Tehran of ...": the clause's subject
        elif dep == "advcl" and not any(c.dep_ == "mark" for c in cur.children):
            return None  # a loose participle before its clause has no certain doer
        elif dep == "advcl" and _is_infinitive_clause(gov) and gov.dep_ == "acl" and gov.head.dep_ == "dobj":
            # "supported efforts to limit X while maintaining dialogue with Y", the adjunct hung on
            # the infinitive: an adjunct's doer is the clause's subject, not the noun's
            cur = gov.head.head
        elif dep == "pcomp" and gov.lower_ in ("of", "for") and gov.head.pos_ == "VERB":
            obj = next((c for c in gov.head.children if c.dep_ == "dobj"), None)
            if obj is not None:
                return obj  # "thanked Qatar for hosting": Qatar hosted
            cur = gov
        elif dep == "prep" and cur.lower_ == "of" and gov.pos_ == "NOUN" and _children(gov, "poss"):
            return _children(gov, "poss")[0]  # "its big mistake of executing X": the owner did it
        elif dep in ("advcl", "pcomp", "prep", "acomp", "oprd") and gov.pos_ in (
            "VERB",
            "AUX",
            "ADP",
            "SCONJ",
        ):
            cur = gov
        else:
            return None
    return None


def _trailing_participle(verb: Token) -> bool:
    """ "X did A, accusing Y of B": a present participle set off by a comma after its clause, whose
    doer English takes to be the clause's subject (not one before the clause or with a subject)."""
    gov = verb.head
    if verb.tag_ != "VBG" or verb.i < gov.i or any(c.dep_ in ("nsubj", "mark") for c in verb.children):
        return False
    return verb.i > 0 and verb.doc[verb.i - 1].text == ","


def _is_infinitive_clause(verb: Token) -> bool:
    return verb.tag_ == "VB" and any(c.dep_ == "aux" and c.lower_ == "to" for c in verb.children)


def _miscoordinated_object(verb: Token) -> Token | None:
    """The object of a verb the small parser coordinated with a noun modifier: in "to offer support
    and condemn reports of ...", "condemn" is a conjunct of "support", which modifies "reports";
    the verb's object is "reports". None for any other verb (or one with an object of its own)."""
    if verb.pos_ != "VERB" or verb.dep_ != "conj" or any(c.dep_ == "dobj" for c in verb.children):
        return None
    noun = verb.head
    if noun.pos_ != "NOUN" or noun.dep_ not in ("nmod", "compound") or noun.head.pos_ != "NOUN":
        return None
    if noun.head.i < verb.i or noun.head.dep_ != "dobj" or noun.head.head.pos_ != "VERB":
        return None
    return noun.head


def _stranded_subjects(ctx: DocContext, verb: Token) -> list[MentionSpan]:
    """Actors of a subordinate clause the parser split from its predicate: in "The differences
    erupted, when Saudi Arabia and Bahrain, joined by Egypt, severed relations with Qatar" the
    small parser makes "severed" a conjunct of "erupted" (subject "differences") and hangs the
    countries on a relative "joined". The clause ends right before the verb (or before the first
    conjunct of the verb's run), has an actor subject and no object: its subjects are the doers.
    The agents of a joining participle ("joined by Egypt") act with them. [] otherwise."""
    cur = verb
    for _ in range(4):
        if cur.dep_ != "conj" and cur.i != verb.i:
            break
        found = _clause_before(ctx, cur)
        if found:
            return found
        if cur.dep_ != "conj" or cur.head.i == cur.i or cur.head.pos_ not in ("VERB", "AUX"):
            break
        cur = cur.head
    return []


def _clause_before(ctx: DocContext, verb: Token) -> list[MentionSpan]:
    sent = verb.sent
    i = verb.i - 1
    while i >= sent.start and ctx.doc[i].is_punct:
        i -= 1
    if i < sent.start or i == verb.i - 1:
        return []  # no comma: an ordinary neighbour, not a split clause
    end = ctx.doc[i]
    for clause in (end, *end.ancestors):
        if clause.i >= verb.i or clause.sent.start != sent.start:
            break
        if clause.dep_ not in ("relcl", "advcl", "acl") or clause.pos_ != "VERB":
            continue
        if clause.right_edge.i != i or verb in clause.subtree or clause.is_ancestor(verb):
            continue
        if any(c.dep_ in ("dobj", "ccomp", "xcomp") for c in clause.children):
            return []  # a complete clause of its own: "when Iran, which had armed them, ..."
        subj = next((c for c in clause.children if c.dep_ == "nsubj"), None)
        found = _actors(ctx, subj) if subj is not None else []
        if not found:
            return []
        if clause.lemma_ in _JOINING_PARTICIPLES:
            for a in _children(clause, "agent"):
                for p in _children(a, "pobj"):
                    found += [m for m in _actors(ctx, p) if all(m.actor.id != o.actor.id for o in found)]
        return found
    return []


def _agent_of_subject(ctx: DocContext, verb: Token) -> list[MentionSpan]:
    """ "An attack by the Islamic State killed 13 troops": the doer named on an event-noun subject."""
    subj = next((c for c in verb.children if c.dep_ == "nsubj" and c.pos_ == "NOUN"), None)
    if subj is None:
        return []
    agents = [p for c in subj.children if c.dep_ == "prep" and c.lower_ == "by" for p in _children(c, "pobj")]
    return _actors(ctx, agents[0]) if agents else []


def _actors_of_subject(ctx: DocContext, verb: Token) -> list[MentionSpan]:
    subj = _subject_token(verb)
    if subj is None or not _actors(ctx, subj):
        # the small parser may hang the real subjects on a clause just before the verb
        recovered = _stranded_subjects(ctx, verb)
        if recovered:
            return recovered
    if subj is None:
        return []
    found = _actors(ctx, subj)
    if not found and subj.dep_ == "nsubj":
        # "The Pakistan-based militant group Jaish-e-Mohammad claimed ...": the small parser may
        # give the verb two subjects, the description and the name; the name is who acts
        found = [m for c in _children(subj.head, "nsubj") if c.i > subj.i for m in _actors(ctx, c)]
    if not found and subj.pos_ == "NOUN":
        # "makes the UAE the third Arab country to establish ties": the parser's small clause
        # hangs the named actor on the predicate noun as its subject
        found = [m for c in _children(subj, "nsubj") if c.i < subj.i for m in _actors(ctx, c)]
    if not found and subj.lemma_.lower() in agent_lexicon():
        # people placed by a phrase act for that place: "demonstrators in Tehran stormed ..."
        # (role nouns only, from the actor data: "bases in Iraq" or "an attack in Kabul" do nothing)
        found = [
            m
            for c in subj.children
            if c.dep_ == "prep" and c.lower_ in _PLACE_OF_PEOPLE
            for p in c.children
            if p.dep_ == "pobj"
            for m in _actors(ctx, p)
        ]
    return found


def _actor_in(ctx: DocContext, tok: Token) -> MentionSpan | None:
    """The actor a noun phrase names: the token's own mention, else one inside the phrase."""
    found = _actor_token(ctx, tok)
    return ctx.mention_at(found.i) if found is not None else None


def _actor_token(ctx: DocContext, tok: Token) -> Token | None:
    """The token of the phrase's actor mention, searched breadth first from the head."""
    if ctx.mention_at(tok.i) is not None:
        return tok
    # a name in apposition is who the phrase is: "the Lebanese militant movement Hezbollah"
    named = next((c for c in tok.children if c.dep_ == "appos" and _is_name(ctx, c)), None)
    if named is not None:
        return named
    # a demonym or name modifier says who the phrase is ("his Iranian counterpart") before an owner
    first = sorted(tok.children, key=lambda c: c.dep_ not in ("amod", "compound", "nmod"))
    queue: deque[tuple[Token, int]] = deque((c, 1) for c in first)
    while queue:
        t, depth = queue.popleft()
        if (t.dep_ == "acl" and t.lemma_ in _LINK_PARTICIPLES) or (
            t.dep_ == "amod" and t.lemma_.lower() in _LINK_ADJECTIVES
        ):
            queue.extend(
                (p, depth + 1)
                for c in t.children
                if c.dep_ == "prep" and c.lower_ in ("to", "with")
                for p in c.children
                if p.dep_ == "pobj"
            )
            continue  # "women and children related to bin Laden", "militants close to al-Qaeda"
        if t.dep_ not in _NP_DEPS or (
            t.dep_ == "prep" and t.lower_ not in _NP_PREPS and t.head.dep_ != "acl"
        ):
            continue
        if ctx.mention_at(t.i) is not None:
            return t
        if depth < 4:
            queue.extend((c, depth + 1) for c in t.children)
    return None


def _actors(ctx: DocContext, tok: Token) -> list[MentionSpan]:
    """Actors of a phrase and its conjuncts ("Iran and Saudi Arabia")."""
    out: list[MentionSpan] = []
    heads = [tok, *tok.conjuncts, *_listed(ctx, tok), *_coordinated_appositions(tok)]
    # "Chinese and Indian troops", "American and British ships", "North and South Korea":
    # coordinated modifiers
    # (the first modifier too: "Chinese" is its own mention when "Vietnamese officials" is another)
    heads += [
        c
        for t in heads
        for a in t.children
        if a.dep_ in ("amod", "compound", "nmod") and a.conjuncts
        for c in (a, *a.conjuncts)
    ]
    inner = _actor_token(ctx, tok)
    if inner is not None and inner.i != tok.i:
        heads += list(inner.conjuncts)  # "the bids of Sweden and Finland"
    for t in heads:
        m = _actor_in(ctx, t)
        if m is None:
            continue
        # a plural back-reference ("the once-bitter rivals", "they") stands for each of its members
        for actor in m.members or (m.actor,):
            if all(actor.id != o.actor.id for o in out):
                out.append(replace(m, actor=actor, members=()) if m.members else m)
    if out:
        return out
    # "it", or a phrase owned by "its" ("its soldiers"), that the actor stage left open
    own = [tok] if tok.lower_ in (*_SELF_PRONOUNS, "their") else [c for c in tok.children if c.dep_ == "poss"]
    speaker = (
        tok if tok.lower_ in _FIRST_PERSON else next((o for o in own if o.lower_ in _FIRST_PERSON), None)
    )
    if speaker is not None and speaker.pos_ == "PRON":
        return _quoted_speaker(ctx, speaker)
    if own and own[0].lower_ in _SELF_PRONOUNS and own[0].pos_ == "PRON":
        if own[0].lower_ == "it" and own[0].dep_ in ("dobj", "pobj", "dative"):
            return _other_than_subject(ctx, own[0])
        return _reporting_self(ctx, own[0])
    if own and own[0].lower_ == "their" and own[0].pos_ == "PRON":
        return _coordinated_before(ctx, own[0])
    # "the two countries' leaders": the pair named by the possessor
    return _the_two(ctx, tok) or next(
        (found for p in _children(tok, "poss") if (found := _the_two(ctx, p))), []
    )


def _coordinated_appositions(tok: Token) -> list[Token]:
    """Names the parser hung as appositions after an "and": in "Ethiopia's Prime Minister Abiy
    Ahmed and Eritrea's President Isaias Afwerki", "Afwerki" is an apposition of "Minister" next to
    "Ahmed" (which holds the "and"); it is a second subject, not another name of the first."""
    appos = [c for c in tok.children if c.dep_ == "appos"]
    for k, a in enumerate(appos[:-1]):
        if any(c.dep_ == "cc" and c.lower_ in ("and", "&") for c in a.children):
            return appos[k + 1 :]
    return []


def _quoted_speaker(ctx: DocContext, pronoun: Token) -> list[MentionSpan]:
    """The speaker an "I", "we" or "our" inside reported words stands for ("Putin said: 'We will
    respond'", "Engel made the following statement: 'I commend ...'"). [] outside reported words
    or when the speaker is not a named actor. Outside reported words, in a government statement
    (events/voice.py), they are the state it speaks for; in other documents no one."""
    attr = ctx.attribution_at(pronoun.i)
    if attr is None:
        # a government statement's own "we welcome the decision": the state it speaks for
        side = statement_side(ctx)
        return [MentionSpan(pronoun.i, pronoun.i + 1, side, "voice")] if side is not None else []
    if attr.speaker is None or attr.speaker_start is None or attr.speaker_end is None:
        return []
    return [
        m for m in ctx.mentions_in(attr.speaker_start, attr.speaker_end) if m.actor.id == attr.speaker.id
    ][:1]


def _reporting_self(ctx: DocContext, pronoun: Token) -> list[MentionSpan]:
    """The state or organisation an "it"/"its" the actor stage left open stands for: for "it", the
    speaker whose words hold it ("Iran said it had arrested ..."); for "its", also the subject of a
    clause above it ("Turkey condemned the attack on its soldiers"). [] when that is a person,
    a group of actors, unnamed, or named after the pronoun."""
    cur = pronoun.head
    for _ in range(8):
        holders = []
        if pronoun.lower_ == "its" and cur.pos_ in ("VERB", "AUX") and cur.i != pronoun.head.i:
            if any(
                _actor_in(ctx, o) is not None for o in _children(cur, ("dobj", "dative")) if o.i < pronoun.i
            ):
                return []  # "condemned Iran over its support": subject or object, unclear
            holders.append(cur)  # the clause's own subject first
        speech = cur.dep_ == "ccomp" and "speech" in mod.kinds(cur.head.lemma_)
        if speech:
            holders.append(cur.head)
        if cur.dep_ == "acl" and "claim-noun" in mod.kinds(cur.head.lemma_):
            speech = True  # "Pakistan's claim that its forces had ...": the claim's owner
            holders += _children(cur.head, "poss")
        for holder in holders:
            subj = holder if holder.dep_ == "poss" else _subject_token(holder)
            m = _actor_in(ctx, subj) if subj is not None and subj.i < pronoun.i else None
            if m is not None and m.actor.type != "person" and not m.members:
                return [m]
        if speech or cur.head.i == cur.i:
            return []
        cur = cur.head
    return []


def _other_than_subject(ctx: DocContext, pronoun: Token) -> list[MentionSpan]:
    """ "cut ties with Qatar, accusing it of ...": an object "it" is never its verb's own subject
    (that would be "itself"), so it is the last state or organisation named before it in the
    sentence that is not that subject. [] when there is none, or it is a person or a group."""
    verb = pronoun.head if pronoun.dep_ != "pobj" else pronoun.head.head
    subj = _subject_token(verb)
    own = _actor_in(ctx, subj) if subj is not None else None
    for m in reversed(ctx.mentions):
        if m.end > pronoun.i or m.start < pronoun.sent.start:
            continue
        if m.actor.type == "person" or m.members:
            return []
        if own is not None and _same_actor(ctx, m.actor.id, own.actor.id):
            continue
        return [m]
    return []


def _coordinated_before(ctx: DocContext, pronoun: Token) -> list[MentionSpan]:
    """ "congratulates Abiy and Isaias on their summit": an open "their" stands for the actors of
    the nearest coordinated phrase before it in its sentence (the object, then the subject, of
    the verb above it, or of the verb whose reported clause holds it: "Iran and Iraq say their
    leaders will meet"). [] when no such phrase names two actors."""
    cur = pronoun
    for _ in range(6):
        if cur.head.i == cur.i:
            return []
        cur = cur.head
        if cur.pos_ not in ("VERB", "AUX"):
            continue
        for dep in ("dobj", "nsubj", "nsubjpass"):
            for c in _children(cur, dep):
                if c.i < pronoun.i:  # (a list, or "North and South Korea" as one phrase)
                    found = [m for m in _actors(ctx, c) if not m.members]
                    if len(found) > 1:
                        return found
        if cur.dep_ != "ccomp":
            return []
        # "Iran and Iraq say their leaders will meet": up to the clause of the saying
    return []


def _listed(ctx: DocContext, tok: Token) -> list[Token]:
    """The other names of a list the parser hung on the first as an apposition: "Saudi Arabia,
    Egypt, Bahrain and the UAE" (Egypt appos of Arabia, Bahrain and the UAE conjuncts of Egypt).
    An apposition naming the same actor ("Iran, the Islamic Republic") or a kind of a different
    type ("Mohammed bin Salman, Saudi Arabia's ruler") is no list."""
    own = ctx.mention_at(tok.i)
    if own is None or own.kind != "name":
        return []
    out: list[Token] = []
    # an apposition after a later member of the list cannot describe the first: it is a list item
    # the parser misplaced ("Lebanon, Sudan, the Islamist organization Hamas, the Taliban ...")
    later = min((c.i for c in tok.conjuncts if c.i > tok.i), default=None)
    for a in tok.children:
        if a.dep_ == "appos" and later is not None and a.i > later:
            named = [c for c in _children(a, "appos") if _is_name(ctx, c)]
            out += [*(named[:1] or [a]), *a.conjuncts]
            continue
        m = ctx.mention_at(a.i) if a.dep_ == "appos" else None
        if m is None or m.kind != "name" or m.actor.type != own.actor.type:
            continue
        if _same_actor(ctx, m.actor.id, own.actor.id):
            continue
        out += [a, *a.conjuncts]
    return out


def _is_name(ctx: DocContext, tok: Token) -> bool:
    m = ctx.mention_at(tok.i)
    return m is not None and m.kind == "name"


def _the_two(ctx: DocContext, tok: Token) -> list[MentionSpan]:
    """ "the two leaders met", "the two agreed": the last two actors of different families named
    in this sentence or the two before (people, not place names, for "leaders"; no people for
    "countries")."""
    kids = list(tok.children)
    both = any(c.lower_ == "both" and c.dep_ in ("det", "predet", "preconj") for c in kids)
    if not both and not any(c.dep_ == "det" and c.lower_ == "the" for c in kids):
        return []
    if not both and tok.lower_ != "two" and not any(c.dep_ == "nummod" and c.lower_ == "two" for c in kids):
        return []
    noun = tok.lemma_.lower()
    want_person = noun in _PERSON_PAIR_NOUNS
    want_state = noun in _STATE_PAIR_NOUNS
    earliest = tok.sent.start
    for _ in range(_PAIR_WINDOW):
        if earliest == 0:
            break
        earliest = ctx.doc[earliest - 1].sent.start
    # (not the clause's own doer: "The Secretary urged the two leaders" means the two he spoke with)
    doer = _subject_token(tok.head) if tok.dep_ in ("dobj", "pobj", "dative") else None
    skip = {m.actor.id for m in ctx.mentions_in(doer.i, doer.i + 1)} if doer is not None else set()
    found = _last_two(ctx, tok, earliest, want_person, want_state, skip)
    if len(found) < 2 and want_person and any(f.actor.type == "person" for f in found):
        # one leader named and the other only by the country he went to: "Abiy traveled to
        # Asmara, Eritrea's capital, where the two leaders signed ..." (the dyad is the states')
        found = _last_two(ctx, tok, earliest, False, want_state, skip)
    if len(found) < 2 and want_state:
        # "Abiy flew to Asmara ... the two countries": a leader stands for his state
        found = _last_two(ctx, tok, earliest, False, False, skip)
    return found[::-1] if len(found) == 2 else []


def _last_two(
    ctx: DocContext, tok: Token, earliest: int, want_person: bool, want_state: bool, skip: set[str]
) -> list[MentionSpan]:
    found: list[MentionSpan] = []
    for m in reversed(ctx.mentions):
        if m.end > tok.i or m.start < earliest or any(_same_actor(ctx, m.actor.id, s) for s in skip):
            continue
        is_person = m.actor.type == "person"
        place = m.kind == "name" and m.actor.type == "state"  # "Nairobi", "Iran": no leader
        if (want_person and place) or (want_state and is_person):
            continue
        if all(not _same_actor(ctx, m.actor.id, f.actor.id) for f in found):
            found.append(m)
            if len(found) == 2:
                break
    return found


def _targets(ctx: DocContext, toks: list[Token]) -> list[MentionSpan]:
    out: list[MentionSpan] = []
    for t in toks:
        # "hosted talks between Hamas and Israel": the parties of the hosted event
        between = [
            p for c in t.children if c.dep_ == "prep" and c.lower_ == "between" for p in _children(c, "pobj")
        ]
        for m in _actors(ctx, between[0]) if between else _actors(ctx, t):
            if all(m.actor.id != o.actor.id for o in out):
                out.append(m)
    return out


def _chain(ctx: DocContext, actor_id: str) -> set[str]:
    ids = {actor_id}
    rollup = getattr(ctx.registry, "rollup", None)
    if rollup is not None:
        try:
            for a in rollup(actor_id) or []:
                ids.add(a if isinstance(a, str) else getattr(a, "id", str(a)))
        except Exception:  # an actor only this document knows: no chain beyond itself
            pass
    return ids


def _one_actor(ctx: DocContext, a: ActorRef, b: ActorRef) -> bool:
    """True when a and b are one actor or one is part of the other ("Iran" and "Iran's military"),
    or two names of one side that the CAMEO code does not tell apart ("Turkish President" and
    "Recep Tayyip Erdogan", both TURGOV). Two sides of one country are not ("Iraqi police" and
    "Iraqi protesters": IRQCOP -> IRQOPP is internal conflict, half of political event data)."""
    if a.id == b.id or b.id in _chain(ctx, a.id) or a.id in _chain(ctx, b.id):
        return True
    return _same_actor(ctx, a.id, b.id) and (not a.code or not b.code or a.code == b.code)


def _side(ctx: DocContext, ref: ActorRef | None) -> str | None:
    """What tells an actor's side apart at a dyad's level: its CAMEO code, else its top actor."""
    if ref is None:
        return None
    if ref.code:
        return ref.code
    rollup = getattr(ctx.registry, "rollup", None)
    try:
        top = rollup(ref.id) if rollup is not None else None
    except Exception:  # an actor only this document knows
        top = None
    return str(top[-1]) if top else ref.id


def _same_actor(ctx: DocContext, a: str, b: str) -> bool:
    """True when one actor rolls up to the other, or both to the same top actor."""
    if a == b:
        return True
    ca, cb = _chain(ctx, a), _chain(ctx, b)
    if b in ca or a in cb:
        return True
    rollup = getattr(ctx.registry, "rollup", None)
    if rollup is None:
        return False
    try:
        top_a, top_b = rollup(a), rollup(b)
    except Exception:
        return False
    return bool(top_a) and bool(top_b) and top_a[-1] == top_b[-1]
