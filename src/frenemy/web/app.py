"""The local web app: pages and JSON API over one frenemy store.

``create_app(db_path)`` builds the FastAPI app; ``serve(db_path)`` runs it with uvicorn on
127.0.0.1. GET routes read through a read-only connection opened per request (sqlite
connections are not shared across threads); ingest over HTTP exists only with
``allow_ingest=True``. Importing this module loads no NLP model: the pipeline is imported on
the first POST.
"""

from __future__ import annotations

import sqlite3
import threading
from collections.abc import Iterator, Sequence
from contextlib import contextmanager
from dataclasses import dataclass, field
from importlib.resources import files
from pathlib import Path
from typing import TYPE_CHECKING, Any

from fastapi import FastAPI, Request
from fastapi.exceptions import RequestValidationError
from fastapi.responses import HTMLResponse, JSONResponse, Response
from fastapi.staticfiles import StaticFiles
from jinja2 import Environment
from starlette.exceptions import HTTPException as StarletteHTTPException
from starlette.types import ASGIApp

from frenemy.errors import FrenemyError, StoreError
from frenemy.web.render import build_environment
from frenemy.web.security import LOCAL_HOSTS, LocalHostMiddleware, SecurityHeadersMiddleware

if TYPE_CHECKING:
    from frenemy.store.db import Store

DEFAULT_MAX_UPLOAD_BYTES = 2_000_000


@dataclass
class WebState:
    """What every route needs: where the store is, what is allowed, the template environment."""

    db_path: str
    allow_ingest: bool
    max_upload_bytes: int
    templates: Environment
    ingest_lock: threading.Lock = field(default_factory=threading.Lock)
    pipeline: Any = None  # frenemy.pipeline.Pipeline, built on the first POST

    @contextmanager
    def reader(self) -> Iterator[Store]:
        """A read-only Store for the current request, closed afterwards."""
        from frenemy.store.db import Store

        store = Store(self.db_path, readonly=True)
        try:
            yield store
        finally:
            store.close()

    def render(self, name: str, status_code: int = 200, **context: Any) -> HTMLResponse:
        """Render a template (autoescaped) into an HTML response."""
        html = self.templates.get_template(name).render(allow_ingest=self.allow_ingest, **context)
        return HTMLResponse(html, status_code=status_code)


class FrenemyApp(FastAPI):
    """FastAPI with the security headers outermost: Starlette sends an unhandled error's 500
    from its outermost layer, past every middleware added with ``add_middleware``."""

    def build_middleware_stack(self) -> ASGIApp:
        return SecurityHeadersMiddleware(super().build_middleware_stack())


def web_state(request: Request) -> WebState:
    """The WebState of the app serving ``request``."""
    state: WebState = request.app.state.frenemy
    return state


def create_app(
    db_path: str,
    *,
    allow_ingest: bool = False,
    max_upload_bytes: int = DEFAULT_MAX_UPLOAD_BYTES,
    allowed_hosts: Sequence[str] = LOCAL_HOSTS,
) -> FastAPI:
    """The FastAPI app over the store at ``db_path``.

    ``allow_ingest`` enables ``POST /api/documents`` (bodies over ``max_upload_bytes`` get 413);
    ``allowed_hosts`` are the Host header names accepted (localhost names by default; "*" for any).

    >>> app = create_app("demo.db")  # doctest: +SKIP
    """
    path = Path(db_path)
    if not path.exists():
        if not allow_ingest:
            raise StoreError(
                f"no frenemy database at {db_path}: run `frenemy ingest PATH --db {db_path}` first "
                "or start the server with --allow-ingest to build it over HTTP",
                code="E501",
            )
        from frenemy.store.db import Store

        Store(db_path).close()  # creates the schema so read-only GETs work on an empty store
    else:
        _check_store(db_path)

    from frenemy.web import api, pages

    app = FrenemyApp(
        title="frenemy",
        summary="Allies or enemies, since when, and who says so: evidence from documents.",
        version=_version(),
        docs_url=None,  # Swagger UI and ReDoc pull assets from a CDN: /openapi.json only
        redoc_url=None,
        openapi_url="/openapi.json",
    )
    app.state.frenemy = WebState(str(path), allow_ingest, int(max_upload_bytes), build_environment())
    app.add_middleware(LocalHostMiddleware, allowed=list(allowed_hosts))
    app.mount("/static", StaticFiles(directory=str(files("frenemy.web") / "static")), name="static")
    app.include_router(api.router)
    app.include_router(pages.router)
    _add_error_handlers(app)
    return app


