"""Where frenemy's time goes beyond the parse: seconds per extraction stage and for store writes.

Parses the texts once with ``nlp.pipe`` and then runs the stages of ``frenemy.pipeline``
(``analyse_parsed``) one by one on each parsed document, with the same arguments, timing each,
then writes the results into a fresh store. The sum is comparable with the parse time of bare spaCy on the same texts.
"""

from __future__ import annotations

import time
from collections import defaultdict
from pathlib import Path
from typing import Any


def stage_breakdown(texts: list[str], db_path: Path, *, batch_size: int = 16) -> dict[str, float]:
    """Seconds spent in parse, each extraction stage, and store writes, over all ``texts``."""
    from bench.measure import _warm_document
    from frenemy.actors.mentions import find_mentions
    from frenemy.extract.attribution import find_attributions
    from frenemy.extract.claims import extract_claims
    from frenemy.extract.events import extract_events
    from frenemy.extract.time import build_timeline
    from frenemy.ingest.identity import document_id, normalise_text
    from frenemy.models import Document, DocumentResult, Mention
    from frenemy.nlp.context import DocContext
    from frenemy.pipeline import Pipeline, _actors_to_store, _sentences
    from frenemy.store.db import Store

    pipeline = Pipeline()
    # as in the timed ingest: lexicons, date patterns and caches load on the first document, not here
    pipeline.analyse(_warm_document())
    seconds: dict[str, float] = defaultdict(float)
    documents = []
    for text in texts:
        norm = normalise_text(text)
        documents.append(Document(id=document_id(norm), text=norm))

    start = time.perf_counter()
    parsed = list(pipeline.nlp.pipe((d.text for d in documents), batch_size=batch_size))
    seconds["parse"] = time.perf_counter() - start

    def timed(name: str, fn: Any) -> Any:
        t0 = time.perf_counter()
        value = fn()
        seconds[name] += time.perf_counter() - t0
        return value

    results = []
    for document, doc in zip(documents, parsed, strict=True):
        sentences = timed("sentences", lambda document=document, doc=doc: _sentences(document, doc))
        ctx = DocContext(document=document, doc=doc, registry=pipeline.registry)
        ctx.mentions = timed("actors", lambda ctx=ctx: find_mentions(ctx))
        ctx.index_mentions()
        ctx.timeline = timed("time", lambda ctx=ctx: build_timeline(ctx))
        ctx.attributions = timed(
            "attribution", lambda ctx=ctx: find_attributions(ctx, pipeline.stance_lexicon)
        )
        events = timed("events", lambda ctx=ctx: extract_events(ctx, pipeline.event_lexicon))
        claims = timed("claims", lambda ctx=ctx: extract_claims(ctx, pipeline.stance_lexicon))
        actors = timed(
            "actors_to_store",
            lambda ctx=ctx, events=events, claims=claims: _actors_to_store(
                ctx, events, claims, pipeline.registry
            ),
        )
        mentions = timed(
            "mention_records",
            lambda ctx=ctx, doc=doc, document=document: [
                Mention(
                    document.id,
                    ctx.sentence_index(m.start),
                    doc[m.start].idx,
                    doc[m.end - 1].idx + len(doc[m.end - 1].text),
                    document.text[doc[m.start].idx : doc[m.end - 1].idx + len(doc[m.end - 1])],
                    m.actor.id,
                    m.kind,
                )
                for m in ctx.mentions
            ],
        )
        results.append(DocumentResult(document, sentences, mentions, events, claims, actors))

    with Store(db_path) as store:
        t0 = time.perf_counter()
        for result in results:
            store.write_result(result)
        seconds["store_write"] = time.perf_counter() - t0
    return {k: round(v, 3) for k, v in seconds.items()}
