"""Keep/delete/insert tags of the condenser's training pairs (LaserTagger-style)."""

from __future__ import annotations

import pytest

from summarize.train.edits import (
    KEEP,
    pair_edits,
    phrase_vocabulary,
    tag,
    teachable,
    tokens,
)

PAIRS = [
    (("Le président de la République, Emmanuel Macron, a annoncé mardi 3 mars un plan de 10 "
     "milliards d’euros."), "Emmanuel Macron a annoncé mardi un plan de 10 milliards d’euros."),
    ("Les pompiers sont intervenus vers 3 h du matin. Le feu a été maîtrisé à l'aube.",
     "Les pompiers sont intervenus et le feu a été maîtrisé à l'aube."),
    ("L’employé de 32 ans avait été placé en garde à vue mardi, selon une source policière.",
     "L’employé de 32 ans avait été placé en garde à vue mardi."),
]


@pytest.mark.parametrize("source,target", PAIRS)
def test_tags_rebuild_the_target(source, target):
    edit = tag(source, target)
    assert edit.apply() == target
    assert len(edit.tags) == len(edit.source) and len(edit.inserts) == len(edit.source) + 1


def test_names_and_numbers_are_kept_never_inserted():
    edit = tag(*PAIRS[0])
    kept = [tok for (tok, _), t in zip(edit.source, edit.tags) if t == KEEP]
    assert {"Emmanuel", "Macron", "10", "milliards"} <= set(kept)
    assert not any(p for p in edit.inserts)  # a pure compression: deletions only
    fused = tag(*PAIRS[1])
    assert [p for p in fused.inserts if p] == ["et"]  # "Le feu" kept, lower-cased
    assert fused.tags[fused.source.index(("Le", True))] == KEEP


def test_tokens_keep_their_spacing():
    assert tokens("d’Île-de-France, 10,5 %") == [("d", True), ("’", False), ("Île-de-France", False),
                                                 (",", False), ("10,5", True), ("%", True)]


def test_only_pairs_whose_insertions_are_in_the_vocabulary_are_teachable():
    pairs = [{"articles": [s], "target": t} for s, t in PAIRS]
    pairs.append({"articles": ["Le ministre a parlé."], "target": "Le ministre de la Santé a parlé."})
    edits = pair_edits(pairs)
    vocab = phrase_vocabulary(edits, size=1)
    assert vocab == ["et"]
    kept, stats = teachable(edits, vocab)
    assert len(kept) == 3 and stats.to_dict()["coverage"] == 0.75  # "de la Santé" is not taught
