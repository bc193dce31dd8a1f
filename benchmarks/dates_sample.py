"""Sample OrangeSum validation sentences that hold a French day-level time expression.

Usage: ``python benchmarks/dates_sample.py [N] [--n N] [--seed 13] [--exclude FILE] [--data DIR]``
(default N = 200, seed 13). Standard library only. Prints JSONL
``{"id", "article_date", "start", "end", "text"}`` to stdout: the candidate sentences from
which ``eval/dates/orangesum-valid-times.jsonl`` was annotated by hand (the gold file keeps
only the offsets, never the text).

``--exclude FILE`` drops the articles whose ids FILE lists (a JSONL file with an ``"id"``
field per line, such as a gold file, or plain ids, one per line or whitespace-separated)
before sampling. The second, held-out set was drawn with
``python benchmarks/dates_sample.py --n 100 --seed 29 --exclude eval/dates/orangesum-valid-times.jsonl``
(see ``eval/dates/README.md``). Without ``--exclude`` nothing changes: the default run
still prints the 200 sentences of the first set.

Deterministic: the validation articles are read in the order of ``abstract-valid.ids``;
each article's text is split into sentences on ``[.!?]`` followed by optional whitespace
and an uppercase letter or an opening quote (the site glues sentences: "jeudi.Le ...");
a break after a lone capital or a title ("M.", "Mme.", "J.") is not a sentence end.
Sentences that match ``CANDIDATE`` (weekday names, hier, aujourd'hui, demain, la veille,
le lendemain, ce matin/soir, cette nuit, ce week-end, "le 3", "1er mars", "18 février",
...) are candidates; from an article with more than two, ``random.Random(seed)`` keeps
two; then N sentences are drawn from the pool with the same generator and printed in
the order of the ids file (then by offset).
"""

from __future__ import annotations

import argparse
import gzip
import json
import random
import re
from pathlib import Path

DEFAULT_DATA = Path(__file__).resolve().parents[2] / "shared" / "data" / "orangesum"

_WEEKDAY = r"lundi|mardi|mercredi|jeudi|vendredi|samedi|dimanche"
_MONTH = (
    r"janvier|f[ée]vrier|mars|avril|mai|juin|juillet|ao[uû]t|septembre|octobre"
    r"|novembre|d[ée]cembre"
)
_DAYNUM = r"(?:1er|[12]?\d|3[01])"
CANDIDATE = re.compile(
    rf"\b(?:{_WEEKDAY})\b"
    r"|\bavant-hier\b|\bhier\b|\baujourd['’]hui\b|\bapr[eè]s-demain\b|\bdemain\b"
    r"|\bla veille\b|\ble lendemain\b|\bce matin\b|\bce soir\b|\bcette nuit\b"
    r"|\bce week-end\b|\ble week-end dernier\b"
    rf"|\b{_DAYNUM}\s+(?:{_MONTH})\b"
    rf"|\ble\s+{_DAYNUM}\b(?![,.]?\d|\s*(?:%|e\b|ème|ans?\b))",
    re.IGNORECASE,
)
_BREAK = re.compile(r"[.!?](?=\s*[A-ZÀ-ÖØ-Þ«\"])")
_NOT_END = re.compile(r"(?:^|[\s(])(?:[A-Z]|M|Mme|Mlle|Dr|St|Ste)$")


def split_sentences(text: str) -> list[tuple[int, int]]:
    """(start, end) offsets of the sentences of ``text``; end includes the final mark."""
    spans, start = [], 0
    for m in _BREAK.finditer(text):
        if _NOT_END.search(text[max(start, m.start() - 5) : m.start()]):
            continue
        end = m.end()
        if text[start:end].strip():
            spans.append((start, end))
        start = end
        while start < len(text) and text[start].isspace():
            start += 1
    if text[start:].strip():
        end = len(text.rstrip())
        spans.append((start, end))
    return spans


def load_valid(data: Path) -> list[dict]:
    ids = (data / "abstract-valid.ids").read_text().split()
    wanted = set(ids)
    docs = {}
    with gzip.open(data / "documents.jsonl.gz", "rt", encoding="utf-8") as fh:
        for line in fh:
            doc = json.loads(line)
            if doc["id"] in wanted:
                docs[doc["id"]] = doc
    return [docs[i] for i in ids if i in docs]


def read_ids(path: Path) -> set[str]:
    """Article ids listed in ``path``: JSONL lines with an ``"id"`` field, or plain ids."""
    ids = set()
    for line in path.read_text(encoding="utf-8").splitlines():
        line = line.strip()
        if line.startswith("{"):
            ids.add(str(json.loads(line)["id"]))
        elif line:
            ids.update(line.split())
    return ids


def sample(docs: list[dict], n: int, seed: int) -> list[dict]:
    rng = random.Random(seed)
    pool = []
    for rank, doc in enumerate(docs):
        text = doc["article"]
        cands = [(s, e) for s, e in split_sentences(text) if CANDIDATE.search(text[s:e])]
        if len(cands) > 2:
            cands = sorted(rng.sample(cands, 2))
        for s, e in cands:
            pool.append((rank, s, e, doc))
    chosen = sorted(rng.sample(pool, min(n, len(pool))), key=lambda t: (t[0], t[1]))
    return [
        {"id": d["id"], "article_date": d["date"], "start": s, "end": e, "text": d["article"][s:e]}
        for _, s, e, d in chosen
    ]


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("n", nargs="?", type=int, default=None, help="sentences (default 200)")
    parser.add_argument("--n", dest="n_opt", type=int, default=None, help="same as N")
    parser.add_argument("--data", type=Path, default=DEFAULT_DATA)
    parser.add_argument("--seed", type=int, default=13)
    parser.add_argument(
        "--exclude",
        type=Path,
        action="append",
        default=[],
        help="skip the articles whose ids this file lists (JSONL with 'id', or plain ids); repeatable",
    )
    args = parser.parse_args()
    if args.n is not None and args.n_opt is not None and args.n != args.n_opt:
        parser.error("N and --n disagree")
    n = args.n_opt if args.n_opt is not None else (args.n if args.n is not None else 200)
    docs = load_valid(args.data)
    if args.exclude:
        skip = set().union(*(read_ids(p) for p in args.exclude))
        docs = [d for d in docs if d["id"] not in skip]
    for row in sample(docs, n, args.seed):
        print(json.dumps(row, ensure_ascii=False))


if __name__ == "__main__":
    main()
