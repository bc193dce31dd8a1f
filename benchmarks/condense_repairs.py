"""Pronoun openers on the OrangeSum-MDS suite (50 validation clusters): how many the parse
repairs (``pronouns.antecedents``, what ``--model condensed`` does) and how many the condenser's
own ``repair`` task would (no longer asked), each kept only when ``condense.accept`` passes it.

    python benchmarks/condense_repairs.py [--top 40] [--show]

A pronoun opener: a sentence among the ``--top`` best ranked of a cluster that opens with
"Il", "Elle", "Ils" or "Elles" (not impersonal) and follows another sentence of its article.
The model's repair counts only when it keeps the whole sentence but its pronoun and puts a
name before it (what the stage used to require).
"""

from __future__ import annotations

import argparse
import sys
from pathlib import Path

ROOT = Path(__file__).resolve().parents[1]
sys.path.insert(0, str(ROOT))

from summarize.evaluate.mds import load_mds
from summarize.select.rank import rank
from summarize.seq2seq.condense import CondensedSummarizer, accept, context_of
from summarize.seq2seq.pronouns import antecedents
from summarize.text.clean import clean_article
from summarize.text.segment import segment_article


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--top", type=int, default=40)
    parser.add_argument("--show", action="store_true", help="print each repair the parse makes")
    args = parser.parse_args()
    summarizer = CondensedSummarizer(max_words=70)
    pairs = []
    for cluster in load_mds():
        cleaned = [clean_article(a) for a in cluster.articles]
        sentences = {a.id: [s.text for s in segment_article(a)] for a in cleaned}
        for r in rank(cleaned, scorer=summarizer.scorer)[:args.top]:
            context = context_of(r, sentences)
            if context is not None:
                pairs.append((context, r.text))
    parsed = antecedents(pairs)
    found = [(c, t, out) for (c, t), out in zip(pairs, parsed) if out]
    kept = [(c, t, out) for c, t, out in found if accept("repair", [c, t], out)]
    model = summarizer.editor.condense([("repair", [c, t]) for c, t in pairs])
    named = 0
    for (c, t), edit in zip(pairs, model):
        out, rest = edit.apply(), t.split(" ", 1)[1]
        named += out != t and out.endswith(rest) and out[:1].isupper() and accept("repair", [c, t], out)
    print(f"{len(pairs)} pronoun openers among the {args.top} best ranked sentences of 50 clusters")
    print(f"parse (pronouns.antecedents): an antecedent for {len(found)}, accepted {len(kept)}")
    print(f"model (repair task): a name before the whole sentence, accepted, for {named}")
    if args.show:
        for c, t, out in found:
            print(f"\n  {c}\n  {t}\n→ {out}")


if __name__ == "__main__":
    main()
