"""Bytes to documents and back: reading, decoding with encoding detection, encoding.

Reading keeps what writing needs to give the file back as it was: the encoding, the BOM and
the line endings. The bytes :func:`encode` gives are written by
:func:`repair.atomic.write_atomic`, which keeps the file mode.
"""

from __future__ import annotations

import codecs
import contextlib
import os
import stat
from collections.abc import Iterator
from pathlib import Path
from typing import BinaryIO, Final

from repair.document import Document, detect_newline, normalize_newlines
from repair.document import restore_newlines as _restore_newlines
from repair.errors import (
    BinaryFile,
    FileTooLarge,
    UndecodableFile,
    UnencodableText,
    UnreadableFile,
)

# Longest BOM first: the UTF-32-LE BOM starts with the UTF-16-LE one.
_BOMS: Final = (
    (codecs.BOM_UTF32_LE, "utf-32-le"),
    (codecs.BOM_UTF32_BE, "utf-32-be"),
    (codecs.BOM_UTF8, "utf-8"),
    (codecs.BOM_UTF16_LE, "utf-16-le"),
    (codecs.BOM_UTF16_BE, "utf-16-be"),
)
_BOM_FOR: Final = {name: bom for bom, name in _BOMS}
_SNIFF_BYTES: Final = 8192


def read_bytes(path: Path) -> bytes:
    """The file's bytes, or :class:`UnreadableFile` with a one-line reason."""
    return read_bytes_and_status(path)[0]


def read_bytes_and_status(path: Path, max_bytes: int | None = None) -> tuple[bytes, os.stat_result]:
    """The file's bytes and its status, taken before they were read (so that a change
    during the read shows in the status next time), or :class:`UnreadableFile`; a file
    of more than ``max_bytes`` bytes is not read (:class:`FileTooLarge`)."""
    with open_regular(path, max_bytes) as (stream, status):
        try:
            return stream.read(), status
        except OSError as error:
            raise UnreadableFile(str(path), f"cannot read: {error.strerror or error}") from error


@contextlib.contextmanager
def open_regular(
    path: Path, max_bytes: int | None = None
) -> Iterator[tuple[BinaryIO, os.stat_result]]:
    """The file open for reading, with its status taken on opening, or
    :class:`UnreadableFile` with a one-line reason (:class:`FileTooLarge` for a file of
    more than ``max_bytes`` bytes)."""
    try:
        # Read first and ask why only when that fails: a batch reads thousands of files.
        # Opened without blocking, so that a named pipe (a FIFO called news.txt) is refused
        # here instead of waiting forever for a writer.
        flags = os.O_RDONLY | getattr(os, "O_NONBLOCK", 0) | getattr(os, "O_BINARY", 0)
        handle = os.open(path, flags)
        try:
            stream = os.fdopen(handle, "rb")
        except BaseException:
            os.close(handle)
            raise
    except IsADirectoryError as error:
        raise UnreadableFile(str(path), "is a folder") from error
    except FileNotFoundError as error:
        reason = "broken symbolic link" if path.is_symlink() else "no such file"
        raise UnreadableFile(str(path), reason) from error
    except PermissionError as error:
        raise UnreadableFile(str(path), "permission denied") from error
    except OSError as error:
        raise UnreadableFile(str(path), f"cannot read: {error.strerror or error}") from error
    with stream:
        status = os.fstat(handle)
        if not stat.S_ISREG(status.st_mode):
            if stat.S_ISDIR(status.st_mode):
                raise UnreadableFile(str(path), "is a folder")
            raise UnreadableFile(str(path), "not a regular file (a pipe, socket or device)")
        if max_bytes is not None and status.st_size > max_bytes:
            raise FileTooLarge(str(path), too_large(status.st_size, max_bytes))
        yield stream, status


def too_large(size: int, max_bytes: int) -> str:
    """The message for a file over the size limit.

    >>> too_large(100_000_258, 64_000_000)
    'too large (100.0 MB, over max-file-size = 64); not checked or fixed'
    """
    return (
        f"too large ({size / 1e6:.1f} MB, over max-file-size = {max_bytes // 1_000_000}); "
        "not checked or fixed"
    )


def decode(raw: bytes, path: str | None = None) -> Document:
    """Turn a file's bytes into a document, detecting the encoding when it is not UTF-8.

    A BOM decides the encoding; otherwise UTF-8 is tried, then charset-normalizer. Bytes
    with NUL characters and no UTF-16/32 BOM are binary.
    """
    display = path or "-"
    for bom, encoding in _BOMS:
        if raw.startswith(bom):
            try:
                text = raw[len(bom) :].decode(encoding)
            except UnicodeDecodeError as error:
                raise UndecodableFile(
                    display, f"invalid {encoding} after its BOM: {error.reason}"
                ) from error
            return _document(text, path, encoding, bom=True, detected=False)
    if b"\x00" in raw[:_SNIFF_BYTES]:
        raise BinaryFile(display, "binary file (contains NUL bytes), not checked")
    try:
        return _document(raw.decode("utf-8"), path, "utf-8", bom=False, detected=False)
    except UnicodeDecodeError:
        pass
    detected = _detect_encoding(raw)
    if detected is None:
        raise UndecodableFile(display, "not UTF-8, and no text encoding fits its bytes")
    text = raw.decode(detected)
    if not _certain_guess(raw, text):
        raise UndecodableFile(
            display,
            f"not UTF-8, and too few non-ASCII bytes to tell its encoding (a guess: "
            f"{detected}); left as it is",
        )
    return _document(text, path, detected, bom=False, detected=True)


