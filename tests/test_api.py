"""The Python API (summarize.api): same results as the CLI, lazy imports, README example."""

from __future__ import annotations

import os
import pydoc
import re
import subprocess
import sys
import warnings
from pathlib import Path

import html5lib
import pytest

import summarize
from summarize.errors import UserError
from summarize.types import Article

ROOT = Path(__file__).resolve().parents[1]
SUITE = ROOT / "eval" / "suites" / "seeds.toml"


def _run(code: str, **env: str) -> subprocess.CompletedProcess:
    return subprocess.run([sys.executable, "-c", code], capture_output=True, text=True, cwd=ROOT,
                          env={**os.environ, "HF_HUB_OFFLINE": "1", **env}, timeout=300)


@pytest.fixture(autouse=True)
def _cache(tmp_path, monkeypatch):
    monkeypatch.setenv("SUMMARIZE_CACHE", str(tmp_path / "cache"))


@pytest.fixture(scope="module")
def briefer() -> summarize.Briefer:
    return summarize.Briefer.from_pretrained()


def test_import_summarize_loads_neither_torch_nor_transformers():
    code = ("import sys, summarize\nnames = [getattr(summarize, n) for n in summarize.__all__]\n"
            "from summarize import *\n"
            "print(sorted(m for m in ('torch', 'transformers', 'matplotlib') if m in sys.modules))")
    done = _run(code)
    assert done.returncode == 0, done.stderr
    assert done.stdout.strip() == "[]"


def test_public_names_and_help_read_like_documentation():
    assert set(summarize.__all__) <= set(dir(summarize))
    with pytest.raises(AttributeError):
        summarize.no_such_name  # noqa: B018
    text = pydoc.render_doc(summarize.Briefer, renderer=pydoc.plaintext)
    for needle in ("from_pretrained", "brief_many", "max_words", "runtime", "to_markdown"):
        assert needle in text
    assert summarize.Briefing.to_html.__doc__ and summarize.rouge.__doc__


def test_api_briefing_is_the_cli_briefing(briefer):
    """Acceptance: the API on the seeds gives the briefing of `summarize brief seeds/ -f txt`."""
    cli = subprocess.run([sys.executable, "-m", "summarize.cli", "brief", "seeds/", "-f", "txt"],
                         capture_output=True, text=True, cwd=ROOT, timeout=300,
                         env={**os.environ, "HF_HUB_OFFLINE": "1"})
    assert cli.returncode == 0, cli.stderr
    briefing = briefer.brief(ROOT / "seeds")
    assert briefing.summary and cli.stdout == briefing.summary + "\n"
    assert briefing.cluster_id == "seeds" and len(briefing.articles) == 5
    data = briefing.to_dict()
    assert data["summary"] == briefing.summary and len(data["sources"]) == 5
    assert briefing.title == "" and not briefing.to_markdown().startswith("#")  # untitled sources
    assert summarize.render_briefings([briefing], "txt") == cli.stdout


def test_brief_accepts_articles_dicts_and_a_word_limit(briefer):
    articles = summarize.load_articles(str(ROOT / "seeds"))
    as_dicts = [{"id": a.id, "text": a.text, "date": a.date} for a in articles]
    assert briefer.brief(articles).summary == briefer.brief(as_dicts).summary
    short = briefer.brief(articles, max_words=15)
    n = len([w for w in short.summary.split() if w != "…"])  # no sentence of the seeds fits 15 words:
    assert n <= 15 or short.packing["notes"] == [  # the shortest that reads alone is said whole
        f"aucune phrase entière ne tient en 15 mots : la plus courte qui se lit seule est donnée ({n} mots)"]
    fifteen = summarize.Briefer.from_pretrained(max_words=15)
    assert short.summary == fifteen.brief(articles).summary
    assert briefer.summarizer.max_words is None  # the per-call limit left the model as it was
    model = summarize.Briefer.from_pretrained("fr-brief-small")
    short = model.brief(articles, max_words=15)
    assert model.summarizer.max_words is None
    assert short.generation["max_new_tokens"] < model.brief(articles).generation["max_new_tokens"]


