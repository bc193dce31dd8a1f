"""How well ``summarize.text.when`` finds and resolves French day expressions, against the
hand-annotated gold of ``eval/dates/`` (OrangeSum validation: 200 sentences the resolver was
developed on, and 100 held-out ones it was not), with
``dateparser.search.search_dates`` (French, relative to the article's date, past preferred)
as the baseline measured in the same run.

    python benchmarks/dates.py [--data-dir ../shared/data/orangesum]

Printed per system: detection precision/recall (a prediction overlapping a gold span),
date accuracy over the gold expressions that have a date (an overlapping prediction with
the same day; 95 % bootstrap interval over sentences), and wrong dates given to the gold's
``null`` expressions (generic "aujourd'hui", "le lundi"…).
"""

from __future__ import annotations

import argparse
import json
import sys
import warnings
from datetime import date, datetime
from pathlib import Path

import numpy as np

ROOT = Path(__file__).resolve().parents[1]
sys.path.insert(0, str(ROOT))

from summarize.text.datasets import article_texts
from summarize.text.when import find_times

GOLDS = {"development (200)": ROOT / "eval" / "dates" / "orangesum-valid-times.jsonl",
         "held out (100)": ROOT / "eval" / "dates" / "orangesum-valid-times-2.jsonl"}


def load(data_dir: Path, gold: Path) -> list[tuple[str, date, list[dict]]]:
    items = [json.loads(line) for line in gold.read_text(encoding="utf-8").splitlines() if line]
    texts = article_texts([i["id"] for i in items], data_dir)
    return [(texts[i["id"]][i["start"]:i["end"]], date.fromisoformat(i["article_date"]),
             i["expressions"]) for i in items]


def ours(sentence: str, base: date) -> list[tuple[int, int, date | None]]:
    return [(t.start, t.end, t.date) for t in find_times(sentence, base)]


def baseline(sentence: str, base: date) -> list[tuple[int, int, date | None]]:
    from dateparser.search import search_dates

    found = search_dates(sentence, languages=["fr"], settings={
        "RELATIVE_BASE": datetime(base.year, base.month, base.day),
        "PREFER_DATES_FROM": "past"}) or []
    out, at = [], 0
    for text, when in found:
        start = sentence.find(text, at)
        if start < 0:
            continue
        at = start + len(text)
        out.append((start, at, when.date()))
    return out


def score(items, system) -> dict:
    per = []  # per sentence: (gold dated, correct, gold, found, predictions, matched preds, null wrong)
    for sentence, base, gold in items:
        preds = system(sentence, base)
        spans = [(g["offset"], g["offset"] + len(g["text"]), g["date"]) for g in gold]
        hit = [[p for p in preds if p[0] < e and s < p[1]] for s, e, _ in spans]
        dated = [i for i, g in enumerate(spans) if g[2]]
        correct = sum(any(p[2] and p[2].isoformat() == spans[i][2] for p in hit[i]) for i in dated)
        null_wrong = sum(any(p[2] for p in hit[i]) for i, g in enumerate(spans) if not g[2])
        matched = sum(any(p[0] < e and s < p[1] for s, e, _ in spans) for p in preds)
        per.append((len(dated), correct, len(spans), sum(bool(h) for h in hit), len(preds),
                    matched, null_wrong))
    a = np.array(per, dtype=float)
    rng = np.random.default_rng(0)
    boot = [a[k, 1].sum() / a[k, 0].sum()
            for k in (rng.integers(0, len(a), len(a)) for _ in range(1000))]
    t = a.sum(axis=0)
    return {"date_accuracy": t[1] / t[0], "ci": (np.percentile(boot, 2.5), np.percentile(boot, 97.5)),
            "recall": t[3] / t[2], "precision": t[5] / max(1, t[4]), "null_wrong": int(t[6]),
            "dated": int(t[0]), "nulls": int(t[2] - t[0])}


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--data-dir", type=Path, default=ROOT.parent / "shared" / "data" / "orangesum")
    args = parser.parse_args()
    warnings.simplefilter("ignore")
    print("| gold set | system | date accuracy [95 % CI] | detection recall | detection precision | "
          "wrong dates on null gold |")
    print("|---|---|---|---|---|---|")
    for label, gold in GOLDS.items():
        items = load(args.data_dir, gold)
        for name, system in (("summarize.text.when", ours), ("dateparser search_dates", baseline)):
            r = score(items, system)
            print(f"| {label} | {name} | {r['date_accuracy']:.1%} [{r['ci'][0]:.1%}, "
                  f"{r['ci'][1]:.1%}] of {r['dated']} | {r['recall']:.1%} | {r['precision']:.1%} | "
                  f"{r['null_wrong']} of {r['nulls']} |")


if __name__ == "__main__":
    main()
