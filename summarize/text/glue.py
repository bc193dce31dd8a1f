"""Glued sentences: insert the missing space in ``jeudi.Le`` (linear time; see ``clean``), and
put a sub-heading glued to its sentence ("hachoirPeu avant midi") on a line of its own."""

from __future__ import annotations

import re

UPPER = "A-ZÀ-ÖØ-ÞŒ"
LOWER = "a-zß-öø-ÿœ"

# --- Glued sentences -------------------------------------------------------------------------

#: Titles before a name: ``M.Dupont`` is never split.
TITLES = frozenset(
    ["M", "MM", "Mme", "Mmes", "Mlle", "Mlles", "Mr", "Mrs", "Ms", "Dr", "Drs", "Pr", "Me", "Mgr", "St", "Ste", "Sts", "Gén", "Gal", "Col", "Cdt", "Lt", "Sgt", "Capt", "Prof", "Vve"]
)
#: Other abbreviations that are followed by more of the same sentence.
ABBREVIATIONS = TITLES | frozenset(["cf", "ex", "av", "bd", "boul", "chap", "fig", "éd", "coll", "env", "hab", "apr", "tél"])
#: Words that start a sentence: after a single letter (``Formula E.La``) they mean a new one.
SENTENCE_STARTS = frozenset(
    ["Le", "La", "Les", "L", "Un", "Une", "Il", "Elle", "Ils", "Elles", "Ce", "Cette", "Ces", "Cet", "C", "Avec", "Depuis", "Dans", "En", "Au", "Aux", "Pour", "Mais", "Et", "Selon", "Si", "De", "Des", "Du", "D", "Après", "Avant", "Lors", "Son", "Sa", "Ses", "Leur", "Leurs", "On", "Nous", "Je", "Tout", "Toute", "Tous", "Toutes", "Une", "Par", "Sur", "Sous", "Pendant", "Enfin", "Ainsi", "Alors", "Cependant", "Pourtant", "Quant", "Celle", "Celui", "Ceux", "Cela", "Ça"]
)
_GLUE = re.compile(rf"(?:[.!?…]+[»)\]]*\"?|[»)\]]+[.!?…]*|\"[.!?…]+)(?=\"?\(?[{UPPER}])")
_WORD_BEFORE = re.compile(r"[\w’'.-]*\w$")
_NEXT_WORD = re.compile(r"[\"«(]?([^\W\d_]{2,}|[LCDJ](?=['’]))")
_DOMAIN_END = re.compile(r"\w\.(?:fr|com|org|net|eu|io|info|be|ch|ca)$")
_URLISH = re.compile(r"://|^[Ww][Ww][Ww]\.|@|\.(?:fr|com|org|net|eu|io|gouv|info|be|ch|ca)\b")

_RUN = re.compile(r'[.!?…»)\]"]+')
_WINDOW = 16
_TOKEN_LEFT = re.compile(r"[^\s«»\"“”]*$")
_TOKEN_RIGHT = re.compile(r"[^\s«»\"“”]*")


def _token_at(text: str, pos: int) -> str:
    """The run of characters around ``pos`` between spaces or quotes (a URL never has them)."""
    left = _TOKEN_LEFT.search(text, max(0, pos - 300), pos).group()  # always matches
    return left + _TOKEN_RIGHT.match(text, pos, pos + 300).group()


def _is_abbreviation(text: str, dot: int) -> bool:
    """Whether the ``.`` at ``dot`` ends an abbreviation or initial (``M.``, ``U.S.``, ``Dr.``)."""
    match = _WORD_BEFORE.search(text, max(0, dot - 40), dot)
    if not match or (match.start() and text[match.start() - 1] == "/"):  # km/h.
        return False
    word = match.group().split(".")[-1].split("-")[-1]
    if word in ABBREVIATIONS:
        return True
    if len(word) != 1 or not word.isalpha():
        return False
    after = _NEXT_WORD.match(text, dot + 1)  # ``Formula E.La`` ends a sentence, ``R.Kelly`` not
    return not (after and after.group(1) in SENTENCE_STARTS and word not in TITLES)


