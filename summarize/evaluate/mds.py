"""OrangeSum-MDS: same-story clusters built from the OrangeSum *validation* split.

OrangeSum is single-document; several of its validation articles report the same story
on nearby days. This module groups them into multi-document items:

1. similarity: the mean of two TF-IDF cosines (French tokens, French stop words, sublinear
   tf), one of title + whole text (same topic) and one of title (twice) + the first
   ``LEAD_WORDS`` words (same event: news leads state the event);
2. candidate pairs: similarity ≥ ``threshold`` and dates at most ``max_days`` apart;
3. greedy complete-linkage merging, most similar pairs first: two groups merge only when
   *every* cross pair is a candidate and the result has at most ``max_size`` articles, so a
   chain A~B~C of drifting stories never forms; each article is in at most one cluster;
4. the reference of a cluster is its articles' abstracts in date order, near-duplicate
   abstracts (token Jaccard ≥ 0.6 with one already kept) dropped.

The clusters are data derived from OrangeSum (CC BY-SA 4.0): they are built at run time
from the shared copy and cached (never committed). Only validation splits are accepted:
the training split is what the models learnt from.
"""

from __future__ import annotations

import hashlib
import json
import os
from collections.abc import Sequence
from dataclasses import dataclass
from datetime import date
from pathlib import Path

import numpy as np

from summarize.errors import UserError
from summarize.evaluate.cache import default_cache_dir
from summarize.io import atomic_write
from summarize.text.datasets import load_orangesum, orangesum_dir
from summarize.text.tokenize import stopwords, tokenize
from summarize.types import Article

#: Defaults of the builder (the suite file may override them).
THRESHOLD = 0.2
MAX_DAYS = 5
LEAD_WORDS = 150
MAX_SIZE = 5
DUPLICATE_JACCARD = 0.6
VERSION = 1  # bump when the algorithm changes (part of the cache key)


@dataclass
class Cluster:
    """Articles on one story (date order) and the reference built from their abstracts."""

    id: str
    articles: list[Article]
    abstracts: list[str]
    similarity: float  # lowest pairwise cosine inside the cluster

    @property
    def reference(self) -> str:
        return " ".join(self.abstracts)

    def to_dict(self) -> dict:
        return {"id": self.id, "similarity": round(self.similarity, 4),
                "reference": self.reference, "abstracts": self.abstracts,
                "articles": [{"id": a.id, "title": a.title, "date": a.date, "text": a.text}
                             for a in self.articles]}


def _day(value: str | None) -> int | None:
    try:
        return date.fromisoformat(str(value)[:10]).toordinal() if value else None
    except ValueError:
        return None


def similarity_matrix(texts: Sequence[str]):
    """Sparse cosine similarities of TF-IDF vectors (French tokens, stop words removed)."""
    from sklearn.feature_extraction.text import TfidfVectorizer


    vectorizer = TfidfVectorizer(tokenizer=tokenize, lowercase=False, token_pattern=None,
                                 stop_words=sorted(stopwords()), sublinear_tf=True, max_df=0.5)
    matrix = vectorizer.fit_transform(texts)
    return (matrix @ matrix.T).tocsr()


def group(sim, days: Sequence[int | None], *, threshold: float = THRESHOLD,
          max_days: int = MAX_DAYS, max_size: int = MAX_SIZE) -> list[list[int]]:
    """Complete-linkage groups (indices, size ≥ 2) of the candidate pairs of ``sim``."""
    coo = sim.tocoo()
    keep = (coo.row < coo.col) & (coo.data >= threshold)
    pairs = {}
    for i, j, s in zip(coo.row[keep], coo.col[keep], coo.data[keep]):
        di, dj = days[i], days[j]
        if di is not None and dj is not None and abs(di - dj) <= max_days:
            pairs[(int(i), int(j))] = float(s)
    member = {i: [i] for i in range(len(days))}  # index → its group (shared list)
    for (i, j), _ in sorted(pairs.items(), key=lambda kv: (-kv[1], kv[0])):
        a, b = member[i], member[j]
        if a is b or len(a) + len(b) > max_size:
            continue
        if all((min(x, y), max(x, y)) in pairs for x in a for y in b):
            a.extend(b)
            for k in b:
                member[k] = a
    groups = {id(g): sorted(g) for g in member.values() if len(g) > 1}
    return sorted(groups.values())


def _jaccard(a: str, b: str) -> float:
    x, y = set(tokenize(a)), set(tokenize(b))
    return len(x & y) / len(x | y) if x | y else 1.0


