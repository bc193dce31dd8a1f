"""Speed of the clean stage on OrangeSum articles (goal: 22,000 articles well under a minute).

Also reports what was removed by kind and checks that cleaning is idempotent on every article.

    python benchmarks/clean_speed.py [--limit 22000] [--data ../shared/data/orangesum]
"""

from __future__ import annotations

import argparse
import collections
import gzip
import itertools
import json
import time

from summarize.text.clean import clean_report, clean_text
from summarize.text.datasets import orangesum_dir


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--limit", type=int, default=22000, help="How many articles to clean.")
    parser.add_argument("--data", default=None, help="OrangeSum folder (default: shared copy).")
    args = parser.parse_args()
    with gzip.open(orangesum_dir(args.data) / "documents.jsonl.gz", "rt", encoding="utf-8") as fh:
        texts = [json.loads(line)["article"] for line in itertools.islice(fh, args.limit)]
    start = time.perf_counter()
    results = [clean_report(t) for t in texts]
    elapsed = time.perf_counter() - start
    chars = sum(map(len, texts))
    print(f"cleaned {len(texts)} articles ({chars / 1e6:.1f}M characters) in {elapsed:.1f} s "
          f"({len(texts) / elapsed:.0f} articles/s)")
    kinds = collections.Counter(r.kind for res in results for r in res.removed)
    removed = sum(len(r.text) for res in results for r in res.removed)
    print(f"removed {removed / chars:.2%} of the characters: {dict(kinds.most_common())}")
    unstable = sum(clean_text(r.text) != r.text for r in results)
    print(f"not idempotent: {unstable} article(s)")


if __name__ == "__main__":
    main()
