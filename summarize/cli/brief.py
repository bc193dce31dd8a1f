"""CLI wiring of ``summarize brief``."""

from __future__ import annotations

import sys
from pathlib import Path
from typing import List, Optional

import typer
from rich.progress import Progress

from summarize.api import Briefer, load_clusters, render_briefings
from summarize.cli.common import format_name
from summarize.errors import UserError
from summarize.io import atomic_write, check_output
from summarize.limits import LANG_HELP, MAX_INPUT_MB, SIZE_HELP
from summarize.render import FORMATS


def brief(
    paths: List[str] = typer.Argument(..., help="Files, folders, '-' (stdin), or a JSONL of clusters."),
    model: Optional[str] = typer.Option(None, "--model", "-m", help="Built-in summarizer, alias, local folder or hub name (default: facets; `summarize models` lists them)."),
    prompt: Optional[str] = typer.Option(None, "--prompt", help="Prompt template from prompts/ ('none' to disable)."),
    fmt: str = typer.Option("md", "--format", "-f", help="md (or markdown), json, txt or html (one self-contained page)."),
    output: Optional[Path] = typer.Option(None, "--output", "-o", help="Write here (atomically) instead of stdout."),
    force: bool = typer.Option(False, "--force", help="Overwrite --output if it exists."),
    max_words: Optional[int] = typer.Option(None, "--max-words", min=1, help="Length limit of the summary in words."),
    min_new_tokens: Optional[int] = typer.Option(None, min=0, help="Minimum generated tokens."),
    max_new_tokens: Optional[int] = typer.Option(None, min=1, help="Maximum generated tokens."),
    beams: Optional[int] = typer.Option(None, "--num-beams", "--beams", min=1, help="Beam size (transformers' num_beams)."),
    no_repeat_ngram_size: Optional[int] = typer.Option(None, min=0, help="Forbid repeating n-grams of this size."),
    batch_size: Optional[int] = typer.Option(None, "--batch-size", min=1, help="Clusters generated together."),
    device: str = typer.Option("cpu", "--device", help="cpu, cuda or auto."),
    pack_order: Optional[str] = typer.Option(None, "--pack-order", help="Layout of the packed input: source (article, then position) or salience (default: the model's, see its summarize.json)."),
    runtime: str = typer.Option("auto", "--runtime", help="onnx (exported model, CPU, no torch import), torch, or auto (onnx when the model has an export)."),
    verify: bool = typer.Option(True, "--verify/--no-verify", help="Replace a sentence with an unsupported fact, or a generated one with an invented word or unsupported content, by the closest source sentence (--no-verify: the model's raw text, flagged)."),
    strict_facts: bool = typer.Option(False, "--strict-facts", hidden=True, help="Old name of --verify (now the default)."),
    mode: Optional[str] = typer.Option(None, "--mode", help="Seq2seq models: abstract (whole input → one summary, the default) or fused (the model rewrites each planned facet)."),
    strict: bool = typer.Option(False, "--strict", help="Fail on any unreadable input file."),
    no_lang_check: bool = typer.Option(False, "--no-lang-check", help=LANG_HELP),
    max_input_mb: float = typer.Option(MAX_INPUT_MB, "--max-input-mb", min=0.001, help=SIZE_HELP),
) -> None:
    """Summarize French articles into a short, sourced briefing (one per cluster)."""

    fmt = format_name(fmt)
    if fmt not in FORMATS:
        raise UserError(f"--format must be one of {', '.join(FORMATS)}, not {fmt!r}")
    if output is not None:
        check_output(output, force=force)
    warn = lambda msg: typer.echo(f"warning: {msg}", err=True)
    info: dict = {}
    clusters = load_clusters(paths, strict=strict, warn=warn, lang_check=not no_lang_check,
                             max_mb=max_input_mb, info=info)
    briefer = Briefer.from_pretrained(
        model, prompt=prompt, device=device, runtime=runtime, pack_order=pack_order, max_words=max_words,
        min_new_tokens=min_new_tokens, max_new_tokens=max_new_tokens, num_beams=beams,
        no_repeat_ngram_size=no_repeat_ngram_size, batch_size=batch_size, verify=verify or strict_facts,
        mode=mode,
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
    text = render_briefings(briefings, fmt, as_list=bool(info.get("cluster_lines")) or None)
    if output is None:
        typer.echo(text, nl=False)
    else:
        atomic_write(output, text, force=force)
        typer.echo(f"wrote {output} ({len(briefings)} briefing(s))", err=True)
    if failed:
        if strict:
            raise UserError(f"{len(failed)} cluster(s) failed: {', '.join(failed)}")
        typer.echo(f"warning: {len(failed)} cluster(s) failed: {', '.join(failed)}", err=True)


def register(app: typer.Typer) -> None:
    app.command("brief")(brief)
