"""Train the learned event fallback (src/frenemy/resources/events/classifier.json).

Training data: the team's dev set (eval/events_dev.jsonl) and the real dev parts
(eval/real/events_dev*.jsonl). The held-out files are never read. Each candidate of
``frenemy.extract.events.classifier.candidates`` (a verb with a source and a target actor) is
labelled with the CAMEO root of the gold event between the same top actors, else "none".

The model is a softmax regression trained by full-batch gradient descent from zero weights, so a
run is deterministic. The threshold is chosen on 5-fold cross-validated predictions over the
candidates of sentences the lexicon leaves uncoded (the only ones the fallback sees): the lowest
threshold whose added events are at least ``--min-precision`` right.

    PYTHONPATH=.:src python -m eval.train_classifier            # writes the weights file
    PYTHONPATH=.:src python -m eval.train_classifier --enable   # ... with the fallback on by default
    PYTHONPATH=.:src python -m eval.train_classifier --dry-run  # only prints the cross-validation
"""

from __future__ import annotations

import argparse
import json
from dataclasses import dataclass
from pathlib import Path
from typing import Any

import numpy as np

from eval.score_events import DEV, load_items
from frenemy.extract.events.classifier import _DENSE_WIDTH, NONE, candidates, features
from frenemy.models import Document

REAL = Path(__file__).with_name("real")
OUT = Path(__file__).parents[1] / "src" / "frenemy" / "resources" / "events" / "classifier.json"
ROOTS = [f"{i:02d}" for i in range(1, 21)]
CLASSES = [NONE, *ROOTS]


@dataclass
class Row:
    item: str
    names: list[str]
    dense: np.ndarray
    label: str
    silent: bool  # the lexicon coded nothing in this candidate's sentence
    pair_coded: bool = False  # the lexicon coded an event between these two sides (either way)


def training_files() -> list[Path]:
    """The team set and every real dev part; held-out files are excluded by name."""
    files = [DEV, *sorted(REAL.glob("events_dev*.jsonl"))]
    return [f for f in files if "heldout" not in f.name]


def context_of(pipeline: Any, document: Document) -> Any:
    """The parsed document with mentions, timeline and attributions, as ``analyse_parsed`` builds it."""
    from frenemy.actors.mentions import find_mentions
    from frenemy.extract.attribution import find_attributions
    from frenemy.extract.time import build_timeline
    from frenemy.nlp.context import DocContext

    ctx = DocContext(document=document, doc=pipeline.parse(document.text), registry=pipeline.registry)
    ctx.mentions = find_mentions(ctx)
    ctx.index_mentions()
    ctx.timeline = build_timeline(ctx)
    ctx.attributions = find_attributions(ctx, pipeline.stance_lexicon)
    return ctx


def collect_rows(files: list[Path]) -> list[Row]:
    """Candidates with features and gold labels, built by the same stages as the pipeline."""
    from frenemy.extract.events.coder import extract_events
    from frenemy.pipeline import Pipeline

    pipeline = Pipeline()

    def top(actor_id: str) -> str:
        return str(pipeline.registry.rollup(actor_id)[-1])

    rows: list[Row] = []
    for path in files:
        for item in load_items(path):
            document = Document(id=f"train-{item['id']}", text=item["text"], published=item.get("published"))
            ctx = context_of(pipeline, document)
            lex = extract_events(ctx, pipeline.event_lexicon)
            coded = {e.sentence_index for e in lex}
            coded_pairs = {
                frozenset((top(e.source.id), top(e.target.id))) for e in lex if e.source and e.target
            }
            gold = {(g["source"], g["target"]): g["root"] for g in item.get("events", []) if g.get("root")}
            for s_index, sent in enumerate(ctx.doc.sents):
                for cand in candidates(ctx, sent):
                    names, dense = features(ctx, cand)
                    pair = (top(cand.source.actor.id), top(cand.target.actor.id))
                    label = gold.get(pair, NONE)
                    rows.append(
                        Row(
                            f"{path.stem}:{item['id']}",
                            names,
                            dense,
                            label,
                            s_index not in coded,
                            frozenset(pair) in coded_pairs,
                        )
                    )
    return rows


