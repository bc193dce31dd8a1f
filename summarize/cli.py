"""The ``summarize`` command line: wires options to library functions, nothing more."""

from __future__ import annotations

import sys
from enum import Enum
from typing import Optional

import typer

from summarize import __version__, cli_brief, cli_eval, cli_models, cli_train
from summarize.errors import UserError

app = typer.Typer(
    help="French multi-document news summarization.",
    no_args_is_help=True,
    pretty_exceptions_enable=False,
    add_completion=False,
)


def _version(value: bool) -> None:
    if value:
        typer.echo(f"summarize {__version__}")
        raise typer.Exit()


@app.callback()
def _root(
    version: bool = typer.Option(
        False, "--version", callback=_version, is_eager=True, help="Show the version and exit."
    ),
) -> None:
    """French multi-document news summarization."""


# --- commands are registered below, one block per pipeline stage -------------------------


# --- `summarize clean PATH... [-o DIR] [--explain] [--format txt|json]` (clean stage) ------


class _CleanFormat(str, Enum):
    txt = "txt"
    json = "json"


@app.command("clean")
def clean_command(
    paths: list[str] = typer.Argument(..., help="Article files or folders ('-' reads stdin)."),
    out: Optional[str] = typer.Option(None, "-o", "--out", help="Write one file per article here."),
    explain: bool = typer.Option(False, "--explain", help="Show what was removed (on stderr)."),
    fmt: _CleanFormat = typer.Option(_CleanFormat.txt, "--format", help="txt or json."),
    strict: bool = typer.Option(False, "--strict", help="Fail on an unreadable file, not skip it."),
    force: bool = typer.Option(False, "--force", help="Overwrite existing files in -o DIR."),
) -> None:
    """Remove scraping leftovers (scripts, credits, promos, footers) and fix typography."""
    from summarize import clean
    from summarize.ingest import load_articles, output_paths
    from summarize.io import atomic_write

    articles = load_articles(paths, strict=strict)
    results = [clean.clean_report(a.text) for a in articles]
    targets = None if out is None else output_paths(out, [a.id for a in articles],
                                                    f".{fmt.value}", force=force)
    for k, (article, result) in enumerate(zip(articles, results)):
        if explain:
            typer.echo(clean.format_removals(article, result), err=True)
        data = clean.render(article, result, fmt.value, to_file=targets is not None)
        if targets is None:
            typer.echo(data, nl=False)
            continue
        try:
            atomic_write(targets[k], data, force=force)
        except OSError as err:
            raise UserError(f"cannot write {targets[k]}: {err.strerror or err}") from err
    if out is not None:
        typer.echo(f"wrote {len(articles)} file(s) to {out}", err=True)


# --- `summarize rank PATH... [--top N] [--format table|json] [--strict]` (rank stage) ------


class _RankFormat(str, Enum):
    table = "table"
    json = "json"


@app.command("rank")
def rank_command(
    paths: list[str] = typer.Argument(..., help="Article files or folders ('-' reads stdin)."),
    top: int = typer.Option(10, "--top", min=1, help="How many sentences to show."),
    fmt: _RankFormat = typer.Option(_RankFormat.table, "--format", help="table or json."),
    strict: bool = typer.Option(False, "--strict", help="Fail on an unreadable file instead of skipping it."),
) -> None:
    """Rank the salient, non-redundant sentences of a set of articles on one story."""
    import json

    from summarize.api import load_articles, rank
    from summarize.rank import ranked_to_dicts

    articles = load_articles(paths, strict=strict)
    ranked = rank(articles, top=top)  # cleans the articles first
    if fmt is _RankFormat.json:
        typer.echo(json.dumps(ranked_to_dicts(ranked), ensure_ascii=False, indent=2))
        return
    from rich.console import Console
    from rich.table import Table

    table = Table(title=f"Most salient sentences of {len(articles)} article(s)")
    for name, justify in (("#", "right"), ("score", "right"), ("articles", "left"),
                          ("pos", "right"), ("sentence", "left")):
        table.add_column(name, justify=justify, overflow="fold")
    for i, r in enumerate(ranked, 1):
        table.add_row(str(i), f"{r.score:.3f}", "\n".join(r.article_ids), str(r.position), r.text)
    Console().print(table)


cli_brief.register(app)
cli_eval.register(app)
cli_models.register(app)
cli_train.register(app)


def main() -> None:
    """Console entry point: user errors become one line on stderr and exit code 2."""
    try:
        app()
    except UserError as err:
        typer.echo(f"error: {err}", err=True)
        sys.exit(err.exit_code)
    except KeyboardInterrupt:
        typer.echo("interrupted", err=True)
        sys.exit(130)


if __name__ == "__main__":
    main()
