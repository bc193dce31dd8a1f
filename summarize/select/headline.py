"""The headline a briefing opens with: the sources' most representative usable title."""

from __future__ import annotations

import re
from collections.abc import Sequence

import numpy as np

from summarize.select.chrono import days_of
from summarize.select.facet import Facet
from summarize.select.rank import tfidf
from summarize.select.readable import END
from summarize.text.tokenize import content_words
from summarize.types import Article, RankedSentence

#: A latest-day title this far from the most central one (cosine below) reports a later
#: development and heads a story over several days: 1.0, any other title. On the 34 MDS
#: validation clusters over several days the two differ in 26, all below 0.3 ("Ferrand
#: entendu" → "Ferrand mis en examen", "1.100 morts" → "2.606 décès"); blind readers found
#: older headlines misleading. It costs 0.31 R-1 and 0.66 R-L on that suite, whose
#: references are the abstracts in date order.
LATER_TITLE = 1.0


#: A rubric before the headline proper ("VIDÉO. Gay Pride : …", "DIRECT - …").
_RUBRIC = re.compile(r"^(?:VID[ÉE]OS?|PHOTOS?|EN IMAGES|DIRECT|INFO\b[^.:–-]*|EXCLUSIF|AUDIO|REPLAY|"
                     r"CARTE|INFOGRAPHIE|ALERTE)\s*[.:–-]\s*")


#: A title that announces an article instead of saying the news ("ce que l'on sait").
_TEASER = re.compile(r"ce qu(?:e\s+|['’])(?:il faut|on|l['’]on)\s+(?:sait|retenir|savoir)|^(?:Découvrez|Revivez|"
                     r"Regardez|Voici|Voilà)\b|\b(?:en images|en vidéo|EN DIRECT)\b", re.IGNORECASE)


def _headline_text(title: str | None) -> str:
    """``title`` as a headline the briefing can say (rubric removed, final period added), or
    "" when it cannot: a question, a teaser, unbalanced quotes, under 4 or over 25 words."""
    text = _RUBRIC.sub("", " ".join((title or "").split()))
    words = text.split()
    opens = text[:1].isupper() or text[:1] in "«\""
    if (not 4 <= len(words) <= 25 or not opens or "?" in text or _TEASER.search(text)
            or text.count("«") != text.count("»") or text.count('"') % 2):
        return ""
    return text if END.search(text) else text + "."


def best_headline(articles: Sequence[Article], latest: bool = False) -> Facet | None:
    """The facet that heads the briefing: the sources' most representative title (highest
    summed TF-IDF cosine to all the titles; the earliest article on ties), attributed to every
    article with that title; with ``latest`` (a story over several days), the most
    representative title of the latest day's articles instead when it tells another
    development (TF-IDF cosine to the central title under ``LATER_TITLE``). None when no
    article has a usable title."""
    texts = {a.id: _headline_text(a.title) for a in articles}
    usable = [a for a in articles if texts[a.id]]
    if not usable:
        return None
    matrix = tfidf([content_words(texts[a.id]) for a in usable])
    sim = (matrix @ matrix.T).toarray()
    centrality = np.round(sim.sum(axis=1), 9)
    k = int(np.argmax(centrality))  # argmax: the first of equals
    days = days_of(usable)
    if latest and any(days.values()):
        last = max(d for d in days.values() if d)
        newest = np.where([days[a.id] == last for a in usable], centrality, -1.0)
        j = int(np.argmax(newest))
        if days[usable[k].id] != last and sim[j, k] < LATER_TITLE:  # a later development
            k = j
    best = usable[k]
    text = texts[best.id]
    ids = list(dict.fromkeys(a.id for a in usable if texts[a.id] == text))
    source = RankedSentence(text, 1.0, best.id, -1, ids, {"headline": 1.0})
    return Facet([source], 1.0, text, ids, headline=True)
