"""CLI wiring of the evaluation commands: ``eval``, ``eval run``, ``compare``, ``nightly``, ``history``."""

from __future__ import annotations

import json
import sys
from pathlib import Path
from typing import Optional

import typer
from rich.progress import BarColumn, MofNCompleteColumn, Progress, TimeElapsedColumn
from typer.core import TyperGroup

from summarize.api import compare, rouge, run_suite
from summarize.cli.common import SCHEDULER_HELP, WORKERS_HELP, format_name, typer_app
from summarize.errors import UserError
from summarize.escape import console as plain_console
from summarize.escape import terminal
from summarize.evaluate import load_pairs, read_sources
from summarize.evaluate import report as rouge_report
from summarize.evaluate.compare import FORMATS, compare_results, render
from summarize.evaluate.faithfulness import faithfulness, render_with
from summarize.evaluate.history import format_history, load, plot_history
from summarize.evaluate.mds import describe, load_mds
from summarize.evaluate.nightly import nightly
from summarize.evaluate.suite import parse_overrides
from summarize.evaluate.update import MAX_WORDS as UPDATE_WORDS
from summarize.evaluate.update import build_update, run_update
from summarize.evaluate.update import table as update_table
from summarize.io import atomic_write, check_output, check_output_dir
from summarize.seq2seq.loader import SUMMARIZERS
from summarize.seq2seq.registry import registry
from summarize.text.tokenize import TOKENIZERS

eval_app = typer_app("Score summaries with French-correct ROUGE, or run an evaluation suite.",
                     invoke_without_command=True, no_args_is_help=False)

# --- `summarize eval --predictions P --references R` (scoring): eval_app callback ---------


class _EvalGroup(TyperGroup):
    """Lets ``--references`` take several files: ``-r A B`` is read as ``-r A -r B``."""

    def parse_args(self, ctx: typer.Context, args: list[str]) -> list[str]:
        valued = {name for p in self.params if p.param_type_name == "option" and not p.is_flag
                  for name in p.opts}
        out: list[str] = []
        greedy = False
        rest = list(args)
        while rest:
            arg = rest.pop(0)
            if arg == "--" or (not arg.startswith("-") and not greedy and arg in self.commands):
                out += [arg, *rest]
                break
            if greedy and not arg.startswith("-"):
                out += ["--references", arg]
                continue
            greedy = arg in ("--references", "-r") or arg.startswith("--references=")
            out.append(arg)
            if arg in valued and rest:
                out.append(rest.pop(0))
        return super().parse_args(ctx, out)


