"""The fused briefing on OrangeSum-MDS (70 words) at several confidence thresholds, beside facets.

    python benchmarks/fusion_mds.py MODEL_DIR [--thresholds -0.6 -1.0 -9]

MODEL_DIR is a fusion model folder (``summarize export`` of a run of
``summarize/configs/fr-fuse-small.toml``). A threshold of -9 keeps every generation that
passes the other checks, which shows what the model writes; the default threshold is
chosen on validation pairs by ``benchmarks/fusion_threshold.py``.
"""

from __future__ import annotations

import argparse

from summarize import api
from summarize.evaluate.compare import render
from summarize.seq2seq.fuse import FusedSummarizer


def main() -> None:
    ap = argparse.ArgumentParser()
    ap.add_argument("model_dir")
    ap.add_argument("--thresholds", type=float, nargs="+", default=[-0.6, -1.0, -9.0])
    ap.add_argument("--max-words", type=int, default=70)
    args = ap.parse_args()
    models: list = ["facets"]
    for t in args.thresholds:
        fused = FusedSummarizer(args.model_dir, args.max_words, min_confidence=t)
        fused.name = f"fused@{t}"
        models.append(fused)
    print(render(api.compare("eval/suites/orangesum-mds.toml", models), "md"))


if __name__ == "__main__":
    main()
