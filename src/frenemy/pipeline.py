"""Document -> DocumentResult: parse once, then run the extraction stages in order.

>>> result = Pipeline().analyse(Document(id="d1", text="Iran detained al-Qaeda members in 2002."))
>>> [(e.source.id, e.cameo_root, e.target.id) for e in result.events]   # doctest: +SKIP
[('iran', '17', 'al-qaeda')]
"""

from __future__ import annotations

import hashlib
import json
from collections.abc import Callable, Iterable, Iterator, Sequence
from dataclasses import dataclass, field
from pathlib import Path
from typing import TYPE_CHECKING, Any

from frenemy import PIPELINE_VERSION
from frenemy.errors import FrenemyError, InputError
from frenemy.models import Actor, Document, DocumentResult, Mention, Sentence
from frenemy.nlp.context import DocContext
from frenemy.nlp.pipeline import load_nlp, model_name

if TYPE_CHECKING:
    from spacy.tokens import Doc

    from frenemy.store.db import Store

# Long texts are parsed in pieces of about this many characters, cut at paragraph breaks, and
# joined back into one Doc: spaCy's memory grows with the piece, not with the document.
PARSE_CHUNK_CHARS = 100_000


class Pipeline:
    """Loads the model, the actor registry and the lexicons once; analyses documents."""

    def __init__(
        self,
        model: str | None = None,
        actor_files: Sequence[str | Path] = (),
        lexicon_files: Sequence[str | Path] = (),
        stance_files: Sequence[str | Path] = (),
    ) -> None:
        from frenemy.actors.registry import ActorRegistry
        from frenemy.extract.claims import StanceLexicon
        from frenemy.extract.lexicon import EventLexicon

        self.model = model or model_name()
        self.nlp = load_nlp(self.model)
        self.actor_files = [Path(p) for p in actor_files]
        self.registry = ActorRegistry.default(extra_files=self.actor_files)
        self.event_lexicon = EventLexicon.load([Path(p) for p in lexicon_files])
        self.stance_lexicon = StanceLexicon.load([Path(p) for p in stance_files])
        self.dictionary_hash = self._dictionary_hash([*lexicon_files, *stance_files])

    def _dictionary_hash(self, files: Sequence[str | Path]) -> str:
        h = hashlib.sha256(self.registry.fingerprint().encode())
        for f in files:
            h.update(Path(f).read_bytes())
        return h.hexdigest()[:16]

    # --- one document ----------------------------------------------------------------------
    def parse(self, text: str) -> Doc:
        if len(text) <= PARSE_CHUNK_CHARS:
            return self.nlp(text)
        from spacy.tokens import Doc

        return Doc.from_docs(list(self.nlp.pipe(_chunk_text(text))), ensure_whitespace=False)

    def analyse(self, document: Document, parsed: Doc | None = None) -> DocumentResult:
        """Run every stage on one document; a non-English one keeps only its sentences."""
        doc = parsed if parsed is not None else self.parse(document.text)
        sentences = [
            Sentence(document.id, i, s.start_char, s.end_char, s.text) for i, s in enumerate(doc.sents)
        ]
        if document.language != "en":
            return DocumentResult(document, sentences, [], [], [], [])
        # One registry for the whole run: corpus actors found in one document (and their spelling
        # variants) are the same actors in the next.
        return analyse_parsed(
            document, doc, self.registry, self.event_lexicon, self.stance_lexicon, sentences
        )

    # --- many documents --------------------------------------------------------------------
    def analyse_many(
        self, docs: Iterable[Document | InputError], n_process: int = 1, batch_size: int = 16
    ) -> Iterator[DocumentResult | InputError]:
        """Analyse a stream; InputErrors pass through; a failing document becomes an InputError."""
        window = max(batch_size * max(n_process, 1), 1)
        batch: list[Document] = []
        for item in docs:
            if isinstance(item, InputError):
                yield item
                continue
            batch.append(item)
            if len(batch) >= window:
                yield from self._analyse_batch(batch, n_process, batch_size)
                batch = []
        if batch:
            yield from self._analyse_batch(batch, n_process, batch_size)

    def _analyse_batch(
        self, batch: list[Document], n_process: int, batch_size: int
    ) -> Iterator[DocumentResult | InputError]:
        short = [d for d in batch if len(d.text) <= PARSE_CHUNK_CHARS]
        long = [d for d in batch if len(d.text) > PARSE_CHUNK_CHARS]
        parsed = self.nlp.pipe((d.text for d in short), n_process=n_process, batch_size=batch_size)
        for document, doc in zip(short, parsed, strict=True):
            yield self._safe_analyse(document, doc)
        for document in long:
            yield self._safe_analyse(document, None)

    def _safe_analyse(self, document: Document, doc: Doc | None) -> DocumentResult | InputError:
        try:
            return self.analyse(document, doc)
        except FrenemyError:
            raise
        except Exception as exc:  # a bug in one stage must not cost the other documents
            return InputError(
                document.source_path or document.id,
                f"extraction failed ({type(exc).__name__}: {exc}); please report this with the document",
                code="E190",
            )


