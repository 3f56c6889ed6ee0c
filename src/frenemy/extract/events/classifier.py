"""A learned fallback for sentences where the event lexicon codes nothing.

When no lexicon entry yields an event in a sentence, each verb whose subject, object or
prepositional objects name two different actors is a candidate; a softmax (multinomial logistic)
regression over the verb's context vector (the spaCy model's ``doc.tensor`` row, so unseen verbs
still get a guess) and a few parse features (verb, object and preposition lemmas, the target's role)
proposes a CAMEO root or "none". An event is emitted only when a root wins with a probability above
the threshold stored with the weights; it is marked ``coded_by="classifier"``.

The weights are a data file, ``resources/events/classifier.json``, trained by
``python -m eval.train_classifier`` on the team's and the real dev sets (never a held-out file).
Nothing downloads; only numpy is needed. ``FRENEMY_EVENT_CLASSIFIER=1`` turns the fallback on
(``0`` off); the default is the ``enabled`` flag stored with the weights.
"""

from __future__ import annotations

import json
import os
from dataclasses import dataclass
from functools import lru_cache
from importlib import resources
from typing import TYPE_CHECKING, Any

import numpy as np

from frenemy.extract import modality as mod
from frenemy.extract.cameo import cameo_info
from frenemy.extract.events.actors import _actors, _actors_of_subject, _one_actor, _side
from frenemy.extract.events.gate import _children, _is_passive, _may_be_event
from frenemy.extract.events.speaker import _in_temporal_clause, _speaker
from frenemy.models import Event, stable_id

if TYPE_CHECKING:
    from spacy.tokens import Span, Token

    from frenemy.nlp.context import DocContext, MentionSpan

NONE = "none"
_RESOURCE = "classifier.json"
_ENV = "FRENEMY_EVENT_CLASSIFIER"
# object-like dependents of a verb whose actors are the other party ("met Putin", "gave Iran")
_OBJECT_DEPS = ("dobj", "dative")
_CONFIDENCE_SCALE = 0.6  # a guess from context is worth less than a lexicon match


@dataclass(frozen=True)
class Candidate:
    """One verb with one (source, target) actor pair from its own arguments."""

    verb: Token
    source: MentionSpan
    target: MentionSpan
    role: str  # how the target hangs on the verb: "dobj", "prep:with", "joint", "subj"...
    obj: Token | None  # the verb's direct object, if any


def candidates(ctx: DocContext, sent: Span) -> list[Candidate]:
    """Verbs of ``sent`` whose subject, objects or prepositional objects name two different sides.

    A passive verb's agent ("by Iran") is the source and its subject the target; two conjoined
    subjects with no other party ("Iran and Iraq fought") make a joint act, one candidate each way.
    """
    out: list[Candidate] = []
    for verb in sent:
        if verb.pos_ != "VERB" or not _may_be_event(verb):
            continue
        objs = [c for c in verb.children if c.dep_ in _OBJECT_DEPS]
        obj = next((c for c in objs if c.dep_ == "dobj"), None)
        subj = _actors_of_subject(ctx, verb)
        targets: list[tuple[str, MentionSpan]] = [(c.dep_, m) for c in objs for m in _actors(ctx, c)]
        # prepositions on the verb and on its object: "cut ties with Iran", "imposed sanctions on Iran"
        for holder in (verb, *objs):
            for prep in _children(holder, "prep"):
                for p in _children(prep, "pobj"):
                    targets += [(f"prep:{prep.lower_}", m) for m in _actors(ctx, p)]
        agents = [m for a in _children(verb, "agent") for p in _children(a, "pobj") for m in _actors(ctx, p)]
        if _is_passive(verb):
            sources = agents
            patients = [m for c in _children(verb, "nsubjpass") for m in _actors(ctx, c)] or subj
            targets = [("subj", m) for m in patients] + targets
        else:
            sources = subj
        pairs = [(s, role, t) for s in sources for role, t in targets]
        if not targets and len(sources) >= 2:
            pairs = [(a, "joint", b) for a in sources for b in sources if a.actor.id != b.actor.id]
        seen: set[tuple[str, str]] = set()
        for s, role, t in pairs:
            if _one_actor(ctx, s.actor.ref(), t.actor.ref()):
                continue
            key = (s.actor.id, t.actor.id)
            if key in seen:
                continue
            seen.add(key)
            out.append(Candidate(verb, s, t, role, obj))
    return out


