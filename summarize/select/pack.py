"""Pack ranked sentences into the model's input budget, counted in the model's own tokens.

Sentences are taken in salience order (the ranker's MMR order) while they fit; a sentence
that does not fit is dropped and reported, and smaller ones after it may still fit.
The packed text is then laid out either in source order (article, then position: a coherent
mini-article) or in salience order (the sentence most central across the articles first,
where a lead-biased news model looks; the bundled model's choice, measured in its card).
Nothing is truncated silently: :class:`Packed` says what was used and what was dropped.
"""

from __future__ import annotations

from collections.abc import Callable, Sequence
from dataclasses import dataclass, field

from summarize.limits import MAX_RANKED_SENTENCES
from summarize.select.rank import rank
from summarize.text.clean import clean_article
from summarize.types import RankedSentence

ORDERS = ("source", "salience")


@dataclass
class Packed:
    """The model input and a report of what went in and what was left out."""

    text: str
    used: list[RankedSentence]
    dropped: list[RankedSentence] = field(default_factory=list)
    tokens_used: int = 0
    tokens_dropped: int = 0
    budget: int = 0
    unit: str = "tokens"  # what ``budget`` and the counts count: model tokens or words
    facets: list = field(default_factory=list)  # plan.Facet objects, when the input was planned
    not_ranked: int = 0  # sentences past the ranking cap (counted in the dropped ones too)
    tokens_not_ranked: int = 0
    notes: list[str] = field(default_factory=list)  # what a reader should know (budget)

    def report(self) -> dict:
        """JSON-ready summary of the packing; dropped counts include unranked sentences."""
        out = {
            "unit": self.unit,
            "budget_tokens": self.budget,
            "sentences_used": len(self.used),
            "sentences_dropped": len(self.dropped) + self.not_ranked,
            "tokens_used": self.tokens_used,
            "tokens_dropped": self.tokens_dropped + self.tokens_not_ranked,
        }
        if self.not_ranked:
            out.update(sentences_not_ranked=self.not_ranked, ranking_cap=MAX_RANKED_SENTENCES)
        if self.notes:
            out["notes"] = list(self.notes)
        if self.facets:
            out["facets"] = [f.to_dict() for f in self.facets]
        return out


def pack(
    ranked: Sequence[RankedSentence],
    count_tokens: Callable[[list[str]], list[int]],
    budget: int,
    *,
    order: str = "source",
    article_order: Sequence[str] | None = None,
    prefix: str = "",
) -> Packed:
    """Fill ``budget`` tokens with the best sentences of ``ranked``.

    ``count_tokens`` maps texts to their token counts (no special tokens); the separator
    and the ``prefix`` (e.g. a task token) are counted as well. ``article_order`` gives the
    article ids in reading order for ``order="source"`` (default: order of first appearance).
    """
    if order not in ORDERS:
        raise ValueError(f"order must be one of {ORDERS}, not {order!r}")
    lengths = count_tokens([s.text for s in ranked]) if ranked else []
    left = budget - (count_tokens([prefix])[0] if prefix else 0)
    used: list[RankedSentence] = []
    dropped: list[RankedSentence] = []
    tokens_used = tokens_dropped = 0
    for sentence, n in zip(ranked, lengths):
        if n <= left:
            used.append(sentence)
            left -= n
            tokens_used += n
        else:
            dropped.append(sentence)
            tokens_dropped += n
    if order == "source":
        seen = list(article_order or [])
        for s in ranked:
            if s.article_id not in seen:
                seen.append(s.article_id)
        rank_of = {a: i for i, a in enumerate(seen)}
        used.sort(key=lambda s: (rank_of[s.article_id], s.position))
    body = " ".join(s.text for s in used)
    text = f"{prefix} {body}".strip() if prefix else body
    return Packed(text, used, dropped, tokens_used, tokens_dropped, budget)


def token_counter(tokenizer) -> Callable[[list[str]], list[int]]:
    """A ``count_tokens`` function for a Hugging Face tokenizer (batched, no special tokens)."""
    def count(texts: list[str]) -> list[int]:
        if not texts:
            return []
        enc = tokenizer(list(texts), add_special_tokens=False, verbose=False)["input_ids"]
        return [len(ids) for ids in enc]

    return count


def pack_articles(
    articles: Sequence,
    count_tokens: Callable[[list[str]], list[int]],
    budget: int,
    *,
    order: str = "source",
    prefix: str = "",
) -> Packed:
    """Clean, rank and pack a cluster of raw articles: the model input used in training and inference."""
    cleaned = [clean_article(a) for a in articles]
    info: dict = {}
    ranked = rank(cleaned, report=info)
    packed = pack(ranked, count_tokens, budget, order=order,
                  article_order=[a.id for a in cleaned], prefix=prefix)
    left = [s.text for s in info.get("not_ranked", [])]
    packed.not_ranked = len(left)
    packed.tokens_not_ranked = sum(sum(count_tokens(left[k:k + 1000]))
                                   for k in range(0, len(left), 1000))
    return packed
