"""Clean: boilerplate removal on the seeds, glued sentences, typography, idempotence, CLI."""

from __future__ import annotations

import collections
import gzip
import itertools
import json
import re
from pathlib import Path

import pytest
from clirunner import run_here
from hypothesis import given, settings
from hypothesis import strategies as st

from summarize.text.clean import CleanResult, clean_article, clean_report, clean_text
from summarize.text.ingest import load_articles
from summarize.types import Article

ROOT = Path(__file__).resolve().parents[2]
SEED_002 = "seeds/002_d9d4b13520489947.txt"

BOILERPLATE = [
    "Pour visionner", "JavaScript", "navigateur qui", "HTML5", "\nvidéo", "vidéo Les", "(Photo",
    "Getty", "Crédit", "Plus: Tendance", "Contactez notre équipe", "[email", "protected]",
    "Pour plus d’histoires", "Obtenez ce dont", "bien-être, analyses", "reCAPTCHA", "window.",
    "function", "fbApi", "Lien source", "{", "}", "CLIQUEZ ICI", "FOX NEWS", "a contribué à",
    "KIM JONG UN DE LA CORÉE",
    # captions (they repeat a body sentence in the scraped page)
    "Les deux hommes se serrent la main avant le sommet",
    "Le président russe a indiqué sa volonté",
    "se serrent la main lors de leur rencontre à Tsiolkovsky",
]

REAL_SENTENCES = {
    "002": [
        ("Kim Jong-un a déclaré à Vladimir Poutine que la « grande Russie » triompherait du « "
         "mal » alors que les deux tyrans se rencontreraient pour des pourparlers qui pourraient"
         " conduire à un accord d’armement fournissant au Kremlin des armes pour sa guerre en "
         "Ukraine."),
        ("Le dirigeant nord-coréen a rencontré le président russe mercredi pour un sommet rare "
         "au cours duquel ils devraient avoir conclu un accord visant à fournir à Moscou des "
         "obus d’artillerie indispensables en échange d’une technologie satellitaire avancée."),
        ("Poutine, 70 ans, a fait visiter à Kim, 39 ans, le site de lancement de fusées "
         "spatiales le plus avancé de Russie, dans l’Extrême-Orient russe, après que ce dernier "
         "ait traversé la frontière dans son train blindé."),
        ("« L’armée et le peuple russes remporteront certainement une grande victoire dans la "
         "lutte sacrée pour la punition d’un grand mal qui revendique l’hégémonie et alimente "
         "une illusion expansionniste. »"),
        ("Les responsables américains et sud-coréens ont exprimé leur inquiétude quant au fait "
         "que Kim fournisse des armes et des munitions à la Russie, qui a dépensé de vastes "
         "stocks au cours de plus de 18 mois de guerre en Ukraine."),
        "Moscou et Pyongyang ont nié de telles intentions.",
        ("RPDC est l’abréviation de République populaire démocratique de Corée, le nom officiel "
         "de la Corée du Nord."),
        ("Pour la Russie, le sommet a été l’occasion de harceler les États-Unis, la grande "
         "puissance partisane de l’Ukraine, même s’il n’était pas clair jusqu’où Poutine était "
         "prêt à aller pour répondre aux souhaits technologiques de la Corée du Nord."),
        ("Poutine a déclaré que Kim envisageait désormais de visiter des usines d’aviation "
         "militaire et civile dans la ville russe de Komsomolsk-sur-l’Amour et d’inspecter la "
         "flotte russe du Pacifique à Vladivostok."),
        ("Le choix de se réunir au cosmodrome de Vostochny – symbole des ambitions russes en "
         "tant que puissance spatiale – était remarquable, la Corée du Nord ayant échoué à deux "
         "reprises à lancer des satellites de reconnaissance au cours des quatre derniers mois."),
        ("Après avoir fait visiter à Kim un bâtiment où est assemblée l’Angara, la nouvelle "
         "fusée de lancement spatiale russe de 42,7 mètres, Poutine a déclaré que Kim avait "
         "montré un « grand intérêt pour l’ingénierie des fusées »."),
        ("Alors que Kim traversait les forêts russes en train, la Corée du Nord a lancé deux "
         "missiles balistiques à courte portée depuis une zone proche de la capitale, Pyongyang,"
         " dans la mer au large de sa côte est."),
        ("Kim n’a effectué que sept voyages à l’étranger au cours de ses 12 années au pouvoir, "
         "tous en 2018 et 2019."),
        ("« Cette sagesse populaire est pleinement applicable aux relations modernes entre nos "
         "pays. »"),
    ],
    "001": [
        ("Le dictateur nord-coréen s’apprête à discuter avec le tyran Vlad, 70 ans, de la "
         "fourniture d’armes pour soutenir l’invasion russe de l’Ukraine."),
        ("Kim – qui quitte rarement son pays – serait prêt à donner à Poutine des obus "
         "d’artillerie et des missiles antichar en échange de technologies de satellites et de "
         "sous-marins nucléaires."),
    ],
    "003": [
        ("Il a aussi fait l’éloge de l’armée russe « héroïque », engagée dans un assaut en "
         "Ukraine depuis plus d’un an et demi."),
        "« La Russie respecte toutes ces restrictions.",
    ],
    "004": [
        ("Pendant ce temps, les États-Unis ont averti que tout accord d’armement entre la Corée "
         "du Nord et la Russie violerait les résolutions du Conseil de sécurité de l’ONU que la "
         "Russie elle-même a votées pour approuver."),
        ("Le régime de Kim a poursuivi sa démonstration de force qui durait depuis plusieurs "
         "mois, même en l’absence de son dirigeant, en lançant deux missiles balistiques dans la"
         " mer quelques heures avant la réunion."),
    ],
    "000": [
        ("Il se rendra dans la capitale russe le 18 septembre pour s’entretenir avec son "
         "homologue russe Sergueï Lavrov."),
    ],
}


