"""One end-to-end run of the commands no other test runs whole: export-onnx, fusion-pairs,
eval build-mds (in-process: no interpreter start is being tested here)."""

from __future__ import annotations

import json
import shutil

from clirunner import run_here


def test_export_onnx_writes_both_graphs(tiny_model_dir, tmp_path):
    folder = tmp_path / "model"
    shutil.copytree(tiny_model_dir, folder)
    done = run_here("export-onnx", folder)
    assert done.returncode == 0, done.stderr
    assert (folder / "onnx" / "encoder.onnx").is_file() and (folder / "onnx" / "decoder.onnx").is_file()
    missing = run_here("export-onnx", tmp_path / "nope")
    assert missing.returncode == 2 and "not found" in missing.stderr


def test_fusion_pairs_from_a_split(orangesum_dir, tmp_path):
    out = tmp_path / "pairs.jsonl"
    done = run_here("fusion-pairs", "abstract-valid", "-o", out, "--limit", "30",
                    "--data-dir", orangesum_dir)
    assert done.returncode == 0, done.stderr
    pairs = [json.loads(line) for line in out.read_text(encoding="utf-8").splitlines()]
    assert pairs and all(p["articles"] and p["target"] for p in pairs)


def test_build_mds_prints_what_it_built(orangesum_dir, tmp_path):
    done = run_here("eval", "build-mds", "--data-dir", orangesum_dir, "--sample", "1",
                    SUMMARIZE_CACHE=str(tmp_path))
    assert done.returncode == 0, done.stderr
    assert "cluster" in done.stdout.lower()
