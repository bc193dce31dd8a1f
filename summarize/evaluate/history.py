"""Evaluation history in SQLite (one row per run and dataset), as a table and a chart.

Regression checks of nightly runs against it are in :mod:`summarize.evaluate.nightly`.

One row per (run, dataset) with the scores, the per-item F1 (so later runs can do paired
tests), the model (spec, path, content hash, size), the git commit and timings. Writes are
single ``BEGIN IMMEDIATE`` transactions on a WAL database with a busy timeout, so concurrent
nightly runs queue instead of corrupting the store. A run is compared with the last run of
the same suite, dataset, ROUGE signature and items (ids, inputs and references).
"""

from __future__ import annotations

import io
import json
import os
import random
import sqlite3
import subprocess
import time
import uuid
from collections.abc import Sequence
from dataclasses import dataclass
from datetime import UTC, datetime
from pathlib import Path
from typing import TYPE_CHECKING

import numpy as np
from rich.table import Table

from summarize.errors import UserError
from summarize.escape import console as plain_console
from summarize.evaluate.report import label
from summarize.evaluate.rouge import MEASURES
from summarize.evaluate.tables import SHOWN
from summarize.version import __version__

if TYPE_CHECKING:
    from summarize.evaluate.suite import SuiteResult

SCHEMA_VERSION = 1
_COLUMNS = ("run_id", "timestamp", "suite", "dataset", "signature", "items_hash", "n",
            "git_commit", "model_spec", "model_path", "model_hash", "model_size", "scores",
            "per_item", "seconds", "gen_seconds", "docs_per_s")
_SCHEMA = (
    ("CREATE TABLE IF NOT EXISTS results (id INTEGER PRIMARY KEY AUTOINCREMENT, "
     "run_id TEXT NOT NULL, timestamp TEXT NOT NULL, suite TEXT NOT NULL, dataset TEXT NOT NULL, "
     "signature TEXT NOT NULL, items_hash TEXT NOT NULL, n INTEGER NOT NULL, git_commit TEXT, "
     "model_spec TEXT NOT NULL, model_path TEXT, model_hash TEXT, model_size INTEGER, "
     "scores TEXT NOT NULL, per_item TEXT NOT NULL, seconds REAL, gen_seconds REAL, "
     "docs_per_s REAL, UNIQUE (run_id, dataset))"),
    ("CREATE INDEX IF NOT EXISTS results_by_key "
     "ON results (suite, dataset, signature, items_hash, id)"),
)


@dataclass
class Record:
    """One dataset of one run; ``f1`` is (n_items, len(types)) in 0..1."""

    run_id: str
    timestamp: str
    suite: str
    dataset: str
    signature: str
    items_hash: str
    n: int
    git_commit: str | None
    model_spec: str
    model_path: str | None
    model_hash: str | None
    model_size: int | None
    scores: dict
    ids: list[str]
    types: list[str]
    f1: np.ndarray
    seconds: float | None = None
    gen_seconds: float | None = None
    docs_per_s: float | None = None
    id: int | None = None
    faith: dict | None = None  # FaithResult.to_dict(per_item=True), kept in the per_item JSON

    def mean(self, rouge_type: str) -> float:
        return float(self.f1[:, self.types.index(rouge_type)].mean())

    def _row(self) -> tuple:
        per_item = {"ids": self.ids, "types": self.types, "f1": self.f1.tolist(),  # exact floats
                    "faith": self.faith}
        values = {**self.__dict__, "scores": json.dumps(self.scores),
                  "per_item": json.dumps(per_item, ensure_ascii=False)}
        return tuple(values[c] for c in _COLUMNS)

    @classmethod
    def _from_row(cls, row: sqlite3.Row) -> Record:
        """The record of one row; a damaged row is a one-line ``UserError`` naming it."""
        try:
            values = {c: row[c] for c in _COLUMNS}
            per_item = json.loads(values.pop("per_item"))
            values["scores"] = json.loads(values["scores"])
            f1 = np.array(per_item["f1"], dtype=float).reshape(len(per_item["ids"]), -1)
            if f1.shape[1] != len(per_item["types"]) or not np.isfinite(f1).all():
                raise ValueError("per-item scores do not match their types")
            return cls(**values, ids=[str(i) for i in per_item["ids"]],
                       types=[str(t) for t in per_item["types"]], f1=f1, id=row["id"],
                       faith=per_item.get("faith"))
        except (ValueError, TypeError, KeyError, IndexError, RecursionError) as err:
            raise UserError(f"damaged history row {row['id']}: {str(err).splitlines()[0][:120]}; "
                            "restore the history from a backup or move it away") from None


def _set_wal(conn: sqlite3.Connection, wait: float = 60.0) -> None:
    """Switch to WAL; while another connection creates the file SQLite may answer "locked"
    without calling the busy handler, so retry with jittered sleeps until ``wait`` runs out."""
    deadline = time.monotonic() + wait
    while True:
        try:
            conn.execute("PRAGMA journal_mode = WAL")
            return
        except sqlite3.OperationalError as err:
            if "locked" not in str(err) or time.monotonic() > deadline:
                raise
            time.sleep(0.02 + 0.08 * random.random())


