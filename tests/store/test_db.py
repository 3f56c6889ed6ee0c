"""The store: migrations, atomic writes, idempotency, family queries, search, name resolution."""

from __future__ import annotations

import sqlite3

import pytest

from dyad_factory import NoRegistry
from frenemy.errors import QueryError, StoreError
from frenemy.models import (
    Actor,
    ActorRef,
    Claim,
    Contradiction,
    DateInfo,
    Document,
    DocumentResult,
    Event,
    Mention,
    Sentence,
)
from frenemy.store.db import Store
from frenemy.store.names import normalise_name
from frenemy.store.schema import LATEST_VERSION

IRAN = Actor(id="iran", name="Iran", type="state", code="IRN", country="IRN", aliases=["Iran", "Tehran"])
AQ = Actor(id="al-qaeda", name="al-Qaeda", type="armed_group", code="IMGMUSALQ", aliases=["al Qaeda"])
OBL = Actor(id="osama-bin-laden", name="Osama bin Laden", type="person", parent="al-qaeda")
IRGOV = Actor(id="iran-gov", name="Iran (government)", code="IRNGOV", parent="iran")


def _result(doc_id: str, text: str, *, events=(), claims=(), published="2012-05-04") -> DocumentResult:
    doc = Document(id=doc_id, text=text, title=f"Title {doc_id}", publisher="Test Wire", published=published)
    sentences = [Sentence(doc_id, 0, 0, len(text), text)]
    mentions = [
        Mention(doc_id, 0, text.index(a.aliases[0] if a.aliases else a.name), 0, a.name, a.id)
        for a in (IRAN, AQ)
        if (a.aliases[0] if a.aliases else a.name) in text
    ]
    for m in mentions:
        m.char_end = m.char_start + len(m.text)
    return DocumentResult(doc, sentences, mentions, list(events), list(claims), [IRAN, AQ, OBL, IRGOV])


def _event(doc_id: str, src: Actor, tgt: Actor, code: str, g: float, start: str, *, negated=False) -> Event:
    return Event(
        id=f"ev_{doc_id}_{src.id}_{code}",
        doc_id=doc_id,
        sentence_index=0,
        sentence="s",
        char_start=0,
        char_end=1,
        source=src.ref(),
        target=tgt.ref(),
        action_text="did",
        cameo=code,
        cameo_root=code[:2],
        quad_class=4 if g < 0 else 1,
        goldstein=g,
        polarity="hostile" if g < 0 else "cooperative",
        negated=negated,
        date=DateInfo(start=start, precision="year", basis="explicit"),
    )


@pytest.fixture
def store(tmp_path):
    with Store(tmp_path / "t.db", registry=NoRegistry()) as s:
        yield s


def test_new_store_records_its_schema_version_and_reopens_without_reapplying(tmp_path):
    path = tmp_path / "x.db"
    with Store(path) as s:
        assert s.schema_version() == LATEST_VERSION == 2
    with Store(path) as s:
        rows = s.conn.execute("SELECT COUNT(*) FROM migrations").fetchone()[0]
        assert rows == 2
        assert s.conn.execute("PRAGMA journal_mode").fetchone()[0] == "wal"


def test_store_from_a_newer_frenemy_is_refused(tmp_path):
    path = tmp_path / "x.db"
    with Store(path) as s:
        s.conn.execute("INSERT INTO migrations VALUES (99, 'future', 'now')")
    with pytest.raises(StoreError, match="newer than this frenemy"):
        Store(path)


def test_a_file_that_is_not_a_database_gets_a_clear_error(tmp_path):
    path = tmp_path / "notes.db"
    path.write_text("hello, not sqlite" * 100)
    with pytest.raises(StoreError, match="cannot open store"):
        Store(path)


def test_readonly_store_that_does_not_exist_says_to_ingest_first(tmp_path):
    with pytest.raises(StoreError, match="ingest documents first"):
        Store(tmp_path / "missing.db", readonly=True)


def test_writing_the_same_document_twice_changes_nothing(store):
    r = _result("d1", "Iran held al Qaeda members.", events=[_event("d1", IRAN, AQ, "173", -5.0, "2002")])
    assert store.write_result(r) is True
    before = store.stats()
    assert store.write_result(r) is False
    assert store.stats() == before
    assert before["documents"] == 1 and before["events"] == 1 and before["sentences"] == 1


def test_replace_swaps_old_records_for_new_in_one_transaction(store):
    store.write_result(
        _result("d1", "Iran held al Qaeda members.", events=[_event("d1", IRAN, AQ, "173", -5, "2002")])
    )
    new = _result("d1", "Iran held al Qaeda members.", events=[_event("d1", IRAN, AQ, "181", -9, "2002")])
    store.write_result(new, replace=True)
    codes = [e.cameo for e in store.events()]
    assert codes == ["181"]
    assert store.stats()["sentences"] == 1


def test_a_failure_mid_write_leaves_nothing_of_the_document(store):
    bad = _result("d2", "Iran held al Qaeda members.")
    bad.sentences.append(Sentence("d2", 0, 0, 3, "dup"))  # violates UNIQUE(doc_id, idx)
    with pytest.raises(sqlite3.IntegrityError):
        store.write_result(bad)
    stats = store.stats()
    assert stats["documents"] == 0 and stats["sentences"] == 0 and stats["mentions"] == 0


