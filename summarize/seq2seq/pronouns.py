"""A pronoun's antecedent and a quote's pronoun speaker, from spaCy's parse and NER.

A pronoun opener: "Il a aussitôt annoncé …" after "Richard Ferrand a été mis en examen …"
becomes "Richard Ferrand a aussitôt annoncé …" (:func:`antecedents`); after a quote its
speaker is named after ("« … », a rétorqué François Pupponi. / Il a ajouté …":
:func:`quoted_speaker`). A quote's pronoun speaker: "…», a-t-il ajouté." after "Le Premier
ministre Jean Castex a souligné …" becomes "…», a ajouté le Premier ministre Jean Castex."
(:func:`speakers`). An antecedent is taken only when it agrees in gender and number and nothing
else in the sentence before could be meant (no other agreeing subject or pronoun, no other
person named); otherwise the sentence stands. Written with the parse rather than learnt: the
condenser's repair pairs hold pronouns only (``train/condenseset.py``), and its repairs of the
MDS suite's pronoun openers kept the sentence and put a name before it in none of 52
(``benchmarks/condense_repairs.py``).
"""

from __future__ import annotations

import re
from collections.abc import Sequence
from itertools import pairwise

from summarize.seq2seq import spacy_fr
from summarize.seq2seq.refer import PERSONS, ROLES, SUBJECT, in_np, role_words

#: A subject pronoun opening a sentence and the gender and number its antecedent must have.
PRONOUNS = {"il": ("Masc", "Sing"), "elle": ("Fem", "Sing"), "ils": ("Masc", "Plur"), "elles": ("Fem", "Plur")}
_PERSONAL = frozenset(("il", "elle", "ils", "elles", "lui", "eux", "le", "la", "les"))
MAX_ANTECEDENT = 6  # words: a longer subject ("Le rapport de la commission d'enquête sur …") is not repeated


#: Where a noun another pronoun could stand for sits: an object or a complement of the verb
#: ("regardez cette basilique! Elle est de style byzantin", session 23's review).
_ARGUMENTS = frozenset(("obj", "obl:arg", "obl:mod", "iobj", "nmod"))


def _determined(tok) -> bool:
    """Is ``tok`` put forward enough for a pronoun to pick it up: shown ("cette basilique") or
    described by a clause ("la loi sur la bioéthique qui prévoit…", "l'explosion au port
    survenue le 4 août")? Not any noun: "transportée à l'hôpital", "informé de la disparition"
    took 9 right repairs of 38 away."""
    if tok.lower_ in _TIMES:
        return False  # "a jugé ce samedi": a day is no one a pronoun picks up
    return any((c.dep_ == "det" and c.morph.get("PronType") == ["Dem"]) or c.dep_ in ("acl:relcl", "acl")
               for c in tok.children)


_TIMES = frozenset(("lundi", "mardi", "mercredi", "jeudi", "vendredi", "samedi", "dimanche", "matin", "soir",
                    "jour", "semaine", "mois", "an", "week-end", "nuit", "fois", "midi", "après-midi", "janvier",
                    "février", "mars", "avril", "mai", "juin", "juillet", "août", "septembre", "octobre",
                    "novembre", "décembre"))


def _agrees(tok, gender: str, number: str) -> bool:
    """Can ``tok`` (a noun or pronoun) be what a pronoun of that gender and number stands for?"""
    numbers, genders = tok.morph.get("Number") or ["Sing"], tok.morph.get("Gender")
    return number in numbers and (not genders or gender in genders)


def antecedent(context, pronoun) -> str | None:
    """The noun phrase the subject ``pronoun`` (a token opening its sentence) stands for: the
    main clause's subject in the ``context`` sentence (parsed, entities read), opening it or
    after an opener set off by a comma ("En Grande-Bretagne, le Premier ministre Boris Johnson
    a …"), when it agrees and nothing else there could be meant (no other agreeing subject or
    pronoun, no other person named); None when unsure."""
    gender, number = PRONOUNS.get(pronoun.lower_, (None, None))
    if gender is None or pronoun.dep_ not in SUBJECT:
        return None
    found = subject_of(context, gender, number) or quoted_speaker(context, gender, number)
    return found[0] if found else None