def connect(path: str | os.PathLike, *, create: bool = False) -> sqlite3.Connection:
    """Open a history database (WAL, busy timeout); ``create`` makes it if missing."""
    p = Path(path)
    if not create and not p.is_file():
        raise UserError(f"no history database at {p}")
    try:
        if create:
            p.parent.mkdir(parents=True, exist_ok=True)
        conn = sqlite3.connect(p, timeout=60, isolation_level=None)
    except (OSError, sqlite3.Error) as err:
        raise UserError(f"cannot open the history {p}: {err}") from None
    conn.row_factory = sqlite3.Row
    try:
        conn.execute("PRAGMA busy_timeout = 60000")
        _set_wal(conn)
        version = conn.execute("PRAGMA user_version").fetchone()[0]
        if version > SCHEMA_VERSION:
            raise UserError(f"{p} was written by a newer version (schema {version})")
        if p.stat().st_size and version == SCHEMA_VERSION:
            damage = [r[0] for r in conn.execute("PRAGMA quick_check(3)")]
            if damage != ["ok"]:
                raise UserError(f"{p}: damaged history database ({'; '.join(damage)}); restore "
                                "it from a backup or move it away")
        if version < SCHEMA_VERSION:
            if not create:
                raise UserError(f"{p} is not a summarize history database")
            conn.execute("BEGIN IMMEDIATE")
            for statement in _SCHEMA:
                conn.execute(statement)
            conn.execute(f"PRAGMA user_version = {SCHEMA_VERSION}")
            conn.execute("COMMIT")
    except sqlite3.DatabaseError as err:
        conn.close()
        raise UserError(f"{p}: not a usable history database ({err})") from None
    except BaseException:
        conn.close()
        raise
    return conn


def _comparable(conn: sqlite3.Connection, rec: Record) -> list[Record]:
    """Earlier runs of the same suite, dataset, ROUGE signature and items, oldest first."""
    rows = conn.execute(
        "SELECT * FROM results WHERE suite = ? AND dataset = ? AND signature = ? "
        "AND items_hash = ? AND run_id != ? ORDER BY id",
        (rec.suite, rec.dataset, rec.signature, rec.items_hash, rec.run_id),
    ).fetchall()
    return [Record._from_row(r) for r in rows]


def baseline_of(rec: Record, runs: Sequence[Record], baseline: str | None = None) -> Record | None:
    """The run ``rec`` is checked against, among comparable ``runs`` (oldest first): by default
    the last run of the same model; ``baseline`` names a run id (or its first characters), a
    model (its last run), or ``best`` (the run with the highest mean F1 over the types shown)."""
    if baseline == "best":
        shown = [t for t in SHOWN if t in rec.types]
        scored = [r for r in runs if all(t in r.types for t in shown)]
        return max(reversed(scored), key=lambda r: sum(r.mean(t) for t in shown), default=None)
    if baseline and len(baseline) >= 4:
        by_id = [r for r in runs if r.run_id.startswith(baseline)]
        if by_id:
            return by_id[-1]
    model = baseline or rec.model_spec
    same = [r for r in runs if r.model_spec == model]
    return same[-1] if same else None


def append(path: str | os.PathLike, records: Sequence[Record],
           baseline: str | None = None) -> dict[str, Record | None]:
    """Append ``records`` in one transaction; return each dataset's baseline run
    (:func:`baseline_of`). A full disk or a damaged database is a one-line ``UserError``."""
    conn = connect(path, create=True)
    try:
        conn.execute("BEGIN IMMEDIATE")
        try:
            previous = {r.dataset: baseline_of(r, _comparable(conn, r), baseline) for r in records}
            conn.executemany(
                f"INSERT INTO results ({', '.join(_COLUMNS)}) "
                f"VALUES ({', '.join('?' * len(_COLUMNS))})",
                [r._row() for r in records],
            )
            conn.execute("COMMIT")
        except BaseException:
            conn.execute("ROLLBACK")
            raise
    except sqlite3.Error as err:
        raise UserError(f"cannot write the history {path}: {err}") from None
    finally:
        conn.close()
    return previous


def load(path: str | os.PathLike, suite: str | None = None) -> list[Record]:
    """Every stored record (of ``suite`` if given), oldest first."""
    conn = connect(path)
    try:
        query, args = "SELECT * FROM results", ()
        if suite:
            query, args = query + " WHERE suite = ?", (suite,)
        return [Record._from_row(r) for r in conn.execute(query + " ORDER BY id", args)]
    except sqlite3.DatabaseError as err:
        raise UserError(f"{path}: cannot read the history ({err})") from None
    finally:
        conn.close()


