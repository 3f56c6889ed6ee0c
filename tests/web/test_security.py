"""Hostile documents stay inert on every page; traversal, oversized and unwanted uploads refused."""

from __future__ import annotations

import http.client
import json
import shutil
from html.parser import HTMLParser
from urllib.parse import quote

import pytest
from webcorpus import analyst_report, hostile_document, treasury_release

from frenemy.web.security import CONTENT_SECURITY_POLICY


class ActiveContentFinder(HTMLParser):
    """Collects everything in a page that could run code: scripts, handlers, script URLs, embeds."""

    def __init__(self) -> None:
        super().__init__()
        self.problems: list[str] = []
        self.scripts: list[str] = []
        self._in_script = False

    def handle_starttag(self, tag: str, attrs: list[tuple[str, str | None]]) -> None:
        if tag == "script":
            src = dict(attrs).get("src")
            self.scripts.append(src or "")
            if src != "/static/app.js":
                self.problems.append(f"script tag with src={src!r}")
            self._in_script = True
        if tag in ("img", "iframe", "object", "embed", "base", "frame", "applet"):
            self.problems.append(f"<{tag}> element")
        for name, value in attrs:
            if name.lower().startswith("on"):
                self.problems.append(f"<{tag} {name}=...> handler")
            if name.lower() in ("href", "src", "action", "xlink:href") and value:
                v = value.strip().lower()
                if v.startswith(("javascript:", "data:text/html", "vbscript:")):
                    self.problems.append(f"<{tag} {name}={value!r}>")
                if v.startswith(("http://", "https://", "//")):
                    self.problems.append(f"external link <{tag} {name}={value!r}>")

    def handle_endtag(self, tag: str) -> None:
        if tag == "script":
            self._in_script = False

    def handle_data(self, data: str) -> None:
        if self._in_script and data.strip():
            self.problems.append("inline script content")


def active_content(html: str) -> list[str]:
    finder = ActiveContentFinder()
    finder.feed(html)
    return finder.problems


def every_page() -> list[str]:
    docs = [analyst_report().id, treasury_release().id, hostile_document().id]
    hostile_query = quote("<script>alert(1)</script><img src=x onerror=alert(1)>")
    return [
        "/",
        "/?offset=0",
        "/network",
        "/actor/iran",
        "/actor/al-qaeda",
        "/actor/evil-actor",
        "/dyad?a=iran&b=al-qaeda",
        "/dyad?a=evil-actor&b=iran",
        f"/dyad?a={hostile_query}&b=iran",
        "/search?q=script",
        "/search?q=onerror+alert",
        f"/search?q={hostile_query}",
        *[f"/document/{d}" for d in docs],
        f"/actor/{hostile_query}",
        "/no-such-page",
    ]


@pytest.mark.parametrize("url", every_page())
def test_hostile_text_is_inert_on_every_page(client, url):
    r = client.get(url)
    assert r.status_code in (200, 400, 404), r.text[:300]
    assert r.headers["content-type"].startswith("text/html")
    assert active_content(r.text) == []
    assert "<script>window.__pwned" not in r.text
    assert "<img src=x" not in r.text
    assert "<svg onload" not in r.text


def test_hostile_text_is_shown_escaped(client):
    html = client.get(f"/document/{hostile_document().id}").text
    assert "&lt;script&gt;window.__pwned=1;alert(1)&lt;/script&gt;" in html
    assert "&lt;img src=x onerror=" in html
    # a javascript: URL is shown as text, never linked
    assert "javascript:window.__pwned=1" in html
    assert 'href="javascript:' not in html


def test_svg_titles_and_attributes_escape_actor_names(client):
    html = client.get("/dyad?a=evil-actor&b=iran").text
    start = html.index('<svg class="timeline"')
    svg = html[start : html.index("</svg>", start)]
    assert svg.count('class="event-point ') == 1
    assert "Evil &lt;img src=x onerror=&#34;window.__pwned=1;alert(1)&#34;&gt;" in svg
    net = client.get("/network").text
    assert "Evil &lt;img src=x onerror=&#34;window.__pwned=1;alert(1)&#34;&gt;" in net


def test_security_headers_on_pages_api_static_and_errors(client):
    for url in ("/", "/api/actors", "/static/app.css", "/no-such-page", "/api/documents/nope"):
        r = client.get(url)
        assert r.headers["content-security-policy"] == CONTENT_SECURITY_POLICY, url
        assert r.headers["x-content-type-options"] == "nosniff"
    assert "script-src 'self'" in CONTENT_SECURITY_POLICY
    assert "unsafe-inline" not in CONTENT_SECURITY_POLICY


def test_foreign_host_header_is_refused(client):
    r = client.get("/api/actors", headers={"Host": "attacker.example"})
    assert r.status_code == 400
    assert client.get("/api/actors", headers={"Host": "localhost:8000"}).status_code == 200


