"""Input limits and the help texts of the options that change them (shared by every command)."""

from __future__ import annotations

#: Largest input (all files together, MB) read by default: a measured bound that keeps a
#: run under about 2 GB of memory (see ``benchmarks/scaling.py``); ``--max-input-mb`` raises it.
MAX_INPUT_MB = 64.0
#: Most sentences of one cluster that are ranked (similarity matrices are n × n); the others,
#: after the first ones of each article, are left out and counted in the packing report.
MAX_RANKED_SENTENCES = 2000

SIZE_HELP = "Refuse input larger than this many MB (all files together; about 2 GB of memory)."
LANG_HELP = "Keep articles that are not in French (by default they are reported and skipped)."
