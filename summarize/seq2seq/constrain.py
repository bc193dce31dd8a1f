"""Source-constrained decoding: the words a model may write are those of its sources and lexicon.

A generated word (a maximal run of letters and digits) can only be completed if it occurs in
the row's source sentences or, in lower case, in the model's training lexicon
(``summarize/lexicon_fr.txt.gz``). Numbers and capitalized words must come from the sources,
and one that directly follows another (``Kim Jong``, ``1 500``, ``3,5``) must follow it in
the sources too, so names and figures are copies of source spans: "2017", "Paris" or
"Kim Kim Jongong" cannot be written for sources that do not hold them. The first word of
the output may be a lexicon word capitalized.

The check runs on the decoded text of each hypothesis, so it does not depend on how the
tokenizer splits words; :class:`SourceConstraint` turns it into a mask over the vocabulary
at every step. It is used by both runtimes (``summarize.seq2seq.processors``).
"""

from __future__ import annotations

import itertools
import re
from collections.abc import Iterable, Sequence
from functools import lru_cache

import numpy as np

from summarize.text.lexicon import lexicon
from summarize.text.tokenize import stopwords

_WORD = re.compile(r"\w+")
_SHORT_GAP = re.compile(r"^[\s\-,.'’\u00a0\u202f]?$")  # a gap that keeps a name or number going


#: common words that may open a sentence capitalized, besides stop words and source words
_OPENERS = frozenset(["selon", "après", "avant", "depuis", "pendant", "malgré", "face", "alors", "ainsi", "enfin", "désormais", "lors", "dans", "sur", "pour", "par", "avec", "sans", "contre", "entre", "vers", "chez", "cette", "ces", "ce", "cet", "le", "la", "les", "un", "une", "des", "du", "de", "en", "au", "aux", "il", "elle", "ils", "elles", "on", "mais", "et", "or", "si", "quand", "comme", "tandis"])


def _named(word: str) -> bool:
    """Numbers and capitalized words: what must be copied from the sources."""
    return word[:1].isdigit() or word[:1].isupper()


@lru_cache(maxsize=1)
def lexicon_words() -> frozenset[str]:
    """The lower-case French lexicon shipped with the package."""
    return lexicon()


def _prefixes(words: Iterable[str]) -> set[str]:
    return {w[:i] for w in words for i in range(1, len(w) + 1)}


@lru_cache(maxsize=1)
def _lexicon_prefixes() -> frozenset[str]:
    return frozenset(_prefixes(lexicon_words()))


class Vocabulary:
    """The decoded text of every token id, grouped for fast masks (one per tokenizer)."""

    def __init__(self, pieces: Sequence[str], special: Iterable[int], eos_id: int):
        self.pieces = [p.replace("▁", " ") for p in pieces]
        self.eos_id = eos_id
        special = set(special)
        #: tokens made only of word characters (they extend the current word), by first letter
        self.by_first: dict[str, list[int]] = {}
        for i, p in enumerate(self.pieces):
            if p and _WORD.fullmatch(p) and i not in special:
                self.by_first.setdefault(p[0], []).append(i)
        # the other tokens: (id, leading word part, words inside, trailing partial word, gap before it)
        self.outer: list[tuple[int, str, list[str], str, str]] = []
        simple = [(i, p[1:]) for i, p in enumerate(self.pieces)
                  if i not in special and p.startswith(" ") and _WORD.fullmatch(p[1:])]
        self.simple_ids = np.array([i for i, _ in simple], dtype=np.int64)
        self.simple_tails = [t for _, t in simple]
        skip = set(self.simple_ids.tolist())
        for i, p in enumerate(self.pieces):
            if i in special or not p or _WORD.fullmatch(p) or i in skip:
                continue
            lead = re.match(r"\w*", p).group(0)
            rest = p[len(lead):]
            words = _WORD.findall(rest)
            tail = words.pop() if words and rest.endswith(words[-1]) else ""
            gap = rest[: len(rest) - len(tail)]
            gap = gap[len(gap) - len(re.search(r"\W*$", gap).group(0)):] if tail else gap
            self.outer.append((i, lead, words, tail, gap))

    @classmethod
    def from_tokenizer(cls, tokenizer) -> Vocabulary:
        """From a ``tokenizers``/Hugging Face tokenizer (or the ONNX runtime's wrapper)."""
        tok = getattr(tokenizer, "_tok", None) or getattr(tokenizer, "backend_tokenizer", None)
        if tok is not None:
            size = tok.get_vocab_size()
            pieces = [tok.id_to_token(i) or "" for i in range(size)]
        else:  # a slow tokenizer
            pieces = tokenizer.convert_ids_to_tokens(list(range(len(tokenizer))))
        special = {i for i, p in enumerate(pieces) if p.startswith("<") and p.endswith(">")}
        eos = pieces.index("</s>") if "</s>" in pieces else 2
        return cls(pieces, special, eos)

    def decode(self, ids: Iterable[int]) -> str:
        return "".join(self.pieces[i] for i in ids if i != self.eos_id)


