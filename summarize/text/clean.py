"""Clean stage: strip scraping leftovers from article text and normalise its typography.

What is removed (each reported as a ``Removal`` with its kind): leftover JavaScript
(``script``), the "Pour visionner cette vidéo…" notice and its fragments (``video``), photo
credits (``credit``) and the caption they close (``caption``: text from the sentence start to
the credit, which in scraped pages duplicates a body sentence), promos and link headlines in
capitals (``promo``), newsletter/contact/footer lines (``footer``), contributor lines
(``contributor``) and ``[email protected]`` leftovers (``email``).

What is repaired or normalised (not reported): glued sentences (``jeudi.Le`` → ``jeudi. Le``,
also after ``?`` ``!`` ``…`` ``)`` ``»`` and quotes; ``M.Dupont``, ``U.S.A.``, decimals, URLs
and e-mails are left alone), Unicode NFC, invisible characters (soft hyphen, zero-width),
non-breaking and other Unicode spaces become plain spaces, one apostrophe (the typographic
’, used in words such as ``l’armée``), quotes as « » (“ ” always; straight "…" pairs when a
paragraph's quotes are balanced) with one space inside, collapsed spaces, and paragraphs
separated by a single newline, a tabloid's capitalised first name opening a paragraph
(``VLADIMIR Poutine`` → ``Vladimir Poutine``; an acronym, ``SNCF Réseau``, ``RATP``, has
fewer than two vowels or is shorter, and stays). ``clean_text`` is idempotent.
"""

from __future__ import annotations

import json
import re
import unicodedata
from dataclasses import asdict, dataclass, field, replace

from summarize.text.formats import dump_txt
from summarize.text.glue import (
    LOWER,
    UPPER,
    _is_abbreviation,
    repair_glued,
    split_headings,
    split_quote_headings,
)
from summarize.types import Article

__all__ = ["CleanResult", "Removal", "clean_article", "clean_report", "clean_text",
           "format_removals", "normalize_text", "render", "repair_glued"]


@dataclass
class Removal:
    """One piece of removed text and why (``script``, ``credit``, ``footer``…)."""

    kind: str
    text: str


@dataclass
class CleanResult:
    """The cleaned text and what was removed from it, in order."""

    text: str
    removed: list[Removal] = field(default_factory=list)


# --- Unicode and spacing ---------------------------------------------------------------------

_INVISIBLE = re.compile("[\u00ad\u200b\u200c\u200d\u2060\ufeff]")
_SPACES = re.compile(r"[^\S\n]+")  # any whitespace except newline (covers U+00A0, U+202F…)
_CONTROLS = re.compile(r"[\x00-\x08\x0b-\x1f\x7f-\x9f]")
_APOSTROPHE = re.compile(r"['ʼ`´](?<=\w.)(?=\w)")
_CURLY_OPEN = re.compile(r"[“„‟]")
_CURLY_CLOSE = re.compile(r"”")
_GUILLEMET_OPEN = re.compile(r"«\s*")
_GUILLEMET_CLOSE = re.compile(r"\s*»")
_SPACE_BEFORE_OPEN = re.compile(r"«(?<=[\w.,;:!?…)\]»%]«)")
_SPACE_AFTER_CLOSE = re.compile(r"»(?=[\w«(\[])")


_OPENS_AFTER = "([«'’—–-/"
_CLOSES_BEFORE = ".,;:!?)]…»-–—/"


