"""French tokenization shared by every stage: ROUGE's tokenizers and content words.

ROUGE: a French-correct default and the rouge-score library's own.

``fr`` (the default) keeps accented letters, which rouge-score's default tokenizer
deletes ("déclaré" → "d clar"). Rules, in order:

1. Unicode NFKC: composes accents, turns ligatures such as "ﬁ" into "fi", and every
   non-breaking space (U+00A0, U+202F, U+2007) into a plain space.
2. Lowercase.
3. Apostrophes (' ’ ‘ ʼ ` ´ ′) separate words: "l’armée" → "l", "armée".
4. Digit groups separated by one space are joined when every later group has three
   digits ("6 000" → "6000", "1 000 000" → "1000000"): French thousands separators.
5. A number with a decimal comma or point stays one token ("42,7" → "42,7").
6. Otherwise a token is a run of letters and digits; hyphens, quotes (« »), dashes and
   all other punctuation and symbols (%, €) separate tokens and are dropped, so
   "Jong-un" and "Jong Un" both give "jong", "un".

With ``stem=True`` each alphabetic token goes through the French Snowball stemmer
(``snowballstemmer``, pure Python, offline); numbers are left alone.

``content_words`` (TF-IDF similarity, salience, fact checks): stemmed lower-case words
without the package's French stop list (``stopwords``).
"""

from __future__ import annotations

import re
import unicodedata
from functools import lru_cache
from importlib import resources

import snowballstemmer

from summarize.errors import UserError

TOKENIZERS = ("fr", "rouge-score")

_APOSTROPHES = re.compile(r"['’‘ʼ`´′]")
_THOUSANDS = re.compile(r"(?<![\d,.])(\d{1,3})((?: \d{3})+)(?!\w)")
_TOKEN = re.compile(r"\d+(?:[.,]\d+)+|[^\W_]+")


def _join_thousands(match: re.Match[str]) -> str:
    return match.group(1) + match.group(2).replace(" ", "")


class FrenchTokenizer:
    """French-aware word tokenizer with a per-instance cache (``tokenize`` is pure)."""

    name = "fr"

    def __init__(self, stem: bool = False) -> None:
        self.stem = stem
        self._cache: dict[str, list[str]] = {}

    def tokenize(self, text: str) -> list[str]:
        """Return the tokens of ``text`` (cached; callers must not mutate the list)."""
        cached = self._cache.get(text)
        if cached is None:
            cached = self._cache[text] = self._tokenize(text)
        return cached

    def _tokenize(self, text: str) -> list[str]:
        text = unicodedata.normalize("NFKC", text).lower()
        text = _APOSTROPHES.sub(" ", text)
        text = _THOUSANDS.sub(_join_thousands, text)
        tokens = _TOKEN.findall(text)
        if self.stem:
            tokens = [tok if tok[0].isdigit() else _stem(tok) for tok in tokens]
        return tokens


class CachedTokenizer:
    """Memoizes another tokenizer object (same ``tokenize`` results, computed once)."""

    def __init__(self, inner, name: str) -> None:
        self._inner = inner
        self.name = name
        self._cache: dict[str, list[str]] = {}

    def tokenize(self, text: str) -> list[str]:
        cached = self._cache.get(text)
        if cached is None:
            cached = self._cache[text] = self._inner.tokenize(text)
        return cached


def get_tokenizer(name: str = "fr", stem: bool = False):
    """Build the tokenizer called ``name`` (``fr`` or ``rouge-score``).

    ``rouge-score`` is the library's ``DefaultTokenizer`` (ASCII only, Porter stemmer when
    ``stem``), wrapped in a cache: results are those of ``RougeScorer(types, use_stemmer=stem)``.
    """
    if name == "fr":
        return FrenchTokenizer(stem=stem)
    if name == "rouge-score":
        from rouge_score import tokenizers  # imports nltk (~1 s): keep it out of start-up

        return CachedTokenizer(tokenizers.DefaultTokenizer(use_stemmer=stem), "rouge-score")
    raise UserError(f"unknown tokenizer {name!r} (choose one of: {', '.join(TOKENIZERS)})")


def tokenize(text: str, name: str = "fr", stem: bool = False) -> list[str]:
    """Tokenize one text (convenience; build a tokenizer once to score many texts)."""
    return list(get_tokenizer(name, stem).tokenize(text))


# Content words: what TF-IDF similarity, salience and fact checks compare.

_WORD_RE = re.compile(r"[^\W_]+")  # letters (accented included) and digits
_STEMMER = snowballstemmer.stemmer("french")


@lru_cache(maxsize=1)
def stopwords() -> frozenset[str]:
    """The French stop list shipped with the package."""
    text = resources.files("summarize").joinpath("stopwords_fr.txt").read_text(encoding="utf-8")
    return frozenset(
        line.strip() for line in text.splitlines() if line.strip() and not line.startswith("#")
    )


_STEMS: dict[str, str] = {}


def content_words(text: str) -> list[str]:
    """Stemmed content words of ``text``: lower-cased (accents kept), stop words dropped."""
    stop = stopwords()
    out = []
    for word in _WORD_RE.findall(text.lower()):
        if word in stop or (len(word) < 2 and not word.isdigit()):
            continue
        out.append(_stem(word))
    return out


def _stem(word: str) -> str:
    """Snowball's French stem of ``word``, remembered for the process (at most 500k words):
    every tokenizer and :func:`content_words` share it, so a word is stemmed once."""
    stem = _STEMS.get(word)
    if stem is None:
        stem = _STEMMER.stemWord(word)
        if len(_STEMS) < 500_000:
            _STEMS[word] = stem
    return stem
