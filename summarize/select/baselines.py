"""Baseline summarizers, registered by name in :data:`BASELINES` (one entry each).

* ``lead-1``, ``lead-2``: the first k sentences of the (first) cleaned article.
* ``lead-first``: the first article's (in date order) lead, cut to exactly ``max_words``.
* ``round-robin``: sentence 1 of each article in date order, then sentence 2, …, cut to
  exactly ``max_words`` words (repeated sentences are skipped).
* ``extractive``: the project's ranker (LexRank + position + support, MMR) taken while its
  sentences fit in ``max_words`` words, laid out in source order.
* ``lexrank``: sumy's LexRank (French Snowball stemmer and stop words, the project's own
  cleaning and sentence splitter), whole sentences while they fit; needs ``sumy``
  (``pip install -e ".[anchors]"``).

Their fingerprints hash the name, the settings and the source code of the stages they use,
so cached generations are invalidated when cleaning, segmentation or ranking change.
"""

from __future__ import annotations

import hashlib
import json
from collections.abc import Callable, Sequence
from dataclasses import dataclass
from importlib import resources

from summarize.errors import UserError
from summarize.io import code_hash
from summarize.select.compress import Compressor
from summarize.select.pack import pack
from summarize.select.plan import PlannedSummarizer, best_headline
from summarize.select.rank import rank
from summarize.select.salience import bundled
from summarize.select.summarizer import Summarizer
from summarize.text.clean import clean_article
from summarize.text.segment import split_sentences
from summarize.text.tokenize import tokenize
from summarize.types import Article

#: Default word budget of the briefing (and of the budgeted baselines).
DEFAULT_MAX_WORDS = 60
_TEXT = ("summarize.text.clean", "summarize.text.segment", "summarize.select.baselines")


def count_words(texts: list[str]) -> list[int]:
    """Whitespace-separated words per text (the briefing's word budget unit)."""
    return [len(t.split()) for t in texts]


def _budget(max_words: object) -> int:
    if isinstance(max_words, bool) or not isinstance(max_words, int) or max_words < 1:
        raise UserError(f"max_words must be a positive integer, not {max_words!r}")
    return max_words


def date_order(cluster: Sequence[Article]) -> list[Article]:
    """Articles by publication date (undated ones last), ties in input order."""
    return sorted(cluster, key=lambda a: (a.date is None, a.date or ""))


def article_sentences(article: Article) -> list[str]:
    """The sentences of the cleaned article."""
    return split_sentences(clean_article(article).text)


def cut_words(sentences: Sequence[str], max_words: int) -> str:
    """The sentences joined and cut to exactly ``max_words`` words (fewer if they run out)."""
    return " ".join(" ".join(sentences).split()[:max_words])


def fit_sentences(sentences: Sequence[str], max_words: int) -> list[int]:
    """Indices of the sentences taken in order while they fit in ``max_words`` (others skipped)."""
    left, keep = max_words, []
    for i, n in enumerate(count_words(list(sentences))):
        if 0 < n <= left:
            keep.append(i)
            left -= n
    return keep


class Baseline(Summarizer):
    """A summarizer defined by a function of one cluster, with a code-hash fingerprint."""

    stages: tuple[str, ...] = _TEXT

    def __init__(self, name: str, options: dict) -> None:
        self.name, self.options = name, options

    def fingerprint(self) -> str:
        payload = json.dumps({"baseline": self.name, "settings": self.options,
                              "code": code_hash(self.stages)}, sort_keys=True)
        return hashlib.sha256(payload.encode("utf-8")).hexdigest()

    def summarize(self, clusters: list[list[Article]]) -> list[str]:
        return [self.summarize_one(c) if c else "" for c in clusters]

    def summarize_one(self, cluster: list[Article]) -> str:  # pragma: no cover - interface
        raise NotImplementedError


class LeadSummarizer(Baseline):
    """The first ``k`` sentences of the (first) cleaned article."""

    def __init__(self, k: int) -> None:
        if k < 1:
            raise UserError("lead-k needs k >= 1")
        super().__init__(f"lead-{k}", {"k": k})
        self.k = k

    def summarize_one(self, cluster: list[Article]) -> str:
        return " ".join(article_sentences(cluster[0])[: self.k])


class LeadFirstSummarizer(Baseline):
    """The lead of the earliest article, cut to exactly ``max_words`` words."""

    def __init__(self, max_words: int = DEFAULT_MAX_WORDS) -> None:
        self.max_words = _budget(max_words)
        super().__init__("lead-first", {"max_words": self.max_words})

    def summarize_one(self, cluster: list[Article]) -> str:
        return cut_words(article_sentences(date_order(cluster)[0]), self.max_words)


class TitleLeadSummarizer(Baseline):
    """The most representative title (``plan.best_headline``), then the earliest article's
    lead, cut to ``max_words`` words: the anchor for a briefing that says a headline."""

    stages = _TEXT + ("summarize.select.plan", "summarize.select.headline", "summarize.select.rank")

    def __init__(self, max_words: int = DEFAULT_MAX_WORDS) -> None:
        self.max_words = _budget(max_words)
        super().__init__("title-lead", {"max_words": self.max_words})

    def summarize_one(self, cluster: list[Article]) -> str:
        head = best_headline([clean_article(a) for a in cluster])
        return cut_words(([head.text] if head else []) + article_sentences(date_order(cluster)[0]),
                         self.max_words)


