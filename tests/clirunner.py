"""The one way tests run the command line: in a subprocess, or in-process through ``cli.main``."""

from __future__ import annotations

import os
import subprocess
import sys
from pathlib import Path

import pytest

ROOT = Path(__file__).resolve().parents[1]


def run_cli(*args: str, cwd: Path | None = None, stdin: str | None = None, timeout: int = 600,
            **env: str) -> subprocess.CompletedProcess:
    """``python -m summarize.cli ARGS`` offline; a traceback on stderr fails the test."""
    proc = subprocess.run([sys.executable, "-m", "summarize.cli", *map(str, args)], capture_output=True,
                          text=True, cwd=cwd or ROOT, input=stdin, timeout=timeout, check=False,
                          env={**os.environ, "HF_HUB_OFFLINE": "1", **env})
    assert "Traceback" not in proc.stderr, proc.stderr
    return proc


def run_main(monkeypatch, capsys, *args) -> tuple[int, str, str]:
    """The console entry point in-process: (exit code, stdout, stderr)."""
    from summarize import cli

    monkeypatch.setattr(sys, "argv", ["summarize", *map(str, args)])
    with pytest.raises(SystemExit) as exc:
        cli.main()
    out, err = capsys.readouterr()
    return exc.value.code or 0, out, err
