"""Faithfulness and readability metrics of summaries against their source articles.

Per item, then pooled over items (sums of counts, so long summaries weigh more):

* **unsupported facts**: numbers and capitalized names of the summary (``check.facts``)
  found in no source article, as written or as cleaned (``check.supported``: case, accents, hyphens and apostrophes
  ignored, so "Kim Jong-un" is supported by "Kim Jong Un"); also the share of summaries
  with at least one;
* **invented words**: words (letters only, French tokenizer) in neither the item's sources
  nor the French lexicon (``summarize.text.lexicon``): "Jongong", "ivrestiques";
* **novel 3-grams**: word 3-grams inside the summary's sentences absent from the sources
  (0 for whole-sentence extracts, whatever order they are laid out in);
* **words**: mean length in whitespace-separated words.

Intervals are percentile bootstraps over items (the pooled ratio recomputed per resample).
The signature names the facts rules, the lexicon and the tokenizer, like ROUGE's.
"""

from __future__ import annotations

import json
from collections.abc import Sequence
from dataclasses import dataclass, field
from functools import lru_cache

import numpy as np

from summarize.errors import UserError
from summarize.text.clean import clean_text
from summarize.text.facts import facts, supported
from summarize.text.facts import norm as _norm
from summarize.text.facts import source_numbers as _source_numbers
from summarize.text.lexicon import lexicon, lexicon_hash
from summarize.text.segment import split_sentences
from summarize.text.tokenize import tokenize
from summarize.version import __version__

#: Version of the rules of ``check.facts``/``check.supported`` (part of the signature).
#: v3: a source article's date and the days its relative expressions name are source facts
#: (``suite.source_texts``), so a written-out date ("jeudi" → "jeudi 6 août") is supported.
#: v4: and the articles as cleaning read them (a word a glued sub-heading hid is the source's).
FACTS_RULES = "v4"
METRICS = ("unsupported_facts", "with_unsupported", "invented_words", "novel_3grams")
LABELS = {"unsupported_facts": "unsup. facts", "with_unsupported": "sum. w/ unsup.",
          "invented_words": "invented", "novel_3grams": "novel 3g"}
_COUNTS = ("facts", "unsupported", "words", "invented", "trigrams", "novel", "length")


def make_signature(bootstrap: int = 1000, confidence: float = 0.95, seed: int = 0) -> str:
    ci = f"bootstrap-{bootstrap}-{confidence * 100:g}" if bootstrap > 0 else "none"
    return (f"faith|facts:{FACTS_RULES}|lex:{lexicon_hash()}|tok:fr|ci:{ci}|seed:{seed}"
            f"|version:{__version__}")


@dataclass
class FaithResult:
    """Per-item counts (arrays of length n) and pooled shares with intervals."""

    signature: str
    counts: dict[str, np.ndarray]
    intervals: dict[str, tuple[float, float]] = field(default_factory=dict)
    examples: dict[str, list[str]] = field(default_factory=dict)  # a few offending strings

    @property
    def n(self) -> int:
        return len(self.counts["length"])

    def value(self, metric: str) -> float:
        """Pooled share in 0..1 (``with_unsupported``: share of summaries)."""
        return float(_ratio(self.counts, metric, None))

    @property
    def mean_words(self) -> float:
        return float(self.counts["length"].mean()) if self.n else 0.0

    def to_dict(self, per_item: bool = False) -> dict:
        out = {"signature": self.signature, "n": self.n, "mean_words": self.mean_words,
               **{m: self.value(m) for m in METRICS},
               "intervals": {m: list(v) for m, v in self.intervals.items()},
               "examples": self.examples}
        if per_item:
            out["per_item"] = {k: v.tolist() for k, v in self.counts.items()}
        return out

    @classmethod
    def from_dict(cls, data: dict) -> FaithResult:
        counts = {k: np.asarray(v, dtype=float) for k, v in data["per_item"].items()}
        return cls(data["signature"], counts,
                   {m: tuple(v) for m, v in data.get("intervals", {}).items()},
                   data.get("examples", {}))


def _ratio(counts: dict[str, np.ndarray], metric: str, idx: np.ndarray | None):
    def total(key: str):
        values = counts[key] if idx is None else counts[key][idx]
        return values.sum(axis=-1)

    if metric == "with_unsupported":
        flags = (counts["unsupported"] > 0).astype(float)
        values = flags if idx is None else flags[idx]
        return values.mean(axis=-1) if flags.size else 0.0
    num, den = {"unsupported_facts": ("unsupported", "facts"),
                "invented_words": ("invented", "words"),
                "novel_3grams": ("novel", "trigrams")}[metric]
    n, d = total(num), total(den)
    return np.divide(n, d, out=np.zeros_like(np.asarray(n, dtype=float)), where=np.asarray(d) > 0)


@lru_cache(maxsize=8192)
def _cleaned(text: str) -> str:
    """``text`` as cleaning reads it (each model of a comparison is scored on the same sources)."""
    return clean_text(text)


class SourceIndex:
    """What the metrics need of one item's sources, computed once."""

    def __init__(self, sources: Sequence[str]) -> None:
        cleaned = [c for c in map(_cleaned, sources) if c not in sources]  # "A NiceFace à" → "Face à"
        sources = [*sources, *cleaned]
        joined = "\n".join(sources)
        self.text = _norm(joined)
        self.numbers = _source_numbers(joined)
        tokens = [tokenize(s) for s in sources]
        self.words = {t for ts in tokens for t in ts}
        self.trigrams = {tuple(ts[i:i + 3]) for ts in tokens for i in range(len(ts) - 2)}


