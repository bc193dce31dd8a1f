"""Plan stage: facets (paraphrases grouped, distinct facts apart), budget, readable sentences."""

from __future__ import annotations

import json
import subprocess
import sys
from pathlib import Path

import pytest

from summarize.select.baselines import load
from summarize.select.plan import PlannedSummarizer, default_budget, plan, readable, shorten
from summarize.text.clean import clean_article
from summarize.text.ingest import load_articles
from summarize.types import Article

ROOT = Path(__file__).resolve().parents[2]

_A = Article("a", "Le président russe a reçu mercredi le dirigeant nord-coréen au cosmodrome de "
                  "Vostotchny pour parler d'armement. Le visiteur a découvert le pas de lancement des "
                  "fusées Soyouz pendant une heure. Le menu du déjeuner comprenait du crabe royal "
                  "et du caviar de la mer d'Okhotsk.")
_B = Article("b", "Reçu mercredi au cosmodrome de Vostotchny, le numéro un nord-coréen a "
                  "discuté d'armement avec son hôte russe. La Corée du Nord "
                  "a tiré deux missiles balistiques avant la rencontre, selon Séoul. Les marchés "
                  "asiatiques ont terminé la séance en légère hausse.")


def _facets(max_words=200):
    return plan([clean_article(_A), clean_article(_B)], max_words)


def test_paraphrases_share_a_facet_and_distinct_facts_do_not():
    facets = _facets()
    meeting = [f for f in facets if "cosmodrome" in f.text]
    assert len(meeting) == 1 and set(meeting[0].article_ids) == {"a", "b"}
    assert len(meeting[0].sources) == 2
    texts = [f.text for f in facets]
    assert any("missiles" in t for t in texts) and any("Soyouz" in t for t in texts)
    assert all(len(f.sources) == 1 for f in facets if "missiles" in f.text or "crabe" in f.text)
    assert facets[0] is meeting[0]  # the fact both articles report comes first


def test_budget_is_respected_with_whole_sentences():
    sources = (_A.text + " " + _B.text).replace("'", "’")
    for budget in (20, 35, 60):
        facets = _facets(budget)
        assert sum(len(f.text.split()) for f in facets) <= budget
        assert all(f.text in sources for f in facets)
    assert default_budget(3) == 120 and default_budget(1) == 35


def test_readable_sentences_only():
    assert readable("Le dirigeant nord-coréen est arrivé mercredi en Russie.")
    assert not readable("Il est arrivé mercredi en Russie à bord de son train.")  # dangling
    assert not readable("République populaire.")  # too short
    assert not readable("Le président a déclaré « nous gagnerons la guerre.")  # open quote


