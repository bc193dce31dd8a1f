"""Export a BART-family summarizer (plain or with the copy head) to ONNX for the lean runtime.

Two graphs go into ``MODEL/onnx/``:

- ``encoder.onnx``: ``input_ids, attention_mask`` → ``enc`` and, per decoder layer, the
  cross-attention keys and values (computed once per input instead of once per step);
- ``decoder.onnx``: one decoding step with a key/value cache → next-token ``logits`` (the
  copy head's log-probabilities when it is on) and the grown cache.

The graphs restate BART's inference math with the model's own modules (post-layer-norm
layers, learned positions offset by 2, scaled embeddings), so ``tests/test_runtime.py`` can
check them against the Hugging Face forward. Weights that float16 holds exactly (a float16
checkpoint) are stored as float16 and cast back when ONNX Runtime loads them: half the size.
"""

from __future__ import annotations

import shutil
from pathlib import Path

import numpy as np
import torch
from torch import nn

from summarize.errors import UserError
from summarize.seq2seq.registry import refuse_code

OPSET = 17


def _heads(x: torch.Tensor, n: int) -> torch.Tensor:
    """(batch, len, d) → (batch, heads, len, d / heads)."""
    return x.unflatten(-1, (n, -1)).transpose(1, 2)


def _attend(attn, x: torch.Tensor, k: torch.Tensor, v: torch.Tensor, n: int,
            mask_add: torch.Tensor | None) -> torch.Tensor:
    """Multi-head attention of ``x`` over cached keys/values (BART's eager attention)."""
    q = _heads(attn.q_proj(x), n)
    w = torch.matmul(q, k.transpose(2, 3)) * attn.scaling
    if mask_add is not None:
        w = w + mask_add
    out = torch.matmul(w.softmax(-1), v).transpose(1, 2).flatten(2)
    return attn.out_proj(out)


def _mask_add(mask: torch.Tensor) -> torch.Tensor:
    """Padding mask (batch, src) → additive (batch, 1, 1, src)."""
    return (1.0 - mask[:, None, None, :].float()) * torch.finfo(torch.float32).min


def _ffn(layer, h: torch.Tensor) -> torch.Tensor:
    return layer.final_layer_norm(h + layer.fc2(layer.activation_fn(layer.fc1(h))))


class EncoderGraph(nn.Module):
    """Encoder plus every decoder layer's cross-attention keys/values."""

    def __init__(self, model):
        super().__init__()
        self.model, self.cfg = model, model.config

    def forward(self, input_ids, attention_mask):
        enc = self.model.model.encoder
        positions = torch.cumsum(torch.ones_like(input_ids[0]), 0) + 1  # 2, 3, … (BART offset)
        h = enc.layernorm_embedding(enc.embed_tokens(input_ids) + enc.embed_positions.weight[positions])
        mask = _mask_add(attention_mask)
        n = self.cfg.encoder_attention_heads
        for layer in enc.layers:
            a = layer.self_attn
            k, v = _heads(a.k_proj(h), n), _heads(a.v_proj(h), n)
            h = layer.self_attn_layer_norm(h + _attend(a, h, k, v, n, mask))
            h = _ffn(layer, h)
        out = [h]
        n = self.cfg.decoder_attention_heads
        for layer in self.model.model.decoder.layers:
            a = layer.encoder_attn
            out += [_heads(a.k_proj(h), n), _heads(a.v_proj(h), n)]
        return tuple(out)


class DecoderStepGraph(nn.Module):
    """One decoding step: token at ``position`` (+ caches) → logits and the grown self-attn cache."""

    def __init__(self, model):
        super().__init__()
        self.model, self.cfg = model, model.config
        self.copy = bool(getattr(model.config, "copy_mechanism", False))

    def forward(self, token, position, enc, enc_mask, src_ids, *caches):
        dec = self.model.model.decoder
        layers = len(dec.layers)
        cross, past = caches[: 2 * layers], caches[2 * layers :]
        h = dec.layernorm_embedding(dec.embed_tokens(token) + dec.embed_positions.weight[position + 2])
        mask = _mask_add(enc_mask)
        n = self.cfg.decoder_attention_heads
        grown = []
        for i, layer in enumerate(dec.layers):
            a = layer.self_attn
            k = torch.cat([past[2 * i], _heads(a.k_proj(h), n)], dim=2)
            v = torch.cat([past[2 * i + 1], _heads(a.v_proj(h), n)], dim=2)
            grown += [k, v]
            h = layer.self_attn_layer_norm(h + _attend(a, h, k, v, n, None))
            h = layer.encoder_attn_layer_norm(
                h + _attend(layer.encoder_attn, h, cross[2 * i], cross[2 * i + 1], n, mask))
            h = _ffn(layer, h)
        logits = self.model.lm_head(h) + self.model.final_logits_bias
        if self.copy:
            logits = self.model._copy_log_probs(h, enc, src_ids, enc_mask, logits)
        return (logits[:, -1, :], *grown)


