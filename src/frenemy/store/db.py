"""The embedded store: SQLite in WAL mode, one transaction per document.

>>> with Store(":memory:") as store:
...     store.stats()["documents"]
0
"""

from __future__ import annotations

import json
import sqlite3
import threading
from collections.abc import Iterable, Iterator
from contextlib import contextmanager
from datetime import UTC, datetime
from operator import itemgetter
from pathlib import Path
from typing import TYPE_CHECKING, Any

from frenemy.analyze.dedupe import sentence_key
from frenemy.errors import QueryError, StoreError
from frenemy.models import (
    Actor,
    ActorRef,
    Affiliation,
    Claim,
    Contradiction,
    Document,
    DocumentResult,
    Event,
    Mention,
    Sentence,
)
from frenemy.store.facts import FACT_SELECT, PLAIN, EventFacts
from frenemy.store.names import normalise_name
from frenemy.store.schema import LATEST_VERSION, MIGRATIONS

if TYPE_CHECKING:
    from frenemy.actors.registry import ActorRegistry

# A pair's events in date order; records of one sentence (ties) in the order the planner gave
# them before the covering index existed: a->b first, then by target, source and row. Spelled
# out so that which index the planner picks cannot change which record of a group is its best.
_DYAD_ORDER = "date_start IS NULL, date_start, doc_id, sentence_index, {term}, target_id, source_id, rowid"
# _DYAD_ORDER over event_facts rows (FACT_SELECT, then rowid and term), as a C-level key.
_FACT_ORDER = itemgetter(
    PLAIN.index("date_start"),
    PLAIN.index("doc_id"),
    PLAIN.index("sentence_index"),
    len(PLAIN) + 3,
    PLAIN.index("target_id"),
    PLAIN.index("source_id"),
    len(PLAIN) + 2,
)
ALIAS_KINDS = ("name", "demonym")  # mention kinds whose surface text is a spelling of the actor
BUSY_TIMEOUT_MS = 60_000  # a second writer waits this long for the first to commit


