"""The story rule's similarity against 160 article pairs a reader labelled one story or two
(``eval/stories/pairs.tsv``): AUC, and per threshold how many one-story pairs stay together and
how many two-story pairs are joined; the TF-IDF cosine with the training articles' idf (what
``select.story`` uses since session 30) against the cluster's own idf (before).

    python benchmarks/story_pairs.py
"""

from __future__ import annotations

import csv
import itertools
import sys
from pathlib import Path

import numpy as np

ROOT = Path(__file__).resolve().parents[1]
sys.path.insert(0, str(ROOT))

from cluster_sets import cluster_set

from summarize.select.rank import tfidf
from summarize.select.story import SAME_STORY
from summarize.text.docfreq import cosine, vector
from summarize.text.tokenize import content_words


def words(article) -> list[str]:
    return content_words(f"{article.title or ''} {article.text}")


def auc(scores: np.ndarray, same: np.ndarray) -> float:
    """P(a one-story pair scores above a two-story pair), ties counting half."""
    pos, neg = scores[same][:, None], scores[~same][None, :]
    return float(((pos > neg) + 0.5 * (pos == neg)).mean())


def main() -> None:
    with open(ROOT / "eval/stories/pairs.tsv", encoding="utf-8") as fh:
        rows = list(csv.DictReader(fh, delimiter="\t"))
    clusters = {c.id: c for name in sorted({r["set"] for r in rows}) for c in cluster_set(name)}
    own, training = [], []
    for r in rows:
        cluster = clusters[r["cluster"]].articles
        ids = [a.id for a in cluster]
        matrix = tfidf([words(a) for a in cluster])  # the cluster's own idf, as before session 30
        i, j = ids.index(r["article_a"]), ids.index(r["article_b"])
        own.append(float((matrix[i] @ matrix[j].T).toarray()[0, 0]))
        training.append(cosine(vector(words(cluster[i])), vector(words(cluster[j]))))
    same = np.array([r["story"] == "same" for r in rows])
    print(f"{len(rows)} pairs, {same.sum()} one story; the rule's threshold now {SAME_STORY}")
    for label, scores, thresholds in (("cluster's own idf", np.array(own), (0.10, 0.12, 0.14, 0.16)),
                                      ("training idf", np.array(training), (0.12, 0.14, 0.16, 0.18))):
        print(f"{label}: AUC {auc(scores, same):.3f}")
        for t in thresholds:
            joined = scores >= t
            print(f"  ≥ {t:.2f}: one-story pairs together {(joined & same).sum()}/{same.sum()}, "
                  f"two-story pairs joined {(joined & ~same).sum()}/{(~same).sum()}")
    suite = [cosine(vector(words(a)), vector(words(b))) for name in ("mds", "wide")
             for c in cluster_set(name) for a, b in itertools.combinations(c.articles, 2)]
    print(f"pairs of the MDS suites' clusters below {SAME_STORY} with the training idf: "
          f"{sum(s < SAME_STORY for s in suite)} of {len(suite)}")


if __name__ == "__main__":
    main()