TRAVERSALS = [
    "/static/../../etc/passwd",
    "/static/..%2F..%2Fetc%2Fpasswd",
    "/static/%2e%2e/%2e%2e/%2e%2e/etc/passwd",
    "/static/....//....//etc/passwd",
    "/document/..%2F..%2Fetc%2Fpasswd",
    "/document/../../../etc/passwd",
    "/document/%2e%2e",
    "/api/documents/..%2F..%2Fetc%2Fpasswd",
    "/actor/..%2F..%2Fetc%2Fpasswd",
    "/static/%2Fetc%2Fpasswd",
]


@pytest.mark.parametrize("raw_path", TRAVERSALS)
def test_path_traversal_is_404(live_server, raw_path):
    # http.client sends the path exactly as written (no client-side dot-segment cleaning)
    host, port = live_server.removeprefix("http://").split(":")
    conn = http.client.HTTPConnection(host, int(port), timeout=10)
    conn.putrequest("GET", raw_path, skip_accept_encoding=True)
    conn.endheaders()
    response = conn.getresponse()
    body = response.read().decode("utf-8", "replace")
    conn.close()
    assert response.status == 404, raw_path
    assert "root:" not in body


@pytest.fixture
def ingest_client(tmp_path, web_db):
    from fastapi.testclient import TestClient

    from frenemy.web.app import create_app

    db = tmp_path / "ingest.db"
    shutil.copy(web_db, db)
    app = create_app(str(db), allow_ingest=True, max_upload_bytes=10_000)
    with TestClient(app, base_url="http://127.0.0.1") as c:
        yield c


def test_read_only_server_refuses_posts(client):
    r = client.post("/api/documents", json={"text": "Iran met al-Qaeda."})
    assert r.status_code == 403
    assert "--allow-ingest" in r.json()["error"]["message"]


def test_oversized_upload_by_content_length_is_413(ingest_client):
    body = json.dumps({"text": "x" * 20_000}).encode()
    r = ingest_client.post("/api/documents", content=body, headers={"Content-Type": "application/json"})
    assert r.status_code == 413
    assert r.json()["error"]["code"] == "E502"


def test_oversized_chunked_upload_without_length_is_413(ingest_client):
    def chunks():
        yield b'{"text": "'
        for _ in range(50):
            yield b"y" * 1000
        yield b'"}'

    r = ingest_client.post("/api/documents", content=chunks(), headers={"Content-Type": "application/json"})
    assert r.status_code == 413


def test_upload_must_be_json(ingest_client):
    r = ingest_client.post("/api/documents", content=b"text=hello", headers={"Content-Type": "text/plain"})
    assert r.status_code == 415
    bad = ingest_client.post(
        "/api/documents", content=b"{not json", headers={"Content-Type": "application/json"}
    )
    assert bad.status_code == 400
    empty = ingest_client.post("/api/documents", json={"text": ""})
    assert empty.status_code == 422


@pytest.mark.model
@pytest.mark.slow
def test_upload_runs_the_pipeline_and_is_served(ingest_client):
    text = (
        "In March 2004 Iran arrested several al-Qaeda operatives near the border. "
        "Officials in Tehran said the group was an enemy of the Islamic Republic."
    )
    r = ingest_client.post(
        "/api/documents",
        json={"text": text, "title": "Border arrests", "published": "2004-03-20", "publisher": "Test Wire"},
    )
    assert r.status_code == 201, r.text
    body = r.json()
    assert body["duplicate"] is False
    doc_id = body["document"]["id"]
    assert body["document"]["published"] == "2004-03-20"
    stored = ingest_client.get(f"/api/documents/{doc_id}").json()
    assert stored["title"] == "Border arrests"
    assert len(stored["sentences"]) == 2
    assert body["events"] == len(stored["events"])
    again = ingest_client.post("/api/documents", json={"text": text})
    assert again.status_code == 200 and again.json()["duplicate"] is True


@pytest.mark.model
def test_hostile_upload_through_the_pipeline_stays_inert(ingest_client):
    text = (
        "Iran condemned al-Qaeda <script>alert(1)</script> in 2010. "
        'The <img src=x onerror="alert(1)"> group said Iran was its enemy.'
    )
    r = ingest_client.post("/api/documents", json={"text": text, "title": "<script>alert(2)</script>"})
    assert r.status_code == 201, r.text
    doc_id = r.json()["document"]["id"]
    for url in (f"/document/{doc_id}", "/", "/network", "/search?q=alert", "/dyad?a=iran&b=al-qaeda"):
        page = ingest_client.get(url)
        assert page.status_code == 200, url
        assert active_content(page.text) == [], url
    assert "&lt;script&gt;alert(1)&lt;/script&gt;" in ingest_client.get(f"/document/{doc_id}").text
