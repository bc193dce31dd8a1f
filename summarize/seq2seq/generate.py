"""Seq2seq generation stage: batched, deterministic generation with a Hugging Face model.

Two runtimes run the same beam search: ``torch`` (transformers' ``generate``, any seq2seq model,
CPU or CUDA) and ``onnx`` (``summarize.seq2seq.runtime``: an exported BART-family model on CPU, without
importing torch). ``auto`` picks ``onnx`` when the model folder has an export and the device is
the CPU.
"""

from __future__ import annotations

import copy
import hashlib
import json
from collections.abc import Sequence
from dataclasses import asdict, dataclass, replace

from summarize.errors import UserError
from summarize.io import code_hash
from summarize.select.pack import ORDERS, pack_articles, token_counter
from summarize.select.summarizer import Summarizer
from summarize.seq2seq import registry
from summarize.seq2seq.constrain import SourceConstraint, Vocabulary
from summarize.seq2seq.processors import to_torch
from summarize.seq2seq.registry import folder_hash
from summarize.seq2seq.runtime import OnnxSeq2Seq

#: Modules whose code shapes a seq2seq summary (part of the fingerprint).
_PIPELINE_CODE = ("summarize.text.clean", "summarize.text.segment", "summarize.select.rank", "summarize.select.pack",
                  "summarize.seq2seq.generate", "summarize.seq2seq.modeling", "summarize.seq2seq.beam", "summarize.seq2seq.runtime")


@dataclass
class GenerationSettings:
    """Decoding settings; ``max_new_tokens``/``min_new_tokens`` bound the summary length."""

    num_beams: int = 4
    max_new_tokens: int = 80
    min_new_tokens: int = 8
    no_repeat_ngram_size: int = 3
    length_penalty: float = 1.0
    batch_size: int = 8

    def to_dict(self) -> dict:
        return asdict(self)

    def generate_kwargs(self) -> dict:
        """The settings ``model.generate`` and ``generation_config`` take (all but batch size)."""
        return {k: v for k, v in asdict(self).items() if k != "batch_size"}


def generate_texts(
    model,
    tokenizer,
    texts: Sequence[str],
    settings: GenerationSettings,
    max_input_tokens: int,
    device: str = "cpu",
) -> list[str]:
    """Generate one output per input text, in input order (batches sorted by length)."""
    import torch

    order = sorted(range(len(texts)), key=lambda i: len(texts[i]), reverse=True)
    outputs: list[str] = [""] * len(texts)
    model.eval()
    for start in range(0, len(order), settings.batch_size):
        idx = order[start : start + settings.batch_size]
        enc = tokenizer(
            [texts[i] for i in idx],
            max_length=max_input_tokens,
            truncation=True,
            padding=True,
            return_tensors="pt",
        ).to(device)
        with torch.inference_mode():
            out = model.generate(**enc, **settings.generate_kwargs(), do_sample=False,
                                 early_stopping=True)
        decoded = tokenizer.batch_decode(out, skip_special_tokens=True)
        for i, text in zip(idx, decoded):
            outputs[i] = " ".join(text.split())
    return outputs


def generate_constrained(summarizer: Seq2SeqSummarizer, texts: Sequence[str],
                         sources: Sequence[Sequence[str]], *, constrain: bool = True) -> list[tuple[str, float]]:
    """(text, length-normalised log-probability) for each input, decoded under a
    :class:`~summarize.seq2seq.constrain.SourceConstraint` over ``sources[i]`` (both runtimes)."""
    s, model, tok = summarizer.settings, summarizer.model, summarizer.tokenizer
    vocab = Vocabulary.from_tokenizer(tok)
    order = sorted(range(len(texts)), key=lambda i: len(texts[i]), reverse=True)
    out: list[tuple[str, float]] = [("", float("-inf"))] * len(texts)
    for start in range(0, len(order), s.batch_size):
        idx = order[start : start + s.batch_size]
        procs = [SourceConstraint(vocab, [sources[i] for i in idx], s.num_beams)] if constrain else []
        batch = [summarizer.model_input_text(texts[i]) for i in idx]
        if summarizer.runtime == "onnx":
            ids, mask = tok.encode_padded(batch, summarizer.spec.max_input_tokens)
            scores: list[float] = []
            gen = model.generate_ids(ids, mask, **s.generate_kwargs(), processors=procs, scores=scores)
            texts_out = [tok.decode(g) for g in gen]
        else:
            texts_out, scores = _torch_constrained(summarizer, batch, procs)
        for i, text, score in zip(idx, texts_out, scores):
            out[i] = (" ".join(text.split()), float(score))
    return out


def _torch_constrained(summarizer: Seq2SeqSummarizer, batch: list[str], procs: list):
    import torch


    enc = summarizer.tokenizer(batch, max_length=summarizer.spec.max_input_tokens, truncation=True,
                               padding=True, return_tensors="pt").to(summarizer.device)
    with torch.inference_mode():
        res = summarizer.model.generate(**enc, **summarizer.settings.generate_kwargs(), do_sample=False,
                                        early_stopping=True, logits_processor=to_torch(procs),
                                        output_scores=True, return_dict_in_generate=True)
    texts = summarizer.tokenizer.batch_decode(res.sequences, skip_special_tokens=True)
    if summarizer.settings.num_beams > 1:
        return texts, res.sequences_scores.tolist()
    steps = summarizer.model.compute_transition_scores(res.sequences, res.scores, normalize_logits=True)
    finite = torch.where(torch.isfinite(steps), steps, torch.zeros_like(steps))
    lengths = torch.isfinite(steps).sum(1).clamp(min=1)
    return texts, (finite.sum(1) / lengths ** summarizer.settings.length_penalty).tolist()


