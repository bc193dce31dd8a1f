"""Name an unnamed role opener or a second mention ("M. Fusco"), from spaCy's parse and NER
(a pronoun's antecedent is ``pronouns``').

A role-noun opener: "Le président américain a assuré …" names no one when the briefing never
said who; its article did, a few sentences earlier ("le président américain Donald Trump").
The sentence becomes "Le président américain, Donald Trump, a assuré …"
(:func:`with_names`); an office said by its seat ("Le patron de la place Beauvau") likewise.

The subject is read from spaCy's parse (``spacy_fr.parser``) and the name from its
French NER (the ``ner`` component, loaded disabled and run only on the few articles that
need it). A name is taken only when one person is linked to the same role noun in the
article's earlier sentences (apposition, or adjacent with at most a comma and an article
between them); otherwise the sentence stands.
"""

from __future__ import annotations

import re
from collections.abc import Callable, Sequence

from summarize.select.context import HONORIFIC
from summarize.select.facet import Facet
from summarize.select.readable import quoted_at
from summarize.seq2seq import spacy_fr
from summarize.types import Article

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
PERSONS = ROLES | PEOPLE
_NP = frozenset({"det", "amod", "nmod", "case", "flat:name", "fixed", "compound", "nummod"})
SUBJECT = frozenset({"nsubj", "nsubj:pass"})
MAX_BACK = 8  # earlier sentences of the article searched for the name


def in_np(tok, noun) -> bool:
    """Is ``tok`` inside ``noun``'s phrase by determiners, adjectives and complements only?"""
    while tok.i != noun.i:
        if tok.dep_ not in _NP or tok.head.i == tok.i:
            return False
        tok = tok.head
    return True


def role_words(word: str) -> list[str]:
    """A role word as roles are compared: "ex-ministre" is "ancien" "ministre", "ancienne" is
    "ancien" (an article says "l'ancienne ministre", another "l'ex-ministre")."""
    word = word.lower()
    if word.startswith("ex-") and len(word) > 4:
        return ["ancien", word[3:]]
    return ["ancien"] if word in ("ancienne", "anciens", "anciennes") else [word]


def _words(noun, upto: int | None = None) -> frozenset[str]:
    """The content words of ``noun``'s phrase (up to token ``upto``): "président", "américain"."""
    return frozenset(w for t in noun.subtree if (upto is None or t.i <= upto) and in_np(t, noun)
                     and t.pos_ not in ("DET", "ADP", "PUNCT", "PROPN") for w in role_words(t.text))


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
    role = noun is not None and role_words(noun.text)[-1] in ROLES
    if noun is None or noun.dep_ not in SUBJECT or not (role or noun.lower_ in _SEAT_HOLDERS):
        return None
    end = noun.i
    for tok in doc[noun.i + 1:]:
        if not in_np(tok, noun):
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
        if tok.pos_ != "NOUN" or role_words(tok.text)[-1] not in role or not role <= _words(tok):
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
            if tok.pos_ == "NOUN" and role_words(tok.text)[-1] in role and role <= _words(tok):
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


#: Capitalized words before a surname that are no first name ("le Président Macron").
_TITLES = frozenset(("Président", "Présidente", "Ministre", "Premier", "Première", "Monsieur", "Madame", "Docteur",
                     "Général", "Maître", "Saint", "Sainte", "Le", "La", "Les", "De", "Du", "Des", "Et", "Pour"))


def full_names(items: Sequence[tuple[str, Sequence[str], Sequence[str]]]) -> list[str | None]:
    """For each ``(sentence, its article's title and sentences before it, the cluster's titles and
    sentences)``: the sentence with each "M. Fusco" / "Mme Ardern" (``context.HONORIFIC``)
    named as the article, else the cluster, named the person ("Bruno Fusco": the one first name
    written before that surname, inside a person or other entity of spaCy's NER, which may glue
    "Facebook Mark Zuckerberg"), or None when none is found or two are. The words are the sources'
    own: the sentence says nothing new ("de M. Macron" → "d'Emmanuel Macron")."""
    nlp = spacy_fr.parser()
    ner = nlp.get_pipe("ner")
    out: list[str | None] = []
    for sentence, earlier, cluster in items:
        named = sentence
        for m in reversed(list(HONORIFIC.finditer(sentence))):
            if quoted_at(sentence, m.start()):
                continue  # a quote's words stay the speaker's
            first = _first_name(m.group(1), earlier, nlp, ner)
            if first == "":  # its article never wrote the full name: the cluster may have
                first = _first_name(m.group(1), cluster, nlp, ner)
            if not first:
                continue
            head = named[:m.start()]
            if first[0] in "AEIOUÉÈÊÂÎÔH":  # "de Emmanuel" → "d’Emmanuel"
                head = re.sub(r"\b([Dd]|[Qq]u)e $", r"\1’", head)
            named = f"{head}{first} {m.group(1)}{named[m.end():]}"
        out.append(named if named != sentence else None)
    return out


def _first_name(surname: str, texts: Sequence[str], nlp, ner) -> str | None:
    """The one first name written before ``surname`` in ``texts`` that NER holds in a person
    (or other) entity, not a title ("le Président Macron"); "" when there is none, None when
    there are two ("Mme Macron" after "Emmanuel Macron" and "Brigitte Macron" names no one
    for sure) or NER does not hold it."""
    text = " ".join(texts)
    found = {f.group(1) for f in re.finditer(
        rf"(?<![\w’'.-])([A-ZÀ-Þ][a-zà-ÿ]+(?:-[A-ZÀ-Þ][a-zà-ÿ]+)?)\s+{re.escape(surname)}\b", text)
        if f.group(1) not in _TITLES}
    if len(found) != 1:
        return "" if not found else None
    named = {w for doc in ner.pipe(nlp.pipe([t for t in texts if surname in t])) for e in doc.ents
             if e.label_ in ("PER", "MISC") for w in e.text.split()}
    first = found.pop()
    return first if first in named else None


def cluster_texts(articles: Sequence[Article], sentences: dict[str, list[str]]) -> list[str]:
    """Every title and sentence of a cluster (``sentences``: article id → its sentences)."""
    return [t for a in articles for t in [a.title or "", *sentences.get(a.id, [])] if t]


def name_roles(facets: list[Facet], sentences: dict[str, list[str]], articles: Sequence[Article],
               budget: int) -> list[Facet]:
    """Body sentences opening with an unnamed role ("Le président américain a …") given the name
    their article links to it (:func:`with_names`), when the briefing has not said that name yet
    and the ``budget`` (words) still holds it; each records a ``repair`` edit."""
    cluster = cluster_texts(articles, sentences)
    items, where = [], []
    for k, f in enumerate(facets):
        source = f.sources[0] if f.sources and not f.headline else None
        if source is None or not f.text:
            continue
        own = sentences.get(source.article_id, [])
        if 0 <= source.position < len(own) and own[source.position] == source.text:
            items.append((f.text, own[:source.position], cluster))
            where.append(k)
    left = budget - sum(len(f.text.split()) for f in facets)
    for k, found in zip(where, with_names(items) if items else []):
        if found is None:
            continue
        out, name = found
        said = " ".join(g.text for g in facets[:k])
        added = len(out.split()) - len(facets[k].text.split())
        if added > left or re.search(rf"\b{re.escape(name.split()[-1])}\b", said):  # too long, or named already
            continue
        facets[k].edits = facets[k].edits + [{"type": "repair", "from": facets[k].text, "to": out}]
        facets[k].text, left = out, left - added
    return facets
