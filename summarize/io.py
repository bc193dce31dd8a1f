"""Small I/O helpers: atomic writes that never clobber a user's file by accident."""

from __future__ import annotations

import json
import os
import tempfile
from collections.abc import Iterator
from pathlib import Path

from summarize.errors import UserError


def atomic_write(path: str | os.PathLike, data: str | bytes, *, force: bool = False) -> Path:
    """Write ``data`` to ``path`` through a temporary file and an atomic rename.

    Refuses to replace an existing file unless ``force`` is true.
    """
    target = Path(path)
    if target.exists() and not force:
        raise UserError(f"{target} exists; pass --force to overwrite it")
    target.parent.mkdir(parents=True, exist_ok=True)
    mode = "wb" if isinstance(data, bytes) else "w"
    fd, tmp = tempfile.mkstemp(prefix=f".{target.name}.", suffix=".tmp", dir=target.parent)
    try:
        with os.fdopen(fd, mode, **({} if mode == "wb" else {"encoding": "utf-8"})) as fh:
            fh.write(data)
            fh.flush()
            os.fsync(fh.fileno())
        os.replace(tmp, target)
    except BaseException:
        if os.path.exists(tmp):
            os.unlink(tmp)
        raise
    return target


def json_records(text: str, source: str, *, need_id: bool = True) -> Iterator[tuple[str, dict]]:
    """Yield ``("file:line", object)`` for each non-blank JSONL line of ``text``.

    A line that is not a JSON object (with an ``id`` when ``need_id``) is a one-line UserError.
    """
    for number, line in enumerate(text.splitlines(), 1):
        if not line.strip():
            continue
        where = f"{source}:{number}"
        try:
            record = json.loads(line)
        except json.JSONDecodeError as err:
            raise UserError(f"{where}: invalid JSON ({err.msg})") from None
        if not isinstance(record, dict) or (need_id and "id" not in record):
            raise UserError(f"{where}: expected a JSON object with an 'id'")
        yield where, record
