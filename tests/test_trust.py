"""Hostile input by class (issue: trust): data never acts as markup, every read is bounded,
special files are never replaced, damaged files and bad values are one-line errors."""

from __future__ import annotations

import gzip
import json
import os
import sqlite3
import stat
import time
from pathlib import Path

import numpy as np
import pytest
from clirunner import run_cli, run_here, run_main

from summarize.errors import UserError
from summarize.escape import csv_cell, markdown, one_line
from summarize.evaluate.rouge import MAX_BOOTSTRAP, score

ROOT = Path(__file__).resolve().parents[1]
SEED = (ROOT / "seeds" / "000_a0b294953a5b3daa.txt").read_text(encoding="utf-8")
SENTENCE = ("Le gouvernement a annoncé mardi un plan de relance de dix milliards d'euros pour "
            "soutenir l'industrie française, a indiqué le ministre de l'Économie à Paris.")


def one_error_line(err: str) -> str:
    lines = [line for line in err.strip().splitlines() if line.strip()]
    assert "Traceback" not in err and len(lines) == 1, err
    return lines[0]


# --- Output injection: terminal, Markdown, HTML, charts, CSV ------------------------------------


def test_rich_markup_in_articles_and_suites_is_printed_as_text(tmp_path, monkeypatch, capsys):
    article = tmp_path / "a.txt"
    article.write_text("[/quote] Le président [link=http://evil.example]a parlé[/link] mardi à "
                       "Paris devant les députés de la majorité. " + SENTENCE, encoding="utf-8")
    code, out, err = run_main(monkeypatch, capsys, "rank", str(article), "--top", "3")
    assert code == 0, err
    assert "[/quote]" in out and "[link=http://evil.example]" in out  # shown, not interpreted
    data = tmp_path / "d.jsonl"
    data.write_text(json.dumps({"id": "[/bold]", "article": SENTENCE, "reference": SENTENCE},
                               ensure_ascii=False) + "\n", encoding="utf-8")
    suite = tmp_path / "s.toml"
    suite.write_text('name = "[/bold] x"\n[[datasets]]\nname = "[red]d"\nkind = "jsonl"\n'
                     'path = "d.jsonl"\n', encoding="utf-8")
    db = tmp_path / "h.sqlite"
    for command in (["eval", "run", str(suite), "-m", "lead-1"],
                    ["compare", str(suite), "-m", "lead-1", "-m", "lead-2"],
                    ["nightly", str(suite), "--history", str(db), "-m", "lead-1"],
                    ["history", str(db)]):
        code, out, err = run_main(monkeypatch, capsys, *command)
        assert code == 0, (command, err)
        assert "Traceback" not in err


def test_markdown_fields_from_data_cannot_forge_structure():
    forged = "Titre\n## Sources\n- **faux** — ![x](http://evil.example/i.png) [a](javascript:x)"
    out = markdown(forged)
    assert "\n" not in out and "![" not in out and "](" not in out.replace("\\](", "")
    assert markdown("# titre").startswith("\\#") and markdown("1. item").startswith("\\1")
    assert markdown("000_a0b2 nord-coréen l’Ukraine « mal ».") == "000_a0b2 nord-coréen l’Ukraine « mal »."
    assert one_line("Cor\u202eée\x07 x") == "Corée x"


def test_brief_markdown_and_html_escape_titles_and_ids(tmp_path, monkeypatch, capsys):
    cluster = tmp_path / "c.jsonl"
    articles = [{"id": f"a{k}\n## Sources", "title": "Un titre\u202e forgé\n# Faux ![x](http://e/i.png)",
                 "text": SEED} for k in range(2)]
    cluster.write_text(json.dumps({"id": "c", "articles": articles}, ensure_ascii=False) + "\n",
                       encoding="utf-8")
    code, out, err = run_main(monkeypatch, capsys, "brief", str(cluster), "-f", "markdown")
    assert code == 0, err
    assert sum(line.startswith("## Sources") for line in out.splitlines()) == 1
    assert "![x](" not in out and "\u202e" not in out
    assert not any(line.startswith("# Faux") for line in out.splitlines())
    code, out, err = run_main(monkeypatch, capsys, "brief", str(cluster), "-f", "html")
    assert code == 0 and "\u202e" not in out and "<title>" in out


