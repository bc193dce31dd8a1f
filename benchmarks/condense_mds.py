"""What the condenser does to the OrangeSum-MDS briefings (50 validation clusters, 70 words):
the share of body sentences it condenses (compressed, repaired, fused), the words its
compressions drop, how many of them buy no fact (undone, the briefing would still fit its budget),
and how many sentences open with the same noun phrase as an earlier one.
Then what bounds compression: of the body sentences as their sources wrote them, how many the
parse offers a deletable constituent in, how many the model's P(delete) passes the threshold
for, how many ``accept`` keeps, and why the parse's modifiers were refused
(``constituents.spans(why=…)``).

    python benchmarks/condense_mds.py [--model condensed] [--max-words 70] [--wide]

``--wide``: the 82 clusters of ``eval/suites/orangesum-mds-wide.toml`` instead.
"""

from __future__ import annotations

import argparse
import sys
from collections import Counter
from pathlib import Path

ROOT = Path(__file__).resolve().parents[1]
sys.path.insert(0, str(ROOT))

from summarize.briefer import Briefer
from summarize.evaluate.mds import load_mds
from summarize.select.context import opening
from summarize.seq2seq import constituents, spacy_fr
from summarize.seq2seq.condense import accept, snap
from summarize.seq2seq.editor import protected
from summarize.text.edits import tokens


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--model", default="condensed")
    parser.add_argument("--max-words", type=int, default=70)
    parser.add_argument("--wide", action="store_true", help="the wider suite's 82 clusters (similarity 0.15, 7 days)")
    args = parser.parse_args()
    briefer = Briefer.from_pretrained(args.model)
    kinds: Counter[str] = Counter()
    body = dropped = said = same_opening = free = 0
    sources: list[str] = []
    clusters = load_mds(threshold=0.15, max_days=7) if args.wide else load_mds()
    for cluster in clusters:
        b = briefer.brief(cluster.articles, max_words=args.max_words)
        texts = []
        slack = args.max_words - sum(len(s.text.split()) for s in b.sentences)
        for s in b.sentences:
            if s.origin == "headline":
                continue
            body += 1
            texts.append(s.text)
            sources.append(s.edits[0]["from"] if s.edits else s.text)
            done = {e["type"] for e in s.edits or [] if e["type"] != "date"}
            kinds.update(done or {"extracted"})
            for e in s.edits or []:
                if e["type"] == "compress":
                    saved = len(e["from"].split()) - len(e["to"].split())
                    dropped, said = dropped + saved, said + len(e["from"].split())
                    if saved <= slack:  # undone, the briefing still fits: the cut bought no fact
                        free, slack = free + 1, slack - saved
        same_opening += sum(any(opening(t, u) for u in texts[:k]) for k, t in enumerate(texts))
    condensed = body - kinds["extracted"]
    print(f"{body} body sentences in {len(clusters)} briefings; condensed {condensed} ({condensed / body:.1%}): "
          f"compressed {kinds['compress']}, repaired {kinds['repair']}, fused {kinds['fuse']}")
    print(f"compressions drop {dropped} of their {said} words ({dropped / max(1, said):.1%}); "
          f"{free} of {kinds['compress']} could be undone within the budget (they buy no fact)")
    print(f"sentences opening with an earlier sentence's noun phrase: {same_opening}")
    bounds(briefer.summarizer, sources)


def bounds(summarizer, sources: list[str]) -> None:
    """The compression funnel of the body sentences' sources, and the parse's refusals."""
    if not hasattr(summarizer, "editor"):
        return
    why: Counter[str] = Counter()
    found = {s: constituents.spans(s, d, protected(tokens(s), whole=True), why)
             for s, d in zip(sources, spacy_fr.parse(sources))}
    offered = [s for s in sources if found[s]]
    threshold = summarizer.editor.config.span_threshold
    cut = {}
    for s, e in zip(offered, summarizer.editor.condense([("compress", [s]) for s in offered])):
        out = snap(e, found[s], threshold).apply()
        if out != s:
            cut[s] = out
    kept = sum(accept("compress", [s], out) for s, out in cut.items())
    print(f"of the {len(sources)} sources: a deletable constituent in {len(offered)}, "
          f"P(delete) ≥ {threshold} for one in {len(cut)}, accepted {kept}")
    print("the parse's modifiers: " + ", ".join(f"{k} {v}" for k, v in why.most_common()))


if __name__ == "__main__":
    main()
