"""Speed of ``summarize.evaluate.score`` against plain ``rouge_score.RougeScorer``.

Scores LEAD-2 (first two sentences) of OrangeSum abstract-valid (1,440 pairs) against the
gold abstracts, all four ROUGE types, in the same process:

* baseline: ``RougeScorer(ROUGE_TYPES, use_stemmer=False).score(ref, pred)`` per pair, on
  texts already split one sentence per line (splitting is not timed);
* ours, ``--tokenizer rouge-score`` and ``--tokenizer fr``: splitting, scoring and a
  1,000-resample bootstrap included.

Run: ``python benchmarks/rouge_speed.py [--limit N] [--repeat R]`` (needs ../shared/data/orangesum
or $ORANGESUM_DIR). Prints the times (best of R runs) and the ratio to the baseline.
"""

from __future__ import annotations

import argparse
import sys
import time

from summarize.errors import UserError
from summarize.evaluate import ROUGE_TYPES, score
from summarize.evaluate.rouge import sentence_lines
from summarize.text.datasets import load_orangesum
from summarize.text.segment import split_sentences


def _best(fn, repeat: int) -> float:
    times = []
    for _ in range(repeat):
        start = time.perf_counter()
        fn()
        times.append(time.perf_counter() - start)
    return min(times)


def main(argv: list[str] | None = None) -> int:
    parser = argparse.ArgumentParser(description=__doc__.split("\n")[0])
    parser.add_argument("--limit", type=int, default=None, help="first N items only")
    parser.add_argument("--repeat", type=int, default=2, help="runs per variant (best kept)")
    args = parser.parse_args(argv)
    try:
        examples = load_orangesum(split="abstract-valid", limit=args.limit)
    except UserError as err:
        print(f"error: {err}", file=sys.stderr)
        return 2
    from rouge_score import rouge_scorer

    preds = [" ".join(split_sentences(ex.article.text)[:2]) for ex in examples]
    refs = [ex.abstract for ex in examples]
    pred_lines = [sentence_lines(p) for p in preds]
    ref_lines = [sentence_lines(r) for r in refs]

    def baseline() -> None:
        scorer = rouge_scorer.RougeScorer(list(ROUGE_TYPES), use_stemmer=False)
        for ref, pred in zip(ref_lines, pred_lines):
            scorer.score(ref, pred)

    def ours(tokenizer: str) -> None:
        score(preds, [[r] for r in refs], tokenizer=tokenizer, bootstrap=1000, seed=0)

    base = _best(baseline, args.repeat)
    print(f"pairs: {len(preds)}")
    print(f"plain rouge_score.RougeScorer:          {base:6.2f} s")
    for tokenizer in ("rouge-score", "fr"):
        took = _best(lambda name=tokenizer: ours(name), args.repeat)
        print(f"summarize score(tokenizer={tokenizer!r:13}): {took:6.2f} s  "
              f"ratio {took / base:.2f}x")
    return 0


if __name__ == "__main__":
    sys.exit(main())
