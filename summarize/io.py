"""Small I/O helpers: atomic writes that never clobber a user's file by accident, bounded
JSON model files, and content hashes of source code (cache fingerprints)."""

from __future__ import annotations

import hashlib
import importlib.util
import json
import os
import stat
import tempfile
from collections.abc import Iterator
from pathlib import Path

from summarize.errors import UserError

#: Files written by :func:`atomic_write` in this process (for the Ctrl-C message).
WRITTEN: list[Path] = []
#: Partial outputs kept by an interrupted run, said in the Ctrl-C message.
KEPT: list[str] = []


def _umask() -> int:
    mask = os.umask(0o022)
    os.umask(mask)
    return mask


def _parent(target: Path) -> Path:
    """The nearest existing folder above ``target`` (where it, or its folders, would be made)."""
    parent = target.parent
    try:
        while not parent.exists() and parent != parent.parent:
            parent = parent.parent
    except OSError as err:  # a name too long, a path too deep
        raise UserError(f"cannot write {str(target)[:200]}: {err.strerror or err}") from None
    return parent


#: Deepest output path accepted (folders below the root): deeper ones are refused up front.
MAX_DEPTH = 255


def _not_too_deep(target: Path) -> None:
    if len(target.parts) > MAX_DEPTH:
        raise UserError(f"cannot write {str(target)[:80]}…: the path is {len(target.parts)} folders "
                        f"deep (at most {MAX_DEPTH})")


def _existing(target: Path, force: bool) -> os.stat_result | None:
    """``target``'s own status (None when absent), refusing what must not be replaced: a
    folder, a link, a device, a pipe or a socket (as root, ``-o /dev/null --force`` would
    replace the system's), or an existing file without ``force``. Any OS error (a name too
    long, a path too deep) is a one-line ``UserError``."""
    _not_too_deep(target)
    try:
        st = target.lstat()
    except FileNotFoundError:
        return None
    except OSError as err:
        raise UserError(f"cannot write {str(target)[:200]}: {err.strerror or err}") from None
    if stat.S_ISDIR(st.st_mode):
        raise UserError(f"{target} is a folder, not a file")
    if stat.S_ISLNK(st.st_mode):
        raise UserError(f"{target} is a link; name the file itself")
    if not stat.S_ISREG(st.st_mode):
        raise UserError(f"{target} is not a regular file (a device, pipe or socket); refusing to "
                        "replace it")
    if not force:
        raise UserError(f"{target} exists; pass --force to overwrite it")
    return st


def check_output(path: str | os.PathLike, *, force: bool = False) -> Path:
    """Check before any work that ``path`` can be written: one-line ``UserError`` if it is a
    folder, a link or a special file, exists without ``force``, or sits in a folder that is
    missing a parent or is not writable."""
    target = Path(path)
    _existing(target, force)
    parent = _parent(target)
    if not parent.is_dir():
        raise UserError(f"cannot write {target}: {parent} is not a folder")
    if not os.access(parent, os.W_OK | os.X_OK):
        raise UserError(f"cannot write {target}: {parent} is not writable")
    return target


def check_output_dir(path: str | os.PathLike) -> Path:
    """Check before any work that files can be written in folder ``path`` (made if missing)."""
    folder = Path(path)
    _not_too_deep(folder)
    try:
        exists = folder.exists()
    except OSError as err:
        raise UserError(f"cannot write in {str(folder)[:200]}: {err.strerror or err}") from None
    if exists and not folder.is_dir():
        raise UserError(f"{folder} exists and is not a folder")
    parent = folder if exists else _parent(folder)
    if not parent.is_dir():
        raise UserError(f"cannot write in {folder}: {parent} is not a folder")
    if not os.access(parent, os.W_OK | os.X_OK):
        raise UserError(f"cannot write in {folder}: {parent} is not writable")
    return folder


def atomic_write(path: str | os.PathLike, data: str | bytes, *, force: bool = False) -> Path:
    """Write ``data`` to ``path`` through a temporary file and an atomic rename.

    Refuses to replace an existing file unless ``force`` is true, or a folder at all. The file
    gets the user's umask (a replaced file keeps its mode). Any OS error (read-only or full
    disk…) is a one-line ``UserError``; the temporary file is removed.
    """
    target = Path(path)
    st = _existing(target, force)
    mode = st.st_mode & 0o7777 if st is not None else 0o666 & ~_umask()
    tmp = None
    try:
        target.parent.mkdir(parents=True, exist_ok=True)
        fd, tmp = tempfile.mkstemp(prefix=f".{target.name}.", suffix=".tmp", dir=target.parent)
        with os.fdopen(fd, "wb") as fh:
            fh.write(data if isinstance(data, bytes) else data.encode("utf-8"))
            fh.flush()
            os.fsync(fh.fileno())
        os.chmod(tmp, mode)
        os.replace(tmp, target)
    except OSError as err:
        raise UserError(f"cannot write {target}: {err.strerror or err}") from None
    finally:
        if tmp is not None and os.path.exists(tmp):
            os.unlink(tmp)
    WRITTEN.append(target)
    return target


def json_problem(err: Exception) -> str:
    """One line saying why ``json.loads`` failed (bad syntax, nesting too deep, a number of
    thousands of digits)."""
    if isinstance(err, json.JSONDecodeError):
        return f"invalid JSON ({err.msg})"
    if isinstance(err, RecursionError):
        return "invalid JSON (nested too deeply)"
    return f"invalid JSON ({str(err).split(';')[0]})"


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
        except (ValueError, RecursionError) as err:
            raise UserError(f"{where}: {json_problem(err)}") from None
        if not isinstance(record, dict) or (need_id and "id" not in record):
            raise UserError(f"{where}: expected a JSON object with an 'id'")
        yield where, record


def read_json_model(path: str | os.PathLike, filename: str, features: list[str], what: str,
                    required: tuple[str, ...] = ("coef", "intercept")) -> dict:
    """The dict of a small JSON model (``filename`` in folder ``path``, or the file itself)
    trained on ``features``; a one-line ``UserError`` when it is missing, damaged or stale."""
    path = Path(path)
    file = path / filename if path.is_dir() else path
    try:
        data = json.loads(file.read_text(encoding="utf-8"))
        for key in required:
            data[key]
        if data["features"] != features:
            raise UserError(f"{file}: trained on other features; retrain it")
        return data
    except (OSError, ValueError, KeyError) as exc:
        raise UserError(f"cannot load the {what} from {file}: {exc}") from None


def write_json_model(folder: str | os.PathLike, filename: str, data: dict) -> Path:
    """Write a small JSON model as ``folder/filename`` atomically (the folder is created)."""
    folder = Path(folder)
    folder.mkdir(parents=True, exist_ok=True)
    text = json.dumps(data, ensure_ascii=False, indent=1) + "\n"
    return atomic_write(folder / filename, text, force=True)


def code_hash(modules: tuple[str, ...]) -> str:
    """Hash of the source code of ``modules`` (cached outputs die when the code changes).

    The files are read without importing them (importing ``summarize.seq2seq.modeling`` alone would
    pull in torch and transformers).
    """
    digest = hashlib.sha256()
    for name in modules:
        digest.update(name.encode())
        digest.update(Path(importlib.util.find_spec(name).origin).read_bytes())
    return digest.hexdigest()
