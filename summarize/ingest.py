"""Ingest stage: read articles (txt, jsonl, html; files, folders or stdin) into ``Article``s.

Encoding strategy (French-safe): UTF-8 (with or without BOM, or UTF-16 with BOM) first; bytes
that are not valid UTF-8 are decoded as cp1252, which has latin-1's letters plus ’ œ € ….
In cp1252/latin-1 every accented letter is one byte in 0xC0-0xFF, which UTF-8 only accepts
when followed by 1-3 bytes in 0x80-0xBF (symbols such as ’ « » œ ©): one accented letter
followed by a letter, a space or ASCII punctuation (any French word: "été ", "là,") makes the
file invalid UTF-8, so the order cannot mistake a French cp1252 file for UTF-8. ISO-8859-15
files are recognised by ½/¤ bytes inside words (œ and € there). Files with NUL bytes or many
control characters are binary and skipped with a warning.
"""

from __future__ import annotations

import gzip
import json
import re
import sys
from collections.abc import Callable, Iterator, Sequence
from pathlib import Path

from summarize.errors import UserError
from summarize.types import Article

Warn = Callable[[str], None]

#: File name endings read from folders (anything given explicitly is read as text).
SUFFIXES = (".txt", ".jsonl", ".jsonl.gz", ".html", ".htm")

#: Fewer words than this extracted from an HTML page means there was no article in it.
MIN_HTML_WORDS = 8

_DATE_MARKER = re.compile(r"\A[ \t]*date[ \t]+(\d{4}-\d{2}(?:-\d{2})?)(?:[ \t]+|[ \t]*\n|\Z)")
_LATIN9_HINT = re.compile(r"[A-Za-z][½¤¼¾]|[½¤¼¾][a-z]")
_CONTROL = re.compile(r"[\x00-\x08\x0b\x0c\x0e-\x1f\x7f]")


class BadInput(Exception):
    """A file (or line) that cannot be read; reported through ``warn`` or raised in strict mode."""


def _default_warn(message: str) -> None:
    print(f"warning: {message}", file=sys.stderr)


