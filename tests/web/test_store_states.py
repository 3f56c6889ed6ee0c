"""The app over a missing, an empty, and a growing store."""

from __future__ import annotations

import socket
import threading
import time

import pytest
from fastapi.testclient import TestClient
from webcorpus import AL_QAEDA, IRAN, DocBuilder

from frenemy.errors import StoreError
from frenemy.web.app import create_app


def test_missing_store_without_ingest_is_a_clear_error(tmp_path):
    with pytest.raises(StoreError) as err:
        create_app(str(tmp_path / "nothing.db"))
    assert err.value.code == "E501" and "frenemy ingest" in err.value.message


def test_empty_store_pages_work(tmp_path):
    app = create_app(str(tmp_path / "new.db"), allow_ingest=True)
    with TestClient(app, base_url="http://127.0.0.1") as c:
        assert "No documents yet" in c.get("/").text
        assert "No events between actors yet" in c.get("/network").text
        assert c.get("/api/actors").json() == []
        assert c.get("/api/search?q=anything").json() == []
        assert c.get("/search?q=anything").status_code == 200


def _numbered_document(n: int):
    d = DocBuilder(
        [f"Report {n}: in {2000 + n % 20} Iran detained al-Qaeda courier number {n}."],
        title=f"Report {n}",
        published="2012-01-01",
        publisher="Load Wire",
    )
    d.mention(0, "Iran", IRAN)
    d.mention(0, "al-Qaeda", AL_QAEDA)
    d.event(0, IRAN, AL_QAEDA, "detained", "173", -5.0, "COERCE", str(2000 + n % 20))
    return d.result([IRAN, AL_QAEDA])


def test_reads_during_writes_see_whole_documents(tmp_path):
    """A writer adds documents (one transaction each) while the API is read: no errors, and
    every document a reader sees comes with its sentence and event (never half written)."""
    from frenemy.store.db import Store

    db = tmp_path / "busy.db"
    Store(db).close()
    app = create_app(str(db))
    total = 40
    done = threading.Event()
    failures: list[str] = []

    def write() -> None:
        try:
            with Store(db) as store:
                for n in range(total):
                    store.write_result(_numbered_document(n))
                    time.sleep(0.01)  # let readers in between documents
        except Exception as exc:  # noqa: BLE001 - reported by the assertion below
            failures.append(repr(exc))
        finally:
            done.set()

    writer = threading.Thread(target=write)
    with TestClient(app, base_url="http://127.0.0.1") as c:
        writer.start()
        seen: list[int] = []
        while not done.is_set() or not seen:
            docs = c.get("/api/documents", params={"limit": 1000})
            if docs.status_code != 200:
                failures.append(docs.text)
                break
            ids = [d["id"] for d in docs.json()]
            seen.append(len(ids))
            for doc_id in ids[-3:]:
                body = c.get(f"/api/documents/{doc_id}").json()
                if len(body["events"]) != 1 or len(body["sentences"]) != 1:
                    failures.append(f"torn read of {doc_id}: {body}")
            if c.get("/api/dyad", params={"a": "iran", "b": "al-qaeda"}).status_code != 200:
                failures.append("dyad failed during writes")
        writer.join()
        final = c.get("/api/stats").json()
    assert failures == []
    assert seen == sorted(seen)
    assert len(set(seen)) > 2, f"reads did not overlap the writes: {seen}"
    assert final["documents"] == total and final["events"] == total


def test_serve_runs_uvicorn_on_loopback(web_db):
    """serve() (what `frenemy serve` calls) answers on 127.0.0.1 and refuses foreign Host names."""
    import http.client
    import subprocess
    import sys

    with socket.socket() as s:
        s.bind(("127.0.0.1", 0))
        port = s.getsockname()[1]
    code = f"from frenemy.web.app import serve; serve({web_db!r}, port={port})"
    proc = subprocess.Popen([sys.executable, "-c", code], stdout=subprocess.DEVNULL, stderr=subprocess.PIPE)
    try:
        deadline = time.monotonic() + 20
        while True:
            try:
                conn = http.client.HTTPConnection("127.0.0.1", port, timeout=2)
                conn.request("GET", "/api/stats")
                response = conn.getresponse()
                break
            except OSError:
                if time.monotonic() > deadline or proc.poll() is not None:
                    raise
                time.sleep(0.1)
        assert response.status == 200
        assert b'"documents":3' in response.read().replace(b" ", b"")
        assert response.getheader("server") is None  # no version banner
        conn.close()
        conn = http.client.HTTPConnection("127.0.0.1", port, timeout=5)
        conn.request("GET", "/api/stats", headers={"Host": "rebound.example"})
        assert conn.getresponse().status == 400
        conn.close()
    finally:
        proc.terminate()
        proc.wait(timeout=10)
