"""Train or fine-tune a seq2seq summarizer on CPU, with checkpoints that resume.

Inputs are built by the pipeline's own stages (clean → segment → rank → pack), so training
and inference see the same kind of text. Checkpoints are Hugging Face folders
(``save_pretrained`` for model and tokenizer, ``generation_config.json``) plus the trainer
state needed by ``--resume``; every checkpoint is validated (loss and French ROUGE) and
logged to ``log.jsonl`` and ``log.csv`` in the run folder.
"""

from __future__ import annotations

import csv
import json
import math
import random
import shutil
import time
import tomllib
from dataclasses import asdict, dataclass, fields
from pathlib import Path

import torch

from summarize.errors import UserError
from summarize.evaluate.rouge import score
from summarize.seq2seq.generate import GenerationSettings, generate_texts
from summarize.seq2seq.modeling import CopyBartConfig, CopyBartForConditionalGeneration
from summarize.seq2seq.registry import refuse_code
from summarize.seq2seq.tokenizer import TASK_TOKENS, build_tokenizer, copy_spiece
from summarize.train import trainset as trainingdata


@dataclass
class TrainConfig:
    """Architecture, data and schedule; every field can be set in a TOML file or an option."""

    # data
    train: str = "orangesum:abstract-train"
    valid: str = "orangesum:abstract-valid"
    extra_train: str = ""  # e.g. "orangesum:title-train" (trained with the <title> prefix)
    extra_fraction: float = 1.0  # share of the extra data kept (seeded sample)
    data_dir: str = ""
    source_field: str = "article"
    target_field: str = "abstract"
    max_source_tokens: int = 256
    max_target_tokens: int = 72
    pack_order: str = "source"
    # model (ignored with init)
    init: str = ""
    vocab_size: int = 8000
    d_model: int = 256
    encoder_layers: int = 4
    decoder_layers: int = 2
    attention_heads: int = 4
    ffn_dim: int = 1024
    dropout: float = 0.1
    copy_mechanism: bool = True
    label_smoothing: float = 0.1
    # schedule
    epochs: float = 4.0
    batch_size: int = 16
    lr: float = 7e-4
    warmup_steps: int = 300
    weight_decay: float = 0.01
    seed: int = 13
    threads: int = 2
    # checkpoints and validation
    eval_every: int = 500
    valid_loss_items: int = 300
    valid_rouge_items: int = 100
    keep_checkpoints: int = 2

    @classmethod
    def load(cls, path: str | Path | None = None, **overrides) -> TrainConfig:
        """Defaults, then the TOML file, then non-None ``overrides``."""
        values: dict = {}
        if path:
            try:
                values.update(tomllib.loads(Path(path).read_text(encoding="utf-8")))
            except (OSError, UnicodeDecodeError, tomllib.TOMLDecodeError, RecursionError) as err:
                why = "nested too deeply" if isinstance(err, RecursionError) else str(err)
                raise UserError(f"cannot read the training config {path}: {why}") from None
        values.update({k: v for k, v in overrides.items() if v is not None})
        known = {f.name for f in fields(cls)}
        unknown = sorted(set(values) - known)
        if unknown:
            raise UserError(f"unknown training setting(s): {', '.join(unknown)}")
        return cls(**values)


def build_model(cfg: TrainConfig, tokenizer) -> CopyBartForConditionalGeneration:
    """A fresh small CopyBart sized by ``cfg`` for ``tokenizer``'s vocabulary."""
    config = CopyBartConfig(
        vocab_size=len(tokenizer),
        d_model=cfg.d_model,
        encoder_layers=cfg.encoder_layers,
        decoder_layers=cfg.decoder_layers,
        encoder_attention_heads=cfg.attention_heads,
        decoder_attention_heads=cfg.attention_heads,
        encoder_ffn_dim=cfg.ffn_dim,
        decoder_ffn_dim=cfg.ffn_dim,
        dropout=cfg.dropout,
        attention_dropout=0.0,
        max_position_embeddings=max(cfg.max_source_tokens, cfg.max_target_tokens) + 2,
        pad_token_id=tokenizer.pad_token_id,
        bos_token_id=tokenizer.bos_token_id,
        eos_token_id=tokenizer.eos_token_id,
        decoder_start_token_id=tokenizer.eos_token_id,
        forced_eos_token_id=tokenizer.eos_token_id,
        scale_embedding=True,
        tie_word_embeddings=True,
        copy_mechanism=cfg.copy_mechanism,
        label_smoothing=cfg.label_smoothing,
    )
    return CopyBartForConditionalGeneration(config)


