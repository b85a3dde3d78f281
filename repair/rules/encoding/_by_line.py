"""What a search finds in the whole text, kept by line in a fix run.

A fix run checks its text again after each pass, and most lines come out of a pass as they
went in. A search whose every find lies on one line, found from that line alone (a line
break, or the text's start or end, on each side), finds in the whole text what it finds in
each line: its finds are kept by the line's text (:meth:`Document.run_memo`), and a later
pass searches only the lines it has not seen. Used by the ENC scan for stray characters,
the GLU scan for capitals and GLU001's glued tokens, which each cost a walk over every
character.

A re-check looks each line up once (:mod:`repair.rules.line_lookup`). A run's first check
looks up nothing: it searches the whole text.
"""

from __future__ import annotations

import bisect
import itertools
import operator
from collections.abc import Callable, Sequence
from typing import Any, TypeVar

from repair.document import Document
from repair.rules.line_lookup import distinct, look_up
from repair.rules.scraping._lines import text_lines

Search = Callable[[str], Sequence[int]]
"""A search of a text: the offsets it finds, in increasing order."""
Find = TypeVar("Find", bound=tuple[Any, ...])
"""A find: its offset first, then what the search tells of it."""

Value = TypeVar("Value", bound=tuple[Any, ...])
"""What is kept for a line: its finds."""


def offsets_by_line(doc: Document, key: str, search: Search) -> list[int]:
    """``list(search(doc.text))``, with the finds kept by line in a fix run.

    ``search`` must find on each line of a text what it finds in that line alone; ``key``
    names the table, as for :meth:`Document.run_memo`.
    """
    memo: dict[str, tuple[int, ...]] | None = doc.run_memo(key)
    if memo is None:
        return list(search(doc.text))
    lines = text_lines(doc)
    if memo:
        kept, marked, unseen = look_up(memo, lines)
    if not memo or len(unseen) * 4 > len(lines):
        # Most lines unseen (a run's first check): the text searched whole, its finds
        # handed out to its lines.
        found = list(search(doc.text))
        memo.update(dict.fromkeys(lines, ()))
        _keep_offsets(memo, lines, doc.line_starts, found)
        return found
    if unseen:
        _search_unseen(memo, lines, kept, unseen, search, _keep_offsets)
    starts = doc.line_starts
    return [starts[index] + offset for index in marked for offset in kept[index]]


def finds_by_line(
    doc: Document,
    key: str,
    search: Callable[[str], Sequence[Find]],
    whole: Callable[[], Sequence[Find]],
) -> tuple[list[Find], bool]:
    """``list(whole())``, ``whole`` giving the finds of ``search`` in ``doc.text`` in order
    (as the document can, from what its rules share), kept by line in a fix run; and
    whether ``whole`` was asked.

    ``search`` must find on each line of a text what it finds in that line alone; ``key``
    names the table, as for :meth:`Document.run_memo`. A run's first check asks ``whole``;
    a later one searches only the lines it has not seen, joined.
    """
    memo: dict[str, tuple[Find, ...]] | None = doc.run_memo(key)
    if not memo:
        found = list(whole())
        if memo is not None:
            lines = text_lines(doc)
            memo.update(dict.fromkeys(lines, ()))
            _keep_finds(memo, lines, doc.line_starts, found)
        return found, True
    lines = text_lines(doc)
    kept, marked, unseen = look_up(memo, lines)
    if unseen:
        _search_unseen(memo, lines, kept, unseen, search, _keep_finds)
    line_starts = doc.line_starts
    return [
        (line_starts[index] + find[0], *find[1:])  # type: ignore[misc]
        for index in marked
        for find in kept[index]
    ], False


def _search_unseen(
    memo: dict[str, Any],
    lines: Sequence[str],
    kept: list[Any],
    unseen: Sequence[int],
    search: Callable[[str], Any],
    keep: Callable[[dict[str, Any], Sequence[str], Sequence[int], Any], None],
) -> None:
    """Search the lines at ``unseen`` (the few a pass changed), each once and joined so
    that ``search`` runs once; ``keep`` files their finds in ``memo`` by line, and
    ``kept`` gets each unseen line's."""
    new = distinct(lines, unseen)
    on_new = search("\n".join(new))
    memo.update(dict.fromkeys(new, ()))
    keep(memo, new, _joined_starts(new), on_new)
    for index in unseen:
        kept[index] = memo[lines[index]]


def _joined_starts(lines: Sequence[str]) -> list[int]:
    """Where each of ``lines`` starts once they are joined by line breaks: the lengths
    before it, and as many line breaks (found in C: most lines have no find)."""
    lengths = itertools.accumulate(map(len, lines), initial=0)
    return list(map(operator.add, lengths, itertools.count()))


def _keep_offsets(
    memo: dict[str, Any], lines: Sequence[str], starts: Sequence[int], found: Sequence[int]
) -> None:
    """Keep each find under the text of its line, as an offset in that line."""
    on_line: dict[int, list[int]] = {}
    for offset in found:
        index = bisect.bisect_right(starts, offset) - 1
        on_line.setdefault(index, []).append(offset - starts[index])
    for index, offsets in on_line.items():
        # A line written twice gets the same finds twice over: set, not added to.
        memo[lines[index]] = tuple(offsets)


def _keep_finds(
    memo: dict[str, Any], lines: Sequence[str], starts: Sequence[int], found: Sequence[Find]
) -> None:
    """Keep each find under the text of its line, its offset moved into that line."""
    on_line: dict[int, list[tuple[Any, ...]]] = {}
    for find in found:
        index = bisect.bisect_right(starts, find[0]) - 1
        on_line.setdefault(index, []).append((find[0] - starts[index], *find[1:]))
    for index, finds in on_line.items():
        memo[lines[index]] = tuple(finds)
