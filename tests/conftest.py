"""Shared fixtures: the seeds folder and the (optional) OrangeSum data folder."""

from __future__ import annotations

from pathlib import Path

import pytest

ROOT = Path(__file__).resolve().parents[1]
SEEDS = ROOT / "seeds"
ORANGESUM = ROOT.parent / "shared" / "data" / "orangesum"


@pytest.fixture
def seeds_dir() -> Path:
    return SEEDS


@pytest.fixture
def orangesum_dir() -> Path:
    """The shared OrangeSum folder; tests using it are skipped when it is absent."""
    if not (ORANGESUM / "documents.jsonl.gz").is_file():
        pytest.skip("../shared/data/orangesum is absent")
    return ORANGESUM
