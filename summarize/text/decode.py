"""One decoding policy for every reader (articles, predictions, references, suite datasets).

UTF-8 first (with or without BOM; UTF-16 when it has a BOM). Bytes that are not valid UTF-8
are replaced by U+FFFD and reported (file and byte offsets) when they are a few among valid
UTF-8 multi-byte characters, as in a download cut mid-character. A legacy encoding is used
only when the bytes are clearly not UTF-8 (more invalid bytes than valid multi-byte
characters): cp1252, which has latin-1's letters plus ’ œ € …; ISO-8859-15 when ½/¤ bytes sit
inside words (œ and € there); latin-1 for the five bytes cp1252 leaves undefined.
In cp1252/latin-1 every accented letter is one byte in 0xC0-0xFF, which UTF-8 only accepts
when followed by 1-3 bytes in 0x80-0xBF: any French word ("été ", "là,") makes a cp1252 file
invalid UTF-8, so the order cannot mistake one for the other. Data with NUL bytes or many
control characters is binary: ``BadInput``.
"""

from __future__ import annotations

import html
import re
import sys
from collections.abc import Callable
from pathlib import Path

from summarize.errors import UserError

Warn = Callable[[str], None]

_LATIN9_HINT = re.compile(r"[A-Za-z][½¤¼¾]|[½¤¼¾][a-z]")
_CONTROL = re.compile(r"[\x00-\x08\x0b\x0c\x0e-\x1f\x7f]")
_ESCAPED = re.compile(r"[\udc80-\udcff]")
_NON_ASCII = re.compile(r"[^\x00-\x7f\udc80-\udcff]")
_SURROGATE = re.compile(r"[\ud800-\udfff]")
#: A well-formed character reference (``&eacute;``, ``&#233;``, ``&#xE9;``), never a bare ``&``.
_ENTITY = re.compile(r"&(?:[A-Za-z][A-Za-z0-9]{1,31}|#[0-9]{1,7}|#[xX][0-9A-Fa-f]{1,6});")


class BadInput(Exception):
    """A file (or line) that cannot be read; reported through ``warn`` or raised in strict mode."""


def _default_warn(message: str) -> None:
    print(f"warning: {message}", file=sys.stderr)


def _legacy(data: bytes) -> str:
    text = data.decode("cp1252", errors="replace")
    if _LATIN9_HINT.search(text):
        return data.decode("iso8859-15")
    if "\ufffd" in text:  # the five bytes cp1252 leaves undefined: latin-1 maps them
        return data.decode("latin-1")
    return text


def _utf8(data: bytes, name: str, warn: Warn | None) -> str:
    """UTF-8 with the few invalid bytes replaced (and reported), or the legacy decoding."""
    try:
        return data.decode("utf-8-sig")
    except UnicodeDecodeError:
        pass
    escaped = data.decode("utf-8-sig", errors="surrogateescape")
    bad = [m.start() for m in _ESCAPED.finditer(escaped)]
    if len(bad) > len(_NON_ASCII.findall(escaped)):
        return _legacy(data)
    offset = 3 if data.startswith(b"\xef\xbb\xbf") else 0
    shown = [offset + len(escaped[:i].encode("utf-8", "surrogateescape")) for i in bad[:3]]
    where = ", ".join(map(str, shown)) + (", …" if len(bad) > 3 else "")
    (warn or _default_warn)(f"{name or 'input'}: {len(bad)} invalid UTF-8 byte(s) replaced by "
                            f"U+FFFD (at byte {where})")
    return _ESCAPED.sub("\ufffd", escaped)


def decode_bytes(data: bytes, name: str = "", warn: Warn | None = None) -> str:
    """Decode ``data`` by the policy above; ``name`` labels warnings about replaced bytes.

    Raises ``BadInput`` for binary data (NUL bytes, control characters) or broken UTF-16.
    """
    if data.startswith((b"\xff\xfe", b"\xfe\xff")):
        try:
            return data.decode("utf-16")
        except UnicodeDecodeError as err:
            raise BadInput("invalid UTF-16") from err
    if b"\x00" in data:
        raise BadInput("binary file (NUL bytes), not text")
    text = _utf8(data, name, warn)
    controls = len(_CONTROL.findall(text))
    if controls > max(2, len(text) // 100):
        raise BadInput("binary file (control characters), not text")
    return text


def read_text(path: str | Path, what: str = "file", warn: Warn | None = None) -> str:
    """A whole text file decoded by the policy; one-line ``UserError`` if it cannot be."""
    p = Path(path)
    if not p.is_file():
        raise UserError(f"{what} not found: {p}" if not p.exists() else f"{p} is not a file")
    try:
        return decode_bytes(p.read_bytes(), str(p), warn)
    except OSError as err:
        raise UserError(f"cannot read {p}: {err.strerror or err}") from None
    except BadInput as err:
        raise UserError(f"{p}: {err}") from None


def sanitize(text: str) -> str:
    """Text parsed from JSON or a scraped page, made safe to process and print: lone
    surrogates (``"\\ud800"`` in JSON) become U+FFFD and HTML character references left in
    the text (``Cor&eacute;e``) are decoded."""
    text = _SURROGATE.sub("\ufffd", text)
    return _ENTITY.sub(lambda m: _SURROGATE.sub("\ufffd", html.unescape(m.group())), text)