def _straight_quotes(par: str) -> str:
    """A paragraph's straight double quotes as « and », each read by what is around it (after a
    space, before a word: opens; after a word, before a space or a mark: closes). A closing one
    with none open or an opening one inside a quote is a typo and goes (by parity, one stray
    reversed all that followed: "» On est là … «", blind reading 14); one never closed stays."""
    if '"' not in par:
        return par
    parts = par.split('"')
    marks, open_at = [], None
    at = [k for k, c in enumerate(par) if c == '"']
    for k in at:
        before, after = par[k - 1:k], par[k + 1:k + 2]
        opens = (not before or before.isspace() or before in _OPENS_AFTER) and after and not after.isspace()
        closes = before and not before.isspace() and (not after or after.isspace() or after in _CLOSES_BEFORE)
        if before.isdigit() and closes and open_at is None:
            marks.append('"')  # 6" de haut: inches, no quote
        elif open_at is None and not (closes and not opens):
            marks.append("«")
            open_at = len(marks) - 1
        elif open_at is not None and not (opens and not closes):
            marks.append("»")
            open_at = None
        else:
            marks.append("")  # a stray quote
    if open_at is not None:
        marks[open_at] = '"'  # opened and never closed
    return parts[0] + "".join(m + part for m, part in zip(marks, parts[1:]))


#: A tabloid's drop-cap opening: a first name in capitals before the surname ("VLADIMIR Poutine").
_SHOUTED = re.compile(rf"^[{UPPER}]{{4,}}(?=\s[{UPPER}][{LOWER}])")


def _unshout(m: re.Match) -> str:
    """A first name in capitals written as a name; an acronym (few vowels) as it is."""
    word = m.group(0)
    vowels = sum(c in "AEIOUYÀÂÄÉÈÊËÎÏÔÖÙÛÜ" for c in word)
    return word.capitalize() if vowels >= 2 and vowels / len(word) >= 0.3 else word


def _typography(par: str) -> str:
    if par[:4].isupper():
        par = _SHOUTED.sub(_unshout, par)
    if any(q in par for q in "'ʼ`´"):
        par = _APOSTROPHE.sub("’", par)
    if "«" in par:
        par = _SPACE_BEFORE_OPEN.sub(" «", _GUILLEMET_OPEN.sub("« ", par))
    if "»" in par:
        par = _SPACE_AFTER_CLOSE.sub("» ", _GUILLEMET_CLOSE.sub(" »", par))
    return _SPACES.sub(" ", par).strip()


def _unicode(text: str) -> str:
    text = unicodedata.normalize("NFC", text.replace("\r\n", "\n").replace("\r", "\n"))
    text = _INVISIBLE.sub("", text).replace("\u2028", "\n").replace("\u2029", "\n")
    if any(q in text for q in "“„‟”"):
        text = _CURLY_CLOSE.sub("»", _CURLY_OPEN.sub("«", text))
    return _SPACES.sub(" ", _CONTROLS.sub("", text))


def normalize_text(text: str) -> str:
    """Unicode, spacing, apostrophes and quotes only (for titles): nothing is removed."""
    pars = (_typography(_straight_quotes(p)) for p in _unicode(text).split("\n"))
    return "\n".join(p for p in pars if p)


# --- Removals --------------------------------------------------------------------------------

_S = r"(?:^|(?<=[.!?…»\")\]] ))"  # at a sentence (or paragraph) start
_END = r"[^\n]*?(?:[.!?…](?=\s|$)|$)"  # to the end of that sentence

