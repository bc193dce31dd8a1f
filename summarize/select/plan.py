"""Plan stage: group the ranked sentences of a cluster into facets and choose what to say.

A **facet** is one fact as the articles report it: 1-3 source sentences (from one or several
articles, in different words) and the articles that carry them. Planning:

1. rank the distinct sentences of the cleaned articles (``rank.rank``);
2. group them, most salient first, into facets: a sentence joins the first facet whose lead
   sentence it resembles (TF-IDF cosine of stemmed content words ≥ ``similarity``), up to
   ``max_sources`` sentences, otherwise it opens a new facet;
3. score a facet by its lead's salience and its support (distinct articles), and keep the
   best facets whose chosen sentence (its best *readable* source: ``readable``) fits the budget;
4. order them most important first, except that sentences of one article keep their order;
   a sentence that points back to the one before it is said right after it (``follow``).
"""

from __future__ import annotations

import hashlib
import json
from collections.abc import Callable, Sequence
from datetime import date
from functools import partial

from summarize.errors import UserError
from summarize.io import code_hash
from summarize.select import update
from summarize.select.chrono import (
    DEICTIC,
    anaphoric,
    dateline,
    days_of,
    order_facets,
    replaces,
    spans_days,
    stale,
    write_dates,
)
from summarize.select.compress import salience
from summarize.select.context import pointing, points_back, repeats_opening, the_two, unintroduced
from summarize.select.facet import Facet
from summarize.select.follow import adjacent, continuation, follow, source_order
from summarize.select.headline import best_headline
from summarize.select.pack import Packed
from summarize.select.rank import rank, tfidf
from summarize.select.readable import glossary, inside_quote, insulting, readable, such
from summarize.select.story import STORIES, focus
from summarize.select.summarizer import Summarizer
from summarize.text.clean import clean_article
from summarize.text.docfreq import table_hash
from summarize.text.segment import segment_article
from summarize.text.tokenize import content_words
from summarize.text.when import contradicts, is_future
from summarize.types import Article, RankedSentence

#: Default briefing budgets (words): several articles, one article.
MULTI_WORDS = 120
SINGLE_WORDS = 35
SIMILARITY = 0.22  # seeds: paraphrase pairs 0.22-0.28, different facts ≤ 0.20
#: Cosine (cluster-wide TF-IDF) above which two sentences with figures are on the same topic
#: (validation: the pairs of tolls of different days in the blind reading are ≥ 0.15).
FIGURE_SIMILARITY = 0.15
#: Salience factor of a fact said in the latest day's words, in a story over several days
#: (the MDS suite is level from 1.0 to 2.0: 37.86 → 37.89 R-1; readers want the latest news).
LATEST_BONUS = 1.5


def default_budget(n_articles: int) -> int:
    """The briefing's word budget when none is given."""
    return MULTI_WORDS if n_articles > 1 else SINGLE_WORDS


def _matrix(ranked: Sequence[RankedSentence]):
    """TF-IDF rows (cluster-wide idf) of the ranked sentences."""
    return tfidf([content_words(r.text) for r in ranked])


def group(ranked: Sequence[RankedSentence], similarity: float = SIMILARITY,
          max_sources: int = 3, matrix=None) -> list[list[int]]:
    """Facets as lists of indices into ``ranked`` (each led by its most salient sentence);
    ``matrix`` is their :func:`_matrix` when the caller already has it."""
    if not ranked:
        return []
    matrix = _matrix(ranked) if matrix is None else matrix
    sim = (matrix @ matrix.T).toarray()
    facets: list[list[int]] = []
    for i in range(len(ranked)):
        for members in facets:
            if len(members) < max_sources and sim[members[0], i] >= similarity:
                members.append(i)
                break
        else:
            facets.append([i])
    return facets


def _say(sources: list[RankedSentence], compress: Callable[[str], str] | None) -> str:
    """The facet's sentence: its first readable source (compressed when it can), put first."""
    for i, s in enumerate(sources):
        short = compress(s.text) if compress else s.text
        text = short if readable(short) else s.text if readable(s.text) else ""
        if text:
            sources.insert(0, sources.pop(i))
            return text
    return ""


