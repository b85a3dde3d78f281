"""STR002: a paragraph hard-wrapped into short lines in a text whose paragraphs are lines."""

from __future__ import annotations

from collections.abc import Iterator, Sequence
from itertools import repeat
from typing import Final

from repair.document import Document
from repair.findings import Applicability, Edit, Fix, Hit, Span
from repair.rules.base import CheckContext
from repair.rules.scraping._lines import text_lines
from repair.rules.structure._common import LOWERCASE_START, Break, break_kind, ends_open
from repair.rules.words import looks_like_title

_MIN_WRAP: Final = 30
_MAX_WRAP: Final = 100
_MIN_RUN: Final = 3
_MAX_WIDTH_SPREAD: Final = 25
_SEPARATOR: Final = " | "


def _is_wrapped_line(text: str) -> bool:
    return _MIN_WRAP <= len(text) <= _MAX_WRAP and ends_open(text)


def hard_wrapped_runs(doc: Document) -> list[tuple[int, int]]:
    """Line ranges ``[first, end)`` of paragraphs hard-wrapped in a text of one-line paragraphs.

    A run is three lines or more, all but the last of similar width (30 to 100 characters)
    with no end mark, at least one followed by a line that starts in lowercase. Computed
    once per document and shared by STR001 and STR002; do not change the list.
    """
    return doc.shared("repair.rules.structure.hard_wrapped_runs", _hard_wrapped_runs)


def _hard_wrapped_runs(doc: Document) -> list[tuple[int, int]]:
    if doc.is_markdown or doc.is_hard_wrapped:
        return []
    lines = text_lines(doc)  # the text of each line, as doc.lines cuts them (shared)
    runs: list[tuple[int, int]] = []
    # A run starts at two lines of a wrapped line's width in a row; from any other line the
    # loop below finds none and goes on to the next line: it goes on to the next such pair,
    # found in C among the lines' widths (one byte each, "1" for a wrapped line's width).
    widths = bytes(map(_WRAP_WIDTHS.get, map(len, lines), repeat(_NOT_WRAP_WIDTH)))
    index = widths.find(b"11")
    last = len(lines) - 1
    while index != -1:
        end = index
        # (The length test first: most lines are too long or too short to be wrapped.)
        while (
            end < last
            and _MIN_WRAP <= len(lines[end]) <= _MAX_WRAP
            and _is_wrapped_line(lines[end])
            and lines[end + 1].strip()
        ):
            end += 1
        if end - index + 1 >= _MIN_RUN and _is_real_run(lines, index, end):
            runs.append((index, end + 1))
            index = end + 1
        else:
            index = max(end, index + 1)
        index = widths.find(b"11", index)
    return runs


_WRAP_WIDTHS: Final = dict.fromkeys(range(_MIN_WRAP, _MAX_WRAP + 1), ord("1"))
"""A wrapped line's length, as "1"; any other length is "0" (``_NOT_WRAP_WIDTH``). One
``dict.get`` a line, not ``min`` (to fit a byte) and a translation: ``min`` parses its
arguments on every call."""
_NOT_WRAP_WIDTH: Final = ord("0")


def _is_real_run(lines: Sequence[str], first: int, last: int) -> bool:
    """Lines first..last (the last one ends the paragraph) look like one wrapped paragraph."""
    if last - first + 1 < _MIN_RUN:
        return False
    widths = [len(lines[i]) for i in range(first, last)]
    if max(widths) - min(widths) > _MAX_WIDTH_SPREAD:
        return False
    if any(looks_like_title(lines[i]) for i in range(first, last)):
        return False
    # "Recommended | Opinion: ...": a bar between words parts a label from a title, as page
    # furniture does; no line of wrapped prose holds one.
    if any(_SEPARATOR in lines[i] for i in range(first, last + 1)):
        return False
    return any(LOWERCASE_START.match(lines[i].lstrip()) for i in range(first + 1, last + 1))


def hard_wrapped_lines(doc: Document, ctx: CheckContext) -> Iterator[Hit]:
    """Paragraph hard-wrapped into short lines in a text whose paragraphs are lines.

    What it catches:
        In a plain text stored one paragraph per line, three or more lines of similar
        width (30 to 100 characters) that end with no end mark and continue on the next
        line, at least one next line starting in lowercase: a paragraph pasted from an
        e-mail or a PDF with its line breaks. A line with a bar between words
        ("Recommended | Opinion: ...") is page furniture, never a line of such a run.
    Why:
        Tools that take a line for a paragraph (aligners, MT, sentence splitters) cut the
        sentences at each break.
    Bad:
        The port faces a busy week.

        The first large ship will dock on Thursday.

        Port officials insist that any new berth must not come at the
        cost of the fishing fleet, and that the harbour will stay
        open whatever the outcome of the works.
    Good:
        The port faces a busy week.

        The first large ship will dock on Thursday.

        Port officials insist that any new berth must not come at the cost of the fleet.
    Fix safety:
        The fix joins the lines with spaces. Safe when every break is certainly inside a
        sentence, as STR001 judges one: the line ends with a comma or a word after which
        no sentence ends ("and", "the"), or with another word and the next line starts in
        lowercase. Measured: every default fix right with benchmarks/damage.py (2 of 2,
        seeds 1-8: it seldom makes such runs) and none on the clean references; on the 50
        labelled pages of ../shared/eval/scraped, 283 line breaks joined by default, each
        between two lines of the same label (article text or page furniture), none joining
        article text to furniture. Unsafe otherwise: before a capital the run may hold
        several paragraphs, and a hyphen at a line end may be a hyphenation or a hyphen.
    """
    text = doc.text
    for first, end in hard_wrapped_runs(doc):
        start = doc.lines[first].start
        stop = doc.lines[end - 1].end
        edits = []
        certain = True
        for index in range(first, end - 1):
            line = doc.lines[index]
            hyphen = text[line.end - 1] == "-"
            edits.append(Edit(line.end, line.end + 1, "" if hyphen else " "))
            following = doc.lines[index + 1]
            certain = certain and _is_wrap_inside_sentence(
                text[line.start : line.end], text[following.start : following.end]
            )
        yield Hit(
            f"{end - first} hard-wrapped lines in a text of one-line paragraphs",
            Span(start, stop),
            Fix.of(
                edits, Applicability.SAFE if certain else Applicability.UNSAFE, "Join the lines"
            ),
        )


def _is_wrap_inside_sentence(line: str, following: str) -> bool:
    """True when a line break of a wrapped paragraph certainly falls inside a sentence.

    >>> _is_wrap_inside_sentence("long negotiations and", "The new harbour plan")
    True
    >>> _is_wrap_inside_sentence("the talks ended", "The new U.S. stance")
    False
    """
    kind = break_kind(line.rstrip())
    if kind is None:
        return False  # a hyphen, a digit or a mark at the end
    if kind is Break.WORD:
        return LOWERCASE_START.match(following.lstrip()) is not None
    return True