def build_clusters(examples: Sequence, *, threshold: float = THRESHOLD, max_days: int = MAX_DAYS,
                   max_size: int = MAX_SIZE) -> list[Cluster]:
    """Clusters of OrangeSum ``Example``s (``article`` with title/date, ``abstract``)."""
    if len(examples) < 2:
        return []
    full = similarity_matrix([f"{e.article.title or ''}\n{e.article.text}" for e in examples])
    lead = similarity_matrix([f"{e.article.title or ''}\n" * 2
                              + " ".join(e.article.text.split()[:LEAD_WORDS]) for e in examples])
    sim = ((full + lead) / 2).tocsr()
    days = [_day(e.article.date) for e in examples]
    out = []
    for members in group(sim, days, threshold=threshold, max_days=max_days, max_size=max_size):
        members.sort(key=lambda i: (days[i], examples[i].id))
        abstracts: list[str] = []
        for i in members:
            text = " ".join(examples[i].abstract.split())
            if text and all(_jaccard(text, kept) < DUPLICATE_JACCARD for kept in abstracts):
                abstracts.append(text)
        if not abstracts:
            continue
        low = min(sim[i, j] for i in members for j in members if i < j)
        out.append(Cluster("mds-" + "-".join(examples[i].id for i in members),
                           [examples[i].article for i in members], abstracts, float(low)))
    return out


def _cache_key(root: Path, split: str, threshold: float, max_days: int, max_size: int) -> str:
    docs = root / "documents.jsonl.gz"
    ids = root / f"{split}.ids"
    stamp = [VERSION, split, threshold, max_days, max_size, DUPLICATE_JACCARD,
             hashlib.sha256(ids.read_bytes()).hexdigest(), docs.stat().st_size]
    return hashlib.sha256(json.dumps(stamp).encode()).hexdigest()[:16]


def load_mds(data_dir: str | os.PathLike | None = None, *, split: str = "abstract-valid",
             threshold: float = THRESHOLD, max_days: int = MAX_DAYS, max_size: int = MAX_SIZE,
             cache_dir: str | os.PathLike | None = None) -> list[Cluster]:
    """The clusters of a validation split, built once and cached as JSONL."""
    if "train" in split:
        raise UserError(f"refusing to build evaluation clusters from the training split {split!r}")
    root = orangesum_dir(data_dir)
    if not (root / f"{split}.ids").is_file():
        raise UserError(f"unknown OrangeSum split {split!r} (no {split}.ids in {root})")
    folder = Path(cache_dir or default_cache_dir()) / "datasets"
    path = folder / f"orangesum-mds-{_cache_key(root, split, threshold, max_days, max_size)}.jsonl"
    if path.is_file():
        try:
            return [_from_dict(json.loads(line)) for line in path.read_text("utf-8").splitlines()]
        except (ValueError, KeyError, TypeError):
            pass  # damaged cache: rebuild below
    clusters = build_clusters(load_orangesum(root, split=split), threshold=threshold,
                              max_days=max_days, max_size=max_size)
    text = "".join(json.dumps(c.to_dict(), ensure_ascii=False) + "\n" for c in clusters)
    try:
        atomic_write(path, text, force=True)
    except OSError:
        pass  # a read-only cache only costs a rebuild next time
    return clusters


def _from_dict(d: dict) -> Cluster:
    articles = [Article(id=a["id"], text=a["text"], title=a.get("title"), date=a.get("date"),
                        source=f"orangesum:{a['id']}") for a in d["articles"]]
    return Cluster(d["id"], articles, list(d["abstracts"]), d["similarity"])


def describe(clusters: Sequence[Cluster], sample: int = 0, seed: int = 0) -> str:
    """What was built: counts, sizes, reference lengths, and ``sample`` random clusters."""
    if not clusters:
        return "0 clusters\n"
    sizes = np.array([len(c.articles) for c in clusters])
    words = np.array([len(c.reference.split()) for c in clusters])
    lines = [f"{len(clusters)} clusters, {sizes.sum()} articles; sizes "
             + ", ".join(f"{k}: {(sizes == k).sum()}" for k in range(2, sizes.max() + 1)),
             f"reference words: mean {words.mean():.1f}, min {words.min()}, max {words.max()}",
             f"lowest within-cluster cosine: min {min(c.similarity for c in clusters):.2f}"]
    rng = np.random.default_rng(seed)
    for k in rng.choice(len(clusters), size=min(sample, len(clusters)), replace=False):
        c = clusters[int(k)]
        lines += ["", f"{c.id} (cosine ≥ {c.similarity:.2f})"]
        lines += [f"  {a.date}  {a.title}" for a in c.articles]
        lines += [f"  reference: {c.reference}"]
    return "\n".join(lines) + "\n"
