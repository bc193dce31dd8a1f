"""Check stage: attribute summary sentences to source articles and check their facts.

Names are compared with case, accents, hyphens and apostrophes ignored ("Kim Jong-un" is
supported by "Kim Jong Un", "Elysee" by "Élysée").

Attribution: each summary sentence is matched to the packed source sentences by word
overlap (French tokenizer with stemming); it is attributed to the articles of the
best-matching sources. Facts: numbers, dates and capitalized names in the summary must
appear in the source articles; unsupported ones are reported, and ``strict`` replaces a
sentence holding one with the closest supported source sentence.
"""

from __future__ import annotations

import re
import unicodedata
from collections.abc import Sequence
from dataclasses import dataclass, field

from summarize.evaluate.tokenize import tokenize
from summarize.segment import split_sentences
from summarize.types import Article, RankedSentence

_NUMBER = re.compile(r"\d+(?:[  .,]\d+)*")
_NAME = re.compile(r"\b[A-ZÀ-ÖØ-Þ][\w’'\-]*(?:\s+(?:de |du |des |la |le |d'|d’)?[A-ZÀ-ÖØ-Þ][\w’'\-]*)*")
_NUMBER_WORDS = {"un": "1", "une": "1", "deux": "2", "trois": "3", "quatre": "4", "cinq": "5",
                 "six": "6", "sept": "7", "huit": "8", "neuf": "9", "dix": "10", "douze": "12",
                 "vingt": "20", "cent": "100", "mille": "1000"}
_COMMON_STARTS = {"le", "la", "les", "l", "un", "une", "des", "du", "de", "ce", "cette", "ces", "il",
                  "elle", "ils", "elles", "on", "en", "à", "au", "aux", "pour", "par", "selon",
                  "après", "avant", "lors", "dans", "mais", "et", "or", "alors", "si", "son", "sa",
                  "ses", "leur", "leurs", "nous", "vous", "je", "a", "d", "qui", "que", "quand"}


def _norm(text: str) -> str:
    """Lowercase, accents and ligatures folded, ’ → ', whitespace runs → one space."""
    text = unicodedata.normalize("NFKD", text.replace("’", "'").lower())
    return re.sub(r"\s+", " ", "".join(c for c in text if not unicodedata.combining(c)))


_COMMON_STARTS = {_norm(w) for w in _COMMON_STARTS}


@dataclass
class SentenceCheck:
    """One summary sentence, its supporting articles and its unsupported facts."""

    text: str
    article_ids: list[str] = field(default_factory=list)
    sources: list[str] = field(default_factory=list)  # best-matching source sentences
    unsupported: list[str] = field(default_factory=list)
    replaced: str | None = None  # original text, when verification replaced it
    #: "extracted": a source sentence verbatim; "compressed": a source sentence's words, in
    #: order, with some left out (summarize.compress); "headline": a source article's title
    #: heading the briefing (summarize.plan); "generated": anything else.
    origin: str = "generated"

    def to_dict(self) -> dict:
        return {k: v for k, v in self.__dict__.items() if v is not None}


def _norm_number(num: str) -> str:
    return re.sub(r"[  .]", "", num).replace(",", ".")


def facts(sentence: str) -> list[str]:
    """Numbers and capitalized names (sentence-initial common words excepted) in ``sentence``."""
    found = [m.group(0).strip(" .,") for m in _NUMBER.finditer(sentence)]
    for m in _NAME.finditer(sentence):
        name = m.group(0).strip()
        words = re.split(r"[\s'’]+", name)
        if m.start() == 0 and len(words) == 1 and _norm(words[0]) in _COMMON_STARTS:
            continue
        if m.start() == 0 and len(words) > 1 and _norm(words[0]) in _COMMON_STARTS:
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
    words = [w for w in re.split(r"[\s'’\-]+", _norm(fact)) if len(w) > 1]
    return all(re.search(rf"(?<!\w){re.escape(w)}", source) for w in words)