@pytest.mark.parametrize("text", [
    "La pluie domine Un régime perturbé de nord-ouest domine sur l’Hexagone.",  # glued heading
    "Le point sur l’enquête : que s’est-il passé cette nuit-là ?",  # a question
    "Sur ces patients en réanimation, 34% sont âgés de moins de 60 ans.",  # points back
    "Cette mesure fait partie du plan de relance de 2 milliards d’euros.",
    "Depuis, les deux parties ont déjà échangé sporadiquement des prisonniers.",
    "En cas de victoire, elle deviendrait la première femme vice-présidente.",
    "Je condamne l’intrusion et les agressions au siège de la CFDT.",  # a speaker, unnamed
    "On vote pour choisir ses dirigeants, ce sont nos représentants qui votent.",
    "Même avec le masque : « il faut s’habituer, on mangera des pop-corn, après, avant ».",
    # links to a sentence the briefing may not say, quotes cut short (blind reading 4)
    "Tel est le bilan des femmes dans le classement du JDD des 50 personnalités.",
    "Voilà comment le ministre qualifie le sujet des contreparties aux aides sociales.",
    "Les autorités maintiennent néanmoins elles aussi la pression sur les manifestants.",
    "Le trafic RATP sera également encore « très fortement perturbé » vendredi.",
    "C’est un choix politique, inédit (...) pour soutenir la culture.",
    "En revanche, le ministre de la Santé n’a pas commenté les chiffres.",
    # a noun phrase and its relative clause, no main verb (blind reading 5)
    "Une alerte qui devrait être étendue à d’autres départements dans les prochaines heures.",
    "Des arguments qui n’ont visiblement pas convaincu la juge du tribunal.",
    # connectives further in, pronoun quantifiers, "S'y", a glued "A" (blind reading 7)
    "Météo France attend en effet une nouvelle vague de forte chaleur entre jeudi et dimanche.",
    "Le nombre de patients en réanimation (410) accuse en revanche une légère hausse.",
    "Certains ont même été géolocalisés par les enquêteurs du parquet financier.",
    "S’y ajoutent, à la mi-journée, l’Aude et les Pyrénées-Orientales, avertit Météo France.",
    "En BretagneA Perros-Guirec, le masque est obligatoire depuis vendredi.",
    "Son procès a été reporté au 12 juin.",  # whose?
    "Leurs avocats ont déposé un recours auprès des Nations unies.",
    "Selon les observateurs, leur obstination est liée aux sanctions américaines.",  # reading 14
    "Son procès a été reporté, selon son avocat cité par la presse.",
    "La veille, sa décision avait surpris tout le monde.",
    # blind reading 17: whose members, like whom, took advantage of what?
    "Deux de ses membres ont été condamnés à de courtes peines de prison.",
    "L’un de leurs avocats a annoncé un recours devant la cour d’appel.",
    "Comme lui, de nombreux responsables politiques ont condamné l’intrusion.",
    "Le ministre de la Santé en a profité pour appeler à « l’union nationale ».",
    # blind readings 20-21: a bare count of a set said before (six of what?)
    "Selon le ministère de l’Intérieur, six ont été révoqués depuis 2015.",
    "Deux d’entre eux ont été admis en soins intensifs.",
    "Six autres ont été transportées à l’hôpital mercredi.",
    # a bare answer to an unsaid question (session 26)
    "Non, a tranché jeudi 17 septembre Valérie Pécresse.",
    "Oui, a répondu le ministre de la Santé lors de la conférence.",
    "Pour le moment oui, a décidé le ministre de l’Education.",  # reading 24
    "Une interrogation à laquelle devrait répondre lundi soir Emmanuel Macron.",
    "Celui-ci est confronté à une contestation sans précédent depuis 1994.",  # session 26
    "L’intéressé était, au moment des faits, en déplacement aux Pays-Bas.",
    "Le second est une femme qui avait affirmé avoir assisté à la scène.",
    "Autre problème : le prix du produit chimique a été multiplié par quatre.",
    "Objectif : éviter un reconfinement généralisé dans les prochaines semaines.",
    "D’autant que le vivier de Premiers ministrables est limité selon l’Élysée.",
    "Reste que le docteur ne compte ni déménager ni arrêter d’exercer.",
    "Le couple a porté plainte mardi auprès du tribunal de Londres.",
    "La même équipe avait auparavant publié le génome du mammouth laineux.",
    # a quote's speaker said by an inverted pronoun, or "la même source" (readings 23-24)
    "Faute d’accord, le Liban se dirigera « vers l’enfer », a-t-il prévenu.",
    "Le plan sera présenté mardi, précise-t-elle dans un communiqué.",
    "Selon la même source, le couple se baignait dans une zone non surveillée.",
    # "y" with nothing before it to stand for (session 26)
    "Marlène Schiappa y avait pris part.",
    "Depuis son arrivée au pouvoir en 2014, le nombre de permis de construire y a chuté de 40%.",
    "Emmanuel Macron n’y avait pas touché à son arrivée au pouvoir.",
    "Circulez, y a rien à voir.",
    "Le tribunal l’a déclaré coupable de provocation au crime.",
    "Un hommage leur a été rendu par l’ancienne ministre lundi.",
    "Emmanuel Macron lui avait répondu sèchement dans la soirée.",
    "Des témoins les ont alors séparés devant la gare.",
    "Le président s’y est rendu à pied pour s’y faire photographier.",
    # a link to what the briefing may not have said (session 26)
    "Car le calvaire vécu par George Floyd est loin d’être un cas isolé.",
    "Résultat, le Covid-19 n’a contaminé dans la ville que 597 personnes.",
    "Conséquence : il n’y aura plus de trains entre Montpellier et Toulouse.",
    "D’ailleurs, le chanteur a reçu un grand nombre de soutiens.",
    # session 27, clusters no session had read: a reason, an enumeration, a comparison with what came before
    "Parce que les gens n’ont plus les moyens de payer un loyer à Paris.",
    "D’abord, parce qu’en mai 2019, les écologistes s’étaient largement imposés aux européennes.",
    "D’abord Yaël Mellul, militante féministe et avocate.",
    "Autre invité notable, le journaliste Jean-Michel Aphatie.",
    "La situation est similaire dans le bassin stéphanois, où les hôpitaux sont pleins.",
    "Chez les voisins de FO, à la CFE-CGC, le discours est le même.",
    "Le Calvados n’a pas non plus été épargné par les orages de mardi.",
    "De fermer le rideau du magasin pendant la nuit.",  # blind reading 25
    "Difficile de faire plus clair sur ce sujet !",
    "Avant d’ajouter qu’il ne voit pas cela durer plus de trois ou quatre ans.",
    "Ledit staff a répondu que le président ne viendrait pas.",
    "Quelques minutes après, le bébé est né dans la voiture des pompiers.",  # blind reading 26
    "La secrétaire d’Etat Geneviève Darrieussecq n’est pas en reste, selon le journal.",
    "Sur le même principe, la SNCF a mis en vente un autre itinéraire.",
    "Pour cela, le chef de l’Etat présidera mardi un conseil de défense.",
    "D’autres témoins dans l’est des Visayas ont fait état d’une secousse « forte ».",  # blind reading 28
    "Sans oublier Gérald Darmanin, ministre des Comptes publics, qui ne cache pas son envie.",
    "Peut-être que toutes les femmes ne le ressentent pas comme moi.",  # blind reading 29
    "Mi-avril, celles du retour du porte-avions Charles-de-Gaulle avaient fait le tour des réseaux.",
    "Parmi eux, Jean-Marie Le Pen, qui siège au Parlement européen depuis 1984.",
    "À commencer par la réorganisation structurelle des flottes pour éviter la promiscuité à bord.",
    "Les utilisateurs pourraient donc toujours signaler les contrôles de vitesse.",
    "Selon le quotidien, plus de 70 000 personnes attendent toujours un logement.",
    "Le taux atteint 2,4 % en Ile-de-France, toujours selon la chaîne d’information en continu.",
    "Un autre témoin, Nolyn Macleod, a dit à la radio publique avoir vu l’avion.",  # blind reading 30
    "L’autre skieur, d’abord porté disparu, a été retrouvé sous l’avalanche.",
    "Tandis que la vidéo qui circule est très partielle.",
    "Celle qui en a fini avec la télé et la radio se donne un an pour monter son équipe.",
    "À leurs côtés se trouve une proche de Nicolas Sarkozy, l’ancienne navigatrice Maud Fontenoy.",  # reading 32
    "Parmi eux se trouvent quelques journalistes chargés de l’environnement.",
    ("Lors de son propos liminaire devant la commission d’enquête, le ministre de l’Intérieur s’est d’ailleurs fait "
     "rappeler à l’ordre."),
    # a fronted clause's pronoun the main clause does not name (session 30)
    "S’il déplore un véritable « acharnement » contre son père, il regrette surtout les agissements.",
    "Alors qu’il commençait son discours, des heurts se déroulaient dans le centre ville.",
    "Quand ils l’ont sorti, sa tête aurait heurté le sol.",
    "Si elle a été élue, c’est qu’elle le mérite vraiment.",
    "Avant qu’elles ne reprennent à la rentrée, la PDG de Radio France s’était engagée à revoir sa copie.",
    # reading 36: a time counted from what came before, one of a series, a set never said, what?
    "Dix-huit mois plus tard, les juges ont finalement accédé à la demande d’Ayoub El-Khazzani.",
    "Un peu plus tôt dans la journée, le cerveau de la campagne a affirmé avoir agi légalement.",
    "Une demi-heure plus tard, le président de la République revient vers Océane.",
    "Le deuxième a justifié : « on est jeune, on veut s’amuser ».",
    "Le troisième fêtard sera jugé le 19 août, précise Nice Matin.",
    "Tous savaient que le problème venait du 3e étage, où loge une femme avec des animaux.",
    "Aucun d’entre eux n’a payé.",
    "Ce qui a déclenché la colère des policiers.",
    "Les salons de coiffure et de beauté, ainsi que le secteur de l’hôtellerie, restent en revanche fermés.",
    "Responsabilités, nombreuses attributions, journées à rallonge...",
    "Le nombre de bêtises qu’elle a faites…",
    "La veille, Boris Johnson avait volé au secours de Dominic Cummings.",
    "Dans la foulée, le jeune homme âgé d’une vingtaine d’années aurait pris la fuite.",
    "Ce sont des erreurs de casting.",
    "Ce n’est « pas du tout une mauvaise idée », reconnaît le secrétaire général de Force ouvrière.",
    # reading 41: an inner link outside quotes
    "Le ministre des Affaires étrangères Jean-Yves Le Drian a également exclu tout nouveau report du Brexit.",
    "Le patron de la place Beauvau a par ailleurs déclaré avoir demandé au préfet pourquoi.",
    "L’établissement est toujours ouvert, rapporte la chaîne d’info.",  # which one? (session 32)
    "Tout aurait commencé en décembre, explique le quotidien.",
])
def test_sentences_that_need_context_or_a_speaker_are_not_readable(text):
    assert not readable(text)


