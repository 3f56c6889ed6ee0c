"""Event extraction: who did what to whom, coded in CAMEO, from the dependency parse.

One pass over each sentence's tokens: a token whose lemma is in the event lexicon is a candidate;
its source and target come from the parse (subject, object, passive agent, prepositions,
possessives, conjuncts), its date from the timeline, its speaker from the attributions. Control
verbs ("offered to trade", "got Iran to free", "refused to release") re-code the governed action
and become the event; the governed action itself is not asserted.
"""

from __future__ import annotations

from collections import deque
from dataclasses import dataclass
from typing import TYPE_CHECKING

from frenemy.extract import modality as mod
from frenemy.extract.cameo import FRAMES, cameo_info, derived_code
from frenemy.extract.lexicon import EventLexicon, LexEntry
from frenemy.extract.means import code_by_means
from frenemy.extract.retold import date_retold_acts
from frenemy.models import ActorRef, Event, stable_id

if TYPE_CHECKING:
    from spacy.tokens import Span, Token

    from frenemy.nlp.context import DocContext, MentionSpan

_POS = {"VERB": "V", "NOUN": "N", "ADJ": "A"}
# Dependents searched, breadth first, for the actor behind a noun phrase ("children of bin Laden").
_NP_DEPS = {"compound", "poss", "amod", "nmod", "appos", "prep", "pobj", "npadvmod", "nummod"}
_NP_PREPS = {"of", "including", "among"}
_NOUN_GOVERNORS = frozenset({"light", "verb-future", "verb-hypothetical"})
_LINK_PARTICIPLES = {"relate", "link", "tie", "belong", "connect", "affiliate", "ally", "align"}
_LINK_ADJECTIVES = {"close", "loyal", "allied", "aligned", "affiliated", "linked", "tied", "connected"}
_TEMPORAL_MARKS = {"when", "after", "before", "since", "as", "while", "until", "once"}
_REL_PRONOUNS = {"who", "whom", "which", "that"}
_RECIPROCAL = {"other", "another"}
_CAUSATIVE_VERBS = frozenset({"have", "get"})  # "had a diplomat kidnapped", "got the envoy expelled"
_REPLY_WINDOW = 3
_PAIR_WINDOW = 2  # sentences back that "the two" may reach
_PERSON_PAIR_NOUNS = frozenset({"leader", "president", "man", "minister", "official", "diplomat", "envoy"})
_STATE_PAIR_NOUNS = frozenset(
    {"country", "nation", "state", "government", "neighbour", "neighbor", "capital"}
)
_CAPTIVE_NOUNS = frozenset({"detainee", "prisoner", "captive", "hostage", "internee"})
_SEIZURE_CODES = frozenset({"173", "181"})  # whose targets become detainees or hostages
_CAPTIVE_WINDOW = 2  # sentences back that "these detainees" may point
_REPLY_LOOKBACK = 40  # recent events searched for that (bounded: no quadratic copying)
_OBJECT_CONTROL = {
    "let",
    "allow",
    "help",
    "force",
    "permit",
    "enable",
}  # sentences back that a "refused" may answer


@dataclass
class _Args:
    """Source and target candidates of one event word."""

    sources: list[MentionSpan]
    targets: list[MentionSpan]
    words: list[Token]  # the action words (head, particle, preposition, object)
    sym: bool = False
    reply: bool = False
    captives: Token | None = None  # "these detainees" as the object, with no actor of its own


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
        for ev in _sentence_events(ctx, lexicon, sent, s_index, out):
            if ev.id not in seen:
                seen.add(ev.id)
                out.append(ev)
    return date_retold_acts(out, lambda a, b: b in _chain(ctx, a))


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
        if entries:
            cands.append((tok, entries))
    if not cands:
        return []
    frames: dict[int, tuple[str, Token]] = {}
    for tok, _ in cands:
        fr = _frame_of(tok)
        if fr is not None:
            frames[tok.i] = fr
    consumed: set[int] = set()
    events: list[Event] = []
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
        if frame is not None and frame[1].i in consumed:
            frame = None
        built = _build(ctx, sent, s_index, tok, entry, args, frame, prior[-_REPLY_LOOKBACK:] + events)
        if built or frame is None:
            consumed.update(w.i for w in args.words)
        if built and frame is not None:
            consumed.add(frame[1].i)
        events.extend(built)
    return events


