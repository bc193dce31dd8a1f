"""A blind review of the condense stage's edits, not only those a briefing says: every edit
``accept`` passes while the condenser briefs the OrangeSum-MDS validation clusters (70 words)
and single validation articles (35 words, untitled), a random sample of them written for a
reader who has not seen the code, and the reader's verdicts scored.

    python benchmarks/edit_review.py pack --out runs/edits-1 --seed 23 --n 160 [--skip 300 --articles 400] [--no-mds]
    python benchmarks/edit_review.py score runs/edits-1
    python benchmarks/edit_review.py recheck runs/edits-1   # which failed compressions the stage still makes

``pack`` writes ``edits.md`` (each source sentence and its edit) and ``key.json``, and prints
how many edits left stray punctuation (", :", "(,", ",,": ``condense._BROKEN``). Ask the
reader to write ``answers.md`` with one line ``N | grammatical/faithful/cut | why`` per item
that fails. ``score`` prints the share of items that fail, with a Wilson 95 % interval.
Session 23: 28 of 160 failed on the first pack (MDS and articles 0-299), before the fixes it
led to; the README gives the rerun.
"""

from __future__ import annotations

import argparse
import json
import math
import random
import re
import sys
from pathlib import Path

ROOT = Path(__file__).resolve().parents[1]
sys.path.insert(0, str(ROOT))

from summarize.evaluate.mds import load_mds
from summarize.select.readable import unlinked
from summarize.seq2seq import condense
from summarize.seq2seq.editor_onnx import load_condenser
from summarize.seq2seq.loader import load_summarizer
from summarize.text.datasets import load_orangesum


def collect(skip: int, articles: int, mds: bool = True) -> list[dict]:
    """Every edit ``accept`` passes (and every ``fit``) while briefing the MDS suite (unless not
    ``mds``) and ``articles`` single validation articles after the first ``skip``."""
    seen: dict[str, dict] = {}
    accept, fit = condense.accept, condense._Table.fit

    def record(task: str, source, out: str) -> bool:
        ok = accept(task, source, out)
        if ok:
            item = {"task": task, "source": list(source), "out": out}
            seen.setdefault(json.dumps(item, ensure_ascii=False), item)
        return ok

    def fitted(table, sentence: str, max_words: int) -> str:
        out = fit(table, sentence, max_words)
        if out:
            item = {"task": "fit", "source": [sentence], "out": out}
            seen.setdefault(json.dumps(item, ensure_ascii=False), item)
        return out

    condense.accept, condense._Table.fit = record, fitted
    try:
        if mds:
            load_summarizer("condensed", max_words=70).summarize([c.articles for c in load_mds()])
        single = list(load_orangesum(limit=skip + articles))[skip:]
        load_summarizer("condensed-untitled", max_words=35).summarize([[e.article] for e in single])
    finally:
        condense.accept, condense._Table.fit = accept, fit
    return list(seen.values())


def pack(args: argparse.Namespace) -> None:
    edits = collect(args.skip, args.articles, not args.no_mds)
    broken = [e for e in edits if len(condense._BROKEN.findall(e["out"])) >
              len(condense._BROKEN.findall(" ".join(e["source"])))]
    drawn = random.Random(args.seed).sample(edits, min(args.n, len(edits)))
    args.out.mkdir(parents=True, exist_ok=True)
    lines = ["# Sentence edits to review", "",
             "Each item: SOURCE sentence(s), then the EDITED sentence a tool made from it.", ""]
    for k, e in enumerate(drawn, 1):
        lines += [f"## {k}", *(f"SOURCE: {s}" for s in e["source"]), f"EDITED: {e['out']}", ""]
    (args.out / "edits.md").write_text("\n".join(lines), encoding="utf-8")
    (args.out / "key.json").write_text(json.dumps({"seed": args.seed, "items": drawn}, ensure_ascii=False,
                                                  indent=1), encoding="utf-8")
    tasks = {t: sum(e["task"] == t for e in drawn) for t in sorted({e["task"] for e in drawn})}
    print(f"{len(edits)} edits accepted, {len(broken)} with stray punctuation; {len(drawn)} drawn {tasks}: "
          f"{args.out / 'edits.md'}")


def wilson(k: int, n: int, z: float = 1.96) -> tuple[float, float]:
    """The Wilson score interval of a proportion ``k / n``."""
    if n == 0:
        return 0.0, 1.0
    p = k / n
    centre, half = p + z * z / (2 * n), z * math.sqrt(p * (1 - p) / n + z * z / (4 * n * n))
    return (centre - half) / (1 + z * z / n), (centre + half) / (1 + z * z / n)


def score(args: argparse.Namespace) -> None:
    n = len(json.loads((args.dir / "key.json").read_text(encoding="utf-8"))["items"])
    failed: dict[int, str] = {}
    for line in (args.dir / "answers.md").read_text(encoding="utf-8").splitlines():
        found = re.match(r"\s*(\d+)\s*\|\s*([\w/ ]+?)\s*\|", line)
        if found and 1 <= int(found[1]) <= n:
            failed[int(found[1])] = found[2]
    low, high = wilson(len(failed), n)
    print(f"{len(failed)} of {n} edits fail ({100 * len(failed) / n:.1f} %, 95 % CI {100 * low:.1f}-{100 * high:.1f})")
    for kind in ("grammatical", "faithful", "cut"):
        print(f"  {kind}: {sum(kind in v for v in failed.values())}")


def failed_items(folder: Path) -> set[int]:
    """The item numbers the reader's ``answers.md`` fails."""
    text = (folder / "answers.md").read_text(encoding="utf-8")
    return {int(m[1]) for m in re.finditer(r"^\s*(\d+)\s*\|", text, re.MULTILINE)}


def recheck(args: argparse.Namespace) -> None:
    """Which of a review's compressions the stage still makes, as it makes them now."""
    items = json.loads((args.dir / "key.json").read_text(encoding="utf-8"))["items"]
    failed = failed_items(args.dir)
    editor = load_condenser(condense.DEFAULT_MODEL, "auto")
    asked = [(k, e) for k, e in enumerate(items, 1) if e["task"] == "compress"]
    sources = [unlinked(e["source"][-1]) for _, e in asked]
    still, lost = [], []
    for (k, e), source, read in zip(asked, sources, condense.scored(editor, sources)):
        out = condense.compression(source, read.edit, read.spans, editor.config.span_threshold)
        same = (out.apply() if out is not None else source) == e["out"]
        if k in failed and same:
            still.append(k)
        elif k not in failed and not same:
            lost.append(k)
    print(f"failed compressions still made: {len(still)} of {sum(k in failed for k, _ in asked)} {still}")
    print(f"passed compressions no longer made: {len(lost)} {lost}")


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    sub = parser.add_subparsers(dest="command", required=True)
    p = sub.add_parser("pack")
    p.add_argument("--out", type=Path, required=True)
    p.add_argument("--seed", type=int, default=23)
    p.add_argument("--n", type=int, default=160)
    p.add_argument("--skip", type=int, default=0, help="single articles skipped (a fresh sample)")
    p.add_argument("--articles", type=int, default=300)
    p.add_argument("--no-mds", action="store_true", help="single articles only (the MDS edits were reviewed)")
    for name in ("score", "recheck"):
        sub.add_parser(name).add_argument("dir", type=Path)
    args = parser.parse_args()
    {"pack": pack, "score": score, "recheck": recheck}[args.command](args)


if __name__ == "__main__":
    main()
