"""Compare models on a suite: ROUGE F1 with intervals, paired bootstrap p-values, speed, size.

The first model is the reference: every other model gets, per dataset and ROUGE type, the
difference of mean F1 and a two-sided paired bootstrap p-value (items resampled with
replacement, the same resamples for every type; vectorised and seeded). Results whose ROUGE
signatures differ, or that were scored on different items, are refused.
"""

from __future__ import annotations

import io
import json
import os
from collections.abc import Sequence
from dataclasses import asdict, dataclass, field
from pathlib import Path
from typing import TYPE_CHECKING

import numpy as np
from rich.table import Table

from summarize.errors import UserError
from summarize.escape import console as plain_console
from summarize.escape import markdown as md
from summarize.evaluate.html import comparison_html
from summarize.evaluate.rouge import MEASURES, check_comparable
from summarize.evaluate.tables import grid, notes, plot_png
from summarize.io import atomic_write

if TYPE_CHECKING:
    from summarize.evaluate.suite import SuiteResult

FORMATS = ("table", "md", "json")
_MAX_CELLS = 4_000_000  # resampled values held in memory at once
_F1 = MEASURES.index("f1")


def paired_bootstrap(
    a: np.ndarray, b: np.ndarray, *, resamples: int = 1000, seed: int = 0,
    alternative: str = "two-sided",
) -> np.ndarray | float:
    """p-value(s) of the difference of means ``b - a`` on paired per-item scores.

    ``a`` and ``b`` are (n_items,) or (n_items, k) arrays. The bootstrap distribution of the
    mean difference is centred on zero (the null hypothesis) and compared with the observed
    difference: ``two-sided`` (differ), ``less`` (b worse) or ``greater`` (b better).
    p = (1 + #resamples at least as extreme) / (1 + resamples); NaN with a single item.
    """
    a, b = np.asarray(a, dtype=float), np.asarray(b, dtype=float)
    if a.shape != b.shape or a.ndim not in (1, 2) or a.shape[0] == 0:
        raise ValueError("paired scores must have the same non-empty shape (n,) or (n, k)")
    if resamples < 1:
        raise ValueError("resamples must be at least 1")
    if alternative not in ("two-sided", "less", "greater"):
        raise ValueError(f"unknown alternative {alternative!r}")
    diff = (b - a).reshape(a.shape[0], -1)
    n, k = diff.shape
    observed = diff.mean(axis=0)
    rng = np.random.default_rng(seed)
    chunk = max(1, _MAX_CELLS // (n * k))
    means = []
    for start in range(0, resamples, chunk):
        idx = rng.integers(0, n, size=(min(chunk, resamples - start), n))
        means.append(diff[idx].mean(axis=1))
    centred = np.concatenate(means) - observed
    tol = 1e-12  # float noise of means of identical values
    if alternative == "two-sided":
        extreme = np.abs(centred) >= np.abs(observed) - tol
    elif alternative == "less":
        extreme = centred <= observed + tol
    else:
        extreme = centred >= observed - tol
    p = (1 + extreme.sum(axis=0)) / (1 + resamples)
    if n < 2:  # one item: resampling cannot tell anything, the p-value is undefined
        p = np.full(k, np.nan)
    return float(p[0]) if a.ndim == 1 else p


@dataclass
class Row:
    """One model on one dataset (F1 in 0..1; ``delta``/``p`` against the first model)."""

    model: str
    name: str
    n: int
    f1: dict[str, float]
    ci: dict[str, list[float] | None]
    delta: dict[str, float | None] = field(default_factory=dict)
    p: dict[str, float | None] = field(default_factory=dict)
    docs_per_s: float | None = None
    size_bytes: int | None = None
    n_params: int | None = None
    content_hash: str | None = None
    repeat3: float | None = None  # share of summaries repeating a 3-gram
    mean_words: float | None = None
    faith: dict | None = None  # FaithResult.to_dict(): shares in 0..1 with intervals


@dataclass
class Comparison:
    """Rows per dataset; the first row of each dataset is the reference model."""

    suite: str
    models: list[str]
    tables: dict[str, list[Row]]
    signatures: dict[str, str]
    resamples: int
    seed: int
    skipped: dict[str, str] = field(default_factory=dict)

    def to_dict(self) -> dict:
        return {"suite": self.suite, "models": self.models, "reference": self.models[0],
                "test": f"paired bootstrap, two-sided, {self.resamples} resamples, seed {self.seed}",
                "signatures": self.signatures, "skipped": self.skipped,
                "datasets": {d: [asdict(r) for r in rows] for d, rows in self.tables.items()}}


def compare_results(results: Sequence[SuiteResult], *, resamples: int = 1000, seed: int = 0) -> Comparison:
    """Build a :class:`Comparison` from SuiteResults of the same suite (first = reference)."""
    if not results:
        raise UserError("nothing to compare")
    base = results[0]
    names = [d.name for d in base.datasets]
    common = [n for n in names if all(n in {d.name for d in r.datasets} for r in results)]
    skipped = {n: "not available for every model" for n in names if n not in common}
    for r in results:
        skipped.update(r.skipped)
    if not common:
        raise UserError("no dataset was scored for every model")
    tables, signatures = {}, {}
    for name in common:
        ref = base.dataset(name).rouge
        signatures[name] = ref.signature
        faith_sigs = {r.dataset(name).faith.signature for r in results if r.dataset(name).faith}
        if len(faith_sigs) > 1:
            raise UserError(f"{name}: faithfulness signatures differ: {', '.join(sorted(faith_sigs))}")
        rows = []
        for r in results:
            res = r.dataset(name)
            check_comparable(ref, res.rouge)
            if res.rouge.ids != ref.ids:
                raise UserError(f"{name}: {r.model} and {base.model} were scored on different items")
            types = [t for t in ref.types if t in res.rouge.types]
            f1 = {t: res.rouge.mean(t) for t in types}
            ci = {t: list(res.rouge.interval(t)) if res.rouge.interval(t) else None for t in types}
            delta: dict[str, float | None] = {t: None for t in types}
            p: dict[str, float | None] = {t: None for t in types}
            if r is not base:
                sel_a = [ref.types.index(t) for t in types]
                sel_b = [res.rouge.types.index(t) for t in types]
                pv = paired_bootstrap(ref.per_item[:, sel_a, _F1], res.rouge.per_item[:, sel_b, _F1],
                                      resamples=resamples, seed=seed)
                delta = {t: f1[t] - ref.mean(t) for t in types}
                p = {t: None if np.isnan(v) else float(v) for t, v in zip(types, pv)}
            info = r.model_info
            rows.append(Row(r.model, r.model_name, res.n, f1, ci, delta, p, res.docs_per_s,
                            info.get("size_bytes"), info.get("n_params"), info.get("content_hash"),
                            res.repeat3, res.mean_words,
                            res.faith.to_dict() if res.faith else None))
        tables[name] = rows
    return Comparison(base.suite, [r.model for r in results], tables, signatures, resamples, seed,
                      skipped)


def to_markdown(cmp: Comparison) -> str:
    """The comparison as Markdown tables; names from the suite and models are escaped."""
    out = [f"# Suite {md(cmp.suite)}", ""]
    for dataset in cmp.tables:
        head, body = grid(cmp, dataset)
        out += [f"## {md(dataset)}", "", "| " + " | ".join(head) + " |",
                "|---|" + "---:|" * (len(head) - 1)]
        out += ["| " + " | ".join([md(cells[0]), *(c.replace("|", r"\|") for c in cells[1:])])
                + " |" for cells in body]  # the model's name comes from the user
        out += [""] + [f"{n}  " for n in notes(cmp, dataset)[:-1]]
        out += [f"Signature: `{cmp.signatures[dataset].replace('`', '')}`", ""]
    out += [f"Skipped {md(d)}: {md(why)}" for d, why in cmp.skipped.items()]
    return "\n".join(out).rstrip() + "\n"


def to_table(cmp: Comparison, width: int = 200) -> str:
    """Rich tables rendered to plain text."""
    console = plain_console(io.StringIO(), width=width, color=False)
    for dataset in cmp.tables:
        head, body = grid(cmp, dataset)
        table = Table(title=f"{cmp.suite} · {dataset}", caption="\n".join(notes(cmp, dataset)),
                      caption_justify="left")
        for i, h in enumerate(head):
            table.add_column(h, justify="left" if i == 0 else "right", no_wrap=i == 0)
        for cells in body:
            table.add_row(*cells)
        console.print(table)
    for d, why in cmp.skipped.items():
        console.print(f"skipped {d}: {why}")
    return "\n".join(line.rstrip() for line in console.file.getvalue().splitlines()) + "\n"


def render(cmp: Comparison, fmt: str = "table") -> str:
    if fmt == "table":
        return to_table(cmp)
    if fmt == "md":
        return to_markdown(cmp)
    if fmt == "json":
        return json.dumps(cmp.to_dict(), ensure_ascii=False, indent=2) + "\n"
    raise UserError(f"unknown format {fmt!r} (choose one of: {', '.join(FORMATS)})")


def write_reports(cmp: Comparison, out_dir: str | os.PathLike, *, force: bool = False,
                  results: Sequence[SuiteResult] | None = None) -> list[Path]:
    """Write ``comparison.md``, ``comparison.json`` and ``comparison.png`` atomically, and
    ``comparison.html`` (with side-by-side examples) when the SuiteResults are given."""
    folder = Path(out_dir)
    targets = {folder / "comparison.md": lambda: to_markdown(cmp),
               folder / "comparison.json": lambda: render(cmp, "json"),
               folder / "comparison.png": lambda: plot_png(cmp)}
    if results is not None:
        targets[folder / "comparison.html"] = lambda: comparison_html(cmp, results)
    existing = [p for p in targets if p.exists()]
    if existing and not force:
        raise UserError(f"{existing[0]} exists; pass --force to overwrite it")
    return [atomic_write(p, make(), force=force) for p, make in targets.items()]
