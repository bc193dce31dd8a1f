"""The trained condenser's compressions against the validation gold (``eval/compress/``):
deleted-token precision, recall and F1 [95 % bootstrap CI], per model folder, beside the
bundled constituent compressor. The ablation is a folder trained with ``--encoder random``.

    python benchmarks/condense_model.py runs/condense/model runs/condense-random/model
"""

from __future__ import annotations

import argparse
import sys
from pathlib import Path

import numpy as np

ROOT = Path(__file__).resolve().parents[1]
sys.path.insert(0, str(ROOT))
sys.path.insert(0, str(ROOT / "benchmarks"))

from condense_tagger import GOLD, load, load_articles, report
from condense_tagger import constituents as bundled_compressor

from summarize.text.edits import DELETE


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("models", nargs="+", type=Path)
    parser.add_argument("--threshold", default="", help="comma-separated span thresholds to sweep")
    parser.add_argument("--data-dir", type=Path, default=ROOT.parent / "shared" / "data" / "orangesum")
    args = parser.parse_args()
    from summarize.seq2seq import constituents, spacy_fr
    from summarize.seq2seq.condense import compression
    from summarize.seq2seq.editor import Condenser, protected

    valid = load([GOLD], args.data_dir)
    gold = [g for *_, g in valid]
    print(f"{len(valid)} gold sentences, {np.mean(np.concatenate(gold)):.1%} of tokens deleted")
    print("| system | precision | recall | F1 (deleted tokens) [95 % CI] | exact | accepted |")
    print("|---|---|---|---|---|---|")
    print(report("bundled constituent compressor (`compressive`)",
                 [bundled_compressor(s, t, a) for (s, t, _), a in zip(valid, load_articles([GOLD], args.data_dir))],
                 gold) + " | — |")
    sentences = [s for s, _, _ in valid]
    for folder in args.models:
        model = Condenser.from_pretrained(folder)
        edits = model.condense([("compress", [s]) for s in sentences])
        print(report(f"{folder} ({model.config.encoder}), free tags", [
            np.array([t == DELETE for t in e.tags], bool) for e in edits], gold) + " | — |")
        docs = spacy_fr.parse(sentences)
        cands = [constituents.spans(s, doc, protected(e.source, whole=True)) for s, e, doc in zip(sentences, edits, docs)]
        for threshold in [float(t) for t in args.threshold.split(",") if t] or [model.config.span_threshold]:
            kept, n_ok = [], 0
            for s, edit, spans in zip(sentences, edits, cands):
                out = compression(s, edit, spans, threshold)  # as the condense stage
                n_ok += out is not None
                kept.append(np.array([t == DELETE for t in out.tags], bool) if out
                            else np.zeros(len(edit.tags), bool))
            print(report(f"{folder} ({model.config.encoder}), constituents ≥ {threshold:g}, verified",
                         kept, gold) + f" | {n_ok}/{len(valid)} |")

if __name__ == "__main__":
    main()
