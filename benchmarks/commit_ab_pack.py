"""A blind reading's packet comparing one model at two commits (blind reading 38): the briefings
of the never-read clusters at ``--base REV`` and in this checkout, on the clusters whose briefing
differs, in random A/B order per cluster, at the CLI's budget.

    python benchmarks/commit_ab_pack.py --base 2ce6be1 --out runs/reading-38

The base commit runs from a temporary ``git worktree`` on the same articles (serialized once
from this checkout's cluster sets, so both commits read the same clusters). Writes ``ab.md``
(each cluster's articles, then briefings A and B) and ``key.json`` (which is which). Hand the
reader ``ab.md`` only.
"""

from __future__ import annotations

import argparse
import json
import os
import subprocess
import sys
import tempfile
from pathlib import Path
from types import SimpleNamespace

ROOT = Path(__file__).resolve().parents[1]
sys.path.insert(0, str(ROOT))

from blind_pack import write_ab
from cluster_sets import cluster_set

from summarize.text.datasets import orangesum_dir

SETS = ("fresh", "dev", "held", "held2", "held3", "held4", "held5")
#: Run inside a checkout: brief each serialized cluster, print {id: [sentence, …]} as JSON.
BRIEF = """
import json, sys
from summarize.briefer import Briefer
from summarize.types import Article
briefer = Briefer.from_pretrained(sys.argv[2])
budget = int(sys.argv[3]) if sys.argv[3] != "-" else None
out = {}
for c in json.load(open(sys.argv[1], encoding="utf-8")):
    b = briefer.brief([Article(**a) for a in c["articles"]], id=c["id"], max_words=budget)
    out[c["id"]] = [s.text for s in b.sentences]
json.dump(out, sys.stdout, ensure_ascii=False)
"""


def briefings(checkout: Path, clusters: Path, model: str, max_words: int | None = None) -> dict[str, list[str]]:
    """``model``'s briefing sentences of each serialized cluster, as ``checkout``'s code says them
    (at ``max_words``, else the CLI's budget)."""
    env = {**os.environ, "PYTHONPATH": str(checkout), "ORANGESUM_DIR": str(orangesum_dir())}
    done = subprocess.run([sys.executable, "-c", BRIEF, str(clusters), model, str(max_words or "-")], cwd=checkout,
                          env=env, capture_output=True, text=True, check=True)
    return json.loads(done.stdout)


def two_commits(base: str, model: str, max_words: int | None = None):
    """The never-read clusters (id → cluster), the set each belongs to (id → name) and ``model``'s
    briefings of each at ``base`` and in this checkout (id → sentences), from the same articles."""
    sets = {name: cluster_set(name) for name in SETS}
    clusters = {c.id: c for found in sets.values() for c in found}
    with tempfile.TemporaryDirectory() as tmp:
        serial = Path(tmp) / "clusters.json"
        serial.write_text(json.dumps([{"id": c.id, "articles": [
            {"id": a.id, "text": a.text, "title": a.title, "date": a.date} for a in c.articles]}
            for c in clusters.values()], ensure_ascii=False), encoding="utf-8")
        checkout = Path(tmp) / "base"
        subprocess.run(["git", "-C", str(ROOT), "worktree", "add", "-q", "--detach", str(checkout), base],
                       check=True)
        try:
            old = briefings(checkout, serial, model, max_words)
        finally:
            subprocess.run(["git", "-C", str(ROOT), "worktree", "remove", "--force", str(checkout)], check=True)
        new = briefings(ROOT, serial, model, max_words)
    return clusters, {c.id: name for name, found in sets.items() for c in found}, old, new


def said(texts: list[str]) -> SimpleNamespace:
    """A briefing as ``blind_pack.ab_entry`` reads it: its sentences' texts."""
    return SimpleNamespace(sentences=[SimpleNamespace(text=t) for t in texts])


def commit_parser(doc: str) -> argparse.ArgumentParser:
    """The options every two-commit benchmark takes: ``--base`` and ``--model``."""
    parser = argparse.ArgumentParser(description=doc.splitlines()[0])
    parser.add_argument("--base", required=True, help="the commit to compare this checkout with")
    parser.add_argument("--model", default="facets")
    return parser


def main() -> None:
    parser = commit_parser(__doc__)
    parser.add_argument("--seed", type=int, default=138)
    parser.add_argument("--n", type=int, default=30)
    parser.add_argument("--out", type=Path, required=True)
    args = parser.parse_args()
    clusters, _, old, new = two_commits(args.base, args.model)
    changed = [(clusters[k], said(new[k]), said(old[k])) for k in clusters if old[k] != new[k]]
    drawn = write_ab(args.out, changed, args.seed, args.n, old="base")
    print(f"{len(changed)} of {len(clusters)} briefings differ from {args.base}, {drawn} drawn → {args.out}")


if __name__ == "__main__":
    main()
