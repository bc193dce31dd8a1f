"""ONNX runtime vs transformers `generate` on OrangeSum validation: speed and identical outputs.

Runs the whole seq2seq pipeline (clean → rank → pack → generate) of one model with
``--runtime onnx`` and ``--runtime torch`` in the same process and prints the time of each,
their ratio, and how many summaries are identical.

    python benchmarks/runtime_parity.py [--model PATH] [--limit N]
"""

from __future__ import annotations

import argparse
import time


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__.split("\n")[0])
    parser.add_argument("--model", default=None, help="default: the bundled model")
    parser.add_argument("--limit", type=int, default=None, help="first N validation articles")
    parser.add_argument("--data-dir", default=None, help="OrangeSum folder")
    args = parser.parse_args()

    from summarize.seq2seq.generate import Seq2SeqSummarizer
    from summarize.text.datasets import load_orangesum

    items = load_orangesum(args.data_dir, "abstract-valid", limit=args.limit)
    clusters = [[it.article] for it in items]
    outputs, seconds = {}, {}
    for runtime in ("onnx", "torch"):
        summarizer = Seq2SeqSummarizer.from_pretrained(args.model, runtime=runtime)
        t0 = time.perf_counter()
        outputs[runtime] = summarizer.summarize(clusters)
        seconds[runtime] = time.perf_counter() - t0
    same = [i for i, (a, b) in enumerate(zip(outputs["onnx"], outputs["torch"])) if a == b]
    print(f"model: {summarizer.spec.path}   articles: {len(clusters)}")
    print(f"torch (baseline): {seconds['torch']:.1f} s   onnx: {seconds['onnx']:.1f} s   "
          f"ratio {seconds['onnx'] / seconds['torch']:.2f}×")
    print(f"identical summaries: {len(same)}/{len(clusters)}")
    differing = sorted(set(range(len(clusters))) - set(same))
    if differing:
        print("differing items (index in the split):", ", ".join(map(str, differing[:20])))


if __name__ == "__main__":
    main()
