"""Article file formats: ``.txt`` with its optional date marker, JSON records (one article or
a cluster's ``articles`` list), HTML pages (trafilatura); and writing articles back as files."""

from __future__ import annotations

import json
import re
from collections.abc import Iterator, Sequence
from pathlib import Path

from summarize.errors import UserError
from summarize.io import json_problem
from summarize.text.decode import BadInput, sanitize
from summarize.types import Article

#: File name endings read from folders (anything given explicitly is read as text).
SUFFIXES = (".txt", ".json", ".jsonl", ".jsonl.gz", ".html", ".htm")
#: Fewer words than this extracted from an HTML page means there was no article in it.
MIN_HTML_WORDS = 8


_DATE_MARKER = re.compile(r"\A[ \t]*date[ \t]+(\d{4}-\d{2}(?:-\d{2})?)(?:[ \t]+|[ \t]*\n|\Z)")


def stem(path: str) -> str:
    """The id a path gives its article(s): file stem without ``.jsonl.gz`` etc.; ``stdin``."""
    if path == "-":
        return "stdin"
    name = Path(path).name
    for suffix in SUFFIXES:
        if name.lower().endswith(suffix):
            return name[: -len(suffix)] or name
    return Path(path).stem or name


def split_date(text: str) -> tuple[str | None, str]:
    match = _DATE_MARKER.match(text)
    if not match:
        return None, text
    return match.group(1), text[match.end():]


def html_article(text: str, path: str) -> Article:
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


def json_article(obj: object, fallback_id: str, source: str) -> Article:
    """One article from a string, or an object with ``text``/``article`` (optional id/title/date)."""
    if isinstance(obj, str):
        obj = {"text": obj}
    if not isinstance(obj, dict):
        raise BadInput("not a JSON object or string")
    text = obj.get("text", obj.get("article"))
    if not isinstance(text, str) or not text.strip():
        raise BadInput("no non-empty 'text' or 'article' field")
    raw_id = obj.get("id")
    art_id = sanitize(str(raw_id)).strip() if raw_id not in (None, "") else fallback_id
    title, date = obj.get("title"), obj.get("date")
    return Article(id=art_id or fallback_id, text=sanitize(text), source=source,
                   title=sanitize(str(title)) if title not in (None, "") else None,
                   date=sanitize(str(date)) if date not in (None, "") else None)


def json_lines(text: str) -> Iterator[tuple[int, object | BadInput]]:
    """(line number, parsed object or the error) for each non-blank line."""
    for lineno, line in enumerate(text.splitlines(), 1):
        if not line.strip():
            continue
        try:
            yield lineno, json.loads(line)
        except (ValueError, RecursionError) as err:  # bad syntax, deep nesting, huge numbers
            yield lineno, BadInput(json_problem(err))


def json_document(text: str) -> Iterator[tuple[int, object | BadInput]]:
    """A ``.json`` file: one object (an article or a cluster) or a list of them, numbered from 1."""
    try:
        doc = json.loads(text)
    except (ValueError, RecursionError) as err:
        yield 1, BadInput(json_problem(err))
        return
    yield from enumerate(doc if isinstance(doc, list) else [doc], 1)


def is_cluster(obj: object) -> bool:
    return isinstance(obj, dict) and "articles" in obj


def is_cluster_file(text: str) -> bool:
    """Whether any line of a JSONL text is a cluster (``articles`` list)."""
    return any(is_cluster(obj) for _, obj in json_lines(text))


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
