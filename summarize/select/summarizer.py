"""The one interface every summarizer offers (baselines, planners, seq2seq models)."""

from __future__ import annotations

import copy
from abc import ABC, abstractmethod
from collections.abc import Sequence

from summarize.select.pack import Packed, pack_articles
from summarize.types import Article


class Summarizer(ABC):
    """What every summarizer offers (sumy's ``AbstractSummarizer``: baselines, planners and
    seq2seq models alike), and all the briefing job (``brief.make_briefings``) relies on.

    ``summarize`` takes clusters (each a list of articles on one story) and returns one
    summary string per cluster. ``fingerprint`` is a content hash of the model and its
    settings, used to cache generations; ``name`` is what tables show. ``pack`` chooses the
    source sentences a summary is checked and attributed against, and ``summarize_packed``
    summarizes clusters already packed (a model reuses its packed input; the default
    summarizes the articles).
    """

    name: str = "summarizer"
    batch_size: int = 8  # clusters summarized per call in the briefing job
    prompt: str | None = None  # prompt template, for models that take one

    @abstractmethod
    def fingerprint(self) -> str:
        """Content hash of everything that changes the outputs."""

    @abstractmethod
    def summarize(self, clusters: list[list[Article]]) -> list[str]:
        """One summary per cluster."""

    def pack(self, articles: list[Article]) -> Packed:
        """The ``Packed`` sentences of a cluster: here every ranked sentence, for attribution."""
        return pack_articles(articles, lambda texts: [len(t.split()) for t in texts], 10_000)

    def summarize_packed(self, clusters: Sequence[list[Article]], packed: Sequence) -> list[str]:
        """Summaries of clusters whose ``pack`` results are ``packed``."""
        return self.summarize(list(clusters))

    def describe(self) -> dict:
        """What the briefing records about the summarizer."""
        return {"name": self.name, "fingerprint": self.fingerprint()}

    def generation(self) -> dict:
        """Decoding settings, for summarizers that generate."""
        return {}

    def with_batch_size(self, size: int) -> Summarizer:
        """A shallow copy that summarizes ``size`` clusters per call."""
        out = copy.copy(self)
        out.batch_size = size
        return out
