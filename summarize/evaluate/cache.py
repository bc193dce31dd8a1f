"""Content hashes (inputs, items, model folders) and the generation cache.

Generations are keyed by (model fingerprint, settings, input hash).

Each (fingerprint, settings) pair has one append-only JSONL file under
``<cache dir>/generations/``; every batch is appended with a single ``write`` followed by
``fsync``, so a run killed mid-way keeps what it generated and resumes from there. A torn
last line (kill during a write) is skipped on reading and never glued to the next append.
"""

from __future__ import annotations

import hashlib
import json
import math
import os
import sys
from collections.abc import Callable, Sequence
from dataclasses import asdict, dataclass
from pathlib import Path

from summarize.errors import UserError
from summarize.parallel import Engine, Recipe, summarize_chunk
from summarize.select.summarizer import Summarizer
from summarize.seq2seq.loader import SUMMARIZERS
from summarize.seq2seq.registry import folder_hash, resolve
from summarize.text.decode import sanitize
from summarize.types import Article

#: Environment variable that overrides the default cache folder.
CACHE_ENV = "SUMMARIZE_CACHE"


def default_cache_dir() -> Path:
    """``$SUMMARIZE_CACHE`` if set, else ``.cache/summarize`` in the working directory."""
    env = os.environ.get(CACHE_ENV)
    return Path(env) if env else Path.cwd() / ".cache" / "summarize"


def _digest(obj: object) -> str:
    data = json.dumps(obj, ensure_ascii=False, sort_keys=True, default=str)
    return hashlib.sha256(data.encode("utf-8")).hexdigest()


def input_hash(cluster: Sequence[Article]) -> str:
    """Content hash of a cluster: every field but ``source`` (where the file was read from)."""
    fields = [{k: v for k, v in asdict(a).items() if k != "source"} for a in cluster]
    return _digest(fields)


def items_hash(ids: Sequence[str], clusters: Sequence[Sequence[Article]],
               references: Sequence[Sequence[str]]) -> str:
    """Identity of a dataset's items (ids, inputs, references): runs with equal hashes pair up."""
    return _digest([[i, input_hash(c), list(r)] for i, c, r in zip(ids, clusters, references)])


@dataclass
class Entry:
    """One cached generation; ``seconds`` is its share of the batch's generation time."""

    summary: str
    seconds: float


class GenerationCache:
    """Append-only store of generations for one (fingerprint, settings) pair."""

    def __init__(self, cache_dir: str | os.PathLike, fingerprint: str, settings: dict) -> None:
        key = _digest({"fingerprint": fingerprint, "settings": settings})[:40]
        self.path = Path(cache_dir) / "generations" / f"{key}.jsonl"
        self._entries: dict[str, Entry] = {}
        try:  # before any work: an unusable cache folder is refused up front
            self.path.parent.mkdir(parents=True, exist_ok=True)
        except OSError as err:
            raise UserError(f"cannot use the cache folder {cache_dir}: {err.strerror or err} "
                            "(--cache-dir names another folder)") from None
        if not os.access(self.path.parent, os.W_OK):
            raise UserError(f"cannot use the cache folder {cache_dir}: not writable "
                            "(--cache-dir names another folder)")
        self._load()

    def _load(self) -> None:
        """Read the cache; a damaged line (torn mid-character, foreign) is skipped and reported."""
        try:
            data = self.path.read_bytes()
        except FileNotFoundError:
            return
        except OSError as err:
            raise UserError(f"cannot read the cache {self.path}: {err.strerror or err}") from None
        bad = []
        for number, raw in enumerate(data.splitlines(), 1):
            try:
                rec = json.loads(raw.decode("utf-8"))
                summary, seconds = rec["summary"], float(rec["seconds"])
                if not isinstance(rec["input"], str) or not isinstance(summary, str) or not (
                        math.isfinite(seconds) and seconds >= 0):
                    raise ValueError("not a cache record")
                self._entries[rec["input"]] = Entry(sanitize(summary), seconds)
            except (ValueError, KeyError, TypeError, RecursionError):
                bad.append(number)  # that item is simply regenerated
        if bad:
            print(f"warning: {self.path}: skipped {len(bad)} damaged line(s) (line "
                  f"{', '.join(map(str, bad[:3]))}{', …' if len(bad) > 3 else ''}); those items "
                  "are generated again", file=sys.stderr)

    def __len__(self) -> int:
        return len(self._entries)

    def get(self, key: str) -> Entry | None:
        return self._entries.get(key)

    def put_many(self, items: Sequence[tuple[str, Entry]]) -> None:
        """Append ``items`` durably (one write, then fsync) and keep them in memory."""
        if not items:
            return
        lines = "".join(
            json.dumps({"input": k, "summary": e.summary, "seconds": e.seconds},
                       ensure_ascii=False) + "\n"
            for k, e in items
        )
        try:
            self.path.parent.mkdir(parents=True, exist_ok=True)
            fd = os.open(self.path, os.O_RDWR | os.O_APPEND | os.O_CREAT, 0o644)
            try:
                size = os.fstat(fd).st_size
                if size and os.pread(fd, 1, size - 1) != b"\n":
                    lines = "\n" + lines  # finish a torn line so the new records parse
                os.write(fd, lines.encode("utf-8"))
                os.fsync(fd)
            finally:
                os.close(fd)
        except OSError as err:  # unwritable, full disk, a file where the folder should be
            raise UserError(f"cannot write the cache {self.path}: {err.strerror or err} "
                            "(--cache-dir names another folder)") from None
        self._entries.update(items)


