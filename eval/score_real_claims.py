"""Score claims on real text written by others (eval/real/claims_dev.jsonl and claims_heldout.jsonl).

Same item format and figures as eval/score_claims.py, on sentences from the public-domain texts in
eval/real/docs/; the held-out part is not looked at while changing the claim extractor.
Run ``python -m eval.score_real_claims``.
"""

from __future__ import annotations

from pathlib import Path

from eval import score_claims

REAL = Path(__file__).with_name("real")


def score() -> dict[str, float]:
    """Claim precision, recall and F1 (and attribution) for the dev and held-out parts."""
    figures: dict[str, float] = {}
    for part in ("dev", "heldout"):
        scores = score_claims.score(REAL / f"claims_{part}.jsonl")
        for key in ("attribution_accuracy", "claim_precision", "claim_recall", "claim_f1"):
            figures[f"{part}_{key}"] = round(float(scores[key]), 3)
    return figures


if __name__ == "__main__":
    for name, value in score().items():
        print(f"{name:30} {value:.3f}")
