"""Naming an unnamed role opener from its article or cluster (spaCy's parse and NER)."""

from __future__ import annotations

import pytest

TITLES = ["Un titre sans personne."]


@pytest.fixture(scope="module")
def with_names():
    pytest.importorskip("spacy")
    from summarize.seq2seq import refer, spacy_fr

    try:
        spacy_fr.parser()
    except Exception as err:  # noqa: BLE001 - the French pipeline is not installed
        pytest.skip(str(err))
    return refer.with_names


def test_a_role_opener_gets_the_name_its_article_writes_beside_the_role(with_names):
    out = with_names([
        ("Le président américain a assuré lundi que les soldats partiraient.",
         ["Donald Trump a annoncé un retrait.", "Le président américain Donald Trump a critiqué Berlin."], TITLES),
        ("Le chef du gouvernement britannique a lui assuré qu'il préférerait mourir.",
         ["Boris Johnson, le chef du gouvernement britannique, refuse un report.",
          "Jeremy Corbyn, le chef de l'opposition, veut des élections."], TITLES),
    ])
    assert out[0] == ("Le président américain, Donald Trump, a assuré lundi que les soldats partiraient.",
                      "Donald Trump")
    assert out[1][1] == "Boris Johnson"  # not the nearer "chef de l'opposition"


def test_a_specific_role_may_be_named_from_another_article_of_the_cluster(with_names):
    cluster = ["Le président américain Donald Trump critique Berlin.", "Le président russe Vladimir Poutine se tait."]
    specific, bare = with_names([
        ("Le président américain a assuré lundi que les soldats partiraient.", ["Les soldats sont là."], cluster),
        ("Le président a assuré lundi que les soldats partiraient.", ["Les soldats sont là."], cluster),
    ])
    assert specific and specific[1] == "Donald Trump"
    assert bare is None  # "président" alone: Trump or Putin, no guess


def test_an_office_said_by_its_seat_is_named_as_the_office(with_names):
    """"Le patron de la place Beauvau" is the interior minister (blind reading 18: never named),
    "le locataire de Matignon" the prime minister; a seat nobody holds in the cluster: no name."""
    cluster = ["Le ministre de l’Intérieur Gérald Darmanin s’est rendu sur place vendredi.",
               "Le Premier ministre Jean Castex a salué le travail des policiers."]
    beauvau, matignon, bercy = with_names([
        ("Le patron de la place Beauvau a déclaré avoir demandé au préfet un rapport.", [], cluster),
        ("Le locataire de Matignon a annoncé un plan de relance.", [], cluster),
        ("Le patron de Bercy a annoncé un plan de relance.", [], cluster),
    ])
    assert beauvau == (("Le patron de la place Beauvau, Gérald Darmanin, a déclaré avoir demandé au préfet un "
                       "rapport."), "Gérald Darmanin")
    assert matignon == ("Le locataire de Matignon, Jean Castex, a annoncé un plan de relance.", "Jean Castex")
    assert bercy is None


def test_a_former_office_is_the_same_role_written_ex_or_ancien(with_names):
    """"L'ancienne ministre de la Santé" in one article, "l'ex-ministre de la Santé Agnès Buzyn"
    in another; a former office is never the sitting one ("l'ancien président" ≠ "le président")."""
    cluster = ["Les hésitations de sa remplaçante, l’ex-ministre de la Santé Agnès Buzyn, ont pesé.",
               "Le président de la République Emmanuel Macron a voté au Touquet."]
    former, sitting = with_names([
        ("L’ancienne ministre de la Santé, entrée en cours de route dans la course, sera conseillère.", [], cluster),
        ("L’ancien président de la République avait été informé que des écoutes le visaient.", [], cluster),
    ])
    said = "L’ancienne ministre de la Santé, Agnès Buzyn, entrée en cours de route dans la course, sera conseillère."
    assert former == (said, "Agnès Buzyn")
    assert sitting is None


def test_a_name_the_parse_sets_beside_the_role_counts_when_the_ner_misreads_it(with_names):
    """spaCy's NER reads "Travail Muriel Pénicaud" as an organisation; the parse sets "Muriel
    Pénicaud" in apposition to "ministre" (blind reading 15: "La ministre …": who?)."""
    before = ("C’est un mea culpa auquel s’est livré la ministre du Travail Muriel Pénicaud samedi soir, à la "
              "demande insistante du président de la République, qui avait, plus tôt dans la soirée, demandé "
              "« au gouvernement de faire preuve d’humanité ».")
    said = "La ministre a notamment reconnu que le gouvernement venait de commettre « une erreur »."
    assert with_names([(said, [before], TITLES)]) == [
        ("La ministre, Muriel Pénicaud, a notamment reconnu que le gouvernement venait de commettre « une erreur ».",
         "Muriel Pénicaud")]


def test_no_name_when_named_already_ambiguous_or_unknown(with_names):
    out = with_names([
        ("Le ministre français des Affaires étrangères Jean-Yves Le Drian a exclu tout report.",
         ["Jean-Yves Le Drian, le ministre français des Affaires étrangères, parle."], TITLES),
        ("Le ministre a appelé au calme.",
         ["Le ministre de la Santé Olivier Véran et le ministre de l'Intérieur Gérald Darmanin ont parlé."], TITLES),
        ("La présidente du tribunal a renvoyé l'affaire.", ["Le procès s'est ouvert lundi."], TITLES),
        ("Les pompiers ont maîtrisé le feu.", ["Le feu a pris dans la nuit."], TITLES),
    ])
    assert out == [None, None, None, None]


def test_a_second_mention_is_named_as_its_article_first_named_the_person(with_names):
    """Blind reading 25: "M. Fusco is never introduced, so the reader cannot tell who he is"."""
    from summarize.seq2seq.refer import full_names

    cluster = ["Emmanuel Macron est arrivé à Beyrouth.", "Le Liban attend un gouvernement."]
    out = full_names([
        ("Mercredi, M. Zuckerberg a mis en avant sa détermination contre la désinformation.",
         ["Facebook se fixe un objectif d’inscriptions.", "Le patron de Facebook Mark Zuckerberg a écrit un message."],
         cluster),
        ("Selon M. Fusco, la décision sera prise lundi.", ["Le conseil municipal se réunira lundi."], cluster),
        ("Les partis s’étaient engagés auprès de M. Macron à former un cabinet.", ["Le Liban attend."], cluster),
        ("« M. Macron nous a promis son aide », a déclaré le ministre.", ["Le Liban attend."], cluster),
        ("Mme Macron a visité l’hôpital de Garches.",
         ["Emmanuel Macron et Brigitte Macron étaient à Versailles samedi."], cluster),
    ])
    assert out[0] == "Mercredi, Mark Zuckerberg a mis en avant sa détermination contre la désinformation."
    assert out[1] is None  # neither the article nor the cluster named him in full: the sentence stands
    assert out[2] == "Les partis s’étaient engagés auprès d’Emmanuel Macron à former un cabinet."
    assert out[3] is None  # a quote's words are the speaker's
    assert out[4] is None  # two people of that name: no one for sure
