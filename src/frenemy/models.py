"""Records passed forward between pipeline stages.

Every record that came from text keeps its provenance: document id, sentence index and the
character span of that sentence in the stored document text. ``to_dict`` gives the public
JSON shapes of docs/formats.md (CONTRACTS): add fields freely, never rename or remove.
"""

from __future__ import annotations

import hashlib
from dataclasses import asdict, dataclass, field
from typing import Any, Literal

ActorType = Literal[
    "state", "organization", "armed_group", "igo", "person", "government_body", "media", "other"
]
Polarity = Literal["cooperative", "hostile", "neutral"]
Modality = Literal["asserted", "reported", "hedged", "hypothetical", "future", "question"]
Stance = Literal["cooperative", "hostile", "ambivalent", "neutral"]
Precision = Literal["day", "month", "year", "decade", "unknown"]
DateBasis = Literal[
    "explicit", "relative-to-publication", "relative-to-event", "context", "publication", "none"
]


def stable_id(prefix: str, *parts: object) -> str:
    """A short deterministic id: ``stable_id("ev", "doc1", 3, "173")`` -> ``"ev_1f3a…"``."""
    digest = hashlib.sha1("\x1f".join(str(p) for p in parts).encode("utf-8")).hexdigest()
    return f"{prefix}_{digest[:16]}"


@dataclass
class Document:
    """One distinct document. ``id`` is the hash of its normalised text (see ingest.identity)."""

    id: str
    text: str
    title: str | None = None
    publisher: str | None = None
    published: str | None = None  # ISO date truncated to its precision, or None when undated
    author: str | None = None
    url: str | None = None
    source_path: str | None = None  # where it was read from (file path, "path:line" for JSONL)
    format: str = "txt"
    language: str = "en"
    external_id: str | None = None  # the "id" field of a JSONL record, if any

    def to_dict(self) -> dict[str, Any]:
        return {
            "id": self.id,
            "title": self.title,
            "publisher": self.publisher,
            "published": self.published,
            "url": self.url,
        }


@dataclass
class Sentence:
    doc_id: str
    index: int
    start: int  # character offsets in Document.text
    end: int
    text: str


@dataclass
class Affiliation:
    actor: str  # id of the organisation or country
    role: str | None = None
    start: str | None = None
    end: str | None = None

    def to_dict(self) -> dict[str, Any]:
        return asdict(self)


@dataclass
class Actor:
    """An actor: a state, organisation, armed group, IGO, person, government body, ..."""

    id: str
    name: str
    type: str = "other"
    code: str | None = None  # CAMEO-style: "IRN", "USAGOV", "IMGMUSALQ"
    country: str | None = None  # ISO 3166 alpha-3
    sector: str | None = None  # CAMEO role code ("GOV", "MIL", ...) or None
    aliases: list[str] = field(default_factory=list)
    affiliations: list[Affiliation] = field(default_factory=list)
    parent: str | None = None  # the actor this one rolls up to in dyad analysis (country, org)
    origin: str = "registry"  # registry | user | corpus | description
    mentions: int = 0

    def ref(self) -> ActorRef:
        return ActorRef(id=self.id, name=self.name, code=self.code)

    def to_dict(self) -> dict[str, Any]:
        return {
            "id": self.id,
            "name": self.name,
            "type": self.type,
            "code": self.code,
            "country": self.country,
            "sector": self.sector,
            "aliases": list(self.aliases),
            "affiliations": [a.to_dict() for a in self.affiliations],
            "mentions": self.mentions,
            "parent": self.parent,
        }


@dataclass
class ActorRef:
    id: str
    name: str
    code: str | None = None

    def to_dict(self) -> dict[str, Any]:
        return {"id": self.id, "name": self.name, "code": self.code}


@dataclass
class Mention:
    """An actor mentioned in a document (a name, a description, a demonym or a resolved pronoun)."""

    doc_id: str
    sentence_index: int
    char_start: int  # offsets of the mention itself in Document.text
    char_end: int
    text: str
    actor_id: str
    kind: str = "name"  # name | description | demonym | pronoun | coref


@dataclass
class DateInfo:
    start: str | None = None
    end: str | None = None
    precision: str = "unknown"
    basis: str = "none"
    text: str | None = None

    def to_dict(self) -> dict[str, Any]:
        # Spelled out rather than asdict(): called once per event in every report (5x faster).
        return {
            "start": self.start,
            "end": self.end,
            "precision": self.precision,
            "basis": self.basis,
            "text": self.text,
        }

    @staticmethod
    def from_dict(d: dict[str, Any] | None) -> DateInfo:
        if not d:
            return DateInfo()
        return DateInfo(
            start=d.get("start"),
            end=d.get("end"),
            precision=d.get("precision", "unknown"),
            basis=d.get("basis", "none"),
            text=d.get("text"),
        )


