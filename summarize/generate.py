"""Seq2seq generation stage: model registry, loading and batched generation."""

from __future__ import annotations

from summarize.errors import UserError
from summarize.types import Summarizer

BASELINES = ("lead-1", "lead-2", "extractive")


def load_summarizer(spec: str, **settings) -> Summarizer:
    """Return the summarizer named by ``spec``: a baseline name, a registry alias or a path."""
    if spec in BASELINES:
        from summarize import baselines

        return baselines.load(spec, **settings)
    raise UserError(f"model {spec!r} is not available yet")
