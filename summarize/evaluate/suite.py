"""Evaluation suites: TOML files listing datasets, pipeline settings and ROUGE settings.

A suite file (paths inside it are relative to the file)::

    name = "seeds"                 # default: the file stem
    batch_size = 8                 # clusters per generation batch (and per cache append)
    [pipeline]                     # passed to load_summarizer (max_words, beams, ...)
    max_words = 60
    [metric]                       # passed to rouge.score
    tokenizer = "fr"
    stem = false
    bootstrap = 1000
    [[datasets]]
    name = "seeds-abstract"
    kind = "cluster"               # all files of `paths` form one cluster
    paths = ["../../seeds"]
    reference = "../references/seeds.abstract.txt"   # or references = [...]
    [[datasets]]
    name = "orangesum"
    kind = "orangesum"             # split (default abstract-valid), data_dir (optional)
    [[datasets]]
    name = "mds"
    kind = "orangesum-mds"         # same-story clusters of a validation split (evaluate.mds);
                                   # threshold, max_days, max_size, split, data_dir (optional)
    [[datasets]]
    name = "tiny"
    kind = "jsonl"                 # path: one item per line, see :func:`_jsonl_items`
    path = "tiny.jsonl"

A dataset that cannot be loaded is skipped with a warning (an error with ``strict``). Every
dataset is scored with ROUGE and with the faithfulness metrics (``evaluate.faithfulness``)
against its items' source articles.
"""

from __future__ import annotations

import os
import time
import tomllib
from collections.abc import Callable
from dataclasses import dataclass, field
from pathlib import Path

from summarize.errors import UserError
from summarize.evaluate import mds
from summarize.evaluate.cache import generate_cached, items_hash, model_info
from summarize.evaluate.faithfulness import FaithResult, faithfulness
from summarize.evaluate.rouge import RougeResult, score
from summarize.io import json_records
from summarize.parallel import Engine, Recipe
from summarize.select.summarizer import Summarizer
from summarize.seq2seq.loader import load_summarizer
from summarize.text.datasets import load_orangesum
from summarize.text.decode import read_text
from summarize.text.ingest import load_articles
from summarize.text.tokenize import tokenize
from summarize.text.when import day_of, named_days
from summarize.types import Article

KINDS = ("orangesum", "orangesum-mds", "cluster", "jsonl")
SUITE_KEYS = {"name", "description", "batch_size", "pipeline", "metric", "datasets"}
METRIC_KEYS = {"tokenizer", "stem", "bootstrap", "confidence", "seed", "rouge_types"}
DATASET_KEYS = {"name", "kind", "split", "data_dir", "reference", "references", "paths", "path",
                "field", "threshold", "max_days", "max_size"}


@dataclass
class Suite:
    """A parsed suite file."""

    name: str
    path: Path
    datasets: list[dict]
    pipeline: dict = field(default_factory=dict)
    metric: dict = field(default_factory=dict)
    batch_size: int = 8
    description: str = ""


@dataclass
class Item:
    """One evaluation item: a cluster of articles and its reference summaries."""

    id: str
    cluster: list[Article]
    references: list[str]


@dataclass
class DatasetResult:
    """Scores and timings of one dataset; ``docs_per_s`` uses recorded generation times."""

    name: str
    rouge: RougeResult
    predictions: list[str]
    seconds: float  # wall time of this run (generation or cache reads, and scoring)
    gen_seconds: float  # summed generation time of the items, as measured when generated
    n_generated: int
    n_cached: int
    items_hash: str = ""  # ids, inputs and references: equal hashes mean paired items
    faith: FaithResult | None = None  # faithfulness against the items' source articles

    @property
    def n(self) -> int:
        return self.rouge.n

    @property
    def docs_per_s(self) -> float | None:
        return self.n / self.gen_seconds if self.gen_seconds > 0 else None

    @property
    def repeat3(self) -> float:
        """Share of predictions that repeat a 3-gram (a sign of generation loops)."""
        return repeated_ngram_share(self.predictions, 3)

    @property
    def mean_words(self) -> float:
        return sum(len(p.split()) for p in self.predictions) / max(1, len(self.predictions))

    def to_dict(self) -> dict:
        return {"name": self.name, "n": self.n, "seconds": self.seconds,
                "gen_seconds": self.gen_seconds, "docs_per_s": self.docs_per_s,
                "repeated_3gram_share": self.repeat3, "mean_words": self.mean_words,
                "n_generated": self.n_generated, "n_cached": self.n_cached,
                "rouge": self.rouge.to_dict(),
                "faithfulness": self.faith.to_dict() if self.faith else None}


