"""SCR008's block scores in a fix run: kept by block, and a block a pass changed scored from
the version of it the pass before, not from all its words again.

A page's blocks are runs of non-blank lines; a text with no blank line is one block of
hundreds of lines, and each pass of a fix run changes one line or two of it. Whether a block
reads as prose (:func:`repair.rules.scraping.chrome._prose_words`) needs sums over its lines
only: words and capitals (no word crosses a line's end, nor the space that joins the lines
there), lines with a clause mark, characters and link characters. Sums over a changed block
are those over its version of the pass before, plus those of the lines it gained, minus
those it lost.

Most often the lines gained and lost need not even be counted: a block of a hundred lines
of prose stays prose, with its score at the cap, whatever words a few lines bring or take:
bounds counted in C (capitals by ASCII capitals and UTF-8 lead bytes, words by separators
and one a line) settle most scores. A block's sums are kept as those counted over a
version of it and the lines it gained and lost since; those lines are counted only when
the bounds leave its score in doubt.
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


class _Tally(NamedTuple):
    """A block's sums: those counted over a version of it, and the lines it gained and lost
    since (each as often as it was), not counted yet, with what is known of them: their
    characters and link characters (gained less lost), at most how many capitalised words
    the gained hold and how many words the lost."""

    counted: Sums
    gained: tuple[Visible, ...] = ()
    lost: tuple[Visible, ...] = ()
    chars: int = 0
    links: int = 0
    most_capitals: int = 0
    most_words: int = 0


SureScore = Callable[[Sums, int, int, int, int], "float | None"]
"""``sure(sums, lines, more_capitals, fewer_words, fewer_clauses)``: the score of every block
of ``lines`` lines whose sums are ``sums`` (characters and link characters exact) but for up
to ``more_capitals`` capitalised words more (and any number of other words and clause lines
more), and up to ``fewer_words`` words and ``fewer_clauses`` lines with a clause mark fewer,
when all of them read as prose and score the same; else None."""


_CLAUSE_MARKS: Final = ",.:;!?"
"""What :func:`repair.rules.scraping.chrome._has_clause_mark` looks for."""
_NOT_CLAUSE_BYTES: Final = bytes(b for b in range(256) if chr(b) not in _CLAUSE_MARKS + "\n")
_CAPITAL_OR_LEAD_BYTES: Final = bytes(range(ord("A"), ord("Z") + 1)) + bytes(range(0xC0, 0x100))
"""The ASCII capitals and the bytes that open a character beyond ASCII in UTF-8."""
_WORD_OR_FOLLOWING_BYTES: Final = (
    bytes(range(ord("A"), ord("Z") + 1))
    + bytes(range(ord("a"), ord("z") + 1))
    + WORD_INNER
    + bytes(range(0x80, 0xC0))
)
"""The ASCII characters a word holds, and the bytes that go on a character in UTF-8."""
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
    sure: SureScore,
) -> list[float] | None:
    """``score_blocks(seen, blocks)`` in a fix run (None outside one), each block's score
    kept by what a reader sees of its lines (a pure function of them).

    ``prose(sums, lines)`` is the score of a block of ``lines`` lines from its sums, or None
    when it reads as no prose, which ``score_block`` then scores whole; ``sure`` tells the
    score from bounds on the sums (:data:`SureScore`).
    """
    kept: dict[Block, float] | None = _memo.table(doc, "chrome.block_scores")
    sums: dict[Block, _Tally] | None = _memo.table(doc, "chrome.block_sums")
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
            tally = earlier.tally_of(key, positions[index])
            score = _sure_score(tally, len(key), sure)
            if score is None:
                tally = _settled(tally)
                score = prose(tally.counted, len(key))
                if score is None:
                    score = score_block(key)
            sums[key] = tally
            kept[key] = score
    last["blocks"] = [keys[index] for index in multi]
    return list(map(kept.__getitem__, keys))


class _Earlier:
    """The blocks of many lines of the pass before: by their first and by their last line,
    and in their order."""

    def __init__(self, blocks: Sequence[Block], sums: dict[Block, _Tally]) -> None:
        self._sums = sums
        self._blocks = blocks
        self._by_edge: dict[Visible, Block] = {}
        for block in blocks:
            self._by_edge.setdefault(block[0], block)
            self._by_edge.setdefault(block[-1], block)

    def tally_of(self, block: Block, position: int) -> _Tally:
        """The sums over ``block``, the ``position``-th block of many lines of its text: from
        an earlier block that shares its first or last line or its position and most of its
        lines, else summed whole."""
        tried = [self._by_edge.get(block[0]), self._by_edge.get(block[-1])]
        if position < len(self._blocks):
            tried.append(self._blocks[position])
        for earlier in tried:
            tally = None if earlier is None else self._sums.get(earlier)
            if earlier is None or tally is None:
                continue
            gained, lost = _difference(block, earlier)
            changed = len(gained) + len(lost)
            if changed <= _MOST_CHANGED_SHARE * len(block):
                if changed + len(tally.gained) + len(tally.lost) > _MOST_CHANGED_SHARE * len(block):
                    tally = _settled(tally)  # as many lines to count as in the block
                return _added(tally, gained, lost)
        return _Tally(sums_of_lines(block))


def _added(tally: _Tally, gained: list[Visible], lost: list[Visible]) -> _Tally:
    """``tally`` with ``gained`` and ``lost`` more to count (bounded: :func:`_sure_score`)."""
    more = [item.text for item in gained]
    fewer = [item.text for item in lost]
    # Bounds counted in C on the UTF-8 bytes. A word that starts with a capital starts with
    # a capital of ASCII or a character beyond it (one lead byte each). Two words of a line
    # have between them a character that no word holds (:func:`count_words`: in ASCII, one
    # that is no letter nor in ``WORD_INNER``) or a character beyond ASCII.
    utf8 = "".join(more).encode("utf-8", "surrogatepass")
    capitals = len(utf8) - len(utf8.translate(None, _CAPITAL_OR_LEAD_BYTES))
    utf8 = "".join(fewer).encode("utf-8", "surrogatepass")
    words = len(utf8.translate(None, _WORD_OR_FOLLOWING_BYTES)) + len(fewer)
    return _Tally(
        tally.counted,
        tally.gained + tuple(gained),
        tally.lost + tuple(lost),
        tally.chars + sum(map(len, more)) - sum(map(len, fewer)),
        tally.links
        + sum(item.link_chars for item in gained)
        - sum(item.link_chars for item in lost),
        tally.most_capitals + capitals,
        tally.most_words + words,
    )


def _sure_score(tally: _Tally, lines: int, sure: SureScore) -> float | None:
    """The score of a block of ``lines`` lines whose sums are ``tally``'s, when ``sure`` tells
    it from bounds, without counting the lines gained and lost."""
    if not tally.gained and not tally.lost:
        return None  # counted: the score is read from the sums themselves
    counted = tally.counted
    now = counted._replace(chars=counted.chars + tally.chars, links=counted.links + tally.links)
    return sure(now, lines, tally.most_capitals, tally.most_words, len(tally.lost))


def _settled(tally: _Tally) -> _Tally:
    """``tally`` with the lines gained and lost counted."""
    if not tally.gained and not tally.lost:
        return tally
    return _Tally(_moved(tally.counted, sums_of_lines(tally.gained), sums_of_lines(tally.lost)))


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
