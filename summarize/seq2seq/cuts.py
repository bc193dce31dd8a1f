"""Where a constituent's cut ends: the punctuation that goes with it (:func:`cut_junction`,
:func:`between_commas`), and the cuts a parse offers that are misparses or take what the rest of
the sentence needs (:func:`misparsed`), and the contrastive pronoun a compression drops too
(:func:`uncontrasted`). Written by hand: no library says which commas a French
deletion takes; the rules come from the blind reviews of accepted edits (session 23: 28 of 160
failed, then 15 of a fresh 160) and are tested on those sentences.
"""

from __future__ import annotations

import re
from collections.abc import Sequence
from itertools import pairwise

from summarize.seq2seq.editor import protected
from summarize.text.edits import DELETE, Edit

COORDINATION = frozenset(("et", "ou", "ni", "puis"))
#: Verbs of saying: an attribution ("a-t-il ajouté", "a déclaré") stays with its quote.
SAYING = frozenset({
    "dit", "déclaré", "indiqué", "ajouté", "affirmé", "précisé", "expliqué", "souligné", "assuré",
    "estimé", "annoncé", "rapporté", "raconté", "confié", "martelé", "insisté",
    "déplore", "explique", "ajoute", "affirme", "précise", "estime", "assure", "souligne",
    "indique", "raconte", "rapporte", "confie", "selon", "d'après", "prévenu", "prévient",
    "averti", "lancé", "répondu", "répond", "rappelé", "rappelle", "noté",
    "observé", "observe", "commenté", "tweeté", "écrit", "jugé", "regretté",
    "regrette", "dénoncé", "dénonce", "reconnu", "reconnaît", "poursuivi", "poursuit", "constaté",
    "constate", "relevé", "signalé", "témoigné", "révélé", "révèle", "confirmé", "confirme"})

RELATIVE = frozenset(("dont", "où", "duquel", "desquels", "desquelles", "auquel", "auxquels",
                      "auxquelles", "lequel", "laquelle", "lesquels", "lesquelles", "quoi"))

OPENERS = frozenset(("en", "dans", "à", "a", "au", "aux", "sur", "selon", "pour", "après", "avant",
                     "depuis", "lors", "malgré", "outre", "pendant", "chez", "face", "entre"))
_DETERMINERS = frozenset(("le", "la", "les", "l", "un", "une", "des", "ce", "cet", "cette", "ces", "son",
                          "sa", "ses", "leur", "leurs"))
_DURATIONS = frozenset(("jour", "jours", "semaine", "semaines", "mois", "an", "ans", "année", "années",
                        "heure", "heures", "minute", "minutes"))
_SUBORDINATORS = frozenset(("si", "que", "qu", "lorsque", "quand", "comme", "et", "mais", "ou", "car", "puisque"))
#: Words that open a fronted subordinate clause, which keeps its comma ("Si …, les internautes…"); not "Mais".
_FRONTED_CLAUSE = frozenset(("si", "s", "quand", "lorsque", "lorsqu", "puisque", "comme", "alors", "bien", "tandis",
                             "dès", "même", "parce"))
_CLITICS = frozenset(("lui", "leur", "me", "te", "se", "nous", "vous", "le", "la", "les", "y", "en"))
_CONNECTIVES = frozenset(("effet", "outre", "revanche", "fait", "somme", "réalité", "bref", "tout"))
_AUXILIARY = frozenset(("a", "ont", "avait", "avaient", "aura", "auront", "aurait", "auraient", "est", "sont",
                        "était", "étaient", "sera", "seront", "serait", "seraient", "été"))
#: Verbs whose "de" + infinitive is what is asked (the parse may hang it on a noun).
_ASKING = ("demand", "appel", "exhort", "invit", "propos", "conseill", "ordonn", "prié", "prie", "somm", "enjoi",
           "recommand", "suppli", "interd", "autoris", "charg")
_PLACING = ("plac", "mis", "met", "class", "maint", "transform", "convert", "érig",  # the parse has no lemmas
            "précipit", "plong", "entraîn", "pouss", "jet")
