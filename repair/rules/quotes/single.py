"""QUO005: a single quote mark closing a double quotation."""

from __future__ import annotations

import bisect
import re
from collections.abc import Iterator
from typing import Final

from repair.document import Document
from repair.findings import Hit, Span
from repair.rules.base import CheckContext
from repair.rules.quotes.excluded import in_prose
from repair.rules.quotes.found import mark_offsets
from repair.rules.quotes.marks import Paragraph, Role, built, context, quoted

# A single mark after the last letter of a word, then a space and more text: "coffee' The".
# After an "s" it is a plural possessive (investors' attention), so those are left out.
_SINGLE_AFTER_WORD: Final = re.compile(r"(?<=[^\W\dsS_])['\u2019](?=[\x20\t]+\S)")
# A single mark that opens: after a space, a bracket, a dash or a double mark, before a letter.
_SINGLE_OPENING: Final = re.compile(r"(?:^|(?<=[\s(\[\u2014\u2013\"\u201c]))['\u2018](?=\w)")
_SINGLE_MARKS: Final = "'\u2019"
_SPACE_OR_TAB: Final = (" ", "\t")


def _double_open_at(paragraph: Paragraph, offset: int) -> bool:
    depth = 0
    for mark in paragraph.marks:
        if mark.offset > offset:
            break
        depth += 1 if mark.role is Role.OPEN else -1
    return depth > 0


def single_quote_closing_double(doc: Document, ctx: CheckContext) -> Iterator[Hit]:
    """Single quote mark where a double quotation should close.

    What it catches:
        A single mark at the end of a word that opens nothing: no single quotation is open
        in the paragraph, and a double one is (``maybe it is” turn the page' The
        moment``), or the paragraph's double marks do not pair up. A plural possessive
        (``investors' attention``) and an elision ending in "in'" are left alone.
    Why:
        Machine translation turns marks into the wrong kind; the quotation it closed is
        left open and the reader loses track of who speaks.
    Bad:
        Maybe it is “turn the page' moment, Quarne said.
    Good:
        Maybe it is the \u2018turn the page\u2019 moment, Quarne said.
    Fix safety:
        No fix: the mark may have been a closing double mark, or the closing half of a
        single quotation whose opening mark was lost.
    """
    text = doc.text
    if "'" not in text and "\u2019" not in text:
        return
    with_double_marks = quoted(doc)
    if not with_double_marks:
        return
    # The single marks of the whole text, found once and handed to the paragraphs with
    # double marks that hold them. Only a mark with a space or a tab after it can match
    # (the pattern's lookahead): the others, most of them apostrophes inside words, need
    # no paragraph looked up.
    singles = in_prose(
        doc,
        [
            offset
            for offset in mark_offsets(doc, _SINGLE_MARKS)
            if text[offset + 1 : offset + 2] in _SPACE_OR_TAB
        ],
    )
    if not singles:
        return
    starts = [entry.span.start for entry in with_double_marks]
    held: dict[int, list[int]] = {}  # in the paragraphs' order, as the singles are sorted
    for offset in singles:
        index = bisect.bisect_right(starts, offset) - 1
        if index >= 0 and offset < with_double_marks[index].span.end:
            held.setdefault(index, []).append(offset)
    for index, candidates in held.items():
        entry = with_double_marks[index]
        start, end = entry.span.start, entry.span.end
        body = text[start:end]
        first_opening = -1  # where the paragraph's first opening single mark is, once needed
        for candidate in candidates:
            # The pattern is tried only where its mark is: the same matches as a finditer.
            match = _SINGLE_AFTER_WORD.match(body, candidate - start)
            if match is None:
                continue
            offset = candidate
            if body.endswith("in", 0, match.start()):
                continue  # an elided -ing: "goin'"
            if first_opening == -1:
                opening = _SINGLE_OPENING.search(body)
                first_opening = len(body) if opening is None else opening.start()
            # An opening mark before this one (its letter too: the lookahead must see it).
            if first_opening + 2 <= match.start():
                continue
            # A plain one built only when it has a candidate, and once.
            entry = paragraph = built(text, entry)
            if paragraph.balanced and not _double_open_at(paragraph, offset):
                continue
            yield Hit(
                f'Single quote closes a double quotation in "{context(text, offset, offset + 1)}"',
                Span(offset, offset + 1),
            )