@dataclass
class SuiteResult:
    """Results of one model on every dataset of a suite."""

    suite: str
    suite_path: str
    model: str
    model_name: str
    fingerprint: str
    model_info: dict
    pipeline: dict
    metric: dict
    limit: int | None
    datasets: list[DatasetResult]
    skipped: dict[str, str] = field(default_factory=dict)

    def dataset(self, name: str) -> DatasetResult:
        for d in self.datasets:
            if d.name == name:
                return d
        raise KeyError(name)

    def to_dict(self) -> dict:
        return {
            "suite": self.suite, "suite_path": self.suite_path,
            "model": {"spec": self.model, "name": self.model_name,
                      "fingerprint": self.fingerprint, **self.model_info},
            "pipeline": self.pipeline, "metric": self.metric, "limit": self.limit,
            "datasets": [d.to_dict() for d in self.datasets], "skipped": self.skipped,
        }


def source_texts(cluster: list[Article]) -> list[str]:
    """The texts a summary of ``cluster`` may draw on: titles, articles, and the days an
    article's date and its relative day expressions name (``when.named_days``)."""
    out = []
    for a in cluster:
        days = named_days(a.text, day_of(a.date))
        out.append("\n".join(t for t in (a.title, a.text, days) if t))
    return out


def repeated_ngram_share(texts: list[str], n: int = 3) -> float:
    """Share of ``texts`` in which some word n-gram (French tokenizer) occurs twice."""
    def repeats(text: str) -> bool:
        words = tokenize(text)
        grams = [tuple(words[i : i + n]) for i in range(len(words) - n + 1)]
        return len(grams) != len(set(grams))

    return sum(map(repeats, texts)) / len(texts) if texts else 0.0


def load_suite(path: str | os.PathLike) -> Suite:
    """Parse and validate a suite file (one-line UserError on any problem)."""
    p = Path(path)
    if not p.is_file():
        raise UserError(f"suite file not found: {p}")
    try:
        data = tomllib.loads(p.read_text(encoding="utf-8"))
    except (tomllib.TOMLDecodeError, UnicodeDecodeError) as err:
        raise UserError(f"{p}: invalid TOML ({err})") from None
    except RecursionError:
        raise UserError(f"{p}: invalid TOML (nested too deeply)") from None
    except OSError as err:
        raise UserError(f"cannot read the suite {p}: {err.strerror or err}") from None
    unknown = set(data) - SUITE_KEYS
    if unknown:
        raise UserError(f"{p}: unknown key(s) {', '.join(sorted(unknown))}")
    datasets = data.get("datasets")
    if not isinstance(datasets, list) or not datasets:
        raise UserError(f"{p}: no [[datasets]] listed")
    names = set()
    for i, ds in enumerate(datasets, 1):
        where = f"{p}: dataset {i}"
        if not isinstance(ds, dict) or not isinstance(ds.get("name"), str) or not ds["name"]:
            raise UserError(f"{where}: needs a name")
        if ds["name"] in names:
            raise UserError(f"{p}: dataset name {ds['name']!r} is used twice")
        names.add(ds["name"])
        if ds.get("kind") not in KINDS:
            raise UserError(f"{where} ({ds['name']}): kind must be one of {', '.join(KINDS)}")
        bad = set(ds) - DATASET_KEYS
        if bad:
            raise UserError(f"{where} ({ds['name']}): unknown key(s) {', '.join(sorted(bad))}")
    metric = data.get("metric", {})
    pipeline = data.get("pipeline", {})
    if not isinstance(metric, dict) or not isinstance(pipeline, dict):
        raise UserError(f"{p}: [metric] and [pipeline] must be tables")
    bad = set(metric) - METRIC_KEYS
    if bad:
        raise UserError(f"{p}: unknown [metric] key(s) {', '.join(sorted(bad))}")
    batch_size = data.get("batch_size", 8)
    if isinstance(batch_size, bool) or not isinstance(batch_size, int) or batch_size < 1:
        raise UserError(f"{p}: batch_size must be a positive integer")
    return Suite(name=str(data.get("name") or p.stem), path=p.resolve(), datasets=datasets,
                 pipeline=pipeline, metric=metric, batch_size=batch_size,
                 description=str(data.get("description", "")))


