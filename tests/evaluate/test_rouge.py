"""ROUGE scoring: French tokenizer, library equivalence, intervals and signatures."""

from __future__ import annotations

import json

import numpy as np
import pytest
from hypothesis import given, settings
from hypothesis import strategies as st
from rouge_score import rouge_scorer

from summarize.errors import UserError
from summarize.evaluate import ROUGE_TYPES, check_comparable, make_signature, score
from summarize.evaluate.rouge import parse_signature, sentence_lines
from summarize.text.segment import split_sentences
from summarize.text.tokenize import get_tokenizer, tokenize

NBSP, NNBSP = "\u00a0", "\u202f"


# --- tokenizer ------------------------------------------------------------------------------


def test_fr_tokenizer_keeps_accents_where_rouge_score_deletes_them():
    assert tokenize("Il a déclaré") == ["il", "a", "déclaré"]
    assert tokenize("Il a déclaré", "rouge-score") == ["il", "a", "d", "clar"]


def test_fr_tokenizer_splits_both_apostrophes_and_lowercases():
    assert tokenize("L’armée d'après le Kremlin’s") == [
        "l", "armée", "d", "après", "le", "kremlin", "s"]


def test_fr_tokenizer_drops_guillemets_and_handles_non_breaking_spaces():
    text = f"une «{NBSP}lutte sacrée{NBSP}»{NNBSP}; 6{NNBSP}000 ogives et 1{NBSP}000{NBSP}000"
    assert tokenize(text) == ["une", "lutte", "sacrée", "6000", "ogives", "et", "1000000"]


def test_fr_tokenizer_numbers_hyphens_and_symbols():
    assert tokenize("une fusée de 42,7 mètres, +3,5 % en 2023") == [
        "une", "fusée", "de", "42,7", "mètres", "3,5", "en", "2023"]
    # hyphens separate words, so both spellings of the name match
    assert tokenize("Kim Jong-un") == tokenize("Kim Jong Un") == ["kim", "jong", "un"]
    # years next to each other are not thousands groups
    assert tokenize("en 2018 2019") == ["en", "2018", "2019"]


def test_fr_tokenizer_unicode_normalisation():
    decomposed = "de\u0301clare\u0301"  # e + combining acute accent
    assert tokenize(decomposed) == ["déclaré"]
    assert tokenize("ÉTATS-UNIS ﬁn") == ["états", "unis", "fin"]


def test_french_stemmer_offline():
    assert tokenize("armées déclarées", stem=True) == tokenize("armée déclaré", stem=True)
    assert tokenize("les dirigeants 42,7", stem=True) == ["le", "dirig", "42,7"]


@settings(max_examples=200, deadline=None)
@given(st.text(alphabet=st.characters(blacklist_categories=("Cs",)), max_size=80))
def test_fr_tokens_are_lowercase_words_without_spaces_or_punctuation(text):
    for token in tokenize(text):
        assert token == token.lower()
        assert not any(ch.isspace() for ch in token)
        assert all(ch.isalnum() or ch in ",." for ch in token)
        assert token[0].isalnum() and token[-1].isalnum()


def test_unknown_tokenizer_is_a_user_error():
    with pytest.raises(UserError, match="unknown tokenizer"):
        get_tokenizer("nltk")


# --- scores ---------------------------------------------------------------------------------


def _f1(result, rouge_type):
    return result.mean(rouge_type, "f1")


@pytest.mark.parametrize("tokenizer", ["fr", "rouge-score"])
def test_identical_texts_score_one(tokenizer):
    texts = ["Kim Jong-un a rencontré Vladimir Poutine. Il a promis son soutien.",
             "La Corée du Nord a tiré deux missiles balistiques."]
    result = score(texts, [[t] for t in texts], tokenizer=tokenizer, bootstrap=100)
    assert result.per_item.shape == (2, 4, 3)
    np.testing.assert_allclose(result.per_item, 1.0)


