"""Beam search in numpy with the semantics of transformers' ``generate`` (v5, ``early_stopping=True``).

Same steps as ``GenerationMixin._beam_search``: log-softmax, the logits processors
(``summarize.seq2seq.processors``: those our settings switch on — no-repeat n-grams, minimum new
tokens, forced BOS/EOS — then any extra ones, such as the source constraint), the top
``2 × beams`` continuations, finished hypotheses scored by
``sum of log-probs / length ** length_penalty``, and the same stopping rules. Given the
same logits it returns the same tokens; ``tests/test_runtime.py`` checks that against
``model.generate``. The model is reached through one callable, so any runtime can use it.
"""

from __future__ import annotations

from collections.abc import Callable, Sequence

import numpy as np

from summarize.seq2seq.processors import Processor, standard

#: step(tokens (N,), position, reorder (N,) or None) → next-token logits (N, vocab).
StepFn = Callable[[np.ndarray, int, "np.ndarray | None"], np.ndarray]

NEG = np.float32(-1.0e9)


def log_softmax(x: np.ndarray) -> np.ndarray:
    x = x - x.max(-1, keepdims=True)
    return x - np.log(np.exp(x).sum(-1, keepdims=True))


def _top(scores: np.ndarray, k: int) -> np.ndarray:
    """Indices of the ``k`` largest values of each row, best first (like ``torch.topk``)."""
    part = np.argpartition(-scores, k - 1, axis=1)[:, :k]
    order = np.argsort(-np.take_along_axis(scores, part, 1), axis=1, kind="stable")
    return np.take_along_axis(part, order, 1)


def beam_search(step: StepFn, batch: int, *, start_id: int, eos_id: int, num_beams: int = 4,
                max_new_tokens: int = 80, min_new_tokens: int = 0, no_repeat_ngram_size: int = 0,
                length_penalty: float = 1.0, forced_eos: bool = True, forced_bos: int | None = None,
                processors: Sequence[Processor] = (), scores: list | None = None) -> list[list[int]]:
    """Generated token ids for each of ``batch`` inputs (without the start and EOS tokens).

    The settings are ``generate``'s (``GenerationSettings.generate_kwargs()`` fits).

    ``step`` is called with the last token of each of the ``batch × num_beams`` running
    hypotheses; ``reorder`` (None at the first step) tells it which previous hypothesis each
    row continues, so it can gather its cache first. ``forced_eos`` makes the last possible
    token EOS (``forced_eos_token_id`` in transformers); ``forced_bos`` forces the first one.
    ``processors`` run after those; ``scores``, if given, receives each output's
    length-normalised log-probability (``sequences_scores`` in transformers).
    """
    procs = standard(eos_id=eos_id, max_new_tokens=max_new_tokens, min_new_tokens=min_new_tokens,
                     no_repeat_ngram_size=no_repeat_ngram_size, forced_eos=forced_eos,
                     forced_bos=forced_bos) + list(processors)
    k, max_len = num_beams, max_new_tokens + 1
    keep = 2 * k
    running = np.full((batch, k, max_len), eos_id, dtype=np.int64)
    running[:, :, 0] = start_id
    finished_seqs = running.copy()
    running_scores = np.zeros((batch, k), np.float32)
    running_scores[:, 1:] = NEG
    finished_scores = np.full((batch, k), NEG, np.float32)
    is_finished = np.zeros((batch, k), bool)
    improvable = np.ones((batch, 1), bool)
    top_k_mask = np.arange(keep) < k
    rows = np.arange(batch)[:, None]
    reorder, cur_len = None, 1
    while True:
        logits = step(running[:, :, cur_len - 1].reshape(-1), cur_len - 1, reorder)
        log_probs = log_softmax(logits.astype(np.float32))
        seqs = running.reshape(batch * k, max_len)[:, :cur_len]
        for proc in procs:
            log_probs = proc(seqs, log_probs)
        vocab = log_probs.shape[-1]
        acc = (log_probs.reshape(batch, k, vocab) + running_scores[:, :, None]).reshape(batch, -1)
        idx = _top(acc, keep)
        top_scores = np.take_along_axis(acc, idx, 1)
        src_beam, token = idx // vocab, idx % vocab
        top_seqs = running[rows, src_beam]
        top_seqs[:, :, cur_len] = token
        done = (token == eos_id) | (cur_len + 1 >= max_len)

        # running hypotheses for the next step: the best k that did not just finish
        live_scores = top_scores + done.astype(np.float32) * NEG
        nxt = _top(live_scores, k)
        running = top_seqs[rows, nxt]
        running_scores = np.take_along_axis(live_scores, nxt, 1)
        reorder = (np.take_along_axis(src_beam, nxt, 1) + rows * k).reshape(-1)

        # finished hypotheses: merge the new ones (among the top k only) and keep the best k
        just_done = done & top_k_mask[None, :]
        scored = top_scores / np.float32((cur_len + 1 - 1) ** length_penalty)
        scored = scored + is_finished.all(-1, keepdims=True).astype(np.float32) * NEG
        scored = scored + (~improvable).astype(np.float32) * NEG
        scored = scored + (~just_done).astype(np.float32) * NEG
        merged_scores = np.concatenate([finished_scores, scored], 1)
        best = _top(merged_scores, k)
        finished_seqs = np.concatenate([finished_seqs, top_seqs], 1)[rows, best]
        finished_scores = np.take_along_axis(merged_scores, best, 1)
        is_finished = np.take_along_axis(np.concatenate([is_finished, just_done], 1), best, 1)

        cur_len += 1
        best_running = running_scores[:, :1] / np.float32((cur_len - 1) ** length_penalty)
        worst_done = np.where(is_finished, finished_scores.min(1, keepdims=True), NEG)
        improvable = improvable & (best_running > worst_done).any(-1, keepdims=True)
        if not improvable.any() or is_finished.all() or done.all():
            break
    if scores is not None:
        scores.extend(finished_scores[:, 0].tolist())
    out = []
    for seq in finished_seqs[:, 0]:
        ids = seq[1:].tolist()
        out.append(ids[: ids.index(eos_id)] if eos_id in ids else ids)
    return out