#: Verbs whose complement is what someone is accused of (reading 29: the offence cut away).
_ACCUSING = ("suspect", "soupçonn", "accus", "poursuivi", "condamn", "inculp", "reproch")
#: Offences: what qualifies one ("tentative d'homicide [sur personne dépositaire de l'autorité
#: publique]") is the charge itself (reading 32: the cut made an attack on an officer read as the police's).
_OFFENCES = frozenset(("homicide", "homicides", "meurtre", "meurtres", "assassinat", "assassinats", "violences",
                       "viol", "viols", "agression", "agressions", "vol", "vols", "outrage", "outrages", "menaces",
                       "séquestration", "enlèvement", "escroquerie", "harcèlement", "diffamation", "injure", "injures",
                       "apologie", "provocation", "incitation", "trafic", "recel", "fraude", "corruption", "blanchiment",
                       "complicité", "détournement", "extorsion", "coups", "blessures", "torture", "tortures",
                       "atteinte", "atteintes", "infraction", "infractions", "délit", "délits", "crime", "crimes"))
#: Nouns of a relation, whose "entre …" says between whom ("la polarisation croissante de
#: l'opinion[, entre le camp pro-démocratie et le camp pro-Pékin]": reading 32).
_RELATIONS = frozenset(("polarisation", "tension", "tensions", "fossé", "rivalité", "conflit", "accord", "négociations",
                        "dialogue", "différend", "fracture", "rupture", "relations", "lien", "liens", "match", "duel",
                        "écart", "guerre", "affrontement", "affrontements", "opposition", "rapprochement", "alliance",
                        "rencontre", "débat", "divorce", "partenariat", "coopération", "clivage", "division", "divisions",
                        "compétition", "mésentente", "bras", "face-à-face", "fusion", "échanges", "différence"))
#: Words that head a compound preposition ("tout au long de", "lors de"): a cut ending on one
#: leaves its "de" behind ("baisse [tout au long] de la diffusion").
_PREPOSITION_HEADS = frozenset(("long", "autour", "auprès", "grâce", "quant", "afin"))
_LINKS = frozenset(("comme", "que", "qu", "de", "d", "à", "et", "ou", "mais"))
_BACK = re.compile(r"^(?:ce|ces|cette|celui|celle|ceux|celles)[- ]?(?:derni(?:er|ère|ers|ères)|ci)$")


