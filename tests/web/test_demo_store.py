"""The web app over a store built by the real pipeline from the sample corpus (as `make demo`)."""

from __future__ import annotations

import threading
import time
from pathlib import Path

import pytest

SAMPLES = Path(__file__).resolve().parents[2] / "samples"


@pytest.fixture(scope="module")
def demo_db(tmp_path_factory: pytest.TempPathFactory) -> str:
    from frenemy.ingest import read_paths
    from frenemy.pipeline import Pipeline, ingest_into, refresh_contradictions
    from frenemy.store.db import Store

    path = tmp_path_factory.mktemp("demo") / "demo.db"
    with Store(path) as store:
        summary = ingest_into(store, read_paths([SAMPLES]), Pipeline())
        refresh_contradictions(store)
    assert summary.failed == 0 and summary.ingested >= 5
    return str(path)


@pytest.fixture(scope="module")
def demo_server(demo_db):
    import socket

    import uvicorn

    from frenemy.web.app import create_app

    with socket.socket() as s:
        s.bind(("127.0.0.1", 0))
        port = s.getsockname()[1]
    server = uvicorn.Server(
        uvicorn.Config(create_app(demo_db), host="127.0.0.1", port=port, log_level="warning")
    )
    thread = threading.Thread(target=server.run, daemon=True)
    thread.start()
    deadline = time.monotonic() + 15
    while not server.started:
        assert time.monotonic() < deadline and thread.is_alive(), "demo server did not start"
        time.sleep(0.05)
    yield f"http://127.0.0.1:{port}"
    server.should_exit = True
    thread.join(timeout=10)


@pytest.mark.model
@pytest.mark.browser
def test_demo_dyad_page_matches_the_api(demo_server, page, artifacts):
    import json
    import urllib.request

    from frenemy.web.charts import event_time

    with urllib.request.urlopen(f"{demo_server}/api/dyad?a=Iran&b=al%20Qaeda") as response:
        report = json.load(response)
    dated = [e for e in report["events"] if event_time(e.get("date")) is not None]
    assert len(dated) >= 3  # the samples describe Iran / al-Qaeda events over two decades

    started = time.monotonic()
    with urllib.request.urlopen(f"{demo_server}/dyad?a=Iran&b=al%20Qaeda") as response:
        assert response.status == 200 and len(response.read()) > 1000
    assert time.monotonic() - started < 1.0  # the page answers in under a second

    page.goto(f"{demo_server}/dyad?a=Iran&b=al%20Qaeda")
    assert page.locator("#verdict .badge").inner_text() == report["verdict"]["label"]
    assert page.locator("#verdict .headline").inner_text() == report["verdict"]["headline"]
    assert page.locator("svg#timeline .event-point").count() == len(dated)
    assert page.locator("#events-table tbody tr").count() == len(report["events"])
    page.screenshot(path=str(artifacts / "demo-dyad-iran-al-qaeda.png"), full_page=True)

    first = report["events"][0]
    row = page.locator(f'#events-table tr[data-event-id="{first["id"]}"]')
    row.locator("td").first.click()
    page.wait_for_url(f"**/document/{first['doc_id']}#s{first['sentence_index']}")
    target = page.locator(f"#s{first['sentence_index']}")
    assert "highlighted" in (target.get_attribute("class") or "")
    assert first["action_text"].split()[0] in target.inner_text()
    assert page.console_errors == [] and page.dialogs == []


@pytest.mark.model
def test_api_dyad_is_exactly_the_cli_json(demo_db):
    import json
    import subprocess
    import sys

    from fastapi.testclient import TestClient

    from frenemy.web.app import create_app

    cli = Path(sys.executable).parent / "frenemy"
    out = subprocess.run(
        [str(cli), "dyad", "Saudi Arabia", "Iran", "--format", "json", "--db", demo_db],
        capture_output=True, text=True, check=True, timeout=120,
    )  # fmt: skip
    with TestClient(create_app(demo_db), base_url="http://127.0.0.1") as client:
        api = client.get("/api/dyad", params={"a": "Saudi Arabia", "b": "Iran"}).json()
    assert api == json.loads(out.stdout)
    assert api["events"]