@dataclass
class Event:
    id: str
    doc_id: str
    sentence_index: int
    sentence: str
    char_start: int  # the sentence's span in Document.text
    char_end: int
    source: ActorRef | None
    target: ActorRef | None
    action_text: str
    cameo: str
    cameo_root: str
    quad_class: int
    goldstein: float
    plover: str | None = None
    plover_mode: str | None = None
    polarity: str = "neutral"
    negated: bool = False
    modality: str = "asserted"
    date: DateInfo = field(default_factory=DateInfo)
    attributed_to: ActorRef | None = None
    confidence: float = 0.5
    relayed_by: ActorRef | None = None  # outer speaker of nested reported speech
    action_start: int | None = None  # character span of the action words in Document.text
    action_end: int | None = None
    # why the act is not asserted as done: denied|disputed|ceased|refused|failed|planned, else None
    scope: str | None = None
    coded_by: str = "lexicon"  # "classifier" when the learned fallback proposed the code

    def to_dict(self) -> dict[str, Any]:
        return {
            "id": self.id,
            "doc_id": self.doc_id,
            "sentence_index": self.sentence_index,
            "sentence": self.sentence,
            "char_start": self.char_start,
            "char_end": self.char_end,
            "source": self.source.to_dict() if self.source else None,
            "target": self.target.to_dict() if self.target else None,
            "action_text": self.action_text,
            "cameo": self.cameo,
            "cameo_root": self.cameo_root,
            "quad_class": self.quad_class,
            "goldstein": self.goldstein,
            "plover": self.plover,
            "plover_mode": self.plover_mode,
            "polarity": self.polarity,
            "negated": self.negated,
            "modality": self.modality,
            "date": self.date.to_dict(),
            "attributed_to": self.attributed_to.to_dict() if self.attributed_to else None,
            "relayed_by": self.relayed_by.to_dict() if self.relayed_by else None,
            "confidence": self.confidence,
            "action_start": self.action_start,
            "action_end": self.action_end,
            "scope": self.scope,
            "coded_by": self.coded_by,
        }

    @staticmethod
    def from_dict(d: dict[str, Any]) -> Event:
        return Event(
            id=d["id"],
            doc_id=d["doc_id"],
            sentence_index=d["sentence_index"],
            sentence=d["sentence"],
            char_start=d["char_start"],
            char_end=d["char_end"],
            source=_ref(d.get("source")),
            target=_ref(d.get("target")),
            action_text=d["action_text"],
            cameo=d["cameo"],
            cameo_root=d["cameo_root"],
            quad_class=d["quad_class"],
            goldstein=d["goldstein"],
            plover=d.get("plover"),
            plover_mode=d.get("plover_mode"),
            polarity=d.get("polarity", "neutral"),
            negated=d.get("negated", False),
            modality=d.get("modality", "asserted"),
            date=DateInfo.from_dict(d.get("date")),
            attributed_to=_ref(d.get("attributed_to")),
            relayed_by=_ref(d.get("relayed_by")),
            confidence=d.get("confidence", 0.5),
            action_start=d.get("action_start"),
            action_end=d.get("action_end"),
            scope=d.get("scope"),
            coded_by=d.get("coded_by", "lexicon"),
        )


@dataclass
class Claim:
    """A named source's characterisation of the relationship between actors."""

    id: str
    doc_id: str
    sentence_index: int
    sentence: str
    char_start: int
    char_end: int
    claimant: ActorRef | None
    about: list[ActorRef]
    stance: str
    hedged: bool = False
    negated: bool = False
    text: str = ""  # the words that carry the characterisation
    date: DateInfo = field(default_factory=DateInfo)
    relayed_by: ActorRef | None = None
    cue: str | None = None  # the lexicon cue that matched ("hostile relationship")
    confidence: float = 0.5

    def to_dict(self) -> dict[str, Any]:
        return {
            "id": self.id,
            "doc_id": self.doc_id,
            "sentence_index": self.sentence_index,
            "sentence": self.sentence,
            "char_start": self.char_start,
            "char_end": self.char_end,
            "claimant": self.claimant.to_dict() if self.claimant else None,
            "about": [a.to_dict() for a in self.about],
            "stance": self.stance,
            "hedged": self.hedged,
            "negated": self.negated,
            "text": self.text,
            "date": self.date.to_dict(),
            "relayed_by": self.relayed_by.to_dict() if self.relayed_by else None,
            "cue": self.cue,
            "confidence": self.confidence,
        }

    @staticmethod
    def from_dict(d: dict[str, Any]) -> Claim:
        return Claim(
            id=d["id"],
            doc_id=d["doc_id"],
            sentence_index=d["sentence_index"],
            sentence=d["sentence"],
            char_start=d["char_start"],
            char_end=d["char_end"],
            claimant=_ref(d.get("claimant")),
            about=[r for r in (_ref(a) for a in d.get("about", [])) if r is not None],
            stance=d["stance"],
            hedged=d.get("hedged", False),
            negated=d.get("negated", False),
            text=d.get("text", ""),
            date=DateInfo.from_dict(d.get("date")),
            relayed_by=_ref(d.get("relayed_by")),
            cue=d.get("cue"),
            confidence=d.get("confidence", 0.5),
        )


@dataclass
class Contradiction:
    id: str
    kind: str  # stance | fact | date | explicit
    claims: list[str]
    events: list[str]
    explanation: str
    about: list[str] = field(default_factory=list)  # actor ids of the pair

    def to_dict(self) -> dict[str, Any]:
        return {
            "id": self.id,
            "kind": self.kind,
            "claims": list(self.claims),
            "events": list(self.events),
            "explanation": self.explanation,
            "about": list(self.about),
        }

    @staticmethod
    def from_dict(d: dict[str, Any]) -> Contradiction:
        return Contradiction(
            id=d["id"],
            kind=d["kind"],
            claims=list(d.get("claims", [])),
            events=list(d.get("events", [])),
            explanation=d.get("explanation", ""),
            about=list(d.get("about", [])),
        )


@dataclass
class DocumentResult:
    """Everything extraction found in one document: what the store writes in one transaction."""

    document: Document
    sentences: list[Sentence]
    mentions: list[Mention]
    events: list[Event]
    claims: list[Claim]
    actors: list[Actor]  # every actor mentioned (registry or newly found), to upsert
    contradictions: list[Contradiction] = field(default_factory=list)  # within the document


def _ref(d: dict[str, Any] | None) -> ActorRef | None:
    if not d:
        return None
    return ActorRef(id=d["id"], name=d.get("name", d["id"]), code=d.get("code"))