def _checkpoints(run_dir: Path) -> list[Path]:
    found = [p for p in run_dir.glob("checkpoint-*") if (p / "trainer_state.json").is_file()]
    return sorted(found, key=lambda p: int(p.name.split("-")[1]))


def _lr_factor(step: int, warmup: int, total: int) -> float:
    if step < warmup:
        return (step + 1) / warmup
    progress = min(1.0, (step - warmup) / max(1, total - warmup))
    return 0.1 + 0.9 * 0.5 * (1 + math.cos(math.pi * progress))


def _batches(n_items: int, lengths: list[int], batch_size: int, seed: int) -> list[list[int]]:
    """Length-bucketed batches in a seeded random order (same seed → same batches)."""
    rng = random.Random(seed)
    order = list(range(n_items))
    rng.shuffle(order)
    chunks = [order[i : i + batch_size * 50] for i in range(0, n_items, batch_size * 50)]
    batches = []
    for chunk in chunks:
        chunk.sort(key=lambda i: lengths[i])
        batches += [chunk[i : i + batch_size] for i in range(0, len(chunk), batch_size)]
    rng.shuffle(batches)
    return batches


def _collate(items: list[dict], pad_id: int) -> dict[str, torch.Tensor]:
    src_len = max(len(x["input_ids"]) for x in items)
    tgt_len = max(len(x["labels"]) for x in items)
    ids = torch.full((len(items), src_len), pad_id, dtype=torch.long)
    labels = torch.full((len(items), tgt_len), -100, dtype=torch.long)
    for row, item in enumerate(items):
        ids[row, : len(item["input_ids"])] = torch.tensor(item["input_ids"])
        labels[row, : len(item["labels"])] = torch.tensor(item["labels"])
    return {"input_ids": ids, "attention_mask": (ids != pad_id).long(), "labels": labels}


