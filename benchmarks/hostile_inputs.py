"""Inputs on which a rule's time may grow faster than the text: long runs of one mark, one
long line, paragraphs made of one repeated token. Shared by ``rule_speed.py --growth`` and
the growth test (tests/test_rule_growth.py).

Each maker takes a size in characters and returns a text of that size; the text is built
from invented pieces or from the paragraphs of the sample corpus (``corpus/``), one in
eight turned into mojibake (UTF-8 read as cp1252), as the throughput benchmark does.
"""

from __future__ import annotations

import functools
from collections.abc import Callable
from pathlib import Path

CORPUS = Path(__file__).resolve().parent.parent / "corpus"


def mojibake(text: str) -> str:
    return text.encode("utf-8").decode("cp1252", errors="replace")


@functools.cache
def _paragraphs() -> tuple[str, ...]:
    paragraphs = [
        paragraph
        for path in sorted(CORPUS.glob("*.*"))
        if path.suffix in (".txt", ".md")
        for paragraph in path.read_text(encoding="utf-8").splitlines()
        if paragraph.strip()
    ]
    return tuple(mojibake(p) if i % 8 == 3 else p for i, p in enumerate(paragraphs))


def corpus_text(size: int, separator: str) -> str:
    """The benchmark's paragraphs joined by ``separator`` up to ``size`` characters."""
    paragraphs = _paragraphs()
    pieces, length, index = [], 0, 0
    while length < size:
        piece = paragraphs[index % len(paragraphs)]
        pieces.append(piece)
        length += len(piece) + len(separator)
        index += 1
    return separator.join(pieces)[:size]


def _repeated(piece: str) -> Callable[[int], str]:
    return lambda size: (piece * (size // len(piece) + 1))[:size]


INPUTS: dict[str, Callable[[int], str]] = {
    "one-line": lambda size: corpus_text(size, " "),
    "paragraphs": lambda size: corpus_text(size, "\n"),
    "straight-quotes": _repeated('" '),
    "open-quotes": _repeated("\u201c "),
    "close-quotes": _repeated("\u201d "),
    "curly-quotes": _repeated("\u201c \u201d "),
    "spaced-quotes": _repeated('" a "'),
    "apostrophes": _repeated("'"),
    "stutter": _repeated("the the "),
    "hyphens": _repeated("a -b "),
    "capitals": _repeated("ABC "),
    "dots": _repeated(". "),
    "brackets": _repeated("[a]("),
    "short-lines": _repeated("a\n"),
}
"""Name -> maker of a text of the given size."""