#: What may stand between a closing quote and the name of who said it: "», juge", "», a
#: indiqué M.", "», veut croire", "», explique le journaliste de France Télévisions".
_SAID_BY = re.compile(r"»\s*,\s*((?:[\w’'-]+\s+){1,6})$")
#: A verb of saying opening the attribution ("juge", "a rétorqué", "veut croire", "s'est réjouie").
_SAYING = re.compile(r"(?:(?:a|avait|aurait|s['’]est|s['’]était|veut|a voulu|se)\s+)?(?:déclar|affirm|indiqu|"
                     r"expliqu|ajout|soulign|estim|assur|précis|annonc|lanc|dénonc|martel|martèl|insist|"
                     r"rappel|prévenu|prévient|confi|écri|tweet|réag|répon|regrett|promi|promet|reconn|jug|"
                     r"poursui|comment|déplor|justifi|racont|témoign|fustig|observ|not|relev|résum|avanc|"
                     r"ironis|plaid|détaill|confirm|admi|réjou|félicit|insurg|indign|défend|inquièt|inquiét|"
                     r"conclu|rapport|tranch|lâch|dit|interrog|averti|alert|critiqu|accus|répliqu|rétorqu|"
                     r"argu|clam|proclam|reproch|croi|cr[uû]|pens|sourit|souri|soupir|constat|analys)\w*\s")


_TITLES = frozenset(("M.", "Mme", "Pr", "Dr", "Me", "Mgr"))
#: A preposition between the verb and the name: the name is not the speaker's ("l'entourage de").
_OF = re.compile(r"\b(?:de|du|des|d['’]|à|au|aux|chez|par|pour|selon|avec|sur)\b")
#: Asides an attribution may hold: "», explique de son côté Jean-Christophe Combe".
_ASIDE = re.compile(r"\b(?:de (?:son|leur) côté|pour (?:sa|leur) part|à (?:son|leur) tour)\b")


def quoted_speaker(context, gender: str, number: str) -> tuple[str, bool] | None:
    """The one person ``context`` names, as the speaker after its closing quote ("« … », juge
    Gérard Depardieu en soulignant…"), when that person agrees with a pronoun of that gender
    and number and no other subject or pronoun outside the quote could be meant; None when
    unsure."""
    people = [e for e in context.ents if e.label_ == "PER"]
    if len(people) != 1 or context.text.count("«") > context.text.count("»"):
        return None
    person = people[0]
    start = _titled(context, person)  # "a dit M. Bas"
    said = _SAID_BY.search(context[:start].text + " ")
    if not said or not _agrees(person.root, gender, number):
        return None
    between = _ASIDE.sub(" ", said.group(1).lower())
    if not _SAYING.match(between) or _OF.search(between):
        return None  # "», de même que la fonction de M. Thévenoud", "», assure l'entourage de François de Rugy"
    inside = _quoted(context)  # quoted words: "« Je ne recadre personne »" speaks of others
    closing = max(t.i for t in context[:start] if t.text == "»")
    inside |= set(range(closing))  # what a quote opened in an earlier sentence said
    if any(t.i not in inside and not person.start <= t.i < person.end and _rival(t, gender, number, ("NOUN", "PROPN"))
           for t in context):
        return None
    name = context[start:person.end].text
    if (start < person.start or context[person.start].text in _TITLES) and start and context[start - 1].lower_ in ("le", "la"):
        name = f"{context[start - 1].text} {name}"  # "le Pr Delfraissy"
    return name[:1].upper() + name[1:], True


#: Determiners that introduce a referent: said again for a pronoun, they introduce another one.
_INDEFINITE = frozenset(("un", "une", "des", "plusieurs", "quelques", "certains", "certaines"))


