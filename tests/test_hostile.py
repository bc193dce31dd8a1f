"""Hostile input and faults: a corpus of bad inputs built at test time, run through every command.

Every run must exit 0 or 2 without a traceback, name the offending file, print no mojibake,
and leave every pre-existing file as it was.
"""

from __future__ import annotations

import hashlib
import json
import os
import signal
import sqlite3
import subprocess
import sys
import time
from pathlib import Path

import pytest
from clirunner import run_main

ROOT = Path(__file__).resolve().parents[1]
SEED = (ROOT / "seeds" / "000_a0b294953a5b3daa.txt").read_text(encoding="utf-8")
MOJIBAKE = ("Ã©", "Ã¨", "Ã ", "â€™", "Â«", "Â»")
ENGLISH = (
    "The government announced on Tuesday a new plan to reduce energy prices for households, "
    "after weeks of protests in several cities across the country. The minister said the "
    "measures would cost billions and take effect next month, while the opposition called "
    "them too little, too late, and promised to fight the bill in parliament next week."
)
HTML = ("<!DOCTYPE html><html><head><title>Sommet à Vostotchny</title></head><body>"
        "<nav>Accueil Monde Sport</nav><article><h1>Sommet à Vostotchny</h1><p>"
        + SEED.split("\n")[0][:1500] + "</p></article><footer>Mentions légales</footer>"
        "</body></html>")


def long_line(size: int) -> str:
    """One line of distinct pseudo-sentences made of the seed's words (about ``size`` bytes)."""
    import random

    words = [w for w in SEED.split() if w.isalpha()]
    rng, out, total = random.Random(0), [], 0
    while total < size:
        sentence = " ".join(rng.choice(words) for _ in range(rng.randint(12, 25)))
        out.append(sentence[0].upper() + sentence[1:] + ".")
        total += len(out[-1]) + 1
    return " ".join(out)


def build_corpus(folder: Path) -> dict[str, Path]:
    """The bad inputs, one file per class of the issue (nothing large is committed)."""
    folder.mkdir(parents=True, exist_ok=True)
    files: dict[str, bytes] = {
        "truncated_utf8.txt": SEED.encode("utf-8") + "é".encode()[:1],
        "cp1252.txt": SEED.encode("cp1252", errors="replace"),
        "utf16.txt": SEED.encode("utf-16"),
        "crlf_bom.txt": b"\xef\xbb\xbf" + SEED.replace("\n", "\r\n").encode("utf-8"),
        "english.txt": ENGLISH.encode("utf-8"),
        "page.txt": HTML.encode("utf-8"),
        "empty.txt": b"",
        "binary.txt": b"\x00\x01\x02\x03PK\x05\x06" * 50,
        "dots.txt": (SEED + " " + "." * 40_000).encode("utf-8"),
        "guillemets.txt": (SEED + " " + "«" * 20_000 + "»" * 20_000).encode("utf-8"),
        "no_punctuation.txt": " ".join(
            SEED.replace(".", " ").replace("?", " ").replace("!", " ").split()).encode("utf-8"),
        "symbols.txt": (SEED.split("\n")[0] + "\n***\n---\n😀😀😀\n").encode("utf-8"),
        "controls_rtl.txt": ("\u202e\u200f" + SEED[:2000] + "\x07\x1b[31m" + "عربى עברית"
                             ).encode("utf-8"),
        "long_line.txt": long_line(300_000).encode("utf-8"),
        "mixed.jsonl": "\n".join([
            json.dumps({"id": "plain", "text": SEED}, ensure_ascii=False),
            json.dumps({"id": "c1", "articles": [SEED, SEED[:1500]]}, ensure_ascii=False),
            json.dumps({"id": "c2", "articles": [{"id": "x", "text": SEED}]}, ensure_ascii=False),
            "{not json",
            json.dumps({"id": "c3", "articles": [ENGLISH]}),
        ]).encode("utf-8"),
    }
    out = {}
    for name, data in files.items():
        (folder / name).write_bytes(data)
        out[name] = folder / name
    return out


