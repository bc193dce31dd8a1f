"""The copy-augmented BART: valid distributions, training signal, save/load, generation."""

from __future__ import annotations

import torch
from transformers import AutoModelForSeq2SeqLM

from summarize.seq2seq.modeling import CopyBartConfig, CopyBartForConditionalGeneration


def tiny(copy: bool = True, smoothing: float = 0.0) -> CopyBartForConditionalGeneration:
    torch.manual_seed(0)
    cfg = CopyBartConfig(
        vocab_size=50, d_model=32, encoder_layers=1, decoder_layers=1, encoder_attention_heads=2,
        decoder_attention_heads=2, encoder_ffn_dim=64, decoder_ffn_dim=64,
        max_position_embeddings=64, pad_token_id=0, bos_token_id=1, eos_token_id=2,
        decoder_start_token_id=2, forced_eos_token_id=2, copy_mechanism=copy,
        label_smoothing=smoothing,
    )
    return CopyBartForConditionalGeneration(cfg)


def test_copy_outputs_are_log_probabilities():
    model = tiny()
    x = torch.randint(3, 50, (2, 7))
    out = model(input_ids=x, attention_mask=torch.ones_like(x), decoder_input_ids=x[:, :4])
    sums = out.logits.exp().sum(-1)
    assert torch.allclose(sums, torch.ones_like(sums), atol=1e-4)


def test_copy_head_learns_to_copy_unseen_tokens():
    """Trained to copy, the model reproduces source sequences it never saw."""
    model = tiny()
    opt = torch.optim.Adam(model.parameters(), lr=3e-3)
    g = torch.Generator().manual_seed(1)
    for _ in range(150):
        x = torch.randint(3, 40, (16, 6), generator=g)
        loss = model(input_ids=x, attention_mask=torch.ones_like(x), labels=x).loss
        loss.backward()
        opt.step()
        opt.zero_grad()
    model.eval()
    x = torch.randint(40, 50, (4, 6), generator=g)  # ids never seen in training
    out = model.generate(input_ids=x, attention_mask=torch.ones_like(x), num_beams=2,
                         max_new_tokens=8, do_sample=False)
    copied = sum(int(t) in set(x[i].tolist()) for i in range(4) for t in out[i, 1:] if int(t) > 2)
    produced = sum(1 for i in range(4) for t in out[i, 1:] if int(t) > 2)
    assert produced > 0 and copied / produced > 0.8


def test_label_smoothing_raises_loss_of_a_peaked_model():
    x = torch.randint(3, 50, (2, 7))
    plain = tiny(smoothing=0.0)(input_ids=x, labels=x).loss
    smooth = tiny(smoothing=0.2)(input_ids=x, labels=x).loss
    assert smooth.item() != plain.item()


def test_save_and_auto_load_roundtrip(tmp_path):
    model = tiny().eval()
    x = torch.randint(3, 50, (2, 7))
    model.save_pretrained(tmp_path)
    loaded = AutoModelForSeq2SeqLM.from_pretrained(tmp_path)
    assert isinstance(loaded, CopyBartForConditionalGeneration)
    a = model.generate(input_ids=x, num_beams=3, max_new_tokens=5)
    b = loaded.eval().generate(input_ids=x, num_beams=3, max_new_tokens=5)
    assert torch.equal(a, b)


def test_without_copy_behaves_like_bart_logits():
    model = tiny(copy=False)
    x = torch.randint(3, 50, (1, 5))
    out = model(input_ids=x, decoder_input_ids=x)
    assert not torch.allclose(out.logits.exp().sum(-1), torch.ones(1, 5))
