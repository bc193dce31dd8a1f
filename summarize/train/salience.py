"""Training the sentence scorer of the rank stage (``summarize rank-train``): ridge
regression of each sentence's ROUGE-1 + ROUGE-2 precision against the reference, on
clusters built from a *training* split as the MDS suite builds its validation clusters."""

from __future__ import annotations

from collections.abc import Iterable, Sequence

import numpy as np

from summarize.errors import UserError
from summarize.evaluate.mds import build_clusters
from summarize.select.rank import rank
from summarize.select.salience import FEATURES, Scorer
from summarize.text.clean import clean_article
from summarize.text.datasets import load_orangesum
from summarize.text.tokenize import get_tokenizer
from summarize.types import Article


def _grams(tokens: list[str], n: int) -> dict:
    out: dict = {}
    for i in range(len(tokens) - n + 1):
        key = tuple(tokens[i:i + n])
        out[key] = out.get(key, 0) + 1
    return out


def _precision(pred: dict, ref: dict) -> float:
    """Share of ``pred``'s n-grams found in ``ref`` (clipped counts)."""
    total = sum(pred.values())
    return sum(min(c, ref.get(g, 0)) for g, c in pred.items()) / total if total else 0.0


def labelled(articles: Sequence[Article], reference: str) -> tuple[np.ndarray, np.ndarray]:
    """Features and targets of the sentences the rank stage scores in one cluster: the
    share of a sentence's words plus the share of its word pairs found in ``reference``
    (ROUGE-1 + ROUGE-2 precision, French tokens): what each word of the budget buys."""
    tok = get_tokenizer("fr", False)
    ref = list(tok.tokenize(reference))
    ref1, ref2 = _grams(ref, 1), _grams(ref, 2)
    rows: dict = {}
    ranked = rank([clean_article(a) for a in articles], features_out=rows)
    if not ranked:
        return np.zeros((0, len(FEATURES))), np.zeros(0)
    y = []
    for s in rows["sentences"]:
        words = list(tok.tokenize(s.text))
        y.append(_precision(_grams(words, 1), ref1) + _precision(_grams(words, 2), ref2))
    return rows["x"], np.array(y)


def train(clusters: Iterable[tuple[Sequence[Article], str]], alpha: float = 1.0) -> Scorer:
    """Fit the scorer on (articles, reference) pairs of a *training* split."""
    from sklearn.linear_model import Ridge


    xs, ys = [], []
    for articles, reference in clusters:
        x, y = labelled(articles, reference)
        xs.append(x)
        ys.append(y)
    if not xs or sum(len(y) for y in ys) < len(FEATURES):
        raise UserError("too few training sentences to fit the sentence scorer")
    x, y = np.vstack(xs), np.concatenate(ys)
    mean, scale = x.mean(axis=0), x.std(axis=0)
    scale[scale == 0] = 1.0
    model = Ridge(alpha=alpha).fit((x - mean) / scale, y)
    meta = {"sentences": len(y), "clusters": len(xs), "alpha": alpha,
            "r2": round(float(model.score((x - mean) / scale, y)), 4)}
    return Scorer([round(float(c), 6) for c in model.coef_], round(float(model.intercept_), 6),
                  [round(float(m), 6) for m in mean], [round(float(s), 6) for s in scale], meta)


def train_split(split: str = "abstract-train", data_dir: str | None = None,
                limit: int | None = None, alpha: float = 1.0) -> Scorer:
    """:func:`train` on :func:`training_clusters` of a *training* split (``summarize rank-train``)."""
    out = train(training_clusters(split, data_dir, limit), alpha)
    out.meta = {**(out.meta or {}), "split": split, "limit": limit}
    return out


def training_clusters(split: str = "abstract-train", data_dir: str | None = None,
                      limit: int | None = None, window: int = 1500, singles: int = 2000):
    """(articles, reference) pairs from a training split: same-story clusters built as the
    MDS suite builds them (within ``window`` articles in date order), then ``singles``
    single articles with their abstracts."""
    if not split.startswith("abstract-") or "train" not in split:
        raise UserError(f"train the sentence scorer on a training abstract split, not {split!r}")
    examples = load_orangesum(data_dir, split, limit=limit)
    for ex in examples[:singles]:
        yield [ex.article], ex.abstract
    examples.sort(key=lambda e: (e.article.date or "", e.id))
    for start in range(0, len(examples), window):
        for c in build_clusters(examples[start:start + window]):
            yield c.articles, " ".join(c.abstracts)
