"""Time and peak memory of ``summarize brief`` as the input grows (issue 11's budget).

Single-article inputs of 0.5, 1, 2, 4 and 8 MB (one line of French sentences made from the
seeds' words), then a seed article followed by 1k, 10k and 100k characters of punctuation
(dots; « then »). Each run is a fresh ``python -m summarize.cli brief`` process; peak memory is
its maximum resident set size. Budget: ≤ 2.5× time and memory per doubling, ≤ 1.5 GB at 8 MB.

    python benchmarks/scaling.py [--sizes 0.5 1 2 4 8] [--runs 10000 ...]
"""

from __future__ import annotations

import argparse
import os
import random
import subprocess
import sys
import tempfile
import time
from pathlib import Path

ROOT = Path(__file__).resolve().parents[1]
SEEDS = sorted((ROOT / "seeds").glob("*.txt"))


def article_of_size(mb: float, seed: int = 0) -> str:
    """One line of pseudo-sentences (12-25 seed words, capitalised, ending with a period)."""
    words = " ".join(p.read_text(encoding="utf-8") for p in SEEDS).split()
    words = [w.strip(".,;:!?«»()\"") for w in words]
    words = [w for w in words if w.isalpha()]
    rng = random.Random(seed)
    out, size = [], 0
    while size < mb * 1e6:
        n = rng.randint(12, 25)
        sentence = " ".join(rng.choice(words) for _ in range(n))
        sentence = sentence[0].upper() + sentence[1:] + "."
        out.append(sentence)
        size += len(sentence.encode("utf-8")) + 1
    return " ".join(out) + "\n"


def run_brief(path: Path) -> tuple[float, float, int, str]:
    """(seconds, peak RSS in MB, exit code, last stderr line) of one ``brief`` run."""
    env = {**os.environ, "PYTHONPATH": str(ROOT)}
    t0 = time.perf_counter()
    proc = subprocess.Popen([sys.executable, "-m", "summarize.cli", "brief", str(path),
                             "-f", "md"], stdout=subprocess.PIPE, stderr=subprocess.PIPE,
                            env=env, cwd=ROOT)
    out, err = proc.communicate()
    _, _status, usage = os.wait4(proc.pid, 0) if proc.returncode is None else (0, 0, None)
    seconds = time.perf_counter() - t0
    if usage is None:  # communicate() already reaped it: fall back to the children total
        import resource

        peak = resource.getrusage(resource.RUSAGE_CHILDREN).ru_maxrss / 1024
    else:
        peak = usage.ru_maxrss / 1024
    footer = [line for line in out.decode("utf-8", "replace").splitlines() if "écartées" in line]
    last = (err.decode("utf-8", "replace").strip().splitlines() or [""])[-1]
    return seconds, peak, proc.returncode, footer[-1] if footer else last


def _run_child(path: Path) -> tuple[float, float, int, str]:
    """Run in a dedicated child so that RUSAGE_CHILDREN is this run's alone."""
    code = (f"import resource, sys, json; sys.path.insert(0, {str(ROOT)!r}); "
            "from benchmarks.scaling import run_brief; from pathlib import Path; "
            f"print(json.dumps(run_brief(Path({str(path)!r}))))")
    res = subprocess.run([sys.executable, "-c", code], capture_output=True, text=True,
                         cwd=ROOT)
    import json

    return tuple(json.loads(res.stdout.strip().splitlines()[-1]))


def main() -> None:
    ap = argparse.ArgumentParser()
    ap.add_argument("--sizes", type=float, nargs="*", default=[0.5, 1, 2, 4, 8])
    ap.add_argument("--runs", type=int, nargs="*", default=[1_000, 10_000, 100_000])
    args = ap.parse_args()
    base = SEEDS[0].read_text(encoding="utf-8").strip()
    with tempfile.TemporaryDirectory() as tmp:
        print(f"{'input':<28} {'seconds':>8} {'peak MB':>8} {'×time':>6} {'×mem':>6}  footer")
        prev = None
        for mb in args.sizes:
            path = Path(tmp, f"article-{mb}MB.txt")
            path.write_text(article_of_size(mb), encoding="utf-8")
            sec, peak, code, footer = _run_child(path)
            ratio = (f"{sec / prev[0]:>6.2f} {peak / prev[1]:>6.2f}" if prev else f"{'':>6} {'':>6}")
            print(f"{f'{mb:g} MB single article':<28} {sec:>8.2f} {peak:>8.0f} {ratio}  "
                  f"[exit {code}] {footer[:90]}", flush=True)
            prev = (sec, peak)
        for kind, make in (("dots", lambda n: "." * n),
                           ("« then »", lambda n: "«" * (n // 2) + "»" * (n // 2))):
            for n in args.runs:
                path = Path(tmp, f"run-{n}.txt")
                path.write_text(f"{base} {make(n)}\n", encoding="utf-8")
                sec, peak, code, footer = _run_child(path)
                print(f"{f'article + {n:,} {kind}':<28} {sec:>8.2f} {peak:>8.0f} {'':>6} "
                      f"{'':>6}  [exit {code}] {footer[:90]}", flush=True)


if __name__ == "__main__":
    main()