# --- where an event word may stand ------------------------------------------------------------


def _may_be_event(tok: Token) -> bool:
    """Precision first: a word that merely describes or states a purpose is no event."""
    dep = tok.dep_
    if tok.pos_ == "NOUN":
        return dep not in ("compound", "amod", "npadvmod")
    if (
        dep == "acl"
        and tok.pos_ == "VERB"
        and any(c.dep_ == "mark" and c.lower_ == "that" for c in tok.children)
    ):
        return True  # a content clause: "no evidence that Iran aided ..." (flagged by modality)
    if dep == "acl":
        # "an Iranian diplomat kidnapped ... by Sunni militants" is an event; "fighters fleeing" is
        # not; "had two journalists arrested" is a causative
        return (tok.tag_ in ("VBN", "VBD") and any(c.dep_ == "agent" for c in tok.children)) or _causative(
            tok
        ) is not None
    if dep == "relcl":
        return any(
            c.dep_ in ("nsubj", "dobj", "nsubjpass") and c.lower_ in _REL_PRONOUNS for c in tok.children
        )
    if dep == "advcl":
        # "used them to assassinate" is a purpose; "after Iran detained them" is an event
        return not any(c.dep_ == "aux" and c.lower_ == "to" for c in tok.children)
    if dep in ("amod", "compound"):
        return False
    if dep == "pcomp" and tok.head.lower_ in ("from", "against"):
        # "asked China to refrain from supplying", "warned Washington against selling arms"
        return False
    if (
        dep == "pcomp"
        and tok.head.lower_ in ("of", "for")
        and "allegation" in mod.kinds(tok.head.head.lemma_)
    ):
        return False  # "accused Iran of supplying ...": the accusation is the event
    if dep == "xcomp" and any(c.dep_ == "dobj" for c in tok.head.children):
        # "used MEK operatives to assassinate ..." states a purpose, unless the governor makes
        # its object the doer ("urged Iran to release", "let them go")
        gov = tok.head
        return bool(mod.kinds(gov.lemma_) & {"appeal", "demand"}) or gov.lemma_ in _OBJECT_CONTROL
    return True


def _frame_of(tok: Token) -> tuple[str, Token] | None:
    """The control frame governing an event word: ("appeal", get) for "get Iran to free"."""
    if _causative(tok) is not None:
        return None  # "got the envoy expelled" is the expulsion, not an appeal
    cur = tok
    for _ in range(4):
        dep = cur.dep_
        gov = cur.head
        if gov.i == cur.i:
            return None
        if dep == "pobj" and gov.dep_ == "prep":  # "called for the release of"
            cur = gov
            continue
        if dep not in ("xcomp", "ccomp", "dobj", "prep", "oprd") or (dep == "dobj" and cur.pos_ != "NOUN"):
            return None
        kinds = mod.kinds(gov.lemma_)
        frame = next((f for f in FRAMES if f in kinds), None)
        if frame is not None and _frame_fits(frame, dep, cur, gov):
            return frame, gov
        if "speech" in kinds and dep == "ccomp" and _future_self(cur, gov):
            return "intent", gov  # "announced it would free 150 prisoners"
        if "verb-aspect" in kinds or "verb-attempt" in kinds:
            cur = gov
            continue
        return None
    return None


