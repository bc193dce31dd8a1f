"""The bundled French model: shipped in the package, small, documented, used by default offline."""

from __future__ import annotations

import json
import os
import subprocess
import sys
from pathlib import Path

import pytest

from summarize.evaluate.suite import repeated_ngram_share
from summarize.seq2seq.registry import BUNDLED, registry

ROOT = Path(__file__).resolve().parents[2]
MODEL = BUNDLED / registry()["default_model"]


def test_bundled_folder_is_complete_and_small():
    for name in ("config.json", "model.safetensors", "tokenizer.json", "spiece.model",
                 "generation_config.json", "summarize.json", "README.md", "onnx/encoder.onnx",
                 "onnx/decoder.onnx"):
        assert (MODEL / name).is_file(), name
    size = sum(p.stat().st_size for p in MODEL.rglob("*") if p.is_file())
    assert size <= 40 * 1024 * 1024
    card = (MODEL / "README.md").read_text(encoding="utf-8")
    assert "CC BY-SA 4.0" in card and "summarize compare" in card and "summarize train" in card


def test_default_brief_is_offline_french_and_loop_free():
    env = {**os.environ, "HF_HUB_OFFLINE": "1", "TRANSFORMERS_OFFLINE": "1"}
    done = subprocess.run([sys.executable, "-m", "summarize.cli", "brief", "seeds/", "--format", "json",
                           "--model", registry()["default_model"]],
                          capture_output=True, text=True, timeout=600, cwd=ROOT, env=env)
    assert done.returncode == 0, done.stderr
    data = json.loads(done.stdout)
    assert data["model"]["name"] == registry()["default_model"]
    words = data["summary"].lower().split()
    assert len(words) >= 8
    assert {"le", "la", "les", "de", "des", "à", "a", "et", "du", "en"} & set(words)
    assert repeated_ngram_share([data["summary"]]) == 0.0
    assert all(s["article_ids"] for s in data["sentences"])


@pytest.mark.slow
def test_bundled_beats_lead1_on_orangesum_subset(orangesum_dir, tmp_path):
    """300 validation articles: the model's R-1 and R-L F1 are above LEAD-1's."""
    from summarize.evaluate.suite import run_suite

    suite = ROOT / "eval" / "suites" / "orangesum.toml"
    kw = {"data_dir": orangesum_dir, "limit": 300, "cache_dir": tmp_path}
    lead = run_suite(suite, "lead-1", **kw).datasets[0].rouge
    ours = run_suite(suite, registry()["default_model"], **kw).datasets[0].rouge
    for t in ("rouge1", "rougeL"):
        assert ours.mean(t) > lead.mean(t)
