"""How much each piece of evidence counts, and the overall cooperation-conflict score.

Every number here is documented in docs/dyad.md; the verdict's ``basis`` paragraph quotes them.

Events: an event group (one real-world event, see analyze.dedupe) counts once, with the
Goldstein value of its best-attested record and weight

    weight = min(1, best record weight * (1 + CORROBORATION_STEP * extra independent publishers))

where a record's weight is ``MODALITY_WEIGHT[modality]``, times ``ATTRIBUTED_WEIGHT`` when the
event is only reported by someone (``attributed_to`` set or modality "reported"). Negated events
("Iran did not arrest ...") weigh 0: the absence of an act is not evidence of its opposite, and
CAMEO already has codes for refusals, so inverting the Goldstein value would invent evidence.

Claims: each independent claimant gets one vote, its stance value (+1 cooperative, -1 hostile,
0 ambivalent; neutral claims do not vote) times ``CLAIM_GOLDSTEIN`` on the Goldstein scale,
weighted 1, or ``HEDGED_WEIGHT`` when all its characterising claims are hedged.

Bargaining moves (negotiation, release, exchange, trade; see ``is_bargaining``) count half their
Goldstein value when positive: they are what adversaries do when they deal with each other, so
Goldstein's +7 for "engage in negotiation" would otherwise read a round of talks between enemies
as alliance.

Publisher voice: a claim spoken by the document's publisher (no claimant, or the publisher
named as claimant) votes only when the document is the publisher's own analysis or opinion
(``own_voice``, cues in resources/own_voice.tsv); in a news report it is listed but not counted.

Score: the weighted mean of event and claimant values (-10 .. +10).
"""

from __future__ import annotations

import math
import re
from collections.abc import Iterable
from dataclasses import dataclass, field
from functools import lru_cache
from importlib import resources

from frenemy.analyze.dedupe import EventGroup
from frenemy.models import ActorRef, Claim, Document, Event

MODALITY_WEIGHT = {
    "asserted": 1.0,
    "reported": 1.0,  # the attribution discount below applies instead
    "hedged": 0.5,
    "future": 0.2,
    "hypothetical": 0.1,
    "question": 0.1,
}
ATTRIBUTED_WEIGHT = 0.7
NEGATED_WEIGHT = 0.0
UNNAMED_PREFIX = "unnamed:"  # claimant ids of unnamed others relayed by a named speaker
CORROBORATION_STEP = 0.15
CORROBORATION_MAX_EXTRA = 3
CLAIM_GOLDSTEIN = 5.0
HEDGED_WEIGHT = 0.5
STANCE_VALUE = {"cooperative": 1.0, "hostile": -1.0, "ambivalent": 0.0}
BARGAINING_FACTOR = 0.5  # a bargaining move (talks, release, swap) counts half its Goldstein value
MIN_EVIDENCE_WEIGHT = 1.0  # below this there is no verdict: "insufficient-evidence"
AMOUNT_SCALE = 4.0  # evidence weight at which the amount factor reaches 1 - 1/e
SILENT_PUBLISHER = "the publisher's wording in its news reports, not its own analysis"


@lru_cache(maxsize=1)
def bargaining_cues() -> tuple[tuple[str, ...], frozenset[str], tuple[str, ...]]:
    """(CAMEO prefixes, whole words, word stems) from resources/ach_bargaining.tsv."""
    text = resources.files("frenemy.resources").joinpath("ach_bargaining.tsv").read_text("utf-8")
    codes: list[str] = []
    words: set[str] = set()
    stems: list[str] = []
    for line in text.splitlines():
        if not line.strip() or line.startswith("#") or line.startswith("kind\t"):
            continue
        kind, _, value = line.partition("\t")
        value = value.strip().lower()
        if kind == "cameo":
            codes.append(value)
        elif value.endswith("*"):
            stems.append(value[:-1])
        else:
            words.add(value)
    return tuple(codes), frozenset(words), tuple(stems)


