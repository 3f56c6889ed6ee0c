"""Score claims on real text written by others (eval/real/claims_dev.jsonl and claims_heldout.jsonl).

Same item format and figures as eval/score_claims.py, on sentences from the public-domain texts in
eval/real/docs/; the held-out part is not looked at while changing the claim extractor. Extra dev
files (``claims_dev_NAME.jsonl``) are scored as parts of their own, ``dev_NAME_``, so that a larger
or harder dev set does not move the figures of the original dev part.
Run ``python -m eval.score_real_claims``; ``--errors`` lists the disagreements of the dev parts
(never of the held-out part).
"""

from __future__ import annotations

from pathlib import Path

from eval import score_claims

REAL = Path(__file__).with_name("real")
PARTS = {"dev": REAL / "claims_dev.jsonl", "heldout": REAL / "claims_heldout.jsonl"}


def parts() -> dict[str, Path]:
    """The fixed dev and held-out parts, then each added dev file ``claims_dev_NAME.jsonl`` as ``dev_NAME``."""
    found = dict(PARTS)
    for path in sorted(REAL.glob("claims_dev_*.jsonl")):
        found[path.stem.removeprefix("claims_")] = path
    return found


def score() -> dict[str, float]:
    """Claim precision, recall and F1 (and attribution) for each part."""
    figures: dict[str, float] = {}
    for part, path in parts().items():
        scores = score_claims.score(path)
        for key in ("attribution_accuracy", "claim_precision", "claim_recall", "claim_f1"):
            figures[f"{part}_{key}"] = round(float(scores[key]), 3)
    return figures


def dev_errors() -> list[str]:
    """The disagreements of the dev parts, part by part (the held-out part is left out)."""
    lines: list[str] = []
    for part, path in parts().items():
        if part == "heldout":
            continue
        lines.append(f"== {part}")
        lines.extend(score_claims.report(path))
    return lines


if __name__ == "__main__":
    import sys

    if "--errors" in sys.argv:
        print("\n".join(dev_errors()))
    for name, value in score().items():
        print(f"{name:35} {value:.3f}")