def plan(articles: Sequence[Article], max_words: int | None = None, *,
         similarity: float = SIMILARITY, max_sources: int = 3,
         ranked: Sequence[RankedSentence] | None = None, compressor=None,
         scorer=None, headline: bool = False, notes: list[str] | None = None,
         dangles: Callable[[str, list[Facet]], bool] | None = None) -> list[Facet]:
    """The facets of a cluster of *cleaned* articles that the briefing will say, in order.

    ``notes`` receives, in French, that no whole sentence fits the budget (the shortest readable
    one is said whole, never cut) or that it was not reached. With ``headline``, the sources'
    most representative title (:func:`best_headline`) is said first, within the budget (not
    when it would take over half of it). A ``compressor`` (``compress(text, df=…)``) shortens
    each facet's sentence, so more facets fit; one with a ``fit(text, n)`` also cuts a facet
    too long for the words left to that many. A ``salience.Scorer`` ranks the sentences by
    learned salience (when ``ranked`` is None). ``dangles(text, before)``: does a sentence point
    back to something the facets chosen ``before`` it do not say (default: a demonstrative's
    noun, :func:`dangling`)?"""
    dangles = dangles or dangling
    budget = max_words or default_budget(len(articles))
    ranked = list(ranked) if ranked is not None else rank(articles, scorer=scorer)
    n_articles = max(1, len({a.id for a in articles}))
    compress = None
    if compressor is not None:
        df = salience([r.text for r in ranked])
        compress = partial(compressor.compress, df=df)
    days = days_of(articles)
    several = spans_days(days)  # a story over several days: dates written out, latest first
    latest = max((d for d in days.values() if d), default=None)
    head = best_headline(articles, latest=several) if headline else None
    if head is not None and len(head.text.split()) > budget / 2:
        head = None  # the body needs the room
    said = ranked + head.sources if head else ranked
    matrix = _matrix(said)  # the headline's row too: its figures are dated like the others'
    seen = update.seen_ids(articles)
    seen = seen if len(seen) < n_articles else set()
    fresh_score = ({r.text: r.score for r in rank([a for a in articles if a.id not in seen],
                                                   scorer=scorer)} if seen else {})
    candidates = []
    for members in group(ranked, similarity, max_sources, matrix[: len(ranked)]):
        sources = [ranked[i] for i in members]
        if seen:  # an update says a facet with a sentence of an unseen article when it can
            sources.sort(key=lambda s: update.is_seen(s, seen))
        elif several:  # a story over several days says a fact as its latest article does
            sources.sort(key=lambda s: -(days.get(s.article_id) or date.min).toordinal())
        ids = list(dict.fromkeys(a for s in sources for a in (s.article_ids or [s.article_id])))
        support = (len(ids) - 1) / max(1, n_articles - 1)
        text = _say(sources, compress)  # moves the sentence it says first
        score = float(fresh_score.get(sources[0].text, sources[0].score) if seen else
                      sources[0].score) * (1.0 + support)  # the salience of what is said
        if several and not seen and days.get(sources[0].article_id) == latest:
            score *= LATEST_BONUS  # the latest news
        day = days.get(sources[0].article_id)
        if several and (anaphoric(text) or contradicts(text, day)
                        or (day != latest and (is_future(text) or DEICTIC.search(text)))):
            text = ""  # "la veille", "mardi 31 août" in 2018, an earlier day's forecast
        first, short, kind = sources[0].text, text, getattr(compressor, "edit_type", None)
        text, edits = write_dates(text, days.get(sources[0].article_id), latest)
        change = [{"type": kind(first), "from": first, "to": short}] if kind and short and short != first else []
        edits = change + edits  # a condenser's edit, then the dates
        if several and text and not seen and days.get(sources[0].article_id) != latest:
            # said as an earlier day's article said it (an update marks it context instead)
            text, more = dateline(text, days.get(sources[0].article_id), latest)
            edits += more
        candidates.append(Facet(sources, score, text, ids, edits=edits))
    row = {id(r): i for i, r in enumerate(said)}
    sim = partial(_cosine, matrix=matrix, row=row)
    if several:  # a later article's toll, state or outcome replaces an earlier one
        old = stale(candidates, ranked, days, sim, FIGURE_SIMILARITY)
        candidates = [c for c in candidates if id(c) not in old]
    if seen:  # an update: only what the reader does not know
        update.mark(candidates + [head] * bool(head), ranked, seen, sim)
        head = head if head is not None and head.status == "new" else None
        notes = [] if notes is None else notes
        chosen = update.choose(candidates, budget - (len(head.text.split()) if head else 0), notes)
        context = [f for f in chosen if f.status == "context"]
        fresh = source_order([f for f in chosen if f.status == "new"])
        if several and fresh:
            fresh = source_order(order_facets(fresh, days))
        return [head] * bool(head) + context + fresh
    chosen, left = ([head], budget - len(head.text.split())) if head else ([], budget)
    too_long = False
    for facet in sorted(candidates, key=lambda f: -f.score):
        if not facet.text and not several:  # said after the sentence it points back to
            facet = continuation(facet, chosen) or facet
        n = len(facet.text.split())
        if not facet.text or dangles(facet.text, chosen) or _elsewhere(facet, chosen, ranked):
            continue
        newer = [f for f in chosen if replaces(f, facet, days, sim, FIGURE_SIMILARITY)]
        older = [f for f in chosen if replaces(facet, f, days, sim, FIGURE_SIMILARITY)]
        free = left + sum(len(f.text.split()) for f in older)
        if n > free and not newer and getattr(compressor, "fit", None) is not None:
            fitted = _fitted(facet, free, compressor.fit)  # compressed further to fit, and judged as said
            facet = fitted if fitted is not None and not dangles(fitted.text, chosen) else facet
            n = len(facet.text.split())
        too_long |= n > free
        if not newer and n <= free:  # a later article's figure or news replaces an earlier one
            chosen = [f for f in chosen if f not in older] + [facet]
            left = free - n
    chosen = source_order(chosen)
    if several:
        chosen = source_order(order_facets(chosen, days))  # news first, each article's in its order
    else:  # words left: a sentence right after the one its opening points to (``follow``)
        chosen = adjacent(chosen)
        chosen, left = follow(chosen, candidates, left, lambda f, before: not (
            dangles(f.text, before) or _elsewhere(f, before, ranked)))
    notes = [] if notes is None else notes
    if len(chosen) == bool(head):  # nothing fits: the shortest readable sentence, whole
        said = [c for c in candidates if c.text] or [Facet([r], float(r.score), r.text, list(
            r.article_ids or [r.article_id])) for r in ranked[:5] if not head or _adds(r.text, head.text)]
        best = min(said, key=lambda f: (len(f.text.split()), -f.score), default=None)
        if best is not None:
            chosen.append(best)
            notes.append(f"aucune phrase entière ne tient en {budget} mots : la plus courte qui "
                         f"se lit seule est donnée ({len(best.text.split())} mots)")
    elif not too_long and left > 0:
        notes.append(f"budget non atteint ({budget - left} mots sur {budget}) : tous les faits "
                     "qui se lisent seuls sont dits")
    return chosen