def analyse_parsed(
    document: Document,
    doc: Doc,
    registry: Any,
    event_lexicon: Any,
    stance_lexicon: Any,
    sentences: list[Sentence] | None = None,
) -> DocumentResult:
    """The stages in order over one parsed document (see docs/architecture.md)."""
    from frenemy.actors.mentions import find_mentions
    from frenemy.extract.attribution import find_attributions
    from frenemy.extract.claims import extract_claims
    from frenemy.extract.events import extract_events
    from frenemy.extract.time import build_timeline

    if sentences is None:
        sentences = [
            Sentence(document.id, i, s.start_char, s.end_char, s.text) for i, s in enumerate(doc.sents)
        ]
    ctx = DocContext(document=document, doc=doc, registry=registry)
    ctx.mentions = find_mentions(ctx)
    ctx.index_mentions()
    ctx.timeline = build_timeline(ctx)
    ctx.attributions = find_attributions(ctx, stance_lexicon)
    events = extract_events(ctx, event_lexicon)
    claims = extract_claims(ctx, stance_lexicon)
    mentions = [
        Mention(
            doc_id=document.id,
            sentence_index=ctx.sentence_index(m.start),
            char_start=doc[m.start].idx,
            char_end=doc[m.end - 1].idx + len(doc[m.end - 1].text),
            text=doc[m.start : m.end].text,
            actor_id=m.actor.id,
            kind=m.kind,
        )
        for m in ctx.mentions
    ]
    actors = _actors_to_store(ctx, events, claims, registry)
    return DocumentResult(document, sentences, mentions, events, claims, actors)


def _actors_to_store(ctx: DocContext, events: list[Any], claims: list[Any], registry: Any) -> list[Actor]:
    """Every actor the records refer to, plus their parents, so the store can roll them up."""
    wanted: dict[str, Actor] = {m.actor.id: m.actor for m in ctx.mentions}
    refs = [r for e in events for r in (e.source, e.target, e.attributed_to, e.relayed_by) if r]
    refs += [r for c in claims for r in (c.claimant, c.relayed_by, *c.about) if r]
    for ref in refs:
        if ref.id not in wanted:
            actor = registry.get(ref.id)
            wanted[ref.id] = (
                actor if actor else Actor(id=ref.id, name=ref.name, code=ref.code, origin="corpus")
            )
    queue = list(wanted.values())
    while queue:
        actor = queue.pop()
        if actor.parent and actor.parent not in wanted:
            parent = registry.get(actor.parent)
            if parent is not None:
                wanted[parent.id] = parent
                queue.append(parent)
    return list(wanted.values())


