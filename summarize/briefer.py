"""Briefings from paths, articles or dicts: :class:`Briefer` (``summarize brief``) and the
input loaders it shares with the CLI."""

from __future__ import annotations

import copy
import os
import warnings
from collections.abc import Callable, Iterable, Iterator, Mapping, Sequence
from dataclasses import replace
from datetime import date
from pathlib import Path

from summarize.brief import Briefing, make_briefings
from summarize.errors import UserError
from summarize.parallel import Engine, Recipe, brief_stream, parse_workers
from summarize.select.plan import PlannedSummarizer
from summarize.select.summarizer import Summarizer
from summarize.seq2seq.generate import words_to_tokens
from summarize.seq2seq.loader import load_summarizer
from summarize.seq2seq.registry import registry
from summarize.since import Since, since_from
from summarize.text import ingest
from summarize.types import Article

PathLike = str | os.PathLike[str]


#: What :meth:`Briefer.brief` takes: paths (files, folders, ``-``), Articles, or dicts
#: with a ``text`` (and optional ``id``, ``title``, ``date``).
ArticleLike = PathLike | Article | Mapping


Warn = Callable[[str], None]


def _warn(message: str) -> None:
    warnings.warn(message, stacklevel=3)


def load_articles(paths: PathLike | Sequence[PathLike], *, strict: bool = False,
                  warn: Warn | None = None, lang_check: bool = False,
                  max_mb: float | None = None) -> list[Article]:
    """Read the articles under ``paths`` (files, folders, ``-`` for stdin; txt, jsonl, html).

    A bad file is reported through ``warn`` and skipped (``strict``: a ``UserError``);
    ``lang_check`` skips non-French articles; ``max_mb`` refuses larger inputs up front.
    """
    return ingest.load_articles(_paths(paths), strict=strict, warn=warn, lang_check=lang_check, max_mb=max_mb)


def load_clusters(paths: PathLike | Sequence[PathLike], *, strict: bool = False,
                  warn: Warn | None = None, lang_check: bool = False,
                  max_mb: float | None = None,
                  info: dict | None = None) -> list[tuple[str, list[Article]]]:
    """``(id, articles)`` clusters: one per line of a clusters JSONL, else one for all inputs."""
    return ingest.load_clusters(_paths(paths), strict=strict, warn=warn, lang_check=lang_check, max_mb=max_mb,
                 info=info)


