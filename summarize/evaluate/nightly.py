"""Nightly runs: run a suite, append it to the history and flag regressions against a
baseline run (by default the last run of the same model on the same items and signature).

With at least :data:`MIN_ITEMS` items a drop of ROUGE F1 is a regression when it exceeds
``threshold`` points and a one-sided paired bootstrap gives p < ``alpha``. With fewer items a
p-value means little (4 items gave p = 0.001), so none is computed: any drop beyond
``min_delta`` points is a regression, and the output says so. A rise of the share of
unsupported facts beyond ``faith_threshold`` points is a regression whatever the item count.
Exit codes of ``summarize nightly``: 0 no regression, 1 regression, 2 usage or input error,
3 any other failure.
"""

from __future__ import annotations

import os
from collections.abc import Callable
from dataclasses import dataclass

import numpy as np

from summarize.errors import UserError
from summarize.evaluate.compare import paired_bootstrap
from summarize.evaluate.faithfulness import FaithResult, rise_p
from summarize.evaluate.history import (
    Record,
    append,
    connect,
    git_commit,
    load,
    records_from_result,
)
from summarize.evaluate.report import label
from summarize.evaluate.suite import SuiteResult, run_suite
from summarize.select.summarizer import Summarizer

#: Fewest items for a p-value; below, a drop beyond ``min_delta`` points is a regression.
MIN_ITEMS = 10


@dataclass
class Verdict:
    """One measure of one dataset against the baseline run (points ×100)."""

    dataset: str
    rouge_type: str
    previous: float
    current: float
    p: float  # NaN: not computed (fewer than MIN_ITEMS items)
    regression: bool
    previous_run: str
    previous_model: str
    rule: str = ""  # why it is (or is not) a regression

    @property
    def delta(self) -> float:
        return self.current - self.previous

    def message(self) -> str:
        p = "no p-value" if np.isnan(self.p) else f"p={self.p:.3f}"
        what = (f"{label(self.rouge_type)} F1" if self.rouge_type.startswith("rouge")
                else f"{self.rouge_type.replace('_', ' ')} %")
        return (f"{self.dataset} {what} {self.previous:.2f} → "
                f"{self.current:.2f} ({self.delta:+.2f} points, {p}) vs run "
                f"{self.previous_run[:8]} ({self.previous_model}); {self.rule}")


def check(current: Record, previous: Record, *, threshold: float = 0.5, alpha: float = 0.05,
          min_delta: float = 1.0, resamples: int = 1000, seed: int = 0) -> list[Verdict]:
    """Flag each ROUGE type whose F1 fell: by more than ``threshold`` points with p < ``alpha``
    (one-sided paired bootstrap on per-item F1) from :data:`MIN_ITEMS` items on; by more than
    ``min_delta`` points below that, with no p-value."""
    if current.ids != previous.ids:
        raise UserError(f"{current.dataset}: the baseline run was scored on other items")
    types = [t for t in current.types if t in previous.types]
    a = previous.f1[:, [previous.types.index(t) for t in types]]
    b = current.f1[:, [current.types.index(t) for t in types]]
    n = len(current.ids)
    tested = n >= MIN_ITEMS
    pv = (paired_bootstrap(a, b, resamples=resamples, seed=seed, alternative="less") if tested
          else np.full(len(types), np.nan))
    out = []
    for k, t in enumerate(types):
        before, after = float(100 * a[:, k].mean()), float(100 * b[:, k].mean())
        if tested:
            bad = before - after > threshold and pv[k] < alpha
            rule = f"regression: a drop over {threshold:g} points with p < {alpha:g}"
        else:
            bad = before - after > min_delta
            rule = (f"{n} item(s) < {MIN_ITEMS}: no p-value, a regression is a drop over "
                    f"{min_delta:g} points")
        out.append(Verdict(current.dataset, t, before, after, float(pv[k]), bool(bad),
                           previous.run_id, previous.model_spec, rule))
    return out


def check_faith(current: Record, previous: Record, *, threshold: float = 1.0,
                resamples: int = 1000, seed: int = 0, alpha: float | None = None) -> list[Verdict]:
    """Flag a rise of the unsupported-facts share by more than ``threshold`` points, whatever
    the item count (its p-value, from :data:`MIN_ITEMS` items on, is shown, not required).
    ``alpha`` is accepted for symmetry with :func:`check` and unused."""
    if not (current.faith and previous.faith and "per_item" in current.faith
            and "per_item" in previous.faith
            and current.faith["signature"] == previous.faith["signature"]):
        return []
    before, after = FaithResult.from_dict(previous.faith), FaithResult.from_dict(current.faith)
    metric = "unsupported_facts"
    n = len(current.ids)
    p = rise_p(before, after, metric, resamples=resamples, seed=seed) if n >= MIN_ITEMS else np.nan
    old, new = 100 * before.value(metric), 100 * after.value(metric)
    return [Verdict(current.dataset, metric, old, new, float(p), bool(new - old > threshold),
                    previous.run_id, previous.model_spec,
                    f"regression: a rise over {threshold:g} points, whatever the item count")]


@dataclass
class NightlyReport:
    run_id: str
    result: SuiteResult
    verdicts: list[Verdict]
    first_runs: list[str]  # datasets with no baseline run
    baseline: str | None = None  # as asked (None: the last run of the same model)

    @property
    def regressions(self) -> list[Verdict]:
        return [v for v in self.verdicts if v.regression]


def nightly(suite_path: str | os.PathLike, history_path: str | os.PathLike,
            model: str | Summarizer, *, threshold: float = 0.5, alpha: float = 0.05,
            min_delta: float = 1.0, baseline: str | None = None,
            data_dir: str | os.PathLike | None = None, limit: int | None = None,
            cache_dir: str | os.PathLike | None = None, strict: bool = False,
            warn: Callable[[str], None] | None = None,
            progress: Callable[[str, int, int], None] | None = None,
            resamples: int = 1000, faith_threshold: float = 1.0, workers: int | str = 1,
            scheduler: str | None = None) -> NightlyReport:
    """Run a suite, append it to the history and check it against its baseline run.

    ``baseline``: a run id (or its first characters), a model (its last run) or ``best``;
    None is the last run of the same model. The history is read whole before the suite runs,
    so a damaged one is refused before any work.
    """
    if threshold < 0 or min_delta < 0 or faith_threshold < 0 or not 0 < alpha < 1:
        raise UserError("--threshold, --min-delta and --faith-threshold must be >= 0 and "
                        "--alpha between 0 and 1")
    connect(history_path, create=True).close()  # fail early on a bad history path
    load(history_path)  # and on a damaged row
    result = run_suite(suite_path, model, data_dir=data_dir, limit=limit, cache_dir=cache_dir,
                       strict=strict, warn=warn, progress=progress, workers=workers,
                       scheduler=scheduler)
    records = records_from_result(result, git=git_commit())
    previous = append(history_path, records, baseline)
    verdicts, first = [], []
    for rec in records:
        prev = previous[rec.dataset]
        if prev is None:
            first.append(rec.dataset)
        else:
            verdicts += check(rec, prev, threshold=threshold, alpha=alpha, min_delta=min_delta,
                              resamples=resamples)
            verdicts += check_faith(rec, prev, threshold=faith_threshold, resamples=resamples)
    return NightlyReport(records[0].run_id, result, verdicts, first, baseline)