@pytest.fixture(scope="module")
def seeds() -> dict[str, tuple[Article, CleanResult]]:
    """Seed articles by number prefix ("000"…"004"), each with its clean report."""
    return {a.id[:3]: (a, clean_report(a.text)) for a in load_articles([str(ROOT / "seeds")])}


def _words(text: str) -> collections.Counter:
    return collections.Counter(re.findall(r"\w+", text))


# --- seeds -----------------------------------------------------------------------------------


def test_seed_boilerplate_is_gone(seeds):
    for key, (_, result) in seeds.items():
        for junk in BOILERPLATE:
            assert junk not in result.text, (key, junk)


@pytest.mark.parametrize("key", sorted(REAL_SENTENCES))
def test_seed_real_sentences_survive_whole(seeds, key):
    text = seeds[key][1].text
    for sentence in REAL_SENTENCES[key]:
        assert sentence in text


def test_seed_removals_are_reported_by_kind(seeds):
    kinds = {key: {r.kind for r in result.removed} for key, (_, result) in seeds.items()}
    assert kinds["002"] == {"video", "caption", "credit", "footer", "script"}
    assert kinds["001"] == {"caption", "credit"}
    assert kinds["004"] == {"promo", "contributor"}
    assert kinds["000"] == kinds["003"] == set()
    removed_002 = [r.text for r in seeds["002"][1].removed]
    assert "Plus: Tendance" in removed_002 and "Lien source" in removed_002
    assert any(t.startswith("window.fbApi = (function ()") and t.endswith("})();")
               for t in removed_002)


def test_seeds_without_boilerplate_keep_every_word(seeds):
    for key in ("000", "003"):  # a tabloid's "VLADIMIR Poutine" is written as a name
        article, result = seeds[key]
        assert _words(result.text.lower()) == _words(article.text.replace("'", "’").lower())
    assert seeds["000"][1].text.startswith("Vladimir Poutine et Kim Jong-un")


def test_a_first_name_in_capitals_is_written_as_a_name_and_an_acronym_stays():
    assert clean_text("VLADIMIR Poutine et Kim Jong-un se sont vus.").startswith("Vladimir Poutine")
    assert clean_text("ÉMILE Zola a écrit.").startswith("Émile Zola")
    for kept in ("SNCF Réseau a annoncé des travaux.", "RATP Dev a perdu le marché.",
                 "RPDC est le nom officiel.", "La SNCF Réseau a dit.", "VLADIMIR POUTINE a dit."):
        assert clean_text(kept) == kept


