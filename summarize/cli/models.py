"""CLI wiring of ``summarize models``."""

from __future__ import annotations

import json
import shutil
import textwrap

import typer

from summarize.api import list_models
from summarize.errors import UserError
from summarize.seq2seq.catalog import format_size


def models(
    fmt: str = typer.Option("table", "--format", "-f", help="table or json."),
) -> None:
    """List the models --model accepts: aliases, bundled models and baselines (offline)."""
    if fmt not in ("table", "json"):
        raise UserError(f"--format must be table or json, not {fmt!r}")
    entries = list_models()
    if fmt == "json":
        typer.echo(json.dumps([e.to_dict() for e in entries], ensure_ascii=False, indent=2))
        return
    typer.echo(format_models(entries), nl=False)


def format_models(entries) -> str:
    """One aligned line per model, then its description (like ``sacrebleu --list``)."""
    head = ("name", "kind", "size", "runtimes", "offline", "input", "mode", "packing")
    rows = [(e.name + (" (default)" if e.default else ""), e.kind, format_size(e.size_bytes),
             ",".join(e.runtimes) or "—", "yes" if e.offline else "no",
             str(e.max_input_tokens or "—"), e.mode, e.pack_order or "—") for e in entries]
    widths = [max(len(r[i]) for r in [head, *rows]) for i in range(len(head))]
    right = {2, 5}

    def line(cells) -> str:
        return "  ".join(c.rjust(w) if i in right else c.ljust(w)
                         for i, (c, w) in enumerate(zip(cells, widths))).rstrip()

    width = max(60, min(100, shutil.get_terminal_size((100, 24)).columns))
    out = [line(head)]
    for e, row in zip(entries, rows):
        out.append(line(row))
        if e.description:
            out += textwrap.wrap(e.description, width, initial_indent="    ",
                                 subsequent_indent="    ")
    out += [""] + textwrap.wrap(
        "offline: usable here without a network (bundled, local folder or in the Hugging Face "
        "cache); input: token budget of the packed articles; mode: task prefix or prompt "
        "template; packing: order of the packed sentences.", width)
    return "\n".join(out) + "\n"


def register(app: typer.Typer) -> None:
    app.command("models")(models)
