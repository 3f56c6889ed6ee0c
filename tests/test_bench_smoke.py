"""``python -m bench.run --smoke``: every figure of the benchmark is produced (no timing thresholds)."""

from __future__ import annotations

import json

import pytest

KEYS = [
    "spacy_words_per_s",
    "frenemy_words_per_s",
    "ratio",
    "peak_rss_mb",
    "peak_rss_mb_4x",
    "dyad_query_ms_1m",
]


@pytest.fixture(scope="module")
def smoke_results(tmp_path_factory):
    from bench.run import run

    out = tmp_path_factory.mktemp("bench") / "results.json"
    results = run(smoke=True, workers=None, out=out, dask=False, load=True)
    written = json.loads(out.read_text())
    assert written["ratio"] == results["ratio"]
    return written


@pytest.mark.slow
def test_smoke_run_produces_every_figure(smoke_results):
    assert smoke_results["details"]["failures"] == {}
    for key in KEYS:
        value = smoke_results[key]
        assert isinstance(value, (int, float)) and value > 0, f"{key} = {value!r}"
    assert smoke_results["cores"] >= 1
    details = smoke_results["details"]
    assert details["frenemy"]["ingested"] == details["corpus"]["documents"]
    assert details["synthetic_store"]["events"] == 10_000
    assert details["dyad_query"]["report_events"] == details["synthetic_store"]["dyad_events"]
    assert details["storage"]["store_bytes_per_doc"] > 0 and details["storage"]["parquet_bytes_per_doc"] > 0


@pytest.mark.slow
def test_smoke_load_test_on_loopback_has_no_errors(smoke_results):
    load = smoke_results["load"]
    assert load["address"] == "127.0.0.1"
    assert load["requests"] > 0
    assert load["errors"] == 0, load["error_samples"]
    assert 0 < load["p50_ms"] <= load["p99_ms"]


def test_corpus_is_distinct_documents_of_real_news():
    from bench.corpus import build_corpus, lee_articles, word_count

    articles = lee_articles()
    assert len(articles) == len(set(articles)) > 280
    texts = build_corpus(2 * word_count(articles))
    assert word_count(texts) >= 2 * word_count(articles)
    assert len(set(texts)) == len(texts)
    assert texts[0] == articles[0] and texts[len(articles)] == articles[0] + " [copy 2]"


def test_synthetic_events_match_the_public_event_record(tmp_path):
    import sqlite3

    from bench.synthetic import BENCH_DYAD, fill_store

    from frenemy.models import Event
    from frenemy.store.db import Store

    summary = fill_store(tmp_path / "s.db", 500, events_per_doc=10)
    assert summary.events == 500 and summary.documents == 50
    conn = sqlite3.connect(tmp_path / "s.db")
    row = conn.execute("SELECT source_id, target_id, cameo, data FROM events LIMIT 1").fetchone()
    conn.close()
    event = Event.from_dict(json.loads(row[3]))
    assert (event.source.id, event.target.id, event.cameo) == row[:3]
    with Store(tmp_path / "s.db", readonly=True) as store:
        assert len(store.events(dyad=BENCH_DYAD)) == summary.dyad_events
        assert "osama-bin-laden" in store.actor_family("al-qaeda")
