"""Salience ranking: components, near-duplicate merging, MMR, robustness, seeds acceptance, CLI."""

from __future__ import annotations

import itertools
import json
import re

import pytest
from clirunner import run_here

from summarize.select.rank import is_sentence_like, rank, ranked_to_dicts, tfidf
from summarize.text.tokenize import content_words as tokenize
from summarize.text.tokenize import stopwords
from summarize.types import Article

A1 = (
    "Le président a annoncé mardi une réforme des retraites très contestée. "
    "Les syndicats ont appelé à une grève générale le 5 décembre. "
    "La météo sera clémente sur la Bretagne ce week-end. "
    "Le gouvernement espère convaincre les députés avant la fin de l’année."
)
A2 = (
    "Les syndicats ont appelé à une grève générale le 5 décembre. "
    "Le président a présenté mardi une réforme des retraites très contestée. "
    "Un concert gratuit aura lieu samedi sur la place du marché."
)
A3 = (
    "Une grève générale est prévue le 5 décembre à l’appel des syndicats. "
    "Les cheminots rejoindront le mouvement dès le premier jour."
)


def _words(text: str) -> set[str]:
    return set(re.findall(r"\w+", text.lower()))


def _jaccard(a: str, b: str) -> float:
    x, y = _words(a), _words(b)
    return len(x & y) / len(x | y)


# --- tokenisation and fragment filter -----------------------------------------------------


def test_tokenize_keeps_accents_and_drops_french_stop_words():
    toks = tokenize("L’armée a été DÉPLOYÉE à Vostotchny, où elle est restée même après l'été.")
    assert "été" in stopwords() and "à" in stopwords()
    assert not {"l", "a", "été", "à", "où", "elle", "est", "même", "après"} & set(toks)
    assert any(t.startswith("armé") for t in toks)  # accent kept, not "arme"
    assert any(t.startswith("déplo") for t in toks)  # upper case folded, accent kept
    assert "vostotchny" in toks


def test_tfidf_matches_scikit_learn():
    from sklearn.feature_extraction.text import TfidfVectorizer

    docs = [A1, A2, A3, "", "Le le la.", "Grève, grève et grève générale !"]
    ours = tfidf([tokenize(d) for d in docs]).toarray()
    vec = TfidfVectorizer(analyzer=tokenize, sublinear_tf=True)
    theirs = vec.fit_transform(docs).toarray()
    order = [vec.vocabulary_[t] for t in dict.fromkeys(t for d in docs for t in tokenize(d))]
    assert ours == pytest.approx(theirs[:, order])
    assert tfidf([[], []]).shape == (2, 0)


@pytest.mark.parametrize(
    "text",
    [
        "Le dirigeant nord-coréen est arrivé mercredi matin au cosmodrome de Vostochny.",
        "« Nous soutiendrons toujours les décisions du président Poutine. »",
        "Kim a déclaré à Poutine qu’il était sûr que l’armée russe triompherait du « mal ».",
    ],
)
def test_sentence_like_accepts_real_sentences(text):
    assert is_sentence_like(text)


@pytest.mark.parametrize(
    "text",
    [
        "Plus: Tendance",
        "En vain.",
        "CLIQUEZ ICI POUR OBTENIR L’APPLICATION FOX NEWS.",
        "Kim Jong-un descend de son train blindé à son arrivée en Russie Crédit : AP",
        "Décollement de la rétine.",
        "Photo : AFP via Getty Images.",
        "window.fbApi = (function () { var fbApiInit = false; var waitingReady = []; });",
        "",
    ],
)
def test_sentence_like_rejects_fragments_promos_captions_and_code(text):
    assert not is_sentence_like(text)


# --- ranking ----------------------------------------------------------------------------