def test_hand_computed_scores():
    result = score(["le chat dort"], [["le chat mange"]], bootstrap=0)
    assert result.mean("rouge1", "precision") == pytest.approx(2 / 3)
    assert result.mean("rouge1", "recall") == pytest.approx(2 / 3)
    assert result.mean("rouge2") == pytest.approx(1 / 2)  # "le chat" of 2 bigrams
    assert result.mean("rougeL") == pytest.approx(2 / 3)


def test_accents_change_matches_only_with_the_french_tokenizer():
    pred, ref = ["Il a décidé."], [["Il a déclaré."]]
    fr = score(pred, ref, bootstrap=0)
    ascii_ = score(pred, ref, tokenizer="rouge-score", bootstrap=0)
    assert fr.mean("rouge1", "recall") == pytest.approx(2 / 3)  # il, a
    assert ascii_.mean("rouge1", "recall") == pytest.approx(3 / 4)  # il, a, "d" (spurious)


def test_several_references_keep_the_best_f1_like_score_multi():
    preds = ["Poutine a reçu Kim au cosmodrome.", "Les missiles ont été tirés en mer."]
    refs = [["Kim a été reçu par Poutine.", "Poutine a reçu Kim mercredi au cosmodrome."],
            ["Deux missiles ont été tirés.", "Pyongyang a tiré en mer deux missiles."]]
    result = score(preds, refs, tokenizer="rouge-score", bootstrap=0)
    lib = rouge_scorer.RougeScorer(list(ROUGE_TYPES), use_stemmer=False)
    for i, (pred, item_refs) in enumerate(zip(preds, refs)):
        expected = lib.score_multi([sentence_lines(r) for r in item_refs], sentence_lines(pred))
        for t, rouge_type in enumerate(ROUGE_TYPES):
            np.testing.assert_allclose(result.per_item[i, t], expected[rouge_type], atol=1e-12)
    assert parse_signature(result.signature)["refs"] == "2"


def test_rouge_lsum_uses_one_sentence_per_line():
    assert sentence_lines("M. Poutine est arrivé. Il a parlé 2 h.\nFin") == (
        "M. Poutine est arrivé.\nIl a parlé 2 h.\nFin")
    # sentence order matters for ROUGE-L but not for ROUGE-Lsum
    result = score(["Il a parlé. Poutine est arrivé."], [["Poutine est arrivé. Il a parlé."]],
                   bootstrap=0)
    assert _f1(result, "rougeLsum") == pytest.approx(1.0)
    assert _f1(result, "rougeL") < 1.0


def _seed_pairs(seeds_dir):
    """Sentences of one seed article scored against those of another: varied, real French."""
    a = split_sentences((seeds_dir / "001_641b7a8731cc248e.txt").read_text(encoding="utf-8"))
    b = split_sentences((seeds_dir / "000_a0b294953a5b3daa.txt").read_text(encoding="utf-8"))
    n = min(len(a), len(b), 20)
    return a[:n], [[s] for s in b[:n]]


def test_bootstrap_interval_contains_mean_and_is_deterministic(seeds_dir):
    preds, refs = _seed_pairs(seeds_dir)
    first = score(preds, refs, bootstrap=500, seed=7)
    again = score(preds, refs, bootstrap=500, seed=7)
    other = score(preds, refs, bootstrap=500, seed=8)
    assert first.ci == again.ci
    assert first.ci != other.ci
    for rouge_type in ROUGE_TYPES:
        for measure in ("precision", "recall", "f1"):
            low, high = first.ci[rouge_type][measure]
            assert low <= first.mean(rouge_type, measure) <= high
            assert low < high  # varied items give a real interval
    narrow = score(preds, refs, bootstrap=500, seed=7, confidence=0.5)
    low50, high50 = narrow.ci["rouge1"]["f1"]
    low95, high95 = first.ci["rouge1"]["f1"]
    assert low95 <= low50 and high50 <= high95


