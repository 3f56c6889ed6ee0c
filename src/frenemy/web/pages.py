"""HTML pages: overview, search, actor, dyad, document and network.

Each route opens a read-only store, gathers data through ``frenemy.web.views`` and renders a
template; document-derived text reaches templates only as plain strings (autoescaped).
"""

from __future__ import annotations

from typing import Any

from fastapi import APIRouter, HTTPException, Query, Request
from fastapi.responses import HTMLResponse, RedirectResponse, Response

from frenemy.errors import QueryError
from frenemy.web import views
from frenemy.web.app import web_state
from frenemy.web.charts import build_network, build_timeline
from frenemy.web.render import evidence_href, mark_snippet, sentence_views
from frenemy.web.security import is_plain_id, safe_http_url

router = APIRouter(include_in_schema=False)

PAGE_SIZE = 50
PAGE_METHODS = ["GET", "HEAD"]  # HEAD for link checkers and `curl -I`


@router.api_route("/", methods=PAGE_METHODS, response_class=HTMLResponse)
def overview_page(request: Request, offset: int = Query(0, ge=0, le=10_000_000)) -> Response:
    state = web_state(request)
    with state.reader() as store:
        data = views.overview(store, doc_limit=PAGE_SIZE, doc_offset=offset)
    return state.render("overview.html", **data, offset=offset, page_size=PAGE_SIZE)


@router.api_route("/search", methods=PAGE_METHODS, response_class=HTMLResponse)
def search_page(
    request: Request, q: str = Query("", max_length=500), offset: int = Query(0, ge=0, le=100_000)
) -> Response:
    state = web_state(request)
    hits: list[dict[str, Any]] = []
    error = None
    if q.strip():
        with state.reader() as store:
            try:
                hits = store.search(q, limit=PAGE_SIZE, offset=offset)
            except QueryError as err:
                error = err.message
    rows = [dict(h, snippet_html=mark_snippet(str(h.get("snippet") or ""))) for h in hits]
    status = 400 if error else 200
    return state.render(
        "search.html", status, q=q, hits=rows, error=error, offset=offset, page_size=PAGE_SIZE
    )


@router.api_route("/actor/{actor_id}", methods=PAGE_METHODS, response_class=HTMLResponse)
def actor_page(request: Request, actor_id: str, sort: str = Query("volume", max_length=20)) -> Response:
    state = web_state(request)
    if not is_plain_id(actor_id):
        raise HTTPException(404, "no such actor")
    if sort not in views.RELATION_SORTS:
        sort = "volume"
    with state.reader() as store:
        actor = store.actor(actor_id)
        if actor is None:
            suggestions = views.suggest_actors(store, actor_id)
            return state.render(
                "error.html",
                404,
                status=404,
                message=f"no actor with id {actor_id!r}",
                suggestions=suggestions,
            )
        parent = store.actor(actor.parent) if actor.parent else None
        relations = views.actor_relations(store, actor.id, sort=sort)
        claims = store.claims(actor=actor.id, limit=100)
    return state.render(
        "actor.html", actor=actor, parent=parent, relations=relations, claims=claims, sort=sort
    )


@router.api_route("/dyad", methods=PAGE_METHODS, response_class=HTMLResponse)
def dyad_page(
    request: Request, a: str = Query("", max_length=200), b: str = Query("", max_length=200)
) -> Response:
    state = web_state(request)
    if not a.strip() or not b.strip():
        return state.render(
            "error.html", 400, status=400, message="name two actors: /dyad?a=Iran&b=al-Qaeda", suggestions=[]
        )
    with state.reader() as store:
        try:
            actor_a = views.resolve_actor(store, a)
            actor_b = views.resolve_actor(store, b)
        except views.UnknownActor as err:
            links = [
                {
                    "name": s["name"],
                    "href": "/dyad?"
                    + _query(a=s["id"] if err.name == a else a, b=s["id"] if err.name == b else b),
                }
                for s in err.suggestions
            ]
            return state.render("error.html", 404, status=404, message=err.message, suggestions=links)
        report = views.dyad_report_dict(store, actor_a, actor_b)
    timeline = build_timeline(report.get("events", []), report.get("periods", []))
    evidence = _evidence_index(report)
    return state.render(
        "dyad.html",
        report=report,
        a=report.get("a") or actor_a.to_dict(),
        b=report.get("b") or actor_b.to_dict(),
        timeline=timeline,
        evidence=evidence,
        ach=_ach_matrix(report, evidence),
        named=_named_contradictions(report),
    )


