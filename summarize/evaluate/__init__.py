"""Evaluation: French-correct ROUGE scoring (``rouge``, ``tokenize``, ``report``) and readers.

This module reads prediction and reference files for ``summarize eval``:

* text files: one summary per line (a blank prediction line is an empty summary);
* JSONL (``.jsonl``/``.ndjson``, or any file whose first line is a JSON object): one object per
  line with an ``id`` and the text under ``prediction``/``summary``/``text``/``abstract``/
  ``reference`` (predictions look for them in that order; references look for a
  ``references`` list first, then ``reference``/``abstract``/``summary``/``text``).

Several reference files give several references per item. When every file is JSONL items are
aligned by id; otherwise by position, and the counts must match.
"""

from __future__ import annotations

import json
import os
import sys
from collections import Counter
from collections.abc import Sequence
from dataclasses import dataclass
from pathlib import Path

from summarize.errors import UserError
from summarize.evaluate.rouge import (
    MEASURES,
    ROUGE_TYPES,
    RougeResult,
    check_comparable,
    make_signature,
    parse_signature,
    score,
)
from summarize.io import json_records
from summarize.limits import MAX_INPUT_MB
from summarize.text.decode import decode_bytes, read_text

#: Most bytes of predictions read from stdin (``-p -``).
MAX_STDIN_BYTES = int(MAX_INPUT_MB * 1e6)

__all__ = [
    "MEASURES",
    "ROUGE_TYPES",
    "Pairs",
    "RougeResult",
    "check_comparable",
    "load_pairs",
    "make_signature",
    "parse_signature",
    "read_sources",
    "read_summaries",
    "score",
]

PREDICTION_KEYS = ("prediction", "summary", "text", "abstract", "reference")
REFERENCE_KEYS = ("reference", "abstract", "summary", "text", "prediction")


@dataclass
class Pairs:
    """Aligned items: ``predictions[i]`` is scored against the texts ``references[i]``."""

    ids: list[str]
    predictions: list[str]
    references: list[list[str]]


def _is_jsonl(path: Path, text: str) -> bool:
    if path.suffix.lower() in (".jsonl", ".ndjson"):
        return True
    first = next((line for line in text.splitlines() if line.strip()), "")
    if not first.lstrip().startswith("{"):
        return False
    try:
        return isinstance(json.loads(first), dict)
    except json.JSONDecodeError:
        return False


def _texts_from_record(record: dict, role: str, where: str) -> list[str]:
    if role == "reference" and "references" in record:
        refs = record["references"]
        if not isinstance(refs, list) or not refs or not all(isinstance(r, str) for r in refs):
            raise UserError(f"{where}: 'references' must be a non-empty list of strings")
        return refs
    keys = PREDICTION_KEYS if role == "prediction" else REFERENCE_KEYS
    for key in keys:
        if key in record:
            if not isinstance(record[key], str):
                raise UserError(f"{where}: {key!r} must be a string")
            return [record[key]]
    raise UserError(f"{where}: no text field (expected one of: {', '.join(keys)})")


def read_summaries(
    path: str | os.PathLike, role: str = "prediction"
) -> tuple[list[str] | None, list[list[str]]]:
    """Read one file: (ids or None for plain text, texts per item).

    ``role`` is ``prediction`` (one text per item) or ``reference`` (one or more).
    """
    p = Path(path)
    if str(path) == "-":  # predictions piped in, as sacrebleu reads hypotheses
        text = decode_bytes(sys.stdin.buffer.read(MAX_STDIN_BYTES + 1), "stdin")
        if len(text.encode("utf-8", "surrogateescape")) > MAX_STDIN_BYTES:
            raise UserError(f"stdin: over {MAX_STDIN_BYTES // 1_000_000} MB of {role}s")
    else:
        text = read_text(p, f"{role}s file")  # the decoding policy of every reader
    lines = text.splitlines()
    if not _is_jsonl(p, text):
        items = [[line.strip()] for line in lines]
        while items and not items[-1][0]:
            items.pop()  # trailing blank lines are not items
        return None, items
    ids: list[str] = []
    items = []
    for where, record in json_records("\n".join(lines), str(p)):
        ids.append(str(record["id"]))
        items.append(_texts_from_record(record, role, where))
    duplicates = sorted(i for i, count in Counter(ids).items() if count > 1)
    if duplicates:
        raise UserError(f"{p}: duplicate id(s) {', '.join(duplicates[:3])}")
    return ids, items