@eval_app.callback(cls=_EvalGroup, invoke_without_command=True)
def score_summaries(
    ctx: typer.Context,
    predictions: Optional[Path] = typer.Option(
        None, "--predictions", "-p", metavar="FILE",
        help="System summaries: .txt (one per line) or JSONL with ids.",
    ),
    references: Optional[list[Path]] = typer.Option(
        None, "--references", "-r", metavar="FILE...",
        help="Reference file(s), same formats; several files = several references per item "
        "(the best-F1 one counts). Repeat the flag or list the files after it.",
    ),
    tokenizer: str = typer.Option(
        "fr", "--tokenizer", help="fr (keeps accents) or rouge-score (the library's ASCII one)."
    ),
    stem: bool = typer.Option(False, "--stem", help="Stem tokens (French Snowball for fr)."),
    per_item: bool = typer.Option(False, "--per-item", help="Also show each item's scores."),
    fmt: str = typer.Option(
        "table", "--format", "-f", help="table | md (scores ×100) | json | csv (0..1)."
    ),
    output: Optional[Path] = typer.Option(None, "--output", "-o", metavar="FILE",
                                          help="Write to FILE."),
    force: bool = typer.Option(False, "--force", help="Overwrite FILE if it exists."),
    bootstrap: int = typer.Option(1000, "--bootstrap", min=0, help="Bootstrap resamples (0: no CI)."),
    seed: int = typer.Option(0, "--seed", help="Seed of the bootstrap."),
    sources: Optional[Path] = typer.Option(
        None, "--sources", "-s", metavar="FILE",
        help="Source articles per item (JSONL with ids and 'articles', or one per line): adds "
        "unsupported facts, invented words and novel 3-grams."),
) -> None:
    """Score summaries with ROUGE-1/2/L/Lsum, 95% bootstrap intervals and a signature.

    With --sources, also the faithfulness metrics (summarize.evaluate.faithfulness).
    """
    if ctx.invoked_subcommand:
        return
    if predictions is None and not references:
        typer.echo(ctx.get_help())
        raise typer.Exit()

    if predictions is None:
        raise UserError("missing --predictions FILE")
    fmt = format_name(fmt)
    if fmt not in rouge_report.FORMATS:
        raise UserError(f"unknown --format {fmt!r} (choose one of: {', '.join(rouge_report.FORMATS)})")
    if tokenizer not in TOKENIZERS:
        choices = ", ".join(TOKENIZERS)
        raise UserError(f"unknown --tokenizer {tokenizer!r} (choose one of: {choices})")
    if output is not None:
        check_output(output, force=force)
    pairs = load_pairs(predictions, references or [])
    result = rouge(pairs.predictions, pairs.references, tokenizer=tokenizer, stem=stem,
                   bootstrap=bootstrap, seed=seed, ids=pairs.ids)
    text = rouge_report.render(result, fmt, per_item=per_item)
    if sources is not None:
        faith = faithfulness(pairs.predictions, read_sources(sources, pairs),
                             bootstrap=bootstrap, seed=seed)
        text = render_with(text, faith, fmt)
    if output is None:
        typer.echo(text, nl=False)
    else:
        atomic_write(output, text, force=force)
        typer.echo(f"wrote {output} ({result.signature})", err=True)


# --- `summarize eval run`, `compare`, `nightly`, `history` ----------------------------------


_SUITE_HELP = "Suite file (TOML), e.g. eval/suites/seeds.toml."
_MODEL_HELP = ("Baseline (" + ", ".join(SUMMARIZERS) + "), registry alias or model folder.")
_SET_HELP = ("KEY=VALUE overriding the suite's [pipeline] table (repeatable), e.g. "
             "runtime=torch, pack_order=salience, num_beams=2.")


def _warn(message: str) -> None:
    typer.echo(f"warning: {message}", err=True)


class _Progress:
    """A transient progress bar on stderr (only when it is a terminal), one task per dataset."""

    def __enter__(self):
        self._bar = None
        if sys.stderr.isatty():
            self._bar = Progress("[progress.description]{task.description}", BarColumn(),
                                 MofNCompleteColumn(), TimeElapsedColumn(),
                                 console=plain_console(stderr=True), transient=True)
            self._bar.__enter__()
        self._tasks: dict[str, int] = {}
        return self

    def __call__(self, dataset: str, done: int, total: int) -> None:
        if self._bar is None:
            return
        if dataset not in self._tasks:
            self._tasks[dataset] = self._bar.add_task(terminal(dataset), total=total)
        self._bar.update(self._tasks[dataset], completed=done)

    def __exit__(self, *exc) -> None:
        if self._bar is not None:
            self._bar.__exit__(*exc)


def _emit(text: str, output: Optional[Path], force: bool) -> None:
    if output is None:
        typer.echo(text, nl=False)
    else:
        atomic_write(output, text, force=force)
        typer.echo(f"wrote {output}", err=True)


