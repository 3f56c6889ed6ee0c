"""Hand-built actors, events, claims and documents for dyad report tests (no spaCy)."""

from __future__ import annotations

from itertools import count

from frenemy.models import Actor, ActorRef, Claim, DateInfo, Document, Event

_ids = count()

IRAN = Actor(id="iran", name="Iran", type="state", code="IRN", country="IRN")
AQ = Actor(id="al-qaeda", name="al-Qaeda", type="armed_group", code="IMGMUSALQ")
SAUDI = Actor(id="saudi-arabia", name="Saudi Arabia", type="state", code="SAU", country="SAU")
NORWAY = Actor(id="norway", name="Norway", type="state", code="NOR", country="NOR")

_ROOT_QUAD = {"0": 1, "1": 3}


def doc(
    doc_id: str,
    publisher: str | None = "Test Wire",
    published: str | None = "2012-05-04",
    title: str | None = None,
) -> Document:
    return Document(
        id=doc_id, text="", title=title or f"Report {doc_id}", publisher=publisher, published=published
    )


def date(start: str | None, end: str | None = None, precision: str | None = None) -> DateInfo:
    if start is None:
        return DateInfo()
    if precision is None:
        precision = {4: "year", 7: "month", 10: "day"}[len(start)]
    return DateInfo(start=start, end=end or start, precision=precision, basis="explicit", text=start)


def event(
    source: Actor,
    target: Actor,
    cameo: str,
    goldstein: float,
    when: DateInfo,
    doc_id: str = "d1",
    *,
    sentence: str | None = None,
    action: str = "acted",
    negated: bool = False,
    modality: str = "asserted",
    attributed_to: ActorRef | None = None,
) -> Event:
    n = next(_ids)
    root = cameo[:2]
    quad = 4 if int(root) >= 14 else 3 if int(root) >= 9 else 2 if int(root) >= 6 else 1
    return Event(
        id=f"ev_{n:016x}",
        doc_id=doc_id,
        sentence_index=n % 50,
        sentence=sentence or f"{source.name} {action} {target.name} (sentence {n}).",
        char_start=0,
        char_end=10,
        source=source.ref(),
        target=target.ref(),
        action_text=action,
        cameo=cameo,
        cameo_root=root,
        quad_class=quad,
        goldstein=goldstein,
        polarity="cooperative" if goldstein > 0 else "hostile" if goldstein < 0 else "neutral",
        negated=negated,
        modality=modality,
        date=when,
        attributed_to=attributed_to,
        confidence=0.8,
    )


def claim(
    claimant: ActorRef | None,
    stance: str,
    doc_id: str = "d1",
    *,
    hedged: bool = False,
    about: tuple[Actor, Actor] = (IRAN, AQ),
    text: str = "a characterisation",
) -> Claim:
    n = next(_ids)
    return Claim(
        id=f"cl_{n:016x}",
        doc_id=doc_id,
        sentence_index=n % 50,
        sentence=f"{claimant.name if claimant else 'The author'} says: {text}.",
        char_start=0,
        char_end=10,
        claimant=claimant,
        about=[about[0].ref(), about[1].ref()],
        stance=stance,
        hedged=hedged,
        text=text,
    )


def ref(actor_id: str, name: str) -> ActorRef:
    return ActorRef(id=actor_id, name=name)


