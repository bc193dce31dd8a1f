"""ROUGE with a French-correct tokenizer, bootstrap confidence intervals and a signature.

Scores come from ``rouge_score.rouge_scorer.RougeScorer``; this module only chooses the
tokenizer, splits sentences for ROUGE-Lsum, aggregates and resamples.

* Several references per item: for each item and each ROUGE type the reference with the
  highest F1 is kept (what ``RougeScorer.score_multi`` does); the system mean is the mean of
  those per-item maxima.
* ROUGE-Lsum needs one sentence per line: every text is split into sentences and joined with
  ``"\\n"``; ROUGE-1/2/L are computed on the unsplit text.
* Confidence intervals: percentile bootstrap over items (resampled with replacement,
  vectorised, seeded, hence deterministic).
* Every result carries a signature, e.g.
  ``rouge|tok:fr|stem:no|refs:1|ci:bootstrap-1000-95|seed:0|version:0.1.0``; results whose
  signatures differ are never compared silently (:func:`check_comparable`).
"""

from __future__ import annotations

import re
from collections.abc import Sequence
from dataclasses import dataclass

import numpy as np

from summarize.errors import UserError
from summarize.text.segment import split_sentences
from summarize.text.tokenize import TOKENIZERS, get_tokenizer
from summarize.version import __version__

ROUGE_TYPES = ("rouge1", "rouge2", "rougeL", "rougeLsum")
MEASURES = ("precision", "recall", "f1")
#: Signature fields that only change the confidence interval, not the scores.
CI_FIELDS = ("ci", "seed")
_TYPE_RE = re.compile(r"rouge[1-9]|rougeL|rougeLsum")
_MAX_RESAMPLE_CELLS = 4_000_000  # bootstrap count matrix processed in chunks of this size


@dataclass
class RougeResult:
    """Per-item ROUGE scores of one system, with bootstrap intervals and a signature."""

    signature: str
    types: tuple[str, ...]
    ids: list[str]
    per_item: np.ndarray  # (n_items, n_types, 3): precision, recall, f1 in 0..1
    ci: dict[str, dict[str, tuple[float, float]]]  # type -> measure -> (low, high)
    truncated: int = 0  # texts cut to MAX_WORDS words before scoring

    @property
    def n(self) -> int:
        return len(self.ids)

    def _index(self, rouge_type: str, measure: str) -> tuple[int, int]:
        if rouge_type not in self.types:
            raise UserError(f"{rouge_type} was not computed (have: {', '.join(self.types)})")
        if measure not in MEASURES:
            raise UserError(f"unknown measure {measure!r} (choose one of: {', '.join(MEASURES)})")
        return self.types.index(rouge_type), MEASURES.index(measure)

    def mean(self, rouge_type: str, measure: str = "f1") -> float:
        """Mean over items of ``measure`` for ``rouge_type`` (0..1)."""
        t, m = self._index(rouge_type, measure)
        return float(self.per_item[:, t, m].mean())

    def interval(self, rouge_type: str, measure: str = "f1") -> tuple[float, float] | None:
        """Bootstrap interval (low, high), or None when computed without bootstrap."""
        self._index(rouge_type, measure)
        return self.ci.get(rouge_type, {}).get(measure)

    def to_dict(self, per_item: bool = False) -> dict:
        """JSON-ready summary; ``per_item=True`` adds every item's scores."""
        scores: dict[str, dict[str, dict[str, float | None]]] = {}
        for rouge_type in self.types:
            scores[rouge_type] = {}
            for measure in MEASURES:
                low_high = self.interval(rouge_type, measure)
                scores[rouge_type][measure] = {
                    "mean": self.mean(rouge_type, measure),
                    "low": low_high[0] if low_high else None,
                    "high": low_high[1] if low_high else None,
                }
        out: dict = {"signature": self.signature, "n": self.n, "scores": scores}
        if self.truncated:
            out["truncated_texts"] = self.truncated
        if per_item:
            out["per_item"] = [
                {"id": item_id, **{
                    rouge_type: dict(zip(MEASURES, map(float, self.per_item[i, t])))
                    for t, rouge_type in enumerate(self.types)
                }}
                for i, item_id in enumerate(self.ids)
            ]
        return out


