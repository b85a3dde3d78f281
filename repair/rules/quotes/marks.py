"""The quote marks of a document and the role each plays: the analysis the QUO rules share.

Double marks (``"``, the curly pair and the low ``„``) are paired paragraph by paragraph. A
mark's role, opening or closing, comes from the clues of :mod:`repair.rules.quotes.clues`
(an attribution, a colon, a paragraph's end, the spaces around it, its glyph, the pairing).

A paragraph is *balanced* when its roles nest (two levels at most, as MT nests double
quotes) and end at depth zero, or at depth one when the next paragraph opens with a quote
(a quotation that runs over several paragraphs), or when the quotation left open opens the
paragraph and holds no other mark (but no attribution follows it: ``“We win, he said.``
lost its closing mark). One quotation may also be carried over into the next paragraph
with marks, up to three lines on, when that paragraph's first mark closes it: text cut one
sentence a line (as MT segments and aligned corpora are) splits a quotation of several
sentences over several lines.
A text of one paragraph is taken for an excerpt: its first mark may close a quotation
opened before it, and its last may open one.

A plain paragraph (:mod:`repair.rules.quotes.plain`: balanced, each mark's role its
spacing's) is told from its marks' spacing alone, without the clues and the pairing, and
its marks are built only when a rule asks (:func:`built`): QUO001 to QUO004 and QUO007 read
:func:`analysed_paragraphs`, the others.
"""

from __future__ import annotations

import bisect
import operator
from collections.abc import Iterator
from typing import Final, NamedTuple

from repair.document import Document
from repair.findings import Span
from repair.rules.quotes.clues import (
    CURLY_CLOSE,
    CURLY_OPEN,
    DOUBLE_MARKS,
    Mark,
    Role,
    attributed_end,
    attribution_clause,
    kept_marks,
    mark_clues,
    offsets_of,
    pairing,
    with_weak_attributions,
)
from repair.rules.quotes.excluded import in_prose
from repair.rules.quotes.found import mark_offsets
from repair.rules.quotes.plain import VERDICTS, kept_looks_plain, plain_marks

MAX_CARRIED_LINES: Final = 3
"""How far a quotation left open may be carried to the paragraph that closes it: a quotation
of three sentences cut one a line (the WMT references hold such), no further."""


class Paragraph(NamedTuple):
    span: Span
    marks: tuple[Mark, ...]
    balanced: bool
    failure: Mark | None
    """The mark where the pairing broke: an extra closing mark or an unclosed opening one."""
    left_open: int = 0
    """Quotations still open at the paragraph's end, accepted or not."""
    plain: bool = False
    """Told plain by :func:`~repair.rules.quotes.plain.plain_marks`: balanced, each mark's
    role its spacing's, nothing for QUO001 to QUO004 and QUO007 to report."""


def _analyse_paragraph(
    doc: Document,
    span: Span,
    candidates: list[int],
    runs_in: bool,
    runs_on: bool,
    carried_in: bool = False,
) -> Paragraph | None:
    """Pair the marks of one paragraph (``candidates``: the double marks inside ``span``).

    ``runs_in`` (an excerpt): its first mark may close a quotation opened before it, and its
    last may open one that goes on after it. ``runs_on`` (the next paragraph opens with a
    quote mark, or closes this one's quotation): one quotation may stay open at its end.
    ``carried_in`` (the previous paragraph left one open): its first mark may close it.
    """
    found = kept_marks(doc.text, span, candidates)
    if not found:
        return None
    text = doc.text[span.start : span.end]
    # First without the weak attributions ("Trump said" may open a quotation); with them
    # only when that alone makes the marks pair up.
    clues, candidates = mark_clues(text, span.start, found)
    roles, failure, left_open = pairing(
        text, span.start, clues, found, runs_in, runs_on, carried_in
    )
    if failure is not None and candidates:
        weak_clues = with_weak_attributions(text, span.start, found, clues, candidates)
        if weak_clues is not None:
            weak_roles, weak_failure, weak_left_open = pairing(
                text, span.start, weak_clues, found, runs_in, runs_on, carried_in
            )
            if weak_failure is None:
                clues, roles, failure, left_open = weak_clues, weak_roles, None, weak_left_open
    new = tuple.__new__  # Mark's own __new__ with less work: the fields are known
    marks = tuple(
        [
            new(Mark, (offset, char, shape, role, evidence))
            for (offset, char), (shape, _), (role, evidence) in zip(
                found, clues, roles, strict=True
            )
        ]
    )
    return Paragraph(
        span, marks, failure is None, None if failure is None else marks[failure], left_open
    )


_Key = tuple[str, tuple[int, ...], bool, bool, bool]