def misparsed(tok, words: Sequence[str], i: int, j: int, content: Sequence[str]) -> str | None:
    """Why the cut ``words[i:j]`` (``tok``'s subtree) is a misparse or takes what the rest
    needs, or None. Each rule is an accepted edit that session 23's review of 160 found wrong:
    a subject or object read as a modifier ("[Le feu,] aux origines encore inconnues, est…"), a verb taken
    from its subject ("et les résultats [y sont aussi en baisse]"), a relative pronoun cut from
    its clause ("meetings électriques [où, libéré…,] il peut…"), a colon's announcement, a link
    cut from what it introduces ("[tout comme] le recrutement"), a set phrase ("voler [en
    éclat]", "[en tête] des sondages"), a duration's anchor ("dix jours [avant le
    confinement]"), a reason left alone ("[, ce qui fait grincer des dents] car…"), the
    antecedent of "ces derniers" said after it; and from the second review, a clause with a
    subject of its own ("…, [le port du masque sera obligatoire]."), a bare infinitive
    complement ("en déclarant [vouloir faire…]"), a participle cut from its auxiliary ("ont [en
    effet prévu] de…") and a noun cut from its adjective ("[dans une nouvelle gare] récemment
    ouverte"); and from the third, a restriction ("ne peut être accomplie [que manuellement]")
    and a placing verb's complement ("a placé le Niger [en zone rouge]"); and session 27's
    fresh clusters: a noun's determiner ("accueille [dans l'urgence des femmes] victimes") and
    what a pronominal verb ending the sentence needs ("on s'oriente aussi [vers …]."); and
    session 28's readings: what someone is accused of, a restriction inside a reported claim, a
    fronted state, an example, a verb's "à" + infinitive, a later or earlier event; and reading 32:
    the words a plural verb agrees with, after a singular subject, what qualifies an offence and
    between whom a relation is."""
    span = [w.lower() for w in words[i:j]]
    if ":" in span or ";" in span:
        return "a colon inside"
    if i == 0 and span[0] in _DETERMINERS:
        return "a subject"
    if span[span[0] == ","] == "entre" and any(w.lower() in _RELATIONS for w in words[max(0, i - 9):i]):
        return "a relation's terms"  # "la polarisation … de l'opinion[, entre le camp … et …]" (reading 32)
    if i and words[i - 1].lower() in _OFFENCES:
        return "an offence's qualification"  # "tentative d'homicide [sur personne dépositaire…]" (reading 32)
    subject, verb = tok.head, tok.head.head
    if subject.dep_.startswith("nsubj") and verb.i > tok.i and not any(c.dep_ == "conj" for c in subject.children) \
            and {*subject.morph.get("Number")} and {*verb.morph.get("Number")} \
            and not {*subject.morph.get("Number")} & {*verb.morph.get("Number")}:
        return "what the verb agrees with"  # "la jeune femme[, venue avec une amie et leurs enfants,] ont" (reading 32)
    if tok.pos_ in ("NOUN", "PROPN") and tok.dep_ in ("obl:mod", "acl", "advcl") and not any(
            c.dep_ == "case" for c in tok.children):
        return "an argument"  # "ont trouvé, lundi 23 juin, [un accord sur le texte…,] les associations"
    if any(c.dep_.startswith("nsubj") for c in tok.children) and not any(c.dep_ == "mark" for c in tok.children) \
            and span[span[0] == ","] not in RELATIVE | COORDINATION | {"qui", "que", "qu", "mais"}:
        return "a clause of its own"  # "…, et le long du parcours, [le port du masque sera obligatoire]."
    if "Inf" in tok.morph.get("VerbForm") and not any(c.dep_ in ("mark", "case") for c in tok.children):
        return "a complement"  # "en déclarant sur BFMTV [vouloir faire une évaluation…]"
    after = tok.doc[tok.right_edge.i + 1] if tok.right_edge.i + 1 < len(tok.doc) else None
    after = after.head if after is not None and after.dep_ == "advmod" and after.head.i > after.i else after
    if tok.pos_ in ("NOUN", "PROPN") and after is not None and after.dep_ in ("amod", "acl") and after.head.i < tok.left_edge.i \
            and not (i and words[i - 1].lower() in _AUXILIARY):  # not "a [par ailleurs] appelé"
        return "a modifier left behind"  # "[dans une nouvelle gare] récemment ouverte"
    sub = {t.i for t in tok.subtree}
    if any(t.i not in sub for t in tok.doc[tok.left_edge.i:tok.right_edge.i + 1]):
        return "not a constituent"
    if any(t.pos_ == "VERB" and t.dep_ != "conj" and finite(t) and not any(
            c.dep_.startswith("nsubj") or c.dep_ == "expl:subj" for c in t.children) for t in tok.subtree):
        return "a verb without its subject"  # also "Olivier Faure, …, [a lui aussi réagi,] avançant…"
    first = tok.doc[tok.left_edge.i]
    if (i and words[i - 1].lower() in _AUXILIARY and any("Part" in t.morph.get("VerbForm") for t in tok.subtree)) \
            or ("Part" in first.morph.get("VerbForm") and "Past" in first.morph.get("Tense")
                and any(w.lower() in _AUXILIARY for w in words[max(0, i - 6):i])):
        return "a participle's auxiliary"  # "ont [en effet prévu] de…", "que l'on avait, à tort, [donné pour mort]"
    opens = span[1] if span[0] == "," and len(span) > 1 else span[0]
    if opens in ("qui", "que", "qu") and any(" ".join(w.lower() for w in words[k:k + 2]) in ("c ’", "c '", "ce sont")
                                            and words[k + 2:k + 3] != ["qui"] for k in range(i)):
        return "a cleft"  # "c'est le chef de la Cour suprême, …, [qui a rallié leur camp]"
    if any(a == "et" and b == "," for a, b in pairwise(span)):
        return "a conjunct"  # "[, composé notamment d'une soupe…, de lotte… et, en dessert,] d'une ensaïmada"
    if opens in RELATIVE and not any("Fin" in t.morph.get("VerbForm") for t in tok.subtree):
        return "a relative pronoun"  # its clause's verb is not in the cut
    if span[-1] in _LINKS or span[-1] in _PREPOSITION_HEADS:
        return "a link"
    if tok.pos_ == "NOUN" and j < len(words) and words[j][:1].isupper() and span[-1][:1].isalpha() \
            and i and words[i - 1] != ",":
        return "a name left behind"  # "ont pénétré [dans le lycée] Blaise-Pascal de Clermont-Ferrand"
    if span[0] in ("que", "qu") or (i and words[i - 1].lower() in ("que", "qu")):
        return "a restriction"  # "ne peut être accomplie [que manuellement]", "ne … plus que [sur internet] à…"
    word = next((t for t in tok.doc[tok.right_edge.i + 1:] if not t.is_punct), None)  # the next word
    if span[0] == "parmi" and word is not None and word.pos_ in ("NUM", "PRON", "PROPN") and (
            word.dep_.startswith("nsubj") or word.dep_ == "ROOT"):
        return "a count's group"  # "[Parmi ceux-là,] trois ont été condamnés", "[Parmi eux,] on retrouve…";
        # not "[Parmi eux,] cinq adolescents lui réclament…"
    if tok.head.lower_.startswith(_PLACING) and ((tok.dep_ == "obl:mod" and span[0] in ("en", "dans", "vers")) or (
            tok.pos_ == "ADJ" and i and words[i - 1].lower() == tok.head.lower_)):
        return "a verb's complement"  # "a placé l'ensemble du Niger [en zone rouge]", "sont classés [cancérigènes]",
        # "précipiter l'Irak [dans le chaos]" (blind reading 25)
    head = tok.head
    if (opens in ("de", "d") and "Inf" in tok.morph.get("VerbForm") and (
            (head.pos_ == "VERB" and head.i < tok.i) or any(w.lower().startswith(_ASKING) for w in words[:i]))) \
            or (head.pos_ == "VERB" and "Inf" in head.morph.get("VerbForm") and i and words[i - 1].lower() == head.lower_
                and j < len(words) and words[j] == ","):
        return "a verb's complement"  # "demandé au président[, de céder la place]", "Afin de mieux lutter [contre la
        # fraude fiscale],"
    if (j >= len(words) - 1 or (tok.pos_ in ("NOUN", "PROPN") and any(c.dep_ == "case" for c in tok.children))) and any(
            t.dep_ in ("xcomp", "ccomp", "obl:arg", "obl:mod") and t.head.i < t.i and t.head.lower_.startswith(_ACCUSING)
            for t in (tok, *tok.ancestors)):
        return "an accusation"  # "suspecté d'avoir rémunéré …[, sous couvert de contrats d'assistants parlementaires]"
    clause = next((t for t in tok.ancestors if any(c.dep_ == "mark" and c.lower_ in ("que", "qu'", "qu’")
                                                   for c in t.children)), None)
    if clause is not None and clause.i > tok.i and (not i or words[i - 1] != ","):
        return "a claim's restriction"  # "que le risque posé par un rassemblement [dans un lieu fermé] représentait…" (reading 27)
    if i == 0 and "Part" in first.morph.get("VerbForm") and "Past" in first.morph.get("Tense"):
        return "a fronted state"  # "[Suspendu pendant la crise du coronavirus,] le processus … pourrait reprendre" (reading 29)
    if opens == "comme" and tok.pos_ in ("NOUN", "PROPN") and any(c.dep_ == "case" or c.lower_ == "comme" for c in tok.children):
        return "an example"  # "des choses indispensables en matière de santé[, comme l'avortement,]" (reading 29)
    if opens == "à" and "Inf" in tok.morph.get("VerbForm"):
        return "a verb's complement"  # "pousse le Premier ministre, Ehud Barak, [à retirer les troupes]" (reading 27)
    if (opens == "avant" and len(span) > 2 and span[1 + (span[0] == ",")] in ("de", "d")) \
            or (opens == "après" and len(span) > 2 and span[1 + (span[0] == ",")] in ("avoir", "être")):
        return "an event"  # "a tué quatre de ses collègues [avant d'être abattu]" (reading 27)
    if len(content) == 2 and content[0].lower() in ("en", "à", "a", "au", "aux") and content[1][:1].islower() \
            and content[1].lower() not in _CONNECTIVES and (i == 0 or words[i - 1] != ","):
        return "a set phrase"
    if i and words[i - 1].lower() in _DURATIONS and span[0] in ("avant", "après"):
        return "a duration's anchor"
    if j < len(words) and words[j].lower() in ("car", "parce", "puisque"):
        return "a reason left alone"
    if any(_BACK.match(" ".join(w.lower() for w in words[k:k + 2])) or _BACK.match(words[k].lower())
           for k in range(j, len(words))):
        return "an antecedent of ces derniers"
    doc, left, right = tok.doc, tok.left_edge.i, tok.right_edge.i
    nxt = doc[right + 1] if right + 1 < len(doc) else None
    if nxt is not None and left and doc[left - 1].pos_ in ("VERB", "AUX") and nxt.pos_ == "NOUN" \
            and nxt.text[:1].islower() and not any(c.dep_ in ("det", "case") for c in nxt.children):
        return "a noun's determiner"  # "qui accueille [dans l'urgence des femmes] victimes de violences" (session 27)
    before = left - 1
    if before > 0 and doc[before].text == ",":  # "est, selon lui, [derrière nous]": look past the incise
        before = next((k - 1 for k in range(before - 1, 0, -1) if doc[k].text == ","), before)
    if before >= 0 and doc[before].dep_ == "cop" and any(t.pos_ in ("NOUN", "PRON", "PROPN", "ADJ") for t in tok.subtree):
        return "a copula's attribute"  # "Puisque l'épidémie est, selon lui, [derrière nous]," (reading 26)
    if span[span[0] == ","] in ("alors", "tandis") and j == len(words) - 1:
        return "a contrast"  # "des commandes[, alors que ce matériel était jusque-là réservé aux soignants]." (reading 26)
    bare = doc[left - 1] if left else None
    if bare is not None and bare.dep_ == "conj" and bare.pos_ == "NOUN" and not any(
            c.dep_ in ("amod", "acl", "nmod") for c in bare.children) and any(
            c.dep_ in ("amod", "acl", "nmod", "acl:relcl") for c in bare.head.children if c.i < bare.i):
        return "a conjunct's modifier"  # "trois personnes décédées et une personne [dans un état grave]" (reading 26)
    if head.pos_ == "VERB" and head.i < left and all(t.is_punct for t in doc[right + 1:]) \
            and all(t.pos_ == "ADV" or t.is_punct for t in doc[head.i + 1:left]) \
            and any(c.dep_.startswith("expl") and c.i < head.i for c in head.children):
        return "a pronominal verb's complement"  # "on s'oriente aussi [vers un nouvel assouplissement…]." (session 27)
    return None


