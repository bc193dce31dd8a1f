"""Paired bootstrap, model comparison and ``summarize compare``."""

from __future__ import annotations

import json

import numpy as np
import pytest
from test_suite import ROOT, FirstWords, run_cli, write_tiny_suite

from summarize.errors import UserError
from summarize.evaluate.compare import compare_results, paired_bootstrap, render, write_reports
from summarize.evaluate.suite import run_suite

PNG = b"\x89PNG\r\n\x1a\n"


@pytest.fixture(autouse=True)
def _cache(tmp_path, monkeypatch):
    monkeypatch.setenv("SUMMARIZE_CACHE", str(tmp_path / "cache"))


def _naive_p(a, b, resamples, seed):
    """Loop version of the two-sided test, drawing the same indices."""
    diff = np.asarray(b) - np.asarray(a)
    rng = np.random.default_rng(seed)
    idx = rng.integers(0, len(diff), size=(resamples, len(diff)))
    hits = sum(abs(diff[row].mean() - diff.mean()) >= abs(diff.mean()) - 1e-12 for row in idx)
    return (1 + hits) / (1 + resamples)


def test_paired_bootstrap_matches_a_loop_and_is_seeded():
    rng = np.random.default_rng(3)
    a = rng.uniform(size=40)
    b = a + rng.normal(0.02, 0.1, size=40)
    p = paired_bootstrap(a, b, resamples=500, seed=7)
    assert p == pytest.approx(_naive_p(a, b, 500, 7))
    assert p == paired_bootstrap(a, b, resamples=500, seed=7)
    assert paired_bootstrap(a, b, resamples=500, seed=7) == paired_bootstrap(b, a, resamples=500,
                                                                             seed=7)
    both = paired_bootstrap(np.c_[a, b], np.c_[b, a], resamples=500, seed=7)
    assert both.shape == (2,) and both[0] == pytest.approx(p) and both[1] == pytest.approx(p)


def test_paired_bootstrap_extremes_and_one_sided():
    a = np.linspace(0.1, 0.6, 30)
    assert paired_bootstrap(a, a, resamples=200) == 1.0  # no difference at all
    worse = a - 0.05
    assert paired_bootstrap(a, worse, resamples=200) == pytest.approx(1 / 201)
    assert paired_bootstrap(a, worse, resamples=200, alternative="less") == pytest.approx(1 / 201)
    assert paired_bootstrap(a, worse, resamples=200, alternative="greater") == 1.0
    with pytest.raises(ValueError):
        paired_bootstrap(a, a[:-1])
    assert np.isnan(paired_bootstrap(a[:1], worse[:1]))  # one item: no evidence either way


def test_paired_bootstrap_is_calibrated_and_has_power():
    """Under the null about 5% of p-values fall below 0.05; a real shift is detected."""
    rng = np.random.default_rng(0)
    null_p = []
    for seed in range(200):
        base = rng.uniform(0.2, 0.6, size=60)
        null_p.append(paired_bootstrap(base + rng.normal(0, 0.05, 60),
                                       base + rng.normal(0, 0.05, 60), resamples=400, seed=seed))
    rate = np.mean(np.array(null_p) < 0.05)
    assert 0.01 <= rate <= 0.11
    shifted = [paired_bootstrap(base, base + 0.03 + rng.normal(0, 0.05, 60), resamples=400,
                                seed=s) for s in range(20)]
    assert np.mean(np.array(shifted) < 0.05) >= 0.9


def test_compare_results_rows_and_reports(tmp_path):
    suite = write_tiny_suite(tmp_path)
    short = run_suite(suite, FirstWords(8))
    long = run_suite(suite, FirstWords(30))
    cmp = compare_results([short, long], resamples=300)
    (rows,) = cmp.tables.values()
    assert [r.model for r in rows] == ["first-8-words", "first-30-words"]
    assert all(v is None for v in rows[0].p.values())
    ref, other = short.datasets[0].rouge, long.datasets[0].rouge
    for t in ("rouge1", "rouge2", "rougeL"):
        assert rows[1].delta[t] == pytest.approx(other.mean(t) - ref.mean(t))
        assert 0 < rows[1].p[t] <= 1
    paths = write_reports(cmp, tmp_path / "out")
    assert sorted(p.name for p in paths) == ["comparison.json", "comparison.md", "comparison.png"]
    md = (tmp_path / "out" / "comparison.md").read_text(encoding="utf-8")
    assert "first-8-words" in md and "first-30-words" in md and "p=" in md
    data = json.loads((tmp_path / "out" / "comparison.json").read_text(encoding="utf-8"))
    assert data["datasets"]["tiny"][1]["p"]["rouge2"] == rows[1].p["rouge2"]
    assert (tmp_path / "out" / "comparison.png").read_bytes().startswith(PNG)
    with pytest.raises(UserError, match="exists"):
        write_reports(cmp, tmp_path / "out")
    write_reports(cmp, tmp_path / "out", force=True)
    assert "first-30-words" in render(cmp, "table")


def test_compare_refuses_other_signatures_and_items(tmp_path):
    plain = run_suite(write_tiny_suite(tmp_path / "a"), FirstWords())
    stemmed = run_suite(write_tiny_suite(tmp_path / "b", metric="bootstrap = 200\nstem = true"),
                        FirstWords())
    with pytest.raises(UserError, match="signatures differ in: stem"):
        compare_results([plain, stemmed])
    fewer = run_suite(write_tiny_suite(tmp_path / "a"), FirstWords(), limit=5)
    with pytest.raises(UserError, match="different items"):
        compare_results([plain, fewer])


def test_compare_cli_with_baselines(tmp_path, monkeypatch, capsys):
    suite = write_tiny_suite(tmp_path)
    out = tmp_path / "report"
    code, text, err = run_cli(monkeypatch, capsys, "compare", str(suite), "--model", "lead-1",
                              "--model", "lead-2", "--out-dir", str(out))
    assert code == 0, err
    assert "lead-1" in text and "lead-2" in text
    data = json.loads((out / "comparison.json").read_text(encoding="utf-8"))
    lead1, lead2 = data["datasets"]["tiny"]
    assert lead2["f1"]["rouge2"] > lead1["f1"]["rouge2"]  # the reference covers two sentences
    assert lead2["p"]["rouge2"] < 0.05 and lead1["size_bytes"] == 0
    assert (out / "comparison.png").read_bytes().startswith(PNG)
    code, _, err = run_cli(monkeypatch, capsys, "compare", str(suite), "--model", "lead-1")
    assert code == 2 and err.startswith("error: give at least two models")
    code, _, err = run_cli(monkeypatch, capsys, "compare", str(suite), "--model", "lead-1",
                           "--model", str(tmp_path / "no" / "such-model"))
    assert code == 2 and err.startswith("error:") and "Traceback" not in err


@pytest.mark.data
def test_compare_on_orangesum_subset(orangesum_dir, tmp_path, monkeypatch, capsys):
    code, text, err = run_cli(monkeypatch, capsys, "compare",
                              str(ROOT / "eval/suites/orangesum.toml"), "--model", "lead-1",
                              "--model", "lead-2", "--limit", "30", "--data-dir",
                              str(orangesum_dir), "--format", "json")
    assert code == 0, err
    rows = json.loads(text)["datasets"]["orangesum-abstract-valid"]
    assert [r["n"] for r in rows] == [30, 30] and rows[1]["p"]["rouge1"] is not None