def _chunk_text(text: str) -> list[str]:
    """Cut at paragraph (else line, else space) breaks; the pieces concatenate to ``text``."""
    pieces: list[str] = []
    start = 0
    while start < len(text):
        end = min(start + PARSE_CHUNK_CHARS, len(text))
        if end < len(text):
            for sep in ("\n\n", "\n", ". ", " "):
                cut = text.rfind(sep, start + PARSE_CHUNK_CHARS // 2, end)
                if cut != -1:
                    end = cut + len(sep)
                    break
        pieces.append(text[start:end])
        start = end
    return pieces


# --- ingesting into a store ------------------------------------------------------------------
@dataclass
class IngestSummary:
    ingested: int = 0
    duplicates: int = 0
    failed: int = 0
    warnings: int = 0
    errors: list[str] = field(default_factory=list)
    messages: list[str] = field(default_factory=list)

    def line(self) -> str:
        return f"ingested {self.ingested}, skipped {self.duplicates} as duplicates, failed {self.failed}" + (
            f", {self.warnings} warnings" if self.warnings else ""
        )


def ingest_into(
    store: Store,
    items: Iterable[Document | InputError],
    pipeline: Pipeline,
    *,
    reprocess: bool = False,
    n_process: int = 1,
    batch_size: int = 16,
    on_result: Callable[[DocumentResult | InputError | None], None] | None = None,
) -> IngestSummary:
    """Analyse and store a stream of documents, one transaction each; bad items are counted."""
    summary = IngestSummary()
    seen: set[str] = set()

    def fresh() -> Iterator[Document | InputError]:
        for item in items:
            if isinstance(item, Document):
                if item.id in seen or (not reprocess and store.has_document(item.id)):
                    summary.duplicates += 1
                    if on_result:
                        on_result(None)
                    continue
                seen.add(item.id)
            yield item

    for result in pipeline.analyse_many(fresh(), n_process=n_process, batch_size=batch_size):
        if isinstance(result, InputError):
            summary.failed += 1
            summary.errors.append(str(result))
        else:
            if result.document.language != "en":
                summary.warnings += 1
                summary.messages.append(
                    f"W110 {result.document.source_path or result.document.id}: does not look like English "
                    "text; stored and searchable, but no actors, events or claims were extracted"
                )
            store.write_result(
                result,
                replace=reprocess,
                pipeline_version=PIPELINE_VERSION,
                model=pipeline.model,
                dictionary_hash=pipeline.dictionary_hash,
            )
            summary.ingested += 1
        if on_result:
            on_result(result)
    return summary


def refresh_contradictions(store: Store) -> int:
    """Recompute contradictions over every stored claim and conflicting event."""
    from frenemy.analyze.contradictions import find_contradictions

    claims, events = store.all_claims_and_events_for_contradictions()
    roots = store.roots()  # a government body is compared as its country, a person as their group
    return store.replace_contradictions(find_contradictions(claims, events, rollup=lambda i: roots.get(i, i)))


# --- stateless batch coding (frenemy code) ---------------------------------------------------
def code_lines(lines: Iterable[str], pipeline: Pipeline | None = None) -> Iterator[dict[str, Any]]:
    """JSON Lines in, one result object per line out, same order; bad lines give error records."""
    from frenemy.ingest.identity import document_id, normalise_text

    pipe = pipeline or Pipeline()
    for number, raw in enumerate(lines, start=1):
        if not raw.strip():
            continue
        try:
            obj = json.loads(raw)
        except json.JSONDecodeError as exc:
            yield {
                "id": None,
                "line": number,
                "events": [],
                "claims": [],
                "error": f"line {number}: not JSON: {exc}",
            }
            continue
        if not isinstance(obj, dict) or not isinstance(obj.get("text"), str) or not obj["text"].strip():
            yield {
                "id": obj.get("id") if isinstance(obj, dict) else None,
                "line": number,
                "events": [],
                "claims": [],
                "error": f'line {number}: expected an object with a non-empty "text" string',
            }
            continue
        text = normalise_text(obj["text"])
        ext_id = obj.get("id")
        doc = Document(
            id=str(ext_id) if ext_id is not None else document_id(text),
            text=text,
            published=obj.get("date") if isinstance(obj.get("date"), str) else None,
            external_id=str(ext_id) if ext_id is not None else None,
        )
        try:
            result = pipe.analyse(doc)
        except Exception as exc:  # one bad document never stops the batch
            yield {"id": ext_id, "line": number, "events": [], "claims": [], "error": f"line {number}: {exc}"}
            continue
        yield {
            "id": ext_id,
            "events": [e.to_dict() for e in result.events],
            "claims": [c.to_dict() for c in result.claims],
            "error": None,
        }
