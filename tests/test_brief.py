"""`summarize brief`: loading, packing report, batching of clusters, attribution, facts, output."""

from __future__ import annotations

import json
from pathlib import Path

import pytest
from clirunner import run_here

from summarize.brief import make_briefings
from summarize.seq2seq.generate import Seq2SeqSummarizer, trim_words
from summarize.seq2seq.loader import load_summarizer
from summarize.seq2seq.registry import resolve
from summarize.text.ingest import load_articles

ROOT = Path(__file__).resolve().parents[1]


@pytest.fixture(scope="module")
def summarizer(tiny_model_dir) -> Seq2SeqSummarizer:
    return Seq2SeqSummarizer.from_pretrained(str(tiny_model_dir))


def test_local_folder_loads_with_its_settings(tiny_model_dir, summarizer):
    spec = resolve(str(tiny_model_dir))
    assert spec.local and spec.max_input_tokens == 128 and spec.prefix == "<abstract>"
    assert summarizer.settings.num_beams == 2 and summarizer.settings.max_new_tokens == 12


def test_packing_respects_the_model_budget(summarizer, seeds_dir):
    packed = summarizer.pack(load_articles([str(seeds_dir)]))
    assert packed.tokens_used <= 127 and packed.dropped  # the seeds are far longer than 128 tokens
    ids = summarizer.tokenizer(summarizer.model_input(packed)).input_ids
    assert len(ids) <= 128


def test_generation_is_deterministic_and_batched(summarizer, seeds_dir):
    articles = load_articles([str(seeds_dir)])
    clusters = [articles, articles[:2], articles[2:]]
    first = summarizer.summarize(clusters)
    again = summarizer.summarize(clusters)
    single = summarizer.summarize([articles[:2]])
    assert first == again and first[1] == single[0]
    assert all(isinstance(s, str) and s for s in first)


def test_one_failing_cluster_does_not_stop_the_others(summarizer, seeds_dir):
    from summarize.types import Article

    good = load_articles([str(seeds_dir)])
    empty = [Article("vide", "Lien source")]
    errors = []
    out = make_briefings([("ok", good), ("bad", empty), ("ok2", good[:1])], summarizer,
                         on_error=lambda cid, msg: errors.append(cid))
    assert [b.cluster_id for b in out] == ["ok", "ok2"] and errors == ["bad"]
    assert out[0].packing["tokens_used"] > 0 and out[0].model["fingerprint"]


def test_missing_model_folder_and_offline_alias_are_one_line_errors(tmp_path, monkeypatch):
    done = run_here("brief", "seeds/", "--model", str(tmp_path / "nope"), cwd=ROOT)
    assert done.returncode == 2 and "not found" in done.stderr and "Traceback" not in done.stderr
    env_run = run_here("brief", "seeds/", "--model", "barthez", cwd=ROOT)
    assert env_run.returncode == 2 and "not available offline" in env_run.stderr
    assert "--model PATH" in env_run.stderr and "Traceback" not in env_run.stderr


def test_brief_json_has_attribution_facts_and_packing(tiny_model_dir):
    done = run_here("brief", "seeds/", "--model", str(tiny_model_dir), "--format", "json", cwd=ROOT)
    assert done.returncode == 0, done.stderr
    data = json.loads(done.stdout)
    assert data["summary"] and data["sentences"]
    assert all("article_ids" in s and "unsupported" in s for s in data["sentences"])
    assert set(data["facts_check"]) == {"unsupported", "ok"}
    assert data["packing"]["tokens_used"] <= data["packing"]["budget_tokens"]
    assert data["packing"]["sentences_dropped"] > 0
    assert len(data["sources"]) == 5 and data["model"]["path"] == str(tiny_model_dir)
    assert data["generation"]["num_beams"] == 2


def test_clusters_jsonl_writes_one_briefing_each_and_names_the_failure(tiny_model_dir, tmp_path, seeds_dir):
    texts = [p.read_text(encoding="utf-8") for p in sorted(seeds_dir.glob("*.txt"))]
    rows = [{"id": "kim", "articles": [{"id": "a", "text": texts[0]}, {"id": "b", "text": texts[3]}]},
            {"id": "vide", "articles": [{"id": "c", "text": "Lien source"}]},
            {"id": "kim2", "articles": [{"id": "d", "text": texts[4]}]}]
    src = tmp_path / "clusters.jsonl"
    src.write_text("".join(json.dumps(r, ensure_ascii=False) + "\n" for r in rows), encoding="utf-8")
    out = tmp_path / "out.json"
    done = run_here("brief", str(src), "--model", str(tiny_model_dir), "--format", "json", "-o", str(out))
    assert done.returncode == 0, done.stderr
    assert "vide" in done.stderr and "Traceback" not in done.stderr
    data = json.loads(out.read_text(encoding="utf-8"))
    assert [d["id"] for d in data] == ["kim", "kim2"]
    again = run_here("brief", str(src), "--model", str(tiny_model_dir), "-o", str(out))
    assert again.returncode == 2 and "--force" in again.stderr
    assert json.loads(out.read_text(encoding="utf-8")) == data  # untouched