@dataclass
class Design:
    vocab: list[str]
    scale: np.ndarray


def design(rows: list[Row], min_count: int = 2) -> Design:
    counts: dict[str, int] = {}
    for r in rows:
        for n in set(r.names):
            counts[n] = counts.get(n, 0) + 1
    vocab = sorted(n for n, c in counts.items() if c >= min_count)
    dense = np.stack([r.dense for r in rows]) if rows else np.zeros((1, 2 * _DENSE_WIDTH))
    scale = dense.std(axis=0) * np.sqrt(dense.shape[1])  # every dense block adds about unit variance
    scale[scale < 1e-6] = 1.0
    return Design(vocab, scale)


def matrix(rows: list[Row], d: Design) -> np.ndarray:
    index = {n: i for i, n in enumerate(d.vocab)}
    x = np.zeros((len(rows), len(d.vocab) + 2 * _DENSE_WIDTH))
    for k, r in enumerate(rows):
        for n in r.names:
            i = index.get(n)
            if i is not None:
                x[k, i] = 1.0
        x[k, len(d.vocab) :] = r.dense / d.scale
    return x


def fit(x: np.ndarray, y: np.ndarray, n_classes: int, l2: float, steps: int = 600, lr: float = 0.5) -> tuple:
    """Softmax regression by full-batch gradient descent from zero: (weights, bias)."""
    w = np.zeros((x.shape[1], n_classes))
    b = np.zeros(n_classes)
    onehot = np.eye(n_classes)[y]
    n = len(y)
    for _ in range(steps):
        z = x @ w + b
        z -= z.max(axis=1, keepdims=True)
        p = np.exp(z)
        p /= p.sum(axis=1, keepdims=True)
        g = p - onehot
        w -= lr * (x.T @ g / n + l2 * w)
        b -= lr * g.mean(axis=0)
    return w, b


def predict(x: np.ndarray, w: np.ndarray, b: np.ndarray) -> np.ndarray:
    z = x @ w + b
    z -= z.max(axis=1, keepdims=True)
    p = np.exp(z)
    return np.asarray(p / p.sum(axis=1, keepdims=True))


def cross_validated(rows: list[Row], l2: float, folds: int = 5) -> np.ndarray:
    """Out-of-fold class probabilities, split by item so one sentence never trains its own guess."""
    items = sorted({r.item for r in rows})
    fold_of = {it: k % folds for k, it in enumerate(items)}
    probs = np.zeros((len(rows), len(CLASSES)))
    y = np.array([CLASSES.index(r.label) for r in rows])
    for k in range(folds):
        train = [i for i, r in enumerate(rows) if fold_of[r.item] != k]
        test = [i for i, r in enumerate(rows) if fold_of[r.item] == k]
        d = design([rows[i] for i in train])
        w, b = fit(matrix([rows[i] for i in train], d), y[train], len(CLASSES), l2)
        probs[test] = predict(matrix([rows[i] for i in test], d), w, b)
    return probs


def unseen_verb_accuracy(rows: list[Row], l2: float, folds: int = 5) -> tuple[float, float]:
    """Root accuracy on gold-event candidates whose verb no training fold saw, and the share of
    the commonest root: how far the context vector carries a guess to a verb the lexicon lacks."""
    verb = {id(r): next((n for n in r.names if n.startswith("v=")), "") for r in rows}
    verbs = sorted(set(verb.values()))
    fold_of = {v: k % folds for k, v in enumerate(verbs)}
    y = np.array([CLASSES.index(r.label) for r in rows])
    pred = np.zeros(len(rows), dtype=int)
    for k in range(folds):
        train = [i for i, r in enumerate(rows) if fold_of[verb[id(r)]] != k]
        test = [i for i, r in enumerate(rows) if fold_of[verb[id(r)]] == k]
        if not train or not test:
            continue
        d = design([rows[i] for i in train])
        w, b = fit(matrix([rows[i] for i in train], d), y[train], len(CLASSES), l2)
        pred[test] = predict(matrix([rows[i] for i in test], d), w, b).argmax(axis=1)
    events = y != CLASSES.index(NONE)
    if not events.any():
        return 0.0, 0.0
    commonest = float((y[events] == np.bincount(y[events]).argmax()).mean())
    return round(float((pred[events] == y[events]).mean()), 3), round(commonest, 3)


