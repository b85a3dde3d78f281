"""The offsets of the quote characters of a document: each character's found once.

Three analyses read quote characters over the whole text: the pairing (the double marks,
:mod:`repair.rules.quotes.marks`), QUO005 (the single marks) and QUO006's count of styles
(both kinds but the low mark). Each finds the offsets of several characters, and their sets
overlap; here each character's offsets are found once per document (``str.find``, the
cost of every occurrence, paid once) and an analysis gets the sorted union of its own.
"""

from __future__ import annotations

from typing import Final

from repair.document import Document
from repair.rules.quotes.clues import offsets_of

_KEY: Final = "repair.rules.quotes.found"


def mark_offsets(doc: Document, chars: str) -> list[int]:
    """The sorted offsets of ``chars`` in ``doc.text``: ``offsets_of(doc.text, chars)``.

    The list is the caller's own.
    """
    by_char: dict[str, list[int]] = doc.shared(_KEY, lambda doc: {})
    found: list[int] = []
    for char in chars:
        offsets = by_char.get(char)
        if offsets is None:
            offsets = by_char[char] = offsets_of(doc.text, char)
        found += offsets
    found.sort()  # sorted runs, merged: cheap
    return found