def finite(verb) -> bool:
    """Is ``verb`` finite, or a participle with a finite auxiliary ("a réagi")?"""
    return "Fin" in verb.morph.get("VerbForm") or any(
        c.dep_.startswith("aux") and "Fin" in c.morph.get("VerbForm") for c in verb.children)


#: An inverted subject pronoun ("peut-on", "a-t-il", "semble-t-il"): an incise of saying or hedging.
INVERTED = re.compile(r"\w-(?:t-)?(?:il|elle|on|ils|elles)$", re.IGNORECASE)


def _incise(words: Sequence[str], k: int) -> bool:
    """Does an incise of saying open at word ``k`` ("peut-on lire", "selon", "d'après")? Not
    "a déclaré": after "Le maire, qui …," it is the subject's verb."""
    w = [x.lower() for x in words[k:k + 3]] + ["", "", ""]
    return bool(INVERTED.search(w[0])) or w[0] == "selon" or (w[0] == "d" and w[2] == "après")


def cut_junction(words: Sequence[str], i: int, j: int, one_comma: bool = False) -> tuple[int, int] | str:
    """The word range ``[i, j)`` widened to the punctuation that sets it off, so that what is
    left joins cleanly, or why it cannot. An incise between commas goes with both of them, or
    only with the first (``one_comma``, or before an incise of saying: "…du coronavirus,
    peut-on lire"); an opener with its comma; a bracket's contents with the brackets. Not the words a
    colon announces (", avec un objectif clair : recruter…" → ", : recruter"), nor the first
    item of a list ("(une pour la presse, une autre…)", "clients : prise de température,
    limitation…"), nor what completes a verb an incise interrupts ("lui colle semble-t-il
    [davantage à la peau]"): session 23's scan of accepted compressions found each."""
    before = words[i - 1] if i else ""
    after = words[j] if j < len(words) else ""
    if after in (":", "(") or (before in ("(", "[", ":", ";") and after == ",") or INVERTED.search(before) \
            or (after == "," and j + 1 < len(words) and words[j + 1].lower() == "etc"):  # "porte[, bouton d'ascenseur], etc."
        return "a broken junction"  # also "[pendant le ramadan] (25 avril au 24 mai)": what the bracket glosses
    if before == "," and after == ",":
        if one_comma or (words[0].lower() in OPENERS and "," not in words[:i - 1]) \
                or (j + 1 < len(words) and words[j + 1] == "«"):  # "…, maire de Kani Massi[, dans la même province], « un civil
            return i - 1, j  # "En Lozère le week-end dernier, en pleine épidémie, une rave…": one stays
        if _incise(words, j + 1):
            return i - 1, j  # "…pour cause du coronavirus[, qui l'a obligé à…], peut-on lire"
        return i - 1, j + 1  # an incise: both commas go
    if before == "," and after in (".", "!", "?", "", ")", "]"):
        return i - 1, j  # a closing constituent and its comma: "(« porte ouverte »[, en allemand])"
    if i == 0 and after == ",":
        return i, j + 1  # an opener and its comma
    if before in ("(", "[") and after in (")", "]"):
        i, j = i - 1, j + 1
        if i and words[i - 1] == "," and j < len(words) and words[j] == ",":
            j += 1  # "Kew gardens, [(ouest de Londres),] en faisant…"
    return i, j


