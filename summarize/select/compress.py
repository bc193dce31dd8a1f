"""Compress stage: shorten a source sentence by deleting whole constituents.

Compressive summarization as in Durrett et al. (2016) and Xu & Durrett (2019, JECS): a
sentence chosen for the briefing may lose constituents that carry little of the story, and
the words it keeps are the source's words in the source's order, so a compression can say
nothing its source does not. Deletions are limited to constituents whose removal leaves
French grammatical, found from punctuation and their first words:

* ``paren``: a parenthetical, `` (PS)``;
* ``lead``: a short opening adverbial before the first comma (``Mercredi,``, ``Par ailleurs,``,
  ``Dans un communiqué,``), and an opening ``Mais``/``Et``/``Or``;
* ``inner``: an incise between commas: a non-restrictive relative (``, qui …,``), an
  apposition after a name (``, 45 ans,``, ``, ancien ministre,``) or an adverb (``, lui,``);
* ``tail``: a closing relative, participle or ``soit …`` (``, qui …``, ``, faisant …``).

Nothing inside « » quotes is touched, and neither attributions (``selon …``, ``a-t-il dit``)
nor numbers and dates are ever deleted. Which candidates go is decided by
:class:`Compressor`, a logistic regression
trained on OrangeSum *train* (``summarize compress-train``): a constituent is labelled
"delete" when the abstract sentence its source sentence was aligned to does not use its
content words.
"""

from __future__ import annotations

import math
import re
from collections.abc import Iterable, Mapping, Sequence
from dataclasses import dataclass
from pathlib import Path

from summarize.io import read_json_model, write_json_model
from summarize.text.tokenize import content_words

_DAYS = r"(?:lundi|mardi|mercredi|jeudi|vendredi|samedi|dimanche)"
_MONTHS = (r"(?:janvier|février|mars|avril|mai|juin|juillet|août|septembre|octobre|novembre|"
           r"décembre)")
_DATE = re.compile(rf"^(?:(?:ce|cette|dès|depuis|jusqu'à)\s+)?(?:{_DAYS}|le\s+\d|l'an\s+dernier|"
                   rf"en\s+\d{{4}}|en\s+{_MONTHS}|début|fin|mi-|hier|aujourd'hui|cette\s+semaine|"
                   rf"ce\s+week-end|la\s+semaine\s+dernière|dans\s+la\s+(?:nuit|soirée|matinée)|"
                   rf"(?:samedi|dimanche)?\s*soir|\d{{1,2}}\s+{_MONTHS})", re.IGNORECASE)
_CONNECTIVES = re.compile(
    r"^(?:par ailleurs|en effet|de son côté|de leur côté|pour sa part|pour leur part|ainsi|"
    r"toutefois|cependant|néanmoins|pourtant|en outre|d'ailleurs|d’ailleurs|au final|finalement|"
    r"enfin|pour rappel|pour l'heure|pour l’heure|pour l'instant|pour l’instant|dans le détail|"
    r"concrètement|en revanche|de plus|en attendant|au passage|selon nos informations|"
    r"dans un communiqué|dans un entretien|dans une interview|dans un message|"
    r"lors d'une conférence de presse|lors d’une conférence de presse|interrogée? par|"
    r"invitée? (?:de|sur|du)|contactée? par|sur (?:son|leur) compte)\b", re.IGNORECASE)
_INNER_ADVERBS = re.compile(
    r"^(?:lui|elle|eux|elles|notamment|également|par ailleurs|en effet|de son côté|"
    r"pour sa part|quant à (?:lui|elle|eux)|d'ailleurs|d’ailleurs|en outre|toutefois|"
    r"cependant|néanmoins|pourtant|ainsi|aussi|enfin|pour rappel|en revanche|de plus)$", re.IGNORECASE)
_RELATIVE = re.compile(r"^(?:qui|dont|où|lequel|laquelle|lesquels|lesquelles|auquel|auxquels|"
                       r"ce qui|ce que|ce dont)\b", re.IGNORECASE)
