"""Sentence-fusion training pairs: each abstract sentence with the article sentences it rewrites.

As in Chen & Bansal (2018), every sentence of an OrangeSum abstract is aligned to the 1-3
article sentences that cover most of its content words (greedy, stemmed). Only pairs a
model can honestly learn from are kept (Nan et al., 2021): every name and number of the
target occurs in its source sentences, and most of its content words do too. The rest
would teach invention.
"""

from __future__ import annotations

import gzip
import json
from collections.abc import Iterator, Sequence
from dataclasses import dataclass
from pathlib import Path

from summarize.errors import UserError
from summarize.text.clean import clean_text
from summarize.text.datasets import load_orangesum
from summarize.text.facts import unsupported_facts
from summarize.text.segment import split_sentences
from summarize.text.tokenize import content_words


@dataclass(frozen=True)
class FusionFilter:
    """What a kept pair must satisfy."""

    max_sources: int = 3
    min_gain: float = 0.15  # a further source sentence must cover this share more of the target
    min_coverage: float = 0.65  # share of the target's content words found in its sources
    min_words: int = 6
    max_words: int = 45
    max_source_words: int = 120


def align(target: str, sentences: Sequence[str], max_sources: int = 3,
          min_gain: float = 0.15) -> tuple[list[int], float]:
    """Greedy: indices of the sentences covering most of ``target``'s content words, and the coverage."""
    want = set(content_words(target))
    if not want:
        return [], 0.0
    bags = [set(content_words(s)) for s in sentences]
    chosen: list[int] = []
    covered: set[str] = set()
    while len(chosen) < max_sources:
        gains = [(len((b & want) - covered), -i) for i, b in enumerate(bags) if i not in chosen]
        if not gains:
            break
        gain, neg = max(gains)
        if gain / len(want) < (min_gain if chosen else 1e-9):
            break
        chosen.append(-neg)
        covered |= bags[-neg] & want
    return chosen, len(covered) / len(want)


def fusion_pairs(article: str, abstract: str, rules: FusionFilter = FusionFilter()) -> list[dict]:
    """The kept pairs of one article: ``{"articles": [source sentences], "target": ...}`` (the rows ``summarize train`` reads)."""
    sentences = split_sentences(clean_text(article))
    out = []
    for target in split_sentences(clean_text(abstract)):
        if not rules.min_words <= len(target.split()) <= rules.max_words:
            continue
        idx, coverage = align(target, sentences, rules.max_sources, rules.min_gain)
        if not idx or coverage < rules.min_coverage:
            continue
        sources = [sentences[i] for i in idx]
        if sum(len(s.split()) for s in sources) > rules.max_source_words:
            continue
        if not unsupported_facts(target, " ".join(sources)):
            out.append({"articles": sources, "target": target})
    return out


def build(split: str, data_dir: str | None = None, limit: int | None = None,
          rules: FusionFilter = FusionFilter()) -> Iterator[dict]:
    """Pairs of an OrangeSum abstract split, with the id of their article."""
    if not split.startswith("abstract-"):
        raise UserError(f"fusion pairs come from an abstract split, not {split!r}")
    for ex in load_orangesum(data_dir, split, limit=limit):
        for pair in fusion_pairs(ex.article.text, ex.abstract, rules):
            yield {"id": ex.id, **pair}


def write(pairs: Iterator[dict], path: Path) -> int:
    """Write JSONL (gzip when the name ends in .gz) atomically; the number of pairs."""
    path.parent.mkdir(parents=True, exist_ok=True)
    tmp = path.with_name(path.name + ".tmp")
    opener = gzip.open if path.suffix == ".gz" else open
    n = 0
    with opener(tmp, "wt", encoding="utf-8") as fh:
        for pair in pairs:
            fh.write(json.dumps(pair, ensure_ascii=False) + "\n")
            n += 1
    tmp.replace(path)
    return n