def _read_text(path: Path, what: str) -> str:
    return read_text(path, what).strip()  # the decoding policy of every reader


def _article(obj: object, default_id: str, where: str) -> Article:
    if isinstance(obj, str):
        return Article(id=default_id, text=obj, source=where)
    if isinstance(obj, dict) and isinstance(obj.get("text"), str):
        return Article(id=str(obj.get("id", default_id)), text=obj["text"],
                       title=obj.get("title"), date=obj.get("date"), source=where)
    raise UserError(f"{where}: an article must be a string or an object with a 'text'")


def _jsonl_items(path: Path) -> list[Item]:
    """``{"id", "articles": [text | {"text", "title", ...}] or "article", "reference(s)"}``."""
    items = []
    for where, rec in json_records(_read_text(path, "dataset"), str(path)):
        item_id = str(rec["id"])
        raw = rec.get("articles", [rec["article"]] if "article" in rec else None)
        if not isinstance(raw, list) or not raw:
            raise UserError(f"{where}: needs 'articles' (a non-empty list) or 'article'")
        refs = rec.get("references", [rec["reference"]] if "reference" in rec else None)
        if not isinstance(refs, list) or not refs or not all(
                isinstance(r, str) and r.strip() for r in refs):
            raise UserError(f"{where}: needs a non-empty 'reference' or 'references'")
        ids = [item_id] if len(raw) == 1 else [f"{item_id}-{k}" for k in range(len(raw))]
        items.append(Item(item_id, [_article(a, i, where) for a, i in zip(raw, ids)], refs))
    if len({i.id for i in items}) != len(items):
        raise UserError(f"{path}: duplicate item ids")
    return items


def load_items(ds: dict, suite_dir: Path, *, data_dir: str | os.PathLike | None = None,
               limit: int | None = None, strict: bool = False,
               warn: Callable[[str], None] | None = None,
               cache_dir: str | os.PathLike | None = None) -> list[Item]:
    """The items of one dataset entry of a suite (first ``limit`` only if given)."""
    kind = ds["kind"]
    if kind == "orangesum":
        split = ds.get("split", "abstract-valid")
        root = data_dir or (suite_dir / ds["data_dir"] if ds.get("data_dir") else None)
        fld = ds.get("field", "title" if split.startswith("title") else "abstract")
        if fld not in ("abstract", "title"):
            raise UserError(f"dataset {ds['name']}: field must be 'abstract' or 'title'")
        examples = load_orangesum(root, split=split, limit=limit)
        items = [Item(e.id, [e.article], [getattr(e, fld)]) for e in examples
                 if getattr(e, fld).strip()]
    elif kind == "orangesum-mds":
        root = data_dir or (suite_dir / ds["data_dir"] if ds.get("data_dir") else None)
        clusters = mds.load_mds(root, split=ds.get("split", "abstract-valid"),
                                threshold=ds.get("threshold", mds.THRESHOLD),
                                max_days=ds.get("max_days", mds.MAX_DAYS),
                                max_size=ds.get("max_size", mds.MAX_SIZE), cache_dir=cache_dir)
        items = [Item(c.id, c.articles, [c.reference]) for c in clusters]
    elif kind == "jsonl":
        if not ds.get("path"):
            raise UserError(f"dataset {ds['name']}: kind 'jsonl' needs a path")
        items = _jsonl_items(suite_dir / ds["path"])
    else:
        paths = ds.get("paths")
        refs = ds.get("references", [ds["reference"]] if "reference" in ds else None)
        if not isinstance(paths, list) or not paths or not isinstance(refs, list) or not refs:
            raise UserError(f"dataset {ds['name']}: kind 'cluster' needs paths and reference(s)")
        missing = [p for p in paths if not (suite_dir / p).exists()]
        if missing:
            raise UserError(f"dataset {ds['name']}: not found: {suite_dir / missing[0]}")
        texts = [_read_text(suite_dir / r, "reference") for r in refs]
        if not all(texts):
            raise UserError(f"dataset {ds['name']}: a reference file is empty")
        articles = load_articles([str(suite_dir / p) for p in paths], strict=strict, warn=warn)
        if not articles:
            raise UserError(f"dataset {ds['name']}: no articles read from {', '.join(paths)}")
        items = [Item(ds["name"], list(articles), texts)]
    if not items:
        raise UserError(f"dataset {ds['name']}: no items")
    return items[:limit] if limit is not None else items


