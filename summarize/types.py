"""Data types passed between pipeline stages."""

from __future__ import annotations

from dataclasses import dataclass, field


@dataclass
class Article:
    """One news article; ``id`` is stable (file stem or JSON id) and used downstream."""

    id: str
    text: str
    title: str | None = None
    date: str | None = None
    source: str | None = None  # path (and line) it was read from
    seen: bool = False  # the reader has seen it (an update briefing, ``--since``)


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
    date: str | None = None  # the day it reports (``text.when.event_date``), else its article's
