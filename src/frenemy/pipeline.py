"""Document -> DocumentResult: parse once, then run the extraction stages in order.

>>> result = Pipeline().analyse(Document(id="d1", text="Iran detained al-Qaeda members in 2002."))
>>> [(e.source.id, e.cameo_root, e.target.id) for e in result.events]   # doctest: +SKIP
[('iran', '17', 'al-qaeda')]
"""

from __future__ import annotations

import hashlib
import json
import os
import sys
import time
from collections.abc import Callable, Iterable, Iterator, Sequence
from dataclasses import dataclass, field, replace
from pathlib import Path
from typing import TYPE_CHECKING, Any

from frenemy import PIPELINE_VERSION
from frenemy.errors import FrenemyError, InputError, SkippedInput
from frenemy.models import Actor, Document, DocumentResult, Mention, Sentence, stable_id
from frenemy.nlp.context import DocContext
from frenemy.nlp.pipeline import load_nlp, model_name

if TYPE_CHECKING:
    from spacy.tokens import Doc

    from frenemy.store.db import Store

# Long texts are parsed in pieces of about this many characters, cut at paragraph breaks; each
# piece is parsed alone, its records extracted and its Doc released before the next one, so
# memory grows with the piece, not with the document (docs/scaling.md).
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
        self.lexicon_files = [Path(p) for p in lexicon_files]
        self.stance_files = [Path(p) for p in stance_files]
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

        # one piece per batch: a batch of all pieces would hold every piece's parser state at once
        return Doc.from_docs(list(self.nlp.pipe(_chunk_text(text), batch_size=1)), ensure_whitespace=False)

    def analyse(self, document: Document, parsed: Doc | None = None) -> DocumentResult:
        """Run every stage on one document; a non-English one keeps only its sentences.

        A text longer than PARSE_CHUNK_CHARS (and not parsed already) is analysed piece by piece
        (:meth:`analyse_in_pieces`).
        """
        if parsed is None and len(document.text) > PARSE_CHUNK_CHARS:
            return self.analyse_in_pieces(document)
        doc = parsed if parsed is not None else self.parse(document.text)
        sentences = _sentences(document, doc)
        if document.language != "en":
            return DocumentResult(document, sentences, [], [], [], [])
        # One registry for the whole run: corpus actors found in one document (and their spelling
        # variants) are the same actors in the next.
        return analyse_parsed(
            document, doc, self.registry, self.event_lexicon, self.stance_lexicon, sentences
        )

    def analyse_in_pieces(self, document: Document) -> DocumentResult:
        """Analyse a long document one piece (about PARSE_CHUNK_CHARS, cut at a paragraph break)
        at a time: each piece is parsed alone, its records extracted with offsets and sentence
        indexes moved to the whole text, and its Doc dropped before the next piece is parsed.

        Peak memory is that of one piece, whatever the document's length. What a piece cannot
        see is the text of the pieces before it (a date or a "the two" carried over a cut at a
        paragraph break, at most one cut per 100,000 characters).
        """
        pieces = _chunk_text(document.text)
        merged = DocumentResult(document, [], [], [], [], [])
        actors: dict[str, Actor] = {}
        offset = 0
        for number, (piece, doc) in enumerate(zip(pieces, self.nlp.pipe(pieces, batch_size=1), strict=True)):
            part = replace(document, text=piece)
            if document.language != "en":
                result = DocumentResult(part, _sentences(part, doc), [], [], [], [])
            else:
                result = analyse_parsed(part, doc, self.registry, self.event_lexicon, self.stance_lexicon)
            del doc  # the Doc is the memory: release it before the next piece is parsed
            _append_piece(merged, result, number, offset, len(merged.sentences))
            for actor in result.actors:
                actors.setdefault(actor.id, actor)
            offset += len(piece)
        merged.actors = list(actors.values())
        return merged

    # --- many documents --------------------------------------------------------------------
    def analyse_many(
        self, docs: Iterable[Document | InputError], n_process: int = 1, batch_size: int = 16
    ) -> Iterator[DocumentResult | InputError]:
        """Analyse a stream in order; InputErrors pass through; a failing document becomes an E190.

        With ``n_process > 1`` each batch of ``batch_size`` documents is parsed *and* coded in one
        of ``n_process`` worker processes (each with its own Pipeline); the caller receives the
        results in input order and at most ``2 * n_process`` batches are in flight, so memory
        stays flat however long the stream. Each worker keeps its own registry, so a corpus actor
        (a name the registry does not know) found by two workers is created twice with the same
        id; the store merges them by id.
        """
        if n_process > 1:
            yield from self._analyse_in_workers(docs, n_process, max(batch_size, 1))
            return
        window = max(batch_size, 1)
        batch: list[Document] = []
        for item in docs:
            if isinstance(item, InputError):
                yield item
                continue
            batch.append(item)
            if len(batch) >= window:
                yield from self._analyse_batch(batch, batch_size)
                batch = []
        if batch:
            yield from self._analyse_batch(batch, batch_size)

    def _analyse_batch(self, batch: list[Document], batch_size: int) -> Iterator[DocumentResult | InputError]:
        """One ``nlp.pipe`` pass over the short documents, then the long ones piece by piece
        (:meth:`analyse_in_pieces`)."""
        short = [d for d in batch if len(d.text) <= PARSE_CHUNK_CHARS]
        long = [d for d in batch if len(d.text) > PARSE_CHUNK_CHARS]
        parsed = self.nlp.pipe((d.text for d in short), batch_size=max(batch_size, 1))
        for document, doc in zip(short, parsed, strict=True):
            yield self._safe_analyse(document, doc)
        for document in long:
            yield self._safe_analyse(document, None)

    def _analyse_in_workers(
        self, docs: Iterable[Document | InputError], n_process: int, batch_size: int
    ) -> Iterator[DocumentResult | InputError]:
        """Send batches to a process pool, bounded in flight; yield what comes back in order."""
        from collections import deque
        from concurrent.futures import Future
        from concurrent.futures.process import BrokenProcessPool

        pending: deque[tuple[list[Any], Future[list[_WorkerOutcome]] | None]] = deque()
        max_in_flight = 2 * n_process
        executor = _worker_pool(self, n_process)

        def settle(batch: list[Document], future: Future[list[_WorkerOutcome]] | None) -> list[Any]:
            if future is None:  # InputErrors from the reader, kept in their place in the stream
                return list(batch)
            try:
                outcomes = future.result()
            except BrokenProcessPool as exc:
                return [_worker_died(d, exc) for d in batch]
            return [_from_worker(o) for o in outcomes]

        try:
            batch: list[Any] = []
            for item in docs:
                if isinstance(item, InputError):
                    if batch:
                        pending.append((batch, executor.submit(_worker_analyse, batch, batch_size)))
                        batch = []
                    pending.append(([item], None))
                else:
                    batch.append(item)
                    if len(batch) < batch_size:
                        continue
                    pending.append((batch, executor.submit(_worker_analyse, batch, batch_size)))
                    batch = []
                while sum(f is not None for _, f in pending) >= max_in_flight or (
                    pending and pending[0][1] is None
                ):
                    done_batch, future = pending.popleft()
                    yield from settle(done_batch, future)
                    if future is not None and future.exception() is not None:
                        executor.shutdown(wait=False, cancel_futures=True)
                        executor = _worker_pool(self, n_process)
                        pending = _resubmit(pending, executor, batch_size)
            if batch:
                pending.append((batch, executor.submit(_worker_analyse, batch, batch_size)))
            while pending:
                done_batch, future = pending.popleft()
                yield from settle(done_batch, future)
                if future is not None and future.exception() is not None:
                    executor.shutdown(wait=False, cancel_futures=True)
                    executor = _worker_pool(self, n_process)
                    pending = _resubmit(pending, executor, batch_size)
        finally:
            executor.shutdown(wait=True, cancel_futures=True)

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


