"""Errors shown to users as one line (no traceback) by the CLI."""

from __future__ import annotations


class UserError(Exception):
    """A problem with the user's input or options; the CLI prints it and exits 2."""

    exit_code = 2
