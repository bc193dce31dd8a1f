"""Lean CPU runtime: an exported model run with ONNX Runtime, no torch or transformers imported.

A model folder with ``onnx/encoder.onnx`` and ``onnx/decoder.onnx`` (written by
``summarize export`` through ``summarize.seq2seq.onnx_export``) is generated from here with
:func:`summarize.seq2seq.beam.beam_search`; the tokenizer is the folder's ``tokenizer.json`` loaded
with the ``tokenizers`` library. Importing torch and transformers takes ~3 s on the team's
2-core machines, longer than a whole briefing, and ``generate``'s per-step overhead dominates
for a small model; this path avoids both and gives the same tokens, up to float-level
near-ties between beams (tests/test_runtime.py).
"""

from __future__ import annotations

import json
from collections.abc import Sequence
from pathlib import Path

import numpy as np

from summarize.errors import UserError
from summarize.seq2seq.beam import beam_search

ONNX_FILES = ("encoder.onnx", "decoder.onnx")
#: generation_config entries that change ``generate``'s output but that beam.py does not do.
_UNSUPPORTED = {"repetition_penalty": 1.0, "encoder_repetition_penalty": 1.0, "min_length": 0,
                "bad_words_ids": None, "suppress_tokens": None, "begin_suppress_tokens": None,
                "forced_decoder_ids": None, "exponential_decay_length_penalty": None,
                "sequence_bias": None, "encoder_no_repeat_ngram_size": 0}


def has_onnx(folder: str | Path) -> bool:
    """Does ``folder`` hold an exported model this runtime can run?"""
    return all((Path(folder) / "onnx" / name).is_file() for name in ONNX_FILES)


class Tokenizer:
    """The folder's ``tokenizer.json`` behind the small part of the HF tokenizer API we use."""

    def __init__(self, path: str | Path):
        from tokenizers import Tokenizer as RustTokenizer

        self._tok = RustTokenizer.from_file(str(path))
        self._tok.no_truncation()  # tokenizer.json may carry the settings of its last use
        self._tok.no_padding()
        self.pad_token_id = self._tok.token_to_id("<pad>") or 0

    def __call__(self, texts: Sequence[str], add_special_tokens: bool = True, **_) -> dict:
        """``{"input_ids": [...]}`` like a Hugging Face tokenizer called on a batch."""
        enc = self._tok.encode_batch(list(texts), add_special_tokens=add_special_tokens)
        return {"input_ids": [e.ids for e in enc]}

    def encode_padded(self, texts: Sequence[str], max_length: int) -> tuple[np.ndarray, np.ndarray]:
        """Ids and attention mask, truncated to ``max_length`` (special tokens included), padded."""
        self._tok.enable_truncation(max_length)
        try:
            rows = [e.ids for e in self._tok.encode_batch(list(texts))]
        finally:
            self._tok.no_truncation()
        width = max(len(r) for r in rows)
        ids = np.full((len(rows), width), self.pad_token_id, dtype=np.int64)
        for i, r in enumerate(rows):
            ids[i, : len(r)] = r
        return ids, (ids != self.pad_token_id).astype(np.int64)

    def decode(self, ids: Sequence[int]) -> str:
        return self._tok.decode(list(ids), skip_special_tokens=True)


class OnnxSeq2Seq:
    """Encoder + decoder-step ONNX sessions of one model folder, with its tokenizer."""

    def __init__(self, folder: str | Path, threads: int | None = None):
        import onnxruntime as ort

        self.folder = Path(folder)
        config = json.loads((self.folder / "config.json").read_text())
        gen_path = self.folder / "generation_config.json"
        gen = json.loads(gen_path.read_text()) if gen_path.is_file() else {}
        self.start_id = int(config["decoder_start_token_id"])
        self.eos_id = int(config["eos_token_id"])
        self.forced_eos = gen.get("forced_eos_token_id", config.get("forced_eos_token_id")) is not None
        self.forced_bos = gen.get("forced_bos_token_id", config.get("forced_bos_token_id"))
        odd = sorted(k for k, default in _UNSUPPORTED.items() if gen.get(k, default) != default)
        if odd:
            raise UserError(f"{self.folder}: generation_config sets {', '.join(odd)}, which the "
                            "ONNX runtime does not apply; use --runtime torch")
        self.tokenizer = Tokenizer(self.folder / "tokenizer.json")
        opts = ort.SessionOptions()
        opts.graph_optimization_level = ort.GraphOptimizationLevel.ORT_ENABLE_ALL
        if threads:
            opts.intra_op_num_threads = threads
        opts.log_severity_level = 3
        self.encoder, self.decoder = (
            ort.InferenceSession(str(self.folder / "onnx" / name), opts,
                                 providers=["CPUExecutionProvider"])
            for name in ONNX_FILES
        )
        names = [i.name for i in self.decoder.get_inputs()]
        self._cross = [n for n in names if n.startswith("cross_")]
        self._past = [n for n in names if n.startswith("past_")]

    @classmethod
    def from_pretrained(cls, folder: str | Path, **kwargs) -> OnnxSeq2Seq:
        """Load a folder's export; a damaged config, tokenizer or graph is a one-line error."""
        try:
            return cls(folder, **kwargs)
        except UserError:
            raise
        except Exception as err:  # noqa: BLE001 - onnxruntime, tokenizers and json raise many kinds
            first = str(err).strip().splitlines()[0] if str(err).strip() else type(err).__name__
            raise UserError(f"cannot load the ONNX export of {folder}: {first[:200]} "
                            "(re-export it with `summarize export-onnx`, or --runtime torch)") from None

    def generate_ids(self, ids: np.ndarray, mask: np.ndarray, **settings) -> list[list[int]]:
        """Beam search over one padded batch (``generate``'s settings); the generated ids of each row."""
        enc, *cross = self.encoder.run(None, {"input_ids": ids, "attention_mask": mask})
        k = settings.get("num_beams", 4)
        fixed = {"enc": np.repeat(enc, k, 0), "enc_mask": np.repeat(mask, k, 0),
                 "src_ids": np.repeat(ids, k, 0)}
        fixed.update({n: np.repeat(c, k, 0) for n, c in zip(self._cross, cross)})
        heads, head_dim = cross[0].shape[1], cross[0].shape[3]
        past = [np.zeros((len(ids) * k, heads, 0, head_dim), np.float32) for _ in self._past]

        def step(tokens: np.ndarray, position: int, reorder: np.ndarray | None) -> np.ndarray:
            nonlocal past
            if reorder is not None:
                past = [p[reorder] for p in past]
            feed = {"token": tokens[:, None], "position": np.array([position], np.int64), **fixed}
            feed.update(zip(self._past, past))
            logits, *past = self.decoder.run(None, feed)
            return logits

        return beam_search(step, len(ids), start_id=self.start_id, eos_id=self.eos_id,
                           forced_eos=self.forced_eos, forced_bos=self.forced_bos, **settings)

    def generate_texts(self, texts: Sequence[str], settings, max_input_tokens: int) -> list[str]:
        """One summary per text, in input order (batches of ``settings.batch_size``, longest first)."""
        order = sorted(range(len(texts)), key=lambda i: len(texts[i]), reverse=True)
        outputs: list[str] = [""] * len(texts)
        for start in range(0, len(order), settings.batch_size):
            idx = order[start : start + settings.batch_size]
            ids, mask = self.tokenizer.encode_padded([texts[i] for i in idx], max_input_tokens)
            for i, gen in zip(idx, self.generate_ids(ids, mask, **settings.generate_kwargs())):
                outputs[i] = " ".join(self.tokenizer.decode(gen).split())
        return outputs
