"""Training the condenser (``seq2seq/editor.py``) on the pairs of ``train/condenseset.py``.

The encoder is frozen, so its word states are computed once and cached (``states.pt`` in the
run folder); the decoder is trained on them with teacher forcing, a checkpoint per epoch
(``checkpoint.pt``: ``resume=True`` goes on from it). With ``tune_layers=k`` the top ``k``
encoder layers are fine-tuned with it (``train/tuning.py``: the frozen layers' output is
cached instead, ``states-top{k}.pt``) and saved in ``encoder.safetensors``. 3 % of the pairs
are held out for the loss and exact-match rate printed per epoch.
"""

from __future__ import annotations

import json
import random
from collections.abc import Callable, Sequence
from dataclasses import dataclass
from pathlib import Path

from summarize.errors import UserError
from summarize.seq2seq.e5 import E5Tokenizer, french_vocabulary, read_e5
from summarize.seq2seq.editor import TASKS, CondenseConfig, Condenser, closed, source_words
from summarize.text.edits import fold
from summarize.train.edits import phrase_vocabulary, tag

MAX_WORDS = 120


@dataclass
class Row:
    """One training pair as the decoder sees it."""

    task: str
    words: list[tuple[str, bool]]
    labels: list[int]
    index: int = 0  # its pair among all the pairs (the state cache's row)


def load_pairs(path: str | Path) -> list[dict]:
    return [json.loads(line) for line in Path(path).read_text(encoding="utf-8").splitlines() if line.strip()]


def prepare(pairs: Sequence[dict], n_phrases: int = 80) -> tuple[CondenseConfig, list[Row], dict, list]:
    """The phrase vocabulary (the ``n_phrases`` most frequent insertions made only of
    closed-class words: ``editor.closed``) and the pairs it covers as labelled rows; counts per
    task of pairs kept and dropped."""
    edits = []
    for p in pairs:
        words, _ = source_words(p["task"], p["articles"])
        if len(words) <= MAX_WORDS:
            edits.append((p["task"], words, tag(" ".join(p["articles"]), p["target"])))
    config = CondenseConfig([p for p in phrase_vocabulary([e for *_, e in edits], 10 * n_phrases)
                             if closed(p)][:n_phrases])
    vocab, rows = set(config.phrases), []
    counts = {t: {"pairs": 0, "kept": 0} for t in TASKS}
    for index, (task, words, edit) in enumerate(edits):
        counts[task]["pairs"] += 1
        if edit.inserts[-1] or any(p and fold(p) not in vocab for p in edit.inserts):
            continue
        counts[task]["kept"] += 1
        rows.append(Row(task, words, [config.label(t, fold(p)) for t, p in zip(edit.tags, edit.inserts)],
                        index))
    return config, rows, counts, [words for _, words, _ in edits]


def pieces_for(texts: Sequence[str]) -> list[int]:
    """The e5 pieces French text uses (``e5.french_vocabulary``) over ``texts``."""
    e5 = read_e5()
    tokenizer = E5Tokenizer(e5.pieces, e5.scores, e5.special, e5.normalize)
    return french_vocabulary(tokenizer, texts)


