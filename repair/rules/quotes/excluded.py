"""The text the QUO rules do not read: protected spans, mojibake and code-like lines.

A quote rule reads a mark as a quotation mark only in prose. Three kinds of text hold marks
that are not: the document's protected spans (URLs, Markdown code, HTML), mojibake, whose
cp1252 bytes read as curly marks (an em dash read as cp1252 is "\u00e2\u20ac\u201d"), and
lines of code, formulas or tables, where a straight mark is syntax (``name = "value"``).
"""

from __future__ import annotations

import bisect
import re
from typing import Final

from repair.document import Document
from repair.findings import Span
from repair.rules.encoding import mojibake_spans

# Inline code in plain text: a backtick pair on one line.
_INLINE_CODE: Final = re.compile(r"`[^`\n]+`")
# A code-like line: a quote mark after an assignment or comparison ("x = 'a'", "k=\"v\"").
_ASSIGNED_QUOTE: Final = re.compile(r"[\w\])][ \t]*[=!<>]?=[ \t]*[\"'\u201c\u201d\u2018\u2019]")
# A tabular line: three cells or more, cut by tabs or by pipes.
_TABULAR: Final = re.compile(r"^[^\n]*(?:\t[^\t\n]*){2,}$|^[ \t]*\|(?:[^|\n]*\|){2,}[ \t]*$", re.M)


def _line_around(text: str, offset: int) -> Span:
    start = text.rfind("\n", 0, offset) + 1
    end = text.find("\n", offset)
    return Span(start, len(text) if end == -1 else end)


def code_like_spans(text: str) -> list[Span]:
    """Inline code, and whole lines that assign quoted strings or lay out a table.

    >>> code_like_spans('He said "yes".\\nname = "value"\\nrun `ls "a b"` now')
    [Span(start=15, end=29), Span(start=34, end=44)]
    """
    found = [Span(m.start(), m.end()) for m in _INLINE_CODE.finditer(text)]
    found += [_line_around(text, m.start()) for m in _ASSIGNED_QUOTE.finditer(text)]
    found += [Span(m.start(), m.end()) for m in _TABULAR.finditer(text)]
    return sorted(set(found), key=lambda span: (span.start, span.end))


def _excluded_ranges(doc: Document) -> tuple[list[int], list[int]]:
    """Starts and ends of the text quote rules skip, as disjoint sorted ranges."""
    spans = [protected.span for protected in doc.protected]
    spans += mojibake_spans(doc)
    if any(char in doc.text for char in "`=\t|"):
        spans += code_like_spans(doc.text)
    starts: list[int] = []
    ends: list[int] = []
    for span in sorted(spans, key=lambda span: span.start):
        if span.start == span.end:
            continue  # an empty span holds no character
        if ends and span.start <= ends[-1]:
            ends[-1] = max(ends[-1], span.end)
        else:
            starts.append(span.start)
            ends.append(span.end)
    return starts, ends


def in_prose(doc: Document, offsets: list[int]) -> list[int]:
    """The sorted ``offsets`` whose character is prose: outside the text quote rules skip.

    The excluded ranges are merged once per document.
    """
    if not offsets:
        return offsets
    starts, ends = doc.shared("repair.rules.quotes.excluded", _excluded_ranges)
    if not starts:
        return offsets
    if len(starts) < len(offsets):
        return _outside_ranges(offsets, starts, ends)
    kept = []
    for offset in offsets:
        index = bisect.bisect_right(starts, offset) - 1
        if index < 0 or offset >= ends[index]:
            kept.append(offset)
    return kept


def _outside_ranges(offsets: list[int], starts: list[int], ends: list[int]) -> list[int]:
    """The sorted ``offsets`` outside the disjoint sorted ranges, found range by range (by
    bisection of the offsets) when there are fewer ranges than offsets: the stretches of
    offsets between ranges are kept whole.

    >>> _outside_ranges([1, 3, 5, 7, 9], [2, 6], [4, 8])
    [1, 5, 9]
    """
    kept: list[int] = []
    done = 0  # the offsets before this index are kept or dropped
    for start, end in zip(starts, ends, strict=True):
        first = bisect.bisect_left(offsets, start, done)
        stop = bisect.bisect_left(offsets, end, first)
        if first < stop:
            kept += offsets[done:first]
            done = stop
    kept += offsets[done:]
    return kept