class Store:
    """Documents, actors, events, claims and contradictions in one SQLite file."""

    def __init__(
        self, path: str | Path, *, readonly: bool = False, registry: ActorRegistry | None = None
    ) -> None:
        self.path = str(path)
        self.readonly = readonly
        self._registry = registry
        self._lock = threading.RLock()
        conn: sqlite3.Connection | None = None
        try:
            if readonly:
                if self.path != ":memory:" and not Path(self.path).exists():
                    raise StoreError(
                        f"no store at {self.path}: ingest documents first (frenemy ingest PATH --db {self.path})",
                        code="E201",
                    )
                uri = f"file:{Path(self.path).resolve()}?mode=ro"
                conn = self.conn = sqlite3.connect(uri, uri=True, check_same_thread=False)
            else:
                if self.path != ":memory:":
                    Path(self.path).parent.mkdir(parents=True, exist_ok=True)
                conn = self.conn = sqlite3.connect(self.path, check_same_thread=False, isolation_level=None)
            self.conn.row_factory = sqlite3.Row
            # migration 2 fills events.sentence_key with the key deduplication compares
            self.conn.create_function("frenemy_sentence_key", 1, sentence_key, deterministic=True)
            self.conn.execute(f"PRAGMA busy_timeout = {BUSY_TIMEOUT_MS}")
            self.conn.execute("PRAGMA foreign_keys = ON")
            if readonly:
                self._check_readable()
            else:
                self._check_intact()
                self.conn.execute("PRAGMA journal_mode = WAL")
                self.conn.execute("PRAGMA synchronous = NORMAL")
                self._migrate()
        except (sqlite3.Error, StoreError) as exc:
            if conn is not None:
                conn.close()
            if isinstance(exc, StoreError):
                raise
            raise store_error(exc, self.path, opening=True) from exc
        except OSError as exc:  # the store's folder cannot be created
            raise StoreError(
                f"cannot create store {self.path}: {exc.strerror or exc}; choose a --db path you can write to",
                code="E206",
            ) from exc

    def _check_readable(self) -> None:
        """A store opened for reading is a frenemy store of a schema this frenemy knows (E202, E203)."""
        try:
            row = self.conn.execute("SELECT MAX(version) FROM migrations").fetchone()
        except sqlite3.OperationalError as exc:
            if "no such table" not in str(exc):
                raise
            if self.path == ":memory:":
                return
            raise StoreError(
                f"cannot open store {self.path}: it is not a frenemy store (it has no migrations table); "
                "point --db at a store made by `frenemy ingest`",
                code="E202",
            ) from exc
        self._refuse_newer(int(row[0] or 0))

    def _check_intact(self) -> None:
        """Before writing: a damaged page is found now, not reported as success later (E204)."""
        rows = [r[0] for r in self.conn.execute("PRAGMA quick_check(5)")]
        if rows != ["ok"]:
            raise StoreError(
                f"store {self.path} is damaged ({'; '.join(rows)}): nothing was written. Restore it from a "
                "backup, or ingest the documents again into a new --db",
                code="E204",
            )

    def _refuse_newer(self, version: int) -> None:
        if version > LATEST_VERSION:
            raise StoreError(
                f"store {self.path} has schema version {version}, newer than this frenemy "
                f"({LATEST_VERSION}); upgrade frenemy",
                code="E203",
            )

    # --- lifecycle -------------------------------------------------------------------------
    def close(self) -> None:
        self.conn.close()

    def __enter__(self) -> Store:
        return self

    def __exit__(self, *exc: object) -> None:
        self.close()

    def _migrate(self) -> None:
        with self.transaction():
            self.conn.execute(
                "CREATE TABLE IF NOT EXISTS migrations (version INTEGER PRIMARY KEY, name TEXT, applied_at TEXT)"
            )
            done = {r[0] for r in self.conn.execute("SELECT version FROM migrations")}
            self._refuse_newer(max(done, default=0))
            for version, name, sql in MIGRATIONS:
                if version in done:
                    continue
                for statement in _split_sql(sql):
                    self.conn.execute(statement)
                self.conn.execute("INSERT INTO migrations VALUES (?, ?, ?)", (version, name, _now()))

    def schema_version(self) -> int:
        row = self.conn.execute("SELECT MAX(version) FROM migrations").fetchone()
        return int(row[0] or 0)

    @contextmanager
    def transaction(self) -> Iterator[sqlite3.Connection]:
        """BEGIN IMMEDIATE ... COMMIT; rolls back on any error, so nothing partial is kept."""
        with self._lock:
            try:
                self.conn.execute("BEGIN IMMEDIATE")
                try:
                    yield self.conn
                    self.conn.execute("COMMIT")
                except BaseException:
                    # SQLite may already have rolled back (a full disk, an I/O error)
                    if self.conn.in_transaction:
                        self.conn.execute("ROLLBACK")
                    raise
            except sqlite3.Error as exc:
                mapped = store_error(exc, self.path)
                if mapped.code == "E200":
                    raise  # a constraint or SQL mistake is a bug: keep its type for the traceback
                raise mapped from exc

    @property
    def registry(self) -> ActorRegistry:
        if self._registry is None:
            from frenemy.actors.registry import ActorRegistry

            self._registry = ActorRegistry.default()
        return self._registry

    # --- writes ----------------------------------------------------------------------------
    def has_document(self, doc_id: str) -> bool:
        row = self.conn.execute("SELECT 1 FROM documents WHERE id = ?", (doc_id,)).fetchone()
        return row is not None

    def write_result(
        self,
        result: DocumentResult,
        *,
        replace: bool = False,
        pipeline_version: str | None = None,
        model: str | None = None,
        dictionary_hash: str | None = None,
    ) -> bool:
        """Store one document and everything found in it, atomically.

        Returns False (and changes nothing) when the document is already stored and ``replace``
        is not set; with ``replace`` the old records are deleted in the same transaction.
        """
        doc = result.document
        with self.transaction() as c:
            if replace:
                c.execute("DELETE FROM documents WHERE id = ?", (doc.id,))
            # The conflict is detected by the INSERT inside the write transaction: of two ingests
            # of one document at once, exactly one stores it and the other is told it is a duplicate.
            inserted = c.execute(
                "INSERT INTO documents (id, title, publisher, published, author, url, source_path, format, "
                "language, external_id, text, pipeline_version, model, dictionary_hash, ingested_at) "
                "VALUES (?,?,?,?,?,?,?,?,?,?,?,?,?,?,?) ON CONFLICT(id) DO NOTHING",
                (
                    doc.id, doc.title, doc.publisher, doc.published, doc.author, doc.url,
                    doc.source_path, doc.format, doc.language, doc.external_id, doc.text,
                    pipeline_version, model, dictionary_hash, _now(),
                ),
            ).rowcount  # fmt: skip
            if not inserted:
                return False
            c.executemany(
                "INSERT INTO sentences (doc_id, idx, char_start, char_end, text) VALUES (?,?,?,?,?)",
                [(s.doc_id, s.index, s.start, s.end, s.text) for s in result.sentences],
            )
            self._upsert_actors(c, result.actors)
            c.executemany(
                "INSERT INTO mentions (doc_id, sentence_index, char_start, char_end, text, actor_id, kind) "
                "VALUES (?,?,?,?,?,?,?)",
                [
                    (m.doc_id, m.sentence_index, m.char_start, m.char_end, m.text, m.actor_id, m.kind)
                    for m in result.mentions
                ],
            )
            c.executemany(
                "INSERT OR IGNORE INTO aliases (actor_id, alias, norm) VALUES (?,?,?)",
                # Pronouns and "the group" resolved by coreference are mentions, not spellings.
                [
                    (m.actor_id, m.text, normalise_name(m.text))
                    for m in result.mentions
                    if m.kind in ALIAS_KINDS
                ],
            )
            c.executemany(
                "INSERT OR IGNORE INTO events (id, doc_id, sentence_index, source_id, target_id, cameo, "
                "cameo_root, quad_class, goldstein, polarity, negated, modality, date_start, date_end, "
                "date_precision, data, date_basis, attributed_name, action_text, sentence_key, publisher) "
                "VALUES (?,?,?,?,?,?,?,?,?,?,?,?,?,?,?,?,?,?,?,?,?)",
                [_event_row(e, doc.publisher) for e in result.events],
            )
            c.executemany(
                "INSERT OR IGNORE INTO claims (id, doc_id, sentence_index, claimant_id, stance, hedged, "
                "negated, date_start, data) VALUES (?,?,?,?,?,?,?,?,?)",
                [
                    (
                        cl.id, cl.doc_id, cl.sentence_index, cl.claimant.id if cl.claimant else None,
                        cl.stance, int(cl.hedged), int(cl.negated), cl.date.start,
                        json.dumps(cl.to_dict(), ensure_ascii=False),
                    )
                    for cl in result.claims
                ],
            )  # fmt: skip
            c.executemany(
                "INSERT OR IGNORE INTO claim_about (claim_id, actor_id) VALUES (?, ?)",
                [(cl.id, a.id) for cl in result.claims for a in cl.about],
            )
        return True

    def upsert_actors(self, actors: Iterable[Actor]) -> None:
        with self.transaction() as c:
            self._upsert_actors(c, list(actors))

    def _upsert_actors(self, c: sqlite3.Connection, actors: list[Actor]) -> None:
        c.executemany(
            "INSERT INTO actors (id, name, type, code, country, sector, parent, origin, data) "
            "VALUES (?,?,?,?,?,?,?,?,?) ON CONFLICT(id) DO UPDATE SET "
            "parent = COALESCE(excluded.parent, actors.parent), "
            "code = COALESCE(excluded.code, actors.code), "
            "country = COALESCE(excluded.country, actors.country), "
            "sector = COALESCE(excluded.sector, actors.sector), "
            "data = CASE WHEN excluded.data != '{}' THEN excluded.data ELSE actors.data END",
            [
                (
                    a.id, a.name, a.type, a.code, a.country, a.sector, a.parent, a.origin,
                    json.dumps({"affiliations": [f.to_dict() for f in a.affiliations]})
                    if a.affiliations else "{}",
                )
                for a in actors
            ],
        )  # fmt: skip
        c.executemany(
            "INSERT OR IGNORE INTO aliases (actor_id, alias, norm) VALUES (?,?,?)",
            [(a.id, alias, normalise_name(alias)) for a in actors for alias in [a.name, *a.aliases]],
        )

    def replace_contradictions(self, contradictions: Iterable[Contradiction]) -> int:
        rows = []
        for cx in contradictions:
            pair = sorted(cx.about)[:2] + [None, None]
            rows.append((cx.id, cx.kind, pair[0], pair[1], json.dumps(cx.to_dict(), ensure_ascii=False)))
        with self.transaction() as c:
            c.execute("DELETE FROM contradictions")
            c.executemany("INSERT OR REPLACE INTO contradictions VALUES (?,?,?,?,?)", rows)
        return len(rows)

    # --- documents -------------------------------------------------------------------------
    def stats(self) -> dict[str, int]:
        out = {}
        for table in ("documents", "sentences", "actors", "mentions", "events", "claims", "contradictions"):
            out[table] = int(self.conn.execute(f"SELECT COUNT(*) FROM {table}").fetchone()[0])
        return out

    def documents(self, limit: int | None = None, offset: int = 0) -> list[Document]:
        rows = self.conn.execute(
            "SELECT * FROM documents ORDER BY published IS NULL, published, title LIMIT ? OFFSET ?",
            (-1 if limit is None else limit, offset),
        )
        return [_document(r) for r in rows]

    def document(self, doc_id: str) -> Document | None:
        row = self.conn.execute("SELECT * FROM documents WHERE id = ?", (doc_id,)).fetchone()
        return _document(row) if row else None

    def documents_meta(self, ids: Iterable[str]) -> dict[str, Document]:
        """Documents by id without their text (``text`` is ""), one query per 500 ids.

        For reports that cite many documents: titles, publishers, dates and URLs only. Unknown
        ids are left out.
        """
        out: dict[str, Document] = {}
        cur = self.conn.cursor()
        cur.row_factory = None  # plain tuples: named access is the slow part for 20,000 rows
        for chunk in _chunks(list(dict.fromkeys(ids)), 500):
            q = ",".join("?" * len(chunk))
            rows = cur.execute(
                "SELECT id, title, publisher, published, author, url, source_path, format, "
                f"language, external_id FROM documents WHERE id IN ({q})",
                chunk,
            )
            for r in rows:
                out[r[0]] = Document(
                    id=r[0], text="", title=r[1], publisher=r[2], published=r[3], author=r[4], url=r[5],
                    source_path=r[6], format=r[7] or "txt", language=r[8] or "en", external_id=r[9],
                )  # fmt: skip
        return out

    def document_info(self, doc_id: str) -> dict[str, Any] | None:
        """Provenance of a stored document: pipeline version, model and dictionary hash."""
        row = self.conn.execute(
            "SELECT pipeline_version, model, dictionary_hash, ingested_at FROM documents WHERE id = ?",
            (doc_id,),
        ).fetchone()
        return dict(row) if row else None

    def sentences(self, doc_id: str) -> list[Sentence]:
        rows = self.conn.execute(
            "SELECT doc_id, idx, char_start, char_end, text FROM sentences WHERE doc_id = ? ORDER BY idx",
            (doc_id,),
        )
        return [Sentence(r[0], r[1], r[2], r[3], r[4]) for r in rows]

    def mentions(self, doc_id: str) -> list[Mention]:
        rows = self.conn.execute(
            "SELECT doc_id, sentence_index, char_start, char_end, text, actor_id, kind FROM mentions "
            "WHERE doc_id = ? ORDER BY char_start",
            (doc_id,),
        )
        return [Mention(*r) for r in rows]

    # --- actors ----------------------------------------------------------------------------
    def actors(self, limit: int | None = None, offset: int = 0, min_mentions: int = 1) -> list[Actor]:
        rows = self.conn.execute(
            "SELECT a.*, COALESCE(m.n, 0) AS n FROM actors a "
            "LEFT JOIN (SELECT actor_id, COUNT(*) AS n FROM mentions GROUP BY actor_id) m ON m.actor_id = a.id "
            "WHERE COALESCE(m.n, 0) >= ? ORDER BY n DESC, a.name LIMIT ? OFFSET ?",
            (min_mentions, -1 if limit is None else limit, offset),
        ).fetchall()
        return self._actors_from_rows(rows)

    def actor(self, actor_id: str) -> Actor | None:
        row = self.conn.execute(
            "SELECT a.*, (SELECT COUNT(*) FROM mentions WHERE actor_id = a.id) AS n FROM actors a WHERE id = ?",
            (actor_id,),
        ).fetchone()
        return self._actors_from_rows([row])[0] if row else None

    def _actors_from_rows(self, rows: list[sqlite3.Row]) -> list[Actor]:
        if not rows:
            return []
        ids = [r["id"] for r in rows]
        aliases: dict[str, list[str]] = {i: [] for i in ids}
        for chunk in _chunks(ids, 500):
            q = ",".join("?" * len(chunk))
            for actor_id, alias in self.conn.execute(
                f"SELECT actor_id, alias FROM aliases WHERE actor_id IN ({q}) ORDER BY alias", chunk
            ):
                aliases[actor_id].append(alias)
        out = []
        for r in rows:
            data = json.loads(r["data"] or "{}")
            out.append(
                Actor(
                    id=r["id"], name=r["name"], type=r["type"] or "other", code=r["code"],
                    country=r["country"], sector=r["sector"], parent=r["parent"],
                    origin=r["origin"] or "corpus", mentions=int(r["n"]),
                    aliases=aliases[r["id"]],
                    affiliations=[Affiliation(**f) for f in data.get("affiliations", [])],
                )
            )  # fmt: skip
        return out

    def user_actors(self) -> list[Actor]:
        """Actors added with ``frenemy actors import``; ingest adds them to its registry."""
        rows = self.conn.execute(
            "SELECT a.*, 0 AS n FROM actors a WHERE origin = 'user' ORDER BY id"
        ).fetchall()
        return self._actors_from_rows(rows)

    def actor_family(self, actor_id: str) -> set[str]:
        """The actor and every actor whose parent chain reaches it."""
        rows = self.conn.execute(
            "WITH RECURSIVE fam(id) AS (SELECT ? UNION SELECT a.id FROM actors a JOIN fam ON a.parent = fam.id) "
            "SELECT id FROM fam",
            (actor_id,),
        )
        return {r[0] for r in rows}

    def resolve_actor(self, name: str) -> Actor:
        """Find an actor by id, alias or a forgiving spelling; QueryError lists suggestions."""
        name = name.strip()
        if not name:
            raise QueryError("empty actor name: give a name such as Iran or 'al Qaeda'", code="E401")
        found = self.actor(name)
        if found:
            return found
        reg_actor = self.registry.lookup(name)
        if reg_actor is not None:
            stored = self.actor(reg_actor.id)
            return stored if stored else reg_actor
        norm = normalise_name(name)
        ids = [
            r[0] for r in self.conn.execute("SELECT DISTINCT actor_id FROM aliases WHERE norm = ?", (norm,))
        ]
        if len(ids) == 1:
            stored = self.actor(ids[0])
            if stored:
                return stored
        suggestions = self.suggest_actors(name)
        if len(ids) > 1:
            raise QueryError(
                f"{name!r} is ambiguous: it names {', '.join(ids[:5])}. Use one of these ids.", code="E402"
            )
        hint = f" Did you mean: {', '.join(suggestions)}?" if suggestions else ""
        raise QueryError(f"no actor called {name!r} in this store.{hint}", code="E403")

    def suggest_actors(self, name: str, n: int = 5) -> list[str]:
        from rapidfuzz import fuzz, process

        choices: dict[str, str] = {}
        for actor_id, alias in self.conn.execute("SELECT actor_id, alias FROM aliases"):
            choices.setdefault(alias, actor_id)
        # the registry resolves names the store never saw ("Norway" in a store about Iran): offer them too
        for actor in self.registry.actors():
            for alias in (actor.name, *actor.aliases):
                choices.setdefault(alias, actor.id)
        if not choices:
            return []
        # 75: a typo ("Norwy", "al Qeada") scores 75-95; partial overlaps of long names score 60-70
        hits = process.extract(name, list(choices), scorer=fuzz.WRatio, limit=n * 3, score_cutoff=75)
        out: list[str] = []
        for alias, _score, _ in hits:
            label = f"{alias} ({choices[alias]})"
            if choices[alias] not in {o.rsplit("(", 1)[-1].rstrip(")") for o in out}:
                out.append(label)
            if len(out) >= n:
                break
        return out

    # --- events, claims, contradictions ----------------------------------------------------
    def events(
        self,
        *,
        actor: str | None = None,
        dyad: tuple[str, str] | None = None,
        since: str | None = None,
        doc_id: str | None = None,
        limit: int | None = None,
        offset: int = 0,
    ) -> list[Event]:
        where, params = self._event_filter(actor=actor, dyad=dyad, since=since, doc_id=doc_id)
        order = "date_start IS NULL, date_start, doc_id, sentence_index"
        if dyad:
            fa = sorted(self.actor_family(dyad[0]))
            order = _DYAD_ORDER.format(term=f"source_id NOT IN ({','.join('?' * len(fa))})")
            params += fa
        sql = f"SELECT data FROM events {where} ORDER BY {order} LIMIT ? OFFSET ?"
        rows = self.conn.execute(sql, [*params, -1 if limit is None else limit, offset])
        return [Event.from_dict(json.loads(r[0])) for r in rows]

    def has_event_facts(self) -> bool:
        """Whether the store has the fact columns of migration 2 (a read-only older store may not)."""
        return self.schema_version() >= 2

    def event_facts(self, *, dyad: tuple[str, str]) -> EventFacts:
        """The pair's events as columns of what scoring and deduplication read, in ``events()`` order.

        Read from the covering index ``events_facts`` alone: no table rows, no records decoded.
        Needs ``has_event_facts()``. Columns: ``store.facts.FACT_COLUMNS``; the sentence is only
        its ``sentence_key`` and ``publisher`` is the citing document's.
        """
        fa, fb = sorted(self.actor_family(dyad[0])), sorted(self.actor_family(dyad[1]))
        qa, qb = ",".join("?" * len(fa)), ",".join("?" * len(fb))
        if set(fa) & set(fb):
            # overlapping families (a parent chain that loops): one OR query, as events() does
            where, params = self._event_filter(dyad=dyad)
            sql = f"SELECT {FACT_SELECT}, rowid, source_id NOT IN ({qa}) FROM events {where}"
            params = [*fa, *params]
        else:
            # the two directions are disjoint: each is a range of the covering index
            sql = (
                f"SELECT {FACT_SELECT}, rowid, 0 FROM events WHERE source_id IN ({qa}) AND target_id IN ({qb}) "
                f"UNION ALL SELECT {FACT_SELECT}, rowid, 1 FROM events WHERE source_id IN ({qb}) AND target_id IN ({qa})"
            )
            params = [*fa, *fb, *fb, *fa]
        cur = self.conn.cursor()
        cur.row_factory = None  # plain tuples, transposed to columns in C
        rows = cur.execute(sql, params).fetchall()
        # _DYAD_ORDER in Python: each (source, target) range of the index is already in date
        # order, and Python's sort merges such runs faster than SQLite sorts wide rows. Undated
        # records go last; splitting them off first keeps None out of the comparisons.
        start = PLAIN.index("date_start")
        undated = [r for r in rows if r[start] is None]
        if undated:
            rows = [r for r in rows if r[start] is not None]
        rows.sort(key=_FACT_ORDER)
        undated.sort(key=_FACT_ORDER)
        rows += undated
        return EventFacts.from_rows(rows)

    def events_by_id(self, ids: Iterable[str]) -> dict[str, Event]:
        """Full event records by id (one query per 500 ids); unknown ids are left out."""
        return {k: Event.from_dict(d) for k, d in self._records_by_id("events", ids).items()}

    def _records_by_id(self, table: str, ids: Iterable[str]) -> dict[str, dict[str, Any]]:
        """The JSON records of ``table`` ("events" or "claims") by id, 500 ids a query."""
        out: dict[str, dict[str, Any]] = {}
        for chunk in _chunks(list(dict.fromkeys(ids)), 500):
            q = ",".join("?" * len(chunk))
            for record_id, data in self.conn.execute(
                f"SELECT id, data FROM {table} WHERE id IN ({q})", chunk
            ):
                out[record_id] = json.loads(data)
        return out

    def count_events(self, *, actor: str | None = None, dyad: tuple[str, str] | None = None) -> int:
        where, params = self._event_filter(actor=actor, dyad=dyad)
        return int(self.conn.execute(f"SELECT COUNT(*) FROM events {where}", params).fetchone()[0])

    def _event_filter(
        self,
        *,
        actor: str | None = None,
        dyad: tuple[str, str] | None = None,
        since: str | None = None,
        doc_id: str | None = None,
    ) -> tuple[str, list[Any]]:
        clauses: list[str] = []
        params: list[Any] = []
        if dyad:
            fa, fb = sorted(self.actor_family(dyad[0])), sorted(self.actor_family(dyad[1]))
            qa, qb = ",".join("?" * len(fa)), ",".join("?" * len(fb))
            clauses.append(
                f"((source_id IN ({qa}) AND target_id IN ({qb})) OR (source_id IN ({qb}) AND target_id IN ({qa})))"
            )
            params += [*fa, *fb, *fb, *fa]
        if actor:
            fam = sorted(self.actor_family(actor))
            q = ",".join("?" * len(fam))
            clauses.append(f"(source_id IN ({q}) OR target_id IN ({q}))")
            params += [*fam, *fam]
        if since:
            clauses.append("COALESCE(date_end, date_start) >= ?")
            params.append(since)
        if doc_id:
            clauses.append("doc_id = ?")
            params.append(doc_id)
        return ("WHERE " + " AND ".join(clauses)) if clauses else "", params

    def claims(
        self,
        *,
        dyad: tuple[str, str] | None = None,
        actor: str | None = None,
        doc_id: str | None = None,
        limit: int | None = None,
        offset: int = 0,
    ) -> list[Claim]:
        rows = self._claim_rows("data", dyad=dyad, actor=actor, doc_id=doc_id, limit=limit, offset=offset)
        return [Claim.from_dict(json.loads(r[0])) for r in rows]

    def claim_facts(self, *, dyad: tuple[str, str]) -> list[Claim]:
        """The pair's claims with what scoring reads, in ``claims()`` order (the same query).

        Id, document, sentence index, claimant, relayed_by, stance, hedged and negated are real; the
        sentence, text, subjects and date are left empty: use ``claims_by_id`` for the claims a report
        lists.
        """
        refs: dict[str | None, ActorRef | None] = {None: None}
        out = []
        for claim_id, doc_id, index, stance, hedged, negated, claimant, relayed in self._claim_rows(
            "id, doc_id, sentence_index, stance, hedged, negated, json_extract(data, '$.claimant'), "
            "json_extract(data, '$.relayed_by')",
            dyad=dyad,
        ):
            for ref in (claimant, relayed):
                if ref not in refs:  # a pair's claimants are few: each is decoded once
                    d = json.loads(ref)
                    refs[ref] = ActorRef(id=d["id"], name=d.get("name", d["id"]), code=d.get("code"))
            out.append(
                Claim(
                    id=claim_id, doc_id=doc_id, sentence_index=index, sentence="", char_start=0, char_end=0,
                    claimant=refs[claimant], about=[], stance=stance, hedged=bool(hedged), negated=bool(negated),
                    relayed_by=refs[relayed],
                )
            )  # fmt: skip
        return out

    def claims_by_id(self, ids: Iterable[str]) -> dict[str, Claim]:
        """Full claim records by id (one query per 500 ids); unknown ids are left out."""
        return {k: Claim.from_dict(d) for k, d in self._records_by_id("claims", ids).items()}

    def _claim_rows(
        self,
        select: str,
        *,
        dyad: tuple[str, str] | None = None,
        actor: str | None = None,
        doc_id: str | None = None,
        limit: int | None = None,
        offset: int = 0,
    ) -> sqlite3.Cursor:
        """Claims as tuples of ``select``, filtered and in date order (one query for every reader)."""
        clauses: list[str] = []
        params: list[Any] = []
        if dyad:
            fa, fb = sorted(self.actor_family(dyad[0])), sorted(self.actor_family(dyad[1]))
            qa, qb = ",".join("?" * len(fa)), ",".join("?" * len(fb))
            clauses.append(
                f"id IN (SELECT claim_id FROM claim_about WHERE actor_id IN ({qa})) AND "
                f"id IN (SELECT claim_id FROM claim_about WHERE actor_id IN ({qb}))"
            )
            params += [*fa, *fb]
        if actor:
            fam = sorted(self.actor_family(actor))
            q = ",".join("?" * len(fam))
            clauses.append(
                f"(claimant_id IN ({q}) OR id IN (SELECT claim_id FROM claim_about WHERE actor_id IN ({q})))"
            )
            params += [*fam, *fam]
        if doc_id:
            clauses.append("doc_id = ?")
            params.append(doc_id)
        where = ("WHERE " + " AND ".join(clauses)) if clauses else ""
        cur = self.conn.cursor()
        cur.row_factory = None
        return cur.execute(
            f"SELECT {select} FROM claims {where} ORDER BY date_start IS NULL, date_start, doc_id, sentence_index "
            "LIMIT ? OFFSET ?",
            [*params, -1 if limit is None else limit, offset],
        )

    def contradictions(self, *, dyad: tuple[str, str] | None = None) -> list[Contradiction]:
        if dyad:
            fa, fb = self.actor_family(dyad[0]), self.actor_family(dyad[1])
            out = []
            for r in self.conn.execute("SELECT a_id, b_id, data FROM contradictions"):
                pair = {r[0], r[1]}
                if (pair & fa) and (pair & fb):
                    out.append(Contradiction.from_dict(json.loads(r[2])))
            return out
        return [
            Contradiction.from_dict(json.loads(r[0]))
            for r in self.conn.execute("SELECT data FROM contradictions")
        ]

    def all_claims_and_events_for_contradictions(self) -> tuple[list[Claim], list[Event]]:
        """Every claim, and the events that can conflict (those with a negated twin candidate)."""
        claims = self.claims()
        rows = self.conn.execute(
            "SELECT e.data FROM events e JOIN (SELECT source_id, target_id, cameo_root FROM events "
            "GROUP BY source_id, target_id, cameo_root HAVING COUNT(*) > 1) g "
            "ON e.source_id IS g.source_id AND e.target_id IS g.target_id AND e.cameo_root = g.cameo_root"
        )
        return claims, [Event.from_dict(json.loads(r[0])) for r in rows]

    # --- aggregates and search -------------------------------------------------------------
    def roots(self) -> dict[str, str]:
        """actor id -> the top of its parent chain."""
        parents = dict(self.conn.execute("SELECT id, parent FROM actors").fetchall())
        roots: dict[str, str] = {}
        for actor_id in parents:
            seen = {actor_id}
            cur = actor_id
            while parents.get(cur) and parents[cur] not in seen and parents[cur] in parents:
                cur = parents[cur]
                seen.add(cur)
            roots[actor_id] = cur
        return roots

    def edges(self, min_events: int = 1) -> list[dict[str, Any]]:
        """Actor graph rolled up to top-level actors: counts and mean Goldstein per directed pair."""
        roots = self.roots()
        agg: dict[tuple[str, str], list[float]] = {}
        rows = self.conn.execute(
            "SELECT source_id, target_id, COUNT(*), SUM(goldstein), SUM(polarity='cooperative'), "
            "SUM(polarity='hostile') FROM events WHERE source_id IS NOT NULL AND target_id IS NOT NULL "
            "AND negated = 0 GROUP BY source_id, target_id"
        )
        for s, t, n, gsum, coop, host in rows:
            key = (roots.get(s, s), roots.get(t, t))
            if key[0] == key[1]:
                continue
            acc = agg.setdefault(key, [0, 0.0, 0, 0])
            acc[0] += n
            acc[1] += gsum or 0.0
            acc[2] += coop or 0
            acc[3] += host or 0
        return [
            {
                "source": s, "target": t, "events": int(v[0]),
                "goldstein_mean": round(v[1] / v[0], 3) if v[0] else 0.0,
                "cooperative": int(v[2]), "hostile": int(v[3]),
            }
            for (s, t), v in sorted(agg.items(), key=lambda kv: -kv[1][0])
            if v[0] >= min_events
        ]  # fmt: skip

    def dyad_pairs(self, limit: int = 20) -> list[dict[str, Any]]:
        """The most active unordered pairs of top-level actors."""
        pairs: dict[tuple[str, str], list[float]] = {}
        for e in self.edges():
            a, b = sorted((e["source"], e["target"]))
            acc = pairs.setdefault((a, b), [0, 0.0])
            acc[0] += e["events"]
            acc[1] += e["goldstein_mean"] * e["events"]
        ranked = sorted(pairs.items(), key=lambda kv: -kv[1][0])[:limit]
        return [
            {"a": a, "b": b, "events": int(v[0]), "goldstein_mean": round(v[1] / v[0], 3) if v[0] else 0.0}
            for (a, b), v in ranked
        ]

    def search(self, query: str, limit: int = 20, offset: int = 0) -> list[dict[str, Any]]:
        """Ranked sentences matching ``query``; snippets mark matches with \\x02 ... \\x03."""
        fts = _fts_query(query)
        if not fts:
            return []
        rows = self.conn.execute(
            "SELECT s.doc_id, s.idx, d.title, snippet(sentences_fts, 0, char(2), char(3), '…', 24) AS snip, "
            "bm25(sentences_fts) AS rank FROM sentences_fts JOIN sentences s ON s.id = sentences_fts.rowid "
            "JOIN documents d ON d.id = s.doc_id WHERE sentences_fts MATCH ? ORDER BY rank LIMIT ? OFFSET ?",
            (fts, limit, offset),
        )
        return [
            {"doc_id": r[0], "sentence_index": r[1], "title": r[2], "snippet": r[3], "rank": round(r[4], 4)}
            for r in rows
        ]

    def update_document_metadata(self, doc_id: str, changes: dict[str, str | None]) -> bool:
        """Set metadata fields (title, publisher, published, author, url) of a stored document,
        and the copies derived from them (each event's ``publisher``), in one transaction.

        Returns False when no such document is stored. Records whose dates were resolved against
        ``published`` are not touched: re-extract the document for that (``write_result(replace=True)``).
        """
        allowed = ("title", "publisher", "published", "author", "url")
        fields = {k: v for k, v in changes.items() if k in allowed}
        if not fields:
            return self.has_document(doc_id)
        with self.transaction() as c:
            updated = c.execute(
                f"UPDATE documents SET {', '.join(f'{k} = ?' for k in fields)} WHERE id = ?",
                (*fields.values(), doc_id),
            ).rowcount
            if updated and "publisher" in fields:
                c.execute("UPDATE events SET publisher = ? WHERE doc_id = ?", (fields["publisher"], doc_id))
        return bool(updated)


