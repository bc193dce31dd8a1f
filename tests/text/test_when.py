"""Day expressions resolved against the article's date; article dates checked."""

from __future__ import annotations

from datetime import date

import pytest

from summarize.text.when import event_date, find_times, french_date, parse_date

FRIDAY = date(2020, 8, 7)


def resolved(sentence: str, base: date | None = FRIDAY) -> list[tuple[str, str | None]]:
    return [(t.text, t.date and t.date.isoformat()) for t in find_times(sentence, base)]


@pytest.mark.parametrize("sentence, expected", [
    ("Le parquet a requis jeudi dix ans de prison.", [("jeudi", "2020-08-06")]),
    ("Le ministre se rendra jeudi à Lyon.", [("jeudi", "2020-08-13")]),
    ("Le procès doit s'ouvrir lundi.", [("lundi", "2020-08-10")]),
    ("Il a été arrêté samedi et sera jugé lundi.", [("samedi", "2020-08-01"), ("lundi", "2020-08-10")]),
    ("Le président a annoncé mercredi qu'il se rendra à Paris le 3 septembre.",
     [("mercredi", "2020-08-05"), ("3 septembre", "2020-09-03")]),
    ("Hier soir, la police est intervenue.", [("Hier soir", "2020-08-06")]),
    ("Il est mort vendredi, a annoncé sa famille.", [("vendredi", "2020-08-07")]),  # same day
    ("Le week-end dernier, trois personnes ont été blessées.", [("Le week-end dernier", "2020-08-01")]),
    ("Vendredi 1er mai 2015, il a été élu.", [("Vendredi 1er mai 2015", "2015-05-01")]),
    ("Le 18 février, il a démissionné.", [("18 février", "2020-02-18")]),
    ("Le confinement est en vigueur depuis le 17 mars.", [("17 mars", "2020-03-17")]),
    ("L'élection aura lieu le 5 janvier prochain.", [("5 janvier prochain", "2021-01-05")]),
    ("Elle a disparu dans la nuit du 3 au 4 août.", [("3", "2020-08-03"), ("4 août", "2020-08-04")]),
    # a written weekday picks the year: Saturday 11 January is 2020, not 2021
    ("Il est passé dans l'émission samedi 11 janvier.", [("samedi 11 janvier", "2020-01-11")]),
    ("Le marché se tient le lundi.", [("lundi", None)]),  # every Monday
    ("Elle est aujourd'hui âgée de 62 ans.", [("aujourd'hui", None)]),  # nowadays
    ("Aujourd’hui, le ministre a démissionné.", [("Aujourd’hui", "2020-08-07")]),
])
def test_find_times_resolves_against_the_article_date(sentence, expected):
    assert resolved(sentence) == expected


def test_without_an_article_date_relative_days_stay_unresolved():
    assert resolved("Le parquet a requis jeudi.", None) == [("jeudi", None)]
    assert resolved("Élu le 3 mai 1998, il a démissionné.", None) == [("3 mai 1998", "1998-05-03")]
    assert event_date("Rien de daté ici.", FRIDAY) == FRIDAY
    assert event_date("Il a parlé mardi.", FRIDAY) == date(2020, 8, 4)


def test_words_that_contain_a_day_are_not_days():
    assert resolved("La mardi-gras et le Lundimatin ne sont pas des dates.") == []


def test_french_date():
    assert french_date(date(2020, 8, 6)) == "jeudi 6 août"
    assert french_date(date(2020, 5, 1), year=True) == "vendredi 1er mai 2020"
    assert french_date(date(2020, 12, 25), weekday=False) == "25 décembre"


@pytest.mark.parametrize("value, expected", [
    ("2020-08-06", "2020-08-06"), ("2020-08-06T10:00:00+02:00", "2020-08-06"),
    ("2020-08", "2020-08"), ("6 août 2020", "2020-08-06"),
])
def test_parse_date_normalises(value, expected):
    assert parse_date(value, today=date(2026, 1, 1)) == (expected, None)


@pytest.mark.parametrize("value, why", [
    ("99999-01-01", "impossible"), ("2020-02-31", "impossible"), ("31 février 2020", "impossible"),
    ("2031-01-01", "future"), ("hier", "unreadable"), ("", "unreadable"),
])
def test_hostile_dates_are_refused_with_a_reason(value, why):
    found, problem = parse_date(value, today=date(2026, 1, 1))
    assert found is None and why in problem


def test_a_weekday_that_no_nearby_year_has_on_that_date_is_a_contradiction():
    from summarize.text.when import contradicts

    july = date(2018, 7, 31)
    assert contradicts("Neuf départements en vigilance ce mardi 31 août.", july)
    assert not contradicts("Neuf départements en vigilance ce mardi 31 juillet.", july)
    assert resolved("Il a parlé ce mardi 31 août.", july) == [("ce mardi 31 août", None)]
    # "lundi 14 et mardi": the second day follows the first
    assert resolved("Le conseil se réunit lundi 14 septembre et mardi.", date(2020, 9, 10)) == [
        ("lundi 14 septembre", "2020-09-14"), ("mardi", "2020-09-15")]
