"""Source-constrained decoding (both runtimes), verification and the fused briefing's fallback."""

from __future__ import annotations

import numpy as np
import pytest
import torch

from summarize.seq2seq.beam import beam_search
from summarize.seq2seq.constrain import SourceConstraint, Vocabulary
from summarize.seq2seq.fuse import FusedSummarizer, verify
from summarize.seq2seq.processors import (
    MIRRORS,
    ForcedEOS,
    MinNewTokens,
    NoRepeatNGram,
    standard,
    to_torch,
)
from summarize.seq2seq.registry import BUNDLED
from summarize.seq2seq.runtime import OnnxSeq2Seq, Tokenizer

SOURCES = [("Kim Jong-un a apporté mardi son soutien à la « lutte sacrée » de la Russie, lors d'un "
           "sommet à Vostochny."), "Le sommet a duré 1 500 minutes et coûté 3,5 millions d'euros en 2023."]


@pytest.fixture(scope="module")
def bundled_tok() -> Tokenizer:
    return Tokenizer(BUNDLED / "fr-brief-small" / "tokenizer.json")


def _writable(tok: Tokenizer, text: str) -> tuple[bool, bool]:
    """(can the constrained decoder write ``text`` token by token, may it stop there)."""
    sc = SourceConstraint(Vocabulary.from_tokenizer(tok), [SOURCES], 1)
    ids = tok([text], add_special_tokens=False)["input_ids"][0]
    for k in range(len(ids)):
        if ids[k] not in set(sc.mask_row(0, ids[:k]).tolist()):
            return False, False
    return True, sc.vocab.eos_id in set(sc.mask_row(0, ids).tolist())


@pytest.mark.parametrize("text", ["Kim Jong-un a apporté son soutien à la Russie.",
                                  "Le sommet a duré 1 500 minutes.", "Il a coûté 3,5 millions d'euros.",
                                  "Selon Kim Jong-un, la Russie gagnera."])
def test_source_words_names_and_numbers_can_be_written(bundled_tok, text):
    assert _writable(bundled_tok, text) == (True, True)


@pytest.mark.parametrize("text", ["Le sommet de 2017", "Paris", "Kim Kim", "Kim Jongong",
                                  "Donald Trump", "Le sommet a duré 1 600", "Les ivrestiques"])
def test_invented_names_numbers_and_words_are_impossible(bundled_tok, text):
    assert _writable(bundled_tok, text)[0] is False


def test_a_model_that_wants_an_invented_name_cannot_write_it(bundled_tok):
    """A decoder whose logits push "Paris en 2017 ." hard still writes only source material."""
    vocab = Vocabulary.from_tokenizer(bundled_tok)
    wanted = bundled_tok(["Donald Trump à Paris en 2017."], add_special_tokens=False)["input_ids"][0]
    rng = np.random.default_rng(0)
    noise = rng.normal(size=len(vocab.pieces)).astype(np.float32)

    def step(tokens, position, reorder):
        logits = np.tile(noise, (len(tokens), 1))
        logits[:, wanted[min(position, len(wanted) - 1)]] += 20.0
        logits[:, vocab.eos_id] += 5.0 if position >= len(wanted) else 0.0
        return logits

    free = beam_search(step, 1, start_id=2, eos_id=vocab.eos_id, num_beams=2, max_new_tokens=12)
    assert "Paris" in vocab.decode(free[0])
    scores: list[float] = []
    constrained = beam_search(step, 1, start_id=2, eos_id=vocab.eos_id, num_beams=2, max_new_tokens=12,
                              processors=[SourceConstraint(vocab, [SOURCES], 2)], scores=scores)
    text = vocab.decode(constrained[0])
    assert text.strip() and np.isfinite(scores[0])
    for banned in ("Paris", "2017", "Trump", "Donald"):
        assert banned not in text