def make_signature(
    tokenizer: str = "fr",
    stem: bool = False,
    n_refs: int | Sequence[int] = 1,
    bootstrap: int = 1000,
    confidence: float = 0.95,
    seed: int = 0,
    version: str = __version__,
) -> str:
    """SacreBLEU-style description of how scores were computed.

    ``n_refs`` is the number of references per item, or the per-item counts (shown as
    ``min-max`` when they vary).
    """
    counts = [n_refs] if isinstance(n_refs, int) else list(n_refs)
    low, high = (min(counts), max(counts)) if counts else (0, 0)
    refs = str(low) if low == high else f"{low}-{high}"
    ci = f"bootstrap-{bootstrap}-{confidence * 100:g}" if bootstrap > 0 else "none"
    return (
        f"rouge|tok:{tokenizer}|stem:{'yes' if stem else 'no'}|refs:{refs}"
        f"|ci:{ci}|seed:{seed}|version:{version}"
    )


def parse_signature(signature: str) -> dict[str, str]:
    """Split a signature into its ``field -> value`` pairs."""
    parts = signature.strip().split("|")
    if not parts or parts[0] != "rouge" or any(":" not in p for p in parts[1:]):
        raise UserError(f"not a ROUGE signature: {signature!r}")
    return dict(p.split(":", 1) for p in parts[1:])


def check_comparable(a: str | RougeResult, b: str | RougeResult, *, strict: bool = False) -> None:
    """Raise UserError naming the fields where two signatures differ.

    ``ci`` and ``seed`` only change interval widths, so they may differ unless ``strict``.
    """
    sig_a = a.signature if isinstance(a, RougeResult) else a
    sig_b = b.signature if isinstance(b, RougeResult) else b
    fa, fb = parse_signature(sig_a), parse_signature(sig_b)
    fields = list(dict.fromkeys([*fa, *fb]))
    diffs = [
        f"{k} ({fa.get(k, 'missing')} vs {fb.get(k, 'missing')})"
        for k in fields
        if fa.get(k) != fb.get(k) and (strict or k not in CI_FIELDS)
    ]
    if diffs:
        raise UserError("ROUGE results are not comparable, signatures differ in: "
                        + ", ".join(diffs))


def sentence_lines(text: str) -> str:
    """``text`` with one sentence per line (existing line breaks are kept), for ROUGE-Lsum.

    Sentences come from :func:`summarize.text.segment.split_sentences` (French rules).
    """
    lines = []
    for line in text.splitlines():
        lines.extend(s.strip() for s in split_sentences(line) if s.strip())
    return "\n".join(lines)


#: Longest text scored, in words: ROUGE-L's longest common subsequence takes time and memory
#: in the product of the two lengths (8,000 words: about a minute). Longer texts are cut to
#: their first MAX_WORDS words and counted in ``RougeResult.truncated``.
MAX_WORDS = 2_000
_FIRST_WORDS = re.compile(rf"\s*(?:\S+\s+){{{MAX_WORDS - 1}}}\S+(?=\s+\S)")


def _check_inputs(predictions, references, rouge_types, bootstrap, confidence, ids, seed=0):
    if isinstance(predictions, str) or isinstance(references, str):
        raise UserError("predictions and references must be sequences of texts, not one string")
    if len(predictions) != len(references):
        raise UserError(f"{len(predictions)} predictions but {len(references)} reference sets")
    if not predictions:
        raise UserError("nothing to score: no predictions")
    for i, refs in enumerate(references):
        if isinstance(refs, str) or not refs:
            raise UserError(f"item {i + 1}: references must be a non-empty list of texts")
    bad = [t for t in rouge_types if not _TYPE_RE.fullmatch(t)]
    if bad or not rouge_types:
        raise UserError(f"unknown ROUGE type(s) {bad}; use rouge1..rouge9, rougeL, rougeLsum")
    if isinstance(bootstrap, bool) or not isinstance(bootstrap, int) or not 0 <= bootstrap <= MAX_BOOTSTRAP:
        raise UserError(f"--bootstrap must be 0 (no interval) or a number of resamples up to "
                        f"{MAX_BOOTSTRAP:,}, not {bootstrap!r}")
    if isinstance(seed, bool) or not isinstance(seed, int) or seed < 0:
        raise UserError(f"--seed must be a whole number >= 0, not {seed!r}")
    if not 0 < confidence < 1:
        raise UserError("confidence must be between 0 and 1 (e.g. 0.95)")
    if ids is not None:
        if len(ids) != len(predictions):
            raise UserError(f"{len(ids)} ids for {len(predictions)} predictions")
        if len(set(ids)) != len(ids):
            raise UserError("item ids must be unique")


