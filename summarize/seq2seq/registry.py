"""Model registry: aliases, bundled models, prompt templates, and offline-aware loading."""

from __future__ import annotations

import hashlib
import importlib.util
import json
import os
import socket
import struct
import tomllib
from dataclasses import dataclass, field
from pathlib import Path
from urllib.parse import urlparse

from summarize.errors import UserError
from summarize.io import json_problem
from summarize.seq2seq.runtime import has_onnx

PACKAGE = Path(__file__).resolve().parents[1]  # summarize/: registry.toml, models/, configs/
BUNDLED = PACKAGE / "models"
PROMPTS = PACKAGE.parent / "prompts"
RUNTIMES = ("auto", "onnx", "torch")
_GENERATION_KEYS = ("num_beams", "max_new_tokens", "min_new_tokens", "no_repeat_ngram_size",
                    "length_penalty")
#: What a registry entry or a model's summarize.json may set; anything else is an error.
_ENTRY_KEYS = frozenset(("path", "description", "max_input_tokens", "prompt", "prefix", "title_prefix",
                         "pack_order", "revision", "generation", *_GENERATION_KEYS))


@dataclass
class ModelSpec:
    """Where a model is and what it needs (input budget, prompt, prefix, generation defaults)."""

    name: str
    path: str  # local folder or hub name
    max_input_tokens: int = 512
    prompt: str | None = None
    prefix: str = ""
    pack_order: str = "source"
    generation: dict = field(default_factory=dict)
    local: bool = False
    revision: str | None = None  # hub branch, tag or commit (pin a commit for reproducible runs)


_HASHES: dict[tuple, tuple[str, int, int | None]] = {}
#: docs and training state in a model or checkpoint folder: they do not change outputs
_NOT_HASHED = ("README.md", "training_log.csv", "optimizer.pt", "trainer_state.json")


def _safetensors_params(path: Path) -> int:
    """Number of parameters in a .safetensors file, read from its JSON header only."""
    with open(path, "rb") as fh:
        (size,) = struct.unpack("<Q", fh.read(8))
        header = json.loads(fh.read(size))
    total = 0
    for name, info in header.items():
        if name != "__metadata__":
            n = 1
            for d in info["shape"]:
                n *= d
            total += n
    return total


def folder_hash(folder: str | Path) -> tuple[str, int, int | None]:
    """(content hash, bytes, parameters) of a model folder: every file but its docs, by name and
    content; the one hash behind fingerprints, caches and run records (memoised by size and mtime)."""
    folder = Path(folder)
    files = sorted((f for f in folder.rglob("*") if f.is_file() and f.name not in _NOT_HASHED),
                   key=lambda f: f.relative_to(folder).as_posix())
    key = (str(folder.resolve()), *((f.relative_to(folder).as_posix(), f.stat().st_size,
                                      f.stat().st_mtime_ns) for f in files))
    if key in _HASHES:
        return _HASHES[key]
    digest, size = hashlib.sha256(), 0
    params: int | None = 0 if any(f.suffix == ".safetensors" for f in files) else None
    for f in files:
        digest.update(f.relative_to(folder).as_posix().encode() + b"\0")
        with open(f, "rb") as fh:
            while chunk := fh.read(1 << 20):
                digest.update(chunk)
        size += f.stat().st_size
        if f.suffix == ".safetensors" and params is not None:
            try:
                params += _safetensors_params(f)
            except (ValueError, KeyError, struct.error):
                params = None
    _HASHES[key] = (digest.hexdigest(), size, params)
    return _HASHES[key]


def registry() -> dict:
    """The parsed ``registry.toml``."""
    return tomllib.loads((PACKAGE / "registry.toml").read_text(encoding="utf-8"))


def refuse_code(folder: str | Path) -> None:
    """Refuse a model folder that asks to run its own code: an ``auto_map`` in its configs
    (transformers' custom-code hook) or any Python file. Only weights and configs are read;
    ``from_pretrained`` is always called with ``trust_remote_code=False`` as well."""
    folder = Path(folder)
    if any(folder.rglob("*.py")):
        raise UserError(f"refusing model folder {folder}: it holds Python files, and model "
                        "folders must not run code")
    for name in ("config.json", "tokenizer_config.json", "generation_config.json"):
        path = folder / name
        if not path.is_file():
            continue
        try:
            data = json.loads(path.read_text(encoding="utf-8"))
        except (OSError, UnicodeDecodeError, ValueError, RecursionError) as err:
            raise UserError(f"cannot read {path}: {str(err).splitlines()[0]}") from None
        if isinstance(data, dict) and "auto_map" in data:
            raise UserError(f"refusing model folder {folder}: {name} asks to run custom code "
                            "(auto_map), and model folders must not run code")


