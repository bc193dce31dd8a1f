"""Stories over several days: dates written out, later figures win, the latest news first."""

from __future__ import annotations

import json
from datetime import date

from clirunner import run_here

from summarize.select.chrono import DEICTIC, anaphoric, news_order, undated_relative, write_dates
from summarize.select.plan import plan
from summarize.types import Article, Sentence

TUESDAY, FRIDAY = date(2020, 8, 4), date(2020, 8, 7)

MONDAY_TEXT = ("Un incendie a ravagé lundi un entrepôt de la zone industrielle de Rouen. "
               "Les pompiers ont mobilisé lundi soir plus de cent hommes pour éteindre le feu. "
               "La préfecture a demandé aux habitants de rester chez eux.")
THURSDAY_TEXT = ("Le parquet a ouvert jeudi une enquête pour mise en danger d'autrui contre "
                 "la société propriétaire du site. Les analyses de l'air ne montrent aucune pollution "
                 "dangereuse, selon la préfecture.")


def test_write_dates_spells_out_relative_days_of_an_earlier_article():
    text, edits = write_dates("Hier soir, le ministre a parlé jeudi devant les députés.", TUESDAY, FRIDAY)
    assert text == "Lundi 3 août au soir, le ministre a parlé jeudi 30 juillet devant les députés."
    assert edits == [
        {"type": "date", "from": "Hier soir", "to": "Lundi 3 août au soir", "date": "2020-08-03"},
        {"type": "date", "from": "jeudi", "to": "jeudi 30 juillet", "date": "2020-07-30"}]
    assert undated_relative(text, TUESDAY, FRIDAY) == []
    assert undated_relative("Il a parlé jeudi.", TUESDAY, FRIDAY) == ["jeudi"]
    # the latest day's sentences, explicit dates and undated articles are left alone
    assert write_dates("Il a parlé jeudi.", FRIDAY, FRIDAY) == ("Il a parlé jeudi.", [])
    assert write_dates("Il a parlé le 3 août.", TUESDAY, FRIDAY) == ("Il a parlé le 3 août.", [])
    assert write_dates("Il a parlé jeudi.", None, FRIDAY) == ("Il a parlé jeudi.", [])
    assert write_dates("Il viendra ce week-end.", TUESDAY, FRIDAY)[0] == \
        "Il viendra le week-end des 8 et 9 août."


def test_a_story_over_several_days_is_dated_and_told_latest_first():
    monday = Article("lun", MONDAY_TEXT, date="2020-08-04")
    thursday = Article("jeu", THURSDAY_TEXT, date="2020-08-07")
    facets = plan([monday, thursday], 120)
    texts = [f.text for f in facets]
    assert [f.sources[0].article_id for f in facets[:2]] == ["jeu", "jeu"]  # the latest news first
    assert texts[2].startswith("Un incendie a ravagé lundi 3 août")  # then the story in date order
    # an earlier day's sentence that names no day says when it was reported
    assert "La préfecture a demandé aux habitants de rester chez eux (article du 4 août)." in texts
    assert "Un incendie a ravagé lundi 3 août un entrepôt" in " ".join(texts)
    edited = next(f for f in facets if f.edits)
    assert edited.edits[0]["from"] == "lundi" and edited.to_dict()["edits"] == edited.edits
    days = [f for f in facets if f.sources[0].article_id == "lun"]
    assert [f.sources[0].position for f in days] == sorted(f.sources[0].position for f in days)
    # one day: the sources' order and words as they were
    same = plan([monday, Article("jeu", THURSDAY_TEXT, date="2020-08-04")], 120)
    assert not any(f.edits for f in same) and same[0].text.startswith("Un incendie")


def test_a_time_relative_to_the_writing_day_is_said_only_by_the_latest_days_articles():
    """"dans la nuit de mardi à mercredi" names its night ("dans la nuit" alone does not);
    "cette semaine" is the article's week: the latest day's articles say it, as they say
    "mardi", an earlier day's do not (MDS validation: Strasbourg, Brexit)."""
    assert not anaphoric("Il avait été fixé dans la nuit de mardi à mercredi, après la fusillade.")
    assert not anaphoric("Il est arrivé dans la soirée du 12 décembre.")
    assert anaphoric("Il est arrivé dans la soirée, pour rendre hommage aux victimes.")
    assert anaphoric("La veille, il avait parlé.") and not DEICTIC.search("La veille, il avait parlé.")
    assert anaphoric("A l’époque, celui qui était alors porte-parole avait déclaré…")  # "A" for "À"
    assert not anaphoric("La grève entraînait lundi de fortes perturbations dans la matinée.")
    assert anaphoric("Le lendemain, il a été mis en examen.") and anaphoric("Dans la matinée, il a parlé.")
    assert DEICTIC.search("Le Parlement a adopté cette semaine une loi.")
    week = "Le conseil municipal a voté cette semaine la fermeture du site pour six mois."
    monday = Article("lun", MONDAY_TEXT + " " + week, date="2020-08-04")
    thursday = Article("jeu", THURSDAY_TEXT, date="2020-08-07")
    assert week not in " ".join(f.text for f in plan([monday, thursday], 200))
    thursday = Article("jeu", THURSDAY_TEXT + " " + week, date="2020-08-07")
    assert week in [f.text for f in plan([monday, thursday], 200)]


def test_the_headline_is_the_latest_days_title():
    old = Article("a", MONDAY_TEXT, title="Rouen : un entrepôt ravagé par un incendie", date="2020-08-04")
    new = Article("b", THURSDAY_TEXT, title="Incendie de Rouen : le parquet ouvre une enquête",
                  date="2020-08-07")
    head = plan([old, new], 120, headline=True)[0]
    assert head.headline and head.text.startswith("Incendie de Rouen : le parquet")


def test_news_order_keeps_undated_facets_after_their_neighbour():
    class F:
        def __init__(self, name, score):
            self.name, self.score, self.headline = name, score, False
            self.sources = [Sentence(name, name, 0)]

    a, b, c, d = F("a", 3), F("b", 2), F("c", 1), F("d", 5)
    day = {id(a): date(2020, 8, 3), id(b): None, id(c): date(2020, 8, 6), id(d): date(2020, 8, 1)}
    published = {id(a): TUESDAY, id(b): TUESDAY, id(c): FRIDAY, id(d): TUESDAY}
    assert [f.name for f in news_order([a, b, c, d], day, published)] == ["c", "d", "a", "b"]
    published[id(d)] = FRIDAY  # the most salient of the latest day leads
    assert news_order([a, b, c, d], day, published)[0].name == "d"


def test_json_records_the_date_edits_and_the_facts_check_accepts_them(tmp_path):
    src = tmp_path / "cluster.json"
    src.write_text(json.dumps([{"id": "lun", "date": "2020-08-04", "text": MONDAY_TEXT},
                               {"id": "jeu", "date": "2020-08-07", "text": THURSDAY_TEXT}]),
                   encoding="utf-8")
    # two three-sentence articles that share one word ("préfecture"): ``story`` takes them for
    # two stories, so the briefing is asked to say both
    done = run_here("brief", str(src), "-f", "json", "--stories", "all")
    assert done.returncode == 0, done.stderr
    sentences = json.loads(done.stdout)["sentences"]
    edited = [s for s in sentences if s.get("edits")]
    assert edited and all(not s["unsupported"] and "replaced" not in s for s in sentences)
    assert edited[0]["edits"][0] == {"type": "date", "from": "lundi", "to": "lundi 3 août",
                                     "date": "2020-08-03"}
