"""A facet: one fact of a cluster as the articles report it, and what the briefing says of it
(``plan.plan`` makes them)."""

from __future__ import annotations

from dataclasses import dataclass, field

from summarize.types import RankedSentence


@dataclass
class Facet:
    """One fact: its source sentences (best first), their articles, and its score."""

    sources: list[RankedSentence]
    score: float
    text: str = ""  # the sentence the briefing shows (a readable source sentence)
    article_ids: list[str] = field(default_factory=list)
    fused: dict | None = None  # the fusion model's sentence, confidence and verdict (fuse.py)
    headline: bool = False  # a source article's title, said first (``headline``)
    edits: list[dict] = field(default_factory=list)  # dates written out (``chrono.write_dates``)
    status: str | None = None  # an update's "new" or "context" (``update.mark``)

    @property
    def support(self) -> int:
        return len(self.article_ids)

    def to_dict(self) -> dict:
        out = {"text": self.text, "score": round(self.score, 4), "article_ids": self.article_ids,
               "sources": [{"text": s.text, "article_id": s.article_id} for s in self.sources]}
        if self.fused is not None:
            out["fused"] = self.fused
        if self.edits:
            out["edits"] = self.edits
        if self.status:
            out["status"] = self.status
        return out
