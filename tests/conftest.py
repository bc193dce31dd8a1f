"""Shared fixtures: the seeds folder and the (optional) OrangeSum data folder."""

from __future__ import annotations

from pathlib import Path

import pytest

ROOT = Path(__file__).resolve().parents[1]
SEEDS = ROOT / "seeds"
ORANGESUM = ROOT.parent / "shared" / "data" / "orangesum"


@pytest.fixture
def seeds_dir() -> Path:
    return SEEDS


@pytest.fixture
def orangesum_dir() -> Path:
    """The shared OrangeSum folder; tests using it are skipped when it is absent."""
    if not (ORANGESUM / "documents.jsonl.gz").is_file():
        pytest.skip("../shared/data/orangesum is absent")
    return ORANGESUM


@pytest.fixture(scope="session")
def tiny_model_dir(tmp_path_factory) -> Path:
    """A tiny, randomly initialised CopyBART with a sentencepiece vocabulary trained on the seeds,
    saved with ``save_pretrained`` like any Hugging Face checkpoint (tests never download)."""
    import json

    import torch

    from summarize.seq2seq.tokenizer import build_tokenizer
    from summarize.train.trainer import TrainConfig, build_model

    out = tmp_path_factory.mktemp("tiny-model")
    texts = [p.read_text(encoding="utf-8") for p in sorted(SEEDS.glob("*.txt"))]
    tok = build_tokenizer(texts, out, vocab_size=400, model_max_length=128)
    cfg = TrainConfig(d_model=32, encoder_layers=1, decoder_layers=1, attention_heads=2, ffn_dim=64,
                      max_source_tokens=128, max_target_tokens=32)
    torch.manual_seed(0)
    model = build_model(cfg, tok)
    model.generation_config.update(num_beams=2, max_new_tokens=12, min_new_tokens=4)
    model.save_pretrained(out)
    (out / "summarize.json").write_text(json.dumps({
        "max_input_tokens": 128, "pack_order": "source", "prefix": "<abstract>",
        "generation": {"num_beams": 2, "max_new_tokens": 12, "min_new_tokens": 4}}))
    return out


@pytest.fixture(scope="session")
def tiny_onnx_dir(tiny_model_dir, tmp_path_factory) -> Path:
    """The tiny test model with larger random weights (varied outputs), and its ONNX export."""
    import shutil

    import torch
    from transformers import AutoModelForSeq2SeqLM

    from summarize.seq2seq.onnx_export import export_onnx

    out = tmp_path_factory.mktemp("tiny-onnx") / "model"
    shutil.copytree(tiny_model_dir, out)
    model = AutoModelForSeq2SeqLM.from_pretrained(out)
    torch.manual_seed(1)
    with torch.no_grad():
        for p in model.parameters():
            p.add_(torch.randn_like(p) * 0.3)
    model.save_pretrained(out)
    export_onnx(out)
    return out
