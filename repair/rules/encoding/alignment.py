"""Where a line and ftfy's fix of it differ, in time linear in the line.

ftfy changes a line in a few places and leaves long stretches as they were. A scan walks
both texts, skips the equal stretches with slice comparisons, and after each difference
finds where the texts agree again (an *anchor*: a run of equal characters). Each group of
differences, with some equal text around it, is aligned by rapidfuzz's Levenshtein
opcodes, which give the same regions as aligning the whole line would, on a window of
bounded size. A window still long (a paragraph decoded wrongly from end to end) is cut at
shorter anchors first.
"""

from __future__ import annotations

from collections.abc import Iterator
from typing import Final, NamedTuple

from rapidfuzz.distance import Levenshtein

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


class Difference(NamedTuple):
    """``before[start:end]`` became ``after[new_start:new_end]``."""

    start: int
    end: int
    new_start: int
    new_end: int


def changed_regions(before: str, after: str) -> Iterator[tuple[int, int, str]]:
    """Regions of ``before`` that differ in ``after``, merging regions a character apart.

    >>> list(changed_regions("Sch\\u00c3\\u00b6n gr\\u00c3\\u00bcn", "Sch\\u00f6n gr\\u00fcn"))
    [(3, 5, '\\xf6'), (9, 11, '\\xfc')]
    """
    merged: list[list[int]] = []
    for difference in differences(before, after):
        start, end, new_start, new_end = difference
        if merged and start - merged[-1][1] <= 1:
            merged[-1][1], merged[-1][3] = end, new_end
        else:
            merged.append([start, end, new_start, new_end])
    for start, end, new_start, new_end in merged:
        yield start, end, after[new_start:new_end]


def differences(before: str, after: str) -> Iterator[Difference]:
    """The non-equal Levenshtein opcodes of ``before`` and ``after``, window by window: here
    a replacement and a deletion side by side, which :func:`changed_regions` merges.

    >>> [tuple(d) for d in differences("a b\\u00c3\\u00a9 c", "a b\\u00e9 c")]
    [(3, 4, 3, 4), (4, 5, 4, 4)]
    """
    for window in _windows(before, after):
        yield from _window_differences(before, after, window)


def _windows(before: str, after: str) -> Iterator[Difference]:
    """Disjoint spans of both texts holding every difference, with equal text between."""
    group: Difference | None = None
    for chunk in _chunks(before, after, 0, len(before), 0, len(after), _LONG_ANCHOR):
        if group is not None and chunk.start - group.end < 2 * _CONTEXT:
            group = group._replace(end=chunk.end, new_end=chunk.new_end)
            continue
        if group is not None:
            yield _widened(group, len(before), len(after))
        group = chunk
    if group is not None:
        yield _widened(group, len(before), len(after))


def _widened(group: Difference, before_length: int, after_length: int) -> Difference:
    """``group`` with up to ``_CONTEXT`` equal characters on each side (the same number in
    both texts, so that what is added is equal)."""
    left = min(_CONTEXT, group.start, group.new_start)
    right = min(_CONTEXT, before_length - group.end, after_length - group.new_end)
    return Difference(
        group.start - left, group.end + right, group.new_start - left, group.new_end + right
    )


def _window_differences(before: str, after: str, window: Difference) -> Iterator[Difference]:
    start, end, new_start, new_end = window
    if end - start + new_end - new_start <= _WINDOW_ALIGNED_WHOLE:
        yield from _aligned_differences(before, after, window)
        return
    for chunk in _chunks(before, after, start, end, new_start, new_end, _SHORT_ANCHOR):
        if chunk.end - chunk.start + chunk.new_end - chunk.new_start <= _WINDOW_ALIGNED_WHOLE:
            yield from _aligned_differences(before, after, chunk)
        else:
            yield chunk  # no two equal characters in a row: replaced whole


def _aligned_differences(before: str, after: str, window: Difference) -> Iterator[Difference]:
    start, end, new_start, new_end = window
    # rapidfuzz's Levenshtein opcodes (a minimal edit, computed in C++) rather than
    # difflib's, whose longest-match search in Python was most of the alignment's cost.
    for op in Levenshtein.opcodes(before[start:end], after[new_start:new_end]):
        if op.tag != "equal":
            yield Difference(
                start + op.src_start,
                start + op.src_end,
                new_start + op.dest_start,
                new_start + op.dest_end,
            )


def _chunks(
    before: str, after: str, start: int, end: int, new_start: int, new_end: int, anchor: int
) -> Iterator[Difference]:
    """Spans of ``before[start:end]`` and ``after[new_start:new_end]`` that differ, each
    ending where the texts agree again for ``anchor`` characters, in order.

    >>> list(_chunks("ab\\u00c3\\u00a9cdef", "ab\\u00e9cdef", 0, 8, 0, 7, 2))
    [Difference(start=2, end=4, new_start=2, new_end=3)]
    """
    i, j = start, new_start
    while True:
        equal = _common_prefix_length(before, i, end, after, j, new_end)
        i, j = i + equal, j + equal
        if i == end and j == new_end:
            return
        resumed = _resume(before, i, end, after, j, new_end, anchor)
        if resumed is None:
            yield Difference(i, end, j, new_end)
            return
        yield Difference(i, resumed[0], j, resumed[1])
        i, j = resumed


def _common_prefix_length(a: str, i: int, a_end: int, b: str, j: int, b_end: int) -> int:
    """How many characters ``a[i:a_end]`` and ``b[j:b_end]`` share from their starts,
    found by slice comparisons of doubling length and then bisection.

    >>> _common_prefix_length("xabcdef", 1, 7, "abcxef", 0, 6)
    3
    """
    limit = min(a_end - i, b_end - j)
    good, step = 0, 16
    while good < limit:
        size = min(step, limit - good)
        if a[i + good : i + good + size] != b[j + good : j + good + size]:
            bad = good + size
            while bad - good > 1:  # a[i:i+good] is common, a[i:i+bad] is not
                middle = (good + bad) // 2
                if a[i + good : i + middle] == b[j + good : j + middle]:
                    good = middle
                else:
                    bad = middle
            return good
        good += size
        step *= 2
    return good


def _resume(
    before: str, i: int, end: int, after: str, j: int, new_end: int, anchor: int
) -> tuple[int, int] | None:
    """The nearest ``(p, q)`` past a difference at ``(i, j)`` where ``anchor`` characters
    agree (least ``p - i + q - j``), looking ever farther up to ``_MAX_REACH``; ``None``
    when the texts do not agree again before their ends within that reach.

    >>> _resume("x\\u00c3\\u00a9 cafe", 1, 8, "x\\u00e9 cafe", 1, 7, 2)
    (3, 2)
    """
    reach = _FIRST_REACH
    while True:
        best: tuple[int, int] | None = None
        best_cost = 2 * reach
        for offset in range(min(reach, end - i - anchor + 1)):
            if offset >= best_cost:
                break
            probe = before[i + offset : i + offset + anchor]
            found = after.find(probe, j, min(new_end, j + reach + anchor))
            if found != -1 and offset + found - j < best_cost:
                best, best_cost = (i + offset, found), offset + found - j
        if best is not None:
            return best
        if reach >= _MAX_REACH or (i + reach >= end and j + reach >= new_end):
            return None
        reach *= 2