def between_commas(tok, words: Sequence[str], i: int, j: int, follows, head) -> bool | str:
    """For ``tok``'s subtree, words ``[i, j)`` set off by commas, ``follows`` the word after
    the closing one and ``head`` the head of its phrase: why it may not go (an item of a
    list), or whether one comma stays when it goes."""
    if head is not None and head.head == tok.head and head.dep_ in ("conj", "appos", "nmod", "acl", "amod"):
        return "a list item"  # "(polices municipales, [shérifs des comtés,] patrouilles…)", "«
        # Télécom Physique Strasbourg »[, située à Illkirch,] au sud de Strasbourg, a décidé"
    if tok.dep_ == "appos" and tok.head.left_edge.i > 0 and tok.doc[tok.head.left_edge.i - 1].text == ",":
        return True  # "Giulia et Giovanna, deux amies italiennes[, l'une guide et l'autre architecte], sourient":
        # the comma after the cut closes the apposition it describes (blind reading 26)
    # one comma stays after fronted words ("Le 31 mars dernier[, jour de grève…], les
    # grévistes"), and before a verb whose subject follows it ("…», [à l'occasion de…], avait
    # annoncé la maison de ventes")
    fronted = [t for t in tok.doc if t.i < tok.left_edge.i - 1]
    subject = head is not None and head.dep_.startswith("nsubj") and head.head.i > head.i \
        and words[i - 2].lower() not in _SUBORDINATORS \
        and head.lower_ not in _CLITICS  # not "Rien ne dit si[, depuis,] la maison", nor "Hamdok[, qui…], lui a expliqué"
    opener = subject or (tok.head.i > tok.i and not any(t.pos_ in ("VERB", "AUX") or t.dep_.startswith("nsubj")
                                                        for t in fronted)) \
        or (bool(fronted) and fronted[0].lower_ in _FRONTED_CLAUSE)  # "Si … Julien Lepers[, toujours sauvé…], les internautes"
    verb = follows if follows is None or follows.pos_ == "VERB" else follows.head
    incise = follows is not None and follows.pos_ in ("VERB", "AUX") and (
        any(t.dep_.startswith("nsubj") and t.i > follows.i for t in verb.children)
        or (verb.lower_ in SAYING and any("Fin" in t.morph.get("VerbForm") for t in fronted)
            and not any(t.dep_.startswith("nsubj") and t.i < tok.i for t in verb.children))
        # "…vont être « plus durs » en Europe[, où…], a affirmé lundi l'OMS"
        or ("Part" in follows.morph.get("VerbForm") and "Pres" in follows.morph.get("Tense")))
    if follows is not None and follows.pos_ in ("AUX", "VERB") and "Fin" in follows.morph.get("VerbForm") \
            and fronted and fronted[0].pos_ == "DET" and not any(t.pos_ in ("ADP", "VERB", "AUX") for t in fronted) \
            and not any(t.dep_.startswith("nsubj") and t.i > follows.i for t in verb.children):
        return False  # "Le feu[, aux origines encore inconnues,] est…": the fronted words are its subject
    if follows is not None and follows.dep_ in ("acl", "amod", "appos") and "Part" in follows.morph.get("VerbForm") \
            and "Past" in follows.morph.get("Tense"):
        return True  # "Bertrand Ritouret[, maire sortant], élu en 2014, était…": the next incise keeps its comma
    said = [w.lower() for w in words[j + 1:j + 4]] + ["", "", ""]
    inverted = said[0] in ("a", "ont", "avait") and said[1] in SAYING and said[2] in _DETERMINERS
    return opener or incise or inverted  # "le Causse Méjean[, traversé…], a rappelé la préfecture"