@pytest.mark.parametrize("text", [
    "Le dictateur nord-coréen Kim Jong Un a promis mercredi son plein soutien à la Russie.",
    "Ce jeudi, le ministre a présenté le plan de relance devant les députés.",
    "Chez les contrôleurs, il y a aussi une baisse du nombre de grévistes.",
    "Le président russe a déclaré devant la presse mercredi : « nous gagnerons ».",
    "Le député Les Républicains a voté contre le texte du gouvernement.",
    "Une fois que les formations ont répondu, les élèves confirment leur inscription.",
    "Tous les habitants du quartier ont été évacués dans la nuit de mardi.",
    "Le ministre ainsi que son équipe ont été reçus mardi à l’Élysée.",
    "En France, le gouvernement a présenté ses mesures mardi soir.",
    "Deux des suspects ont été arrêtés mardi soir à Paris.",
    "Sur les 59 personnes placées en garde à vue, 40 ont été présentées à la justice.",
    "Le ministre a profité de la séance pour appeler à l’union nationale.",
    "Si les cadres du parti n’ont pas réagi, l’intervention est mal passée à Matignon.",
    "Selon le ministre, il n’y a pas de danger pour la population.",
    "Selon ses calculs, le compte y est pour le gouvernement.",
    "Dans le village, situé près de Saragosse : on y a compté 170.000 visiteurs.",
    "Le Mississippi arborait l’insigne sudiste depuis que la Géorgie y a renoncé en 2003.",
    "Le ministre a présenté le plan qui l’a rendu célèbre en 2019.",
    "Si les magistrats jugent la QPC sérieuse, celle-ci devra passer un deuxième filtre.",
    "Le premier ministre a annoncé un plan de relance mardi soir.",
    "Le couple présidentiel a été reçu mardi à Buckingham par la reine.",
    "Le maire de Saint-Gilles a présenté son plan mardi soir devant le conseil.",
    "Le Liban se dirigera « vers l’enfer », a prévenu le président Michel Aoun.",
    "Le virus a tué 730.000 personnes et en a contaminé 19 millions dans le monde.",
    # a fronted clause's pronoun the main clause names, or impersonal
    "Alors qu’il effectuait une randonnée, un homme s’est retrouvé face à une ourse adulte.",
    "S’il assure ne présenter aucun symptôme, le locataire de Bercy s’est mis à l’isolement.",
    "Alors qu’elle est très attendue, le 29 septembre prochain, la star américaine est critiquée.",
    "S’il ne s’agit pour le moment que de cas isolés, ces contaminations inquiètent les plateaux.",
    "Bien qu’il soit possible d’organiser des spectacles, les règles sont difficilement applicables.",
    "Alors qu’il vient d’être désigné par les députés, ce proche d’Emmanuel Macron s’est attiré des remontrances.",
    "Alors qu’ils se trouvaient dans les jardins de Kensington, le couple princier a rencontré la danseuse.",
    # the possessive's owner is the sentence's own subject, before the comma
    "Le gouvernement de Boris Johnson a perdu, mardi 3 septembre, sa majorité au Parlement.",
    # reading 36's rules, where they do not apply
    "Le second tour des municipales aura lieu le 28 juin dans 5.000 communes.",
    "La Seconde Guerre mondiale a fait des millions de morts en Europe.",
    "La deuxième phase du déconfinement pourrait commencer cette semaine.",
    "La quatrième ville de France, qui compte près de 500.000 habitants, fait face au virus.",
    "Deux ans après l’attentat, la ville a inauguré un mémorial sur la promenade.",
    "Quelques heures après avoir témoigné, l’état de Wilmer Ramon s’est aggravé.",
    "Ce qu’il faut, c’est juste s’accepter tel qu’on est et être plus doux avec soi.",
    "Si France Inter joue la stabilité, on découvrira en revanche des changements sur RTL.",
    "La veille de Noël, les pompiers ont secouru trois randonneurs dans le massif.",
    "Ce sont des riverains qui ont donné l’alerte après avoir entendu des appels au secours.",
    "Ce n’est pas la première fois que Céline Dion annule des concerts en 2018.",
    "Le ministère recommande de vacciner les filles mais également les garçons de 11 à 14 ans.",
    "En plus de la zone Champ-de-Mars, le secteur autour des Invalides sera également interdit.",
    "Le soldat a tué Jennifer Laude, une femme de 26 ans également connue sous le nom de Jeffrey.",
    "Plusieurs cas ont été recensés à l’université, rapporte le quotidien Le Parisien.",
    "Le ministre a déclaré : « Nous avons également décidé de fermer les écoles ».",
])
def test_sentences_that_stand_alone_stay_readable(text):
    assert readable(text)
    assert shorten("Le président, arrivé mercredi, a parlé longtemps de la guerre.", 5) == (
        "Le président, arrivé mercredi.")


