"""HTML briefings and `summarize models`: valid HTML5, everything escaped, offline listing."""

from __future__ import annotations

import json
from pathlib import Path

import html5lib
from clirunner import run_here

from summarize.brief import Briefing
from summarize.check import SentenceCheck
from summarize.render_html import to_html
from summarize.text.clean import clean_text
from summarize.types import Article

ROOT = Path(__file__).resolve().parents[1]
EVIL = "<script>alert('x')</script>"
NS = "{http://www.w3.org/1999/xhtml}"


def parse(page: str):
    """Parse strictly: any HTML5 parse error (bad nesting, stray tags, no doctype) raises."""
    return html5lib.HTMLParser(strict=True, namespaceHTMLElements=True).parse(page)


def _briefing(sentences: list[SentenceCheck]) -> Briefing:
    articles = [Article(f"a&1\"{EVIL}", f"Texte {EVIL} du premier article.", title=f"Titre {EVIL}",
                        date="2024-01-02"),
                Article("b2", "Second article <b>gras</b> & co.", date=None)]
    return Briefing(cluster_id="c", title=f"Titre {EVIL}",
                    summary=" ".join(s.text for s in sentences),
                    sentences=sentences, articles=articles,
                    packing={"sentences_used": 2, "tokens_used": 30, "sentences_dropped": 0,
                             "tokens_dropped": 0},
                    model={"name": f"m{EVIL}", "runtime": "onnx"}, seconds=0.1)


def test_brief_html_on_the_seeds_is_valid_and_self_contained(tmp_path):
    out = tmp_path / "brief.html"
    done = run_here("brief", "seeds/", "--format", "html", "-o", str(out))
    assert done.returncode == 0, done.stderr
    page = out.read_text(encoding="utf-8")
    tree = parse(page)
    assert tree.find(f".//{NS}h1") is None  # plain-text sources: no heading, not a cut sentence
    assert tree.find(f".//{NS}title").text == "Synthèse"
    assert tree.find(f".//{NS}script") is None and tree.find(f".//{NS}link") is None
    assert "http://" not in page and "https://" not in page  # nothing fetched from a network
    sentences = tree.findall(f".//{NS}span[@tabindex='0']")
    assert sentences and all(s.find(f"{NS}span[@class='pop']") is not None for s in sentences)
    sources = tree.findall(f".//{NS}section[@class='sources']/{NS}ol/{NS}li")
    assert len(sources) == 5
    text = "".join(tree.itertext())
    assert "004_cf647b5acea9c4dc" in text and "2023-09" in text  # article ids and dates


def test_everything_is_escaped():
    s = SentenceCheck(f"Il a dit {EVIL} & plus.", [f"a&1\"{EVIL}"],
                      [f"Source {EVIL}"], [f"<i>{EVIL}</i>"])
    page = to_html([_briefing([s])])
    tree = parse(page)
    assert tree.find(f".//{NS}script") is None and tree.find(f".//{NS}i") is None
    assert tree.find(f".//{NS}b") is None or all(b.text != "gras" for b in tree.iter(f"{NS}b"))
    text = "".join(tree.itertext())
    assert f"Il a dit {EVIL} & plus." in text and f"Source {EVIL}" in text
    assert text.count(f"Titre {EVIL}") == 3  # <title>, <h1>, sources list
    assert clean_text(f"Texte {EVIL} du premier article.") in text  # sources show cleaned text
    assert "<b>gras</b> & co." in text
    assert EVIL not in page  # only ever as &lt;script&gt;


def test_marks_unsupported_extracted_and_unsourced_sentences():
    plain = SentenceCheck("Tout va bien.", ["b2"], ["Tout va bien."])
    unsupported = SentenceCheck("Il y a 12 morts.", ["b2"], ["Il y a des morts."], ["12"])
    extracted = SentenceCheck("Phrase copiée.", ["b2"], ["Phrase copiée."])
    extracted.origin = "extracted"  # the field the planning stage adds
    replaced = SentenceCheck("Phrase source.", ["b2"], ["Phrase source."],
                             replaced="Phrase inventée avec 99 chiffres.")
    lonely = SentenceCheck("Rien ne la soutient.", [], [])
    tree = parse(to_html([_briefing([plain, unsupported, extracted, replaced, lonely])]))
    spans = tree.findall(f".//{NS}span[@tabindex='0']")
    classes = [s.get("class").split() for s in spans]
    assert classes == [["s"], ["s", "warn"], ["s", "extracted"], ["s", "extracted"],
                       ["s", "nosource"]]
    text = "".join(tree.itertext())
    assert "non vérifié : 12" in text and "Phrase inventée avec 99 chiffres." in text
    assert "sans source" in text


def test_several_briefings_on_one_page_have_unique_anchors():
    one = _briefing([SentenceCheck("A.", ["b2"], ["A."])])
    page = to_html([one, one])
    tree = parse(page)
    ids = [e.get("id") for e in tree.iter() if e.get("id")]
    assert len(ids) == len(set(ids)) and len(tree.findall(f".//{NS}article")) == 2
    assert one.to_html() == to_html([one])


def test_models_lists_aliases_bundled_and_baselines_offline(tmp_path):
    cache = tmp_path / "hf"
    snap = cache / "models--moussaKam--barthez-orangesum-abstract" / "snapshots" / "abc"
    snap.mkdir(parents=True)
    (snap / "config.json").write_text("{}")
    done = run_here("models", "--format", "json", HF_HUB_CACHE=str(cache))
    assert done.returncode == 0, done.stderr
    models = {m["name"]: m for m in json.loads(done.stdout)}
    small = models["fr-brief-small"]
    assert models["facets"]["default"] and not small["default"]
    assert small["kind"] == "bundled" and small["offline"]
    assert small["runtimes"] == ["onnx", "torch"] and small["size_bytes"] > 1_000_000
    assert small["max_input_tokens"] == 256 and small["mode"] == "prefix <abstract>"
    assert models["barthez"]["offline"] and models["barthez"]["kind"] == "hub"  # in the cache
    assert not models["mt5-xlsum"]["offline"] and models["mt5-xlsum"]["size_bytes"] is None
    assert models["mt0"]["mode"] == "prompt briefing"
    assert models["lead-2"]["kind"] == "baseline" and models["extractive"]["offline"]
    table = run_here("models", HF_HUB_CACHE=str(cache))
    assert table.returncode == 0 and "facets (default)" in table.stdout
    bad = run_here("models", "--format", "xml")
    assert bad.returncode == 2 and bad.stderr.startswith("error:") and "Traceback" not in bad.stderr


def test_brief_rejects_an_unknown_format():
    done = run_here("brief", "seeds/", "--format", "pdf")
    assert done.returncode == 2 and "html" in done.stderr and "Traceback" not in done.stderr
