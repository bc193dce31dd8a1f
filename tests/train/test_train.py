"""`summarize train` end to end on a tiny JSONL: trains, checkpoints, resumes, loads."""

from __future__ import annotations

import json
import shutil
from pathlib import Path

import pytest
from clirunner import run_cli, run_here
from transformers import AutoModelForSeq2SeqLM, AutoTokenizer

from summarize.text.segment import split_sentences

TINY = {
    "vocab_size": 400, "d_model": 32, "encoder_layers": 1, "decoder_layers": 1,
    "attention_heads": 2, "ffn_dim": 64, "max_source_tokens": 96, "max_target_tokens": 40,
    "batch_size": 4, "epochs": 50.0, "eval_every": 3, "valid_loss_items": 8,
    "valid_rouge_items": 4, "warmup_steps": 2, "threads": 1, "keep_checkpoints": 5,
}


@pytest.fixture(scope="module")
def tiny_data(tmp_path_factory) -> tuple[Path, Path, Path]:
    """Pairs built from the seeds: a few sentences → their first sentence; plus a TOML config."""
    root = tmp_path_factory.mktemp("train")
    seeds = sorted((Path(__file__).resolve().parents[2] / "seeds").glob("*.txt"))
    sentences = [s for p in seeds for s in split_sentences(p.read_text(encoding="utf-8")) if len(s) > 40]
    rows = [{"article": " ".join(sentences[i : i + 4]), "abstract": sentences[i]}
            for i in range(0, len(sentences) - 4, 2)]
    train, valid = root / "train.jsonl", root / "valid.jsonl"
    train.write_text("".join(json.dumps(r, ensure_ascii=False) + "\n" for r in rows[:-6]), encoding="utf-8")
    valid.write_text("".join(json.dumps(r, ensure_ascii=False) + "\n" for r in rows[-6:]), encoding="utf-8")
    config = root / "tiny.toml"
    config.write_text("".join(f"{k} = {json.dumps(v)}\n" for k, v in TINY.items()), encoding="utf-8")
    return train, valid, config


@pytest.fixture(scope="module")
def first_run(tiny_data, tmp_path_factory) -> Path:
    """Four training steps of the tiny model (shared: training starts a torch process)."""
    train, valid, config = tiny_data
    run = tmp_path_factory.mktemp("first") / "run"
    done = run_cli("train", "--config", str(config), "--train", str(train), "--valid", str(valid),
                   "--run-dir", str(run), "--max-steps", "4")
    assert done.returncode == 0, done.stderr
    return run


@pytest.mark.slow  # trains the from-scratch generator twice (≈20 s): `pytest -m slow`
def test_train_resume_and_load(tiny_data, first_run, tmp_path):
    train, valid, config = tiny_data
    run = tmp_path / "run"
    shutil.copytree(first_run, run)
    common = ["train", "--config", str(config), "--train", str(train), "--valid", str(valid),
              "--run-dir", str(run)]
    state = json.loads((run / "checkpoint-4" / "trainer_state.json").read_text())
    assert state["state"]["step"] == 4
    assert (run / "checkpoint-3").is_dir()  # eval_every=3
    log = [json.loads(line) for line in (run / "log.jsonl").read_text().splitlines()]
    assert [m["step"] for m in log] == [3, 4]
    assert all(m["valid_loss"] > 0 and 0 <= m["rougeL"] <= 100 for m in log)
    assert (run / "log.csv").read_text().startswith("step,")

    second = run_cli(*common, "--resume", "--max-steps", "6")
    assert second.returncode == 0, second.stderr
    assert "resuming from" in second.stderr and "checkpoint-4" in second.stderr
    state = json.loads((run / "checkpoint-6" / "trainer_state.json").read_text())
    assert state["state"]["step"] == 6

    ckpt = run / "checkpoint-6"
    for name in ("config.json", "generation_config.json", "tokenizer.json", "spiece.model",
                 "summarize.json", "model.safetensors"):
        assert (ckpt / name).is_file(), name
    import summarize.seq2seq.modeling  # noqa: F401

    model = AutoModelForSeq2SeqLM.from_pretrained(ckpt)
    tok = AutoTokenizer.from_pretrained(ckpt)
    assert model.config.model_type == "copy_bart"
    assert tok.decode(tok("L’armée a déclaré").input_ids, skip_special_tokens=True) == "L'armée a déclaré"


@pytest.mark.slow
def test_export_writes_a_lean_fp16_folder(first_run, tmp_path):
    run = first_run
    out = tmp_path / "model"
    done = run_here("export", str(run / "checkpoint-4"), str(out))
    assert done.returncode == 0, done.stderr
    assert not (out / "optimizer.pt").exists() and (out / "tokenizer.json").is_file()
    again = run_here("export", str(run / "checkpoint-4"), str(out))
    assert again.returncode == 2 and "--force" in again.stderr and "Traceback" not in again.stderr


def test_bad_training_data_is_one_line_error(tmp_path):
    bad = tmp_path / "bad.jsonl"
    bad.write_text('{"article": "x"}\n', encoding="utf-8")
    done = run_here("train", "--train", str(bad), "--valid", str(bad), "--run-dir", str(tmp_path / "r"))
    assert done.returncode == 2
    assert "Traceback" not in done.stderr and "bad.jsonl:1" in done.stderr
