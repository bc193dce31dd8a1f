"""Batches on every core and on a cluster: one engine, three back ends, results in order.

* ``serial`` (``--workers 1``, the default): in this process;
* ``processes`` (``--workers N`` or ``auto``): a local pool of worker processes
  (:mod:`concurrent.futures`, spawned, one numerical thread each);
* ``dask`` (``--scheduler local`` or ``tcp://HOST:8786``): Dask distributed, a
  ``LocalCluster`` started here or an existing cluster; a task whose worker dies is run
  again elsewhere by the scheduler, so every chunk comes back exactly once.

Work goes in chunks of clusters and comes back in input order, with a bounded number of
chunks in flight, so memory stays flat however many clusters stream through. A worker builds
the summarizer once from a :class:`Recipe` (a model spec and its settings, or the summarizer
itself) and keeps it in a per-process cache. No scheduler is written here: the pool and
Dask do the scheduling.
"""

from __future__ import annotations

import json
import os
import time
from collections import deque
from collections.abc import Callable, Iterable, Iterator, Sequence
from concurrent.futures import Future, ProcessPoolExecutor
from dataclasses import dataclass
from itertools import islice
from multiprocessing import get_context
from typing import Self

from summarize.brief import Briefing, make_briefings
from summarize.errors import UserError
from summarize.select.summarizer import Summarizer
from summarize.seq2seq.loader import load_summarizer
from summarize.types import Article

#: Environment of worker processes: one numerical thread each (the pool uses the cores).
_ONE_THREAD = {k: "1" for k in ("OMP_NUM_THREADS", "OPENBLAS_NUM_THREADS", "MKL_NUM_THREADS")}
_CACHE: dict[str, Summarizer] = {}


@dataclass(frozen=True)
class Recipe:
    """How a worker builds the summarizer: a spec and settings for ``load_summarizer``, or a
    ready summarizer (sent pickled)."""

    spec: str | None = None
    settings: str = "{}"  # JSON, so that a recipe is hashable and small
    summarizer: Summarizer | None = None
    verify: bool = True
    timeline: bool = False  # each briefing lists the cluster's dated events

    @classmethod
    def of(cls, summarizer: Summarizer, spec: str | None = None, settings: dict | None = None,
           verify: bool = True, timeline: bool = False) -> Recipe:
        if spec is None:
            return cls(summarizer=summarizer, verify=verify, timeline=timeline)
        return cls(spec, json.dumps(settings or {}, sort_keys=True), verify=verify,
                   timeline=timeline)

    def build(self) -> Summarizer:
        """The summarizer, built once per process."""
        if self.summarizer is not None:
            return self.summarizer
        key = f"{self.spec}|{self.settings}"
        if key not in _CACHE:
            _CACHE[key] = load_summarizer(self.spec, **json.loads(self.settings))
        return _CACHE[key]


def brief_chunk(recipe: Recipe, chunk: list[tuple[str, list[Article]]]
                ) -> tuple[list[Briefing], list[tuple[str, str]]]:
    """Briefings of one chunk of clusters, and the (id, message) of those that failed."""
    errors: list[tuple[str, str]] = []
    out = make_briefings(chunk, recipe.build(), verify=recipe.verify, timeline=recipe.timeline,
                         on_error=lambda cid, msg: errors.append((cid, msg)))
    return out, errors


def summarize_chunk(recipe: Recipe, clusters: list[list[Article]]) -> tuple[list[str], float]:
    """Summaries of one chunk of clusters and the seconds they took."""
    summarizer = recipe.build()
    t0 = time.perf_counter()
    out = summarizer.summarize(clusters)
    if len(out) != len(clusters):
        raise RuntimeError(f"{summarizer.name} returned {len(out)} summaries for "
                           f"{len(clusters)} clusters")
    return [str(s) for s in out], time.perf_counter() - t0


def _worker_start() -> None:
    """A pool worker: one numerical thread (torch too, when it is loaded later)."""
    os.environ.update(_ONE_THREAD)


def chunked(items: Iterable, size: int, first: int = 1) -> Iterator[list]:
    """Lists of ``size`` items (the first of ``first``: an early first result)."""
    it = iter(items)
    head = list(islice(it, first))
    if head:
        yield head
    while batch := list(islice(it, size)):
        yield batch


