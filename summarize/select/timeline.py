"""Timeline: a cluster's events, one dated line each, in date order (``brief --timeline``).

The cluster's ranked sentences are grouped into facets as the planner groups them (one fact
in different words); each facet that reads on its own becomes an event, dated by the day it
reports (``when.event_ref``: its first day expression that is not a bound, a comparison, a
noun's date or a date to come), or by its article's date when it is the article's first
sentence and not background (a pluperfect, another year); a day named relative to another
event ("la veille") is left out.
Relative days are written out. The most salient events are kept (``per_day`` a day, at most
``max_events``), then told in date order. Undated facts have no place on a timeline.
"""

from __future__ import annotations

import re
from collections.abc import Sequence
from dataclasses import dataclass, field
from datetime import date

from summarize.select.chrono import DEICTIC, anaphoric, days_of, write_dates
from summarize.select.plan import group
from summarize.select.rank import rank
from summarize.select.readable import readable
from summarize.text.when import event_ref, find_times, french_date
from summarize.types import Article, RankedSentence

#: A pluperfect or a past far from the article's day ("avait été", "en 2011"): background.
_BACKGROUND = re.compile(r"\b(?:avai(?:t|ent)|étai(?:t|ent)|eut|en (?:19|20)\d\d)\b",
                         re.IGNORECASE)


@dataclass
class Event:
    """One dated fact of the story and the articles that report it."""

    day: date
    text: str
    article_ids: list[str] = field(default_factory=list)
    score: float = 0.0
    edits: list[dict] = field(default_factory=list)
    dated_by: str = "text"  # "text": a day the sentence names; "article": its article's date
    also_in: list[str] = field(default_factory=list)  # articles saying it in other words

    @property
    def label(self) -> str:
        """The date as a reader sees it ("lundi 3 août 2020", "… (date de l'article)")."""
        day = french_date(self.day, year=True)
        return day if self.dated_by == "text" else f"{day} (date de l'article)"

    def to_dict(self) -> dict:
        out = {"date": self.day.isoformat(), "dated_by": self.dated_by, "text": self.text,
               "article_ids": self.article_ids}
        if self.edits:
            out["edits"] = self.edits
        if self.also_in:
            out["also_in"] = self.also_in
        return out


def timeline(articles: Sequence[Article], ranked: Sequence[RankedSentence] | None = None, *,
             per_day: int = 2, max_events: int = 10, scorer=None) -> list[Event]:
    """The dated events of a cluster of *cleaned* articles, oldest first."""
    ranked = list(ranked) if ranked is not None else rank(articles, scorer=scorer)
    days = days_of(articles)
    events: list[Event] = []
    for members in group(ranked):
        by_day: dict[date | None, list[RankedSentence]] = {}
        for i in members:  # one fact on two days (a toll, then its update): two events
            by_day.setdefault(days.get(ranked[i].article_id), []).append(ranked[i])
        for sources in by_day.values():
            events += _event(sources, days)
    kept: list[Event] = []
    per: dict[date, int] = {}
    for event in sorted(events, key=lambda e: -e.score):
        if per.get(event.day, 0) < per_day and len(kept) < max_events:
            kept.append(event)
            per[event.day] = per.get(event.day, 0) + 1
    return sorted(kept, key=lambda e: e.day)


def _event(sources: list[RankedSentence], days: dict[str, date | None]) -> list[Event]:
    """The event one day's sentences of a fact tell, if it can be dated."""
    said = next((s for s in sources if readable(s.text)), None)
    if said is None:
        return []
    published = days.get(said.article_id)
    ref = event_ref(said.text, published)
    named = {t.date for t in find_times(said.text, published) if t.date and t.date <= (published or t.date)}
    if len(named) > 1:
        return []  # "réélu le 28 juin après le 15 mars": which day is the fact's?
    if ref is not None:
        when, dated_by = ref.date, "text"
    elif said.position == 0 and not _BACKGROUND.search(said.text):
        when, dated_by = published, "article"  # an article's lead: its day's news, as dated
    else:
        return []  # background, a deadline or an anaphoric day: no date to show
    if when is None or anaphoric(said.text) or DEICTIC.search(said.text):
        return []
    text, edits = write_dates(said.text, published, published, always=True)
    every = list(dict.fromkeys(a for s in sources for a in (s.article_ids or [s.article_id])))
    ids = list(dict.fromkeys(said.article_ids or [said.article_id]))  # cited: those with it
    return [Event(when, text, ids, float(said.score) * len(every), edits, dated_by,
                  [a for a in every if a not in ids])]