class Allowed:
    """What one row's sources allow: words, word prefixes, and the named words' successors."""

    def __init__(self, sources: Sequence[str]):
        words = [m.group(0) for s in sources for m in _WORD.finditer(s)]
        self.source_words = set(words)
        self.plain = {w for w in self.source_words if not _named(w)} | lexicon_words()
        self.named = {w for w in self.source_words if _named(w)}
        # a capitalized first word: a stop word ("Selon", "Le") or a common word of the sources
        self.openers = set(stopwords()) | _OPENERS | {w for w in self.source_words if not _named(w)}
        self.next_named: dict[str, set[str]] = {}
        for s in sources:
            found = list(_WORD.finditer(s))
            for a, b in itertools.pairwise(found):
                if _named(a.group(0)) and _named(b.group(0)) and _SHORT_GAP.match(s[a.end():b.start()]):
                    self.next_named.setdefault(a.group(0), set()).add(b.group(0))
        self._own_prefixes = _prefixes(w for w in self.source_words if w not in lexicon_words())
        self._named_prefixes = _prefixes(self.named)
        self._opener_prefixes = _prefixes(w[:1].upper() + w[1:] for w in self.openers)

    def opener(self, word: str, first: bool) -> bool:
        """A capitalized common word opening the output (not a name)."""
        return first and word[:1].isupper() and word.lower() in self.openers

    def word_ok(self, word: str, prev: str | None, first: bool) -> bool:
        """May ``word`` be completed here (``prev`` is the named word just before, if any)?"""
        if not _named(word):
            return word in self.plain
        if self.opener(word, first):
            return True
        if word not in self.named:
            return False
        return prev is None or word in self.next_named.get(prev, ())

    def prefix_ok(self, part: str, prev: str | None, first: bool) -> bool:
        """Can ``part`` still grow into an allowed word?"""
        if not _named(part):
            return part in _lexicon_prefixes() or part in self._own_prefixes
        if first and part in self._opener_prefixes:
            return True
        if prev is not None:
            return any(w.startswith(part) for w in self.next_named.get(prev, ()))
        return part in self._named_prefixes


def _state(text: str) -> tuple[str, str | None, bool, bool]:
    """(partial word at the end, named word just before it, is the partial the first word,
    is that named word the first word)."""
    words = list(_WORD.finditer(text))
    if words and words[-1].end() == len(text):
        partial, before, gap_end = words[-1].group(0), words[:-1], words[-1].start()
    else:
        partial, before, gap_end = "", words, len(text)
    prev = None
    if before and _named(before[-1].group(0)) and _SHORT_GAP.match(text[before[-1].end():gap_end]):
        prev = before[-1].group(0)
    return partial, prev, not before, len(before) == 1


