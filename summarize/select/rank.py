"""Cross-document salience ranking of sentences, with near-duplicate merging and MMR.

Every sentence of a set of (cleaned) articles gets a salience in [0, 1]::

    salience = w_centrality * centrality + w_position * position + w_support * support

* ``centrality``: continuous LexRank (damped power iteration on the TF-IDF cosine graph),
  divided by its maximum;
* ``position``: ``0.5 ** (p / position_half_life)``, ``p`` the 0-based index of the sentence
  among the sentence-like ones of its article (captions and junk before the lead do not count);
* ``support``: the share of the *other* articles that hold a sentence with cosine
  >= ``support_threshold`` to it (how many sources report the same fact). With a single
  article it is undefined: its weight is shared out over the other two components.

Near-duplicates (cosine >= ``dedup_threshold``, across or within articles) are merged: the
most salient sentence leads its group, each other sentence joins the most similar leader it
is that close to (no chaining), and ``article_ids`` lists every source. The
representatives are then ordered by maximal marginal relevance (MMR): at each step the
candidate maximising ``redundancy * salience - (1 - redundancy) * max_sim_to_selected`` is
taken; that value is the ``score`` of the result and the similarity its
``redundancy_penalty``. TF-IDF uses accent-preserving lower-case words, a French stop list
(``stopwords_fr.txt``) and the Snowball French stemmer (``text.tokenize.content_words``).
"""

from __future__ import annotations

import re
from collections.abc import Mapping, Sequence

import numpy as np
from scipy import sparse

from summarize.limits import MAX_RANKED_SENTENCES
from summarize.select.salience import features
from summarize.text.segment import segment_article
from summarize.text.tokenize import content_words
from summarize.text.when import day_of, event_date
from summarize.types import Article, RankedSentence, Sentence

DEFAULT_WEIGHTS: Mapping[str, float] = {"centrality": 0.4, "position": 0.35, "support": 0.25}

_WORD_RE = re.compile(r"[^\W_]+")  # letters (accented included) and digits
_END_RE = re.compile(r"[.!?…][\s»\"”’)\]]*$")
_CODE_RE = re.compile(r"[{}=<>|\\;$#*@^~`]")
_LETTER_RE = re.compile(r"[^\W\d_]")
_UPPER_RE = re.compile(r"[A-ZÀ-ÖØ-ÞŒ]")
_VERB_FORMS = frozenset(
    ["a", "ai", "as", "ont", "est", "es", "sont", "suis", "sommes", "êtes", "était", "étaient", "sera", "seront", "serait", "seraient", "fut", "furent", "avait", "avaient", "aura", "auront", "aurait", "auraient", "fait", "font", "va", "vont", "peut", "peuvent", "doit", "doivent", "faut", "dit", "dire", "lire", "écrire", "voit", "sait", "veut", "veulent", "vient", "viennent", "reste", "restent", "semble", "semblent", "dut", "put", "mis", "pris"]
)
#: Words after which (past clitics) the next word is a verb: subject pronouns, ``ne``, ``se``.
_SUBJECTS = frozenset(["il", "elle", "on", "ils", "elles", "je", "j", "tu", "nous", "vous", "qui", "ça", "cela", "ne", "n", "se", "s"])
_CLITICS = frozenset(["ne", "n", "le", "la", "les", "l", "lui", "leur", "y", "en", "se", "s", "me", "m", "te", "t", "nous", "vous"])
_DETERMINERS = frozenset(
    ["le", "la", "l", "les", "un", "une", "des", "du", "au", "aux", "ce", "cet", "cette", "ces", "son", "sa", "ses", "leur", "leurs", "mon", "ma", "mes", "notre", "nos", "votre", "vos", "chaque", "tout", "toute", "aucun", "aucune"]
)
#: Verbal endings (infinitives, participles, imperfect, future, conditional, present plural).
_VERB_SUFFIX_RE = re.compile(
    r"(?:er|ir|é|ée|és|ées|ait|aient|ons|ez|[^m]ent|ra|ront|rait|raient|èrent|it|irent|oit"
    r"|indre|endre|ondre|ttre|uire)$"
)


