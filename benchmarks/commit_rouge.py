"""ROUGE of one model at two commits on the never-read clusters: what a change did to the
briefings, per set and pooled (paired bootstrap over clusters), at 70 words.

    python benchmarks/commit_rouge.py --base 4c094e3            # facets: this checkout − 4c094e3
    python benchmarks/commit_rouge.py --base 4c094e3 --model condensed

The base commit runs from a temporary ``git worktree`` on the same serialized articles
(``commit_ab_pack.two_commits``); ``commit_ab_pack.py`` gives a blind reader the briefings that differ.
"""

from __future__ import annotations

import sys
from pathlib import Path

import numpy as np

sys.path.insert(0, str(Path(__file__).resolve().parent))

from commit_ab_pack import SETS, commit_parser, two_commits

from summarize.evaluate.rouge import score


def main() -> None:
    parser = commit_parser(__doc__)
    parser.add_argument("--max-words", type=int, default=70)
    parser.add_argument("--resamples", type=int, default=2000)
    args = parser.parse_args()
    clusters, set_of, old, new = two_commits(args.base, args.model, args.max_words)
    ids = list(clusters)
    refs = [[clusters[i].reference] for i in ids]
    scores = {name: np.asarray(score([" ".join(b[i]) for i in ids], refs, bootstrap=0).per_item)[:, :2, 2] * 100
              for name, b in (("old", old), ("new", new))}
    changed = np.array([old[i] != new[i] for i in ids])
    rng = np.random.default_rng(0)
    print(f"{args.model}: this checkout − {args.base}, {args.max_words} words, {len(ids)} never-read clusters")
    for name in (*SETS, "pooled"):
        rows = np.array([name == "pooled" or set_of[i] == name for i in ids])
        parts = []
        for k, metric in enumerate(("R-1", "R-2")):
            delta = (scores["new"][:, k] - scores["old"][:, k])[rows]
            low, high = np.percentile([rng.choice(delta, len(delta)).mean() for _ in range(args.resamples)], [2.5, 97.5])
            parts.append(f"{metric} {scores['old'][rows, k].mean():.2f} → {scores['new'][rows, k].mean():.2f}: "
                         f"{delta.mean():+.2f} [{low:+.2f}, {high:+.2f}]")
        print(f"{name:7s} n={rows.sum():3d} changed={changed[rows].sum():3d}  " + "  ".join(parts))


if __name__ == "__main__":
    main()
