"""Suites, baselines, the generation cache and ``summarize eval run``."""

from __future__ import annotations

import json
import struct
import subprocess
import sys
import textwrap
from pathlib import Path

import numpy as np
import pytest
from clirunner import run_main

from summarize.errors import UserError
from summarize.evaluate.cache import GenerationCache, default_cache_dir, generate_cached, model_info
from summarize.evaluate.rouge import score
from summarize.evaluate.suite import load_suite, run_suite
from summarize.select.baselines import ExtractiveSummarizer, LeadSummarizer, load
from summarize.select.summarizer import Summarizer
from summarize.types import Article

ROOT = Path(__file__).resolve().parents[2]

_PLACES = ["Rennes", "Brest", "Nîmes", "Caen", "Annecy", "Lens", "Arles", "Évreux", "Sète",
           "Périgueux", "Besançon", "Orléans"]
_OBJECTS = ["la rénovation des écoles", "un nouveau tramway", "l’hôpital public",
            "les pistes cyclables", "la médiathèque", "le port de plaisance", "les logements étudiants",
            "la piscine municipale", "le marché couvert", "la gare routière", "un parc urbain",
            "les crèches"]
_MONTHS = ["janvier", "février", "mars", "avril", "mai", "juin", "juillet", "août", "septembre",
           "octobre", "novembre", "décembre"]


def tiny_items(n: int = 12) -> list[dict]:
    """Articles of four sentences; the reference paraphrases the first two (lead-2 wins)."""
    items = []
    for i in range(n):
        place, obj, month = _PLACES[i % 12], _OBJECTS[i % 12], _MONTHS[i % 12]
        s1 = f"Le maire de {place} a annoncé mardi un plan de {i + 2},5 millions d’euros pour {obj}."
        s2 = (f"Selon l’adjoint aux finances, M. Durand, les travaux commenceront en {month} et "
              f"dureront {i % 3 + 2} ans.")
        s3 = "Les habitants interrogés se disent partagés face à ce projet jugé «\u00a0ambitieux\u00a0»."
        s4 = f"Une réunion publique est prévue jeudi soir à la salle des fêtes de {place}."
        ref = (f"À {place}, le maire a présenté un plan de {i + 2},5 millions d’euros pour {obj}\u202f; "
               f"d’après M. Durand, les travaux débuteront en {month} pour {i % 3 + 2} ans.")
        items.append({"id": f"item-{i:02d}", "article": {"text": f"{s1} {s2} {s3} {s4}",
                                                         "title": f"Un plan pour {place}"},
                      "reference": ref})
    return items


def write_tiny_suite(folder: Path, n: int = 12, batch_size: int = 4, name: str = "tiny",
                     metric: str = "bootstrap = 200") -> Path:
    """A suite of one JSONL dataset in ``folder``; returns the suite path."""
    folder.mkdir(parents=True, exist_ok=True)
    (folder / "tiny.jsonl").write_text(
        "".join(json.dumps(x, ensure_ascii=False) + "\n" for x in tiny_items(n)), encoding="utf-8")
    suite = folder / f"{name}.toml"
    suite.write_text(textwrap.dedent(f"""\
        name = "{name}"
        batch_size = {batch_size}
        [pipeline]
        max_words = 40
        [metric]
        {metric}
        [[datasets]]
        name = "tiny"
        kind = "jsonl"
        path = "tiny.jsonl"
        """), encoding="utf-8")
    return suite


class FirstWords(Summarizer):
    """Test summarizer: the first ``k`` words of the first article; records what it generates."""

    def __init__(self, k: int = 12, fail_after: int | None = None) -> None:
        self.k, self.fail_after, self.calls = k, fail_after, []
        self.name = f"first-{k}-words"

    def fingerprint(self) -> str:
        return f"first-words-{self.k}"

    def summarize(self, clusters: list[list[Article]]) -> list[str]:
        out = []
        for cluster in clusters:
            if self.fail_after is not None and len(self.calls) >= self.fail_after:
                raise RuntimeError("simulated crash")
            self.calls.append(cluster[0].id)
            out.append(" ".join(cluster[0].text.split()[: self.k]))
        return out


