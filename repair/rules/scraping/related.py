"""SCR009: lists of other pages under a heading such as "Related" or "Most Read"."""

from __future__ import annotations

import re
from collections.abc import Iterator, Sequence
from typing import Final

from repair.document import Document, Protected
from repair.findings import Applicability, Fix, Hit, Span
from repair.rules.base import CheckContext
from repair.rules.scraping import _memo
from repair.rules.scraping._common import (
    _line_removal,
    is_related_heading,
)
from repair.rules.scraping._lines import (
    Visible,
    short_lines,
    stripped_lines,
    text_lines,
    visible_lines,
)
from repair.text import LETTER_START_WORD

_WORD: Final = LETTER_START_WORD
_SENTENCE_END: Final = re.compile(r"""[.!?]["'\u201d\u2019)\]]*$""")
_CUT_OFF: Final = re.compile(r"(?:\u2026|\.\.\.)$")
_MAX_ITEM_WORDS: Final = 20
"""A headline is shorter; a longer line with no end mark is a paragraph cut by a scraper."""
_MAX_HEADING_CHARS: Final = 80
_OPENING_QUOTES: Final = "\"'\u2018\u201c"
_MAX_RUN_ON_WORDS: Final = 8
"""In plain text a longer line that runs on into the next line is a sentence cut at a link."""
_MAX_LIST_LINES: Final = 80
"""Ten cards of a headline, a byline and a date, with blank lines between, fill 60 lines."""


def _is_item(seen: Visible) -> bool:
    """True for a line of a list of other pages: a link, a headline, a byline or date line,
    a teaser cut off with an ellipsis, an interface label; not a paragraph of prose.

    >>> from repair.rules.scraping._lines import visible
    >>> _is_item(visible("* [Housing market splits in two](//example.com/a)", True))
    True
    >>> _is_item(visible("Valley-area rental market splits into 3 different parts", False))
    True
    >>> _is_item(visible("The market split in two last year, the agents said.", False))
    False
    """
    text = seen.text
    if not text or seen.is_link:
        return True
    if text.endswith(":") or not (
        text[0].isupper() or text[0].isdigit() or text[0] in _OPENING_QUOTES
    ):
        return False  # an introduction to what follows, or a sentence cut at a link
    words = len(_WORD.findall(text))
    if text[0].isdigit() and words < 3:
        return False  # "19)": a numbered heading of the article, not a headline
    if _CUT_OFF.search(text):
        return True
    return words <= _MAX_ITEM_WORDS and not _SENTENCE_END.search(text)


def _runs_on(doc: Document, lines: Sequence[str], index: int, seen: Visible) -> bool:
    """True when a plain-text line of some length goes on in the next line, as a sentence
    that ``get_text`` cut at a link does."""
    if doc.is_markdown or seen.is_link or len(_WORD.findall(seen.text)) <= _MAX_RUN_ON_WORDS:
        return False
    return index + 1 < len(lines) and bool(lines[index + 1].strip())


_NESTED_LINK_ITEM: Final = re.compile(r"^ {4,}(?:[-+*]|\d+[.)])[ \t]+(?:\*\*|__)?\[[^\]\n]+\]\(")
"""A list item that opens with a link, indented four spaces or more: html2text nests the
author link of a related card so, and CommonMark reads it as an indented code block."""


def _holds_code(doc: Document, index: int) -> bool:
    """True when line ``index`` holds code that is really code: not a nested link item."""
    if _NESTED_LINK_ITEM.match(doc.line_text(index)):
        return False
    return any(p.kind is Protected.CODE for p in doc.protected_overlapping(doc.lines[index]))


def _list_under(doc: Document, lines: Sequence[str], heading: int) -> int:
    """Index of the last line of the list under ``heading`` (``heading`` if none)."""
    last = heading
    index = heading + 1
    while index < len(lines) and index - heading <= _MAX_LIST_LINES:
        line = lines[index]
        if line.strip():
            seen = visible_lines(doc)[index]
            if _holds_code(doc, index):
                break  # code is the article's, and a list of links holds none
            if is_related_heading(seen.text):
                last = index
            elif not _is_item(seen) or _runs_on(doc, lines, index, seen):
                break
            else:
                last = index
        index += 1
    return last


def related_links(doc: Document, ctx: CheckContext) -> Iterator[Hit]:
    """List of other pages under a heading such as "Related", "More from", "Most Read".

    What it catches:
        A heading from data/scraping-chrome.toml ("Related", "Recommended", "Read next",
        "Other People Are Reading", "More articles in ...", "Most Read ... Stories",
        "Newsletter"), in any case, as a Markdown heading, in emphasis or plain, with the
        lines under it that are not prose: link lines (``* [title](url)``), headlines,
        bylines and dates, teasers cut off with an ellipsis, "Read more" labels. The list
        ends at the next paragraph of prose (a line that ends as a sentence) or at code.
        html2text indents an author link nested in a card by four spaces, which CommonMark
        reads as code: such a line (a list item that opens with a link) is read as a list
        line, and real code stops the list.
    Why:
        Those are other articles' headlines and teasers: read as text they put stories
        in the article that it never told.
    Bad:
        The ministers agreed to meet again next month.

        ## Related

        * [Ministers fail to agree on the budget](https://example.com/a)
        * [What the summit means for Europe](https://example.com/b)

        The talks will go on in private.
    Good:
        The ministers agreed to meet again next month.

        ## Related work

        Earlier studies reached the same result, the authors said.
    Fix safety:
        Unsafe: the fix deletes the heading and the list with their line breaks. An
        article's own "More" or "Popular" subheading followed by short lines would go too.
        On ../shared/eval/scraped (benchmarks/scraping.py) one BODY line is flagged.
    """
    lines = text_lines(doc)
    every = visible_lines(doc)
    stripped = stripped_lines(doc)
    taken_until = -1
    headings = _memo.picked_lines(doc, "related.headings", stripped, _headings, short_lines(doc))
    for index in headings:
        if index <= taken_until or _holds_code(doc, index):
            continue
        line = lines[index]
        seen = every[index]
        last = _list_under(doc, lines, index)
        if last == index and " " in seen.text.strip():
            continue  # "Related work" over a paragraph: a subheading; "Related" alone is not
        items = sum(1 for i in range(index + 1, last + 1) if lines[i].strip())
        start = doc.lines[index].start + len(line) - len(line.lstrip())
        yield Hit(
            f'List of {items} links or headlines under "{seen.text}"',
            Span(start, doc.lines[last].end),
            fix=Fix(
                (_line_removal(doc, index, last),),
                Applicability.UNSAFE,
                "Remove the heading and its list",
            ),
        )
        taken_until = last


def _headings(doc: Document) -> Iterator[int]:
    """The short lines that read as the heading of a list of other pages (a test of the line
    alone, whose verdicts a fix run keeps: :mod:`._memo`)."""
    every = visible_lines(doc)
    stripped = stripped_lines(doc)
    for index in short_lines(doc):  # a heading is a short line
        text = every[index].text
        if (
            stripped[index]
            and len(text) <= _MAX_HEADING_CHARS
            and text.lstrip(_OPENING_QUOTES)[:1].isupper()  # "more" ends a sentence
            and is_related_heading(text)
        ):
            yield index
