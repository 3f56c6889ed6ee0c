"""Security headers on every answer (500s included), JSON limits on uploads, broken stores."""

from __future__ import annotations

from pathlib import Path

import pytest
from fastapi.testclient import TestClient

from frenemy.errors import StoreError
from frenemy.web.app import create_app
from frenemy.web.security import (
    CONTENT_SECURITY_POLICY,
    SECURITY_HEADERS,
    JSONLimitError,
    parse_json_limited,
)

LOCAL = "http://127.0.0.1"


def _assert_secured(r) -> None:
    for name, value in SECURITY_HEADERS:
        assert r.headers.get(name.decode()) == value.decode(), (r.status_code, name)


@pytest.fixture
def crashing_client(web_db: str):
    app = create_app(web_db)

    def boom() -> None:
        raise RuntimeError("a bug")

    app.add_api_route("/api/boom", boom)
    app.add_api_route("/boom", boom)
    with TestClient(app, base_url=LOCAL, raise_server_exceptions=False) as c:
        yield c


def test_an_unhandled_error_is_a_coded_500_with_the_security_headers(crashing_client):
    r = crashing_client.get("/api/boom")
    assert r.status_code == 500
    _assert_secured(r)
    assert r.json() == {
        "error": {"code": "E500", "message": "internal error: the server log has the details"}
    }
    assert "a bug" not in r.text  # no traceback or message of ours leaks
    page = crashing_client.get("/boom")
    assert page.status_code == 500 and page.headers["content-security-policy"] == CONTENT_SECURITY_POLICY
    assert "a bug" not in page.text and "Traceback" not in page.text


@pytest.mark.parametrize(
    ("url", "status"),
    [
        ("/api/nothing-here", 404),
        ("/api/actors?limit=0", 422),
        ("/document/..%2Fetc", 404),
        ("/api/dyad", 422),
    ],
)
def test_not_found_and_validation_errors_carry_the_headers(crashing_client, url: str, status: int):
    r = crashing_client.get(url)
    assert r.status_code == status
    _assert_secured(r)


def test_a_store_broken_after_start_is_a_coded_503_with_headers(tmp_path: Path, web_db: str):
    db = tmp_path / "soon-broken.db"
    db.write_bytes(Path(web_db).read_bytes())
    app = create_app(str(db))
    with TestClient(app, base_url=LOCAL, raise_server_exceptions=False) as c:
        assert c.get("/api/stats").status_code == 200
        db.write_bytes(b"not a database at all " * 200)
        r = c.get("/api/stats")
        assert r.status_code == 503 and r.json()["error"]["code"] == "E202"
        _assert_secured(r)
        page = c.get("/")
        assert page.status_code == 503 and "E202" in page.text
        _assert_secured(page)


@pytest.mark.parametrize("content", [b"", b"junk " * 1000, b"SQLite format 3\x00" + b"\x00" * 80])
def test_serving_a_junk_store_is_refused_at_start(tmp_path: Path, content: bytes):
    db = tmp_path / "junk.db"
    db.write_bytes(content)
    with pytest.raises(StoreError) as err:
        create_app(str(db))
    assert err.value.code.startswith("E2") and err.value.exit_code == 3


def test_serve_command_on_a_junk_store_exits_3(tmp_path: Path, capsys, monkeypatch):
    import uvicorn

    from frenemy.cli import main

    started: list[object] = []
    monkeypatch.setattr(uvicorn, "run", lambda app, **kw: started.append(app))
    db = tmp_path / "junk.db"
    db.write_bytes(b"\x00junk" * 999)
    assert main(["serve", "--db", str(db), "--port", "1"]) == 3
    assert started == []
    assert capsys.readouterr().err.startswith("E202 ")


# --- JSON limits ---------------------------------------------------------------------------------
@pytest.fixture
def ingest_client(tmp_path: Path):
    app = create_app(str(tmp_path / "up.db"), allow_ingest=True)
    with TestClient(app, base_url=LOCAL, raise_server_exceptions=False) as c:
        yield c


@pytest.mark.parametrize(
    "body",
    [
        b'{"text": "x", "title": ' + b"9" * 5000 + b"}",
        b'{"text": ' + b"1" * 4400 + b"}",
        b"[" * 100_000 + b"]" * 100_000,
        b'{"text": "x", "a": ' + b'{"b": ' * 5000 + b"1" + b"}" * 5000 + b"}",
    ],
    ids=["huge-int-field", "huge-int-text", "deep-list", "deep-object"],
)
def test_hostile_json_is_a_400_not_a_500(ingest_client, body: bytes):
    r = ingest_client.post("/api/documents", content=body, headers={"Content-Type": "application/json"})
    assert r.status_code == 400, r.text
    assert r.json()["error"]["code"] == "E506"
    _assert_secured(r)


def test_json_limits_leave_ordinary_json_alone():
    assert parse_json_limited(b'{"text": "[[{{\\"]]", "n": -12.5e3, "k": [1, [2]]}') == {
        "text": '[[{{"]]',
        "n": -12500.0,
        "k": [1, [2]],
    }
    with pytest.raises(JSONLimitError):
        parse_json_limited(b"[" * 33 + b"]" * 33)
    assert parse_json_limited(b"[" * 32 + b"]" * 32)