def test_chart_labels_are_plain_text(tmp_path):
    from summarize.evaluate.compare import compare_results
    from summarize.evaluate.suite import run_suite
    from summarize.evaluate.tables import plot_png
    from summarize.select.baselines import load as load_baseline

    data = tmp_path / "d.jsonl"
    data.write_text(json.dumps({"id": "1", "article": SENTENCE, "reference": SENTENCE},
                               ensure_ascii=False) + "\n", encoding="utf-8")
    suite = tmp_path / "s.toml"
    suite.write_text('name = "$\\\\frac{$"\n[[datasets]]\nname = "$x^$"\nkind = "jsonl"\n'
                     'path = "d.jsonl"\n', encoding="utf-8")
    result = run_suite(suite, load_baseline("lead-1"), cache_dir=tmp_path / "cache")
    assert plot_png(compare_results([result])).startswith(b"\x89PNG")


def test_csv_cells_never_start_a_formula():
    assert csv_cell("=HYPERLINK(\"x\")") == "'=HYPERLINK(\"x\")"
    assert csv_cell("@cmd") == "'@cmd" and csv_cell("-1+2") == "'-1+2" and csv_cell(-0.5) == -0.5
    from summarize.evaluate.report import render

    result = score(["a b c"], [["a b c"]], ids=["=cmd()"], bootstrap=0)
    assert "'=cmd()" in render(result, "csv", per_item=True)


# --- Unbounded resources ------------------------------------------------------------------------


def test_reads_stop_at_the_input_limit(tmp_path):
    bomb = tmp_path / "bomb.jsonl.gz"
    bomb.write_bytes(gzip.compress(b'{"text": "' + b"a" * 30_000_000 + b'"}\n'))
    for args, stdin in (([str(bomb)], None), (["/dev/zero"], None), (["-"], "x" * 3_000_000)):
        t0 = time.perf_counter()
        proc = run_cli("brief", *args, "--max-input-mb", "1", stdin=stdin)
        assert proc.returncode == 2 and time.perf_counter() - t0 < 30
        assert "input too large" in one_error_line(proc.stderr)


def test_bootstrap_and_seed_are_bounded():
    with pytest.raises(UserError, match="bootstrap"):
        score(["a"], [["a"]], bootstrap=MAX_BOOTSTRAP + 1)
    with pytest.raises(UserError, match="seed"):
        score(["a"], [["a"]], seed=-5)


def test_rouge_l_of_a_huge_text_is_bounded_and_reported():
    long_text = " ".join(f"mot{k % 700}" for k in range(32_000))
    t0 = time.perf_counter()
    result = score([long_text], [[long_text[::-1]]], bootstrap=0)
    assert time.perf_counter() - t0 < 20 and result.truncated == 2
    assert result.to_dict()["truncated_texts"] == 2


def test_outputs_never_replace_links_devices_or_pipes(tmp_path, monkeypatch, capsys):
    fifo = tmp_path / "fifo"
    os.mkfifo(fifo)
    link = tmp_path / "link.md"
    link.symlink_to(tmp_path / "target.md")
    for target in ("/dev/null", str(fifo), str(link)):
        code, _, err = run_main(monkeypatch, capsys, "brief", str(ROOT / "seeds"), "-o", target,
                                "--force")
        assert code == 2 and ("refusing" in err or "link" in err), err
    assert stat.S_ISCHR(os.stat("/dev/null").st_mode) and stat.S_ISFIFO(os.lstat(fifo).st_mode)
    assert link.is_symlink() and not (tmp_path / "target.md").exists()
    deep = tmp_path / ("d/" * 1200) / "x.md"
    code, _, err = run_main(monkeypatch, capsys, "brief", str(ROOT / "seeds"), "-o", str(deep))
    assert code == 2 and "deep" in one_error_line(err)
    code, _, err = run_main(monkeypatch, capsys, "brief", str(ROOT / "seeds"), "-o",
                            str(tmp_path / ("n" * 300 + ".md")))
    assert code == 2 and "too long" in one_error_line(err)


def test_deep_input_folders_are_one_line(tmp_path, monkeypatch, capsys):
    here = os.getcwd()
    os.chdir(tmp_path)
    try:
        for _ in range(80):
            os.mkdir("d")
            os.chdir("d")
        Path("a.txt").write_text(SENTENCE, encoding="utf-8")
    finally:
        os.chdir(here)
    code, _, err = run_main(monkeypatch, capsys, "brief", str(tmp_path))
    assert code == 2 and "nested" in one_error_line(err)


