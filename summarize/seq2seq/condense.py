"""Condense stage: the planned briefing, its sentences compressed, repaired and fused by the
text-editing condenser (``seq2seq/editor.py``), each edit verified or undone.

plan → condense → verify, per cluster:

1. the most salient ranked sentences are compressed (one batched model call; a link to an
   earlier sentence, "Toutefois,", "Mais", "a également", goes first when only it keeps the
   sentence from reading alone: ``readable.unlinked``), and those
   opening with a subject pronoun are *repaired* with the subject of their article's previous
   sentence ("Il a déclaré …" → "Emmanuel Macron a déclaré …", from the parse:
   ``pronouns.antecedents``), as is a quote's pronoun speaker ("…», a-t-il ajouté." → "…», a
   ajouté le Premier ministre Jean Castex.": ``pronouns.speakers``); the planner then says each facet with its condensed sentence when
   that reads on its own (so more facts fit);
   a contrastive pronoun ("Dany Boon est lui troisième") is dropped with them
   (:func:`uncontrasted`);
2. two chosen sentences that open with the same noun phrase are *fused* into one;
3. a compression that buys no fact is undone while the briefing fits (:func:`restored`).

An edit is kept only if :func:`accept` passes it (it reads alone, keeps enough of its
source, drops no protected word, opens with no pronoun); otherwise the source sentence
stands. Every word said is a source word or a phrase of the model's closed vocabulary, and
each facet's ``edits`` records ``{"type": "compress"|"repair"|"fuse", "from", "to"}`` so the
check stage reads it as its sources wrote it.
"""

from __future__ import annotations

import hashlib
import json
import re
from collections.abc import Sequence
from pathlib import Path
from typing import NamedTuple

import numpy as np

from summarize.io import code_hash
from summarize.select.chrono import undated
from summarize.select.context import HONORIFIC, opening, repeats_opening, the_two, unintroduced
from summarize.select.plan import Facet, PlannedSummarizer, dangling, plan
from summarize.select.readable import END, MAX_WORDS, readable, unlinked
from summarize.select.salience import bundled
from summarize.seq2seq import constituents, spacy_fr
from summarize.seq2seq.cuts import CONTRAST, uncontrasted
from summarize.seq2seq.editor import protected
from summarize.seq2seq.editor_onnx import load_condenser, uses_onnx
from summarize.seq2seq.pronouns import INVERTED, antecedents, opens_with_reference, speakers
from summarize.seq2seq.refer import cluster_texts, full_names, name_roles
from summarize.text.edits import DELETE, KEEP, Edit, tokens
from summarize.text.facts import facts, norm, source_numbers, supported
from summarize.text.segment import segment_article
from summarize.text.tokenize import content_words
from summarize.types import Article, RankedSentence

DEFAULT_MODEL = Path(__file__).resolve().parents[1] / "models" / "fr-condense"
TOP = 40  # ranked sentences a pronoun opener is repaired in (the plan seldom reaches further)
NEXT = 20  # the best ranked sentences compressed besides those an uncondensed plan says (12: 18 % of MDS body
#           sentences condensed, 20: 19 %, 40: 22 % before reading 6's guards; 13 % at 20 and 40 in session 13)
MIN_KEPT = 0.4  # a compression keeps this share of its sentence's words at least (0.5 until session 17; 0.4:
#                 gold F1 0.455 → 0.540, MDS 38.46 / 15.67 → 38.47 / 15.61)
_PRONOUN = re.compile(r"^(Il|Elle|Ils|Elles)\s")
#: "Il" that stands for no one ("Il neigera", "Il faut", "Il y a"): nothing to repair.
_IMPERSONAL = re.compile(r"^Il (?:y a|faut|fallait|faudra|s['’]agit|est (?:\w+ )?(?:de|que|temps)|"
                         r"reste|suffit|semble|pleut|pleuvra|neige|neigera|fait)\b")


#: Punctuation no edit may leave where its source had none: ", :", "(,", ",,", ", )", "« ,".
_BROKEN = re.compile(r",\s*[,:;.)\]]|[(\[«]\s*[,;:)\]]|[:;]\s*[,.;:]")