def subject_of(context, gender: str, number: str, speaking: bool = False) -> tuple[str, bool] | None:
    """The noun phrase opening the ``context`` sentence as its main clause's subject, when it
    agrees with a pronoun of that gender and number and nothing else there could be meant
    (:func:`antecedent`; ``speaking``: the pronoun says something, so only a person could be
    meant, not "le nombre de cas"), and whether it names a person (an entity, or a first name
    and a name: "Le Premier ministre Jean Castex"); None when unsure."""
    root = next((t for t in context if t.dep_ == "ROOT"), None)
    if root is None or context.text.count("«") > context.text.count("»"):
        return None  # a quote goes on: "« … regardez cette basilique! Elle est de style byzantin"
    form = root.morph.get("VerbForm")
    if "Inf" in form or ("Part" in form and "Pres" in root.morph.get("Tense")) \
            or sum(t.dep_ in SUBJECT for t in root.children) > 1:
        return None  # "Une équipe … intervenant dans la capitale avait détecté…", "Après …, les passations de
        # pouvoirs …, le Premier ministre fait…": the parse missed the main verb or its one subject
    subject = next((t for t in root.children if t.dep_ in SUBJECT), None)
    if subject is None or subject.pos_ not in ("NOUN", "PROPN") or not _agrees(subject, gender, number):
        return None
    start = _role_before(context, subject)
    if (start and context[start - 1].text != ",") or not (start < subject.left_edge.i or all(
            in_np(t, subject) for t in context[start:subject.i])):
        return None  # "Selon un sondage, 94 % des Français disent …": not an opening subject
    end = subject.i
    for tok in context[subject.i + 1:]:
        if not in_np(tok, subject):
            break
        end = tok.i
    for e in context.ents:  # "Emmanuel Macron" whole, however the parser attached "Macron"
        if e.label_ == "PER" and e.start <= subject.i < e.end:
            end = max(end, e.end - 1)
    while end + 1 < len(context) and context[end + 1].pos_ == "PROPN" and context[end + 1].text[:1].isupper():
        end += 1  # "Le Premier ministre Jean Castex", "La ministre de la Santé Agnès Buzyn": the name
    person = next((e for e in context.ents if e.label_ == "PER" and 0 < e.start - end <= 4), None)
    if person is not None and all(t.pos_ in ("DET", "PROPN") and subject in t.ancestors
                                  for t in context[end + 1:person.end]):
        end = person.end - 1  # "Le député La France Insoumise Éric Coquerel", the name parsed apart
    if end + 2 < len(context) and context[end + 1].lower_ in ("de", "du", "d'", "d’") \
            and context[end + 2].text[:1].isupper():
        return None  # "L'ancienne jurée de The Voice": the phrase goes on past the parse's end
    if context[end].pos_ in ("ADP", "DET"):  # "la soeur de l'animateur de « The Voice »": a title
        close = next((t.i for t in context[end + 1:] if t.text == "»"), None)
        if end + 1 >= len(context) or context[end + 1].text != "«" or close is None:
            return None
        end = close
    if any(t.morph.get("PronType") == ["Dem"] or t.morph.get("Poss") == ["Yes"] or t.pos_ == "PRON"
           for t in context[start:end + 1]):
        return None  # "Ce choix", "Son avocat": it points back itself
    if context[start].lower_ in _INDEFINITE or context[start].pos_ == "NUM":
        return None  # "Un régime perturbé … domine. / Il apportera…": "Un régime apportera" is another one
    if any(e.label_ == "PER" and not (start <= e.start and e.end - 1 <= end) for e in context.ents):
        return None  # "… a reçu Marine Le Pen. Elle …": two people
    rivals = ("PROPN",) if speaking else ("NOUN", "PROPN")
    if any(not start <= t.i <= end and _rival(t, gender, number, rivals) for t in context):
        return None  # "… le parquet a annoncé que l'homme …", "Selon elle, …": another could be meant
    if not speaking and any(not start <= t.i <= end and t.pos_ == "NOUN" and _agrees(t, gender, number)
                            and t.dep_ in _ARGUMENTS and _determined(t) for t in context):
        return None  # "Agnès Thill faisait référence à la loi … Elle doit être débattue": the law
    words = context[start:end + 1].text
    span = context[start:end + 1]
    named = any(e.label_ == "PER" for e in context.ents)  # inside the subject, as checked above
    if not named and role_words(subject.text)[-1] not in PERSONS and any(
            not start <= t.i <= end and t.pos_ == "NOUN" and _agrees(t, gender, number)
            and role_words(t.text)[-1] in PERSONS for t in context):
        return None  # "Une coupure d'électricité a plongé … la maison d'une danseuse. Elle a dû demander…"
    person = named or any(a.pos_ == b.pos_ == "PROPN" for a, b in pairwise(span))
    if len(words.split()) > MAX_ANTECEDENT:  # "Le député La France Insoumise Éric Coquerel": the name
        last = next((e for e in context.ents if e.label_ == "PER" and e.end - 1 == end), None)
        if last is None or len(last) < 2 or len(last.text.split()) > MAX_ANTECEDENT:
            return None
        words = last.text
    return words[:1].upper() + words[1:], person


