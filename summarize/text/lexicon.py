"""A French word list: the vocabulary of the OrangeSum *training* split, counted once.

Used to tell real French words from invented ones: by the ``invented words`` metric (a
word in neither the sources nor the lexicon) and by source-constrained decoding. Words are
lowercased tokens of the French ROUGE tokenizer (accents kept, apostrophes and hyphens
split), letters only, seen at least ``MIN_COUNT`` times in the training articles, titles and
abstracts. The list ships with the package (``lexicon_fr.txt.gz``, derived from OrangeSum,
CC BY-SA 4.0); rebuild it with ``python -m summarize.text.lexicon --help``.
"""

from __future__ import annotations

import gzip
import hashlib
from collections import Counter
from functools import lru_cache
from pathlib import Path

from summarize.text.datasets import load_orangesum, table_parser, write_table
from summarize.text.tokenize import tokenize

LEXICON_PATH = Path(__file__).resolve().parents[1] / "lexicon_fr.txt.gz"  # in summarize/
MIN_COUNT = 3


@lru_cache(maxsize=1)
def lexicon() -> frozenset[str]:
    """The bundled word list (lowercase)."""
    with gzip.open(LEXICON_PATH, "rt", encoding="utf-8") as fh:
        return frozenset(line.strip() for line in fh if line.strip())


@lru_cache(maxsize=1)
def lexicon_hash() -> str:
    """Short content hash of the bundled list (part of metric signatures)."""
    return hashlib.sha256("\n".join(sorted(lexicon())).encode("utf-8")).hexdigest()[:8]


def build(data_dir: str | None = None, *, min_count: int = MIN_COUNT) -> list[str]:
    """Words of the abstract-train split seen at least ``min_count`` times, sorted."""
    counts: Counter[str] = Counter()
    for example in load_orangesum(data_dir, split="abstract-train"):
        for text in (example.article.text, example.abstract, example.title):
            counts.update(t for t in tokenize(text) if t.isalpha())
    return sorted(w for w, c in counts.items() if c >= min_count)


def main(argv: list[str] | None = None) -> None:
    parser = table_parser("Rebuild the bundled French lexicon from OrangeSum abstract-train.",
                          LEXICON_PATH)
    parser.add_argument("--min-count", type=int, default=MIN_COUNT)
    args = parser.parse_args(argv)
    words = build(args.data_dir, min_count=args.min_count)
    write_table(args.output, "\n".join(words) + "\n")
    print(f"{len(words)} words → {args.output}")


if __name__ == "__main__":
    main()
