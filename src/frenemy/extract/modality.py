"""Negation, modality and control frames around an event word, read off the dependency parse.

The cue words are data (``resources/events/modality.tsv``), loaded once. Functions here look only
at a token's own dependents and the short chain of clauses that governs it, so each call is cheap.
"""

from __future__ import annotations

import csv
from functools import lru_cache
from importlib import resources
from typing import TYPE_CHECKING

if TYPE_CHECKING:
    from spacy.tokens import Token

# Clause links that carry an event's modality from its governor ("wanted to hold", "seems to have").
_CLAUSE_UP = {"xcomp", "ccomp", "conj", "pcomp", "advcl", "acl", "relcl"}
# What an event's scope may be (Event.scope); the first four make it negated too.
NEGATING_SCOPES = frozenset({"denied", "ceased", "refused", "failed"})
SCOPES = NEGATING_SCOPES | {"disputed", "planned"}
# Planning verbs give scope "planned"; "expect" and "go" only make an event future.
_NOT_PLANS = frozenset({"expect", "go"})
_FINITE = frozenset({"VBD", "VBZ", "VBP"})
# Modality strength: the first that applies wins.
_ORDER = ("question", "hypothetical", "hedged", "future")


@lru_cache(maxsize=1)
def cues() -> dict[str, frozenset[str]]:
    """Cue lemma -> kinds (a lemma may have several: "go" is future and aspect)."""
    text = resources.files("frenemy.resources.events").joinpath("modality.tsv").read_text(encoding="utf-8")
    rows = [ln for ln in text.splitlines() if ln.strip() and not ln.startswith("#")]
    out: dict[str, set[str]] = {}
    for row in csv.DictReader(rows, delimiter="\t"):
        out.setdefault(row["cue"], set()).add(row["kind"])
    return {k: frozenset(v) for k, v in out.items()}


@lru_cache(maxsize=1)
def negation_words() -> frozenset[str]:
    """Single negation words: the claims stage's list (resources/claims/qualifiers.tsv, category
    "negation") plus the events stage's own (modality.tsv, kind "negation": "none", "nowhere")."""
    text = resources.files("frenemy.resources.claims").joinpath("qualifiers.tsv").read_text(encoding="utf-8")
    words = {
        cols[1].strip().lower()
        for cols in (ln.split("\t") for ln in text.splitlines() if ln.strip() and not ln.startswith("#"))
        if len(cols) > 1 and cols[0].strip() == "negation" and " " not in cols[1].strip()
    }
    return frozenset(words | {cue for cue, k in cues().items() if "negation" in k})


def kinds(lemma: str) -> frozenset[str]:
    """The cue kinds of a lemma (empty when it is no cue)."""
    return cues().get(lemma.lower(), frozenset())


def verb_kinds(tok: Token) -> frozenset[str]:
    """The cue kinds of a verb token, repairing a past-tense lemma the lemmatizer cut too short:
    "staged" is lemmatised "stag", "slated" "slat"; the form minus its "d" is tried then."""
    found = kinds(tok.lemma_)
    if not found and tok.pos_ == "VERB" and tok.lower_.endswith("ed"):
        found = kinds(tok.lower_[:-1])
    return found


def has_negation(tok: Token) -> bool:
    """True when the word itself is negated: "did not attack", "never released", "no agreement"."""
    neg = negation_words()
    for c in tok.children:
        if c.dep_ == "neg" or (c.dep_ in ("det", "advmod") and c.lower_ in neg):
            return True
        if c.dep_ == "prep" and any(p.dep_ == "pobj" and p.lower_ in neg for p in c.children):
            return True  # "In none of these documents did I find ..."
    return False


def is_negated(head: Token, stop: Token | None = None) -> bool:
    """Negation of an event word, also from above: "found no evidence that Iran aided ...",
    "denied that it attacked", "did not find that ...", "rather than being in bed with".

    The walk goes up the governing clauses and stops at ``stop`` (a control verb already handled).
    """
    if has_negation(head):
        return True
    tok = head
    for _ in range(6):
        if tok.dep_ not in _CLAUSE_UP or tok.head.i == tok.i or _own_predicate(tok):
            return False
        if tok.dep_ == "pcomp" and "counterfactual" in kinds(tok.head.lemma_):
            return True
        gov = tok.head
        if stop is not None and gov.i == stop.i:
            return False
        gk = verb_kinds(gov)
        if "deny" in gk and tok.dep_ != "conj":
            return True  # (not "denied the strikes and accused Azerbaijan": a second act of its own)
        if "negscope" in gk and has_negation(gov):
            return True
        # "found no evidence that ...": the negated scope noun is the governor's object
        if tok.dep_ == "ccomp" and any(
            c.dep_ == "dobj" and "negscope" in kinds(c.lemma_) and has_negation(c) for c in gov.children
        ):
            return True
        # "not" on a transparent or control governor: "did not continue to hold", "did not agree to"
        if tok.dep_ in ("xcomp", "conj") and has_negation(gov):
            return True
        # "by not letting his daughter free", "did not allow them to leave"
        if tok.dep_ == "ccomp" and has_negation(gov) and "speech" not in gk:
            return True
        tok = gov
    return False


