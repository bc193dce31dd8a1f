"""How much of the training data a text-editing condenser could learn from (train split only).

For OrangeSum's own fusion pairs (``summarize fusion-pairs``) and for synthetic DiscoFuse
pairs (``summarize.train.discofuse``, needs ``pip install -e ".[condense]"``): how many pairs,
of which kinds, and the share a mined phrase vocabulary covers (vocabulary from one half,
coverage on the other: keep/delete/insert tags, ``summarize.train.edits``).

    python benchmarks/condense_pairs.py --fusion 3000 --synthetic 300
"""

from __future__ import annotations

import argparse
import collections
import sys
from pathlib import Path

sys.path.insert(0, str(Path(__file__).resolve().parents[1]))

from summarize.text.clean import clean_text
from summarize.text.datasets import load_orangesum
from summarize.text.segment import split_sentences
from summarize.train.edits import pair_edits, phrase_vocabulary, teachable
from summarize.train.fusionset import build


def coverage(pairs: list[dict], sizes: tuple[int, ...] = (500, 1000)) -> str:
    edits = pair_edits(pairs)
    half = len(edits) // 2
    out = []
    for size in sizes:
        _, stats = teachable(edits[half:], phrase_vocabulary(edits[:half], size))
        out.append(f"{size} phrases: {100 * stats.to_dict()['coverage']:.1f} % of {stats.pairs}")
    return "; ".join(out)


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--fusion", type=int, default=3000, help="train articles for fusion pairs")
    parser.add_argument("--synthetic", type=int, default=300, help="train articles for DiscoFuse")
    args = parser.parse_args()
    pairs = list(build("abstract-train", limit=args.fusion))
    print(f"fusion pairs of {args.fusion} train articles: {len(pairs)}; teachable: {coverage(pairs)}")
    from summarize.train.discofuse import parse, synthetic_pairs

    examples = load_orangesum(None, "abstract-train", limit=args.synthetic)
    sentences = [s for ex in examples for s in split_sentences(clean_text(ex.article.text))
                 if 8 <= len(s.split()) <= 45]
    synthetic = list(synthetic_pairs(parse(sentences)))
    kinds = collections.Counter(p["kind"] for p in synthetic)
    print(f"synthetic pairs of {args.synthetic} train articles ({len(sentences)} sentences): "
          f"{len(synthetic)} ({100 * len(synthetic) / max(1, len(sentences)):.1f} %), "
          f"{dict(kinds)}; teachable: {coverage(synthetic)}")


if __name__ == "__main__":
    main()
