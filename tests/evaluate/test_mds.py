"""Multi-document evaluation: the OrangeSum-MDS builder, anchors and faithfulness metrics."""

from __future__ import annotations

import json
import subprocess
import sys
from pathlib import Path
from types import SimpleNamespace

import numpy as np
import pytest

from summarize.errors import UserError
from summarize.evaluate.faithfulness import faithfulness, rise_p
from summarize.evaluate.mds import build_clusters, load_mds
from summarize.select.baselines import BASELINES, load
from summarize.types import Article

ROOT = Path(__file__).resolve().parents[2]

_STORIES = {
    "seisme": ("Séisme en Turquie", ("Un séisme de magnitude 7,8 a frappé le sud de la Turquie lundi "
               "à l'aube. Les secouristes turcs fouillent les décombres des immeubles effondrés à "
               "Gaziantep. Le bilan du tremblement de terre dépasse les mille morts selon les "
               "autorités turques.")),
    "budget": ("Le budget voté à l'Assemblée", ("Les députés ont adopté mardi le projet de loi de "
               "finances pour l'an prochain. Le ministre de l'Économie a défendu la baisse des "
               "impôts de production. L'opposition dénonce un budget injuste pour les ménages.")),
    "football": ("Le PSG champion", ("Le Paris Saint-Germain a remporté samedi le championnat de "
                 "France de football. Les supporters parisiens ont fêté le titre au Parc des "
                 "Princes. L'entraîneur a salué le travail de ses joueurs.")),
}


def _example(i: int, story: str, day: str, variant: str = "") -> SimpleNamespace:
    title, text = _STORIES[story]
    article = Article(id=str(i), text=f"{variant} {text}".strip(), title=title, date=day)
    return SimpleNamespace(id=str(i), article=article,
                           abstract=f"Résumé {i} : {text.split('.')[0]}.", title=title)


def test_builder_groups_same_story_and_keeps_others_apart():
    examples = [
        _example(1, "seisme", "2023-02-06"),
        _example(2, "seisme", "2023-02-07", "Nouveau bilan mardi."),
        _example(3, "budget", "2023-02-07"),
        _example(4, "football", "2023-02-06"),
        _example(5, "seisme", "2023-03-30", "Un mois après."),  # same story, too far in time
        _example(6, "budget", "2023-02-08", "Vote solennel."),
    ]
    clusters = build_clusters(examples, threshold=0.3, max_days=3)
    groups = sorted(sorted(a.id for a in c.articles) for c in clusters)
    assert groups == [["1", "2"], ["3", "6"]]
    first = next(c for c in clusters if c.articles[0].id == "1")
    assert [a.date for a in first.articles] == sorted(a.date for a in first.articles)
    assert first.reference.startswith("Résumé 1")


def test_builder_drops_duplicate_abstracts_and_caps_size():
    examples = [_example(i, "seisme", "2023-02-06", f"Dépêche {i}.") for i in range(7)]
    for e in examples:
        e.abstract = "Un séisme a frappé la Turquie."
    clusters = build_clusters(examples, threshold=0.3, max_days=3, max_size=5)
    assert all(2 <= len(c.articles) <= 5 for c in clusters)
    assert len({a.id for c in clusters for a in c.articles}) == sum(len(c.articles) for c in clusters)
    assert all(len(c.abstracts) == 1 for c in clusters)


def test_training_split_is_refused(tmp_path):
    with pytest.raises(UserError, match="training split"):
        load_mds(tmp_path, split="abstract-train")


# --- anchors -------------------------------------------------------------------------------

_CLUSTER = [
    Article("b", "Deuxième article, phrase une du lot. Sa phrase deux est plus longue que "
                 "la première. Phrase trois du deuxième article.", date="2023-09-14"),
    Article("a", "Premier article publié, phrase une. Phrase deux du premier article ici. "
                 "Troisième phrase du premier article.", date="2023-09-13"),
]


