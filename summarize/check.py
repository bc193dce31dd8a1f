"""Check stage: attribute summary sentences to source articles and check their facts.

Attribution: each summary sentence is matched to the packed source sentences by word
overlap (French tokenizer with stemming); it is attributed to the articles of the
best-matching sources. Facts: numbers, dates and capitalized names in the summary must
appear in the source articles; unsupported ones are reported, and ``strict`` replaces a
sentence holding one with the closest supported source sentence.
"""

from __future__ import annotations

import re
from collections.abc import Sequence
from dataclasses import dataclass, field

from summarize.select.readable import readable
from summarize.text.facts import facts, norm, source_numbers, supported, unverified
from summarize.text.segment import split_sentences
from summarize.text.tokenize import tokenize
from summarize.types import Article, RankedSentence


@dataclass
class SentenceCheck:
    """One summary sentence, its supporting articles and its unsupported facts."""

    text: str
    article_ids: list[str] = field(default_factory=list)
    sources: list[str] = field(default_factory=list)  # best-matching source sentences
    unsupported: list[str] = field(default_factory=list)
    replaced: str | None = None  # original text, when verification replaced it
    edits: list[dict] | None = None  # what the planner changed in the source sentence (dates)
    status: str | None = None  # in an update briefing: "new", or "context" (already known)
    also_in: list[str] | None = None  # articles that report the fact in other words
    #: "extracted": a source sentence verbatim; "compressed": a source sentence's words, in
    #: order, with some left out (summarize.select.compress, or the condenser); "fused": two
    #: source sentences said as one, or a pronoun replaced by its name from the previous
    #: sentence (the condenser, summarize.seq2seq.condense); "headline": a source article's
    #: title heading the briefing (summarize.select.plan); "generated": anything else.
    origin: str = "generated"

    def to_dict(self) -> dict:
        return {k: v for k, v in self.__dict__.items() if v is not None}


def _subsequence(words: list[str], source: list[str]) -> bool:
    """Are ``words`` ``source``'s words in order, some left out?"""
    it = iter(source)
    return bool(words) and all(w in it for w in words)


def _overlap(a: set[str], b: set[str]) -> float:
    return len(a & b) / len(a) if a else 0.0


def check(
    summary: str,
    used: Sequence[RankedSentence],
    articles: Sequence[Article],
    *,
    strict: bool = False,
    min_overlap: float = 0.3,
    edits: dict[str, list[dict]] | None = None,
    whole: Sequence[str] = (),
) -> list[SentenceCheck]:
    """Split ``summary`` into sentences; attribute each to articles and check its facts.

    ``whole``: texts said as one sentence each (a plan's facets), never split, even where
    :func:`split_sentences` would cut them ("Sarkozy, Le Pen, Valls... Les politiques adressent
    leurs vœux de Noël aux Français.", a title: two "compressed" halves before).
    ``strict`` (verification): a sentence with an unsupported fact, or a generated one that
    :func:`unverified` rejects, is replaced by the closest supported source sentence.
    ``edits`` (sentence → its ``{"from", "to"}`` edits, e.g. a date written out from its
    article's date): such a sentence is checked as it was before the edits, which it records."""
    raw = " ".join(f"{a.title}\n{a.text}" if a.title else a.text for a in articles)  # titles are sources too
    raw += "\n" + "\n".join(u.text for u in used)  # as cleaning wrote them ("A NiceFace à" → "Face à")
    source, numbers = norm(raw), source_numbers(raw)
    source_tokens = [set(tokenize(s.text, stem=True)) for s in used]
    results = []
    for said in _pieces(summary, whole):
        done = (edits or {}).get(said)
        sentence = _undo(said, done, [u.text for u in used]) if done else said
        tokens = set(tokenize(sentence, stem=True))
        overlaps = [_overlap(tokens, st) for st in source_tokens]
        best = max(overlaps, default=0.0)
        keep = [i for i, o in enumerate(overlaps) if o >= max(min_overlap, 0.8 * best)]
        keep.sort(key=lambda i: -overlaps[i])
        ids: list[str] = []
        for i in keep:
            ids += [a for a in (used[i].article_ids or [used[i].article_id]) if a not in ids]
        result = SentenceCheck(said, ids, [used[i].text for i in keep[:3]], edits=done or None)
        if any(norm(sentence) == norm(u.text) for u in used):
            result.origin = "extracted"
        elif any(_subsequence(tokenize(sentence), tokenize(u.text)) for u in used):
            result.origin = "compressed"
        kinds = {e.get("type") for e in done or ()}
        if kinds & {"fuse", "repair"}:  # the condenser's (seq2seq.condense): source words only
            result.origin = "fused"
        elif "compress" in kinds:
            result.origin = "compressed"
        result.unsupported = [f for f in facts(sentence) if not supported(f, source, numbers)]
        if strict and used and (result.unsupported or (
                result.origin == "generated" and unverified(sentence, raw))):
            fallback = _closest_supported(overlaps, used, source, numbers)
            if fallback is not None:
                result.replaced, result.text, result.edits = said, used[fallback].text, None
                result.article_ids = list(used[fallback].article_ids or [used[fallback].article_id])
                result.sources, result.unsupported = [used[fallback].text], []
                result.origin = "extracted"
        results.append(result)
    return results


def _pieces(summary: str, whole: Sequence[str]) -> list[str]:
    """``split_sentences(summary)``, the pieces of each ``whole`` text joined back."""
    pieces = split_sentences(summary)
    cut: dict[str, list[tuple[list[str], str]]] = {}
    for text in whole:
        parts = split_sentences(text)
        if len(parts) > 1:
            cut.setdefault(parts[0], []).append((parts, text))
    if not cut:
        return pieces
    out, i = [], 0
    while i < len(pieces):
        parts, text = next(((p, t) for p, t in cut.get(pieces[i], ()) if pieces[i:i + len(p)] == p), ([pieces[i]], pieces[i]))
        out.append(text)
        i += len(parts)
    return out


def _undo(text: str, edits: list[dict], known: Sequence[str] = ()) -> str:
    """The sentence before its edits (each ``to`` put back to its ``from``, last first).

    An edit's ``to`` may occur more than once ("dans la nuit de mardi à mercredi, a annoncé
    mercredi 26 février …" dated to "… mercredi 26 février …, a annoncé mercredi 26 février"):
    every way of undoing them is tried (64 at most), and the first that gives one of the
    ``known`` source sentences wins; else the one that undoes each at its last occurrence."""
    texts = [text]
    for edit in reversed(edits):
        to, undone = edit["to"], []
        for t in texts:
            starts = [m.start() for m in re.finditer(re.escape(to), t)] if to else []
            undone += [t[:at] + edit["from"] + t[at + len(to):] for at in reversed(starts)] or [t]
        texts = undone[:64]
    targets = {norm(k) for k in known}
    return next((t for t in texts if norm(t) in targets), texts[0])


def _closest_supported(overlaps, used, source, numbers) -> int | None:
    """The used sentence closest to the replaced one whose facts the sources hold, one that
    reads alone first ("Le préfet a ensuite annoncé…" only when no other can)."""
    order = sorted(range(len(used)), key=lambda i: (not readable(used[i].text), -overlaps[i]))
    for i in order:
        if all(supported(f, source, numbers) for f in facts(used[i].text)):
            return i
    return None