def test_seeds_briefing_is_sourced_and_covers_the_story(seeds_dir):
    articles = load_articles([str(seeds_dir)])
    (summary,) = load("facets").summarize([articles])  # the default: learned salience
    words = summary.split()
    assert 90 <= len(words) <= 120
    # the four facts: the summit, the « lutte sacrée », the arms deal, satellites
    for topic in ("sommet", "lutte sacrée", "armes", "satellit"):
        assert topic in summary
    (hand,) = PlannedSummarizer().summarize([articles])  # hand-weighted salience
    assert 90 <= len(hand.split()) <= 120 and "lutte sacrée" in hand


def test_the_default_briefing_repeats_no_opening_and_says_no_insult(seeds_dir):
    """Issue #22's seeds: "Le dirigeant nord-coréen a …" opened two sentences, "le tyran Vlad"
    and "de telles intentions" were said; a name or circumstance shared is not an opening."""
    from summarize.select.context import repeats_opening

    articles = load_articles([str(seeds_dir)])
    (summary,) = load("facets").summarize([articles])
    assert "tyran" not in summary and "telles" not in summary and "VLADIMIR" not in summary
    assert "abréviation" not in summary  # "RPDC est l'abréviation de …": background, no news
    assert summary.count("Le dirigeant nord-coréen") <= 1 and summary.count("Le dictateur nord-coréen") <= 1
    said = ["Le dirigeant nord-coréen a rencontré le président russe mercredi.", "Emmanuel Macron a parlé."]
    assert repeats_opening("Le dirigeant nord-coréen a déclaré à Poutine qu’il était sûr.", said)
    assert repeats_opening("Emmanuel Macron a promis une loi en juin.", said)
    assert not repeats_opening("Le président américain a réagi jeudi soir.", ["Le président russe a parlé."])
    assert not repeats_opening("En France, les écoles ferment lundi matin.", ["En France, le virus circule."])
    assert not repeats_opening("Le président de la région a démissionné hier.", ["Le président de la République a parlé."])
    from summarize.select.readable import glossary

    assert glossary("RPDC est l’abréviation de République populaire démocratique de Corée.")
    assert not glossary("La RPDC a tiré deux missiles balistiques mercredi matin.")


def test_json_marks_origins_and_facet_sources(seeds_dir):
    done = subprocess.run([sys.executable, "-m", "summarize.cli", "brief", "seeds/", "-f", "json"],
                          cwd=ROOT, capture_output=True, text=True, timeout=120)
    assert done.returncode == 0, done.stderr
    data = json.loads(done.stdout)
    assert data["model"]["name"] == "facets" and data["facts_check"]["ok"]
    assert 4 <= len(data["sentences"]) <= 6
    for s in data["sentences"]:
        assert s["origin"] == "extracted" and s["article_ids"]
        assert s["text"] == s["sources"][0]
    # most facts are reported by several articles: cited to the one that has the sentence,
    # the others that say it in other words are "also_in"
    assert sum(len(s["article_ids"]) + len(s.get("also_in", [])) >= 2
               for s in data["sentences"]) >= len(data["sentences"]) - 1
    for s in data["sentences"]:
        assert not set(s["article_ids"]) & set(s.get("also_in", []))


@pytest.mark.parametrize("bad", [0, -5, 2.5])
def test_bad_budget_is_one_line_error(bad):
    from summarize.errors import UserError

    with pytest.raises(UserError, match="max_words"):
        PlannedSummarizer(bad)


def test_a_demonstrative_needs_its_noun_said_earlier_in_the_briefing():
    from summarize.select.context import points_back

    text = "De nombreux responsables politiques ont condamné cette intrusion au siège du syndicat."
    earlier = "Des militants ont fait une intrusion au siège de la CFDT vendredi."
    assert points_back(text, [])
    assert not points_back(text, [earlier])
    assert not points_back("Le ministre parlera ce jeudi devant les députés.", [])


def test_a_later_days_figure_on_one_topic_replaces_the_earlier_one():
    early = Article("a", "Le coronavirus a fait 1.100 victimes en France, soit 240 décès supplémentaires "
                         "en 24 heures. Les hôpitaux de l'Est manquent de lits de réanimation.",
                    date="2020-03-24")
    late = Article("b", "Selon le bilan du directeur général de la Santé, le coronavirus a fait 2.606 "
                        "morts en France à ce jour. Le gouvernement prolonge le confinement de deux "
                        "semaines.", date="2020-03-29")
    texts = [f.text for f in plan([early, late], 80)]
    assert any("2.606" in t for t in texts) and not any("1.100" in t for t in texts)
    same_day = Article("b", late.text, date=early.date)
    texts = [f.text for f in plan([early, same_day], 80)]
    assert sum("1.100" in t or "2.606" in t for t in texts) == 2
    # a headline's figure counts too (blind reading 7: "1.100 morts" headline, "2.606" body)
    titled = Article("a", "Les hôpitaux de l'Est manquent de lits de réanimation pour les malades.",
                     title="Coronavirus : 1.100 morts en France", date="2020-03-24")
    facets = plan([titled, late], 80, headline=True)  # the later toll wins over the heading's
    assert not any(f.headline for f in facets) and any("2.606" in f.text for f in facets)