def test_json_text_is_sanitized_and_bad_lines_are_skipped(tmp_path, monkeypatch, capsys):
    lines = [json.dumps({"id": "ok1", "articles": [SEED]}),
             '{"id": "bad", "articles": ["Le pr\\ud800sident a parl\\u00e9 de Cor&eacute;e mardi. '
             + SENTENCE + '"]}',
             '{"id": ' + "9" * 5000 + ', "articles": ["x"]}',
             "[" * 5000 + "]" * 5000,
             json.dumps({"id": "ok2", "articles": [SEED]})]
    path = tmp_path / "clusters.jsonl"
    path.write_text("\n".join(lines) + "\n", encoding="utf-8")
    code, out, err = run_main(monkeypatch, capsys, "brief", str(path), "-f", "json")
    assert code == 0, err
    ids = [b["id"] for b in json.loads(out)]
    assert ids == ["ok1", "bad", "ok2"] and "Traceback" not in err
    assert "clusters.jsonl:3" in err and "clusters.jsonl:4" in err
    from summarize.text.decode import sanitize

    assert sanitize("Cor&eacute;e AT&T \ud800") == "Corée AT&T \ufffd"


# --- Tracebacks where one line is due, silently accepted values ------------------------------


@pytest.mark.parametrize("content", [b"{bad json", b'{"max_input_tokens": "abc"}',
                                     b'{"generation": [1, 2]}', '{"prefix": "x"}'.encode("utf-16")])
def test_a_damaged_summarize_json_is_one_line(tmp_path, tiny_model_dir, monkeypatch, capsys,
                                              content):
    import shutil

    folder = tmp_path / "model"
    shutil.copytree(tiny_model_dir, folder)
    (folder / "summarize.json").write_bytes(content)
    code, _, err = run_main(monkeypatch, capsys, "brief", str(ROOT / "seeds"), "-m", str(folder))
    assert code == 2 and "model" in one_error_line(err)


def test_a_garbage_onnx_export_is_one_line(tmp_path, tiny_onnx_dir, monkeypatch, capsys):
    import shutil

    folder = tmp_path / "model"
    shutil.copytree(tiny_onnx_dir, folder)
    (folder / "onnx" / "encoder.onnx").write_bytes(b"garbage" * 100)
    code, _, err = run_main(monkeypatch, capsys, "brief", str(ROOT / "seeds"), "-m", str(folder),
                            "--runtime", "onnx")
    assert code == 2 and "ONNX export" in one_error_line(err)


@pytest.mark.parametrize("args,needle", [
    (["--device", "tpu"], "--device"), (["--runtime", "evil"], "--runtime"),
    (["-m", "facets:/etc"], "takes no model folder")])
def test_silently_accepted_values_are_refused(monkeypatch, capsys, args, needle):
    code, _, err = run_main(monkeypatch, capsys, "brief", str(ROOT / "seeds"), *args)
    assert code == 2 and needle in one_error_line(err)


@pytest.mark.parametrize("setting,needle", [("maxwords=40", "unknown setting"),
                                            ("num_beams=abc", "num_beams"),
                                            ("length_penalty=nan", "length_penalty")])
def test_pipeline_settings_are_checked(tmp_path, monkeypatch, capsys, setting, needle):
    code, _, err = run_main(monkeypatch, capsys, "eval", "run", str(ROOT / "eval/suites/seeds.toml"),
                            "-m", "lead-1", "--set", setting, "--cache-dir", str(tmp_path))
    assert code == 2 and needle in one_error_line(err)


def test_eval_seed_and_bootstrap_values_are_one_line(monkeypatch, capsys):
    refs = str(ROOT / "eval/references/seeds.abstract.txt")
    for args in (["--seed", "-5"], ["--bootstrap", "100000000"]):
        code, _, err = run_main(monkeypatch, capsys, "eval", "-p", refs, "-r", refs, *args)
        assert code == 2, err
        one_error_line(err)


def test_an_unusable_cache_folder_is_refused_before_any_work(tmp_path, monkeypatch, capsys):
    code, _, err = run_main(monkeypatch, capsys, "eval", "run", str(ROOT / "eval/suites/seeds.toml"),
                            "-m", "lead-1", "--cache-dir", "/proc/nope")
    assert code == 2 and "cache folder" in one_error_line(err)


def test_damaged_cache_lines_are_regenerated(tmp_path):
    from summarize.evaluate.cache import Entry, GenerationCache

    cache = GenerationCache(tmp_path, "f", {})
    cache.put_many([("k1", Entry("ok", 0.5))])
    with open(cache.path, "a", encoding="utf-8") as fh:
        fh.write('{"input": "k2", "summary": "x", "seconds": -Infinity}\n')
        fh.write('{"input": "k3", "summary": 42, "seconds": 1}\n')
    again = GenerationCache(tmp_path, "f", {})
    assert again.get("k1").summary == "ok" and again.get("k2") is None and again.get("k3") is None