def decode_bytes(data: bytes) -> str:
    """Decode ``data`` as UTF-8, UTF-8 with BOM, UTF-16 with BOM, or cp1252/latin-1/latin-9.

    Raises ``BadInput`` for binary data (NUL bytes, control characters).
    """
    if data.startswith((b"\xff\xfe", b"\xfe\xff")):
        try:
            return data.decode("utf-16")
        except UnicodeDecodeError as err:
            raise BadInput("invalid UTF-16") from err
    if b"\x00" in data:
        raise BadInput("binary file (NUL bytes), not text")
    try:
        text = data.decode("utf-8-sig")
    except UnicodeDecodeError:
        text = data.decode("cp1252", errors="replace")
        if _LATIN9_HINT.search(text):
            text = data.decode("iso8859-15")
        elif "\ufffd" in text:  # the five bytes cp1252 leaves undefined: latin-1 maps them
            text = data.decode("latin-1")
    controls = len(_CONTROL.findall(text))
    if controls > max(2, len(text) // 100):
        raise BadInput("binary file (control characters), not text")
    return text


def _read_bytes(path: str) -> bytes:
    if path == "-":
        return sys.stdin.buffer.read()
    try:
        raw = Path(path).read_bytes()
    except OSError as err:
        raise BadInput(f"cannot read ({err.strerror or err})") from err
    if path.endswith(".gz"):
        try:
            return gzip.decompress(raw)
        except (OSError, EOFError) as err:
            raise BadInput("not a valid gzip file") from err
    return raw


def _kind(path: str, text: str) -> str:
    """``txt``, ``jsonl`` or ``html`` from the name, or sniffed from the content for stdin."""
    name = path.lower()
    if name.endswith((".jsonl", ".jsonl.gz")):
        return "jsonl"
    if name.endswith((".html", ".htm")):
        return "html"
    if path == "-":
        head = text.lstrip()[:200].lower()
        if head.startswith("{"):
            return "jsonl"
        if head.startswith(("<!doctype html", "<html")):
            return "html"
    return "txt"


def stem(path: str) -> str:
    """The id a path gives its article(s): file stem without ``.jsonl.gz`` etc.; ``stdin``."""
    if path == "-":
        return "stdin"
    name = Path(path).name
    for suffix in SUFFIXES:
        if name.lower().endswith(suffix):
            return name[: -len(suffix)] or name
    return Path(path).stem or name


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
        if p.is_dir():
            found = sorted(
                f for f in p.rglob("*")
                if f.is_file() and f.name.lower().endswith(SUFFIXES)
                and not any(part.startswith(".") for part in f.relative_to(p).parts)
            )
            if not found:
                raise UserError(f"{path}: folder has no {', '.join(SUFFIXES)} files")
            files.extend(str(f) for f in found)
        elif p.exists():
            files.append(path)
        else:
            raise UserError(f"{path}: no such file or folder")
    return files


def _split_date(text: str) -> tuple[str | None, str]:
    match = _DATE_MARKER.match(text)
    if not match:
        return None, text
    return match.group(1), text[match.end():]


def _html_article(text: str, path: str) -> Article:
    try:
        import trafilatura
    except ImportError as err:  # pragma: no cover - dependency problem, not user input
        raise UserError(f"reading HTML needs trafilatura ({err})") from err
    doc = trafilatura.bare_extraction(text, with_metadata=True, include_comments=False)
    body = (getattr(doc, "text", None) or "").strip() if doc is not None else ""
    if len(body.split()) < MIN_HTML_WORDS:  # trafilatura falls back to menus and footers
        raise BadInput("no article text found in the HTML")
    title = getattr(doc, "title", None) or None
    if title and body.split("\n", 1)[0].strip() == title.strip():
        body = body.split("\n", 1)[1].strip() if "\n" in body else body
    return Article(id=stem(path), text=body, title=title, date=getattr(doc, "date", None),
                   source=path)


def _json_article(obj: object, fallback_id: str, source: str) -> Article:
    """One article from a JSON object with ``text`` or ``article`` (optional id/title/date)."""
    if not isinstance(obj, dict):
        raise BadInput("not a JSON object")
    text = obj.get("text", obj.get("article"))
    if not isinstance(text, str) or not text.strip():
        raise BadInput("no non-empty 'text' or 'article' field")
    raw_id = obj.get("id")
    art_id = str(raw_id).strip() if raw_id not in (None, "") else fallback_id
    title, date = obj.get("title"), obj.get("date")
    return Article(id=art_id or fallback_id, text=text, source=source,
                   title=str(title) if title not in (None, "") else None,
                   date=str(date) if date not in (None, "") else None)


def _json_lines(text: str) -> Iterator[tuple[int, object | BadInput]]:
    """(line number, parsed object or the error) for each non-blank line."""
    for lineno, line in enumerate(text.splitlines(), 1):
        if not line.strip():
            continue
        try:
            yield lineno, json.loads(line)
        except json.JSONDecodeError as err:
            yield lineno, BadInput(f"invalid JSON ({err.msg})")


def _cluster_articles(obj: dict, cluster_id: str, source: str) -> list[Article]:
    items = obj.get("articles")
    if not isinstance(items, list) or not items:
        raise BadInput("'articles' is not a non-empty list")
    articles = [_json_article(item, f"{cluster_id}-{k}", f"{source}#{k}")
                for k, item in enumerate(items, 1)]
    return _dedupe(articles)


def _is_cluster_file(text: str) -> bool:
    for _, obj in _json_lines(text):
        return isinstance(obj, dict) and "articles" in obj
    return False


def _read_text(path: str) -> str:
    return decode_bytes(_read_bytes(path))


def _parse(path: str, text: str, report: Callable[[str], None]) -> list[Article]:
    """Articles of one file; bad jsonl lines go to ``report``, a bad file raises BadInput."""
    if not text.strip():
        raise BadInput("empty file")
    kind = _kind(path, text)
    if kind == "html":
        return [_html_article(text, path)]
    if kind == "txt":
        date, body = _split_date(text)
        if not body.strip():
            raise BadInput("no text after the date marker")
        return [Article(id=stem(path), text=body, date=date, source=path)]
    articles: list[Article] = []
    for lineno, obj in _json_lines(text):
        where = f"{path}:{lineno}"
        try:
            if isinstance(obj, BadInput):
                raise obj
            if isinstance(obj, dict) and "articles" in obj:
                cid = str(obj.get("id") or f"{stem(path)}-{lineno}")
                articles.extend(_cluster_articles(obj, cid, where))
            else:
                articles.append(_json_article(obj, f"{stem(path)}-{lineno}", where))
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


def _reporter(strict: bool, warn: Warn | None) -> Callable[[str], None]:
    sink = warn if warn is not None else _default_warn

    def report(message: str) -> None:
        if strict:
            raise UserError(message)
        sink(message)

    return report


def load_articles(
    paths: Sequence[str], *, strict: bool = False, warn: Warn | None = None
) -> list[Article]:
    """Read every article under ``paths`` (files, folders, ``-`` for stdin).

    A bad file (or jsonl line) is reported through ``warn`` (default: ``warning: ...`` on
    stderr) and skipped; with ``strict`` it raises ``UserError``. Raises ``UserError`` for a
    missing path, an empty folder, or when nothing readable is left. Ids are unique.
    """
    report = _reporter(strict, warn)
    articles: list[Article] = []
    for path in expand_paths(paths):
        try:
            articles.extend(_parse(path, _read_text(path), report))
        except BadInput as err:
            report(f"{'stdin' if path == '-' else path}: {err}, skipped")
    if not articles:
        raise UserError("no readable article in the given input")
    return _dedupe(articles)


def load_clusters(
    paths: Sequence[str], *, strict: bool = False, warn: Warn | None = None
) -> list[tuple[str, list[Article]]]:
    """Clusters of articles for batch briefing.

    A ``.jsonl`` whose lines carry an ``articles`` list gives one cluster per line (a bad line
    is reported as ``file:line`` and skipped). All other inputs together form one cluster, named
    after the single path given (its stem) or ``cluster`` when there are several.
    """
    report = _reporter(strict, warn)
    clusters: list[tuple[str, list[Article]]] = []
    plain: list[Article] = []
    for path in expand_paths(paths):
        try:
            text = _read_text(path)
            if _kind(path, text) != "jsonl" or not _is_cluster_file(text):
                plain.extend(_parse(path, text, report))
                continue
        except BadInput as err:
            report(f"{'stdin' if path == '-' else path}: {err}, skipped")
            continue
        for lineno, obj in _json_lines(text):
            where = f"{path}:{lineno}"
            try:
                if isinstance(obj, BadInput):
                    raise obj
                if not isinstance(obj, dict):
                    raise BadInput("not a JSON object")
                cid = str(obj.get("id") or f"{stem(path)}-{lineno}")
                clusters.append((cid, _cluster_articles(obj, cid, where)))
            except BadInput as err:
                report(f"{where}: {err}, skipped")
    if plain:
        name = "cluster"
        if len(paths) == 1 and paths[0] != "-":
            name = stem(paths[0]) or Path(paths[0]).resolve().name or "cluster"
        clusters.append((name, _dedupe(plain)))
    if not clusters:
        raise UserError("no readable cluster in the given input")
    ids = _dedupe([Article(id=cid, text="") for cid, _ in clusters])
    return [(a.id, arts) for a, (_, arts) in zip(ids, clusters, strict=True)]


# --- Writing articles back (the inverse of reading ``.txt``) ---------------------------------

_SAFE_NAME = re.compile(r"[^\w.-]+")
_DATE_OK = re.compile(r"\d{4}-\d{2}(?:-\d{2})?")


def dump_txt(text: str, date: str | None = None) -> str:
    """A ``.txt`` file's content: `` date YYYY-MM[-DD] `` marker (when known) then the text."""
    if date and _DATE_OK.fullmatch(date):
        return f" date {date} {text}\n"
    return text + "\n"


def output_paths(
    folder: str, ids: Sequence[str], suffix: str, *, force: bool = False
) -> list[Path]:
    """Safe, unique (case-insensitively) paths ``folder/<id><suffix>``, unsafe characters → ``_``.

    Raises ``UserError`` if ``folder`` is a file, or if a path exists and ``force`` is false.
    """
    if Path(folder).exists() and not Path(folder).is_dir():
        raise UserError(f"{folder} exists and is not a folder")
    paths: list[Path] = []
    taken: set[str] = set()
    for art_id in ids:
        base = _SAFE_NAME.sub("_", art_id).strip("._") or "article"
        name, n = base + suffix, 2
        while name.lower() in taken:
            name, n = f"{base}-{n}{suffix}", n + 1
        taken.add(name.lower())
        paths.append(Path(folder) / name)
    existing = [p for p in paths if p.exists()]
    if existing and not force:
        raise UserError(f"{existing[0]} exists ({len(existing)} file(s) would be overwritten); "
                        "pass --force to overwrite")
    return paths