def test_a_latest_articles_lead_is_said_before_the_news_that_builds_on_it():
    """Its lead's fact was announced the day before, so it is no news by the first day an
    article reports it; said after "Les échanges …" it left them unexplained (session 33)."""
    from summarize.select.salience import bundled
    from summarize.text.clean import clean_article

    before = Article("a", "Le ministre Sébastien Lecornu a annoncé vendredi qu'Emmanuel Macron participera "
                          "la semaine prochaine à une nouvelle rencontre avec des maires dans la Drôme. Lors "
                          "du lancement du grand débat, le chef de l'État avait échangé durant plus de six "
                          "heures avec six cents maires normands.", date="2019-01-18")
    latest = Article("b", "Emmanuel Macron se rendra dans la Drôme jeudi pour une nouvelle rencontre avec "
                          "des maires, dans le cadre du grand débat national. À cette occasion, l'Élysée a "
                          "annoncé un nouveau format pour cette rencontre. Cette fois, pas de marathon "
                          "présidentiel de plus de six heures face aux maires. Les échanges ne seront pas "
                          "retransmis en direct par les chaînes d'information.", date="2019-01-23")
    facets = plan([clean_article(before), clean_article(latest)], 60, scorer=bundled())
    said = [(f.sources[0].article_id, f.sources[0].position) for f in facets]
    assert said[:2] == [("b", 0), ("b", 3)] and ("a", 1) in said[2:]  # the news, then the background

_T1 = Article("t1", "Le président russe a reçu mercredi le dirigeant nord-coréen au cosmodrome. "
                    "Les deux hommes ont parlé d'armement pendant deux heures. Pyongyang a tiré deux "
                    "missiles avant la rencontre.", title="VIDÉO. Poutine reçoit Kim Jong-un au cosmodrome",
              date="2023-09-13")
_T2 = Article("t2", "Le numéro un nord-coréen a été reçu au cosmodrome par son hôte russe. Les "
                    "marchés asiatiques ont terminé la séance en légère hausse.",
              title="Kim Jong-un reçu par Poutine au cosmodrome de Vostotchny", date="2023-09-13")
_T3 = Article("t3", "Séoul s'inquiète d'un accord sur les armes entre les deux pays voisins du Nord.",
              title="Que cherche Kim Jong-un en Russie ?", date="2023-09-14")


def test_the_most_representative_title_heads_the_briefing_within_the_budget():
    from summarize.select.plan import best_headline

    arts = [clean_article(a) for a in (_T3, _T1, _T2)]
    head = best_headline(arts)
    # the question is refused; of the two others (equally central) the first wins, rubric removed
    assert head.headline and head.text == "Poutine reçoit Kim Jong-un au cosmodrome."
    assert head.article_ids == ["t1"] and head.sources[0].article_id == "t1"
    facets = plan(arts, 40, headline=True)
    assert facets[0].text == head.text and not any(f.headline for f in facets[1:])
    assert len(facets) > 1 and sum(len(f.text.split()) for f in facets) <= 40
    assert plan(arts, 40)[0].headline is False  # off unless asked
    assert plan(arts, 8, headline=True)[0].headline is False  # over half the budget: no headline
    assert best_headline([clean_article(_A), clean_article(_B)]) is None  # untitled articles
    teaser = Article("t4", _T1.text, title="Fusillade à Munich : ce que l’on sait")
    assert best_headline([teaser]) is None


def test_sentences_of_one_article_keep_their_source_order():
    from summarize.select.follow import source_order
    from summarize.select.plan import Facet
    from summarize.types import RankedSentence

    def facet(article, position, score):
        return Facet([RankedSentence(f"{article}{position}", score, article, position)], score,
                     f"{article}{position}")

    ordered = source_order([facet("a", 3, 0.9), facet("b", 0, 0.8), facet("a", 0, 0.7)])
    assert [f.text for f in ordered] == ["a0", "b0", "a3"]  # b keeps its place between them


def test_facets_briefing_says_its_headline_once_with_its_sources(tmp_path):
    from summarize.brief import make_briefings

    b = make_briefings([("c", [_T1, _T2])], load("facets", max_words=40))[0]
    assert b.sentences[0].origin == "headline" and b.sentences[0].article_ids == ["t1"]
    assert b.title == "Poutine reçoit Kim Jong-un au cosmodrome" and not b.unsupported
    md = b.to_markdown()
    assert md.startswith("# Poutine reçoit Kim Jong-un au cosmodrome [t1]\n")
    body = md.split("## Sources")[0]
    assert body.count("Poutine reçoit") == 1  # the heading says it, the body does not repeat it
    assert "headline" not in load("facets-untitled", max_words=40).summarize([[_T1, _T2]])[0]
    assert load("facets-untitled").name == "facets-untitled"


def test_title_lead_anchor_says_the_title_then_the_earliest_lead():
    out = load("title-lead", max_words=12).summarize([[_T3, _T1]])[0]  # T3: a question, later
    assert out == "Poutine reçoit Kim Jong-un au cosmodrome. Le président russe a reçu mercredi"


def test_a_sentence_about_one_of_a_group_not_named_points_back():
    from summarize.select.readable import readable

    assert not readable("L’un d’eux, victime d’un malaise, n’a pas pu être secouru.")
    assert not readable("Même son de cloche aux Pays-Bas, où le député a réclamé un référendum.")
    assert readable("L’un des trois pêcheurs, victime d’un malaise, n’a pas pu être secouru.")