def tfidf(docs: Sequence[Sequence[str]]) -> sparse.csr_matrix:
    """L2-normalised TF-IDF rows, as ``TfidfVectorizer(sublinear_tf=True)`` computes them
    (tf = 1 + log(count), idf = 1 + log((1 + n) / (1 + df))). Written out because
    scikit-learn's per-call validation costs more than the maths on one article's sentences."""
    vocab: dict[str, int] = {}
    rows, cols, counts = [], [], []
    for r, tokens in enumerate(docs):
        bag: dict[int, int] = {}
        for tok in tokens:
            j = vocab.setdefault(tok, len(vocab))
            bag[j] = bag.get(j, 0) + 1
        rows.extend([r] * len(bag))
        cols.extend(bag)
        counts.extend(bag.values())
    shape = (len(docs), len(vocab))
    if not counts:
        return sparse.csr_matrix(shape)
    cols_arr = np.array(cols)
    df = np.bincount(cols_arr, minlength=len(vocab))
    idf = 1.0 + np.log((1.0 + len(docs)) / (1.0 + df))
    values = (1.0 + np.log(np.array(counts, dtype=float))) * idf[cols_arr]
    norms = np.sqrt(np.bincount(rows, weights=values**2, minlength=len(docs)))
    values /= norms[rows]
    return sparse.csr_matrix((values, (rows, cols_arr)), shape=shape)


def is_sentence_like(text: str, min_words: int = 4, max_words: int = 150) -> bool:
    """Heuristic filter: a real sentence (not a caption, promo line, code or fragment).

    It has ``min_words``..``max_words`` words, ends with terminal punctuation (optionally
    followed by closing quotes), is not mostly upper case, holds no code-like symbols, and has
    a verb-like word (see :func:`_has_verb`; a heuristic without a lexicon).
    """
    words = text.split()
    if not min_words <= len(words) <= max_words or not _END_RE.search(text):
        return False
    if len(_CODE_RE.findall(text)) > 2:
        return False
    n_letters = len(text) - len(_LETTER_RE.sub("", text))
    if n_letters < 0.5 * (len(text) - text.count(" ")):
        return False
    if len(text) - len(_UPPER_RE.sub("", text)) > 0.5 * n_letters:
        return False
    return _has_verb(_WORD_RE.findall(text))


def _has_verb(words: list[str]) -> bool:
    """Whether ``words`` hold a verb-like word (a heuristic: no lexicon).

    A common finite form; a verbal ending; the first word after a subject pronoun, ``ne`` or
    ``se`` and clitics (``je ne le crois``, ``la direction ne publie``); a lower-case
    ``-e``/``-es``/``-ent`` word after a proper noun or a determiner + noun
    (``Le coronavirus gagne``).
    """
    prev = prev2 = ""
    after_subject = False
    for word in words:
        w = word.lower()
        if w in _VERB_FORMS or (len(w) > 3 and _VERB_SUFFIX_RE.search(w)):
            return True
        if after_subject and w not in _CLITICS:
            return True
        if len(w) > 2 and word[0].islower() and w.endswith(("e", "es", "ent")) and (
            prev2 in _DETERMINERS or (prev[:1].isupper() and prev2)
        ):
            return True
        after_subject = w in _SUBJECTS or (after_subject and w in _CLITICS)
        prev2, prev = prev.lower(), word
    return False


def _lexrank(sim: np.ndarray, damping: float = 0.85, iters: int = 100, tol: float = 1e-6) -> np.ndarray:
    """Continuous LexRank scores of a cosine matrix (zero diagonal), scaled to max 1."""
    n = sim.shape[0]
    if n == 0:
        return np.zeros(0)
    rows = sim.sum(axis=1, keepdims=True)
    trans = np.divide(sim, rows, out=np.full_like(sim, 1.0 / n), where=rows > 0)
    p = np.full(n, 1.0 / n)
    for _ in range(iters):
        nxt = (1 - damping) / n + damping * (trans.T @ p)
        if np.abs(nxt - p).sum() < tol:
            p = nxt
            break
        p = nxt
    return p / p.max()