def accept(task: str, source: Sequence[str], out: str) -> bool:
    """Is the condenser's ``out`` for ``source`` (its sentences) safe to say?"""
    last = source[-1]
    n_out, n_last = len(out.split()), len(last.split())
    if not readable(out) or _PRONOUN.match(out) or n_out < 5:
        return False
    if len(_BROKEN.findall(out)) > len(_BROKEN.findall(" ".join(source))):
        return False  # a cut's junction left stray punctuation (a net under cuts.cut_junction)
    joined = " ".join(source)
    text, numbers = norm(joined), source_numbers(joined)
    if not all(supported(f, text, numbers) for f in facts(out)):
        return False  # "Covid-19 (4.690 lundi)": two numbers brought together read as one
    if task == "compress":
        return MIN_KEPT * n_last <= n_out < n_last
    if task == "repair":  # the sentence, its pronoun ("Ce dernier") replaced by a short name
        return n_out <= n_last + 6 and not set(content_words(last)) - set(content_words(out)) - {"derni"}
    words = set(content_words(" ".join(source)))  # fuse: both sentences' content, fewer words
    return n_out < sum(len(s.split()) for s in source) and len(words - set(content_words(out))) <= 2


def previous(r: RankedSentence, sentences: dict[str, list[str]]) -> str | None:
    """The sentence before ``r`` in its article (``sentences``: article id → sentences), past a
    sub-heading (no full stop: "Les pompiers ont dû lui casser le bras" between "les policiers
    ont tenté…" and "Ils ont alors pénétré…", reading 40), or None."""
    before = sentences.get(r.article_id, [])
    if not (0 < r.position < len(before) and before[r.position] == r.text):
        return None
    return next((s for s in reversed(before[:r.position]) if END.search(s)), None)


def context_of(r: RankedSentence, sentences: dict[str, list[str]]) -> str | None:
    """The sentence before ``r`` in its article when ``r`` opens with a subject pronoun that
    stands for someone (not "Il y a", "Il faut"), "Ce dernier" or "Selon lui,"; else None."""
    if (_PRONOUN.match(r.text) and not _IMPERSONAL.match(r.text)) or opens_with_reference(r.text):
        return previous(r, sentences)
    return None


def snap(edit: Edit, candidates: Sequence[tuple[int, int]], threshold: float,
         max_words: int | None = None, most: int | None = None) -> Edit:
    """The compression that deletes the constituents (word ranges) whose mean P(delete)
    under the model is at least ``threshold``, most likely first, none overlapping; with
    ``max_words``, the next likeliest too while the sentence is longer than that; with
    ``most``, no more than that many constituents."""
    scored = sorted(((float(np.mean(edit.scores[i:j])), i, j) for i, j in candidates), reverse=True)
    out = Edit(list(edit.source), [KEEP] * len(edit.source), [""] * (len(edit.source) + 1), list(edit.scores))
    deleted = 0
    for score, i, j in scored:
        if (score < threshold and (max_words is None or len(out.apply().split()) <= max_words)) \
                or (most is not None and deleted >= most):
            break
        if all(t == KEEP for t in out.tags[i:j]):
            out.tags[i:j] = [DELETE] * (j - i)
            deleted += 1
    return out


def compression(source: str, edit: Edit, candidates: Sequence[tuple[int, int]], threshold: float) -> Edit | None:
    """The likeliest compression of ``source`` that ``accept`` keeps: every constituent likely
    enough (:func:`snap`), else the likeliest fewer of them (when all of them would leave
    under ``MIN_KEPT`` of the sentence, fewer may not), contrastive pronouns dropped too
    (:func:`uncontrasted`); None when none is kept."""
    tried = source
    for most in range(len(candidates), -1, -1):
        out = uncontrasted(snap(edit, candidates, threshold, most=most))
        text = out.apply()
        if text != tried and accept("compress", [source], text):
            return out
        tried = text  # a larger ``most`` than the likely cuts gives the same text: judged once
    return None


class Scored(NamedTuple):
    """A sentence as the condenser and the parser read it."""

    edit: Edit  # P(delete) of each word (``edit.scores``)
    spans: list[tuple[int, int]]  # its deletable constituents (``constituents.spans``)
    verbless: bool  # no finite verb: a fragment (``constituents.verbless``)
    unbound: bool = False  # a relative's subject pronoun names no one said (``constituents.unbound``)


def scored(editor, sentences: Sequence[str]) -> list[Scored]:
    """Each sentence's edit under the model, its deletable constituents and whether it has
    a finite verb, from one batched parse and one batched model call. The parse comes first:
    the encoder (most of warm time) reads only the sentences it offers a constituent in; a
    sentence it offers none in cannot be compressed, and its edit keeps every word (P 0)."""
    if not sentences:
        return []
    docs = spacy_fr.parse(sentences)
    words = [tokens(s) for s in sentences]
    found = [constituents.spans(s, doc, protected(w, whole=True)) for s, doc, w in zip(sentences, docs, words)]
    asked = [("compress", [s]) for s, f in zip(sentences, found) if f]
    read = iter(editor.condense(asked) if asked else [])
    return [Scored(next(read) if f else Edit(w, [KEEP] * len(w), [""] * (len(w) + 1), [0.0] * len(w)),
                   f, constituents.verbless(doc), constituents.unbound(doc)) for w, f, doc in zip(words, found, docs)]