@eval_app.command("run")
def eval_run(
    suite: Path = typer.Argument(..., help=_SUITE_HELP),
    model: str = typer.Option(..., "--model", "-m", help=_MODEL_HELP),
    limit: Optional[int] = typer.Option(None, "--limit", min=1, help="Only the first N items per dataset."),
    data_dir: Optional[Path] = typer.Option(None, "--data-dir", help="OrangeSum folder."),
    fmt: str = typer.Option("table", "--format", "-f", help="table | md (×100) | json (0..1)."),
    output: Optional[Path] = typer.Option(None, "--output", "-o", help="Write to FILE."),
    force: bool = typer.Option(False, "--force", help="Overwrite FILE if it exists."),
    cache_dir: Optional[Path] = typer.Option(
        None, "--cache-dir", help="Generation cache (default $SUMMARIZE_CACHE or .cache/summarize)."),
    strict: bool = typer.Option(False, "--strict", help="Fail if a dataset cannot be loaded."),
    workers: str = typer.Option("1", "--workers", help=WORKERS_HELP),
    scheduler: Optional[str] = typer.Option(None, "--scheduler", help=SCHEDULER_HELP),
    sets: Optional[list[str]] = typer.Option(None, "--set", help=_SET_HELP),
) -> None:
    """Generate and score every dataset of a suite with one model (generations are cached)."""
    fmt = format_name(fmt)
    if fmt not in FORMATS:
        raise UserError(f"unknown --format {fmt!r} (choose one of: {', '.join(FORMATS)})")
    if output is not None:
        check_output(output, force=force)
    with _Progress() as progress:
        result = run_suite(suite, model, data_dir=data_dir, limit=limit, cache_dir=cache_dir,
                           strict=strict, warn=_warn, progress=progress,
                           overrides=parse_overrides(sets), workers=workers, scheduler=scheduler)
    if fmt == "json":
        text = json.dumps(result.to_dict(), ensure_ascii=False, indent=2) + "\n"
    else:
        text = render(compare_results([result]), fmt)
    _emit(text, output, force)


def compare_models(
    suite: Path = typer.Argument(..., help=_SUITE_HELP),
    models: list[str] = typer.Option(..., "--model", "-m", help=_MODEL_HELP + " Repeat; the "
                                     "first is the reference of the p-values."),
    out_dir: Optional[Path] = typer.Option(
        None, "--out-dir", help="Write comparison.md, .json, .png and .html (side-by-side examples) here."),
    limit: Optional[int] = typer.Option(None, "--limit", min=1, help="Only the first N items per dataset."),
    data_dir: Optional[Path] = typer.Option(None, "--data-dir", help="OrangeSum folder."),
    fmt: str = typer.Option("table", "--format", "-f", help="Standard output: table | md | json."),
    force: bool = typer.Option(False, "--force", help="Overwrite existing reports."),
    cache_dir: Optional[Path] = typer.Option(None, "--cache-dir", help="Generation cache folder."),
    strict: bool = typer.Option(False, "--strict", help="Fail if a dataset cannot be loaded."),
    workers: str = typer.Option("1", "--workers", help=WORKERS_HELP),
    scheduler: Optional[str] = typer.Option(None, "--scheduler", help=SCHEDULER_HELP),
    sets: Optional[list[str]] = typer.Option(None, "--set", help=_SET_HELP),
) -> None:
    """Compare models on a suite: ROUGE F1 with CIs, paired bootstrap p-values, speed and size."""
    if len(models) < 2:
        raise UserError("give at least two models to compare (--model A --model B)")
    fmt = format_name(fmt)
    if fmt not in FORMATS:
        raise UserError(f"unknown --format {fmt!r} (choose one of: {', '.join(FORMATS)})")
    if out_dir is not None:
        check_output_dir(out_dir)
        for name in ("comparison.md", "comparison.json", "comparison.png", "comparison.html"):
            check_output(out_dir / name, force=force)
    with _Progress() as progress:
        comparison = compare(suite, models, out_dir=out_dir, force=force, data_dir=data_dir,
                             limit=limit, cache_dir=cache_dir, strict=strict, warn=_warn,
                             overrides=parse_overrides(sets), progress=progress,
                             wrote=lambda path: typer.echo(f"wrote {path}", err=True),
                             workers=workers, scheduler=scheduler)
    typer.echo(render(comparison, fmt), nl=False)