def train(pairs_path: str | Path, out: str | Path, *, encoder: str = "e5", epochs: int = 6,
          lr: float = 2e-3, batch_size: int = 64, resume: bool = False, seed: int = 0,
          tune_layers: int = 0, encoder_lr: float = 5e-5, vocab_texts: Sequence[str] = (),
          log: Callable[[str], None] = print) -> Condenser:
    """Train a condenser on ``pairs_path`` into folder ``out`` (``encoder``: ``e5`` or
    ``random``; the top ``tune_layers`` encoder layers fine-tuned at ``encoder_lr``); returns
    it, saved with ``save_pretrained``."""
    import torch
    from torch.nn.utils.rnn import pad_sequence

    from summarize.train.tuning import lower_states, top_layers, tuned_state, word_states

    torch.manual_seed(seed)
    out = Path(out)
    out.mkdir(parents=True, exist_ok=True)
    pairs = load_pairs(pairs_path)
    config, rows, counts, every = prepare(pairs)
    log(f"pairs: {json.dumps(counts)}; {len(config.phrases)} phrases")
    texts = [s for p in pairs for s in p["articles"]] + list(vocab_texts)
    pieces_file = out / "pieces.cache.json"
    if resume and pieces_file.is_file():
        pieces = json.loads(pieces_file.read_text(encoding="utf-8"))
    else:
        pieces = pieces_for(texts)
        pieces_file.write_text(json.dumps(pieces), encoding="utf-8")
    condenser = Condenser.build(config, pieces, encoder)
    cache = out / (f"states-top{tune_layers}.pt" if tune_layers else "states.pt")
    if resume and cache.is_file():
        states = torch.load(cache, weights_only=True)
    elif tune_layers:
        states = lower_states(condenser, every, tune_layers)
        torch.save(states, cache)
    else:
        states = [torch.from_numpy(s).half() for s in condenser.states(every)]
        torch.save(states, cache)
    if len(states) != len(every):
        raise UserError(f"{cache} does not match {pairs_path}: train without --resume")
    states = [states[r.index] for r in rows]
    order = list(range(len(rows)))
    random.Random(seed).shuffle(order)
    n_dev = max(1, len(rows) * 3 // 100)
    dev, fit = order[:n_dev], order[n_dev:]
    decoder = condenser.decoder
    top = top_layers(condenser, tune_layers)  # none when frozen
    top.requires_grad_(True)
    groups = [{"params": list(decoder.parameters()), "lr": lr}]
    groups += [{"params": list(top.parameters()), "lr": encoder_lr}] if tune_layers else []
    optimizer = torch.optim.AdamW(groups, weight_decay=0.01)
    start = 0
    checkpoint = out / "checkpoint.pt"
    if resume and checkpoint.is_file():
        saved = torch.load(checkpoint, weights_only=True)
        decoder.load_state_dict(saved["decoder"])
        top.load_state_dict(saved.get("top", {}))
        optimizer.load_state_dict(saved["optimizer"])
        start = int(saved["epoch"])
    tasks = {t: i for i, t in enumerate(config.tasks)}
    params = [p for g in groups for p in g["params"]]

    def inputs(ids):
        if tune_layers:
            return word_states(condenser, tune_layers, [states[i] for i in ids])
        return pad_sequence([states[i].float() for i in ids], batch_first=True)

    def batch(ids):
        x = inputs(ids)
        y = pad_sequence([torch.tensor(rows[i].labels) for i in ids], batch_first=True, padding_value=-100)
        prev = torch.cat([torch.full((len(ids), 1), decoder.start), y[:, :-1].clamp(min=0)], 1)
        task = torch.tensor([tasks[rows[i].task] for i in ids])
        return x, y, prev, task

    loss_fn = torch.nn.CrossEntropyLoss(ignore_index=-100)
    for epoch in range(start, epochs):
        decoder.train()
        top.train()
        rng = random.Random(seed + epoch)
        fit.sort(key=lambda i: len(rows[i].words) + rng.random() * 8)  # similar lengths together
        batches = [fit[s:s + batch_size] for s in range(0, len(fit), batch_size)]
        rng.shuffle(batches)
        total = 0.0
        for ids in batches:
            x, y, prev, task = batch(ids)
            loss = loss_fn(decoder(x, prev, task).flatten(0, 1), y.flatten())
            optimizer.zero_grad()
            loss.backward()
            torch.nn.utils.clip_grad_norm_(params, 1.0)
            optimizer.step()
            total += float(loss.detach()) * len(ids)
        decoder.eval()
        top.eval()
        exact = 0.0
        with torch.no_grad():
            for s in range(0, len(dev), batch_size):
                x, y, _, task = batch(dev[s:s + batch_size])
                allowed = torch.ones(*y.shape, config.n_labels, dtype=torch.bool)
                pred, _ = decoder.decode(x, task, allowed)
                exact += float(((pred == y) | (y == -100)).all(1).float().sum())
        log(f"epoch {epoch + 1}: train loss {total / len(fit):.4f}, held-out exact {exact / len(dev):.1%}")
        torch.save({"decoder": decoder.state_dict(), "top": top.state_dict(), "optimizer": optimizer.state_dict(),
                    "epoch": epoch + 1}, checkpoint)
    if tune_layers:  # the encoder as saved (float16), so what is returned is what loads
        condenser.tune(tuned_state(condenser, tune_layers))
    condenser.save_pretrained(out / "model")
    return condenser