def test_dyad_query_rolls_persons_and_bodies_up_to_their_parents(store):
    events = [
        _event("d1", IRGOV, OBL, "173", -5.0, "2002"),
        _event("d1", AQ, IRAN, "181", -9.0, "2008"),
        _event("d1", IRAN, IRAN, "010", 0.0, "2008"),
    ]
    store.write_result(_result("d1", "Iran and al Qaeda.", events=events))
    assert store.actor_family("iran") == {"iran", "iran-gov"}
    found = store.events(dyad=("iran", "al-qaeda"))
    assert [e.cameo for e in found] == ["173", "181"]  # date order, both directions, self-event excluded
    assert [e.cameo for e in store.events(dyad=("iran", "al-qaeda"), since="2005")] == ["181"]
    assert store.count_events(actor="al-qaeda") == 2


def test_claims_filter_by_pair_through_families(store):
    claim = Claim(
        id="cl_1", doc_id="d1", sentence_index=0, sentence="s", char_start=0, char_end=1,
        claimant=ActorRef("ctc", "Combating Terrorism Center"), about=[IRGOV.ref(), AQ.ref()],
        stance="hostile", date=DateInfo(start="2012-05", precision="month", basis="publication"),
    )  # fmt: skip
    store.write_result(_result("d1", "Iran and al Qaeda.", claims=[claim]))
    assert [c.id for c in store.claims(dyad=("iran", "al-qaeda"))] == ["cl_1"]
    assert store.claims(dyad=("iran", "osama-bin-laden")) == []


def test_contradictions_are_replaced_and_filtered_by_pair(store):
    store.write_result(_result("d1", "Iran and al Qaeda."))
    cx = Contradiction(id="cx_1", kind="stance", claims=["cl_1", "cl_2"], events=[], explanation="A; B.",
                       about=["iran", "al-qaeda"])  # fmt: skip
    store.replace_contradictions([cx])
    store.replace_contradictions([cx])
    assert [c.id for c in store.contradictions(dyad=("iran", "al-qaeda"))] == ["cx_1"]
    assert store.contradictions(dyad=("iran", "osama-bin-laden")) == []


def test_search_ranks_sentences_and_marks_matches(store):
    store.write_result(_result("d1", "Iran held al Qaeda members after the attacks."))
    store.write_result(_result("d2", "Tehran exchanged prisoners with al Qaeda."))
    hits = store.search("prisoners")
    assert len(hits) == 1 and hits[0]["doc_id"] == "d2"
    assert "\x02prisoners\x03" in hits[0]["snippet"]
    assert store.search('" OR 1=1 --') == []  # user text never becomes FTS syntax


def test_actors_list_counts_mentions_and_keeps_every_spelling(store):
    store.write_result(_result("d1", "Iran held al Qaeda members."))
    store.write_result(_result("d2", "Tehran and al Qaeda talked; Iran denied it."))
    actors = {a.id: a for a in store.actors()}
    assert actors["iran"].mentions == 2 and actors["iran"].code == "IRN"
    assert "Tehran" in actors["iran"].aliases
    assert "osama-bin-laden" not in actors  # never mentioned


def test_resolve_actor_is_forgiving_and_suggests(store):
    store.write_result(_result("d1", "Iran held al Qaeda members."))
    assert store.resolve_actor("al-qaeda").id == "al-qaeda"
    assert store.resolve_actor("Al Qaeda").id == "al-qaeda"
    with pytest.raises(QueryError, match="Did you mean: al Qaeda"):
        store.resolve_actor("al Qaida")


class _Known(NoRegistry):
    def actors(self) -> list[Actor]:
        return [
            Actor(id="norway", name="Norway", type="state", code="NOR"),
            Actor(id="gro", name="Gulf Relations Observatory", type="organization"),
        ]


def test_suggestions_include_registry_names_the_store_never_saw(tmp_path):
    with Store(tmp_path / "s.db", registry=_Known()) as store:  # type: ignore[arg-type]
        store.write_result(_result("d1", "Iran held al Qaeda members."))
        with pytest.raises(QueryError, match=r"Did you mean: Norway \(norway\)") as err:
            store.resolve_actor("Norwy")
    assert "Observatory" not in str(err.value)  # a long name sharing letters is no suggestion


def test_edges_roll_up_and_skip_negated(store):
    events = [
        _event("d1", IRGOV, OBL, "173", -5.0, "2002"),
        _event("d1", AQ, IRAN, "181", -9.0, "2008"),
        _event("d1", IRAN, AQ, "190", -10.0, "2009", negated=True),
    ]
    store.write_result(_result("d1", "Iran and al Qaeda.", events=events))
    edges = {(e["source"], e["target"]): e for e in store.edges()}
    assert edges[("iran", "al-qaeda")]["events"] == 1
    assert edges[("iran", "al-qaeda")]["goldstein_mean"] == -5.0
    pairs = store.dyad_pairs()
    assert pairs[0]["events"] == 2 and {pairs[0]["a"], pairs[0]["b"]} == {"iran", "al-qaeda"}


def test_name_normalisation_unifies_spellings():
    assert normalise_name("al-Qaeda") == normalise_name("Al Qaeda") == normalise_name("al Qaeda’s")
    assert normalise_name("The White House") == "white house"


def test_pronouns_resolved_to_an_actor_are_not_its_aliases(store):
    r = _result("d1", "Iran held al Qaeda members.")
    r.mentions.append(Mention("d1", 0, 0, 4, "they", "iran", kind="pronoun"))
    store.write_result(r)
    assert "they" not in store.actor("iran").aliases
    assert store.actor("iran").mentions == 2
