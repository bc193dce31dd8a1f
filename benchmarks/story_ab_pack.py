"""A blind reading's packet for the story rule (blind reading 34): `facets` under the story
rule of ``select/story.py`` against the rule before session 30 (the cluster's own idf, cosine
0.12, written out below as the baseline), on the never-read clusters whose briefing the change
alters, in random A/B order per cluster.

    python benchmarks/story_ab_pack.py --out runs/reading-34

Writes ``ab.md`` (each cluster's articles, then briefings A and B) and ``key.json`` (which is
which). Hand the reader ``ab.md`` only.
"""

from __future__ import annotations

import argparse
import sys
from pathlib import Path

from scipy.sparse.csgraph import connected_components

ROOT = Path(__file__).resolve().parents[1]
sys.path.insert(0, str(ROOT))

from blind_pack import body, write_ab
from cluster_sets import cluster_set

from summarize.briefer import Briefer
from summarize.select import story
from summarize.select.rank import tfidf
from summarize.text.tokenize import content_words

SETS = ("fresh", "dev", "held", "held2", "held3", "held4", "held5")


BEFORE = 0.12  # the threshold before session 30


def before(articles, threshold: float | None = None) -> list[list[int]]:
    """The stories as the rule before session 30 grouped them: the cluster's own idf, cosine
    ``BEFORE`` (the threshold ``main_story`` passes, today's, is ignored)."""
    if len(articles) < 2:
        return [list(range(len(articles)))]
    matrix = tfidf([content_words(f"{a.title or ''} {a.text}") for a in articles])
    _, label = connected_components((matrix @ matrix.T) >= BEFORE, directed=False)
    groups: dict[int, list[int]] = {}
    for i, k in enumerate(label):
        groups.setdefault(int(k), []).append(i)
    return sorted(groups.values())


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--seed", type=int, default=135)
    parser.add_argument("--n", type=int, default=24)
    parser.add_argument("--out", type=Path, required=True)
    args = parser.parse_args()
    now, briefer, changed = story.stories, Briefer.from_pretrained("facets"), []
    for name in SETS:
        for cluster in cluster_set(name):
            if before(cluster.articles) == now(cluster.articles):
                continue
            story.stories = before
            old = briefer.brief(cluster.articles, id=cluster.id)
            story.stories = now
            new = briefer.brief(cluster.articles, id=cluster.id)
            if body(old) != body(new):
                changed.append((cluster, new, old))
    drawn = write_ab(args.out, changed, args.seed, args.n)
    print(f"{len(changed)} clusters changed, {drawn} drawn → {args.out}")


if __name__ == "__main__":
    main()
