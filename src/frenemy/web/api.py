"""The JSON API under /api/: the same record shapes as the CLI's JSON (docs/formats.md).

List routes take ``limit`` (1..1000, default 100) and ``offset``; the body is the JSON list the
CLI prints, and a ``Link: <…>; rel="next"`` header points at the next page when one may exist.
``POST /api/documents`` ingests one document, only when the server runs with ingest allowed.
"""

from __future__ import annotations

import json
from typing import Any
from urllib.parse import urlencode

from fastapi import APIRouter, HTTPException, Query, Request
from fastapi.concurrency import run_in_threadpool
from fastapi.responses import JSONResponse, Response
from pydantic import BaseModel, Field, ValidationError

from frenemy.errors import FrenemyError, InputError
from frenemy.web import views
from frenemy.web.app import WebState, web_state
from frenemy.web.charts import edge_polarity
from frenemy.web.render import evidence_href, plain_snippet
from frenemy.web.security import (
    BodyTooLarge,
    JSONLimitError,
    is_plain_id,
    parse_json_limited,
    read_limited_body,
    too_large_response,
)

router = APIRouter(prefix="/api", tags=["api"])

DEFAULT_LIMIT = 100
MAX_LIMIT = 1000
MAX_OFFSET = 10_000_000

Limit = Query(DEFAULT_LIMIT, ge=1, le=MAX_LIMIT, description="page size (1..1000)")
Offset = Query(0, ge=0, le=MAX_OFFSET, description="records to skip")


def _page(request: Request, items: list[Any], limit: int, offset: int) -> JSONResponse:
    """A JSON list response with a rel="next" Link header when the page came back full."""
    headers = {}
    if len(items) >= limit:
        params = dict(request.query_params)
        params.update(limit=str(limit), offset=str(offset + limit))
        headers["Link"] = f'<{request.url.path}?{urlencode(params)}>; rel="next"'
    return JSONResponse(items, headers=headers)


def _not_found(err: views.UnknownActor) -> JSONResponse:
    return JSONResponse(err.to_dict(), status_code=404)


def _dyad_ids(store: Any, a: str | None, b: str | None) -> tuple[str, str] | None:
    """The actor ids of a (a, b) filter, or None when neither is given; one alone is an error."""
    if not a and not b:
        return None
    if not (a and b):
        raise HTTPException(422, "give both a and b to filter by a pair of actors")
    return views.resolve_actor(store, a).id, views.resolve_actor(store, b).id


@router.get("/stats", summary="Counts of documents, sentences, actors, events, claims, contradictions")
def api_stats(request: Request) -> Response:
    with web_state(request).reader() as store:
        return JSONResponse(store.stats())


@router.get("/actors", summary="Actors by number of mentions (the JSON of `frenemy actors --format json`)")
def api_actors(
    request: Request,
    limit: int = Limit,
    offset: int = Offset,
    min_mentions: int = Query(1, ge=0, le=1_000_000),
) -> Response:
    with web_state(request).reader() as store:
        rows = [a.to_dict() for a in store.actors(limit=limit, offset=offset, min_mentions=min_mentions)]
    return _page(request, rows, limit, offset)


@router.get("/actors/{actor_id}", summary="One actor with its counterparts sorted by volume and polarity")
def api_actor(
    request: Request, actor_id: str, sort: str = Query("volume", pattern="^(volume|hostile|cooperative)$")
) -> Response:
    if not is_plain_id(actor_id):
        raise HTTPException(404, "no such actor")
    with web_state(request).reader() as store:
        actor = store.actor(actor_id)
        if actor is None:
            err = views.UnknownActor(
                actor_id, f"no actor with id {actor_id!r}", views.suggest_actors(store, actor_id)
            )
            return _not_found(err)
        relations = [r.to_dict() for r in views.actor_relations(store, actor.id, sort=sort)]
    return JSONResponse(dict(actor.to_dict(), relations=relations))


@router.get("/dyad", summary="The dyad report (the JSON of `frenemy dyad A B --format json`)")
def api_dyad(
    request: Request,
    a: str = Query(..., min_length=1, max_length=200, description="first actor: id or name"),
    b: str = Query(..., min_length=1, max_length=200, description="second actor: id or name"),
) -> Response:
    with web_state(request).reader() as store:
        try:
            actor_a, actor_b = views.resolve_actor(store, a), views.resolve_actor(store, b)
        except views.UnknownActor as err:
            return _not_found(err)
        return JSONResponse(views.dyad_report_dict(store, actor_a, actor_b))