def test_components_and_score_are_explainable():
    articles = [Article("a1", A1), Article("a2", A2), Article("a3", A3)]
    ranked = rank(articles, redundancy=0.7)
    assert ranked
    for r in ranked:
        c = r.components
        assert set(c) == {"centrality", "position", "support", "salience", "redundancy_penalty"}
        assert all(0.0 <= v <= 1.0 for v in c.values())
        expected = 0.4 * c["centrality"] + 0.35 * c["position"] + 0.25 * c["support"]
        assert c["salience"] == pytest.approx(expected, abs=2e-4)
        assert r.score == pytest.approx(0.7 * c["salience"] - 0.3 * c["redundancy_penalty"], abs=2e-4)
    assert ranked[0].components["redundancy_penalty"] == 0.0


def test_exact_and_edited_duplicates_are_merged_with_all_sources():
    articles = [Article("a1", A1), Article("a2", A2), Article("a3", A3)]
    ranked = rank(articles)
    texts = [r.text for r in ranked]
    strike = [r for r in ranked if "grève générale le 5 décembre" in r.text]
    assert len(strike) == 1  # word-for-word in a1 and a2: one entry
    assert {"a1", "a2"} <= set(strike[0].article_ids)
    assert strike[0].article_ids[0] == strike[0].article_id  # representative's article first
    reform = [t for t in texts if "réforme des retraites" in t]
    assert len(reform) == 1  # "a annoncé" / "a présenté": a small edit, still one entry
    # every source sentence is accounted for exactly once
    assert len(texts) == len(set(texts))


def test_cross_document_support_counts_other_articles():
    articles = [Article("a1", A1), Article("a2", A2), Article("a3", A3)]
    by_text = {r.text: r for r in rank(articles)}
    strike = next(r for t, r in by_text.items() if "grève générale le 5 décembre" in t)
    weather = next(r for t, r in by_text.items() if "météo" in t)
    assert strike.components["support"] == 1.0  # a2 (same words) and a3 (paraphrase)
    assert weather.components["support"] == 0.0
    assert strike.components["salience"] > weather.components["salience"]


def test_single_article_position_and_renormalised_weights():
    text = (
        "Le maire de Lyon a inauguré lundi un nouveau pont sur le Rhône. "
        "Les travaux du pont ont duré trois ans et coûté 40 millions d’euros. "
        "Les riverains ont salué la fin du chantier du pont. "
        "Une fête sera organisée samedi sur les quais."
    )
    ranked = rank([Article("x", text)])
    assert len(ranked) == 4
    by_pos = sorted(ranked, key=lambda r: r.position)
    assert [r.position for r in by_pos] == [0, 1, 2, 3]
    pos = [r.components["position"] for r in by_pos]
    assert pos[0] == 1.0 and pos == sorted(pos, reverse=True) and pos[3] < pos[0]
    for r in ranked:
        c = r.components
        assert c["support"] == 0.0  # undefined with one article: weight shared out
        assert c["salience"] == pytest.approx((0.4 * c["centrality"] + 0.35 * c["position"]) / 0.75, abs=2e-4)


def test_mmr_trades_salience_for_diversity():
    base = "Le ministre de l’Économie a annoncé un plan de relance de cent milliards d’euros"
    articles = [
        Article("a", f"{base} pour l’industrie. La ville a fêté la victoire de son équipe."),
        Article("b", f"{base} pour les entreprises. Un incendie a détruit un entrepôt à Lille."),
        Article("c", f"{base} pour le pays. Les pompiers sont intervenus toute la nuit à Lille."),
    ]
    # dedup_threshold=0.99 keeps the three near-repeats apart: only MMR can separate them
    greedy = rank(articles, top=2, redundancy=1.0, dedup_threshold=0.99)
    diverse = rank(articles, top=2, redundancy=0.3, dedup_threshold=0.99)
    assert all("plan de relance" in r.text for r in greedy)  # pure salience: near-repeats
    assert "plan de relance" in diverse[0].text
    assert "plan de relance" not in diverse[1].text
    assert diverse[1].components["redundancy_penalty"] < greedy[1].components["redundancy_penalty"]
    scores = [r.score for r in rank(articles, redundancy=1.0, dedup_threshold=0.99)]
    assert scores == sorted(scores, reverse=True)


