"""Data shown to people never acts as markup: one place for terminal (Rich), Markdown, CSV
and control-character escaping of text that comes from articles, ids, suites or models.

Written here because each output format has its own rules and none of the libraries used
(Rich, the Markdown we emit by hand, :mod:`csv`) escapes data on its own.
"""

from __future__ import annotations

import re
from typing import TextIO

from rich.console import Console
from rich.markup import escape as _rich_escape

#: C0/C1 controls (tab and newline kept by :func:`strip_controls` when asked), bidi
#: embeddings, overrides and isolates, which can reorder what a reader sees.
_CONTROLS = re.compile("[\x00-\x08\x0b-\x1f\x7f-\x9f]")
_CONTROLS_AND_BREAKS = re.compile("[\x00-\x1f\x7f-\x9f\u2028\u2029]")
_BIDI = re.compile("[\u200e\u200f\u202a-\u202e\u2066-\u2069]")
#: Characters that open Markdown inline markup (code, emphasis, links and images, raw HTML,
#: table cells, entities); ``_`` and ``~`` only at a word's edge (intraword they are text).
_MARKDOWN = re.compile(r"([\\`*\[\]<>|&]|(?<!\w)[_~]|[_~](?!\w))")
#: What opens a block at the start of a line: heading, quote, list item, rule, table.
_BLOCK = re.compile(r"^(\s*)([#>+=-]|\d+(?=[.)]))")


def strip_controls(text: str, *, keep_newlines: bool = False) -> str:
    """``text`` without bidi controls (removed) and control characters (each a space)."""
    pattern = _CONTROLS if keep_newlines else _CONTROLS_AND_BREAKS
    return pattern.sub(" ", _BIDI.sub("", text))


def one_line(text: str) -> str:
    """``text`` on one line: controls, bidi overrides and line breaks become spaces."""
    return " ".join(strip_controls(text).split())


def markdown(text: str) -> str:
    """``text`` as literal Markdown inline text: one line, the characters that open markup
    escaped (no heading, link, image, raw HTML, list item or table cell forged from data)."""
    return _BLOCK.sub(r"\1\\\2", _MARKDOWN.sub(r"\\\1", one_line(text)))


def terminal(text: str) -> str:
    """``text`` for a Rich renderable that parses markup (progress descriptions)."""
    return _rich_escape(one_line(text))


def csv_cell(value: object) -> object:
    """A spreadsheet-safe CSV cell: a string starting like a formula (=, +, -, @, tab, CR)
    gets a leading apostrophe; numbers are left alone."""
    if isinstance(value, str) and value[:1] in ("=", "+", "-", "@", "\t", "\r"):
        return "'" + value
    return value


def console(file: TextIO | None = None, *, width: int | None = None, stderr: bool = False,
            color: bool = True) -> Console:
    """A Rich console that prints data as data: no markup, emoji codes or highlighting."""
    return Console(file=file, width=width, stderr=stderr, markup=False, emoji=False,
                   highlight=False, color_system="auto" if color else None)