def parse_overrides(items: list[str] | None) -> dict:
    """``["num_beams=2", "runtime=torch"]`` → ``{"num_beams": 2, "runtime": "torch"}`` (TOML values)."""
    out = {}
    for item in items or []:
        key, sep, value = item.partition("=")
        if not sep or not key.strip():
            raise UserError(f"--set takes KEY=VALUE, not {item!r}")
        try:
            out[key.strip()] = tomllib.loads(f"v = {value.strip()}")["v"]
        except (tomllib.TOMLDecodeError, RecursionError):
            out[key.strip()] = value.strip()
    return out


def run_suite(
    suite_path: str | os.PathLike,
    model: str | Summarizer,
    *,
    data_dir: str | os.PathLike | None = None,
    limit: int | None = None,
    cache_dir: str | os.PathLike | None = None,
    strict: bool = False,
    warn: Callable[[str], None] | None = None,
    progress: Callable[[str, int, int], None] | None = None,
    overrides: dict | None = None,
    workers: int | str = 1,
    scheduler: str | None = None,
) -> SuiteResult:
    """Generate (through the cache) and score every dataset of a suite with one model.

    ``model`` is a spec for ``load_summarizer`` or a ready Summarizer; ``overrides`` replace
    entries of the suite's ``[pipeline]`` table. A dataset that cannot be loaded is reported
    through ``warn`` and skipped, unless ``strict``. ``workers``/``scheduler`` generate on a
    process pool or a Dask cluster (:mod:`summarize.parallel`); the scores are the same.
    """
    if limit is not None and limit < 1:
        raise UserError("--limit must be at least 1")
    suite = load_suite(suite_path)
    suite.pipeline = {**suite.pipeline, **(overrides or {})}
    if isinstance(model, str):
        spec, summarizer = model, load_summarizer(model, **suite.pipeline)
        recipe = Recipe.of(summarizer, model, suite.pipeline)
    else:
        spec, summarizer = model.name, model
        recipe = Recipe.of(summarizer)
    with Engine(workers, scheduler) as engine:
        datasets, skipped = _run_datasets(suite, summarizer, engine, recipe, data_dir=data_dir,
                                          limit=limit, cache_dir=cache_dir, strict=strict,
                                          warn=warn, progress=progress)
    if not datasets:
        raise UserError(f"no dataset of suite {suite.name} could be loaded: "
                        + "; ".join(skipped.values()))
    return SuiteResult(
        suite=suite.name, suite_path=str(suite.path), model=spec, model_name=summarizer.name,
        fingerprint=summarizer.fingerprint(), model_info=model_info(spec, summarizer),
        pipeline=suite.pipeline, metric=suite.metric, limit=limit, datasets=datasets,
        skipped=skipped,
    )


def _run_datasets(suite: Suite, summarizer: Summarizer, engine: Engine, recipe: Recipe, *,
                  data_dir, limit, cache_dir, strict, warn, progress
                  ) -> tuple[list[DatasetResult], dict[str, str]]:
    """Generate and score each dataset of ``suite``; the skipped ones with why."""
    datasets, skipped = [], {}
    for ds in suite.datasets:
        try:
            items = load_items(ds, suite.path.parent, data_dir=data_dir, limit=limit,
                               strict=strict, warn=warn, cache_dir=cache_dir)
        except UserError as err:
            if strict:
                raise
            skipped[ds["name"]] = str(err)
            if warn:
                warn(f"skipping dataset {ds['name']}: {err}")
            continue
        t0 = time.perf_counter()
        gens = generate_cached(
            summarizer, [i.cluster for i in items], settings=suite.pipeline, cache_dir=cache_dir,
            batch_size=suite.batch_size,
            progress=(lambda done, total, _n=ds["name"]: progress(_n, done, total))
            if progress else None, engine=engine, recipe=recipe,
        )
        rouge = score(gens.summaries, [i.references for i in items], ids=[i.id for i in items],
                      **suite.metric)
        faith = faithfulness(gens.summaries, [source_texts(i.cluster) for i in items],
                             **{k: v for k, v in suite.metric.items()
                                if k in ("bootstrap", "confidence", "seed")})
        datasets.append(DatasetResult(ds["name"], rouge, gens.summaries,
                                      time.perf_counter() - t0, float(sum(gens.seconds)),
                                      gens.n_generated, gens.n_cached,
                                      items_hash([i.id for i in items], [i.cluster for i in items],
                                                 [i.references for i in items]), faith))
    return datasets, skipped
