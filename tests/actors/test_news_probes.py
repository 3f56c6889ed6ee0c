"""News-style probe sentences (written by the frenemy team in the style of wire copy about the Gulf,
the Horn of Africa, Turkey and Russia): the actors each must yield, the ones it must not, how many
sentences it is, back-references and events. Every probe is checked on its own fresh registry."""

from __future__ import annotations

import json
from pathlib import Path

import pytest

from frenemy.actors.mentions import find_mentions
from frenemy.actors.registry import ActorRegistry
from frenemy.models import Document
from frenemy.nlp.context import DocContext

pytestmark = pytest.mark.model

PROBES = [
    json.loads(line)
    for line in (Path(__file__).parent.parent / "data" / "actors" / "news_probes.jsonl")
    .read_text(encoding="utf-8")
    .splitlines()
    if line.strip()
]


def probe_failures(pipeline, probe: dict) -> list[str]:
    """What a probe expects and the pipeline did not deliver (empty when the probe passes)."""
    from frenemy.pipeline import analyse_parsed

    text = probe["text"]
    registry = ActorRegistry.default()
    doc = pipeline.parse(text)
    result = analyse_parsed(
        Document(id="probe", text=text), doc, registry, pipeline.event_lexicon, pipeline.stance_lexicon
    )
    found = {m.actor_id for m in result.mentions}
    failures = [f"missing actor {a}" for a in probe.get("actors", []) if a not in found]
    failures += [f"unwanted actor {a}" for a in probe.get("absent", []) if a in found]
    if "sentences" in probe and len(result.sentences) != probe["sentences"]:
        failures.append(f"{len(result.sentences)} sentences, expected {probe['sentences']}")
    pairs = {(e.source.id, e.target.id) for e in result.events if e.source and e.target}
    failures += [f"missing event {s}->{t}" for s, t in probe.get("events", []) if (s, t) not in pairs]
    by_text = {m.text: m.actor_id for m in result.mentions}
    failures += [
        f"{phrase!r} -> {by_text.get(phrase)}, expected {want}"
        for phrase, want in probe.get("coref", {}).items()
        if by_text.get(phrase) != want
    ]
    if probe.get("pair"):
        ctx = DocContext(document=Document(id="probe", text=text), doc=doc, registry=ActorRegistry.default())
        spans = {doc[m.start : m.end].text: m for m in find_mentions(ctx)}
        for phrase, want in probe["pair"].items():
            span = spans.get(phrase)
            members = [a.id for a in getattr(span, "members", ())] if span is not None else []
            if members != want:
                failures.append(f"{phrase!r} stands for {members}, expected {want}")
    return failures


@pytest.fixture(scope="module")
def pipeline():
    from frenemy.pipeline import Pipeline

    return Pipeline()


@pytest.mark.parametrize("probe", PROBES, ids=[p["text"][:40] for p in PROBES])
def test_news_probe(pipeline, probe: dict) -> None:
    assert probe_failures(pipeline, probe) == []
