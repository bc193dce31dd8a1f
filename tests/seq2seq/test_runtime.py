"""The ONNX runtime: exported graphs match the HF forward, beam search matches ``generate``."""

from __future__ import annotations

import json
import os
import shutil
import subprocess
import sys
from pathlib import Path

import numpy as np
import pytest
import torch

from summarize.errors import UserError
from summarize.seq2seq.beam import beam_search
from summarize.seq2seq.generate import GenerationSettings, Seq2SeqSummarizer, generate_texts
from summarize.seq2seq.registry import BUNDLED, pick_runtime, registry, resolve
from summarize.seq2seq.runtime import OnnxSeq2Seq, Tokenizer, has_onnx
from summarize.text.ingest import load_articles

ROOT = Path(__file__).resolve().parents[2]
SEED_TEXTS = [p.read_text(encoding="utf-8") for p in sorted((ROOT / "seeds").glob("*.txt"))]


@pytest.fixture(scope="module")
def tiny_hf(tiny_onnx_dir):
    from transformers import AutoModelForSeq2SeqLM, AutoTokenizer

    import summarize.seq2seq.modeling  # noqa: F401

    model = AutoModelForSeq2SeqLM.from_pretrained(tiny_onnx_dir, dtype=torch.float32).eval()
    return model, AutoTokenizer.from_pretrained(tiny_onnx_dir)


def test_export_writes_both_graphs(tiny_onnx_dir):
    assert has_onnx(tiny_onnx_dir)
    assert not (tiny_onnx_dir / ".onnx.tmp").exists()


def test_step_logits_match_the_hf_forward(tiny_onnx_dir, tiny_hf):
    """Teacher-forced decoding, one step at a time with the cache, equals the full forward."""
    model, _ = tiny_hf
    rt = OnnxSeq2Seq(tiny_onnx_dir)
    ids, mask = rt.tokenizer.encode_padded(SEED_TEXTS[:2], 64)
    dec = np.array([[2, 10, 11, 12, 13], [2, 20, 21, 22, 23]])
    with torch.inference_mode():
        ref = model(input_ids=torch.from_numpy(ids), attention_mask=torch.from_numpy(mask),
                    decoder_input_ids=torch.from_numpy(dec)).logits.numpy()
    seen = []
    enc, *cross = rt.encoder.run(None, {"input_ids": ids, "attention_mask": mask})
    past = [np.zeros((2, cross[0].shape[1], 0, cross[0].shape[3]), np.float32) for _ in rt._past]
    for t in range(dec.shape[1]):
        feed = {"token": dec[:, t : t + 1], "position": np.array([t]), "enc": enc,
                "enc_mask": mask, "src_ids": ids, **dict(zip(rt._cross, cross)),
                **dict(zip(rt._past, past))}
        out, *past = rt.decoder.run(None, feed)
        seen.append(out)
    np.testing.assert_allclose(np.stack(seen, 1), ref, atol=1e-4)


@pytest.mark.parametrize("settings", [
    GenerationSettings(num_beams=1, max_new_tokens=12, min_new_tokens=3, no_repeat_ngram_size=0),
    GenerationSettings(num_beams=2, max_new_tokens=12, min_new_tokens=4, no_repeat_ngram_size=2),
    GenerationSettings(num_beams=4, max_new_tokens=10, min_new_tokens=3, no_repeat_ngram_size=3,
                       length_penalty=2.0),
    GenerationSettings(num_beams=3, max_new_tokens=8, min_new_tokens=0, no_repeat_ngram_size=1,
                       length_penalty=0.5, batch_size=3),
])
def test_onnx_generation_equals_hf_generate(tiny_onnx_dir, tiny_hf, settings):
    """Same token ids as ``model.generate`` (and so the same texts), batched and padded."""
    model, tok = tiny_hf
    rt = OnnxSeq2Seq(tiny_onnx_dir)
    texts = [t[: 150 * (i + 1)] for i, t in enumerate(SEED_TEXTS)]
    ids, mask = rt.tokenizer.encode_padded(texts, 64)
    with torch.inference_mode():
        out = model.generate(input_ids=torch.from_numpy(ids), attention_mask=torch.from_numpy(mask),
                             **settings.generate_kwargs(), do_sample=False, early_stopping=True)
    ref = [row[1:].tolist() for row in out]
    ref = [r[: r.index(2)] if 2 in r else r for r in ref]
    ours = rt.generate_ids(ids, mask, **settings.generate_kwargs())
    assert ours == ref
    assert len({tuple(r) for r in ours}) > 1  # not one degenerate output for every input
    texts_ref = generate_texts(model, tok, texts, settings, 64)
    assert rt.generate_texts(texts, settings, 64) == texts_ref