def _adds(text: str, headline: str) -> bool:
    """Does ``text`` close its quotes and say more than ``headline`` (not "Selon lui, « … »")?"""
    words = set(content_words(text))
    return text.count("«") == text.count("»") and len(words - set(content_words(headline))) > len(words) / 3


def dangling(text: str, before: Sequence[Facet]) -> bool:
    """Does ``text`` name with a demonstrative what the facets ``before`` it do not say?"""
    return points_back(text, [f.text for f in before])


def _elsewhere(facet: Facet, before: Sequence[Facet], ranked: Sequence[RankedSentence] = ()) -> bool:
    """Does ``facet``'s demonstrative name what only other articles' facets said ("Fiché S, cet
    homme…" after another article's "un homme a été interpellé", session 26)? Or open with a
    definite only its article introduced ("L'incident s'est produit…", ``context.anaphor``)
    when no facet before says its noun or comes from its article, its title aside (session 27: after "Deux
    girafes … tuées par la foudre", another article's derailment read as the giraffes'), or
    with one its article said before that no facet before says, even one of its article
    (``context.given``: "Le film dépeint…", ``ranked``'s earlier sentences)?"""
    own, at = facet.sources[0].article_id, facet.sources[0].position
    mine = [f for f in before if own in f.article_ids or any(s.article_id == own for s in f.sources)]
    earlier = [r.text for r in ranked if r.article_id == own and r.position < at]
    body = [f for f in mine if not f.headline]  # a title seldom introduces "la lettre" (reading 32)
    if pointing(facet.text, earlier, [f.text for f in before], anaphors=not body):
        return True
    return points_back(facet.text, [f.text for f in mine])