def _fp16_initializers(path: Path) -> None:
    """Store float32 weights that float16 holds exactly (a float16 checkpoint) as float16.

    They are cast back at load time (ONNX Runtime folds the casts); lossless, half the size.
    """
    import onnx
    from onnx import helper, numpy_helper

    proto = onnx.load(str(path))
    graph, casts = proto.graph, []
    for init in graph.initializer:
        if init.data_type != onnx.TensorProto.FLOAT or int(np.prod(init.dims)) < 1024:
            continue
        name, weights = init.name, numpy_helper.to_array(init)
        half = weights.astype(np.float16)
        if not np.array_equal(half.astype(np.float32), weights):
            continue
        init.CopyFrom(numpy_helper.from_array(half, f"{name}__fp16"))
        casts.append(helper.make_node("Cast", [f"{name}__fp16"], [name], to=onnx.TensorProto.FLOAT))
    for node in reversed(casts):
        graph.node.insert(0, node)
    onnx.save(proto, str(path))


def export_onnx(model_dir: str | Path, out_dir: str | Path | None = None) -> Path:
    """Write ``encoder.onnx`` and ``decoder.onnx`` for the model in ``model_dir``.

    The default output is ``model_dir/onnx``. Only BART-family models (``bart``, ``copy_bart``)
    can be exported; others keep running through transformers.
    """
    from transformers import AutoModelForSeq2SeqLM

    import summarize.seq2seq.modeling  # noqa: F401  (registers copy_bart)

    src = Path(model_dir)
    if not src.is_dir():
        raise UserError(f"model folder not found: {src}")
    refuse_code(src)
    final = Path(out_dir) if out_dir else src / "onnx"
    try:
        model = AutoModelForSeq2SeqLM.from_pretrained(src, dtype=torch.float32,
                                                  trust_remote_code=False).eval()
    except (OSError, ValueError) as err:
        raise UserError(f"cannot load model folder {src}: {str(err).splitlines()[0]}") from None
    cfg = model.config
    if cfg.model_type not in ("bart", "copy_bart") or getattr(cfg, "add_final_layer_norm", False):
        raise UserError(f"ONNX export supports BART models, not {cfg.model_type!r}")
    out = final.with_name(f".{final.name}.tmp")
    shutil.rmtree(out, ignore_errors=True)
    out.mkdir(parents=True)
    layers, heads = cfg.decoder_layers, cfg.decoder_attention_heads
    head_dim = cfg.d_model // heads
    ids = torch.tensor([[5, 6, 7, 2], [8, 9, 2, 0]])
    mask = (ids != cfg.pad_token_id).long()
    cross_names = [f"{kv}{i}" for i in range(layers) for kv in ("cross_k", "cross_v")]
    past_names = [f"{kv}{i}" for i in range(layers) for kv in ("past_k", "past_v")]
    grown_names = [f"{kv}{i}" for i in range(layers) for kv in ("k", "v")]
    batch_src = {0: "batch", 2: "src"}
    with torch.inference_mode():
        encoded = EncoderGraph(model)(ids, mask)
        torch.onnx.export(
            EncoderGraph(model), (ids, mask), str(out / "encoder.onnx"), dynamo=False, do_constant_folding=False,
            opset_version=OPSET, input_names=["input_ids", "attention_mask"],
            output_names=["enc", *cross_names],
            dynamic_axes={"input_ids": {0: "batch", 1: "src"}, "attention_mask": {0: "batch", 1: "src"},
                          "enc": {0: "batch", 1: "src"}, **{n: batch_src for n in cross_names}},
        )
        past = [torch.zeros(2, heads, 1, head_dim) for _ in past_names]
        args = (torch.tensor([[cfg.decoder_start_token_id]] * 2), torch.tensor([1]), encoded[0],
                mask, ids, *encoded[1:], *past)
        torch.onnx.export(
            DecoderStepGraph(model), args, str(out / "decoder.onnx"), dynamo=False, do_constant_folding=False,
            opset_version=OPSET,
            input_names=["token", "position", "enc", "enc_mask", "src_ids", *cross_names, *past_names],
            output_names=["logits", *grown_names],
            dynamic_axes={"token": {0: "batch"}, "enc": {0: "batch", 1: "src"},
                          "enc_mask": {0: "batch", 1: "src"}, "src_ids": {0: "batch", 1: "src"},
                          "logits": {0: "batch"}, **{n: batch_src for n in cross_names},
                          **{n: {0: "batch", 2: "past"} for n in past_names},
                          **{n: {0: "batch", 2: "past1"} for n in grown_names}},
        )
    for name in ("encoder.onnx", "decoder.onnx"):
        _fp16_initializers(out / name)
    shutil.rmtree(final, ignore_errors=True)
    out.rename(final)
    return final