def test_brief_many_takes_pairs_mappings_and_lists():
    lead = summarize.Briefer.from_pretrained("lead-1")
    a = Article("a", "Le gouvernement a présenté mardi son budget pour l'année prochaine. Il prévoit "
                     "des économies.")
    b = Article("b", "La ville de Lyon ouvre une nouvelle ligne de tramway ce lundi. Elle dessert "
                     "l'est de la ville.")
    pairs = lead.brief_many([("x", [a]), ("y", [b])])
    assert [p.cluster_id for p in pairs] == ["x", "y"]
    assert pairs[0].summary.startswith("Le gouvernement")
    assert [p.cluster_id for p in lead.brief_many({"k": [b]})] == ["k"]
    assert [p.cluster_id for p in lead.brief_many([[a], [b]])] == ["1", "2"]
    failed = []
    out = lead.brief_many([("ok", [a]), ("empty", [Article("e", "   ")])],
                          on_error=lambda cid, msg: failed.append(cid))
    assert [p.cluster_id for p in out] == ["ok"] and failed == ["empty"]
    with warnings.catch_warnings(record=True) as caught:
        warnings.simplefilter("always")
        lead.brief_many([("empty", [Article("e", "   ")])])
    assert any("cluster empty failed" in str(w.message) for w in caught)


def test_bad_input_is_a_user_error(briefer):
    with pytest.raises(UserError):
        briefer.brief(ROOT / "no-such-folder")
    with pytest.raises(UserError):
        briefer.brief([{"title": "no text"}])
    with pytest.raises(UserError):
        briefer.brief([Article("e", "   ")])
    with pytest.raises(UserError):
        briefer.brief(ROOT / "seeds", max_words=0)
    with pytest.raises(UserError):
        summarize.Briefer.from_pretrained("no/such/model/folder")


def test_stage_functions_are_the_pipeline_stages():
    assert summarize.split_sentences("M. Dupont est arrivé. Il a parlé.") == [
        "M. Dupont est arrivé.", "Il a parlé."]
    dirty = "Pour visionner cette vidéo, veuillez activer JavaScript.\nLe texte reste."
    assert summarize.clean(dirty) == summarize.clean(summarize.clean(dirty))
    ranked = summarize.rank(summarize.load_articles([str(ROOT / "seeds")]), top=3)
    assert len(ranked) == 3 and ranked[0].score >= ranked[-1].score
    with pytest.raises(UserError):
        summarize.rank([], top=-1)


def test_rouge_matches_the_scorer_and_takes_plain_references():
    from summarize.evaluate.rouge import score

    preds = ["le chat dort sur le canapé", "la pluie tombe sur la ville"]
    refs = ["le chat dort", "il pleut sur la ville"]
    result = summarize.rouge(preds, refs, bootstrap=100)
    expected = score(preds, [[r] for r in refs], bootstrap=100)
    assert result.mean("rouge1") == expected.mean("rouge1")
    assert result.signature == expected.signature and "tok:fr" in result.signature
    low, high = result.interval("rouge1")
    assert low <= result.mean("rouge1") <= high
    several = summarize.rouge(preds[:1], [["autre chose", "le chat dort"]], bootstrap=0)
    assert several.mean("rouge1") == summarize.rouge(preds[:1], ["le chat dort"],
                                                     bootstrap=0).mean("rouge1")


def test_run_suite_and_compare_write_the_html_report(tmp_path):
    one = summarize.run_suite(SUITE, model="lead-1")
    assert [d.name for d in one.datasets] == ["seeds-abstract", "seeds-briefing"]
    wrote = []
    cmp = summarize.compare(SUITE, ["lead-1", "lead-2"], out_dir=tmp_path, wrote=wrote.append)
    assert cmp.models == ["lead-1", "lead-2"]
    assert sorted(p.name for p in wrote) == ["comparison.html", "comparison.json",
                                             "comparison.md", "comparison.png"]
    page = (tmp_path / "comparison.html").read_text(encoding="utf-8")
    html5lib.HTMLParser(strict=True).parse(page)
    assert "data:image/png;base64," in page and "Where the models differ most" in page
    lead2 = summarize.run_suite(SUITE, model="lead-2").dataset("seeds-abstract").predictions[0]
    from html import escape

    assert escape(lead2) in page  # the side-by-side examples show each model's summary
    again = summarize.compare([one, summarize.run_suite(SUITE, model="lead-2")])
    assert again.tables.keys() == cmp.tables.keys()
    with pytest.raises(UserError):
        summarize.compare(SUITE, ["lead-1"])


def test_readme_python_example_runs(tmp_path):
    """Acceptance: the README's Python section runs as written."""
    readme = (ROOT / "README.md").read_text(encoding="utf-8")
    block = re.search(r"^## Python\n.*?```python\n(.*?)```", readme, re.DOTALL | re.MULTILINE)
    assert block, "README has no Python section with a ```python example"
    code = block.group(1)
    assert len(code.strip().splitlines()) <= 12
    done = _run(code, SUMMARIZE_CACHE=str(tmp_path / "cache"))
    assert done.returncode == 0, done.stderr
    assert "## Sources" in done.stdout and "rouge|tok:fr" in done.stdout
