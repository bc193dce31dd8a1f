"""Repair a reference the briefing cannot follow, from spaCy's parse.

A role-noun opener: "Le président américain a assuré …" names no one when the briefing never
said who; its article did, a few sentences earlier ("le président américain Donald Trump").
The sentence becomes "Le président américain, Donald Trump, a assuré …". A pronoun opener:
"Il a aussitôt annoncé …" after "Richard Ferrand a été mis en examen …" becomes "Richard
Ferrand a aussitôt annoncé …" (:func:`antecedents`). A quote's pronoun speaker: "…», a-t-il
ajouté." after "Le Premier ministre Jean Castex a souligné …" becomes "…», a ajouté le Premier
ministre Jean Castex." (:func:`speakers`).

The subject is read from spaCy's parse (``spacy_fr.parser``) and the name from its
French NER (the ``ner`` component, loaded disabled and run only on the few articles that
need it). A name is taken only when one person is linked to the same role noun in the
article's earlier sentences (apposition, or adjacent with at most a comma and an article
between them); otherwise the sentence stands. A pronoun's antecedent is taken only when it is
the subject opening the sentence before, agrees in gender and number, and no other person is
named there. Both written with the parse rather than learnt: the condenser's repair pairs hold
pronouns only (``train/condenseset.py``), and its repairs of the MDS suite's pronoun openers
kept the sentence and put a name before it in none of 52 (``benchmarks/condense_repairs.py``).
"""

from __future__ import annotations

import re
from collections.abc import Callable, Sequence
from itertools import pairwise

from summarize.seq2seq import spacy_fr

#: Nouns of a person's role or office that a news sentence opens with.
ROLES = frozenset({
    "président", "présidente", "ministre", "dirigeant", "dirigeante", "chef", "cheffe", "patron",
    "patronne", "secrétaire", "porte-parole", "maire", "député", "députée", "sénateur", "sénatrice",
    "juge", "procureur", "procureure", "avocat", "avocate", "directeur", "directrice", "pdg",
    "entraîneur", "entraîneuse", "sélectionneur", "chancelier", "chancelière", "souverain",
    "monarque", "dictateur", "leader", "candidat", "candidate", "préfet", "préfète", "commissaire",
    "ambassadeur", "ambassadrice", "gouverneur", "capitaine", "pilote", "chanteur", "chanteuse",
    "acteur", "actrice", "réalisateur", "réalisatrice", "écrivain", "écrivaine", "fondateur",
    "fondatrice", "roi", "reine", "prince", "princesse", "pape", "vice-président", "vice-présidente",
    "président-directeur", "numéro", "homme", "femme", "milliardaire", "opposant", "opposante",
    "militant", "militante", "journaliste", "rappeur", "rappeuse", "star", "champion", "championne",
    "élu", "élue", "édile", "adjoint", "adjointe", "conseiller", "conseillère"})
#: Nouns of people that are not roles: a pronoun may stand for one of them rather than for a
#: subject that is no person (session 23's review: the power cut, not the dancer, was named).
PEOPLE = frozenset({
    "danseur", "danseuse", "enfant", "fille", "garçon", "mère", "père", "victime",
    "policier", "policière", "gendarme", "habitant", "habitante", "voisin", "voisine", "patient",
    "patiente", "élève", "étudiant", "étudiante", "suspect", "suspecte", "conducteur", "conductrice",
    "passager", "passagère", "agent", "soldat", "infirmier", "infirmière", "médecin", "artiste",
    "joueur", "joueuse", "adolescent", "adolescente", "jeune", "retraité", "retraitée", "salarié", "salariée"})
_PERSONS = ROLES | PEOPLE
_NP = frozenset({"det", "amod", "nmod", "case", "flat:name", "fixed", "compound", "nummod"})
_SUBJECT = frozenset({"nsubj", "nsubj:pass"})
MAX_BACK = 8  # earlier sentences of the article searched for the name


def _in_np(tok, noun) -> bool:
    """Is ``tok`` inside ``noun``'s phrase by determiners, adjectives and complements only?"""
    while tok.i != noun.i:
        if tok.dep_ not in _NP or tok.head.i == tok.i:
            return False
        tok = tok.head
    return True


