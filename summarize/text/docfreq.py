"""Document frequencies of French content words: in how many OrangeSum *training* articles
each stem (``tokenize.content_words``) occurs.

Used to weigh words when telling whether two articles tell one story (``select.story``): a
word every article of a topic shares ("coronavirus", "gouvernement") says less than a name two
reports of one event share. A cluster's own idf cannot tell them apart (in a two-article
cluster every shared word weighs the same), so the weights come from the 20,448 training
articles. Stems seen in at least ``MIN_DF`` articles ship with the package
(``docfreq_fr.tsv.gz``, derived from OrangeSum, CC BY-SA 4.0); rebuild it with
``python -m summarize.text.docfreq --help``. Written by hand: scikit-learn's ``TfidfVectorizer``
fits its idf on the documents it is given, not on a stored table.
"""

from __future__ import annotations

import gzip
import hashlib
import math
from collections import Counter
from collections.abc import Sequence
from functools import lru_cache
from pathlib import Path

from summarize.text.datasets import load_orangesum, table_parser, write_table
from summarize.text.tokenize import content_words

DOCFREQ_PATH = Path(__file__).resolve().parents[1] / "docfreq_fr.tsv.gz"  # in summarize/
MIN_DF = 2


@lru_cache(maxsize=1)
def docfreq() -> tuple[int, dict[str, int]]:
    """The bundled table: the number of training articles, and each stem's document count."""
    with gzip.open(DOCFREQ_PATH, "rt", encoding="utf-8") as fh:
        n = int(fh.readline().split("\t")[1])
        table = {}
        for line in fh:
            word, _, count = line.rstrip("\n").partition("\t")
            table[word] = int(count)
    return n, table


@lru_cache(maxsize=1)
def table_hash() -> str:
    """Short content hash of the bundled table (part of the planners' fingerprints)."""
    return hashlib.sha256(DOCFREQ_PATH.read_bytes()).hexdigest()[:16]


def idf(word: str) -> float:
    """``1 + log((1 + N) / (1 + df))``, as scikit-learn's smoothed idf, over the training articles."""
    n, table = docfreq()
    return 1.0 + math.log((1 + n) / (1 + table.get(word, 0)))


def vector(words: Sequence[str]) -> dict[str, float]:
    """L2-normalised TF-IDF of ``words`` (tf = 1 + log(count)), idf from the training articles."""
    weights = {w: (1.0 + math.log(k)) * idf(w) for w, k in Counter(words).items()}
    norm = math.sqrt(sum(v * v for v in weights.values())) or 1.0
    return {w: v / norm for w, v in weights.items()}


def cosine(a: dict[str, float], b: dict[str, float]) -> float:
    """Cosine of two :func:`vector` results."""
    if len(b) < len(a):
        a, b = b, a
    return sum(v * b.get(w, 0.0) for w, v in a.items())


def build(data_dir: str | None = None) -> tuple[int, Counter[str]]:
    """The abstract-train split's article count and each content stem's document count."""
    counts: Counter[str] = Counter()
    n = 0
    for example in load_orangesum(data_dir, split="abstract-train"):
        article = example.article
        counts.update(set(content_words(f"{article.title or ''} {article.text}")))
        n += 1
    return n, counts


def main(argv: list[str] | None = None) -> None:
    parser = table_parser("Rebuild the bundled document frequencies from OrangeSum "
                          "abstract-train.", DOCFREQ_PATH)
    parser.add_argument("--min-df", type=int, default=MIN_DF)
    args = parser.parse_args(argv)
    n, counts = build(args.data_dir)
    rows = sorted((w, c) for w, c in counts.items() if c >= args.min_df)
    write_table(args.output, f"#articles\t{n}\n" + "".join(f"{w}\t{c}\n" for w, c in rows))
    print(f"{len(rows)} stems of {n} articles → {args.output}")


if __name__ == "__main__":
    main()
