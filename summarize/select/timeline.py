"""Timeline: a cluster's events, one dated line each, in date order (``brief --timeline``).

The cluster's ranked sentences are grouped into facets as the planner groups them (one fact
in different words); each facet that reads on its own becomes an event, dated by the day it
reports (``chrono.fact_day``: its first resolved day expression, else its article's date),
its relative days written out. The most salient events are kept (``per_day`` a day, at most
``max_events``), then told in date order. Undated facts have no place on a timeline.
"""

from __future__ import annotations

from collections.abc import Sequence
from dataclasses import dataclass, field
from datetime import date

from summarize.select.chrono import days_of, fact_day, write_dates
from summarize.select.plan import group
from summarize.select.rank import rank
from summarize.select.readable import readable
from summarize.types import Article, RankedSentence


@dataclass
class Event:
    """One dated fact of the story and the articles that report it."""

    day: date
    text: str
    article_ids: list[str] = field(default_factory=list)
    score: float = 0.0
    edits: list[dict] = field(default_factory=list)

    def to_dict(self) -> dict:
        out = {"date": self.day.isoformat(), "text": self.text, "article_ids": self.article_ids}
        if self.edits:
            out["edits"] = self.edits
        return out


def timeline(articles: Sequence[Article], ranked: Sequence[RankedSentence] | None = None, *,
             per_day: int = 2, max_events: int = 10, scorer=None) -> list[Event]:
    """The dated events of a cluster of *cleaned* articles, oldest first."""
    ranked = list(ranked) if ranked is not None else rank(articles, scorer=scorer)
    days = days_of(articles)
    events: list[Event] = []
    for members in group(ranked):
        sources = [ranked[i] for i in members]
        said = next((s for s in sources if readable(s.text)), None)
        if said is None:
            continue
        published = days.get(said.article_id)
        when = fact_day(said, published)
        if when is None:
            continue
        text, edits = write_dates(said.text, published, published, always=True)
        ids = list(dict.fromkeys(a for s in sources for a in (s.article_ids or [s.article_id])))
        events.append(Event(when, text, ids, float(said.score) * len(ids), edits))
    kept: list[Event] = []
    per: dict[date, int] = {}
    for event in sorted(events, key=lambda e: -e.score):
        if per.get(event.day, 0) < per_day and len(kept) < max_events:
            kept.append(event)
            per[event.day] = per.get(event.day, 0) + 1
    return sorted(kept, key=lambda e: e.day)