def unsupported_facts(sentence: str, source: str) -> list[str]:
    """The facts of ``sentence`` (names, numbers) that ``source`` does not hold."""
    norm, numbers = _norm(source), _source_numbers(source)
    return [f for f in facts(sentence) if not supported(f, norm, numbers)]


def unverified(sentence: str, source: str, *, min_precision: float = 0.8) -> str:
    """Why a generated ``sentence`` cannot be trusted against ``source``, or "" if it can:
    ``facts`` (a name or number in no source), ``word`` (a word in neither the sources nor
    the French lexicon), ``content`` (under ``min_precision`` of its stemmed content words in
    the sources)."""
    from summarize.lexicon import lexicon
    from summarize.rank import tokenize as content_words

    if unsupported_facts(sentence, source):
        return "facts"
    lex, own = lexicon(), set(tokenize(source))
    if any(w not in lex and w not in own for w in tokenize(sentence) if w.isalpha()):
        return "word"
    content, known = content_words(sentence), set(content_words(source))
    if not content or sum(c in known for c in content) / len(content) < min_precision:
        return "content"
    return ""


def _source_numbers(text: str) -> set[str]:
    numbers = {_norm_number(m.group(0)) for m in _NUMBER.finditer(text)}
    for word in re.findall(r"\w+", _norm(text)):
        if word in _NUMBER_WORDS:
            numbers.add(_NUMBER_WORDS[word])
    return numbers


def _subsequence(words: list[str], source: list[str]) -> bool:
    """Are ``words`` ``source``'s words in order, some left out?"""
    it = iter(source)
    return bool(words) and all(w in it for w in words)


def _overlap(a: set[str], b: set[str]) -> float:
    return len(a & b) / len(a) if a else 0.0


def check(
    summary: str,
    used: Sequence[RankedSentence],
    articles: Sequence[Article],
    *,
    strict: bool = False,
    min_overlap: float = 0.3,
) -> list[SentenceCheck]:
    """Split ``summary`` into sentences; attribute each to articles and check its facts.

    ``strict`` (verification): a sentence with an unsupported fact, or a generated one that
    :func:`unverified` rejects, is replaced by the closest supported source sentence."""
    raw = " ".join(f"{a.title}\n{a.text}" if a.title else a.text for a in articles)  # titles are sources too
    source, numbers = _norm(raw), _source_numbers(raw)
    source_tokens = [set(tokenize(s.text, stem=True)) for s in used]
    results = []
    for sentence in split_sentences(summary):
        tokens = set(tokenize(sentence, stem=True))
        overlaps = [_overlap(tokens, st) for st in source_tokens]
        best = max(overlaps, default=0.0)
        keep = [i for i, o in enumerate(overlaps) if o >= max(min_overlap, 0.8 * best)]
        keep.sort(key=lambda i: -overlaps[i])
        ids: list[str] = []
        for i in keep:
            ids += [a for a in (used[i].article_ids or [used[i].article_id]) if a not in ids]
        result = SentenceCheck(sentence, ids, [used[i].text for i in keep[:3]])
        if any(_norm(sentence) == _norm(u.text) for u in used):
            result.origin = "extracted"
        elif any(_subsequence(tokenize(sentence), tokenize(u.text)) for u in used):
            result.origin = "compressed"
        result.unsupported = [f for f in facts(sentence) if not supported(f, source, numbers)]
        if strict and used and (result.unsupported or (
                result.origin == "generated" and unverified(sentence, raw))):
            fallback = _closest_supported(overlaps, used, source, numbers)
            if fallback is not None:
                result.replaced, result.text = sentence, used[fallback].text
                result.article_ids = list(used[fallback].article_ids or [used[fallback].article_id])
                result.sources, result.unsupported = [used[fallback].text], []
                result.origin = "extracted"
        results.append(result)
    return results


def _closest_supported(overlaps, used, source, numbers) -> int | None:
    for i in sorted(range(len(used)), key=lambda i: -overlaps[i]):
        if all(supported(f, source, numbers) for f in facts(used[i].text)):
            return i
    return None
