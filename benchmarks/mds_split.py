"""Two models on the wider multi-document suite (``eval/suites/orangesum-mds-wide.toml``: 82
validation clusters), the ROUGE difference split by whether ``orangesum-mds`` (50 clusters, the
ones past sessions read and tuned the condenser on) holds the cluster: a gain measured on the
tuned clusters alone can be luck (session 25). Paired bootstrap intervals over clusters.

    python benchmarks/mds_split.py [--base facets] [--model condensed] [--resamples 2000]
    python benchmarks/mds_split.py --threshold 0.12 --max-days 10 --tuned-suites 2

``--set dev`` (or ``held``, ``fresh``; ``cluster_sets.py``) scores one set of clusters built from
articles no earlier set holds, all of it; several sets give a row each and one pooled over all
their clusters (the sets share no article):

    python benchmarks/mds_split.py --set held
    python benchmarks/mds_split.py --set fresh dev held held2 held3 held4 held5

``--threshold``/``--max-days`` build a looser suite (0.12 and 10 days: 129 clusters, more of them
on one topic than one story); ``--tuned-suites 2`` counts as tuned a cluster that shares an
article with ``orangesum-mds`` or ``orangesum-mds-wide`` (session 26: the wide suite was read
and tuned on too), so "not in it" holds only articles no session has read.
"""

from __future__ import annotations

import argparse
import sys
from pathlib import Path

import numpy as np

ROOT = Path(__file__).resolve().parents[1]
sys.path.insert(0, str(ROOT))

from cluster_sets import NAMES, cluster_set

from summarize.briefer import Briefer
from summarize.evaluate.mds import load_mds
from summarize.evaluate.rouge import score


def members(cluster) -> tuple[str, ...]:
    return tuple(sorted(a.id for a in cluster.articles))


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--base", default="facets")
    parser.add_argument("--model", default="condensed")
    parser.add_argument("--resamples", type=int, default=2000)
    parser.add_argument("--threshold", type=float, default=0.15)
    parser.add_argument("--max-days", type=int, default=7)
    parser.add_argument("--tuned-suites", type=int, choices=(1, 2), default=1,
                        help="1: orangesum-mds's clusters are the tuned ones; 2: any cluster sharing an "
                             "article with orangesum-mds or orangesum-mds-wide")
    parser.add_argument("--set", nargs="+", choices=NAMES,
                        help="score these sets of clusters instead, whole, and pooled (cluster_sets.py)")
    args = parser.parse_args()
    tuned = {members(c) for c in load_mds()}
    sets = {name: cluster_set(name) for name in args.set or ()}
    wide = [c for clusters in sets.values() for c in clusters] if sets else \
        load_mds(threshold=args.threshold, max_days=args.max_days)
    if sets:
        inside = np.zeros(len(wide), dtype=bool)
    elif args.tuned_suites == 1:
        inside = np.array([members(c) in tuned for c in wide])
    else:
        read = {i for c in [*load_mds(), *load_mds(threshold=0.15, max_days=7)] for i in members(c)}
        inside = np.array([bool(read & set(members(c))) for c in wide])
    scores, texts = {}, {}
    for name in (args.base, args.model):
        briefer = Briefer.from_pretrained(name)
        texts[name] = [" ".join(s.text for s in briefer.brief(c.articles, max_words=70).sentences) for c in wide]
        result = score(texts[name], [[c.reference] for c in wide], bootstrap=0)
        scores[name] = np.asarray(result.per_item)[:, :2, 2] * 100  # F1 per cluster
    rng = np.random.default_rng(0)
    changed = np.array([a != b for a, b in zip(texts[args.base], texts[args.model])])
    tuned_label = "in orangesum-mds" if args.tuned_suites == 1 else "read before"
    print(f"{args.model} − {args.base}, 70 words, {len(wide)} clusters ({inside.sum()} {tuned_label})")
    groups = [(tuned_label, inside), ("not in it", ~inside), ("all", np.ones_like(inside))]
    if sets:
        ends = np.cumsum([len(c) for c in sets.values()])
        groups = [(name, (np.arange(len(wide)) >= end - len(sets[name])) & (np.arange(len(wide)) < end))
                  for name, end in zip(sets, ends)] + ([("pooled", np.ones_like(inside))] if len(sets) > 1 else [])
    for label, rows in groups:
        if not rows.any():
            continue
        for k, metric in enumerate(("R-1", "R-2")):
            delta = (scores[args.model][:, k] - scores[args.base][:, k])[rows]
            means = [rng.choice(delta, len(delta)).mean() for _ in range(args.resamples)]
            low, high = np.percentile(means, [2.5, 97.5])
            print(f"{label:17s} n={rows.sum():3d} {metric} {scores[args.base][rows, k].mean():.2f} → "
                  f"{scores[args.model][rows, k].mean():.2f}: {delta.mean():+.2f} [{low:+.2f}, {high:+.2f}], "
                  f"{changed[rows].sum()} briefings changed")


if __name__ == "__main__":
    main()