class SourceConstraint:
    """Logits processor ``(input_ids, scores) -> scores``: forbid tokens that leave the sources.

    ``sources[b]`` are the source sentences of batch item ``b``; rows of ``input_ids`` are
    ``batch × num_beams`` hypotheses that start with the decoder start token.
    """

    def __init__(self, vocab: Vocabulary, sources: Sequence[Sequence[str]], num_beams: int):
        self.vocab, self.num_beams = vocab, num_beams
        self.allowed = [Allowed(s) for s in sources]
        self._simple: dict[int, tuple[np.ndarray, np.ndarray, np.ndarray]] = {}
        self._cache: dict[tuple, np.ndarray] = {}

    def mask_row(self, item: int, ids: Sequence[int]) -> np.ndarray:
        """Token ids allowed after the hypothesis ``ids`` (start token excluded) of batch item ``item``."""
        partial, prev, first, prev_first = _state(self.vocab.decode(ids))
        allow = self.allowed[item]
        if prev is not None and prev_first and allow.opener(prev, True):
            prev = None
        key = (item, partial, prev, first)
        if key not in self._cache:
            self._cache[key] = self._allowed_ids(item, partial, prev, first)
        return self._cache[key]

    def _simple_masks(self, item: int) -> tuple[np.ndarray, np.ndarray, np.ndarray]:
        """For the " word" tokens: may they start a common word, a name, an opening word?"""
        if item not in self._simple:
            allow, tails = self.allowed[item], self.vocab.simple_tails
            self._simple[item] = tuple(np.array([f(t) for t in tails], dtype=bool) for f in (
                lambda t: not _named(t) and allow.prefix_ok(t, None, False),
                lambda t: _named(t) and allow.prefix_ok(t, None, False),
                lambda t: _named(t) and allow.prefix_ok(t, None, True)))
        return self._simple[item]

    def _allowed_ids(self, item: int, partial: str, prev: str | None, first: bool) -> np.ndarray:
        v, allow = self.vocab, self.allowed[item]
        out: list[np.ndarray | list[int]] = []
        for c, ids in v.by_first.items():  # tokens that extend the current word
            if allow.prefix_ok(partial + c, prev, first):
                out.append([i for i in ids if allow.prefix_ok(partial + v.pieces[i], prev, first)])
        done = not partial or allow.word_ok(partial, prev, first)
        if done:  # " word" tokens: the current word ends, a new one starts
            link = partial if partial and _named(partial) and not allow.opener(partial, first) else None
            plain, named, opening = self._simple_masks(item)
            ok = plain.copy()
            if link is None:
                ok |= opening if first and not partial else named
            else:
                ok |= np.array([t in allow.next_named.get(link, ()) or any(
                    w.startswith(t) for w in allow.next_named.get(link, ())) for t in v.simple_tails])
            out.append(v.simple_ids[ok])
            out.append([v.eos_id])
        for i, lead, inner, tail, gap in v.outer:  # the other tokens (punctuation, glued words)
            word = partial + lead
            if (word and not allow.word_ok(word, prev, first)) or (not word and not done):
                continue
            is_first = first and not word
            nxt = word if word and _named(word) and not allow.opener(word, first) else (None if word else prev)
            ok = True
            for w in inner:
                ok = allow.word_ok(w, nxt, is_first)
                nxt, is_first = (w if _named(w) and not allow.opener(w, is_first) else None), False
                if not ok:
                    break
            if ok and tail:
                ok = allow.prefix_ok(tail, nxt if _SHORT_GAP.match(gap) else None, is_first)
            if ok:
                out.append([i])
        return np.unique(np.concatenate([np.asarray(o, dtype=np.int64) for o in out])) if out else np.array([], np.int64)

    def __call__(self, input_ids: np.ndarray, scores: np.ndarray) -> np.ndarray:
        masked = np.full_like(scores, -np.inf)
        for row, seq in enumerate(np.asarray(input_ids)):
            keep = self.mask_row(row // self.num_beams, [int(t) for t in seq[1:]])
            masked[row, keep] = scores[row, keep]
        return masked
