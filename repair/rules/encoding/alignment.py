"""Where a line and ftfy's fix of it differ, in time linear in the line.

ftfy changes a line in a few places and leaves long stretches as they were. A scan walks
both texts, skips the equal stretches (their length counted by rapidfuzz on slices), and
after each difference finds where the texts agree again (an *anchor*: a run of equal
characters). Each group of differences, with some equal text around it, is aligned by
rapidfuzz's Levenshtein opcodes, which give the same regions as aligning the whole line
would, on a window of bounded size. A window still long (a paragraph decoded wrongly from
end to end) is cut at shorter anchors first.
"""

from __future__ import annotations

from collections.abc import Iterator
from typing import TYPE_CHECKING, Final, NamedTuple, cast

from repair.lazy_import import LazyModule

if TYPE_CHECKING:
    from rapidfuzz.distance import Levenshtein, Prefix
else:  # rapidfuzz on first use (repair.lazy_import): only lines ftfy re-decodes are aligned
    Levenshtein = LazyModule("rapidfuzz.distance.Levenshtein", globals(), "Levenshtein")
    Prefix = LazyModule("rapidfuzz.distance.Prefix", globals(), "Prefix")


_CONTEXT: Final = 32
"""Equal characters kept on each side of a group of differences, for the alignment to anchor on."""
_LONG_ANCHOR: Final = 16
"""Equal characters that end a difference in the first scan."""
_SHORT_ANCHOR: Final = 2
"""Equal characters that end a difference inside a window too long to align whole."""
_FIRST_REACH: Final = 64
_MAX_REACH: Final = 4096
"""How far past a difference to look for an anchor, growing by doubling."""
_WINDOW_ALIGNED_WHOLE: Final = 2048
"""The longest pair of windows (characters of both) aligned whole."""


# The scan runs once per repaired line, on every difference of it: its steps pass plain
# tuples in lists, not named tuples through generators, which cost more than the
# alignment itself.
_Quad = tuple[int, int, int, int]
"""A :class:`Difference` as a plain tuple."""


class Difference(NamedTuple):
    """``before[start:end]`` became ``after[new_start:new_end]``."""

    start: int
    end: int
    new_start: int
    new_end: int


def changed_regions(before: str, after: str) -> list[tuple[int, int, str]]:
    """Regions of ``before`` that differ in ``after``, merging regions a character apart.

    >>> changed_regions("Sch\\u00c3\\u00b6n gr\\u00c3\\u00bcn", "Sch\\u00f6n gr\\u00fcn")
    [(3, 5, '\\xf6'), (9, 11, '\\xfc')]
    """
    # The differences merged as they are found, not listed first: a repaired line has a
    # replacement and a deletion or two for each broken character.
    merged: list[list[int]] = []
    for piece, aligned, alone in _pieces(before, after):
        if not aligned:
            _merge(merged, *piece)
            continue
        if alone is not None:
            # A window around one chunk is aligned as the chunk alone: the equal text
            # around it is the texts' common prefix and suffix there, which rapidfuzz
            # strips (the chunk starts at a difference, and ends at one, else a nearer
            # anchor would end it; a chunk that runs to the ends of both texts may end
            # on a character of both sides, and is not taken here). Without a character
            # on both sides, the alignment has no equal stretch inside: its differences
            # are side by side, one region. (Most mojibake: "\u00e2\u20ac\u0153" for "\u201c".)
            chunk_start, chunk_end, chunk_new_start, chunk_new_end = alone
            if set(after[chunk_new_start:chunk_new_end]).isdisjoint(before[chunk_start:chunk_end]):
                _merge(merged, *alone)
                continue
        start, _, new_start, _ = piece
        for tag, src_start, src_end, dest_start, dest_end in _opcodes(before, after, piece):
            if tag == "equal":
                continue
            if merged and start + src_start - merged[-1][1] <= 1:
                last = merged[-1]
                last[1], last[3] = start + src_end, new_start + dest_end
            else:
                merged.append(
                    [
                        start + src_start,
                        start + src_end,
                        new_start + dest_start,
                        new_start + dest_end,
                    ]
                )
    return [(start, end, after[new_start:new_end]) for start, end, new_start, new_end in merged]


def _merge(merged: list[list[int]], start: int, end: int, new_start: int, new_end: int) -> None:
    if merged and start - merged[-1][1] <= 1:
        merged[-1][1], merged[-1][3] = end, new_end
    else:
        merged.append([start, end, new_start, new_end])


def differences(before: str, after: str) -> Iterator[Difference]:
    """The non-equal Levenshtein opcodes of ``before`` and ``after``, window by window: here
    a replacement and a deletion side by side, which :func:`changed_regions` merges.

    >>> [tuple(d) for d in differences("a b\\u00c3\\u00a9 c", "a b\\u00e9 c")]
    [(3, 4, 3, 4), (4, 5, 4, 4)]
    """
    return map(Difference._make, _differences(before, after))


def _differences(before: str, after: str) -> list[_Quad]:
    found: list[_Quad] = []
    for piece, aligned, _ in _pieces(before, after):
        if not aligned:
            found.append(piece)
            continue
        start, _, new_start, _ = piece
        for tag, src_start, src_end, dest_start, dest_end in _opcodes(before, after, piece):
            if tag != "equal":
                found.append(
                    (
                        start + src_start,
                        start + src_end,
                        new_start + dest_start,
                        new_start + dest_end,
                    )
                )
    return found


