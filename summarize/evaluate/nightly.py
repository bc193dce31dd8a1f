"""Nightly runs: run a suite, append it to the history and flag regressions against the
previous comparable run (paired bootstrap on per-item scores)."""

from __future__ import annotations

import os
from collections.abc import Callable
from dataclasses import dataclass

import numpy as np

from summarize.errors import UserError
from summarize.evaluate.compare import paired_bootstrap
from summarize.evaluate.faithfulness import FaithResult, rise_p
from summarize.evaluate.history import Record, append, connect, git_commit, records_from_result
from summarize.evaluate.report import label
from summarize.evaluate.suite import SuiteResult, run_suite
from summarize.select.summarizer import Summarizer


@dataclass
class Verdict:
    """One ROUGE type of one dataset against the previous comparable run (points ×100)."""

    dataset: str
    rouge_type: str
    previous: float
    current: float
    p: float
    regression: bool
    previous_run: str
    previous_model: str

    @property
    def delta(self) -> float:
        return self.current - self.previous

    def message(self) -> str:
        p = "p n/a" if np.isnan(self.p) else f"p={self.p:.3f}"
        what = (f"{label(self.rouge_type)} F1" if self.rouge_type.startswith("rouge")
                else f"{self.rouge_type.replace('_', ' ')} %")
        return (f"{self.dataset} {what} {self.previous:.2f} → "
                f"{self.current:.2f} ({self.delta:+.2f} points, {p}) vs run "
                f"{self.previous_run[:8]} ({self.previous_model})")


def check(current: Record, previous: Record, *, threshold: float = 0.5, alpha: float = 0.05,
          resamples: int = 1000, seed: int = 0) -> list[Verdict]:
    """Flag each ROUGE type whose F1 fell by more than ``threshold`` points with p < ``alpha``.

    The p-value is a one-sided paired bootstrap on per-item F1 (the items are identical);
    with a single item it is undefined (NaN) and nothing is flagged.
    """
    if current.ids != previous.ids:
        raise UserError(f"{current.dataset}: the previous run was scored on other items")
    types = [t for t in current.types if t in previous.types]
    a = previous.f1[:, [previous.types.index(t) for t in types]]
    b = current.f1[:, [current.types.index(t) for t in types]]
    pv = paired_bootstrap(a, b, resamples=resamples, seed=seed, alternative="less")
    out = []
    for k, t in enumerate(types):
        before, after = float(100 * a[:, k].mean()), float(100 * b[:, k].mean())
        out.append(Verdict(current.dataset, t, before, after, float(pv[k]),
                           bool(before - after > threshold and pv[k] < alpha), previous.run_id,
                           previous.model_spec))
    return out


def check_faith(current: Record, previous: Record, *, threshold: float = 1.0,
                alpha: float = 0.05, resamples: int = 1000, seed: int = 0) -> list[Verdict]:
    """Flag a rise of the unsupported-facts share by more than ``threshold`` points, p < alpha."""
    if not (current.faith and previous.faith and "per_item" in current.faith
            and "per_item" in previous.faith
            and current.faith["signature"] == previous.faith["signature"]):
        return []
    before, after = FaithResult.from_dict(previous.faith), FaithResult.from_dict(current.faith)
    metric = "unsupported_facts"
    p = rise_p(before, after, metric, resamples=resamples, seed=seed)
    old, new = 100 * before.value(metric), 100 * after.value(metric)
    return [Verdict(current.dataset, metric, old, new, p,
                    bool(new - old > threshold and p < alpha), previous.run_id,
                    previous.model_spec)]


@dataclass
class NightlyReport:
    run_id: str
    result: SuiteResult
    verdicts: list[Verdict]
    first_runs: list[str]  # datasets with no previous comparable run

    @property
    def regressions(self) -> list[Verdict]:
        return [v for v in self.verdicts if v.regression]


def nightly(suite_path: str | os.PathLike, history_path: str | os.PathLike,
            model: str | Summarizer, *, threshold: float = 0.5, alpha: float = 0.05,
            data_dir: str | os.PathLike | None = None, limit: int | None = None,
            cache_dir: str | os.PathLike | None = None, strict: bool = False,
            warn: Callable[[str], None] | None = None,
            progress: Callable[[str, int, int], None] | None = None,
            resamples: int = 1000, faith_threshold: float = 1.0) -> NightlyReport:
    """Run a suite, append it to the history and check it against the previous run.

    A regression is a significant drop of ROUGE F1 (> ``threshold`` points) or a significant
    rise of the unsupported-facts share (> ``faith_threshold`` points).
    """
    if threshold < 0 or not 0 < alpha < 1:
        raise UserError("--threshold must be >= 0 and --alpha between 0 and 1")
    connect(history_path, create=True).close()  # fail early on a bad history path
    result = run_suite(suite_path, model, data_dir=data_dir, limit=limit, cache_dir=cache_dir,
                       strict=strict, warn=warn, progress=progress)
    records = records_from_result(result, git=git_commit())
    previous = append(history_path, records)
    verdicts, first = [], []
    for rec in records:
        prev = previous[rec.dataset]
        if prev is None:
            first.append(rec.dataset)
        else:
            verdicts += check(rec, prev, threshold=threshold, alpha=alpha, resamples=resamples)
            verdicts += check_faith(rec, prev, threshold=faith_threshold, alpha=alpha,
                                    resamples=resamples)
    return NightlyReport(records[0].run_id, result, verdicts, first)