run_cli = run_main


@pytest.fixture(autouse=True)
def _cache(tmp_path, monkeypatch):
    monkeypatch.setenv("SUMMARIZE_CACHE", str(tmp_path / "cache"))


# --- baselines ---------------------------------------------------------------------------------


def test_lead_takes_first_sentences_of_the_first_article():
    first = Article("a", "M. Dupont est arrivé à Paris lundi. Il a visité l’Élysée. Puis il est "
                         "reparti vers Lyon mardi matin.")
    second = Article("b", "Un autre article parle d’autre chose. Avec deux phrases ici.")
    one, two = load("lead-1").summarize([[first, second]]), load("lead-2").summarize([[first]])
    assert one == ["M. Dupont est arrivé à Paris lundi."]  # "M." is not a sentence end
    assert two == ["M. Dupont est arrivé à Paris lundi. Il a visité l’Élysée."]


def test_extractive_keeps_the_word_budget_and_source_order():
    from summarize.text.clean import clean_article
    from summarize.text.segment import split_sentences

    cluster = [Article(x["id"], x["article"]["text"]) for x in tiny_items(3)]
    where: dict[str, tuple[int, int]] = {}  # first occurrence (duplicates are merged into it)
    for k, a in enumerate(map(clean_article, cluster)):
        for i, s in enumerate(split_sentences(a.text)):
            where.setdefault(s, (k, i))
    for budget in (15, 30, 60):
        (summary,) = ExtractiveSummarizer(max_words=budget).summarize([cluster])
        chosen = split_sentences(summary)
        assert chosen and len(summary.split()) <= budget
        assert all(s in where for s in chosen)  # whole source sentences, nothing invented
        assert [where[s] for s in chosen] == sorted(where[s] for s in chosen)


def test_baseline_fingerprints_and_settings():
    assert load("lead-1").fingerprint() != load("lead-2").fingerprint()
    assert load("extractive", max_words=40).fingerprint() != load("extractive").fingerprint()
    assert load("extractive", beams=4).fingerprint() == load("extractive").fingerprint()
    assert load("lead-2").fingerprint() == LeadSummarizer(2).fingerprint()
    with pytest.raises(UserError, match="unknown baseline"):
        load("lead-9")
    with pytest.raises(UserError, match="max_words"):
        load("extractive", max_words=0)


# --- suites ------------------------------------------------------------------------------------


def test_run_suite_scores_match_rouge_and_limit(tmp_path):
    suite = write_tiny_suite(tmp_path)
    model = FirstWords()
    result = run_suite(suite, model, cache_dir=tmp_path / "c")
    (ds,) = result.datasets
    items = tiny_items()
    expected = score([" ".join(x["article"]["text"].split()[:12]) for x in items],
                     [[x["reference"]] for x in items], bootstrap=200, ids=[x["id"] for x in items])
    assert ds.n == 12 and ds.rouge.ids == expected.ids
    assert np.allclose(ds.rouge.per_item, expected.per_item)
    assert ds.rouge.signature == expected.signature
    assert ds.n_generated == 12 and ds.docs_per_s is not None and ds.docs_per_s > 0
    assert result.model_info["size_bytes"] is None  # not a baseline, no folder
    small = run_suite(suite, FirstWords(), limit=5, cache_dir=tmp_path / "c")
    assert small.datasets[0].n == 5 and small.datasets[0].n_generated == 0  # from the cache
    assert small.datasets[0].items_hash != ds.items_hash