def _frame_fits(frame: str, dep: str, clause: Token, gov: Token) -> bool:
    """Whether a control verb really controls the clause below it."""
    if gov.lemma_ == "call" and (
        any(c.dep_ == "prt" or c.lower_ == "off" for c in gov.children)
        or not any(c.lemma_ in ("on", "for") for c in gov.children)
    ):
        return False  # "called off a strike" is no appeal
    if dep == "prep":
        return frame in ("intent", "refuse", "demand", "appeal")  # "agreed to a ceasefire"
    if dep == "ccomp" and frame in ("intent", "threaten", "refuse"):
        # "warned that China could arm Russia" reports another's act; "vowed it would" is own
        subj = next((c for c in clause.children if c.dep_ == "nsubj"), None)
        return subj is None or subj.pos_ == "PRON"
    return dep in ("xcomp", "ccomp") or frame in ("refuse", "demand", "appeal")


def _future_self(clause: Token, speech: Token) -> bool:
    """True when a reported clause is the speaker's own future act ("said it would free")."""
    if not any(c.dep_ == "aux" and c.lower_ in ("will", "would", "'ll", "shall") for c in clause.children):
        return False
    subj = next((c for c in clause.children if c.dep_ == "nsubj"), None)
    return subj is not None and subj.pos_ == "PRON" and subj.lower_ in ("it", "they", "we", "he", "she", "i")


# --- matching an entry and finding the actors --------------------------------------------------


def _match(ctx: DocContext, tok: Token, entries: list[LexEntry]) -> tuple[LexEntry, _Args] | None:
    """The most specific entry that fits, preferring one whose parse gives actors on both sides."""
    first: tuple[LexEntry, _Args] | None = None
    pointing: tuple[LexEntry, _Args] | None = None  # one whose object is "these detainees"
    for entry in entries:
        args = _noun_args(ctx, tok, entry) if entry.pos == "N" else _verb_args(ctx, tok, entry)
        if args is None:
            continue
        if args.sources and (args.targets or args.sym):
            return entry, args
        if pointing is None and args.sources and args.captives is not None:
            pointing = entry, args
        if first is None:
            first = entry, args
    return pointing or first


def _children(tok: Token, dep: str | tuple[str, ...]) -> list[Token]:
    deps = (dep,) if isinstance(dep, str) else dep
    return [c for c in tok.children if c.dep_ in deps]


def _is_passive(tok: Token) -> bool:
    if tok.dep_ == "acl" and (tok.tag_ == "VBN" or any(c.dep_ == "agent" for c in tok.children)):
        return True
    return any(c.dep_ in ("nsubjpass", "auxpass") for c in tok.children)


def _prep_objects(toks: list[Token], preps: frozenset[str]) -> list[Token]:
    """Objects of the given prepositions under any of ``toks`` ("with" in "cut ties with Iran")."""
    found: list[Token] = []
    for t in toks:
        for c in t.children:
            if c.dep_ in ("prep", "dative", "agent", "prt") and c.lower_ in preps:
                found.extend(_children(c, ("pobj", "pcomp")))
            elif c.dep_ == "prt" and c.head.i == t.i:
                # "held on to": the preposition may hang off the particle
                for cc in c.children:
                    if cc.dep_ == "prep" and cc.lower_ in preps:
                        found.extend(_children(cc, "pobj"))
    return found


def _causative(tok: Token) -> tuple[Token, list[Token]] | None:
    """The causer verb and the patients of a causative: "bin Laden had an Iranian diplomat
    kidnapped", "Moscow got the envoy expelled" -> (had, [diplomat]). The participle is a bare
    past participle completing "have" or "get", with the patient as its subject or as the
    governor's object; the causer is the subject of "have"/"get". None otherwise."""
    gov = tok.head
    if tok.dep_ == "acl" and gov.dep_ == "dobj" and tok.tag_ == "VBN":
        # the parser may hang the participle on the object: "had [two journalists arrested]"
        patients, gov = [gov], gov.head
    elif tok.dep_ in ("ccomp", "xcomp", "oprd") and tok.tag_ in ("VBN", "VBD"):
        # the tagger may read "got the envoy expelled" as a past tense
        patients = _children(tok, ("nsubj", "nsubjpass")) or _children(gov, "dobj")
    else:
        return None
    if (
        gov.i == tok.i
        or gov.lemma_ not in _CAUSATIVE_VERBS
        or any(c.dep_ in ("aux", "auxpass", "mark") for c in tok.children)
    ):
        return None
    if not patients or any(p.pos_ == "PRON" and p.lower_ in ("it", "that", "this") for p in patients):
        return None  # "had it repaired": no party to code
    return gov, patients