def _support(sim: np.ndarray, article_of: np.ndarray, n_articles: int, threshold: float) -> np.ndarray:
    """Share of the other articles holding a sentence with cosine >= ``threshold``."""
    n = sim.shape[0]
    if n_articles < 2 or n == 0:
        return np.zeros(n)
    starts = np.flatnonzero(np.r_[True, article_of[1:] != article_of[:-1]])
    best = np.maximum.reduceat(sim, starts, axis=1)  # n x (articles present)
    present = article_of[starts]
    best[article_of[:, None] == present[None, :]] = 0.0  # own article does not count
    return (best >= threshold).sum(axis=1) / (n_articles - 1)


def _mmr(salience: np.ndarray, sim: np.ndarray, lam: float, top: int | None):
    """Greedy MMR order: yields (index, objective, penalty)."""
    n = len(salience)
    k = n if top is None else min(top, n)
    max_sim = np.zeros(n)
    taken = np.zeros(n, dtype=bool)
    for _ in range(k):
        objective = lam * salience - (1 - lam) * max_sim
        objective[taken] = -np.inf
        i = int(np.argmax(objective))
        yield i, float(objective[i]), float(max_sim[i])
        taken[i] = True
        np.maximum(max_sim, sim[i], out=max_sim)


def _leader_groups(sim: np.ndarray, salience: np.ndarray, length: np.ndarray, threshold: float):
    """Near-duplicate groups: in salience order (longer first on ties), a sentence joins the
    most similar earlier leader with cosine >= ``threshold``, else it leads a new group.
    Returns each sentence's leader index (no chaining: every member is close to its leader)."""
    order = np.lexsort((-length, -salience))
    group = np.empty(len(salience), dtype=int)
    leaders: list[int] = []
    for i in order:
        if leaders:
            sims = sim[i, leaders]
            j = int(np.argmax(sims))
            if sims[j] >= threshold:
                group[i] = leaders[j]
                continue
        leaders.append(int(i))
        group[i] = i
    return group


def _weights(weights: Mapping[str, float] | None, n_articles: int) -> dict[str, float]:
    w = dict(DEFAULT_WEIGHTS if weights is None else weights)
    unknown = set(w) - set(DEFAULT_WEIGHTS)
    if unknown or any(v < 0 for v in w.values()):
        raise ValueError(f"weights take non-negative {sorted(DEFAULT_WEIGHTS)}, got {w}")
    w = {k: float(w.get(k, 0.0)) for k in DEFAULT_WEIGHTS}
    if n_articles < 2:
        w["support"] = 0.0
    total = sum(w.values())
    if total <= 0:
        raise ValueError("at least one ranking weight must be positive")
    return {k: v / total for k, v in w.items()}


def _cap(kept: list[Sentence], limit: int | None, report: dict | None) -> list[Sentence]:
    """The first ``limit`` sentences taken in turn from each article (by position); the
    rest go to ``report["not_ranked"]``."""
    if limit is None:
        limit = MAX_RANKED_SENTENCES
    if report is not None:
        report["not_ranked"] = []
    if len(kept) <= limit:
        return kept
    turn: dict[str, int] = {}
    order = []
    for i, s in enumerate(kept):
        k = turn.get(s.article_id, 0)
        turn[s.article_id] = k + 1
        order.append((k, i))
    chosen = {i for _, i in sorted(order)[:limit]}
    if report is not None:
        report["not_ranked"] = [s for i, s in enumerate(kept) if i not in chosen]
    return [s for i, s in enumerate(kept) if i in chosen]


