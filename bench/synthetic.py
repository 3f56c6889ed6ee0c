"""A synthetic store for query benchmarks: many events between realistic actors, no parsing.

Rows are bulk-inserted with ``executemany`` straight into the Store's schema (created by opening a
``frenemy.store.db.Store``), so a million events take tens of seconds instead of the days spaCy
would need. The ``data`` column holds the same public JSON record ``Event.to_dict`` produces.

Activity is skewed as in real event data: a few actors take part in most events (Zipf-like
weights), and the benchmark dyad (Iran and al-Qaeda, with al-Qaeda's leaders rolled up to it)
holds a fixed share of all events.
"""

from __future__ import annotations

import json
import random
import sqlite3
from dataclasses import dataclass
from pathlib import Path

from frenemy.analyze.dedupe import sentence_key
from frenemy.models import Actor, stable_id

# (cameo code, root, quad class, Goldstein, PLOVER, polarity, action words)
_ACTIONS: list[tuple[str, str, int, float, str, str, str]] = [
    ("010", "01", 1, 0.0, "OTHER", "neutral", "said"),
    ("036", "03", 1, 4.0, "AGREE", "cooperative", "expressed intent to meet"),
    ("042", "04", 1, 1.9, "CONSULT", "cooperative", "visited"),
    ("051", "05", 2, 3.5, "COOPERATE", "cooperative", "praised"),
    ("061", "06", 2, 6.4, "COOPERATE", "cooperative", "cooperated economically with"),
    ("071", "07", 2, 7.4, "AID", "cooperative", "provided economic aid to"),
    ("112", "11", 3, -2.0, "ACCUSE", "hostile", "accused"),
    ("122", "12", 3, -4.0, "REJECT", "hostile", "rejected"),
    ("138", "13", 3, -7.0, "THREATEN", "hostile", "threatened"),
    ("173", "17", 4, -5.0, "COERCE", "hostile", "detained"),
    ("190", "19", 4, -10.0, "FIGHT", "hostile", "attacked"),
    ("193", "19", 4, -10.0, "FIGHT", "hostile", "fought with small arms"),
]
_STANCES = ["cooperative", "hostile", "ambivalent", "neutral"]

# Actors beyond the countries: organisations and their people, government bodies of countries.
_EXTRA_ACTORS: list[Actor] = [
    Actor("al-qaeda", "al-Qaeda", "armed_group", code="IMGMUSALQ", aliases=["al Qaeda", "al-Qa'ida"]),
    Actor("osama-bin-laden", "Osama bin Laden", "person", parent="al-qaeda"),
    Actor("ayman-al-zawahiri", "Ayman al-Zawahiri", "person", parent="al-qaeda"),
    Actor("atiyya-abd-al-rahman", "Atiyya Abd al-Rahman", "person", parent="al-qaeda"),
    Actor("hezbollah", "Hezbollah", "armed_group", code="LBNREB"),
    Actor("hamas", "Hamas", "armed_group", code="PSEREB"),
    Actor("taliban", "Taliban", "armed_group", code="AFGREB"),
    Actor("islamic-state", "Islamic State", "armed_group", code="IMGMUSISI", aliases=["ISIS", "ISIL"]),
    Actor("united-nations", "United Nations", "igo", code="IGOUNO", aliases=["UN"]),
    Actor("nato", "NATO", "igo", code="IGOWSTNAT"),
    Actor("european-union", "European Union", "igo", code="IGOEUREEC", aliases=["EU"]),
    Actor("combating-terrorism-center", "Combating Terrorism Center", "organization"),
    Actor(
        "iran-revolutionary-guard",
        "Islamic Revolutionary Guard Corps",
        "government_body",
        code="IRNMIL",
        parent="iran",
    ),
    Actor("iran-government", "Government of Iran", "government_body", code="IRNGOV", parent="iran"),
    Actor("united-states-treasury", "US Treasury", "government_body", code="USAGOV", parent="united-states"),
    Actor("united-states-military", "US military", "government_body", code="USAMIL", parent="united-states"),
    Actor(
        "saudi-arabia-government", "Saudi government", "government_body", code="SAUGOV", parent="saudi-arabia"
    ),
]
# Countries with a common slug in frenemy's registry style; the rest come from pycountry.
_COUNTRY_IDS = {"IRN": "iran", "USA": "united-states", "SAU": "saudi-arabia", "GBR": "united-kingdom",
                "RUS": "russia", "SYR": "syria", "KOR": "south-korea", "PRK": "north-korea"}  # fmt: skip

BENCH_DYAD = ("iran", "al-qaeda")
PUBLISHER = "Bench Wire"


