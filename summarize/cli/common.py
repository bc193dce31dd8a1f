"""What every command shares: plain help (as sacrebleu's: no Rich markup, so "[pipeline]"
stays and flags show no type; ``-h`` works) and format names."""

from __future__ import annotations

import typer
from rich.progress import (
    BarColumn,
    MofNCompleteColumn,
    ProgressColumn,
    Task,
    TextColumn,
    TimeElapsedColumn,
    TimeRemainingColumn,
)
from rich.text import Text

HELP_SETTINGS = {"help_option_names": ["-h", "--help"]}


def typer_app(help: str, **options) -> typer.Typer:
    """A command group with the project's plain help (every group shares it)."""
    return typer.Typer(help=help, rich_markup_mode=None, context_settings=HELP_SETTINGS, **options)
WORKERS_HELP = ("Worker processes on this machine: a number or 'auto' (its cores); results are "
                "the same as with 1.")
SCHEDULER_HELP = ("Run on Dask distributed: 'local' (a LocalCluster of --workers processes) or "
                  "a scheduler address, tcp://HOST:8786 (pip install -e \".[dask]\").")


class _Rate(ProgressColumn):
    """Items per second."""

    def render(self, task: Task) -> Text:
        return Text(f"{task.speed:.1f}/s" if task.speed else "–/s")


#: One progress bar across workers: items done, items/s, elapsed time and time left.
PROGRESS_COLUMNS = (TextColumn("{task.description}"), BarColumn(), MofNCompleteColumn(), _Rate(),
                    TimeElapsedColumn(), TimeRemainingColumn())


def format_name(fmt: str) -> str:
    """An output format's canonical name (``markdown`` is ``md``)."""
    return {"markdown": "md"}.get(fmt.lower(), fmt.lower())
