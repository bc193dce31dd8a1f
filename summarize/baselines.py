"""Baseline summarizers: ``lead-1``, ``lead-2`` and ``extractive``.

* ``lead-k``: the first k sentences of the cleaned article (of the first article of a
  multi-article cluster), the classic news baseline.
* ``extractive``: the ranker's sentences (MMR order, duplicates merged) taken while they
  fit in ``max_words`` words (the briefing's budget), then laid out in source order.

Their fingerprints hash the name, the settings and the source code of the stages they use,
so cached generations are invalidated when cleaning, segmentation or ranking change.
"""

from __future__ import annotations

import hashlib
import importlib.util
import json
from pathlib import Path

from summarize.errors import UserError
from summarize.types import Article, Summarizer

#: Default word budget of the briefing (and of the ``extractive`` baseline).
DEFAULT_MAX_WORDS = 60

_STAGES = {
    "lead": ("summarize.clean", "summarize.segment", "summarize.baselines"),
    "extractive": ("summarize.clean", "summarize.segment", "summarize.rank", "summarize.pack",
                   "summarize.baselines"),
}


def code_hash(modules: tuple[str, ...]) -> str:
    """Hash of the source code of ``modules`` (cached outputs die when the code changes).

    The files are read without importing them (importing ``summarize.modeling`` alone would
    pull in torch and transformers).
    """
    digest = hashlib.sha256()
    for name in modules:
        digest.update(name.encode())
        digest.update(Path(importlib.util.find_spec(name).origin).read_bytes())
    return digest.hexdigest()


def _fingerprint(kind: str, settings: dict) -> str:
    payload = json.dumps({"baseline": kind, "settings": settings, "code": code_hash(_STAGES[kind])},
                         sort_keys=True)
    return hashlib.sha256(payload.encode("utf-8")).hexdigest()


def count_words(texts: list[str]) -> list[int]:
    """Whitespace-separated words per text (the briefing's word budget unit)."""
    return [len(t.split()) for t in texts]


class LeadSummarizer(Summarizer):
    """The first ``k`` sentences of the (first) cleaned article."""

    def __init__(self, k: int) -> None:
        if k < 1:
            raise UserError("lead-k needs k >= 1")
        self.k = k
        self.name = f"lead-{k}"

    def fingerprint(self) -> str:
        return _fingerprint("lead", {"k": self.k})

    def summarize(self, clusters: list[list[Article]]) -> list[str]:
        from summarize.clean import clean_article
        from summarize.segment import split_sentences

        out = []
        for cluster in clusters:
            if not cluster:
                out.append("")
                continue
            sentences = split_sentences(clean_article(cluster[0]).text)
            out.append(" ".join(sentences[: self.k]))
        return out


class ExtractiveSummarizer(Summarizer):
    """Top-ranked sentences of the cluster within ``max_words`` words, in source order."""

    name = "extractive"

    def __init__(self, max_words: int = DEFAULT_MAX_WORDS) -> None:
        if isinstance(max_words, bool) or not isinstance(max_words, int) or max_words < 1:
            raise UserError(f"max_words must be a positive integer, not {max_words!r}")
        self.max_words = max_words

    def fingerprint(self) -> str:
        return _fingerprint("extractive", {"max_words": self.max_words})

    def summarize(self, clusters: list[list[Article]]) -> list[str]:
        from summarize.clean import clean_article
        from summarize.pack import pack
        from summarize.rank import rank

        out = []
        for cluster in clusters:
            cleaned = [clean_article(a) for a in cluster]
            ranked = rank(cleaned) if cleaned else []
            packed = pack(ranked, count_words, self.max_words, order="source",
                          article_order=[a.id for a in cleaned])
            out.append(packed.text)
        return out


def load(name: str, **settings) -> Summarizer:
    """Build baseline ``name``; settings that do not apply to it (e.g. ``beams``) are ignored."""
    if name in ("lead-1", "lead-2"):
        return LeadSummarizer(int(name.split("-")[1]))
    if name == "extractive":
        return ExtractiveSummarizer(settings.get("max_words", DEFAULT_MAX_WORDS))
    raise UserError(f"unknown baseline {name!r} (choose one of: lead-1, lead-2, extractive)")
