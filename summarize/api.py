"""The Python API: what the ``summarize`` command does, as functions and classes.

Every command goes through these names, so the library and the CLI cannot drift::

    from summarize import Briefer, rouge

    briefer = Briefer.from_pretrained("fr-brief-small")   # or "lead-2", a folder, a hub name
    briefing = briefer.brief("seeds/", max_words=60)       # = summarize brief seeds/ --max-words 60
    print(briefing.to_markdown())
    scores = rouge([briefing.summary], ["Kim Jong-un a rencontré Vladimir Poutine."])
    print(scores.mean("rouge1"), scores.interval("rouge1"), scores.signature)

Heavy libraries (torch, transformers, onnxruntime, matplotlib) are imported only when a
model is loaded or a chart is drawn.
"""

from __future__ import annotations

import os
from collections.abc import Callable, Mapping, Sequence
from pathlib import Path

from summarize.brief import Briefing
from summarize.briefer import (
    ArticleLike,
    Briefer,
    PathLike,
    Warn,
    _warn,
    load_articles,
    load_clusters,
)
from summarize.errors import UserError
from summarize.evaluate.compare import Comparison, compare_results, write_reports
from summarize.evaluate.rouge import RougeResult, score
from summarize.evaluate.suite import SuiteResult
from summarize.evaluate.suite import run_suite as _run_suite
from summarize.render import FORMATS, render
from summarize.select.rank import rank as _rank
from summarize.select.summarizer import Summarizer
from summarize.seq2seq.catalog import ModelEntry
from summarize.seq2seq.catalog import list_models as _list_models
from summarize.seq2seq.registry import registry
from summarize.text.clean import clean_article, clean_text
from summarize.text.segment import split_sentences as _split_sentences
from summarize.types import Article, RankedSentence

__all__ = ["ArticleLike", "Briefer", "Briefing", "PathLike", "clean", "compare", "list_models",
           "load_articles", "load_clusters", "rank", "render_briefings", "rouge", "run_suite",
           "split_sentences"]


# --- the pipeline stages, as the CLI uses them -------------------------------------------


def clean(text: str) -> str:
    """Scraping leftovers removed and typography fixed (``summarize clean``; idempotent)."""
    return clean_text(text)


def split_sentences(text: str) -> list[str]:
    """French sentence segmentation (abbreviations, quotes, numbers, glued sentences)."""
    return _split_sentences(text)


def rank(articles: Sequence[Article], top: int | None = 10, *, clean_first: bool = True,
         **settings) -> list[RankedSentence]:
    """The ``top`` salient, de-duplicated sentences of a story (``summarize rank``).

    Articles are cleaned first unless ``clean_first=False``; ``settings`` go to
    :func:`summarize.select.rank.rank` (``redundancy``, ``weights``, ...).
    """
    if clean_first:
        articles = [clean_article(a) for a in articles]
    try:
        return _rank(articles, top=top, **settings)
    except ValueError as err:
        raise UserError(str(err)) from None


# --- briefings ----------------------------------------------------------------------------


def render_briefings(briefings: Sequence[Briefing], fmt: str = "md", *,
                     as_list: bool | None = None) -> str:
    """All briefings in one document: ``md``, ``json``, ``txt`` (one per line) or ``html``.

    ``as_list``: JSON is a list even for one briefing (cluster input: a stable shape).
    """
    if fmt not in FORMATS:
        raise UserError(f"format must be one of {', '.join(FORMATS)}, not {fmt!r}")
    return render(briefings, fmt, as_list=as_list)


# --- evaluation ---------------------------------------------------------------------------


def rouge(predictions: Sequence[str], references: Sequence[str] | Sequence[Sequence[str]], *,
          tokenizer: str = "fr", stem: bool = False, bootstrap: int = 1000, seed: int = 0,
          ids: Sequence[str] | None = None, **options) -> RougeResult:
    """ROUGE-1/2/L/Lsum of ``predictions[i]`` against ``references[i]`` (``summarize eval``).

    A reference is a string or a list of strings (the best-F1 one counts). The result has
    ``mean(type, measure)``, ``interval(type, measure)`` (95% bootstrap), ``per_item``,
    ``to_dict()`` and ``signature`` (e.g. ``rouge|tok:fr|stem:no|refs:1|...``).
    """
    refs = [[r] if isinstance(r, str) else list(r) for r in references]
    return score(list(predictions), refs, tokenizer=tokenizer, stem=stem, bootstrap=bootstrap,
                 seed=seed, ids=ids, **options)


def run_suite(path: PathLike, model: str | Summarizer | Briefer | None = None, *,
              limit: int | None = None, data_dir: PathLike | None = None,
              cache_dir: PathLike | None = None, strict: bool = False,
              overrides: Mapping | None = None, warn: Warn | None = None,
              progress: Callable[[str, int, int], None] | None = None,
              workers: int | str = 1, scheduler: str | None = None) -> SuiteResult:
    """Generate (cached) and score every dataset of a suite file (``summarize eval run``).

    ``model``: a spec as for :meth:`Briefer.from_pretrained` (default: the registry's
    default model), a Summarizer or a Briefer. ``overrides`` replace the suite's
    ``[pipeline]`` entries. Skipped datasets are reported through ``warn``.
    """
    if model is None:
        model = registry()["default"]
    if isinstance(model, Briefer):
        model = model.summarizer
    return _run_suite(path, model, data_dir=data_dir, limit=limit, cache_dir=cache_dir,
                      strict=strict, warn=warn or _warn, progress=progress,
                      overrides=dict(overrides or {}), workers=workers, scheduler=scheduler)


def compare(suite_or_results: PathLike | Sequence[SuiteResult],
            models: Sequence[str | Summarizer | Briefer] = (), *,
            out_dir: PathLike | None = None, force: bool = False, resamples: int = 1000,
            seed: int = 0, wrote: Callable[[Path], None] | None = None,
            **run_options) -> Comparison:
    """Compare models on a suite (``summarize compare``): F1 with CIs, paired bootstrap
    p-values against the first model, speed and size.

    Give a suite path and ``models`` (run with :func:`run_suite`, ``run_options`` passed on),
    or SuiteResults already computed. ``out_dir`` writes ``comparison.md``, ``.json``,
    ``.png`` and ``.html`` (with side-by-side examples; ``wrote(path)`` is called for each
    file). Render the result with
    ``summarize.evaluate.compare.render(comparison, "table" | "md" | "json")``.
    """
    if isinstance(suite_or_results, (str, os.PathLike)):
        if len(models) < 2:
            raise UserError("give at least two models to compare")
        progress = run_options.pop("progress", None)
        results = []
        for m in models:
            label = m if isinstance(m, str) else getattr(m, "name", "model")
            tick = None if progress is None else (
                lambda d, done, total, _m=label: progress(f"{_m} · {d}", done, total))
            results.append(run_suite(suite_or_results, m, progress=tick, **run_options))
    else:
        results = list(suite_or_results)
    comparison = compare_results(results, resamples=resamples, seed=seed)
    if out_dir is not None:
        for path in write_reports(comparison, out_dir, force=force, results=results):
            if wrote:
                wrote(path)
    return comparison


def list_models() -> list[ModelEntry]:
    """Registry aliases, bundled models and baselines, with size, runtimes and availability
    here (``summarize models``)."""
    return _list_models()
