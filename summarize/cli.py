"""The ``summarize`` command line: wires options to library functions, nothing more."""

from __future__ import annotations

import sys
from typing import Optional

import typer

from summarize import __version__, cli_eval
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
    version: Optional[bool] = typer.Option(
        None, "--version", callback=_version, is_eager=True, help="Show the version and exit."
    ),
) -> None:
    """French multi-document news summarization."""


# --- commands are registered below, one block per pipeline stage -------------------------


cli_eval.register(app)


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
