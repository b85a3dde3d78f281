"""The double marks of each line and its plain verdicts, kept by line in a fix run.

In a plain text laid out one paragraph a line (not hard-wrapped, not Markdown), each
paragraph is a line. What :func:`~repair.rules.quotes.marks.quoted` asks of a paragraph
before its pairing is a pure function of the line's text: where its double marks stand, and
:func:`~repair.rules.quotes.plain.looks_plain`'s verdict, which reads the line and the
:data:`~repair.rules.quotes.plain.PATTERN_REACH` characters before it. A fix run
(:meth:`Document.run_memo`) keeps both by the line's text, and a re-check looks its lines up
at once (:func:`~repair.rules.line_lookup.look_up`, in C): the lines a pass left as they
were are the string objects of the check before (:func:`text_lines`), found by identity,
so a re-check neither finds the marks of the whole text again nor slices and hashes each
paragraph for its verdict; only the lines a pass changed are searched. Which marks are in
prose (:mod:`.excluded`) is asked of the document itself, as in a full check.
"""

from __future__ import annotations

import bisect
import operator
from collections.abc import Iterator, Sequence
from itertools import compress, repeat
from typing import Any, Final

from repair.document import Document
from repair.findings import Span
from repair.rules.line_lookup import look_up
from repair.rules.quotes.clues import DOUBLE_MARKS, offsets_of
from repair.rules.quotes.excluded import excluded_ranges, in_prose
from repair.rules.quotes.found import mark_offsets
from repair.rules.quotes.groups import Groups
from repair.rules.quotes.plain import PATTERN_REACH, looks_plain
from repair.rules.scraping._lines import text_lines

TABLE: Final = "repair.rules.quotes.kept_lines"
"""The fix run's table: a line's text -> ``()`` when it holds no double mark, else a
:data:`_Kept` list."""

_Kept = list[Any]
"""What the table keeps of a line with double marks: ``[offsets, verdict]``, the offsets
of its double marks in it, and looks_plain's verdict: ``None`` until asked, a bool, or a
dict by the characters before the line when the verdict may read them (:func:`_record`)."""


_START: Final = operator.attrgetter("start")
_END: Final = operator.attrgetter("end")
_OFFSETS: Final = operator.itemgetter(0)
_VERDICT: Final = operator.itemgetter(1)


def line_groups(doc: Document) -> Groups | None:
    """The paragraphs of ``doc`` holding double marks in prose, from the fix run's table
    kept by line; ``None`` outside a fix run or when a paragraph is not a line (Markdown,
    hard-wrapped text)."""
    table: dict[str, _Kept | tuple[()]] | None = doc.run_memo(TABLE)
    if table is None or doc.is_markdown or doc.is_hard_wrapped:
        return None
    lines = text_lines(doc)
    spans = doc.lines
    if table:
        kept, marked, unseen = look_up(table, lines)
        for index in unseen:
            line = lines[index]
            found = table.get(line)  # a line written twice, searched already
            if found is None:
                offsets = offsets_of(line, DOUBLE_MARKS)
                found = table[line] = _record(line, offsets) if offsets else ()
            kept[index] = found
        if unseen:
            marked = [index for index in marked if kept[index]]
    else:
        # A run's first check: the whole text's marks (found once, shared) handed out to
        # their lines, every other line kept as holding none.
        table.update(dict.fromkeys(lines, ()))
        kept = [()] * len(lines)
        marked = []
        text = doc.text
        for index, offsets in _by_line(doc.line_starts, mark_offsets(doc, DOUBLE_MARKS)):
            span = spans[index]
            start = span.start
            line = lines[index]
            record = _record(line, [offset - start for offset in offsets])
            if record[1] is None and start >= PATTERN_REACH:
                # Asked now, in the loop that finds the line (as a full check asks every
                # paragraph), not in a second one: its marks may not all be prose, but
                # the verdict is the line's either way.
                record[1] = looks_plain(text, span)
            kept[index] = table[line] = record
            marked.append(index)
    return _groups(doc, spans, kept, marked)