def test_paragraphs_are_single_newlines(seeds):
    article, result = seeds["000"]
    assert "\n\n" not in result.text and "  " not in result.text
    assert result.text.count("\n") == len([p for p in article.text.split("\n") if p.strip()]) - 1


# --- glued sentences -------------------------------------------------------------------------


@pytest.mark.parametrize(
    ("raw", "expected"),
    [
        ("annoncée jeudi.Le gouvernement a cédé.", "annoncée jeudi. Le gouvernement a cédé."),
        ('a dit le syndicat."Le montant est faible", a-t-il dit.',
         "a dit le syndicat. « Le montant est faible », a-t-il dit."),
        ('Il a conclu."Nous verrons.', 'Il a conclu. "Nous verrons.'),  # unbalanced: left as is
        ("« Il viendra. »Le lendemain, il est venu.", "« Il viendra. » Le lendemain, il est venu."),
        ("la « précarité ».Selon la revue, non.", "la « précarité ». Selon la revue, non."),
        ("Vraiment ?Le président a répondu.", "Vraiment ? Le président a répondu."),
        ("Incroyable!Les fans ont crié.", "Incroyable! Les fans ont crié."),
        ("enquête (OCLCIFF).Le parquet a ouvert.", "enquête (OCLCIFF). Le parquet a ouvert."),
        ("Saint-Tropez (83)Plage de Pampelonne.", "Saint-Tropez (83) Plage de Pampelonne."),
        ("sets Lego...Le prix est connu.", "sets Lego... Le prix est connu."),
        ("à 300 km/h.Le record est battu.", "à 300 km/h. Le record est battu."),
        ("en Formule 1.Un moment fort.", "en Formule 1. Un moment fort."),
        ("à 12h30.Le train part.", "à 12h30. Le train part."),
        ("le site la1ere.fr.Le maire a parlé.", "le site la1ere.fr. Le maire a parlé."),
        ("en Formula E.La course a eu lieu.", "en Formula E. La course a eu lieu."),
    ],
)
def test_glued_sentences_are_separated(raw, expected):
    assert clean_text(raw) == expected


@pytest.mark.parametrize(
    "text",
    [
        "M.Dupont est arrivé avec Mme.Martin et le Dr.House.",
        "La fusée mesure 42,7 mètres et pèse 3.5 tonnes.",
        "Voir www.site.fr et https://x.com/a.B pour plus.",
        "Écrire à prenom.Nom@site.fr pour répondre.",
        "Les U.S.A. et J.K. Rowling ont signé.",
        "Le train part à 12h30 ce jeudi.",
        "Il a vu M. Macron et R.Kelly.",
    ],
)
def test_abbreviations_numbers_urls_are_left_alone(text):
    assert clean_text(text) == text


# --- typography ------------------------------------------------------------------------------


@pytest.mark.parametrize(
    ("raw", "expected"),
    [
        ("«\u00a0Bonjour\u202f» dit-il\u00a0: «oui».", "« Bonjour » dit-il : « oui »."),
        ("“Bonjour” dit-il.", "« Bonjour » dit-il."),
        ('Il a dit "non" puis "oui".', "Il a dit « non » puis « oui »."),
        ('Il mesure 6" de haut.', 'Il mesure 6" de haut.'),
        ("l'armée d'Ukraine aujourd'hui", "l’armée d’Ukraine aujourd’hui"),
        ("Il a dit 'oui' hier.", "Il a dit 'oui' hier."),
        ("e\u0301te\u0301 pre\u0301vu", "été prévu"),
        ("anti\u00adconstitution\u200bnel", "anticonstitutionnel"),
        ("Un.\r\n\r\n\n   Deux   trois.\t Quatre.\n", "Un.\nDeux trois. Quatre."),
        ("près de 6\u202f000 ogives", "près de 6 000 ogives"),
    ],
)
def test_typography(raw, expected):
    assert clean_text(raw) == expected