def test_top_limits_and_none_returns_every_distinct_sentence():
    articles = [Article("a1", A1), Article("a2", A2), Article("a3", A3)]
    everything = rank(articles)
    assert len(rank(articles, top=3)) == 3
    assert [r.text for r in rank(articles, top=3)] == [r.text for r in everything[:3]]
    assert rank(articles, top=0) == []
    assert len(rank(articles, top=1000)) == len(everything)
    # 9 sentences, 2 merged duplicates (strike, reform), 1 paraphrase kept apart at most
    assert 6 <= len(everything) <= 8


@pytest.mark.parametrize(
    "articles",
    [
        [],
        [Article("e", "")],
        [Article("e", "   \n\n  ")],
        [Article("p", "!!! ... «» ??")],
        [Article("one", "Une seule phrase suffit ici.")],
        [Article("a", "Un fait identique est rapporté."), Article("b", "Un fait identique est rapporté.")],
        [Article("frag", "Crédit : AP\nPhoto : Reuters\nPlus: Tendance")],
        [Article("code", "var x = {a: 1}; if (x) { y = 2; } <div></div>")],
        [Article("le", "Le la les. De du des. Un une.")],
    ],
)
def test_weird_input_never_crashes(articles):
    ranked = rank(articles)
    assert isinstance(ranked, list)
    for r in ranked:
        assert r.text and r.article_ids and r.article_ids[0] == r.article_id
    if articles and articles[0].id == "a":
        assert len(ranked) == 1 and ranked[0].article_ids == ["a", "b"]
    if articles and articles[0].id in ("one", "frag"):
        assert len(ranked) >= 1  # fragments are a fallback when nothing else is left


def test_bad_arguments_raise():
    with pytest.raises(ValueError):
        rank([Article("a", A1)], redundancy=1.5)
    with pytest.raises(ValueError):
        rank([Article("a", A1)], top=-1)
    with pytest.raises(ValueError):
        rank([Article("a", A1)], weights={"centrality": 0, "position": 0, "support": 0})
    with pytest.raises(ValueError):
        rank([Article("a", A1)], weights={"length": 1.0})


def test_ranked_to_dicts_is_json_ready():
    records = ranked_to_dicts(rank([Article("a1", A1), Article("a2", A2)], top=2))
    data = json.loads(json.dumps(records, ensure_ascii=False))
    assert set(data[0]) == {"text", "score", "components", "article_id", "article_ids", "position", "date"}


# --- seeds acceptance -------------------------------------------------------------------

TOPICS = {
    "summit at Vostochny": re.compile(r"vostoc?hny|vostotchny", re.IGNORECASE),
    "support for the sacred struggle": re.compile(r"sacré", re.IGNORECASE),
    "arms deal": re.compile(r"\b(?:armes?|armements?|obus|munitions)\b", re.IGNORECASE),
}


def _seed_articles(seeds_dir):
    from summarize.text.clean import clean_article
    from summarize.text.ingest import load_articles

    return [clean_article(a) for a in load_articles([str(seeds_dir)])]


def _check_seed_top8(texts: list[str]) -> None:
    assert len(texts) == 8
    for a, b in itertools.combinations(texts, 2):
        assert _jaccard(a, b) < 0.4, (a, b)
    for topic, pattern in TOPICS.items():
        assert any(pattern.search(t) for t in texts), topic


def test_seeds_top8_covers_the_story_without_redundancy(seeds_dir):
    ranked = rank(_seed_articles(seeds_dir), top=8)
    _check_seed_top8([r.text for r in ranked])
    assert len({r.article_id for r in ranked}) >= 3  # several sources contribute