def _glue(match: re.Match[str]) -> str:
    punct, text, start = match.group(), match.string, match.start()
    if (punct.rstrip(".!?…") == "" and _URLISH.search(_token_at(text, start))
            and not _DOMAIN_END.search(text, max(0, start - 10), start)):
        return punct  # inside a URL, e-mail or domain name (``site.fr.Le`` is split)
    if punct == "." and _is_abbreviation(text, start):
        return punct
    if punct.endswith('"') and len(punct) > 1 and not text.startswith('"', match.end()):
        return punct[:-1] + ' "'  # `."Le`: the quote opens the next sentence
    return punct + " "


def _glue_matches(par: str):
    """The ``_GLUE`` matches of ``par``, in linear time: the pattern is only tried on the last
    :data:`_WINDOW` characters of each run of closing punctuation (a match ends a run, and
    trying every start of a 40,000-dot run would be quadratic)."""
    for run in _RUN.finditer(par):
        start, end = run.span()
        for match in _GLUE.finditer(par, max(start, end - _WINDOW), end + 3):
            if match.start() < end:  # a match starting after the run belongs to the next run
                yield match


def repair_glued(par: str) -> str:
    """Insert the missing space in ``jeudi.Le``, ``fin ?Le``, ``(83)Plage``, ``».Les``…"""
    for _ in range(4):  # a split can change the token seen by a kept one (``site.fr.A.Le``)
        parts, last, kept, split = [], 0, False, False
        for match in _glue_matches(par):
            fixed = _glue(match)
            kept, split = kept or fixed == match.group(), split or fixed != match.group()
            parts += [par[last:match.start()], fixed]
            last = match.end()
        par = "".join(parts) + par[last:]
        if not (kept and split):
            break
    return par


# --- Glued sub-headings ----------------------------------------------------------------------

#: A web page's sub-heading or bullet glued to the next sentence ("Campagne chaotiqueL’ancienne",
#: "TUERIES DE MASSELes enquêteurs", "Une attaque au hachoirPeu avant midi", "Flambée des cas à
#: MarseilleMardi,", "passé ?• Météo France"): the sentence starts a new line. The word after is one
#: a sentence opens with (a function word, a day, an adverb in -ment), never a brand's second half
#: ("YouTube", "TikTok", "BlackRock") nor a name: 71 of the 209 lower-upper junctions left in the
#: 1,440 validation articles are split, every one a heading ("Rapports tendusÀ l'époque, la
#: fillette…": "À" since session 23's review).
_HEADING_GLUE = re.compile(rf"(?:(?<=[{LOWER}]{{2}})|(?<=[{UPPER}]{{2}}))(?=(?:Le|La|Les|Un|Une|Des|Du|De|Il|Elle|Ils|"
                           rf"Elles|Ce|Cette|Ces|Cet|Cela|Ceux|En|Au|Aux|Dans|Pour|Par|Parmi|Sur|Chez|Avec|"
                           rf"Sans|Sauf|Malgré|Outre|Face|Lors|Selon|Depuis|Après|Avant|Mais|Et|On|Alors|Si|"
                           rf"Comme|Comment|Tout|Tous|Toutes|Certains|Certaines|Plusieurs|Deux|Trois|Quatre|"
                           rf"Cinq|Peu|Près|Désormais|Déjà|Ainsi|Aujourd[’']hui|Lundi|Mardi|Mercredi|Jeudi|"
                           rf"Vendredi|Samedi|Dimanche|[{UPPER}][{LOWER}]{{3,}}ment)[\s,]|[LDC][’'][{LOWER}])|"
                           rf"(?<=[{LOWER}]{{2}})(?=[AÀ][\s,])|\s*•\s*|"  # not "reCAPTCHA et"
                           # a name glued to a heading's last capitals ("auprès de l'ONUMathias Echène",
                           # "SÉCURITÉAgnès Buzyn", "sympathisants PSFrançois Hollande": reading 36),
                           # not a brand ("JCDecaux.", "TVMag pour")
                           rf"(?<=[{UPPER}]{{2}})(?!Ième\b)(?=[{UPPER}][{LOWER}]{{2,}}\s[{UPPER}][{LOWER}])")  # not "IIIème Reich"