def _norm(word: str) -> list[str]:
    """A role word as roles are compared: "ex-ministre" is "ancien" "ministre", "ancienne" is
    "ancien" (an article says "l'ancienne ministre", another "l'ex-ministre")."""
    word = word.lower()
    if word.startswith("ex-") and len(word) > 4:
        return ["ancien", word[3:]]
    return ["ancien"] if word in ("ancienne", "anciens", "anciennes") else [word]


def _words(noun, upto: int | None = None) -> frozenset[str]:
    """The content words of ``noun``'s phrase (up to token ``upto``): "président", "américain"."""
    return frozenset(w for t in noun.subtree if (upto is None or t.i <= upto) and _in_np(t, noun)
                     and t.pos_ not in ("DET", "ADP", "PUNCT", "PROPN") for w in _norm(t.text))


def _says(text: str, role: frozenset[str]) -> bool:
    """Does ``text`` hold every word of ``role`` ("ancien" as "ancien…" or "ex-")?"""
    low = text.lower()
    return all(w in low or (w == "ancien" and "ex-" in low) for w in role)


#: An office said by its seat ("le patron de la place Beauvau", "le locataire de Matignon"):
#: the words the sources name its holder with (reading 18: "Le patron de la place Beauvau a
#: déclaré…" never said who).
SEATS = {"beauvau": frozenset({"ministre", "intérieur"}), "matignon": frozenset({"premier", "ministre"}),
         "bercy": frozenset({"ministre", "économie"}), "quai d'orsay": frozenset({"ministre", "étrangères"}),
         "quai d’orsay": frozenset({"ministre", "étrangères"}), "place vendôme": frozenset({"ministre", "justice"})}
_SEAT_HOLDERS = frozenset({"patron", "patronne", "locataire", "hôte", "chef", "cheffe"})


def role_subject(doc) -> tuple[int, frozenset[str]] | None:
    """(character offset where the subject's noun phrase ends, its content words) when
    ``doc`` opens with a definite role noun phrase that is the subject and names no one; for
    an office said by its seat, the words of the office (``SEATS``)."""
    if len(doc) < 4 or doc[0].lower_ not in ("le", "la", "l'", "l’"):
        return None
    noun = next((t for t in doc[1:4] if t.pos_ == "NOUN"), None)
    role = noun is not None and _norm(noun.text)[-1] in ROLES
    if noun is None or noun.dep_ not in _SUBJECT or not (role or noun.lower_ in _SEAT_HOLDERS):
        return None
    end = noun.i
    for tok in doc[noun.i + 1:]:
        if not _in_np(tok, noun):
            break
        end = tok.i
    said = doc[noun.i:end + 1].text.lower()
    seat = next((office for place, office in SEATS.items() if place in said), None)
    if noun.lower_ in _SEAT_HOLDERS and seat is not None:
        return doc[end].idx + len(doc[end]), seat
    if not role:
        return None
    if any(t.pos_ == "PROPN" and t.dep_ in ("appos", "flat:name") for t in noun.children):
        return None  # "Le président américain Donald Trump": named already
    return doc[end].idx + len(doc[end]), _words(noun, end)


def _linked(doc, ent, role: frozenset[str]) -> bool:
    """Is the person ``ent`` of ``doc`` said with a noun phrase holding all the ``role`` words
    (apposition either way, or adjacent: "le président américain Donald Trump", "Donald
    Trump, le président américain")?"""
    for tok in doc:
        if tok.pos_ != "NOUN" or _norm(tok.text)[-1] not in role or not role <= _words(tok):
            continue
        if ent.root.head.i == tok.i or tok.head.i == ent.root.i:
            return True
        after = doc[tok.i + 1:ent.start]
        if 0 <= ent.start - tok.i <= 6 and all(t.pos_ in ("ADJ", "ADP", "DET", "NOUN", "PUNCT", "PROPN")
                                              and t.text not in ".;:()" for t in after):
            return True
        between = doc[ent.end:tok.i]
        if 0 <= tok.i - ent.end <= 2 and all(t.text == "," or t.pos_ == "DET" for t in between):
            return True
    return False


def _whole(doc, ent) -> str:
    """The entity's text with the capitalised words that follow it ("Kim Jong" → "Kim Jong Un")."""
    end = ent.end
    while end < len(doc) and doc[end].text[:1].isupper() and doc[end].is_alpha:
        end += 1
    return doc[ent.start:end].text


