"""Learned sentence salience for the rank stage (a linear model trained on OrangeSum train).

The hand-weighted salience of :mod:`summarize.select.rank` (centrality + position + support) is
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
from collections.abc import Sequence
from dataclasses import dataclass
from importlib import resources
from pathlib import Path

import numpy as np

from summarize.io import read_json_model, write_json_model
from summarize.select.readable import DANGLING, readable
from summarize.text.tokenize import content_words
from summarize.types import Sentence

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
    n = len(kept)
    title_words = {a: set(content_words(t)) if t else set() for a, t in titles.items()}
    counts: dict[str, int] = {}
    lead: dict[str, int] = {}
    for i, s in enumerate(kept):
        counts[s.article_id] = counts.get(s.article_id, 0) + 1
        if positions[i] == 0:
            lead.setdefault(s.article_id, i)
    out = np.zeros((n, len(FEATURES)))
    for i, s in enumerate(kept):
        words = s.text.split()
        stems = set(content_words(s.text))
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
            words[0].lower().strip(",") in DANGLING if words else False,
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
        data = read_json_model(path, "ranker.json", FEATURES, "sentence scorer",
                               ("coef", "intercept", "mean", "scale"))
        return cls(data["coef"], data["intercept"], data["mean"], data["scale"], data.get("meta"))

    def save_pretrained(self, folder: str | Path) -> Path:
        """Write ``ranker.json`` into ``folder`` atomically."""
        return write_json_model(folder, "ranker.json", {
            "features": FEATURES, "coef": self.coef, "intercept": self.intercept,
            "mean": self.mean, "scale": self.scale, "meta": self.meta or {}})


def bundled() -> Scorer:
    """The scorer shipped in ``summarize/models/fr-rank``."""
    return Scorer.from_pretrained(Path(str(resources.files("summarize") / "models" / "fr-rank")))