class Briefer:
    """Turns clusters of French articles into sourced briefings (``summarize brief``).

    Build one with :meth:`from_pretrained`, then call :meth:`brief` (one cluster) or
    :meth:`brief_many` (several, batched). Each returns :class:`~summarize.Briefing`
    objects with ``to_dict()``, ``to_markdown()`` and ``to_html()``::

        briefer = Briefer.from_pretrained("fr-brief-small", num_beams=4)
        briefing = briefer.brief("seeds/", max_words=60)   # = summarize brief seeds/
        print(briefing.to_markdown())
    """

    def __init__(self, summarizer: Summarizer, *, verify: bool = True, timeline: bool = False) -> None:
        """Wrap a ready summarizer (a baseline or ``Seq2SeqSummarizer``); ``timeline``: each
        briefing also lists the cluster's dated events."""
        self.summarizer = summarizer
        self.verify, self.timeline = verify, timeline
        self._spec: str | None = None  # how workers rebuild it (from_pretrained sets them)
        self._settings: dict = {}

    @classmethod
    def from_pretrained(cls, name_or_path: str | os.PathLike | None = None, *,
                        runtime: str = "auto", device: str = "cpu", prompt: str | None = None,
                        pack_order: str | None = None, max_words: int | None = None,
                        verify: bool = True, mode: str | None = None, timeline: bool = False,
                        **generation) -> Briefer:
        """Load a model: registry alias (see :func:`list_models`), ``bundled:NAME``, local
        ``save_pretrained`` folder, hub name, or baseline (``lead-1``, ``lead-2``,
        ``extractive``). ``None`` is the default bundled model.

        ``runtime``: ``auto`` | ``onnx`` | ``torch``; ``device``: ``cpu`` | ``cuda`` | ``auto``;
        ``generation``: ``num_beams`` (or ``beams``), ``max_new_tokens``, ``min_new_tokens``,
        ``no_repeat_ngram_size``, ``length_penalty``, ``batch_size``. ``verify`` (default)
        replaces sentences with unsupported facts, and generated ones with invented words or
        unsupported content, by the closest source sentence. ``mode`` (seq2seq models):
        ``abstract`` (default: the whole input → one summary) or ``fused`` (the model rewrites
        each planned facet, ``summarize.seq2seq.fuse``).
        """
        spec = None if name_or_path is None else str(name_or_path)
        settings = dict(prompt=prompt, device=device, runtime=runtime, pack_order=pack_order,
                        max_words=max_words, mode=mode, **generation)
        settings = {k: v for k, v in settings.items() if v is not None}
        out = cls(load_summarizer(spec, **settings), verify=verify, timeline=timeline)
        out._spec, out._settings = spec or registry()["default"], settings
        return out

    def recipe(self, max_words: int | None = None) -> Recipe:
        """How a worker process builds this briefer's summarizer (``max_words`` overridden)."""
        if self._spec is None:
            return Recipe.of(_with_max_words(self.summarizer, max_words), verify=self.verify,
                             timeline=self.timeline)
        settings = {**self._settings, **({"max_words": max_words} if max_words else {})}
        return Recipe.of(self.summarizer, self._spec, settings, verify=self.verify,
                         timeline=self.timeline)

    @property
    def name(self) -> str:
        """The model's name, as reports show it."""
        return self.summarizer.name

    def __repr__(self) -> str:
        return f"Briefer({self.name!r})"

    def brief(self, articles_or_paths: ArticleLike | Sequence[ArticleLike], *,
              max_words: int | None = None, id: str | None = None,
              strict: bool = False, since: str | os.PathLike | date | None = None) -> Briefing:
        """One briefing for one story.

        ``articles_or_paths``: a path (file, folder, ``-``) or a list of paths, Articles or
        ``{"text": ...}`` dicts. ``max_words`` overrides the model's length limit for this
        call. ``since`` (a day, or a previous briefing's JSON path): an update briefing, only
        what is new (:mod:`summarize.since`). Raises ``UserError`` when the cluster cannot be
        summarized.
        """
        articles = _articles(articles_or_paths, strict=strict)
        cid = id or _cluster_id(articles_or_paths)
        errors: list[str] = []
        out = self.brief_many([(cid, articles)], max_words=max_words, since=since,
                              on_error=lambda _cid, msg: errors.append(msg))
        if not out:
            why = errors[0] if errors else "unknown error"
            raise UserError(f"no briefing could be made: {why}")
        return out[0]

    def brief_many(self, clusters: Sequence[tuple[str, Sequence[Article]]]
                   | Mapping[str, Sequence[Article]] | Sequence[Sequence[Article]], *,
                   max_words: int | None = None,
                   on_error: Callable[[str, str], None] | None = None,
                   advance: Callable[[int], None] | None = None,
                   workers: int | str = 1, scheduler: str | None = None,
                   since: str | os.PathLike | date | None = None) -> list[Briefing]:
        """One briefing per cluster, generated in batches, in input order.

        ``clusters``: ``(id, articles)`` pairs (as :func:`load_clusters` returns), a mapping
        id → articles, or lists of articles (ids "1", "2", ...). A failing cluster is passed
        to ``on_error(id, message)`` (default: a warning) and left out; ``advance(n)`` is
        called as clusters finish (for a progress bar). ``workers`` (a number or ``auto``)
        runs them on a local process pool, ``scheduler`` (``local`` or ``tcp://HOST:PORT``)
        on Dask distributed (:mod:`summarize.parallel`); the briefings are the same.
        ``since``: update briefings, as in :meth:`brief`.
        """
        pairs = list(self.updates(_cluster_pairs(clusters), since))
        report = on_error or (lambda cid, msg: _warn(f"cluster {cid} failed: {msg}"))
        if parse_workers(workers) == 1 and not scheduler:
            return make_briefings(pairs, _with_max_words(self.summarizer, max_words),
                                  verify=self.verify, on_error=report, advance=advance,
                                  timeline=self.timeline)
        with Engine(workers, scheduler) as engine:
            return list(self.brief_stream(pairs, engine, max_words=max_words, on_error=report,
                                          advance=advance))

    def updates(self, clusters: Iterable[tuple[str, list[Article]]],
                since: str | os.PathLike | date | Since | None) -> Iterator[tuple[str, list[Article]]]:
        """The clusters with what the reader has seen marked (``since``; None: as they are).
        Raises ``UserError`` when the model cannot write an update (it does not plan)."""
        since = since_from(since)
        if since is None:
            return iter(clusters)
        if not isinstance(self.summarizer, PlannedSummarizer):
            raise UserError(f"--since needs a planning model (facets, facets-untitled, compressive "
                            f"or fused:PATH), not {self.name}")
        return ((cid, since.apply(cid, articles)) for cid, articles in clusters)

    def brief_stream(self, clusters: Iterable[tuple[str, list[Article]]], engine: Engine, *,
                     max_words: int | None = None,
                     on_error: Callable[[str, str], None] | None = None,
                     advance: Callable[[int], None] | None = None) -> Iterator[Briefing]:
        """Briefings of a stream of ``(id, articles)`` clusters as they finish, in input
        order, on ``engine``: chunks of whole batches (the summarizer's batch size, so that
        batches and briefings are those of one process), about 32 clusters to a worker."""
        size = self.summarizer.batch_size
        if engine.kind != "serial":
            size *= max(1, 32 // size)
        yield from brief_stream(engine, self.recipe(max_words), clusters, chunk_size=size,
                                on_error=on_error, advance=advance)


def _paths(paths: PathLike | Sequence[PathLike]) -> list[str]:
    if isinstance(paths, (str, os.PathLike)):
        return [os.fspath(paths)]
    return [os.fspath(p) for p in paths]


def _articles(items: ArticleLike | Sequence[ArticleLike], *, strict: bool) -> list[Article]:
    if isinstance(items, (str, os.PathLike, Article, Mapping)):
        items = [items]
    out: list[Article] = []
    paths: list[str] = []
    for k, item in enumerate(items, 1):
        if isinstance(item, Article):
            out.append(item)
        elif isinstance(item, Mapping):
            if not isinstance(item.get("text"), str):
                raise UserError(f"article {k}: a dict needs a 'text' string")
            out.append(Article(id=str(item.get("id", k)), text=item["text"],
                               title=item.get("title"), date=item.get("date")))
        elif isinstance(item, (str, os.PathLike)):
            paths.append(os.fspath(item))
        else:
            raise UserError(f"article {k}: expected a path, an Article or a dict, "
                            f"not {type(item).__name__}")
    if paths:
        out += load_articles(paths, strict=strict)
    if not out:
        raise UserError("no article given")
    return out


def _cluster_id(items: object) -> str:
    if isinstance(items, (str, os.PathLike)) and os.fspath(items) != "-":
        return Path(os.fspath(items)).stem or "cluster"
    return "cluster"


def _cluster_pairs(clusters) -> list[tuple[str, list[Article]]]:
    """``(id, articles)`` pairs; articles may be Articles, ``{"text": ...}`` dicts or paths."""
    if isinstance(clusters, Mapping):
        pairs = [(str(k), v) for k, v in clusters.items()]
    else:
        pairs = []
        for k, c in enumerate(clusters, 1):
            if isinstance(c, tuple) and len(c) == 2 and isinstance(c[0], str):
                pairs.append((c[0], c[1]))
            else:
                pairs.append((str(k), c))
    return [(cid, list(items) if all(isinstance(a, Article) for a in items)
             else _articles(items, strict=False)) for cid, items in pairs]


def _with_max_words(summarizer: Summarizer, max_words: int | None) -> Summarizer:
    """A copy of ``summarizer`` with another word limit (the original is left as it is)."""
    if max_words is None or getattr(summarizer, "max_words", None) == max_words:
        return summarizer
    if isinstance(max_words, bool) or not isinstance(max_words, int) or max_words < 1:
        raise UserError(f"max_words must be a positive integer, not {max_words!r}")
    if not hasattr(summarizer, "max_words"):
        return summarizer  # lead-k: no length limit
    out = copy.copy(summarizer)
    out.max_words = max_words
    if hasattr(out, "spec") and hasattr(out, "settings"):  # seq2seq: token budget and cache key
        out.settings = replace(out.settings, max_new_tokens=words_to_tokens(max_words))
        out._hash = None
    return out
