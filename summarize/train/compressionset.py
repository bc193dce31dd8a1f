"""Sentence-compression pairs mined from OrangeSum (Filippova & Altun 2013's recipe): an
abstract sentence whose words are, in order, a subsequence of one article sentence (up to
``max_inserted`` words of its own) is that sentence compressed. The condenser learns to
delete from them (``train/edits.py`` turns each pair into keep/delete tags).

Only training splits feed training; validation pairs are for measuring (never for fitting).
Written here: no library mines compression pairs from French news.
"""

from __future__ import annotations

from collections import Counter
from collections.abc import Iterator
from dataclasses import dataclass

from summarize.text.clean import clean_text
from summarize.text.datasets import load_orangesum
from summarize.text.edits import fold
from summarize.text.segment import split_sentences
from summarize.train.edits import DELETE, Edit, tag, tokens


@dataclass(frozen=True)
class CompressionRules:
    """Which (source, target) pairs count as compressions."""

    max_inserted: int = 0  # target words outside the source's subsequence
    min_ratio: float = 0.3  # target tokens / source tokens
    max_ratio: float = 0.9
    min_target: int = 5  # tokens
    max_source: int = 80


def _words(text: str) -> Counter[str]:
    """The tokens of ``text`` as the alignment compares them (case and apostrophes folded)."""
    return Counter(fold(tok).lower() for tok, _ in tokens(text))


def compression(source: str, target: str, rules: CompressionRules = CompressionRules(),
                words: tuple[Counter[str], Counter[str]] | None = None) -> Edit | None:
    """The edit turning ``source`` into ``target`` if it is a compression under ``rules``
    (``words``: both sentences' :func:`_words`, when the caller has them)."""
    src, tgt = words or (_words(source), _words(target))
    n_src, n_tgt = src.total(), tgt.total()
    if not (rules.min_target <= n_tgt and n_src <= rules.max_source
            and rules.min_ratio <= n_tgt / max(1, n_src) <= rules.max_ratio):
        return None
    if (tgt - src).total() > rules.max_inserted:
        return None  # more target words than the source has cannot all be aligned: no alignment
    edit = tag(source, target)
    inserted = sum(len(p.split()) for p in edit.inserts if p)
    if inserted > rules.max_inserted or DELETE not in edit.tags:
        return None
    return edit


def compression_pairs(article: str, abstract: str,
                      rules: CompressionRules = CompressionRules()) -> list[tuple[str, str, Edit]]:
    """``(source sentence, abstract sentence, edit)`` for each abstract sentence that
    compresses an article sentence (the shortest such source wins)."""
    sentences = split_sentences(clean_text(article))
    counted = [_words(s) for s in sentences]
    out = []
    for target in split_sentences(clean_text(abstract)):
        words = _words(target)
        found = [(s, e) for s, c in zip(sentences, counted)
                 if (e := compression(s, target, rules, (c, words))) is not None]
        if found:
            source, edit = min(found, key=lambda f: len(f[0]))
            out.append((source, target, edit))
    return out


def mine(split: str, data_dir: str | None = None, limit: int | None = None,
         rules: CompressionRules = CompressionRules()) -> Iterator[tuple[str, str, str, Edit]]:
    """``(article id, source, target, edit)`` over an OrangeSum abstract split."""
    for ex in load_orangesum(data_dir, split, limit=limit):
        for source, target, edit in compression_pairs(ex.article.text, ex.abstract, rules):
            yield ex.id, source, target, edit
