"""Choose the fusion model's confidence threshold on validation fusion pairs (abstract-valid).

For each pair (1-3 source sentences → one abstract sentence), the constrained generation and
its length-normalised log-probability are compared with the fallback the briefing would use
(the best-matching source sentence, shortened at a clause when long): sentence ROUGE-2 and
ROUGE-L against the abstract sentence, by confidence bin. The threshold is the lowest
confidence from which kept generations score at least as well as their fallbacks.

    summarize fusion-pairs abstract-valid -o runs/fusion/valid.jsonl
    python benchmarks/fusion_threshold.py runs/fusion/valid.jsonl [--model PATH] [--limit N]
"""

from __future__ import annotations

import argparse
import json
from pathlib import Path

import numpy as np

from summarize.evaluate.rouge import score
from summarize.select.plan import shorten
from summarize.seq2seq.fuse import DEFAULT_MODEL, facet_input, verify
from summarize.seq2seq.generate import Seq2SeqSummarizer, generate_constrained


def main() -> None:
    ap = argparse.ArgumentParser()
    ap.add_argument("pairs", type=Path)
    ap.add_argument("--model", default=DEFAULT_MODEL)
    ap.add_argument("--limit", type=int, default=None)
    args = ap.parse_args()
    rows = [json.loads(line) for line in args.pairs.read_text(encoding="utf-8").splitlines() if line.strip()]
    rows = rows[: args.limit]
    model = Seq2SeqSummarizer.from_pretrained(args.model)

    class F:  # the facet shape facet_input reads
        def __init__(self, texts):
            self.sources = [type("S", (), {"text": t}) for t in texts]

    inputs = [facet_input(F(r["articles"]), model.spec.prefix) for r in rows]
    outs = generate_constrained(model, inputs, [r["articles"] for r in rows])
    gen = [t for t, _ in outs]
    conf = np.array([c for _, c in outs])
    fallback = [shorten(r["articles"][0], 35) for r in rows]
    refs = [[r["target"]] for r in rows]
    g, f = score(gen, refs, bootstrap=0), score(fallback, refs, bootstrap=0)
    g2, f2 = g.per_item[:, g.types.index("rouge2"), 2], f.per_item[:, f.types.index("rouge2"), 2]
    gl, fl = g.per_item[:, g.types.index("rougeL"), 2], f.per_item[:, f.types.index("rougeL"), 2]
    verdicts = [verify(t, 0.0, r["articles"]) for t, r in zip(gen, rows)]
    passed = np.array([v.ok for v in verdicts])
    reasons = {}
    for v in verdicts:
        reasons[v.reason or "ok"] = reasons.get(v.reason or "ok", 0) + 1
    print(f"{len(rows)} pairs; checks other than confidence: {reasons}")
    print("threshold | kept | gen R-2 | fallback R-2 | gen R-L | fallback R-L")
    best = None
    for t in [-2.0, -1.5, -1.2, -1.0, -0.9, -0.8, -0.7, -0.6, -0.5, -0.4, -0.3, -0.2]:
        keep = passed & (conf >= t)
        if not keep.any():
            print(f"{t:9.2f} | 0")
            continue
        row = (100 * g2[keep].mean(), 100 * f2[keep].mean(), 100 * gl[keep].mean(), 100 * fl[keep].mean())
        print(f"{t:9.2f} | {keep.mean():5.1%} | {row[0]:7.2f} | {row[1]:12.2f} | {row[2]:7.2f} | {row[3]:12.2f}")
        if best is None and row[0] >= row[1] and row[2] >= row[3]:
            best = t
    print(f"lowest threshold where kept generations match their fallbacks: {best}")
    order = np.argsort(-conf)
    for i in list(order[:5]) + list(order[len(order) // 2: len(order) // 2 + 3]):
        print(f"[{conf[i]:.2f} {verdicts[i].reason or 'ok'}] {gen[i]}\n    ref: {rows[i]['target']}")


if __name__ == "__main__":
    main()
