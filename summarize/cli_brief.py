"""CLI wiring of ``summarize brief``."""

from __future__ import annotations

import sys
from pathlib import Path
from typing import List, Optional

import typer

from summarize.errors import UserError


def brief(
    paths: List[str] = typer.Argument(..., help="Files, folders, '-' (stdin), or a JSONL of clusters."),
    model: Optional[str] = typer.Option(None, "--model", "-m", help="Alias, local folder or hub name (default: the bundled model)."),
    prompt: Optional[str] = typer.Option(None, "--prompt", help="Prompt template from prompts/ ('none' to disable)."),
    fmt: str = typer.Option("md", "--format", "-f", help="md, json, txt or html (one self-contained page)."),
    output: Optional[Path] = typer.Option(None, "--output", "-o", help="Write here (atomically) instead of stdout."),
    force: bool = typer.Option(False, "--force", help="Overwrite --output if it exists."),
    max_words: Optional[int] = typer.Option(None, "--max-words", help="Length limit of the summary in words."),
    min_new_tokens: Optional[int] = typer.Option(None, help="Minimum generated tokens."),
    max_new_tokens: Optional[int] = typer.Option(None, help="Maximum generated tokens."),
    beams: Optional[int] = typer.Option(None, "--beams", help="Beam size."),
    no_repeat_ngram_size: Optional[int] = typer.Option(None, help="Forbid repeating n-grams of this size."),
    batch_size: Optional[int] = typer.Option(None, "--batch-size", help="Clusters generated together."),
    device: str = typer.Option("cpu", "--device", help="cpu, cuda or auto."),
    pack_order: Optional[str] = typer.Option(None, "--pack-order", help="Layout of the packed input: source (article, then position) or salience (default: the model's, see its summarize.json)."),
    runtime: str = typer.Option("auto", "--runtime", help="onnx (exported model, CPU, no torch import), torch, or auto (onnx when the model has an export)."),
    strict_facts: bool = typer.Option(False, "--strict-facts", help="Replace sentences with unsupported facts by the closest source sentence."),
    strict: bool = typer.Option(False, "--strict", help="Fail on any unreadable input file."),
) -> None:
    """Summarize French articles into a short, sourced briefing (one per cluster)."""
    from rich.progress import Progress

    from summarize.api import Briefer, load_clusters, render_briefings
    from summarize.io import atomic_write
    from summarize.render import FORMATS

    if fmt not in FORMATS:
        raise UserError(f"--format must be one of {', '.join(FORMATS)}, not {fmt!r}")
    if output is not None and output.exists() and not force:
        raise UserError(f"{output} exists; pass --force to overwrite it")
    warn = lambda msg: typer.echo(f"warning: {msg}", err=True)
    clusters = load_clusters(paths, strict=strict, warn=warn)
    briefer = Briefer.from_pretrained(
        model, prompt=prompt, device=device, runtime=runtime, pack_order=pack_order, max_words=max_words,
        min_new_tokens=min_new_tokens, max_new_tokens=max_new_tokens, num_beams=beams,
        no_repeat_ngram_size=no_repeat_ngram_size, batch_size=batch_size, strict_facts=strict_facts,
    )
    failed: list[str] = []

    def on_error(cid: str, msg: str) -> None:
        failed.append(cid)
        warn(f"cluster {cid} failed: {msg}")

    show = len(clusters) > 1 and sys.stderr.isatty()
    with Progress(transient=True, disable=not show) as progress:
        task = progress.add_task("briefing", total=len(clusters))
        briefings = briefer.brief_many(clusters, on_error=on_error,
                                       advance=lambda n: progress.advance(task, n))
    if not briefings:
        raise UserError(f"no briefing could be made ({len(failed)} cluster(s) failed)")
    text = render_briefings(briefings, fmt)
    if output is None:
        typer.echo(text, nl=False)
    else:
        atomic_write(output, text, force=force)
        typer.echo(f"wrote {output} ({len(briefings)} briefing(s))", err=True)
    if failed:
        typer.echo(f"warning: {len(failed)} cluster(s) failed: {', '.join(failed)}", err=True)
        if strict:
            raise typer.Exit(1)


def register(app: typer.Typer) -> None:
    app.command("brief")(brief)