_VIDEO_NOTICE = re.compile(
    r"(?:Pour visionner cette vidéo, veuillez activer JavaScript|To view this video please "
    r"enable JavaScript)[^.\n]*\.?(?:\s*(?:navigateur|browser)(?: Web)? (?:qui|that))?"
    r"(?:\s*(?:prend en charge|supports) (?:la vidéo )?HTML5(?: vidéo| video)?)?"
    r"(?:\s*vidéo\b)?",
    re.IGNORECASE,
)
_VIDEO_FRAGMENT = re.compile(
    r"^(?:[Nn]avigateur(?: [Ww]eb)? qui|[Pp]rend en charge (?:la vidéo )?HTML5(?: vidéo)?|vidéo)$"
    rf"|^vidéo (?=[{UPPER}])|^VID[ÉE]OS? ?[-–.:] ?(?=[\w«\"])"
)
_CREDIT_PAREN = re.compile(
    r"\((?:Photos?|Crédits?(?: photo)?|Credits?|Images?|Illustration|Source photo)"
    r"\s?:\s?[^()\n]{1,80}\)",
    re.IGNORECASE,
)
_CREDIT_TAIL = re.compile(  # "… à Tsiolkovsky Crédit : AP" at the end of a paragraph
    r"(?:^|(?<=\s))(?:Crédits?(?: photo)?|Credits?)\s?:\s?[^\n]{1,60}$"
    r"|(?:^|(?<=[.!?…»\")\]] ))Source\s?:\s?[^\n.!?]{1,40}$"
)
_PHOTO_TAIL = re.compile(  # "….Photo : la Bugatti Chiron à Francfort" ending a paragraph
    rf"(?:^|(?<=[.!?…»\")\]] )|(?<=[{LOWER}]))"
    r"(?:Photos?|Images?|Source photo)\s?:\s?[^\n]{1,150}$"
)
#: Embedded video titles glued to their provider: ``… 3 mortspar euronews (en français)``.
_VIDEO_PROVIDER = re.compile(
    r"(?:(?<=\S)|(?<=» ))par (?:euronews \(en français\)|BFMTV|franceinfo|6MEDIAS|France Inter"
    r"|Europe 1|Non Stop (?:Zapping|People)|Lopinion\.fr|CANAL\+|CNEWS|rtl\.fr|Public Sénat|RMC|LCP"
    r"|Jeanmarcmorandini\.com|France Bleu|Medisite vidéos|Sport Auto|Auto Plus|Le Télégramme"
    r"|PremiereFR|dh_be)"
)
_EMBED = re.compile(r"\[EMBED [^\]\n]{0,300}\]")
_WORD = re.compile(r"[^\W\d_]{2,}")
_CAPTION_START = re.compile(r"[.!?…](?: ?[»\")\]])*\s")
_FOOTER = re.compile(
    "|".join([
        _S + r"Contactez notre équipe de presse" + _END,
        _S + r"Pour plus d[’']histoires comme celle-ci" + _END,
        _S + r"Obtenez ce dont vous avez besoin[^.!?\n]{0,80}(?:[.!?]|$)",
        _S + r"[Dd]ernières nouvelles, histoires de bien-être, analyses et plus encore",
        _S + r"Ce site est protégé par reCAPTCHA" + _END,
        _S + r"This site is protected by reCAPTCHA" + _END,
        _S + r"(?:Inscrivez-vous|Abonnez-vous) (?:à|a) (?:notre|la|nos) (?:newsletter|lettre"
        r" d[’']information)" + _END,
        r"\bPlus ?: ?Tendances?\b",
        r"\b(?:Lien source|Source link)\s*$",
    ]),
    re.MULTILINE,
)
_FOOTER_KEYS = ("Contactez", "histoires", "Obtenez", "reCAPTCHA", "Inscrivez", "Abonnez",
                "Tendance", "Lien source", "Source link")
_CONTRIBUTOR = re.compile(
    _S + r"[^.!?\n]{1,120}? (?:a|ont) contribué à (?:ce|cet) (?:rapport|article|reportage)"
    r"[^.!?\n]{0,40}[.!]?"
    r"|" + _S + r"[^.!?\n]{1,120}? contributed to this (?:report|article)\.?",
    re.MULTILINE,
)
_EMAIL_LEFTOVER = re.compile(r"\[email(?:&#160;|\s)?protected\]", re.IGNORECASE)
_PROMO = re.compile(  # capitals up to the next ordinary word, or one "Cliquez ici…" sentence
    _S + rf"(?:CLIQUEZ ICI[^{LOWER}\n]*?(?=\s*[{UPPER}][{LOWER}]|$)"
    r"|Cliquez ici pour[^\n.!?]*[.!?]?)",
    re.MULTILINE,
)

