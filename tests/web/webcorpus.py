"""A small hand-built corpus for the web tests: three documents written for these tests.

Two ordinary documents about Iran and al-Qaeda (events from 2002 to 2011, claims by the
Combating Terrorism Center and the US Treasury) and one hostile document whose text, title,
publisher, URL, actor names and claim words carry script and attribute injections. Records are
built by hand (no NLP), with offsets computed from the text, so the tests know every expected
count exactly.
"""

from __future__ import annotations

from dataclasses import dataclass, field

from frenemy.ingest.identity import document_id
from frenemy.models import (
    Actor,
    Claim,
    Contradiction,
    DateInfo,
    Document,
    DocumentResult,
    Event,
    Mention,
    Sentence,
    stable_id,
)

HOSTILE_SCRIPT = "<script>window.__pwned=1;alert(1)</script>"
HOSTILE_IMG = '<img src=x onerror="window.__pwned=1;alert(1)">'
HOSTILE_SVG = "<svg onload=alert(1)>"

IRAN = Actor("iran", "Iran", "state", code="IRN", country="IRN", aliases=["Iran", "Iranian", "Tehran"])
AL_QAEDA = Actor("al-qaeda", "al-Qaeda", "armed_group", code="IMGMUSALQ", aliases=["al-Qaeda", "al Qaeda"])
CTC = Actor(
    "combating-terrorism-center", "Combating Terrorism Center", "organization", code="USAEDU",
    country="USA", parent="united-states",
)  # fmt: skip
USA = Actor("united-states", "United States", "state", code="USA", country="USA", aliases=["United States"])
TREASURY = Actor(
    "united-states-treasury", "US Treasury", "government_body", code="USAGOV", country="USA",
    sector="GOV", parent="united-states", aliases=["Treasury"],
)  # fmt: skip
# A corpus actor whose name came out of a hostile document.
EVIL = Actor(
    "evil-actor", f"Evil {HOSTILE_IMG}", "other", origin="corpus", aliases=[f"Evil {HOSTILE_SCRIPT}"]
)

ACTORS = {a.id: a for a in (IRAN, AL_QAEDA, CTC, USA, TREASURY, EVIL)}


@dataclass
class DocBuilder:
    """Builds one DocumentResult from sentences; mentions and events are located by substring."""

    sentences: list[str]
    title: str
    published: str
    publisher: str
    url: str | None = None
    events: list[Event] = field(default_factory=list)
    claims: list[Claim] = field(default_factory=list)
    mentions: list[Mention] = field(default_factory=list)

    def __post_init__(self) -> None:
        self.text = " ".join(self.sentences)
        self.id = document_id(self.text)
        self.spans: list[tuple[int, int]] = []
        pos = 0
        for s in self.sentences:
            self.spans.append((pos, pos + len(s)))
            pos += len(s) + 1

    def find(self, index: int, words: str) -> tuple[int, int]:
        start, end = self.spans[index]
        at = self.text.index(words, start, end)
        return at, at + len(words)

    def mention(self, index: int, words: str, actor: Actor, kind: str = "name") -> None:
        s, e = self.find(index, words)
        self.mentions.append(Mention(self.id, index, s, e, words, actor.id, kind))

    def event(
        self,
        index: int,
        source: Actor,
        target: Actor,
        action: str,
        cameo: str,
        goldstein: float,
        plover: str,
        date: str,
        *,
        modality: str = "asserted",
        attributed_to: Actor | None = None,
    ) -> Event:
        start, end = self.spans[index]
        a_start, a_end = self.find(index, action)
        quad = 1 if goldstein >= 0 and goldstein < 5 else 2 if goldstein >= 5 else 3 if goldstein > -5 else 4
        polarity = "cooperative" if goldstein > 0 else "hostile" if goldstein < 0 else "neutral"
        ev = Event(
            id=stable_id("ev", self.id, index, cameo, source.id, target.id),
            doc_id=self.id,
            sentence_index=index,
            sentence=self.sentences[index],
            char_start=start,
            char_end=end,
            source=source.ref(),
            target=target.ref(),
            action_text=action,
            cameo=cameo,
            cameo_root=cameo[:2],
            quad_class=quad,
            goldstein=goldstein,
            plover=plover,
            polarity=polarity,
            modality=modality,
            date=DateInfo(
                start=date,
                end=date,
                precision="year" if len(date) == 4 else "day",
                basis="explicit",
                text=date,
            ),
            attributed_to=attributed_to.ref() if attributed_to else None,
            confidence=0.8,
            action_start=a_start,
            action_end=a_end,
        )
        self.events.append(ev)
        return ev

    def claim(
        self, index: int, claimant: Actor, stance: str, words: str, date: str, *, hedged: bool = False
    ) -> Claim:
        start, end = self.spans[index]
        cl = Claim(
            id=stable_id("cl", self.id, index, claimant.id, stance),
            doc_id=self.id,
            sentence_index=index,
            sentence=self.sentences[index],
            char_start=start,
            char_end=end,
            claimant=claimant.ref(),
            about=[IRAN.ref(), AL_QAEDA.ref()],
            stance=stance,
            hedged=hedged,
            text=words,
            date=DateInfo(start=date, precision="day", basis="publication"),
            confidence=0.7,
        )
        self.claims.append(cl)
        return cl

    def result(self, actors: list[Actor]) -> DocumentResult:
        doc = Document(
            id=self.id, text=self.text, title=self.title, publisher=self.publisher,
            published=self.published, url=self.url, source_path="tests/web", format="txt",
        )  # fmt: skip
        sentences = [Sentence(self.id, i, s, e, self.text[s:e]) for i, (s, e) in enumerate(self.spans)]
        return DocumentResult(doc, sentences, self.mentions, self.events, self.claims, actors)


