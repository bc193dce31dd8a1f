"""What every command shares: plain help (as sacrebleu's: no Rich markup, so "[pipeline]"
stays and flags show no type; ``-h`` works) and format names."""

from __future__ import annotations

HELP_SETTINGS = {"help_option_names": ["-h", "--help"]}


def format_name(fmt: str) -> str:
    """An output format's canonical name (``markdown`` is ``md``)."""
    return {"markdown": "md"}.get(fmt.lower(), fmt.lower())