def load_pairs(predictions: str | os.PathLike, references: Sequence[str | os.PathLike]) -> Pairs:
    """Read and align a predictions file with one or more reference files."""
    if not references:
        raise UserError("give at least one references file (--references R)")
    pred_ids, pred_items = read_summaries(predictions, "prediction")
    ref_files = [(Path(r), *read_summaries(r, "reference")) for r in references]
    if not pred_items:
        raise UserError(f"{predictions}: no predictions")
    by_id = pred_ids is not None and all(ids is not None for _, ids, _ in ref_files)
    item_ids = pred_ids or next((i for _, i, _ in ref_files if i is not None), None)
    item_ids = list(item_ids or [str(k + 1) for k in range(len(pred_items))])
    refs: list[list[str]] = [[] for _ in pred_items]
    for path, ids, items in ref_files:
        if by_id:
            table = dict(zip(ids, items))
            missing = [i for i in pred_ids if i not in table]
            extra = len(set(table) - set(pred_ids))
            if missing or extra:
                raise UserError(
                    f"{path}: ids do not match the predictions ({len(missing)} missing"
                    + (f", e.g. {missing[0]!r}" if missing else "") + f", {extra} extra)"
                )
            items = [table[i] for i in pred_ids]
        elif len(items) != len(pred_items):
            raise UserError(
                f"{len(pred_items)} predictions in {predictions} but {len(items)} references in "
                f"{path} (items are aligned by line)"
            )
        for k, texts in enumerate(items):
            if not any(t.strip() for t in texts):
                raise UserError(f"{path}: the reference of item {item_ids[k]!r} is empty")
            refs[k].extend(texts)
    return Pairs(ids=item_ids, predictions=[t[0] for t in pred_items], references=refs)


def read_sources(path: str | os.PathLike, pairs: Pairs) -> list[list[str]]:
    """Source articles per item of ``pairs``, for the faithfulness metrics.

    JSONL: ``{"id", "articles": [text | {"text", "title"}]}`` (or ``"article"``/``"text"``),
    aligned by id (plain-text predictions are items 1..n; sources numbered 0..n-1 are
    accepted too); plain text: one article per line, aligned by position. An id that matches
    no prediction is refused (a silent shift would pair summaries with other articles).
    """
    p = Path(path)
    text = read_text(p, "sources file")  # the decoding policy of every reader
    if not _is_jsonl(p, text):
        lines = [line.strip() for line in text.splitlines()]
        while lines and not lines[-1]:
            lines.pop()
        if len(lines) != len(pairs.predictions):
            raise UserError(f"{len(pairs.predictions)} predictions but {len(lines)} sources in {p}")
        return [[line] for line in lines]
    table: dict[str, list[str]] = {}
    for where, record in json_records(text, str(p)):
        raw = record.get("articles", [record.get("article", record.get("text"))])
        if not isinstance(raw, list) or not raw:
            raise UserError(f"{where}: needs 'articles' (a non-empty list), 'article' or 'text'")
        texts = []
        for a in raw:
            if isinstance(a, dict) and isinstance(a.get("text"), str):
                texts.append(f"{a['title']}\n{a['text']}" if a.get("title") else a["text"])
            elif isinstance(a, str):
                texts.append(a)
            else:
                raise UserError(f"{where}: an article must be a string or an object with a 'text'")
        table[str(record["id"])] = texts
    positional = pairs.ids == [str(k) for k in range(1, len(pairs.ids) + 1)]
    if positional and set(table) == {str(k) for k in range(len(pairs.ids))}:
        table = {str(int(k) + 1): v for k, v in table.items()}  # 0-based ids: item k is line k+1
    extra = sorted(set(table) - set(pairs.ids))
    if extra:
        how = " (plain-text predictions are items 1..n, or 0..n-1)" if positional else ""
        raise UserError(f"{p}: id {extra[0]!r} matches no prediction{how}")
    missing = [i for i in pairs.ids if i not in table]
    if missing:
        raise UserError(f"{p}: no sources for item {missing[0]!r} ({len(missing)} missing)")
    return [table[i] for i in pairs.ids]
