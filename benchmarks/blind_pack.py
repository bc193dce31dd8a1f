"""A blind reading's packets: OrangeSum-MDS validation clusters briefed by two models at the
CLI's budget, for a reader who has not seen the code (issue #22's acceptance).

    python benchmarks/blind_pack.py --seed 101 --n 30 --out runs/reading-10
    python benchmarks/blind_pack.py --outside --seed 125 --n 30 --out runs/reading-20
    python benchmarks/blind_pack.py --outside --every --seed 127 --n 30 --out runs/reading-23
    python benchmarks/blind_pack.py --fresh --every --seed 128 --n 30 --out runs/reading-24
    python benchmarks/blind_pack.py --set held --every --seed 129 --n 30 --out runs/reading-25
    python benchmarks/blind_pack.py --set held3 --every --seed 131 --model facets --base facets,stories=all \
        --out runs/reading-28
    python benchmarks/blind_pack.py --set held --unread 129 --every --seed 134 --n 32 --out runs/reading-32

``--set NAME`` draws from one of ``cluster_sets.py``'s sets (default ``mds``): ``--outside`` is
``--set outside``, the wider suite's 36 clusters ``orangesum-mds`` lacks (no session read them
before session 25); ``--fresh`` is ``--set fresh``, 47 clusters of a looser build sharing no
article with either suite; ``dev`` and ``held`` are session 27's (``held``: never read).
``--unread SEED`` leaves out the clusters an earlier reading of the set drew with that seed:
``--set held --unread 129`` is the 32 clusters of ``held`` reading 25 did not draw.

Writes ``ab.md`` (each cluster's articles, then briefings A and B in a random order per
cluster), ``sentences.md`` (every sentence the second model condensed, over all 50 clusters,
with what its briefing said before it and what its sources said, and for a repaired reference
the sentence of its article the name was taken from: the reader judges whether it
reads alone, whether it reads *in its briefing*, after the sentences said before it, as issue
#22 defines a failure, "pointing to something the briefing never said", and whether its
source read alone). ``--every``: every body sentence of the drawn clusters' briefings instead
(extracted or condensed; not the headline, an article's title said first: how issue #22
measured the default briefing, 79 % at once grammatical, faithful and understandable alone). ``key.json`` says which of A and B is
which, the cluster ids and how each listed sentence was made. Hand the reader the two
Markdown files, never the key.
"""

from __future__ import annotations

import argparse
import json
import random
import sys
from pathlib import Path

ROOT = Path(__file__).resolve().parents[1]
sys.path.insert(0, str(ROOT))

from cluster_sets import NAMES, cluster_set

from summarize.briefer import Briefer
from summarize.text.clean import clean_article
from summarize.text.segment import segment_article


def body(briefing) -> str:
    return "\n".join(f"- {s.text}" for s in briefing.sentences)


def ab_entry(k: int, cluster, first, second) -> str:
    """Cluster ``k`` of an A/B packet: its articles, then briefings A (``first``) and B."""
    articles = "\n\n".join(f"**Article {j + 1}** ({a.date or 'sans date'}) — {a.title or ''}\n\n{a.text}"
                           for j, a in enumerate(cluster.articles))
    return f"## Cluster {k}\n\n{articles}\n\n**Briefing A**\n\n{body(first)}\n\n**Briefing B**\n\n{body(second)}\n"


def write_ab(out: Path, changed: list, seed: int, n: int, old: str = "old") -> int:
    """An A/B packet of ``changed`` (cluster, new briefing, ``old`` briefing) triples: ``n`` drawn
    with ``seed``, each pair in random order; writes ``out/ab.md`` and ``out/key.json``."""
    rng = random.Random(seed)
    ab, key = [], []
    for k, (cluster, now, before) in enumerate(rng.sample(changed, min(n, len(changed))), 1):
        pair = [("new", now), (old, before)]
        rng.shuffle(pair)
        key.append({"id": cluster.id, "A": pair[0][0], "B": pair[1][0]})
        ab.append(ab_entry(k, cluster, pair[0][1], pair[1][1]))
    out.mkdir(parents=True, exist_ok=True)
    (out / "ab.md").write_text("\n".join(ab), encoding="utf-8")
    (out / "key.json").write_text(json.dumps(key, indent=1), encoding="utf-8")
    return len(key)