def test_clean_article_normalizes_title_and_keeps_fields():
    article = Article(id="x", text="jeudi.Le texte.", title="L'été «chaud»", date="2023-09",
                      source="x.txt")
    cleaned = clean_article(article)
    assert (cleaned.id, cleaned.date, cleaned.source) == ("x", "2023-09", "x.txt")
    assert cleaned.text == "jeudi. Le texte." and cleaned.title == "L’été « chaud »"
    assert article.text == "jeudi.Le texte."  # the input is not modified
    assert clean_article(Article(id="y", text="Un.")).title is None


def test_other_scripts_and_truncated_embeds():
    text = ("Texte réel. var x = 1; function f() { return g(2); } Suite du texte.\n"
            "Fin. window.pvp_abc = new Pvp('dm', {idDM: \"x5\"}, { 'sequenceUrl': \"//pms.orange")
    result = clean_report(text)
    assert result.text == "Texte réel. Suite du texte.\nFin."
    assert [r.kind for r in result.removed] == ["script", "script"]


def test_orangesum_style_credits_and_video_titles():
    text = ("Le prix est de 990 000 €.Crédit photo : Nissan\n"
            "Il neige. Intempéries : 3 mortspar euronews (en français)Le préfet a parlé.\n"
            "Il a dit non. Retraites : un compromis ? - 10/01par BFMTVInterrogé, il a ri.\n"
            "La voiture est prête.Photo : la Bugatti Chiron à Francfort")
    result = clean_report(text)
    assert result.text == ("Le prix est de 990 000 €.\nIl neige. Le préfet a parlé.\n"
                           "Il a dit non. Interrogé, il a ri.\nLa voiture est prête.")
    assert [(r.kind, r.text) for r in result.removed] == [
        ("credit", "Crédit photo : Nissan"), ("video", "Intempéries : 3 morts"),
        ("credit", "par euronews (en français)"), ("video", "Retraites : un compromis ? - 10/01"),
        ("credit", "par BFMTV"), ("credit", "Photo : la Bugatti Chiron à Francfort")]


# --- properties ------------------------------------------------------------------------------

FRAGMENTS = [
    "jeudi", "Le", "gouvernement", "été", "Noël", "cœur", "ça", "l'armée", "l’État", "M.",
    "Dupont", "Mme", "U.S.A.", "42,7", "3.5", "12h30", "www.site.fr", "a@b.fr", "(83)", "«", "»",
    '"', "“", "”", "'", "’", ".", "?", "!", "…", "...", ",", ":", ";", "(", ")", " ", " ", " ",
    "\n", "\n\n", "\u00a0", "\u202f", "\u00ad", "e\u0301", "\t", "Plage", "Il", "À",
    "Crédit : AP", "(Photo : AFP)", "Plus: Tendance", "Lien source", "CLIQUEZ ICI", "vidéo",
    "var x = 1;", "[email protected]", "par BFMTV", "Photo : BMW", "KIM JONG UN ARRIVE EN RUSSIE",
    "Source : AP", "par euronews (en français)", "Contactez notre équipe de presse",
    "Obtenez ce dont vous avez besoin", " a contribué à ce rapport", '[EMBED url=""]',
    "window.f = function () {", "}", "})();", ("Pour visionner cette vidéo, veuillez activer "
    "JavaScript"), "navigateur qui", "prend en charge HTML5", "VIDÉO - ", "Cliquez ici pour",
    "https://x.com/a.B", "km/h", "Formula E", "R.Kelly", "Lien source",
]
ALPHABET = "abcdeéèàçœùêîô’'«»\"ABCDÉÀŒ .,;:!?()-…\n\u00a0\u202f0123456789"

noisy_text = st.lists(
    st.one_of(st.sampled_from(FRAGMENTS), st.text(alphabet=ALPHABET, max_size=6)), max_size=40
).map("".join)


@settings(max_examples=400, deadline=None)
@given(noisy_text)
def test_clean_is_idempotent(text):
    once = clean_text(text)
    assert clean_text(once) == once


