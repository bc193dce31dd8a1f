"""Learned sentence salience for the rank stage (a linear model trained on OrangeSum train).

The hand-weighted salience of :mod:`summarize.rank` (centrality + position + support) is
replaced, when a :class:`Scorer` is given, by a ridge regression over :data:`FEATURES`: the
same three signals plus the sentence's length, its overlap with the titles and with its
article's lead, names, numbers, quotes and whether it reads on its own. The target is the
sentence's ROUGE-1 + ROUGE-2 *precision* against the reference, what each word of the word
budget buys (regression on per-sentence ROUGE as in SummaRuNNer, Nallapati et al. 2017; F1
targets, tried first, reward long sentences the budget cannot afford). Training clusters are built from the *training* split the same way the
OrangeSum-MDS suite builds its validation clusters, plus single training articles, so the
weights learn both the multi-document and the single-article case.
"""

from __future__ import annotations

import math
from collections.abc import Iterable, Sequence
from dataclasses import dataclass
from pathlib import Path

import numpy as np

from summarize.types import Article, Sentence

FEATURES = ["position", "first", "second", "log_position", "relative_position", "centrality",
            "support", "multi", "length", "short", "long", "title_own", "title_any", "has_title",
            "lead_similarity", "has_number", "names", "quote", "readable", "dangling"]


def _overlap(stems: set[str], title: set[str]) -> float:
    """Share of the title's stems found in the sentence."""
    return len(stems & title) / len(title) if title else 0.0


def features(kept: Sequence[Sentence], sim: np.ndarray, positions: np.ndarray,
             centrality: np.ndarray, support: np.ndarray, titles: dict[str, str | None],
             n_articles: int) -> np.ndarray:
    """The ``len(kept) × len(FEATURES)`` matrix of the rank stage's sentences.

    ``sim`` is their TF-IDF cosine matrix, ``positions`` their index among the sentence-like
    ones of their article, ``titles`` each article's title (or None)."""
    from summarize.plan import _DANGLING, readable
    from summarize.rank import tokenize

    n = len(kept)
    title_words = {a: set(tokenize(t)) if t else set() for a, t in titles.items()}
    counts: dict[str, int] = {}
    lead: dict[str, int] = {}
    for i, s in enumerate(kept):
        counts[s.article_id] = counts.get(s.article_id, 0) + 1
        if positions[i] == 0:
            lead.setdefault(s.article_id, i)
    out = np.zeros((n, len(FEATURES)))
    for i, s in enumerate(kept):
        words = s.text.split()
        stems = set(tokenize(s.text))
        p = float(positions[i])

        own = title_words.get(s.article_id, set())
        first = lead.get(s.article_id)
        caps = sum(1 for w in words[1:] if w[:1].isupper())
        out[i] = [
            0.5 ** (p / 4.0), p == 0, p == 1, math.log1p(p), p / max(1, counts[s.article_id]),
            centrality[i], support[i], n_articles > 1, min(len(words), 80) / 40.0,
            len(words) < 10, len(words) > 40, _overlap(stems, own),
            max((_overlap(stems, t) for t in title_words.values()), default=0.0), bool(own),
            1.0 if first == i else (sim[i, first] if first is not None else 0.0),
            any(c.isdigit() for c in s.text), caps / max(1, len(words)),
            "«" in s.text or '"' in s.text, readable(s.text),
            words[0].lower().strip(",") in _DANGLING if words else False,
        ]
    return out


@dataclass
class Scorer:
    """Ridge regression over standardised :data:`FEATURES` (``ranker.json``)."""

    coef: list[float]
    intercept: float
    mean: list[float]
    scale: list[float]
    meta: dict | None = None

    def predict(self, x: np.ndarray) -> np.ndarray:
        """Predicted salience of each row, scaled to [0, 1] within the cluster."""
        if len(x) == 0:
            return np.zeros(0)
        z = (x - np.asarray(self.mean)) / np.asarray(self.scale)
        y = z @ np.asarray(self.coef) + self.intercept
        low, high = float(y.min()), float(y.max())
        return (y - low) / (high - low) if high > low else np.ones(len(y))

    @classmethod
    def from_pretrained(cls, path: str | Path) -> Scorer:
        """Load ``ranker.json`` from a folder (or the file itself)."""
        from summarize.io import read_json_model

        data = read_json_model(path, "ranker.json", FEATURES, "sentence scorer",
                               ("coef", "intercept", "mean", "scale"))
        return cls(data["coef"], data["intercept"], data["mean"], data["scale"], data.get("meta"))

    def save_pretrained(self, folder: str | Path) -> Path:
        """Write ``ranker.json`` into ``folder`` atomically."""
        from summarize.io import write_json_model

        return write_json_model(folder, "ranker.json", {
            "features": FEATURES, "coef": self.coef, "intercept": self.intercept,
            "mean": self.mean, "scale": self.scale, "meta": self.meta or {}})


def bundled() -> Scorer:
    """The scorer shipped in ``summarize/models/fr-rank``."""
    from importlib import resources

    return Scorer.from_pretrained(Path(str(resources.files("summarize") / "models" / "fr-rank")))


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
    from summarize.clean import clean_article
    from summarize.evaluate.tokenize import get_tokenizer
    from summarize.rank import rank

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

    from summarize.errors import UserError

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
    from summarize.datasets import load_orangesum
    from summarize.errors import UserError
    from summarize.evaluate.mds import build_clusters

    if not split.startswith("abstract-") or "train" not in split:
        raise UserError(f"train the sentence scorer on a training abstract split, not {split!r}")
    examples = load_orangesum(data_dir, split, limit=limit)
    for ex in examples[:singles]:
        yield [ex.article], ex.abstract
    examples.sort(key=lambda e: (e.article.date or "", e.id))
    for start in range(0, len(examples), window):
        for c in build_clusters(examples[start:start + window]):
            yield c.articles, " ".join(c.abstracts)
