"""Speed of `summarize brief` on the seeds: the default briefing, and a seq2seq model.

Default briefing (issue 10; what `summarize brief seeds/` runs, `facets` unless
summarize.json says otherwise), measured in one run against `lead-first` through the same
command and library path (the simplest briefing: the first article's lead, no ranking or
planning; its warm time is mostly the facts check of its longer text):
- cold: process start to output (median of --cold runs), goal ≤ 1.5 s;
- warm: one briefing with everything loaded (median of --warm runs), goal ≤ 0.5 s;
- the OrangeSum-MDS suite (50 clusters) without a cache, goal ≤ 3 min (with --mds).

    python benchmarks/brief_speed.py [--cold 5] [--warm 9] [--mds] [--condensed]

``--condensed`` also times ``--model condensed`` (issue 22: cold ≤ 2.0 s, warm ≤ 0.5 s, the
MDS suite ≤ 3 min; ratios against the default in the same run).

Seq2seq (`--seq2seq`, issue 3), against plain transformers usage of the same model.
Measured in one run, on this machine:
- cold: process start to output of `summarize brief seeds/` (median of --cold runs);
- warm: one briefing (clean, rank, pack, generate, facts check) with the model already
  loaded (median of --warm runs), with the default runtime and with ``--runtime torch``;
- baseline: the same articles through `transformers.pipeline("summarization")` with the same
  model and generation settings. Transformers 5 removed that pipeline; the baseline then is
  what it did — tokenize the concatenated articles with truncation, `generate`, decode.

Goals (issue 3): warm ≤ 0.7× the baseline's warm time, cold ≤ 3 s, warm ≤ 1 s on 2 cores.

    python benchmarks/brief_speed.py --seq2seq [--model PATH] [--runtime auto] [--cold 3] [--warm 5]
"""

from __future__ import annotations

import argparse
import statistics
import subprocess
import sys
import time
from pathlib import Path

ROOT = Path(__file__).resolve().parents[1]


def median_time(fn, n: int) -> float:
    times = []
    for _ in range(n):
        t0 = time.perf_counter()
        fn()
        times.append(time.perf_counter() - t0)
    return statistics.median(times)


def baseline_runner(summarizer, articles):
    """The pipeline("summarization") path, or its transformers-5 equivalent."""
    model, tok, settings = summarizer.model, summarizer.tokenizer, summarizer.settings
    text = "\n".join(a.text for a in articles)
    gen = settings.generate_kwargs()
    try:
        from transformers import pipeline

        pipe = pipeline("summarization", model=model, tokenizer=tok, device="cpu")
        return "pipeline('summarization')", lambda: pipe(text, truncation=True, **gen)
    except (KeyError, ValueError):
        import torch

        def run():
            enc = tok(text, truncation=True, max_length=summarizer.spec.max_input_tokens,
                      return_tensors="pt")
            with torch.inference_mode():
                out = model.generate(**enc, **gen)
            return tok.batch_decode(out, skip_special_tokens=True)

        return "tokenize+generate (pipeline removed in transformers 5)", run


