"""Update briefings (TAC 2008's update task): say only what is new to a reader who has
already seen some of the articles (``Article.seen``: dated on or before ``--since``, or the
sources and sentences of a previous briefing).

A planned facet is **context** when the reader already knows its fact: one of its source
sentences comes from a seen article, or it says what a seen sentence says (TF-IDF cosine to
it ≥ the planner's facet similarity: a facet match, not a string match). Every other facet
is **new**. The update says the new facets, most salient first within the budget, opened by
at most one context sentence (the most salient that takes at most a third of the budget).
"""

from __future__ import annotations

from collections.abc import Callable, Sequence

from summarize.select.readable import points_back
from summarize.types import Article, RankedSentence


def seen_ids(articles: Sequence[Article]) -> set[str]:
    """Ids of the articles the reader has seen (an update only when some are not)."""
    return {a.id for a in articles if a.seen}


def mark(facets: Sequence, ranked: Sequence[RankedSentence], seen: set[str],
         similar: Callable[[RankedSentence, RankedSentence], float], threshold: float) -> None:
    """Set each facet's ``status`` to ``context`` or ``new``."""
    known = [r for r in ranked if set(r.article_ids or [r.article_id]) & seen]
    for facet in facets:
        ids = {a for s in facet.sources for a in (s.article_ids or [s.article_id])}
        old = bool(ids & seen) or any(similar(facet.sources[0], k) >= threshold for k in known)
        facet.status = "context" if old else "new"


def choose(facets: Sequence, budget: int, notes: list[str]) -> list:
    """The update: new facets by salience within ``budget``, after at most one context facet."""
    ordered = sorted((f for f in facets if f.text), key=lambda f: -f.score)
    fresh = [f for f in ordered if f.status == "new"]
    context = next((f for f in ordered if f.status == "context"
                    and len(f.text.split()) <= budget / 3 and not points_back(f.text, [])), None)
    chosen = [context] if context is not None and fresh else []
    left = budget - sum(len(f.text.split()) for f in chosen)
    for facet in fresh:
        n = len(facet.text.split())
        if n <= left and not points_back(facet.text, [f.text for f in chosen]):
            chosen.append(facet)
            left -= n
    if not fresh:
        notes.append("rien de nouveau depuis la précédente synthèse : tous les faits étaient connus")
        if context is not None:
            chosen.append(context)
    return chosen