def _verb_args(ctx: DocContext, tok: Token, entry: LexEntry) -> _Args | None:
    causative = _causative(tok)
    passive = causative is not None or _is_passive(tok)
    if passive and entry.has("nopassive"):
        return None
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
        # shared object: "invaded and occupied Iraq"
        # (not across clauses: "did cooperate, but since 2001 Iran has detained members")
        obj = [
            o
            for c in tok.children
            if c.dep_ == "conj" and c.pos_ == "VERB" and not _children(c, ("nsubj", "nsubjpass"))
            for o in _children(c, "dobj")
        ][:1]
    if entry.objects:
        obj = [
            q
            for o in obj
            for q in [o, *_prep_objects([o], frozenset({"of"}))]
            if q.lemma_.lower() in entry.objects
        ][:1]
        if not obj:
            return None
        if entry.amods and not any(c.lemma_.lower() in entry.amods for c in obj[0].children):
            return None
        words.append(obj[0])
    if entry.preps:
        tgt_toks = _prep_objects([tok] + obj, entry.preps)
        if not tgt_toks and "to" in entry.preps:
            tgt_toks = _children(tok, "dative")  # "offered Pakistan a loan" is "offered a loan to"
        if not tgt_toks:
            if not entry.has("sym"):
                return None
            tgt_toks = [o for o in obj if not entry.objects]  # "met Putin" as well as "met with"
        for t in tgt_toks:
            words.append(t.head)
            if t.head.head in obj and obj[0] not in words:
                words.append(obj[0])  # "mediated a truce between A and B": the truce is used up
    else:
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
    tgt = _targets(ctx, tgt_toks)
    captives = _captive_anaphor(tgt_toks[0]) if not tgt and len(tgt_toks) == 1 and not entry.preps else None
    sym = entry.has("sym")
    if any(t.lemma_ in _RECIPROCAL for t in tgt_toks):
        sym, tgt = True, []  # "accused each other": both directions among the subjects
    return _Args(src, tgt, words, sym=sym, reply=entry.has("reply"), captives=captives)


def _noun_args(ctx: DocContext, tok: Token, entry: LexEntry) -> _Args | None:
    words = [tok]
    if entry.mods and not any(c.lemma_.lower() in entry.mods for c in tok.children):
        return None
    light = _light_verb(tok)
    if light is not None and not _may_be_event(light):
        return None  # "designated Iran for having a secret deal", "refrained from launching an attack"
    src: list[MentionSpan] = []
    for c in tok.children:
        if c.dep_ in ("poss", "compound", "amod", "nmod"):
            m = ctx.mention_at(c.i)
            if m is not None and not (m.start <= tok.i < m.end):
                src = _actors(ctx, c)
                break
    if not src:
        holders = [tok, *_prep_objects([tok], frozenset({"of"}))]
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
    between = [
        p for c in tok.children if c.dep_ == "prep" and c.lower_ == "between" for p in _children(c, "pobj")
    ]
    if between:
        pair = _actors(ctx, between[0])
        return _Args(pair, [], words, sym=True)
    holders = [tok] + ([light] if light is not None else [])
    if entry.preps:
        tgt_toks = _prep_objects(holders, entry.preps)
        if not tgt_toks and not entry.has("sym"):
            return None
        words.extend(t.head for t in tgt_toks)
    else:
        tgt_toks = _prep_objects([tok], frozenset({"of"}))
    tgt = _targets(ctx, tgt_toks)
    if not src and tgt_toks and cameo_info(entry.cameo).root == "08":
        # the captor named on the captive releases them: "the release of a diplomat kidnapped by X"
        src = _captor(ctx, tok) or _captor(ctx, tgt_toks[0])
    return _Args(src, tgt, words, sym=entry.has("sym"), reply=entry.has("reply"))