def _named_contradictions(report: dict[str, Any]) -> dict[str, str]:
    """Contradiction explanations with documents named by title, publisher and date, not hash."""
    from frenemy.report.common import Citations

    cites = Citations(report)
    return {
        str(c.get("id")): cites.name_documents(str(c.get("explanation", "")))
        for c in report.get("contradictions", [])
    }


@router.api_route("/document/{doc_id}", methods=PAGE_METHODS, response_class=HTMLResponse)
def document_page(request: Request, doc_id: str) -> Response:
    state = web_state(request)
    if not is_plain_id(doc_id):
        raise HTTPException(404, "no such document")
    with state.reader() as store:
        document = store.document(doc_id)
        if document is None:
            raise HTTPException(404, "no such document")
        sentences = store.sentences(doc_id)
        mentions = store.mentions(doc_id)
        events = store.events(doc_id=doc_id)
        claims = store.claims(doc_id=doc_id)
    return state.render(
        "document.html",
        document=document,
        source_url=safe_http_url(document.url),
        sentences=sentence_views(document, sentences, mentions, events, claims),
        events=events,
        claims=claims,
    )


@router.api_route("/network", methods=PAGE_METHODS, response_class=HTMLResponse)
def network_page(
    request: Request,
    min_events: int = Query(1, ge=1, le=100_000),
    max_nodes: int = Query(60, ge=2, le=200),
) -> Response:
    state = web_state(request)
    with state.reader() as store:
        edges = store.edges(min_events=min_events)
        ids = {e["source"] for e in edges} | {e["target"] for e in edges}
        names = views.actor_names(store, ids)
    network = build_network(edges, names, max_nodes=max_nodes)
    return state.render("network.html", network=network, min_events=min_events, max_nodes=max_nodes)


@router.get("/favicon.ico", include_in_schema=False)
def favicon() -> Response:
    return RedirectResponse("/static/favicon.svg", status_code=308)


def _query(**params: str) -> str:
    from urllib.parse import urlencode

    return urlencode(params)


def _evidence_index(report: dict[str, Any]) -> dict[str, dict[str, Any]]:
    """Every event and claim of a report by id, with a short label and its sentence link."""
    index: dict[str, dict[str, Any]] = {}
    for ev in report.get("events", []):
        index[ev["id"]] = {
            "kind": "event",
            "label": f"{(ev.get('date') or {}).get('start') or 'undated'}: "
            f"{(ev.get('source') or {}).get('name') or '?'} {ev.get('action_text', '')} "
            f"{(ev.get('target') or {}).get('name') or '?'}",
            "sentence": ev.get("sentence", ""),
            "href": evidence_href(ev["doc_id"], ev.get("sentence_index")),
        }
    for cl in report.get("claims", []):
        claimant = (cl.get("claimant") or {}).get("name") or "unnamed source"
        index[cl["id"]] = {
            "kind": "claim",
            "label": f"{claimant}: {cl.get('stance', '')}",
            "sentence": cl.get("sentence", ""),
            "href": evidence_href(cl["doc_id"], cl.get("sentence_index")),
        }
    return index


def _ach_matrix(report: dict[str, Any], evidence: dict[str, dict[str, Any]]) -> dict[str, Any]:
    """Rows of evidence against columns of hypotheses, each cell a rating (or empty)."""
    hypotheses = report.get("hypotheses", []) or []
    order: list[str] = []
    seen: set[str] = set()
    cells: dict[tuple[str, str], str] = {}
    out_of_scope: set[str] = set()
    for h in hypotheses:
        for r in h.get("ratings", []) or []:
            ev_id = str(r.get("evidence", ""))
            if ev_id not in seen:
                seen.add(ev_id)
                order.append(ev_id)
            cells[(ev_id, str(h.get("id", "")))] = str(r.get("rating", ""))
            if r.get("in_scope") is False:
                out_of_scope.add(ev_id)
    rows = [
        {
            "id": ev_id,
            "evidence": evidence.get(ev_id, {"kind": "", "label": ev_id, "sentence": "", "href": ""}),
            "ratings": [cells.get((ev_id, str(h.get("id", ""))), "") for h in hypotheses],
            "in_scope": ev_id not in out_of_scope,
        }
        for ev_id in order
    ]
    return {"hypotheses": hypotheses, "rows": rows}
