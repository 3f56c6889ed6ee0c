"""Store look-ups for large reports: batched document metadata, lean events, events by id."""

from __future__ import annotations

import sys
from pathlib import Path

import pytest

sys.path.insert(0, str(Path(__file__).resolve().parents[1]))

from dyad_factory import AQ, IRAN, date, doc, event, ref  # noqa: E402
from frenemy.models import Actor, DocumentResult, Sentence  # noqa: E402
from frenemy.store.db import Store  # noqa: E402


class _NoRegistry:
    def lookup(self, name: str) -> Actor | None:
        return None


@pytest.fixture
def store(tmp_path):
    with Store(tmp_path / "s.db", registry=_NoRegistry()) as s:
        for d in range(1203):
            document = doc(f"d{d:04d}", publisher=f"Pub {d % 3}", published="2011-05-01")
            document.text = "Iran and al-Qaeda."
            events = []
            if d < 3:
                events = [
                    event(IRAN, AQ, "190", -10.0, date("2005-03"), document.id, action="attacked"),
                    event(AQ, IRAN, "042", 1.9, date("1998"), document.id, modality="hedged",
                          attributed_to=ref("un", "the United Nations")),
                ]  # fmt: skip
            s.write_result(
                DocumentResult(document, [Sentence(document.id, 0, 0, 18, document.text)], [], events, [], [IRAN, AQ])
            )  # fmt: skip
        yield s


def test_documents_meta_batches_more_than_500_ids_without_text(store):
    ids = [f"d{d:04d}" for d in range(1203)] + ["missing"]
    found = store.documents_meta(ids)
    assert len(found) == 1203 and "missing" not in found
    assert found["d1202"].publisher == "Pub 2" and found["d1202"].published == "2011-05-01"
    assert all(d.text == "" for d in found.values())
    assert store.document("d1202").text == "Iran and al-Qaeda."  # the full look-up is unchanged


def test_event_facts_carry_what_scoring_reads_in_events_order(store):
    full = store.events(dyad=("iran", "al-qaeda"))
    lean = store.event_facts(dyad=("iran", "al-qaeda"))
    assert [e.id for e in lean] == [e.id for e in full]
    for x, y in zip(lean, full, strict=True):
        assert (x.doc_id, x.sentence, x.action_text, x.cameo, x.cameo_root, x.goldstein) == (
            y.doc_id, y.sentence, y.action_text, y.cameo, y.cameo_root, y.goldstein,
        )  # fmt: skip
        assert (x.modality, x.negated, x.date.start, x.date.end, x.date.precision, x.date.basis) == (
            y.modality, y.negated, y.date.start, y.date.end, y.date.precision, y.date.basis,
        )  # fmt: skip
        assert x.source.id == y.source.id and x.target.id == y.target.id
        assert (x.attributed_to.name if x.attributed_to else None) == (
            y.attributed_to.name if y.attributed_to else None
        )


def test_events_by_id_returns_full_records(store):
    full = store.events(dyad=("iran", "al-qaeda"))
    got = store.events_by_id([full[0].id, full[-1].id, "ev_missing"])
    assert set(got) == {full[0].id, full[-1].id}
    assert got[full[0].id] == full[0]
