"""Training the sentence compressor (``summarize compress-train``): which constituents an
abstract leaves out of the article sentence it is aligned to, as a logistic regression."""

from __future__ import annotations

from collections.abc import Iterable

import numpy as np

from summarize.errors import UserError
from summarize.select.compress import KINDS, Compressor, candidates, salience, span_features
from summarize.text.clean import clean_text
from summarize.text.datasets import load_orangesum
from summarize.text.segment import split_sentences
from summarize.text.tokenize import content_words
from summarize.train.fusionset import align


def aligned_spans(article: str, abstract: str, keep_share: float = 1 / 3):
    """``(sentence, span, salience, 1 = delete)`` for the candidates of the article sentences
    aligned to its abstract; a constituent is kept when the aligned abstract sentence uses at
    least ``keep_share`` of its content words."""
    sentences = split_sentences(clean_text(article))
    df = salience(sentences)
    for target in split_sentences(clean_text(abstract)):
        idx, coverage = align(target, sentences, 2)
        want = set(content_words(target))
        for i in idx if coverage >= 0.3 else []:
            for span in candidates(sentences[i]):
                words = content_words(sentences[i][span.start:span.end])
                used = sum(w in want for w in words) / len(words) if words else 0.0
                yield sentences[i], span, df, int(used < keep_share)


def labelled(article: str, abstract: str, keep_share: float = 1 / 3):
    """Training rows of one article: (features, 1 = delete), see :func:`aligned_spans`."""
    return [(span_features(sentence, span, df), label)
            for sentence, span, df, label in aligned_spans(article, abstract, keep_share)]


def train(examples: Iterable[tuple[str, str]], c: float = 1.0) -> Compressor:
    """Fit the deletion model on (article, abstract) pairs of a *training* split."""
    from sklearn.linear_model import LogisticRegression

    rows = [r for article, abstract in examples for r in labelled(article, abstract)]
    if not rows:
        raise UserError("no deletable constituent in the training examples")
    x = np.array([r[0] for r in rows])
    y = np.array([r[1] for r in rows])
    if len(set(y.tolist())) < 2:
        raise UserError("the training examples need both deleted and kept constituents")
    model = LogisticRegression(C=c, max_iter=2000).fit(x, y)
    counts = {k: int(x[:, i].sum()) for i, k in enumerate(KINDS)}
    meta = {"rows": len(rows), "delete_share": round(float(y.mean()), 4), "per_kind": counts,
            "train_accuracy": round(float(model.score(x, y)), 4), "C": c}
    return Compressor([round(float(v), 6) for v in model.coef_[0]],
                      round(float(model.intercept_[0]), 6), 0.5, meta)


def train_split(split: str = "abstract-train", data_dir: str | None = None,
                limit: int | None = None, c: float = 1.0) -> Compressor:
    """:func:`train` on an OrangeSum *training* split (``summarize compress-train``)."""
    if not split.startswith("abstract-") or "train" not in split:
        raise UserError(f"train the compressor on a training abstract split, not {split!r}")
    out = train(((ex.article.text, ex.abstract) for ex in load_orangesum(data_dir, split, limit=limit)), c)
    out.meta = {**(out.meta or {}), "split": split, "limit": limit}
    return out
