"""Throughput of `summarize brief -f jsonl` on one process, a local pool and Dask, in one run.

Clusters are built from the OrangeSum *validation* split (three consecutive articles each,
wrapping around) and written to a JSONL file of clusters. Each engine runs the same command;
the script samples the RSS of every process of the run (psutil) and the time the first
briefing reaches the output, and prints clusters/s and the speed-up over one process.

    python benchmarks/parallel.py                      # 1,000 clusters, facets: the table
    python benchmarks/parallel.py --memory 100000 --model lead-2   # flat memory, first result

``--memory N`` runs N clusters and 1,000 clusters with ``--workers 2`` and compares their peak
RSS (the acceptance: within 10 %).
"""

from __future__ import annotations

import argparse
import json
import subprocess
import sys
import tempfile
import time
from pathlib import Path

import psutil

ROOT = Path(__file__).resolve().parents[1]
sys.path.insert(0, str(ROOT))

from summarize.text.datasets import load_orangesum


def write_clusters(path: Path, n: int) -> None:
    articles = [ex.article for ex in load_orangesum(None, "abstract-valid")]
    with open(path, "w", encoding="utf-8") as fh:
        for k in range(n):
            picked = [articles[(k + j) % len(articles)] for j in range(3)]
            fh.write(json.dumps({"id": f"c{k}", "articles": [
                {"id": a.id, "title": a.title, "date": a.date, "text": a.text} for a in picked]},
                ensure_ascii=False) + "\n")


def run(clusters: Path, out: Path, model: str, extra: list[str]) -> dict:
    """Run one `brief -f jsonl`; wall time, time to the first line, peak RSS per process."""
    partial = Path(f"{out}.partial")
    cmd = [sys.executable, "-m", "summarize.cli", "brief", str(clusters), "-f", "jsonl", "-o",
           str(out), "--force", "-m", model, *extra]
    t0 = time.perf_counter()
    proc = subprocess.Popen(cmd, stdout=subprocess.DEVNULL, stderr=subprocess.PIPE, cwd=ROOT)
    root = psutil.Process(proc.pid)
    peak: dict[int, int] = {}
    first = None
    while proc.poll() is None:
        try:
            for p in [root, *root.children(recursive=True)]:
                try:
                    peak[p.pid] = max(peak.get(p.pid, 0), p.memory_info().rss)
                except psutil.Error:
                    pass
        except psutil.Error:
            pass
        if first is None and partial.exists() and partial.stat().st_size:
            first = time.perf_counter() - t0
        time.sleep(0.05)
    wall = time.perf_counter() - t0
    err = proc.stderr.read().decode()
    if proc.returncode != 0:
        raise SystemExit(f"{' '.join(cmd)} failed:\n{err}")
    rss = sorted(peak.values(), reverse=True)
    return {"wall": wall, "first": first if first is not None else wall, "rss_mb": [r / 1e6 for r in rss]}


def table(n: int, model: str) -> None:
    with tempfile.TemporaryDirectory() as tmp:
        clusters = Path(tmp) / "clusters.jsonl"
        write_clusters(clusters, n)
        rows = []
        for name, extra in (("1 process", []), ("--workers 2", ["--workers", "2"]),
                            ("Dask LocalCluster, 2 workers", ["--scheduler", "local", "--workers", "2"])):
            r = run(clusters, Path(tmp) / "out.jsonl", model, extra)
            rows.append((name, r))
        base = n / rows[0][1]["wall"]
        print(f"{n} clusters, --model {model}, `summarize brief -f jsonl` (2 cores)\n")
        print("| engine | clusters/s | speed-up | first result (s) | peak RSS per process (MB) |")
        print("|---|---|---|---|---|")
        for name, r in rows:
            rate = n / r["wall"]
            biggest = ", ".join(f"{m:.0f}" for m in r["rss_mb"][:3])
            print(f"| {name} | {rate:.1f} | {rate / base:.2f}× | {r['first']:.1f} | {biggest} |")
        pool, dask = n / rows[1][1]["wall"], n / rows[2][1]["wall"]
        print(f"\nDask vs the process pool: {dask / pool:.2f}× its throughput")


def memory(n: int, model: str) -> None:
    with tempfile.TemporaryDirectory() as tmp:
        results = {}
        for size in (1000, n):
            clusters = Path(tmp) / f"clusters-{size}.jsonl"
            write_clusters(clusters, size)
            results[size] = run(clusters, Path(tmp) / "out.jsonl", model, ["--workers", "2"])
        print(f"--model {model}, --workers 2, `summarize brief -f jsonl`\n")
        print("| clusters | wall (s) | first result (s) | peak RSS, largest process (MB) | all processes (MB) |")
        print("|---|---|---|---|---|")
        for size, r in results.items():
            print(f"| {size:,} | {r['wall']:.0f} | {r['first']:.1f} | {r['rss_mb'][0]:.0f} | "
                  f"{sum(r['rss_mb']):.0f} |")
        ratio = sum(results[n]["rss_mb"]) / sum(results[1000]["rss_mb"])
        print(f"\npeak RSS of {n:,} clusters / 1,000 clusters: {ratio:.3f}")


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--clusters", type=int, default=1000)
    parser.add_argument("--model", default="facets")
    parser.add_argument("--memory", type=int, default=0, help="Compare N clusters with 1,000.")
    args = parser.parse_args()
    if args.memory:
        memory(args.memory, args.model)
    else:
        table(args.clusters, args.model)


if __name__ == "__main__":
    main()