def snapshot(*folders: Path) -> dict[str, tuple[str, int]]:
    """Content hash and mode of every file under ``folders``."""
    out = {}
    for folder in folders:
        for p in sorted(folder.rglob("*")):
            if p.is_file():
                out[str(p)] = (hashlib.sha256(p.read_bytes()).hexdigest(), p.stat().st_mode)
    return out


def run(monkeypatch, capsys, *args) -> tuple[int, str, str]:
    """The real entry point in-process: (exit code, stdout, stderr), with hostile-input checks."""
    code, out, err = run_main(monkeypatch, capsys, *args)
    assert code in (0, 2), (args, code, err)
    assert "Traceback" not in err, err
    assert not any(m in out or m in err for m in MOJIBAKE), (out[:500], err[:500])
    return code, out, err


def error_line(code: int, err: str, fragment: str) -> None:
    assert code == 2, err
    lines = err.strip().splitlines()
    assert lines[-1].startswith("error: ") and fragment in lines[-1], err


@pytest.fixture(scope="module")
def corpus(tmp_path_factory):
    folder = tmp_path_factory.mktemp("hostile") / "in"
    return folder, build_corpus(folder)


@pytest.fixture
def unwritable(tmp_path) -> Path:
    """A folder where nothing can be created (root ignores modes: use /proc then)."""
    if os.geteuid() == 0:
        return Path("/proc/summarize-hostile")
    folder = tmp_path / "ro"
    folder.mkdir()
    folder.chmod(0o555)
    return folder


# --- brief / clean / rank over the whole corpus ----------------------------------------------

def test_brief_over_the_corpus_names_every_bad_file(corpus, monkeypatch, capsys):
    folder, files = corpus
    before = snapshot(folder)
    code, out, err = run(monkeypatch, capsys, "brief", *[files[n] for n in (
        "truncated_utf8.txt", "cp1252.txt", "utf16.txt", "crlf_bom.txt", "english.txt",
        "page.txt", "empty.txt", "binary.txt")])
    assert code == 0
    assert f"{files['truncated_utf8.txt']}: 1 invalid UTF-8 byte(s) replaced" in err
    assert f"{files['english.txt']}: not French (English (en)" in err
    assert f"{files['empty.txt']}: empty file, skipped" in err
    assert f"{files['binary.txt']}: binary file" in err
    assert "Vostotchny" in out and "<nav>" not in out and "<p>" not in out
    assert snapshot(folder) == before


def test_strict_is_an_error_that_does_not_say_skipped(corpus, monkeypatch, capsys):
    _, files = corpus
    code, _, err = run(monkeypatch, capsys, "brief", "--strict", files["english.txt"])
    error_line(code, err, str(files["english.txt"]))
    assert "skipped" not in err and "not French" in err


def test_no_lang_check_reads_the_article_anyway(corpus, monkeypatch, capsys):
    _, files = corpus
    code, out, err = run(monkeypatch, capsys, "rank", "--no-lang-check", "--format", "json",
                         files["english.txt"])
    assert code == 0 and "not French" not in err and "government" in out


def test_html_saved_as_txt_is_read_as_html(corpus, monkeypatch, capsys):
    _, files = corpus
    code, out, _ = run(monkeypatch, capsys, "clean", files["page.txt"])
    assert code == 0 and "<" not in out and "Mentions légales" not in out and "Kim" in out


@pytest.mark.parametrize("name", ["dots.txt", "guillemets.txt", "controls_rtl.txt",
                                  "no_punctuation.txt", "long_line.txt"])
def test_pathological_text_is_briefed_quickly(corpus, monkeypatch, capsys, name):
    _, files = corpus
    t0 = time.perf_counter()
    code, out, err = run(monkeypatch, capsys, "brief", "-f", "json", files[name])
    assert code == 0, err
    assert time.perf_counter() - t0 < 60
    packing = json.loads(out)["packing"]
    assert packing["sentences_used"] >= 1
    if name == "long_line.txt":  # most of it cannot fit: the footer must say so
        assert packing["sentences_dropped"] > 100 and packing["tokens_dropped"] > 5000


