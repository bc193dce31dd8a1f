"""Name → summarizer: the baselines and planners, fusion models (``fused:PATH``) and seq2seq
models (registry aliases, folders, hub names). What ``--model`` accepts."""

from __future__ import annotations

from summarize.errors import UserError
from summarize.select.baselines import BASELINES, Entry
from summarize.select.summarizer import Summarizer
from summarize.seq2seq.fuse import FusedSummarizer
from summarize.seq2seq.generate import Seq2SeqSummarizer
from summarize.seq2seq.registry import registry


def _fused(settings: dict) -> Summarizer:
    if not settings.get("model_path"):
        raise UserError("fused needs a fusion model folder: --model fused:PATH (none is bundled; "
                        "train one with summarize/configs/fr-fuse-small.toml)")
    return FusedSummarizer(settings["model_path"], settings.get("max_words"),
                           runtime=settings.get("runtime") or "auto")


#: name → summarizer built from pipeline settings: every baseline and planner, and ``fused``.
SUMMARIZERS: dict[str, Entry] = {
    **BASELINES,
    "fused": Entry("fused:PATH — planned facets rewritten by a fusion model under source "
                   "constraints, each verified or replaced by its source sentence (summarize.seq2seq.fuse)",
                   _fused),
}


def load(name: str, **settings) -> Summarizer:
    """Build summarizer ``name``; settings that do not apply to it (e.g. ``beams``) are ignored."""
    entry = SUMMARIZERS.get(name)
    if entry is None:
        raise UserError(f"unknown baseline {name!r} (choose one of: {', '.join(SUMMARIZERS)})")
    return entry.factory(settings)


def load_summarizer(spec: str | None = None, **settings) -> Summarizer:
    """Return the summarizer named by ``spec``: a baseline name, a registry alias or a path."""
    if spec is None:
        spec = registry()["default"]
    mode = settings.pop("mode", None)
    if mode not in (None, "abstract", "fused"):
        raise UserError(f"--mode must be abstract or fused, not {mode!r}")
    name, _, arg = spec.partition(":")
    if spec in SUMMARIZERS or (arg and name in SUMMARIZERS):  # NAME or NAME:MODEL (e.g. fused:PATH)
        if mode is not None:
            raise UserError(f"--mode applies to seq2seq models, not to {spec!r}")
        return load(name, **settings, **({"model_path": arg} if arg else {}))
    if mode == "fused":  # --model SPEC --mode fused = --model fused:SPEC
        return load("fused", model_path=spec, **settings)
    return Seq2SeqSummarizer.from_pretrained(spec, **settings)
