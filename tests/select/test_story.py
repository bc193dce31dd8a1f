"""Stories of a cluster: an article on another story is left out of the briefing and named."""

from __future__ import annotations

import pytest

from summarize.errors import UserError
from summarize.select.baselines import load
from summarize.select.plan import PlannedSummarizer
from summarize.select.story import main_story, stories
from summarize.seq2seq.loader import check_settings
from summarize.text.docfreq import cosine, vector
from summarize.text.tokenize import content_words
from summarize.types import Article

_QUAKE = Article("q1", "Un séisme de magnitude 6,7 a frappé mardi l'île de Masbate, aux Philippines, selon "
                       "l'institut américain de géophysique. Le tremblement de terre a fait au moins un mort "
                       "et des dizaines de blessés dans la province de Masbate. Des maisons en bois se sont "
                       "effondrées dans les villages de l'île.", title="Séisme de magnitude 6,7 aux Philippines")
_QUAKE2 = Article("q2", "Le bilan du séisme qui a frappé l'île de Masbate, aux Philippines, s'est alourdi "
                        "mercredi à trois morts. Les secours fouillent les décombres des maisons effondrées "
                        "de la province de Masbate, où les répliques du tremblement de terre inquiètent.",
                  title="Philippines : le bilan du séisme de Masbate s'alourdit")
_TRAIN = Article("t", "Un train de voyageurs a déraillé mercredi près de Stonehaven, en Ecosse, après de "
                      "fortes pluies. Le conducteur et deux passagers sont morts dans l'accident. Les "
                      "enquêteurs de la compagnie ferroviaire recherchent les causes du déraillement.",
                 title="Ecosse : un train déraille près de Stonehaven")


def test_articles_on_one_story_are_one_story_and_another_story_is_apart():
    assert stories([_QUAKE, _QUAKE2, _TRAIN]) == [[0, 1], [2]]
    assert stories([_QUAKE]) == [[0]]


def test_a_shared_name_joins_two_articles_more_than_a_shared_topic_word():
    """Reading 32: France's Covid toll read as Japan's in one briefing. Two articles sharing
    "coronavirus", which every article of the topic says, are less alike than two sharing a
    place no training article names; the cluster's own idf weighed both words the same."""

    def alike(shared: str) -> float:
        a = f"Le Japon a levé mardi les restrictions liées au {shared} dans les préfectures de Tokyo."
        b = f"Le bilan du {shared} s'alourdit en France, selon le directeur général de la Santé."
        return cosine(vector(content_words(a)), vector(content_words(b)))

    assert alike("coronavirus") < alike("Masbate")


def test_the_story_most_articles_tell_is_the_main_one():
    told, others = main_story([_TRAIN, _QUAKE, _QUAKE2], ranked=[])
    assert [a.id for a in told] == ["q1", "q2"] and [a.id for a in others] == ["t"]


def test_a_briefing_says_only_the_main_story_and_names_the_other():
    packed = PlannedSummarizer(80).pack([_QUAKE, _QUAKE2, _TRAIN])
    cited = {i for f in packed.facets for i in f.article_ids}
    assert cited <= {"q1", "q2"} and cited
    assert "Stonehaven" not in packed.text
    assert any("une autre histoire" in n and "Stonehaven" in n for n in packed.notes)


def test_every_story_is_said_when_asked():
    packed = load("facets", max_words=200, stories="all").pack([_QUAKE, _QUAKE2, _TRAIN])
    assert "Stonehaven" in packed.text
    assert not any("une autre histoire" in n for n in packed.notes)


def test_an_unknown_stories_setting_is_refused():
    with pytest.raises(UserError, match="stories"):
        check_settings({"stories": "some"})
    with pytest.raises(UserError, match="stories"):
        PlannedSummarizer(stories="both")


def test_an_update_keeps_what_the_reader_saw_and_tells_the_news_story():
    """The main story is the one most unseen articles tell; a seen article always stays."""
    from dataclasses import replace

    seen_train = replace(_TRAIN, seen=True)
    told, others = main_story([seen_train, _QUAKE, _QUAKE2], ranked=[])
    assert {a.id for a in told} == {"t", "q1", "q2"} and not others
    told, others = main_story([replace(_QUAKE, seen=True), replace(_QUAKE2, seen=True), _TRAIN], ranked=[])
    assert [a.id for a in others] == [] and "t" in {a.id for a in told}
    told, others = main_story([replace(_QUAKE, seen=True), _QUAKE2, _TRAIN], ranked=[])
    assert [a.id for a in others] == ["t"]  # news of another story is left out
