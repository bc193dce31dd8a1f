"""``python -m summarize.cli``: the ``summarize`` command."""

from summarize.cli import main

main()
