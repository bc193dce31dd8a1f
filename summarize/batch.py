"""The batch job's output: briefings written as JSON lines while they finish, kept when a
run is interrupted, resumed where it stopped.

A run with ``-o OUT`` writes ``OUT.partial`` line by line (flushed every chunk) and moves it
onto ``OUT`` when every cluster is done, so ``OUT`` is only ever complete. After an
interruption ``OUT.partial`` holds the finished briefings; ``--resume`` keeps its complete
lines, skips those clusters and appends the others.
"""

from __future__ import annotations

import json
import os
from collections.abc import Callable, Iterable, Iterator
from pathlib import Path

from summarize.brief import Briefing
from summarize.errors import UserError
from summarize.io import KEPT, WRITTEN, check_output
from summarize.render import jsonl_line
from summarize.types import Article


def partial_path(output: str | os.PathLike) -> Path:
    return Path(f"{output}.partial")


def done_ids(partial: Path) -> set[str]:
    """Ids of the complete lines of ``partial``; a torn last line is cut off the file."""
    if not partial.is_file():
        return set()
    ids, keep = set(), 0
    with open(partial, "rb") as handle:
        for raw in handle:
            if not raw.endswith(b"\n"):
                break
            try:
                ids.add(str(json.loads(raw)["id"]))
            except (ValueError, KeyError, TypeError, RecursionError):
                break
            keep += len(raw)
    if keep != partial.stat().st_size:
        os.truncate(partial, keep)
    return ids


def skip_done(clusters: Iterable[tuple[str, list[Article]]], done: set[str]
              ) -> Iterator[tuple[str, list[Article]]]:
    """The clusters not already briefed in a previous, interrupted run."""
    return (c for c in clusters if c[0] not in done)


def write_jsonl(briefings: Iterable[Briefing], output: str | os.PathLike | None, *,
                resume: bool = False, force: bool = False,
                echo: Callable[[str], None] = print) -> int:
    """Write ``briefings`` as JSON lines as they come: to ``output`` through
    ``output.partial`` (atomic at the end), or to ``echo`` (stdout). Returns how many."""
    if output is None:
        n = 0
        for b in briefings:
            echo(jsonl_line(b).rstrip("\n"))
            n += 1
        return n
    target, partial = Path(output), partial_path(output)
    check_output(target, force=force)
    if partial.exists() and not resume and not force:
        raise UserError(f"{partial} holds an interrupted run: pass --resume to continue it "
                        "or --force to start over")
    mode = "ab" if resume else "wb"
    n = 0
    try:
        with open(partial, mode) as handle:
            for b in briefings:
                handle.write(jsonl_line(b).encode("utf-8"))
                handle.flush()  # a finished briefing survives an interruption
                n += 1
            os.fsync(handle.fileno())
        os.replace(partial, target)
    except OSError as err:
        raise UserError(f"cannot write {target}: {err.strerror or err}") from None
    except BaseException:  # Ctrl-C, a crash: what finished is kept for --resume
        KEPT.append(f"{partial} keeps {n} more briefing(s); --resume continues")
        raise
    WRITTEN.append(target)
    return n