@router.get("/events", summary="Events (CAMEO/Goldstein/PLOVER), filtered by actor, pair, date or document")
def api_events(
    request: Request,
    actor: str | None = Query(
        None, max_length=200, description="events where this actor (or its members) acts or is acted on"
    ),
    a: str | None = Query(None, max_length=200),
    b: str | None = Query(None, max_length=200),
    since: str | None = Query(None, pattern=r"^\d{4}(-\d{2}(-\d{2})?)?$"),
    doc_id: str | None = Query(None, max_length=200),
    limit: int = Limit,
    offset: int = Offset,
) -> Response:
    with web_state(request).reader() as store:
        try:
            dyad = _dyad_ids(store, a, b)
            actor_id = views.resolve_actor(store, actor).id if actor else None
        except views.UnknownActor as err:
            return _not_found(err)
        rows = store.events(actor=actor_id, dyad=dyad, since=since, doc_id=doc_id, limit=limit, offset=offset)
    return _page(request, [e.to_dict() for e in rows], limit, offset)


@router.get("/claims", summary="Claims named sources make about relationships")
def api_claims(
    request: Request,
    actor: str | None = Query(None, max_length=200),
    a: str | None = Query(None, max_length=200),
    b: str | None = Query(None, max_length=200),
    doc_id: str | None = Query(None, max_length=200),
    limit: int = Limit,
    offset: int = Offset,
) -> Response:
    with web_state(request).reader() as store:
        try:
            dyad = _dyad_ids(store, a, b)
            actor_id = views.resolve_actor(store, actor).id if actor else None
        except views.UnknownActor as err:
            return _not_found(err)
        rows = store.claims(actor=actor_id, dyad=dyad, doc_id=doc_id, limit=limit, offset=offset)
    return _page(request, [c.to_dict() for c in rows], limit, offset)


@router.get("/contradictions", summary="Contradictions between sources, optionally for one pair")
def api_contradictions(
    request: Request,
    a: str | None = Query(None, max_length=200),
    b: str | None = Query(None, max_length=200),
    limit: int = Limit,
    offset: int = Offset,
) -> Response:
    with web_state(request).reader() as store:
        try:
            dyad = _dyad_ids(store, a, b)
        except views.UnknownActor as err:
            return _not_found(err)
        rows = store.contradictions(dyad=dyad)[offset : offset + limit]
    return _page(request, [c.to_dict() for c in rows], limit, offset)


@router.get("/search", summary="Full-text search over sentences")
def api_search(
    request: Request,
    q: str = Query(..., min_length=1, max_length=500),
    limit: int = Query(20, ge=1, le=200),
    offset: int = Query(0, ge=0, le=100_000),
) -> Response:
    with web_state(request).reader() as store:
        hits = store.search(q, limit=limit, offset=offset)
    rows = []
    for h in hits:
        text, matches = plain_snippet(str(h.get("snippet") or ""))
        rows.append(
            {
                "doc_id": h["doc_id"],
                "sentence_index": h["sentence_index"],
                "title": h.get("title"),
                "snippet": text,
                "matches": matches,
                "rank": h.get("rank"),
                "href": evidence_href(h["doc_id"], h["sentence_index"]),
            }
        )
    return _page(request, rows, limit, offset)


@router.get("/network", summary="The actor network rolled up to top-level actors")
def api_network(request: Request, min_events: int = Query(1, ge=1, le=1_000_000)) -> Response:
    with web_state(request).reader() as store:
        edges = store.edges(min_events=min_events)
        names = views.actor_names(store, {e["source"] for e in edges} | {e["target"] for e in edges})
    nodes = [{"id": i, "name": n} for i, n in sorted(names.items())]
    out = [
        dict(e, polarity=edge_polarity(float(e["goldstein_mean"]), int(e["cooperative"]), int(e["hostile"])))
        for e in edges
    ]
    return JSONResponse({"nodes": nodes, "edges": out})


@router.get("/documents", summary="Stored documents (metadata), by publication date")
def api_documents(request: Request, limit: int = Limit, offset: int = Offset) -> Response:
    with web_state(request).reader() as store:
        rows = [d.to_dict() for d in store.documents(limit=limit, offset=offset)]
    return _page(request, rows, limit, offset)


@router.get("/documents/{doc_id}", summary="One document: metadata, text, sentences, events and claims")
def api_document(request: Request, doc_id: str) -> Response:
    if not is_plain_id(doc_id):
        raise HTTPException(404, "no such document")
    with web_state(request).reader() as store:
        document = store.document(doc_id)
        if document is None:
            raise HTTPException(404, f"no document with id {doc_id!r}")
        body = document_json(store, document.id)
    return JSONResponse(body)


