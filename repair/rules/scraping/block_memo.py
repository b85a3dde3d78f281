"""SCR008's block scores in a fix run: kept by block, and a block a pass changed scored from
the version of it the pass before, not from all its words again.

A page's blocks are runs of non-blank lines; a text with no blank line is one block of
hundreds of lines, and each pass of a fix run changes one line or two of it. Whether a block
reads as prose (:func:`repair.rules.scraping.chrome._prose_words`) needs sums over its lines
only: words and capitals (no word crosses a line's end, nor the space that joins the lines
there), lines with a clause mark, characters and link characters. Sums over a changed block
are those over its version of the pass before, plus those of the lines it gained, minus
those it lost.
"""

from __future__ import annotations

import collections
import itertools
import operator
from collections.abc import Callable, Iterable, Sequence
from typing import Final, NamedTuple

from repair.document import Document
from repair.rules.scraping import _memo
from repair.rules.scraping._lines import Visible
from repair.rules.scraping._words import WORD_CLASSES, WORD_INNER, ascii_stand_ins, count_words

Block = tuple[Visible, ...]
ScoreBlocks = Callable[[tuple[Visible, ...], list[tuple[int, int]]], list[float]]


class Sums(NamedTuple):
    """Sums over the lines of a block: what ``chrome._prose_words`` reads of it."""

    words: int
    capitals: int
    clauses: int
    """Lines with a clause mark."""
    chars: int
    links: int


_CLAUSE_MARKS: Final = ",.:;!?"
"""What :func:`repair.rules.scraping.chrome._has_clause_mark` looks for."""
_NOT_CLAUSE_BYTES: Final = bytes(b for b in range(256) if chr(b) not in _CLAUSE_MARKS + "\n")
_MOST_CHANGED_SHARE: Final = 0.5
"""A block whose lines gained and lost since an earlier version are more than this share of
its own is summed whole: summing those would cost about as much."""


def kept_scores(
    doc: Document,
    seen: tuple[Visible, ...],
    blocks: list[tuple[int, int]],
    score_blocks: ScoreBlocks,
    prose: Callable[[Sums, int], float | None],
    score_block: Callable[[Block], float],
) -> list[float] | None:
    """``score_blocks(seen, blocks)`` in a fix run (None outside one), each block's score
    kept by what a reader sees of its lines (a pure function of them).

    ``prose(sums, lines)`` is the score of a block of ``lines`` lines from its sums, or None
    when it reads as no prose, which ``score_block`` then scores whole.
    """
    kept: dict[Block, float] | None = _memo.table(doc, "chrome.block_scores")
    sums: dict[Block, Sums] | None = _memo.table(doc, "chrome.block_sums")
    last: dict[str, list[Block]] | None = _memo.table(doc, "chrome.last_blocks")
    if kept is None or sums is None or last is None:
        return None
    keys = [seen[first:end] for first, end in blocks]
    missed = [index for index, key in enumerate(keys) if key not in kept]
    single = [blocks[index] for index in missed if len(keys[index]) == 1]
    scored = score_blocks(seen, single)
    kept.update(zip((seen[first:end] for first, end in single), scored, strict=True))
    earlier = _Earlier(last.get("blocks", []), sums)
    multi = [index for index, key in enumerate(keys) if len(key) > 1]
    positions = {index: position for position, index in enumerate(multi)}
    for index in missed:
        key = keys[index]
        if len(key) > 1:
            # A block missed is not among the sums.
            total = sums[key] = earlier.sums_of(key, positions[index])
            score = prose(total, len(key))
            kept[key] = score_block(key) if score is None else score
    last["blocks"] = [keys[index] for index in multi]
    return list(map(kept.__getitem__, keys))


class _Earlier:
    """The blocks of many lines of the pass before: by their first and by their last line,
    and in their order."""

    def __init__(self, blocks: Sequence[Block], sums: dict[Block, Sums]) -> None:
        self._sums = sums
        self._blocks = blocks
        self._by_edge: dict[Visible, Block] = {}
        for block in blocks:
            self._by_edge.setdefault(block[0], block)
            self._by_edge.setdefault(block[-1], block)

    def sums_of(self, block: Block, position: int) -> Sums:
        """The sums over ``block``, the ``position``-th block of many lines of its text: from
        an earlier block that shares its first or last line or its position and most of its
        lines, else summed whole."""
        tried = [self._by_edge.get(block[0]), self._by_edge.get(block[-1])]
        if position < len(self._blocks):
            tried.append(self._blocks[position])
        for earlier in tried:
            if earlier is not None and earlier in self._sums:
                gained, lost = _difference(block, earlier)
                if len(gained) + len(lost) <= _MOST_CHANGED_SHARE * len(block):
                    return _moved(self._sums[earlier], sums_of_lines(gained), sums_of_lines(lost))
        return sums_of_lines(block)


def _difference(block: Block, earlier: Block) -> tuple[list[Visible], list[Visible]]:
    """The lines ``block`` has and ``earlier`` has not, and the other way round, each as
    often as it has them more than the other. Blocks of as many lines are compared line by
    line (in C): a pass most often edits lines where they stand.

    >>> a, b, c = Visible("a", 0), Visible("b", 0), Visible("c", 0)
    >>> _difference((a, b, b), (a, c)) == ([b, b], [c]), _difference((a, b), (a, c))
    (True, ([Visible(text='b', link_chars=0)], [Visible(text='c', link_chars=0)]))
    """
    if len(block) == len(earlier):
        changed = list(itertools.compress(range(len(block)), map(operator.ne, block, earlier)))
        return [block[index] for index in changed], [earlier[index] for index in changed]
    # Counted in C, and compared as sets of (line, count) pairs: only the lines counted
    # otherwise are visited.
    counts, before = collections.Counter(block), collections.Counter(earlier)
    gained: list[Visible] = []
    lost: list[Visible] = []
    for item in {item for item, _ in set(counts.items()) ^ set(before.items())}:
        more = counts[item] - before[item]
        (gained if more > 0 else lost).extend([item] * abs(more))
    return gained, lost


def _moved(sums: Sums, gained: Sums, lost: Sums) -> Sums:
    """``sums`` with ``gained`` added and ``lost`` taken away."""
    return Sums(*(now + plus - minus for now, plus, minus in zip(sums, gained, lost, strict=True)))


def sums_of_lines(block: Iterable[Visible]) -> Sums:
    """The sums over the lines of ``block``, counted whole.

    >>> sums_of_lines([Visible("Share, like", 0), Visible("The U.S. team", 4)])
    Sums(words=6, capitals=4, clauses=2, chars=24, links=4)
    """
    items = list(block)
    texts = [item.text for item in items]
    # Joined by line breaks, which no word crosses (:func:`count_words`, whose ASCII path is
    # inlined so that its bytes serve twice), and which part the lines with a clause mark.
    text = "\n".join(texts)
    plain = text if text.isascii() else ascii_stand_ins(text)
    if plain is None:
        words, capitals = count_words(text)
        utf8 = text.encode("utf-8", "surrogatepass")  # no byte beyond ASCII is a mark
    else:
        utf8 = plain.encode("ascii")  # the stand-ins keep every ASCII character
        classes = b" " + utf8.translate(WORD_CLASSES, WORD_INNER)
        capitals = classes.count(b" A")
        words = capitals + classes.count(b" a")
    marks = utf8.translate(None, _NOT_CLAUSE_BYTES).split(b"\n")
    return Sums(
        words,
        capitals,
        len(marks) - marks.count(b""),
        sum(map(len, texts)),
        sum(item.link_chars for item in items),
    )