def _role_before(doc, subject) -> int:
    """Where ``subject``'s phrase starts: its left edge, or, when the parse hung the role
    before a named subject elsewhere ("En Grande-Bretagne, le Premier ministre Boris Johnson
    a …": "Johnson" alone), the role's first word after the opener's comma."""
    start = subject.left_edge.i
    person = next((e for e in doc.ents if e.label_ == "PER" and e.start <= subject.i < e.end), None)
    if person is None or start < person.start:
        return start
    k = person.start
    while k and doc[k - 1].pos_ in ("DET", "ADJ", "NOUN") and doc[k - 1].text != ",":
        k -= 1
    return k if k < person.start and (k == 0 or doc[k - 1].text == ",") and doc[k].pos_ == "DET" \
        and role_words(doc[person.start - 1].text)[-1] in ROLES else start


def _rival(tok, gender: str, number: str, kinds: tuple[str, ...]) -> bool:
    """Could ``tok`` be what a pronoun of that gender and number stands for, instead of the
    antecedent found: an agreeing subject of one of those ``kinds`` or a personal pronoun that
    is not the subject itself (:func:`_self`)?"""
    return _agrees(tok, gender, number) and (
        (tok.dep_ in SUBJECT and tok.pos_ in kinds) or (tok.pos_ == "PRON" and tok.lower_ in _PERSONAL and not _self(tok)))


def _titled(doc, person) -> int:
    """Where ``person`` starts, with the title before it ("M. Bas", "Pr Delfraissy")."""
    return person.start - bool(person.start and doc[person.start - 1].text in _TITLES)


def _self(tok) -> bool:
    """Is the pronoun ``tok`` no other one: impersonal ("il fallait", "il y a") or the subject
    set against others ("Éric Coquerel a lui jugé…", "a, lui, jugé")?"""
    if tok.dep_.startswith("expl"):
        return True
    doc = tok.doc
    before = doc[tok.i - 1] if tok.i else None
    after = doc[tok.i + 1] if tok.i + 1 < len(doc) else None
    if tok.lower_ not in ("lui", "elle", "eux", "elles") or before is None or after is None:
        return False
    return (before.pos_ == "AUX" and after.pos_ == "VERB") or (before.text == "," and after.text == ",")


#: Other openers that point to a person of the sentence before: "Ce dernier" (the person
#: last named), "Selon lui," (the speaker).
LAST = {"ce dernier": ("Masc", "Sing"), "cette dernière": ("Fem", "Sing"), "celui-ci": ("Masc", "Sing"),
        "celle-ci": ("Fem", "Sing")}
_OPENER = re.compile(r"^(?:(?P<last>Ce dernier|Cette dernière|Celui-ci|Celle-ci)|(?P<by>Selon|D['’]après)\s+"
                     r"(?P<pro>lui|elle)(?=\s*,))\b")


def opens_with_reference(sentence: str) -> bool:
    """Does ``sentence`` open with "Ce dernier", "Celle-ci" or "Selon lui,", which
    :func:`antecedents` may name?"""
    return bool(_OPENER.match(sentence))


def _quoted(doc) -> set[int]:
    """The indices of ``doc``'s tokens inside « » quotes (the marks too)."""
    depth, inside = 0, set()
    for t in doc:
        depth += (t.text == "«") - (t.text == "»")
        if depth > 0 or t.text == "»":
            inside.add(t.i)
    return inside


def last_person(context, gender: str, number: str) -> str | None:
    """Who "Ce dernier" (of that gender and number) stands for: the one person ``context``
    names, when no person noun comes after that name ("…avait accusé son beau-frère Bernard
    Laroche d'avoir enlevé Grégory. / Ce dernier…": two people, unsure)."""
    people = [e for e in context.ents if e.label_ == "PER"]
    if len(people) != 1 or number != "Sing" or not _agrees(people[0].root, gender, number) \
            or people[0].text.isupper() or context.text.rstrip()[-1:] not in ".!?»…":
        return None  # "SA COLLABORATION AVEC HABITAT SUSPENDUE": a heading
    person = people[0]
    quoted = _quoted(context)
    described = {t.i for t in person.root.subtree}  # "Mickaël Montasprini, responsable de la section …"
    if any(t.pos_ in ("NOUN", "PROPN") and t.i not in quoted and t.i not in described and t.lower_ not in _TIMES
           and _agrees(t, gender, number) for t in context[person.end:]):
        return None  # "… ses parents, Jean-Marie Villemin, recevaient des menaces d'un corbeau. / Ce dernier"
    return context[_titled(context, person):person.end].text


