"""Score attribution and relationship claims on the team's labelled dev set (eval/claims_dev.jsonl).

Each line: ``{"id", "text", "author", "published", "attribution": speaker id or null, "claims":
[{"claimant": id or null, "about": [a, b], "stance": ..., "hedged": bool}]}``. ``score()`` runs every
item through the real pipeline (``frenemy.pipeline.Pipeline().analyse``) and reports:

- attribution_accuracy: the speaker of the widest attribution in the item (null when there is
  none) equals the label (both rolled up to their top actor). Attributions are not part of DocumentResult, so they are read from the
  same stage functions the pipeline runs, on the pipeline's model and registry.
- claim_precision / claim_recall / claim_f1: claims matched at (claimant, unordered pair, stance),
  each gold claim at most once; claimants and pair members are compared after rolling up to their
  top actor (a government body to its country: "a senior Israeli official" may be labelled israel).
- hedged_accuracy: ``hedged`` right on matched claims.

Run ``python -m eval.score_claims`` to print the figures.
"""

from __future__ import annotations

import json
from collections.abc import Callable
from pathlib import Path
from typing import Any

from frenemy.models import Claim, Document

DEV = Path(__file__).with_name("claims_dev.jsonl")


def load_items(path: Path = DEV) -> list[dict[str, Any]]:
    """The labelled items, one JSON object per line."""
    with path.open(encoding="utf-8") as fh:
        return [json.loads(line) for line in fh if line.strip()]


def _document(item: dict[str, Any]) -> Document:
    return Document(
        id=f"dev-{item['id']}",
        text=item["text"],
        author=item.get("author"),
        publisher=item.get("publisher"),
        published=item.get("published"),
    )


def _analysers() -> tuple[
    Callable[[Document], list[Claim]], Callable[[Document], str | None], Callable[[str], str]
]:
    """(claims of a document via the pipeline, widest attribution's speaker, rollup to top actor)."""
    from frenemy.actors.mentions import find_mentions
    from frenemy.extract.attribution import find_attributions
    from frenemy.extract.claims import extract_claims
    from frenemy.nlp.context import DocContext
    from frenemy.pipeline import Pipeline

    pipeline = Pipeline()

    def stages(d: Document) -> DocContext:
        ctx = DocContext(document=d, doc=pipeline.nlp(d.text), registry=pipeline.registry)
        ctx.mentions = find_mentions(ctx)
        ctx.index_mentions()
        ctx.attributions = find_attributions(ctx, pipeline.stance_lexicon)
        return ctx

    def claims(d: Document) -> list[Claim]:
        try:
            import frenemy.extract.time  # noqa: F401
        except ImportError:  # the time stage is not there yet: the other stages, publication dates
            return extract_claims(stages(d), pipeline.stance_lexicon)
        return pipeline.analyse(d).claims

    def speaker(d: Document) -> str | None:
        atts = stages(d).attributions
        if not atts:
            return None
        widest = max(atts, key=lambda a: (a.content_end - a.content_start, -a.content_start))
        return widest.speaker.id if widest.speaker else None

    def top(actor_id: str) -> str:
        chain = pipeline.registry.rollup(actor_id)
        return chain[-1] if chain else actor_id

    return claims, speaker, top


def compare(
    items: list[dict[str, Any]],
    found: list[list[Claim]],
    speakers: list[str | None],
    top: Callable[[str], str] = lambda i: i,
) -> dict[str, float]:
    """Figures for gold items against the claims and speakers found for each (same order)."""

    def up(actor_id: str | None) -> str | None:
        return top(actor_id) if actor_id else None

    tp = fp = fn = 0
    hedged_ok = 0
    att_ok = sum(1 for item, sp in zip(items, speakers, strict=True) if up(item.get("attribution")) == up(sp))
    for item, claims in zip(items, found, strict=True):
        gold = list(item.get("claims", []))
        gold_keys = [(up(g["claimant"]), frozenset(top(x) for x in g["about"]), g["stance"]) for g in gold]
        used = [False] * len(gold)
        for cl in claims:
            key = (
                up(cl.claimant.id if cl.claimant else None),
                frozenset(top(a.id) for a in cl.about),
                cl.stance,
            )
            hit = next((i for i, g in enumerate(gold_keys) if not used[i] and g == key), None)
            if hit is None:
                fp += 1
                continue
            used[hit] = True
            tp += 1
            hedged_ok += int(bool(gold[hit].get("hedged")) == cl.hedged)
        fn += used.count(False)
    precision = tp / (tp + fp) if tp + fp else 0.0
    recall = tp / (tp + fn) if tp + fn else 0.0
    f1 = 2 * precision * recall / (precision + recall) if precision + recall else 0.0
    return {
        "attribution_accuracy": att_ok / len(items) if items else 0.0,
        "claim_precision": precision,
        "claim_recall": recall,
        "claim_f1": f1,
        "hedged_accuracy": hedged_ok / tp if tp else 0.0,
    }


def score(path: Path = DEV) -> dict[str, float]:
    """Run the dev set through the pipeline and return the figures (see the module docstring)."""
    items = load_items(path)
    claims_of, speaker_of, top = _analysers()
    found = [claims_of(_document(item)) for item in items]
    speakers = [speaker_of(_document(item)) for item in items]
    return compare(items, found, speakers, top)


def report(path: Path = DEV) -> list[str]:
    """One line per item where the system and the label disagree (for error analysis)."""
    items = load_items(path)
    claims_of, speaker_of, top = _analysers()

    def up(actor_id: str | None) -> str | None:
        return top(actor_id) if actor_id else None

    lines = []
    for item in items:
        d = _document(item)
        got = {
            (
                up(c.claimant.id if c.claimant else None),
                tuple(sorted(top(a.id) for a in c.about)),
                c.stance,
                c.hedged,
            )
            for c in claims_of(d)
        }
        want = {
            (up(g["claimant"]), tuple(sorted(top(x) for x in g["about"])), g["stance"], bool(g.get("hedged")))
            for g in item.get("claims", [])
        }
        sp = speaker_of(d)
        if got != want or up(sp) != up(item.get("attribution")):
            lines.append(f"{item['id']}: speaker {sp!r} (gold {item.get('attribution')!r})")
            lines.extend(f"    missing {w}" for w in sorted(want - got, key=str))
            lines.extend(f"    extra   {g}" for g in sorted(got - want, key=str))
    return lines


def main() -> None:
    import sys

    if "--errors" in sys.argv:
        print("\n".join(report()))
    for key, value in score().items():
        print(f"{key:24s} {value:.3f}")


if __name__ == "__main__":
    main()