VOCAB = [
    "le", "la", "les", "un", "une", "des", "président", "gouvernement", "a", "annoncé", "jeudi",
    "mercredi", "réforme", "retraites", "à", "Paris", "Moscou", "Kim", "Poutine", "été", "élève",
    "forêt", "cœur", "garçon", "où", "ça", "l'armée", "d’Ukraine", "aujourd'hui", "42,7",
    "mètres", "12h30", "18", "mois", "très", "déclaré", "Corée", "Nord", "État", "contre",
    "avec", "sans", "pour", "Extrême-Orient", "sous-marins", "n’a", "qu'il", "Mme", "Dupont",
]
sentence = st.builds(
    lambda words, end, quote: quote[0] + " ".join([words[0].capitalize(), *words[1:]]) + end
    + quote[1],
    st.lists(st.sampled_from(VOCAB), min_size=3, max_size=12),
    st.sampled_from([".", "!", "?", "…"]),
    st.sampled_from([("", ""), ("« ", " »"), ('"', '"'), ("“", "”")]),
)
article_text = st.builds(
    lambda sentences, glues: "".join(a + b for a, b in zip(sentences, glues, strict=False)),
    st.lists(sentence, min_size=1, max_size=8),
    st.lists(st.sampled_from(["", " ", "  ", "\n", "\n\n", "\u00a0"]), min_size=8, max_size=8),
)


@settings(max_examples=300, deadline=None)
@given(article_text)
def test_words_of_ordinary_sentences_are_never_removed(text):
    cleaned = clean_text(text)
    assert _words(cleaned) == _words(text)
    assert clean_text(cleaned) == cleaned


# --- OrangeSum -------------------------------------------------------------------------------

GLUED = re.compile(r"[a-zà-ÿ]{3}[.!?][A-ZÀ-Ý][a-zà-ÿ]")


@pytest.mark.data
def test_orangesum_articles_are_repaired_and_barely_shortened(orangesum_dir):
    with gzip.open(orangesum_dir / "documents.jsonl.gz", "rt", encoding="utf-8") as fh:
        texts = [json.loads(line)["article"] for line in itertools.islice(fh, 1500)]
    results = [clean_report(t) for t in texts]
    glued_before = sum(len(GLUED.findall(t)) for t in texts)
    glued_after = sum(len(GLUED.findall(r.text)) for r in results)
    assert glued_before > 1000 and glued_after <= glued_before // 100
    removed = sum(len(r.text) for res in results for r in res.removed)
    assert removed < 0.02 * sum(len(t) for t in texts)
    assert all(clean_text(r.text) == r.text for r in results)


# --- CLI -------------------------------------------------------------------------------------


def run_cli(*args: str, stdin: str | None = None):
    return run_here("clean", *args, stdin=stdin, timeout=120)


def test_cli_clean_seed_002():
    proc = run_cli(SEED_002)
    assert proc.returncode == 0
    assert proc.stdout.startswith("# 002_d9d4b13520489947\n")
    for junk in BOILERPLATE:
        assert junk not in proc.stdout
    for sentence in REAL_SENTENCES["002"]:
        assert sentence in proc.stdout


def test_cli_json_and_explain():
    proc = run_cli("seeds", "--format", "json", "--explain")
    assert proc.returncode == 0
    records = [json.loads(line) for line in proc.stdout.splitlines()]
    assert [r["id"][:3] for r in records] == ["000", "001", "002", "003", "004"]
    assert set(records[2]) == {"id", "title", "date", "text", "removed"}
    assert records[2]["date"] == "2023-09"
    assert {r["kind"] for r in records[2]["removed"]} >= {"script", "footer", "video"}
    assert "# 002_d9d4b13520489947: 18 removal(s)" in proc.stderr
    assert "  footer: Lien source" in proc.stderr


def test_cli_writes_files_and_refuses_to_overwrite(tmp_path):
    out = tmp_path / "out"
    assert run_cli("seeds", "-o", str(out)).returncode == 0
    assert sorted(p.name for p in out.iterdir()) == sorted(
        p.name for p in (ROOT / "seeds").iterdir())
    again = load_articles([str(out)])
    assert again[2].date == "2023-09" and "reCAPTCHA" not in again[2].text
    assert all(clean_text(a.text) == a.text.strip() for a in again)  # written text is clean
    proc = run_cli("seeds", "-o", str(out))
    assert proc.returncode == 2 and proc.stderr.startswith("error: ") and "--force" in proc.stderr
    assert run_cli("seeds", "-o", str(out), "--force").returncode == 0