#: Words a compression drops so that its sentence reads alone: a link or a contrast.
_LINKS = CONTRAST | {"également", "aussi", "ailleurs", "outre", "revanche", "toutefois", "cependant",
                      "pourtant", "néanmoins", "donc", "ainsi"}


def restored(facets: list[Facet], budget: int) -> list[Facet]:
    """The chosen facets, each compression that buys no fact undone while the briefing fits its
    ``budget``: a detail is kept when its words are free (four of `facets`' six wins in blind
    reading 29, three of seven in reading 30, were such cuts). Not a cut that dropped a link or
    a contrast ("par ailleurs", ", lui,") its source needs, nor one that made it read alone."""
    left = budget - sum(len(f.text.split()) for f in facets)
    for k, f in enumerate(facets):
        if len(f.edits) != 1 or f.edits[0]["type"] != "compress" or f.edits[0]["to"] != f.text:
            continue
        source = f.edits[0]["from"]
        extra = len(source.split()) - len(f.text.split())
        dropped = {w.lower() for w, _ in tokens(source)} - {w.lower() for w, _ in tokens(f.text)}
        said = [g.text for g in facets[:k]]
        if extra <= left and not dropped & _LINKS and readable(source) and unlinked(source) == source \
                and not dangling(source, facets[:k]) and not unintroduced(source, said):
            f.text, f.edits, left = source, [], left - extra
    return facets


def compress(editor, sentences: Sequence[str], threshold: float) -> list[Edit]:
    """Each sentence compressed: the model's deletions snapped to whole constituents."""
    return [snap(r.edit, r.spans, threshold) for r in scored(editor, sentences)]


#: A second clause with a subject of its own ("…, et elle l'a fait savoir…").
_SECOND_CLAUSE = re.compile(r"\b(?:et|mais|ou|car|or)\s+(?:il|elle|ils|elles|on)\b|;")


def joins_only(edit: Edit, a: str, b: str) -> bool:
    """Does a fusion of ``a`` and ``b`` delete only what joining them makes redundant: ``a``'s
    final punctuation and ``b``'s repeated opening (no word of either fact)? And not make ``a``,
    two clauses, a relative ("Marlène Schiappa, qui n'est pas satisfaite, et elle l'a fait
    savoir…, n'a pas…", session 27)?"""
    n_a = len(tokens(a))
    n_open = len(tokens(" ".join(b.split()[:opening(a, b)])))
    allowed = {n_a - 1, *range(n_a, n_a + n_open)}
    relative = len(re.findall(r"\bqui\b", edit.apply())) > len(re.findall(r"\bqui\b", f"{a} {b}"))
    return all(k in allowed for k, t in enumerate(edit.tags) if t == DELETE) \
        and not (relative and _SECOND_CLAUSE.search(a))


class _Table:
    """What the planner's ``compressor`` hook needs: a sentence → its condensed form, and
    its compression to a length (``fit``)."""

    def __init__(self, table: dict[str, tuple[str, str]], raw: dict | None = None,
                 threshold: float = 1.0) -> None:
        self.table, self.raw, self.threshold = table, raw or {}, threshold

    def compress(self, sentence: str, df=None) -> str:
        return self.table.get(sentence, ("", sentence))[1]

    def edit_type(self, sentence: str) -> str:
        return self.table[sentence][0] if sentence in self.table else "compress"

    def fit(self, sentence: str, max_words: int) -> str:
        """``sentence`` compressed to at most ``max_words`` words (whole constituents, the
        likeliest deletions first), or "" when that is not an acceptable compression."""
        if sentence not in self.raw:
            return ""
        r = self.raw[sentence]
        out = uncontrasted(snap(r.edit, r.spans, self.threshold, max_words)).apply()
        ok = len(out.split()) <= max_words and readable(out) and accept("compress", [sentence], out)
        return out if ok else ""