@pytest.mark.parametrize("body, message", [
    ("", "no \\[\\[datasets\\]\\]"),
    ("[[datasets]]\nname = 'x'\nkind = 'csv'\n", "kind must be one of"),
    ("colour = 1\n[[datasets]]\nname = 'x'\nkind = 'jsonl'\n", "unknown key"),
    ("[metric]\nstemming = true\n[[datasets]]\nname = 'x'\nkind = 'jsonl'\n", "unknown \\[metric\\]"),
    ("[[datasets]]\nname = 'x'\nkind = 'jsonl\n", "invalid TOML"),
])
def test_bad_suites_are_one_line_errors(tmp_path, body, message):
    path = tmp_path / "bad.toml"
    path.write_text(body, encoding="utf-8")
    with pytest.raises(UserError, match=message):
        load_suite(path)


@pytest.mark.parametrize("path", sorted((ROOT / "eval" / "suites").glob("*.toml")), ids=lambda p: p.stem)
def test_the_shipped_suites_load(path):
    suite = load_suite(path)
    assert suite.datasets and suite.name == path.stem


def test_unloadable_dataset_is_skipped_with_a_warning(tmp_path):
    suite = write_tiny_suite(tmp_path)
    suite.write_text(suite.read_text() + textwrap.dedent("""\
        [[datasets]]
        name = "gone"
        kind = "jsonl"
        path = "missing.jsonl"
        """), encoding="utf-8")
    warnings = []
    result = run_suite(suite, FirstWords(), warn=warnings.append)
    assert [d.name for d in result.datasets] == ["tiny"] and "gone" in result.skipped
    assert len(warnings) == 1 and "missing.jsonl" in warnings[0]
    with pytest.raises(UserError, match="missing.jsonl"):
        run_suite(suite, FirstWords(), strict=True)


def test_bad_jsonl_line_names_file_and_line(tmp_path):
    suite = write_tiny_suite(tmp_path)
    with open(tmp_path / "tiny.jsonl", "a", encoding="utf-8") as fh:
        fh.write('{"id": "z", "article": "texte"}\n')
    with pytest.raises(UserError, match=r"tiny.jsonl:13: needs a non-empty 'reference'"):
        run_suite(suite, FirstWords(), strict=True)


# --- cache -------------------------------------------------------------------------------------


def test_crashed_run_resumes_without_regenerating(tmp_path):
    suite = write_tiny_suite(tmp_path, batch_size=4)
    crashing = FirstWords(fail_after=6)  # batches of 4: the first is cached, the second is lost
    with pytest.raises(RuntimeError, match="simulated crash"):
        run_suite(suite, crashing, cache_dir=tmp_path / "c")
    ids = [x["id"] for x in tiny_items()]
    assert crashing.calls == ids[:6]
    again = FirstWords()
    result = run_suite(suite, again, cache_dir=tmp_path / "c")
    assert again.calls == ids[4:]
    assert result.datasets[0].n_cached == 4 and result.datasets[0].n_generated == 8


def test_killed_process_resumes_from_cache(tmp_path):
    """SIGKILL (no clean-up at all) after 5 items: the two flushed batches survive."""
    suite = write_tiny_suite(tmp_path, batch_size=2)
    script = tmp_path / "killed.py"
    script.write_text(textwrap.dedent(f"""\
        import os, signal, sys
        sys.path[:0] = [{str(Path(__file__).parent)!r}, {str(Path(__file__).parents[1])!r}]
        from test_suite import FirstWords
        from summarize.evaluate.suite import run_suite

        class Killed(FirstWords):
            def summarize(self, clusters):
                if len(self.calls) >= 4:
                    os.kill(os.getpid(), signal.SIGKILL)
                return super().summarize(clusters)

        run_suite({str(suite)!r}, Killed(), cache_dir={str(tmp_path / "c")!r})
        """), encoding="utf-8")
    proc = subprocess.run([sys.executable, str(script)], capture_output=True, timeout=120,
                          check=False)
    assert proc.returncode == -9, proc.stderr.decode()[-500:]
    again = FirstWords()
    run_suite(suite, again, cache_dir=tmp_path / "c")
    assert again.calls == [x["id"] for x in tiny_items()][4:]


