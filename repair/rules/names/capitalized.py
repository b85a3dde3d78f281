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


__all__ = ["CAPITALIZED", "scan_places"]