class _Memoised:
    """:func:`_analyse_paragraph` with a fix run's memo (:meth:`Document.run_memo`), where a
    paragraph's analysis is kept under its text, its candidates' offsets in it and the
    flags. It is a pure function of those: it reads the text inside the span only (the
    clues and the pairing are given the paragraph's text; inches are looked for from the
    span's start on), and the offsets it returns move with the span's start."""

    def __init__(self, doc: Document) -> None:
        self._doc = doc
        self._memo: dict[_Key, tuple[int, Paragraph | None]] | None = doc.run_memo(
            "repair.rules.quotes.marks.paragraph"
        )

    def __call__(
        self,
        span: Span,
        candidates: list[int],
        runs_in: bool,
        runs_on: bool,
        carried_in: bool = False,
    ) -> Paragraph | None:
        memo = self._memo
        if memo is None:
            return _analyse_paragraph(self._doc, span, candidates, runs_in, runs_on, carried_in)
        start = span.start
        key = (
            self._doc.text[start : span.end],
            tuple([offset - start for offset in candidates]),
            runs_in,
            runs_on,
            carried_in,
        )
        kept = memo.get(key)
        if kept is None:
            found = _analyse_paragraph(self._doc, span, candidates, runs_in, runs_on, carried_in)
            memo[key] = (start, found)
            return found
        was, found = kept
        return found if found is None or was == start else _moved(found, span, start - was)


def _moved(paragraph: Paragraph, span: Span, shift: int) -> Paragraph:
    """``paragraph``'s analysis of the same text at ``span``, ``shift`` further on."""
    new = tuple.__new__  # as in _analyse_paragraph: faster than Mark._replace
    marks = tuple([new(Mark, (m[0] + shift, *m[1:])) for m in paragraph.marks])
    failure = paragraph.failure
    if failure is not None:
        failure = marks[paragraph.marks.index(failure)]
    return Paragraph(span, marks, paragraph.balanced, failure, paragraph.left_open)


def _opens_with_quote(doc: Document, span: Span) -> bool:
    head = doc.text[span.start : span.start + 4].lstrip(" \t>*_-")
    return head[:1] in ('"', CURLY_OPEN, "\u201e")


def _marks_by_paragraph(
    spans: tuple[Span, ...], offsets: list[int]
) -> Iterator[tuple[int, list[int]]]:
    """(index of a paragraph, the sorted ``offsets`` inside it), for paragraphs holding any.

    Walks the offsets once when the paragraphs are sorted and apart (as they always are),
    else looks up each paragraph's offsets by bisection.
    """
    starts = [span.start for span in spans]
    ends = [span.end for span in spans]
    if all(map(operator.le, starts, ends)) and all(map(operator.le, ends, starts[1:])):
        group: list[int] = []
        current = -1
        low = high = 0  # the current paragraph's bounds: its next marks need no bisection
        for offset in offsets:
            if low <= offset < high:
                group.append(offset)
                continue
            index = bisect.bisect_right(starts, offset) - 1
            if index < 0 or offset >= ends[index]:
                continue
            if group:
                yield current, group
            group, current = [offset], index
            low, high = starts[index], ends[index]
        if group:
            yield current, group
        return
    for index, span in enumerate(spans):
        first = bisect.bisect_left(offsets, span.start)
        stop = bisect.bisect_left(offsets, span.end, first)
        if first < stop:
            yield index, offsets[first:stop]


class Plain(NamedTuple):
    """A plain paragraph (:func:`~repair.rules.quotes.plain.looks_plain`) whose marks are
    not built until a rule asks for them (:func:`built`): most rules skip plain paragraphs."""

    span: Span
    candidates: list[int]


def _all_in_prose(everywhere: list[int], span: Span, kept: int) -> bool:
    """Whether ``kept`` (the marks ``in_prose`` kept in ``span``) are all the double marks
    of ``span`` (``everywhere``: the text's, sorted)."""
    first = bisect.bisect_left(everywhere, span.start)
    return bisect.bisect_left(everywhere, span.end, first) - first == kept


def _analyse(doc: Document) -> tuple[Paragraph | Plain, ...]:
    everywhere = mark_offsets(doc, DOUBLE_MARKS)
    offsets = in_prose(doc, everywhere)
    if not offsets:
        return ()
    # looks_plain reads every double mark of a paragraph: its answer holds only where
    # in_prose kept them all.
    all_kept = len(offsets) == len(everywhere)
    spans = doc.paragraphs
    # A text of one paragraph is an excerpt (a segment of a longer text, as MT and its
    # references are cut into sentences): a quotation may run into it and out of it.
    excerpt = len(spans) == 1
    groups = list(_marks_by_paragraph(spans, offsets))
    found: list[Paragraph | Plain] = []
    carried_in = False
    analyse = _Memoised(doc)
    verdicts: dict[str, bool] | None = doc.run_memo(VERDICTS)
    text = doc.text
    new = tuple.__new__  # as in _analyse_paragraph: faster than Paragraph's own __new__
    for at, (position, marks) in enumerate(groups):
        # A plain paragraph's analysis needs neither its neighbours nor the pairing, and
        # leaves no quotation open for the next one to close.
        span = spans[position]
        if (all_kept or _all_in_prose(everywhere, span, len(marks))) and kept_looks_plain(
            text, span, verdicts
        ):
            found.append(new(Plain, (span, marks)))
            carried_in = False
            continue
        # The pattern declines few paragraphs plain_marks finds plain (11 of the 9,575
        # with marks that prof.py's fix runs check): those go through the full analysis,
        # which gives them the same answer, rather than every other paragraph through
        # plain_marks too.
        following = spans[position + 1] if position + 1 < len(spans) else None
        next_opens = following is not None and _opens_with_quote(doc, following)
        carried_here, carried_in = carried_in, False
        paragraph = analyse(span, marks, excerpt, next_opens, carried_here)
        if paragraph is None:
            continue
        if paragraph.failure is not None and paragraph.left_open == 1 and at + 1 < len(groups):
            # The quotation may be carried over: when the next paragraph with marks comes
            # within a few lines (sentences of one quotation, one a line) and its first
            # mark closes.
            next_position, next_marks = groups[at + 1]
            if next_position - position <= MAX_CARRIED_LINES:
                after = analyse(spans[next_position], next_marks, excerpt, False, carried_in=True)
                if after is not None and after.marks[0].role is Role.CLOSE:
                    carried = analyse(span, marks, excerpt, True, carried_here)
                    if carried is not None and carried.balanced:
                        paragraph, carried_in = carried, True
        elif paragraph.balanced and paragraph.left_open == 1 and at + 1 < len(groups):
            # Left open and accepted (it opens its paragraph): the next lines may close it.
            carried_in = groups[at + 1][0] - position <= MAX_CARRIED_LINES
        found.append(paragraph)
    return tuple(found)