def features(ctx: DocContext, cand: Candidate) -> tuple[list[str], np.ndarray]:
    """The sparse feature names and the dense context vector of one candidate."""
    verb = cand.verb
    lemma = verb.lemma_.lower()
    names = [f"v={lemma}", f"role={cand.role}", f"v+role={lemma}|{cand.role}"]
    if cand.obj is not None:
        names += [f"o={cand.obj.lemma_.lower()}", f"v+o={lemma}|{cand.obj.lemma_.lower()}"]
    else:
        names.append("o=-")
    prts = [c.lower_ for c in verb.children if c.dep_ == "prt"]
    names += [f"prt={p}" for p in prts]
    if verb.dep_ in ("xcomp", "ccomp", "advcl", "conj", "relcl"):
        names.append(f"gov={verb.dep_}|{verb.head.lemma_.lower()}")
    if mod.is_negated(verb):
        names.append("negated")
    names.append(f"src={cand.source.kind}")
    names.append(f"tgt={cand.target.kind}")
    tensor = ctx.doc.tensor
    width = tensor.shape[1] if tensor is not None and tensor.ndim == 2 and tensor.shape[0] else 0
    dense = np.zeros(2 * _DENSE_WIDTH, dtype=np.float32)
    if width:
        w = min(width, _DENSE_WIDTH)
        dense[:w] = tensor[verb.i, :w]
        if cand.obj is not None:
            dense[_DENSE_WIDTH : _DENSE_WIDTH + w] = tensor[cand.obj.i, :w]
    return names, dense


_DENSE_WIDTH = 96  # en_core_web_sm's tok2vec width; other models are cut or padded to it


@dataclass
class EventClassifier:
    """Softmax regression weights: one row per sparse feature, then the dense block, then the bias."""

    classes: list[str]
    vocab: dict[str, int]
    sparse: np.ndarray  # (len(vocab), n_classes)
    dense: np.ndarray  # (2 * _DENSE_WIDTH, n_classes)
    bias: np.ndarray  # (n_classes,)
    scale: np.ndarray  # (2 * _DENSE_WIDTH,) divisor applied to the dense vector
    threshold: float
    enabled: bool

    @staticmethod
    def from_dict(d: dict[str, Any]) -> EventClassifier:
        classes = list(d["classes"])
        vocab = {name: i for i, name in enumerate(d["features"])}
        return EventClassifier(
            classes=classes,
            vocab=vocab,
            sparse=np.asarray(d["sparse"], dtype=np.float64).reshape(len(vocab), len(classes)),
            dense=np.asarray(d["dense"], dtype=np.float64).reshape(-1, len(classes)),
            bias=np.asarray(d["bias"], dtype=np.float64),
            scale=np.asarray(d["scale"], dtype=np.float64),
            threshold=float(d["threshold"]),
            enabled=bool(d.get("enabled", False)),
        )

    def probabilities(self, names: list[str], dense: np.ndarray) -> np.ndarray:
        """Class probabilities of one candidate (in ``classes`` order)."""
        logits = self.bias + (dense / self.scale) @ self.dense
        for n in names:
            i = self.vocab.get(n)
            if i is not None:
                logits = logits + self.sparse[i]
        logits = logits - logits.max()
        p = np.exp(logits)
        return np.asarray(p / p.sum())

    def predict(self, names: list[str], dense: np.ndarray) -> tuple[str, float]:
        """The most probable class and its probability."""
        p = self.probabilities(names, dense)
        k = int(p.argmax())
        return self.classes[k], float(p[k])


