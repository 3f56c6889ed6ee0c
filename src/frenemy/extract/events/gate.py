"""Where an event word may stand, and the control frame (offer, urge, refuse ...) that governs it."""

from __future__ import annotations

from typing import TYPE_CHECKING

from frenemy.extract import modality as mod
from frenemy.extract.cameo import FRAMES

if TYPE_CHECKING:
    from spacy.tokens import Token


_CAUSATIVE_VERBS = frozenset({"have", "get"})  # "had a diplomat kidnapped", "got the envoy expelled"
_REL_PRONOUNS = {"who", "whom", "which", "that"}
_REL_ADVERBS = {"where", "when"}

_OBJECT_CONTROL = {
    "let",
    "allow",
    "help",
    "force",
    "permit",
    "enable",
}  # sentences back that a "refused" may answer


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
    if _first_to(tok):
        return True  # "the first South Korean leader to visit Pyongyang": the leader visits
    if dep == "acl" and (_decider(tok) is not None or _decision_taken(tok)):
        return True  # "the decision by Saudi Arabia to lift the embargo": the decided act
    if dep == "acl":
        # "an Iranian diplomat kidnapped ... by Sunni militants" is an event; "fighters fleeing" is
        # not; "had two journalists arrested" is a causative
        return (tok.tag_ in ("VBN", "VBD") and any(c.dep_ == "agent" for c in tok.children)) or _causative(
            tok
        ) is not None
    if dep == "relcl":
        if any(c.dep_ == "advmod" and c.lower_ in _REL_ADVERBS for c in tok.children):
            # "Asmara, where the two leaders signed the agreement": a clause with its own doer
            return any(c.dep_ == "nsubj" for c in tok.children)
        return any(
            c.dep_ in ("nsubj", "dobj", "nsubjpass") and c.lower_ in _REL_PRONOUNS for c in tok.children
        )
    if dep == "advcl":
        # "used them to assassinate" is a purpose; "after Iran detained them" is an event; "took
        # steps to normalize relations" is the act the steps are for
        return not _is_purpose(tok) or _steps_toward(tok)
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
    if _steps_toward(tok):
        return True
    if dep == "xcomp" and any(c.dep_ == "dobj" for c in tok.head.children):
        # "used MEK operatives to assassinate ..." states a purpose, unless the governor makes
        # its object the doer ("urged Iran to release", "let them go")
        gov = tok.head
        return bool(mod.kinds(gov.lemma_) & {"appeal", "demand"}) or gov.lemma_ in _OBJECT_CONTROL
    return True


def _decider(tok: Token) -> Token | None:
    """The actor token of a decision noun whose infinitive ``tok`` is: "Saudi Arabia's decision to
    lift", "the decision by Saudi Arabia to lift" -> Saudi Arabia; None otherwise."""
    noun = tok.head
    if tok.dep_ != "acl" or not _is_purpose(tok) or "decision" not in mod.kinds(noun.lemma_):
        return None
    for c in noun.children:
        if c.dep_ == "poss":
            return c
        if c.dep_ in ("prep", "agent") and c.lower_ == "by":
            return next((p for p in c.children if p.dep_ == "pobj"), None)
    return None


def _steps_toward(tok: Token) -> bool:
    """True for the infinitive of "took steps to normalize", "made the decision to cut ties" that the
    parser hung on the verb rather than on its decision noun."""
    return (
        tok.dep_ in ("advcl", "xcomp")
        and _is_purpose(tok)
        and any(c.dep_ == "dobj" and "decision" in mod.kinds(c.lemma_) for c in tok.head.children)
    )


_ORDINALS = frozenset({"first", "second", "last", "only"})


def _first_to(tok: Token) -> bool:
    """True for the infinitive of "the first leader to visit": a record whose noun is the doer."""
    return (
        tok.dep_ in ("relcl", "acl")
        and _is_purpose(tok)
        and not any(c.dep_ in ("nsubj", "nsubjpass") for c in tok.children)
        and any(c.dep_ == "amod" and c.lower_ in _ORDINALS for c in tok.head.children)
    )


def _decision_taken(tok: Token) -> bool:
    """True for the infinitive of a decision noun that is a verb's object ("made the decision to
    cut ties"): the verb's subject decided."""
    return (
        tok.dep_ == "acl"
        and _is_purpose(tok)
        and "decision" in mod.kinds(tok.head.lemma_)
        and tok.head.dep_ == "dobj"
    )


def _is_purpose(tok: Token) -> bool:
    return any(c.dep_ == "aux" and c.lower_ == "to" for c in tok.children)


# prepositions of time and circumstance: their object is no act a control verb governs
_CIRCUMSTANCE_PREPS = frozenset(
    {"after", "before", "since", "following", "during", "amid", "until", "despite", "upon"}
)


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
            if gov.lower_ in _CIRCUMSTANCE_PREPS:
                return None  # "After the shootdown, A and B agreed to ...": a time, not the act agreed
            cur = gov
            continue
        if _steps_toward(cur):
            cur = gov  # "decided to take steps to normalize relations": the steps are transparent
            continue
        if dep == "conj" and cur.pos_ == "VERB" and gov.pos_ == "VERB" and gov.dep_ in ("xcomp", "ccomp"):
            cur = gov  # "plan to expand and accelerate cooperation": the frame governs both
            continue
        if dep not in ("xcomp", "ccomp", "dobj", "prep", "oprd") or (dep == "dobj" and cur.pos_ != "NOUN"):
            return None
        kinds = mod.verb_kinds(gov)
        frame = next((f for f in FRAMES if f in kinds), None)
        if frame is not None and _frame_fits(frame, dep, cur, gov):
            return frame, gov
        if "speech" in kinds and dep == "ccomp" and _future_self(cur, gov):
            return "intent", gov  # "announced it would free 150 prisoners"
        if "verb-aspect" in kinds or "verb-attempt" in kinds:
            cur = gov
            continue
        if dep == "dobj" and "light" in kinds:
            cur = gov  # "agreed to undertake joint exercises": the light verb is transparent
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
            elif c.dep_ in ("prt", "prep") and c.head.i == t.i:
                # "held on to", "pulled out of": the preposition may hang off the particle
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
