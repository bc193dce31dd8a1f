"""Check that every span of a gold file still points at its text in OrangeSum.

Usage: ``python eval/dates/check_offsets.py [GOLD ...] [--data DIR]``. GOLD defaults to
``orangesum-valid-times.jsonl`` (the first set); pass ``eval/dates/orangesum-valid-times-2.jsonl``
for the second, held-out set (``--gold FILE`` also works). DIR defaults to
``../shared/data/orangesum`` next to the repository. Standard library only. For each gold line, asserts that the id is
a validation id, that ``article[start:end][offset:offset + len(text)] == text``, and that each
date is ``YYYY-MM-DD`` or null. Prints the counts and exits 1 on the first mismatch.
"""

from __future__ import annotations

import argparse
import datetime
import gzip
import json
import sys
from pathlib import Path

HERE = Path(__file__).resolve().parent
DEFAULT_DATA = HERE.parents[2] / "shared" / "data" / "orangesum"


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--data", type=Path, default=DEFAULT_DATA)
    parser.add_argument(
        "files", nargs="*", type=Path, help="gold JSONL files (default: the first set)"
    )
    parser.add_argument("--gold", type=Path, action="append", default=[], help="same as GOLD")
    args = parser.parse_args()
    for path in [*args.files, *args.gold] or [HERE / "orangesum-valid-times.jsonl"]:
        check(path, args.data)


def check(path: Path, data: Path) -> None:
    gold = [json.loads(line) for line in path.read_text(encoding="utf-8").splitlines()]
    valid = set((data / "abstract-valid.ids").read_text().split())
    wanted = {g["id"] for g in gold}
    docs = {}
    with gzip.open(data / "documents.jsonl.gz", "rt", encoding="utf-8") as fh:
        for line in fh:
            doc = json.loads(line)
            if doc["id"] in wanted:
                docs[doc["id"]] = doc
    n_expr = n_null = 0
    for g in gold:
        doc = docs[g["id"]]
        if g["id"] not in valid or doc["date"] != g["article_date"]:
            sys.exit(f"bad id or date: {g['id']}")
        sentence = doc["article"][g["start"] : g["end"]]
        for e in g["expressions"]:
            if sentence[e["offset"] : e["offset"] + len(e["text"])] != e["text"]:
                sys.exit(f"span mismatch in {g['id']}@{g['start']}: {e['text']!r}")
            if e["date"] is None:
                n_null += 1
            else:
                datetime.date.fromisoformat(e["date"])
            n_expr += 1
    print(
        f"ok: {path.name}: {len(gold)} sentences, {len(set(wanted))} articles, {n_expr} expressions, {n_null} null"
    )


if __name__ == "__main__":
    main()
