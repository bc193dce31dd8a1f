"""Sentence compression: which constituents may go, what is left, the trained deletion model."""

from __future__ import annotations

import json

import pytest

from summarize.check import check
from summarize.select.compress import Compressor, apply, candidates
from summarize.select.plan import PlannedSummarizer
from summarize.train.compress import train
from summarize.types import Article
from tests.clirunner import run_main


def _spans(sentence: str) -> dict[str, str]:
    return {s.kind: sentence[s.start:s.end] for s in candidates(sentence)}


def _all_gone(sentence: str) -> str:
    spans = candidates(sentence)
    return apply(sentence, spans, spans)


@pytest.mark.parametrize("sentence, expected", [
    ("Emmanuel Macron, ancien banquier, président de la République, a annoncé la fin du confinement.",
     "Emmanuel Macron a annoncé la fin du confinement."),
    ("Olivier Véran, qui répondait à une question, a par ailleurs appelé à porter un masque.",
     "Olivier Véran a par ailleurs appelé à porter un masque."),
    ("Toutefois, le ministre (PS) a refusé de commenter.", "Le ministre a refusé de commenter."),
    ("Mais les sujets de dissension demeurent.", "Les sujets de dissension demeurent."),
    ("Mercredi, Météo France a étendu son alerte aux orages, générant des inquiétudes.",
     "Météo France a étendu son alerte aux orages."),
])
def test_deleting_every_candidate_leaves_grammatical_french(sentence, expected):
    assert _all_gone(sentence) == expected


def test_one_incise_of_a_chain_keeps_the_commas_of_the_other():
    s = "Emmanuel Macron, ancien banquier, président de la République, a annoncé la fin du confinement."
    first = candidates(s)[0]
    assert apply(s, [first], candidates(s)) == (
        "Emmanuel Macron, président de la République, a annoncé la fin du confinement.")


@pytest.mark.parametrize("sentence", [
    # numbers and dates stay: an analyst needs them
    "Le coronavirus a fait 1.100 victimes en France, soit 240 décès supplémentaires en 24 heures.",
    "Lundi 27 mai, Mustapha Merzoughi a été condamné à mort en Irak.",
    "Les foyers se situent en Nouvelle-Aquitaine (8.200) et en Occitanie.",
    "Emmanuel Macron, 42 ans, a annoncé la fin du confinement.",
    # attributions stay
    "Selon la police, les manifestants étaient nombreux dans les rues de Paris.",
    "Les négociations reprendront lundi, a-t-il précisé devant la presse.",
    # quotes are not touched
    "Le ministre a dénoncé « une décision, qui est injuste, et brutale » devant les députés.",
    # a subordinate clause keeps its comma, a cleft keeps its relative, a list keeps its items
    "Quand le Premier ministre a parlé, vendredi, il devait s'attendre à un tir de barrage.",
    "C'est l'ex-militaire, mis en examen pour assassinat, qui avait révélé les lieux.",
    "Le trafic sera perturbé avec un TGV, un Ouigo, un Transilien et un Intercités sur quatre.",
    # an inverted attribution after the incise keeps its comma; an apposition after it too
    ("Les mois d'octobre et de novembre vont être « plus durs » en Europe, où la situation "
     "empire, a affirmé l'OMS."),
    "Il cite Anders Breivik, qui avait abattu des jeunes, des étudiants surtout, en Norvège.",
])
def test_constituents_that_must_stay(sentence):
    assert _all_gone(sentence) == sentence, _spans(sentence)


def test_the_threshold_decides_and_the_model_round_trips(tmp_path):
    s = "Toutefois, le ministre (PS) a refusé de commenter."
    n = len(candidates(s))
    keep_all = Compressor([0.0] * 18, 0.0, threshold=1.01)
    drop_all = Compressor([0.0] * 18, 0.0, threshold=0.5)
    assert n == 2 and keep_all.compress(s) == s
    assert drop_all.compress(s) == "Le ministre a refusé de commenter."
    drop_all.save_pretrained(tmp_path)
    again = Compressor.from_pretrained(tmp_path)
    assert (again.coef, again.intercept, again.threshold) == (drop_all.coef, 0.0, 0.5)


def test_a_damaged_or_foreign_model_file_is_one_clear_error(tmp_path):
    from summarize.errors import UserError

    (tmp_path / "compressor.json").write_text(json.dumps({"features": ["x"], "coef": [1],
                                                          "intercept": 0}))
    with pytest.raises(UserError, match="other features"):
        Compressor.from_pretrained(tmp_path)
    (tmp_path / "compressor.json").write_text("{")
    with pytest.raises(UserError, match="cannot load"):
        Compressor.from_pretrained(tmp_path)


def test_training_learns_which_constituents_the_abstracts_drop():
    article = ("Toutefois, le ministre de la Santé a annoncé la fermeture des écoles. "
               "Le gouvernement, qui se réunissait à Paris, a confirmé la fermeture des écoles. "
               "Les parents sont inquiets.")
    abstract = ("Le ministre de la Santé a annoncé la fermeture des écoles. Le gouvernement "
                "se réunissait à Paris et a confirmé la fermeture des écoles.")
    model = train([(article, abstract)] * 5)
    # "Toutefois" is dropped by the abstract, "qui se réunissait à Paris" is kept
    assert model.meta["rows"] == 5 * 2 and model.meta["delete_share"] == 0.5
    assert len(model.coef) == 18
    opener, incise = candidates(article.split(". ")[0] + "."), candidates(article.split(". ")[1] + ".")
    assert opener[0].kind == "lead_conn" and incise[0].kind == "inner_rel"
    s1, s2 = article.split(". ")[0] + ".", article.split(". ")[1] + "."
    assert model.probabilities(s1, opener, {})[0] > 0.5 > model.probabilities(s2, incise, {})[0]


def test_training_needs_both_labels():
    from summarize.errors import UserError

    with pytest.raises(UserError, match="both"):
        train([("Toutefois, le ministre a parlé longuement.", "Le ministre a parlé.")])


def test_bundled_compressor_shortens_planned_facets_and_check_calls_them_compressed():
    articles = [
        Article("a", "Toutefois, le ministre de la Santé a annoncé mercredi la fermeture des écoles "
                     "de la région. Les parents d'élèves, qui étaient réunis devant la mairie, ont "
                     "protesté contre la fermeture des écoles. La décision sera revue dans un mois."),
        Article("b", "Le ministre de la Santé a décidé la fermeture des écoles de la région. "
                     "Les syndicats d'enseignants ont salué une décision prudente pour les élèves."),
    ]
    from summarize.select.baselines import load

    model = load("compressive", max_words=60)
    assert model.name == "compressive" and model.fingerprint() != PlannedSummarizer(60).fingerprint()
    packed = model.pack(articles)
    checks = check(packed.text, packed.used, articles)
    origins = {c.text: c.origin for c in checks}
    assert set(origins.values()) <= {"extracted", "compressed"}
    for facet in packed.facets:  # every shown sentence is its first source, possibly shortened
        src = facet.sources[0].text
        assert facet.text == src or origins[facet.text] == "compressed"


def test_compress_train_refuses_a_validation_split(monkeypatch, capsys, tmp_path):
    code, _, err = run_main(monkeypatch, capsys, "compress-train", "-o", str(tmp_path),
                            "--split", "abstract-valid")
    assert code == 2 and "training abstract split" in err
