"""Language check: is an article French? (CLD2 through ``pycld2``, tables inside its wheel).

Chosen over py3langid, langid, langdetect and lingua by ``benchmarks/langid_compare.py``: the
same accuracy on whole French news articles vs English/German/Spanish/Italian paragraphs
(1.000) at a 2 ms cold start (py3langid: 0.4 s of model loading; lingua: 8 s). Short texts
are less reliable, so an article is only judged on :data:`MIN_WORDS` words or more, and only
a reliable, clear non-French verdict counts. Text that CLD2 cannot place (a base64 blob, lorem
ipsum, a table of codes) is judged by its share of words in the bundled French lexicon: on the
1,440 OrangeSum validation articles the lowest share is 91 %; base64 has 7 %, lorem ipsum 16 %.
"""

from __future__ import annotations

import re

from summarize.text.lexicon import lexicon
from summarize.text.tokenize import tokenize

#: Fewer words than this: too short to judge, the article is kept.
MIN_WORDS = 20
#: Characters looked at (the start of the article is enough, and keeps long inputs cheap).
SAMPLE_CHARS = 4000
#: Below this share of words found in the French lexicon, text CLD2 cannot place is not French.
MIN_FRENCH_SHARE = 0.5
_UNSAFE = re.compile(r"[\x00-\x08\x0b\x0c\x0e-\x1f\x7f-\x9f\ud800-\udfff\ufffe\uffff]")
_NAMES = {"en": "English", "de": "German", "es": "Spanish", "it": "Italian", "pt": "Portuguese",
          "nl": "Dutch"}


def detect(text: str) -> tuple[str | None, str]:
    """(ISO code, language name) of ``text``, or (None, "") when it cannot be told reliably."""
    sample = _UNSAFE.sub(" ", text[:SAMPLE_CHARS])
    if len(sample.split()) < MIN_WORDS:
        return None, ""
    try:
        import pycld2
    except ImportError:  # pragma: no cover - dependency problem, reported once by the caller
        return None, ""
    try:
        reliable, _, details = pycld2.detect(sample)
    except pycld2.error:
        return None, ""
    name, code, percent, _ = details[0]
    if not reliable or code in ("un", "xxx") or percent < 50:
        return None, ""
    return code, _NAMES.get(code, name.capitalize())


def french_share(text: str) -> tuple[float, int]:
    """The share of the words (tokens with a letter) of ``text``'s start that the French lexicon
    holds, and how many words that is."""
    words = [t for t in tokenize(text[:SAMPLE_CHARS]) if any(c.isalpha() for c in t)]
    known = lexicon()
    return (sum(w.lower() in known for w in words) / len(words) if words else 0.0), len(words)


def non_french(text: str) -> str | None:
    """Why ``text`` is reliably not French ("English (en) found", "8% of its 182 first words
    French"), else None."""
    code, name = detect(text)
    if code == "fr":
        return None
    if code is not None:
        return f"{name} ({code}) found"
    share, n = french_share(text)
    if n >= MIN_WORDS and share < MIN_FRENCH_SHARE:
        return f"{share:.0%} of its {n} first words French"
    return None