def git_commit(cwd: str | os.PathLike | None = None) -> str | None:
    """The code that ran: HEAD of the project's own checkout (``+dirty`` if tracked files
    changed) when the package sits in one, else ``v<package version>``. ``cwd`` (tests) looks
    at that folder's repository instead."""
    if cwd is None:
        package = Path(__file__).resolve().parents[1]  # summarize/
        try:
            top = subprocess.run(["git", "rev-parse", "--show-toplevel"], cwd=package,
                                 capture_output=True, text=True, timeout=10, check=False)
            own = top.returncode == 0 and Path(top.stdout.strip()).resolve() == package.parent
        except (OSError, subprocess.SubprocessError):
            own = False
        if not own:
            return f"v{__version__}"
        cwd = package.parent
    try:
        head = subprocess.run(["git", "rev-parse", "HEAD"], cwd=cwd, capture_output=True,
                              text=True, timeout=10, check=False)
        if head.returncode != 0:
            return None
        dirty = subprocess.run(["git", "status", "--porcelain", "--untracked-files=no"],
                               cwd=cwd, capture_output=True, text=True, timeout=30,
                               check=False)
    except (OSError, subprocess.SubprocessError):
        return None
    return head.stdout.strip() + ("+dirty" if dirty.stdout.strip() else "")


def records_from_result(result: SuiteResult, *, git: str | None = None, run_id: str | None = None,
                        timestamp: str | None = None) -> list[Record]:
    """History records of a :class:`~summarize.evaluate.suite.SuiteResult`."""
    run_id = run_id or uuid.uuid4().hex
    timestamp = timestamp or datetime.now(UTC).isoformat(timespec="seconds")
    info = result.model_info
    f1 = MEASURES.index("f1")
    return [
        Record(run_id, timestamp, result.suite, d.name, d.rouge.signature, d.items_hash, d.n, git,
               result.model, info.get("path"), info.get("content_hash"), info.get("size_bytes"),
               d.rouge.to_dict()["scores"], list(d.rouge.ids), list(d.rouge.types),
               d.rouge.per_item[:, :, f1].copy(), d.seconds, d.gen_seconds, d.docs_per_s,
               faith=d.faith.to_dict(per_item=True) if d.faith else None)
        for d in result.datasets
    ]


def _commit(commit: str | None) -> str:
    if not commit:
        return "—"
    return commit[:8] + ("+dirty" if commit.endswith("+dirty") else "")


def format_history(records: Sequence[Record], width: int = 200) -> str:
    """A rich table of runs with F1 ×100 and the change since the previous comparable run."""
    table = Table(title="Evaluation history (F1 ×100; Δ vs previous comparable run)")
    for name in ("time (UTC)", "run", "suite", "dataset", "model", "commit", "n"):
        table.add_column(name, no_wrap=True)
    for t in SHOWN:
        table.add_column(label(t), justify="right")
    table.add_column("Δ " + "/".join(label(t) for t in SHOWN), justify="right", no_wrap=True)
    last: dict[tuple, Record] = {}
    for r in records:
        key = (r.suite, r.dataset, r.signature, r.items_hash)
        prev = last.get(key)
        shown = [t for t in SHOWN if t in r.types]
        delta = "—" if prev is None else "/".join(
            f"{100 * (r.mean(t) - prev.mean(t)):+.2f}" for t in shown if t in prev.types)
        table.add_row(r.timestamp[:16].replace("T", " "), r.run_id[:8], r.suite, r.dataset,
                      r.model_spec, _commit(r.git_commit), str(r.n),
                      *(f"{100 * r.mean(t):.2f}" if t in r.types else "—" for t in SHOWN), delta)
        last[key] = r
    console = plain_console(io.StringIO(), width=width, color=False)
    console.print(table)
    return "\n".join(line.rstrip() for line in console.file.getvalue().splitlines()) + "\n"


def plot_history(records: Sequence[Record]) -> bytes:
    """PNG line chart of F1 ×100 run after run, one panel per (suite, dataset, items)."""
    import matplotlib

    matplotlib.use("Agg")
    import matplotlib.pyplot as plt

    # labels come from suites and models: plain text, never mathtext ("$\\frac{$")
    with matplotlib.rc_context({"text.parse_math": False}):
        return _draw(plt, records)


def _draw(plt, records: Sequence[Record]) -> bytes:
    groups: dict[tuple, list[Record]] = {}
    for r in records:
        groups.setdefault((r.suite, r.dataset, r.n), []).append(r)
    if not groups:
        raise UserError("the history is empty: nothing to plot")
    fig, axes = plt.subplots(len(groups), 1, figsize=(8, 3.2 * len(groups)), squeeze=False)
    for ax, ((suite, dataset, n), recs) in zip(axes[:, 0], groups.items()):
        x = np.arange(len(recs))
        for t in SHOWN:
            pts = [(k, 100 * r.mean(t)) for k, r in zip(x, recs) if t in r.types]
            if pts:
                ax.plot(*zip(*pts), marker="o", label=label(t))
        step = max(1, len(recs) // 12)  # at most ~12 labelled runs per panel
        ax.set_xticks(x[::step], [f"{r.timestamp[:10]}\n{r.model_spec}" for r in recs[::step]],
                      fontsize="x-small")
        ax.set_title(f"{suite} · {dataset} (n={n})")
        ax.set_ylabel("F1 ×100")
        ax.legend(fontsize="small")
    fig.tight_layout()
    buf = io.BytesIO()
    fig.savefig(buf, format="png", dpi=110)
    plt.close(fig)
    return buf.getvalue()
