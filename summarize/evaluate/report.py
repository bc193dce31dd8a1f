"""Render ROUGE results: a rich table or Markdown for people (×100), JSON or CSV for tools (0..1).

Every format carries the signature. CSV is long-format with the columns
``scope,id,rouge_type,measure,value,low,high,n,signature``: ``scope`` is ``mean`` for the
system rows (with the interval, ``n`` and the signature) and ``item`` for per-item rows.
"""

from __future__ import annotations

import csv
import io
import json

from rich.table import Table

from summarize.errors import UserError
from summarize.escape import console as plain_console
from summarize.escape import csv_cell
from summarize.escape import markdown as md
from summarize.evaluate.rouge import MAX_WORDS, MEASURES, RougeResult, parse_signature

FORMATS = ("table", "json", "csv", "md")
_LABELS = {"rouge1": "R-1", "rouge2": "R-2", "rougeL": "R-L", "rougeLsum": "R-Lsum"}
_SHORT = {"precision": "P", "recall": "R", "f1": "F1"}


def label(rouge_type: str) -> str:
    """Short column label: rouge1 → R-1, rougeLsum → R-Lsum."""
    return _LABELS.get(rouge_type, rouge_type.replace("rouge", "R-"))


def _confidence(result: RougeResult) -> str | None:
    ci = parse_signature(result.signature).get("ci", "none")
    return ci.rsplit("-", 1)[-1] + "%" if ci != "none" else None


def _cell(result: RougeResult, rouge_type: str, measure: str) -> str:
    mean = 100 * result.mean(rouge_type, measure)
    low_high = result.interval(rouge_type, measure)
    if low_high is None:
        return f"{mean:.2f}"
    return f"{mean:.2f} [{100 * low_high[0]:.2f}, {100 * low_high[1]:.2f}]"


def _footer(result: RougeResult) -> str:
    level = _confidence(result)
    ci = f"{level} bootstrap CI in brackets" if level else "no confidence interval"
    if level and result.n < 2:
        ci += " (zero width: one item cannot be resampled)"
    cut = (f" · {result.truncated} text(s) over {MAX_WORDS:,} words scored on their first "
           f"{MAX_WORDS:,}" if result.truncated else "")
    return f"n={result.n} · scores ×100 · {ci}{cut}\nsignature: {result.signature}"


def format_table(result: RougeResult, per_item: bool = False, width: int = 100) -> str:
    """A rich table rendered to plain text."""
    table = Table(title="ROUGE", title_justify="left")
    table.add_column("")
    for measure in MEASURES:
        table.add_column(_SHORT[measure], justify="right")
    for rouge_type in result.types:
        table.add_row(label(rouge_type), *(_cell(result, rouge_type, m) for m in MEASURES))
    console = plain_console(io.StringIO(), width=width, color=False)
    console.print(table)
    console.print(_footer(result), soft_wrap=True)
    if per_item:
        items = Table(title="Per item (F1 ×100)")
        items.add_column("id")
        for rouge_type in result.types:
            items.add_column(label(rouge_type), justify="right")
        f1 = MEASURES.index("f1")
        for i, item_id in enumerate(result.ids):
            items.add_row(item_id, *(f"{100 * v:.2f}" for v in result.per_item[i, :, f1]))
        console.print(items)
    return "\n".join(line.rstrip() for line in console.file.getvalue().splitlines()) + "\n"


def format_markdown(result: RougeResult, per_item: bool = False) -> str:
    """A Markdown table, with the footer and (optionally) per-item F1."""
    head = "| ROUGE | " + " | ".join(_SHORT[m] for m in MEASURES) + " |"
    lines = [head, "|---|" + "---:|" * len(MEASURES)]
    for rouge_type in result.types:
        cells = " | ".join(_cell(result, rouge_type, m) for m in MEASURES)
        lines.append(f"| {label(rouge_type)} | {cells} |")
    footer = _footer(result).split("\n")
    lines += ["", footer[0], "", f"Signature: `{result.signature}`"]
    if per_item:
        f1 = MEASURES.index("f1")
        lines += ["", "| id | " + " | ".join(f"{label(t)} F1" for t in result.types) + " |",
                  "|---|" + "---:|" * len(result.types)]
        for i, item_id in enumerate(result.ids):
            values = " | ".join(f"{100 * v:.2f}" for v in result.per_item[i, :, f1])
            lines.append(f"| {md(item_id)} | {values} |")
    return "\n".join(lines) + "\n"


def format_json(result: RougeResult, per_item: bool = False) -> str:
    return json.dumps(result.to_dict(per_item=per_item), ensure_ascii=False, indent=2) + "\n"


def format_csv(result: RougeResult, per_item: bool = False) -> str:
    out = io.StringIO()
    writer = csv.writer(out, lineterminator="\n")
    writer.writerow(["scope", "id", "rouge_type", "measure", "value", "low", "high", "n",
                     "signature"])
    for rouge_type in result.types:
        for measure in MEASURES:
            low_high = result.interval(rouge_type, measure) or ("", "")
            writer.writerow(["mean", "", rouge_type, measure, result.mean(rouge_type, measure),
                             *low_high, result.n, result.signature])
    if per_item:
        for i, item_id in enumerate(result.ids):
            for t, rouge_type in enumerate(result.types):
                for m, measure in enumerate(MEASURES):
                    writer.writerow(["item", csv_cell(item_id), rouge_type, measure,
                                     float(result.per_item[i, t, m]), "", "", "", ""])
    return out.getvalue()


def render(result: RougeResult, fmt: str = "table", *, per_item: bool = False) -> str:
    """Render ``result`` in one of :data:`FORMATS`."""
    renderers = {"table": format_table, "json": format_json, "csv": format_csv,
                 "md": format_markdown}
    if fmt not in renderers:
        raise UserError(f"unknown format {fmt!r} (choose one of: {', '.join(FORMATS)})")
    return renderers[fmt](result, per_item=per_item)