#: Most bootstrap resamples (their means are held in memory; 100,000 already fixes a 95 %
#: interval to its second decimal).
MAX_BOOTSTRAP = 100_000


def bootstrap_ci(
    per_item: np.ndarray, bootstrap: int = 1000, confidence: float = 0.95, seed: int = 0
) -> tuple[np.ndarray, np.ndarray]:
    """Percentile bootstrap of the mean over axis 0; returns (low, high) of shape per_item[0]."""
    n = per_item.shape[0]
    flat = per_item.reshape(n, -1)
    rng = np.random.default_rng(seed)
    chunk = max(1, _MAX_RESAMPLE_CELLS // n)
    means = []
    for done in range(0, bootstrap, chunk):
        counts = rng.multinomial(n, np.full(n, 1.0 / n), size=min(chunk, bootstrap - done))
        means.append(counts @ flat / n)
    alpha = (1.0 - confidence) / 2
    low, high = np.quantile(np.concatenate(means), [alpha, 1.0 - alpha], axis=0)
    return low.reshape(per_item.shape[1:]), high.reshape(per_item.shape[1:])


def score(
    predictions: Sequence[str],
    references: Sequence[Sequence[str]],
    *,
    tokenizer: str = "fr",
    stem: bool = False,
    rouge_types: Sequence[str] = ROUGE_TYPES,
    bootstrap: int = 1000,
    confidence: float = 0.95,
    seed: int = 0,
    ids: Sequence[str] | None = None,
) -> RougeResult:
    """Score ``predictions[i]`` against the texts ``references[i]`` (one or more per item)."""
    rouge_types = tuple(rouge_types)
    _check_inputs(predictions, references, rouge_types, bootstrap, confidence, ids, seed)
    if tokenizer not in TOKENIZERS:
        raise UserError(f"unknown tokenizer {tokenizer!r} (choose one of: {', '.join(TOKENIZERS)})")

    tok = get_tokenizer(tokenizer, stem)
    plain_types = [t for t in rouge_types if t != "rougeLsum"]
    from rouge_score import rouge_scorer  # imports nltk (~1 s): keep it out of CLI start-up

    plain = rouge_scorer.RougeScorer(plain_types, tokenizer=tok) if plain_types else None
    lsum = (rouge_scorer.RougeScorer(["rougeLsum"], tokenizer=tok)
            if "rougeLsum" in rouge_types else None)
    lines: dict[str, str] = {}
    cut = [0]

    def bounded(text: str) -> str:
        """The first MAX_WORDS words (ROUGE-L is quadratic in the length), line breaks kept."""
        head = _FIRST_WORDS.match(text)
        if head is None:
            return text
        cut[0] += 1
        return head.group()

    predictions = [bounded(p) for p in predictions]
    references = [[bounded(r) for r in refs] for refs in references]

    def as_lines(text: str) -> str:
        if text not in lines:
            lines[text] = sentence_lines(text)
        return lines[text]

    per_item = np.zeros((len(predictions), len(rouge_types), 3))
    for i, (prediction, refs) in enumerate(zip(predictions, references)):
        best: dict[str, tuple[float, float, float]] = {}
        for ref in refs:
            found = dict(plain.score(ref, prediction)) if plain else {}
            if lsum:
                found.update(lsum.score(as_lines(ref), as_lines(prediction)))
            for rouge_type, s in found.items():
                if rouge_type not in best or s.fmeasure > best[rouge_type][2]:
                    best[rouge_type] = (s.precision, s.recall, s.fmeasure)
        per_item[i] = [best[t] for t in rouge_types]

    ci: dict[str, dict[str, tuple[float, float]]] = {}
    if bootstrap > 0:
        low, high = bootstrap_ci(per_item, bootstrap, confidence, seed)
        ci = {t: {m: (float(low[ti, mi]), float(high[ti, mi])) for mi, m in enumerate(MEASURES)}
              for ti, t in enumerate(rouge_types)}
    signature = make_signature(tokenizer, stem, [len(r) for r in references], bootstrap,
                               confidence, seed)
    if ids is None:
        ids = range(1, len(predictions) + 1)
    item_ids = [str(x) for x in ids]
    return RougeResult(signature, rouge_types, item_ids, per_item, ci, truncated=cut[0])
