"""What ``--model`` accepts: registry aliases, bundled models, baselines (``summarize models``).

Nothing is downloaded and no model is loaded: sizes are read from disk (the bundled folder,
or the Hugging Face cache for hub names), so the listing works offline and in a second.
"""

from __future__ import annotations

import os
from dataclasses import asdict, dataclass, field
from pathlib import Path

from summarize.errors import UserError
from summarize.seq2seq.loader import SUMMARIZERS
from summarize.seq2seq.registry import BUNDLED, registry, resolve
from summarize.seq2seq.runtime import has_onnx


@dataclass
class ModelEntry:
    """One model ``--model NAME`` can load, and whether it can run here."""

    name: str
    kind: str  # baseline | bundled | hub | local | component (a bundled part of a summarizer)
    description: str = ""
    path: str | None = None
    default: bool = False
    size_bytes: int | None = None  # on disk here (None: not here)
    runtimes: list[str] = field(default_factory=list)  # onnx (exported) and/or torch; python
    offline: bool = False  # usable without a network, here and now
    max_input_tokens: int | None = None
    mode: str = ""  # task prefix or prompt template the model is run with
    pack_order: str | None = None

    def to_dict(self) -> dict:
        return asdict(self)


def _folder_size(folder: Path) -> int:
    return sum(p.stat().st_size for p in folder.rglob("*") if p.is_file())


def hub_cache_folder(repo_id: str) -> Path | None:
    """The Hugging Face cache folder of ``repo_id`` when a snapshot with a config is there."""
    root = os.environ.get("HF_HUB_CACHE") or (
        Path(os.environ["HF_HOME"]) / "hub" if os.environ.get("HF_HOME")
        else Path(os.environ.get("XDG_CACHE_HOME", Path.home() / ".cache")) / "huggingface" / "hub")
    folder = Path(root) / ("models--" + repo_id.replace("/", "--"))
    snapshots = folder / "snapshots"
    if snapshots.is_dir() and any((s / "config.json").exists() for s in snapshots.iterdir()):
        return folder
    return None


def _mode(spec) -> str:
    if spec.prompt:
        return f"prompt {spec.prompt}"
    return f"prefix {spec.prefix}" if spec.prefix else "plain"


def _entry(name: str, description: str, default: bool) -> ModelEntry:
    try:
        spec = resolve(name)
    except UserError as err:
        return ModelEntry(name, "bundled", f"{description} ({err})".strip(), default=default)
    kind = "bundled" if spec.local and "/models/" in Path(spec.path).as_posix() else (
        "local" if spec.local else "hub")
    out = ModelEntry(name, kind, description, spec.path, default,
                     max_input_tokens=spec.max_input_tokens, mode=_mode(spec),
                     pack_order=spec.pack_order)
    if spec.local:
        out.size_bytes = _folder_size(Path(spec.path))
        out.offline = Path(spec.path, "config.json").is_file()
        out.runtimes = (["onnx"] if has_onnx(spec.path) else []) + ["torch"]
    else:
        cached = hub_cache_folder(spec.path)
        out.size_bytes = _folder_size(cached / "blobs") if cached and (cached / "blobs").is_dir() \
            else (0 if cached else None)
        out.offline = cached is not None
        out.runtimes = ["torch"]
    return out


#: Bundled parts of summarizers (not models ``--model`` loads): file → what uses it.
_COMPONENTS = {"ranker.json": "sentence scorer of the rank stage, used by facets and compressive",
               "compressor.json": "sentence compressor, used by compressive"}


def _component(folder: Path) -> ModelEntry | None:
    """A bundled JSON model folder (``fr-rank``, ``fr-compress``): installed and offline."""
    for file, role in _COMPONENTS.items():
        if (folder / file).is_file():
            return ModelEntry(folder.name, "component", f"Bundled {role} (see its README).",
                              str(folder), False, _folder_size(folder), ["python"], True)
    return None


def list_models() -> list[ModelEntry]:
    """Registry aliases (default first), bundled folders without an alias, then baselines."""
    reg = registry()
    default = reg.get("default")
    models = reg.get("models", {})
    names = sorted(models, key=lambda n: (n != default, list(models).index(n)))
    out = [_entry(n, models[n].get("description", ""), n == default) for n in names]
    aliased = {str(m.get("path", "")).removeprefix("bundled:") for m in models.values()}
    if BUNDLED.is_dir():
        for folder in sorted(BUNDLED.iterdir()):
            if folder.is_dir() and folder.name not in aliased:
                out.append(_component(folder) or _entry(f"bundled:{folder.name}",
                                                        "Bundled model folder.", False))

    out += [ModelEntry(n, "baseline", f"Built-in: {e.description}.", None, n == default, 0,
                       ["python"], True, None, "extractive") for n, e in SUMMARIZERS.items()]
    return out


def format_size(size: int | None) -> str:
    if size is None:
        return "—"
    if size == 0:
        return "0"
    if size < 1e6:
        return f"{size / 1e3:.1f} kB"
    return f"{size / 1e6:.1f} MB" if size < 1e9 else f"{size / 1e9:.2f} GB"
