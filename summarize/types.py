"""Data types passed between pipeline stages."""

from __future__ import annotations

from abc import ABC, abstractmethod
from collections.abc import Sequence
from dataclasses import dataclass, field


@dataclass
class Article:
    """One news article; ``id`` is stable (file stem or JSON id) and used downstream."""

    id: str
    text: str
    title: str | None = None
    date: str | None = None
    source: str | None = None  # path (and line) it was read from


@dataclass
class Sentence:
    """A sentence of an article, with its 0-based position in that article."""

    text: str
    article_id: str
    position: int


@dataclass
class RankedSentence:
    """A salient sentence chosen by the ranker; duplicates are merged into ``article_ids``."""

    text: str
    score: float
    article_id: str  # article of the representative occurrence
    position: int  # position of the representative in its article
    article_ids: list[str] = field(default_factory=list)  # every article that has this sentence
    components: dict[str, float] = field(default_factory=dict)  # explainable parts of ``score``


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

    def pack(self, articles: list[Article]):
        """The ``pack.Packed`` sentences of a cluster: here every ranked sentence, for attribution."""
        from summarize.pack import pack_articles

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
        import copy

        out = copy.copy(self)
        out.batch_size = size
        return out
