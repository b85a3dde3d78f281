"""Counting the words of a block of a page for SCR008, fast: most blocks are paragraphs, and
the rule counts the words of every block of every page."""

from __future__ import annotations

import functools
from string import ascii_lowercase, ascii_uppercase
from typing import Final

from repair.text import LETTER_START_WORD, WORD_RUN

_WORD: Final = LETTER_START_WORD

# Nearly every block of a page is scored, and most are paragraphs of prose: ``_WORD.findall``
# over each of them, and the test of each word's first letter, were most of the rule's time.
# What a block's score needs of its words is how many there are and how many are
# capitalized, and for text in ASCII both can be counted with ``bytes.translate`` and
# ``bytes.count``, which run at memory speed. Text with a few distinct non-ASCII characters
# (curly quotes, dashes, accented letters: nearly every block of a page that is not ASCII)
# is made ASCII first: each such character is replaced by an ASCII one of its class for
# ``_WORD``, one ``str.replace`` per distinct character.

WORD_INNER: Final = b"0123456789_'-"
"""The ASCII characters ``_WORD`` takes inside a word but never at its start."""
WORD_CLASSES: Final = bytes(
    ord("a") if chr(byte) in ascii_lowercase else ord("A") if chr(byte) in ascii_uppercase else 32
    for byte in range(256)
)
"""Every ASCII lower-case letter as "a", every capital as "A", anything else as a space."""

_ASCII_BYTES: Final = bytes(range(128))
_MOST_NON_ASCII_SHARE: Final = 0.5
_MOST_STAND_INS: Final = 64
"""Text whose non-ASCII characters take more UTF-8 bytes than half its length, or that has
more distinct ones than this, is counted with ``_WORD``: gathering those characters costs
about as much per character as the regex, and each replacement copies the text. Text with
a quarter of its bytes in 64 distinct accented letters is still counted twice as fast by
stand-ins; Cyrillic, Greek or Chinese prose is not."""


def count_words(text: str) -> tuple[int, int]:
    """How many words ``_WORD`` finds in ``text``, and how many of them start with a capital.

    A word of ``_WORD`` is a maximal run of word characters, apostrophes and hyphens that
    holds a letter, from its first letter on. In ASCII, once digits, "_", "'" and "-" are
    deleted, every such run is a run of letters, and every other run is gone: the words are
    the runs of letters, counted by where they start (after a space). Other text is made
    ASCII by :func:`ascii_stand_ins`, or else counted with ``_WORD`` itself.

    >>> count_words("The U.S. team's 2nd-round win, 3-1, over -France's \u201cBleus\u201d.")
    (9, 5)
    >>> count_words("Zo\u00eb won"), count_words("\u00c9mile"), count_words("")
    ((2, 1), (1, 1), (0, 0))
    """
    plain = text if text.isascii() else ascii_stand_ins(text)
    if plain is None:
        return count_words_by_regex(text)
    classes = b" " + plain.encode("ascii").translate(WORD_CLASSES, WORD_INNER)
    capitals = classes.count(b" A")
    return capitals + classes.count(b" a"), capitals


def count_words_by_regex(text: str) -> tuple[int, int]:
    """:func:`count_words` by its definition, word by word (the reference of the fast path).

    >>> count_words_by_regex("Zo\u00eb won, \u0416\u0443\u043a 2nd")
    (4, 2)
    """
    words = _WORD.findall(text)
    return len(words), sum(1 for word in words if word[0].isupper())


def ascii_stand_ins(text: str) -> str | None:
    """``text`` with each non-ASCII character replaced by an ASCII one of its class for
    ``_WORD`` (see :func:`_stand_in`), where ``_WORD`` finds as many words, as many of them
    capitalized; None when too many of its characters are not ASCII (see
    ``_MOST_STAND_INS``).

    >>> ascii_stand_ins("It\u2019s \u201cZo\u00eb\u201d, said \u00c9mile Dupont to the press")
    'It0s  Zoa , said Amile Dupont to the press'
    >>> ascii_stand_ins(""), ascii_stand_ins("\u0416\u0443\u043a \u0438 \u043c\u0443\u0445\u0430")
    ('', None)
    """
    # The non-ASCII characters of the text: its UTF-8 without the ASCII bytes, every other
    # byte of which belongs to a whole sequence, is their UTF-8 (three times as fast as
    # finding them with a pattern). Lone surrogates (text decoded with surrogateescape)
    # pass through as they are.
    utf8 = text.encode("utf-8", "surrogatepass").translate(None, _ASCII_BYTES)
    if len(utf8) > _MOST_NON_ASCII_SHARE * len(text):
        return None
    distinct = set(utf8.decode("utf-8", "surrogatepass"))
    if len(distinct) > _MOST_STAND_INS:
        return None
    for char in distinct:
        text = text.replace(char, _stand_in(char))
    return text


@functools.lru_cache(maxsize=4096)
def _stand_in(char: str) -> str:
    """The stand-in: "A" for a capital letter, "a" for another letter (``_WORD`` starts a word
    at both, and tests the first with ``str.isupper``), "0" for another character ``_WORD``
    takes inside a word (a digit of another script, the curly apostrophe), else a space.

    >>> [_stand_in(c) for c in "\u00c9\u00eb\u4e2d\u0663\u2019\u201c\u00a0"]
    ['A', 'a', 'a', '0', '0', ' ', ' ']
    """
    if _WORD.fullmatch(char):
        return "A" if char.isupper() else "a"
    return "0" if WORD_RUN.fullmatch(char) else " "