class Trainer:
    """Owns the model, optimizer, data and run folder of one training run."""

    def __init__(self, cfg: TrainConfig, run_dir: str | Path, *, resume: bool = False, log=print):
        self.cfg, self.run_dir, self.log = cfg, Path(run_dir), log
        self.run_dir.mkdir(parents=True, exist_ok=True)
        torch.set_num_threads(cfg.threads)
        torch.manual_seed(cfg.seed)
        self.state = {"step": 0, "epoch": 0, "batch": 0, "seconds": 0.0, "tokens": 0}
        last = _checkpoints(self.run_dir)[-1] if resume and _checkpoints(self.run_dir) else None
        from transformers import AutoModelForSeq2SeqLM, AutoTokenizer

        if last is not None:
            self.log(f"resuming from {last}")
            refuse_code(last)
            self.tokenizer = AutoTokenizer.from_pretrained(last, trust_remote_code=False)
            self.model = AutoModelForSeq2SeqLM.from_pretrained(last, dtype=torch.float32,
                                                               trust_remote_code=False)
            self.state = json.loads((last / "trainer_state.json").read_text())["state"]
        elif cfg.init:
            if Path(cfg.init).is_dir():
                refuse_code(cfg.init)
            self.tokenizer = AutoTokenizer.from_pretrained(cfg.init, trust_remote_code=False)
            self.model = AutoModelForSeq2SeqLM.from_pretrained(cfg.init, dtype=torch.float32,
                                                               trust_remote_code=False)
            self.model.config.dtype = torch.float32
        else:
            tok_dir = self.run_dir / "tokenizer"
            if (tok_dir / "tokenizer.json").is_file():
                self.tokenizer = AutoTokenizer.from_pretrained(tok_dir, trust_remote_code=False)
            else:
                self.log("training the sentencepiece vocabulary")
                texts = trainingdata.vocabulary_texts(cfg)
                self.tokenizer = build_tokenizer(texts, tok_dir, cfg.vocab_size, cfg.max_source_tokens)
            self.model = build_model(cfg, self.tokenizer)
        self.train_items, self.valid_items = trainingdata.prepare(cfg, self.tokenizer, self.run_dir, self.log)
        self.batches_per_epoch = math.ceil(len(self.train_items) / cfg.batch_size)
        self.total_steps = int(cfg.epochs * self.batches_per_epoch)
        self.optimizer = torch.optim.AdamW(
            self.model.parameters(), lr=cfg.lr, weight_decay=cfg.weight_decay, betas=(0.9, 0.98)
        )
        self.scheduler = torch.optim.lr_scheduler.LambdaLR(
            self.optimizer, lambda s: _lr_factor(s, cfg.warmup_steps, self.total_steps)
        )
        if last is not None:
            opt = torch.load(last / "optimizer.pt", weights_only=True)  # tensors and numbers only
            self.optimizer.load_state_dict(opt["optimizer"])
            self.scheduler.load_state_dict(opt["scheduler"])
            torch.set_rng_state(opt["rng"])

    # -- the loop ---------------------------------------------------------------------------
    def fit(self, max_minutes: float | None = None, max_steps: int | None = None, progress=None) -> Path:
        """Train until the schedule, ``max_steps`` or ``max_minutes`` ends; returns the last checkpoint."""
        cfg, st = self.cfg, self.state
        deadline = time.monotonic() + 60 * max_minutes if max_minutes else None
        stop_step = min(self.total_steps, max_steps) if max_steps else self.total_steps
        lengths = [len(x["input_ids"]) for x in self.train_items]
        pad = self.tokenizer.pad_token_id
        last_saved = None
        task = progress.add_task("training", total=stop_step, completed=st["step"]) if progress else None
        while st["step"] < stop_step:
            batches = _batches(len(self.train_items), lengths, cfg.batch_size, cfg.seed + st["epoch"])
            for b in range(st["batch"], len(batches)):
                if st["step"] >= stop_step or (deadline and time.monotonic() > deadline):
                    break
                t0 = time.perf_counter()
                self.model.train()
                batch = _collate([self.train_items[i] for i in batches[b]], pad)
                loss = self.model(**batch).loss
                loss.backward()
                torch.nn.utils.clip_grad_norm_(self.model.parameters(), 1.0)
                self.optimizer.step()
                self.scheduler.step()
                self.optimizer.zero_grad(set_to_none=True)
                dt = time.perf_counter() - t0
                ntok = int(batch["attention_mask"].sum() + (batch["labels"] != -100).sum())
                st.update(step=st["step"] + 1, batch=b + 1, seconds=st["seconds"] + dt,
                          tokens=st["tokens"] + ntok)
                if progress:
                    progress.update(task, completed=st["step"],
                                    description=f"loss {loss.item():.3f} · {ntok / dt:,.0f} tok/s")
                if st["step"] % cfg.eval_every == 0:
                    last_saved = self.checkpoint()
            else:
                st.update(epoch=st["epoch"] + 1, batch=0)
                continue
            break
        if last_saved is None or int(last_saved.name.split("-")[1]) != st["step"]:
            last_saved = self.checkpoint()
        return last_saved

    # -- checkpoints, validation and logs ---------------------------------------------------
    def checkpoint(self) -> Path:
        """Validate, then save an atomic checkpoint folder and append to the logs."""
        metrics = self.validate()
        final = self.run_dir / f"checkpoint-{self.state['step']}"
        tmp = self.run_dir / f".tmp-checkpoint-{self.state['step']}"
        shutil.rmtree(tmp, ignore_errors=True)
        self.save_model(tmp)
        torch.save({"optimizer": self.optimizer.state_dict(), "scheduler": self.scheduler.state_dict(),
                    "rng": torch.get_rng_state()}, tmp / "optimizer.pt")
        (tmp / "trainer_state.json").write_text(json.dumps(
            {"state": self.state, "config": asdict(self.cfg), "metrics": metrics}, indent=2))
        shutil.rmtree(final, ignore_errors=True)
        tmp.rename(final)
        for old in _checkpoints(self.run_dir)[: -self.cfg.keep_checkpoints]:
            shutil.rmtree(old, ignore_errors=True)
        self._append_log(metrics)
        self.log(f"checkpoint {final.name}: " + ", ".join(f"{k} {v}" for k, v in metrics.items()))
        return final

    def save_model(self, out: Path) -> None:
        """Model, tokenizer, generation defaults and pipeline settings, as ``from_pretrained`` reads them."""
        out.mkdir(parents=True, exist_ok=True)
        gen = GenerationSettings()
        self.model.generation_config.update(**gen.generate_kwargs(), early_stopping=True)
        self.model.save_pretrained(out)
        self.tokenizer.save_pretrained(out)
        copy_spiece(self.run_dir / "tokenizer", out)
        if self.cfg.init and Path(self.cfg.init).is_dir():
            copy_spiece(self.cfg.init, out)
        (out / "summarize.json").write_text(json.dumps({
            "max_input_tokens": self.cfg.max_source_tokens, "pack_order": self.cfg.pack_order,
            "prefix": TASK_TOKENS[0], "title_prefix": TASK_TOKENS[1] if self.cfg.extra_train else "",
            "generation": asdict(gen)}, indent=2) + "\n")

    def validate(self) -> dict:
        """Validation loss (teacher forcing) and greedy-decoding French ROUGE on a fixed subset."""
        cfg, pad = self.cfg, self.tokenizer.pad_token_id
        self.model.eval()
        items = self.valid_items[: cfg.valid_loss_items]
        losses, weights = [], []
        with torch.inference_mode():
            for i in range(0, len(items), 32):
                batch = _collate(items[i : i + 32], pad)
                n = int((batch["labels"] != -100).sum())
                losses.append(self.model(**batch).loss.item() * n)
                weights.append(n)
        sub = self.valid_items[: cfg.valid_rouge_items]
        greedy = GenerationSettings(num_beams=1, batch_size=32)
        preds = generate_texts(self.model, self.tokenizer, [x["source"] for x in sub], greedy,
                               cfg.max_source_tokens)
        rouge = score(preds, [[x["target"]] for x in sub], bootstrap=0)
        st = self.state
        return {
            "step": st["step"], "epoch": round(st["step"] / self.batches_per_epoch, 3),
            "train_seconds": round(st["seconds"], 1),
            "valid_loss": round(sum(losses) / max(1, sum(weights)), 4),
            "rouge1": round(100 * rouge.mean("rouge1"), 2), "rouge2": round(100 * rouge.mean("rouge2"), 2),
            "rougeL": round(100 * rouge.mean("rougeL"), 2),
            "rouge_items": len(sub), "rouge_signature": rouge.signature,
        }

    def _append_log(self, metrics: dict) -> None:
        with open(self.run_dir / "log.jsonl", "a", encoding="utf-8") as fh:
            fh.write(json.dumps(metrics) + "\n")
        csv_path = self.run_dir / "log.csv"
        new = not csv_path.exists()
        with open(csv_path, "a", newline="", encoding="utf-8") as fh:
            writer = csv.DictWriter(fh, fieldnames=list(metrics))
            if new:
                writer.writeheader()
            writer.writerow(metrics)