def test_damaged_histories_are_refused_before_the_suite_runs(tmp_path, monkeypatch, capsys):
    suite = ROOT / "eval/suites/seeds.toml"
    db = tmp_path / "h.sqlite"
    code, _, err = run_main(monkeypatch, capsys, "nightly", str(suite), "--history", str(db),
                            "-m", "lead-1", "--cache-dir", str(tmp_path / "c"))
    assert code == 0, err
    conn = sqlite3.connect(db)
    conn.execute("UPDATE results SET per_item = '{not json'")
    conn.commit()
    conn.close()
    for command in (["history", str(db)],
                    ["nightly", str(suite), "--history", str(db), "-m", "lead-1"]):
        code, out, err = run_main(monkeypatch, capsys, *command)
        assert code == 2 and "damaged history row" in one_error_line(err) and "REGRESSION" not in out
    conn = sqlite3.connect(db)
    conn.execute("DROP TABLE results")
    conn.commit()
    conn.close()
    code, _, err = run_main(monkeypatch, capsys, "history", str(db))
    assert code == 2
    one_error_line(err)


def test_a_crash_is_one_line_and_exit_3(monkeypatch, capsys):
    import summarize.cli.models as models_cli

    def boom(*args, **kwargs):
        raise RuntimeError("a bug")

    monkeypatch.setattr(models_cli, "list_models", boom)
    code, _, err = run_main(monkeypatch, capsys, "models")
    assert code == 3 and "internal error: RuntimeError: a bug" in one_error_line(err)


# --- Nightly catches a regression, whatever the item count -------------------------------------


def test_nightly_flags_the_seq2seq_regression_on_one_item(tmp_path, monkeypatch, capsys):
    suite, db = ROOT / "eval/suites/seeds.toml", tmp_path / "h.sqlite"
    code, _, err = run_main(monkeypatch, capsys, "nightly", str(suite), "--history", str(db),
                            "-m", "facets", "--cache-dir", str(tmp_path / "c"))
    assert code == 0, err
    code, out, err = run_main(monkeypatch, capsys, "nightly", str(suite), "--history", str(db),
                              "-m", "fr-brief-small", "--baseline", "facets",
                              "--cache-dir", str(tmp_path / "c"))
    assert code == 1 and "REGRESSION" in out and "no p-value" in out, (out, err)
    assert "1 item(s) < 10" in out and err.startswith("regression:")


# --- What a new user hit ------------------------------------------------------------------------


def test_bundled_components_are_listed_as_installed(monkeypatch, capsys):
    code, out, _ = run_main(monkeypatch, capsys, "models")
    assert code == 0
    rows = {line.split()[0]: line for line in out.splitlines() if line and not line.startswith(" ")}
    assert "missing" not in out
    assert "component" in rows["fr-rank"] and "yes" in rows["fr-compress"]


def test_brief_many_takes_dicts_like_brief():
    import summarize

    briefer = summarize.Briefer.from_pretrained("lead-2")
    out = briefer.brief_many([[{"text": SENTENCE}], {"a": [{"text": SEED}]}.get("a")])
    assert len(out) == 2 and out[0].summary.startswith("Le gouvernement")


def test_budgets_say_when_nothing_fits_or_the_budget_is_not_reached(monkeypatch, capsys):
    code, out, _ = run_main(monkeypatch, capsys, "brief", str(ROOT / "seeds"), "--max-words", "5",
                            "-f", "json")
    data = json.loads(out)
    body = [s["text"] for s in data["sentences"]]
    assert body and all(t.endswith(".") for t in body) and "s'apprête à." not in " ".join(body)
    assert any("ne tient" in n for n in data["packing"]["notes"])
    code, out, _ = run_main(monkeypatch, capsys, "brief", str(ROOT / "seeds"), "--max-words",
                            "100000")
    assert code == 0 and "budget non atteint" in out


def test_help_and_version_flags(monkeypatch, capsys):
    code, out, _ = run_main(monkeypatch, capsys, "-h")
    assert code == 0 and "--version" in out and "<bool>" not in out
    code, out, _ = run_main(monkeypatch, capsys, "-V")
    assert code == 0 and out.startswith("summarize ")
    code, out, _ = run_main(monkeypatch, capsys, "eval", "run", "-h")
    assert "[pipeline]" in out and "<bool>" not in out
    code, out, _ = run_main(monkeypatch, capsys, "brief", "-h")
    assert "default: facets" in out and "--num-beams" in out


