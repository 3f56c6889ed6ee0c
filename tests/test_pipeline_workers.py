"""Pipeline.analyse_many with worker processes gives what one process gives, in the same order."""

from __future__ import annotations

import multiprocessing

import pytest

from frenemy.errors import InputError
from frenemy.ingest.identity import document_id
from frenemy.models import Document

TEXTS = [
    "Iran condemned the attack on its embassy in Kabul on Monday. The Taliban denied any role.",
    "On 3 March 2011 Saudi Arabia sent troops to Bahrain. Bahrain thanked the Saudi government.",
    "The United States praised Jordan for its help. Officials said Jordan had arrested two militants.",
    "Turkey accused Syria of shelling a border town in October 2012, and Syria rejected the charge.",
    "Egypt and Israel signed an agreement on gas supplies. Hamas criticised Egypt for the deal.",
]


def _documents() -> list[Document | InputError]:
    items: list[Document | InputError] = [Document(id=document_id(t), text=t) for t in TEXTS]
    # a reader error in the middle of the stream must come out in its place
    items.insert(2, InputError("broken.pdf", "not a PDF file", code="E104"))
    return items


def _summary(outcome: object) -> object:
    if isinstance(outcome, InputError):
        return ("error", outcome.code, str(outcome))
    return (
        outcome.document.id,
        [e.id for e in outcome.events],
        [(e.source.id, e.cameo, e.target.id) for e in outcome.events],
        [c.id for c in outcome.claims],
        [(m.char_start, m.char_end, m.actor_id, m.kind) for m in outcome.mentions],
        len(outcome.sentences),
        sorted(a.id for a in outcome.actors),
    )


@pytest.fixture(scope="module")
def pipeline():
    from frenemy.pipeline import Pipeline

    return Pipeline()


def test_two_workers_match_one_process(pipeline) -> None:
    one = [_summary(o) for o in pipeline.analyse_many(iter(_documents()), n_process=1, batch_size=2)]
    two = [_summary(o) for o in pipeline.analyse_many(iter(_documents()), n_process=2, batch_size=2)]
    assert two == one
    assert [o[0] for o in one] == [
        document_id(TEXTS[0]),
        document_id(TEXTS[1]),
        "error",
        *(document_id(t) for t in TEXTS[2:]),
    ]
    assert one[2] == ("error", "E104", "E104 cannot read broken.pdf: not a PDF file")
    # the texts hold events, so the comparison is not between two empty lists
    assert sum(len(o[1]) for o in one if o[0] != "error") >= 3


def test_input_is_streamed_not_read_ahead(pipeline) -> None:
    """With 2 workers and batches of 1, at most a few documents are taken before the first result."""
    taken: list[int] = []

    def stream():
        for i, text in enumerate(TEXTS * 4):
            taken.append(i)
            yield Document(id=f"{document_id(text)}-{i}", text=text)

    outcomes = pipeline.analyse_many(stream(), n_process=2, batch_size=1)
    first = next(outcomes)
    assert first.document.id.endswith("-0")
    assert len(taken) <= 2 * 2 + 1
    rest = list(outcomes)
    assert len(rest) == len(TEXTS) * 4 - 1
    assert [r.document.id.rsplit("-", 1)[1] for r in rest] == [str(i) for i in range(1, 20)]


@pytest.mark.skipif("fork" not in multiprocessing.get_all_start_methods(), reason="needs fork")
def test_a_failing_document_costs_only_itself(pipeline, monkeypatch) -> None:
    import frenemy.pipeline as module

    real = module.analyse_parsed

    def fragile(document, *args, **kwargs):
        if "Bahrain" in document.text:
            raise ValueError("stage bug")
        return real(document, *args, **kwargs)

    monkeypatch.setattr(module, "analyse_parsed", fragile)  # forked workers inherit the patch
    outcomes = list(pipeline.analyse_many(iter(_documents()), n_process=2, batch_size=2))
    assert [o.code if isinstance(o, InputError) else "ok" for o in outcomes] == [
        "ok",
        "E190",
        "E104",
        "ok",
        "ok",
        "ok",
    ]
    assert "ValueError: stage bug" in str(outcomes[1])


def test_spawned_workers_see_the_parents_registry(monkeypatch) -> None:
    """Without fork, each worker copies the parent's registry, user-imported actors included."""
    import frenemy.pipeline as module
    from frenemy.models import Actor
    from frenemy.pipeline import Pipeline

    fresh = Pipeline()
    fresh.registry.add(
        Actor(id="harbour-front", name="Harbour Front", type="armed_group", code="REB", origin="user"),
        override=True,
    )
    text = "The Harbour Front attacked Turkey in May 2013. Turkey condemned the Harbour Front."
    items = [Document(id=document_id(text), text=text), Document(id=document_id(TEXTS[3]), text=TEXTS[3])]
    one = [_summary(o) for o in fresh.analyse_many(iter(items), n_process=1)]
    monkeypatch.setattr(module, "_START_METHOD", "spawn")
    two = [_summary(o) for o in fresh.analyse_many(iter(items), n_process=2, batch_size=1)]
    assert two == one
    assert "harbour-front" in one[0][6]
