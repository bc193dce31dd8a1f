"""French sentence segmentation: rule-based, offline, no model or download.

Why not a package: pysbd (unmaintained since 2021) and sentencex never split inside « »
quotes, and split ``Jean-M. Le Pen`` / ``av. J.-C.`` (sentencex also ``M. Dupont``); French
news quotes often hold several sentences, so the rules are written here.

Rules, in order:

* a blank line always ends a sentence, and so does a single newline (the clean stage writes
  one paragraph per line) unless it wraps a sentence (next line in lower case, or the line
  before ends with ``,`` ``;`` ``:`` ``(`` or a dash);
* a candidate end is ``.``, ``!``, ``?``, ``…`` or ``...`` (runs such as ``?!`` count once),
  followed by closing quotes/brackets (``»`` with or without a space before it, ``”``, ``)``,
  a straight ``"`` when it closes an open quote), which stay with their sentence;
* the next sentence must start with an upper-case letter, a digit (not after an ellipsis)
  or an opening quote/dash/bracket then one of those; a lower-case start never splits;
* a period is not an end after an abbreviation (``M.``, ``Mme.``, ``Dr.``, ``av.``, ``n°.``,
  ``cf.``, ``p.``…) nor after an initial before a capital (``J. K. Rowling``, ``Jean-M. Le
  Pen``, ``J.K. Rowling``); ``etc.``, ``J.-C.`` and acronyms of three letters or more
  (``S.N.C.F.``) end a sentence before a capital;
* an elision in brackets, ``(…)`` / ``[...]``, never ends a sentence; nor do URLs, e-mail
  addresses and numbers (``3.5``, ``1.000``, ``42,7``);
* glued sentences (``jeudi.Le gouvernement``, ``FO."Le ministre``) split when a word of two
  letters or more, not an abbreviation (``M.Dupont``), is followed by ``.`` and a
  capitalised word.
"""

from __future__ import annotations

import re

from summarize.types import Article, Sentence

#: Title-like abbreviations, compared case-sensitively; a period after them never ends.
TITLES = frozenset(
    ["M", "MM", "Mme", "Mmes", "Mlle", "Mlles", "Dr", "Drs", "Pr", "Me", "Mes", "Mgr", "St", "Ste", "Sts", "Stes", "Cie", "Jr", "Vve", "Mr", "Mrs", "Ms", "Prof", "Gal", "Gén", "Col", "Cdt", "Lt", "Sgt", "Cpt", "Cne", "Adj"]
)
#: Other abbreviations, compared lower-cased; a period after them never ends a sentence.
ABBREVIATIONS = frozenset(
    ["av", "apr", "cf", "ex", "p", "pp", "n°", "nº", "no", "art", "arts", "al", "chap", "ch", "vol", "éd", "ed", "réf", "fig", "tél", "hab", "env", "coll", "cit", "op", "ibid", "id", "suiv", "sq", "bd", "boul", "dir", "trad", "vs", "resp", "approx", "obs", "lib", "pl", "ann", "sect", "t"]
)
#: Abbreviations that can also end a sentence (split before a capital).
CAN_END = frozenset({"etc", "j.-c", "j.c"})

_SPACE = " \t\u00a0\u202f\u2009\u2007\u2008\u200a"
_ZERO_WIDTH = "\u200b\u200c\u200d\u2060\ufeff"
_OPENERS = "«\"“‘([—–-"
_PARA_RE = re.compile(r"\n[ \t\u00a0\u202f\u2009\r]*\n\s*")
_TERM_RE = re.compile(r"[.!?…]+")
#: Spans where a terminator never ends a sentence, each run only when its hint is present.
_PROTECT = (
    (re.compile(r"://|www\.", re.IGNORECASE),  # URLs
     re.compile(r"(?:https?://|www\.)[^\s«»\"<>]*[^\s«»\"<>.,;:!?)\]]", re.IGNORECASE)),
    (re.compile("@"), re.compile(r"(?<![\w.+-])[\w.+-]{1,64}@[\w-]+(?:\.[\w-]+)+")),  # e-mails
    (re.compile(r"[(\[]"), re.compile(r"[(\[][\s\u00a0]*(?:…|\.{2,})[\s\u00a0]*[)\]]")),  # (…)
    (re.compile(r"\.(?:fr|com|org|net|eu|io|gouv|co)\b", re.IGNORECASE),  # bare domains
     re.compile(r"(?<![\w-])[\w-]{1,63}\.(?:fr|com|org|net|eu|io|gouv\.fr|co\.uk)\b",
                re.IGNORECASE)),
)
_INITIAL_RE = re.compile(r"^(?:[^\W\d_]+-)?[^\W\d_]$")  # J / Jean-M (case checked apart)
_DOTTED_RE = re.compile(r"^(?:[^\W\d_][.-]{1,2})+[^\W\d_]$")  # J.K / S.N.C.F / J.-K
_WORD_RE = re.compile(r"[^\W\d_]+")
_WS_COLLAPSE = re.compile(r"\s*\n\s*")


