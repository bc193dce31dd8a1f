"""A comparison as a grid of cells, its notes and a bar chart: what the Markdown, terminal
and HTML reports show."""

from __future__ import annotations

import io
from typing import TYPE_CHECKING

import numpy as np

from summarize.evaluate.faithfulness import LABELS as FAITH_LABELS
from summarize.evaluate.report import label

if TYPE_CHECKING:
    from summarize.evaluate.compare import Comparison, Row

#: ROUGE types shown in tables and charts (JSON has every computed type).
SHOWN = ("rouge1", "rouge2", "rougeL")


FAITH_SHOWN = ("unsupported_facts", "invented_words", "novel_3grams")


def _size(row: Row) -> str:
    if row.size_bytes is None:
        return "?"
    text = "0" if row.size_bytes == 0 else f"{row.size_bytes / 1e6:.1f} MB"
    return text + (f" ({row.n_params / 1e6:.1f}M)" if row.n_params else "")


def _score(row: Row, t: str) -> str:
    ci = row.ci.get(t)
    return f"{100 * row.f1[t]:.2f}" + (f" [{100 * ci[0]:.1f}, {100 * ci[1]:.1f}]" if ci else "")


def _p(row: Row, t: str) -> str:
    if row.delta.get(t) is None:
        return "—"
    p = row.p.get(t)
    return f"{100 * row.delta[t]:+.2f} " + ("(p n/a)" if p is None else f"(p={p:.3f})")


def _share(row: Row, metric: str) -> str:
    if not row.faith:
        return "—"
    ci = row.faith["intervals"].get(metric)
    return f"{100 * row.faith[metric]:.1f}%" + (f" [{100 * ci[0]:.1f}, {100 * ci[1]:.1f}]"
                                                 if ci else "")


def grid(cmp: Comparison, dataset: str) -> tuple[list[str], list[list[str]]]:
    rows = cmp.tables[dataset]
    types = [t for t in SHOWN if t in rows[0].f1]
    head = ["model", "n", *(f"{label(t)} F1" for t in types)]
    with_p = len(rows) > 1
    if with_p:
        head += [f"Δ{label(t)}" for t in types]
    faith = [m for m in FAITH_SHOWN if rows[0].faith]
    head += [*(FAITH_LABELS[m] for m in faith), "words", "rep3", "docs/s", "size"]
    body = []
    for row in rows:
        cells = [row.model, str(row.n), *(_score(row, t) for t in types)]
        if with_p:
            cells += [_p(row, t) for t in types]
        cells += [_share(row, m) for m in faith]
        cells += [f"{row.mean_words:.0f}" if row.mean_words is not None else "—",
                  f"{100 * row.repeat3:.1f}%" if row.repeat3 is not None else "—",
                  f"{row.docs_per_s:.2f}" if row.docs_per_s else "—", _size(row)]
        body.append(cells)
    return head, body


def notes(cmp: Comparison, dataset: str) -> list[str]:
    notes = ["F1 ×100, 95% bootstrap CI in brackets" if cmp.tables[dataset][0].ci else "F1 ×100"]
    if len(cmp.models) > 1:
        notes.append(f"Δ vs {cmp.models[0]}, paired bootstrap p ({cmp.resamples} resamples)")
        if cmp.tables[dataset][0].n < 10:
            notes.append("few items: no p-value for one item, unreliable ones below ~10")
    if cmp.tables[dataset][0].faith:
        notes.append("unsup. facts: names/numbers in no source article; invented: words in "
                     "neither the sources nor the French lexicon; novel 3g: 3-grams absent from "
                     "the sources (pooled shares, 95% bootstrap CI)")
        notes.append(f"faithfulness signature: {cmp.tables[dataset][0].faith['signature']}")
    notes.append("words: mean summary length; rep3: share of summaries repeating a word 3-gram")
    notes.append(f"signature: {cmp.signatures[dataset]}")
    return notes


def plot_png(cmp: Comparison) -> bytes:
    """Grouped bar chart (one panel per dataset) of F1 ×100 with CI error bars, as PNG bytes."""
    import matplotlib

    matplotlib.use("Agg")
    import matplotlib.pyplot as plt

    # labels come from suites and models: plain text, never mathtext ("$\\frac{$")
    with matplotlib.rc_context({"text.parse_math": False}):
        return _draw(plt, cmp)


def _draw(plt, cmp: Comparison) -> bytes:
    datasets = list(cmp.tables)
    size = (max(5.0, 4.5 * len(datasets)) + 0.4 * len(cmp.models), 4.0)
    fig, axes = plt.subplots(1, len(datasets), figsize=size, squeeze=False)
    for ax, dataset in zip(axes[0], datasets):
        rows = cmp.tables[dataset]
        types = [t for t in SHOWN if t in rows[0].f1]
        width = 0.8 / len(rows)
        for k, row in enumerate(rows):
            x = np.arange(len(types)) + (k - (len(rows) - 1) / 2) * width
            y = np.array([100 * row.f1[t] for t in types])
            cis = [row.ci.get(t) for t in types]
            err = None
            if all(cis):
                err = np.array([[y[i] - 100 * c[0], 100 * c[1] - y[i]] for i, c in enumerate(cis)]).T
            ax.bar(x, y, width, yerr=err, capsize=3, label=row.model)
        ax.set_xticks(np.arange(len(types)), [label(t) for t in types])
        ax.set_title(f"{dataset} (n={rows[0].n})")
        ax.set_ylabel("F1 ×100")
    axes[0][0].legend(fontsize="small")
    fig.suptitle(f"Suite {cmp.suite}")
    fig.tight_layout()
    buf = io.BytesIO()
    fig.savefig(buf, format="png", dpi=110)
    plt.close(fig)
    return buf.getvalue()