def _light_verb(noun: Token) -> Token | None:
    """The verb whose subject performs a nominal event ("Iran carried out an attack")."""
    head = noun.head
    if noun.dep_ in ("dobj", "attr", "nsubjpass") and mod.kinds(head.lemma_) & _NOUN_GOVERNORS:
        return head  # also "is considering sanctions", "plans an offensive" (flagged by modality)
    if noun.dep_ == "pobj" and head.dep_ == "prep" and "light" in mod.kinds(head.head.lemma_):
        return head.head  # "being in bed with", "engaged in talks"
    if noun.dep_ == "pobj" and head.lower_ == "with" and head.head.pos_ == "VERB":
        return head.head  # "retaliated with sanctions against"
    return None


def _captor(ctx: DocContext, captive: Token) -> list[MentionSpan]:
    for c in captive.children:
        if c.dep_ == "acl" and c.tag_ in ("VBN", "VBD"):
            for a in _children(c, "agent"):
                for p in _children(a, "pobj"):
                    return _actors(ctx, p)
    return []


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
        if dep in ("xcomp", "ccomp"):
            obj = next((c for c in gov.children if c.dep_ == "dobj"), None)
            if obj is not None and (
                {"appeal", "demand"} & mod.kinds(gov.lemma_) or gov.lemma_ in _OBJECT_CONTROL
            ):
                return obj  # object control: "urged Iran to release"
            cur = gov
        elif dep == "conj" and cur.pos_ in ("VERB", "AUX") and gov.pos_ in ("VERB", "AUX"):
            cur = gov
        elif dep == "advcl" and not any(c.dep_ == "mark" for c in cur.children):
            return None  # "..., taking hostages": a loose participle has no certain doer
        elif dep == "pcomp" and gov.lower_ in ("of", "for") and gov.head.pos_ == "VERB":
            obj = next((c for c in gov.head.children if c.dep_ == "dobj"), None)
            if obj is not None:
                return obj  # "thanked Qatar for hosting": Qatar hosted
            cur = gov
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


def _agent_of_subject(ctx: DocContext, verb: Token) -> list[MentionSpan]:
    """ "An attack by the Islamic State killed 13 troops": the doer named on an event-noun subject."""
    subj = next((c for c in verb.children if c.dep_ == "nsubj" and c.pos_ == "NOUN"), None)
    if subj is None:
        return []
    agents = [p for c in subj.children if c.dep_ == "prep" and c.lower_ == "by" for p in _children(c, "pobj")]
    return _actors(ctx, agents[0]) if agents else []


def _actors_of_subject(ctx: DocContext, verb: Token) -> list[MentionSpan]:
    subj = _subject_token(verb)
    return _actors(ctx, subj) if subj is not None else []


def _actor_in(ctx: DocContext, tok: Token) -> MentionSpan | None:
    """The actor a noun phrase names: the token's own mention, else one inside the phrase."""
    found = _actor_token(ctx, tok)
    return ctx.mention_at(found.i) if found is not None else None


def _actor_token(ctx: DocContext, tok: Token) -> Token | None:
    """The token of the phrase's actor mention, searched breadth first from the head."""
    if ctx.mention_at(tok.i) is not None:
        return tok
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
    heads = [tok, *tok.conjuncts]
    # "Chinese and Indian troops", "American and British ships": coordinated modifiers
    # (the first modifier too: "Chinese" is its own mention when "Vietnamese officials" is another)
    heads += [
        c
        for t in heads
        for a in t.children
        if a.dep_ in ("amod", "compound") and a.conjuncts
        for c in (a, *a.conjuncts)
    ]
    inner = _actor_token(ctx, tok)
    if inner is not None and inner.i != tok.i:
        heads += list(inner.conjuncts)  # "the bids of Sweden and Finland"
    for t in heads:
        m = _actor_in(ctx, t)
        if m is not None and all(m.actor.id != o.actor.id for o in out):
            out.append(m)
    return out or _the_two(ctx, tok)


