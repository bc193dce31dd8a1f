"""Model registry: aliases, bundled model, prompts, devices."""

from __future__ import annotations

import pytest

from summarize.errors import UserError
from summarize.seq2seq.registry import BUNDLED, load_prompt, pick_device, registry, resolve


def test_registry_entries_are_complete():
    reg = registry()
    from summarize.select.baselines import BASELINES

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


def test_unknown_registry_keys_are_refused_and_revision_is_kept(tmp_path, monkeypatch):
    import summarize.seq2seq.registry as reg

    table = reg.registry()
    table["models"]["typo"] = {"path": "org/model", "num_beam": 4}
    table["models"]["pinned"] = {"path": "org/model", "revision": "abc123"}
    monkeypatch.setattr(reg, "registry", lambda: table)
    with pytest.raises(UserError, match="unknown setting.*num_beam"):
        reg.resolve("typo")
    assert reg.resolve("pinned").revision == "abc123"


def test_one_folder_hash_for_fingerprints_and_run_records(tiny_model_dir, tmp_path):
    import shutil

    from summarize.evaluate.cache import model_info
    from summarize.seq2seq.registry import folder_hash

    copy = tmp_path / "m"
    shutil.copytree(tiny_model_dir, copy)
    before = folder_hash(copy)[0]
    assert model_info(str(copy))["content_hash"] == before
    (copy / "README.md").write_text("docs only")
    assert folder_hash(copy)[0] == before
    (copy / "summarize.json").write_text((copy / "summarize.json").read_text().replace("128", "96"))
    assert folder_hash(copy)[0] != before