_JS_START = re.compile(
    r"\b(?:window|document)\.[\w$.]+\s*(?:=|\()|\(\s*function\s*\(|<script\b"
    r"|\bfunction\s+[\w$]+\s*\([^)]*\)\s*\{|\b(?:var|let|const)\s+[\w$]+\s*="
    r"|\b(?:googletag|dataLayer|_taboola|_gaq)\b[\w$.]*\s*(?:\.push|=)"
)
_JS_KEYS = ("function", "window.", "var ", "document.", "<script", "let ", "const ", ".push")
_JS_MORE = re.compile(
    r"\s*(?:[({};,.=)]|(?:if|else|return|var|let|const|function|try|new|for|while)\b"
    r"|(?:window|document)\.|[\w$]+\s*=[^=]|[\w$]+\.[\w$]+\s*\()"
)


def _script_end(par: str, start: int) -> int:
    """End of the JavaScript run starting at ``start`` (brackets and strings are tracked)."""
    depth, i, n = 0, start, len(par)
    while i < n:
        char = par[i]
        if char in "'\"`":
            close = par.find(char, i + 1)
            if close == -1:
                return n
            i = close + 1
            continue
        if char in "({[":
            depth += 1
        elif char in ")}]":
            depth -= 1
            if depth <= 0 and not _JS_MORE.match(par, i + 1):
                return i + 1
            depth = max(depth, 0)
        elif char == ";" and depth == 0 and not _JS_MORE.match(par, i + 1):
            return i + 1
        i += 1
    return n


def _remove_scripts(par: str, removed: list[Removal]) -> str:
    if not any(k in par for k in _JS_KEYS):
        return par
    while match := _JS_START.search(par):
        end = _script_end(par, match.start())
        removed.append(Removal("script", par[match.start():end].strip()))
        par = par[:match.start()] + " " + par[end:]
    return par


def _sub(pattern: re.Pattern[str], kind: str, par: str, removed: list[Removal],
         by: str = " ") -> str:
    def cut(match: re.Match[str]) -> str:
        if match.group().strip():
            removed.append(Removal(kind, match.group().strip()))
        return by

    return pattern.sub(cut, par)


def _caption_start(par: str, end: int, title: bool = False) -> int:
    """Start of the caption that ends at ``end``: the last sentence boundary before it.

    A video ``title`` may end with its own punctuation (``… nécessaire. » par France Inter``)
    and may hold a boundary before a wordless tail (``Retraites : un compromis ? - 10/01``).
    """
    starts = [0]
    for match in _CAPTION_START.finditer(par, 0, end):
        if title and match.end() >= end:
            break
        if not (par[match.start()] == "." and _is_abbreviation(par, match.start())):
            starts.append(match.end())
    if title:
        while len(starts) > 1 and not _WORD.search(par, starts[-1], end):
            starts.pop()
    return starts[-1]


def _remove_credits(par: str, removed: list[Removal]) -> str:
    if not any(w in par for w in ("Photo", "photo", "Crédit", "Credit", "Image", "Source", "par ")):
        return par
    tail = max(0, len(par) - 200)
    while match := (_CREDIT_PAREN.search(par) or _CREDIT_TAIL.search(par, tail)
                    or _VIDEO_PROVIDER.search(par) or _PHOTO_TAIL.search(par, tail)):
        start, video = match.start(), match.re is _VIDEO_PROVIDER
        if match.re is not _PHOTO_TAIL:  # a photo tail is its own caption
            start = _caption_start(par, match.start(), title=video)
            caption = par[start:match.start()].strip()
            if caption and len(caption) <= 200:
                removed.append(Removal("video" if video else "caption", caption))
            else:
                start = match.start()
        removed.append(Removal("credit", match.group().strip()))
        par = (par[:start] + " " + par[match.end():]).strip()
        tail = max(0, len(par) - 200)
    return par


_HAS_LOWER = re.compile(rf"[{LOWER}]")


def _is_promo(par: str) -> bool:
    """A paragraph in capitals without final punctuation (promo or link headline)."""
    return (not _HAS_LOWER.search(par) and sum(c.isalpha() for c in par) >= 12
            and len(par.split()) >= 3 and not par.endswith((".", "!", "?", "…", "»", '"')))