def export_checkpoint(checkpoint: str | Path, out_dir: str | Path, *, fp16: bool = True,
                      force: bool = False) -> Path:
    """Copy a checkpoint's model, tokenizer and settings (not the optimizer) into ``out_dir``."""
    from transformers import AutoModelForSeq2SeqLM


    src, out = Path(checkpoint), Path(out_dir)
    if not (src / "config.json").is_file():
        raise UserError(f"not a checkpoint folder: {src}")
    if out.exists() and not force:
        raise UserError(f"{out} exists; pass --force to replace it")
    tmp = out.with_name(f".{out.name}.tmp")
    shutil.rmtree(tmp, ignore_errors=True)
    model = AutoModelForSeq2SeqLM.from_pretrained(src, dtype=torch.float32)
    if fp16:
        model = model.half()
    model.save_pretrained(tmp)
    for name in ("tokenizer.json", "tokenizer_config.json", "special_tokens_map.json", "spiece.model",
                 "summarize.json", "generation_config.json", "README.md"):
        if (src / name).is_file():
            shutil.copy2(src / name, tmp / name)
    if (out / "README.md").is_file() and not (tmp / "README.md").exists():
        shutil.copy2(out / "README.md", tmp / "README.md")  # keep the model card
    shutil.rmtree(out, ignore_errors=True)
    tmp.rename(out)
    return out
