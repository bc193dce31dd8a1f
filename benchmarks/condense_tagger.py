"""A token-level deletion tagger on frozen encoder states, trained on hand-written
compressions of OrangeSum *train* sentences (``train-data/compressions/``) and measured on
the validation gold (``eval/compress/``), against the bundled constituent compressor.

    python benchmarks/condense_tagger.py [--data-dir ../shared/data/orangesum]

Each word or punctuation token of a sentence is tagged keep/delete by a logistic
regression (C and the decision threshold chosen by 5-fold cross-validation on the training
sentences, deleted-token F1) over the final state of its first piece. Encoders: the
pretrained multilingual-e5-small, the same network randomly initialised (the ablation),
and none (word-shape features only). Tokens with a digit, inside quotes, or of a negation
are never deleted (the condenser's hard rules). Printed: deleted-token precision, recall
and F1 (95 % bootstrap interval over sentences) and exact matches.
"""

from __future__ import annotations

import argparse
import json
import re
import sys
from pathlib import Path

import numpy as np

ROOT = Path(__file__).resolve().parents[1]
sys.path.insert(0, str(ROOT))

from summarize.text.datasets import article_texts

TRAIN = sorted((ROOT / "train-data" / "compressions").glob("orangesum-train-*.jsonl"))
GOLD = ROOT / "eval" / "compress" / "orangesum-valid-compressions.jsonl"
_TOKEN = re.compile(r"\w+(?:[-.,]\w+)*|[^\w\s]")
_NEGATION = {"ne", "n", "pas", "jamais", "aucun", "aucune", "rien", "personne", "ni", "guère"}


def load(files, data_dir: Path):
    items = [json.loads(line) for f in files for line in f.read_text(encoding="utf-8").splitlines()
             if line.strip()]
    texts = article_texts([i["id"] for i in items], data_dir)
    out = []
    for i in items:
        sentence = texts[i["id"]][i["start"]:i["end"]]
        toks = [(m.start(), m.end()) for m in _TOKEN.finditer(sentence)]
        gone = np.zeros(len(sentence), bool)
        for a, b in i["delete"]:
            gone[a:b] = True
        labels = np.array([gone[a:b].all() for a, b in toks], bool)
        out.append((sentence, toks, labels))
    return out


def load_articles(files, data_dir: Path) -> list[str]:
    """The article text of each item (salience for the bundled compressor)."""
    items = [json.loads(line) for f in files for line in f.read_text(encoding="utf-8").splitlines()
             if line.strip()]
    texts = article_texts([i["id"] for i in items], data_dir)
    return [texts[i["id"]] for i in items]


def constituents(sentence: str, toks, article: str) -> np.ndarray:
    """The bundled compressor's deletions, as token labels."""
    from summarize.select.compress import Compressor, candidates, salience
    from summarize.text.clean import clean_text
    from summarize.text.segment import split_sentences

    model = Compressor.from_pretrained(ROOT / "summarize" / "models" / "fr-compress")
    spans = candidates(sentence)
    gone = np.zeros(len(sentence), bool)
    if spans:
        probs = model.probabilities(sentence, spans, salience(split_sentences(clean_text(article))))
        for span, p in zip(spans, probs):
            if p >= model.threshold:
                gone[span.start:span.end] = True
    return np.array([gone[a:b].all() for a, b in toks], bool)


def protected(sentence: str, toks) -> np.ndarray:
    depth, quoted = 0, []
    for a, b in toks:
        t = sentence[a:b]
        if t in "«“":
            depth += 1
        quoted.append(depth > 0 or t in "»”\"")
        if t in "»”":
            depth = max(0, depth - 1)
    return np.array([q or any(c.isdigit() for c in sentence[a:b]) or sentence[a:b].lower() in _NEGATION
                     for q, (a, b) in zip(quoted, toks)], bool)


def shape(sentence: str, toks) -> np.ndarray:
    n = len(toks)
    rows = []
    for k, (a, b) in enumerate(toks):
        t = sentence[a:b]
        rows.append([k / n, float(t == ","), float(t in "()"), float(t[:1].isupper()), float(len(t)),
                     float(k > 0 and sentence[toks[k - 1][0]:toks[k - 1][1]] == ","),
                     float(k + 1 < n and sentence[toks[k + 1][0]:toks[k + 1][1]] == ",")])
    return np.array(rows)