def _read_settings(path: Path) -> dict:
    """A model folder's ``summarize.json`` (absent: no settings), as a dict or a one-line error."""
    if not path.is_file():
        return {}
    try:
        data = json.loads(path.read_bytes().decode("utf-8"))
    except UnicodeDecodeError:
        raise UserError(f"{path}: not UTF-8 JSON") from None
    except (OSError, ValueError, RecursionError) as err:
        raise UserError(f"{path}: {json_problem(err) if not isinstance(err, OSError) else err}") from None
    if not isinstance(data, dict):
        raise UserError(f"{path}: expected a JSON object")
    return data


def _check_types(settings: dict, spec: str) -> None:
    """Each setting of a registry entry or ``summarize.json`` has the type it must have."""
    def bad(key: str, what: str) -> UserError:
        return UserError(f"model {spec!r}: {key} must be {what}, not {settings[key]!r}")

    for key in ("path", "description", "prompt", "prefix", "title_prefix", "pack_order", "revision"):
        if settings.get(key) is not None and not isinstance(settings[key], str):
            raise bad(key, "a string")
    value = settings.get("max_input_tokens")
    if value is not None and (isinstance(value, bool) or not isinstance(value, int) or value < 1):
        raise bad("max_input_tokens", "a whole number >= 1")
    generation = settings.get("generation", {})
    if not isinstance(generation, dict):
        raise bad("generation", "a table of generation settings")
    for key, value in {**generation, **{k: settings[k] for k in _GENERATION_KEYS if k in settings}}.items():
        if isinstance(value, bool) or not isinstance(value, (int, float)):
            raise UserError(f"model {spec!r}: generation setting {key} must be a number, not {value!r}")


def resolve(spec: str | None) -> ModelSpec:
    """Turn ``--model`` (alias, ``bundled:NAME``, local folder or hub name) into a ModelSpec."""
    reg = registry()
    spec = spec or reg["default_model"]
    entry = dict(reg["models"].get(spec, {}))
    path = entry.pop("path", spec)
    if path.startswith("bundled:"):
        path = str(BUNDLED / path.split(":", 1)[1])
        if not Path(path, "config.json").is_file():
            raise UserError(f"the bundled model {spec!r} is missing from {BUNDLED}")
    local = Path(path).is_dir()
    if local:
        refuse_code(path)
    if not local and (Path(path).suffix or path.startswith((".", "/", "~")) or path.count("/") > 1):
        raise UserError(f"model folder not found: {path}")
    out = ModelSpec(name=spec, path=path, local=local)
    settings = _read_settings(Path(path, "summarize.json")) if local else {}
    settings.update(entry)
    _check_types(settings, spec)
    unknown = sorted(set(settings) - _ENTRY_KEYS) + sorted(set(settings.get("generation", {})) - {
        *_GENERATION_KEYS, "batch_size"})
    if unknown:
        raise UserError(f"model {spec!r}: unknown setting(s) {', '.join(unknown)} "
                        f"(known: {', '.join(sorted(_ENTRY_KEYS))})")
    out.revision = settings.get("revision")
    out.max_input_tokens = int(settings.get("max_input_tokens", out.max_input_tokens))
    out.prompt = settings.get("prompt") or None
    out.prefix = settings.get("prefix", "")
    out.pack_order = settings.get("pack_order", "source")
    out.generation = {k: v for k, v in {**settings.get("generation", {}), **settings}.items()
                      if k in _GENERATION_KEYS}
    return out


def load_prompt(name: str | None) -> str | None:
    """The template text of ``prompts/NAME.txt`` (must contain ``{text}``); None for no prompt."""
    if not name or name == "none":
        return None
    path = PROMPTS / f"{name}.txt"
    if not path.is_file():
        known = ", ".join(sorted(p.stem for p in PROMPTS.glob("*.txt"))) or "none"
        raise UserError(f"unknown prompt {name!r} (known: {known})")
    template = path.read_text(encoding="utf-8").strip()
    if "{text}" not in template:
        raise UserError(f"prompt {path} has no {{text}} placeholder")
    return template


