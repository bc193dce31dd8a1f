"""Check the sentence-compression gold set and print each compressed sentence.

Usage: ``python eval/compress/check.py [GOLD] [--data DIR] [--quiet]``. GOLD defaults to
``orangesum-valid-compressions.jsonl`` next to this script; DIR defaults to
``../shared/data/orangesum`` next to the repository. Standard library only.

For each gold line it checks that the id is an OrangeSum validation id, that
``article[start:end]`` is a whole sentence (starts a sentence, ends with . ! ? and an
optional closing quote, is followed by the end of the article or a new sentence), and that
the ``delete`` spans are inside the sentence, sorted and non-overlapping. It also checks
the rules of the set: no deleted span holds a digit, a quote character, a negation word
or a weekday, and the compressed text has no stray punctuation (" ,", ",,", ", ."). It
prints each compressed sentence (kept parts joined, double spaces collapsed, first letter
capitalized) unless ``--quiet``, then the counts, and exits 1 on any error.
"""

from __future__ import annotations

import argparse
import gzip
import json
import re
import sys
from pathlib import Path

HERE = Path(__file__).resolve().parent
DEFAULT_GOLD = HERE / "orangesum-valid-compressions.jsonl"
DEFAULT_DATA = HERE.parents[2] / "shared" / "data" / "orangesum"

PROTECTED = re.compile(
    r"\d|[«»\"“”]"
    r"|\b(?:ne|n'|pas|jamais|aucun|aucune|rien|personne|nul|nulle|ni|guère)\b"
    r"|\b(?:lundi|mardi|mercredi|jeudi|vendredi|samedi|dimanche|hier|demain|aujourd'hui"
    r"|lendemain|veille)\b",
    re.IGNORECASE,
)
BAD_PUNCT = re.compile(r" [,.)]|,,|, ?[.;:]|\( ?\)|^[ ,]|[ ,]$")  # French keeps " :" and " ;"
SENT_END = re.compile(r"[.!?…][\"»”)]?$")


def compress(sentence: str, spans: list[list[int]]) -> str:
    kept, pos = [], 0
    for a, b in spans:
        kept.append(sentence[pos:a])
        pos = b
    kept.append(sentence[pos:])
    text = re.sub(r" {2,}", " ", "".join(kept)).strip()
    return text[:1].upper() + text[1:]


def load_docs(data: Path, wanted: set[str]) -> dict[str, dict]:
    docs = {}
    with gzip.open(data / "documents.jsonl.gz", "rt", encoding="utf-8") as fh:
        for line in fh:
            doc = json.loads(line)
            if doc["id"] in wanted:
                docs[doc["id"]] = doc
    return docs


def sentence_errors(article: str, start: int, end: int) -> list[str]:
    errors = []
    if not 0 <= start < end <= len(article):
        return [f"offsets {start}:{end} outside the article ({len(article)} chars)"]
    sentence = article[start:end]
    if sentence != sentence.strip():
        errors.append("sentence has leading/trailing space")
    if not (sentence[0].isupper() or sentence[0].isdigit() or sentence[0] in "«\"“"):
        errors.append("sentence does not start with a capital, digit or quote")
    if not SENT_END.search(sentence):
        errors.append("sentence does not end with . ! ? (and an optional closing quote)")
    # The site glues headings and sentences ("départementsLes ..."): a sentence glued
    # to the text before it, or following a bullet, counts as starting a sentence.
    before = article[:start].rstrip()
    glued = start > 0 and not article[start - 1].isspace()
    if before and not glued and not re.search(r"[.!?…:•][\"»”)]?$", before):
        errors.append(f"text before the sentence does not end a sentence: {before[-20:]!r}")
    after = article[end:].lstrip()
    if after and not (after[0].isupper() or after[0].isdigit() or after[0] in "«\"“(•-–"):
        errors.append(f"text after the sentence does not start a sentence: {after[:20]!r}")
    return errors


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("gold", nargs="?", type=Path, default=DEFAULT_GOLD)
    parser.add_argument("--data", type=Path, default=DEFAULT_DATA)
    parser.add_argument("--quiet", action="store_true", help="print the counts only")
    args = parser.parse_args()

    gold = [json.loads(line) for line in args.gold.read_text(encoding="utf-8").splitlines()]
    valid = set()
    for name in ("abstract-valid.ids", "title-valid.ids"):
        valid |= set((args.data / name).read_text().split())
    docs = load_docs(args.data, {g["id"] for g in gold})

    errors: list[str] = []
    n_del = 0
    shares: list[float] = []
    for n, g in enumerate(gold, 1):
        where = f"line {n} ({g['id']}@{g['start']})"
        if g["id"] not in valid or g["id"] not in docs:
            errors.append(f"{where}: not an OrangeSum validation id")
            continue
        article = docs[g["id"]]["article"]
        errs = sentence_errors(article, g["start"], g["end"])
        errors += [f"{where}: {e}" for e in errs]
        if errs and not 0 <= g["start"] < g["end"] <= len(article):
            continue
        sentence = article[g["start"] : g["end"]]
        spans = g["delete"]
        prev = 0
        for a, b in spans:
            if not prev <= a < b <= len(sentence):
                errors.append(f"{where}: span {[a, b]} out of bounds, empty or not sorted")
                break
            prev = b
            hit = PROTECTED.search(sentence[a:b])
            if hit:
                errors.append(f"{where}: span {sentence[a:b]!r} deletes protected {hit.group()!r}")
        else:
            short = compress(sentence, spans)
            if BAD_PUNCT.search(short):
                errors.append(f"{where}: stray punctuation in {short!r}")
            if not SENT_END.search(short):
                errors.append(f"{where}: compressed sentence lost its final punctuation")
            words, kept = len(sentence.split()), len(short.split())
            shares.append((words - kept) / words)
            n_del += bool(spans)
            if not args.quiet:
                print(f"[{n}] {g['id']}@{g['start']}  -{words - kept}/{words} words")
                print(f"  < {sentence}")
                print(f"  > {short}" if spans else "  = (nothing deleted)")

    for e in errors:
        print("ERROR", e, file=sys.stderr)
    total = len(gold)
    mean = sum(shares) / len(shares) if shares else 0.0
    with_del = [s for s in shares if s > 0]
    mean_del = sum(with_del) / len(with_del) if with_del else 0.0
    print(
        f"{args.gold.name}: {total} sentences, {len({g['id'] for g in gold})} articles, "
        f"{n_del} with at least one deletion, "
        f"{sum(len(g['delete']) for g in gold)} deleted spans; "
        f"mean share of words deleted {mean:.1%} over all sentences, "
        f"{mean_del:.1%} over sentences with a deletion"
    )
    if errors:
        sys.exit(1)


if __name__ == "__main__":
    main()