def modality_of(head: Token, stop: Token | None = None, attempt_transparent: bool = False) -> str | None:
    """The strongest non-asserted modality that applies to an event word, or None.

    hypothetical: "would", "if ...", "wanted to", "tried to"; hedged: "may have", "seems to",
    "reportedly"; future: "will", "plans to", "is expected to"; question: a main-clause event in a
    sentence ending with "?". ``stop`` ends the upward walk (a control verb handled by the caller).
    """
    found: set[str] = set()
    if head.dep_ == "pobj" and head.head.lower_ == "for" and "asked-for" in kinds(head.head.head.lemma_):
        found.add("hypothetical")  # "his encouragement for negotiations": asked for, not held
    tok = head
    for step in range(6):
        _local(tok, found)
        if tok.dep_ not in _CLAUSE_UP or tok.head.i == tok.i or _own_predicate(tok):
            break
        gov = tok.head
        if stop is not None and gov.i == stop.i:
            break
        gk = verb_kinds(gov)
        if tok.dep_ in ("xcomp", "ccomp"):
            if "verb-hedge" in gk:
                found.add("hedged")
            if "verb-future" in gk and not (gov.lemma_ == "go" and gov.tag_ != "VBG"):
                found.add("future")
            if "verb-hypothetical" in gk or ("verb-attempt" in gk and not attempt_transparent):
                found.add("hypothetical")
            if "speech" in gk:
                break  # the speaker's own modality is not the event's
        elif tok.dep_ == "acl" and any(c.dep_ == "mark" and c.lower_ == "that" for c in tok.children):
            found.add("hedged")  # "reports that ...", "evidence that ...": a claim, not a fact
            break
        elif tok.dep_ in ("acl", "relcl") and gov.dep_ == "attr" and _infinitive(tok):
            tok = gov.head  # "would be the first leader to visit": the record is the copula's
            continue
        elif tok.dep_ in ("advcl", "acl", "relcl", "pcomp"):
            if _unrealised(tok) and _modal_governor(gov):
                found.add("hypothetical")  # "may think twice before attacking": the attack has not happened
            break  # a temporal or descriptive clause keeps its own modality
        tok = gov
        if step == 0 and head.dep_ == "conj":
            continue
    sent = head.sent
    if sent.text.rstrip().endswith("?") and tok.dep_ == "ROOT":
        found.add("question")
    for m in _ORDER:
        if m in found:
            return m
    return None


def _infinitive(clause: Token) -> bool:
    return any(c.dep_ == "aux" and c.lower_ == "to" for c in clause.children)


def _unrealised(clause: Token) -> bool:
    """The clause is introduced by "before" or "until" (a mark, or the preposition it hangs on)."""
    if clause.dep_ == "pcomp" and "unrealised" in kinds(clause.head.lemma_):
        return True
    return any(c.dep_ == "mark" and "unrealised" in kinds(c.lemma_) for c in clause.children)


def _modal_governor(tok: Token) -> bool:
    """The clause that the "before" clause hangs on is itself not asserted ("may", "would", "will")."""
    gov = tok.head if tok.dep_ == "prep" else tok
    found: set[str] = set()
    _local(gov, found)
    return bool(found)


def _local(tok: Token, found: set[str]) -> None:
    for c in tok.children:
        if c.dep_ in ("aux", "auxpass"):
            k = kinds(c.lemma_) | kinds(c.lower_)
            if "aux-future" in k:
                found.add("future")
            elif "aux-hypothetical" in k:
                found.add("hypothetical")
            elif "aux-hedge" in k:
                found.add("hedged")
        elif c.dep_ == "advmod" and "adv-hedge" in kinds(c.lemma_):
            found.add("hedged")
        elif c.dep_ == "mark" and "conditional" in kinds(c.lemma_):
            found.add("hypothetical")


