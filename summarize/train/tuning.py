"""Fine-tuning the condenser's top encoder layers on CPU.

Back-propagating through all 12 e5 layers costs about 30 minutes an epoch of the condenser's
pairs on 2 cores. With the lower ``12 - k`` layers frozen, their output for every pair is
computed once and cached (float16, one row of piece states per pair); each training step then
runs only the top ``k`` layers forward and back, and the decoder reads their states at each
word's first piece, as :meth:`Condenser.states` does at inference.
"""

from __future__ import annotations

from collections.abc import Sequence

import torch
from torch.nn.utils.rnn import pad_sequence

from summarize.seq2seq.editor import MAX_PIECES, Condenser


def _additive(mask: torch.Tensor) -> torch.Tensor:
    """A (batch, pieces) padding mask as the (batch, 1, 1, pieces) bias a ``BertLayer`` adds."""
    return (1.0 - mask[:, None, None, :].float()) * torch.finfo(torch.float32).min


def lower_states(condenser: Condenser, rows: Sequence[Sequence[tuple[str, bool]]], k: int,
                 batch_size: int = 16) -> list[tuple[torch.Tensor, torch.Tensor]]:
    """For each row of words: the frozen layers' output (pieces, hidden) in float16, and the
    index of each word's first piece (words past the encoder's length: its last piece)."""
    bert = condenser.encoder
    encoded = [condenser.tokenizer.word_ids(words, MAX_PIECES) for words in rows]
    order = sorted(range(len(rows)), key=lambda i: len(encoded[i][0]))
    pad = condenser.tokenizer.special["pad"]
    out: list = [None] * len(rows)
    with torch.no_grad():  # not inference_mode: the cached tensors feed autograd
        for s in range(0, len(order), batch_size):
            batch = order[s:s + batch_size]
            ids = pad_sequence([torch.tensor(encoded[i][0]) for i in batch], batch_first=True, padding_value=pad)
            bias = _additive(ids != pad)
            h = bert.embeddings(input_ids=ids)
            for layer in bert.encoder.layer[:len(bert.encoder.layer) - k]:
                h = layer(h, attention_mask=bias)
            for row, i in enumerate(batch):
                n = len(encoded[i][0])
                out[i] = (h[row, :n].half().clone(), torch.tensor(encoded[i][1]))
    return out


def top_layers(condenser: Condenser, k: int) -> torch.nn.ModuleList:
    return condenser.encoder.encoder.layer[len(condenser.encoder.encoder.layer) - k:]


def word_states(condenser: Condenser, k: int, cached: Sequence[tuple[torch.Tensor, torch.Tensor]]) -> torch.Tensor:
    """The top ``k`` layers run over cached lower states: (batch, words, hidden), zero-padded."""
    x = pad_sequence([c[0].float() for c in cached], batch_first=True)
    mask = pad_sequence([torch.ones(len(c[0])) for c in cached], batch_first=True)
    h, bias = x, _additive(mask)
    for layer in top_layers(condenser, k):
        h = layer(h, attention_mask=bias)
    return pad_sequence([h[row, c[1]] for row, c in enumerate(cached)], batch_first=True)


def tuned_state(condenser: Condenser, k: int) -> dict[str, torch.Tensor]:
    """The top ``k`` layers' weights under ``BertModel`` names (for :meth:`Condenser.tune`)."""
    n = len(condenser.encoder.encoder.layer)
    return {f"encoder.layer.{n - k + j}.{name}": v.detach()
            for j, layer in enumerate(top_layers(condenser, k)) for name, v in layer.state_dict().items()}
