"""Guided compression pairs (Filippova & Altun 2013): an article sentence of the *training*
split, compressed the way its own abstract says it.

Filippova & Altun mine a news sentence's compression from its headline: the sentence keeps
the parse subtrees that hold the headline's words and loses the others. Here the guide is
the article's abstract and title, and what may go is exactly what the condense stage may
delete (``seq2seq.constituents.spans``: whole modifiers, never a number, a quoted word, a
negation or a date; a name only inside a description set off after a name): a sentence that shares at
least ``MIN_SHARED`` content words with the abstract loses each of those constituents
whose content words neither the abstract nor the title uses, and the result must pass the
stage's own ``accept``. The pairs teach the tagger which modifiers a summary writer leaves
out of a sentence it keeps; the stage's rules decide the rest, as at run time.

The parse is the one ``train/condenseset.py`` caches (``Tok`` lists), turned back into
spaCy ``Doc`` objects so the stage's functions read it unchanged. Written here: no library
mines compressions from a parse and an abstract.
"""

from __future__ import annotations

from collections.abc import Iterator, Sequence

from summarize.seq2seq import constituents, spacy_fr
from summarize.seq2seq.condense import compression
from summarize.seq2seq.editor import protected
from summarize.text.edits import KEEP, Edit, tokens
from summarize.text.tokenize import content_words
from summarize.train.discofuse import Tok

#: Content words a sentence shares with its abstract before it is a summary's sentence.
MIN_SHARED = 2


def as_doc(toks: Sequence[Tok], vocab):
    """A spaCy ``Doc`` of a cached parse (words, spaces, heads, labels, tags, morphology)."""
    from spacy.tokens import Doc  # optional heavy library: only with the [condense] extra

    return Doc(vocab, words=[t.text for t in toks], spaces=[t.space for t in toks],
               heads=[t.head for t in toks], deps=[t.dep for t in toks],
               pos=[t.pos or "X" for t in toks], morphs=[t.morph for t in toks])


def guided(sentence: str, doc, guide: set[str]) -> Edit | None:
    """``sentence`` (parsed as ``doc``) without its deletable constituents whose content
    words ``guide`` lacks, as the stage would say it; None when nothing goes or the result
    does not pass ``accept``."""
    words = tokens(sentence)
    spans = constituents.spans(sentence, doc, protected(words, whole=True))
    scores = [0.0] * len(words)
    for i, j in spans:
        if not set(content_words(" ".join(w for w, _ in words[i:j]))) & guide:
            scores[i:j] = [1.0] * (j - i)
    if not any(scores):
        return None
    edit = Edit(words, [KEEP] * len(words), [""] * (len(words) + 1), scores)
    out = compression(sentence, edit, spans, threshold=0.99)
    return out if out is not None and out.apply() != sentence else None


def guided_pairs(article: Sequence[Sequence[Tok]], abstract: str, title: str = "",
                 vocab=None) -> Iterator[dict]:
    """A ``compress`` pair for each sentence of a parsed article that shares ``MIN_SHARED``
    content words with ``abstract`` and loses a constituent neither it nor ``title`` uses."""
    vocab = vocab if vocab is not None else spacy_fr.parser().vocab
    summary = set(content_words(abstract))
    guide = summary | set(content_words(title))
    for toks in article:
        doc = as_doc(toks, vocab)
        sentence = doc.text.strip()
        if len(set(content_words(sentence)) & summary) < MIN_SHARED or sentence != doc.text:
            continue
        edit = guided(sentence, doc, guide)
        if edit is not None:
            yield {"task": "compress", "articles": [sentence], "target": edit.apply(),
                   "kind": "guided"}
