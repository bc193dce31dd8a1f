"""French multi-document news summarization.

Pipeline stages, one module each: ``ingest`` → ``clean`` → ``segment`` → ``rank``
→ ``pack`` → ``generate`` → ``check``; ``evaluate`` scores summaries with ROUGE.

The public API (``summarize.api``) mirrors the command line::

    import summarize
    briefing = summarize.Briefer.from_pretrained().brief("seeds/")   # summarize brief seeds/
    print(briefing.to_markdown())

Names are loaded on first use: ``import summarize`` imports neither torch nor transformers.
"""

from __future__ import annotations

from typing import TYPE_CHECKING

__version__ = "0.1.0"

__all__ = [
    "Article",
    "Briefer",
    "Briefing",
    "Comparison",
    "ModelEntry",
    "RougeResult",
    "SuiteResult",
    "UserError",
    "clean",
    "compare",
    "list_models",
    "load_articles",
    "load_clusters",
    "rank",
    "render_briefings",
    "rouge",
    "run_suite",
    "split_sentences",
]

_HOMES = {
    "Article": "summarize.types",
    "Briefing": "summarize.brief",
    "Comparison": "summarize.evaluate.compare",
    "ModelEntry": "summarize.catalog",
    "RougeResult": "summarize.evaluate.rouge",
    "SuiteResult": "summarize.evaluate.suite",
    "UserError": "summarize.errors",
}

if TYPE_CHECKING:
    from summarize.api import (
        Briefer,
        clean,
        compare,
        list_models,
        load_articles,
        load_clusters,
        rank,
        render_briefings,
        rouge,
        run_suite,
        split_sentences,
    )
    from summarize.brief import Briefing
    from summarize.catalog import ModelEntry
    from summarize.errors import UserError
    from summarize.evaluate.compare import Comparison
    from summarize.evaluate.rouge import RougeResult
    from summarize.evaluate.suite import SuiteResult
    from summarize.types import Article


def __getattr__(name: str):
    """Import public names lazily (keeps ``import summarize`` and CLI start-up fast)."""
    if name not in __all__:
        raise AttributeError(f"module 'summarize' has no attribute {name!r}")
    import importlib

    if name in ("clean", "rank"):  # callable modules: importing them sets the attribute anyway
        value = importlib.import_module(f"summarize.{name}")
    else:
        value = getattr(importlib.import_module(_HOMES.get(name, "summarize.api")), name)
    globals()[name] = value
    return value


def __dir__() -> list[str]:
    return sorted(set(globals()) | set(__all__))