def hub_reachable(timeout: float = 3.0) -> bool:
    """Can the model hub be reached? (Fails fast offline instead of retrying for a minute.)"""
    host = urlparse(os.environ.get("HF_ENDPOINT", "https://huggingface.co")).hostname or ""
    try:
        socket.create_connection((host, 443), timeout=timeout).close()
        return True
    except OSError:
        return False


def load_model(spec: ModelSpec, device: str = "cpu"):
    """``(model, tokenizer)`` via ``AutoModelForSeq2SeqLM``/``AutoTokenizer.from_pretrained``.

    Hub names are tried from the local cache first; without a network the error says how
    to pass a local folder instead of showing the hub client's traceback.
    """
    import torch
    import transformers
    from transformers import AutoModelForSeq2SeqLM, AutoTokenizer

    import summarize.seq2seq.modeling  # noqa: F401  (registers the copy model with the Auto classes)

    transformers.utils.logging.disable_progress_bar()

    kw = {"dtype": torch.float32} if device == "cpu" else {}  # fp16 files compute in fp32 on CPU
    kw["trust_remote_code"] = False  # never run a model folder's or hub repo's own code
    rev = {"revision": spec.revision} if spec.revision and not spec.local else {}

    try:
        if spec.local:
            tok = AutoTokenizer.from_pretrained(spec.path, trust_remote_code=False)
            model = AutoModelForSeq2SeqLM.from_pretrained(spec.path, **kw)
        else:
            try:
                tok = AutoTokenizer.from_pretrained(spec.path, local_files_only=True, trust_remote_code=False, **rev)
                model = AutoModelForSeq2SeqLM.from_pretrained(spec.path, local_files_only=True, **kw, **rev)
            except OSError:
                if os.environ.get("HF_HUB_OFFLINE") == "1" or not hub_reachable():
                    raise
                tok = AutoTokenizer.from_pretrained(spec.path, trust_remote_code=False, **rev)
                model = AutoModelForSeq2SeqLM.from_pretrained(spec.path, **kw, **rev)
    except Exception as err:  # noqa: BLE001 - the hub client raises many kinds; one line
        if spec.local:
            raise UserError(f"cannot load model folder {spec.path}: {str(err).splitlines()[0]}") from None
        raise UserError(
            f"model {spec.name!r} ({spec.path}) is not available offline: download it where a "
            "network is available (save_pretrained) and pass its folder with --model PATH"
        ) from None
    model.to(device).eval()
    return model, tok


def pick_device(device: str) -> str:
    """``auto`` → ``cuda`` when available, else ``cpu``; validates explicit choices."""
    if device == "cpu":
        return device  # without importing torch (the ONNX runtime does not need it)
    import torch

    if device == "auto":
        return "cuda" if torch.cuda.is_available() else "cpu"
    if device == "cuda" and not torch.cuda.is_available():
        raise UserError("--device cuda was asked for, but no CUDA device is available")
    if device not in ("cpu", "cuda"):
        raise UserError(f"--device must be cpu, cuda or auto, not {device!r}")
    return device


def pick_runtime(runtime: str, spec: ModelSpec, device: str) -> str:
    """``onnx`` or ``torch`` for this model and device (see ``summarize.seq2seq.generate``)."""
    if runtime not in RUNTIMES:
        raise UserError(f"--runtime must be one of {', '.join(RUNTIMES)}, not {runtime!r}")
    problem = None
    if not (spec.local and has_onnx(spec.path)):
        problem = f"{spec.path} has no ONNX export (make one with `summarize export-onnx MODEL_DIR`)"
    elif device != "cpu":
        problem = "--runtime onnx runs on the CPU; use --runtime torch for --device cuda"
    elif importlib.util.find_spec("onnxruntime") is None:
        problem = "--runtime onnx needs the onnxruntime package (pip install onnxruntime)"
    if runtime == "auto":
        return "torch" if problem else "onnx"
    if runtime == "onnx" and problem:
        raise UserError(problem)
    return runtime
