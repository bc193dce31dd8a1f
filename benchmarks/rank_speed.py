"""Time ``rank`` on single OrangeSum articles, as the training pipeline calls it.

Usage: ``python benchmarks/rank_speed.py [N] [--split abstract-valid]`` (default 500 articles).
Articles are cleaned first when ``summarize.text.clean`` is available (not timed). Prints the
mean and percentiles of milliseconds per article (first pass with a cold stem cache,
then a second, warm pass) and the segmentation time alone.
"""

from __future__ import annotations

import argparse
import statistics
import time

from summarize.select.rank import rank
from summarize.text.datasets import load_orangesum
from summarize.text.segment import split_sentences


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("n", nargs="?", type=int, default=500)
    parser.add_argument("--split", default="abstract-valid")
    args = parser.parse_args()

    articles = [ex.article for ex in load_orangesum(split=args.split, limit=args.n)]
    try:
        from summarize.text.clean import clean_article
    except ImportError:  # cleaning stage not available: rank the raw text
        cleaned = False
    else:
        articles = [clean_article(a) for a in articles]
        cleaned = True
    rank(articles[:5])  # warm-up: stop list, stemmer, imports

    seg_ms, n_sent = [], 0
    for article in articles:
        t0 = time.perf_counter()
        n_sent += len(split_sentences(article.text))
        seg_ms.append(1000 * (time.perf_counter() - t0))
    print(f"{len(articles)} articles ({args.split}, cleaned={cleaned}), "
          f"{n_sent / len(articles):.1f} sentences/article")
    print(f"segmentation alone: mean {statistics.mean(seg_ms):.2f} ms/article")
    # Pass 1 stems every new word (cold cache); pass 2 is the steady state of a long run.
    for label in ("cold stem cache", "warm stem cache"):
        rank_ms = []
        for article in articles:
            t0 = time.perf_counter()
            rank([article])
            rank_ms.append(1000 * (time.perf_counter() - t0))
        q = statistics.quantiles(rank_ms, n=20)
        print(f"rank ({label}): mean {statistics.mean(rank_ms):.2f} ms/article, "
              f"median {q[9]:.2f}, p95 {q[18]:.2f}, max {max(rank_ms):.2f}")


if __name__ == "__main__":
    main()