def test_tokenizer_matches_the_hf_tokenizer(tiny_onnx_dir, tiny_hf):
    _, tok = tiny_hf
    ours = Tokenizer(tiny_onnx_dir / "tokenizer.json")
    texts = ["<abstract> L’Élysée a dit « non » à M. Dupont, 3,5 %.", *SEED_TEXTS]
    assert ours(texts, add_special_tokens=False)["input_ids"] == tok(
        texts, add_special_tokens=False)["input_ids"]
    ids, mask = ours.encode_padded(texts, 40)
    ref = tok(texts, max_length=40, truncation=True, padding=True, return_tensors="np")
    np.testing.assert_array_equal(ids, ref["input_ids"])
    np.testing.assert_array_equal(mask, ref["attention_mask"])
    assert ours.decode(ids[0]) == tok.decode(ids[0], skip_special_tokens=True)
    # truncation is only on while encoding padded batches
    assert len(ours([SEED_TEXTS[0]])["input_ids"][0]) > 40


def test_beam_search_stops_at_eos_and_respects_min_tokens():
    """A fake model that always prefers EOS: min_new_tokens holds it off, then it stops."""
    vocab, eos = 6, 2

    def step(tokens, position, reorder):
        logits = np.zeros((len(tokens), vocab), np.float32)
        logits[:, eos] = 5.0
        logits[:, 4] = 1.0
        return logits

    out = beam_search(step, 2, num_beams=2, max_new_tokens=9, min_new_tokens=3, start_id=2,
                      eos_id=eos)
    assert out == [[4, 4, 4], [4, 4, 4]]
    banned = beam_search(step, 1, num_beams=2, max_new_tokens=9, min_new_tokens=3,
                         no_repeat_ngram_size=1, start_id=2, eos_id=eos)
    assert len(set(banned[0])) == len(banned[0])  # no unigram repeats


def test_pick_runtime(tiny_model_dir, tiny_onnx_dir):
    plain, exported = resolve(str(tiny_model_dir)), resolve(str(tiny_onnx_dir))
    assert pick_runtime("auto", plain, "cpu") == "torch"
    assert pick_runtime("auto", exported, "cpu") == "onnx"
    assert pick_runtime("torch", exported, "cpu") == "torch"
    with pytest.raises(UserError, match="export-onnx"):
        pick_runtime("onnx", plain, "cpu")
    with pytest.raises(UserError, match="CPU"):
        pick_runtime("onnx", exported, "cuda")
    with pytest.raises(UserError, match="--runtime"):
        pick_runtime("fast", exported, "cpu")


def test_unsupported_generation_config_is_refused(tiny_onnx_dir, tmp_path):
    folder = tmp_path / "m"
    shutil.copytree(tiny_onnx_dir, folder)
    gen = json.loads((folder / "generation_config.json").read_text())
    (folder / "generation_config.json").write_text(json.dumps({**gen, "repetition_penalty": 1.3}))
    with pytest.raises(UserError, match="repetition_penalty"):
        OnnxSeq2Seq(folder)


def test_export_refuses_non_bart(tmp_path):
    from summarize.seq2seq.onnx_export import export_onnx

    with pytest.raises(UserError, match="cannot load"):
        export_onnx(tmp_path)


def test_bundled_runtimes_agree_on_the_seeds():
    model = BUNDLED / registry()["default_model"]
    assert has_onnx(model)
    articles = load_articles([str(ROOT / "seeds")])
    fast = Seq2SeqSummarizer.from_pretrained(None)
    slow = Seq2SeqSummarizer.from_pretrained(None, runtime="torch")
    assert (fast.runtime, slow.runtime) == ("onnx", "torch")
    assert fast.pack(articles).report() == slow.pack(articles).report()
    assert fast.summarize([articles]) == slow.summarize([articles])
    assert fast.fingerprint() != slow.fingerprint()


@pytest.mark.data
@pytest.mark.slow  # test_bundled_runtimes_agree_on_the_seeds and test_editor_onnx's tiny models keep the contract in the default run
def test_bundled_runtimes_agree_on_orangesum(orangesum_dir):
    """16 validation articles, in batches of 8: the same summaries from both runtimes."""
    from summarize.text.datasets import load_orangesum

    items = load_orangesum(orangesum_dir, "abstract-valid", limit=16)
    clusters = [[it.article] for it in items]
    fast = Seq2SeqSummarizer.from_pretrained(None)
    slow = Seq2SeqSummarizer.from_pretrained(None, runtime="torch")
    assert fast.summarize(clusters) == slow.summarize(clusters)


def test_default_brief_does_not_import_torch():
    """The cold path of `summarize brief` stays free of torch and transformers."""
    code = ("import sys; from summarize.cli import main; sys.argv=['summarize','brief','seeds/',"
            "'-f','txt']\ntry:\n    main()\nexcept SystemExit:\n    pass\n"
            "print(sorted(m for m in ('torch', 'transformers') if m in sys.modules))")
    env = {**os.environ, "HF_HUB_OFFLINE": "1"}
    done = subprocess.run([sys.executable, "-c", code], capture_output=True, text=True, cwd=ROOT,
                          env=env, timeout=300)
    assert done.returncode == 0, done.stderr
    assert done.stdout.strip().splitlines()[-1] == "[]"