# --- worker processes for analyse_many(n_process > 1) ----------------------------------------
# A worker returns plain tuples: a DocumentResult, or ("failed", source, message, code) for an
# InputError, or ("raise", code, message) for any other FrenemyError (coded exceptions do not
# survive pickling because their constructors take keyword arguments).
_WorkerOutcome = Any

_PARENT_PIPELINE: Pipeline | None = None  # what a forked worker inherits
_WORKER_PIPELINE: Pipeline | None = None  # the Pipeline of this worker process
_START_METHOD: str | None = None  # None: "fork" where the platform has it, else "spawn"


@dataclass(frozen=True)
class _WorkerSettings:
    """How a spawned worker rebuilds the parent's Pipeline, registry state included."""

    model: str
    actor_files: tuple[str, ...]
    lexicon_files: tuple[str, ...]
    stance_files: tuple[str, ...]
    dictionary_hash: str
    registry: Any  # the parent's ActorRegistry as it is now (user-imported actors and all)
    parent_pid: int = 0  # the process that started the pool: a worker exits when it dies


def _worker_pool(pipeline: Pipeline, n_process: int) -> Any:
    """A pool of ``n_process`` workers, each holding a Pipeline like ``pipeline``.

    Where ``fork`` exists the workers inherit the parent's loaded Pipeline (no second model load);
    elsewhere each worker loads the model and lexicons and takes a copy of the parent's registry.
    """
    import multiprocessing
    from concurrent.futures import ProcessPoolExecutor

    global _PARENT_PIPELINE
    method = _START_METHOD or ("fork" if "fork" in multiprocessing.get_all_start_methods() else "spawn")
    _PARENT_PIPELINE = pipeline if method == "fork" else None
    settings = _WorkerSettings(
        pipeline.model,
        tuple(str(p) for p in pipeline.actor_files),
        tuple(str(p) for p in pipeline.lexicon_files),
        tuple(str(p) for p in pipeline.stance_files),
        pipeline.dictionary_hash,
        None if method == "fork" else pipeline.registry,
        os.getpid(),
    )
    return ProcessPoolExecutor(
        max_workers=n_process,
        mp_context=multiprocessing.get_context(method),
        initializer=_worker_start,
        initargs=(settings,),
    )