#: A contrastive pronoun ("Dany Boon est lui troisième", "L'ASN n'a, elle, été alertée")
#: points to someone its source set against the subject; the briefing may not say them, and
#: the sentence reads alone without it. Not "C'est lui le prochain", "elle qui", "lui-même".
CONTRAST = frozenset(("lui", "elle", "eux", "elles"))
_AUXILIARY = frozenset(("est", "a", "ont", "sont", "avait", "était", "avaient", "étaient", "sera",
                        "seront", "aurait", "serait"))
_ELLIPTIC = frozenset(("oui", "non", "si", "aussi", "également", "pas", "."))  # "les fonctionnaires, eux, oui"
_NOT_CONTRAST = frozenset(("qui", "que", "qu", "même", "seul", "seule", "seuls", "seules", "aussi", "non", "-"))


def uncontrasted(edit: Edit) -> Edit:
    """``edit`` with each contrastive pronoun outside quotes deleted too: after an auxiliary
    ("est lui troisième" → "est troisième"), or set off by commas (", lui," → " ")."""
    words = [w.lower() for w, _ in edit.source]
    guard = protected(edit.source)
    tags = list(edit.tags)
    for k in range(1, len(words) - 1):
        if words[k] not in CONTRAST or guard[k] or words[k + 1] in _NOT_CONTRAST:
            continue
        if words[k - 1] == "," and words[k + 1] == "," and (k + 2 >= len(words) or words[k + 2] not in _ELLIPTIC):
            tags[k - 1:k + 2] = [DELETE] * 3
        elif words[k - 1] in _AUXILIARY and words[k + 1][:1].isalpha() and not (
                k >= 3 and words[k - 1] == "est" and words[k - 3] == "c") and words[k - 2] != "ce":
            tags[k] = DELETE
    return Edit(list(edit.source), tags, list(edit.inserts), list(edit.scores))