def is_bargaining(e: Event) -> bool:
    """Negotiation, release, exchange, trade: the moves of a transactional relationship.

    Cues: resources/ach_bargaining.tsv (CAMEO prefixes and action words).
    """
    return bargaining_action(e.cameo, e.action_text)


@lru_cache(maxsize=4096)
def bargaining_action(cameo: str, action_text: str) -> bool:
    """``is_bargaining`` for a CAMEO code and action words (cached: a pair repeats a few hundred)."""
    codes, words, stems = bargaining_cues()
    if any(cameo.startswith(c) for c in codes):
        return True
    for token in action_text.lower().split():
        token = token.strip(".,;:'\"()")
        if token in words or token.startswith(stems):
            return True
    return False


def event_weight(e: Event) -> tuple[float, str]:
    """The weight of one event record and the reason, e.g. (0.7, "reported by the CTC")."""
    return record_weight(e.negated, e.modality, e.attributed_to.name if e.attributed_to else None)


@lru_cache(maxsize=4096)
def record_weight(negated: bool, modality: str, attributed_to: str | None) -> tuple[float, str]:
    # Cached: a large pair has tens of thousands of records and a handful of combinations.
    if negated:
        return NEGATED_WEIGHT, "negated: not counted"
    w = MODALITY_WEIGHT.get(modality, 0.5)
    reasons = [] if modality in ("asserted", "reported") else [f"{modality} x{w:g}"]
    if attributed_to is not None or modality == "reported":
        w *= ATTRIBUTED_WEIGHT
        who = attributed_to if attributed_to is not None else "a source"
        reasons.append(f"reported by {who} x{ATTRIBUTED_WEIGHT:g}")
    return round(w, 4), "; ".join(reasons) or "asserted"


def publisher_key(doc: Document | None, doc_id: str) -> str:
    """Who stands behind a document: its publisher, else the document itself."""
    return publisher_name_key(doc.publisher if doc is not None else None, doc_id)


def publisher_name_key(publisher: str | None, doc_id: str) -> str:
    """``publisher_key`` from the publisher's name (as stored with each event)."""
    if publisher:
        return "publisher:" + publisher.strip().lower()
    return "document:" + doc_id


@dataclass
class WeighedGroup:
    """An event group as it counts in the score."""

    group: EventGroup
    best: Event  # the best-attested record: its Goldstein value and its id stand for the group
    weight: float
    reason: str
    publishers: list[str]
    bargaining: bool = False  # a negotiation, release, exchange or trade (is_bargaining)
    disputed_by: str | None = None  # the critic of the view it carries (analyze.disputes)

    @property
    def id(self) -> str:
        return self.best.id

    @property
    def value(self) -> float:
        """The Goldstein value it counts with: halved for a cooperative bargaining move."""
        g = float(self.best.goldstein)
        return g * BARGAINING_FACTOR if g > 0 and self.bargaining else g


def weigh_group(group: EventGroup, documents: dict[str, Document]) -> WeighedGroup:
    """Weight one event group: its best record, raised by independent corroboration."""
    scored = [(event_weight(e), idx, e) for idx, e in enumerate(group.members)]
    (w, reason), _, best = max(scored, key=lambda t: (t[0][0], -t[1]))
    publishers = list(dict.fromkeys(publisher_key(documents.get(d), d) for d in group.doc_ids))
    w, reason = corroborated(w, reason, len(publishers))
    return WeighedGroup(group, best, w, reason, publishers, is_bargaining(best))


def corroborated(w: float, reason: str, n_publishers: int) -> tuple[float, str]:
    """A group's best record weight raised by its extra independent publishers, rounded."""
    extra = min(n_publishers - 1, CORROBORATION_MAX_EXTRA)
    if w > 0 and extra > 0:
        w = min(1.0, w * (1 + CORROBORATION_STEP * extra))
        reason += f"; {n_publishers} independent publishers"
    return round(w, 4), reason