def _the_two(ctx: DocContext, tok: Token) -> list[MentionSpan]:
    """ "the two leaders met", "the two agreed": the last two actors of different families named
    in this sentence or the two before (people, not place names, for "leaders"; no people for
    "countries")."""
    kids = list(tok.children)
    if not any(c.dep_ == "det" and c.lower_ == "the" for c in kids):
        return []
    if tok.lower_ != "two" and not any(c.dep_ == "nummod" and c.lower_ == "two" for c in kids):
        return []
    noun = tok.lemma_.lower()
    want_person = noun in _PERSON_PAIR_NOUNS
    want_state = noun in _STATE_PAIR_NOUNS
    earliest = tok.sent.start
    for _ in range(_PAIR_WINDOW):
        if earliest == 0:
            break
        earliest = ctx.doc[earliest - 1].sent.start
    found: list[MentionSpan] = []
    for m in reversed(ctx.mentions):
        if m.end > tok.i or m.start < earliest:
            continue
        is_person = m.actor.type == "person"
        place = m.kind == "name" and m.actor.type == "state"  # "Nairobi", "Iran": no leader
        if (want_person and place) or (want_state and is_person):
            continue
        if all(not _same_actor(ctx, m.actor.id, f.actor.id) for f in found):
            found.append(m)
            if len(found) == 2:
                return found[::-1]
    return []


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


# --- building events ---------------------------------------------------------------------------


