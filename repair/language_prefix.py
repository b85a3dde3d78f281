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
- so a piece holds at most one word more than it holds characters that are not ASCII
  letters (:func:`word_bound`).

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
_GIVE_UP_AFTER: Final = 4  # markers counted; then under a quarter of the share: stop counting

Tally = tuple[int, int, bool]
"""Of a piece: its English markers, its plain words, whether a word has two letters or more."""


def word_bound(text: str, encoded: bytes | None = None) -> int:
    """At least the number of words of ``text``: a word is followed by a character that is
    not a letter (the argument of this module's docstring), so there are at most one more
    words than characters that are not ASCII letters. Those are counted at C speed in the
    text's UTF-8: its bytes that are not ASCII letters, less the bytes past the first of
    each character. A text's bound is the sum of its lines' (each line break adds one
    character, each line one).

    >>> word_bound("It\u2019s 5 km."), word_bound("a\\nb c"), word_bound("a") + word_bound("b c")
    (6, 3, 3)
    """
    if encoded is None:
        encoded = text.encode("utf-8", "surrogatepass")  # else given: ``text``'s UTF-8
    return len(encoded.translate(None, _ASCII_LETTERS)) - (len(encoded) - len(text)) + 1


def spaced_share_reached(sample: str, spaced: tuple[str, ...], bound: int, share: float) -> bool:
    """True only when the English markers are at least ``share`` of the plain words of all
    ``sample``, with no word read: ``spaced`` are markers of two letters or more between
    two spaces (``" the "``), the commonest first; ``bound`` is :func:`word_bound` of
    ``sample``. ``False`` says nothing.

    Each copy of ``" the "`` that ``str.count`` finds (copies that do not overlap) holds a
    word of its own that is a marker and a plain word: a space before and after it, neither
    a letter nor an apostrophe, so the pattern's word there is ``the`` and no more. Copies
    of two markers are two words. So the markers counted are at most the sample's, and
    ``bound`` is at least its words: the share counted is at most the full count's, and
    (division being correctly rounded) so is its float.
    """
    needed = share * bound
    markers = 0
    for counted, needle in enumerate(spaced, 1):
        markers += sample.count(needle)
        if markers and markers / bound >= share:
            return True
        if counted == _GIVE_UP_AFTER and 4 * markers < needed:
            return False  # another language, most likely: leave it to the words (cost only)
    return False


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