class CondensedSummarizer(PlannedSummarizer):
    """The planned briefing (``facets``), condensed by the text-editing model."""

    name = "condensed"

    def __init__(self, model_path: str | Path | None = None, max_words: int | None = None,
                 headline: bool = True, fuse: bool = True, runtime: str = "auto", refer: bool = True,
                 stories: str = "main") -> None:
        super().__init__(max_words, scorer=bundled(), headline=headline, stories=stories)
        self.name = "condensed" if headline else "condensed-untitled"
        self.model_path = Path(model_path) if model_path else DEFAULT_MODEL
        self.fuse, self.runtime, self.refer = fuse, runtime, refer
        self._articles: Sequence[Article] = ()
        self._sentences: dict[str, list[str]] = {}  # article id → its sentences, segmented once
        self._editor = None
        self._table: dict = {}
        self._raw: dict[str, Scored] = {}  # the sentences compressed, as ``scored`` read them
        self._judged: dict[str, bool] = {}  # a sentence the plan would say → is it a fragment (``fragment``)

    @property
    def editor(self):
        if self._editor is None:
            spacy_fr.preload(torch_free=uses_onnx(self.model_path, self.runtime))
            self._editor = load_condenser(self.model_path, self.runtime)
        return self._editor

    def fingerprint(self) -> str:
        files = sorted(p for p in self.model_path.glob("*") if p.is_file())  # onnx/ gives the same edits
        model = hashlib.sha256(b"".join(p.read_bytes() for p in files)).hexdigest()
        payload = [super().fingerprint(), model, self.fuse, self.refer,
                   code_hash(("summarize.seq2seq.condense", "summarize.seq2seq.editor", "summarize.seq2seq.refer", "summarize.seq2seq.pronouns",
                              "summarize.seq2seq.cuts",
                              "summarize.seq2seq.constituents", "summarize.text.edits",
                              "summarize.text.facts"))]
        return hashlib.sha256(json.dumps(payload).encode()).hexdigest()

    def condensed(self, ranked: Sequence[RankedSentence], articles: Sequence[Article],
                  wanted: set[str] | None = None) -> dict:
        """sentence → (edit type, condensed sentence), for the ``TOP`` ranked sentences: those
        opening with a subject pronoun repaired from the parse (``pronouns.antecedents``), the
        ``wanted`` ones (default: all) compressed by the model."""
        editor = self.editor  # loading it first lets spaCy load in a thread meanwhile (``preload``)
        sentences = self._sentences = {a.id: [s.text for s in segment_article(a)] for a in articles}
        pairs, short = [], []
        for r in ranked[:TOP]:
            context = context_of(r, sentences)
            if context is not None:
                pairs.append((context, r.text))
            elif wanted is None or r.text in wanted:
                short.append(r.text)
        table = {}
        for (context, text), out in zip(pairs, antecedents(pairs) if pairs else []):
            if out and accept("repair", [context, text], out):
                table[text] = ("repair", out)
        threshold = editor.config.span_threshold
        bare = {text: unlinked(text) for text in short}  # "Toutefois, les …" → "Les …"
        self._raw = dict(zip(short, scored(editor, [bare[t] for t in short])))
        for text in short:
            out = compression(bare[text], self._raw[text].edit, self._raw[text].spans, threshold)
            said = out.apply() if out is not None else bare[text]
            if said != text and accept("compress", [text], said):
                table[text] = ("compress", said)
        quoted = [(before, r.text) for r in ranked[:TOP] if r.text not in table and INVERTED.search(r.text)
                  and (before := previous(r, sentences))]
        for (context, text), out in zip(quoted, speakers(quoted) if quoted else []):
            if out and accept("repair", [context, text], out):
                table[text] = ("repair", out)
        titles = {a.id: a.title or "" for a in articles}  # "M. Fusco" → "Bruno Fusco", as its article named him
        honored = [(r, table.get(r.text, ("", r.text))[1]) for r in ranked[:TOP] if HONORIFIC.search(r.text)]
        cluster = cluster_texts(articles, sentences)
        items = [(said, [titles.get(r.article_id, ""), *sentences.get(r.article_id, [])[:r.position]], cluster)
                 for r, said in honored]
        for (r, _), out in zip(honored, full_names(items) if items else []):
            if out and readable(out):
                table[r.text] = ("repair", out)
        return table

    def fused(self, facets: list[Facet]) -> list[Facet]:
        """Two chosen sentences that open with the same noun phrase, said as one when the
        condenser fuses them acceptably."""
        body = [f for f in facets if not f.headline and f.text]
        pairs = [(a, b) for i, a in enumerate(body) for b in body[i + 1:] if opening(a.text, b.text)]
        if not pairs:
            return facets
        firsts = [undated(a.text, b.text) for a, b in pairs]  # the date they share, said once
        edits = self.editor.condense([("fuse", [first, b.text]) for first, (_, b) in zip(firsts, pairs)])
        gone: set[int] = set()
        for (a, b), first, edit in zip(pairs, firsts, edits):
            out = edit.apply()
            if id(a) in gone or id(b) in gone or not joins_only(edit, first, b.text) \
                    or not accept("fuse", [first, b.text], out):
                continue
            a.edits = a.edits + b.edits + [{"type": "fuse", "from": f"{a.text} {b.text}", "to": out}]
            a.sources = a.sources + b.sources
            a.article_ids = list(dict.fromkeys(a.article_ids + b.article_ids))
            a.text = out
            gone.add(id(b))
        return [f for f in facets if id(f) not in gone]

    def compressor_for(self, ranked: Sequence[RankedSentence], cleaned: Sequence[Article]) -> _Table:
        """The sentences an uncondensed plan says and the ``NEXT`` best ranked, condensed (the
        encoder, most of warm time, reads twenty-odd sentences, not ``TOP``)."""
        first = plan(cleaned, self.budget, similarity=self.similarity, ranked=ranked,
                     headline=self.headline)
        wanted = {s.text for f in first for s in f.sources} | {r.text for r in ranked[:NEXT]}
        self._table, self._articles = self.condensed(ranked, cleaned, wanted), cleaned
        # a compression is judged as said: one can cut a fragment's only verb ("Beaucoup de projets
        # donc pour l'ancienne candidate de Koh Lanta[, qui avoue aussi écrire …]")
        self._judged = {t: r.verbless or r.unbound for t, r in self._raw.items()}
        return _Table(self._table, self._raw, self.editor.config.span_threshold)

    def sayable(self, ranked: Sequence[RankedSentence], articles: Sequence[Article] = ()) -> list[RankedSentence]:
        """What ``facets`` may say (``PlannedSummarizer.sayable``) less the sentences the parse
        found no finite verb in ("Des spéculations en totale contradiction avec…", "Tenir la
        population informée…": blind reading 8), a fragment of what its article said before
        (only the sentences parsed for compression are judged), nor those whose relative clause's
        subject pronoun names no one said ("Le bilan qu'il dresse …", ``constituents.unbound``)."""
        return [r for r in super().sayable(ranked, articles)
                if not (r.text in self._raw and (self._raw[r.text].verbless or self._raw[r.text].unbound))]

    def sentences(self, articles: Sequence[Article]) -> dict[str, list[str]]:
        return self._sentences  # segmented once per cluster, in ``condensed``

    def dangles(self, text: str, before: list[Facet]) -> bool:
        """A demonstrative's noun not said before, "Les deux hommes …" that nothing before
        counts (``context.the_two``), or a fragment (:meth:`fragment`); a repeated opening
        noun phrase may be said, to be fused (:meth:`fused`), unless the two would make a
        sentence too long to say (the seeds: 63 words, so two sentences opened "Le dirigeant
        nord-coréen")."""
        said = [f.text for f in before]
        return dangling(text, before) or the_two(text, said) or unintroduced(text, said) \
            or self.fragment(text, before) or any(
                repeats_opening(text, [s]) and len(s.split()) + len(text.split()) - opening(text, s) >= MAX_WORDS
                for f, s in zip(before, said) if not f.headline)

    def fragment(self, text: str, before: list[Facet]) -> bool:
        """Does a sentence that fits the words left have no finite verb or a relative pronoun
        naming no one (``sayable``'s tests, which judge only the sentences parsed for
        compression)? The plan reaches further down for a short sentence to fill the words
        compressions freed ("Un message martelé … par les autorités sanitaires."), and a
        compression may cut a nominal sentence's only verb: parsed here, once, when said."""
        left = self.budget - sum(len(f.text.split()) for f in before)
        if len(text.split()) > left:
            return False  # not said: too long for the words left
        if text not in self._judged:
            doc = spacy_fr.parse([text])[0]
            self._judged[text] = constituents.verbless(doc) or constituents.unbound(doc)
        return self._judged[text]

    def named(self, facets: list[Facet]) -> list[Facet]:
        """Body sentences opening with an unnamed role named (``refer.name_roles``)."""
        budget = self.budget
        return name_roles(facets, self._sentences, self._articles, budget)

    def after_plan(self, facets: list[Facet]) -> list[Facet]:
        self._table, self._raw, self._judged = {}, {}, {}
        facets = self.fused(facets) if self.fuse else facets
        return restored(self.named(facets) if self.refer else facets, self.budget)