@dataclass
class SyntheticSummary:
    events: int
    claims: int
    documents: int
    actors: int
    dyad_events: int  # events between the families of BENCH_DYAD
    seconds: float


def synthetic_actors() -> list[Actor]:
    """Every country (pycountry) with a slug id, plus organisations, people and government bodies."""
    import pycountry

    actors: list[Actor] = []
    for country in pycountry.countries:
        name = getattr(country, "common_name", None) or country.name
        slug = _COUNTRY_IDS.get(country.alpha_3) or _slug(name)
        actors.append(Actor(slug, name, "state", code=country.alpha_3, country=country.alpha_3))
    return actors + list(_EXTRA_ACTORS)


def _slug(name: str) -> str:
    out = "".join(ch.lower() if ch.isalnum() else "-" for ch in name.split(",")[0])
    return "-".join(part for part in out.split("-") if part)


def fill_store(
    path: Path,
    n_events: int,
    *,
    events_per_doc: int = 20,
    claims_per_doc: int = 1,
    dyad_share: float = 0.015,
    seed: int = 7,
) -> SyntheticSummary:
    """Create a store at ``path`` (must not exist) holding ``n_events`` synthetic events.

    ``dyad_share`` of the events are between Iran (or its bodies) and al-Qaeda (or its leaders).
    """
    import time

    from frenemy.store.db import Store

    start = time.perf_counter()
    if path.exists():
        raise FileExistsError(f"{path} exists; the synthetic store is always built fresh")
    actors = synthetic_actors()
    with Store(path) as store:
        store.upsert_actors(actors)
    by_id = {a.id: a for a in actors}
    rng = random.Random(seed)
    # Zipf-like activity: shuffle so that activity does not follow alphabetical order
    ranked = [a.id for a in actors]
    rng.shuffle(ranked)
    for main in ("united-states", "iran", "russia", "israel", "syria", "saudi-arabia", "al-qaeda"):
        ranked.remove(main)
        ranked.insert(0, main)
    weights = [1.0 / (rank + 1) ** 1.1 for rank in range(len(ranked))]
    family_a = [a for a in ranked if a == "iran" or by_id[a].parent == "iran"]
    family_b = [a for a in ranked if a == "al-qaeda" or by_id[a].parent == "al-qaeda"]

    conn = sqlite3.connect(path, isolation_level=None)
    conn.execute("PRAGMA synchronous = OFF")
    conn.execute("PRAGMA foreign_keys = OFF")  # the generator writes documents before their rows
    conn.execute("BEGIN")
    n_docs = max(1, -(-n_events // events_per_doc))
    dyad_events = 0
    made = 0
    claims_made = 0
    chunk_events: list[tuple[object, ...]] = []
    chunk_claims: list[tuple[object, ...]] = []
    chunk_about: list[tuple[str, str]] = []
    for d in range(n_docs):
        year = rng.randint(1990, 2024)
        published = f"{year}-{rng.randint(1, 12):02d}-{rng.randint(1, 28):02d}"
        doc_id = stable_id("d", "synthetic", seed, d)
        conn.execute(
            "INSERT INTO documents (id, title, publisher, published, text, format, language, ingested_at) "
            "VALUES (?,?,?,?,?,?,?,?)",
            (doc_id, f"Synthetic report {d}", PUBLISHER, published,
             "Synthetic document for query benchmarks.", "txt", "en", "2026-01-01T00:00:00+00:00"),
        )  # fmt: skip
        for s in range(min(events_per_doc, n_events - made)):
            if rng.random() < dyad_share:
                src, tgt = rng.choice(family_a), rng.choice(family_b)
                if rng.random() < 0.5:
                    src, tgt = tgt, src
                dyad_events += 1
            else:
                src, tgt = rng.choices(ranked, weights, k=2)
                if src == tgt:
                    tgt = ranked[(ranked.index(src) + 1) % len(ranked)]
                if {by_id[src].parent or src, by_id[tgt].parent or tgt} == {"iran", "al-qaeda"}:
                    dyad_events += 1
            chunk_events.append(_event_row(rng, doc_id, s, published, by_id[src], by_id[tgt], made))
            made += 1
        for c in range(claims_per_doc):
            chunk_claims.append(
                _claim_row(rng, doc_id, events_per_doc + c, published, ranked, weights, by_id, chunk_about)
            )
            claims_made += 1
        if len(chunk_events) >= 50_000 or d == n_docs - 1:
            _flush(conn, chunk_events, chunk_claims, chunk_about)
    conn.execute("COMMIT")
    conn.execute("PRAGMA foreign_keys = ON")
    conn.execute("ANALYZE")
    conn.close()
    return SyntheticSummary(made, claims_made, n_docs, len(actors), dyad_events, time.perf_counter() - start)


def _flush(
    conn: sqlite3.Connection,
    events: list[tuple[object, ...]],
    claims: list[tuple[object, ...]],
    about: list[tuple[str, str]],
) -> None:
    conn.executemany(
        "INSERT INTO events (id, doc_id, sentence_index, source_id, target_id, cameo, cameo_root, quad_class, "
        "goldstein, polarity, negated, modality, date_start, date_end, date_precision, data, date_basis, "
        "attributed_name, action_text, sentence_key, publisher) VALUES (?,?,?,?,?,?,?,?,?,?,?,?,?,?,?,?,?,?,?,?,?)",
        events,
    )
    conn.executemany(
        "INSERT INTO claims (id, doc_id, sentence_index, claimant_id, stance, hedged, negated, date_start, data) "
        "VALUES (?,?,?,?,?,?,?,?,?)",
        claims,
    )
    conn.executemany("INSERT OR IGNORE INTO claim_about (claim_id, actor_id) VALUES (?,?)", about)
    events.clear()
    claims.clear()
    about.clear()


def _ref(actor: Actor) -> dict[str, object]:
    return {"id": actor.id, "name": actor.name, "code": actor.code}


def _event_row(
    rng: random.Random,
    doc_id: str,
    index: int,
    published: str,
    src: Actor,
    tgt: Actor,
    serial: int,
    publisher: str = PUBLISHER,
) -> tuple[object, ...]:
    cameo, root, quad, goldstein, plover, polarity, words = rng.choice(_ACTIONS)
    negated = rng.random() < 0.03
    modality = "asserted" if rng.random() < 0.8 else rng.choice(["reported", "hedged", "future"])
    date = published if rng.random() < 0.7 else published[:7]
    precision = "day" if len(date) == 10 else "month"
    sentence = f"{src.name} {'did not ' if negated else ''}{words} {tgt.name}, officials said on the record."
    data = {
        "id": stable_id("ev", doc_id, index, serial),
        "doc_id": doc_id,
        "sentence_index": index,
        "sentence": sentence,
        "char_start": index * 90,
        "char_end": index * 90 + len(sentence),
        "source": _ref(src),
        "target": _ref(tgt),
        "action_text": words,
        "cameo": cameo,
        "cameo_root": root,
        "quad_class": quad,
        "goldstein": goldstein,
        "plover": plover,
        "plover_mode": None,
        "polarity": polarity,
        "negated": negated,
        "modality": modality,
        "date": {"start": date, "end": date, "precision": precision, "basis": "publication", "text": None},
        "attributed_to": None,
        "relayed_by": None,
        "confidence": round(rng.uniform(0.4, 0.95), 2),
        "action_start": None,
        "action_end": None,
    }
    return (
        data["id"], doc_id, index, src.id, tgt.id, cameo, root, quad, goldstein, polarity, int(negated),
        modality, date, date, precision, json.dumps(data),
        # the fact columns Store.write_result fills (schema migration 2)
        "publication", None, words, sentence_key(sentence), publisher,
    )  # fmt: skip


def _claim_row(
    rng: random.Random,
    doc_id: str,
    index: int,
    published: str,
    ranked: list[str],
    weights: list[float],
    by_id: dict[str, Actor],
    about_rows: list[tuple[str, str]],
) -> tuple[object, ...]:
    if rng.random() < 0.05:
        pair = [by_id["iran"], by_id["al-qaeda"]]
    else:
        a, b = rng.choices(ranked, weights, k=2)
        pair = [by_id[a], by_id[b]]
    claimant = by_id[rng.choice(ranked[:40])]
    stance = rng.choice(_STANCES)
    hedged = rng.random() < 0.2
    claim_id = stable_id("cl", doc_id, index)
    sentence = f"{claimant.name} says {pair[0].name} and {pair[1].name} are {stance} partners."
    data = {
        "id": claim_id,
        "doc_id": doc_id,
        "sentence_index": index,
        "sentence": sentence,
        "char_start": index * 90,
        "char_end": index * 90 + len(sentence),
        "claimant": _ref(claimant),
        "about": [_ref(p) for p in pair],
        "stance": stance,
        "hedged": hedged,
        "negated": False,
        "text": f"{stance} partners",
        "date": {
            "start": published,
            "end": published,
            "precision": "day",
            "basis": "publication",
            "text": None,
        },
        "relayed_by": None,
        "cue": None,
        "confidence": 0.6,
    }
    for p in pair:
        about_rows.append((claim_id, p.id))
    return (
        claim_id, doc_id, index, claimant.id, stance, int(hedged), 0, published, json.dumps(data),
    )  # fmt: skip