def _names(docs, role: frozenset[str]) -> set[str]:
    """The people linked to ``role``: the NER's persons, and a first and last name the parse sets
    in apposition to the role noun when the NER missed it ("la ministre du Travail Muriel
    Pénicaud", read as an organisation "Travail Muriel Pénicaud": blind reading 15)."""
    found = {_whole(doc, e) for doc in docs for e in doc.ents
             if e.label_ == "PER" and len(e) >= 2 and _linked(doc, e, role)}
    for doc in docs:
        for tok in doc:
            if tok.pos_ == "NOUN" and _norm(tok.text)[-1] in role and role <= _words(tok):
                for head in (c for c in tok.children if c.dep_ == "appos" and c.pos_ == "PROPN"):
                    name = [head, *(c for c in head.children if c.dep_ == "flat:name")]
                    if len(name) >= 2 and all(t.text[:1].isupper() and t.is_alpha for t in name) \
                            and not any(e.label_ == "PER" and e.start <= head.i < e.end for e in doc.ents):
                        found.add(" ".join(t.text for t in sorted(name, key=lambda t: t.i)))
    return found


def name_for(role: frozenset[str], earlier: Sequence, cluster: Callable[[], Sequence] = list) -> str | None:
    """The one person linked to the ``role`` words: in the nearest earlier sentence of the
    article that links anyone; failing that, for a specific role (two words or more: "président
    américain", not "président"), in every sentence of the cluster (``cluster()`` parses them
    only then). Two people: None."""
    for doc in reversed(list(earlier)):
        names = _names([doc], role)
        if names:
            return names.pop() if len(names) == 1 else None  # two people with that role: no guess
    names = _names(cluster(), role) if len(role) >= 2 else set()
    return names.pop() if len(names) == 1 else None


def with_names(items: Sequence[tuple[str, Sequence[str], Sequence[str]]]) -> list[tuple[str, str] | None]:
    """For each ``(sentence, earlier sentences of its article, the cluster's sentences and
    titles)``: the sentence with its role subject named ("Le président américain, Donald
    Trump, a …") and the name, or None."""
    nlp = spacy_fr.parser()
    docs = list(nlp.pipe([s for s, _, _ in items]))
    subjects = [role_subject(doc) for doc in docs]
    out: list[tuple[str, str] | None] = [None] * len(items)
    todo = [k for k, found in enumerate(subjects) if found]
    if not todo:
        return out
    ner = nlp.get_pipe("ner")

    def read(texts: Sequence[str]) -> list:
        return list(ner.pipe(nlp.pipe(texts)))

    for k in todo:
        sentence, earlier, cluster = items[k]
        end, role = subjects[k]
        if any(e.label_ == "PER" and e.start_char <= end + 2 for e in ner(docs[k]).ents):
            continue  # "Le ministre français des Affaires étrangères Jean-Yves Le Drian": named
        mentions = [t for t in cluster if t != sentence and _says(t, role)]
        near = [t for t in list(earlier)[-MAX_BACK:] if _says(t, role)]  # none else links
        name = name_for(role, read(near), lambda m=mentions: read(m))
        if name is None:
            continue
        rest = sentence[end:]
        out[k] = f"{sentence[:end]}, {name}{'' if rest.startswith(',') else ','}{rest}", name
    return out


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
    return any((c.dep_ == "det" and c.morph.get("PronType") == ["Dem"]) or c.dep_ in ("acl:relcl", "acl")
               for c in tok.children)


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
    if gender is None or pronoun.dep_ not in _SUBJECT:
        return None
    found = subject_of(context, gender, number)
    return found[0] if found else None