def words_to_tokens(max_words: int) -> int:
    """A new-token budget for ``max_words`` French words (≈1.5 pieces a word, plus slack)."""
    return int(max_words * 1.5) + 8


def trim_words(text: str, max_words: int | None) -> str:
    """Cut ``text`` to ``max_words``: at the last sentence end that fits, else at a word with "…"."""
    words = text.split()
    if not max_words or len(words) <= max_words:
        return text
    cut = " ".join(words[:max_words])
    end = max(cut.rfind(". "), cut.rfind("! "), cut.rfind("? "), cut.rfind(".»"))
    if cut.endswith((".", "!", "?", "»")):
        return cut
    return cut[: end + 1].strip() if end > 0 else cut.rstrip(",;:") + " …"


class Seq2SeqSummarizer(Summarizer):
    """A Hugging Face seq2seq model behind the common summarizer interface.

    ``summarize`` packs each cluster (clean → rank → pack within the model's own token
    budget), applies the prompt template, and generates in batches.
    """

    def __init__(self, model, tokenizer, spec, *, settings: GenerationSettings,
                 prompt: str | None = None, max_words: int | None = None, device: str = "cpu",
                 runtime: str = "torch"):
        self.model, self.tokenizer, self.spec = model, tokenizer, spec
        self.settings, self.prompt, self.max_words, self.device = settings, prompt, max_words, device
        self.runtime = runtime
        self.name = spec.name
        self._hash: str | None = None

    @classmethod
    def from_pretrained(cls, spec: str | None = None, *, prompt: str | None = None,
                        device: str = "cpu", max_words: int | None = None, runtime: str = "auto",
                        pack_order: str | None = None, **overrides) -> Seq2SeqSummarizer:
        """Load an alias, ``bundled:NAME``, local folder or hub name (see ``registry``)."""
        resolved = registry.resolve(spec)
        if pack_order is not None:
            if pack_order not in ORDERS:
                raise UserError(f"pack order must be one of {', '.join(ORDERS)}, not {pack_order!r}")
            resolved.pack_order = pack_order
        device = registry.pick_device(device)
        runtime = registry.pick_runtime(runtime, resolved, device)
        if runtime == "onnx":
            model = OnnxSeq2Seq.from_pretrained(resolved.path)
            tok = model.tokenizer
        else:
            model, tok = registry.load_model(resolved, device)
        if "beams" in overrides:
            overrides["num_beams"] = overrides.pop("beams")
        known = set(GenerationSettings.__dataclass_fields__)
        unknown = sorted(k for k in overrides if k not in known)
        if unknown:
            raise UserError(f"unknown generation setting(s): {', '.join(unknown)}")
        values = {**resolved.generation, **{k: v for k, v in overrides.items() if v is not None}}
        if max_words:
            values["max_new_tokens"] = words_to_tokens(max_words)
        settings = GenerationSettings(**values)
        template = registry.load_prompt(prompt if prompt is not None else resolved.prompt)
        return cls(model, tok, resolved, settings=settings, prompt=template, max_words=max_words,
                   device=device, runtime=runtime)

    def fingerprint(self) -> str:
        """Content hash of the model folder (or hub name) plus every setting that changes outputs."""
        if self._hash is None:
            h = hashlib.sha256()
            if self.spec.local:
                h.update(folder_hash(self.spec.path)[0].encode())
            else:  # a hub model: its name at its revision
                h.update(f"{self.spec.path}@{self.spec.revision or 'default'}".encode())

            h.update(code_hash(_PIPELINE_CODE).encode())
            h.update(json.dumps([self.settings.to_dict(), self.prompt, self.max_words,
                                 self.spec.max_input_tokens, self.spec.prefix,
                                 self.spec.pack_order, self.runtime]).encode())
            self._hash = h.hexdigest()[:16]
        return self._hash

    def pack(self, articles):
        """The packed model input of one cluster (a ``pack.Packed`` with its report)."""
        count = token_counter(self.tokenizer)
        overhead = count([self.prompt.replace("{text}", "")])[0] if self.prompt else 0
        budget = self.spec.max_input_tokens - 1 - overhead
        return pack_articles(articles, count, budget, order=self.spec.pack_order,
                             prefix=self.spec.prefix)

    def model_input(self, packed) -> str:
        return self.model_input_text(packed.text)

    def model_input_text(self, text: str) -> str:
        """``text`` in the model's prompt template, if it has one."""
        return self.prompt.replace("{text}", text) if self.prompt else text

    def generate_packed(self, packed: Sequence) -> list[str]:
        """Summaries of already packed clusters."""
        texts = [self.model_input(p) for p in packed]
        if self.runtime == "onnx":
            outs = self.model.generate_texts(texts, self.settings, self.spec.max_input_tokens)
        else:
            outs = generate_texts(self.model, self.tokenizer, texts, self.settings,
                                  self.spec.max_input_tokens, self.device)
        return [trim_words(o, self.max_words) for o in outs]

    def summarize(self, clusters) -> list[str]:
        return self.generate_packed([self.pack(c) for c in clusters])

    def summarize_packed(self, clusters, packed) -> list[str]:
        return self.generate_packed(packed)

    @property
    def batch_size(self) -> int:
        return self.settings.batch_size

    def with_batch_size(self, size: int) -> Seq2SeqSummarizer:
        out = copy.copy(self)
        out.settings = replace(self.settings, batch_size=size)
        return out

    def describe(self) -> dict:
        return {**super().describe(), "path": self.spec.path, "max_input_tokens": self.spec.max_input_tokens,
                "pack_order": self.spec.pack_order, "runtime": self.runtime}

    def generation(self) -> dict:
        return self.settings.to_dict()