def _by_line(starts: Sequence[int], offsets: list[int]) -> Iterator[tuple[int, list[int]]]:
    """(index of a line, the sorted ``offsets`` on it), for the lines holding any, given the
    lines' ``starts``: none falls on a line break, each on the line it follows."""
    group: list[int] = []
    current = -1
    end = 0  # where the next line starts: the current line's offsets come before
    for offset in offsets:
        if offset < end:
            group.append(offset)
            continue
        if group:
            yield current, group
        current = bisect.bisect_right(starts, offset) - 1
        end = starts[current + 1] if current + 1 < len(starts) else offsets[-1] + 1
        group = [offset]
    if group:
        yield current, group


def _record(line: str, offsets: list[int]) -> _Kept:
    """What the table keeps of ``line``, the offsets of its double marks in it given.

    Only a straight closing mark's lookbehinds (no apostrophe in the four characters before
    it) read past a line's start, through the line break, and only for a mark among its
    first :data:`PATTERN_REACH` characters: the other lines' verdict is the line's own.
    """
    return [tuple(offsets), {} if '"' in line[:PATTERN_REACH] else None]


def _groups(doc: Document, spans: tuple[Span, ...], kept: list[_Kept], marked: list[int]) -> Groups:
    """The groups of the lines at ``marked`` (``kept``: what the table keeps of each): only
    the lines an excluded range overlaps, near the text's start, or whose verdict is not
    kept yet take a step in Python."""
    text = doc.text
    chosen = list(map(spans.__getitem__, marked))
    starts = list(map(_START, chosen))
    found = list(map(kept.__getitem__, marked))
    offsets: list[Sequence[int]] = list(map(_OFFSETS, found))
    plain = list(map(_VERDICT, found))
    near = bisect.bisect_left(starts, PATTERN_REACH)  # lines whose lead the text's start cuts
    redo = set(range(near))
    redo.update(compress(range(len(found)), map(operator.is_not, map(type, plain), repeat(bool))))
    x_starts, x_ends = excluded_ranges(doc) if marked else ([], [])
    overlapped: set[int] = set()
    if x_starts:
        # An excluded range overlaps a line when the first one ending past the line's start
        # starts before the line's end.
        firsts = map(bisect.bisect_right, repeat(x_ends), starts)
        bounds = [*x_starts, len(text) + 1]
        below = map(operator.lt, map(bounds.__getitem__, firsts), map(_END, chosen))
        overlapped.update(compress(range(len(found)), below))
        redo |= overlapped
    dropped = []
    for at in sorted(redo):
        span = chosen[at]
        if at in overlapped:
            marks = list(map(starts[at].__add__, offsets[at]))
            inside = in_prose(doc, marks)
            if not inside:
                dropped.append(at)
                continue
            if len(inside) < len(marks):
                # looks_plain reads every double mark of a paragraph: not asked.
                offsets[at], starts[at], plain[at] = inside, 0, False
                continue
        record = found[at]
        verdict = record[1]  # asked since for another line of the same text, maybe
        if at < near:
            verdict = looks_plain(text, span)
        elif verdict is None:
            verdict = record[1] = looks_plain(text, span)
        elif isinstance(verdict, dict):
            lead = text[span.start - PATTERN_REACH : span.start]
            by_lead = verdict
            verdict = by_lead.get(lead)
            if verdict is None:
                verdict = by_lead[lead] = looks_plain(text, span)
        plain[at] = verdict
    groups = Groups(marked, chosen, offsets, starts, plain)
    for at in reversed(dropped):
        for column in groups[:5]:
            del column[at]
    return groups


def next_paragraph(doc: Document, index: int) -> Span | None:
    """The paragraph after the line at ``index``: the next line with more than white space."""
    lines = text_lines(doc)
    for after in range(index + 1, len(lines)):
        if lines[after].strip():
            return doc.lines[after]
    return None


def paragraphs_apart(doc: Document, first: int, second: int, limit: int) -> int:
    """How many paragraphs on the line at ``second`` is from the one at ``first`` (both
    paragraphs, ``first`` before), counted up to ``limit + 1``."""
    lines = text_lines(doc)
    count = 0
    for index in range(first + 1, second + 1):
        if lines[index].strip():
            count += 1
            if count > limit:
                break
    return count
