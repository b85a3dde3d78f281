"""Plain paragraphs: those whose double marks every clue agrees on, told without the pairing.

Most paragraphs that quote do so plainly: ``"word"`` or ``\u201cword\u201d``, each opening mark
after a space and before a word, each closing mark after a word and before a space or a
sentence mark, nested two deep at most and all closed. For such a paragraph the full
analysis of :mod:`repair.rules.quotes.marks` (the clues, the weak attributions, the
pairing) can only give each mark the role its spacing gives it, with ``shape`` evidence,
and find the paragraph balanced: :func:`plain_marks` gives that answer straight from the
spacing, several times faster, and declines every paragraph where another clue could
speak (a reporting verb after a comma, a colon, an inch mark, a turned or low mark).

No QUO rule reads anything to report in a plain paragraph's double marks: it is balanced
(QUO001), no mark is turned (QUO002), none stands apart from its quotation (QUO003,
QUO007), none is low (QUO004). QUO005 and QUO006 still read its marks' roles, which are
the full analysis's. tests/rules/test_quotes_fast_paths.py compares the two.
"""

from __future__ import annotations

import functools
import re
from typing import Final

from repair.findings import Span
from repair.rules.quotes.clues import (
    DOUBLE_MARKS,
    SPACE_OR_CLOSE_AFTER,
    SPACE_OR_OPEN_BEFORE,
    Mark,
    Role,
    attribution_patterns,
)

_OPENERS: Final = '"\u201c'
"""Marks a plain paragraph may open with: the straight mark, or the curly one turned so."""
_CLOSERS: Final = '"\u201d'
_ATTRIBUTION_LEAD: Final = ",.?!"
"""Before a mark and its space, what lets a reporting verb after it make it closing (as
``mark_clues`` asks; ``""``, a paragraph's start, is in it too)."""
_MAX_DEPTH: Final = 2
"""The deepest nesting the pairing accepts with no failure."""
PATTERN_REACH: Final = 4
"""How far before a paragraph :func:`looks_plain` may read: no lookbehind of its pattern
is wider (no apostrophe in the four characters before a straight closing mark), so none
reads further back from the paragraph's first character; nothing after it is read."""
VERDICTS: Final = "repair.rules.quotes.plain.verdicts"
"""The fix run's memo (:meth:`Document.run_memo`) of :func:`kept_looks_plain`."""
_OPEN: Final = Role.OPEN  # a module constant: an enum member's lookup costs ten times more
_CLOSE: Final = Role.CLOSE


def plain_marks(text: str, span: Span, candidates: list[int]) -> tuple[Mark, ...] | None:
    """The marks of the paragraph at ``span`` with the roles the full analysis gives them,
    when the paragraph is plain (balanced, each role its spacing's); else ``None``.

    ``candidates``: the offsets of the double marks of ``text`` inside ``span``, sorted.

    >>> [m.role.value for m in plain_marks('He said "no" and \u201cyes\u201d.', Span(0, 24),
    ...     [8, 11, 17, 21])]
    ['opening', 'closing', 'opening', 'closing']
    >>> plain_marks('It was, "said Li.', Span(0, 17), [8]) is None
    True
    """
    start, end = span.start, span.end
    new = tuple.__new__  # as in marks._analyse_paragraph: the fields are known
    marks = []
    depth = 0
    for offset in candidates:
        char = text[offset]
        before = text[offset - 1] if offset > start else ""
        after = text[offset + 1] if offset + 1 < end else ""
        # The mark's shape, as mark_clues gives it: which side a space is on.
        left_open = not before or before in SPACE_OR_OPEN_BEFORE or before.isspace()
        right_close = not after or after in SPACE_OR_CLOSE_AFTER or after.isspace()
        if left_open:
            if right_close or char not in _OPENERS:
                return None  # spaced on both sides or neither, or turned: clues differ
            if before in (" ", "\t"):
                # After a comma and a space, a reporting verb makes it closing
                # ("happened, \u201csaid Li"): look for one as mark_clues does.
                head_end = offset - 1
                while head_end > start and text[head_end - 1] in " \t":
                    head_end -= 1
                last = text[head_end - 1] if head_end > start else ""
                if last in _ATTRIBUTION_LEAD and attribution_patterns()[0].match(
                    text, offset + 1, end
                ):
                    return None
            depth += 1
            if depth > _MAX_DEPTH:
                return None
            role = _OPEN
        else:
            if not right_close or char not in _CLOSERS:
                return None
            # After a colon a mark may open ("adding:\u201d Ukrainian"); after a digit and
            # an apostrophe a straight mark may be inches (5'11"), no quote mark at all.
            if before == ":":
                return None
            if char == '"' and text.find("'", max(start, offset - 4), offset) != -1:
                return None
            depth -= 1
            if depth < 0:
                return None  # a closing mark with no quotation open: only pairing can tell
            role = _CLOSE
        marks.append(new(Mark, (offset, char, role, role, "shape")))
    if depth or not marks:
        return None  # a quotation left open: whether it runs on is the pairing's question
    return tuple(marks)