def test_clean_explain_counts_symbol_lines(corpus, monkeypatch, capsys):
    _, files = corpus
    code, out, err = run(monkeypatch, capsys, "clean", "--explain", files["symbols.txt"])
    assert code == 0 and "3 removal(s)" in err and "😀" not in out and "***" not in out


# --- JSONL clusters ---------------------------------------------------------------------------

def test_mixed_jsonl_keeps_clusters_apart_and_json_is_a_list(corpus, monkeypatch, capsys):
    _, files = corpus
    path = files["mixed.jsonl"]
    code, out, err = run(monkeypatch, capsys, "brief", "-f", "json", path)
    assert code == 0
    assert f"{path}:1: not a cluster" in err and f"{path}:4: invalid JSON" in err
    assert f"{path}:5#1: not French" in err
    data = json.loads(out)
    assert isinstance(data, list) and [b["id"] for b in data] == ["c1", "c2"]


def test_one_cluster_still_gives_a_list(tmp_path, monkeypatch, capsys):
    path = tmp_path / "one.jsonl"
    path.write_text(json.dumps({"id": "solo", "articles": [SEED]}, ensure_ascii=False) + "\n",
                    encoding="utf-8")
    code, out, _ = run(monkeypatch, capsys, "brief", "-f", "json", path)
    assert code == 0 and [b["id"] for b in json.loads(out)] == ["solo"]


# --- options and outputs ----------------------------------------------------------------------

@pytest.mark.parametrize("args", [
    ["brief", "--batch-size", "0"], ["brief", "--beams", "0"], ["brief", "--max-new-tokens", "0"],
    ["brief", "--max-words", "-5"], ["brief", "--max-words", "0"], ["rank", "--top", "0"],
    ["brief", "--max-input-mb", "0"], ["eval", "--bootstrap", "-1", "-p", "x", "-r", "y"],
])
def test_options_are_checked_at_parse_time(args, monkeypatch, capsys):
    code, _, err = run(monkeypatch, capsys, *args, *(["seeds"] if args[0] != "eval" else []))
    error_line(code, err, args[1])


def test_outputs_are_checked_before_the_work(tmp_path, unwritable, monkeypatch, capsys):
    seeds = ROOT / "seeds"
    folder = tmp_path / "a-folder"
    folder.mkdir()
    cases = [
        (["brief", seeds, "-o", folder, "--force"], "is a folder"),
        (["brief", seeds, "-o", unwritable / "b.md"], str(unwritable)),
        (["clean", seeds, "-o", unwritable], str(unwritable)),
        (["history", tmp_path / "none.sqlite", "--plot", folder, "--force"], "is a folder"),
        (["compare", ROOT / "eval/suites/seeds.toml", "-m", "lead-1", "-m", "lead-2",
          "--out-dir", unwritable], str(unwritable)),
        (["eval", "-p", tmp_path / "p.txt", "-r", tmp_path / "p.txt", "-o", folder], "folder"),
    ]
    (tmp_path / "p.txt").write_text("a\n", encoding="utf-8")
    for args, fragment in cases:
        t0 = time.perf_counter()
        code, _, err = run(monkeypatch, capsys, *args)
        error_line(code, err, fragment)
        assert time.perf_counter() - t0 < 5, args  # refused up front, not after the work


def test_write_errors_are_one_line(tmp_path, monkeypatch, capsys):
    def full(fd):
        raise OSError(28, "No space left on device")

    monkeypatch.setattr(os, "fsync", full)
    out = tmp_path / "out.md"
    code, _, err = run(monkeypatch, capsys, "clean", ROOT / "seeds", "-o", tmp_path / "d")
    error_line(code, err, "No space left on device")
    code, _, err = run(monkeypatch, capsys, "eval", "-p", ROOT / "eval/references/seeds.abstract.txt",
                       "-r", ROOT / "eval/references/seeds.abstract.txt", "-o", out)
    error_line(code, err, "No space left on device")
    assert not out.exists() and not [p for p in tmp_path.rglob("*.tmp")]