def _fitted(facet: Facet, max_words: int, fit: Callable[[str, int], str]) -> Facet | None:
    """``facet`` said by its sentence compressed to at most ``max_words`` words (a
    compressor's ``fit``), or None: it cannot be, or its sentence has a date written out."""
    first = facet.sources[0].text
    if any(e["type"] == "date" for e in facet.edits):
        return None
    short = fit(first, max_words)
    if not short:
        return None
    return Facet(facet.sources, facet.score, short, facet.article_ids, fused=facet.fused,
                 edits=[{"type": "compress", "from": first, "to": short}], status=facet.status)


def _cosine(a: RankedSentence, b: RankedSentence, *, matrix, row: dict[int, int]) -> float:
    i, j = row.get(id(a)), row.get(id(b))
    return 0.0 if i is None or j is None else float((matrix[i] @ matrix[j].T).toarray()[0, 0])


def shorten(text: str, max_words: int) -> str:
    """``text`` if it fits, else cut at the last clause boundary (, ; :) that fits, + "."."""
    if len(words := text.split()) <= max_words:
        return text
    head = " ".join(words[:max_words])
    cut = max(head.rfind(", "), head.rfind("; "), head.rfind(": "))
    return (head[:cut] if cut > 0 else head).rstrip(" ,;:") + "."


