"""Which articles of a cluster tell its main story, and which tell another one.

A folder may hold an article on another story of the same topic (blind readings 25-27, on
clusters built loosely: the Stonehaven derailment inside a briefing on an earthquake in the
Philippines, a Greek-Turkish standoff under a Belarus headline). Said in one briefing, that
article's sentences read as the main story's: "La situation s'est détériorée…", "L'affaire
rappelle…", "l'homme a été interpellé". Two articles tell one story when their TF-IDF cosine
(content words of title and text, the idf of the training articles: ``text.docfreq``) reaches
``SAME_STORY``; stories are the connected components of that graph, so a story told over
several days that drifts (A ~ B ~ C) stays one. The main story is the one most articles tell
(in an update, most unseen ones), ties broken by the best ranked sentence. scipy's
``connected_components`` groups the articles.
"""

from __future__ import annotations

from collections.abc import Sequence
from itertools import combinations

import numpy as np
from scipy.sparse.csgraph import connected_components

from summarize.text.docfreq import cosine, vector
from summarize.text.tokenize import content_words
from summarize.types import Article, RankedSentence

#: Article pairs on one story. Session 30: every pair of the 50 clusters of the MDS suite is
#: above 0.21, 88 of the 92 pairs of its wider build above 0.16; of 160 pairs of the looser
#: never-read sets a reader labelled (17 one story), 0.16 keeps 12 of the 17 together and joins
#: 27 of the 143 others, where the cluster's own idf (0.12) joined 68 for the same 12 (AUC 0.80
#: against 0.70; ``benchmarks/story_pairs.py``).
SAME_STORY = 0.16
#: The planners' ``stories`` setting: the main story only, or every article's.
STORIES = ("main", "all")


def stories(articles: Sequence[Article], threshold: float = SAME_STORY) -> list[list[int]]:
    """Indices of ``articles`` grouped by story (connected components of the pairs whose
    cosine reaches ``threshold``), each in input order, the groups by their first article."""
    if len(articles) < 2:
        return [list(range(len(articles)))]
    vectors = [vector(content_words(f"{a.title or ''} {a.text}")) for a in articles]
    similar = np.zeros((len(vectors), len(vectors)), dtype=bool)
    for i, j in combinations(range(len(vectors)), 2):  # each pair once: the graph is undirected
        similar[i, j] = cosine(vectors[i], vectors[j]) >= threshold
    _, label = connected_components(similar, directed=False)
    groups: dict[int, list[int]] = {}
    for i, k in enumerate(label):
        groups.setdefault(int(k), []).append(i)
    return sorted(groups.values())


def main_story(articles: Sequence[Article], ranked: Sequence[RankedSentence],
               threshold: float = SAME_STORY) -> tuple[list[Article], list[Article]]:
    """The articles of the main story and those of the others (see the module docstring):
    the story most unseen articles tell (``Article.seen``: an update briefing's news), then
    most articles, else the one with the best ranked sentence. A seen article always stays: an
    update says what is new against everything the reader knows."""
    groups = stories(articles, threshold)
    if len(groups) == 1:
        return list(articles), []
    best = {r.article_id: k for k, r in reversed(list(enumerate(ranked)))}  # an article's best rank
    first = {i: best.get(a.id, len(ranked)) for i, a in enumerate(articles)}
    main = min(groups, key=lambda g: (-sum(not articles[i].seen for i in g),  # an update: the news's story
                                      -len(g), min(first[i] for i in g)))
    keep = set(main) | {i for i, a in enumerate(articles) if a.seen}  # what the reader knows stays known
    return [a for i, a in enumerate(articles) if i in keep], [a for i, a in enumerate(articles) if i not in keep]


def focus(articles: Sequence[Article], ranked: Sequence[RankedSentence], notes: list[str]
          ) -> tuple[list[Article], list[RankedSentence]]:
    """The main story's articles and ranked sentences; the other stories' articles named, in
    French, in ``notes`` (the briefing's packing notes)."""
    told, others = main_story(articles, ranked)
    if others:
        ids = {a.id for a in told}
        ranked = [r for r in ranked if r.article_id in ids]
        notes.append("laissé de côté, une autre histoire : " + " ; ".join(
            f"« {a.title} »" if a.title else a.id for a in others))
    return told, list(ranked)