def _class(chars: frozenset[str] | str) -> str:
    """``chars`` for a character class, with ``\\s`` for white space (``str.isspace``'s)."""
    return "\\s" + "".join(sorted(re.escape(char) for char in chars if not char.isspace()))


@functools.cache
def _plain_pattern() -> re.Pattern[str]:
    """A paragraph :func:`plain_marks` finds plain, as one pattern for ``fullmatch``.

    Each mark is tested as ``plain_marks`` tests it, or more strictly: an opening mark
    after a space or an opening character and before anything else (a reporting verb
    after it only when no sentence mark or space and a space come before it); a closing
    mark after anything else but a colon and before a space, a closing character or the
    end, a straight one with no apostrophe in the four characters before it. They nest two
    deep at most and all close.
    """
    left_open = _class(SPACE_OR_OPEN_BEFORE)
    right_close = _class(SPACE_OR_CLOSE_AFTER)
    other = f"[^{re.escape(DOUBLE_MARKS)}]*+"
    openers, closers = re.escape(_OPENERS), re.escape(_CLOSERS.replace('"', ""))
    lead = re.escape(_ATTRIBUTION_LEAD)
    strong = attribution_patterns()[0].pattern
    opening = (
        rf"(?:\A|(?<=[{left_open}]))[{openers}](?=[^{right_close}])"
        rf"(?:(?<![{lead}\s][ \t][{openers}])|(?!{strong}))"
    )
    closing = (
        rf"(?<=[^{left_open}:])(?:[{closers}]|(?<!')(?<!'.)(?<!'..)(?<!'...)\")"
        rf"(?![^{right_close}])"
    )
    quotation = f"{opening}{other}(?:{opening}{other}{closing}{other})*+{closing}"
    return re.compile(f"{other}(?:{quotation}{other})++", re.DOTALL)


def looks_plain(text: str, span: Span) -> bool:
    """True only when :func:`plain_marks` finds the paragraph at ``span`` plain, given every
    double mark in it for candidates: told by one pattern, with no work per mark in Python.
    ``False`` says nothing (``plain_marks`` may still find it plain).

    The pattern reads the text before the span as ``plain_marks`` reads the span's start
    only when a line break or the text's start comes before it, and no space opens it at
    the text's start.

    >>> looks_plain('He said "no" and \u201cyes\u201d.', Span(0, 24))
    True
    >>> looks_plain('It was, "said Li.', Span(0, 17))
    False
    """
    start = span.start
    if start:
        if text[start - 1] != "\n":
            return False
    elif text[:1] in (" ", "\t"):
        return False
    return _plain_pattern().fullmatch(text, start, span.end) is not None


def kept_looks_plain(text: str, span: Span, verdicts: dict[str, bool] | None) -> bool:
    """:func:`looks_plain`, kept in a fix run's memo (``verdicts``, ``None`` outside one)
    under all the text it reads: the paragraph's and the :data:`PATTERN_REACH` characters
    before it. A pass changes few paragraphs: the others' verdicts then cost a slice and a
    look-up instead of the pattern's scan of their every character."""
    start = span.start
    if verdicts is None or start < PATTERN_REACH:
        return looks_plain(text, span)
    key = text[start - PATTERN_REACH : span.end]
    verdict = verdicts.get(key)
    if verdict is None:
        verdict = verdicts[key] = looks_plain(text, span)
    return verdict
