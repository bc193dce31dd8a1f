"""Sentence compression against an editor's hand-written deletions (``eval/compress/``:
sentences of the OrangeSum-MDS validation clusters' briefing candidates, offsets only).

    python benchmarks/compress_gold.py [--data-dir ../shared/data/orangesum]

Each system's output and the gold compression are turned into keep/delete tags over the
source's tokens (``train.edits.tag``); printed per system: precision, recall and F1 of the
deleted tokens (pooled, 95 % bootstrap interval over sentences for F1), exact matches, and
the share of words deleted against the gold's. Systems: deleting nothing; the bundled
compressor (``--model compressive``'s, salience from the sentence's article); every
deletable candidate; and the best the candidates allow (each candidate deleted when most
of it is gold-deleted: the ceiling of a constituent compressor).
"""

from __future__ import annotations

import argparse
import json
import re
import sys
from pathlib import Path

import numpy as np

ROOT = Path(__file__).resolve().parents[1]
sys.path.insert(0, str(ROOT))

from summarize.select.compress import Compressor, apply, candidates, salience
from summarize.text.clean import clean_text
from summarize.text.datasets import article_texts
from summarize.text.segment import split_sentences
from summarize.train.edits import DELETE, tag

GOLD = ROOT / "eval" / "compress" / "orangesum-valid-compressions.jsonl"


def cut(text: str, spans) -> str:
    kept, at = [], 0
    for a, b in spans:
        kept.append(text[at:a])
        at = b
    kept.append(text[at:])
    out = re.sub(r"\s{2,}", " ", "".join(kept)).strip()
    return re.sub(r"\s+([,.;:])", r"\1", out)


def load(data_dir: Path):
    gold = [json.loads(line) for line in GOLD.read_text(encoding="utf-8").splitlines() if line]
    texts = article_texts([g["id"] for g in gold], data_dir)
    return [(texts[g["id"]][g["start"]:g["end"]], texts[g["id"]], g["delete"]) for g in gold]


def systems(compressor: Compressor):
    def nothing(sentence, article):
        return sentence

    def model(sentence, article):
        return compressor.compress(sentence, salience(split_sentences(clean_text(article))))

    def every(sentence, article):
        spans = candidates(sentence)
        return apply(sentence, spans, spans) if spans else sentence

    return {"delete nothing": nothing, "bundled compressor (`compressive`)": model,
            "every candidate": every}


def ceiling(sentence: str, gold_spans) -> str:
    """The candidates deleted when at least half of their characters are gold-deleted."""
    spans = candidates(sentence)
    gone = np.zeros(len(sentence), bool)
    for a, b in gold_spans:
        gone[a:b] = True
    drop = [s for s in spans if gone[s.start:s.end].mean() >= 0.5] if spans else []
    return apply(sentence, drop, spans) if drop else sentence


def tags(source: str, target: str) -> np.ndarray:
    return np.array([t == DELETE for t in tag(source.lower(), target.lower()).tags], bool)  # case: a cut opener capitalises


def score(items, outputs) -> str:
    rows = []
    for (sentence, _, spans), out in zip(items, outputs):
        g, p = tags(sentence, cut(sentence, spans)), tags(sentence, out)
        rows.append(((g & p).sum(), p.sum(), g.sum(), int((g == p).all()), len(g)))
    a = np.array(rows, float)

    def f1(k):
        tp, pp, gp = a[k, 0].sum(), a[k, 1].sum(), a[k, 2].sum()
        return 2 * tp / (pp + gp) if pp + gp else 1.0

    everything = np.arange(len(a))
    rng = np.random.default_rng(0)
    boot = [f1(rng.integers(0, len(a), len(a))) for _ in range(1000)]
    prec = f"{a[:, 0].sum() / a[:, 1].sum():.1%}" if a[:, 1].sum() else "—"
    rec = a[:, 0].sum() / a[:, 2].sum() if a[:, 2].sum() else float("nan")
    return (f"{prec} | {rec:.1%} | {f1(everything):.3f} [{np.percentile(boot, 2.5):.3f}, "
            f"{np.percentile(boot, 97.5):.3f}] | {a[:, 3].mean():.1%} | {a[:, 1].sum() / a[:, 4].sum():.1%}")


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--data-dir", type=Path, default=ROOT.parent / "shared" / "data" / "orangesum")
    args = parser.parse_args()
    items = load(args.data_dir)
    gold_share = np.mean([tags(s, cut(s, sp)).mean() for s, _, sp in items])
    print(f"{len(items)} sentences; the editor deleted {gold_share:.1%} of the tokens "
          f"(mean per sentence), in {np.mean([bool(sp) for _, _, sp in items]):.0%} of sentences")
    print("| system | precision | recall | F1 (deleted tokens) [95 % CI] | exact | tokens deleted |")
    print("|---|---|---|---|---|---|")
    compressor = Compressor.from_pretrained(ROOT / "summarize" / "models" / "fr-compress")
    for name, system in systems(compressor).items():
        print(f"| {name} | {score(items, [system(s, a) for s, a, _ in items])} |")
    print(f"| candidates, best choice (ceiling) | {score(items, [ceiling(s, sp) for s, _, sp in items])} |")


if __name__ == "__main__":
    main()
