"""Test helper: hand-made actors and mentions, so event tests do not depend on the actor stage."""

from __future__ import annotations

from frenemy.models import Actor, Document
from frenemy.nlp.context import Attribution, DocContext, MentionSpan

ACTORS: dict[str, Actor] = {
    a.id: a
    for a in [
        Actor(id="iran", name="Iran", code="IRN", type="state"),
        Actor(id="al-qaeda", name="al-Qaeda", code="IMGMUSALQ", type="armed_group"),
        Actor(id="united-states", name="United States", code="USA", type="state"),
        Actor(id="saudi-arabia", name="Saudi Arabia", code="SAU", type="state"),
        Actor(id="iraq", name="Iraq", code="IRQ", type="state"),
        Actor(id="syria", name="Syria", code="SYR", type="state"),
        Actor(id="israel", name="Israel", code="ISR", type="state"),
        Actor(id="turkey", name="Turkey", code="TUR", type="state"),
        Actor(id="hezbollah", name="Hezbollah", code="LBNIMGHEZ", type="armed_group"),
        Actor(id="mek", name="Mujahedin-e Khalq", code="IRNOPP", type="armed_group"),
        Actor(id="sunni-militants", name="Sunni militants", code="REB", type="armed_group"),
        Actor(id="osama-bin-laden", name="Osama bin Laden", type="person", parent="al-qaeda"),
        Actor(
            id="united-states-treasury",
            name="US Treasury",
            code="USAGOV",
            type="government_body",
            parent="united-states",
        ),
        Actor(id="ctc", name="Combating Terrorism Center", type="organization"),
        Actor(id="atiyya", name="Atiyya", type="person", parent="al-qaeda"),
    ]
}

SURFACES: dict[str, str] = {
    "iran": "iran",
    "iranians": "iran",
    "iranian": "iran",
    "tehran": "iran",
    "iranian diplomat": "iran",
    "al qaeda": "al-qaeda",
    "al - qaeda": "al-qaeda",
    "al-qaeda": "al-qaeda",
    "the united states": "united-states",
    "united states": "united-states",
    "us": "united-states",
    "washington": "united-states",
    "the bush administration": "united-states",
    "bush administration": "united-states",
    "saudi arabia": "saudi-arabia",
    "riyadh": "saudi-arabia",
    "saudi": "saudi-arabia",
    "iraq": "iraq",
    "baghdad": "iraq",
    "syria": "syria",
    "damascus": "syria",
    "israel": "israel",
    "israeli": "israel",
    "turkey": "turkey",
    "turkish": "turkey",
    "ankara": "turkey",
    "hezbollah": "hezbollah",
    "mek": "mek",
    "sunni militants": "sunni-militants",
    "bin laden": "osama-bin-laden",
    "us treasury department": "united-states-treasury",
    "treasury department": "united-states-treasury",
    "the us treasury department": "united-states-treasury",
    "ctc": "ctc",
    "the ctc report": "ctc",
    "atiyya": "atiyya",
}


class StubRegistry:
    """Just enough of ActorRegistry for event coding: roll-up chains from Actor.parent."""

    def rollup(self, actor_id: str) -> list[str]:
        chain = []
        a = ACTORS.get(actor_id)
        while a is not None and a.parent:
            chain.append(a.parent)
            a = ACTORS.get(a.parent)
        return chain


def find_mentions(
    doc, surfaces: dict[str, str] | None = None, actors: dict[str, Actor] | None = None
) -> list[MentionSpan]:
    """Longest-first token matching of known surface strings (lowercased)."""
    surfaces = surfaces or SURFACES
    actors = actors or ACTORS
    keys = sorted(((tuple(k.split()), v) for k, v in surfaces.items()), key=lambda kv: -len(kv[0]))
    words = [t.lower_ for t in doc]
    taken: set[int] = set()
    out: list[MentionSpan] = []
    for i in range(len(words)):
        if i in taken:
            continue
        for key, actor_id in keys:
            n = len(key)
            if tuple(words[i : i + n]) == key and not taken & set(range(i, i + n)):
                kind = "demonym" if key[-1] in ("iranian", "saudi", "turkish", "israeli") else "name"
                out.append(MentionSpan(i, i + n, actors[actor_id], kind=kind))
                taken.update(range(i, i + n))
                break
    return sorted(out, key=lambda m: m.start)


def make_ctx(nlp, text: str, attributions: list[Attribution] | None = None, doc_id: str = "d1") -> DocContext:
    doc = nlp(text)
    ctx = DocContext(document=Document(id=doc_id, text=text), doc=doc, registry=StubRegistry())  # type: ignore[arg-type]
    ctx.mentions = find_mentions(doc)
    ctx.index_mentions()
    if attributions:
        ctx.attributions = attributions
    return ctx