@pytest.mark.parametrize("name", ["lead-first", "round-robin"])
def test_truncating_anchors_fill_the_budget_exactly(name):
    for budget in (3, 7, 12):
        (summary,) = load(name, max_words=budget).summarize([_CLUSTER])
        assert len(summary.split()) == budget
    (everything,) = load(name, max_words=500).summarize([_CLUSTER])
    assert len(everything.split()) < 500  # fewer words only when the sources run out


def test_lead_first_and_round_robin_follow_dates():
    (lead,) = load("lead-first", max_words=12).summarize([_CLUSTER])
    assert lead.startswith("Premier article publié")
    (rr,) = load("round-robin", max_words=40).summarize([_CLUSTER])
    assert rr.index("Premier article") < rr.index("Deuxième article") < rr.index("Phrase deux du")


@pytest.mark.parametrize("name", ["extractive", "lexrank"])
def test_sentence_anchors_stay_within_budget_with_whole_sentences(name):
    pytest.importorskip("sumy") if name == "lexrank" else None
    for budget in (8, 15, 40):
        (summary,) = load(name, max_words=budget).summarize([_CLUSTER])
        assert 0 < len(summary.split()) <= budget
        assert all(s.strip(" .") in " ".join(a.text for a in _CLUSTER)
                   for s in summary.split(". "))


def test_registry_names_every_anchor():
    assert {"lead-1", "lead-2", "lead-first", "round-robin", "extractive", "lexrank"} <= set(BASELINES)
    with pytest.raises(UserError, match="lead-first"):
        load("nope")


# --- faithfulness ----------------------------------------------------------------------------

_SOURCE = [("Le dirigeant nord-coréen Kim Jong Un a rencontré mercredi Vladimir Poutine au "
            "cosmodrome de Vostotchny, à l’Élysée de l’Est, avec 3 000 soldats.")]


@pytest.mark.parametrize("prediction", [
    "Kim Jong-un a rencontré Vladimir Poutine.",       # hyphen
    "KIM JONG UN a rencontré vladimir poutine.",       # case
    "Kim a parlé à l'Elysee de l'Est.",                 # accents, straight apostrophe
    "Poutine a reçu Kim avec 3000 soldats.",            # thousands separator
])
def test_spelling_variants_of_source_names_are_supported(prediction):
    result = faithfulness([prediction], [_SOURCE], bootstrap=0)
    assert result.counts["facts"].sum() >= 1
    assert result.value("unsupported_facts") == 0.0


def test_invented_names_numbers_and_words_count():
    result = faithfulness(["Kim Kim Jongong a rencontré Donald Trump en 2017."], [_SOURCE],
                          bootstrap=0)
    assert set(result.examples["unsupported"]) == {"Kim Kim Jongong", "Donald Trump", "2017"}
    assert result.value("with_unsupported") == 1.0
    assert result.examples["invented"] == ["jongong"]  # "donald", "trump" are French-lexicon words
    assert result.value("invented_words") == pytest.approx(1 / 8)


def test_novel_trigrams_zero_for_extracts_and_high_for_rewrites():
    extract = faithfulness([_SOURCE[0]], [_SOURCE], bootstrap=0)
    assert extract.value("novel_3grams") == 0.0
    rewrite = faithfulness(["Poutine a accueilli son allié près d'une base."], [_SOURCE], bootstrap=0)
    assert rewrite.value("novel_3grams") == 1.0
    assert rewrite.mean_words == 8


def test_intervals_and_rise_test():
    preds_good = ["Kim Jong Un a rencontré Vladimir Poutine."] * 30
    preds_bad = ["Kim Jong Un a rencontré Donald Trump à Paris."] * 30
    good = faithfulness(preds_good, [_SOURCE] * 30)
    bad = faithfulness(preds_bad, [_SOURCE] * 30)
    low, high = bad.intervals["unsupported_facts"]
    assert low <= bad.value("unsupported_facts") <= high
    assert rise_p(good, bad) < 0.05
    assert rise_p(bad, good) > 0.5


