"""Does the pretrained e5 encoder earn its place in the condenser? Measured on the deletion
decision of the compress operation, with everything else equal.

Rows are the deletable constituents (``select.compress.candidates``) of the article sentences
aligned to their abstract, labelled "delete" when the abstract sentence does not use their
content words (``train.compress.labelled``'s labels): OrangeSum abstract-train to fit,
abstract-valid to measure. Four logistic regressions (standardised features, C chosen by
3-fold cross-validation on the training rows, ROC AUC):

- ``hand``: the bundled compressor's 18 hand features (kind, size, salience…);
- ``e5 + hand``: + the span's mean multilingual-e5-small state and the sentence's (768 more);
- ``random + hand``: the same with the same encoder randomly initialised (the ablation);
- ``e5``: the encoder's features alone.

    python benchmarks/condense_encoder.py [--train 20000] [--valid 1440]

Prints validation accuracy, ROC AUC and F1 of "delete" against the majority class.
"""

from __future__ import annotations

import argparse
import sys
import time
from pathlib import Path

import numpy as np

sys.path.insert(0, str(Path(__file__).resolve().parents[1]))

from summarize.select.compress import span_features
from summarize.text.datasets import load_orangesum
from summarize.train.compress import aligned_spans


def rows_of(split: str, limit: int | None, keep_share: float = 1 / 3):
    """(sentence, span, hand features, 1 = delete) as ``train.compress.labelled`` builds them."""
    return [(sentence, span, span_features(sentence, span, df), label)
            for ex in load_orangesum(None, split, limit=limit)
            for sentence, span, df, label in aligned_spans(ex.article.text, ex.abstract, keep_share)]


def encoder_features(model, tokenizer, rows) -> np.ndarray:
    """Mean final state over the span's pieces and over the sentence's, per row."""
    import torch

    cache: dict[str, np.ndarray] = {}
    sentences = sorted({r[0] for r in rows})
    for k in range(0, len(sentences), 32):
        batch = sentences[k:k + 32]
        ids = [tokenizer(s)[:256] for s in batch]
        width = max(len(i) for i in ids)
        pad = tokenizer.special["pad"]
        x = torch.tensor([i + [pad] * (width - len(i)) for i in ids])
        mask = (x != pad).long()
        with torch.no_grad():
            states = model(input_ids=x, attention_mask=mask).last_hidden_state.numpy()
        for s, i, st in zip(batch, ids, states):
            cache[s] = st[:len(i)]
    feats = []
    for sentence, span, _, _ in rows:
        st = cache[sentence]
        a = len(tokenizer(sentence[:span.start])) - 1  # pieces before the span (the final </s> off)
        b = max(a + 1, len(tokenizer(sentence[:span.end])) - 1)
        a, b = min(a, len(st) - 2), min(b, len(st) - 1)
        feats.append(np.concatenate([st[a:b].mean(0), st[1:-1].mean(0)]))
    return np.array(feats)


def score(name: str, xtr, ytr, xva, yva) -> str:
    from sklearn.linear_model import LogisticRegressionCV
    from sklearn.metrics import f1_score, roc_auc_score
    from sklearn.pipeline import make_pipeline
    from sklearn.preprocessing import StandardScaler

    model = make_pipeline(StandardScaler(), LogisticRegressionCV(
        Cs=[0.0003, 0.001, 0.003, 0.01, 0.03, 0.1, 1.0], cv=3, scoring="roc_auc",
        max_iter=3000)).fit(xtr, ytr)
    p = model.predict_proba(xva)[:, 1]
    acc = float(((p >= 0.5) == yva).mean())
    rng = np.random.default_rng(0)
    boot = []
    for _ in range(1000):
        k = rng.integers(0, len(yva), len(yva))
        boot.append(((p[k] >= 0.5) == yva[k]).mean())
    low, high = np.percentile(boot, [2.5, 97.5])
    return (f"| {name} | {acc:.1%} [{low:.1%}, {high:.1%}] | {roc_auc_score(yva, p):.3f} | "
            f"{f1_score(yva, p >= 0.5):.3f} |")


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--train", type=int, default=20000)
    parser.add_argument("--valid", type=int, default=1440)
    args = parser.parse_args()
    import torch
    from transformers import BertModel

    from summarize.seq2seq.e5 import read_e5, to_transformers

    torch.manual_seed(0)
    t0 = time.time()
    train, valid = rows_of("abstract-train", args.train), rows_of("abstract-valid", args.valid)
    ytr, yva = np.array([r[3] for r in train]), np.array([r[3] for r in valid])
    htr, hva = np.array([r[2] for r in train]), np.array([r[2] for r in valid])
    print(f"{len(train)} train rows, {len(valid)} validation rows "
          f"(delete share {yva.mean():.1%}); {time.time() - t0:.0f} s", file=sys.stderr)
    e5, tokenizer = to_transformers(read_e5())
    random = BertModel(e5.config, add_pooling_layer=False).eval()  # same shape, random weights
    lines = ["| features | accuracy [95 % CI] | ROC AUC | F1 (delete) |", "|---|---|---|---|",
             (f"| majority (delete) | {yva.mean():.1%} | 0.500 | "
              f"{2 * yva.mean() / (1 + yva.mean()):.3f} |"),
             score("hand", htr, ytr, hva, yva)]
    for name, model in (("e5", e5), ("random", random)):
        ftr, fva = encoder_features(model, tokenizer, train), encoder_features(model, tokenizer, valid)
        print(f"{name} features: {time.time() - t0:.0f} s", file=sys.stderr)
        lines.append(score(f"{name} + hand", np.hstack([ftr, htr]), ytr, np.hstack([fva, hva]), yva))
        if name == "e5":
            lines.append(score("e5", ftr, ytr, fva, yva))
    print("\n".join(lines))


if __name__ == "__main__":
    main()
