"""Plan stage, continuations: a sentence that points to the one before it is said right after it."""

from __future__ import annotations

import pytest

from summarize.select.facet import Facet
from summarize.select.follow import adjacent, continuation, continues, follow
from summarize.select.plan import plan
from summarize.text.clean import clean_article
from summarize.types import Article, RankedSentence


@pytest.mark.parametrize("text", [
    "Il a été placé en garde à vue pour tentative de meurtre.",
    "Elle avait été victime de violences sexuelles mais pas de viol.",
    "Toutefois, le parc animalier a attendu les résultats de l’autopsie.",
    "L’Assemblée nationale a d’ailleurs installé mercredi sa commission d’enquête.",
    "La veille, le ministre avait annoncé la fermeture des écoles.",
    "Ces décisions devraient se traduire par des centaines de suppressions d’emplois.",
])
def test_an_opening_that_points_to_the_sentence_before_continues(text):
    assert continues(text)


@pytest.mark.parametrize("text", [
    "Le ministre a annoncé la fermeture des écoles mardi.",  # reads alone: nothing to continue
    "Il a dit : « Je ne sais pas si j’irai au-delà de la prochaine saison.",  # a quote left open
    "Seriez-vous triste de voir la série s’arrêter dans un an ?",  # a question
    "Je ne veux pas parler de façon définitive, mais la saison 8 sera peut-être ma dernière.",
])
def test_other_faults_are_not_continuations(text):
    assert not continues(text)


def _sentence(text, position, score=1.0, article="a"):
    return RankedSentence(text=text, article_id=article, position=position, score=score)


def test_a_continuation_is_said_right_after_the_sentence_it_follows():
    lead = Facet([_sentence("Un trentenaire a tiré sur une automobiliste à La Garde.", 0)], 3.0,
                 "Un trentenaire a tiré sur une automobiliste à La Garde.", ["a"])
    other = Facet([_sentence("La préfecture a ouvert une cellule d’écoute mardi soir.", 0, article="b")], 2.0,
                  "La préfecture a ouvert une cellule d’écoute mardi soir.", ["b"])
    unsaid = Facet([_sentence("Il a été placé en garde à vue pour tentative de meurtre.", 1)], 1.0, "", ["a"])
    said = continuation(unsaid, [lead, other])
    assert said is not None and said.text == unsaid.sources[0].text
    assert adjacent([lead, other, said]) == [lead, said, other]
    assert continuation(unsaid, [other]) is None  # its sentence before is not said
    out, left = follow([lead, other], [unsaid], 20, lambda facet, before: True)
    assert [f.text for f in out] == [lead.text, unsaid.sources[0].text, other.text] and left == 8
    assert follow([lead, other], [unsaid], 11, lambda facet, before: True)[0] == [lead, other]  # too long


def test_the_plan_says_a_pronoun_opener_only_after_its_antecedent():
    article = Article("a", "Un trentenaire a tiré mardi au fusil de chasse sur une automobiliste à La Garde, "
                           "près de Toulon. Il a été placé en garde à vue pour tentative de meurtre. "
                           "La victime, blessée au bras, a été transportée à l’hôpital de Toulon.")
    texts = [f.text for f in plan([clean_article(article)], 60)]
    at = texts.index("Il a été placé en garde à vue pour tentative de meurtre.")
    assert at > 0 and texts[at - 1].startswith("Un trentenaire a tiré")