def document_json(store: Any, doc_id: str) -> dict[str, Any]:
    """A stored document with its text, sentences, events and claims."""
    document = store.document(doc_id)
    body: dict[str, Any] = document.to_dict()
    body.update(
        author=document.author,
        format=document.format,
        language=document.language,
        text=document.text,
        sentences=[
            {"index": s.index, "start": s.start, "end": s.end, "text": s.text}
            for s in store.sentences(doc_id)
        ],
        events=[e.to_dict() for e in store.events(doc_id=doc_id)],
        claims=[c.to_dict() for c in store.claims(doc_id=doc_id)],
    )
    return body


class DocumentUpload(BaseModel):
    """One document to ingest over HTTP."""

    text: str = Field(..., min_length=1, description="the document text (UTF-8)")
    title: str | None = Field(None, max_length=1000)
    published: str | None = Field(None, max_length=100, description="publication date, ISO 8601 preferred")
    publisher: str | None = Field(None, max_length=1000)
    url: str | None = Field(None, max_length=4000)
    author: str | None = Field(None, max_length=1000)


@router.post(
    "/documents",
    summary="Ingest one document (only when the server was started with --allow-ingest)",
    status_code=201,
    openapi_extra={
        "requestBody": {
            "required": True,
            "content": {"application/json": {"schema": DocumentUpload.model_json_schema()}},
        }
    },
    responses={403: {"description": "read-only server"}, 413: {"description": "body over the size limit"}},
)
async def api_ingest(request: Request) -> Response:
    state = web_state(request)
    if not state.allow_ingest:
        return _error(
            403, "E501", "this server is read-only: restart it with --allow-ingest to add documents"
        )
    content_type = request.headers.get("content-type", "").split(";")[0].strip().lower()
    if content_type != "application/json":
        # a JSON-only endpoint makes cross-site form posts impossible (they cannot send this type)
        return _error(415, "E504", "send the document as JSON with Content-Type: application/json")
    declared = request.headers.get("content-length")
    if declared is not None:
        if not declared.isdigit():
            return _error(400, "E505", "Content-Length is not a number")
        if int(declared) > state.max_upload_bytes:
            return too_large_response(state.max_upload_bytes)
    try:
        raw = await read_limited_body(request.stream(), state.max_upload_bytes)
    except BodyTooLarge:
        return too_large_response(state.max_upload_bytes)
    try:
        upload = DocumentUpload.model_validate(parse_json_limited(raw))
    except (UnicodeDecodeError, json.JSONDecodeError) as err:
        return _error(400, "E505", f"the body is not UTF-8 JSON: {err}")
    except JSONLimitError as err:
        return _error(400, "E506", f"the body passes a JSON limit: {err}")
    except ValidationError as err:
        problems = [{"where": ".".join(str(p) for p in e["loc"]), "problem": e["msg"]} for e in err.errors()]
        return JSONResponse(
            {"error": {"code": "E422", "message": "invalid document", "problems": problems}}, status_code=422
        )
    try:
        result = await run_in_threadpool(ingest_upload, state, upload)
    except InputError as err:
        return _error(422, err.code, err.message)
    except FrenemyError as err:  # a store that cannot take the document (E2xx: damaged, full) is 503
        return _error(503 if err.code.startswith("E2") else 500, err.code, err.message)
    return JSONResponse(result, status_code=200 if result["duplicate"] else 201)


def ingest_upload(state: WebState, upload: DocumentUpload) -> dict[str, Any]:
    """Run the pipeline on one uploaded document and store it (one transaction); one at a time."""
    from frenemy.ingest.document import make_document
    from frenemy.ingest.meta import finish_document
    from frenemy.pipeline import Pipeline, ingest_into, refresh_contradictions
    from frenemy.store.db import Store

    source = "http-upload"
    document = make_document(
        upload.text,
        source=source,
        format="txt",
        title=upload.title,
        publisher=upload.publisher,
        published=upload.published,
        author=upload.author,
        url=upload.url,
    )
    document = finish_document(document, [], source)
    with state.ingest_lock:
        if state.pipeline is None:
            state.pipeline = Pipeline()
        with Store(state.db_path) as store:
            summary = ingest_into(store, [document], state.pipeline)
            if summary.failed:
                raise InputError(source, "; ".join(summary.errors) or "the pipeline rejected the document")
            if summary.ingested:
                refresh_contradictions(store)
            events = store.events(doc_id=document.id)
            claims = store.claims(doc_id=document.id)
    return {
        "document": document.to_dict(),
        "duplicate": summary.duplicates > 0,
        "events": len(events),
        "claims": len(claims),
        "href": evidence_href(document.id),
        "messages": summary.messages,
    }


def _error(status: int, code: str, message: str) -> JSONResponse:
    return JSONResponse({"error": {"code": code, "message": message}}, status_code=status)
