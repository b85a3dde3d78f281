"""A line-bound search narrowed to the pieces of a long line around its trigger hits.

:func:`repair.text.finditer_lines` searches only the lines holding a trigger. On a text of
one long line (a JSON dump, a minified page) that is the whole text, and the pattern runs
over every character of it. But a pattern that can consume only some characters ("letters,
a space and a hyphen") cannot match across any other character (a "barrier"): each match
lies in one maximal run of characters it can consume, and holds a trigger hit there. So
the pattern needs to run only over the runs ("pieces") that hold a hit, and finds there
every match the whole line holds, in order:

- a match never crosses a barrier, so matches of distinct pieces never overlap, and the
  line's left-to-right scan, after a match in one piece, finds the next at the leftmost
  match starting later: in the same piece, or in a later piece holding a hit;
- the search of a piece starts at its first character and sees the text before it
  (lookbehinds read the real text), and ends a margin after the piece: the widest
  lookahead plus two characters, so that what a lookahead or ``$`` reads at or past the
  piece's end is the real text, as in the line, never the end of the searched range.

The characters a pattern can consume are read from its parse tree; a pattern with an
item this module cannot bound (``.``, a negated class or category, an unbounded
lookahead, a pattern that can match nothing) gets the whole line, as before.
"""

from __future__ import annotations

import functools
import re
from collections.abc import Iterator
from re import _constants, _parser  # type: ignore[attr-defined]
from typing import Any, Final

LONG_LINE: Final = 256
"""Lines at least this long are searched piece by piece; shorter ones whole (as fast).

Most paragraphs of plain text are one line of 256 to 2,000 characters, and the punctuation
rules' patterns find most of their pieces empty of hits: replaying the 1,400 searches a
check of the 2 MB of /work/wt/prof.py makes, from 8192 to 256 took them from 14 to 9-10 ms
(64 and 128 the same within noise, 512 to 2048 11-12 ms)."""

_TRIGGER_REACH: Final = 256
"""How far past a line's end a trigger's lookahead may read."""
_CATEGORIES: Final = {
    _constants.CATEGORY_DIGIT: r"\d",
    _constants.CATEGORY_WORD: r"\w",
    _constants.CATEGORY_SPACE: r"\s",
}
_REPEATS: Final = (_constants.MAX_REPEAT, _constants.MIN_REPEAT, _constants.POSSESSIVE_REPEAT)
_ASSERTS: Final = (_constants.ASSERT, _constants.ASSERT_NOT)


class _Unbounded(Exception):
    """The pattern holds an item whose characters or reach cannot be bounded here."""


@functools.cache
def _shape(pattern: re.Pattern[str]) -> tuple[re.Pattern[str], re.Pattern[str], int] | None:
    """(a barrier, the last barrier before a search's end, the margin) for ``pattern``, or
    ``None`` when its pieces cannot be bounded."""
    try:
        tree = _parser.parse(pattern.pattern, pattern.flags)
        if pattern.flags & (re.IGNORECASE | re.ASCII) or tree.getwidth()[0] == 0:
            return None
        classes: set[str] = set()
        reach = _walk(tree.data, classes)
    except (_Unbounded, TypeError, ValueError):
        return None
    consumed = "".join(sorted(classes))
    barrier = re.compile(f"[^{consumed}]")
    last = re.compile(f"[^{consumed}][{consumed}]*\\Z")
    return barrier, last, reach + 2