def iran_alqaeda_case() -> tuple[list[Event], list, dict[str, Document]]:
    """A cooperative 1990s block, then a hostile 2001+ block, and claimants who disagree."""
    docs = {
        "d1": doc("d1", "Wire One", "2012-05-04"),
        "d2": doc("d2", "Paper Two", "2011-08-01"),
        "d3": doc("d3", "Journal Three", "2010-04-01"),
    }
    commission = ref("911-commission", "9/11 Commission")
    events = [
        event(IRAN, AQ, "057", 8.0, date("1992", "1993", "year"), "d1", action="agreed"),
        event(AQ, IRAN, "040", 1.0, date("1993", None, "year"), "d2", action="met", attributed_to=commission),
        event(
            IRAN, AQ, "062", 7.4, date("1995", None, "year"), "d3", action="trained", attributed_to=commission
        ),
        event(IRAN, AQ, "173", -5.0, date("2001-12"), "d1", action="detained"),
        event(IRAN, AQ, "174", -5.0, date("2002-03"), "d2", action="deported"),
        event(AQ, IRAN, "181", -9.0, date("2008-11"), "d1", action="kidnapped"),
        event(AQ, IRAN, "130", -4.4, date("2009-06"), "d3", action="threatened"),
        event(IRAN, AQ, "173", -5.0, date("2010-03"), "d2", action="held"),
        event(IRAN, AQ, "0841", 7.0, date("2010-03"), "d1", action="released"),
    ]
    claims = [
        claim(ref("united-states-treasury", "US Treasury"), "cooperative", "d2", text="a secret deal"),
        claim(ref("ctc", "Combating Terrorism Center"), "hostile", "d1", text="not one of alliance"),
        claim(ref("bruce-riedel", "Bruce Riedel"), "hostile", "d1", text="a fairly hostile relationship"),
        claim(None, "hostile", "d1", hedged=True, text="largely antagonistic"),
    ]
    return events, claims, docs


def saudi_iran_case() -> tuple[list[Event], list[Claim], dict[str, Document]]:
    """Rupture in 2016, war by proxy, talks in 2021-2022 amid friction, agreement in March 2023."""
    docs = {
        "s1": doc("s1", "Gulf Desk", "2016-01-10"),
        "s2": doc("s2", "Energy Weekly", "2019-09-20"),
        "s3": doc("s3", "Region Review", "2022-12-01"),
        "s4": doc("s4", "Asia Monitor", "2023-09-10"),
    }
    events = [
        event(SAUDI, IRAN, "161", -4.0, date("2016-01-03"), "s1", action="cut diplomatic ties"),
        event(IRAN, SAUDI, "111", -2.0, date("2016-01-02"), "s1", action="condemned"),
        event(SAUDI, IRAN, "174", -5.0, date("2016-01-04"), "s1", action="expelled"),
        event(SAUDI, IRAN, "112", -2.0, date("2017-11"), "s2", action="accused"),
        event(SAUDI, IRAN, "112", -2.0, date("2019-09-16"), "s2", action="blamed"),
        event(IRAN, SAUDI, "138", -7.0, date("2019-09"), "s2", action="warned of all-out war"),
        event(SAUDI, IRAN, "046", 7.0, date("2021-04"), "s3", action="held talks"),
        event(IRAN, SAUDI, "164", -7.0, date("2022-03"), "s3", action="suspended talks"),
        event(SAUDI, IRAN, "112", -2.0, date("2022-03-26"), "s3", action="blamed"),
        event(SAUDI, IRAN, "046", 7.0, date("2022-04"), "s3", action="held talks"),
        event(IRAN, SAUDI, "112", -2.0, date("2022-10"), "s3", action="accused"),
        event(IRAN, SAUDI, "130", -4.4, date("2022-11"), "s3", action="threatened"),
        event(SAUDI, IRAN, "057", 8.0, date("2023-03-10"), "s4", action="agreed to restore ties"),
        event(IRAN, SAUDI, "042", 1.9, date("2023-04-06"), "s4", action="met"),
        event(IRAN, SAUDI, "064", 7.0, date("2023-06-06"), "s4", action="reopened its embassy"),
        event(SAUDI, IRAN, "064", 7.0, date("2023-08"), "s4", action="reopened its embassy"),
        event(IRAN, SAUDI, "042", 1.9, date("2023-11-11"), "s4", action="visited"),
    ]
    claims = [
        claim(ref("china", "China"), "cooperative", "s4", about=(SAUDI, IRAN), text="a new chapter"),
    ]
    return events, claims, docs


class NoRegistry:
    """A registry that knows nobody: stores in tests resolve names from their own aliases only."""

    def lookup(self, name: str) -> Actor | None:
        return None

    def actors(self) -> list[Actor]:
        return []