class _Fitting:
    """A compressor that shortens nothing but can cut one known sentence to a length."""

    long = ("Le maire de Lyon, très en colère après un long débat au conseil municipal, a signé mardi "
            "soir le texte qui interdit les voitures dans le centre historique de la ville.")
    short = "Le maire de Lyon a signé mardi soir le texte qui interdit les voitures dans le centre."

    def compress(self, sentence: str, df=None) -> str:
        return sentence

    def fit(self, sentence: str, max_words: int) -> str:
        return self.short if sentence == self.long and len(self.short.split()) <= max_words else ""


def test_a_facet_too_long_for_the_budget_is_said_compressed_to_fit():
    article = clean_article(Article("a", _Fitting.long + " Les commerçants du centre ont protesté."))
    facets = plan([article], 23, compressor=_Fitting())
    assert [f.text for f in facets] == [_Fitting.short, "Les commerçants du centre ont protesté."]
    assert facets[0].edits == [{"type": "compress", "from": _Fitting.long, "to": _Fitting.short}]
    without = plan([article], 23)  # the whole sentence does not fit
    assert [f.text for f in without] == ["Les commerçants du centre ont protesté."]


def test_such_and_insults_are_told_apart_from_set_phrases_and_quotes():
    from summarize.select.readable import insulting, such

    assert such("Moscou et Pyongyang ont nié de telles intentions.")
    assert such("Il préférerait mourir plutôt que d’envisager une telle option.")
    assert not such("Les pluies ont été fortes, de telle sorte que la route est coupée.")
    assert not such("Des mesures telles que le confinement ont été prises.")
    assert insulting("Le dictateur s’apprête à discuter avec le tyran Vlad, 70 ans.")
    assert not insulting("Elle a dénoncé « un tyran » devant la presse.")
    assert not insulting("La taxe a été jugée tyrannique par le studio.")


def test_the_two_men_need_a_sentence_before_that_counts_them():
    """"Les deux hommes …" names people its source introduced: the condensed plan says it only
    after a sentence that counts them (blind readings 11 and 12)."""
    from summarize.select.context import the_two

    assert the_two("Les deux hommes se rencontreront en tête-à-tête en fin de matinée.", [])
    assert the_two("L’un des deux suspects a été mis en examen vendredi soir.", ["Le procès a été renvoyé."])
    assert not the_two("L’un des deux suspects a été mis en examen vendredi soir.",
                       ["Agression à Paris : les deux suspects mis en examen."])
    assert not the_two("Les députés ont voté le texte mardi soir.", [])
    assert not the_two("Les deuxièmes tours auront lieu en juin.", [])


def test_a_planner_may_be_stricter_about_what_dangles():
    """``plan(dangles=…)`` leaves out what the predicate says points back; the default is
    ``dangling`` (a demonstrative's noun)."""
    from summarize.select.plan import dangling

    text = ("Les deux hommes se rencontreront jeudi à Valence pour un déjeuner avec des maires. "
            "Le président de la République se rendra dans la Drôme jeudi pour le grand débat national.")
    article = clean_article(Article("a", text))
    default = [f.text for f in plan([article], 40)]
    strict = [f.text for f in plan([article], 40, dangles=lambda t, before: dangling(t, before)
                                   or t.startswith("Les deux"))]
    assert any(t.startswith("Les deux") for t in default)
    assert not any(t.startswith("Les deux") for t in strict) and strict


def test_sentences_inside_a_quote_that_spans_sentences_are_told():
    """The middle of a quote split over sentences has no quote marks: said alone, its words
    would become the briefing's (blind reading 11)."""
    from summarize.select.readable import inside_quote

    article = ["Marine Le Pen a salué le vote.", "« Les Néerlandais ont droit à un référendum.",
               "On ne peut pas se laisser mourir silencieusement.",
               "L’UE a fait assez de dégâts », estime-t-elle.", "Le FN appelle à un référendum."]
    assert inside_quote(article) == [False, False, True, True, False]
    straight = ['"Il y a un décret en cours.', 'Le masque sera généralisé", a précisé le ministre.',
                "Olivier Véran a appelé les Français à porter un masque."]
    assert inside_quote(straight) == [False, True, False]  # the closing sentence opens nothing
    never_closed = ["« Soit entre le 23 et le 28 mai.", "Autrement dit, au plus tard le 28 mai.",
                    "Une ordonnance sera présentée.", "Le second tour est repoussé.", "Fin."]
    assert not any(inside_quote(never_closed))  # a typo, not a quote
    reversed_marks = ["Il faut » soutenir la culture « a-t-il dit.", "Les syndicats ont condamné l’intrusion. »"]
    assert not any(inside_quote(reversed_marks))
    closes_then_quotes = ["« Il y a des lignes de fracture.", "Il faut du temps.",
                          "Il faut passer outre » a-t-il soutenu, concédant que cette étape « implique un travail ».",
                          "« Quand la glace s’est constituée, il faut des brise-glaces.",
                          "Ca fait un peu de fracas mais ça crée une voie de passage.",
                          "C’est notre responsabilité » a-t-il ajouté."]
    assert inside_quote(closes_then_quotes) == [False, True, True, False, True, True]
    from summarize.select.rank import rank

    cleaned = clean_article(Article("a", " ".join(article)))  # the default plan leaves them out (reading 14)
    ranked = rank([cleaned])
    kept = {r.text for r in PlannedSummarizer().sayable(ranked, [cleaned])}
    assert "On ne peut pas se laisser mourir silencieusement." not in kept
    assert "Marine Le Pen a salué le vote." in kept and len(kept) == len(ranked) - 2