def parse_workers(workers: int | str | None) -> int:
    """``--workers``: a positive number or ``auto`` (the machine's cores)."""
    if workers in (None, ""):
        return 1
    if isinstance(workers, str) and workers.strip().lower() == "auto":
        return os.cpu_count() or 1
    try:
        n = int(workers)
    except (TypeError, ValueError):
        raise UserError(f"--workers must be a number or 'auto', not {workers!r}") from None
    if n < 1:
        raise UserError(f"--workers must be at least 1, not {n}")
    return n


class Engine:
    """Maps a chunk function over chunks, in order, on this process, a pool or Dask."""

    def __init__(self, workers: int | str | None = 1, scheduler: str | None = None) -> None:
        self.workers = parse_workers(workers)
        self.scheduler = scheduler
        self._pool: ProcessPoolExecutor | None = None
        self._client = None
        self._cluster = None
        if scheduler:
            self._start_dask(scheduler)
        elif self.workers > 1:
            saved = {k: os.environ.get(k) for k in _ONE_THREAD}
            os.environ.update(_ONE_THREAD)  # inherited by the spawned workers
            try:
                self._pool = ProcessPoolExecutor(self.workers, mp_context=get_context("spawn"),
                                                 initializer=_worker_start)
            finally:
                for k, v in saved.items():
                    if v is None:
                        os.environ.pop(k, None)
                    else:
                        os.environ[k] = v

    @property
    def kind(self) -> str:
        return "dask" if self._client is not None else "processes" if self._pool else "serial"

    def _start_dask(self, scheduler: str) -> None:
        try:
            from distributed import Client, LocalCluster
        except ImportError:
            raise UserError("--scheduler needs Dask distributed: pip install -e \".[dask]\"") from None
        try:
            if scheduler == "local":
                self._cluster = LocalCluster(n_workers=self.workers if self.workers > 1 else
                                             (os.cpu_count() or 1), threads_per_worker=1,
                                             processes=True, dashboard_address=None)
                self._client = Client(self._cluster)
            else:
                self._client = Client(scheduler, timeout=10)
        except (OSError, TimeoutError, ValueError) as err:
            self.close()
            raise UserError(f"cannot reach the Dask scheduler {scheduler}: "
                            f"{str(err).splitlines()[0] if str(err) else type(err).__name__}") from None
        self.workers = max(1, len(self._client.scheduler_info().get("workers", {})))

    def map(self, fn: Callable, recipe: Recipe, chunks: Iterable[Sequence]) -> Iterator:
        """``fn(recipe, chunk)`` for every chunk, yielded in input order."""
        if self._pool is None and self._client is None:
            for chunk in chunks:
                yield fn(recipe, chunk)
            return
        window: deque[Future] = deque()
        # chunks in flight: enough to keep every worker busy, few enough for flat memory
        depth = (4 if self._client is not None else 2) * self.workers
        for chunk in chunks:
            window.append(self._submit(fn, recipe, chunk))
            if len(window) >= depth:
                yield window.popleft().result()
        while window:
            yield window.popleft().result()

    def _submit(self, fn: Callable, recipe: Recipe, chunk: Sequence):
        if self._client is not None:
            return self._client.submit(fn, recipe, list(chunk), pure=False)
        return self._pool.submit(fn, recipe, list(chunk))

    def close(self) -> None:
        """Stop every worker (a pool's pending chunks are cancelled)."""
        if self._pool is not None:
            self._pool.shutdown(wait=True, cancel_futures=True)
            self._pool = None
        if self._client is not None:
            self._client.close()
            self._client = None
        if self._cluster is not None:
            self._cluster.close()
            self._cluster = None

    def __enter__(self) -> Self:
        return self

    def __exit__(self, *exc) -> None:
        self.close()


def brief_stream(engine: Engine, recipe: Recipe, clusters: Iterable[tuple[str, list[Article]]],
                 *, chunk_size: int = 8, on_error: Callable[[str, str], None] | None = None,
                 advance: Callable[[int], None] | None = None) -> Iterator[Briefing]:
    """Briefings of a stream of ``(id, articles)`` clusters, in input order; a failing cluster
    is passed to ``on_error(id, message)`` and the others go on."""
    for chunk in engine.map(brief_chunk, recipe, chunked(clusters, chunk_size, chunk_size)):
        briefings, errors = chunk
        for cid, msg in errors:
            if on_error:
                on_error(cid, msg)
        if advance:
            advance(len(briefings) + len(errors))
        yield from briefings
