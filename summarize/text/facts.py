"""Facts of a sentence (names, numbers) and whether its sources hold them.

Names are compared with case, accents, hyphens and apostrophes ignored ("Kim Jong-un" is
supported by "Kim Jong Un", "Elysee" by "Élysée"). Numbers in words ("deux") count as digits.
Shared by the check stage, generated-sentence verification, fusion-pair mining and the
faithfulness metrics.
"""

from __future__ import annotations

import re
import unicodedata

from summarize.text.lexicon import lexicon
from summarize.text.tokenize import content_words, tokenize

_NUMBER = re.compile(r"\d+(?:[  .,]\d+)*")
_NAME = re.compile(r"\b[A-ZÀ-ÖØ-Þ][\w’'\-]*(?:\s+(?:de |du |des |la |le |d'|d’)?[A-ZÀ-ÖØ-Þ][\w’'\-]*)*")
_NUMBER_WORDS = {"un": "1", "une": "1", "deux": "2", "trois": "3", "quatre": "4", "cinq": "5",
                 "six": "6", "sept": "7", "huit": "8", "neuf": "9", "dix": "10", "douze": "12",
                 "vingt": "20", "cent": "100", "mille": "1000"}
_COMMON_STARTS = {"le", "la", "les", "l", "un", "une", "des", "du", "de", "ce", "cette", "ces", "il",
                  "elle", "ils", "elles", "on", "en", "à", "au", "aux", "pour", "par", "selon",
                  "après", "avant", "lors", "dans", "mais", "et", "or", "alors", "si", "son", "sa",
                  "ses", "leur", "leurs", "nous", "vous", "je", "a", "d", "qui", "que", "quand"}


def norm(text: str) -> str:
    """Lowercase, accents and ligatures folded, ’ → ', whitespace runs → one space."""
    text = unicodedata.normalize("NFKD", text.replace("’", "'").lower())
    return re.sub(r"\s+", " ", "".join(c for c in text if not unicodedata.combining(c)))


_COMMON_STARTS = {norm(w) for w in _COMMON_STARTS}


def _norm_number(num: str) -> str:
    return re.sub(r"[  .]", "", num).replace(",", ".")


def facts(sentence: str) -> list[str]:
    """Numbers and capitalized names (sentence-initial common words excepted) in ``sentence``."""
    found = [m.group(0).strip(" .,") for m in _NUMBER.finditer(sentence)]
    for m in _NAME.finditer(sentence):
        name = m.group(0).strip()
        words = re.split(r"[\s'’]+", name)
        if m.start() == 0 and len(words) == 1 and norm(words[0]) in _COMMON_STARTS:
            continue
        if m.start() == 0 and len(words) > 1 and norm(words[0]) in _COMMON_STARTS:
            words = words[1:]
            while words and words[0][:1].islower():
                words = words[1:]
            name = " ".join(words)
        found.append(name)
    return [f for f in found if f]


def supported(fact: str, source: str, source_numbers: set[str]) -> bool:
    """Is ``fact`` present in the (normalized) source text?"""
    if fact[0].isdigit():
        return _norm_number(fact) in source_numbers
    words = [w for w in re.split(r"[\s'’\-]+", norm(fact)) if len(w) > 1]
    return all(re.search(rf"(?<!\w){re.escape(w)}", source) for w in words)


def unsupported_facts(sentence: str, source: str) -> list[str]:
    """The facts of ``sentence`` (names, numbers) that ``source`` does not hold."""
    folded, numbers = norm(source), source_numbers(source)
    return [f for f in facts(sentence) if not supported(f, folded, numbers)]


def unverified(sentence: str, source: str, *, min_precision: float = 0.8) -> str:
    """Why a generated ``sentence`` cannot be trusted against ``source``, or "" if it can:
    ``facts`` (a name or number in no source), ``word`` (a word in neither the sources nor
    the French lexicon), ``content`` (under ``min_precision`` of its stemmed content words in
    the sources)."""
    if unsupported_facts(sentence, source):
        return "facts"
    lex, own = lexicon(), set(tokenize(source))
    if any(w not in lex and w not in own for w in tokenize(sentence) if w.isalpha()):
        return "word"
    content, known = content_words(sentence), set(content_words(source))
    if not content or sum(c in known for c in content) / len(content) < min_precision:
        return "content"
    return ""


def source_numbers(text: str) -> set[str]:
    numbers = {_norm_number(m.group(0)) for m in _NUMBER.finditer(text)}
    for word in re.findall(r"\w+", norm(text)):
        if word in _NUMBER_WORDS:
            numbers.add(_NUMBER_WORDS[word])
    return numbers