def test_an_opening_link_goes_only_when_it_alone_keeps_a_sentence_from_reading_alone():
    """``unlinked``: the condenser's repair of a link to a sentence the briefing may not say."""
    from summarize.select.readable import readable, unlinked

    cases = {
        "Toutefois, les conducteurs sont restés très mobilisés, à 77,3% de grévistes.":
            "Les conducteurs sont restés très mobilisés, à 77,3% de grévistes.",
        "Mais lors de l’audience vendredi, le tribunal s’est déclaré incompétent.":
            "Lors de l’audience vendredi, le tribunal s’est déclaré incompétent.",
        "Par ailleurs le rassemblement est situé sur un plateau calcaire.":
            "Le rassemblement est situé sur un plateau calcaire.",
        "L’alerte a, en revanche, été levée pour la Haute-Garonne mardi.":
            "L’alerte a été levée pour la Haute-Garonne mardi.",
        "Le masque est également obligatoire dans les entreprises depuis lundi.":
            "Le masque est obligatoire dans les entreprises depuis lundi.",
        "En l’occurrence, le gouvernement envisage de prolonger le dispositif.":  # reading 18
            "Le gouvernement envisage de prolonger le dispositif.",
        "Le directeur général de la Santé Jérôme Salomon a pour sa part dressé un bilan mondial.":  # reading 19
            "Le directeur général de la Santé Jérôme Salomon a dressé un bilan mondial.",
        "Le ministre, pour sa part, a dressé un bilan de la situation sanitaire.":
            "Le ministre a dressé un bilan de la situation sanitaire.",
        "Nicolas Sarkozy conserve de son côté la tête du classement auprès des sympathisants de droite.":
            "Nicolas Sarkozy conserve la tête du classement auprès des sympathisants de droite.",
        "Une enquête a donc été ouverte par le parquet de Paris.":  # readings 27-29
            "Une enquête a été ouverte par le parquet de Paris.",
        "Le FBI a quant à lui refusé de commenter ces informations mardi.":  # session 31
            "Le FBI a refusé de commenter ces informations mardi.",
        "Marine Le Pen a fustigé, quant à elle, « l’abandon récurrent » des policiers.":
            "Marine Le Pen a fustigé « l’abandon récurrent » des policiers.",
        # reading 38: a time counted from an unsaid event, the fact kept
        "Dix-huit mois plus tard, les juges ont accédé à la demande d’Ayoub El-Khazzani.":
            "Les juges ont accédé à la demande d’Ayoub El-Khazzani.",
        "La veille, le ministre de la Santé avait annoncé que les visites pourraient reprendre.":
            "Le ministre de la Santé avait annoncé que les visites pourraient reprendre.",
        # reading 40: compared with, or the outcome of, what the briefing may not say
        "À titre de comparaison, la police française tue une vingtaine de personnes par an.":
            "La police française tue une vingtaine de personnes par an.",
        "À l’issue du processus, l’auteur de l’infraction reçoit la contravention à son domicile.":
            "L’auteur de l’infraction reçoit la contravention à son domicile.",
        "Parallèlement, la peur d’attraper le coronavirus se maintient au même niveau.":
            "La peur d’attraper le coronavirus se maintient au même niveau.",
    }
    for source, said in cases.items():
        assert not readable(source) and unlinked(source) == said and readable(said)
    for stays in ("Et ce, afin de diminuer le gain pour la deuxième tranche à 30 %.",  # "Ce, afin…"
                  "Mais il a refusé de répondre aux questions des journalistes.",  # still a pronoun
                  "Il a « également dit » que tout allait bien ce mardi.",  # inside a quote
                  "Le trafic sera également perturbé.",  # too short without it
                  "Le ministre a annoncé mardi la fin du confinement.",  # reads alone already
                  "A l’issue d’un conseil d’administration réuni lundi soir, la direction a soutenu ce projet.",
                  # a narrative infinitive or an inverted verb needs its link (session 23's review)
                  "Et de citer en exemple l’usine Toyota d’Onnaing (Nord).",
                  "Et le chef de l’Etat de sortir de sa réserve face aux critiques.",
                  "Puis sont venues des accusations directes contre le ministre.",
                  "Et encore, seuls ceux qui ont un abonnement pourront voyager.",
                  "En outre, ajoute Serbast Sabri, maire de Kani Massi, « un civil a été retrouvé »."):  # session 24
        assert unlinked(stays) == stays


def test_a_demonstrative_is_anchored_in_its_own_article():
    from summarize.select.facet import Facet
    from summarize.select.plan import _elsewhere
    from summarize.types import RankedSentence

    def facet(text, article):
        return Facet([RankedSentence(text, 1.0, article, 0, [article])], 1.0, text, [article])

    drone = facet("Un homme a été interpellé après avoir coincé son drone sur la cathédrale.", "a")
    fiche = facet("Fiché S, cet homme a été interpellé à l’aéroport de Roissy.", "b")
    assert _elsewhere(fiche, [drone])  # another article's man is someone else
    assert not _elsewhere(fiche, [facet("Un homme de 29 ans a été arrêté mardi soir à Paris.", "b")])
    # a definite only its article introduced (session 27: another story's derailment after the giraffes)
    giraffes = facet("Deux girafes d’un parc animalier de Floride ont été tuées par la foudre.", "a")
    incident = facet("L’incident s’est produit samedi 1er juin dans le parc animalier de Romanèche-Thorins.", "b")
    assert _elsewhere(incident, [giraffes])
    assert not _elsewhere(incident, [facet("Le petit train du zoo a déraillé avec trente personnes à bord.", "b")])
    assert not _elsewhere(incident, [facet("Un incident a eu lieu dans un zoo de Saône-et-Loire samedi.", "a")])
    victims = facet("Les victimes ont été transportées à l’hôpital de Mâcon dans la soirée.", "b")
    assert not _elsewhere(victims, [facet("Une collision a fait trois victimes samedi sur la route.", "a")])


