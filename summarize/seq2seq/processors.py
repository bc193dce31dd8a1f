"""Logits processors of the numpy beam search, each mirrored by a transformers ``LogitsProcessor``.

A processor is a callable ``(input_ids (rows, cur_len), scores (rows, vocab)) -> scores``,
as in transformers; ``input_ids`` start with the decoder start token. The built-in ones copy
transformers' processors of the same name (``MIRRORS`` maps each to its class), and
:class:`summarize.seq2seq.constrain.SourceConstraint` is wrapped for torch by :func:`to_torch`, so
both runtimes apply the same rules and give the same tokens (``tests/test_runtime.py``).
"""

from __future__ import annotations

from collections.abc import Callable, Sequence

import numpy as np

Processor = Callable[[np.ndarray, np.ndarray], np.ndarray]


class NoRepeatNGram:
    """Forbid tokens that would repeat an n-gram already in the hypothesis."""

    def __init__(self, n: int):
        self.n = n

    def __call__(self, input_ids: np.ndarray, scores: np.ndarray) -> np.ndarray:
        n, cur_len = self.n, input_ids.shape[1]
        if n <= 0 or cur_len + 1 < n:
            return scores
        for row, seq in enumerate(input_ids):
            prefix = tuple(seq[cur_len - n + 1 : cur_len])
            banned = [seq[i + n - 1] for i in range(cur_len - n + 1)
                      if tuple(seq[i : i + n - 1]) == prefix]
            if banned:
                scores[row, banned] = -np.inf
        return scores


class MinNewTokens:
    """Forbid EOS before ``min_new_tokens`` tokens were generated after the ``prompt_length`` first."""

    def __init__(self, prompt_length: int, min_new_tokens: int, eos_id: int):
        self.prompt_length, self.min_new_tokens, self.eos_id = prompt_length, min_new_tokens, eos_id

    def __call__(self, input_ids: np.ndarray, scores: np.ndarray) -> np.ndarray:
        if input_ids.shape[1] - self.prompt_length < self.min_new_tokens:
            scores[:, self.eos_id] = -np.inf
        return scores


class ForcedBOS:
    """Force ``token_id`` as the first generated token."""

    def __init__(self, token_id: int):
        self.token_id = token_id

    def __call__(self, input_ids: np.ndarray, scores: np.ndarray) -> np.ndarray:
        if input_ids.shape[1] == 1:
            scores[:] = -np.inf
            scores[:, self.token_id] = 0.0
        return scores


class ForcedEOS:
    """Force EOS as the last token when ``max_length`` is reached."""

    def __init__(self, max_length: int, eos_id: int):
        self.max_length, self.eos_id = max_length, eos_id

    def __call__(self, input_ids: np.ndarray, scores: np.ndarray) -> np.ndarray:
        if input_ids.shape[1] == self.max_length - 1:
            scores[:] = -np.inf
            scores[:, self.eos_id] = 0.0
        return scores


#: numpy processor → the transformers class ``generate`` builds from the same setting.
MIRRORS = {NoRepeatNGram: "NoRepeatNGramLogitsProcessor", MinNewTokens: "MinNewTokensLengthLogitsProcessor",
           ForcedBOS: "ForcedBOSTokenLogitsProcessor", ForcedEOS: "ForcedEOSTokenLogitsProcessor"}


def standard(*, eos_id: int, max_new_tokens: int, min_new_tokens: int = 0, no_repeat_ngram_size: int = 0,
             forced_eos: bool = True, forced_bos: int | None = None) -> list[Processor]:
    """The processors ``generate`` switches on for these settings, in its order."""
    procs: list[Processor] = []
    if no_repeat_ngram_size > 0:
        procs.append(NoRepeatNGram(no_repeat_ngram_size))
    if min_new_tokens > 0:
        procs.append(MinNewTokens(1, min_new_tokens, eos_id))
    if forced_bos is not None:
        procs.append(ForcedBOS(forced_bos))
    if forced_eos:
        procs.append(ForcedEOS(max_new_tokens + 1, eos_id))
    return procs


def to_torch(processors: Sequence[Processor]):
    """A transformers ``LogitsProcessorList`` running these (non-built-in) numpy processors."""
    import torch
    from transformers import LogitsProcessor, LogitsProcessorList

    class NumpyProcessor(LogitsProcessor):
        """Runs a numpy processor inside ``generate`` (same rule, same masks)."""

        def __init__(self, inner: Processor):
            self.inner = inner

        def __call__(self, input_ids, scores):
            out = self.inner(input_ids.cpu().numpy(), scores.detach().float().cpu().numpy().copy())
            return torch.from_numpy(out).to(scores.device, scores.dtype)

    return LogitsProcessorList([NumpyProcessor(p) for p in processors])
