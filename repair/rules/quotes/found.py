"""The offsets of the quote characters of a document: each character's found once.

Three analyses read quote characters over the whole text: the pairing (the double marks,
:mod:`repair.rules.quotes.marks`), QUO005 (the single marks) and QUO006's count of styles
(both kinds but the low mark). Each finds the offsets of several characters, and their sets
overlap; here each character's offsets are found once per document (``str.find``, the
cost of every occurrence, paid once) and an analysis gets the sorted union of its own.
"""

from __future__ import annotations

import bisect
import operator
from collections.abc import Iterator
from typing import Final

from repair.document import Document
from repair.findings import Span
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


def by_span(spans: tuple[Span, ...], offsets: list[int]) -> Iterator[tuple[int, list[int]]]:
    """(index of a span, the sorted ``offsets`` inside it), for the ``spans`` holding any.

    Walks the offsets once when the spans are sorted and apart (as paragraphs and lines
    always are), else looks up each span's offsets by bisection.
    """
    starts = [span.start for span in spans]
    ends = [span.end for span in spans]
    if all(map(operator.le, starts, ends)) and all(map(operator.le, ends, starts[1:])):
        group: list[int] = []
        current = -1
        low = high = 0  # the current paragraph's bounds: its next marks need no bisection
        for offset in offsets:
            if low <= offset < high:
                group.append(offset)
                continue
            index = bisect.bisect_right(starts, offset) - 1
            if index < 0 or offset >= ends[index]:
                continue
            if group:
                yield current, group
            group, current = [offset], index
            low, high = starts[index], ends[index]
        if group:
            yield current, group
        return
    for index, span in enumerate(spans):
        first = bisect.bisect_left(offsets, span.start)
        stop = bisect.bisect_left(offsets, span.end, first)
        if first < stop:
            yield index, offsets[first:stop]
