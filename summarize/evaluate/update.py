"""The update suite (TAC 2008's update task) built at run time from OrangeSum *validation*.

Items are same-story clusters (``mds.build_clusters``, with looser settings than the MDS
suite: OrangeSum-valid holds few stories of three articles) of at least 3 articles on at
least 2 days. The reader has seen the **previous** articles (those before the latest day);
the **new** ones are the latest day's; the reference is the new articles' abstracts.

Systems, at the same word budget:

- ``update``: ``facets`` on all the articles, the previous ones marked seen (``--since``);
- ``facets (new only)``: ``facets`` on the new articles alone;
- ``facets (all)``: ``facets`` on all the articles, as if nothing had been seen.

Reported: ROUGE-1/2/L (French tokens) with 95 % bootstrap intervals, the paired difference
of ``update`` against each anchor, and the share of output sentences whose fact the previous
articles already gave, two ways: TF-IDF cosine ≥ the planner's facet similarity to a
previous sentence (the planner's own criterion, so it favours ``update`` by construction),
and ≥ 70 % of the sentence's content words in one previous sentence (a criterion the planner
does not use). Lower is better for both.
"""

from __future__ import annotations

import os
from collections.abc import Sequence
from dataclasses import dataclass, replace

import numpy as np

from summarize.brief import make_briefings
from summarize.evaluate.mds import load_mds
from summarize.evaluate.rouge import bootstrap_ci, score
from summarize.select.chrono import days_of
from summarize.select.plan import SIMILARITY
from summarize.select.rank import tfidf
from summarize.seq2seq.loader import load_summarizer
from summarize.text.clean import clean_article
from summarize.text.datasets import load_orangesum
from summarize.text.segment import split_sentences
from summarize.text.tokenize import content_words
from summarize.types import Article

#: Cluster settings of the update suite (the MDS suite's are 0.2 / 5 / 5).
THRESHOLD, MAX_DAYS, MAX_SIZE = 0.1, 10, 8
MAX_WORDS = 35  # the reference is one or two abstracts: the single-article budget
CONTAINMENT = 0.7


@dataclass
class UpdateItem:
    """A story: the articles already seen, the latest day's, and the latter's abstracts."""

    id: str
    previous: list[Article]
    new: list[Article]
    reference: str


def build_update(data_dir: str | os.PathLike | None = None, *, split: str = "abstract-valid",
                 threshold: float = THRESHOLD, max_days: int = MAX_DAYS, max_size: int = MAX_SIZE,
                 cache_dir: str | os.PathLike | None = None) -> list[UpdateItem]:
    """The update items of a validation split (the training split is refused by ``load_mds``)."""
    clusters = load_mds(data_dir, split=split, threshold=threshold, max_days=max_days,
                        max_size=max_size, cache_dir=cache_dir)
    abstracts = {e.id: " ".join(e.abstract.split()) for e in load_orangesum(data_dir, split=split)}
    items = []
    for cluster in clusters:
        days = days_of(cluster.articles)
        known = [d for d in days.values() if d is not None]
        if len(cluster.articles) < 3 or len(set(known)) < 2 or len(known) < len(days):
            continue
        latest = max(known)
        new = [a for a in cluster.articles if days[a.id] == latest]
        reference = " ".join(abstracts[a.id] for a in new if abstracts.get(a.id))
        if reference:
            items.append(UpdateItem(cluster.id, [a for a in cluster.articles if a not in new],
                                    new, reference))
    return items