#: An agency's sub-heading between dashes, glued to the sentence after it ("- Poursuites
#: « inacceptables » -Dans la capitale…", "l'annonce.- Initiative française -Plus tôt…"; 209 sentences of
#: the 1,440 validation articles held one), or a bullet dash glued to its sentence ("-Selon la
#: Constitution, …"). Not an aside between dashes, which goes on in lower case (" - il se
#: prononcera d'ici l'été - dresse…", nor " - il se prononcera … le Royaume-Uni": a heading opens with no
#: lower-case letter and its closing dash follows a space), nor a word's hyphen or a double dash.
_DASH_HEADING = re.compile(rf"(?:^|(?<=[\s.!?…»]))-(?:\s?(?P<head>[^-.!?\n{LOWER}][^-.!?\n]{{0,79}}?)\s-)?(?=[«\"{UPPER}])")


#: An aside between dashes glued to its words, mid-sentence ("Quatre présidents de la Ve République
#: -Emmanuel Macron, …, Valéry Giscard d'Estaing-, en sont diplômés": blind reading 29): its
#: opening dash follows a lower-case word, and its closing one ends a word before the sentence does.
_ASIDE = re.compile(rf"[{LOWER}]\s$")
_ASIDE_END = re.compile(r"[^.!?…\n]*?[^\s-]-(?=[\s,;.])")


def _dash_heading(match: re.Match[str]) -> str:
    text, start = match.string, match.start()
    if match.group("head") is None and _ASIDE.search(text, max(0, start - 2), start) \
            and _ASIDE_END.match(text, match.end()):
        return match.group()
    return f"\n{match.group('head') or ''}\n"


#: A sub-heading glued to the quote that opens the next paragraph ("Hommage le 11
#: novembre«J'apprends avec tristesse…", "aussi de durée«Après un palier…", blind reading 17),
#: as the straight quotes read by context leave it: a guillemet glued to a word never opens a
#: quote inside a sentence (44 of the 1,440 validation articles held one).
_QUOTE_HEADING = re.compile(rf"(?<=[{LOWER}]{{2}})(?=«[{UPPER}])")
#: The sentence after a sub-heading that ends with a quote, glued to its closing guillemet ("Les
#: "gilets jaunes" promettent un "septembre noir"La mobilisation…", "Des méthodes de
#: barbouzes"La révélation…", session 32; or a sentence's end without its full stop: "encourt "sept
#: ans d'emprisonnement"En fin d'après-midi"): a closing guillemet glued to a word never goes on
#: with its sentence.
_QUOTE_END_HEADING = re.compile(rf"(?<=[{LOWER}]»)(?=[{UPPER}][{LOWER}])")


#: A bullet's sub-heading followed, after a space, by its paragraph's first sentence ("• Violences
#: à Montpellier La préfecture relevait…", "• Manuel Valls L'ex-Premier ministre…", blind reading 27;
#: the 5 of the 1,440 validation articles that hold one are all headings). The next word is a
#: determiner or pronoun before a lower-case word, never a name ("• Marine Le Pen dénonce…").
#: ``_OPENS``: the words a paragraph's first sentence opens with, after a heading.
_OPENS = "Le|La|Les|Un|Une|Des|Il|Elle|Ils|Elles|Ce|Cette|Ces|Selon|Dans|En|Pour|Depuis|Après|Mais"
_BULLET_HEADING = re.compile(rf"•\s*(?P<head>[{UPPER}][^.!?•\n«»]{{2,60}}?)\s(?=(?:{_OPENS}|Lors|On)\s[{LOWER}]|"
                             rf"L['’][{LOWER}])")


