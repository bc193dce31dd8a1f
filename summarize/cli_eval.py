"""CLI wiring of the evaluation commands: ``eval``, ``eval run``, ``compare``, ``nightly``, ``history``."""

from __future__ import annotations

import typer

eval_app = typer.Typer(
    help="Score summaries with French-correct ROUGE, or run an evaluation suite.",
    invoke_without_command=True,
    no_args_is_help=False,
)

# --- `summarize eval --predictions P --references R` (scoring): eval_app callback ---------

# --- `summarize eval run`, `compare`, `nightly`, `history` ----------------------------------


def register(app: typer.Typer) -> None:
    """Attach the evaluation commands to the root app."""
    app.add_typer(eval_app, name="eval")
