"""Model registry: aliases, bundled model, prompts, devices."""

from __future__ import annotations

import pytest

from summarize.errors import UserError
from summarize.registry import BUNDLED, load_prompt, pick_device, registry, resolve


def test_registry_entries_are_complete():
    reg = registry()
    from summarize.baselines import BASELINES

    assert reg["default"] in reg["models"] or reg["default"] in BASELINES
    assert reg["default_model"] in reg["models"]
    for name, entry in reg["models"].items():
        assert entry.get("path") and entry.get("description"), name
        if entry.get("prompt"):
            assert "{text}" in load_prompt(entry["prompt"])


def test_hub_alias_carries_its_settings():
    spec = resolve("mt5-xlsum")
    assert spec.path == "csebuetnlp/mT5_multilingual_XLSum" and not spec.local
    assert spec.max_input_tokens == 512 and spec.generation["no_repeat_ngram_size"] == 2
    assert resolve("mt0").prompt == "briefing"


def test_default_is_the_bundled_model():
    spec = resolve(None)
    assert spec.local and spec.path.startswith(str(BUNDLED))
    assert spec.prefix == "<abstract>" and spec.max_input_tokens > 0


def test_missing_folder_and_unknown_prompt_are_user_errors(tmp_path):
    with pytest.raises(UserError, match="not found"):
        resolve(str(tmp_path / "missing-model"))
    with pytest.raises(UserError, match="unknown prompt"):
        load_prompt("nope")
    assert load_prompt("none") is None


def test_device_choice():
    assert pick_device("cpu") == "cpu"
    assert pick_device("auto") in ("cpu", "cuda")
    with pytest.raises(UserError):
        pick_device("tpu")
