"""Packing ranked sentences into a token budget: nothing truncated silently."""

from __future__ import annotations

import pytest

from summarize.select.pack import pack
from summarize.types import RankedSentence


def words(texts: list[str]) -> list[int]:
    return [len(t.split()) for t in texts]


def sent(text: str, art: str, pos: int, score: float) -> RankedSentence:
    return RankedSentence(text=text, score=score, article_id=art, position=pos, article_ids=[art])


RANKED = [
    sent("Kim a rencontré Poutine à Vostochny mercredi.", "b", 0, 0.9),  # 7 words
    sent("Un accord sur les armes est redouté par Washington.", "a", 3, 0.8),  # 9 words
    sent("Le train blindé a traversé la frontière la veille.", "a", 1, 0.7),  # 9 words
    sent("Court.", "b", 5, 0.1),  # 1 word
]


def test_budget_is_respected_and_dropped_sentences_are_reported():
    packed = pack(RANKED, words, budget=17)
    assert packed.tokens_used <= 17
    assert [s.text for s in packed.dropped] == [RANKED[2].text]
    assert packed.tokens_used == 7 + 9 + 1 and packed.tokens_dropped == 9
    report = packed.report()
    assert report["sentences_used"] == 3 and report["sentences_dropped"] == 1
    assert report["budget_tokens"] == 17


def test_source_order_follows_article_then_position():
    packed = pack(RANKED, words, budget=100, article_order=["a", "b"])
    assert [(s.article_id, s.position) for s in packed.used] == [("a", 1), ("a", 3), ("b", 0), ("b", 5)]
    assert packed.text.startswith("Le train blindé")


def test_salience_order_keeps_rank_order_and_prefix_counts():
    packed = pack(RANKED, words, budget=10, order="salience", prefix="<abstract>")
    assert packed.text == "<abstract> Kim a rencontré Poutine à Vostochny mercredi. Court."
    assert packed.tokens_used == 8  # the prefix took one of the ten


def test_everything_fits_and_empty_input():
    assert not pack(RANKED, words, budget=1000).dropped
    empty = pack([], words, budget=10)
    assert empty.text == "" and empty.used == []


def test_unknown_order_is_refused():
    with pytest.raises(ValueError):
        pack(RANKED, words, budget=10, order="random")