def subject_of(context, gender: str, number: str, speaking: bool = False) -> tuple[str, bool] | None:
    """The noun phrase opening the ``context`` sentence as its main clause's subject, when it
    agrees with a pronoun of that gender and number and nothing else there could be meant
    (:func:`antecedent`; ``speaking``: the pronoun says something, so only a person could be
    meant, not "le nombre de cas"), and whether it names a person (an entity, or a first name
    and a name: "Le Premier ministre Jean Castex"); None when unsure."""
    root = next((t for t in context if t.dep_ == "ROOT"), None)
    if root is None or context.text.count("«") > context.text.count("»"):
        return None  # a quote goes on: "« … regardez cette basilique! Elle est de style byzantin"
    subject = next((t for t in root.children if t.dep_ in _SUBJECT), None)
    if subject is None or subject.pos_ not in ("NOUN", "PROPN") or not _agrees(subject, gender, number):
        return None
    start = subject.left_edge.i
    if (start and context[start - 1].text != ",") or not all(_in_np(t, subject) for t in context[start:subject.i]):
        return None  # "Selon un sondage, 94 % des Français disent …": not an opening subject
    end = subject.i
    for tok in context[subject.i + 1:]:
        if not _in_np(tok, subject):
            break
        end = tok.i
    for e in context.ents:  # "Emmanuel Macron" whole, however the parser attached "Macron"
        if e.label_ == "PER" and e.start <= subject.i < e.end:
            end = max(end, e.end - 1)
    while end + 1 < len(context) and context[end + 1].pos_ == "PROPN" and context[end + 1].text[:1].isupper():
        end += 1  # "Le Premier ministre Jean Castex", "La ministre de la Santé Agnès Buzyn": the name
    if context[end].pos_ in ("ADP", "DET"):  # "la soeur de l'animateur de « The Voice »": a title
        close = next((t.i for t in context[end + 1:] if t.text == "»"), None)
        if end + 1 >= len(context) or context[end + 1].text != "«" or close is None:
            return None
        end = close
    if any(t.morph.get("PronType") == ["Dem"] or t.morph.get("Poss") == ["Yes"] or t.pos_ == "PRON"
           for t in context[start:end + 1]):
        return None  # "Ce choix", "Son avocat": it points back itself
    if any(e.label_ == "PER" and not (start <= e.start and e.end - 1 <= end) for e in context.ents):
        return None  # "… a reçu Marine Le Pen. Elle …": two people
    rivals = ("PROPN",) if speaking else ("NOUN", "PROPN")
    if any(not start <= t.i <= end and _agrees(t, gender, number) and (
            (t.dep_ in _SUBJECT and t.pos_ in rivals) or (t.pos_ == "PRON" and t.lower_ in _PERSONAL))
           for t in context):
        return None  # "… le parquet a annoncé que l'homme …", "Selon elle, …": another could be meant
    if not speaking and any(not start <= t.i <= end and t.pos_ == "NOUN" and _agrees(t, gender, number)
                            and t.dep_ in _ARGUMENTS and _determined(t) for t in context):
        return None  # "Agnès Thill faisait référence à la loi … Elle doit être débattue": the law
    words = context[start:end + 1].text
    span = context[start:end + 1]
    named = any(e.label_ == "PER" for e in context.ents)  # inside the subject, as checked above
    if not named and _norm(subject.text)[-1] not in _PERSONS and any(
            not start <= t.i <= end and t.pos_ == "NOUN" and _agrees(t, gender, number)
            and _norm(t.text)[-1] in _PERSONS for t in context):
        return None  # "Une coupure d'électricité a plongé … la maison d'une danseuse. Elle a dû demander…"
    person = named or any(a.pos_ == b.pos_ == "PROPN" for a, b in pairwise(span))
    return (words[:1].upper() + words[1:], person) if len(words.split()) <= MAX_ANTECEDENT else None


def antecedents(items: Sequence[tuple[str, str]]) -> list[str | None]:
    """For each ``(previous sentence, sentence opening with a subject pronoun)``: the sentence
    with its pronoun replaced by the noun phrase it stands for (:func:`antecedent`), or None."""
    nlp = spacy_fr.parser()
    docs = list(nlp.pipe([t for pair in items for t in pair]))
    contexts = list(nlp.get_pipe("ner").pipe(docs[0::2]))
    out: list[str | None] = []
    for (_, sentence), context, doc in zip(items, contexts, docs[1::2]):
        name = antecedent(context, doc[0]) if len(doc) > 2 else None
        out.append(f"{name}{sentence[len(doc[0].text):]}" if name else None)
    return out


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
    name = named[0]
    if re.split(r"(?<=['’])|\s", name, maxsplit=1)[0].lower() in _ARTICLES:
        name = name[:1].lower() + name[1:]  # "le Premier ministre Jean Castex"
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