def nightly_run(
    suite: Path = typer.Argument(..., help=_SUITE_HELP),
    history: Path = typer.Option(..., "--history", help="SQLite history file (created if missing)."),
    model: Optional[str] = typer.Option(None, "--model", "-m", help=_MODEL_HELP
                                        + " Default: the registry's default model."),
    baseline: Optional[str] = typer.Option(
        None, "--baseline", help="Run to compare with: a run id (or its first characters), a "
        "model (its last run) or 'best'. Default: the last run of the same model."),
    threshold: float = typer.Option(0.5, "--threshold", min=0,
                                    help="Regression size in ROUGE points ×100 (10 items or more, "
                                    "with p < --alpha)."),
    min_delta: float = typer.Option(1.0, "--min-delta", min=0,
                                    help="Below 10 items (no p-value): a drop over this many "
                                    "points is a regression."),
    faith_threshold: float = typer.Option(
        1.0, "--faith-threshold", min=0,
        help="Regression size of the unsupported-facts share, in points."),
    alpha: float = typer.Option(0.05, "--alpha", min=0.0001, max=0.9999,
                                help="Significance level (one-sided paired bootstrap)."),
    limit: Optional[int] = typer.Option(None, "--limit", min=1, help="Only the first N items per dataset."),
    data_dir: Optional[Path] = typer.Option(None, "--data-dir", help="OrangeSum folder."),
    cache_dir: Optional[Path] = typer.Option(None, "--cache-dir", help="Generation cache folder."),
    strict: bool = typer.Option(False, "--strict", help="Fail if a dataset cannot be loaded."),
    workers: str = typer.Option("1", "--workers", help=WORKERS_HELP),
    scheduler: Optional[str] = typer.Option(None, "--scheduler", help=SCHEDULER_HELP),
) -> None:
    """Run a suite, append it to the history, and check it against a baseline run.

    Exit codes: 0 no regression, 1 regression, 2 usage or input error, 3 other failure.
    """
    if model is None:
        model = registry()["default"]
    with _Progress() as progress:
        report = nightly(suite, history, model, threshold=threshold, alpha=alpha,
                         min_delta=min_delta, baseline=baseline, data_dir=data_dir, limit=limit,
                         cache_dir=cache_dir, strict=strict, warn=_warn, progress=progress,
                         faith_threshold=faith_threshold, workers=workers, scheduler=scheduler)
    typer.echo(render(compare_results([report.result])), nl=False)
    typer.echo(f"run {report.run_id[:8]} of {report.result.suite} with {model} saved to {history}")
    for dataset in report.first_runs:
        which = (f"no run of {report.baseline!r}" if report.baseline
                 else f"first run of {model} with these items and signature")
        typer.echo(f"{dataset}: {which}, nothing to compare (--baseline names another run)")
    for v in report.verdicts:
        status = "REGRESSION" if v.regression else "ok"
        typer.echo(f"{status:>10}  {v.message()}")
    if report.regressions:
        typer.echo("regression: " + "; ".join(v.message() for v in report.regressions), err=True)
        raise typer.Exit(1)


def show_history(
    path: Path = typer.Argument(..., help="SQLite history file written by `summarize nightly`."),
    suite: Optional[str] = typer.Option(None, "--suite", help="Only runs of this suite (its name)."),
    plot: Optional[Path] = typer.Option(None, "--plot", help="Write a PNG line chart of the trends."),
    force: bool = typer.Option(False, "--force", help="Overwrite the PNG if it exists."),
) -> None:
    """List past runs with their scores and changes; optionally plot the trends."""
    if plot is not None:
        check_output(plot, force=force)
    records = load(path, suite)
    if not records:
        raise UserError(f"no runs in {path}" + (f" for suite {suite!r}" if suite else ""))
    if plot is not None:
        atomic_write(plot, plot_history(records), force=force)
        typer.echo(f"wrote {plot}", err=True)
    typer.echo(format_history(records), nl=False)




