"""CLI wiring of ``summarize brief``."""

from __future__ import annotations

import sys
from pathlib import Path
from typing import List, Optional

import typer
from rich.progress import Progress

from summarize.api import Briefer, load_clusters, render_briefings
from summarize.batch import done_ids, partial_path, skip_done, write_jsonl
from summarize.cli.common import PROGRESS_COLUMNS, SCHEDULER_HELP, WORKERS_HELP, format_name
from summarize.errors import UserError
from summarize.io import atomic_write, check_output
from summarize.limits import LANG_HELP, MAX_INPUT_MB, SIZE_HELP
from summarize.parallel import Engine
from summarize.render import FORMATS
from summarize.since import parse_since
from summarize.text.stream import is_cluster_stream, iter_clusters


def brief(
    paths: List[str] = typer.Argument(..., help="Files, folders, '-' (stdin), or a JSONL of clusters."),
    model: Optional[str] = typer.Option(None, "--model", "-m", help="Built-in summarizer, alias, local folder or hub name (default: facets; `summarize models` lists them)."),
    prompt: Optional[str] = typer.Option(None, "--prompt", help="Prompt template from prompts/ ('none' to disable)."),
    fmt: str = typer.Option("md", "--format", "-f", help="md (or markdown), json, jsonl (one briefing a line, streamed), txt or html (one self-contained page)."),
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
    workers: str = typer.Option("1", "--workers", help=WORKERS_HELP),
    scheduler: Optional[str] = typer.Option(None, "--scheduler", help=SCHEDULER_HELP),
    resume: bool = typer.Option(False, "--resume", help="-f jsonl -o OUT: continue an interrupted run from OUT.partial."),
    stories: Optional[str] = typer.Option(None, "--stories", help="main (the default: only the story most articles tell; another story's articles are named in the notes) or all (every article's sentences)."),
    timeline: bool = typer.Option(False, "--timeline", help="Also list the story's dated events, one a line, with their sources."),
    since: Optional[str] = typer.Option(None, "--since", help="An update briefing: only what is new since a day (YYYY-MM-DD: articles dated on or before it are known) or since a previous briefing (its `-f json` output)."),
) -> None:
    """Summarize French articles into a short, sourced briefing (one per cluster).

    With -f jsonl, briefings stream: a JSONL file of clusters is read one line at a time and
    each briefing is written, in input order, as soon as it is done.
    """
    fmt = format_name(fmt)
    if fmt not in FORMATS:
        raise UserError(f"--format must be one of {', '.join(FORMATS)}, not {fmt!r}")
    if resume and (fmt != "jsonl" or output is None):
        raise UserError("--resume continues a `-f jsonl -o OUT` run")
    if output is not None and not resume:
        check_output(output, force=force)
    update = parse_since(since) if since is not None else None
    warn = lambda msg: typer.echo(f"warning: {msg}", err=True)
    info: dict = {}
    stream = fmt == "jsonl" and len(paths) == 1 and is_cluster_stream(paths[0])
    if stream:
        clusters = iter_clusters(paths[0], strict=strict, warn=warn, lang_check=not no_lang_check,
                                 max_mb=max_input_mb)
    else:
        clusters = load_clusters(paths, strict=strict, warn=warn, lang_check=not no_lang_check,
                                 max_mb=max_input_mb, info=info)
    briefer = Briefer.from_pretrained(
        model, prompt=prompt, device=device, runtime=runtime, pack_order=pack_order, max_words=max_words,
        min_new_tokens=min_new_tokens, max_new_tokens=max_new_tokens, num_beams=beams,
        no_repeat_ngram_size=no_repeat_ngram_size, batch_size=batch_size, verify=verify or strict_facts,
        mode=mode, timeline=timeline, stories=stories,
    )
    total = None if stream else len(clusters)
    clusters = briefer.updates(clusters, update)
    failed: list[str] = []

    def on_error(cid: str, msg: str) -> None:
        failed.append(cid)
        warn(f"cluster {cid} failed: {msg}")

    show = (total is None or total > 1) and sys.stderr.isatty()
    with Progress(*PROGRESS_COLUMNS, transient=True, disable=not show) as progress, \
            Engine(workers, scheduler) as engine:
        task = progress.add_task("briefing", total=total)
        tick = lambda n: progress.advance(task, n)
        if fmt == "jsonl":
            done = done_ids(partial_path(output)) if resume else set()
            briefings = briefer.brief_stream(skip_done(clusters, done), engine, on_error=on_error,
                                             advance=tick)
            n = write_jsonl(briefings, output, resume=resume, force=force,
                            echo=lambda line: typer.echo(line))
            n += len(done)
        else:
            briefings = list(briefer.brief_stream(clusters, engine, on_error=on_error, advance=tick))
            n = len(briefings)
    if not n:
        raise UserError(f"no briefing could be made ({len(failed)} cluster(s) failed)")
    if fmt != "jsonl":
        text = render_briefings(briefings, fmt, as_list=bool(info.get("cluster_lines")) or None)
        if output is None:
            typer.echo(text, nl=False)
        else:
            atomic_write(output, text, force=force)
    if output is not None:
        typer.echo(f"wrote {output} ({n} briefing(s))", err=True)
    if failed:
        if strict:
            raise UserError(f"{len(failed)} cluster(s) failed: {', '.join(failed)}")
        typer.echo(f"warning: {len(failed)} cluster(s) failed: {', '.join(failed)}", err=True)


def register(app: typer.Typer) -> None:
    app.command("brief")(brief)