def test_torn_cache_line_is_skipped_and_not_glued(tmp_path):
    cache = GenerationCache(tmp_path, "fp", {"a": 1})
    from summarize.evaluate.cache import Entry

    cache.put_many([("k1", Entry("résumé « un »", 0.1))])
    with open(cache.path, "a", encoding="utf-8") as fh:
        fh.write('{"input": "k2", "summ')  # a write cut by a kill
    cache.put_many([("k3", Entry("trois", 0.2))])
    reread = GenerationCache(tmp_path, "fp", {"a": 1})
    assert reread.get("k1").summary == "résumé « un »" and reread.get("k3").summary == "trois"
    assert reread.get("k2") is None and len(reread) == 2
    assert GenerationCache(tmp_path, "fp", {"a": 2}).get("k1") is None  # settings are in the key


def test_identical_clusters_are_generated_once(tmp_path):
    a = [Article("x", "Même texte. Deux phrases.")]
    model = FirstWords(k=2)
    gens = generate_cached(model, [a, a, a], settings={}, cache_dir=tmp_path)
    assert gens.summaries == ["Même texte."] * 3 and gens.n_generated == 1 and len(model.calls) == 1


def test_default_cache_dir(monkeypatch, tmp_path):
    monkeypatch.setenv("SUMMARIZE_CACHE", str(tmp_path / "elsewhere"))
    assert default_cache_dir() == tmp_path / "elsewhere"
    monkeypatch.delenv("SUMMARIZE_CACHE")
    monkeypatch.chdir(tmp_path)
    assert default_cache_dir() == tmp_path / ".cache" / "summarize"


# --- model info --------------------------------------------------------------------------------


def _safetensors(path: Path, shapes: dict[str, list[int]]) -> None:
    header, offset = {}, 0
    for name, shape in shapes.items():
        size = 4 * int(np.prod(shape))
        header[name] = {"dtype": "F32", "shape": shape, "data_offsets": [offset, offset + size]}
        offset += size
    raw = json.dumps(header).encode()
    path.write_bytes(struct.pack("<Q", len(raw)) + raw + b"\0" * offset)


def test_model_info_of_baselines_and_folders(tmp_path):
    info = model_info("lead-1", load("lead-1"))
    assert info["size_bytes"] == 0 and info["path"] is None
    folder = tmp_path / "model"
    folder.mkdir()
    (folder / "config.json").write_text('{"model_type": "bart"}')
    _safetensors(folder / "model.safetensors", {"w": [3, 4], "b": [4]})
    (folder / "optimizer.pt").write_bytes(b"x" * 1000)  # training state: not part of the model
    info = model_info(str(folder))
    files = [folder / "config.json", folder / "model.safetensors"]
    assert info["n_params"] == 16 and info["size_bytes"] == sum(f.stat().st_size for f in files)
    (folder / "optimizer.pt").write_bytes(b"y" * 10)
    assert model_info(str(folder))["content_hash"] == info["content_hash"]
    (folder / "config.json").write_text('{"model_type": "bart", "d_model": 8}')
    assert model_info(str(folder))["content_hash"] != info["content_hash"]


# --- CLI ---------------------------------------------------------------------------------------


def test_eval_run_cli_formats_and_errors(tmp_path, monkeypatch, capsys):
    suite = write_tiny_suite(tmp_path)
    code, out, _ = run_cli(monkeypatch, capsys, "eval", "run", str(suite), "--model", "lead-2",
                           "--format", "json")
    assert code == 0
    data = json.loads(out)
    assert data["model"]["spec"] == "lead-2" and data["model"]["size_bytes"] == 0
    assert data["datasets"][0]["n"] == 12 and data["datasets"][0]["rouge"]["signature"]
    code, out, _ = run_cli(monkeypatch, capsys, "eval", "run", str(suite), "--model", "lead-2",
                           "--limit", "3", "--format", "md", "-o", str(tmp_path / "r.md"))
    text = (tmp_path / "r.md").read_text(encoding="utf-8")
    assert code == 0 and "| lead-2 | 3 |" in text and "Signature: `rouge|" in text
    code, _, err = run_cli(monkeypatch, capsys, "eval", "run", str(suite), "--model", "lead-2",
                           "-o", str(tmp_path / "r.md"))
    assert code == 2 and "exists" in err and "Traceback" not in err
    code, _, err = run_cli(monkeypatch, capsys, "eval", "run", str(tmp_path / "nope.toml"),
                           "--model", "lead-1")
    assert code == 2 and err.startswith("error: suite file not found")
    code, _, err = run_cli(monkeypatch, capsys, "eval", "run", str(suite), "--model", "lead-1",
                           "--limit", "0")
    assert code == 2 and "--limit" in err