def test_eval_reads_predictions_from_stdin_and_checks_source_ids(tmp_path):
    refs = tmp_path / "refs.txt"
    refs.write_text(SENTENCE + "\n" + SEED.split("\n")[0] + "\n", encoding="utf-8")
    proc = run_here("eval", "-p", "-", "-r", str(refs), "-f", "json",
                   stdin=SENTENCE + "\nKim a rencontré Poutine.\n")
    assert proc.returncode == 0, proc.stderr
    assert json.loads(proc.stdout)["n"] == 2
    zero_based = tmp_path / "sources.jsonl"
    zero_based.write_text("".join(json.dumps({"id": str(k), "text": SENTENCE}) + "\n"
                                  for k in range(2)), encoding="utf-8")
    proc = run_here("eval", "-p", str(refs), "-r", str(refs), "-s", str(zero_based), "-f", "json")
    assert proc.returncode == 0, proc.stderr
    shifted = tmp_path / "shifted.jsonl"
    shifted.write_text("".join(json.dumps({"id": str(k), "text": SENTENCE}) + "\n"
                               for k in range(2, 4)), encoding="utf-8")
    proc = run_here("eval", "-p", str(refs), "-r", str(refs), "-s", str(shifted))
    assert proc.returncode == 2 and "matches no prediction" in one_error_line(proc.stderr)


def test_html_says_words_in_french_like_the_markdown(monkeypatch, capsys):
    code, out, _ = run_main(monkeypatch, capsys, "brief", str(ROOT / "seeds"), "-f", "html")
    assert code == 0 and "mots) utilisées" in out and "tokens" not in out and "Briefing ·" not in out


def test_packing_reports_the_ranking_cap(monkeypatch):
    import summarize.select.pack as pack_module
    import summarize.select.rank as rank_module
    from summarize.select.baselines import load as load_baseline
    from summarize.types import Article

    monkeypatch.setattr(rank_module, "MAX_RANKED_SENTENCES", 100)
    monkeypatch.setattr(pack_module, "MAX_RANKED_SENTENCES", 100)
    many = " ".join(f"Le maire de la ville numéro {k} a inauguré mardi une nouvelle école "
                    f"primaire de {k + 3} classes." for k in range(150))
    report = load_baseline("facets").pack([Article("a", many)]).report()
    assert report["sentences_not_ranked"] == 50 and report["ranking_cap"] == 100
    assert np.isfinite(report["tokens_dropped"])


def test_nightly_flags_the_seq2seq_regression_on_four_items(tmp_path, monkeypatch, capsys):
    seeds = sorted((ROOT / "seeds").glob("*.txt"))
    reference = (ROOT / "eval/references/seeds.abstract.txt").read_text(encoding="utf-8").strip()
    data = tmp_path / "four.jsonl"
    data.write_text("".join(json.dumps({"id": str(k), "articles": [p.read_text(encoding="utf-8")
                                                                     for p in seeds if p != skip],
                                        "reference": reference}, ensure_ascii=False) + "\n"
                            for k, skip in enumerate(seeds[:4])), encoding="utf-8")
    suite = tmp_path / "four.toml"
    suite.write_text('name = "four"\n[pipeline]\nmax_words = 60\n[[datasets]]\nname = "four"\n'
                     'kind = "jsonl"\npath = "four.jsonl"\n', encoding="utf-8")
    db, cache = tmp_path / "h.sqlite", str(tmp_path / "c")
    code, _, err = run_main(monkeypatch, capsys, "nightly", str(suite), "--history", str(db),
                            "-m", "facets", "--cache-dir", cache)
    assert code == 0, err
    code, out, err = run_main(monkeypatch, capsys, "nightly", str(suite), "--history", str(db),
                              "-m", "fr-brief-small", "--baseline", "facets", "--cache-dir", cache)
    assert code == 1 and "4 item(s) < 10" in out and err.startswith("regression:"), (out, err)


def test_a_deeply_nested_suite_is_one_line(tmp_path, monkeypatch, capsys):
    suite = tmp_path / "deep.toml"
    suite.write_text("a = " + "[" * 5000 + "]" * 5000 + "\n", encoding="utf-8")
    code, _, err = run_main(monkeypatch, capsys, "eval", "run", str(suite), "-m", "lead-1")
    assert code == 2 and "nested too deeply" in one_error_line(err)