def _build(
    ctx: DocContext,
    sent: Span,
    s_index: int,
    head: Token,
    entry: LexEntry,
    args: _Args,
    frame: tuple[str, Token] | None,
    prior: list[Event],
) -> list[Event]:
    code = entry.cameo
    anchor = head
    words = list(args.words)
    sources, targets = args.sources, args.targets
    if frame is not None:
        kind, ctrl = frame
        code = derived_code(code, kind)
        anchor = ctrl
        words.append(ctrl)
        ctrl_src = _actors_of_subject(ctx, ctrl)
        if kind in ("appeal", "demand"):
            # the party asked: "urged Iran to"; not the action noun itself ("demanded the release of")
            asked = [o for c in _children(ctrl, "dobj") if c.i != head.i for o in _actors(ctx, c)]
            targets = (
                asked or [s for s in sources if all(s.actor.id != c.actor.id for c in ctrl_src)] or targets
            )
        sources = ctrl_src
    if frame is None and head.pos_ == "VERB":
        code = code_by_means(head, code)  # "killed ... in an air strike" is 195
    pairs = _pairs(sources, targets, args.sym)
    confidence = 0.8 if entry.pos != "N" else 0.7
    if frame is not None:
        confidence -= 0.05
    if not pairs and args.reply and sources and not _answers_a_statement(head):
        answered = _answered(ctx, sources, prior, s_index)
        if answered is not None:
            pairs = [(s, answered) for s in sources]
            confidence -= 0.15
    if not pairs and args.captives is not None and sources and frame is None:
        held = _captives_of(prior, s_index)
        if held is not None:
            pairs = [(s, held) for s in sources]
            confidence -= 0.15
    if not pairs:
        pairs = _one_sided(entry, sources, targets)
        confidence -= 0.2
    if not pairs:
        return []
    info = cameo_info(code)
    if frame is None:
        negated = mod.is_negated(head)
        modality = mod.modality_of(head)
        clause = _clause_verb(head) if head.pos_ == "NOUN" else None
        if clause is not None:
            # "Qatar will host negotiations": a nominal event takes its clause's modality; negation
            # passes only through a light verb ("did not hold talks", not "did not condemn the attack")
            modality = modality or mod.modality_of(clause) or _governor_modality(head, clause)
            negated = negated or (_light_verb(head) is not None and mod.is_negated(clause))
    else:
        negated = mod.is_negated(anchor)
        modality = mod.modality_of(anchor, attempt_transparent=frame[0] in ("appeal", "demand"))
    report = _speaker(ctx, anchor)
    attributed_to, relayed_by = report.speaker, report.relayed_by
    if modality is None and report.hedged and not _in_temporal_clause(anchor):
        modality = "hedged"  # "suggests that ..." hedges; "when the Treasury designated Iran" does not
    if modality is None:
        modality = "reported" if report.reported else "asserted"
    date = ctx.date_for(anchor.i)
    span_toks = sorted({w.i for w in words})
    lo, hi = span_toks[0], span_toks[-1]
    doc = ctx.doc
    if hi - lo < 8:
        action_text = doc[lo : hi + 1].text
    else:
        action_text = " ".join(doc[i].text for i in span_toks)
    events: list[Event] = []
    for src_m, tgt_m in pairs:
        src = src_m.actor.ref() if src_m is not None else None
        tgt = tgt_m if isinstance(tgt_m, ActorRef) else (tgt_m.actor.ref() if tgt_m is not None else None)
        if src is not None and tgt is not None and _same_actor(ctx, src.id, tgt.id):
            continue
        conf = confidence
        for m in (src_m, tgt_m):
            if m is not None and not isinstance(m, ActorRef) and m.kind not in ("name",):
                conf -= 0.05
        events.append(
            Event(
                id=stable_id(
                    "ev",
                    ctx.document.id,
                    s_index,
                    anchor.i,
                    info.code,
                    src.id if src else None,
                    tgt.id if tgt else None,
                ),
                doc_id=ctx.document.id,
                sentence_index=s_index,
                sentence=sent.text,
                char_start=sent.start_char,
                char_end=sent.end_char,
                source=src,
                target=tgt,
                action_text=action_text,
                cameo=info.code,
                cameo_root=info.root,
                quad_class=info.quad_class,
                goldstein=info.goldstein,
                plover=info.plover,
                plover_mode=info.plover_mode,
                polarity=info.polarity,
                negated=negated,
                modality=modality,
                date=date,
                attributed_to=attributed_to,
                relayed_by=relayed_by,
                confidence=round(max(0.05, min(0.95, conf)), 2),
                action_start=doc[lo].idx,
                action_end=doc[hi].idx + len(doc[hi].text),
            )
        )
    return events


def _pairs(sources: list[MentionSpan], targets: list[MentionSpan], sym: bool) -> list[tuple]:
    if sources and targets:
        return [(s, t) for s in sources for t in targets if s.actor.id != t.actor.id]
    if sym and len(sources) >= 2:
        return [(a, b) for a in sources for b in sources if a.actor.id != b.actor.id]
    return []


def _one_sided(entry: LexEntry, sources: list[MentionSpan], targets: list[MentionSpan]) -> list[tuple]:
    if sources and not targets and entry.has("notarget"):
        return [(s, None) for s in sources]
    if targets and not sources and entry.has("nosource"):
        return [(None, t) for t in targets]
    return []


def _answered(
    ctx: DocContext, sources: list[MentionSpan], prior: list[Event], s_index: int
) -> ActorRef | None:
    """The actor whose recent move toward the source this reply answers ("the US refused")."""
    ids = {s.actor.id for s in sources}
    for ev in reversed(prior):
        if s_index - ev.sentence_index > _REPLY_WINDOW:
            break
        if (
            ev.target is not None
            and ev.source is not None
            and any(_same_actor(ctx, ev.target.id, i) for i in ids)
        ):
            return ev.source
    return None


