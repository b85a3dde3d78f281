"""difflib's opcodes for two strings, found faster when they share long stretches.

``difflib.SequenceMatcher`` (no junk, ``autojunk=False``) aligns two texts by taking their
longest common substring, then doing the same on each side of it. Its search for that
substring walks every position of one text and, for each, every place its character occurs
in the other: on a paragraph and its ftfy fix, a few hundred characters long and mostly
equal, that is most of what ENC002 costs.

:func:`opcodes` returns difflib's very opcodes, with another search for the longest common
substring. A common substring of ``2q - 1`` characters or more holds one of the pieces of
``q`` characters that start every ``q`` characters of the first text; finding each piece in
the other text with ``str.find`` and stretching every hit as far as both texts agree gives
every maximal common substring at least that long. Halving ``q`` until one is found gives
the longest, and among those of that length the one difflib returns: the first in the
first text, then the first in the other. Short ranges, and pieces that occur too often,
are searched difflib's way.
"""

from __future__ import annotations

from typing import Final

_SMALL: Final = 64
"""Ranges with fewer character pairs than this (lengths multiplied) are searched difflib's way."""
_MIN_PIECE: Final = 4
"""Pieces shorter than this occur too often: below it, the search is difflib's."""
_MAX_HITS_PER_CHARACTER: Final = 4
"""Hits of pieces per character of both ranges, past which the search is difflib's."""

Block = tuple[int, int, int]
Opcode = tuple[str, int, int, int, int]


def opcodes(a: str, b: str) -> list[Opcode]:
    """``difflib.SequenceMatcher(None, a, b, autojunk=False).get_opcodes()``, as tuples.

    >>> opcodes("Sch\\u00c3\\u00b6n", "Sch\\u00f6n")
    [('equal', 0, 3, 0, 3), ('replace', 3, 5, 3, 4), ('equal', 5, 6, 4, 5)]
    """
    result: list[Opcode] = []
    i = j = 0
    for ai, bj, size in _matching_blocks(a, b):
        # difflib's get_opcodes, on its list of matching blocks.
        tag = ""
        if i < ai and j < bj:
            tag = "replace"
        elif i < ai:
            tag = "delete"
        elif j < bj:
            tag = "insert"
        if tag:
            result.append((tag, i, ai, j, bj))
        i, j = ai + size, bj + size
        if size:
            result.append(("equal", ai, i, bj, j))
    return result


def _matching_blocks(a: str, b: str) -> list[Block]:
    """difflib's ``get_matching_blocks``: the same recursion over the same longest matches."""
    finder = _LongestMatch(a, b)
    queue = [(0, len(a), 0, len(b))]
    blocks: list[Block] = []
    while queue:
        alo, ahi, blo, bhi = queue.pop()
        i, j, k = found = finder.find(alo, ahi, blo, bhi)
        if k:
            blocks.append(found)
            if alo < i and blo < j:
                queue.append((alo, i, blo, j))
            if i + k < ahi and j + k < bhi:
                queue.append((i + k, ahi, j + k, bhi))
    blocks.sort()
    merged: list[Block] = []
    i1 = j1 = k1 = 0
    for i2, j2, k2 in blocks:
        if i1 + k1 == i2 and j1 + k1 == j2:
            k1 += k2
        else:
            if k1:
                merged.append((i1, j1, k1))
            i1, j1, k1 = i2, j2, k2
    if k1:
        merged.append((i1, j1, k1))
    merged.append((len(a), len(b), 0))
    return merged


