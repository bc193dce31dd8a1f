"""`summarize eval --predictions P --references R`: formats, alignment and error paths."""

from __future__ import annotations

import csv
import io
import json
import subprocess
import sys
from pathlib import Path

import pytest
from clirunner import run_main

ROOT = Path(__file__).resolve().parents[2]
ABSTRACT = ROOT / "eval" / "references" / "seeds.abstract.txt"
BRIEFING = ROOT / "eval" / "references" / "seeds.briefing.txt"
SEEDS_JSONL = ROOT / "eval" / "references" / "seeds.jsonl"

# A short summary of the seed story, written for this test (not taken from the articles).
SEED_SUMMARY = ("Kim Jong-un a vu Vladimir Poutine mercredi à Vostotchny et lui a promis "
                "son appui contre l’Occident ; Washington craint un accord d’armement.")

PREDS = ["Poutine a reçu Kim au cosmodrome mercredi.",
         "Pyongyang a tiré deux missiles avant le sommet.",
         "Les États-Unis redoutent des livraisons d’obus."]
REFS = ["Kim a été reçu par Poutine au cosmodrome de Vostotchny.",
        "La Corée du Nord a tiré deux missiles balistiques peu avant la rencontre.",
        "Washington craint que Pyongyang livre des obus à la Russie."]


run = run_main


def write_lines(path: Path, lines: list[str]) -> Path:
    path.write_text("\n".join(lines) + "\n", encoding="utf-8")
    return path


def write_jsonl(path: Path, records: list[dict]) -> Path:
    path.write_text("".join(json.dumps(r, ensure_ascii=False) + "\n" for r in records),
                    encoding="utf-8")
    return path


def assert_one_line_error(code: int, err: str, fragment: str) -> None:
    assert code == 2
    lines = err.strip().splitlines()
    assert len(lines) == 1, err
    assert lines[0].startswith("error: ") and fragment in lines[0]
    assert "Traceback" not in err


def test_seed_summary_against_hand_written_abstract(monkeypatch, capsys, tmp_path):
    pred = write_lines(tmp_path / "pred.txt", [SEED_SUMMARY])
    code, out, err = run(monkeypatch, capsys, "eval", "--predictions", pred,
                         "--references", ABSTRACT)
    assert code == 0, err
    for label in ("R-1", "R-2", "R-L", "R-Lsum", "P", "F1"):
        assert label in out
    assert "95% bootstrap CI" in out and "n=1" in out
    assert "signature: rouge|tok:fr|stem:no|refs:1|ci:bootstrap-1000-95|seed:0|version:" in out
    r1_row = next(line for line in out.splitlines() if "R-1 " in line)
    f1 = float(r1_row.split("│")[-2].split()[0])
    assert 10 < f1 < 90  # a real overlap with the reference, not a perfect copy


def test_references_files_are_valid(tmp_path):
    for path in (ABSTRACT, BRIEFING):
        lines = path.read_text(encoding="utf-8").splitlines()
        assert len(lines) == 1 and "\u00a0»" in lines[0] and "’" in lines[0]
    assert 100 <= len(BRIEFING.read_text(encoding="utf-8").split()) <= 145
    record = json.loads(SEEDS_JSONL.read_text(encoding="utf-8"))
    assert record["abstract"] == ABSTRACT.read_text(encoding="utf-8").strip()
    assert record["briefing"] == BRIEFING.read_text(encoding="utf-8").strip()
    assert all((ROOT / "seeds" / f"{a}.txt").is_file() for a in record["articles"])


@pytest.fixture
def pair_files(tmp_path):
    return write_lines(tmp_path / "pred.txt", PREDS), write_lines(tmp_path / "ref.txt", REFS)


def test_json_csv_md_formats(monkeypatch, capsys, pair_files):
    pred, ref = pair_files
    code, out, _ = run(monkeypatch, capsys, "eval", "-p", pred, "-r", ref, "-f", "json",
                       "--per-item", "--bootstrap", "200")
    assert code == 0
    data = json.loads(out)
    assert data["n"] == 3 and data["signature"].startswith("rouge|tok:fr|")
    assert "ci:bootstrap-200-95" in data["signature"]
    r1 = data["scores"]["rouge1"]["f1"]
    assert r1["low"] <= r1["mean"] <= r1["high"]
    assert [row["id"] for row in data["per_item"]] == ["1", "2", "3"]

    code, out, _ = run(monkeypatch, capsys, "eval", "-p", pred, "-r", ref, "-f", "csv")
    rows = list(csv.DictReader(io.StringIO(out)))
    assert len(rows) == 4 * 3 and {r["scope"] for r in rows} == {"mean"}
    by_key = {(r["rouge_type"], r["measure"]): r for r in rows}
    assert float(by_key["rouge1", "f1"]["value"]) == pytest.approx(r1["mean"])
    assert by_key["rougeLsum", "recall"]["signature"] == data["signature"].replace("200", "1000")

    code, out, _ = run(monkeypatch, capsys, "eval", "-p", pred, "-r", ref, "-f", "md")
    assert "| R-1 | " in out and "| R-Lsum | " in out
    assert f"{100 * r1['mean']:.2f}" in out and "Signature: `rouge|tok:fr" in out


