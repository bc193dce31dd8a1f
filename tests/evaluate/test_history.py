"""SQLite history, regression checks, ``summarize nightly`` and ``summarize history``."""

from __future__ import annotations

import sqlite3
import subprocess
import sys
import textwrap
import threading
import uuid
from pathlib import Path

import numpy as np
import pytest
from test_suite import FirstWords, run_cli, write_tiny_suite

from summarize.errors import UserError
from summarize.evaluate import history
from summarize.evaluate.history import Record, append, load
from summarize.evaluate.nightly import check, nightly

TYPES = ["rouge1", "rouge2", "rougeL"]


@pytest.fixture(autouse=True)
def _cache(tmp_path, monkeypatch):
    monkeypatch.setenv("SUMMARIZE_CACHE", str(tmp_path / "cache"))


def make_record(f1: np.ndarray, *, model: str = "m", dataset: str = "d", run_id: str | None = None,
                items: str = "items-v1") -> Record:
    n = f1.shape[0]
    return Record(run_id or uuid.uuid4().hex, "2024-05-01T00:00:00+00:00", "suite", dataset,
                  "rouge|tok:fr", items, n, None, model, None, None, 0,
                  {t: {"f1": {"mean": float(f1[:, k].mean())}} for k, t in enumerate(TYPES)},
                  [f"i{k}" for k in range(n)], list(TYPES), f1)


def test_append_and_previous_comparable_run(tmp_path):
    db = tmp_path / "h.sqlite"
    rng = np.random.default_rng(0)
    first = make_record(rng.uniform(size=(20, 3)), model="a")
    assert append(db, [first]) == {"d": None}
    other_items = make_record(rng.uniform(size=(5, 3)), items="items-v2")
    assert append(db, [other_items]) == {"d": None}  # different items: not comparable
    second = make_record(rng.uniform(size=(20, 3)), model="b")
    assert append(db, [second]) == {"d": None}  # by default only the same model is a baseline
    third = make_record(rng.uniform(size=(20, 3)), model="b")
    prev = append(db, [third], baseline="a")["d"]  # a model named as the baseline: its last run
    assert prev.run_id == first.run_id and prev.model_spec == "a"
    assert np.allclose(prev.f1, first.f1, atol=1e-6) and prev.ids == first.ids
    assert [r.model_spec for r in load(db)] == ["a", "m", "b", "b"]
    fourth = make_record(rng.uniform(size=(20, 3)), model="b")
    assert append(db, [fourth])["d"].run_id == third.run_id  # the last run of the same model
    assert append(db, [make_record(rng.uniform(size=(20, 3)))],
                  baseline=second.run_id[:8])["d"].run_id == second.run_id  # a run id prefix
    best = max([first, second, third, fourth], key=lambda r: sum(r.mean(t) for t in TYPES))
    assert append(db, [make_record(rng.uniform(size=(20, 3)))], baseline="best")["d"].run_id == best.run_id


def test_check_flags_only_significant_drops_beyond_threshold():
    rng = np.random.default_rng(1)
    before = make_record(rng.uniform(0.2, 0.5, size=(40, 3)))
    dropped = make_record(before.f1 - 0.03 + rng.normal(0, 0.005, size=(40, 3)))
    verdicts = check(dropped, before, threshold=0.5, alpha=0.05)
    assert [v.rouge_type for v in verdicts] == TYPES and all(v.regression for v in verdicts)
    assert verdicts[0].delta == pytest.approx(100 * (dropped.f1[:, 0].mean() - before.f1[:, 0].mean()))
    tiny_drop = make_record(before.f1 - 0.002)  # significant but below 0.5 points
    assert not any(v.regression for v in check(tiny_drop, before, threshold=0.5))
    noise = rng.normal(0, 0.1, size=(40, 3))
    noisy = make_record(before.f1 + noise - noise.mean(axis=0))  # large noise, same means
    assert all(v.p > 0.3 and not v.regression for v in check(noisy, before))
    better = make_record(before.f1 + 0.03)
    assert not any(v.regression for v in check(better, before))
    one = check(make_record(before.f1[:1] - 0.2), make_record(before.f1[:1]))
    assert all(v.regression for v in one) and "no p-value" in one[0].message()
    few = make_record(before.f1[:4])  # fewer than 10 items: no p-value, a margin in points
    small = check(make_record(few.f1 - 0.005), few, min_delta=1.0)
    assert not any(v.regression for v in small) and all(np.isnan(v.p) for v in small)
    assert all(v.regression for v in check(make_record(few.f1 - 0.05), few, min_delta=1.0))
    assert "4 item(s) < 10" in small[0].message()


def test_bad_history_files_are_user_errors(tmp_path):
    with pytest.raises(UserError, match="no history database"):
        load(tmp_path / "missing.sqlite")
    junk = tmp_path / "junk.sqlite"
    junk.write_bytes(b"this is not a database at all" * 100)
    with pytest.raises(UserError, match="not a usable history"):
        load(junk)
    other = tmp_path / "other.sqlite"
    sqlite3.connect(other).execute("CREATE TABLE t (x)").connection.commit()
    with pytest.raises(UserError, match="not a summarize history"):
        load(other)