def _worker_start(settings: _WorkerSettings) -> None:
    global _WORKER_PIPELINE
    if settings.parent_pid:
        exit_with_parent(settings.parent_pid)
    inherited = _PARENT_PIPELINE
    if inherited is not None and inherited.dictionary_hash == settings.dictionary_hash:
        _WORKER_PIPELINE = inherited
        return
    pipeline = Pipeline(
        model=settings.model,
        actor_files=settings.actor_files,
        lexicon_files=settings.lexicon_files,
        stance_files=settings.stance_files,
    )
    if settings.registry is not None:
        pipeline.registry = settings.registry
        pipeline.dictionary_hash = settings.dictionary_hash
    _WORKER_PIPELINE = pipeline


PARENT_POLL_SECONDS = 1.0


def exit_with_parent(parent_pid: int) -> None:
    """Make this worker process end when ``parent_pid`` dies, however it dies (even SIGKILL).

    A pool worker waits on a pipe whose writing end it inherited itself, so it would never see
    the parent go and would wait forever. On Linux the kernel is asked to send SIGTERM when the
    parent ends (``prctl(PR_SET_PDEATHSIG)``); everywhere a daemon thread also checks every
    second that the parent is still this process's parent, and ends the process if not.
    """
    import threading

    if sys.platform.startswith("linux"):
        try:
            import ctypes
            import signal

            libc = ctypes.CDLL(None, use_errno=True)
            libc.prctl(1, int(signal.SIGTERM), 0, 0, 0)  # 1 = PR_SET_PDEATHSIG
        except (OSError, AttributeError):
            pass  # the polling thread below still applies
    if os.getppid() != parent_pid:  # the parent died before the request took effect
        os._exit(1)

    def watch() -> None:
        while True:
            time.sleep(PARENT_POLL_SECONDS)
            if os.getppid() != parent_pid:
                os._exit(1)

    threading.Thread(target=watch, name="frenemy-parent-watch", daemon=True).start()


