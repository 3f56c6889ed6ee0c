"""Large pairs: scored from lean records, listed with caps, same verdict as the full path."""

from __future__ import annotations

import json
import random
from importlib import resources

import pytest
from jsonschema import Draft202012Validator

from dyad_factory import AQ, IRAN, NoRegistry, claim, date, doc, event, ref
from frenemy.analyze import dyad as dyad_module
from frenemy.analyze.dyad import LARGE_PAIR_EVENTS, build_dyad_report, dyad_report
from frenemy.models import DocumentResult, Mention, Sentence
from frenemy.store.db import Store


def _fill(path, n_docs: int, per_doc: int) -> Store:
    """A store whose Iran / al-Qaeda pair is cooperative in 1995-2000, hostile in 2003-2010."""
    rng = random.Random(3)
    store = Store(path, registry=NoRegistry())
    publishers = ["Wire One", "Paper Two", "Journal Three", None]
    for d in range(n_docs):
        document = doc(f"d{d:04d}", publisher=publishers[d % 4], published="2011-01-01")
        document.text = "Iran and al-Qaeda."
        events = []
        for _ in range(per_doc):
            hostile = rng.random() < 0.6
            year = rng.randint(2003, 2010) if hostile else rng.randint(1995, 2000)
            when = date(f"{year}-{rng.randint(1, 12):02d}") if rng.random() < 0.5 else date(str(year))
            cameo, g = rng.choice(
                [("190", -10.0), ("173", -5.0)] if hostile else [("057", 8.0), ("042", 1.9)]
            )
            src, tgt = (IRAN, AQ) if rng.random() < 0.5 else (AQ, IRAN)
            modality = rng.choice(["asserted", "asserted", "hedged", "future"])
            # a shared wording now and then: a syndicated copy that deduplication merges
            sentence = f"Wire copy {rng.randint(0, 40)}." if rng.random() < 0.2 else None
            events.append(event(src, tgt, cameo, g, when, document.id, modality=modality, sentence=sentence))
        claims = [
            claim(
                ref(f"voice-{d % 7}", f"Voice {d % 7}"), rng.choice(["hostile", "cooperative"]), document.id
            )
        ]
        mentions = [
            Mention(document.id, 0, 0, 4, "Iran", "iran"),
            Mention(document.id, 0, 9, 17, "al-Qaeda", "al-qaeda"),
        ]
        store.write_result(
            DocumentResult(document, [Sentence(document.id, 0, 0, 18, document.text)], mentions, events, claims, [IRAN, AQ])
        )  # fmt: skip
    return store


@pytest.fixture(scope="module")
def big_store(tmp_path_factory):
    store = _fill(tmp_path_factory.mktemp("large") / "big.db", n_docs=130, per_doc=20)
    yield store
    store.close()


def _full_path(store: Store) -> dict:
    events = store.events(dyad=("iran", "al-qaeda"))
    claims = store.claims(dyad=("iran", "al-qaeda"))
    documents = {d: store.document(d) for d in {e.doc_id for e in events} | {c.doc_id for c in claims}}
    return build_dyad_report(IRAN, AQ, events, claims, [], documents)  # type: ignore[arg-type]


def test_fast_path_gives_the_full_path_verdict_periods_and_sources(big_store):
    assert big_store.count_events(dyad=("iran", "al-qaeda")) > LARGE_PAIR_EVENTS
    fast = dyad_report(big_store, "Iran", "al-Qaeda")
    full = _full_path(big_store)
    assert fast["truncated"] is True
    assert fast["verdict"]["label"] == full["verdict"]["label"] == "hostile"
    assert fast["verdict"]["score"] == pytest.approx(full["verdict"]["score"], abs=0.01)
    assert fast["verdict"]["figures"] == full["verdict"]["figures"]
    assert fast["verdict"]["headline"] == full["verdict"]["headline"]
    assert [p["label"] for p in fast["periods"]] == ["cooperative", "hostile"]
    assert fast["periods"] == full["periods"]
    assert fast["sources"] == full["sources"]
    totals = {h["id"]: (h["inconsistency"], h["consistency"]) for h in full["hypotheses"]}
    assert {h["id"]: (h["inconsistency"], h["consistency"]) for h in fast["hypotheses"]} == totals


def test_capped_report_lists_the_heaviest_groups_with_full_records(big_store, monkeypatch):
    monkeypatch.setattr(dyad_module, "LISTED_GROUPS", 10)
    monkeypatch.setattr(dyad_module, "LISTED_CLAIMS", 50)
    fast = dyad_report(big_store, "Iran", "al-Qaeda")
    full = _full_path(big_store)
    assert fast["events_total"] == 2600 == len(full["events"])
    assert fast["event_groups_total"] == len({r["group"] for r in full["events"]})
    assert fast["event_groups_listed"] < fast["event_groups_total"]
    assert fast["events_listed"] == len(fast["events"]) < fast["events_total"]
    best_rows = [r for r in fast["events"] if "group_weight" in r]
    assert len(best_rows) == fast["event_groups_listed"]
    full_best = {r["id"]: r for r in full["events"] if "group_weight" in r}
    for row in best_rows:
        # the listed rows are full records (names, not ids), with the same group figures
        assert row["source"]["name"] in {"Iran", "al-Qaeda"}
        assert row["sentence"] == full_best[row["id"]]["sentence"]
        assert row["group_weight"] == full_best[row["id"]]["group_weight"]
        assert row["num_articles"] == full_best[row["id"]]["num_articles"]
    # heaviest first: nothing left out outweighs a listed group that is not a period end
    listed = {r["id"] for r in best_rows}
    ends = {p["evidence"][k] for p in fast["periods"] for k in (0, -1)}
    left_out = [abs(r["value"]) * r["group_weight"] for i, r in full_best.items() if i not in listed]
    kept = [abs(r["value"]) * r["group_weight"] for i, r in full_best.items() if i in listed - ends]
    assert max(left_out) <= min(kept)
    assert ends <= listed
    for h in fast["hypotheses"]:
        assert h["ratings_total"] == fast["event_groups_total"] + fast["claims_total"]
        assert {r["evidence"] for r in h["ratings"]} <= listed | {c["id"] for c in fast["claims"]}


def test_capped_report_validates_against_the_schema(big_store):
    schema = json.loads(resources.files("frenemy.report").joinpath("dyad.schema.json").read_text("utf-8"))
    report = json.loads(json.dumps(dyad_report(big_store, "Iran", "al-Qaeda")))
    errors = [e.message for e in Draft202012Validator(schema).iter_errors(report)]
    assert errors == []
    cited = {r["doc_id"] for r in report["events"]} | {c["doc_id"] for c in report["claims"]}
    assert {d["id"] for d in report["documents"]} == cited
    assert report["documents_total"] == 130


def test_small_pair_keeps_the_full_listing(tmp_path):
    with _fill(tmp_path / "small.db", n_docs=5, per_doc=20) as store:
        report = dyad_report(store, "Iran", "al-Qaeda")
        assert "truncated" not in report
        assert len(report["events"]) == 100
        full = _full_path(store)  # its actors come from the factory, not the store
        assert {k: v for k, v in report.items() if k not in "ab"} == {
            k: v for k, v in full.items() if k not in "ab"
        }
