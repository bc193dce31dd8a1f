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


def run_here(*args: str, cwd: Path | None = None, stdin: str | None = None, timeout: int = 0,
             **env: str) -> subprocess.CompletedProcess:
    """``summarize ARGS`` in this process (no interpreter start, no second torch import), as
    :func:`run_cli` returns it; a traceback on stderr fails the test. ``timeout`` is accepted
    for :func:`run_cli`'s signature and not enforced."""
    import contextlib
    import io

    from summarize import cli

    out, err = io.StringIO(), io.StringIO()
    saved = (sys.argv, os.getcwd(), {k: os.environ.get(k) for k in ("HF_HUB_OFFLINE", *env)}, sys.stdin)
    sys.stdin = io.TextIOWrapper(io.BytesIO((stdin or "").encode("utf-8")), encoding="utf-8")
    sys.argv = ["summarize", *map(str, args)]
    os.environ.update({"HF_HUB_OFFLINE": "1", **env})
    os.chdir(cwd or ROOT)
    code = 0
    try:
        with contextlib.redirect_stdout(out), contextlib.redirect_stderr(err):
            try:
                cli.main()
            except SystemExit as exc:
                code = exc.code if isinstance(exc.code, int) else (0 if exc.code is None else 1)
    finally:
        sys.argv, sys.stdin = saved[0], saved[3]
        os.chdir(saved[1])
        for key, value in saved[2].items():
            if value is None:
                os.environ.pop(key, None)
            else:
                os.environ[key] = value
    assert "Traceback" not in err.getvalue(), err.getvalue()
    return subprocess.CompletedProcess(list(args), code, out.getvalue(), err.getvalue())
