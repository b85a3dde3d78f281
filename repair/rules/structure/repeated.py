"""STR003: a line printed twice."""

from __future__ import annotations

from collections.abc import Iterator
from typing import Final

from repair.document import Document
from repair.findings import Applicability, Fix, Hit, Span
from repair.rules.base import CheckContext
from repair.rules.scraping._lines import text_lines
from repair.rules.structure._common import WORD, excerpt

_MIN_REPEATED_WORDS: Final = 3
_MIN_DISTANT_WORDS: Final = 10


_LEADING_MARKUP: Final = frozenset("#>*_")
_TRAILING_MARKUP: Final = frozenset("*_")


def _normalized(line: str) -> str:
    """The line without white space and Markdown marks at its edges, its spaces collapsed.

    The same as ``" ".join(re.sub(r"^[#>*_\\s]+|[*_\\s]+$", "", line).split())``, without
    running a pattern at every position of the line.

    >>> _normalized("## **Pivotal  NATO Visit** _"), _normalized("*_ *")
    ('Pivotal NATO Visit', '')
    """
    start, end = 0, len(line)
    while start < end and (line[start] in _LEADING_MARKUP or line[start].isspace()):
        start += 1
    while end > start and (line[end - 1] in _TRAILING_MARKUP or line[end - 1].isspace()):
        end -= 1
    core = line[start:end]
    # Printable text has no white space but plain spaces: only a double one to collapse.
    if core.isprintable() and "  " not in core:
        return core
    return " ".join(core.split())


def repeated_line(doc: Document, ctx: CheckContext) -> Iterator[Hit]:
    """Line printed twice (a headline or paragraph repeated by a scraper or an editor).

    What it catches:
        A line of three words or more identical, up to white space and Markdown heading or
        emphasis marks, to the previous non-blank line; or a line of ten words or more
        identical to any earlier line.
    Why:
        Scrapers repeat headlines (the page title and the article title), and copy-paste
        doubles paragraphs; the repeat inflates the text and misleads aligners.
    Bad:
        Harbour Director's Pivotal Council Visit

        Harbour Director's Pivotal Council Visit
    Good:
        Harbour Director's Pivotal Council Visit

        The upcoming visit of the Secretary marks a significant event.
    Fix safety:
        Unsafe: removing the repeat deletes text, and a repeat can be deliberate.
    """
    seen: set[str] = set()
    previous = ""
    previous_end = 0
    for line, line_text in zip(doc.lines, text_lines(doc), strict=True):
        if not line_text:
            continue
        first, last = line_text[0], line_text[-1]
        if (
            first in _LEADING_MARKUP
            or last in _TRAILING_MARKUP
            or first.isspace()
            or last.isspace()
        ):
            key = _normalized(line_text)
            if not key:
                continue
        elif line_text.isprintable() and "  " not in line_text:
            key = line_text  # what _normalized gives a line with no marks or spaces at its edges
        else:
            key = " ".join(line_text.split())
        adjacent = key == previous
        # Words are counted only in a line that repeats one.
        count = len(WORD.findall(key)) if adjacent or key in seen else 0
        if count >= _MIN_REPEATED_WORDS and (adjacent or count >= _MIN_DISTANT_WORDS):
            where = "the line before" if adjacent else "an earlier line"
            yield Hit(
                f'Line repeats {where}: "{excerpt(key, 80)}"',
                Span(line.start, line.end),
                Fix.replace(
                    previous_end, line.end, "", Applicability.UNSAFE, "Remove the repeated line"
                ),
            )
        seen.add(key)
        previous, previous_end = key, line.end