def rank(
    articles: Sequence[Article],
    top: int | None = None,
    *,
    redundancy: float = 0.7,
    dedup_threshold: float = 0.65,
    support_threshold: float = 0.3,
    position_half_life: float = 4.0,
    weights: Mapping[str, float] | None = None,
    min_words: int = 4,
    max_sentences: int | None = None,
    report: dict | None = None,
    scorer=None,
    features_out: dict | None = None,
) -> list[RankedSentence]:
    """Rank the distinct sentences of ``articles`` (already cleaned) for a summary.

    ``redundancy`` is the MMR lambda (1 = salience only, lower = more diversity); ``top``
    limits the result (None = every distinct sentence, in MMR order). Fragments failing
    :func:`is_sentence_like` are left out, unless nothing else is left. ``weights`` maps
    ``centrality``/``position``/``support`` to non-negative weights (normalised to sum 1).
    See the module docstring for the score. Raises ``ValueError`` for invalid settings.

    At most ``max_sentences`` sentences (default :data:`summarize.limits.MAX_RANKED_SENTENCES`)
    are ranked, the first ones of each article in turn: similarity matrices are n × n. The
    others are listed in ``report["not_ranked"]`` when a ``report`` dict is given.

    With a ``salience.Scorer``, the learned salience replaces the weighted sum (``weights``
    unused); ``features_out`` receives the scored ``sentences`` and their features ``x``.
    """
    if top is not None and top < 0:
        raise ValueError("top must be >= 0")
    if not 0.0 <= redundancy <= 1.0:
        raise ValueError("redundancy (the MMR lambda) must be within [0, 1]")
    _weights(weights, 2)  # validate early, even when there is nothing to rank
    sentences: list[Sentence] = []
    for article in articles:
        sentences.extend(segment_article(article))
    kept = [s for s in sentences if is_sentence_like(s.text, min_words)]
    if not kept:
        kept = [s for s in sentences if s.text.strip()]
    if not kept or top == 0:
        return []
    kept = _cap(kept, max_sentences, report)

    ids = list(dict.fromkeys(s.article_id for s in kept))  # articles with something to rank
    w = _weights(weights, len(ids))
    art_index = {a: i for i, a in enumerate(ids)}
    order = sorted(range(len(kept)), key=lambda i: art_index[kept[i].article_id])
    kept = [kept[i] for i in order]  # grouped by article (stable), needed by _support
    article_of = np.array([art_index[s.article_id] for s in kept])

    matrix = tfidf([content_words(s.text) for s in kept])
    sim = (matrix @ matrix.T).toarray()
    np.fill_diagonal(sim, 0.0)
    np.clip(sim, 0.0, 1.0, out=sim)

    eff_pos = np.zeros(len(kept))
    start = 0
    for i in range(1, len(kept) + 1):
        if i == len(kept) or article_of[i] != article_of[start]:
            eff_pos[start:i] = np.arange(i - start)
            start = i
    components = {
        "centrality": _lexrank(sim),
        "position": 0.5 ** (eff_pos / position_half_life),
        "support": _support(sim, article_of, len(ids), support_threshold),
    }
    salience = sum(w[k] * components[k] for k in w)
    if scorer is not None or features_out is not None:
        titles = {a.id: a.title for a in articles}
        x = features(kept, sim, eff_pos, components["centrality"], components["support"],
                     titles, len(ids))
        if features_out is not None:
            features_out.update(sentences=kept, x=x)
        if scorer is not None:
            components["learned"] = salience = scorer.predict(x)

    group = _leader_groups(sim, salience, np.array([len(s.text) for s in kept]), dedup_threshold)
    reps = np.unique(group)
    members: dict[int, list[str]] = {}
    for i in range(len(kept)):
        members.setdefault(int(group[i]), []).append(kept[i].article_id)

    out = []
    days = {a.id: day_of(a.date) for a in articles}
    rep_sim = sim[np.ix_(reps, reps)]
    for k, objective, penalty in _mmr(salience[reps], rep_sim, redundancy, top):
        i = int(reps[k])
        s = kept[i]
        sources = list(dict.fromkeys([s.article_id] + members[i]))
        parts = {name: round(float(v[i]), 4) for name, v in components.items()}
        parts["salience"] = round(float(salience[i]), 4)
        parts["redundancy_penalty"] = round(penalty, 4)
        when = event_date(s.text, days.get(s.article_id), upcoming=True)
        out.append(RankedSentence(text=s.text, score=round(objective, 4), article_id=s.article_id,
                                  position=s.position, article_ids=sources, components=parts,
                                  date=when.isoformat() if when else None))
    return out


def ranked_to_dicts(ranked: Sequence[RankedSentence]) -> list[dict]:
    """JSON-ready records of ranked sentences (text, score, components, sources, position,
    the day each reports)."""
    return [
        {"text": r.text, "score": r.score, "components": dict(r.components),
         "article_id": r.article_id, "article_ids": list(r.article_ids), "position": r.position,
         "date": r.date}
        for r in ranked
    ]
