"""Reading a file too big to hold whole (see :mod:`repair.windows`): how its bytes decode
and where its lines end (:func:`survey`), then its text in windows cut at paragraph
boundaries (:func:`windows`), a megabyte of bytes read at a time.
"""

from __future__ import annotations

import codecs
import re
from collections.abc import Iterator
from dataclasses import dataclass
from typing import BinaryIO, Final

from repair.document import Document
from repair.errors import BinaryFile, UndecodableFile
from repair.files import _BOMS, _SNIFF_BYTES, _certain_guess, _detect_encoding

_CHUNK_BYTES: Final = 1 << 20
_BLANK_LINES: Final = re.compile(r"\n(?:[ \t]*\n)+")


@dataclass(frozen=True, slots=True)
class Layout:
    """What a file's windows share: how its bytes decode and where its lines end."""

    encoding: str
    skip: int
    """Bytes of BOM before the text."""
    newline: str
    detected: bool

    def document(self, text: str, path: str, first: bool) -> Document:
        """A window's document; only the first keeps the BOM, written once."""
        return Document(
            text,
            path=path,
            encoding=self.encoding,
            bom=first and self.skip > 0,
            newline=self.newline,
            detected_encoding=self.detected,
        )


def survey(stream: BinaryIO, display: str) -> Layout:
    """The encoding and line endings of an open file, decided as
    :func:`repair.files.decode` decides them for a whole one; the encoding is guessed from
    the first megabyte when the bytes are not UTF-8."""
    head = stream.read(_CHUNK_BYTES)
    for bom, encoding in _BOMS:
        if head.startswith(bom):
            layout = Layout(encoding, len(bom), "\n", False)
            try:
                return _with_newline(stream, layout)
            except UnicodeDecodeError as error:
                problem = f"invalid {encoding} after its BOM: {error.reason}"
                raise UndecodableFile(display, problem) from error
    if b"\x00" in head[:_SNIFF_BYTES]:
        raise BinaryFile(display, "binary file (contains NUL bytes), not checked")
    try:
        return _with_newline(stream, Layout("utf-8", 0, "\n", False))
    except UnicodeDecodeError:
        pass
    detected = _detect_encoding(head)
    if detected is None:
        raise UndecodableFile(display, "not UTF-8, and no text encoding fits its bytes")
    sample = codecs.getincrementaldecoder(detected)(errors="replace").decode(head)
    if not _certain_guess(head, sample):
        raise UndecodableFile(
            display, f"not UTF-8, and too few non-ASCII bytes to tell its encoding ({detected})"
        )
    try:
        return _with_newline(stream, Layout(detected, 0, "\n", True))
    except UnicodeDecodeError as error:
        problem = f"not UTF-8, and not {detected} past its first megabyte: {error.reason}"
        raise UndecodableFile(display, problem) from error


def _with_newline(stream: BinaryIO, layout: Layout) -> Layout:
    """``layout`` with the line ending its whole text uses (as
    :func:`repair.document.detect_newline` counts them)."""
    crlf = lone_cr = lone_lf = 0
    for text in _texts(stream, layout):
        pairs = text.count("\r\n")
        crlf += pairs
        lone_cr += text.count("\r") - pairs
        lone_lf += text.count("\n") - pairs
    kinds = [name for name, count in (("\r\n", crlf), ("\r", lone_cr), ("\n", lone_lf)) if count]
    newline = "\n" if not kinds else kinds[0] if len(kinds) == 1 else "mixed"
    return Layout(layout.encoding, layout.skip, newline, layout.detected)


def _texts(stream: BinaryIO, layout: Layout) -> Iterator[str]:
    """The decoded text of the file a megabyte at a time; a CR ending a piece is held
    back for the next, so that no CRLF is cut in two."""
    stream.seek(layout.skip)
    decoder = codecs.getincrementaldecoder(layout.encoding)()
    carry = ""
    while chunk := stream.read(_CHUNK_BYTES):
        text = carry + decoder.decode(chunk)
        carry = ""
        if text.endswith("\r"):
            text, carry = text[:-1], "\r"
        if text:
            yield text
    text = carry + decoder.decode(b"", final=True)
    if text:
        yield text


def windows(stream: BinaryIO, layout: Layout, size: int) -> Iterator[str]:
    """The file's text, line endings made ``"\\n"``, in windows of about ``size`` code
    points (see :func:`cut`); joined, they give the whole text."""
    parts: list[str] = []
    length = 0
    for text in _texts(stream, layout):
        if layout.newline not in ("\n", "mixed"):
            text = text.replace(layout.newline, "\n")
        parts.append(text)
        length += len(text)
        while length >= size:
            buffer = "".join(parts)
            end = cut(buffer, size)
            yield buffer[:end]
            parts = [buffer[end:]]
            length = len(parts[0])
    if length:
        yield "".join(parts)


def cut(text: str, size: int) -> int:
    """Where to end a window of ``text``, between half of ``size`` and ``size``: after the
    last blank lines there, else after the last line end, else after a space, else at
    ``size``.

    >>> cut("One.\\nTwo.\\n\\nThree.\\nFour.\\n", 16), cut("One.\\nTwo.\\nThree.\\n", 12)
    (11, 10)
    """
    low = size // 2
    blank = None
    for match in _BLANK_LINES.finditer(text, low, size):
        blank = match
    if blank is not None:
        return blank.end()
    line = text.rfind("\n", low, size)
    if line >= 0:
        return line + 1
    space = text.rfind(" ", low, size)
    return space + 1 if space >= 0 else size
