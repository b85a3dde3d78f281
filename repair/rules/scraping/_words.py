"""Counting the words of a block of a page for SCR008, fast: most blocks are paragraphs, and
the rule counts the words of every block of every page."""

from __future__ import annotations

from string import ascii_lowercase, ascii_uppercase
from typing import Final

from repair.text import LETTER_START_WORD

_WORD: Final = LETTER_START_WORD

# Nearly every block of a page is scored, and most are paragraphs of prose: ``_WORD.findall``
# over each of them was most of the rule's time. What a block's score needs of its words is
# how many there are and how many are capitalized, and for text in ASCII both can be counted
# with ``bytes.translate`` and ``bytes.count``, which run at memory speed.

WORD_INNER: Final = b"0123456789_'-"
"""The ASCII characters ``_WORD`` takes inside a word but never at its start."""
WORD_CLASSES: Final = bytes(
    ord("a") if chr(byte) in ascii_lowercase else ord("A") if chr(byte) in ascii_uppercase else 32
    for byte in range(256)
)
"""Every ASCII lower-case letter as "a", every capital as "A", anything else as a space."""
_ASCII_KIN: Final = (
    ("\u2019", "'"),
    ("\u2018", " "),
    ("\u201c", " "),
    ("\u201d", " "),
    ("\u2026", " "),
    ("\u2014", " "),
    ("\u2013", " "),
    ("\u00a0", " "),
)
"""Non-ASCII characters common in English prose, and ASCII characters of the same kind for
``_WORD``: the curly apostrophe goes on a word like "'", the others end one like a space."""


def count_words(text: str) -> tuple[int, int]:
    """How many words ``_WORD`` finds in ``text``, and how many of them start with a capital.

    A word of ``_WORD`` is a maximal run of word characters, apostrophes and hyphens that
    holds a letter, from its first letter on. In ASCII, once digits, "_", "'" and "-" are
    deleted, every such run is a run of letters, and every other run is gone: the words are
    the runs of letters, counted by where they start (after a space). Other text is counted
    with ``_WORD`` itself.

    >>> count_words("The U.S. team's 2nd-round win, 3-1, over -France's \u201cBleus\u201d.")
    (9, 5)
    >>> count_words("Zo\u00eb won"), count_words("")
    ((2, 1), (0, 0))
    """
    plain = text if text.isascii() else ascii_kin(text)
    if plain is None:
        words = _WORD.findall(text)
        return len(words), sum(1 for word in words if word[0].isupper())
    classes = b" " + plain.encode("ascii").translate(WORD_CLASSES, WORD_INNER)
    capitals = classes.count(b" A")
    return capitals + classes.count(b" a"), capitals


def ascii_kin(text: str) -> str | None:
    """``text`` with the characters of ``_ASCII_KIN`` replaced by their ASCII kin, when that
    leaves it in ASCII (``_WORD`` finds words there as in ``text``); else None.

    >>> ascii_kin("It\u2019s \u201cdone\u201d"), ascii_kin("Zo\u00eb")
    ("It's  done ", None)
    """
    for char, kin in _ASCII_KIN:
        text = text.replace(char, kin)
    return text if text.isascii() else None