def claim_weight(c: Claim) -> float:
    """The weight of one claim: 1, or HEDGED_WEIGHT when hedged."""
    return HEDGED_WEIGHT if c.hedged else 1.0


@lru_cache(maxsize=1)
def own_voice_cues() -> tuple[tuple[str, ...], re.Pattern[str]]:
    """(title labels, first-person pattern) from resources/own_voice.tsv."""
    text = resources.files("frenemy.resources").joinpath("own_voice.tsv").read_text("utf-8")
    titles: list[str] = []
    phrases: list[str] = []
    for line in text.splitlines():
        if not line.strip() or line.startswith("#") or line.startswith("kind\t"):
            continue
        kind, _, value = line.partition("\t")
        (titles if kind == "title" else phrases).append(value.strip().lower())
    words = "|".join(re.escape(p) for p in sorted(phrases, key=len, reverse=True))
    return tuple(titles), re.compile(rf"\b(?:{words})\b", re.IGNORECASE)


def is_publisher_voice(c: Claim, doc: Document | None) -> bool:
    """Whether the claim is spoken by its document's publisher (unattributed, or the publisher named)."""
    if c.claimant is None:
        return c.relayed_by is None
    if doc is None or not doc.publisher:
        return False
    return _plain(c.claimant.name) == _plain(doc.publisher)


def own_voice(c: Claim, doc: Document | None) -> bool:
    """Whether a publisher-voice claim is the publisher's own analysis or opinion.

    True when the document's title starts with an analysis/opinion label ("Analysis: Iran and
    al-Qaeda ...") or the claim's sentence speaks in the first person ("We believe ...").
    """
    titles, first_person = own_voice_cues()
    title = _plain(doc.title if doc is not None else "")
    if any(
        title == t or title.startswith((t + ":", t + " |", t + " -", t + " \u2013", t + " \u2014"))
        for t in titles
    ):
        return True
    # quoted speech is someone else's first person
    return bool(first_person.search(_QUOTED.sub(" ", c.sentence or "")))


_QUOTED = re.compile(r"[\"\u201c][^\"\u201d]*[\"\u201d]")


def _plain(text: str | None) -> str:
    return " ".join((text or "").lower().split())


def claimant_ref(c: Claim, documents: dict[str, Document]) -> ActorRef:
    """Who makes a claim: the claimant; for "as some have argued" relayed by a named speaker, those
    unnamed others (not the publisher, who may be reporting a view the speaker rejects); else the
    document's publisher (the author's voice)."""
    if c.claimant is not None:
        return c.claimant
    if c.relayed_by is not None:
        return ActorRef(
            id=UNNAMED_PREFIX + c.relayed_by.id, name=f"unnamed others (as reported by {c.relayed_by.name})"
        )
    doc = documents.get(c.doc_id)
    if doc is not None and doc.publisher:
        return ActorRef(id="publisher:" + doc.publisher.strip().lower(), name=doc.publisher)
    title = doc.title if doc is not None and doc.title else c.doc_id
    return ActorRef(id="document:" + c.doc_id, name=f"author of {title}")


@dataclass
class Position:
    """One independent claimant's position on the relationship."""

    claimant: ActorRef
    claims: list[Claim] = field(default_factory=list)
    silent: str | None = None  # why its claims do not vote (a publisher's news report), else None

    @property
    def stated(self) -> list[Claim]:
        """Its claims with a stance, whether or not they vote."""
        return [c for c in self.claims if c.stance in STANCE_VALUE]

    @property
    def voting(self) -> list[Claim]:
        return [] if self.silent else self.stated

    @property
    def value(self) -> float:
        votes = self.stated
        w = sum(claim_weight(c) for c in votes)
        return sum(STANCE_VALUE[c.stance] * claim_weight(c) for c in votes) / w if w else 0.0

    @property
    def weight(self) -> float:
        votes = self.voting
        return max((claim_weight(c) for c in votes), default=0.0)

    @property
    def stance(self) -> str:
        if not self.stated:
            return "neutral"
        v = self.value
        if v >= 0.5:
            return "cooperative"
        if v <= -0.5:
            return "hostile"
        return "ambivalent"