def _remove_boilerplate(par: str, removed: list[Removal]) -> str:
    par = _remove_scripts(par, removed)  # again: another removal may expose a script's start
    par = _sub(_VIDEO_FRAGMENT, "video", par, removed).strip()
    par = _remove_credits(par, removed)
    while any(k in par for k in _FOOTER_KEYS) and _FOOTER.search(par):
        # one footer line can hide the next one's sentence start: repeat
        par = _SPACES.sub(" ", _sub(_FOOTER, "footer", par, removed)).strip()
    if "contribu" in par:
        par = _sub(_CONTRIBUTOR, "contributor", par, removed)
    if "LIQUEZ ICI" in par or "liquez ici" in par:
        par = _sub(_PROMO, "promo", par, removed)
    if "[EMBED" in par:
        par = _sub(_EMBED, "embed", par, removed)
    if "[email" in par:
        par = _sub(_EMAIL_LEFTOVER, "email", par, removed)
    return par


def _clean_paragraph(par: str, removed: list[Removal]) -> str:
    par = _remove_scripts(par.strip(), removed)
    par = split_headings(_typography(split_quote_headings(_straight_quotes(repair_glued(_SPACES.sub(" ", par))))))
    for _ in range(4):  # a removal can change quote parity or expose a paragraph start or a
        cut = _remove_boilerplate(par, removed)  # glued heading ("jeudiLe[EMBED …] jeudi")
        if cut == par:
            break
        par = split_headings(_typography(split_quote_headings(_straight_quotes(repair_glued(cut)))))
    if "\n" in par:  # split at a glued heading: each line is a paragraph of its own, cleaned
        # as one ("Photo : AFP.frLe gouvernement…": the credit line goes on this pass)
        return "\n".join(p for p in (_clean_paragraph(line, removed) for line in par.split("\n")) if p)
    if _is_promo(par):
        removed.append(Removal("promo", par))
        return ""
    if par and not any(c.isalnum() for c in par):  # ``***``, ``---``, a line of emoji
        removed.append(Removal("symbols", par))
        return ""
    return par


def clean_report(text: str) -> CleanResult:
    """Clean ``text`` and list what was removed (see the module docstring)."""
    removed: list[Removal] = []
    text = _unicode(text)
    if "JavaScript" in text or "javascript" in text:
        text = _sub(_VIDEO_NOTICE, "video", text, removed, "\n")
    pars = (_clean_paragraph(p, removed) for p in text.split("\n"))
    return CleanResult("\n".join(p for p in pars if p), removed)


def clean_text(text: str) -> str:
    """The cleaned text only (idempotent: ``clean_text(clean_text(x)) == clean_text(x)``)."""
    return clean_report(text).text


def clean_article(article: Article) -> Article:
    """A copy of ``article`` with cleaned text and a normalised title."""
    title = normalize_text(article.title) if article.title else article.title
    return replace(article, text=clean_text(article.text), title=title or None)


# --- Output of the ``summarize clean`` command -----------------------------------------------

def render(article: Article, result: CleanResult, fmt: str = "txt", *,
           to_file: bool = False) -> str:
    """A cleaned article as ``json`` (id, title, date, text, removed=[{kind, text}]) or ``txt``:
    a ``# <id>`` header then the text, or for a file the text after its date marker."""
    if fmt == "json":
        return json.dumps({"id": article.id, "title": article.title, "date": article.date,
                           "text": result.text, "removed": [asdict(r) for r in result.removed]},
                          ensure_ascii=False) + "\n"
    return dump_txt(result.text, article.date) if to_file else f"# {article.id}\n{result.text}\n"


def format_removals(article: Article, result: CleanResult) -> str:
    """What was removed from one article, one ``kind: text`` line each (for ``--explain``)."""
    lines = [f"# {article.id}: {len(result.removed)} removal(s)"]
    lines += [f"  {r.kind}: {' '.join(r.text.split())}" for r in result.removed]
    return "\n".join(lines)
