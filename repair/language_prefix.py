"""Deciding that a sample's English marker share is high enough from its first pieces.

Language detection (:mod:`repair.language`) calls a text English when English markers make
up a share of its plain words. Reading every word of a 12,000-character sample to learn
that costs 0.4 ms of CPU a document, and an English text shows its markers early. So
the sample is cut into pieces at spaces, and the pieces are tallied in order until the
markers seen so far are that share even of the most words the whole sample could hold:

- a cut at a space splits no word (a word is letters and inner apostrophes only, and the
  pattern has no lookaround), so the words of the sample are those of its pieces, in order;
- a word is always followed by a character that is not a letter (the greedy pattern would
  have taken it), so a piece holds at most one word more than it holds other characters;
- a character that is not an ASCII letter becomes one or more UTF-8 bytes that are not
  ASCII letters, so the piece's UTF-8 without its ASCII letter bytes is at least that long.

With ``m`` markers among ``n`` plain words read and at most ``u`` words left, the share of
the whole sample is at least ``m / (n + u)``; division being correctly rounded, the float
the full count would compare is at least that float. The answer is then the same.
"""

from __future__ import annotations

import string
from collections.abc import Callable
from typing import Final

PIECE: Final = 1000
"""Characters in a piece: a 12,000-character English sample is decided after four to six."""
_ASCII_LETTERS: Final = string.ascii_letters.encode("ascii")

Tally = tuple[int, int, bool]
"""Of a piece: its English markers, its plain words, whether a word has two letters or more."""


def word_bound(text: str) -> int:
    """At least the number of words of ``text``: a word is followed by a character that is
    not a letter, and such a character is one or more UTF-8 bytes that are not ASCII
    letters (the argument of this module's docstring). A text's bound is the sum of
    its lines' (each line break adds one byte, each line one).

    >>> word_bound("It\u2019s 5 km."), word_bound("a\\nb c"), word_bound("a") + word_bound("b c")
    (8, 3, 3)
    """
    return len(text.encode("utf-8", "surrogatepass").translate(None, _ASCII_LETTERS)) + 1


def share_reached(sample: str, tally: Callable[[str], Tally], share: float) -> bool:
    """True only when the English markers are at least ``share`` of the plain words of all
    ``sample`` (``tally`` counts a piece's) and a word has two letters or more; ``False``
    says nothing. Reads pieces of ``sample`` until that is certain."""
    pieces = _pieces(sample)
    if len(pieces) < 2:
        return False  # one piece is the whole sample: nothing to save
    bounds = list(map(word_bound, pieces))
    left = sum(bounds)
    markers = words = 0
    long_word = False
    for piece, bound in zip(pieces, bounds, strict=True):
        left -= bound
        piece_markers, piece_words, piece_long_word = tally(piece)
        markers += piece_markers
        words += piece_words
        long_word = long_word or piece_long_word
        if markers and long_word and markers / (words + left) >= share:
            return True
    return False


def _pieces(sample: str) -> list[str]:
    """``sample`` cut before a space about every :data:`PIECE` characters."""
    pieces = []
    start = 0
    while len(sample) - start > PIECE:
        cut = sample.find(" ", start + PIECE)
        if cut < 0:
            break
        pieces.append(sample[start:cut])
        start = cut
    pieces.append(sample[start:])
    return pieces
