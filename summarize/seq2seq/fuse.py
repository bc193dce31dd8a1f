"""Fuse stage: rewrite each planned facet into one short sentence, constrained and verified.

plan → fuse → constrain → verify: every facet of every cluster in a batch goes through one
batched generation call of the fusion model (``fr-fuse-small``: its input is the facet's
1-3 source sentences), decoded under :class:`summarize.seq2seq.constrain.SourceConstraint` so names,
numbers and words come from the facet's sources or the lexicon. A generated sentence is kept
only if :func:`verify` accepts it (facts, words, content, length, the model's own
confidence); otherwise the facet's best readable source sentence stands in (``extracted``).
"""

from __future__ import annotations

import copy
import hashlib
import json
from collections.abc import Sequence
from dataclasses import dataclass

from summarize.io import code_hash
from summarize.select.plan import (
    SIMILARITY,
    Facet,
    PlannedSummarizer,
    default_budget,
    readable,
    shorten,
)
from summarize.select.salience import bundled
from summarize.seq2seq.generate import Seq2SeqSummarizer, generate_constrained
from summarize.text.facts import unverified
from summarize.types import Article

DEFAULT_MODEL = "fr-fuse-small"
#: Length-normalised log-probability below which a generation is not trusted. Chosen on
#: validation fusion pairs (benchmarks/fusion_threshold.py): for the only fusion model trained
#: so far no threshold made kept generations score as well as their fallbacks, so this one
#: sits above all but ~1 % of its validation confidences (a new model needs its own).
MIN_CONFIDENCE = -0.45
MIN_PRECISION = 0.8  # share of the sentence's content words found in its facet's sources
PLAN_SLACK = 1.6  # facets planned for this many times the budget: fused sentences are shorter


@dataclass
class Verdict:
    """Why a generated sentence was kept or not."""

    ok: bool
    reason: str = ""


def verify(text: str, confidence: float, sources: Sequence[str], *,
           min_confidence: float = MIN_CONFIDENCE, min_precision: float = MIN_PRECISION) -> Verdict:
    """Accept a generated sentence only if it is supported, known French, and confident."""
    joined = " ".join(sources)
    if not readable(text) or len(text.split()) > max(len(s.split()) for s in sources):
        return Verdict(False, "shape")
    reason = unverified(text, joined, min_precision=min_precision)
    if reason:
        return Verdict(False, reason)
    if confidence < min_confidence:
        return Verdict(False, "confidence")
    return Verdict(True)


def facet_input(facet: Facet, prefix: str) -> str:
    """The fusion model's input: its task prefix and the facet's sources, best first."""
    return " ".join(([prefix] if prefix else []) + [s.text for s in facet.sources])


class FusedSummarizer(PlannedSummarizer):
    """Planned facets, each rewritten by the fusion model when the rewrite passes :func:`verify`."""

    name = "fused"

    def __init__(self, model: str | None = None, max_words: int | None = None, *,
                 runtime: str = "auto", similarity: float = SIMILARITY,
                 min_confidence: float = MIN_CONFIDENCE, min_precision: float = MIN_PRECISION,
                 constrain: bool = True, **generation) -> None:
        super().__init__(max_words, similarity, scorer=bundled())
        self.min_confidence, self.min_precision, self.constrain = min_confidence, min_precision, constrain
        self.model = Seq2SeqSummarizer.from_pretrained(model or DEFAULT_MODEL, runtime=runtime, **generation)
        self.spec = self.model.spec

    def fingerprint(self) -> str:
        code = code_hash(("summarize.seq2seq.fuse", "summarize.seq2seq.constrain", "summarize.seq2seq.processors"))
        payload = json.dumps([super().fingerprint(), self.model.fingerprint(), self.min_confidence,
                              self.min_precision, self.constrain, code])
        return hashlib.sha256(payload.encode()).hexdigest()

    def pack(self, articles: Sequence[Article]):
        """Plan with room to spare; :meth:`generate_packed` keeps what fits once fused."""
        budget = self.max_words or default_budget(len(articles))
        packed = PlannedSummarizer(int(budget * PLAN_SLACK), self.similarity,
                                   scorer=self.scorer).pack(articles)
        packed.budget = budget
        return packed

    def generate_packed(self, packed: Sequence) -> list[str]:
        """Fuse every facet of every cluster in one batched call, verify, fit the budgets."""
        facets = [f for p in packed for f in p.facets if not f.headline]  # a title stays as it is
        inputs = [facet_input(f, self.spec.prefix) for f in facets]
        outs = generate_constrained(self.model, inputs, [[s.text for s in f.sources] for f in facets],
                                    constrain=self.constrain) if facets else []
        for facet, (text, conf) in zip(facets, outs):
            verdict = verify(text, conf, [s.text for s in facet.sources],
                             min_confidence=self.min_confidence, min_precision=self.min_precision)
            facet.fused = {"text": text, "confidence": round(conf, 4), "kept": verdict.ok,
                           "reason": verdict.reason}
            if verdict.ok:
                facet.text = text
        return [self._fit(p) for p in packed]

    @staticmethod
    def _fit(packed) -> str:
        """Keep facets in plan order while their sentences fit in the budget."""
        left, kept = packed.budget, []
        for facet in packed.facets:
            n = len(facet.text.split())
            if facet.text and n <= left:
                kept.append(facet)
                left -= n
        if not kept and packed.facets:
            first = packed.facets[0]
            first.text = shorten(first.text, packed.budget)
            kept = [first]
        packed.facets = kept
        packed.text = " ".join(f.text for f in kept)
        return packed.text

    def summarize(self, clusters: list[list[Article]]) -> list[str]:
        return self.generate_packed([self.pack(c) for c in clusters])

    @property
    def batch_size(self) -> int:
        return self.model.batch_size

    def with_batch_size(self, size: int) -> FusedSummarizer:
        out = copy.copy(self)
        out.model = self.model.with_batch_size(size)
        return out

    def describe(self) -> dict:
        return {**super().describe(), "fusion_model": self.model.describe(),
                "min_confidence": self.min_confidence, "constrained": self.constrain}

    def generation(self) -> dict:
        return self.model.generation()