def _prev_word(text: str, end: int) -> str:
    """The run of non-space characters just before ``end`` (at most 100: linear time)."""
    start, stop = end, max(0, end - 100)
    while start > stop and not text[start - 1].isspace():
        start -= 1
    return text[start:end]


def _period_kind(raw: str) -> str:
    """Classify the word before a period: ``title``, ``abbrev``, ``initial``, or ``word``."""
    if not raw or raw[-1] in "»\"”’)]":
        return "word"
    word = raw.lstrip(_OPENERS + "'’")
    if "." in word and not _DOTTED_RE.match(word) and word.lower() not in CAN_END:
        word = word.rsplit(".", 1)[1].lstrip(_OPENERS + "'’")  # ``Athènes.M`` -> ``M``
    if word in TITLES:
        return "title"
    low = word.lower()
    if low in CAN_END:
        return "word"
    if low in ABBREVIATIONS:
        return "abbrev"
    if _INITIAL_RE.match(word) and word[-1].isupper():
        return "initial"
    if _DOTTED_RE.match(word):
        letters = sum(ch.isalpha() for ch in word)
        return "initial" if letters <= 2 else "word"
    return "word"


def _close(text: str, pos: int, sent_start: int) -> int:
    """Skip the closing quotes/brackets after a terminator at ``pos``; return the new end."""
    n = len(text)
    while pos < n:
        ch = text[pos]
        if ch in "»”)]":
            pos += 1
        elif ch in _SPACE and pos + 1 < n and text[pos + 1] == "»":
            pos += 2
        elif ch == '"' and text.count('"', max(sent_start, pos - 2000), pos) % 2 == 1:
            pos += 1  # a straight quote closing an open one
        else:
            break
    return pos


def _next_start(text: str, pos: int) -> tuple[str, int]:
    """What begins at ``pos``: ("upper"|"digit"|"lower"|"other", index of the letter/digit)."""
    n = len(text)
    i = pos
    while i < n and text[i] in _OPENERS:
        i += 1
        while i < n and text[i] in _SPACE:
            i += 1
    if i >= n:
        return "other", i
    ch = text[i]
    if ch.isdigit():
        return "digit", i
    if ch.isalpha():
        return ("upper" if ch.isupper() else "lower"), i
    return "other", i


def _glued_start(text: str, i: int) -> bool:
    """Whether a glued sentence may start at ``i``: ``Le``, ``L'``, ``NIVEAU``, ``M.`` (not ``U.S``)."""
    m = _WORD_RE.match(text, i)
    word = m.group() if m else ""
    after = text[i + len(word) : i + len(word) + 1]
    if word in TITLES and after == ".":
        return True  # ``Athènes.M. Mitsotakis``
    if len(word) == 1:
        return after != "" and (after in "'’" or (word in "AÀY" and after in _SPACE))
    return word[1:].islower() or word.isupper()