# SQLite result codes (``sqlite3.Error.sqlite_errorname``) -> what the user can do about them.
_STORE_ERRORS: tuple[tuple[tuple[str, ...], str, str], ...] = (
    (
        ("SQLITE_NOTADB",),
        "E202",
        "cannot open store {path}: it is not a frenemy store ({cause}); point --db at a store made by "
        "`frenemy ingest`",
    ),
    (
        ("SQLITE_CORRUPT",),
        "E204",
        "store {path} is damaged ({cause}): nothing was written. Restore it from a backup, or ingest the "
        "documents again into a new --db",
    ),
    (
        ("SQLITE_FULL",),
        "E205",
        "store {path} is full ({cause}): the document being written was not kept. Free disk space and run "
        "the same command again (stored documents are skipped)",
    ),
    (
        ("SQLITE_READONLY", "SQLITE_CANTOPEN", "SQLITE_PERM", "SQLITE_AUTH"),
        "E206",
        "cannot write store {path} ({cause}): check the permissions of the file and its folder, or use "
        "another --db",
    ),
    (
        ("SQLITE_BUSY", "SQLITE_LOCKED"),
        "E207",
        "store {path} is busy ({cause}): another frenemy is writing it; try again when it has finished",
    ),
    (("SQLITE_IOERR",), "E208", "cannot read or write store {path} ({cause}): check the disk and the file"),
)


