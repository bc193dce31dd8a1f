"""Training pairs for ``summarize train``: read, run through clean → rank → pack, tokenize, cache."""

from __future__ import annotations

import gzip
import hashlib
import json
import random
from collections.abc import Iterator
from pathlib import Path

import torch

from summarize.errors import UserError
from summarize.select.pack import pack_articles, token_counter
from summarize.seq2seq.tokenizer import TASK_TOKENS
from summarize.text.clean import clean_text
from summarize.text.datasets import load_orangesum
from summarize.types import Article

Pair = tuple[list[Article], str, str]  # (articles, target, task token)


def read_pairs(spec: str, cfg, task: str | None = None) -> list[Pair]:
    """``orangesum:SPLIT`` or a ``.jsonl[.gz]`` file of ``article``/``articles`` → target pairs."""
    if spec.startswith("orangesum:"):
        split = spec.split(":", 1)[1]
        is_title = split.startswith("title")
        token = task or (TASK_TOKENS[1] if is_title else TASK_TOKENS[0])
        examples = load_orangesum(cfg.data_dir or None, split)
        return [([e.article], e.title if is_title else e.abstract, token) for e in examples]
    path = Path(spec)
    if not path.is_file():
        raise UserError(f"training data not found: {spec}")
    opener = gzip.open if path.suffix == ".gz" else open
    pairs: list[Pair] = []
    with opener(path, "rt", encoding="utf-8") as fh:
        for n, line in enumerate(fh, 1):
            if not line.strip():
                continue
            try:
                row = json.loads(line)
                target = row[cfg.target_field]
                raw = row["articles"] if "articles" in row else [row[cfg.source_field]]
            except (json.JSONDecodeError, KeyError, TypeError) as err:
                raise UserError(f"{path}:{n}: bad training line ({err})") from None
            arts = [
                Article(id=f"{n}-{i}", text=a if isinstance(a, str) else a.get("text") or a.get("article", ""))
                for i, a in enumerate(raw)
            ]
            pairs.append((arts, target, task or TASK_TOKENS[0]))
    if not pairs:
        raise UserError(f"no training pairs in {spec}")
    return pairs


def vocabulary_texts(cfg) -> Iterator[str]:
    """Cleaned training articles and targets, for the sentencepiece vocabulary."""
    for articles, target, _ in read_pairs(cfg.train, cfg):
        for a in articles:
            yield clean_text(a.text)
        yield clean_text(target)


def encode_pairs(pairs: list[Pair], tokenizer, cfg, log=print) -> list[dict]:
    """Model inputs built by the pipeline (clean → rank → pack) and tokenized targets."""
    count = token_counter(tokenizer)
    items = []
    for n, (articles, target, token) in enumerate(pairs, 1):
        if cfg.pack_order == "verbatim":  # fusion pairs: the given sentences, as they are
            text = " ".join([token] + [clean_text(a.text) for a in articles])
        else:
            text = pack_articles(articles, count, cfg.max_source_tokens - 1, order=cfg.pack_order,
                                 prefix=token).text
        target = clean_text(target)
        src = tokenizer(text, max_length=cfg.max_source_tokens, truncation=True)["input_ids"]
        tgt = tokenizer(target, max_length=cfg.max_target_tokens, truncation=True)["input_ids"]
        items.append({"input_ids": src, "labels": tgt, "source": text, "target": target})
        if n % 2000 == 0:
            log(f"  prepared {n}/{len(pairs)} pairs")
    return items


def prepare(cfg, tokenizer, run_dir: Path, log=print) -> tuple[list[dict], list[dict]]:
    """Encoded (train, valid) items, cached in the run folder by data settings and vocabulary."""
    vocab = json.dumps(tokenizer.get_vocab(), sort_keys=True)
    key = hashlib.sha256(json.dumps([cfg.train, cfg.valid, cfg.extra_train, cfg.extra_fraction, cfg.data_dir,
                                     cfg.source_field, cfg.target_field, cfg.max_source_tokens,
                                     cfg.max_target_tokens, cfg.pack_order, vocab]).encode()).hexdigest()[:16]
    cache = run_dir / f"data-{key}.pt"
    if cache.is_file():
        return torch.load(cache, weights_only=True)  # tensors, numbers and strings only
    log("building training inputs (clean → rank → pack)")
    train_pairs = read_pairs(cfg.train, cfg)
    if cfg.extra_train:
        extra = read_pairs(cfg.extra_train, cfg)
        random.Random(cfg.seed).shuffle(extra)
        train_pairs += extra[: int(len(extra) * cfg.extra_fraction)]
    data = (encode_pairs(train_pairs, tokenizer, cfg, log), encode_pairs(read_pairs(cfg.valid, cfg), tokenizer, cfg, log))
    tmp = cache.with_suffix(".tmp")
    torch.save(data, tmp)
    tmp.rename(cache)
    return data