def _boundary(par: str, m: re.Match, sent_start: int) -> int | None:
    """Where the sentence ends if the terminator ``m`` ends one, else None."""
    t0, t1 = m.span()
    term = m.group()
    end = _close(par, t1, sent_start)
    j = end
    while j < len(par) and (par[j].isspace() or par[j] in _ZERO_WIDTH):
        j += 1
    if j >= len(par):
        return None  # the paragraph ends here anyway
    glued = j == end
    kind, letter = _next_start(par, j)
    ellipsis = "…" in term or "..." in term
    if kind in ("lower", "other") or (ellipsis and kind != "upper"):
        return None
    raw = _prev_word(par, t0)
    word = re.split(r"['’]", raw.rstrip("»\"”’)]!?…"))[-1].lstrip(_OPENERS)  # d'euros -> euros
    closed = raw[-1:] in ("»", '"', "”", ")", "]")  # ``amours ».Le`` / ``"non".Le``
    if glued:
        if kind == "digit":
            # ``sociaux.20% des`` splits; ``3.5`` and ``art.5`` do not.
            if not (term == "." and len(word) >= 3 and word.isalpha()):
                return None
        elif not _glued_start(par, letter):
            return None
    if term == "." or (term.startswith(".") and not ellipsis and not set(term) & set("!?")):
        pk = _period_kind(raw)
        if pk in ("title", "abbrev"):
            return None
        if pk == "initial" and ((kind == "upper" and letter == j) or par[j] == "("):
            return None  # ``J. K. Rowling``, ``Jean-M. Le Pen``, ``Amine A. (31 ans)``
        if glued and not closed and (
            not word or not word[-1].isalnum() or (len(word) < 2 and not word.isdigit())
        ):
            return None  # ``A.Le`` stays glued (``M.Dupont`` is a title, above)
    return end


def _split_paragraph(par: str) -> list[str]:
    protected = [m.span() for hint, rx in _PROTECT if hint.search(par) for m in rx.finditer(par)]
    pieces: list[str] = []
    sent_start = 0
    for m in _TERM_RE.finditer(par):
        if any(a <= m.start() < b for a, b in protected):
            continue
        end = _boundary(par, m, sent_start)
        if end is not None:
            pieces.append(par[sent_start:end])
            sent_start = end
    pieces.append(par[sent_start:])
    return pieces


def _paragraphs(text: str) -> list[str]:
    """Blank lines always separate paragraphs; a single newline does too (the clean stage
    writes one paragraph per line) unless it wraps a sentence: the next line starts in lower
    case, or the line before ends with ``,`` ``;`` ``:`` ``(`` or a dash."""
    out: list[str] = []
    for block in _PARA_RE.split(text or ""):
        lines = [line.strip(_SPACE + _ZERO_WIDTH + "\r") for line in block.split("\n")]
        current = ""
        for line in lines:
            if not line:
                continue
            if current and (line[0].islower() or current[-1] in ",;:(–—-"):
                current += " " + line
            else:
                if current:
                    out.append(current)
                current = line
        if current:
            out.append(current)
    return out


#: A sentence longer than this (in words) is split at clause boundaries, else by length.
MAX_WORDS = 100
_WORD_SPAN = re.compile(r"\S+")
_CLAUSE_END = (",", ";", ":", "—", "–")


def split_long(sentence: str, max_words: int = MAX_WORDS) -> list[str]:
    """``sentence`` cut into pieces of at most ``max_words`` words: after the last clause
    boundary (``,`` ``;`` ``:`` or a dash) in the second half of a piece, else at the limit.
    Text without sentence punctuation (or a 5 MB single line) thus stays rankable."""
    pieces: list[str] = []
    start, count, boundary = 0, 0, None
    for m in _WORD_SPAN.finditer(sentence):
        count += 1
        if count > max_words:
            cut = boundary if boundary is not None else m.start()
            pieces.append(sentence[start:cut].strip())
            start = cut
            count = len(sentence[cut:m.end()].split())
            boundary = None
        if m.group().endswith(_CLAUSE_END) and count >= max_words // 2:
            boundary = m.end()
    pieces.append(sentence[start:].strip())
    return [p for p in pieces if p]


def split_sentences(text: str) -> list[str]:
    """Split French text into sentences (see the module docstring for the rules); sentences
    over :data:`MAX_WORDS` words are cut by :func:`split_long`."""
    out: list[str] = []
    for par in _paragraphs(text):
        for piece in _split_paragraph(par):
            piece = _WS_COLLAPSE.sub(" ", piece).strip(_SPACE + _ZERO_WIDTH + "\r\n")
            if not any(ch.isalnum() for ch in piece):
                continue
            if piece.count(" ") < MAX_WORDS:
                out.append(piece)
            else:
                out.extend(p for p in split_long(piece) if any(ch.isalnum() for ch in p))
    return out


def segment_article(article: Article) -> list[Sentence]:
    """The sentences of ``article`` (text already cleaned), with 0-based positions."""
    return [
        Sentence(text=s, article_id=article.id, position=i)
        for i, s in enumerate(split_sentences(article.text))
    ]