def positions(claims: Iterable[Claim], documents: dict[str, Document]) -> list[Position]:
    """Claims grouped by independent claimant, in first-seen order.

    A publisher's claims vote only from documents that are its own analysis or opinion
    (``own_voice``); its claims in news reports are kept, as a silent position.
    """
    by_id: dict[str, Position] = {}
    for c in claims:
        doc = documents.get(c.doc_id)
        if is_publisher_voice(c, doc) and not own_voice(c, doc):
            ref = claimant_ref(c, documents)
            key = "silent:" + " ".join(ref.name.lower().split())
            pos = by_id.get(key)
            if pos is None:
                pos = by_id[key] = Position(ref, silent=SILENT_PUBLISHER)
            pos.claims.append(c)
            continue
        ref = claimant_ref(c, documents)
        # Keyed by name: a publisher standing in for an unattributed author is the same voice
        # as the publisher named as claimant.
        key = " ".join(ref.name.lower().split())
        pos = by_id.get(key)
        if pos is None:
            pos = by_id[key] = Position(ref)
        pos.claims.append(c)
    return list(by_id.values())


@dataclass
class Score:
    """The overall score and what went into it."""

    score: float
    confidence: float
    event_weight: float
    claim_weight: float
    groups_counted: int
    claimants_voting: int
    independent_sources: int
    agreement: float
    amount: float
    diversity: float

    @property
    def total_weight(self) -> float:
        return self.event_weight + self.claim_weight

    @property
    def sufficient(self) -> bool:
        return self.total_weight >= MIN_EVIDENCE_WEIGHT


def overall_score(groups: list[WeighedGroup], claimants: list[Position]) -> Score:
    """Weighted mean of counted events and claimant votes, with a confidence in [0, 1].

    confidence = amount * diversity * (0.5 + 0.5 * agreement), where amount =
    1 - exp(-weight / AMOUNT_SCALE), diversity = 1 - 0.5 ** independent sources (publishers of
    counted events plus voting named claimants), agreement = |sum of signed evidence| / sum of its
    absolute values (1 when all evidence points the same way).
    """
    counted = [g for g in groups if g.weight > 0]
    voting = [p for p in claimants if p.weight > 0]
    ew = sum(g.weight for g in counted)
    cw = sum(p.weight for p in voting)
    signed = [g.value * g.weight for g in counted] + [p.value * CLAIM_GOLDSTEIN * p.weight for p in voting]
    total_w = ew + cw
    score = sum(signed) / total_w if total_w else 0.0
    magnitude = sum(abs(s) for s in signed)
    agreement = abs(sum(signed)) / magnitude if magnitude else 0.0
    # unnamed others ("as some have argued") vote, hedged, but cannot show they are independent
    sources = {pub for g in counted for pub in g.publishers} | {
        p.claimant.id for p in voting if not p.claimant.id.startswith(UNNAMED_PREFIX)
    }
    amount = 1 - math.exp(-total_w / AMOUNT_SCALE)
    diversity = 1 - 0.5 ** len(sources)
    confidence = amount * diversity * (0.5 + 0.5 * agreement) if total_w else 0.0
    return Score(
        score=round(score, 2),
        confidence=round(confidence, 2),
        event_weight=round(ew, 2),
        claim_weight=round(cw, 2),
        groups_counted=len(counted),
        claimants_voting=len(voting),
        independent_sources=len(sources),
        agreement=round(agreement, 2),
        amount=round(amount, 2),
        diversity=round(diversity, 2),
    )