def test_nightly_flags_a_rise_of_unsupported_facts():
    from summarize.evaluate.history import Record
    from summarize.evaluate.nightly import check_faith

    def record(preds):
        faith = faithfulness(preds, [_SOURCE] * len(preds)).to_dict(per_item=True)
        return Record("run", "t", "s", "d", "sig", "h", len(preds), None, "m", None, None, None,
                      {}, [str(i) for i in range(len(preds))], ["rouge1"],
                      np.zeros((len(preds), 1)), faith=faith)

    before = record(["Kim Jong Un a rencontré Vladimir Poutine."] * 20)
    after = record(["Kim Jong Un a vu Donald Trump."] * 10 + ["Kim a vu Poutine."] * 10)
    (verdict,) = check_faith(after, before)
    assert verdict.regression and verdict.current > verdict.previous
    assert "unsupported facts" in verdict.message()
    assert not check_faith(before, before)[0].regression


# --- wiring ------------------------------------------------------------------------------------


def test_suite_results_and_comparison_carry_the_metrics(tmp_path):
    from summarize.evaluate.compare import compare_results, render
    from summarize.evaluate.suite import run_suite

    items = [{"id": f"c{i}", "articles": [a.text for a in _CLUSTER],
              "reference": "Premier article et deuxième article."} for i in range(3)]
    (tmp_path / "items.jsonl").write_text("".join(json.dumps(i) + "\n" for i in items))
    (tmp_path / "s.toml").write_text('[pipeline]\nmax_words = 12\n[metric]\nbootstrap = 50\n'
                                     '[[datasets]]\nname = "t"\nkind = "jsonl"\npath = "items.jsonl"\n')
    results = [run_suite(tmp_path / "s.toml", m, cache_dir=tmp_path / "cache")
               for m in ("lead-first", "round-robin")]
    faith = results[0].datasets[0].faith
    assert faith.n == 3 and faith.value("unsupported_facts") == 0.0
    assert results[0].to_dict()["datasets"][0]["faithfulness"]["novel_3grams"] == 0.0
    table = render(compare_results(results), "md")
    assert "unsup. facts" in table and "invented" in table and "novel 3g" in table
    assert "faith|facts:" in table


def test_eval_cli_reports_faithfulness_with_sources(tmp_path):
    (tmp_path / "p.txt").write_text("Kim Kim Jongong a vu Donald Trump.\nLe chat dort.\n")
    (tmp_path / "r.txt").write_text("Kim Jong Un a vu Poutine.\nLe chat dort.\n")
    (tmp_path / "s.jsonl").write_text(
        json.dumps({"id": "1", "articles": ["Kim Jong Un a vu Poutine."]}) + "\n"
        + json.dumps({"id": "2", "articles": [{"text": "Le chat dort sur le lit."}]}) + "\n")
    done = subprocess.run([sys.executable, "-m", "summarize.cli", "eval", "-p", "p.txt", "-r",
                           "r.txt", "--sources", "s.jsonl", "-f", "json"], cwd=tmp_path,
                          capture_output=True, text=True, timeout=120)
    assert done.returncode == 0, done.stderr
    faith = json.loads(done.stdout)["faithfulness"]
    assert faith["with_unsupported"] == 0.5 and "Donald Trump" in faith["examples"]["unsupported"]


@pytest.mark.data
def test_orangesum_mds_is_built_from_validation(orangesum_dir, tmp_path):
    clusters = load_mds(orangesum_dir, cache_dir=tmp_path)
    assert 40 <= len(clusters) <= 80
    valid = set((orangesum_dir / "abstract-valid.ids").read_text().split())
    ids = [a.id for c in clusters for a in c.articles]
    assert set(ids) <= valid and len(ids) == len(set(ids))
    assert all(2 <= len(c.articles) <= 5 and c.reference for c in clusters)
    assert load_mds(orangesum_dir, cache_dir=tmp_path)[0].id == clusters[0].id  # cached
