"""A small BART with an optional copy (pointer-generator) head, registered with the Auto classes.

The copy head mixes the decoder's vocabulary distribution with an attention distribution
over the source tokens (See et al., 2017): a small model trained on little data can then
copy names, numbers and rare words from the article instead of having to generate them.
``forward`` returns log-probabilities as ``logits`` when the head is on, so the usual
``generate`` (beam search applies ``log_softmax``, which leaves log-probabilities as they
are) and ``pipeline("summarization")`` work unchanged.
"""

from __future__ import annotations

import math

import torch
from torch import nn
from transformers import (
    AutoConfig,
    AutoModelForSeq2SeqLM,
    BartConfig,
    BartForConditionalGeneration,
)
from transformers.modeling_outputs import Seq2SeqLMOutput
from transformers.models.bart.modeling_bart import shift_tokens_right


class CopyBartConfig(BartConfig):
    """``BartConfig`` plus ``copy_mechanism`` (bool) and ``label_smoothing`` (float)."""

    model_type = "copy_bart"

    def __init__(self, copy_mechanism: bool = True, label_smoothing: float = 0.0, **kwargs):
        super().__init__(**kwargs)
        self.copy_mechanism = copy_mechanism
        self.label_smoothing = label_smoothing


class CopyBartForConditionalGeneration(BartForConditionalGeneration):
    """BART whose output distribution can copy source tokens (see module docstring)."""

    config_class = CopyBartConfig

    def __init__(self, config: CopyBartConfig):
        super().__init__(config)
        d = config.d_model
        self.copy_query = nn.Linear(d, d, bias=False)
        self.copy_gate = nn.Linear(2 * d, 1)
        self.post_init()

    def _maybe_prepare_encoder_kwargs_for_generation(self, inputs_tensor, model_kwargs, *args):
        """Keep the source ids for the copy head (``generate`` drops them after encoding)."""
        model_kwargs = super()._maybe_prepare_encoder_kwargs_for_generation(
            inputs_tensor, model_kwargs, *args
        )
        model_kwargs.setdefault("src_ids", inputs_tensor)
        return model_kwargs

    def forward(
        self,
        input_ids: torch.LongTensor | None = None,
        attention_mask: torch.Tensor | None = None,
        decoder_input_ids: torch.LongTensor | None = None,
        decoder_attention_mask: torch.LongTensor | None = None,
        encoder_outputs=None,
        past_key_values=None,
        inputs_embeds: torch.Tensor | None = None,
        decoder_inputs_embeds: torch.Tensor | None = None,
        labels: torch.LongTensor | None = None,
        use_cache: bool | None = None,
        src_ids: torch.LongTensor | None = None,
        **kwargs,
    ) -> Seq2SeqLMOutput:
        if labels is not None:
            use_cache = False
            if decoder_input_ids is None and decoder_inputs_embeds is None:
                decoder_input_ids = shift_tokens_right(
                    labels, self.config.pad_token_id, self.config.decoder_start_token_id
                )
        out = self.model(
            input_ids,
            attention_mask=attention_mask,
            decoder_input_ids=decoder_input_ids,
            encoder_outputs=encoder_outputs,
            decoder_attention_mask=decoder_attention_mask,
            past_key_values=past_key_values,
            inputs_embeds=inputs_embeds,
            decoder_inputs_embeds=decoder_inputs_embeds,
            use_cache=use_cache,
            **kwargs,
        )
        dec = out.last_hidden_state
        logits = self.lm_head(dec) + self.final_logits_bias.to(dec.device)
        src = src_ids if src_ids is not None else input_ids
        use_copy = self.config.copy_mechanism and src is not None
        if use_copy:
            logits = self._copy_log_probs(dec, out.encoder_last_hidden_state, src, attention_mask, logits)
        loss = None
        if labels is not None:
            loss = self._loss(logits, labels, already_log_probs=use_copy)
        return Seq2SeqLMOutput(
            loss=loss,
            logits=logits,
            past_key_values=out.past_key_values,
            decoder_hidden_states=out.decoder_hidden_states,
            decoder_attentions=out.decoder_attentions,
            cross_attentions=out.cross_attentions,
            encoder_last_hidden_state=out.encoder_last_hidden_state,
            encoder_hidden_states=out.encoder_hidden_states,
            encoder_attentions=out.encoder_attentions,
        )

    def _copy_log_probs(self, dec, enc, src, mask, logits):
        """log(p_gen · P_vocab + (1 − p_gen) · P_copy), shape (batch, tgt_len, vocab)."""
        scores = self.copy_query(dec) @ enc.transpose(1, 2) / math.sqrt(dec.size(-1))
        if mask is not None:
            scores = scores.masked_fill(~mask[:, None, :].bool(), torch.finfo(scores.dtype).min)
        attn = scores.softmax(-1)
        p_gen = torch.sigmoid(self.copy_gate(torch.cat([dec, attn @ enc], -1)))
        probs = p_gen * logits.softmax(-1)
        index = src[:, None, :].expand(-1, dec.size(1), -1)
        probs = probs.scatter_add(2, index, (1 - p_gen) * attn)
        return probs.clamp_min(1e-9).log()

    def _loss(self, logits, labels, *, already_log_probs: bool) -> torch.Tensor:
        """Token-level NLL with label smoothing, ignoring -100 labels."""
        log_probs = logits if already_log_probs else logits.log_softmax(-1)
        keep = labels != -100
        gold = labels.clamp_min(0)
        nll = -log_probs.gather(-1, gold[..., None]).squeeze(-1)
        eps = self.config.label_smoothing
        if eps > 0:
            nll = (1 - eps) * nll - eps * log_probs.mean(-1)
        return nll[keep].mean()


AutoConfig.register("copy_bart", CopyBartConfig, exist_ok=True)
AutoModelForSeq2SeqLM.register(CopyBartConfig, CopyBartForConditionalGeneration, exist_ok=True)