def store_error(exc: sqlite3.Error, path: str, *, opening: bool = False) -> StoreError:
    """A coded StoreError (exit 3) for an SQLite failure; E200 when the cause is not a store condition.

    >>> store_error(sqlite3.DatabaseError("database disk image is malformed"), "x.db").code
    'E204'
    """
    name = getattr(exc, "sqlite_errorname", None) or ""
    cause = str(exc)
    if not name:  # raised without a result code: go by SQLite's message
        lowered = cause.lower()
        name = next(
            (
                code
                for text, code in (
                    ("not a database", "SQLITE_NOTADB"),
                    ("malformed", "SQLITE_CORRUPT"),
                    ("disk is full", "SQLITE_FULL"),
                    ("readonly", "SQLITE_READONLY"),
                    ("unable to open", "SQLITE_CANTOPEN"),
                    ("locked", "SQLITE_BUSY"),
                    ("disk i/o", "SQLITE_IOERR"),
                )
                if text in lowered
            ),
            "",
        )
    for prefixes, code, template in _STORE_ERRORS:
        if name.startswith(prefixes):
            return StoreError(template.format(path=path, cause=cause), code=code)
    what = "cannot open" if opening else "failed on"
    return StoreError(
        f"{what} store {path}: {cause}. Is it a frenemy database? Use --db to point at another file.",
        code="E202" if opening else "E200",
    )


