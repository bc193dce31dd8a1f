"""Text-editing targets for the condenser: each (source sentences → target) pair as tags.

The condenser (LaserTagger, Malmi et al. 2019) does not write words: for every source word it
says *keep* or *delete*, and may insert one phrase from a closed vocabulary before it. So
every name, number and content word of its output comes from the sources by construction.
This module turns a pair into those tags: the words of the target are aligned to the source
words by a longest common subsequence (case and apostrophes folded); source words off the
alignment are deleted; the target words between two aligned words form the phrase inserted
before the next kept source word (or at the end). The phrase vocabulary is mined from the
pairs (the most frequent insertions, as in LaserTagger); a pair whose insertions are not all
in it cannot be taught and is counted, not kept. Written here: no library tags edits this way.
"""

from __future__ import annotations

from collections import Counter
from collections.abc import Iterable, Sequence
from dataclasses import dataclass

from summarize.text.edits import DELETE, KEEP, Edit, fold, tokens


def lcs_pairs(source: Sequence[str], target: Sequence[str]) -> list[tuple[int, int]]:
    """Index pairs (source, target) of a longest common subsequence of equal tokens.
    Quadratic, on sentences of at most a few hundred tokens (the pairs are bounded)."""
    n, m = len(source), len(target)
    table = [[0] * (m + 1) for _ in range(n + 1)]
    for i in range(n - 1, -1, -1):
        row, below = table[i], table[i + 1]
        for j in range(m - 1, -1, -1):
            row[j] = below[j + 1] + 1 if source[i] == target[j] else max(below[j], row[j + 1])
    pairs, i, j = [], 0, 0
    while i < n and j < m:
        if source[i] == target[j]:
            pairs.append((i, j))
            i, j = i + 1, j + 1
        elif table[i + 1][j] >= table[i][j + 1]:
            i += 1
        else:
            j += 1
    return pairs


def tag(source: str, target: str) -> Edit:
    """The edit that turns ``source`` into ``target`` with keeps, deletes and insertions."""
    src, tgt = tokens(source), [tok for tok, _ in tokens(target)]
    pairs = lcs_pairs([fold(tok).lower() for tok, _ in src], [fold(tok).lower() for tok in tgt])
    tags = [DELETE] * len(src)
    inserts = [""] * (len(src) + 1)
    prev = 0
    for i, j in pairs:
        tags[i] = KEEP
        if j > prev:
            inserts[i] = " ".join(tgt[prev:j])
        prev = j + 1
    if prev < len(tgt):
        inserts[-1] = " ".join(tgt[prev:])
    return Edit(src, tags, inserts)


def phrase_vocabulary(edits: Iterable[Edit], size: int = 500) -> list[str]:
    """The ``size`` most frequent inserted phrases (LaserTagger's closed vocabulary)."""
    counts: Counter[str] = Counter(fold(p) for e in edits for p in e.inserts if p)
    return [p for p, _ in counts.most_common(size)]


@dataclass
class EditStats:
    """What a phrase vocabulary covers of a set of pairs."""

    pairs: int = 0
    kept: int = 0
    deleted_share: float = 0.0
    inserted_share: float = 0.0

    def to_dict(self) -> dict:
        return {"pairs": self.pairs, "kept": self.kept,
                "coverage": round(self.kept / self.pairs, 4) if self.pairs else 0.0,
                "deleted_share": round(self.deleted_share, 4),
                "inserted_share": round(self.inserted_share, 4)}


def teachable(edits: Sequence[Edit], vocabulary: Iterable[str]) -> tuple[list[Edit], EditStats]:
    """The edits whose every insertion is in ``vocabulary``, and what share that is."""
    vocab = set(vocabulary)
    kept = [e for e in edits if all(not p or fold(p) in vocab for p in e.inserts)]
    n_words = sum(len(e.source) for e in kept) or 1  # tokens
    stats = EditStats(len(edits), len(kept),
                      sum(t == DELETE for e in kept for t in e.tags) / n_words,
                      sum(bool(p) for e in kept for p in e.inserts) / n_words)
    return kept, stats


def pair_edits(pairs: Iterable[dict]) -> list[Edit]:
    """The edits of fusion/compression pairs (``{"articles": [sentences], "target"}``, as
    ``summarize fusion-pairs`` writes them): the sources joined in order, then tagged."""
    return [tag(" ".join(p["articles"]), p["target"]) for p in pairs]
