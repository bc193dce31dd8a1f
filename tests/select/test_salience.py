"""The learned sentence scorer of the rank stage: features, targets, training, bundling."""

from __future__ import annotations

import numpy as np
import pytest

from summarize.select.plan import PlannedSummarizer
from summarize.select.rank import rank
from summarize.select.salience import FEATURES, Scorer, bundled
from summarize.text.clean import clean_article
from summarize.train.salience import labelled, train
from summarize.types import Article
from tests.clirunner import run_main

STORY = [
    Article("a", "Le ministre de la Santé a annoncé mercredi la fermeture des écoles de la région. "
                 "Les parents d'élèves ont protesté devant la mairie dans la soirée. "
                 "Il pleuvait sur la ville depuis le matin, a noté un passant.",
            title="Fermeture des écoles de la région"),
    Article("b", "La fermeture des écoles de la région a été décidée par le ministre de la Santé. "
                 "Les syndicats d'enseignants ont salué une décision prudente pour les élèves.",
            title="Les écoles ferment"),
]
REFERENCE = "Le ministre de la Santé ferme les écoles de la région. Les syndicats saluent la décision."


def test_features_describe_each_ranked_sentence():
    rows: dict = {}
    ranked = rank([clean_article(a) for a in STORY], features_out=rows)
    x = rows["x"]
    assert x.shape == (len(rows["sentences"]), len(FEATURES)) and len(ranked) <= len(x)  # near-duplicates merged
    col = {f: x[:, i] for i, f in enumerate(FEATURES)}
    first = [s.position == 0 for s in rows["sentences"]]
    assert col["first"].tolist() == [float(f) for f in first]
    assert (col["multi"] == 1).all() and (col["has_title"] == 1).all()
    # the leads repeat their titles' words, the weather sentence does not
    weather = next(i for i, s in enumerate(rows["sentences"]) if "pleuvait" in s.text)
    assert col["title_own"][0] > 0.5 > col["title_own"][weather] == 0


def test_targets_are_the_share_of_words_and_pairs_found_in_the_reference():
    x, y = labelled(STORY, REFERENCE)
    assert len(x) == len(y) == 5 and ((0 <= y) & (y <= 2)).all()
    rows: dict = {}
    rank([clean_article(a) for a in STORY], features_out=rows)
    order = [s.text for s in rows["sentences"]]
    weather = order.index(next(t for t in order if "pleuvait" in t))
    minister = order.index(next(t for t in order if t.startswith("Le ministre")))
    assert y[minister] > 1.0 > y[weather]


def test_training_fits_a_scorer_that_prefers_the_reference_sentences(tmp_path):
    model = train([(STORY, REFERENCE)] * 3 + [([STORY[0]], REFERENCE)] * 3)
    assert len(model.coef) == len(FEATURES) and model.meta["clusters"] == 6
    path = model.save_pretrained(tmp_path)
    again = Scorer.from_pretrained(path.parent)
    assert again.coef == model.coef and again.mean == model.mean
    rows: dict = {}
    rank([clean_article(a) for a in STORY], features_out=rows)
    scores = again.predict(rows["x"])
    assert scores.min() == 0.0 and scores.max() == 1.0
    best = rows["sentences"][int(np.argmax(scores))].text
    assert "ministre" in best or "syndicats" in best


def test_the_scorer_replaces_the_weighted_salience_in_rank():
    ranked = rank([clean_article(a) for a in STORY], scorer=bundled())
    assert all("learned" in r.components for r in ranked)
    assert ranked[0].components["learned"] == 1.0
    assert "pleuvait" not in ranked[0].text


def test_predict_handles_empty_and_constant_inputs():
    s = Scorer([1.0] * len(FEATURES), 0.0, [0.0] * len(FEATURES), [1.0] * len(FEATURES))
    assert s.predict(np.zeros((0, len(FEATURES)))).shape == (0,)
    assert s.predict(np.ones((3, len(FEATURES)))).tolist() == [1.0, 1.0, 1.0]


def test_a_scorer_for_other_features_is_refused(tmp_path):
    from summarize.errors import UserError

    (tmp_path / "ranker.json").write_text('{"features": ["x"], "coef": [1], "intercept": 0, '
                                          '"mean": [0], "scale": [1]}', encoding="utf-8")
    with pytest.raises(UserError, match="other features"):
        Scorer.from_pretrained(tmp_path)
    with pytest.raises(UserError, match="cannot load"):
        Scorer.from_pretrained(tmp_path / "missing")


def test_bundled_scorer_is_trained_on_the_training_split_and_changes_the_fingerprint():
    model = bundled()
    assert model.meta["split"] == "abstract-train" and model.meta["sentences"] > 10_000
    assert PlannedSummarizer(70, scorer=model).fingerprint() != PlannedSummarizer(70).fingerprint()


def test_rank_train_refuses_a_validation_split(monkeypatch, capsys, tmp_path):
    code, _, err = run_main(monkeypatch, capsys, "rank-train", "-o", str(tmp_path),
                            "--split", "abstract-valid")
    assert code == 2 and "training abstract split" in err