class RoundRobinSummarizer(Baseline):
    """Sentence 1 of each article (date order), then sentence 2, …, cut to ``max_words``."""

    def __init__(self, max_words: int = DEFAULT_MAX_WORDS) -> None:
        self.max_words = _budget(max_words)
        super().__init__("round-robin", {"max_words": self.max_words})

    def summarize_one(self, cluster: list[Article]) -> str:
        per_article = [article_sentences(a) for a in date_order(cluster)]
        taken: list[str] = []
        seen: set[str] = set()
        for k in range(max((len(s) for s in per_article), default=0)):
            for sentences in per_article:
                if k < len(sentences) and sentences[k].lower() not in seen:
                    seen.add(sentences[k].lower())
                    taken.append(sentences[k])
            if sum(count_words(taken)) >= self.max_words:
                break
        return cut_words(taken, self.max_words)


class ExtractiveSummarizer(Baseline):
    """Top-ranked sentences of the cluster within ``max_words`` words, in source order."""

    stages = ("summarize.text.clean", "summarize.text.segment", "summarize.select.rank", "summarize.select.pack",
              "summarize.select.baselines")

    def __init__(self, max_words: int = DEFAULT_MAX_WORDS) -> None:
        self.max_words = _budget(max_words)
        super().__init__("extractive", {"max_words": self.max_words})

    def summarize_one(self, cluster: list[Article]) -> str:
        cleaned = [clean_article(a) for a in cluster]
        packed = pack(rank(cleaned), count_words, self.max_words, order="source",
                      article_order=[a.id for a in cleaned])
        return packed.text


class _SumyTokenizer:
    """What sumy's Sentence needs of a tokenizer, with the project's French tokenizer."""

    language = "french"

    @staticmethod
    def to_words(text: str) -> list[str]:
        return list(tokenize(text))


class LexRankSummarizer(Baseline):
    """sumy's LexRank over the cleaned sentences of every article (date order)."""

    def __init__(self, max_words: int = DEFAULT_MAX_WORDS) -> None:
        try:
            from sumy.nlp.stemmers import Stemmer
            from sumy.summarizers.lex_rank import LexRankSummarizer as SumyLexRank
            from sumy.utils import get_stop_words
        except ImportError:
            raise UserError("the lexrank baseline needs sumy: pip install -e \".[anchors]\"") from None
        import sumy

        self.max_words = _budget(max_words)
        super().__init__("lexrank", {"max_words": self.max_words, "sumy": sumy.__version__})
        self._lexrank = SumyLexRank(Stemmer("french"))
        self._lexrank.stop_words = get_stop_words("french")

    def summarize_one(self, cluster: list[Article]) -> str:
        from sumy.models.dom import ObjectDocumentModel, Paragraph, Sentence

        texts = [s for a in date_order(cluster) for s in article_sentences(a)]
        if not texts:
            return ""
        tokenizer = _SumyTokenizer()
        document = ObjectDocumentModel([Paragraph([Sentence(t, tokenizer) for t in texts])])

        def within_budget(infos):  # infos come best-rated first
            keep = fit_sentences([str(i.sentence) for i in infos], self.max_words)
            return [infos[i] for i in keep]

        return " ".join(str(s) for s in self._lexrank(document, within_budget))


@dataclass(frozen=True)
class Entry:
    """A registered baseline: what it is and how to build it from pipeline settings."""

    description: str
    factory: Callable[[dict], Summarizer]


def _max_words(settings: dict) -> int:
    value = settings.get("max_words")
    return DEFAULT_MAX_WORDS if value is None else value


#: name → baseline. Adding a baseline is one entry here (loading, caching, --help use it).
BASELINES: dict[str, Entry] = {
    "lead-1": Entry("first sentence of the first article", lambda s: LeadSummarizer(1)),
    "lead-2": Entry("first two sentences of the first article", lambda s: LeadSummarizer(2)),
    "lead-first": Entry("earliest article's lead, cut to max_words",
                        lambda s: LeadFirstSummarizer(_max_words(s))),
    "round-robin": Entry("sentence k of every article in date order, k = 1, 2, …, cut to "
                         "max_words", lambda s: RoundRobinSummarizer(_max_words(s))),
    "extractive": Entry("the project's ranker, whole sentences within max_words",
                        lambda s: ExtractiveSummarizer(_max_words(s))),
    "title-lead": Entry("the most representative source title, then the earliest article's "
                        "lead, cut to max_words", lambda s: TitleLeadSummarizer(_max_words(s))),
    "facets": Entry("the default briefing: planned facets, each said by its best readable "
                    "source sentence (summarize.select.plan)", lambda s: _facets(s)),
    "facets-untitled": Entry("facets without the headline (what the title adds)",
                             lambda s: _facets(s, headline=False)),
    "compressive": Entry("facets whose sentences lose the constituents the bundled compressor "
                         "deletes (summarize.select.compress)", lambda s: _facets(s, compress=True)),
    "lexrank": Entry("sumy's LexRank (French), whole sentences within max_words; needs sumy",
                     lambda s: LexRankSummarizer(_max_words(s))),
}


def _facets(settings: dict, compress: bool = False, headline: bool = True) -> Summarizer:
    if not compress:
        return PlannedSummarizer(settings.get("max_words"), scorer=bundled(), headline=headline,
                                 stories=settings.get("stories") or "main")


    folder = resources.files("summarize").joinpath("models", "fr-compress")
    return PlannedSummarizer(settings.get("max_words"), scorer=bundled(),
                             compressor=Compressor.from_pretrained(str(folder)),
                             stories=settings.get("stories") or "main")


def load(name: str, **settings) -> Summarizer:
    """Build baseline ``name``; settings that do not apply to it (e.g. ``beams``) are ignored."""
    entry = BASELINES.get(name)
    if entry is None:
        raise UserError(f"unknown baseline {name!r} (choose one of: {', '.join(BASELINES)})")
    return entry.factory(settings)