def _worker_analyse(batch: list[Document], batch_size: int) -> list[_WorkerOutcome]:
    """Run in a worker: parse and code one batch; outcomes in the batch's order."""
    pipeline = _WORKER_PIPELINE
    assert pipeline is not None, "worker used before _worker_start"
    try:
        outcomes = list(pipeline._analyse_batch(batch, batch_size))
    except FrenemyError as exc:
        return [("raise", exc.code, exc.message)]
    # _analyse_batch yields the short documents first, then the long ones: restore input order
    order = [d for d in batch if len(d.text) <= PARSE_CHUNK_CHARS]
    order += [d for d in batch if len(d.text) > PARSE_CHUNK_CHARS]
    by_position = {id(d): o for d, o in zip(order, outcomes, strict=True)}
    return [_portable(by_position[id(d)]) for d in batch]


def _portable(outcome: DocumentResult | InputError) -> _WorkerOutcome:
    if isinstance(outcome, InputError):
        return ("failed", outcome.source, outcome.cause, outcome.code, outcome.line)
    return outcome


def _from_worker(outcome: _WorkerOutcome) -> DocumentResult | InputError:
    if isinstance(outcome, tuple) and outcome[0] == "failed":
        return InputError(outcome[1], outcome[2], code=outcome[3], line=outcome[4])
    if isinstance(outcome, tuple) and outcome[0] == "raise":
        raise FrenemyError(outcome[2], code=outcome[1])
    return outcome  # type: ignore[no-any-return]


def _worker_died(document: Document, exc: BaseException) -> InputError:
    return InputError(
        document.source_path or document.id,
        f"the worker process analysing it stopped ({exc}); run again with --workers 1 to see why",
        code="E191",
    )


