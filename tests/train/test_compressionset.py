"""Compression pairs: an abstract sentence that is an in-order subsequence of one article sentence."""

from __future__ import annotations

from summarize.train.compressionset import CompressionRules, compression, compression_pairs
from summarize.train.edits import DELETE, KEEP

SOURCE = "L’avocat de la famille, Me Nicolas Cellupica, interrogé par Le Parisien met en cause le constructeur Renault."


def test_a_subsequence_is_a_compression_with_its_deletions():
    edit = compression(SOURCE, "L’avocat de la famille, Me Nicolas Cellupica, met en cause le constructeur Renault.")
    assert edit is not None and edit.tags.count(DELETE) == 4 and not any(edit.inserts)
    assert [t for (w, _), t in zip(edit.source, edit.tags) if t == DELETE] == [DELETE] * 4
    assert edit.tags[0] == KEEP


def test_insertions_ratios_and_copies_are_refused():
    assert compression(SOURCE, "Cependant, l’avocat met en cause le constructeur Renault.") is None  # inserts
    assert compression(SOURCE, SOURCE) is None  # nothing deleted (ratio 1)
    assert compression(SOURCE, "L’avocat.") is None  # too short
    loose = CompressionRules(max_inserted=2)  # "Cependant" and the lower-cased "l"
    assert compression(SOURCE, "Cependant l’avocat de la famille met en cause le constructeur Renault.",
                       loose) is not None


def test_pairs_of_an_article_and_its_abstract():
    article = f"{SOURCE} Le constructeur conteste toute responsabilité dans cet accident."
    abstract = "L’avocat de la famille met en cause le constructeur Renault. Une enquête est ouverte."
    pairs = compression_pairs(article, abstract)
    assert [(s, t) for s, t, _ in pairs] == [(SOURCE, "L’avocat de la famille met en cause le constructeur Renault.")]


def test_the_word_count_precheck_refuses_only_what_alignment_would():
    """Mining counts words before aligning: a target with a word the source lacks is refused
    at once, one with the source's words out of order still by the alignment."""
    assert compression(SOURCE, "L’avocat de la famille met en cause le constructeur Peugeot.") is None
    assert compression(SOURCE, "L’avocat de la famille met en cause le constructeur Peugeot.",
                       CompressionRules(max_inserted=1)) is not None
    assert compression(SOURCE, "Le constructeur Renault met en cause l’avocat de la famille.") is None