def default_briefing(args) -> None:
    """The default briefing against lead-first, cold and warm; the MDS suite's wall time."""
    import tempfile

    from summarize.api import Briefer, run_suite

    rows = {}
    condensed = [("condensed", "onnx"), ("condensed", "torch")] if args.condensed else []
    for name, runtime in [(None, "auto"), ("lead-first", "auto"), *condensed]:
        cmd = [sys.executable, "-m", "summarize.cli", "brief", str(ROOT / "seeds"), "--runtime", runtime]
        cmd += ["--model", name] if name else []
        cold = median_time(lambda c=cmd: subprocess.run(c, check=True, capture_output=True), args.cold)
        briefer = Briefer.from_pretrained(name, runtime=runtime)
        warm = median_time(lambda b=briefer: b.brief(str(ROOT / "seeds")), args.warm)
        key = name if runtime == "auto" else f"{name} --runtime {runtime}"
        rows[key or f"default ({briefer.summarizer.name})"] = (cold, warm)
    base_cold, base_warm = rows.pop("lead-first")
    print(f"baseline lead-first: cold {base_cold:.2f} s, warm {base_warm:.3f} s")
    for name, runtime in condensed:  # issue 22: against facets, cold ≤ 2.0 s, warm ≤ 0.5 s
        cold, warm = rows.pop(f"{name} --runtime {runtime}")
        f_cold, f_warm = next(iter(rows.values()))
        print(f"{name} --runtime {runtime}: cold {cold:.2f} s (goal ≤ 2.0 s, {cold / f_cold:.2f}× the "
              f"default), warm {warm:.3f} s (goal ≤ 0.5 s, {warm / f_warm:.2f}× the default)")
    for name, (cold, warm) in rows.items():
        print(f"{name}: cold {cold:.2f} s (goal ≤ 1.5 s, {cold / base_cold:.2f}× lead-first), "
              f"warm {warm:.3f} s (goal ≤ 0.5 s, {warm / base_warm:.2f}× lead-first)")
    if args.mds:
        with tempfile.TemporaryDirectory() as cache:
            t0 = time.perf_counter()
            run_suite(ROOT / "eval/suites/orangesum-mds.toml", cache_dir=cache)
            print(f"OrangeSum-MDS suite, default model, no cache: {time.perf_counter() - t0:.1f} s "
                  "(goal ≤ 180 s; includes building the clusters)")
            if args.condensed:
                t0 = time.perf_counter()
                run_suite(ROOT / "eval/suites/orangesum-mds.toml", "condensed", cache_dir=cache)
                print(f"OrangeSum-MDS suite, condensed, no cache: {time.perf_counter() - t0:.1f} s "
                      "(goal ≤ 180 s)")


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__.split("\n")[0])
    parser.add_argument("--seq2seq", action="store_true", help="measure a seq2seq model (issue 3)")
    parser.add_argument("--mds", action="store_true", help="also time the OrangeSum-MDS suite")
    parser.add_argument("--condensed", action="store_true", help="also time --model condensed (issue 22)")
    parser.add_argument("--model", default=None, help="--seq2seq: default the bundled model")
    parser.add_argument("--cold", type=int, default=3)
    parser.add_argument("--warm", type=int, default=5)
    parser.add_argument("--runtime", default="auto", help="runtime of `summarize brief` (auto, onnx, torch)")
    args = parser.parse_args()
    if not args.seq2seq:
        return default_briefing(args)

    cmd = [sys.executable, "-m", "summarize.cli", "brief", str(ROOT / "seeds")]
    cmd += ["--model", args.model or "fr-brief-small"]
    cmd += ["--runtime", args.runtime]

    def cold_run():
        subprocess.run(cmd, check=True, capture_output=True)

    cold = median_time(cold_run, args.cold)

    import torch

    from summarize.brief import make_briefings
    from summarize.seq2seq.generate import Seq2SeqSummarizer
    from summarize.text.ingest import load_articles

    torch.set_num_threads(2)
    articles = load_articles([str(ROOT / "seeds")])
    rows = []
    for runtime in dict.fromkeys([args.runtime, "torch"]):
        t0 = time.perf_counter()
        summarizer = Seq2SeqSummarizer.from_pretrained(args.model or "fr-brief-small", runtime=runtime)
        load = time.perf_counter() - t0
        warm = median_time(lambda s=summarizer: make_briefings([("seeds", articles)], s), args.warm)
        rows.append((summarizer.runtime, load, warm))
    name, baseline = baseline_runner(summarizer, articles)  # the torch summarizer
    base = median_time(baseline, args.warm)

    print(f"model: {summarizer.spec.path}   threads: {torch.get_num_threads()}")
    print(f"cold start (process → output of `summarize brief seeds/`), median of {args.cold}: "
          f"{cold:.2f} s   (goal ≤ 3 s)")
    print(f"baseline [{name}], median of {args.warm}: {base:.3f} s")
    for runtime, load, warm in rows:
        print(f"warm briefing, runtime {runtime:5s}: {warm:.3f} s (goal ≤ 1 s)  "
              f"ratio to baseline {warm / base:.2f}× (goal ≤ 0.7×)   model load {load:.2f} s")


if __name__ == "__main__":
    main()