def analyst_report() -> DocBuilder:
    d = DocBuilder(
        [
            "Analysts keep asking whether Iran and al-Qaeda are partners or rivals.",
            "In 2002 Iran detained dozens of al-Qaeda members who had fled Afghanistan.",
            "In 2003 Iranian officials held senior al-Qaeda figures under house arrest.",
            "In 2008 al-Qaeda kidnapped an Iranian diplomat in Peshawar.",
            "The Combating Terrorism Center said the relationship is not an alliance but mutual suspicion.",
            "In 2011 Iran released several al-Qaeda detainees in a prisoner exchange.",
        ],
        title="Partners or rivals? Iran and al-Qaeda",
        published="2012-05-04",
        publisher="Example Policy Review",
        url="https://example.org/iran-al-qaeda",
    )
    d.mention(0, "Iran", IRAN)
    d.mention(0, "al-Qaeda", AL_QAEDA)
    d.mention(1, "Iran", IRAN)
    d.mention(1, "al-Qaeda", AL_QAEDA)
    d.mention(2, "Iranian", IRAN, "demonym")
    d.mention(2, "al-Qaeda", AL_QAEDA)
    d.mention(3, "al-Qaeda", AL_QAEDA)
    d.mention(3, "Iranian", IRAN, "demonym")
    d.mention(4, "Combating Terrorism Center", CTC)
    d.mention(5, "Iran", IRAN)
    d.mention(5, "al-Qaeda", AL_QAEDA)
    d.event(1, IRAN, AL_QAEDA, "detained", "173", -5.0, "COERCE", "2002")
    d.event(2, IRAN, AL_QAEDA, "held", "173", -5.0, "COERCE", "2003")
    d.event(3, AL_QAEDA, IRAN, "kidnapped", "181", -9.0, "ASSAULT", "2008")
    d.event(5, IRAN, AL_QAEDA, "released", "0841", 7.0, "RETREAT", "2011")
    d.claim(4, CTC, "hostile", "the relationship is not an alliance but mutual suspicion", "2012-05-04")
    return d


def treasury_release() -> DocBuilder:
    d = DocBuilder(
        [
            "The US Treasury said Iran has a secret deal with al-Qaeda.",
            "According to the Treasury, in 2009 Iran let al-Qaeda move money and fighters across its territory.",
        ],
        title="Treasury designates facilitators",
        published="2011-07-28",
        publisher="Example Wire",
    )
    d.mention(0, "US Treasury", TREASURY)
    d.mention(0, "Iran", IRAN)
    d.mention(0, "al-Qaeda", AL_QAEDA)
    d.mention(1, "Treasury", TREASURY)
    d.mention(1, "Iran", IRAN)
    d.mention(1, "al-Qaeda", AL_QAEDA)
    d.event(1, IRAN, AL_QAEDA, "let", "070", 7.0, "AID", "2009", modality="reported", attributed_to=TREASURY)
    d.claim(0, TREASURY, "cooperative", "has a secret deal with", "2011-07-28")
    return d


def hostile_document() -> DocBuilder:
    d = DocBuilder(
        [
            f"In 2010 Iran condemned al-Qaeda {HOSTILE_SCRIPT} in a statement.",
            f"A reader wrote {HOSTILE_IMG} about al-Qaeda and Iran.",
            f"Evil {HOSTILE_SCRIPT} said Iran and al-Qaeda are {HOSTILE_SVG} bitter enemies.",
        ],
        title=f"{HOSTILE_SCRIPT} Hostile title",
        published="2010-06-01",
        publisher=HOSTILE_IMG,
        url="javascript:window.__pwned=1",
    )
    d.mention(0, "Iran", IRAN)
    d.mention(0, "al-Qaeda", AL_QAEDA)
    d.mention(1, "al-Qaeda", AL_QAEDA)
    d.mention(1, "Iran", IRAN)
    d.mention(2, f"Evil {HOSTILE_SCRIPT}", EVIL)
    d.mention(2, "Iran", IRAN)
    d.mention(2, "al-Qaeda", AL_QAEDA)
    d.event(0, IRAN, AL_QAEDA, "condemned", "111", -2.0, "ACCUSE", "2010")
    # an event with the hostile actor, so it reaches the network, actor pages and SVG titles
    d.event(2, EVIL, IRAN, "said", "040", 1.0, "CONSULT", "2010")
    d.claim(2, EVIL, "hostile", f"are {HOSTILE_SVG} bitter enemies", "2010-06-01")
    return d


def corpus() -> list[DocumentResult]:
    """The three documents' results, ready for Store.write_result."""
    everyone = list(ACTORS.values())
    return [b.result(everyone) for b in (analyst_report(), treasury_release(), hostile_document())]


def contradictions() -> list[Contradiction]:
    """Two stance contradictions between the claims above (one naming the hostile actor)."""
    ctc = analyst_report().claims[0]
    treasury = treasury_release().claims[0]
    evil = hostile_document().claims[0]
    return [
        Contradiction(
            stable_id("cx", ctc.id, treasury.id),
            "stance",
            [treasury.id, ctc.id],
            [],
            "The US Treasury says Iran has a secret deal with al-Qaeda; the Combating Terrorism "
            "Center says the relationship is mutual suspicion.",
            about=["al-qaeda", "iran"],
        ),
        Contradiction(
            stable_id("cx", evil.id, treasury.id),
            "stance",
            [treasury.id, evil.id],
            [],
            f"{EVIL.name} calls them bitter enemies; the US Treasury describes a deal.",
            about=["al-qaeda", "iran"],
        ),
    ]


# Iran / al-Qaeda events, all dated: 4 + 1 + 1
DYAD_EVENT_COUNT = 6
