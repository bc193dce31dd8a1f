"""Ingest stage: read articles (txt, json, jsonl, html; files, folders or stdin) into ``Article``s.

Bytes are decoded by :mod:`summarize.text.decode` (UTF-8 first, invalid bytes reported, a legacy
encoding only for clearly non-UTF-8 files). A ``.txt`` file (or stdin) that holds an HTML page
is read as HTML. Optional checks: a language check (non-French articles are reported and
skipped) and a size limit on the whole input (refused up front).
"""

from __future__ import annotations

import os
import sys
import zlib
from collections.abc import Callable, Sequence
from pathlib import Path

from summarize.errors import UserError
from summarize.text.decode import BadInput, decode_bytes, sanitize
from summarize.text.formats import (
    SUFFIXES,
    html_article,
    is_cluster,
    is_cluster_file,
    json_article,
    json_document,
    json_lines,
    split_date,
    stem,
)
from summarize.text.lang import non_french
from summarize.text.when import parse_date
from summarize.types import Article

Warn = Callable[[str], None]


def _default_warn(message: str) -> None:
    print(f"warning: {message}", file=sys.stderr)


class _Budget:
    """Bytes left to read under ``--max-input-mb`` across every input (None: no limit).

    Bytes are counted as they are read, so a device (``/dev/zero``), a pipe or a gzip bomb is
    refused at the limit instead of being read whole first."""

    def __init__(self, max_mb: float | None) -> None:
        self.max_mb = max_mb
        self.left = None if max_mb is None else int(max_mb * 1e6)

    def take(self, data: bytes, name: str) -> bytes:
        if self.left is not None:
            if len(data) > self.left:
                raise UserError(f"input too large: {name} goes over the {self.max_mb:g} MB limit; "
                                "raise it with --max-input-mb")
            self.left -= len(data)
        return data

    def cap(self) -> int:
        """How many bytes to read at most: one more than the limit allows (to detect it)."""
        return -1 if self.left is None else self.left + 1


def _read_bytes(path: str, budget: _Budget) -> bytes:
    name = "stdin" if path == "-" else path
    if path == "-":
        return budget.take(sys.stdin.buffer.read(budget.cap()), name)
    try:
        with open(path, "rb") as handle:
            raw = handle.read(budget.cap())
    except OSError as err:
        raise BadInput(f"cannot read ({err.strerror or err})") from err
    if not path.endswith(".gz"):
        return budget.take(raw, name)
    return budget.take(_gunzip(raw, None if budget.left is None else budget.cap()), name)


def _gunzip(raw: bytes, limit: int | None) -> bytes:
    """The gzip members of ``raw``, decompressed up to ``limit`` bytes (more means too large)."""
    out = b""
    while raw:
        member = zlib.decompressobj(wbits=31)
        try:
            out += member.decompress(raw, 0 if limit is None else max(1, limit - len(out)))
        except zlib.error as err:
            raise BadInput("not a valid gzip file") from err
        if limit is not None and len(out) >= limit:
            return out
        if not member.eof:
            raise BadInput("not a valid gzip file (truncated)")
        raw = member.unused_data
    return out


def _kind(path: str, text: str) -> str:
    """``txt``, ``json``, ``jsonl`` or ``html`` from the name; an HTML page in a ``.txt`` (or stdin) is sniffed."""
    name = path.lower()
    if name.endswith((".jsonl", ".jsonl.gz")):
        return "jsonl"
    if name.endswith(".json"):
        return "json"
    if name.endswith((".html", ".htm")):
        return "html"
    head = text[:4000].lstrip().lower()
    if path == "-" and head.startswith("{"):
        return "jsonl"
    if head.startswith(("<!doctype html", "<html")) or (
            head.startswith("<") and ("<body" in head or "<head" in head)):
        return "html"
    return "txt"


def expand_paths(paths: Sequence[str]) -> list[str]:
    """Files to read: folders walked recursively (sorted, hidden entries skipped).

    Raises ``UserError`` for a missing path or a folder without readable files.
    """
    if not paths:
        raise UserError("no input given")
    files: list[str] = []
    for path in paths:
        if path == "-":
            files.append(path)
            continue
        p = Path(path)
        try:
            is_dir, exists = p.is_dir(), p.exists()
        except OSError as err:  # a name too long
            raise UserError(f"{path[:200]}: {err.strerror or err}") from None
        if is_dir:
            found = _walk(p)
            if not found:
                raise UserError(f"{path}: folder has no {', '.join(SUFFIXES)} files")
            files.extend(str(f) for f in found)
        elif exists:
            files.append(path)
        else:
            raise UserError(f"{path}: no such file or folder")
    return files