def _resubmit(pending: Any, executor: Any, batch_size: int) -> Any:
    """After a worker died, send the batches that were still waiting to the new pool."""
    from collections import deque

    return deque(
        (batch, None if future is None else executor.submit(_worker_analyse, batch, batch_size))
        for batch, future in pending
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
        sentences = _sentences(document, doc)
    text = _parsed_text(document, doc)
    ctx = DocContext(document=document, doc=doc, registry=registry)
    ctx.mentions = find_mentions(ctx)
    ctx.index_mentions()
    ctx.timeline = build_timeline(ctx)
    ctx.attributions = find_attributions(ctx, stance_lexicon)
    events = extract_events(ctx, event_lexicon)
    claims = extract_claims(ctx, stance_lexicon)
    mentions = []
    for m in ctx.mentions:
        last = doc[m.end - 1]
        char_start, char_end = doc[m.start].idx, last.idx + len(last)
        mentions.append(
            Mention(
                doc_id=document.id,
                sentence_index=ctx.sentence_index(m.start),
                char_start=char_start,
                char_end=char_end,
                text=text[char_start:char_end],  # what doc[m.start:m.end].text joins token by token
                actor_id=m.actor.id,
                kind=m.kind,
            )
        )
    actors = _actors_to_store(ctx, events, claims, registry)
    return DocumentResult(document, sentences, mentions, events, claims, actors)


def _parsed_text(document: Document, doc: Doc) -> str:
    """The text ``doc`` was parsed from: ``document.text``, unless the lengths say otherwise.

    spaCy keeps every character, so a span's text is the slice between its character offsets;
    slicing the string we already hold is much cheaper than ``Span.text`` or ``Doc.text``, which
    build one Token object per token.
    """
    if len(doc) == 0:
        return document.text
    last = doc[-1]
    return document.text if last.idx + len(last.text_with_ws) == len(document.text) else doc.text


def _sentences(document: Document, doc: Doc) -> list[Sentence]:
    text = _parsed_text(document, doc)
    return [
        Sentence(document.id, i, s.start_char, s.end_char, text[s.start_char : s.end_char])
        for i, s in enumerate(doc.sents)
    ]


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


def _append_piece(
    merged: DocumentResult, piece: DocumentResult, number: int, offset: int, first: int
) -> None:
    """Add one piece's records to ``merged``, moved to the whole document's offsets and indexes.

    Record ids of the first piece are what a whole-document pass gives; later pieces' ids are
    derived from their in-piece ids and the piece number, so two pieces never share an id.
    """
    doc_id = merged.document.id

    def ident(old: str) -> str:
        if number == 0:
            return old
        prefix = old.split("_", 1)[0]
        return stable_id(prefix, old, "piece", number)

    for sentence in piece.sentences:
        merged.sentences.append(
            replace(sentence, doc_id=doc_id, index=sentence.index + first,
                    start=sentence.start + offset, end=sentence.end + offset)
        )  # fmt: skip
    for mention in piece.mentions:
        merged.mentions.append(
            replace(mention, doc_id=doc_id, sentence_index=mention.sentence_index + first,
                    char_start=mention.char_start + offset, char_end=mention.char_end + offset)
        )  # fmt: skip
    for event in piece.events:
        merged.events.append(
            replace(
                event, id=ident(event.id), doc_id=doc_id, sentence_index=event.sentence_index + first,
                char_start=event.char_start + offset, char_end=event.char_end + offset,
                action_start=None if event.action_start is None else event.action_start + offset,
                action_end=None if event.action_end is None else event.action_end + offset,
            )
        )  # fmt: skip
    for claim in piece.claims:
        merged.claims.append(
            replace(claim, id=ident(claim.id), doc_id=doc_id, sentence_index=claim.sentence_index + first,
                    char_start=claim.char_start + offset, char_end=claim.char_end + offset)
        )  # fmt: skip


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
    updated: int = 0  # documents already stored whose metadata was corrected in this run

    def line(self) -> str:
        return (
            f"ingested {self.ingested}, skipped {self.duplicates} as duplicates, failed {self.failed}"
            + (f", updated the metadata of {self.updated}" if self.updated else "")
            + (f", {self.warnings} warnings" if self.warnings else "")
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
    redo: set[str] = set()  # stored documents whose new publication date calls for a new extraction

    def fresh() -> Iterator[Document | InputError]:
        for item in items:
            if isinstance(item, SkippedInput):  # a file of a type frenemy does not read: named, not failed
                summary.warnings += 1
                summary.messages.append(str(item))
                continue
            if isinstance(item, Document):
                stored = (
                    None if item.id in seen or reprocess else store.documents_meta([item.id]).get(item.id)
                )
                corrected = stored is not None and _corrected(store, item, stored, summary, redo)
                if item.id in seen or (stored is not None and item.id not in redo):
                    summary.duplicates += not corrected  # a corrected one is counted as updated
                    if on_result:
                        on_result(None)
                    continue
                if item.id in redo and stored is not None:  # fields not given now keep their stored value
                    item = replace(
                        item, **{f: getattr(stored, f) for f in _METADATA_FIELDS if getattr(item, f) is None}
                    )
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
            stored = store.write_result(
                result,
                replace=reprocess or result.document.id in redo,
                pipeline_version=PIPELINE_VERSION,
                model=pipeline.model,
                dictionary_hash=pipeline.dictionary_hash,
            )
            if not stored:  # another ingest stored it after the check above: the store's transaction decides
                summary.duplicates += 1
                summary.messages.append(
                    f"note: {result.document.source_path or result.document.id} was stored by another "
                    "ingest while this one ran; counted as a duplicate"
                )
            elif result.document.id not in redo:  # a re-extraction is counted as updated
                summary.ingested += 1
        if on_result:
            on_result(result)
    return summary


_METADATA_FIELDS = ("title", "publisher", "published", "author", "url")


def _corrected(
    store: Store, document: Document, stored: Document, summary: IngestSummary, redo: set[str]
) -> bool:
    """A document read again whose metadata differs from the stored one's: update the store.

    Fields the new reading leaves empty keep their stored values. A changed ``published`` marks
    the document for a new extraction (``redo``): dates of events and claims are resolved
    against it. Other changes are written at once. Either way stderr names what changed.
    """
    changes = {
        name: getattr(document, name)
        for name in _METADATA_FIELDS
        if getattr(document, name) is not None and getattr(document, name) != getattr(stored, name)
    }
    if not changes:
        return False
    said = "; ".join(f"{name} {getattr(stored, name)!r} -> {value!r}" for name, value in changes.items())
    where = document.source_path or document.id
    summary.updated += 1
    if "published" in changes:
        redo.add(document.id)
        summary.messages.append(
            f"updated metadata of {where} ({document.id}), already stored: {said}; "
            "its events and claims are extracted again, since their dates depend on the publication date"
        )
        return True
    store.update_document_metadata(document.id, changes)
    summary.messages.append(f"updated metadata of {where} ({document.id}), already stored: {said}")
    return True


def refresh_contradictions(store: Store) -> int:
    """Recompute contradictions over every stored claim and conflicting event."""
    from frenemy.analyze.contradictions import document_label, find_contradictions

    claims, events = store.all_claims_and_events_for_contradictions()
    roots = store.roots()  # a government body is compared as its country, a person as their group
    meta = store.documents_meta({e.doc_id for e in events})
    names = {i: document_label(d.title, d.publisher, d.published) for i, d in meta.items()}
    found = find_contradictions(claims, events, rollup=lambda i: roots.get(i, i), documents=names)
    return store.replace_contradictions(found)


# --- stateless batch coding (frenemy code) ---------------------------------------------------
def code_lines(lines: Iterable[str | bytes], pipeline: Pipeline | None = None) -> Iterator[dict[str, Any]]:
    """JSON Lines in, one result object per line out, same order; bad lines give error records.

    ``lines`` may be text or bytes (standard input read as bytes, so one invalid UTF-8 byte spoils
    its own line and not the stream, whatever the locale).
    """
    from frenemy.ingest.boundedjson import JSONBoundError, loads_bounded
    from frenemy.ingest.dates import normalise_date
    from frenemy.ingest.identity import document_id, normalise_text

    pipe = pipeline or Pipeline()

    def failed(number: int, message: str, ext_id: Any = None) -> dict[str, Any]:
        return {
            "id": ext_id,
            "line": number,
            "events": [],
            "claims": [],
            "error": f"line {number}: {message}",
        }

    for number, raw in enumerate(lines, start=1):
        if isinstance(raw, bytes):
            if number == 1 and raw.startswith(b"\xef\xbb\xbf"):
                raw = raw[3:]
            try:
                raw = raw.decode("utf-8")
            except UnicodeDecodeError as exc:
                yield failed(number, f"E105 invalid UTF-8 at byte {exc.start + 1} of the line; send UTF-8")
                continue
        if not raw.strip():
            continue
        try:
            obj = loads_bounded(raw)
        except json.JSONDecodeError as exc:
            yield failed(number, f"not JSON: {exc}")
            continue
        except JSONBoundError as exc:
            yield failed(number, f"E113 JSON beyond a safe bound: the line {exc}")
            continue
        if not isinstance(obj, dict) or not isinstance(obj.get("text"), str) or not obj["text"].strip():
            ext = obj.get("id") if isinstance(obj, dict) else None
            yield failed(number, 'expected an object with a non-empty "text" string', ext)
            continue
        ext_id = obj.get("id")
        try:
            published = normalise_date(obj.get("date"))
        except ValueError as exc:
            yield failed(number, f"E109 field 'date': {exc}", ext_id)
            continue
        text = normalise_text(obj["text"])
        doc = Document(
            id=str(ext_id) if ext_id is not None else document_id(text),
            text=text,
            published=published,
            external_id=str(ext_id) if ext_id is not None else None,
        )
        try:
            result = pipe.analyse(doc)
        except Exception as exc:  # one bad document never stops the batch
            yield failed(number, str(exc), ext_id)
            continue
        yield {
            "id": ext_id,
            "events": [e.to_dict() for e in result.events],
            "claims": [c.to_dict() for c in result.claims],
            "error": None,
        }
