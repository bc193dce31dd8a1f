"""The package's layout (ARCHITECTURE.md): no import cycle, function-level imports only for
heavy or optional libraries, small modules, and an architecture page that names real code.

The layers themselves are checked by ``lint-imports`` (import-linter, run by ``.ci/run``)."""

from __future__ import annotations

import ast
import importlib
import re
from pathlib import Path

import grimp
import pytest

ROOT = Path(__file__).resolve().parents[1]
PACKAGE = ROOT / "summarize"
#: What a function may import: heavy or optional libraries, and the project's modules that
#: import torch at their top (ARCHITECTURE.md, "Rules the layout keeps").
LAZY = {"torch", "transformers", "onnxruntime", "onnx", "tokenizers", "sumy", "matplotlib",
        "sklearn", "trafilatura", "rouge_score", "pycld2", "distributed", "dask", "spacy",
        "safetensors", "summarize.seq2seq.modeling",
        "summarize.seq2seq.tokenizer", "summarize.seq2seq.onnx_export", "summarize.train.trainer",
        "summarize.train.trainset", "summarize.train.tuning"}
MAX_LINES = 400


def _modules() -> list[Path]:
    return sorted(PACKAGE.rglob("*.py"))


def _cycles(adjacency: dict[str, set[str]]) -> list[list[str]]:
    """Strongly connected components of more than one module (Tarjan, iterative)."""
    index: dict[str, int] = {}
    low: dict[str, int] = {}
    stack: list[str] = []
    on_stack: set[str] = set()
    found: list[list[str]] = []
    for root, children in adjacency.items():
        if root in index:
            continue
        work = [(root, iter(sorted(children)))]
        index[root] = low[root] = len(index)
        stack.append(root)
        on_stack.add(root)
        while work:
            node, children = work[-1]
            child = next(children, None)
            if child is not None:
                if child not in index:
                    index[child] = low[child] = len(index)
                    stack.append(child)
                    on_stack.add(child)
                    work.append((child, iter(sorted(adjacency.get(child, ())))))
                elif child in on_stack:
                    low[node] = min(low[node], index[child])
                continue
            work.pop()
            if work:
                low[work[-1][0]] = min(low[work[-1][0]], low[node])
            if low[node] == index[node]:
                component = []
                while True:
                    member = stack.pop()
                    on_stack.discard(member)
                    component.append(member)
                    if member == node:
                        break
                if len(component) > 1:
                    found.append(sorted(component))
    return found


def test_cycle_finder_finds_a_cycle():
    assert _cycles({"a": {"b"}, "b": {"c"}, "c": {"a"}, "d": {"a"}}) == [["a", "b", "c"]]
    assert _cycles({"a": {"b"}, "b": set()}) == []


def test_the_import_graph_has_no_cycle():
    graph = grimp.build_graph("summarize", exclude_type_checking_imports=True, cache_dir=None)
    adjacency = {m: set(graph.find_modules_directly_imported_by(m)) for m in graph.modules}
    assert _cycles(adjacency) == []


@pytest.mark.parametrize("path", _modules(), ids=lambda p: str(p.relative_to(ROOT)))
def test_function_level_imports_only_delay_heavy_libraries(path):
    tree = ast.parse(path.read_text(encoding="utf-8"))
    bad = []
    for func in ast.walk(tree):
        if not isinstance(func, (ast.FunctionDef, ast.AsyncFunctionDef)):
            continue
        for node in ast.walk(func):
            if isinstance(node, ast.Import):
                names = [a.name for a in node.names]
            elif isinstance(node, ast.ImportFrom):
                names = [node.module or ""]
            else:
                continue
            for name in names:
                if not any(name == lazy or name.startswith(lazy + ".") for lazy in LAZY):
                    bad.append(f"line {node.lineno}: {name}")
    assert not bad, f"function-level imports of light modules: {bad}"


@pytest.mark.parametrize("path", _modules(), ids=lambda p: str(p.relative_to(ROOT)))
def test_modules_are_small_and_say_what_they_own(path):
    text = path.read_text(encoding="utf-8")
    assert len(text.splitlines()) <= MAX_LINES
    if path.name != "__main__.py":
        assert ast.get_docstring(ast.parse(text)), "a module docstring says what it owns"


def test_model_weights_folder_holds_no_code():
    assert not list((PACKAGE / "models").rglob("*.py"))


def test_architecture_page_names_real_modules_and_functions():
    page = (ROOT / "ARCHITECTURE.md").read_text(encoding="utf-8")
    names = set(re.findall(r"`((?:text|select|seq2seq|train|evaluate|cli|brief|briefer|check|"
                           r"render|render_html|api)\.[\w.]+)`", page))
    assert len(names) > 20
    for name in sorted(names):
        parts = name.split(".")
        for cut in range(len(parts), 0, -1):  # the longest importable prefix, then attributes
            try:
                obj = importlib.import_module("summarize." + ".".join(parts[:cut]))
            except ModuleNotFoundError:
                continue
            for attr in parts[cut:]:
                assert hasattr(obj, attr), f"ARCHITECTURE.md names {name}: no {attr}"
                obj = getattr(obj, attr)
            break
        else:
            pytest.fail(f"ARCHITECTURE.md names {name}, which does not exist")
    for package in ("text", "select", "seq2seq", "train", "evaluate", "cli"):
        assert f"`{package}/`" in page