def item_counts(prediction: str, index: SourceIndex, lexicon: frozenset[str]) -> dict:
    """Counts of one summary, plus the offending facts and words."""
    sentences = split_sentences(prediction)
    found = [f for s in sentences for f in facts(s)]
    unsupported = [f for f in found if not supported(f, index.text, index.numbers)]
    words = [t for t in tokenize(prediction) if t.isalpha()]
    invented = [w for w in words if w not in index.words and w not in lexicon]
    grams = [tuple(ts[i:i + 3]) for ts in map(tokenize, sentences) for i in range(len(ts) - 2)]
    novel = sum(1 for g in grams if g not in index.trigrams)
    return {"facts": len(found), "unsupported": len(unsupported), "words": len(words),
            "invented": len(invented), "trigrams": len(grams), "novel": novel,
            "length": len(prediction.split()), "_unsupported": unsupported,
            "_invented": invented}


def faithfulness(predictions: Sequence[str], sources: Sequence[Sequence[str]], *,
                 bootstrap: int = 1000, confidence: float = 0.95, seed: int = 0,
                 max_examples: int = 10) -> FaithResult:
    """Score ``predictions[i]`` against the article texts ``sources[i]``."""
    if len(predictions) != len(sources):
        raise UserError(f"{len(predictions)} predictions but {len(sources)} source sets")
    lex = lexicon()
    rows = [item_counts(p, SourceIndex(s), lex) for p, s in zip(predictions, sources)]
    counts = {k: np.array([r[k] for r in rows], dtype=float) for k in _COUNTS}
    examples = {"unsupported": [f for r in rows for f in r["_unsupported"]][:max_examples],
                "invented": [w for r in rows for w in r["_invented"]][:max_examples]}
    intervals = {}
    if bootstrap > 0 and len(rows) > 1:
        idx = np.random.default_rng(seed).integers(0, len(rows), size=(bootstrap, len(rows)))
        alpha = (1 - confidence) / 2
        for m in METRICS:
            values = _ratio(counts, m, idx)
            intervals[m] = (float(np.quantile(values, alpha)), float(np.quantile(values, 1 - alpha)))
    return FaithResult(make_signature(bootstrap, confidence, seed), counts, intervals, examples)


def rise_p(before: FaithResult, after: FaithResult, metric: str = "unsupported_facts", *,
           resamples: int = 1000, seed: int = 0) -> float:
    """One-sided paired bootstrap p-value that ``metric`` rose from ``before`` to ``after``.

    Items are resampled together in both runs; the bootstrap distribution of the difference
    of pooled shares is centred on zero and compared with the observed difference.
    """
    if before.n != after.n:
        raise ValueError("paired results need the same items")
    if before.n < 2:
        return float("nan")
    idx = np.random.default_rng(seed).integers(0, before.n, size=(resamples, before.n))
    observed = after.value(metric) - before.value(metric)
    diffs = _ratio(after.counts, metric, idx) - _ratio(before.counts, metric, idx)
    extreme = (diffs - observed) >= observed - 1e-12
    return float((1 + extreme.sum()) / (1 + resamples))


def format_lines(result: FaithResult) -> list[str]:
    """Human-readable lines (percentages with intervals) for reports."""
    def cell(m: str) -> str:
        ci = result.intervals.get(m)
        return f"{100 * result.value(m):.1f}%" + (f" [{100 * ci[0]:.1f}, {100 * ci[1]:.1f}]"
                                                   if ci else "")

    facts = (f"unsupported facts: {cell('unsupported_facts')} of "
             f"{int(result.counts['facts'].sum())} names/numbers; summaries with one: "
             f"{cell('with_unsupported')}")
    words = (f"invented words: {cell('invented_words')}; novel 3-grams: {cell('novel_3grams')}; "
             f"mean words: {result.mean_words:.1f}")
    lines = [facts, words]
    if result.examples.get("unsupported"):
        lines.append("e.g. unsupported: " + ", ".join(result.examples["unsupported"][:5]))
    if result.examples.get("invented"):
        lines.append("e.g. invented: " + ", ".join(result.examples["invented"][:5]))
    lines.append(f"signature: {result.signature}")
    return lines


def render_with(text: str, result: FaithResult, fmt: str) -> str:
    """Add ``result`` to a ROUGE report rendered as ``fmt`` (table, md, json or csv)."""
    if fmt == "json":
        data = json.loads(text)
        data["faithfulness"] = result.to_dict()
        return json.dumps(data, ensure_ascii=False, indent=2) + "\n"
    if fmt == "csv":
        rows = []
        for m in METRICS:
            low, high = result.intervals.get(m, ("", ""))
            rows.append(f"mean,,{m},share,{result.value(m)!r},{low},{high},{result.n},"
                        f"{result.signature}")
        return text + "\n".join(rows) + "\n"
    lines = format_lines(result)
    if fmt == "md":
        return text + "\n**Faithfulness**\n\n" + "".join(f"- {line}\n" for line in lines)
    return text + "Faithfulness\n" + "".join(f"  {line}\n" for line in lines)