def test_files_get_the_umask_and_force_keeps_the_mode(tmp_path, monkeypatch, capsys):
    ref = ROOT / "eval/references/seeds.abstract.txt"
    out = tmp_path / "scores.json"
    old = os.umask(0o022)
    try:
        run(monkeypatch, capsys, "eval", "-p", ref, "-r", ref, "-f", "json", "-o", out)
        assert out.stat().st_mode & 0o777 == 0o644
        out.chmod(0o640)
        run(monkeypatch, capsys, "eval", "-p", ref, "-r", ref, "-f", "json", "-o", out, "--force")
        assert out.stat().st_mode & 0o777 == 0o640
    finally:
        os.umask(old)


def test_input_over_the_size_limit_is_refused_up_front(corpus, monkeypatch, capsys):
    _, files = corpus
    code, _, err = run(monkeypatch, capsys, "brief", "--max-input-mb", "0.01",
                       files["long_line.txt"])
    error_line(code, err, "--max-input-mb")


# --- eval, eval run, compare, nightly, history ------------------------------------------------

def test_eval_reads_what_brief_reads(corpus, tmp_path, monkeypatch, capsys):
    _, files = corpus
    line = SEED.split("\n")[0] + "\n"
    utf8 = tmp_path / "utf8.txt"
    utf8.write_text(line, encoding="utf-8")
    for name, data in (("cp1252", line.encode("cp1252", errors="replace")),
                       ("latin1", line.encode("latin-1", errors="replace")),
                       ("utf16", line.encode("utf-16")),
                       ("bom_crlf", b"\xef\xbb\xbf" + line.replace("\n", "\r\n").encode())):
        path = tmp_path / f"{name}.txt"
        path.write_bytes(data)
        code, out, _ = run(monkeypatch, capsys, "eval", "-p", path, "-r", utf8,
                           "--bootstrap", "0", "-f", "json")
        assert code == 0 and json.loads(out)["scores"]["rouge1"]["f1"]["mean"] > 0.99, name
    code, _, err = run(monkeypatch, capsys, "eval", "-p", files["binary.txt"], "-r",
                       files["utf16.txt"])
    error_line(code, err, str(files["binary.txt"]))


def _suite(tmp_path: Path, dataset: Path) -> Path:
    suite = tmp_path / "hostile.toml"
    suite.write_text(f'name = "hostile"\n[[datasets]]\nname = "h"\nkind = "jsonl"\n'
                     f'path = "{dataset}"\n', encoding="utf-8")
    return suite


def test_eval_run_skips_a_torn_cache_line(tmp_path, monkeypatch, capsys):
    data = tmp_path / "h.jsonl"
    data.write_text(json.dumps({"id": "1", "articles": [SEED], "reference": "Kim a vu Poutine."},
                               ensure_ascii=False) + "\n", encoding="utf-8")
    suite, cache = _suite(tmp_path, data), tmp_path / "cache"
    code, first, _ = run(monkeypatch, capsys, "eval", "run", suite, "-m", "lead-1",
                         "--cache-dir", cache, "-f", "json")
    assert code == 0
    [gen] = list((cache / "generations").glob("*.jsonl"))
    gen.write_bytes(gen.read_bytes() + '{"input": "x", "summary": "é'.encode()[:-1])
    code, again, err = run(monkeypatch, capsys, "eval", "run", suite, "-m", "lead-1",
                           "--cache-dir", cache, "-f", "json")
    assert code == 0 and f"{gen}: skipped 1 damaged line(s)" in err
    assert json.loads(again)["datasets"][0]["rouge"] == json.loads(first)["datasets"][0]["rouge"]


