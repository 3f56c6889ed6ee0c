"""The web app over a store built by the real pipeline from the sample corpus (as `make demo`)."""

from __future__ import annotations

import json
from pathlib import Path

import pytest
from tests.web.conftest import served

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
    from frenemy.web.app import create_app

    with served(create_app(demo_db)) as url:
        yield url


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

    with urllib.request.urlopen(f"{demo_server}/dyad?a=Iran&b=al%20Qaeda") as response:
        assert response.status == 200 and len(response.read()) > 1000  # speed lives in make bench

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


@pytest.mark.model
@pytest.mark.browser
@pytest.mark.parametrize(
    ("a", "b", "label", "top"),
    [("Iran", "al Qaeda", "hostile", "H2"), ("Saudi Arabia", "Iran", "cooperative", "H1")],
)
def test_demo_dyad_page_leads_with_plain_words_and_agrees_with_its_hypotheses(
    demo_server, page, artifacts, a, b, label, top
):
    report = _check_dyad_page(demo_server, page, artifacts, a, b, "demo")
    assert report["verdict"]["label"] == label
    assert page.locator("table.ach thead th").nth(1).inner_text().startswith(f"{top}:")


def _check_dyad_page(server: str, page, artifacts: Path, a: str, b: str, name: str) -> dict:
    """The dyad page of a pair: plain words first, the formula folded away, hypotheses that agree
    with the verdict, no contradiction between agreeing sources, documents named by title, year
    labels under their own year. Returns the API's report."""
    import json
    import re
    import urllib.parse
    import urllib.request

    query = urllib.parse.urlencode({"a": a, "b": b})
    with urllib.request.urlopen(f"{server}/api/dyad?{query}") as response:
        report = json.load(response)
    v = report["verdict"]
    page.goto(f"{server}/dyad?{query}")

    # plain words first: the answer is the first paragraph of the verdict after the headline,
    # visible, above the numbers; the formula is folded away until asked for
    answer = page.locator("#verdict-summary .answer")
    assert answer.is_visible() and answer.inner_text() == v["summary"]["answer"]
    assert page.locator("#verdict-summary .how-sure").is_visible()
    assert page.locator("#verdict-summary .change").is_visible()
    formula = page.locator("#verdict-formula .basis")
    assert not formula.is_visible()
    assert "x diversity" not in page.locator("#verdict").inner_text()
    assert answer.bounding_box()["y"] < page.locator("#verdict .figures").bounding_box()["y"]
    page.locator("#verdict-formula summary").click()
    assert formula.is_visible() and "x diversity" in formula.inner_text()

    # the hypotheses agree with the verdict (the best-ranked column is the verdict's hypothesis)
    assert "agree with the verdict" in page.locator("#ach-agreement").inner_text()

    # no contradiction between sources that agree, and documents named by title, not hash
    stance_of = {cid: s["stance"] for s in report["sources"] for cid in s["claims"]}
    for cx in report["contradictions"]:
        if cx["kind"] == "stance":
            assert len({stance_of.get(i) for i in cx["claims"]}) == 2
    items = page.locator("ul.contradictions > li")
    assert items.count() == len(report["contradictions"])
    for i in range(items.count()):
        assert not re.search(r"[Dd]ocument [0-9a-f]{12}", items.nth(i).inner_text())

    # each dated point sits between its own year's grid line and the next labelled one, and
    # every year label starts at or after its own line (never under the previous year's points)
    ticks = page.evaluate(
        """() => [...document.querySelectorAll('svg#timeline g.axes line.grid')].map(l => {
             const t = l.nextElementSibling, r = t.getBoundingClientRect(), g = l.getBoundingClientRect();
             return [parseInt(t.textContent), g.x, r.x]; })"""
    )
    points = page.evaluate(
        """() => [...document.querySelectorAll('svg#timeline .event-point')].map(c => {
             const r = c.getBoundingClientRect(); return [c.dataset.date, r.x + r.width / 2]; })"""
    )
    assert ticks and points
    for year, line_x, label_left in ticks:
        assert label_left >= line_x - 1, year
    for when, x in points:
        if not re.match(r"\d{4}", when):
            continue
        year = int(when[:4])
        before = [t for t in ticks if t[0] <= year]
        after = [t for t in ticks if t[0] > year]
        if before:
            assert x >= max(before)[1] - 6, (when, max(before))  # a point's radius of slack
        if after:
            assert x <= min(after)[1] + 6, (when, min(after))
    page.screenshot(path=str(artifacts / f"{name}-dyad-{a}-{b}.png".replace(" ", "-")), full_page=True)
    assert page.console_errors == [] and page.dialogs == []
    return report


REAL = Path(__file__).resolve().parents[2] / "eval" / "real"
REAL_PAIRS = [(d["a"], d["b"], d["current"]) for d in json.loads((REAL / "dyads.json").read_text())]


@pytest.fixture(scope="module")
def real_server(tmp_path_factory: pytest.TempPathFactory):
    """The web app over the multi-publisher real-news corpus (eval/real/docs)."""
    from frenemy.ingest import read_paths
    from frenemy.pipeline import Pipeline, ingest_into, refresh_contradictions
    from frenemy.store.db import Store
    from frenemy.web.app import create_app

    path = tmp_path_factory.mktemp("real") / "real.db"
    with Store(path) as store:
        summary = ingest_into(store, read_paths([REAL / "docs"]), Pipeline())
        refresh_contradictions(store)
    assert summary.failed == 0 and summary.ingested >= 10
    with served(create_app(str(path))) as url:
        yield url


@pytest.mark.model
@pytest.mark.browser
@pytest.mark.parametrize(("a", "b", "current"), REAL_PAIRS)
def test_real_news_dyad_page_leads_with_plain_words_and_agrees_with_its_hypotheses(
    real_server, page, artifacts, a, b, current
):
    report = _check_dyad_page(real_server, page, artifacts, a, b, "real")
    assert report["verdict"]["label"] in ("cooperative", "hostile", "mixed")
    assert report["documents"] and all(d["title"] for d in report["documents"])