def test_concurrent_threads_keep_the_history_whole(tmp_path):
    db = tmp_path / "h.sqlite"
    errors = []

    def writer(k: int) -> None:
        try:
            rng = np.random.default_rng(k)
            for _ in range(10):
                run = uuid.uuid4().hex
                append(db, [make_record(rng.uniform(size=(30, 3)), model=f"t{k}", dataset=d,
                                        run_id=run) for d in ("d1", "d2")])
        except Exception as err:  # noqa: BLE001 - reported by the assertion below
            errors.append(err)

    threads = [threading.Thread(target=writer, args=(k,)) for k in range(4)]
    for t in threads:
        t.start()
    for t in threads:
        t.join()
    assert not errors
    records = load(db)
    assert len(records) == 80 and len({r.run_id for r in records}) == 40
    conn = sqlite3.connect(db)
    assert conn.execute("PRAGMA integrity_check").fetchone()[0] == "ok"
    assert conn.execute("PRAGMA journal_mode").fetchone()[0] == "wal"


def test_concurrent_processes_keep_the_history_whole(tmp_path):
    db = tmp_path / "h.sqlite"
    script = textwrap.dedent(f"""\
        import sys
        sys.path[:0] = [{str(Path(__file__).parent)!r}, {str(Path(__file__).parents[1])!r}]
        import numpy as np
        from test_history import make_record
        from summarize.evaluate.history import append
        rng = np.random.default_rng(int(sys.argv[1]))
        for _ in range(15):
            append({str(db)!r}, [make_record(rng.uniform(size=(50, 3)), model=sys.argv[1])])
        """)
    procs = [subprocess.Popen([sys.executable, "-c", script, str(k)], stderr=subprocess.PIPE)
             for k in range(3)]
    for p in procs:
        _, err = p.communicate(timeout=120)
        assert p.returncode == 0, err.decode()[-800:]
    records = load(db)
    assert len(records) == 45 and {r.model_spec for r in records} == {"0", "1", "2"}
    assert sqlite3.connect(db).execute("PRAGMA integrity_check").fetchone()[0] == "ok"


def test_nightly_flags_a_worse_summarizer(tmp_path):
    suite, db = write_tiny_suite(tmp_path), tmp_path / "h.sqlite"
    first = nightly(suite, db, FirstWords(30))
    assert first.first_runs == ["tiny"] and not first.verdicts
    same = nightly(suite, db, FirstWords(30))
    assert same.verdicts and not same.regressions and all(v.p == 1.0 for v in same.verdicts)
    other = nightly(suite, db, FirstWords(6))  # another model: not its own baseline
    assert other.first_runs == ["tiny"] and not other.verdicts
    worse = nightly(suite, db, FirstWords(6), baseline="first-30-words")
    assert worse.regressions and worse.regressions[0].previous_model == "first-30-words"
    subset = nightly(suite, db, FirstWords(6), limit=4)  # other items: nothing to compare with
    assert subset.first_runs == ["tiny"] and not subset.regressions
    assert len(load(db)) == 5
    few = nightly(suite, db, FirstWords(3), limit=4, baseline="first-6-words")
    assert few.regressions and all(np.isnan(v.p) for v in few.verdicts)  # 4 items: a margin


def test_nightly_and_history_cli(tmp_path, monkeypatch, capsys):
    suite, db = write_tiny_suite(tmp_path), tmp_path / "runs" / "h.sqlite"
    code, out, err = run_cli(monkeypatch, capsys, "nightly", str(suite), "--history", str(db),
                             "--model", "lead-2")
    assert code == 0, err
    assert "first run" in out
    code, out, err = run_cli(monkeypatch, capsys, "nightly", str(suite), "--history", str(db),
                             "--model", "lead-2")
    assert code == 0 and "REGRESSION" not in out
    code, out, err = run_cli(monkeypatch, capsys, "nightly", str(suite), "--history", str(db),
                             "--model", "lead-1", "--baseline", "lead-2")
    assert code == 1 and "REGRESSION" in out
    assert err.startswith("regression: tiny") and err.count("\n") == 1 and "lead-2" in err
    code, out, err = run_cli(monkeypatch, capsys, "nightly", str(suite), "--history", str(db),
                             "--model", "lead-1", "--baseline", "lead-2", "--threshold", "100")
    assert code == 0  # no drop can exceed 100 points
    plot = tmp_path / "trend.png"
    code, out, err = run_cli(monkeypatch, capsys, "history", str(db), "--plot", str(plot))
    assert code == 0 and out.count("lead-1") == 2 and out.count("lead-2") == 2
    assert plot.read_bytes().startswith(b"\x89PNG")
    code, out, err = run_cli(monkeypatch, capsys, "history", str(db), "--suite", "other")
    assert code == 2 and err.startswith("error: no runs")
    code, out, err = run_cli(monkeypatch, capsys, "history", str(tmp_path / "none.sqlite"))
    assert code == 2 and err.startswith("error: no history database")


def test_git_commit_outside_a_repository(tmp_path):
    assert history.git_commit(tmp_path) is None
