"""Fixtures for the web tests: a store built from hand-made records, an in-process client, and
a real uvicorn server on a free loopback port for the browser tests."""

from __future__ import annotations

import socket
import sys
import threading
import time
from collections.abc import Iterator
from contextlib import contextmanager
from pathlib import Path

import pytest

sys.path.insert(0, str(Path(__file__).parent))

from webcorpus import contradictions, corpus  # noqa: E402

LOCAL_BASE = "http://127.0.0.1"


@pytest.fixture(scope="session")
def web_db(tmp_path_factory: pytest.TempPathFactory) -> str:
    """A store holding the three test documents (one of them hostile)."""
    from frenemy.store.db import Store

    path = tmp_path_factory.mktemp("web") / "web.db"
    with Store(path) as store:
        for result in corpus():
            assert store.write_result(result)
        store.replace_contradictions(contradictions())
    return str(path)


@pytest.fixture(scope="session")
def app(web_db: str):
    from frenemy.web.app import create_app

    return create_app(web_db)


@pytest.fixture(scope="session")
def client(app):
    from fastapi.testclient import TestClient

    with TestClient(app, base_url=LOCAL_BASE) as c:
        yield c


def free_port() -> int:
    with socket.socket(socket.AF_INET, socket.SOCK_STREAM) as s:
        s.bind(("127.0.0.1", 0))
        return int(s.getsockname()[1])


@pytest.fixture(scope="session")
def live_server(app) -> Iterator[str]:
    """The app served by uvicorn in a background thread on 127.0.0.1; yields its base URL."""
    with served(app) as url:
        yield url


@contextmanager
def served(app) -> Iterator[str]:
    """Serve ``app`` with uvicorn in a background thread on 127.0.0.1 while the block runs."""
    import uvicorn

    port = free_port()
    config = uvicorn.Config(app, host="127.0.0.1", port=port, log_level="warning", lifespan="off")
    server = uvicorn.Server(config)
    thread = threading.Thread(target=server.run, name="frenemy-test-server", daemon=True)
    thread.start()
    deadline = time.monotonic() + 15
    while not server.started:
        if time.monotonic() > deadline or not thread.is_alive():
            raise RuntimeError("the test web server did not start")
        time.sleep(0.05)
    try:
        yield f"http://127.0.0.1:{port}"
    finally:
        server.should_exit = True
        thread.join(timeout=10)


CHROMIUM = "/usr/bin/chromium"
CHROMIUM_ARGS = [
    "--no-sandbox",
    "--disable-gpu",
    "--disable-dev-shm-usage",
    "--disable-background-networking",
    "--disable-component-update",
    "--no-first-run",
    "--disable-sync",
]


@pytest.fixture(scope="session")
def browser():
    """Debian's Chromium driven by Playwright (never a downloaded browser)."""
    if not Path(CHROMIUM).exists():
        pytest.fail(f"{CHROMIUM} is missing: `make chromium` installs it through apt")
    from playwright.sync_api import sync_playwright

    with sync_playwright() as p:
        b = p.chromium.launch(executable_path=CHROMIUM, headless=True, args=CHROMIUM_ARGS)
        try:
            yield b
        finally:
            b.close()


@pytest.fixture
def page(browser, live_server):
    """A fresh page that records dialogs and console errors and blocks every non-loopback request."""
    context = browser.new_context(viewport={"width": 1280, "height": 900})
    pg = context.new_page()
    pg.dialogs = []  # type: ignore[attr-defined]
    pg.outside_requests = []  # type: ignore[attr-defined]

    def on_dialog(dialog) -> None:
        pg.dialogs.append(dialog.message)  # type: ignore[attr-defined]
        dialog.dismiss()

    def guard(route) -> None:
        url = route.request.url
        if url.startswith(("http://127.0.0.1:", "data:")):  # test servers only: nothing leaves loopback
            route.continue_()
        else:
            pg.outside_requests.append(url)  # type: ignore[attr-defined]
            route.abort()

    pg.console_errors = []  # type: ignore[attr-defined]
    pg.on("console", lambda msg: pg.console_errors.append(msg.text) if msg.type == "error" else None)  # type: ignore[attr-defined]
    pg.on("pageerror", lambda exc: pg.console_errors.append(str(exc)))  # type: ignore[attr-defined]
    pg.on("dialog", on_dialog)
    pg.route("**/*", guard)
    yield pg
    context.close()


@pytest.fixture(scope="session")
def artifacts() -> Path:
    out = Path(__file__).resolve().parents[2] / "test-artifacts"
    out.mkdir(exist_ok=True)
    return out