#: Deepest folder read below an input folder.
MAX_FOLDER_DEPTH = 64


def _walk(folder: Path) -> list[Path]:
    """Readable files below ``folder``, sorted, hidden entries skipped (iterative: any depth
    is refused in one line past :data:`MAX_FOLDER_DEPTH`, never a recursion error)."""
    found: list[Path] = []
    stack = [(folder, 0)]
    while stack:
        current, depth = stack.pop()
        if depth > MAX_FOLDER_DEPTH:
            raise UserError(f"{folder}: folders nested more than {MAX_FOLDER_DEPTH} deep")
        try:
            entries = list(os.scandir(current))
        except OSError as err:
            raise UserError(f"{current}: cannot read the folder ({err.strerror or err})") from None
        for entry in entries:
            if entry.name.startswith("."):
                continue
            if entry.is_dir():
                stack.append((Path(entry.path), depth + 1))
            elif entry.is_file() and entry.name.lower().endswith(SUFFIXES):
                found.append(Path(entry.path))
    return sorted(found)


def cluster_articles(obj: dict, cluster_id: str, source: str) -> list[Article]:
    """The articles of a cluster line: objects or plain strings (``"articles": ["…", "…"]``)."""
    items = obj.get("articles")
    if not isinstance(items, list) or not items:
        raise BadInput("'articles' is not a non-empty list")
    articles = [json_article(item, f"{cluster_id}-{k}", f"{source}#{k}")
                for k, item in enumerate(items, 1)]
    return _dedupe(articles)


def cluster_line(obj: object, path: str, where: str, lineno: int, report: Callable[[str], None],
                 lang_check: bool) -> tuple[str, list[Article]] | None:
    """The ``(id, articles)`` of one line of a file of clusters (an object, or the
    ``BadInput`` its parsing raised), or None after reporting why it is skipped."""
    try:
        if isinstance(obj, BadInput):
            raise obj
        if not is_cluster(obj):
            raise BadInput("not a cluster ({\"articles\": [...]}) in a file of clusters")
        cid = str(obj.get("id") or f"{stem(path)}-{lineno}")
        articles = cluster_articles(obj, cid, where)
    except BadInput as err:
        report(f"{where}: {err}")
        return None
    articles = french_only(articles, report) if lang_check else articles
    if not articles:
        report(f"{where}: cluster {cid} has no French article left")
        return None
    return cid, articles


def _read_text(path: str, budget: _Budget, warn: Warn | None = None) -> str:
    return decode_bytes(_read_bytes(path, budget), "stdin" if path == "-" else path, warn)


def _parse(path: str, text: str, report: Callable[[str], None]) -> list[Article]:
    """Articles of one file; bad jsonl lines go to ``report``, a bad file raises BadInput."""
    if not text.strip():
        raise BadInput("empty file")
    kind = _kind(path, text)
    if kind == "html":
        return [html_article(text, path)]
    if kind == "txt":
        date, body = split_date(text)
        if not body.strip():
            raise BadInput("no text after the date marker")
        return [Article(id=stem(path), text=sanitize(body), date=date, source=path)]
    articles: list[Article] = []
    for lineno, obj in (json_document(text) if kind == "json" else json_lines(text)):
        where = f"{path}:{lineno}" if kind == "jsonl" else f"{path}#{lineno}"
        try:
            if isinstance(obj, BadInput):
                raise obj
            if is_cluster(obj):
                cid = str(obj.get("id") or f"{stem(path)}-{lineno}")
                articles.extend(cluster_articles(obj, cid, where))
            else:
                articles.append(json_article(obj, f"{stem(path)}-{lineno}", where))
        except BadInput as err:
            report(f"{where}: {err}")
    if not articles:
        raise BadInput("no readable article in this file")
    return articles


def _dedupe(articles: list[Article]) -> list[Article]:
    """Give repeated ids a ``-2``, ``-3``… suffix (never colliding with an existing id)."""
    seen: set[str] = set()
    taken = {a.id for a in articles}
    for article in articles:
        if article.id in seen:
            n = 2
            while f"{article.id}-{n}" in taken:
                n += 1
            article.id = f"{article.id}-{n}"
            taken.add(article.id)
        seen.add(article.id)
    return articles


def check_dates(articles: list[Article], warn: Warn | None = None) -> list[Article]:
    """Normalise each article's date (``when.parse_date``); a malformed, impossible or future
    one is named in a warning and the article kept undated."""
    for article in articles:
        if article.date is None:
            continue
        article.date, problem = parse_date(article.date)
        if problem:
            (warn if warn is not None else _default_warn)(
                f"{article.source or article.id}: {problem}; kept undated")
    return articles