def _answers_a_statement(verb: Token) -> bool:
    """ "Turkish officials rejected that description": the reply is to a claim, not to an act."""
    return any(c.dep_ == "dobj" and "claim-noun" in mod.kinds(c.lemma_) for c in verb.children)


def _captive_anaphor(tok: Token) -> Token | None:
    """The captive noun of a phrase that points back to people taken earlier: "these detainees",
    "a number of those prisoners". None for any other phrase ("the detainees" may be anyone)."""
    for t in (tok, *_prep_objects([tok], frozenset({"of"}))):
        if t.lemma_.lower() in _CAPTIVE_NOUNS and any(
            c.dep_ == "det" and c.lower_ in ("these", "those") for c in t.children
        ):
            return t
    return None


def _captives_of(prior: list[Event], s_index: int) -> ActorRef | None:
    """The people of the latest asserted seizure (detain, arrest, abduct) in this sentence or the
    two before: whom "these detainees" names when the actor stage gives no actor."""
    for ev in reversed(prior):
        if s_index - ev.sentence_index > _CAPTIVE_WINDOW:
            break
        if (
            ev.cameo in _SEIZURE_CODES
            and ev.target is not None
            and not ev.negated
            and ev.modality in ("asserted", "reported")
        ):
            return ev.target
    return None


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


def _governor_modality(noun: Token, verb: Token) -> str | None:
    """ "considering sanctions" is hypothetical, "plans an offensive" future."""
    if noun.head.i != verb.i or noun.dep_ != "dobj":
        return None
    kinds = mod.kinds(verb.lemma_)
    if "verb-hypothetical" in kinds:
        return "hypothetical"
    if "verb-future" in kinds:
        return "future"
    return None


def _clause_verb(tok: Token) -> Token | None:
    """The verb of the clause a noun stands in."""
    cur = tok
    for _ in range(5):
        if cur.head.i == cur.i:
            return None
        cur = cur.head
        if cur.pos_ in ("VERB", "AUX"):
            return cur
    return None


def _in_temporal_clause(tok: Token) -> bool:
    """True when the event sits in a temporal clause ("when ...", "after ..."), a presupposed fact."""
    cur = tok
    for _ in range(6):
        if cur.dep_ == "advcl" and any(
            c.dep_ in ("mark", "advmod") and c.lower_ in _TEMPORAL_MARKS for c in cur.children
        ):
            return True
        if cur.head.i == cur.i:
            return False
        cur = cur.head
    return False


@dataclass
class _Report:
    """Who reports an event: speaker, outer relayer, whether the cue hedges, whether reported."""

    speaker: ActorRef | None = None
    relayed_by: ActorRef | None = None
    hedged: bool = False
    reported: bool = False


def _speaker(ctx: DocContext, tok: Token) -> _Report:
    """Who reports the event, from the attribution stage; failing that, the subject of a reporting
    verb whose complement holds the event, or an "according to" phrase on its clause."""
    attr = ctx.attribution_at(tok.i)
    if attr is not None:
        return _Report(attr.speaker, attr.relayed_by, attr.hedged, True)
    cur = tok
    while cur.pos_ not in ("VERB", "AUX") and cur.head.i != cur.i:
        cur = cur.head  # a nominal event belongs to its clause
    for _ in range(5):
        for c in cur.children:
            if c.dep_ == "prep" and c.lower_ == "according":
                src = [p for t in c.children for p in t.children if p.dep_ == "pobj"]
                m = _actor_in(ctx, src[0]) if src else None
                return _Report(m.actor.ref() if m is not None else None, reported=True)
        if cur.dep_ not in ("ccomp", "conj", "xcomp") or cur.head.i == cur.i:
            break
        gov = cur.head
        if cur.dep_ == "ccomp" and "speech" in mod.kinds(gov.lemma_):
            subj = _subject_token(gov)
            m = _actor_in(ctx, subj) if subj is not None else None
            return _Report(m.actor.ref() if m is not None else None, None, gov.lemma_ == "suggest", True)
        cur = gov
    return _Report()