def serve(db_path: str, host: str = "127.0.0.1", port: int = 8000, allow_ingest: bool = False) -> None:
    """Run the app with uvicorn until interrupted. Binds 127.0.0.1 unless told otherwise."""
    import uvicorn

    hosts: list[str] = list(LOCAL_HOSTS)
    if host in ("0.0.0.0", "::"):
        hosts = ["*"]  # the user chose to listen on every interface
    elif host not in hosts:
        hosts.append(host)
    app = create_app(db_path, allow_ingest=allow_ingest, allowed_hosts=hosts)
    uvicorn.run(app, host=host, port=port, log_level="info", server_header=False)


def _check_store(db_path: str) -> None:
    """Refuse to serve a file that is not a readable frenemy store (E2xx), before listening."""
    from frenemy.store.db import Store, store_error

    try:
        with Store(db_path, readonly=True) as store:
            store.stats()  # every table is there and its first pages can be read
    except sqlite3.Error as exc:
        raise store_error(exc, db_path) from exc


def _version() -> str:
    try:
        from importlib.metadata import version

        return version("frenemy")
    except Exception:  # noqa: BLE001 - running from a source tree without metadata
        return "0"


def _wants_json(request: Request) -> bool:
    return request.url.path.startswith("/api/") or request.url.path == "/openapi.json"


def _add_error_handlers(app: FastAPI) -> None:
    @app.exception_handler(StarletteHTTPException)
    async def http_error(request: Request, exc: StarletteHTTPException) -> Response:
        message = exc.detail if isinstance(exc.detail, str) else "error"
        headers = dict(exc.headers or {})
        if _wants_json(request):
            body = (
                exc.detail
                if isinstance(exc.detail, dict)
                else {"error": {"code": f"E{exc.status_code}", "message": message}}
            )
            return JSONResponse(body, status_code=exc.status_code, headers=headers)
        state = web_state(request)
        return state.render(
            "error.html", exc.status_code, status=exc.status_code, message=message, suggestions=[]
        )

    @app.exception_handler(RequestValidationError)
    async def validation_error(request: Request, exc: RequestValidationError) -> Response:
        problems = [
            {"where": ".".join(str(p) for p in err.get("loc", ())), "problem": str(err.get("msg", ""))}
            for err in exc.errors()
        ]
        message = "; ".join(f"{p['where']}: {p['problem']}" for p in problems)
        if _wants_json(request):
            return JSONResponse(
                {"error": {"code": "E422", "message": message, "problems": problems}}, status_code=422
            )
        return web_state(request).render("error.html", 422, status=422, message=message, suggestions=[])

    @app.exception_handler(sqlite3.Error)
    async def store_failure(request: Request, exc: sqlite3.Error) -> Response:
        from frenemy.store.db import store_error

        return await frenemy_error(request, store_error(exc, web_state(request).db_path))

    @app.exception_handler(Exception)
    async def internal_error(request: Request, exc: Exception) -> Response:
        # the traceback goes to the server log; the client gets a coded answer and no details
        message = "internal error: the server log has the details"
        if _wants_json(request):
            return JSONResponse({"error": {"code": "E500", "message": message}}, status_code=500)
        return web_state(request).render("error.html", 500, status=500, message=message, suggestions=[])

    @app.exception_handler(FrenemyError)
    async def frenemy_error(request: Request, exc: FrenemyError) -> Response:
        status = 400 if exc.code.startswith("E4") else 503 if exc.code.startswith("E2") else 500
        if _wants_json(request):
            return JSONResponse({"error": {"code": exc.code, "message": exc.message}}, status_code=status)
        return web_state(request).render(
            "error.html", status, status=status, message=str(exc), suggestions=[]
        )
