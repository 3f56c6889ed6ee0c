"""SQLite schema as numbered migrations; ``migrations`` records which have been applied.

Table names are public (outside tools read them): documents, sentences, actors, aliases,
mentions, events, claims, contradictions. Each extracted row keeps its full public JSON record
in ``data`` next to the columns queries filter on.

Migrations may call ``frenemy_sentence_key(text)``, which ``Store`` registers on its connection
(the deduplication key of a sentence, ``analyze.dedupe.sentence_key``).
"""

from __future__ import annotations

MIGRATIONS: list[tuple[int, str, str]] = [
    (
        1,
        "initial schema",
        """
CREATE TABLE documents (
    id TEXT PRIMARY KEY,
    title TEXT, publisher TEXT, published TEXT, author TEXT, url TEXT,
    source_path TEXT, format TEXT, language TEXT, external_id TEXT,
    text TEXT NOT NULL,
    pipeline_version TEXT, model TEXT, dictionary_hash TEXT,
    ingested_at TEXT NOT NULL
);
CREATE TABLE sentences (
    id INTEGER PRIMARY KEY,
    doc_id TEXT NOT NULL REFERENCES documents(id) ON DELETE CASCADE,
    idx INTEGER NOT NULL,
    char_start INTEGER NOT NULL, char_end INTEGER NOT NULL,
    text TEXT NOT NULL,
    UNIQUE (doc_id, idx)
);
CREATE VIRTUAL TABLE sentences_fts USING fts5(
    text, content='sentences', content_rowid='id', tokenize='unicode61 remove_diacritics 2'
);
CREATE TRIGGER sentences_ai AFTER INSERT ON sentences BEGIN
    INSERT INTO sentences_fts(rowid, text) VALUES (new.id, new.text);
END;
CREATE TRIGGER sentences_ad AFTER DELETE ON sentences BEGIN
    INSERT INTO sentences_fts(sentences_fts, rowid, text) VALUES ('delete', old.id, old.text);
END;
CREATE TABLE actors (
    id TEXT PRIMARY KEY,
    name TEXT NOT NULL,
    type TEXT, code TEXT, country TEXT, sector TEXT,
    parent TEXT,
    origin TEXT,
    data TEXT NOT NULL DEFAULT '{}'
);
CREATE INDEX actors_parent ON actors(parent);
CREATE TABLE aliases (
    actor_id TEXT NOT NULL REFERENCES actors(id) ON DELETE CASCADE,
    alias TEXT NOT NULL,
    norm TEXT NOT NULL,
    PRIMARY KEY (actor_id, alias)
);
CREATE INDEX aliases_norm ON aliases(norm);
CREATE TABLE mentions (
    id INTEGER PRIMARY KEY,
    doc_id TEXT NOT NULL REFERENCES documents(id) ON DELETE CASCADE,
    sentence_index INTEGER NOT NULL,
    char_start INTEGER NOT NULL, char_end INTEGER NOT NULL,
    text TEXT NOT NULL,
    actor_id TEXT NOT NULL,
    kind TEXT NOT NULL
);
CREATE INDEX mentions_actor ON mentions(actor_id);
CREATE INDEX mentions_doc ON mentions(doc_id);
CREATE TABLE events (
    id TEXT PRIMARY KEY,
    doc_id TEXT NOT NULL REFERENCES documents(id) ON DELETE CASCADE,
    sentence_index INTEGER NOT NULL,
    source_id TEXT, target_id TEXT,
    cameo TEXT NOT NULL, cameo_root TEXT NOT NULL, quad_class INTEGER, goldstein REAL,
    polarity TEXT, negated INTEGER NOT NULL DEFAULT 0, modality TEXT,
    date_start TEXT, date_end TEXT, date_precision TEXT,
    data TEXT NOT NULL
);
CREATE INDEX events_pair ON events(source_id, target_id, date_start);
CREATE INDEX events_target ON events(target_id, source_id);
CREATE INDEX events_doc ON events(doc_id);
CREATE TABLE claims (
    id TEXT PRIMARY KEY,
    doc_id TEXT NOT NULL REFERENCES documents(id) ON DELETE CASCADE,
    sentence_index INTEGER NOT NULL,
    claimant_id TEXT,
    stance TEXT NOT NULL, hedged INTEGER NOT NULL DEFAULT 0, negated INTEGER NOT NULL DEFAULT 0,
    date_start TEXT,
    data TEXT NOT NULL
);
CREATE INDEX claims_doc ON claims(doc_id);
CREATE TABLE claim_about (
    claim_id TEXT NOT NULL REFERENCES claims(id) ON DELETE CASCADE,
    actor_id TEXT NOT NULL,
    PRIMARY KEY (claim_id, actor_id)
);
CREATE INDEX claim_about_actor ON claim_about(actor_id);
CREATE TABLE contradictions (
    id TEXT PRIMARY KEY,
    kind TEXT NOT NULL,
    a_id TEXT, b_id TEXT,
    data TEXT NOT NULL
);
CREATE INDEX contradictions_pair ON contradictions(a_id, b_id);
""",
    ),
    (
        2,
        "event facts for large dyad reports",
        # Everything scoring and deduplication read of an event, as columns (no JSON decoding per
        # record), and one covering index that starts with the pair: a pair's facts are read from
        # contiguous index pages instead of one table page per event. (events_pair stays: with it
        # the planner keeps the row order of ties in other listings.) publisher is the document's,
        # copied at write time so a report does not look up every citing document.
        """
ALTER TABLE events ADD COLUMN date_basis TEXT;
ALTER TABLE events ADD COLUMN attributed_name TEXT;
ALTER TABLE events ADD COLUMN action_text TEXT;
ALTER TABLE events ADD COLUMN sentence_key INTEGER;
ALTER TABLE events ADD COLUMN publisher TEXT;
UPDATE events SET
    date_basis = json_extract(data, '$.date.basis'),
    attributed_name = json_extract(data, '$.attributed_to.name'),
    action_text = json_extract(data, '$.action_text'),
    sentence_key = frenemy_sentence_key(json_extract(data, '$.sentence')),
    publisher = (SELECT publisher FROM documents WHERE documents.id = events.doc_id);
CREATE INDEX events_facts ON events(
    source_id, target_id, date_start, doc_id, sentence_index, id, cameo, cameo_root, goldstein,
    negated, modality, date_end, date_precision, date_basis, attributed_name, sentence_key,
    action_text, publisher
);
""",
    ),
]

LATEST_VERSION = MIGRATIONS[-1][0]
