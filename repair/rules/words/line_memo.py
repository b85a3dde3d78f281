"""A search of the whole text whose finds each lie on one line, kept by line in a fix run.

A fix run checks its text again after each pass, and most lines come out of a pass as they
went in. A search whose every find lies on one line, and depends on that line's text alone
(not on the lines around it), finds in the whole text what it finds in each line: its finds
are kept by the line's text (:meth:`Document.run_memo`), and a later pass searches only the
lines it has not seen, joined so that the search runs once.

The lines are the text's split shared by the rules (``text_lines``): split once per
document, and each line's hash, which the look-ups in the memo need, computed once for all
the searches kept so (a split of its own and the hashes of a 25 kB text took about half of a
search's cost in a re-check).
"""

from __future__ import annotations

import bisect
import itertools
import operator
from collections.abc import Callable, Sequence
from typing import Any, TypeVar

from repair.document import Document

Find = TypeVar("Find", bound=tuple[Any, ...])
"""A find: its offset first, then what the search tells of it."""


def search_by_line(doc: Document, key: str, search: Callable[[str], list[Find]]) -> list[Find]:
    """``search(doc.text)``: finds in order, each a tuple whose first item is its offset.

    ``search``, given a text of several lines, must find on each line what it finds in
    that line alone, whatever lines stand around it (a line break, or the text's start or
    end, on each side). ``key`` names the search, as for :meth:`Document.run_memo`.
    """
    memo: dict[str, tuple[Find, ...]] | None = doc.run_memo(key)
    if memo is None:
        return search(doc.text)
    lines = shared_lines(doc)
    if not memo:
        # The run's first text: every line is unknown, and the lines joined are the text.
        found = search(doc.text)
        keep_by_line(memo, lines, doc.line_starts, found)
        return found
    unknown = [line for line in lines if line not in memo]
    if unknown:
        # The offset of each line in the joined lines: the lengths before it, and as many
        # line breaks (found in C: most lines have no find, and are not visited one by one).
        lengths = itertools.accumulate(map(len, unknown), initial=0)
        offsets = list(map(operator.add, lengths, itertools.count()))
        keep_by_line(memo, unknown, offsets, search("\n".join(unknown)))
    kept = list(map(memo.__getitem__, lines))
    line_starts = doc.line_starts
    return [
        (line_starts[index] + find[0], *find[1:])  # type: ignore[misc]
        for index in itertools.compress(range(len(lines)), kept)
        for find in kept[index]
    ]


def shared_lines(doc: Document) -> tuple[str, ...]:
    """The text of each line of ``doc``, split once per document for the rules that read
    lines (the SCR and STR rules' ``text_lines``)."""
    # Imported here: the scraping rules import the word rules' title test.
    from repair.rules.scraping._lines import text_lines

    return text_lines(doc)


def keep_by_line(
    memo: dict[str, tuple[Find, ...]],
    lines: Sequence[str],
    offsets: Sequence[int],
    found: list[Find],
) -> None:
    """Keep in ``memo``, for each of ``lines`` (which start at ``offsets`` in the text
    searched), the finds of ``found`` on it, moved to offsets in the line."""
    memo.update(dict.fromkeys(lines, ()))
    on_line: dict[int, list[Find]] = {}
    for find in found:
        index = bisect.bisect_right(offsets, find[0]) - 1
        moved = (find[0] - offsets[index], *find[1:])
        on_line.setdefault(index, []).append(moved)  # type: ignore[arg-type]
    for index, finds in on_line.items():
        memo[lines[index]] = tuple(finds)