def test_seeds_suite_with_lead_1(monkeypatch, capsys):
    code, out, _ = run_cli(monkeypatch, capsys, "eval", "run", str(ROOT / "eval/suites/seeds.toml"),
                           "--model", "lead-1", "--format", "json")
    assert code == 0
    data = json.loads(out)
    assert [d["name"] for d in data["datasets"]] == ["seeds-abstract", "seeds-briefing"]
    assert all(d["n"] == 1 for d in data["datasets"])
    assert data["datasets"][1]["n_cached"] == 1  # same cluster: generated once
    assert 0 < data["datasets"][0]["rouge"]["scores"]["rouge1"]["f1"]["mean"] < 1


@pytest.mark.data
def test_orangesum_suite_subset(orangesum_dir, tmp_path, monkeypatch, capsys):
    code, out, _ = run_cli(monkeypatch, capsys, "eval", "run",
                           str(ROOT / "eval/suites/orangesum.toml"), "--model", "lead-1",
                           "--limit", "20", "--data-dir", str(orangesum_dir), "--format", "json")
    assert code == 0
    (ds,) = json.loads(out)["datasets"]
    assert ds["n"] == 20 and ds["n_generated"] == 20
    r1 = ds["rouge"]["scores"]["rouge1"]["f1"]
    assert 0 < r1["low"] <= r1["mean"] <= r1["high"] < 1


def test_set_overrides_the_pipeline_table(tmp_path, monkeypatch, capsys):
    from summarize.errors import UserError
    from summarize.evaluate.suite import parse_overrides

    assert parse_overrides(["num_beams=2", "runtime=torch", "length_penalty=0.5", "x= a b "]) == {
        "num_beams": 2, "runtime": "torch", "length_penalty": 0.5, "x": "a b"}
    with pytest.raises(UserError, match="KEY=VALUE"):
        parse_overrides(["beams"])
    suite = write_tiny_suite(tmp_path)
    code, out, _ = run_cli(monkeypatch, capsys, "eval", "run", str(suite), "--model", "extractive",
                           "--set", "max_words=20", "--format", "json")
    assert code == 0
    data = json.loads(out)
    assert data["pipeline"]["max_words"] == 20
    assert 0 < data["datasets"][0]["mean_words"] <= 20
    code, out, _ = run_cli(monkeypatch, capsys, "eval", "run", str(suite), "--model", "extractive",
                           "--format", "json")
    assert json.loads(out)["datasets"][0]["mean_words"] > data["datasets"][0]["mean_words"]


def test_the_faithfulness_sources_hold_the_articles_as_cleaning_read_them():
    """A word a glued sub-heading hid ("A NiceFace à") is the source's once cleaning splits it;
    a name no article holds stays unsupported."""
    from summarize.evaluate.faithfulness import faithfulness
    from summarize.evaluate.suite import source_texts

    article = Article("n", "Les mesures se durcissent. A NiceFace à une hausse des cas, le maire "
                           "Christian Estrosi a demandé un arrêté.", title="Le masque à Nice")
    sources = source_texts([article])
    said = "Face à une hausse des cas, le maire Christian Estrosi a demandé un arrêté."
    assert faithfulness([said], [sources], bootstrap=0).value("unsupported_facts") == 0
    assert faithfulness(["Face à Donald Trump, le maire a cédé."], [sources],
                        bootstrap=0).value("unsupported_facts") > 0
