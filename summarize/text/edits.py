"""Text edits: a source's word and punctuation tokens, a keep/delete tag for each and a phrase
inserted before each (LaserTagger's output, Malmi et al. 2019), and the text they make.

The condenser (``seq2seq/editor.py``) writes these; ``train/edits.py`` derives them from
(source, target) pairs. Written here: no library represents French text edits this way.
"""

from __future__ import annotations

import re
from collections.abc import Sequence
from dataclasses import dataclass, field

KEEP, DELETE = "KEEP", "DELETE"
#: Words (with inner hyphens and digits' separators) and single punctuation marks.
_TOKEN = re.compile(r"\w+(?:[-.,]\w+)*|[^\w\s]")
_NO_SPACE_BEFORE = frozenset(",.)]…")
_NO_SPACE_AFTER = frozenset("([")
#: Words written with a capital only when they open a sentence.
FUNCTION_WORDS = frozenset({
    "le", "la", "les", "l", "un", "une", "des", "du", "de", "d", "au", "aux", "ce", "cet",
    "cette", "ces", "c", "il", "elle", "ils", "elles", "on", "son", "sa", "ses", "leur",
    "leurs", "mais", "et", "en", "dans", "selon", "pour", "par", "sur", "avec", "cela", "ça",
    "qui", "que", "qu", "ou", "donc", "or", "ni", "car", "mon", "ma", "mes", "notre", "nos",
    "votre", "vos", "y", "à", "dont", "où", "ne", "n", "se", "s", "lui", "tout", "jusqu"})


def tokens(text: str) -> list[tuple[str, bool]]:
    """``(token, preceded by a space)`` for each word and punctuation mark of ``text``."""
    out, end = [], 0
    for m in _TOKEN.finditer(text):
        out.append((m.group(), m.start() > end or not out))
        end = m.end()
    return out


def fold(token: str) -> str:
    return token.replace("’", "'")


def _join(parts: list[tuple[str, bool]], spaced: Sequence[bool] = ()) -> str:
    """The tokens joined; ``spaced[k]``: the source had a space before token k, kept even after
    an apostrophe ("moins 'complotistes' que", session 24's review), where a space a deletion
    brings is not ("l'[…] homme" → "l'homme")."""
    out = ""
    for k, (token, space) in enumerate(parts):
        prev = parts[k - 1][0] if k else ""
        if k and space and token not in _NO_SPACE_BEFORE and prev not in _NO_SPACE_AFTER \
                and (prev not in ("'", "’") or (k < len(spaced) and spaced[k])):
            out += " "
        out += token
    return out


@dataclass
class Edit:
    """One source's tokens, a tag for each, and the phrase inserted before each (the last
    phrase, at ``len(source)``, goes at the end)."""

    source: list[tuple[str, bool]]
    tags: list[str]
    inserts: list[str] = field(default_factory=list)
    scores: list[float] = field(default_factory=list)  # a model's P(delete) of each token

    def apply(self) -> str:
        """The text the tags make: kept tokens with their phrases, in order. A sentence opens
        with a capital; a function word that opened a source sentence ("Le", "Il") is lower-cased
        when it no longer opens one."""
        parts: list[tuple[str, bool, bool]] = []  # token, space before, opened a source sentence
        spaced: list[bool] = []  # the source's own space before it, between two kept tokens
        opened = True
        for k, (token, space) in enumerate(self.source):
            if self.inserts[k]:
                parts += [(p, True, False) for p in self.inserts[k].split(" ")]
                spaced += [False] * len(self.inserts[k].split(" "))
            if self.tags[k] == KEEP:  # a word whose neighbour went is spaced ("jusqu'à" → "à")
                joined = k > 0 and self.tags[k - 1] != KEEP and token[:1].isalnum()
                parts.append((token, space or bool(self.inserts[k]) or joined, opened))
                spaced.append(space and k > 0 and self.tags[k - 1] == KEEP and not self.inserts[k])
            opened = token in (".", "!", "?")
        if self.inserts[-1]:
            parts += [(p, True, False) for p in self.inserts[-1].split(" ")]
        out, start = [], True
        for token, space, was_first in parts:
            if start:
                token = token[:1].upper() + token[1:]
            elif was_first and token[:1].isupper() and token.lower() in FUNCTION_WORDS:
                token = token.lower()
            out.append((token, space))
            start = token in (".", "!", "?")
        return _join(out, spaced)