def test_cli_errors_and_bad_files(tmp_path):
    proc = run_cli(str(tmp_path / "absent.txt"))
    assert proc.returncode == 2 and proc.stderr.startswith("error: ")
    assert proc.stderr.count("\n") == 1
    (tmp_path / "empty").mkdir()
    proc = run_cli(str(tmp_path / "empty"))
    assert proc.returncode == 2 and proc.stderr.startswith("error: ")
    (tmp_path / "mix").mkdir()
    (tmp_path / "mix" / "good.txt").write_text("jeudi.Le texte.", encoding="utf-8")
    (tmp_path / "mix" / "bad.txt").write_bytes(b"\x00\x01binary\x00")
    proc = run_cli(str(tmp_path / "mix"))
    assert proc.returncode == 0 and proc.stdout == "# good\njeudi. Le texte.\n"
    assert proc.stderr.startswith("warning: ") and "bad.txt" in proc.stderr
    proc = run_cli(str(tmp_path / "mix"), "--strict")
    assert proc.returncode == 2 and proc.stderr.startswith("error: ") and "bad.txt" in proc.stderr


def test_cli_stdin():
    proc = run_cli("-", stdin=" date 2023-09 Il a parlé jeudi.Le texte suit.")
    assert proc.returncode == 0 and proc.stdout == "# stdin\nIl a parlé jeudi. Le texte suit.\n"


