"""The JSON API and the HTML pages, in process (TestClient), over the hand-built store."""

from __future__ import annotations

import json
import re
import subprocess
import sys

from webcorpus import DYAD_EVENT_COUNT, analyst_report, hostile_document, treasury_release


def test_actors_list_has_contract_shape_sorted_by_mentions(client):
    r = client.get("/api/actors")
    assert r.status_code == 200
    rows = r.json()
    assert [a["id"] for a in rows[:2]] == ["al-qaeda", "iran"] or [a["id"] for a in rows[:2]] == [
        "iran",
        "al-qaeda",
    ]
    assert rows[0]["mentions"] == 10
    assert set(rows[0]) >= {
        "id",
        "name",
        "type",
        "code",
        "country",
        "sector",
        "aliases",
        "affiliations",
        "mentions",
    }
    mentions = [a["mentions"] for a in rows]
    assert mentions == sorted(mentions, reverse=True)


def test_pagination_limits_offsets_and_links(client):
    first = client.get("/api/actors?limit=2")
    assert len(first.json()) == 2
    assert 'rel="next"' in first.headers["link"] and "offset=2" in first.headers["link"]
    second = client.get("/api/actors?limit=2&offset=2")
    assert {a["id"] for a in first.json()}.isdisjoint({a["id"] for a in second.json()})
    last = client.get("/api/actors?limit=100")
    assert "link" not in last.headers
    assert client.get("/api/actors?limit=0").status_code == 422
    assert client.get("/api/actors?limit=5000").status_code == 422
    assert client.get("/api/events?offset=-1").status_code == 422
    assert client.get("/api/events?limit=3").json().__len__() == 3


def test_dyad_api_is_the_dyad_report_json(client, web_db):
    from frenemy.analyze.dyad import dyad_report
    from frenemy.store.db import Store

    r = client.get("/api/dyad", params={"a": "iran", "b": "al-qaeda"})
    assert r.status_code == 200
    with Store(web_db, readonly=True) as store:
        expected = json.loads(json.dumps(dyad_report(store, "iran", "al-qaeda")))
    assert r.json() == expected
    body = r.json()
    assert body["verdict"]["label"] in {"cooperative", "hostile", "mixed", "insufficient-evidence"}
    assert len(body["events"]) == DYAD_EVENT_COUNT


def test_dyad_api_resolves_names_forgivingly(client):
    r = client.get("/api/dyad", params={"a": "Iran", "b": "al Qaeda"})
    assert r.status_code == 200
    assert (r.json()["a"]["id"], r.json()["b"]["id"]) == ("iran", "al-qaeda")


def test_unknown_actor_is_404_with_suggestions(client):
    r = client.get("/api/dyad", params={"a": "Irann", "b": "al-qaeda"})
    assert r.status_code == 404
    err = r.json()["error"]
    assert err["name"] == "Irann"
    assert "iran" in [s["id"] for s in err["suggestions"]]


def test_events_claims_contradictions_filters(client):
    dyad = client.get("/api/events", params={"a": "iran", "b": "al-qaeda"}).json()
    assert len(dyad) == DYAD_EVENT_COUNT
    assert {e["cameo"] for e in dyad} == {"173", "181", "0841", "070", "111"}
    assert [e["date"]["start"] for e in dyad] == sorted(e["date"]["start"] for e in dyad)
    evil = client.get("/api/events", params={"actor": "evil-actor"}).json()
    assert [(e["source"]["id"], e["target"]["id"]) for e in evil] == [("evil-actor", "iran")]
    assert client.get("/api/events", params={"a": "iran"}).status_code == 422
    since = client.get("/api/events", params={"a": "iran", "b": "al-qaeda", "since": "2009"}).json()
    assert {e["date"]["start"] for e in since} == {"2009", "2010", "2011"}
    claims = client.get("/api/claims", params={"a": "iran", "b": "al-qaeda"}).json()
    assert sorted(c["stance"] for c in claims) == ["cooperative", "hostile", "hostile"]
    cxs = client.get("/api/contradictions", params={"a": "al Qaeda", "b": "Iran"}).json()
    assert len(cxs) == 2 and {c["kind"] for c in cxs} == {"stance"}
    assert client.get("/api/contradictions", params={"a": "evil-actor", "b": "united-states"}).json() == []
    assert client.get("/api/contradictions", params={"a": "nobody-at-all", "b": "iran"}).status_code == 404


def test_search_api_gives_plain_snippets_with_match_ranges(client):
    hits = client.get("/api/search", params={"q": "kidnapped"}).json()
    assert len(hits) == 1
    hit = hits[0]
    assert hit["sentence_index"] == 3
    start, end = hit["matches"][0]
    assert hit["snippet"][start:end].lower() == "kidnapped"
    assert "\x02" not in hit["snippet"] and "\x03" not in hit["snippet"]
    assert hit["href"].endswith("#s3")