_ROLE = re.compile(r"^(?:\d+\s+ans\b|âgée?s?\s+de|ancien(?:ne)?|ex-|actuel(?:le)?|nouvel(?:le)?|"
                   r"nouveau|président(?:e)?|ministre|secrétaire|porte-parole|directeur|"
                   r"directrice|patron(?:ne)?|chef(?:fe)?|maire|député(?:e)?|sénat(?:eur|rice)|"
                   r"candidat(?:e)?|fondat(?:eur|rice)|numéro|leader|dirigeant(?:e)?|"
                   r"responsable|avocat(?:e)?|procureur)\b", re.IGNORECASE)
_TAIL = re.compile(r"^(?:qui|dont|où|ce qui|soit|notamment|lequel|laquelle|"
                   r"\w+ant(?:\s|$))", re.IGNORECASE)
_ATTRIBUTION = re.compile(r"\b(?:selon|d'après|d’après|a-t-(?:il|elle)|ont-(?:ils|elles)|"
                          r"affirme|déclare|estime|explique|indique|précise|souligne)\b", re.IGNORECASE)
_SUBORDINATE = re.compile(r"^(?:quand|lorsqu|si|s'il|s’il|alors qu|bien qu|même si|comme|"
                          r"après qu|dès qu|pendant qu|puisqu|parce qu|tandis qu|afin qu|pour qu)",
                          re.IGNORECASE)
_CLEFT = re.compile(r"^(?:c'est|c’est|ce sont|c'était|c’était)\b", re.IGNORECASE)
_NOT_VERB = frozenset([
    "le", "la", "les", "l", "un", "une", "des", "du", "de", "d", "au", "aux", "à", "en", "dans",
    "sur", "par", "pour", "avec", "sans", "et", "ou", "mais", "ni", "dont", "qui", "que", "qu",
    "il", "elle", "ils", "elles", "on", "c", "ce", "cette", "ces", "nous", "je", "j", "son",
    "sa", "ses", "leur", "leurs", "notamment", "soit", "selon"])
_SAID = re.compile(r"^\s*(?:a|ont|avait|avaient)\s+(?:affirmé|déclaré|annoncé|indiqué|expliqué|"
                   r"précisé|estimé|souligné|ajouté|assuré|rappelé|confié|réagi|dénoncé|averti|"
                   r"prévenu|martelé|insisté|jugé|regretté|reconnu|répondu|confirmé|raconté|"
                   r"lancé|tweeté|écrit|dit|commenté|relevé|noté)\b", re.IGNORECASE)
_OPENING_CONJ = re.compile(r"^(?:Mais|Et|Or|Puis|Donc)\s+(?=\w)")
_DIGIT = re.compile(r"\d")  # numbers and dates are never deleted: an analyst needs them
_PAREN = re.compile(r"\s\([^()«»\"]{1,100}\)")
KINDS = ("paren", "lead_date", "lead_conn", "conj", "inner_rel", "inner_role", "inner_adv",
         "inner_date", "tail_rel", "tail_other")


@dataclass(frozen=True)
class Span:
    """A deletable constituent: characters ``start:end`` of the sentence, and its kind."""

    start: int
    end: int
    kind: str
    sep: str = ""  # what replaces the span


def _depths(text: str) -> list[int]:
    """Quote/parenthesis depth at each character (0 outside « », "…" and (…))."""
    out, depth, dquote = [], 0, False
    for ch in text:
        if ch in "«(":
            depth += 1
        elif ch in "»)":
            depth = max(0, depth - 1)
        elif ch == '"':
            dquote = not dquote
        out.append(depth + dquote)
    return out


def _segments(text: str) -> list[tuple[int, int]]:
    """(start, end) of the comma-separated segments at depth 0 (decimal commas excluded)."""
    depth = _depths(text)
    cuts = [m.start() for m in re.finditer(r",\s", text) if depth[m.start()] == 0
            and not (m.start() > 0 and text[m.start() - 1].isdigit() and text[m.end():m.end() + 1].isdigit())]
    bounds, start = [], 0
    for c in cuts:
        bounds.append((start, c))
        start = c + 2
    bounds.append((start, len(text)))
    return bounds