#: A sub-heading followed, after a space, by its paragraph's first sentence, where no bullet
#: marks it: a short phrase with no comma or verb-like opener, ending in a lower-case word
#: before a determiner or pronoun and a lower-case word ("600 données à traiter par policier
#: Les enquêteurs…", "Emmanuel Macron tient à sauver la gastronomie française Le président…":
#: blind reading 29), or words all in capitals before a capital or a quote ("HYPERTENSION « Je
#: souffre…", "UN TRACTEUR POINTANT À 30 KM/H « À fond…": reading 30; "ÉCŒURÉS « C'est…":
#: reading 37), but not before a quote in capitals ("MANUEL VALLS DOIT « S'HABITUER »"). It
#: opens a paragraph or follows a sentence's end. Not a title of a work ("adieux à On n'est pas couché", "le média local
#: L'indépendant"), nor a name ("Kim Jong Un lui-même"), nor an acronym ("L'OMS Europe",
#: "L'ONG « La Paix… »"). In the 1,440 validation articles: 38 sentences, every one a heading.
_WORD = r"[^.!?,;:«»•\n\s]"  # a heading's character: no punctuation of a sentence
_SPACED_HEADING = re.compile(
    rf"(?:^|(?<=[.!?…»] ))(?P<head>(?!(?:Selon|Dans|Pour|Avec|Sur|Par|Après|Avant|Depuis|Lors|Comme|Il|Elle|Ils|"
    rf"Elles|On|Je|Nous|Vous|De|À|Au|En)\s)[{UPPER}0-9]{_WORD}*(?:(?:\s{_WORD}+){{0,8}}?\s[{LOWER}0-9]{_WORD}*)?"
    rf"[{LOWER}]{{2}})\s(?=(?:{_OPENS}|Outre|Malgré|Face|Alors|Ainsi|Cependant|Pourtant|Toutefois|Désormais)"
    rf"\s(?!et\s|ou\s)[{LOWER}]|L['’][{LOWER}])"
    rf"|(?:^|(?<=[.!?…»] ))(?P<caps>(?:[{UPPER}0-9'’/-]+\s){{0,9}}?[{UPPER}0-9'’/-]*[{UPPER}])\s(?=[«\"]\s?[{UPPER}](?![{UPPER}]|['’][{UPPER}])|[{UPPER}][{LOWER}])")
#: Capitals long enough to be no acronym: one word of an all-capital heading's ``caps``, or
#: the whole of it when it is one word ("L'UNESCO « appelle »" is no heading).
_CAPS_WORD, _CAPS_ALONE = re.compile(rf"[{UPPER}]{{5,}}"), re.compile(rf"[{UPPER}]{{7,}}")


#: Words a heading never ends with ("…avait déjà été tirée par L'association des journalistes"),
#: or before a title ("au film La cage aux folles", "l'émission Il en pense quoi Camille ?").
_NOT_LAST = frozenset((
    "par", "de", "du", "des", "d", "à", "au", "aux", "pour", "avec", "sur", "dans", "en", "et",
    "ou", "que", "qui", "le", "la", "les", "l", "un", "une", "son", "sa", "ses", "leur", "leurs",
    "ce", "cette", "ces", "est", "a", "ont", "sont", "film", "films", "émission", "série", "livre",
    "roman", "journal", "magazine", "quotidien", "hebdomadaire", "chanson", "album", "pièce",
    "spectacle", "ouvrage", "titre", "chaîne", "site",
))
#: A verb a sentence without its full stop has, which a heading seldom has ("C'est la tentation
#: En marche", "La pastille sera diffusée avant l'émission Il en pense quoi…").
_ELIDED = re.compile(r"[LD]['’]")
_VERB = re.compile(r"\b(?:a|ont|est|sont|avait|avaient|était|étaient|sera|seront|serait|va|vont|c['’]est)\s", re.IGNORECASE)


def _spaced_heading(match: re.Match[str]) -> str:
    caps = match.group("caps")
    if caps is None:
        head = match.group("head")
        sentence = head.rsplit(None, 1)[-1].lower() in _NOT_LAST or _VERB.search(head) \
            or _ELIDED.match(head) and " " not in head  # "L'élue Les républicains est…": its subject
        return match.group() if sentence else f"{head}\n"
    shouting = (_CAPS_WORD if " " in caps else _CAPS_ALONE).search(caps)
    return f"{caps}\n" if shouting else match.group()


def split_quote_headings(par: str) -> str:
    """A sub-heading glued to an opening guillemet, or a sentence glued to a closing one, starts
    its own line (before ``_typography`` spaces the guillemet)."""
    return _QUOTE_END_HEADING.sub("\n", _QUOTE_HEADING.sub("\n", par)) if "«" in par else par


def split_headings(par: str) -> str:
    """A glued sub-heading or bullet starts its own line."""
    if "-" in par:
        par = _DASH_HEADING.sub(_dash_heading, par)
    if "•" in par:
        par = _BULLET_HEADING.sub(lambda m: f"\n{m.group('head')}\n", par)
    if "•" in par or any(c.isupper() for c in par[1:]):
        par = _HEADING_GLUE.sub("\n", _SPACED_HEADING.sub(_spaced_heading, par))
    return re.sub(r"\n\s*\n", "\n", par).strip() if "\n" in par else par
