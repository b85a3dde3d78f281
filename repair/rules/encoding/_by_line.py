"""Offsets a search finds in the whole text, kept by line in a fix run.

A fix run checks its text again after each pass, and most lines come out of a pass as they
went in. A search whose every find is an offset on one line, found from that line alone
(a line break, or the text's start or end, on each side), finds in the whole text what it
finds in each line: its finds are kept by the line's text (:meth:`Document.run_memo`), and a
later pass searches only the lines it has not seen. Used by the ENC scan for stray
characters and the GLU scan for capitals, which each cost a walk over every character.
"""

from __future__ import annotations

import bisect
import itertools
import operator
from collections.abc import Callable, Sequence

from repair.document import Document
from repair.rules.scraping._lines import text_lines

Search = Callable[[str], Sequence[int]]
"""A search of a text: the offsets it finds, in increasing order."""


def offsets_by_line(doc: Document, key: str, search: Search) -> list[int]:
    """``list(search(doc.text))``, with the finds kept by line in a fix run.

    ``search`` must find on each line of a text what it finds in that line alone; ``key``
    names the table, as for :meth:`Document.run_memo`.
    """
    memo: dict[str, tuple[int, ...]] | None = doc.run_memo(key)
    if memo is None:
        return list(search(doc.text))
    lines = text_lines(doc)
    unknown = set(lines).difference(memo) if memo else lines
    if len(unknown) * 4 > len(lines):
        # Most lines unseen (a run's first check): the text searched whole, its finds
        # handed out to its lines.
        found = list(search(doc.text))
        memo.update(dict.fromkeys(unknown, ()))
        _keep(memo, lines, doc.line_starts, found)
        return found
    if unknown:
        # The few lines a pass changed, joined so that the search runs once: the offset of
        # each is the lengths before it and as many line breaks.
        new = list(unknown)
        memo.update(dict.fromkeys(new, ()))
        lengths = itertools.accumulate(map(len, new), initial=0)
        _keep(
            memo, new, list(map(operator.add, lengths, itertools.count())), search("\n".join(new))
        )
    kept = list(map(memo.__getitem__, lines))
    starts = doc.line_starts
    return [
        starts[index] + offset
        for index in itertools.compress(range(len(lines)), kept)
        for offset in kept[index]
    ]


def _keep(
    memo: dict[str, tuple[int, ...]],
    lines: Sequence[str],
    starts: Sequence[int],
    found: Sequence[int],
) -> None:
    """Keep each find under the text of its line, as an offset in that line."""
    on_line: dict[int, list[int]] = {}
    for offset in found:
        index = bisect.bisect_right(starts, offset) - 1
        on_line.setdefault(index, []).append(offset - starts[index])
    for index, offsets in on_line.items():
        # A line written twice gets the same finds twice over: set, not added to.
        memo[lines[index]] = tuple(offsets)
