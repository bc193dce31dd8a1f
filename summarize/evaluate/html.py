"""``comparison.html``: a model comparison as one self-contained page.

The tables of ``comparison.md`` (same cells), the chart inlined as a base64 PNG, and per
dataset the items where the models differ most, their summaries side by side.
"""

from __future__ import annotations

import base64
from collections.abc import Sequence
from html import escape
from typing import TYPE_CHECKING

import numpy as np

from summarize.evaluate.report import label
from summarize.evaluate.rouge import MEASURES
from summarize.evaluate.tables import grid, plot_png
from summarize.evaluate.tables import notes as grid_notes
from summarize.render_html import page

if TYPE_CHECKING:
    from summarize.evaluate.compare import Comparison
    from summarize.evaluate.suite import SuiteResult

#: Items shown side by side per dataset.
EXAMPLES = 5

CSS = """
main{max-width:90rem}
table{font-size:.82rem}
th,td{padding:.25rem .45rem}
th[scope=row]{white-space:nowrap;background:#fff}
.chart{max-width:100%;height:auto;border:1px solid var(--line);background:#fff;margin:.5rem 0}
.notes{margin:.3rem 0 0;padding-left:1.2rem;font-size:.85rem;color:var(--muted)}
.notes code{font-size:.8rem;word-break:break-all}
.table-wrap{overflow-x:auto}
.item{margin:1.2rem 0;border:1px solid var(--line);border-radius:6px;background:#fff}
.item>h4{margin:0;padding:.4rem .8rem;border-bottom:1px solid var(--line);font-size:.95rem;
background:#eef1f5}
.side{display:grid;grid-template-columns:repeat(auto-fit,minmax(15rem,1fr))}
.side>div{padding:.6rem .8rem;border-left:1px solid var(--line);font-size:.92rem}
.side>div:first-child{border-left:0}
.side .model{font-weight:600;font-size:.85rem}
.side .score{float:right;font-variant-numeric:tabular-nums;color:var(--muted);font-size:.85rem}
.side .best .score{color:#1b6e2a;font-weight:600}
.side p{margin:.35rem 0 0}
.empty{color:var(--muted);font-style:italic}
"""


def _table(head: list[str], body: list[list[str]]) -> str:
    cells = "".join(f'<th scope="col">{escape(h)}</th>' for h in head)
    rows = "".join(
        "<tr>" + "".join(f'<th scope="row">{escape(c)}</th>' if i == 0 else
                         f'<td class="num">{escape(c)}</td>' for i, c in enumerate(r)) + "</tr>\n"
        for r in body)
    return (f'<div class="table-wrap"><table>\n<thead><tr>{cells}</tr></thead>\n'
            f"<tbody>\n{rows}</tbody>\n</table></div>\n")


def differing_items(results: Sequence[SuiteResult], dataset: str, k: int = EXAMPLES,
                    rouge_type: str | None = None) -> list[int]:
    """Indices of the ``k`` items whose F1 differs most between models (max − min);
    items where every model wrote the same summary are left out."""
    runs = [r.dataset(dataset) for r in results]
    types = runs[0].rouge.types
    t = rouge_type or ("rougeL" if "rougeL" in types else types[0])
    f1 = np.stack([d.rouge.per_item[:, d.rouge.types.index(t), MEASURES.index("f1")]
                   for d in runs])  # (models, items)
    spread = f1.max(axis=0) - f1.min(axis=0)
    differ = [i for i in range(f1.shape[1])
              if len({" ".join(d.predictions[i].split()) for d in runs}) > 1]
    return sorted(differ, key=lambda i: (-spread[i], i))[:k]


def _examples(results: Sequence[SuiteResult], dataset: str) -> str:
    try:
        runs = [r.dataset(dataset) for r in results]
    except KeyError:
        return ""
    idx = differing_items(results, dataset)
    types = runs[0].rouge.types
    t = "rougeL" if "rougeL" in types else types[0]
    if not idx:
        return '<p class="muted">Every model wrote the same summaries.</p>\n'
    out = [(f"<h3>Where the models differ most ({len(idx)} of {runs[0].n} items, by "
            f"{escape(label(t))} F1 spread)</h3>\n")]
    for i in idx:
        scores = [float(d.rouge.per_item[i, d.rouge.types.index(t), MEASURES.index("f1")])
                  for d in runs]
        best = max(scores)
        item_id = runs[0].rouge.ids[i]
        out.append(f'<section class="item"><h4>Item {escape(item_id)} · spread '
                   f"{100 * (best - min(scores)):.1f}</h4>\n<div class=\"side\">")
        for r, d, s in zip(results, runs, scores):
            text = d.predictions[i].strip()
            body = escape(text) if text else '<span class="empty">(empty summary)</span>'
            cls = ' class="best"' if s == best and len(set(scores)) > 1 else ""
            out.append(f'<div{cls}><span class="model">{escape(r.model)}</span>'
                       f'<span class="score">{escape(label(t))} {100 * s:.1f}</span>'
                       f"<p>{body}</p></div>")
        out.append("</div></section>\n")
    return "".join(out)


def comparison_html(cmp: Comparison, results: Sequence[SuiteResult] = (),
                    png: bytes | None = None) -> str:
    """The page: per dataset the table and notes, the chart, and side-by-side examples
    (when the SuiteResults, which hold the predictions, are given)."""
    png = plot_png(cmp) if png is None else png
    models = ", ".join(escape(m) for m in cmp.models)
    chart = base64.b64encode(png).decode("ascii")
    out = [(f'<header><p class="kicker">Model comparison · {len(cmp.models)} models</p>\n'
            f"<h1>Suite {escape(cmp.suite)}</h1>\n<p class=\"muted\">Models: {models}. "
            f"Reference of the Δ and p-values: {escape(cmp.models[0])}.</p></header>\n"),
           ('<img class="chart" alt="F1 per model and dataset, with 95% intervals" '
            f'src="data:image/png;base64,{chart}">\n')]
    for dataset in cmp.tables:
        head, body = grid(cmp, dataset)
        notes = grid_notes(cmp, dataset)
        items = "".join(f"<li>{escape(n)}</li>" for n in notes if not n.startswith("signature:"))
        items += f"<li>signature: <code>{escape(cmp.signatures[dataset])}</code></li>"
        out.append(f"<h2>{escape(dataset)}</h2>\n{_table(head, body)}"
                   f'<ul class="notes">{items}</ul>\n')
        if len(results) > 1:
            out.append(_examples(results, dataset))
    for dataset, why in cmp.skipped.items():
        out.append(f'<p class="muted">Skipped {escape(dataset)}: {escape(why)}</p>\n')
    return page(f"Suite {cmp.suite}: {', '.join(cmp.models)}", "".join(out), CSS, lang="en")