def test_document_api_returns_text_sentences_events_claims(client):
    doc = analyst_report()
    body = client.get(f"/api/documents/{doc.id}").json()
    assert body["text"] == doc.text
    assert [s["index"] for s in body["sentences"]] == list(range(len(doc.sentences)))
    assert len(body["events"]) == 4 and len(body["claims"]) == 1
    missing = client.get("/api/documents/d0000000000000000")
    assert missing.status_code == 404 and missing.json()["error"]["code"] == "E404"


def test_openapi_is_served_but_no_cdn_docs_pages(client):
    spec = client.get("/openapi.json").json()
    for path in (
        "/api/actors",
        "/api/dyad",
        "/api/events",
        "/api/claims",
        "/api/contradictions",
        "/api/search",
    ):
        assert path in spec["paths"]
    assert "post" in spec["paths"]["/api/documents"]
    assert client.get("/docs").status_code == 404
    assert client.get("/redoc").status_code == 404


def test_overview_page_counts_and_links(client):
    html = client.get("/").text
    assert re.search(r'data-stat="documents">3<', html)
    assert re.search(r'data-stat="events">7<', html)
    assert "/dyad?a=al-qaeda&amp;b=iran" in html


def test_search_page_marks_matches(client):
    html = client.get("/search", params={"q": "kidnapped"}).text
    assert "<mark>kidnapped</mark>" in html
    assert f"/document/{analyst_report().id}#s3" in html


def test_actor_page_lists_relations_by_volume(client):
    html = client.get("/actor/iran").text
    rows = re.findall(r'<td><a href="/actor/([^"]+)">', html)
    assert rows[:2] == ["al-qaeda", "evil-actor"]
    hostile_first = client.get("/actor/iran?sort=cooperative").text
    assert re.findall(r'<td><a href="/actor/([^"]+)">', hostile_first)[:2] == ["evil-actor", "al-qaeda"]
    assert client.get("/actor/nobody-here").status_code == 404


def test_dyad_page_has_verdict_points_and_evidence_links(client):
    r = client.get("/dyad", params={"a": "Iran", "b": "al-Qaeda"})
    assert r.status_code == 200
    html = r.text
    assert 'class="verdict ' in html
    assert html.count('class="event-point ') == DYAD_EVENT_COUNT
    assert html.count('class="period ') == len(client.get("/api/dyad?a=iran&b=al-qaeda").json()["periods"])
    assert f'data-href="/document/{analyst_report().id}#s3"' in html
    assert 'class="rating r-CC"><a href="/document/' in html
    start = html.index('<ul class="contradictions">')
    contradictions = html[start : html.index("</section>", start)]
    assert contradictions.count('<span class="badge">stance</span>') == 2
    assert f'href="/document/{treasury_release().id}#s0"' in contradictions


def test_dyad_page_unknown_actor_suggests(client):
    r = client.get("/dyad", params={"a": "Irann", "b": "al-qaeda"})
    assert r.status_code == 404
    assert "/dyad?a=iran&amp;b=al-qaeda" in r.text


def test_document_page_sentences_and_highlights(client):
    doc = analyst_report()
    html = client.get(f"/document/{doc.id}").text
    for i in range(len(doc.sentences)):
        assert f'id="s{i}"' in html
    assert '<span class="action hostile" title="CAMEO 181' in html
    assert re.search(r'<a class="mention" href="/actor/al-qaeda"[^>]*>al-Qaeda</a>', html)
    assert 'class="sentence has-claim" id="s4"' in html


def test_network_page_draws_polarity_coloured_edges(client):
    html = client.get("/network").text
    assert html.count('<line class="edge ') == 2
    assert 'class="edge hostile"' in html
    net = client.get("/api/network").json()
    assert {n["id"] for n in net["nodes"]} == {"iran", "al-qaeda", "evil-actor"}


def test_web_app_imports_without_nlp():
    code = (
        "import sys, frenemy.web.app; print(any(m == 'spacy' or m.startswith('spacy.') for m in sys.modules))"
    )
    out = subprocess.run([sys.executable, "-c", code], capture_output=True, text=True, check=True)
    assert out.stdout.strip() == "False"


def test_hostile_document_exists_in_store(client):
    # guards the security tests: the hostile text really is stored and served raw by the API
    body = client.get(f"/api/documents/{hostile_document().id}").json()
    assert "<script>" in body["text"] and "onerror=" in body["text"]


def test_pages_answer_head(client):
    r = client.head("/dyad?a=iran&b=al-qaeda")
    assert r.status_code == 200 and r.text == ""
    assert r.headers["content-type"].startswith("text/html")