@dataclass
class Generations:
    """Summaries for a list of clusters, with how many were produced now vs. read back."""

    summaries: list[str]
    seconds: list[float]  # generation time per item (recorded when it was generated)
    n_generated: int
    n_cached: int


def generate_cached(
    summarizer: Summarizer,
    clusters: Sequence[Sequence[Article]],
    *,
    settings: dict,
    cache_dir: str | os.PathLike | None = None,
    batch_size: int = 8,
    progress: Callable[[int, int], None] | None = None,
    engine: Engine | None = None,
    recipe: Recipe | None = None,
) -> Generations:
    """Summarize ``clusters``, reusing cached generations and caching new ones batch by batch.

    ``progress(done, total)`` is called after each batch. Identical clusters are generated once.
    With an ``engine`` (workers or a Dask cluster) the batches run there, each worker building
    the summarizer from ``recipe``; summaries and cache are the same as in one process.
    """
    if batch_size < 1:
        raise ValueError("batch_size must be at least 1")
    cache = GenerationCache(cache_dir or default_cache_dir(), summarizer.fingerprint(), settings)
    keys = [input_hash(c) for c in clusters]
    todo: dict[str, Sequence[Article]] = {}
    for key, cluster in zip(keys, clusters):
        if cache.get(key) is None and key not in todo:
            todo[key] = cluster
    n_cached = sum(1 for k in keys if k not in todo)
    pending = list(todo.items())
    done = n_cached
    if progress:
        progress(done, len(keys))
    batches = [pending[start:start + batch_size] for start in range(0, len(pending), batch_size)]
    if engine is None or engine.kind == "serial":
        here = Recipe.of(summarizer)  # this process's summarizer, not a second copy
        results = (summarize_chunk(here, [list(c) for _, c in batch]) for batch in batches)
    else:
        results = engine.map(summarize_chunk, recipe or Recipe.of(summarizer),
                             ([list(c) for _, c in batch] for batch in batches))
    for batch, (outputs, elapsed) in zip(batches, results):
        per_item = elapsed / len(batch)
        cache.put_many([(k, Entry(str(s), per_item)) for (k, _), s in zip(batch, outputs)])
        batch_keys = {k for k, _ in batch}
        done += sum(1 for k in keys if k in batch_keys)
        if progress:
            progress(done, len(keys))
    entries = [cache.get(k) for k in keys]
    return Generations(
        summaries=[e.summary for e in entries],  # type: ignore[union-attr]
        seconds=[e.seconds for e in entries],  # type: ignore[union-attr]
        n_generated=len(pending),
        n_cached=n_cached,
    )


#: Files of a Hugging Face model folder that define the model (hashed and sized).
def model_info(spec: str, summarizer: Summarizer | None = None) -> dict:
    """Where a model lives and what it is: path, content hash, size in bytes, parameters.

    Baselines have no files (size 0). A Hugging Face folder (``spec`` itself, the
    summarizer's ``path``/``model_dir``, or the registry entry's folder) is hashed over
    :func:`summarize.seq2seq.registry.folder_hash`.
    """
    if spec in SUMMARIZERS:
        return {"path": None, "content_hash": summarizer.fingerprint() if summarizer else None,
                "size_bytes": 0, "n_params": 0}
    candidates = [spec, getattr(summarizer, "path", None), getattr(summarizer, "model_dir", None)]
    try:
        candidates.append(resolve(spec).path)
    except (ImportError, UserError):
        pass
    folder = next((Path(c) for c in candidates if c and Path(c).is_dir()), None)
    if folder is None:
        return {"path": None, "content_hash": summarizer.fingerprint() if summarizer else None,
                "size_bytes": None, "n_params": None}
    content_hash, size, params = folder_hash(folder)
    return {"path": str(folder.resolve()), "content_hash": content_hash, "size_bytes": size,
            "n_params": params}
