"""Name → summarizer: the baselines and planners, fusion models (``fused:PATH``) and seq2seq
models (registry aliases, folders, hub names). What ``--model`` accepts."""

from __future__ import annotations

import math

from summarize.errors import UserError
from summarize.select.baselines import BASELINES, Entry
from summarize.select.story import STORIES
from summarize.select.summarizer import Summarizer
from summarize.seq2seq.condense import CondensedSummarizer
from summarize.seq2seq.fuse import FusedSummarizer
from summarize.seq2seq.generate import Seq2SeqSummarizer
from summarize.seq2seq.registry import RUNTIMES, registry

#: Every setting a summarizer is built with (``--set``, a suite's ``[pipeline]``, the API's
#: keyword arguments); a setting that does not apply to a summarizer is ignored by it.
SETTINGS = frozenset(("max_words", "beams", "num_beams", "max_new_tokens", "min_new_tokens",
                      "no_repeat_ngram_size", "length_penalty", "batch_size", "runtime", "device",
                      "pack_order", "prompt", "mode", "stories"))
DEVICES = ("cpu", "cuda", "auto")
#: Settings that are whole numbers (the smallest value allowed), and numbers.
_WHOLE = {"max_words": 1, "beams": 1, "num_beams": 1, "max_new_tokens": 1, "min_new_tokens": 0,
          "no_repeat_ngram_size": 0, "batch_size": 1}
_NUMBERS = ("length_penalty",)
#: Summarizers that take an argument after a colon (``fused:PATH``).
_TAKES_PATH = ("fused", "condensed", "condensed-untitled")


def _fused(settings: dict) -> Summarizer:
    if not settings.get("model_path"):
        raise UserError("fused needs a fusion model folder: --model fused:PATH (none is bundled; "
                        "train one with summarize/configs/fr-fuse-small.toml)")
    return FusedSummarizer(settings["model_path"], settings.get("max_words"),
                           runtime=settings.get("runtime") or "auto")


def _condensed(settings: dict, headline: bool = True) -> Summarizer:
    return CondensedSummarizer(settings.get("model_path"), settings.get("max_words"), headline=headline,
                               runtime=settings.get("runtime") or "auto", stories=settings.get("stories") or "main")


#: name → summarizer built from pipeline settings: every baseline and planner, ``fused`` and
#: ``condensed``.
SUMMARIZERS: dict[str, Entry] = {
    **BASELINES,
    "fused": Entry("fused:PATH — planned facets rewritten by a fusion model under source "
                   "constraints, each verified or replaced by its source sentence (summarize.seq2seq.fuse)",
                   _fused),
    "condensed": Entry("planned facets compressed, repaired and fused by the bundled text-editing "
                       "condenser (e5 encoder; condensed:PATH for another), each edit verified "
                       "(summarize.seq2seq.condense)", _condensed),
    "condensed-untitled": Entry("condensed without the headline (what the title adds)",
                                lambda s: _condensed(s, headline=False)),
}


def load(name: str, **settings) -> Summarizer:
    """Build summarizer ``name``; settings that do not apply to it (e.g. ``beams``) are ignored."""
    entry = SUMMARIZERS.get(name)
    if entry is None:
        raise UserError(f"unknown baseline {name!r} (choose one of: {', '.join(SUMMARIZERS)})")
    return entry.factory(settings)


def check_settings(settings: dict) -> None:
    """Refuse a setting no summarizer knows, or a device or runtime that does not exist, even
    for a summarizer that would ignore it (a typo must not pass silently)."""
    unknown = sorted(set(settings) - SETTINGS)
    if unknown:
        raise UserError(f"unknown setting(s) {', '.join(unknown)} (known: {', '.join(sorted(SETTINGS))})")
    for key, low in _WHOLE.items():
        value = settings.get(key)
        if value is not None and (isinstance(value, bool) or not isinstance(value, int) or value < low):
            raise UserError(f"{key} must be a whole number >= {low}, not {value!r}")
    for key in _NUMBERS:
        value = settings.get(key)
        if value is not None and (isinstance(value, bool) or not isinstance(value, (int, float))
                                  or not math.isfinite(value)):
            raise UserError(f"{key} must be a finite number, not {value!r}")
    if settings.get("device") is not None and settings["device"] not in DEVICES:
        raise UserError(f"--device must be one of {', '.join(DEVICES)}, not {settings['device']!r}")
    if settings.get("stories") is not None and settings["stories"] not in STORIES:
        raise UserError(f"--stories must be one of {', '.join(STORIES)}, not {settings['stories']!r}")
    if settings.get("runtime") is not None and settings["runtime"] not in RUNTIMES:
        raise UserError(f"--runtime must be one of {', '.join(RUNTIMES)}, not {settings['runtime']!r}")


def load_summarizer(spec: str | None = None, **settings) -> Summarizer:
    """Return the summarizer named by ``spec``: a baseline name, a registry alias or a path."""
    check_settings(settings)
    if spec is None:
        spec = registry()["default"]
    mode = settings.pop("mode", None)
    if mode not in (None, "abstract", "fused"):
        raise UserError(f"--mode must be abstract or fused, not {mode!r}")
    name, _, arg = spec.partition(":")
    if spec in SUMMARIZERS or (arg and name in SUMMARIZERS):  # NAME or NAME:MODEL (e.g. fused:PATH)
        if arg and name not in _TAKES_PATH:
            raise UserError(f"{name} takes no model folder (only {', '.join(_TAKES_PATH)}:PATH does)")
        if mode is not None:
            raise UserError(f"--mode applies to seq2seq models, not to {spec!r}")
        return load(name, **settings, **({"model_path": arg} if arg else {}))
    if mode == "fused":  # --model SPEC --mode fused = --model fused:SPEC
        return load("fused", model_path=spec, **settings)
    return Seq2SeqSummarizer.from_pretrained(spec, **settings)