def _verb_phrase_follows(sentence: str, segs: list[tuple[int, int]], j: int) -> bool:
    """Does segment ``j`` read as the verb phrase of the subject before an incise: not a list
    item, not a clause with its own subject, not an inverted attribution ("…, a affirmé l'OMS."),
    and not a short apposition of its own (then it ends the sentence or runs > 6 words)?"""
    rest = sentence[segs[j][0]:segs[j][1]]
    first = re.split(r"[\s'’]", rest.strip().lower(), maxsplit=1)[0]
    if first in _NOT_VERB or not first.isalpha():
        return False
    last = j == len(segs) - 1
    subject = sentence[segs[0][0]:segs[j - 1][0]]
    if last and _SAID.match(rest) and not re.search(r"\bqu", rest) and (
            len(subject.split()) > 8 or "«" in subject):  # a whole clause before: inverted
        return False
    return last or len(rest.split()) > 6


def _incises(sentence: str, segs: list[tuple[int, int]], kinds: dict[int, str], lead: bool) -> list[int]:
    """The segments that can go with their commas, leaving "subject verb…": the run of incises
    right after the subject (the first segment, or the second after a deletable opener), when
    the subject is no subordinate clause and a verb phrase follows the run."""
    start = 2 if lead else 1
    if start not in kinds or _SUBORDINATE.match(sentence[segs[start - 1][0]:]):
        return []
    end = start
    while end + 1 in kinds:
        end += 1
    return list(range(start, end + 1)) if _verb_phrase_follows(sentence, segs, end + 1) else []


def candidates(sentence: str) -> list[Span]:
    """The deletable constituents of ``sentence``, in order, not overlapping."""
    depth = _depths(sentence)
    spans: list[Span] = []
    m = _OPENING_CONJ.match(sentence)
    if m:
        spans.append(Span(0, m.end(), "conj"))
    segs = _segments(sentence)
    last = len(segs) - 1
    inner: dict[int, str] = {}
    for i, (a, b) in enumerate(segs):
        seg = sentence[a:b].strip()
        words = seg.split()
        if not words or _ATTRIBUTION.search(seg) or "«" in seg or "»" in seg or _DIGIT.search(seg):
            continue
        if i == 0 and last >= 1 and not m and len(words) <= 8:
            kind = "lead_date" if _DATE.match(seg) else "lead_conn" if _CONNECTIVES.match(seg) else ""
            if kind:
                spans.append(Span(a, segs[1][0], kind))
        elif 0 < i < last and len(words) <= 12:
            before = sentence[:a - 2].rstrip()
            kind = ("inner_rel" if _RELATIVE.match(seg)
                    else "inner_adv" if _INNER_ADVERBS.match(seg)
                    else "inner_date" if _DATE.match(seg) and len(words) <= 5
                    else "inner_role" if _ROLE.match(seg) and (
                        re.search(r"[A-ZÀ-Þ][\w\-’']*\)?$", before)
                        or i - 1 in inner)  # a chain: "X, 42 ans, maire, …"
                    else "")
            if kind:
                inner[i] = kind
        elif i == last > 0 and len(words) <= 20 and _TAIL.match(seg) and not _CLEFT.match(sentence):
            end = len(sentence.rstrip(" .!?…"))
            if sentence[end:].strip() and end > a:
                kind = "tail_rel" if _RELATIVE.match(seg) else "tail_other"
                spans.append(Span(a - 2, end, kind))
    lead = bool(spans) and spans[0].kind.startswith("lead")
    for i in _incises(sentence, segs, inner, lead):  # ", X, " → " " (the commas go with it)
        a, b = segs[i]
        spans.append(Span(a - 2, min(b + 2, len(sentence)), inner[i], " "))
    for p in _PAREN.finditer(sentence):
        if depth[p.start()] == 0 and not _DIGIT.search(p.group()) and not any(
                s.start <= p.start() < s.end for s in spans):
            spans.append(Span(p.start(), p.end(), "paren"))
    return sorted(spans, key=lambda s: s.start)


