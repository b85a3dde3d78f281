"""The capitalized tokens the NAM scan sorts (:mod:`repair.rules.names.mentions`), and the
places where its walk of a text meets one."""

from __future__ import annotations

import re
from collections.abc import Iterator
from typing import Final

# A run of letters holding at least one that is not a lower-case ASCII letter: names are
# capitalized, and garbled ones carry capitals inside.
CAPITALIZED: Final = re.compile(r"\b[a-z]*+[^\W\da-z_][^\W\d_]*+")
# (Possessive: the next class holds no a-z and nothing follows the last, so giving back a
# letter never helps; without backtracking points ``re`` drops a failed start sooner.)
_ASCII_CAPITALIZED: Final = re.compile(r"\b[a-z]*+[A-Z][A-Za-z]*+", re.ASCII)
# CAPITALIZED with ASCII classes: on an ASCII character each class of the two holds the
# same (``\w`` is [A-Za-z0-9_], ``\d`` is [0-9]), and a character past ASCII that is no
# word character (a curly quote, a dash) is in no class of either and a non-word to both
# ``\b``; so on a text whose word characters are all ASCII both match at the same places
# the same tokens. It reads a class in a table, not in Unicode's categories: 2x faster.
_ASCII_BYTES: Final = bytes(range(128))
_WORD: Final = re.compile(r"\w")


def capitalized_pattern(text: str) -> re.Pattern[str]:
    """:data:`CAPITALIZED`, or its ASCII reading where that matches the same in ``text``:
    when no character of it past ASCII is a word character (English prose, whose only
    such characters are quotes, dashes and the like).

    >>> capitalized_pattern("\u201cKyiv\u201d") is capitalized_pattern("Kyiv") is _ASCII_CAPITALIZED
    True
    >>> capitalized_pattern("Tözdemar") is CAPITALIZED
    True
    """
    if text.isascii():
        return _ASCII_CAPITALIZED
    # The characters past ASCII, in a few C passes: UTF-8 writes each with bytes >= 0x80
    beyond = text.encode("utf-8", "surrogatepass").translate(None, _ASCII_BYTES)
    if _WORD.search(beyond.decode("utf-8", "surrogatepass")):
        return CAPITALIZED
    return _ASCII_CAPITALIZED


def scan_places(text: str, token: str, count: int = -1) -> Iterator[int]:
    """Where :data:`CAPITALIZED`'s walk of ``text`` meets ``token``, in order. (A place of
    the walk is where the pattern matches: a match holds letters only and starts at a word
    boundary, so none starts inside another, and every place it matches at is a place of
    the walk.)

    ``count``, when given, is how many places the walk has (the token's count in
    ``CAPITALIZED.findall(text)``): the search stops at the last, not at the text's end
    (a name met once in the first lines was sought through the whole text again).
    """
    size = len(token)
    start = text.find(token)
    while start >= 0:
        match = CAPITALIZED.match(text, start)
        if match is not None and match.end() == start + size:
            yield start
            count -= 1
            if not count:
                return
        start = text.find(token, start + 1)


__all__ = ["CAPITALIZED", "capitalized_pattern", "scan_places"]