def _fts_query(query: str) -> str:
    """User words -> an FTS5 query of quoted terms (no FTS syntax from users reaches SQLite)."""
    terms = [t for t in "".join(ch if ch.isalnum() else " " for ch in query).split() if t]
    return " ".join(f'"{t}"' for t in terms[:32])


def _event_row(e: Event, publisher: str | None) -> tuple[Any, ...]:
    """The events row: filter columns, the full record, then the facts of migration 2."""
    return (
        e.id, e.doc_id, e.sentence_index, e.source.id if e.source else None, e.target.id if e.target else None,
        e.cameo, e.cameo_root, e.quad_class, e.goldstein, e.polarity, int(e.negated), e.modality,
        e.date.start, e.date.end, e.date.precision, json.dumps(e.to_dict(), ensure_ascii=False),
        e.date.basis, e.attributed_to.name if e.attributed_to else None, e.action_text,
        sentence_key(e.sentence), publisher,
    )  # fmt: skip


def _document(r: sqlite3.Row) -> Document:
    return Document(
        id=r["id"], text=r["text"], title=r["title"], publisher=r["publisher"], published=r["published"],
        author=r["author"], url=r["url"], source_path=r["source_path"], format=r["format"] or "txt",
        language=r["language"] or "en", external_id=r["external_id"],
    )  # fmt: skip


def _split_sql(sql: str) -> list[str]:
    """Split a migration script into statements, keeping trigger bodies whole."""
    out, buf = [], []
    for line in sql.strip().splitlines():
        buf.append(line)
        joined = "\n".join(buf).strip()
        if joined.endswith(";") and sqlite3.complete_statement(joined):
            out.append(joined)
            buf = []
    if "".join(buf).strip():
        out.append("\n".join(buf))
    return out


def _chunks(items: list[str], n: int) -> Iterator[list[str]]:
    for i in range(0, len(items), n):
        yield items[i : i + n]


def _now() -> str:
    return datetime.now(UTC).isoformat(timespec="seconds")