def scope_of(head: Token, stop: Token | None = None) -> str | None:
    """Why an event word is not asserted as done, or None: "denied" (negated, "did not attack",
    "found no evidence of", "denied that"), "ceased" ("agreed to stop sending"), "refused"
    ("refused to commit"), "failed" ("failed to reach agreement"), "planned" ("was slated to
    visit") or "disputed" ("the claim that ... is an exaggeration").

    A nominal event first climbs to the clause it stands in ("evidence of collaboration", "reach
    agreement"); the walk then goes up the governing clauses like ``is_negated`` and stops at
    ``stop`` (a control verb already handled).
    """
    if has_negation(head):
        return "denied"
    tok = head
    for _ in range(4):  # a nominal event: up to its clause verb
        if tok.pos_ in ("VERB", "AUX"):
            break
        gov = tok.head
        if gov.i == tok.i:
            return None
        if tok.dep_ == "pobj" and gov.dep_ == "prep":
            holder = gov.head
            if "negscope" in kinds(holder.lemma_) and (
                has_negation(holder) or (holder.dep_ in ("dobj", "attr") and has_negation(holder.head))
            ):
                return "denied"  # "found no evidence of", "In none ... did I find evidence of"
            tok = holder
            continue
        if tok.dep_ in ("dobj", "nsubjpass", "attr") and gov.pos_ in ("VERB", "AUX"):
            gk = verb_kinds(gov)
            if tok.dep_ == "dobj" and "verb-future" in gk and gov.lemma_ not in _NOT_PLANS:
                return "planned"  # "plans an offensive"
            if tok.dep_ in ("dobj", "nsubjpass") and "cease" in gk:
                return "ceased"  # "halted the deliveries", "the talks were suspended"
            if "light" not in gk:
                return None  # "failed to condemn the attack": the attack is no less done
            if has_negation(gov):
                return "denied"  # "did not hold talks"
            tok = gov
            break
        return None
    if tok.pos_ not in ("VERB", "AUX"):
        return None
    return _clause_scope(tok, stop)


def _clause_scope(tok: Token, stop: Token | None) -> str | None:
    for _ in range(6):
        dep, gov = tok.dep_, tok.head
        if gov.i == tok.i or (stop is not None and gov.i == stop.i) or _own_predicate(tok):
            return None
        if dep == "acl" and any(c.dep_ == "mark" and c.lower_ == "that" for c in tok.children):
            return _claim_scope(gov)  # "the claim that Iran armed ..."
        if dep not in _CLAUSE_UP or dep in ("advcl", "acl", "relcl"):
            return None  # a temporal or descriptive clause keeps its own scope
        gk = verb_kinds(gov)
        if dep == "pcomp" and "counterfactual" in kinds(gov.lemma_):
            return "denied"
        if ("deny" in gk and dep != "conj") or ("negscope" in gk and has_negation(gov)):
            return "denied"
        if dep == "ccomp" and any(
            c.dep_ == "dobj" and "negscope" in kinds(c.lemma_) and has_negation(c) for c in gov.children
        ):
            return "denied"
        if dep in ("xcomp", "ccomp", "pcomp"):
            for kind, scope in (("cease", "ceased"), ("fail", "failed"), ("refuse", "refused")):
                if kind in gk:
                    return scope
            if dep == "xcomp" and "verb-future" in gk and gov.lemma_ not in _NOT_PLANS:
                return "planned"
        if dep in ("xcomp", "conj") and has_negation(gov):
            return "denied"
        if dep == "ccomp" and has_negation(gov) and "speech" not in gk:
            return "denied"
        tok = gov
    return None


def _own_predicate(tok: Token) -> bool:
    """A finite verb the parser joined to a non-finite complement: in "denied carrying out the
    strikes and accused Azerbaijan of ...", "accused" is the subject's second act, not a second
    thing denied."""
    return (
        tok.dep_ == "conj"
        and tok.tag_ in _FINITE
        and tok.head.tag_ in ("VBG", "VB")
        and tok.head.dep_ in ("xcomp", "ccomp", "pcomp")
    )


def _claim_scope(noun: Token) -> str | None:
    """The scope a claim noun gives the that-clause it carries: "disputed" when the claim is called
    false or overstated or its governor disputes it, "denied" when it is denied."""
    gov = noun.head
    if noun.dep_ in ("nsubj", "nsubjpass") and any(
        c.dep_ in ("attr", "acomp") and "dispute" in kinds(c.lemma_) for c in gov.children
    ):
        return "disputed"  # "Pompeo's claim that ... is an exaggeration"
    if noun.dep_ == "dobj":
        gk = verb_kinds(gov)
        if "deny" in gk:
            return "denied"  # "denied reports that ..."
        if "dispute" in gk or "refuse" in gk:
            return "disputed"  # "disputed the claim that ...", "rejected the claim that ..."
    return None
