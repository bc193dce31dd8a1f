"""Readers for evaluation and training data (OrangeSum and JSONL clusters)."""

from __future__ import annotations

import argparse
import gzip
import io
import json
import os
from dataclasses import dataclass
from pathlib import Path

from summarize.errors import UserError
from summarize.io import atomic_write
from summarize.types import Article

#: Where the shared OrangeSum copy lives relative to a checkout (override: $ORANGESUM_DIR).
DEFAULT_ORANGESUM = Path(__file__).resolve().parents[3] / "shared" / "data" / "orangesum"


@dataclass
class Example:
    """One OrangeSum item: the article (as a one-article cluster) and its references."""

    id: str
    article: Article
    abstract: str
    title: str


def orangesum_dir(path: str | os.PathLike | None = None) -> Path:
    """Resolve the OrangeSum folder: ``path``, then $ORANGESUM_DIR, then ../shared/data/orangesum."""
    found = Path(path or os.environ.get("ORANGESUM_DIR") or DEFAULT_ORANGESUM)
    if not (found / "documents.jsonl.gz").is_file():
        raise UserError(f"OrangeSum data not found in {found} (expected documents.jsonl.gz)")
    return found


def load_orangesum(
    data_dir: str | os.PathLike | None = None,
    split: str = "abstract-valid",
    limit: int | None = None,
) -> list[Example]:
    """Read one split (``abstract-train``, ``abstract-valid``, ``title-train``, ``title-valid``).

    Items come in the order of the split's ``.ids`` file; ``limit`` keeps the first N.
    """
    root = orangesum_dir(data_dir)
    ids_file = root / f"{split}.ids"
    if not ids_file.is_file():
        raise UserError(f"unknown OrangeSum split {split!r} (no {ids_file.name} in {root})")
    ids = [line.strip() for line in ids_file.read_text(encoding="utf-8").split() if line.strip()]
    if limit is not None:
        ids = ids[:limit]
    wanted = set(ids)
    found: dict[str, Example] = {}
    with gzip.open(root / "documents.jsonl.gz", "rt", encoding="utf-8") as fh:
        for line in fh:
            doc = json.loads(line)
            doc_id = str(doc["id"])
            if doc_id in wanted:
                article = Article(id=doc_id, text=doc["article"], title=doc.get("title"),
                                  date=doc.get("date"), source=f"orangesum:{doc_id}")
                found[doc_id] = Example(doc_id, article, doc.get("abstract") or "",
                                        doc.get("title") or "")
                if len(found) == len(wanted):
                    break
    return [found[i] for i in ids if i in found]


def article_texts(ids, data_dir: str | os.PathLike | None = None) -> dict[str, str]:
    """id → article text of the OrangeSum documents ``ids`` (any split: the offsets of the
    hand-annotated sets in ``eval/`` and ``train-data/`` point into these texts)."""
    wanted, found = {str(i) for i in ids}, {}
    with gzip.open(orangesum_dir(data_dir) / "documents.jsonl.gz", "rt", encoding="utf-8") as fh:
        for line in fh:
            doc = json.loads(line)
            if str(doc["id"]) in wanted:
                found[str(doc["id"])] = doc["article"]
                if len(found) == len(wanted):
                    break
    return found


def table_parser(description: str, output: Path) -> argparse.ArgumentParser:
    """The options every bundled table's rebuild command takes (``python -m
    summarize.text.lexicon``, ``… docfreq``): the OrangeSum folder and the output file."""
    parser = argparse.ArgumentParser(description=description)
    parser.add_argument("--data-dir", help="OrangeSum folder (default ../shared/data/orangesum)")
    parser.add_argument("-o", "--output", default=str(output))
    return parser


def write_table(path: str | os.PathLike, text: str) -> None:
    """``text`` gzipped to ``path``, atomically (a reader never sees half a table) and with
    reproducible bytes (no timestamp; the header names the file, as ``gzip.open`` writes it)."""
    buffer = io.BytesIO()
    with gzip.GzipFile(Path(path).name, "wb", fileobj=buffer, mtime=0) as fh:
        fh.write(text.encode("utf-8"))
    atomic_write(path, buffer.getvalue(), force=True)