def test_processors_are_objects_mirrored_by_transformers_classes():
    import transformers

    procs = standard(eos_id=2, max_new_tokens=10, min_new_tokens=3, no_repeat_ngram_size=2)
    assert [type(p) for p in procs] == [NoRepeatNGram, MinNewTokens, ForcedEOS]
    for cls, name in MIRRORS.items():
        assert hasattr(transformers, name), (cls, name)
    scores = np.zeros((1, 5), np.float32)
    out = NoRepeatNGram(2)(np.array([[2, 3, 4, 3]]), scores.copy())
    assert out[0, 4] == -np.inf and np.isfinite(out[0, :4]).all()


def test_constrained_generation_is_the_same_in_both_runtimes(tiny_onnx_dir):
    """The numpy beam search with the constraint and ``generate`` with its torch mirror agree."""
    from transformers import AutoModelForSeq2SeqLM

    import summarize.seq2seq.modeling  # noqa: F401

    folder = tiny_onnx_dir
    model = AutoModelForSeq2SeqLM.from_pretrained(folder, dtype=torch.float32).eval()
    rt = OnnxSeq2Seq(folder)
    sources = [[s] for s in SOURCES] + [SOURCES]
    ids, mask = rt.tokenizer.encode_padded(["<abstract> " + " ".join(s) for s in sources], 64)
    vocab = Vocabulary.from_tokenizer(rt.tokenizer)
    settings = {"num_beams": 3, "max_new_tokens": 10, "min_new_tokens": 2, "no_repeat_ngram_size": 2,
                    "length_penalty": 1.0}
    ours = rt.generate_ids(ids, mask, **settings, processors=[SourceConstraint(vocab, sources, 3)])
    with torch.inference_mode():
        out = model.generate(input_ids=torch.from_numpy(ids), attention_mask=torch.from_numpy(mask),
                             **settings, do_sample=False, early_stopping=True,
                             logits_processor=to_torch([SourceConstraint(vocab, sources, 3)]))
    ref = [row[1:].tolist() for row in out]
    ref = [r[: r.index(2)] if 2 in r else r for r in ref]
    assert ours == ref
    assert sum(len(r) for r in ours) > 6  # something was generated
    for row, src in zip(ours, sources):  # every generated word is allowed
        sc = SourceConstraint(vocab, [src], 1)
        assert all(row[k] in set(sc.mask_row(0, row[:k]).tolist()) for k in range(len(row)))


def test_verify_rejects_unsupported_invented_or_unsure_sentences():
    src = [("Le dirigeant nord-coréen Kim Jong-un a promis mercredi son soutien à la Russie de "
           "Vladimir Poutine.")]
    good = "Kim Jong-un a promis son soutien à la Russie."
    assert verify(good, -0.2, src).ok
    assert verify("Kim Jong-un a promis son soutien à la Russie en 2017.", -0.2, src).reason == "facts"
    assert verify("Kim Jong-un a promis son soutien aux ivrestiques russes.", -0.2, src).reason == "word"
    assert verify(good, -3.0, src).reason == "confidence"
    assert verify("La Russie.", -0.1, src).reason == "shape"


def test_fused_briefing_falls_back_to_source_sentences(tiny_model_dir, seeds_dir):
    """A random model is never trusted: every sentence is its facet's source, marked extracted."""
    from summarize.brief import make_briefings
    from summarize.text.ingest import load_articles

    articles = load_articles([str(seeds_dir)])
    from summarize.errors import UserError
    from summarize.seq2seq.loader import load_summarizer

    with pytest.raises(UserError, match="fused:PATH"):
        load_summarizer("fused")
    assert isinstance(load_summarizer(f"fused:{tiny_model_dir}"), FusedSummarizer)
    fused = FusedSummarizer(str(tiny_model_dir), min_confidence=0.0, runtime="torch")
    [briefing] = make_briefings([("seeds", articles)], fused)
    data = briefing.to_dict()
    sentences = data["sentences"]
    assert sentences and all(s["origin"] == "extracted" for s in sentences)
    assert all(s["article_ids"] and s["sources"] for s in sentences)
    assert len(briefing.summary.split()) <= 120
    facets = briefing.packing["facets"]
    assert facets and all(f["fused"]["kept"] is False and f["fused"]["reason"] for f in facets)
    assert [f["text"] for f in facets] == [s["text"] for s in sentences]
    assert data["model"]["fusion_model"]["path"] == str(tiny_model_dir)