def test_jsonl_aligned_by_id_and_several_references(monkeypatch, capsys, tmp_path):
    preds = write_jsonl(tmp_path / "p.jsonl", [{"id": i, "summary": t}
                                                for i, t in enumerate(PREDS)])
    # references in another order, one of them holding a list of references
    refs = write_jsonl(tmp_path / "r.jsonl", [
        {"id": 2, "abstract": REFS[2]},
        {"id": 0, "references": ["autre chose", PREDS[0]]},
        {"id": 1, "text": PREDS[1]},
    ])
    code, out, err = run(monkeypatch, capsys, "eval", "-p", preds, "-r", refs, "-f", "json",
                         "--per-item", "--bootstrap", "0")
    assert code == 0, err
    data = json.loads(out)
    items = {row["id"]: row for row in data["per_item"]}
    assert items["0"]["rouge2"]["f1"] == pytest.approx(1.0)  # best reference wins
    assert items["1"]["rougeL"]["f1"] == pytest.approx(1.0)
    assert items["2"]["rouge1"]["f1"] < 0.5
    assert "refs:1-2" in data["signature"]


def test_greedy_and_repeated_references_are_the_same(monkeypatch, capsys, pair_files, tmp_path):
    pred, ref = pair_files
    ref2 = write_lines(tmp_path / "ref2.txt", PREDS)  # second reference = the predictions
    _, greedy, _ = run(monkeypatch, capsys, "eval", "-p", pred, "-r", ref, ref2, "-f", "json")
    _, repeated, _ = run(monkeypatch, capsys, "eval", "-p", pred, "-r", ref, "-r", ref2,
                         "-f", "json")
    assert json.loads(greedy) == json.loads(repeated)
    assert json.loads(greedy)["scores"]["rouge1"]["f1"]["mean"] == pytest.approx(1.0)
    assert "refs:2" in json.loads(greedy)["signature"]


def test_rouge_score_tokenizer_and_stem_options(monkeypatch, capsys, pair_files):
    pred, ref = pair_files
    _, out, _ = run(monkeypatch, capsys, "eval", "-p", pred, "-r", ref, "--tokenizer",
                    "rouge-score", "--stem", "-f", "json", "--seed", "3")
    assert "tok:rouge-score|stem:yes" in json.loads(out)["signature"]
    assert "seed:3" in json.loads(out)["signature"]


def test_output_file_refuses_to_overwrite_without_force(monkeypatch, capsys, pair_files, tmp_path):
    pred, ref = pair_files
    target = tmp_path / "scores.json"
    code, out, err = run(monkeypatch, capsys, "eval", "-p", pred, "-r", ref, "-f", "json",
                         "-o", target)
    assert code == 0 and out == "" and "wrote" in err and "rouge|tok:fr" in err
    assert json.loads(target.read_text(encoding="utf-8"))["n"] == 3
    code, _, err = run(monkeypatch, capsys, "eval", "-p", pred, "-r", ref, "-o", target)
    assert_one_line_error(code, err, "exists")
    code, _, _ = run(monkeypatch, capsys, "eval", "-p", pred, "-r", ref, "-o", target, "--force")
    assert code == 0 and "ROUGE" in target.read_text(encoding="utf-8")


def test_error_paths_are_one_line(monkeypatch, capsys, pair_files, tmp_path):
    pred, ref = pair_files
    short = write_lines(tmp_path / "short.txt", REFS[:2])
    cases = [
        (["-p", tmp_path / "missing.txt", "-r", ref], "predictions file not found"),
        (["-p", pred, "-r", tmp_path / "nope.txt"], "references file not found"),
        (["-p", pred, "-r", short], "3 predictions"),
        (["-p", pred], "references"),
        (["-r", ref], "missing --predictions"),
        (["-p", pred, "-r", ref, "-f", "xml"], "unknown --format"),
        (["-p", pred, "-r", ref, "--tokenizer", "nltk"], "unknown --tokenizer"),
        (["-p", pred, "-r", ref, "--bootstrap", "-5"], "--bootstrap"),
    ]
    for args, fragment in cases:
        code, out, err = run(monkeypatch, capsys, "eval", *args)
        assert_one_line_error(code, err, fragment)
        assert out == ""