def test_damaged_history_is_refused_before_the_suite_runs(tmp_path, monkeypatch, capsys):
    db = tmp_path / "h.sqlite"
    from summarize.evaluate.history import connect

    conn = connect(db, create=True)
    conn.execute("PRAGMA wal_checkpoint(TRUNCATE)")
    conn.execute("PRAGMA journal_mode = DELETE")
    conn.executemany("INSERT INTO results (run_id, timestamp, suite, dataset, signature, "
                     "items_hash, n, model_spec, scores, per_item) VALUES (?,?,?,?,?,?,?,?,?,?)",
                     [(str(k), "t", "s", "d", "sig", "h", 1, "m", "{}", "x" * 500)
                      for k in range(200)])
    conn.close()
    raw = bytearray(db.read_bytes())
    page = 4096
    raw[5 * page: 5 * page + 8] = b"\xff" * 8  # damage the header of a b-tree page
    db.write_bytes(bytes(raw))
    t0 = time.perf_counter()
    code, _, err = run(monkeypatch, capsys, "nightly", ROOT / "eval/suites/seeds.toml",
                       "--history", db, "-m", "lead-1")
    error_line(code, err, str(db))
    assert time.perf_counter() - t0 < 10
    code, _, err = run(monkeypatch, capsys, "history", db)
    error_line(code, err, str(db))


def test_history_plot_and_nightly_commit(tmp_path, monkeypatch, capsys):
    db = tmp_path / "h.sqlite"
    monkeypatch.chdir(tmp_path)  # not a checkout: the commit must still be the project's
    code, _, _ = run(monkeypatch, capsys, "nightly", ROOT / "eval/suites/seeds.toml",
                     "--history", db, "-m", "lead-1", "--limit", "1")
    assert code == 0
    commit = sqlite3.connect(db).execute("SELECT git_commit FROM results").fetchone()[0]
    import summarize

    assert commit and (len(commit.split("+")[0]) == 40 or commit == f"v{summarize.__version__}")
    code, _, err = run(monkeypatch, capsys, "history", db, "--plot", tmp_path)
    error_line(code, err, "is a folder")


# --- Ctrl-C -----------------------------------------------------------------------------------

def test_ctrl_c_is_one_line_and_exit_130(tmp_path):
    env = {**os.environ, "PYTHONPATH": str(ROOT)}
    big = tmp_path / "big.txt"
    big.write_text(" ".join([SEED.replace("\n", " ")] * 300), encoding="utf-8")
    out = tmp_path / "out.md"
    proc = subprocess.Popen([sys.executable, "-m", "summarize.cli", "brief", big, "-o", out],
                            stdout=subprocess.PIPE, stderr=subprocess.PIPE, env=env, text=True)
    time.sleep(1.5)
    proc.send_signal(signal.SIGINT)
    _, err = proc.communicate(timeout=60)
    if proc.returncode == 0:
        pytest.skip("finished before the signal")
    assert proc.returncode == 130, err
    assert err.strip().splitlines()[-1] == "interrupted; nothing was written"
    assert "Traceback" not in err and not out.exists()


# --- Code execution: a model folder or checkpoint never runs code ----------------------------


def test_no_code_is_ever_trusted_or_unpickled():
    """The package never asks transformers to trust a model's code nor torch to unpickle."""
    for path in (ROOT / "summarize").rglob("*.py"):
        text = path.read_text(encoding="utf-8")
        assert "weights_only=False" not in text, path
        assert "trust_remote_code=True" not in text, path


@pytest.mark.parametrize("how", ["auto_map", "python_file"])
def test_a_model_folder_with_its_own_code_is_refused(tmp_path, tiny_model_dir, monkeypatch, capsys,
                                                     how):
    import shutil

    folder = tmp_path / "model"
    shutil.copytree(tiny_model_dir, folder)
    marker = tmp_path / "ran"
    (folder / "evil.py").write_text(f"open({str(marker)!r}, 'w').write('x')\n")
    if how == "auto_map":
        (folder / "evil.py").unlink()  # the hook alone (the code may come from the hub)
        config = json.loads((folder / "config.json").read_text())
        config["auto_map"] = {"AutoModelForSeq2SeqLM": "evil.EvilModel"}
        (folder / "config.json").write_text(json.dumps(config))
    code, out, err = run_main(monkeypatch, capsys, "brief", str(ROOT / "seeds"), "--model",
                              str(folder))
    assert code == 2 and "refusing model folder" in err and "Traceback" not in err
    assert len(err.strip().splitlines()) == 1 and not marker.exists() and not out
    from summarize import Briefer, UserError

    with pytest.raises(UserError, match="must not run code"):
        Briefer.from_pretrained(folder)
