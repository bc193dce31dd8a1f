"""Update briefings (TAC 2008's update task): say only what is new to a reader who has
already seen some of the articles (``Article.seen``: dated on or before ``--since``, or the
sources and sentences of a previous briefing).

A planned facet is **context** when the reader already knows its fact: the sentence it says
is a seen article's (the planner says a facet with an unseen article's sentence when it
can), or that sentence says what a seen sentence says (TF-IDF cosine ≥ ``REPEAT`` without a
figure of its own: a facet match, not a string match). Every other facet is **new**. The update
says the new facets, most salient first within the budget, opened by at most one context
sentence when the words left allow it.
"""

from __future__ import annotations

import re
from collections.abc import Callable, Sequence

from summarize.select.context import points_back
from summarize.types import Article, RankedSentence

#: Cosine of a new article's sentence to a seen one above which it repeats it (unless it
#: gives a figure the seen one does not: an update of a toll is news). Chosen on the update
#: suite (validation, ``summarize eval update``; its table is in the README).
REPEAT = 0.3
_FIGURES = re.compile(r"\d+(?:[.,]\d+)*")


def seen_ids(articles: Sequence[Article]) -> set[str]:
    """Ids of the articles the reader has seen (an update only when some are not)."""
    return {a.id for a in articles if a.seen}


def is_seen(sentence: RankedSentence, seen: set[str]) -> bool:
    """Does a seen article have this sentence?"""
    return bool(set(sentence.article_ids or [sentence.article_id]) & seen)


def mark(facets: Sequence, ranked: Sequence[RankedSentence], seen: set[str],
         similar: Callable[[RankedSentence, RankedSentence], float], threshold: float = REPEAT) -> None:
    """Set each facet's ``status``: ``context`` when the sentence it says is a seen article's,
    or says what a seen sentence says (cosine ≥ ``threshold``, no figure of its own); else
    ``new``. (The planner says a facet with a sentence of an unseen article when it can.)"""
    known = [r for r in ranked if is_seen(r, seen)]
    for facet in facets:
        said = facet.sources[0]
        old = is_seen(said, seen) or any(
            similar(said, k) >= threshold and not set(_FIGURES.findall(said.text)) - set(
                _FIGURES.findall(k.text)) for k in known)
        facet.status = "context" if old else "new"


def choose(facets: Sequence, budget: int, notes: list[str]) -> list:
    """The update: new facets by salience within ``budget``; then, if the words left allow,
    the most salient context facet opens it (at most one)."""
    ordered = sorted((f for f in facets if f.text), key=lambda f: -f.score)
    fresh = [f for f in ordered if f.status == "new"]
    chosen: list = []
    left = budget
    for facet in fresh:
        n = len(facet.text.split())
        if n <= left and not points_back(facet.text, [f.text for f in chosen]):
            chosen.append(facet)
            left -= n
    if not fresh:
        notes.append("rien de nouveau depuis la précédente synthèse : tous les faits étaient connus")
        left = budget
    context = next((f for f in ordered if f.status == "context" and len(f.text.split()) <= left
                    and not points_back(f.text, [])), None)
    return ([context] if context is not None else []) + chosen