def states(model, tokenizer, sentence: str, toks) -> np.ndarray:
    import torch

    ids = tokenizer(sentence)[:512]
    with torch.no_grad():
        st = model(input_ids=torch.tensor([ids])).last_hidden_state[0].numpy()
    first = [min(len(tokenizer(sentence[:a])) - 1, len(ids) - 2) for a, _ in toks]
    return st[first]


def fit(x, y, groups, *, balanced: bool = True, thresholds=np.arange(0.3, 0.95, 0.05)):
    """A logistic regression whose C and decision threshold maximise the positive class's
    F1 in 5-fold cross-validation grouped by sentence (``groups``: sentence of each row)."""
    from sklearn.linear_model import LogisticRegression
    from sklearn.preprocessing import StandardScaler

    weight = "balanced" if balanced else None
    best, folds = None, np.arange(groups.max() + 1) % 5
    for c in (0.001, 0.01, 0.1, 1.0):
        probs = np.zeros(len(y))
        for f in range(5):
            test = np.isin(groups, np.where(folds == f)[0])
            scaler = StandardScaler().fit(x[~test])
            m = LogisticRegression(C=c, max_iter=3000, class_weight=weight).fit(
                scaler.transform(x[~test]), y[~test])
            probs[test] = m.predict_proba(scaler.transform(x[test]))[:, 1]
        for t in thresholds:
            p = probs >= t
            f1 = 2 * (p & y).sum() / max(1, p.sum() + y.sum())
            if best is None or f1 > best[0]:
                best = (f1, c, t)
    _, c, t = best
    scaler = StandardScaler().fit(x)
    model = LogisticRegression(C=c, max_iter=3000, class_weight=weight).fit(scaler.transform(x), y)
    return lambda z: model.predict_proba(scaler.transform(z))[:, 1] >= t, (c, round(float(t), 2))


def report(name: str, preds, gold) -> str:
    rows = np.array([((p & g).sum(), p.sum(), g.sum(), (p == g).all()) for p, g in zip(preds, gold)],
                    float)

    def f1(k):
        return 2 * rows[k, 0].sum() / max(1.0, rows[k, 1].sum() + rows[k, 2].sum())

    rng = np.random.default_rng(0)
    boot = [f1(rng.integers(0, len(rows), len(rows))) for _ in range(1000)]
    prec = f"{rows[:, 0].sum() / rows[:, 1].sum():.1%}" if rows[:, 1].sum() else "—"
    return (f"| {name} | {prec} | {rows[:, 0].sum() / rows[:, 2].sum():.1%} | "
            f"{f1(np.arange(len(rows))):.3f} [{np.percentile(boot, 2.5):.3f}, "
            f"{np.percentile(boot, 97.5):.3f}] | {rows[:, 3].mean():.1%}")


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--data-dir", type=Path, default=ROOT.parent / "shared" / "data" / "orangesum")
    args = parser.parse_args()
    import torch
    from transformers import BertModel

    from summarize.seq2seq.e5 import read_e5, to_transformers

    torch.manual_seed(0)
    train, valid = load(TRAIN, args.data_dir), load([GOLD], args.data_dir)
    print(f"{len(train)} training sentences ({sum(len(t) for _, t, _ in train)} tokens, "
          f"{np.mean(np.concatenate([y for *_, y in train])):.1%} deleted); {len(valid)} gold")
    e5, tokenizer = to_transformers(read_e5())
    random = BertModel(e5.config, add_pooling_layer=False).eval()
    y = np.concatenate([lab for *_, lab in train])
    groups = np.concatenate([[k] * len(t) for k, (_, t, _) in enumerate(train)])
    print("| encoder | precision | recall | F1 (deleted tokens) [95 % CI] | exact | C, threshold |")
    print("|---|---|---|---|---|---|")
    print(report("bundled constituent compressor (`compressive`)",
                 [constituents(s, t, a) for (s, t, _), a in zip(valid, load_articles([GOLD], args.data_dir))],
                 [g for *_, g in valid]) + " | — |")
    for name, model in (("e5 (pretrained)", e5), ("random (same network)", random), ("none", None)):
        def feats(s, t, model=model):
            f = shape(s, t)
            return f if model is None else np.hstack([states(model, tokenizer, s, t), f])

        x = np.vstack([feats(s, t) for s, t, _ in train])
        predict, chosen = fit(x, y, groups)
        preds = [predict(feats(s, t)) & ~protected(s, t) for s, t, _ in valid]
        print(report(name, preds, [g for *_, g in valid]) + f" | {chosen} |")


if __name__ == "__main__":
    main()