def test_a_second_mention_needs_its_first():
    from summarize.select.context import unintroduced

    assert unintroduced("Mercredi, M. Zuckerberg a mis en avant sa détermination.", ["Facebook se fixe un objectif."])
    assert not unintroduced("M. Zuckerberg a parlé mercredi.", ["Mark Zuckerberg a annoncé un plan."])
    assert unintroduced("Selon Mme de Gaulle, la décision est prise.", ["Le ministre a parlé."])
    assert not unintroduced("Le ministre a parlé mercredi à Paris.", [])


@pytest.mark.parametrize("text, noun", [
    ("L’incident s’est produit samedi 1er juin en début d’après-midi.", "incident"),
    ("La nouvelle a été annoncée dimanche par le quotidien italien.", "nouvelle"),
    ("Le jeune homme n’était pas connu des services de police.", "jeune homme"),
    ("La nouvelle loi entrera en vigueur le 1er janvier.", None),
    ("La victime de l’attentat a été identifiée mardi.", None),
    ("L’affaire Benalla a rebondi mardi devant le Sénat.", None),
    ("Le gouvernement a présenté son plan de relance jeudi.", None),
    ("L’animateur a voulu rendre un hommage à son père décédé.", "animateur"),
    ("Le ministre a annoncé que le nombre de textes serait allégé.", "ministre"),
    ("Le président américain a préféré Twitter pour se moquer de Greta Thunberg.", None),
    ("Le candidat démocrate Joe Biden a qualifié les propos de « grotesques ».", None),
    ("Le ministre de l’Intérieur a annoncé mardi de nouvelles mesures.", None),
    # blind reading 27
    ("La démission de lundi fait suite à la confirmation de son successeur.", "démission"),
    ("Selon le ministère de l’Intérieur, l’attaque de samedi visait Kurshid TV.", "attaque"),
    ("La jeune fille qui a tenté de l’empêcher de tomber a été hospitalisée.", "jeune fille"),
    # blind reading 32: one of a set said before
    ("L’un des fichiers, que se sont procurés Le Monde et France 2, se penche sur le glyphosate.", "fichiers"),
    ("L’un des blessés a été touché par balles à la cuisse.", "blessés"),
    ("L’une des plus grandes entreprises du pays a annoncé un plan social.", None),
    ("L’un des dirigeants du parti a démissionné mardi.", None),
    ("L’ancienne ministre ne pense pas que les questions institutionnelles soient au cœur du débat.", "ministre"),
    ("L’ancien président de la République a été entendu mardi.", None),
    # blind reading 37: what an event noun names, said before
    ("Le soutien n’est pas surprenant mais a le mérite de la clarté.", "soutien"),
    ("L’idée est réapparue le 7 septembre à l’occasion du lancement du mensuel.", "idée"),
    ("L’idée est de s’affranchir du modèle actuel de tests moléculaires.", None),
])
def test_an_opening_definite_that_points_back(text, noun):
    from summarize.select.context import anaphor
    assert anaphor(text) == noun


@pytest.mark.parametrize("text, noun", [
    ("Le film dépeint une histoire d’amour dans l’Angleterre de la fin du siècle.", "film"),
    ("Réunie en assemblée générale lundi, la rédaction avait voté contre cette nomination.", "rédaction"),
    ("Le pompier blessé a reçu un projectile dans un oeil.", "pompier"),
    ("Le ministre français des Affaires étrangères Jean-Yves Le Drian a exclu tout report.", None),
    ("Eric Piolle, le maire écologiste de Grenoble, a salué une « victoire ».", None),
    ("Le gouvernement a présenté son plan pour le film.", None),
    ("La semaine dernière, le pompier a témoigné.", "pompier"),
    ("La semaine dernière a été difficile pour le pompier.", None),
])
def test_an_opening_definite_its_article_introduced(text, noun):
    """Blind readings 27-28: "le magazine", "la rédaction", "le syndicat" never introduced."""
    from summarize.select.context import given, pointing
    earlier = ["Un pompier et un ministre ont vu le film que la rédaction du magazine a choisi."]
    assert given(text, earlier) == noun
    assert not given(text, ["Rien à voir."])
    if noun:
        assert pointing(text, earlier, ["Le préfet a parlé."])
        assert not pointing(text, earlier, [f"Un {noun} a été cité hier."])


def test_a_sentence_cut_to_fit_is_judged_as_said():
    """A compression made to fit the words left goes through ``dangles`` too (blind reading 24:
    "Selon les résultats préliminaires…, un « court-circuit » lié à l'un des respirateurs." lost
    its verb)."""
    articles = [Article("a", "Selon les autorités, un court-circuit lié à un respirateur serait à l'origine "
                             "du drame survenu dans le service de réanimation de l'hôpital Saint-Guéorgui.")]

    class Fit:
        def compress(self, text, df=None):
            return text

        def fit(self, text, max_words):
            return "Selon les autorités, un court-circuit lié à un respirateur."

    def dangles(text, before):
        return text.endswith("respirateur.")  # verbless: not said

    said = plan(articles, 12, ranked=None, compressor=Fit(), dangles=dangles)
    assert all(not f.text.endswith("respirateur.") for f in said)


def test_a_starved_briefing_under_a_headline_neither_repeats_it_nor_says_half_a_quote():
    from summarize.select.plan import _adds

    title = "Coronavirus : pour Didier Raoult, « l’épidémie est en train de se terminer »."
    assert not _adds("Selon lui, « l’épidémie est en train de se terminer ».", title)
    assert not _adds("Emmanuel Macron « n’a pas honte de l’amitié qu’il a pour moi.", title)
    assert _adds("Puisque l’épidémie est, selon lui, derrière nous, le Pr Raoult en dresse son bilan.", title)