@lru_cache(maxsize=1)
def load_classifier() -> EventClassifier | None:
    """The shipped weights, or None when the data file is missing."""
    try:
        text = resources.files("frenemy.resources.events").joinpath(_RESOURCE).read_text(encoding="utf-8")
    except (FileNotFoundError, ModuleNotFoundError):
        return None
    return EventClassifier.from_dict(json.loads(text))


def classifier_enabled(clf: EventClassifier | None) -> bool:
    """On when FRENEMY_EVENT_CLASSIFIER says so, else as the weights file says."""
    if clf is None:
        return False
    flag = os.environ.get(_ENV, "").strip().lower()
    if flag in ("1", "true", "yes", "on"):
        return True
    if flag in ("0", "false", "no", "off"):
        return False
    return clf.enabled


def add_classifier_events(
    ctx: DocContext, events: list[Event], clf: EventClassifier | None = None
) -> list[Event]:
    """``events`` plus the classifier's events for sentences where the lexicon coded nothing.

    >>> events = add_classifier_events(ctx, extract_events(ctx, lexicon))  # doctest: +SKIP
    >>> [e.coded_by for e in events]  # doctest: +SKIP
    ['lexicon', 'classifier']
    """
    clf = clf if clf is not None else load_classifier()
    if clf is None or not classifier_enabled(clf):
        return events
    coded = {e.sentence_index for e in events}
    added: list[Event] = []
    for s_index, sent in enumerate(ctx.doc.sents):
        if s_index not in coded:
            added += sentence_events(ctx, clf, sent, s_index)
    if not added:
        return events
    return sorted(events + added, key=lambda e: e.sentence_index)  # stable: lexicon order kept


def sentence_events(ctx: DocContext, clf: EventClassifier, sent: Span, s_index: int) -> list[Event]:
    """The events the classifier proposes for one sentence, above its threshold, in text order."""
    best: dict[tuple[str | None, str | None], tuple[float, Candidate, str]] = {}
    for cand in candidates(ctx, sent):
        label, prob = clf.predict(*features(ctx, cand))
        if label == NONE or prob < clf.threshold:
            continue
        side = (_side(ctx, cand.source.actor.ref()), _side(ctx, cand.target.actor.ref()))
        if side not in best or prob > best[side][0]:
            best[side] = (prob, cand, label)
    chosen = sorted(best.values(), key=lambda b: b[1].verb.i)
    return [_event(ctx, sent, s_index, cand, root, prob) for prob, cand, root in chosen]


def _event(ctx: DocContext, sent: Span, s_index: int, cand: Candidate, root: str, prob: float) -> Event:
    verb = cand.verb
    info = cameo_info(root + "0")
    src, tgt = cand.source.actor.ref(), cand.target.actor.ref()
    scope = mod.scope_of(verb)
    negated = mod.is_negated(verb) or scope in mod.NEGATING_SCOPES
    if negated and scope is None:
        scope = "denied"
    modality = mod.modality_of(verb)
    if scope == "planned" and modality is None:
        modality = "future"
    report = _speaker(ctx, verb)
    if modality is None and report.hedged and not _in_temporal_clause(verb):
        modality = "hedged"
    if modality is None:
        modality = "reported" if report.reported else "asserted"
    return Event(
        id=stable_id("ev", ctx.document.id, s_index, verb.i, info.code, src.id, tgt.id),
        doc_id=ctx.document.id,
        sentence_index=s_index,
        sentence=sent.text,
        char_start=sent.start_char,
        char_end=sent.end_char,
        source=src,
        target=tgt,
        action_text=verb.text,
        cameo=info.code,
        cameo_root=info.root,
        quad_class=info.quad_class,
        goldstein=info.goldstein,
        plover=info.plover,
        plover_mode=info.plover_mode,
        polarity=info.polarity,
        negated=negated,
        modality=modality,
        date=ctx.date_for(verb.i),
        attributed_to=report.speaker,
        relayed_by=report.relayed_by,
        confidence=round(max(0.05, min(0.95, prob * _CONFIDENCE_SCALE)), 2),
        action_start=verb.idx,
        action_end=verb.idx + len(verb.text),
        scope=scope,
        coded_by="classifier",
    )
