"""The ``summarize`` command line: wires options to library functions, nothing more."""

from __future__ import annotations

import atexit
import gc
import json
import os
import signal
import sys
from enum import Enum
from typing import Optional

import typer
from rich.table import Table

from summarize.api import load_articles, rank
from summarize.cli import brief as cli_brief
from summarize.cli import eval as cli_eval
from summarize.cli import models as cli_models
from summarize.cli import train as cli_train
from summarize.cli.common import typer_app
from summarize.errors import UserError
from summarize.escape import console as plain_console
from summarize.io import KEPT, WRITTEN, atomic_write, check_output_dir
from summarize.select.rank import ranked_to_dicts
from summarize.text import clean
from summarize.text.formats import output_paths
from summarize.version import __version__

try:  # recent typer vendors click
    from typer._click import exceptions as _cx
except ImportError:  # pragma: no cover - typer with click as a dependency
    from click import exceptions as _cx
from summarize.limits import LANG_HELP, MAX_INPUT_MB, SIZE_HELP

app = typer_app("French multi-document news summarization.", no_args_is_help=True,
                pretty_exceptions_enable=False, add_completion=False)



def _version(value: bool) -> None:
    if value:
        typer.echo(f"summarize {__version__}")
        raise typer.Exit()


@app.callback()
def _root(
    version: bool = typer.Option(
        False, "--version", "-V", callback=_version, is_eager=True, help="Show the version and exit."
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
    no_lang_check: bool = typer.Option(False, "--no-lang-check", help=LANG_HELP),
    max_input_mb: float = typer.Option(MAX_INPUT_MB, "--max-input-mb", min=0.001, help=SIZE_HELP),
) -> None:
    """Remove scraping leftovers (scripts, credits, promos, footers) and fix typography."""
    if out is not None:
        check_output_dir(out)
    articles = load_articles(paths, strict=strict, lang_check=not no_lang_check,
                             max_mb=max_input_mb)
    targets = None if out is None else output_paths(out, [a.id for a in articles],
                                                    f".{fmt.value}", force=force)
    results = [clean.clean_report(a.text) for a in articles]
    for k, (article, result) in enumerate(zip(articles, results)):
        if explain:
            typer.echo(clean.format_removals(article, result), err=True)
        data = clean.render(article, result, fmt.value, to_file=targets is not None)
        if targets is None:
            typer.echo(data, nl=False)
            continue
        atomic_write(targets[k], data, force=force)
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
    no_lang_check: bool = typer.Option(False, "--no-lang-check", help=LANG_HELP),
    max_input_mb: float = typer.Option(MAX_INPUT_MB, "--max-input-mb", min=0.001, help=SIZE_HELP),
) -> None:
    """Rank the salient, non-redundant sentences of a set of articles on one story."""
    articles = load_articles(paths, strict=strict, lang_check=not no_lang_check,
                             max_mb=max_input_mb)
    ranked = rank(articles, top=top)  # cleans the articles first
    if fmt is _RankFormat.json:
        typer.echo(json.dumps(ranked_to_dicts(ranked), ensure_ascii=False, indent=2))
        return

    table = Table(title=f"Most salient sentences of {len(articles)} article(s)")
    for name, justify in (("#", "right"), ("score", "right"), ("articles", "left"),
                          ("pos", "right"), ("sentence", "left")):
        table.add_column(name, justify=justify, overflow="fold")
    for i, r in enumerate(ranked, 1):
        table.add_row(str(i), f"{r.score:.3f}", "\n".join(r.article_ids), str(r.position), r.text)
    plain_console().print(table)


cli_brief.register(app)
cli_eval.register(app)
cli_models.register(app)
cli_train.register(app)


class Interrupted(BaseException):
    """Ctrl-C, raised by our SIGINT handler (click turns KeyboardInterrupt into "Aborted!")."""


def _on_sigint(signum, frame) -> None:
    raise Interrupted


def main() -> None:
    """Console entry point: user errors become one line on stderr and exit code 2; Ctrl-C one
    line saying what was written, and exit code 130. At exit the interpreter's last garbage
    collection is skipped (``gc.freeze``): with spaCy's vocabulary and the encoder loaded it
    walks millions of objects the process is about to drop anyway (0.2 s of a 2.3 s condensed
    briefing)."""
    atexit.unregister(gc.freeze)  # once, however often tests call main()
    atexit.register(gc.freeze)
    previous = signal.signal(signal.SIGINT, _on_sigint)
    try:
        code = _run()
    finally:
        signal.signal(signal.SIGINT, previous)
    sys.exit(code)


def _run() -> int:
    """Run the app; return its exit code, or exit with a one-line message."""
    WRITTEN.clear()
    KEPT.clear()
    try:
        code = app(standalone_mode=False)
    except _cx.NoArgsIsHelpError as err:
        err.show()
        sys.exit(err.exit_code)
    except _cx.UsageError as err:  # a bad option value, a missing argument…
        where = f" (see {err.ctx.command_path} --help)" if err.ctx is not None else ""
        typer.echo(f"error: {' '.join(err.format_message().split())}{where}", err=True)
        sys.exit(err.exit_code)
    except _cx.ClickException as err:
        typer.echo(f"error: {' '.join(err.format_message().split())}", err=True)
        sys.exit(err.exit_code)
    except typer.Abort:
        typer.echo("interrupted; nothing was written", err=True)
        sys.exit(130)
    except UserError as err:
        typer.echo(f"error: {err}", err=True)
        sys.exit(err.exit_code)
    except (Interrupted, KeyboardInterrupt):
        signal.signal(signal.SIGINT, signal.SIG_IGN)
        done = ("nothing was written" if not WRITTEN else
                f"wrote {len(WRITTEN)} complete file(s) before: {', '.join(map(str, WRITTEN[:5]))}"
                + (" …" if len(WRITTEN) > 5 else ""))
        done += "".join(f"; {kept}" for kept in KEPT)
        typer.echo(f"interrupted; {done}", err=True)
        sys.exit(130)
    except MemoryError:
        typer.echo("error: out of memory (try a smaller input or --max-input-mb)", err=True)
        sys.exit(3)
    except Exception as err:
        if os.environ.get("SUMMARIZE_DEBUG"):
            raise
        what = str(err).strip().splitlines()[0][:300] if str(err).strip() else ""
        typer.echo(f"internal error: {type(err).__name__}{': ' + what if what else ''} "
                   "(please report it; SUMMARIZE_DEBUG=1 shows the traceback)", err=True)
        sys.exit(3)
    return code if isinstance(code, int) else 0


if __name__ == "__main__":
    main()