def sources(s, cluster) -> str:
    """What a listed sentence's sources said; for a repair ("Il" → "Le premier syndicat de
    généralistes", "M. Linick" → "Steve Linick"), the sentence of its article that names them
    too (reading 30's reader could not tell the name came from the sources)."""
    lines = [f"  - {src}" for src in s.sources]
    for edit in s.edits or ():
        if edit.get("type") != "repair":
            continue
        new = [w.strip(",.;:") for w in edit["to"].split() if w not in edit["from"].split()]
        for a in cluster.articles:
            said = [t.text for t in segment_article(clean_article(a))]
            if edit["from"] in said:
                before = [a.title or "", *said[:said.index(edit["from"])]]
                where = next((t for t in reversed(before) if all(w in t for w in new)), None)
                lines += [f"  - (where its article names them: {where})"] if where else []
                break
    return "\n".join(lines)


def briefer(spec: str) -> Briefer:
    """``NAME`` or ``NAME,KEY=VALUE,…`` (``facets,stories=all``: a setting of the model)."""
    name, *pairs = spec.split(",")
    return Briefer.from_pretrained(name, **dict(p.split("=", 1) for p in pairs))


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--seed", type=int, default=101)
    parser.add_argument("--n", type=int, default=30)
    parser.add_argument("--base", default="facets")
    parser.add_argument("--model", default="condensed")
    parser.add_argument("--out", type=Path, required=True)
    parser.add_argument("--set", choices=NAMES, default="mds", help="the clusters drawn from (cluster_sets.py)")
    parser.add_argument("--outside", action="store_true", help="--set outside")
    parser.add_argument("--fresh", action="store_true", help="--set fresh")
    parser.add_argument("--unread", type=int, metavar="SEED",
                        help="leave out the clusters an earlier reading drew with this seed (and --unread-n)")
    parser.add_argument("--unread-n", type=int, default=30)
    parser.add_argument("--every", action="store_true", help="every sentence of the drawn briefings, not only condensed ones")
    args = parser.parse_args()
    rng = random.Random(args.seed)
    clusters = cluster_set("outside" if args.outside else "fresh" if args.fresh else args.set)
    if args.unread is not None:  # the same draw as that reading's (its first use of its seed)
        read = set(random.Random(args.unread).sample(range(len(clusters)), min(args.unread_n, len(clusters))))
        clusters = [c for k, c in enumerate(clusters) if k not in read]
    base, model = briefer(args.base), briefer(args.model)
    drawn = set(rng.sample(range(len(clusters)), min(args.n, len(clusters))))
    ab, sentences, key = [], [], {"seed": args.seed, "clusters": [], "sentences": []}
    for k, cluster in enumerate(clusters):
        mine = model.brief(cluster.articles, id=cluster.id)
        for j, s in enumerate(mine.sentences):
            if (k in drawn and s.origin != "headline") if args.every else s.origin in ("compressed", "fused"):
                said = sources(s, cluster)
                before = "\n".join(f"  - {b.text}" for b in mine.sentences[:j]) or "  (nothing: it opens the briefing)"
                sentences.append(f"### {len(sentences) + 1}. ({cluster.id})\n\n"
                                 f"**Said before it in its briefing:**\n{before}\n\n"
                                 f"**{'Sentence' if args.every else 'Condensed'}:** {s.text}\n\n"
                                 f"**What its sources said:**\n{said}\n")
                key["sentences"].append({"cluster": cluster.id, "origin": s.origin})
        if k not in drawn:
            continue
        theirs = base.brief(cluster.articles, id=cluster.id)
        pair = [(args.model, mine), (args.base, theirs)]
        rng.shuffle(pair)
        key["clusters"].append({"id": cluster.id, "A": pair[0][0], "B": pair[1][0],
                                "identical": body(mine) == body(theirs)})
        ab.append(ab_entry(len(key["clusters"]), cluster, pair[0][1], pair[1][1]))
    args.out.mkdir(parents=True, exist_ok=True)
    (args.out / "ab.md").write_text("\n".join(ab), encoding="utf-8")
    (args.out / "sentences.md").write_text("\n".join(sentences), encoding="utf-8")
    (args.out / "key.json").write_text(json.dumps(key, indent=1), encoding="utf-8")
    same = sum(c["identical"] for c in key["clusters"])
    print(f"{len(key['clusters'])} clusters ({same} with identical briefings), "
          f"{len(sentences)} {'listed' if args.every else 'condensed'} sentences → {args.out}")


if __name__ == "__main__":
    main()