def repeated(sentences: Sequence[str], previous: Sequence[Article]) -> tuple[float, float]:
    """Shares of ``sentences`` already said by ``previous``: (cosine ≥ the facet similarity,
    ≥ ``CONTAINMENT`` of the content words in one previous sentence)."""
    if not sentences:
        return 0.0, 0.0
    before = [s for a in previous for s in split_sentences(clean_article(a).text)]
    bags = [content_words(s) for s in [*sentences, *before]]
    matrix = tfidf(bags)
    n = len(sentences)
    cos = (matrix[:n] @ matrix[n:].T).toarray() if before else np.zeros((n, 1))
    by_cos = float(np.mean(cos.max(axis=1) >= SIMILARITY))
    sets = [set(b) for b in bags]
    by_words = float(np.mean([any(len(sets[i] & sets[n + j]) >= CONTAINMENT * len(sets[i])
                                  for j in range(len(before))) if sets[i] else False
                              for i in range(n)]))
    return by_cos, by_words


SYSTEMS = ("update", "facets (new only)", "facets (all)")


def run_update(items: Sequence[UpdateItem], *, max_words: int = MAX_WORDS,
               bootstrap: int = 1000) -> dict:
    """Each system's briefings scored: ROUGE with intervals, paired differences, repeats."""
    summarizer = load_summarizer("facets", max_words=max_words)
    inputs = {
        "update": [(i.id, [replace(a, seen=True) for a in i.previous] + i.new) for i in items],
        "facets (new only)": [(i.id, list(i.new)) for i in items],
        "facets (all)": [(i.id, i.previous + i.new) for i in items],
    }
    out: dict = {"n": len(items), "max_words": max_words, "systems": {}}
    for name in SYSTEMS:
        briefings = {b.cluster_id: b for b in make_briefings(inputs[name], summarizer)}
        preds = [briefings[i.id].summary if i.id in briefings else "" for i in items]
        result = score(preds, [[i.reference] for i in items], bootstrap=bootstrap,
                       ids=[i.id for i in items])
        reps = np.array([repeated([s.text for s in briefings[i.id].sentences if s.origin != "headline"]
                                  if i.id in briefings else [], i.previous) for i in items])
        out["systems"][name] = {"rouge": result, "repeated": reps,
                                "words": float(np.mean([len(p.split()) for p in preds]))}
    base = out["systems"]["update"]["rouge"].per_item[:, :, 2]
    for name in SYSTEMS[1:]:
        diff = base - out["systems"][name]["rouge"].per_item[:, :, 2]
        low, high = bootstrap_ci(diff, bootstrap) if bootstrap else (diff.mean(0), diff.mean(0))
        out["systems"][name]["diff"] = (diff.mean(0), low, high)
    return out


def table(result: dict) -> str:
    """The result as a Markdown table (F1 × 100, 95 % intervals)."""
    lines = [f"{result['n']} items, {result['max_words']} words",
             ("| system | R-1 | R-2 | R-L | update − system (R-1 / R-2) | repeated (cosine) | "
              "repeated (70 % words) | words |"), "|---|---|---|---|---|---|---|---|"]
    for name in SYSTEMS:
        s = result["systems"][name]
        r = s["rouge"]
        cells = []
        for t in ("rouge1", "rouge2", "rougeL"):
            i = r.types.index(t)
            mean = r.per_item[:, i, 2].mean() * 100
            low, high = r.ci.get(t, {}).get("f1", (mean / 100, mean / 100))
            cells.append(f"{mean:.2f} [{low * 100:.1f}, {high * 100:.1f}]")
        if "diff" in s:
            mean, low, high = s["diff"]
            i1, i2 = r.types.index("rouge1"), r.types.index("rouge2")
            diff = (f"{mean[i1] * 100:+.2f} [{low[i1] * 100:+.1f}, {high[i1] * 100:+.1f}] / "
                    f"{mean[i2] * 100:+.2f} [{low[i2] * 100:+.1f}, {high[i2] * 100:+.1f}]")
        else:
            diff = "—"
        rep = s["repeated"].mean(axis=0) * 100 if len(s["repeated"]) else np.zeros(2)
        lines.append(f"| {name} | {' | '.join(cells)} | {diff} | {rep[0]:.1f} % | {rep[1]:.1f} % "
                     f"| {s['words']:.1f} |")
    return "\n".join(lines) + "\n"
