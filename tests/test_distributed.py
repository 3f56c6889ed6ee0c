"""The Dask engine codes the same events as the local pipeline, into a store and into Parquet."""

from __future__ import annotations

import pyarrow.parquet as pq
import pytest

from frenemy.ingest.identity import document_id, normalise_text
from frenemy.models import Document

TEXTS = [
    "Iran detained several al-Qaeda members near the border in 2002, officials in Tehran said.",
    "On 4 May 2012 the United States accused Iran of letting al-Qaeda move money through its territory.",
    "Saudi Arabia condemned Iran in January 2016 and cut diplomatic ties. Iran criticized Saudi Arabia.",
    "Jordan praised Egypt on Monday. Egypt signed an agreement with Jordan in March 2004.",
]


def _documents() -> list[Document]:
    docs = []
    for i, raw in enumerate(TEXTS):
        text = normalise_text(raw)
        docs.append(
            Document(id=document_id(text), text=text, published="2012-05-04", source_path=f"t{i}.txt")
        )
    return docs


def _signature(events):  # type: ignore[no-untyped-def]
    return sorted(
        (e.id, e.cameo, e.source.id if e.source else None, e.target.id if e.target else None) for e in events
    )


@pytest.fixture(scope="module")
def local_events():
    from frenemy.pipeline import Pipeline

    pipeline = Pipeline()
    return [e for d in _documents() for e in pipeline.analyse(d).events]


@pytest.mark.slow
def test_dask_cluster_matches_local_path_in_store_and_parquet(tmp_path, local_events):
    from frenemy.distributed import ingest_dask
    from frenemy.export.parquet import read_table
    from frenemy.store.db import Store

    assert local_events, "the fixture texts must produce events for the comparison to mean anything"
    out = tmp_path / "parquet"
    with Store(tmp_path / "dask.db") as store:
        summary = ingest_dask(_documents(), store=store, out=out, n_workers=2, batch_size=1)
        stored = store.events()
        assert store.stats()["documents"] == len(TEXTS)
    assert summary.workers == 2
    assert summary.ingested == len(TEXTS) and summary.failed == 0
    assert summary.batches == len(TEXTS)
    assert _signature(stored) == _signature(local_events)
    assert summary.events == len(local_events)

    table = read_table(out, "events")
    assert sorted(table.column("id").to_pylist()) == sorted(e.id for e in local_events)
    cameo_by_id = dict(zip(table.column("id").to_pylist(), table.column("cameo").to_pylist(), strict=True))
    assert cameo_by_id == {e.id: e.cameo for e in local_events}
    docs = read_table(out, "documents")
    assert sorted(docs.column("id").to_pylist()) == sorted(d.id for d in _documents())
    assert set(docs.column("year").to_pylist()) == {"2012"}
    # each part file is a plain Parquet file a warehouse can load on its own
    part = next(out.glob("events/year=*/part-*.parquet"))
    assert pq.read_table(part).num_rows >= 1


@pytest.mark.slow
def test_dask_skips_stored_documents_and_counts_read_errors(tmp_path):
    from frenemy.distributed import ingest_dask
    from frenemy.errors import InputError
    from frenemy.store.db import Store

    docs = _documents()[:2]
    with Store(tmp_path / "s.db") as store:
        first = ingest_dask(docs, store=store, n_workers=1)
        again = ingest_dask([*docs, InputError("broken.pdf", "not a PDF")], store=store, n_workers=1)
        assert store.stats()["documents"] == 2
    assert first.ingested == 2
    assert again.ingested == 0 and again.duplicates == 2 and again.failed == 1
    assert "broken.pdf" in again.errors[0]


def test_worker_pipeline_is_built_once_per_settings():
    from frenemy.distributed import PipelineSettings, worker_pipeline

    settings = PipelineSettings()
    assert worker_pipeline(settings) is worker_pipeline(PipelineSettings())


def test_ingest_dask_needs_a_destination():
    from frenemy.distributed import ingest_dask
    from frenemy.errors import FrenemyError

    with pytest.raises(FrenemyError, match="store to write or an out folder"):
        ingest_dask([], n_workers=1)


def test_bad_scheduler_address_gives_a_clear_error():
    from frenemy.distributed import dask_client
    from frenemy.errors import FrenemyError

    with pytest.raises(FrenemyError, match="cannot reach the Dask scheduler"):
        with dask_client("tcp://127.0.0.1:9", timeout="2s"):
            pass
