"""Time in a briefing: which day each fact happened, dates written out, the latest news first.

A story told over several days (its articles' dates differ) is a briefing's hardest case:
"jeudi" in Tuesday's article is not the Thursday of Friday's article, a toll of Monday is
superseded by Wednesday's, and the latest development is the news. This module gives
the planner (``plan.py``) what it needs:

- :func:`days_of` and :func:`spans_days`: each article's day, and whether they differ;
- :func:`fact_day`: the day a sentence reports (``when.event_date`` against its article);
- :func:`write_dates`: a relative day ("jeudi", "hier soir", "ce week-end") of an article
  that is not the latest, written out ("jeudi 6 août"), as edits a JSON reader can audit;
- :func:`supersedes`: a later article's figure or news on the same topic replaces an earlier
  one (a toll, a forecast);
- :func:`news_order`: the latest development first, then the background in date order.
"""

from __future__ import annotations

import re
from collections.abc import Sequence
from datetime import date, timedelta

from summarize.text.when import MONTHS, TimeRef, day_of, event_date, find_times, french_date
from summarize.types import Article, RankedSentence

_FIGURE = re.compile(r"\d")
#: What a part of the day becomes after a written-out date.
_PARTS = {"matin": "au matin", "soir": "au soir", "midi": "à midi", "après-midi": "après-midi"}
_THIS = {"ce matin": "au matin", "ce soir": "au soir", "ce midi": "à midi",
         "cet après-midi": "après-midi"}


def days_of(articles: Sequence[Article]) -> dict[str, date | None]:
    """Article id → its day (None when undated or dated to the month)."""
    return {a.id: day_of(a.date) for a in articles}


def spans_days(days: dict[str, date | None]) -> bool:
    """Do the articles' days differ (a story told over several days)?"""
    return len({d for d in days.values() if d is not None}) > 1


def fact_day(sentence: RankedSentence, article_day: date | None) -> date | None:
    """The day a ranked sentence reports (``RankedSentence.date``, set by the ranker: its
    first resolved day expression, else its article's date)."""
    if sentence.date:
        return date.fromisoformat(sentence.date)
    return event_date(sentence.text, article_day)


def _written(ref: TimeRef, latest: date) -> str | None:
    """The written-out form of a relative day expression, or None to leave it."""
    if ref.date is None or not ref.relative:
        return None
    low = " ".join(ref.text.lower().replace("’", "'").split())
    year = ref.date.year != latest.year
    if re.match(r"\d|1er", low) or re.search(r"\d", low):  # "18 février", "jeudi 6 août": explicit
        return None
    if "week" in low:
        sunday = ref.date + timedelta(days=1)
        if sunday.month == ref.date.month:
            out = f"le week-end des {ref.date.day} et {sunday.day} {MONTHS[sunday.month - 1]}"
        else:
            out = (f"le week-end du {french_date(ref.date, weekday=False)} "
                   f"et du {french_date(sunday, weekday=False)}")
        return out + (f" {sunday.year}" if year else "")
    if low == "cette nuit":
        return f"la nuit du {french_date(ref.date, year=year)}"
    day = french_date(ref.date, year=year)
    if low in _THIS:
        return f"{day} {_THIS[low]}"
    part = next((p for p in _PARTS if low.endswith(" " + p)), None)
    return f"{day} {_PARTS[part]}" if part else day


def write_dates(text: str, article_day: date | None, latest: date | None, *,
                always: bool = False) -> tuple[str, list[dict]]:
    """``text`` with each relative day expression written out as a date, when its article is
    not of the latest day (``always``: whatever its day); the edits as ``{"type": "date",
    "from", "to", "date"}``. The year is written when it is not ``latest``'s."""
    if article_day is None or latest is None or (article_day >= latest and not always):
        return text, []
    edits, out, at = [], [], 0
    for ref in find_times(text, article_day):
        new = _written(ref, latest)
        if new is None:
            continue
        if text[ref.start:ref.start + 1].isupper():
            new = new[0].upper() + new[1:]
        out += [text[at:ref.start], new]
        at = ref.end
        edits.append({"type": "date", "from": ref.text, "to": new, "date": ref.date.isoformat()})
    return "".join(out + [text[at:]]), edits


def undated_relative(text: str, article_day: date | None, latest: date | None) -> list[str]:
    """The relative day expressions left in a sentence of an article that is not the latest
    (what :func:`write_dates` could not write out); empty for the latest day's sentences."""
    if article_day is None or latest is None or article_day >= latest:
        return []
    return [r.text for r in find_times(text, article_day)
            if r.relative and r.date is not None and _written(r, latest) is not None]


def supersedes(later: str, later_day: date | None, earlier: str, earlier_day: date | None,
               similarity: float, threshold: float) -> bool:
    """Does ``later`` (a sentence of a later day, on the same topic: cosine ≥ ``threshold``)
    replace ``earlier``: both give figures (a toll, a count), or ``earlier`` announces what
    ``later`` reports (a forecast, a date to come)?"""
    if later_day is None or earlier_day is None or later_day <= earlier_day or similarity < threshold:
        return False
    if _FIGURE.search(later) and _FIGURE.search(earlier):
        return True
    return any(r.date is not None and r.date >= later_day for r in find_times(earlier, earlier_day))


def news_order(facets: list, day: dict[int, date | None], published: dict[int, date | None]) -> list:
    """The latest news first: the most salient facet first reported on the latest day
    (``published``: ``id(facet)`` → the day of its first article); then the others by the day of their fact (``day``; an undated one
    keeps the day of the facet before it); a headline stays first."""
    heads = [f for f in facets if getattr(f, "headline", False)]
    body = [f for f in facets if not getattr(f, "headline", False)]
    known = [published[id(f)] for f in body if published.get(id(f)) is not None]
    if not known:
        return facets
    latest = max(known)
    lead = max((f for f in body if published.get(id(f)) == latest), key=lambda f: f.score)
    rest = [f for f in body if f is not lead]
    when: dict[int, date] = {}
    last = latest
    for f in rest:
        last = day.get(id(f)) or last
        when[id(f)] = last
    order = {id(f): i for i, f in enumerate(rest)}
    rest.sort(key=lambda f: (when[id(f)], order[id(f)]))
    return heads + [lead] + rest