class _LongestMatch:
    """The longest common substring of ranges of ``a`` and ``b``, as difflib picks it."""

    def __init__(self, a: str, b: str) -> None:
        self.a = a
        self.b = b

    def find(self, alo: int, ahi: int, blo: int, bhi: int) -> Block:
        """``(i, j, k)``: ``a[i:i+k] == b[j:j+k]`` of greatest ``k``, then least ``i``, then
        least ``j``, inside ``a[alo:ahi]`` and ``b[blo:bhi]``; ``(alo, blo, 0)`` if none."""
        if (ahi - alo) * (bhi - blo) < _SMALL:
            return self._difflib_way(alo, ahi, blo, bhi)
        piece = min(ahi - alo, bhi - blo) // 2
        while piece >= _MIN_PIECE:
            found = self._by_pieces(alo, ahi, blo, bhi, piece)
            if found is None:
                break  # too many hits
            k = found[2]
            if k >= 2 * piece - 1:
                return found  # every common substring this long was seen: the longest
            # The longest is at least k long: pieces of (k + 1) // 2 find all that long.
            piece = min(piece // 2, (k + 1) // 2) if k else piece // 2
        return self._difflib_way(alo, ahi, blo, bhi)

    def _by_pieces(self, alo: int, ahi: int, blo: int, bhi: int, piece: int) -> Block | None:
        """The best maximal match holding a piece ``a[p:p+piece]`` (``p - alo`` a multiple
        of ``piece``) found in ``b[blo:bhi]``: ``(alo, blo, 0)`` if none, ``None`` when the
        pieces occur too often."""
        a, b = self.a, self.b
        budget = _MAX_HITS_PER_CHARACTER * (ahi - alo + bhi - blo)
        best_i, best_j, best_k = alo, blo, 0
        covered: dict[int, int] = {}  # diagonal j - i -> end in a of the match found on it
        find = b.find
        for p in range(alo, ahi - piece + 1, piece):
            chunk = a[p : p + piece]
            x = find(chunk, blo, bhi)
            while x != -1:
                budget -= 1
                if budget < 0:
                    return None
                diagonal = x - p
                if covered.get(diagonal, -1) <= p:
                    left = _common_suffix_length(a, alo, p, b, blo, x)
                    right = _common_prefix_length(a, p + piece, ahi, b, x + piece, bhi)
                    i, j, k = p - left, x - left, left + piece + right
                    covered[diagonal] = i + k
                    if k > best_k or (k == best_k and (i, j) < (best_i, best_j)):
                        best_i, best_j, best_k = i, j, k
                x = find(chunk, x + 1, bhi)
        return best_i, best_j, best_k

    def _difflib_way(self, alo: int, ahi: int, blo: int, bhi: int) -> Block:
        """difflib's own search (``find_longest_match`` without junk), on the places of
        each character in ``b[blo:bhi]``."""
        a, b = self.a, self.b
        places: dict[str, list[int]] = {}
        for j in range(blo, bhi):
            places.setdefault(b[j], []).append(j)
        best_i, best_j, best_k = alo, blo, 0
        lengths: dict[int, int] = {}
        nothing: list[int] = []
        for i in range(alo, ahi):
            get = lengths.get
            new_lengths: dict[int, int] = {}
            for j in places.get(a[i], nothing):
                k = new_lengths[j] = get(j - 1, 0) + 1
                if k > best_k:
                    best_i, best_j, best_k = i - k + 1, j - k + 1, k
            lengths = new_lengths
        return best_i, best_j, best_k


def _common_prefix_length(a: str, i: int, a_end: int, b: str, j: int, b_end: int) -> int:
    """How many characters ``a[i:a_end]`` and ``b[j:b_end]`` share from their starts.

    >>> _common_prefix_length("xabcdef", 1, 7, "abcxef", 0, 6)
    3
    """
    limit = min(a_end - i, b_end - j)
    good, step = 0, 8
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


def _common_suffix_length(a: str, a_start: int, i: int, b: str, b_start: int, j: int) -> int:
    """How many characters ``a[a_start:i]`` and ``b[b_start:j]`` share at their ends.

    >>> _common_suffix_length("xabcdef", 0, 4, "zzbc", 0, 4)
    2
    """
    limit = min(i - a_start, j - b_start)
    good, step = 0, 8
    while good < limit:
        size = min(step, limit - good)
        if a[i - good - size : i - good] != b[j - good - size : j - good]:
            bad = good + size
            while bad - good > 1:  # the last ``good`` characters are common, ``bad`` not
                middle = (good + bad) // 2
                if a[i - middle : i - good] == b[j - middle : j - good]:
                    good = middle
                else:
                    bad = middle
            return good
        good += size
        step *= 2
    return good