def _pieces(before: str, after: str) -> list[tuple[_Quad, bool, _Quad | None]]:
    """The windows of both texts, each aligned whole (``True``) or, when too long, cut at
    shorter anchors into chunks aligned whole, or taken as one replacement when they are
    still too long (no two equal characters in a row); and for a window aligned whole
    around a single chunk, that chunk."""
    pieces: list[tuple[_Quad, bool, _Quad | None]] = []
    for window, alone in _windows(before, after):
        start, end, new_start, new_end = window
        if end - start + new_end - new_start <= _WINDOW_ALIGNED_WHOLE:
            pieces.append((window, True, alone))
            continue
        for chunk in _chunks(before, after, start, end, new_start, new_end, _SHORT_ANCHOR):
            pieces.append(
                (
                    chunk,
                    chunk[1] - chunk[0] + chunk[3] - chunk[2] <= _WINDOW_ALIGNED_WHOLE,
                    None,
                )
            )
    return pieces


def _windows(before: str, after: str) -> list[tuple[_Quad, _Quad | None]]:
    """Disjoint spans of both texts holding every difference, with equal text between,
    each widened by up to ``_CONTEXT`` equal characters on both sides (the same number in
    both texts, so that what is added is equal); each with its chunk if it holds one."""
    before_length, after_length = len(before), len(after)
    chunks = _chunks(before, after, 0, before_length, 0, after_length, _LONG_ANCHOR)
    windows: list[tuple[_Quad, _Quad | None]] = []
    index, count = 0, len(chunks)
    while index < count:
        first = chunks[index]
        start, end, new_start, new_end = first
        index += 1
        alone: _Quad | None = first
        while index < count and chunks[index][0] - end < 2 * _CONTEXT:
            _, end, _, new_end = chunks[index]
            index += 1
            alone = None
        left = min(_CONTEXT, start, new_start)
        right = min(_CONTEXT, before_length - end, after_length - new_end)
        windows.append(((start - left, end + right, new_start - left, new_end + right), alone))
    return windows


def _opcodes(before: str, after: str, window: _Quad) -> list[tuple[str, int, int, int, int]]:
    """The opcodes of ``window`` aligned whole, from the window's starts."""
    start, end, new_start, new_end = window
    # rapidfuzz's Levenshtein opcodes (a minimal edit, computed in C++) rather than
    # difflib's, whose longest-match search in Python was most of the alignment's cost.
    # As plain tuples (as_list), which unpack faster than Opcode objects; their stub types
    # the fields as one union.
    return cast(
        list[tuple[str, int, int, int, int]],
        Levenshtein.opcodes(before[start:end], after[new_start:new_end]).as_list(),
    )


def _chunks(
    before: str, after: str, start: int, end: int, new_start: int, new_end: int, anchor: int
) -> list[_Quad]:
    """Spans of ``before[start:end]`` and ``after[new_start:new_end]`` that differ, each
    ending where the texts agree again for ``anchor`` characters, in order.

    From a difference at ``(i, j)`` the texts agree again at the nearest ``(p, q)`` where
    ``anchor`` characters agree (least ``p - i + q - j``, then least ``p``), looked for ever
    farther up to ``_MAX_REACH``; with none before their ends within that reach, the rest
    of both differs. Equal stretches are counted by rapidfuzz (in C++) on slices of doubling
    length: slicing to the end of the line at each difference would copy a long line once
    per difference.

    The counting and the search are written out in the loop, with conditional expressions
    for ``min``: this runs on every difference of every repaired line, and function calls
    cost as much as the finds.

    >>> _chunks("ab\\u00c3\\u00a9cdef", "ab\\u00e9cdef", 0, 8, 0, 7, 2)
    [(2, 4, 2, 3)]
    >>> _chunks("x\\u00c3\\u00a9 cafe", "x\\u00e9 cafe", 0, 8, 0, 7, 2)
    [(1, 3, 1, 2)]
    """
    found: list[_Quad] = []
    find = after.find
    common = Prefix.similarity
    i, j = start, new_start
    while True:
        # The equal stretch from (i, j).
        limit = end - i if end - i < new_end - j else new_end - j
        equal, step = 0, 64
        while equal < limit:
            size = step if step < limit - equal else limit - equal
            same = common(before[i + equal : i + equal + size], after[j + equal : j + equal + size])
            equal += same
            if same < size:
                break
            step *= 2
        i, j = i + equal, j + equal
        if i == end and j == new_end:
            return found
        # The nearest anchor past the difference at (i, j).
        reach = _FIRST_REACH
        while True:
            best_p = best_q = -1
            best_cost = 2 * reach
            limit = j + reach + anchor if j + reach + anchor < new_end else new_end
            for cost in range(reach if reach < end - i - anchor + 1 else end - i - anchor + 1):
                if cost >= best_cost:
                    break
                q = find(before[i + cost : i + cost + anchor], j, limit)
                if q != -1 and cost + q - j < best_cost:
                    best_p, best_q, best_cost = i + cost, q, cost + q - j
            if best_p != -1:
                break
            if reach >= _MAX_REACH or (i + reach >= end and j + reach >= new_end):
                found.append((i, end, j, new_end))
                return found
            reach *= 2
        found.append((i, best_p, j, best_q))
        # The anchor's characters are equal (the find kept them inside both ends): the
        # next equal stretch is counted from past them.
        i, j = best_p + anchor, best_q + anchor
