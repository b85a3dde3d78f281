"""SCR011: a byline's time stamp left between the paragraphs of an article."""

from __future__ import annotations

import functools
import re
from collections.abc import Iterator
from typing import Final

from repair import data
from repair.document import Document
from repair.findings import Hit
from repair.rules.base import CheckContext
from repair.rules.scraping._common import (
    _content_span,
    _lines_holding,
    _removal,
)
from repair.rules.scraping._lines import (
    stripped_lines,
    visible_lines,
)

_MIN_PROSE_WORDS: Final = 8
_MAX_STAMP_CHARS: Final = 100
_MAX_BOX_WORDS: Final = 4
_MAX_BOX_LINES: Final = 2


@functools.cache
def _time_stamp() -> re.Pattern[str]:
    """A line that is a time stamp: a date with a clock time, or a time alone, after an
    optional "By Name" or "Updated"; the clock time is what sets it apart from a date that
    an article prints on its own line (a letter's date, a timeline)."""
    table = data.table("scraping-chrome")["dates"]
    months = "|".join(sorted(table["months"], key=len, reverse=True))
    openers = "|".join(re.escape(word) for word in sorted(table["openers"], key=len, reverse=True))
    day = r"\d{1,2}(?:st|nd|rd|th)?"
    # "March 18, 2015", "18 March 2015", "2/26/2015"
    date = (
        rf"(?:(?:{months})\.?[ \t]+{day}(?:,?[ \t]+\d{{4}})?"
        rf"|{day}[ \t]+(?:{months})\.?,?(?:[ \t]+\d{{4}})?"
        r"|\d{1,2}/\d{1,2}/\d{2,4})"
    )
    clock = r"\d{1,2}:\d{2}(?:[ \t]*(?:[ap]\.?m\.?))?(?:[ \t]+[A-Z]{2,4})?"
    return re.compile(
        rf"""^(?:(?:{openers})\b[^\n]{{0,40}}?[ \t,|\u2013\u2014-]*)?  # "By Jane Doe -"
             (?:{date}(?:[ \t]*(?:,|at|\||\u2013|\u2014|-)?[ \t]*{clock})  # date and time
               |{clock}[ \t]*(?:,|\||\u2013|\u2014|-)?[ \t]*{date})    # time and date
             (?:[ \t]+follow[ \t]+@\w+)?                           # the author's handle
             [ \t]*$""",
        re.VERBOSE | re.IGNORECASE,
    )


def _prose_near(doc: Document, index: int, step: int) -> str:
    """The nearest prose line from ``index`` by ``step``, over at most two short lines of a
    byline box ("By", "Jane Doe", "Follow @janedoe"); "" if there is none."""
    probe = index + step
    short = 0
    while 0 <= probe < len(doc.lines):
        text = doc.line_text(probe).strip()
        if text:
            if _is_prose(text):
                return text
            if len(text.split()) > _MAX_BOX_WORDS or short == _MAX_BOX_LINES:
                return ""
            short += 1
        probe += step
    return ""


def _is_prose(text: str) -> bool:
    return len(text.split()) >= _MIN_PROSE_WORDS and not text.startswith(("#", "*", "-", "|"))


def detached_dateline(doc: Document, ctx: CheckContext) -> Iterator[Hit]:
    """Byline or time stamp left between two paragraphs of the article.

    What it catches:
        A line that holds only a date with a clock time ("June 9 at 10:41 AM", "Sep 3,
        2019 7:15 pm UTC"), after an optional "By Name" or "Updated", between two paragraphs
        of prose (over at most two short lines of a byline box on each side): the page's
        byline box, cut loose from the top of the article.
        A date without a time is left alone (timelines and letters print those); so is a
        time stamp before the first paragraph, where a dateline belongs.
    Why:
        The reader meets a date in the middle of the story, and a sentence splitter joins
        it to the next sentence.
    Bad:
        The talks ended late on Monday, the ministers said.

        By Jane Doe June 9 at 10:41 AM

        They will meet again next week in Brussels, he added.
    Good:
        The talks ended late on Monday, the ministers said.

        On June 9 at 10:41 AM the ministers signed the deal in Brussels.
    Fix safety:
        Unsafe: the fix deletes the line. Some sites print the time of an update there
        on purpose.
    """
    if ":" not in doc.text:
        return
    pattern = _time_stamp()
    stripped = stripped_lines(doc)
    every = visible_lines(doc)
    for index in _lines_holding(doc, ":"):  # a clock time holds a colon
        if len(stripped[index]) > 4 * _MAX_STAMP_CHARS:
            continue
        seen = every[index].text
        if len(seen) > _MAX_STAMP_CHARS or not pattern.match(seen):
            continue
        before, after = _prose_near(doc, index, -1), _prose_near(doc, index, 1)
        if not (before and after):
            continue
        span = _content_span(doc, index)
        yield Hit(
            f'Time stamp "{seen}" between two paragraphs',
            span,
            fix=_removal(doc, index, index, "Remove the time stamp line"),
        )