def test_a_glued_sub_heading_or_bullet_becomes_its_own_line():
    from summarize.text.segment import split_sentences

    text = ("Campagne chaotiqueL’ancienne ministre ne siégera pas au Conseil de Paris. "
            "L’automne s’installe vendredi.• Météo France a placé deux départements en vigilance.")
    glued = ("Une attaque au hachoirPeu avant midi, un homme a blessé deux personnes. "
             "Flambée des cas à MarseilleMardi, le préfet a annoncé l’obligation du masque. "
             "Rapports tendusÀ l’époque, la fillette était venue. Dans le CentreA Tours, le port est obligatoire.")
    for raw, lines in ((text, ["Campagne chaotique", "L’ancienne ministre ne siégera pas au Conseil de Paris.",
                               "L’automne s’installe vendredi.",
                               "Météo France a placé deux départements en vigilance."]),
                       (glued, ["Une attaque au hachoir", "Peu avant midi, un homme a blessé deux personnes.",
                                "Flambée des cas à Marseille",
                                "Mardi, le préfet a annoncé l’obligation du masque.", "Rapports tendus",
                                "À l’époque, la fillette était venue.", "Dans le Centre",
                                "A Tours, le port est obligatoire."])):
        assert split_sentences(clean_text(raw)) == lines
    bullets = ("Une voiture a été incendiée. • Violences à Montpellier La préfecture relevait 1.500 "
               "manifestants. • Manuel Valls L’ex-Premier ministre a parlé. • Marine Le Pen dénonce la situation.")
    assert split_sentences(clean_text(bullets)) == [  # blind reading 27; never a name
        "Une voiture a été incendiée.", "Violences à Montpellier", "La préfecture relevait 1.500 manifestants.",
        "Manuel Valls", "L’ex-Premier ministre a parlé.", "Marine Le Pen dénonce la situation."]
    spaced = ("Il a parlé. 600 données à traiter par policier Les enquêteurs cherchent des images. "
              "La gastronomie française menacée Outre ses soucis, il a parlé. HYPERTENSION « Je souffre "
              "d’hypertension », s’est défendu le maire. DES MARQUES DE PREMIER PLAN Sur cette liste figurent des "
              "bonbons. UN TRACTEUR POINTANT À 30 KM/H « À fond », a-t-il dit.")
    assert split_sentences(clean_text(spaced)) == [  # blind readings 29-30
        "Il a parlé.", "600 données à traiter par policier", "Les enquêteurs cherchent des images.",
        "La gastronomie française menacée", "Outre ses soucis, il a parlé.", "HYPERTENSION",
        "« Je souffre d’hypertension », s’est défendu le maire.", "DES MARQUES DE PREMIER PLAN",
        "Sur cette liste figurent des bonbons.", "UN TRACTEUR POINTANT À 30 KM/H", "« À fond », a-t-il dit."]
    titles = ("Selon le média local L’indépendant, la météorite est tombée. Kim Jong Un lui-même a parlé. "
              "Son personnage a inspiré le film La cage aux folles. La sonnette d’alarme a été tirée par "
              "L’association des journalistes. L’OMS Europe réunit ses membres. L’UNESCO « appelle » les États. "
              "L’élue Les républicains est revenue sur Twitter.")
    assert clean_text(titles) == titles  # titles, names and acronyms: no heading
    dashes = ("Des milliers de manifestants ont défilé.- Poursuites « inacceptables » -Dans la capitale, "
              "des rassemblements ont lieu. -Selon la Constitution, le président doit consulter.")
    assert split_sentences(clean_text(dashes)) == [
        "Des milliers de manifestants ont défilé.", "Poursuites « inacceptables »",
        "Dans la capitale, des rassemblements ont lieu.", "Selon la Constitution, le président doit consulter."]
    quoted = ('La moitié sud sera touchée.Un épisode très fort et aussi de durée"Après un palier, les '
              'températures vont remonter", explique le prévisionniste. Il a déclaré "Nous partons".')
    assert split_sentences(clean_text(quoted)) == [
        "La moitié sud sera touchée.", "Un épisode très fort et aussi de durée",
        "« Après un palier, les températures vont remonter », explique le prévisionniste.",
        "Il a déclaré « Nous partons »."]
    closing = ('Le PNF n’avait pas répondu."Des méthodes de barbouzes"La révélation a provoqué un tollé. '
               'La passagère encourt "sept ans de prison"En fin d’après-midi, la procureure a parlé. '
               'Il a lu "Le Monde" jeudi.')
    assert split_sentences(clean_text(closing)) == [  # session 32: a sentence glued to a closing quote
        "Le PNF n’avait pas répondu.", "« Des méthodes de barbouzes »", "La révélation a provoqué un tollé.",
        "La passagère encourt « sept ans de prison »", "En fin d’après-midi, la procureure a parlé.",
        "Il a lu « Le Monde » jeudi."]
    asides = ("Le candidat - il se prononcera d’ici l’été - dresse un portrait sombre. Paris-Lyon a fini 3-2. "
              "Le projet --un territoire que l’Etat occupe-- est critiqué.")
    assert clean_text(asides) == asides
    # an aside whose closing dash was lost is no heading (the Royaume-Uni was cut in two: session 24)
    hyphens = ("Celui qui sera peut-être candidat - il se prononcera d’ici l’été dresse un portrait sombre de "
               "l’Union européenne, alors que le Royaume-Uni s’apprête à voter, avec Jean-Michel Blanquer (58 %, -4).")
    assert clean_text(hyphens) == hyphens
    names = "Il a acheté un iPhone chez McDonald à Paris avec LeBron James."
    assert clean_text(names) == names and clean_text(clean_text(text)) == clean_text(text)
    brands = "Les vidéos de YouTube et TikTok inquiètent BlackRock et EasyJet, selon BuzzFeed."
    assert clean_text(brands) == brands
    # a heading's last capitals glued to a name or an opener (reading 36), not a brand
    glued = "Un recours auprès de l’ONUMathias Echène a été emprisonné en 2017. La contre-attaque du RNDe son côté, il a parlé."
    assert split_sentences(clean_text(glued)) == [
        "Un recours auprès de l’ONU", "Mathias Echène a été emprisonné en 2017.", "La contre-attaque du RN",
        "De son côté, il a parlé."]
    caps = 'Il a été placé en garde à vue.DES HABITANTS ÉCŒURÉS"C\'est inadmissible", a déclaré le maire.'
    assert split_sentences(clean_text(caps))[1:] == [
        "DES HABITANTS ÉCŒURÉS", "« C’est inadmissible », a déclaré le maire."]  # reading 37
    brand = "Un marché publicitaire de la Ville avec JCDecaux. Un article de TVMag pour les lecteurs du IIIème Reich."
    assert clean_text(brand) == brand