def test_bootstrap_zero_gives_no_interval_and_json_ready_dict(seeds_dir):
    preds, refs = _seed_pairs(seeds_dir)
    result = score(preds, refs, bootstrap=0, ids=[f"s{i}" for i in range(len(preds))])
    assert result.ci == {}
    assert parse_signature(result.signature)["ci"] == "none"
    data = json.loads(json.dumps(result.to_dict(per_item=True)))
    assert data["n"] == len(preds)
    assert data["scores"]["rouge2"]["f1"]["low"] is None
    assert data["scores"]["rouge1"]["f1"]["mean"] == pytest.approx(result.mean("rouge1"))
    assert [row["id"] for row in data["per_item"]] == result.ids
    assert data["per_item"][3]["rougeL"]["f1"] == pytest.approx(result.per_item[3, 2, 2])


@pytest.mark.parametrize(
    ("kwargs", "message"),
    [
        ({"predictions": ["a"], "references": [["a"], ["b"]]}, "1 predictions but 2"),
        ({"predictions": [], "references": []}, "nothing to score"),
        ({"predictions": ["a"], "references": [[]]}, "non-empty list"),
        ({"predictions": ["a"], "references": [["a"]], "rouge_types": ["bleu"]}, "ROUGE type"),
        ({"predictions": ["a"], "references": [["a"]], "tokenizer": "x"}, "unknown tokenizer"),
        ({"predictions": ["a"], "references": [["a"]], "bootstrap": -1}, "bootstrap"),
        ({"predictions": ["a", "b"], "references": [["a"], ["b"]], "ids": ["x", "x"]}, "unique"),
    ],
)
def test_bad_inputs_are_user_errors(kwargs, message):
    with pytest.raises(UserError, match=message):
        score(**kwargs)


# --- signatures -----------------------------------------------------------------------------


def test_signature_format():
    assert make_signature() == (
        "rouge|tok:fr|stem:no|refs:1|ci:bootstrap-1000-95|seed:0|version:0.1.0")
    assert "refs:1-3" in make_signature(n_refs=[1, 3, 2])
    assert "tok:rouge-score|stem:yes" in make_signature("rouge-score", True)


def test_check_comparable_refuses_different_signatures():
    base = make_signature()
    check_comparable(base, make_signature())
    with pytest.raises(UserError, match=r"tok \(fr vs rouge-score\), stem \(no vs yes\)"):
        check_comparable(base, make_signature("rouge-score", stem=True))
    with pytest.raises(UserError, match="refs"):
        check_comparable(base, make_signature(n_refs=2))
    # the interval settings do not change the scores: only refused when strict
    other_ci = make_signature(bootstrap=200, seed=3)
    check_comparable(base, other_ci)
    with pytest.raises(UserError, match=r"ci .*seed \(0 vs 3\)"):
        check_comparable(base, other_ci, strict=True)
    with pytest.raises(UserError, match="not a ROUGE signature"):
        check_comparable(base, "BLEU+case.mixed")


# --- rouge-score mode reproduces the library on OrangeSum -----------------------------------


@pytest.mark.data
def test_rouge_score_mode_equals_library_on_orangesum_lead2(orangesum_dir):
    from summarize.text.datasets import load_orangesum

    examples = load_orangesum(orangesum_dir, split="abstract-valid")
    assert len(examples) == 1440
    examples = examples[::4]  # 360 articles: the same check, a quarter of the time
    preds = [" ".join(split_sentences(ex.article.text)[:2]) for ex in examples]
    refs = [ex.abstract for ex in examples]
    result = score(preds, [[r] for r in refs], tokenizer="rouge-score", bootstrap=0)
    plain = rouge_scorer.RougeScorer(["rouge1", "rouge2", "rougeL"], use_stemmer=False)
    lsum = rouge_scorer.RougeScorer(["rougeLsum"], use_stemmer=False)
    expected = np.zeros_like(result.per_item)
    for i, (pred, ref) in enumerate(zip(preds, refs)):
        found = plain.score(ref, pred)  # on the raw texts
        found.update(lsum.score(sentence_lines(ref), sentence_lines(pred)))
        expected[i] = [found[t] for t in ROUGE_TYPES]
    np.testing.assert_allclose(result.per_item, expected, rtol=0, atol=1e-9)
    assert 0.05 < result.mean("rouge1") < 0.6  # LEAD-2 is a real, non-trivial baseline