def _walk(items: Any, classes: set[str]) -> int:
    """Add to ``classes`` what ``items`` can consume; return their widest lookahead."""
    reach = 0
    for op, argument in items:
        if op is _constants.LITERAL:
            classes.add(_char(argument))
        elif op is _constants.IN:
            for kind, value in argument:
                if kind is _constants.LITERAL:
                    classes.add(_char(value))
                elif kind is _constants.RANGE:
                    classes.add(f"{_char(value[0])}-{_char(value[1])}")
                elif kind is _constants.CATEGORY and value in _CATEGORIES:
                    classes.add(_CATEGORIES[value])
                else:
                    raise _Unbounded
        elif op is _constants.SUBPATTERN:
            _group, added, removed, sub = argument
            if (added | removed) & _CLASS_FLAGS:  # "(?i:...)" changes what a class takes
                raise _Unbounded
            reach = max(reach, _walk(sub.data, classes))
        elif op is _constants.BRANCH:
            for branch in argument[1]:
                reach = max(reach, _walk(branch.data, classes))
        elif op in _REPEATS:
            reach = max(reach, _walk(argument[2].data, classes))
        elif op in _ASSERTS:
            direction, sub = argument
            if direction == 1:  # a lookahead reads, from where it stands, up to its width
                width = sub.getwidth()[1]
                if width >= _constants.MAXREPEAT:
                    raise _Unbounded
                reach = max(reach, width)
            elif _reads_ahead(sub.data):  # a lookbehind whose lookahead or anchor reads
                raise _Unbounded  # from a place the margin does not count from
        elif op is _constants.AT or op is _constants.GROUPREF:
            pass  # an anchor consumes nothing; a group's copy consumes what the group did
        else:
            raise _Unbounded
    return reach


_CLASS_FLAGS: Final = re.IGNORECASE | re.ASCII | re.LOCALE


def _reads_ahead(items: Any) -> bool:
    """Whether ``items`` hold a lookahead or an anchor, at any depth."""
    for op, argument in items:
        if op is _constants.AT or (op in _ASSERTS and argument[0] == 1):
            return True
        subs = (
            [argument[-1]]
            if op is _constants.SUBPATTERN or op in _ASSERTS
            else argument[1]
            if op is _constants.BRANCH
            else [argument[2]]
            if op in _REPEATS
            else []
        )
        if any(_reads_ahead(sub.data) for sub in subs):
            return True
    return False


def _char(code: int) -> str:
    return f"\\U{code:08x}"


def finditer_pieces(
    pattern: re.Pattern[str],
    text: str,
    start: int,
    end: int,
    triggers: tuple[re.Pattern[str], ...],
) -> Iterator[re.Match[str]]:
    """``pattern.finditer(text, start, end)`` for a line ``text[start:end]`` each of whose
    matches holds a hit of one of ``triggers`` (see the module's docstring).

    >>> line = "x" * 9000 + " a -b, c -d " + "y" * 9000
    >>> pattern, triggers = re.compile(r"[a-z]+ -[a-z]+"), (re.compile("-"),)
    >>> [m[0] for m in finditer_pieces(pattern, line, 0, len(line), triggers)]
    ['a -b', 'c -d']
    """
    shape = _shape(pattern) if end - start >= LONG_LINE else None
    if shape is None:
        yield from pattern.finditer(text, start, end)
        return
    barrier, last_barrier, margin = shape
    hits = set()
    # Every start of a hit in the line, overlapping ones too; a hit's lookahead may read
    # past the line's end (as in the whole text, where the lines were found), not past a
    # short reach after it.
    reach = min(len(text), end + _TRIGGER_REACH)
    for trigger in triggers:
        hit = trigger.search(text, start, reach)
        while hit is not None and hit.start() < end:
            hits.add(hit.start())
            hit = trigger.search(text, hit.start() + 1, reach)
    done = start  # where the line's scan stands: the end of the last piece searched
    for at in sorted(hits):
        if at < done or barrier.match(text, at):
            continue  # searched already, or no match can hold this character
        piece_start = _piece_start(last_barrier, text, start, at)
        after = barrier.search(text, at, end)
        piece_end = end if after is None else after.start()
        position = max(piece_start, done)
        while True:
            match = pattern.search(text, position, min(end, piece_end + margin))
            if match is None or match.start() >= piece_end:
                break
            yield match
            position = match.end()
        done = piece_end


def _piece_start(last_barrier: re.Pattern[str], text: str, start: int, at: int) -> int:
    """Where the piece holding ``at`` begins: after the last barrier before it in the line."""
    width = 256
    while True:
        low = max(start, at - width)
        found = last_barrier.search(text, low, at)
        if found is not None:
            return found.start() + 1
        if low == start:
            return start
        width *= 4
