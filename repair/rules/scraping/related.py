"""SCR009: lists of other pages under a heading such as "Related" or "Most Read"."""

from __future__ import annotations

import re
from collections.abc import Iterator
from typing import Final

from repair.document import Document
from repair.findings import Applicability, Finding, Fix, Span
from repair.rules.base import CheckContext
from repair.rules.scraping._common import (
    Visible,
    _line_removal,
    is_related_heading,
    visible,
)

_WORD: Final = re.compile(r"[^\W\d_][\w'\u2019-]*")
_SENTENCE_END: Final = re.compile(r"""[.!?]["'\u201d\u2019)\]]*$""")
_CUT_OFF: Final = re.compile(r"(?:\u2026|\.\.\.)$")
_MAX_ITEM_WORDS: Final = 16
"""A headline is shorter; a longer line with no end mark is a paragraph cut by a scraper."""
_MAX_HEADING_CHARS: Final = 80
_OPENING_QUOTES: Final = "\"'\u2018\u201c"
_MAX_RUN_ON_WORDS: Final = 8
"""In plain text a longer line that runs on into the next line is a sentence cut at a link."""
_MAX_LIST_LINES: Final = 40


def _is_item(seen: Visible) -> bool:
    """True for a line of a list of other pages: a link, a headline, a byline or date line,
    a teaser cut off with an ellipsis, an interface label; not a paragraph of prose.

    >>> _is_item(visible("* [Housing market splits in two](//example.com/a)", True))
    True
    >>> _is_item(visible("Seattle-area housing market splits into 2 different pieces", False))
    True
    >>> _is_item(visible("The market split in two last year, the agents said.", False))
    False
    """
    text = seen.text
    if not text or seen.is_link:
        return True
    if text.endswith(":") or not (text[0].isupper() or text[0] in _OPENING_QUOTES):
        return False  # an introduction to what follows, or a sentence cut at a link
    if _CUT_OFF.search(text):
        return True
    words = len(_WORD.findall(text))
    return words <= _MAX_ITEM_WORDS and not _SENTENCE_END.search(text)


def _runs_on(doc: Document, lines: list[str], index: int, seen: Visible) -> bool:
    """True when a plain-text line of some length goes on in the next line, as a sentence
    that ``get_text`` cut at a link does."""
    if doc.is_markdown or seen.is_link or len(_WORD.findall(seen.text)) <= _MAX_RUN_ON_WORDS:
        return False
    return index + 1 < len(lines) and bool(lines[index + 1].strip())


def _list_under(doc: Document, lines: list[str], heading: int) -> int:
    """Index of the last line of the list under ``heading`` (``heading`` if none)."""
    last = heading
    index = heading + 1
    while index < len(lines) and index - heading <= _MAX_LIST_LINES:
        line = lines[index]
        if line.strip():
            seen = visible(line, doc.is_markdown)
            if is_related_heading(seen.text):
                last = index
            elif not _is_item(seen) or _runs_on(doc, lines, index, seen):
                break
            else:
                last = index
        index += 1
    return last


def related_links(doc: Document, ctx: CheckContext) -> Iterator[Finding]:
    """List of other pages under a heading such as "Related", "More from", "Most Read".

    What it catches:
        A heading from data/scraping-chrome.toml ("Related", "Recommended", "Read next",
        "Other People Are Reading", "More articles in ...", "Most Read ... Stories",
        "Newsletter"), in any case, as a Markdown heading, in emphasis or plain, with the
        lines under it that are not prose: link lines (``* [title](url)``), headlines,
        bylines and dates, teasers cut off with an ellipsis, "Read more" labels. The list
        ends at the next paragraph of prose (a line that ends as a sentence).
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
    """
    lines = doc.text.split("\n")
    index = 0
    while index < len(lines):
        line = lines[index]
        seen = visible(line, doc.is_markdown) if line.strip() else None
        if seen is None or len(seen.text) > _MAX_HEADING_CHARS or not is_related_heading(seen.text):
            index += 1
            continue
        last = _list_under(doc, lines, index)
        if last == index:
            index += 1
            continue
        items = sum(1 for i in range(index + 1, last + 1) if lines[i].strip())
        start = doc.lines[index].start + len(line) - len(line.lstrip())
        yield Finding(
            "SCR009",
            f'List of {items} links or headlines under "{seen.text}"',
            Span(start, doc.lines[last].end),
            fix=Fix(
                (_line_removal(doc, index, last),),
                Applicability.UNSAFE,
                "Remove the heading and its list",
            ),
        )
        index = last + 1