def antecedents(items: Sequence[tuple[str, str]]) -> list[str | None]:
    """For each ``(previous sentence, sentence opening with a subject pronoun, "Ce dernier" or
    "Selon lui,")``: the sentence with that opener replaced by the noun phrase it stands for
    (:func:`antecedent`, :func:`last_person`, a speaker for "Selon lui"), or None."""
    nlp = spacy_fr.parser()
    docs = list(nlp.pipe([t for pair in items for t in pair]))
    contexts = list(nlp.get_pipe("ner").pipe(docs[0::2]))
    out: list[str | None] = []
    for (_, sentence), context, doc in zip(items, contexts, docs[1::2]):
        other = _OPENER.match(sentence)
        if len(doc) <= 2:
            out.append(None)
        elif other is None:
            name = antecedent(context, doc[0])
            out.append(f"{name}{sentence[len(doc[0].text):]}" if name else None)
        elif other["last"]:
            name = last_person(context, *LAST[other["last"].lower()])
            out.append(f"{name}{sentence[other.end():]}" if name else None)
        else:
            gender, number = PRONOUNS["il" if other["pro"] == "lui" else "elle"]
            found = subject_of(context, gender, number, speaking=True) or quoted_speaker(context, gender, number)
            name = found[0] if found and found[1] else None
            out.append(f"{other['by']} {_lowered(name)}{sentence[other.end():]}" if name else None)
    return out


def _lowered(name: str) -> str:
    """``name`` after a word: "le Premier ministre Jean Castex", "Boris Johnson"."""
    if re.split(r"(?<=['’])|\s", name, maxsplit=1)[0].lower() in _ARTICLES:
        return name[:1].lower() + name[1:]
    return name


#: An attribution whose speaker is a pronoun after its verb: "…», a-t-il ajouté.", "…»,
#: estime-t-elle." (blind reading 11: "a-t-il ajouté: who?").
INVERTED = re.compile(r",\s+(?P<verb>\w+)-t-(?P<pro>il|elle)\b(?P<rest>(?:\s+(?:également|aussi|encore))?"
                      r"\s+(?P<part>\w+))?")
_AUXILIARIES = frozenset(("a", "avait", "aurait"))
_ARTICLES = frozenset(("le", "la", "les", "l'", "l’"))
_NOT_SAID = frozenset(("été", "eu", "pu", "dû", "fait", "pas", "jamais", "bien"))


def speaker(context, sentence: str) -> str | None:
    """``sentence`` with the pronoun of its attribution named: the person who is the subject
    opening the ``context`` sentence (parsed, entities read; :func:`subject_of`) goes after the
    verb ("…», a-t-il ajouté." → "…», a ajouté le Premier ministre Jean Castex."); None when
    there are two attributions, the subject is no person, or it is unsure."""
    found = list(INVERTED.finditer(sentence))
    if len(found) != 1:
        return None
    m = found[0]
    if m["verb"].lower() in _AUXILIARIES and (m["part"] or "").lower() in _NOT_SAID:
        return None  # "…, a-t-il été condamné": no attribution
    named = subject_of(context, *PRONOUNS[m["pro"].lower()], speaking=True)
    if named is None or not named[1]:
        return None
    name = _lowered(named[0])  # "le Premier ministre Jean Castex"
    if m["verb"].lower() not in _AUXILIARIES:
        return f"{sentence[:m.start('verb')]}{m['verb']} {name}{sentence[m.end('pro'):]}"
    if not m["part"]:
        return None
    return f"{sentence[:m.start('verb')]}{m['verb']}{m['rest']} {name}{sentence[m.end():]}"


def speakers(items: Sequence[tuple[str, str]]) -> list[str | None]:
    """For each ``(previous sentence, sentence whose attribution is a pronoun)``: the sentence
    with its speaker named (:func:`speaker`), or None."""
    nlp = spacy_fr.parser()
    contexts = list(nlp.get_pipe("ner").pipe(nlp.pipe([c for c, _ in items])))
    return [speaker(context, sentence) for context, (_, sentence) in zip(contexts, items)]