def apply(sentence: str, spans: Iterable[Span], all_spans: Sequence[Span] = ()) -> str:
    """``sentence`` without ``spans``. An incise between two kept incises keeps its commas."""
    chosen = sorted(spans, key=lambda s: s.start)
    kept_inner = [s for s in all_spans if s.kind.startswith("inner") and s not in chosen]
    out, pos = [], 0
    for s in chosen:  # adjacent incises share a comma: their spans overlap
        out.append(sentence[pos:max(pos, s.start)])
        touching = any(k.start <= s.end and s.start <= k.end for k in kept_inner)
        out.append(", " if s.sep and touching else s.sep)
        pos = max(pos, s.end)
    out.append(sentence[pos:])
    text = re.sub(r"\s+", " ", "".join(out)).strip()
    text = re.sub(r"\s+([,.;:!?…])", r"\1", text).replace(",,", ",")
    text = re.sub(r",\s*([.!?…])$", r"\1", text)
    return text[:1].upper() + text[1:] if text else text


def span_features(sentence: str, span: Span, df: Mapping[str, float]) -> list[float]:
    """One row of the deletion model: kind, size, content, and the span's salience in its cluster."""
    seg = sentence[span.start:span.end]
    n, total = len(seg.split()), max(1, len(sentence.split()))
    content = content_words(seg)
    sal = [df.get(w, 0.0) for w in content]
    onehot = [1.0 if span.kind == k else 0.0 for k in KINDS]
    return onehot + [math.log1p(n), n / total, span.start / max(1, len(sentence)),
                     1.0 if re.search(r"\d", seg) else 0.0,
                     1.0 if re.search(r"\s[A-ZÀ-Þ]", seg) else 0.0,
                     len(content) / max(1, n), max(sal, default=0.0),
                     sum(sal) / len(sal) if sal else 0.0]


FEATURES = list(KINDS) + ["log_words", "share_of_sentence", "position", "has_number",
                          "has_name", "content_share", "max_salience", "mean_salience"]


def salience(sentences: Sequence[str]) -> dict[str, float]:
    """Share of a cluster's sentences that use each stemmed content word."""
    counts: dict[str, int] = {}
    for s in sentences:
        for w in set(content_words(s)):
            counts[w] = counts.get(w, 0) + 1
    return {w: c / max(1, len(sentences)) for w, c in counts.items()}


@dataclass
class Compressor:
    """Logistic regression over :data:`FEATURES`: P(delete) of a candidate constituent."""

    coef: list[float]
    intercept: float
    threshold: float = 0.5
    meta: dict | None = None

    def probabilities(self, sentence: str, spans: Sequence[Span], df: Mapping[str, float]) -> list[float]:
        out = []
        for s in spans:
            z = self.intercept + sum(c * x for c, x in zip(self.coef, span_features(sentence, s, df)))
            out.append(1.0 / (1.0 + math.exp(-z)))
        return out

    def compress(self, sentence: str, df: Mapping[str, float] | None = None) -> str:
        """``sentence`` without the constituents the model would delete (itself if none)."""
        spans = candidates(sentence)
        if not spans:
            return sentence
        probs = self.probabilities(sentence, spans, df or {})
        drop = [s for s, p in zip(spans, probs) if p >= self.threshold]
        return apply(sentence, drop, spans) if drop else sentence

    @classmethod
    def from_pretrained(cls, path: str | Path) -> Compressor:
        """Load ``compressor.json`` from a folder (or the file itself)."""
        data = read_json_model(path, "compressor.json", FEATURES, "compressor")
        return cls(data["coef"], data["intercept"], data.get("threshold", 0.5), data.get("meta"))

    def save_pretrained(self, folder: str | Path) -> Path:
        """Write ``compressor.json`` into ``folder`` atomically."""
        return write_json_model(folder, "compressor.json", {
            "features": FEATURES, "coef": self.coef, "intercept": self.intercept,
            "threshold": self.threshold, "meta": self.meta or {}})