def threshold_table(rows: list[Row], probs: np.ndarray) -> list[tuple[float, int, int]]:
    """(threshold, right, wrong) of the events the fallback would add on silent sentences."""
    table = []
    for t in np.arange(0.30, 0.96, 0.05):
        right = wrong = 0
        for r, p in zip(rows, probs, strict=True):
            k = int(p.argmax())
            if not r.silent or CLASSES[k] == NONE or p[k] < t:
                continue
            if CLASSES[k] == r.label:
                right += 1
            else:
                wrong += 1
        table.append((round(float(t), 2), right, wrong))
    return table


def choose_threshold(table: list[tuple[float, int, int]], min_precision: float) -> float:
    """The lowest threshold whose cross-validated additions are at least ``min_precision`` right
    (adding nothing counts as safe); 1.01, never, when none is."""
    ok = [t for t, right, wrong in table if wrong <= (1 - min_precision) * (right + wrong)]
    return min(ok) if ok else 1.01


def export(rows: list[Row], l2: float, threshold: float, enabled: bool, cv: dict[str, Any]) -> dict[str, Any]:
    d = design(rows)
    y = np.array([CLASSES.index(r.label) for r in rows])
    w, b = fit(matrix(rows, d), y, len(CLASSES), l2)
    nv = len(d.vocab)
    return {
        "_comment": (
            "Softmax regression weights for frenemy.extract.events.classifier; "
            "regenerate with `python -m eval.train_classifier` (see docs/coding.md)."
        ),
        "classes": CLASSES,
        "threshold": threshold,
        "enabled": enabled,
        "l2": l2,
        "trained_on": [str(p.relative_to(Path(__file__).parents[1])) for p in training_files()],
        "rows": len(rows),
        "cross_validation": cv,
        "features": d.vocab,
        "scale": [round(float(v), 5) for v in d.scale],
        "bias": [round(float(v), 4) for v in b],
        "sparse": [[round(float(v), 4) for v in w[i]] for i in range(nv)],
        "dense": [[round(float(v), 4) for v in w[i]] for i in range(nv, w.shape[0])],
    }


def main(argv: list[str] | None = None) -> None:
    ap = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    ap.add_argument("--l2", type=float, default=1e-3)
    ap.add_argument("--min-precision", type=float, default=0.8)
    ap.add_argument("--enable", action="store_true", help="turn the fallback on by default")
    ap.add_argument("--threshold", type=float, help="store this threshold instead of the chosen one")
    ap.add_argument("--dry-run", action="store_true")
    args = ap.parse_args(argv)
    rows = collect_rows(training_files())
    labels = {c: sum(r.label == c for r in rows) for c in CLASSES}
    print(f"{len(rows)} candidates, {sum(r.silent for r in rows)} in uncoded sentences; labels {labels}")
    unseen, commonest = unseen_verb_accuracy(rows, args.l2)
    print(f"root accuracy on unseen verbs: {unseen} (commonest root alone: {commonest})")
    probs = cross_validated(rows, args.l2)
    table = threshold_table(rows, probs)
    for t, right, wrong in table:
        print(f"threshold {t:.2f}: adds {right} right, {wrong} wrong (cross-validated, uncoded sentences)")
    threshold = choose_threshold(table, args.min_precision)
    print(f"threshold chosen: {threshold}")
    if args.threshold is not None:
        threshold = args.threshold
        print(f"threshold stored as given: {threshold}")
    if args.dry_run:
        return
    cv = {f"{t:.2f}": [right, wrong] for t, right, wrong in table}
    OUT.write_text(json.dumps(export(rows, args.l2, threshold, args.enable, cv)) + "\n", encoding="utf-8")
    print(f"wrote {OUT}")


if __name__ == "__main__":
    main()
