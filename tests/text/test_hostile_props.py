"""Property tests: random Unicode (controls, RTL, emoji, punctuation runs) never crashes
clean/segment/rank, and long runs take linear-ish time."""

from __future__ import annotations

import time

import pytest
from hypothesis import HealthCheck, example, given, settings
from hypothesis import strategies as st

from summarize.select.rank import rank
from summarize.text.clean import clean_report, clean_text
from summarize.text.segment import split_sentences
from summarize.types import Article

PIECES = st.sampled_from([
    "Le gouvernement a annoncé mardi un plan.", " ", "\n", "\n\n", ".", "...", "…", "?!", "«",
    "»", '"', "(", ")", "[", "]", "M.", "J.-C.", "www.", "@", ".fr", "http://", "—", "-", ",",
    ";", ":", "\u202e", "\u200f", "\u200b", "\x00", "\x07", "\x1b", "\u00a0", "\u2028", "😀",
    "👍🏽", "عربى", "עברית", "ÉTAT", "Kim", "a", "A", "L’", "l'", "1.000", "42,7", "***", "---",
    "<script>", "function f() {", "}", "Photo : AFP", "(Crédit : X)", "\ud7ff", "\ufeff",
])
TEXT = st.lists(PIECES | st.text(max_size=20), max_size=60).map("".join)
FAST = settings(max_examples=60, deadline=None, suppress_health_check=[HealthCheck.too_slow])


@FAST
@given(TEXT)
@example('jeudiLe[EMBED url=""]jeudi')  # a removal exposed a glued heading after the split
@example("Photo : AFP.frLe gouvernement a annoncé mardi un plan.")  # a split exposed a credit line
def test_clean_never_crashes_and_is_idempotent(text):
    cleaned = clean_text(text)
    assert isinstance(cleaned, str)
    assert clean_text(cleaned) == cleaned
    assert all(r.text for r in clean_report(text).removed)


@FAST
@given(TEXT)
def test_segment_never_crashes(text):
    for sentence in split_sentences(text):
        assert sentence.strip() and any(c.isalnum() for c in sentence)


@FAST
@given(st.lists(TEXT, min_size=1, max_size=4))
def test_rank_never_crashes(texts):
    articles = [Article(f"a{k}", clean_text(t)) for k, t in enumerate(texts)]
    ranked = rank(articles, top=5)
    assert len(ranked) <= 5
    assert all(0 <= r.components["salience"] <= 1 + 1e-9 for r in ranked)


RUNS = {
    "dots": lambda n: "Fin." + "." * n + "Le",
    "guillemets": lambda n: "«" * n + "»" * n + "Le",
    "glued initials": lambda n: "A.B." * (n // 4) + "Le",
    "closers": lambda n: ".»)" * (n // 3) + "Le",
    "quotes": lambda n: '."' * (n // 2) + "Le",
    "no spaces": lambda n: "mot-" * (n // 4) + ".fr @x",
    "emoji": lambda n: "😀" * n,
    "spaces": lambda n: "a" + " \u00a0" * (n // 2) + "»",
}


def _seconds(fn, text: str) -> float:
    t0 = time.perf_counter()
    fn(text)
    return time.perf_counter() - t0


def _pipeline(text: str) -> None:
    cleaned = clean_text(text)
    split_sentences(cleaned)
    rank([Article("a", "Le gouvernement a annoncé un plan. " + cleaned)], top=3)


@pytest.mark.parametrize("name", list(RUNS))
def test_long_runs_take_linear_time(name):
    """×8 the input must cost well under ×64 (quadratic): at most ×20, and little in total."""
    make = RUNS[name]
    small = min(_seconds(_pipeline, make(5_000)) for _ in range(2))
    big = _seconds(_pipeline, make(40_000))
    assert big < 5.0, f"{name}: {big:.2f}s on 40,000 characters"
    assert big < 20 * max(small, 0.005), f"{name}: {small:.4f}s → {big:.4f}s"