def reporter(strict: bool, warn: Warn | None) -> Callable[[str], None]:
    """``report(problem)``: an error in strict mode, else a warning ending in ``, skipped``."""
    sink = warn if warn is not None else _default_warn

    def report(message: str) -> None:
        if strict:
            raise UserError(message)
        sink(f"{message}, skipped")

    return report


def check_size(paths: Sequence[str], max_mb: float | None) -> None:
    """Refuse input files totalling more than ``max_mb`` megabytes (None: no limit)."""
    if max_mb is None:
        return
    total = sum(Path(p).stat().st_size for p in paths if p != "-" and Path(p).is_file())
    if total > max_mb * 1e6:
        raise UserError(f"input too large: {total / 1e6:.1f} MB over the {max_mb:g} MB limit; "
                        "raise it with --max-input-mb")


def french_only(articles: list[Article], report: Callable[[str], None]) -> list[Article]:
    kept = []
    for article in articles:
        found = non_french(article.text)
        if found is None:
            kept.append(article)
        else:
            report(f"{article.source or article.id}: not French ({found}; "
                   "--no-lang-check reads it anyway)")
    return kept


def load_articles(
    paths: Sequence[str], *, strict: bool = False, warn: Warn | None = None,
    lang_check: bool = False, max_mb: float | None = None,
) -> list[Article]:
    """Read every article under ``paths`` (files, folders, ``-`` for stdin).

    A bad file (or jsonl line), or with ``lang_check`` a non-French article, is reported
    through ``warn`` (default: ``warning: ...`` on stderr) and skipped; with ``strict`` it
    raises ``UserError``. Raises ``UserError`` for a missing path, an empty folder, input over
    ``max_mb`` megabytes, or when nothing readable is left. Ids are unique.
    """
    report = reporter(strict, warn)
    files = expand_paths(paths)
    check_size(files, max_mb)
    budget = _Budget(max_mb)
    articles: list[Article] = []
    for path in files:
        try:
            found = _parse(path, _read_text(path, budget, warn), report)
        except BadInput as err:
            report(f"{'stdin' if path == '-' else path}: {err}")
            continue
        articles.extend(french_only(found, report) if lang_check else found)
    if not articles:
        raise UserError("no readable article in the given input")
    return _dedupe(check_dates(articles, warn))


def load_clusters(
    paths: Sequence[str], *, strict: bool = False, warn: Warn | None = None,
    lang_check: bool = False, max_mb: float | None = None, info: dict | None = None,
) -> list[tuple[str, list[Article]]]:
    """Clusters of articles for batch briefing.

    A ``.jsonl`` with lines carrying an ``articles`` list gives one cluster per such line (a
    bad line, or a plain article line among them, is reported as ``file:line`` and skipped).
    All other inputs together form one cluster, named after the single path given (its stem)
    or ``cluster`` when there are several. ``info["cluster_lines"]`` is set to the number of
    clusters read from cluster lines. Options as in :func:`load_articles`.
    """
    report = reporter(strict, warn)
    files = expand_paths(paths)
    check_size(files, max_mb)
    budget = _Budget(max_mb)
    clusters: list[tuple[str, list[Article]]] = []
    plain: list[Article] = []
    for path in files:
        name = "stdin" if path == "-" else path
        try:
            text = _read_text(path, budget, warn)
            if _kind(path, text) != "jsonl" or not is_cluster_file(text):
                found = _parse(path, text, report)
                plain.extend(french_only(found, report) if lang_check else found)
                continue
        except BadInput as err:
            report(f"{name}: {err}")
            continue
        for lineno, obj in json_lines(text):
            found = cluster_line(obj, path, f"{name}:{lineno}", lineno, report, lang_check)
            if found is not None:
                clusters.append((found[0], check_dates(found[1], warn)))
    if info is not None:
        info["cluster_lines"] = len(clusters)
    if plain:
        name = "cluster"
        if len(paths) == 1 and paths[0] != "-":
            name = stem(paths[0]) or Path(paths[0]).resolve().name or "cluster"
        clusters.append((name, _dedupe(check_dates(plain, warn))))
    if not clusters:
        raise UserError("no readable cluster in the given input")
    ids = _dedupe([Article(id=cid, text="") for cid, _ in clusters])
    return [(a.id, arts) for a, (_, arts) in zip(ids, clusters, strict=True)]