def test_markdown_has_title_summary_and_sources(tiny_model_dir):
    done = run_here("brief", "seeds/", "--model", str(tiny_model_dir), cwd=ROOT)
    assert done.returncode == 0, done.stderr
    # plain-text input has no title: no heading rather than a sentence cut with "…"
    assert not done.stdout.startswith("#") and "…\n\n## Sources" not in done.stdout
    assert "\n## Sources\n" in done.stdout and "001_641b7a8731cc248e" in done.stdout


def test_titled_input_gets_its_title_as_heading(tmp_path):
    src = tmp_path / "a.json"
    src.write_text(json.dumps({"id": "a", "title": "Un titre « réel »", "text": (ROOT / "seeds" /
                   "000_a0b294953a5b3daa.txt").read_text(encoding="utf-8")}), encoding="utf-8")
    done = run_here("brief", str(src), "--model", "lead-2", "--format", "md", cwd=ROOT)
    assert done.returncode == 0, done.stderr
    assert done.stdout.startswith("# Un titre « réel »\n")


def test_bad_format_and_baseline_models(tmp_path):
    bad = run_here("brief", "seeds/", "--format", "pdf", cwd=ROOT)
    assert bad.returncode == 2 and "--format" in bad.stderr
    lead = run_here("brief", "seeds/", "--model", "lead-2", "--format", "json", cwd=ROOT)
    assert lead.returncode == 0, lead.stderr
    assert json.loads(lead.stdout)["sentences"][0]["article_ids"]


def test_trim_words_cuts_at_sentence_end():
    text = "Kim a vu Poutine. Ils ont parlé des armes pendant des heures au cosmodrome."
    assert trim_words(text, 6) == "Kim a vu Poutine."
    assert trim_words(text, 100) == text
    assert trim_words("un deux trois quatre cinq six", 3) == "un deux trois …"


def test_load_summarizer_baseline():
    assert load_summarizer("lead-1").name


def test_mode_picks_abstract_or_fused_and_is_refused_for_baselines(tiny_model_dir):
    from summarize.errors import UserError
    from summarize.seq2seq.fuse import FusedSummarizer
    from summarize.seq2seq.generate import Seq2SeqSummarizer

    assert isinstance(load_summarizer(str(tiny_model_dir), mode="abstract"), Seq2SeqSummarizer)
    assert isinstance(load_summarizer(str(tiny_model_dir), mode="fused"), FusedSummarizer)
    for spec, mode, why in [("facets", "fused", "seq2seq models"), (str(tiny_model_dir), "x", "abstract or fused")]:
        try:
            load_summarizer(spec, mode=mode)
        except UserError as err:
            assert why in str(err)
        else:
            raise AssertionError(f"{spec} --mode {mode} was accepted")


def test_no_verify_keeps_the_raw_generated_text(tiny_model_dir):
    raw = run_here("brief", "seeds/", "--model", str(tiny_model_dir), "--no-verify", "-f", "json", cwd=ROOT)
    verified = run_here("brief", "seeds/", "--model", str(tiny_model_dir), "-f", "json", cwd=ROOT)
    assert raw.returncode == verified.returncode == 0, raw.stderr + verified.stderr
    raw_s, ver_s = json.loads(raw.stdout)["sentences"], json.loads(verified.stdout)["sentences"]
    assert not any(s.get("replaced") for s in raw_s)
    # the tiny model writes noise: verification replaces it with source sentences
    assert all(s["origin"] != "generated" or not s["unsupported"] for s in ver_s)
    assert any(s.get("replaced") for s in ver_s) or all(s["origin"] != "generated" for s in raw_s)


def test_pack_order_and_runtime_options(tiny_model_dir, seeds_dir):
    articles = load_articles([str(seeds_dir)])
    source = Seq2SeqSummarizer.from_pretrained(str(tiny_model_dir))
    salience = Seq2SeqSummarizer.from_pretrained(str(tiny_model_dir), pack_order="salience")
    a, b = source.pack(articles), salience.pack(articles)
    assert sorted(s.text for s in a.used) == sorted(s.text for s in b.used)  # same sentences …
    assert a.text != b.text  # … laid out differently
    assert source.fingerprint() != salience.fingerprint()
    bad = run_here("brief", "seeds/", "--model", str(tiny_model_dir), "--pack-order", "random",
                  cwd=ROOT)
    assert bad.returncode == 2 and "pack order" in bad.stderr and "Traceback" not in bad.stderr
    bad = run_here("brief", "seeds/", "--model", "fr-brief-small", "--runtime", "fast", cwd=ROOT)
    assert bad.returncode == 2 and "--runtime" in bad.stderr and "Traceback" not in bad.stderr
    ok = run_here("brief", "seeds/", "--model", "fr-brief-small", "--runtime", "onnx", "--pack-order",
                 "salience", "-f", "json", cwd=ROOT)
    assert ok.returncode == 0, ok.stderr
    assert json.loads(ok.stdout)["model"]["runtime"] == "onnx"