def test_bad_jsonl_inputs(monkeypatch, capsys, tmp_path):
    preds = write_jsonl(tmp_path / "p.jsonl", [{"id": "a", "summary": "x"},
                                               {"id": "b", "summary": "y"}])
    other_ids = write_jsonl(tmp_path / "r.jsonl", [{"id": "a", "abstract": "x"},
                                                   {"id": "c", "abstract": "y"}])
    code, _, err = run(monkeypatch, capsys, "eval", "-p", preds, "-r", other_ids)
    assert_one_line_error(code, err, "ids do not match the predictions (1 missing, e.g. 'b'")
    broken = tmp_path / "broken.jsonl"
    broken.write_text('{"id": "a", "abstract": "x"}\n{"id": "b", \n', encoding="utf-8")
    code, _, err = run(monkeypatch, capsys, "eval", "-p", preds, "-r", broken)
    assert_one_line_error(code, err, "broken.jsonl:2: invalid JSON")
    no_text = write_jsonl(tmp_path / "n.jsonl", [{"id": "a", "article": "x"}])
    code, _, err = run(monkeypatch, capsys, "eval", "-p", no_text, "-r", preds)
    assert_one_line_error(code, err, "no text field")
    dup = write_jsonl(tmp_path / "d.jsonl", [{"id": "a", "summary": "x"}] * 2)
    code, _, err = run(monkeypatch, capsys, "eval", "-p", dup, "-r", preds)
    assert_one_line_error(code, err, "duplicate id")
    empty_ref = write_lines(tmp_path / "e.txt", ["x", ""])
    empty_ref.write_text("x\n\ny\n", encoding="utf-8")
    code, _, err = run(monkeypatch, capsys, "eval", "-p", write_lines(tmp_path / "q.txt",
                       ["a", "b", "c"]), "-r", empty_ref)
    assert_one_line_error(code, err, "reference of item '2' is empty")
    binary = tmp_path / "binary.txt"
    binary.write_bytes(b"\x00\x01\x02 not text")
    code, _, err = run(monkeypatch, capsys, "eval", "-p", binary, "-r", binary)
    assert_one_line_error(code, err, "binary file")


def test_reads_legacy_encodings_like_brief(tmp_path, monkeypatch, capsys):
    """latin-1 and UTF-16 files are read by the same decoding policy as brief's inputs."""
    latin1 = tmp_path / "latin1.txt"
    latin1.write_bytes("le projet déclaré à l'été\n".encode("latin-1"))
    utf16 = tmp_path / "utf16.txt"
    utf16.write_bytes("le projet déclaré à l'été\n".encode("utf-16"))
    code, out, err = run(monkeypatch, capsys, "eval", "-p", latin1, "-r", utf16, "--bootstrap",
                         "0", "-f", "json")
    assert code == 0, err
    import json

    assert json.loads(out)["scores"]["rouge1"]["f1"]["mean"] == 1.0  # same text, decoded alike


def test_no_arguments_prints_help(monkeypatch, capsys):
    code, out, _ = run(monkeypatch, capsys, "eval")
    assert code == 0 and "--predictions" in out and "--references" in out


def test_subcommands_still_dispatch(monkeypatch, capsys):
    from summarize.cli.eval import eval_app

    names = [c.name or c.callback.__name__.replace("_", "-") for c in eval_app.registered_commands]
    if not names:
        pytest.skip("no `eval` subcommand registered yet")
    code, out, _ = run(monkeypatch, capsys, "eval", names[0], "--help")
    assert code == 0 and "Usage:" in out and "--predictions" not in out


def test_console_script_error_has_no_traceback(tmp_path):
    proc = subprocess.run(
        [sys.executable, "-m", "summarize.cli", "eval", "-p", tmp_path / "none.txt", "-r", "x"],
        check=False, capture_output=True, text=True, timeout=120, cwd=ROOT,
    )
    assert proc.returncode == 2
    assert proc.stderr.strip() == f"error: predictions file not found: {tmp_path / 'none.txt'}"
