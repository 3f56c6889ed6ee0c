"""The deduplication sweep against a brute-force reference on random records."""

from __future__ import annotations

import random

import pytest

from dyad_factory import AQ, IRAN, date, event
from frenemy.analyze.dedupe import group_events
from frenemy.analyze.periods import date_interval

_RANK = {"day": 0, "month": 1, "year": 2, "decade": 3}


def _reference(events) -> set[frozenset[str]]:
    """Every pair compared: same direction, root and status, and the dedupe rules of docs/dyad.md."""
    parent = list(range(len(events)))

    def find(x: int) -> int:
        while parent[x] != x:
            x = parent[x]
        return x

    def status(e) -> str:
        return (
            "negated"
            if e.negated
            else "factual"
            if e.modality in ("asserted", "reported", "hedged")
            else e.modality
        )

    for i, a in enumerate(events):
        for j in range(i):
            b = events[j]
            if (a.source.id, a.target.id, a.cameo_root, status(a)) != (
                b.source.id,
                b.target.id,
                b.cameo_root,
                status(b),
            ):
                continue
            same = " ".join(a.sentence.lower().split()) == " ".join(b.sentence.lower().split())
            ia, ib = date_interval(a.date), date_interval(b.date)
            ok = same
            if not ok and ia and ib and ia[0] <= ib[1] and ib[0] <= ia[1]:
                coarser = max(_RANK[a.date.precision], _RANK[b.date.precision])
                ok = coarser <= 1 or (coarser == 2 and a.cameo == b.cameo)
            if ok:
                parent[find(i)] = find(j)
    groups: dict[int, set[str]] = {}
    for i, e in enumerate(events):
        groups.setdefault(find(i), set()).add(e.id)
    return {frozenset(g) for g in groups.values()}


def _random_events(rng: random.Random, n: int, with_years: bool):
    out = []
    for k in range(n):
        year = rng.randint(2000, 2003)
        month = rng.randint(1, 12)
        kind = rng.choice(["day", "month", "year"] if with_years else ["day", "month"])
        text = {
            "day": f"{year}-{month:02d}-{rng.randint(1, 28):02d}",
            "month": f"{year}-{month:02d}",
            "year": str(year),
        }[kind]
        src, tgt = (IRAN, AQ) if rng.random() < 0.5 else (AQ, IRAN)
        cameo = rng.choice(["190", "193", "042", "057"])
        sentence = f"copy {rng.randint(0, 5)}" if rng.random() < 0.1 else None
        modality = rng.choice(["asserted", "hedged", "future"])
        out.append(event(src, tgt, cameo, 1.0, date(text), f"doc{k}", modality=modality, sentence=sentence))
    return out


@pytest.mark.parametrize("with_years", [False, True])
@pytest.mark.parametrize("seed", range(6))
def test_sweep_groups_equal_the_pairwise_reference(seed, with_years):
    rng = random.Random(seed)
    events = _random_events(rng, rng.randint(20, 160), with_years)
    got = {frozenset(e.id for e in g.members) for g in group_events(events, lambda actor_id: actor_id or "?")}
    assert got == _reference(events)
    assert len(got) < len(events)  # the data does merge, so the comparison means something