def quoted(doc: Document) -> tuple[Paragraph | Plain, ...]:
    """The paragraphs of ``doc`` that hold double quote marks, in order: analysed, or
    :class:`Plain` and built only on demand (:func:`built`).

    Computed once per document and shared by the QUO rules.
    """
    return doc.shared("repair.rules.quotes.marks.quoted", _analyse)


def built(text: str, entry: Paragraph | Plain) -> Paragraph:
    """The analysis of a paragraph of :func:`quoted` (of the document whose text is
    ``text``), plain or not."""
    if not isinstance(entry, Plain):
        return entry
    marks = plain_marks(text, entry.span, entry.candidates)
    assert marks is not None, "looks_plain declared plain a paragraph plain_marks does not"
    return Paragraph(entry.span, marks, True, None, 0, True)


def _analysed(doc: Document) -> tuple[Paragraph, ...]:
    return tuple([entry for entry in quoted(doc) if not isinstance(entry, Plain)])


def analysed_paragraphs(doc: Document) -> tuple[Paragraph, ...]:
    """The paragraphs of :func:`paragraphs` but those :func:`quoted` found plain without
    building them: where QUO001 to QUO004 and QUO007 find anything to report (a plain
    paragraph is balanced, each mark's curl and spacing its role's, no mark low)."""
    return doc.shared("repair.rules.quotes.marks.analysed", _analysed)


def paragraphs(doc: Document) -> tuple[Paragraph, ...]:
    """The paragraphs of ``doc`` that hold double quote marks, analysed.

    Computed once per document and shared.
    """
    return doc.shared(
        "repair.rules.quotes.marks.paragraphs",
        lambda doc: tuple([built(doc.text, entry) for entry in quoted(doc)]),
    )


def marks_at(doc: Document, offsets: list[int]) -> dict[int, tuple[Mark, Paragraph]]:
    """Every double mark of the paragraphs of :func:`paragraphs` that hold one of the sorted
    ``offsets``, with its paragraph: only those paragraphs are built."""
    entries = quoted(doc)
    starts = [entry[0].start for entry in entries]
    found: dict[int, tuple[Mark, Paragraph]] = {}
    text = doc.text
    done = -1
    for offset in offsets:
        index = bisect.bisect_right(starts, offset) - 1
        if index <= done or offset >= entries[index][0].end:
            continue  # before every paragraph, in one built already, or between two
        done = index
        paragraph = built(text, entries[index])
        for mark in paragraph.marks:
            found[mark.offset] = (mark, paragraph)
    return found


def context(text: str, start: int, end: int, words: int = 1) -> str:
    """The text from ``start`` to ``end`` with ``words`` words either side, on one line.

    >>> context("It is as if, \\u201csaid Elias Morvath", 13, 14)
    'if, \\u201csaid'
    """
    left = start
    for _ in range(words):
        while left > 0 and text[left - 1] in " \t":
            left -= 1
        while left > 0 and not text[left - 1].isspace():
            left -= 1
    right = end
    for _ in range(words):
        while right < len(text) and text[right] in " \t":
            right += 1
        while right < len(text) and not text[right].isspace():
            right += 1
    return " ".join(text[left:right].split())


# The clues' names that the QUO rules import from here, with this module's own.
__all__ = [
    "CURLY_CLOSE",
    "CURLY_OPEN",
    "DOUBLE_MARKS",
    "MAX_CARRIED_LINES",
    "Mark",
    "Paragraph",
    "Plain",
    "Role",
    "analysed_paragraphs",
    "attributed_end",
    "attribution_clause",
    "built",
    "context",
    "marks_at",
    "offsets_of",
    "paragraphs",
    "quoted",
]