# A guess from fewer non-ASCII bytes than this must show it read them as letters inside
# words (see _certain_guess). On a few bytes charset-normalizer scores every code page
# alike (chaos and coherence 0.0 for each): ``abc \xc0\xaf def`` came out as big5.
_MIN_GUESS_BYTES: Final = 16


def _certain_guess(raw: bytes, text: str) -> bool:
    """Whether decoding ``raw`` as ``text`` is evidence enough to rewrite the file.

    Many non-ASCII bytes are: a wrong code page shows in them, and charset-normalizer
    weighs them. Below :data:`_MIN_GUESS_BYTES`, the guess must turn every non-ASCII
    character into a Latin letter inside a word of ASCII letters, as accents in Latin
    words are (``caf\xe9``, ``na\xefve``, ``Stra\xdfe``); a symbol, a letter standing
    alone or a letter of another script glued to Latin ones is a guess.
    """
    if sum(byte > 0x7F for byte in raw) >= _MIN_GUESS_BYTES:
        return True
    import unicodedata

    for index, character in enumerate(text):
        if character.isascii():
            continue
        if not character.isalpha() or not unicodedata.name(character, "").startswith("LATIN"):
            return False
        before = text[index - 1] if index else ""
        after = text[index + 1 : index + 2]
        if not (before.isalpha() or after.isalpha()):
            return False
        if not (before.isascii() and before.isalpha()) and not any(
            c.isascii() and c.isalpha() for c in _word_around(text, index)
        ):
            return False
    return True


def _word_around(text: str, index: int) -> str:
    """The run of letters ``text[index]`` stands in."""
    start = index
    while start and text[start - 1].isalpha():
        start -= 1
    end = index
    while end < len(text) and text[end].isalpha():
        end += 1
    return text[start:end]


# On short texts charset-normalizer often scores several single-byte code pages alike
# (cp1257 and cp1250 for French, say). Among near-ties, the encodings most text is written
# in win, in this order.
_PREFERRED_ENCODINGS: Final = ("cp1252", "latin_1", "iso8859_15", "mac_roman")
_NEAR_TIE_CHAOS: Final = 0.15


def _detect_encoding(raw: bytes) -> str | None:
    """The most likely encoding of ``raw`` by charset-normalizer, preferring common ones."""
    from charset_normalizer import from_bytes

    matches = list(from_bytes(raw))
    if not matches:
        return None
    best_chaos = min(match.chaos for match in matches)
    # A match stands for every code page that decodes the bytes alike: cp1252 is often
    # listed only under cp1250's match.
    near = {
        encoding
        for match in matches
        if match.chaos <= best_chaos + _NEAR_TIE_CHAOS
        for encoding in (match.encoding, *match.could_be_from_charset)
    }
    for preferred in _PREFERRED_ENCODINGS:
        if preferred in near:
            return codecs.lookup(preferred).name
    best = min(matches, key=lambda match: match.chaos)
    return codecs.lookup(best.encoding).name


def _document(text: str, path: str | None, encoding: str, *, bom: bool, detected: bool) -> Document:
    newline = detect_newline(text)
    return Document(
        normalize_newlines(text, newline),
        path=path,
        encoding=encoding,
        bom=bom,
        newline=newline,
        detected_encoding=detected,
    )


def read_document(path: Path, display: str | None = None) -> Document:
    """Read and decode one file."""
    return decode(read_bytes(path), display or str(path))


def encode(doc: Document, text: str, *, keep_encoding: bool) -> bytes:
    """The bytes to write for ``text``, the fixed text of ``doc``.

    Line endings are restored. A UTF-8 file keeps its BOM or its lack of one. A file in any
    other encoding is written as UTF-8 without a BOM (the ENC001 fix), unless
    ``keep_encoding`` asks for the encoding it was read in.
    """
    encoding = doc.encoding
    bom = doc.bom
    if encoding != "utf-8" and not keep_encoding:
        encoding, bom = "utf-8", False
    body = _restore_newlines(text, doc.newline)
    try:
        data = body.encode(encoding)
    except UnicodeEncodeError as error:
        raise UnencodableText(
            doc.display_path,
            f"the fixed text has {body[error.start]!r}, which {encoding} cannot hold; "
            'set output-encoding = "utf-8"',
        ) from error
    if bom and encoding in _BOM_FOR:
        data = _BOM_FOR[encoding] + data
    return data
