"""French multi-document news summarization.

Subpackages by role, each layer importing only the ones below it (``ARCHITECTURE.md``):
``text`` (ingest → clean → segment) → ``select`` (rank → plan) → ``seq2seq`` (condense)
→ the briefing job (``brief``, ``check``, ``render``) → ``evaluate`` → ``train`` / ``api``
→ ``cli``.

The public API (``summarize.api``) mirrors the command line::

    import summarize
    briefing = summarize.Briefer.from_pretrained().brief("seeds/")   # summarize brief seeds/
    print(briefing.to_markdown())

Names are loaded on first use: ``import summarize`` imports neither torch nor transformers.
"""

from __future__ import annotations

import importlib
from typing import TYPE_CHECKING

from summarize.version import __version__ as __version__

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
    "ModelEntry": "summarize.seq2seq.catalog",
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
    from summarize.errors import UserError
    from summarize.evaluate.compare import Comparison
    from summarize.evaluate.rouge import RougeResult
    from summarize.evaluate.suite import SuiteResult
    from summarize.seq2seq.catalog import ModelEntry
    from summarize.types import Article


def __getattr__(name: str):
    """Import public names lazily (keeps ``import summarize`` and CLI start-up fast)."""
    if name not in __all__:
        raise AttributeError(f"module 'summarize' has no attribute {name!r}")
    value = getattr(importlib.import_module(_HOMES.get(name, "summarize.api")), name)
    globals()[name] = value
    return value


def __dir__() -> list[str]:
    return sorted(set(globals()) | set(__all__))