class PlannedSummarizer(Summarizer):
    """The briefing as planned facets, each said by its best readable source sentence.

    Nothing is generated: every sentence is a sentence of the sources (``origin``
    ``extracted``), cited to the articles that have it (the facet's others are ``also_in``).
    ``scorer`` (a ``salience.Scorer``; the registry's ``facets`` uses the bundled one) ranks
    the sentences.
    ``headline``: the most representative source title heads the briefing (when the
    articles have titles), within the budget. ``stories``: ``main`` says only the story most
    articles tell (``story.main_story``; the others are named in the packing notes), ``all``
    every article's.
    """

    name = "facets"

    def __init__(self, max_words: int | None = None, similarity: float = SIMILARITY,
                 compressor=None, scorer=None, headline: bool = True, stories: str = "main") -> None:
        if max_words is not None and (isinstance(max_words, bool) or not isinstance(max_words, int)
                                      or max_words < 1):
            raise UserError(f"max_words must be a positive integer, not {max_words!r}")
        self.max_words, self.similarity, self.compressor = max_words, similarity, compressor
        if stories not in STORIES:
            raise UserError(f"stories must be one of {', '.join(STORIES)}, not {stories!r}")
        self.scorer, self.headline, self.stories = scorer, headline, stories
        self.budget = max_words or MULTI_WORDS  # per cluster: set by ``pack``
        if compressor is not None:
            self.name = "compressive"
        elif not headline:
            self.name = "facets-untitled"

    def fingerprint(self) -> str:
        code = code_hash(tuple(f"summarize.{m}" for m in (
            "text.clean", "text.glue", "text.segment", "text.tokenize", "text.docfreq", "text.when", "select.rank",
            "select.plan", "select.headline", "select.facet", "select.story", "select.readable", "select.context",
            "select.compress", "select.salience", "select.chrono", "select.update", "select.follow")))
        c, r = self.compressor, self.scorer
        payload = json.dumps([self.name, self.max_words, self.similarity, self.headline, self.stories, code, table_hash(),
                              c and [c.coef, c.intercept, c.threshold],
                              r and [r.coef, r.intercept, r.mean, r.scale]])
        return hashlib.sha256(payload.encode()).hexdigest()

    def pack(self, articles: Sequence[Article]):
        """A ``pack.Packed`` whose text is the briefing and ``used`` every facet's sources."""
        cleaned = [clean_article(a) for a in articles]
        info: dict = {}
        notes: list[str] = []
        everything = ranked = rank(cleaned, scorer=self.scorer, report=info)
        self.budget = self.max_words or default_budget(len(articles))  # the folder's, whatever is told
        if self.stories == "main":  # another story's sentences read as this one's
            cleaned, ranked = focus(cleaned, ranked, notes)
        compressor = self.compressor_for(ranked, cleaned)
        facets = self.after_plan(plan(cleaned, self.budget, similarity=self.similarity,
                                      ranked=self.sayable(ranked, cleaned), compressor=compressor,
                                      headline=self.headline, notes=notes, dangles=self.dangles))
        used = [s for f in facets for s in f.sources]
        taken = {id(s) for s in used}
        dropped = [r for r in everything if id(r) not in taken]
        packed = Packed(" ".join(f.text for f in facets), used, dropped,
                        sum(len(s.text.split()) for s in used),
                        sum(len(r.text.split()) for r in dropped),
                        self.budget, unit="words",
                        facets=facets)
        left = info.get("not_ranked", [])  # past the ranking cap: said in the packing report
        packed.not_ranked = len(left)
        packed.tokens_not_ranked = sum(len(s.text.split()) for s in left)
        packed.notes = notes
        return packed

    def compressor_for(self, ranked: Sequence[RankedSentence], cleaned: Sequence[Article]):
        return self.compressor  # the planner's ``compressor`` (a subclass condenses first)

    def sayable(self, ranked: Sequence[RankedSentence], articles: Sequence[Article] = ()) -> list[RankedSentence]:
        """The sentences the plan may say: not those saying "such a …" of what only their
        source said, nor those calling someone a tyrant (issue #22's seeds: "Moscou et
        Pyongyang ont nié de telles intentions", "le tyran Vlad"), nor those spelling out an
        abbreviation ("RPDC est l'abréviation de …", background), nor those inside a quote an
        earlier sentence of their article opened (``readable.inside_quote``: said alone, a
        speaker's words become the briefing's, blind readings 11 and 14); a subclass may leave
        out more."""
        quoted = {(aid, t) for aid, texts in self.sentences(articles).items()
                  for t, inside in zip(texts, inside_quote(texts)) if inside}
        return [r for r in ranked if not such(r.text) and not insulting(r.text) and not glossary(r.text)
                and (r.article_id, r.text) not in quoted]

    def sentences(self, articles: Sequence[Article]) -> dict[str, list[str]]:
        """Article id → its sentences in order (a subclass may reuse its own segmentation)."""
        return {a.id: [s.text for s in segment_article(a)] for a in articles}

    def dangles(self, text: str, before: list[Facet]) -> bool:
        """What the plan may not say after the facets ``before``: a demonstrative's noun they
        do not say, the noun phrase a body sentence among them opens with ("Le dirigeant
        nord-coréen a …" twice: issue #22's seeds), "M. Fusco" they never named. A subclass may
        say otherwise."""
        said = [f.text for f in before]
        return dangling(text, before) or repeats_opening(text, [f.text for f in before if not f.headline]) \
            or the_two(text, said) or unintroduced(text, said)

    def after_plan(self, facets: list[Facet]) -> list[Facet]:
        return facets  # the chosen facets (a subclass may rewrite them)

    def generate_packed(self, packed: Sequence) -> list[str]:
        return [p.text for p in packed]

    def summarize_packed(self, clusters, packed) -> list[str]:
        return self.generate_packed(packed)

    def summarize(self, clusters: list[list[Article]]) -> list[str]:
        return [self.pack(c).text if c else "" for c in clusters]
