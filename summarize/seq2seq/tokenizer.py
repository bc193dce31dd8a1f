"""Train a French sentencepiece vocabulary and wrap it as a Hugging Face fast tokenizer.

The sentencepiece unigram model is trained with the ``sentencepiece`` library; its pieces and
scores are then loaded into an identical ``tokenizers`` Unigram pipeline so that
``AutoTokenizer.from_pretrained`` loads it offline (``tokenizer.json``), with the original
``spiece.model`` kept beside it.
"""

from __future__ import annotations

import io
import shutil
from collections.abc import Iterable
from pathlib import Path

import sentencepiece as spm
from tokenizers import Regex, Tokenizer, decoders, models, normalizers, pre_tokenizers
from tokenizers.processors import TemplateProcessing
from transformers import PreTrainedTokenizerFast

SPECIALS = {"pad": 0, "bos": 1, "eos": 2, "unk": 3}
#: Control prefixes for the tasks a model can be trained on (one piece each).
TASK_TOKENS = ("<abstract>", "<title>")


def normalize_apostrophes(text: str) -> str:
    """The vocabulary holds one apostrophe, ``'``; the tokenizer maps ’ ‘ ʼ to it."""
    return text.translate(_APOSTROPHES)


_APOSTROPHES = str.maketrans({"’": "'", "‘": "'", "ʼ": "'"})


def train_sentencepiece(
    texts: Iterable[str], out_dir: str | Path, vocab_size: int = 8000, seed_chars: int = 20_000_000
) -> Path:
    """Train a unigram sentencepiece model on ``texts``; returns the path of ``spiece.model``."""
    out = Path(out_dir)
    out.mkdir(parents=True, exist_ok=True)
    buffer, total = [], 0
    for text in texts:
        for line in normalize_apostrophes(text).splitlines():
            if line.strip():
                buffer.append(line)
                total += len(line)
        if total >= seed_chars:
            break
    model = io.BytesIO()
    spm.SentencePieceTrainer.train(
        sentence_iterator=iter(buffer),
        model_writer=model,
        vocab_size=vocab_size,
        model_type="unigram",
        character_coverage=0.9999,
        pad_id=SPECIALS["pad"],
        bos_id=SPECIALS["bos"],
        eos_id=SPECIALS["eos"],
        unk_id=SPECIALS["unk"],
        user_defined_symbols=list(TASK_TOKENS),
        split_digits=True,
        input_sentence_size=2_000_000,
        shuffle_input_sentence=True,
        num_threads=2,
        minloglevel=2,
    )
    path = out / "spiece.model"
    path.write_bytes(model.getvalue())
    return path


def fast_tokenizer(spiece_model: str | Path, model_max_length: int = 512) -> PreTrainedTokenizerFast:
    """A ``PreTrainedTokenizerFast`` that tokenizes exactly like the sentencepiece model."""
    sp = spm.SentencePieceProcessor(model_file=str(spiece_model))
    vocab = [(sp.id_to_piece(i), sp.get_score(i)) for i in range(sp.get_piece_size())]
    tk = Tokenizer(models.Unigram(vocab, unk_id=sp.unk_id(), byte_fallback=False))
    tk.normalizer = normalizers.Sequence(
        [normalizers.NFKC(), normalizers.Replace(Regex("[’‘ʼ]"), "'"), normalizers.Replace(Regex(" {2,}"), " ")]
    )
    tk.pre_tokenizer = pre_tokenizers.Metaspace(replacement="▁", prepend_scheme="always")
    tk.decoder = decoders.Metaspace(replacement="▁", prepend_scheme="always")
    tk.post_processor = TemplateProcessing(
        single="$A </s>", pair="$A </s> $B </s>", special_tokens=[("</s>", sp.eos_id())]
    )
    tok = PreTrainedTokenizerFast(
        tokenizer_object=tk,
        pad_token="<pad>",
        eos_token="</s>",
        bos_token="<s>",
        unk_token="<unk>",
        additional_special_tokens=list(TASK_TOKENS),
        model_max_length=model_max_length,
    )
    return tok


def build_tokenizer(
    texts: Iterable[str], out_dir: str | Path, vocab_size: int = 8000, model_max_length: int = 512
) -> PreTrainedTokenizerFast:
    """Train the vocabulary on ``texts`` and save the HF tokenizer (plus ``spiece.model``) in ``out_dir``."""
    spiece = train_sentencepiece(texts, out_dir, vocab_size)
    tok = fast_tokenizer(spiece, model_max_length)
    tok.save_pretrained(str(out_dir))
    return tok


def copy_spiece(src_dir: str | Path, dst_dir: str | Path) -> None:
    """Keep the original sentencepiece model next to a saved tokenizer."""
    src = Path(src_dir) / "spiece.model"
    if src.is_file():
        shutil.copy2(src, Path(dst_dir) / "spiece.model")