def test_seeds_repeated_sentences_are_merged(seeds_dir):
    ranked = rank(_seed_articles(seeds_dir))
    arrival = [r for r in ranked if "est arrivé mercredi matin au cosmodrome" in r.text]
    assert len(arrival) == 1  # word for word in 000 and 001
    assert sorted(arrival[0].article_ids) == ["000_a0b294953a5b3daa", "001_641b7a8731cc248e"]
    white_house = [r for r in ranked if "La Maison Blanche a" in r.text]
    assert len(white_house) == 1  # "a averti" / "a prévenu"
    assert len(white_house[0].article_ids) == 2


# --- OrangeSum ---------------------------------------------------------------------------


@pytest.mark.data
def test_orangesum_single_articles(orangesum_dir):
    from summarize.text.clean import clean_article
    from summarize.text.datasets import load_orangesum

    for ex in load_orangesum(orangesum_dir, split="abstract-valid", limit=60):
        article = clean_article(ex.article)
        ranked = rank([article])
        assert ranked, ex.id
        assert len({r.text for r in ranked}) == len(ranked)
        for r in ranked:
            assert r.text in article.text or " ".join(r.text.split()) in " ".join(article.text.split())
            assert r.article_ids == [ex.id]


# --- CLI (through the real entry point) ---------------------------------------------------


_cli = run_here


def test_cli_rank_seeds_json(seeds_dir):
    proc = _cli("rank", str(seeds_dir), "--top", "8", "--format", "json")
    assert proc.returncode == 0, proc.stderr
    data = json.loads(proc.stdout)
    assert len(data) == 8
    for item in data:
        assert set(item) == {"text", "score", "components", "article_id", "article_ids", "position", "date"}
        assert {"centrality", "position", "support", "redundancy_penalty"} <= set(item["components"])
    _check_seed_top8([item["text"] for item in data])


def test_cli_rank_table(seeds_dir):
    proc = _cli("rank", str(seeds_dir), "--top", "3")
    assert proc.returncode == 0, proc.stderr
    assert "score" in proc.stdout and "001_641b7a8731cc248e" in proc.stdout


def test_cli_rank_missing_path_is_one_line_error(tmp_path):
    proc = _cli("rank", str(tmp_path / "nope.txt"))
    assert proc.returncode == 2
    assert proc.stderr.startswith("error: ")
    assert len(proc.stderr.strip().splitlines()) == 1
    assert "Traceback" not in proc.stderr


def test_cli_rank_bad_file_warns_unless_strict(tmp_path, seeds_dir):
    good = tmp_path / "good.txt"
    good.write_text((seeds_dir / "003_fb521709f6e19025.txt").read_text(encoding="utf-8"), encoding="utf-8")
    bad = tmp_path / "bad.txt"
    bad.write_bytes(b"\x00\x01\x02 binary")
    proc = _cli("rank", str(good), str(bad), "--top", "2", "--format", "json")
    assert proc.returncode == 0, proc.stderr
    assert "bad.txt" in proc.stderr and "Traceback" not in proc.stderr
    assert len(json.loads(proc.stdout)) == 2
    strict = _cli("rank", str(good), str(bad), "--strict")
    assert strict.returncode == 2 and "bad.txt" in strict.stderr and "Traceback" not in strict.stderr


def test_cli_rank_bad_option_values():
    assert _cli("rank", "seeds", "--format", "xml").returncode == 2
    assert _cli("rank", "seeds", "--top", "0").returncode == 2


def test_each_ranked_sentence_carries_the_day_it_reports():
    monday = Article("m", "Le ministre a annoncé jeudi une réforme des retraites. Il sera reçu lundi "
                          "par les syndicats à Matignon.", date="2020-08-11")
    days = {r.text[:12]: r.date for r in rank([monday])}
    assert days == {"Le ministre ": "2020-08-06", "Il sera reçu": "2020-08-17"}
    assert all(r.date is None for r in rank([Article("u", monday.text)]))
