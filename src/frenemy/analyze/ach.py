"""Analysis of competing hypotheses (Heuer, "Psychology of Intelligence Analysis", ch. 8).

Four hypotheses about a pair of actors:

* H1 allies: the relationship is mainly cooperative;
* H2 adversaries: the relationship is mainly hostile;
* H3 transactional: bargaining between adversaries, cooperation and coercion traded for advantage;
* H4 no meaningful relationship.

Every counted event group and every claim is rated against each hypothesis with the fixed rules
of ``EVENT_RULES`` and ``CLAIM_RULES`` (CC very consistent, C consistent, N neutral or not
diagnostic, I inconsistent, II very inconsistent). As Heuer advises, hypotheses are ranked by
the evidence against them: inconsistency = sum over evidence of weight * (1 for I, 2 for II),
where weight is the evidence's weight from analyze.scoring (a claimant's claims share its one
vote, as in the score; a hypothetical or future event weighs what its modality allows). The
totals are taken over the evidence the verdict rests on, so ranking and verdict agree or the
report says why not. Least inconsistent first.
"""

from __future__ import annotations

from collections.abc import Container

from frenemy.analyze.periods import COOPERATIVE_AT, HOSTILE_AT
from frenemy.analyze.scoring import Position, WeighedGroup, claim_weight
from frenemy.models import Claim

STRONG = 5.0  # |Goldstein| at or above: strong cooperation / strong conflict

HYPOTHESES = {
    "H1": "{a} and {b} are allies: their relationship is mainly cooperative",
    "H2": "{a} and {b} are adversaries: their relationship is mainly hostile",
    "H3": "{a} and {b} have a transactional relationship: bargaining between adversaries, "
    "with cooperation and coercion traded for advantage",
    "H4": "{a} and {b} have no meaningful relationship",
}

# Ratings for (H1, H2, H3, H4) by kind of evidence.
EVENT_RULES = {
    "bargaining": ("N", "N", "CC", "I"),
    "strong cooperation": ("CC", "II", "I", "I"),
    "cooperation": ("C", "I", "C", "I"),
    "neutral": ("N", "N", "N", "N"),
    "conflict": ("I", "C", "C", "I"),
    "strong conflict": ("II", "CC", "I", "I"),
    "not counted": ("N", "N", "N", "N"),
}
CLAIM_RULES = {
    "cooperative": ("CC", "II", "I", "I"),
    "hostile": ("II", "CC", "I", "I"),
    "ambivalent": ("I", "I", "CC", "I"),
    "neutral": ("N", "N", "N", "N"),
}
INCONSISTENCY = {"I": 1.0, "II": 2.0}
CONSISTENCY = {"C": 1.0, "CC": 2.0}


def event_kind(g: WeighedGroup) -> str:
    """Which EVENT_RULES row an event group falls in."""
    if g.weight <= 0:
        return "not counted"
    if g.bargaining:
        return "bargaining"
    v = g.value
    if v >= STRONG:
        return "strong cooperation"
    if v >= COOPERATIVE_AT:
        return "cooperation"
    if v <= -STRONG:
        return "strong conflict"
    if v <= HOSTILE_AT:
        return "conflict"
    return "neutral"


def analyse_hypotheses(
    a_name: str,
    b_name: str,
    groups: list[WeighedGroup],
    claims: list[Claim],
    listed: Container[str] | None = None,
    *,
    scope: Container[str] | None = None,
    voices: list[Position] | None = None,
) -> list[dict[str, object]]:
    """The ACH matrix as a list of hypotheses, least inconsistent first.

    Each: ``{"id", "statement", "inconsistency", "consistency", "rank", "ratings":
    [{"evidence": "ev_…|cl_…", "rating", "weight", "kind", "in_scope"}]}``. With ``listed``
    (evidence ids), ``ratings`` holds only the listed evidence and ``ratings_total`` counts all
    of it. The totals use the evidence in ``scope`` (all of it when None: the verdict's scope is
    passed so that both rest on the same evidence); ``inconsistency_all`` uses everything.
    With ``voices`` (analyze.scoring.positions), a claimant's claims share its one vote, as in
    the score, and claims that do not vote (a publisher's news wording) weigh 0.
    """
    rows: list[dict[str, object]] = []
    rated: list[tuple[str, float, str, tuple[str, str, str, str]]] = []
    for g in groups:
        kind = event_kind(g)
        rated.append((g.id, g.weight, kind, _rules(EVENT_RULES[kind])))
    shares = _claim_shares(voices) if voices is not None else {}
    for c in claims:
        stance = c.stance if c.stance in CLAIM_RULES else "neutral"
        w = shares.get(c.id, claim_weight(c)) if voices is not None else claim_weight(c)
        kind = f"claim: {stance}" if w > 0 or stance == "neutral" else "claim: not counted"
        rules = CLAIM_RULES[stance] if w > 0 else CLAIM_RULES["neutral"]
        rated.append((c.id, round(w, 4), kind, _rules(rules)))
    shown = rated if listed is None else [r for r in rated if r[0] in listed]
    counted = rated if scope is None else [r for r in rated if r[0] in scope]
    for col, (hid, template) in enumerate(HYPOTHESES.items()):
        ratings = [
            {
                "evidence": eid,
                "rating": rule[col],
                "weight": w,
                "kind": kind,
                "in_scope": scope is None or eid in scope,
            }
            for eid, w, kind, rule in shown
        ]
        rows.append(
            {
                "id": hid,
                "statement": template.format(a=a_name, b=b_name),
                "inconsistency": _total(counted, col, INCONSISTENCY),
                "consistency": _total(counted, col, CONSISTENCY),
                "inconsistency_all": _total(rated, col, INCONSISTENCY),
                "ratings": ratings,
            }
        )
    rows.sort(key=lambda r: (r["inconsistency"], -float(r["consistency"]), r["id"]))  # type: ignore[arg-type]
    for rank, row in enumerate(rows, start=1):
        row["rank"] = rank
        if listed is not None:
            row["ratings_total"] = len(rated)
    return rows


def _total(
    rated: list[tuple[str, float, str, tuple[str, str, str, str]]], col: int, scale: dict[str, float]
) -> float:
    return round(sum(w * scale.get(rule[col], 0.0) for _, w, _, rule in rated), 2)


def _claim_shares(voices: list[Position]) -> dict[str, float]:
    """Each claim's share of its claimant's one vote (the vote's weight split by claim weight)."""
    out: dict[str, float] = {}
    for p in voices:
        votes = p.voting
        total = sum(claim_weight(c) for c in votes)
        for c in p.claims:
            out[c.id] = p.weight * claim_weight(c) / total if c in votes and total else 0.0
    return out


def _rules(t: tuple[str, ...]) -> tuple[str, str, str, str]:
    return (t[0], t[1], t[2], t[3])