@eval_app.command("build-mds")
def build_mds(
    data_dir: Optional[Path] = typer.Option(None, "--data-dir", help="OrangeSum folder."),
    split: str = typer.Option("abstract-valid", "--split", help="A validation split only."),
    threshold: float = typer.Option(0.2, "--threshold", min=0.0, max=1.0,
                                    help="Lowest similarity of every pair inside a cluster."),
    max_days: int = typer.Option(5, "--max-days", min=0, help="Largest date gap inside a cluster."),
    max_size: int = typer.Option(5, "--max-size", min=2, help="Most articles per cluster."),
    sample: int = typer.Option(5, "--sample", min=0, help="Random clusters to print."),
    seed: int = typer.Option(0, "--seed", help="Seed of the sample."),
    output: Optional[Path] = typer.Option(None, "--output", "-o", help="Also write the clusters "
                                          "as JSONL (derived from OrangeSum: do not commit it)."),
    force: bool = typer.Option(False, "--force", help="Overwrite FILE if it exists."),
    cache_dir: Optional[Path] = typer.Option(None, "--cache-dir", help="Cache folder."),
) -> None:
    """Build (and cache) the OrangeSum-MDS same-story clusters; print what was built."""
    if output is not None:
        check_output(output, force=force)
    clusters = load_mds(data_dir, split=split, threshold=threshold, max_days=max_days,
                        max_size=max_size, cache_dir=cache_dir)
    if output is not None:
        atomic_write(output, "".join(json.dumps(c.to_dict(), ensure_ascii=False) + "\n"
                                     for c in clusters), force=force)
        typer.echo(f"wrote {output}", err=True)
    typer.echo(describe(clusters, sample=sample, seed=seed), nl=False)


@eval_app.command("build-update")
def build_update_cmd(
    data_dir: Optional[Path] = typer.Option(None, "--data-dir", help="OrangeSum folder."),
    cache_dir: Optional[Path] = typer.Option(None, "--cache-dir", help="Cache folder."),
    output: Optional[Path] = typer.Option(None, "--output", "-o", help="Also write the items as "
                                          "JSONL (derived from OrangeSum: do not commit it)."),
    force: bool = typer.Option(False, "--force", help="Overwrite FILE if it exists."),
) -> None:
    """Build the update suite (stories of ≥ 3 validation articles on ≥ 2 days); print it."""
    if output is not None:
        check_output(output, force=force)
    items = build_update(data_dir, cache_dir=cache_dir)
    if output is not None:
        atomic_write(output, "".join(json.dumps(
            {"id": i.id, "reference": i.reference, "previous": [a.id for a in i.previous],
             "new": [a.id for a in i.new]}, ensure_ascii=False) + "\n" for i in items), force=force)
    typer.echo(f"{len(items)} items; previous articles: {sum(len(i.previous) for i in items)}, "
               f"new: {sum(len(i.new) for i in items)}")
    for i in items:
        typer.echo(terminal(f"{i.id}: {', '.join(a.date or '?' for a in i.previous)} → "
                            f"{', '.join(a.date or '?' for a in i.new)}"))


@eval_app.command("update")
def update_cmd(
    data_dir: Optional[Path] = typer.Option(None, "--data-dir", help="OrangeSum folder."),
    cache_dir: Optional[Path] = typer.Option(None, "--cache-dir", help="Cache folder."),
    max_words: int = typer.Option(UPDATE_WORDS, "--max-words", min=1, help="Every system's budget."),
    bootstrap: int = typer.Option(1000, "--bootstrap", min=0, max=100_000, help="Bootstrap resamples."),
) -> None:
    """Score update briefings (--since) against facets on the new and on all articles."""
    items = build_update(data_dir, cache_dir=cache_dir)
    if not items:
        raise UserError("no update item: the split has no story of 3 articles over 2 days")
    typer.echo(update_table(run_update(items, max_words=max_words, bootstrap=bootstrap)), nl=False)


def register(app: typer.Typer) -> None:
    """Attach the evaluation commands to the root app."""
    app.add_typer(eval_app, name="eval")
    app.command("compare")(compare_models)
    app.command("nightly")(nightly_run)
    app.command("history")(show_history)
