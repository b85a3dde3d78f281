"""SCR009: lists of other pages under a heading such as "Related" or "Most Read"."""

from __future__ import annotations

import re
from collections.abc import Iterator, Sequence
from typing import Final

from repair.document import Document, Protected
from repair.findings import Applicability, Fix, Hit, Span
from repair.rules.base import CheckContext
from repair.rules.scraping._common import (
    _line_removal,
    _lines_holding,
    is_related_heading,
)
from repair.rules.scraping._lines import (
    Visible,
    short_lines,
    stripped_lines,
    text_lines,
    visible_lines,
)
from repair.rules.scraping.labels import is_interface_label
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
    for index in short_lines(doc):  # a heading is a short line
        if index <= taken_until:
            continue
        line = lines[index]
        seen = every[index] if stripped[index] else None
        if (
            seen is None
            or len(seen.text) > _MAX_HEADING_CHARS
            or not seen.text.lstrip(_OPENING_QUOTES)[:1].isupper()  # "more" ends a sentence
            or not is_related_heading(seen.text)
            or _holds_code(doc, index)
        ):
            continue
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


# SCR010 ------------------------------------------------------------------------------------

_TEASER_END: Final = re.compile(r"[\w,;] ?(?:\u2026|\.\.\.)$")
"""An ellipsis right after a word or a comma: a summary cut to fit a box."""
_MIN_TEASER_WORDS: Final = 6
_MAX_LABEL_CHARS: Final = 40
_CARD_LINES_BEFORE: Final = 3
_CARD_LINES_AFTER: Final = 3
_TITLE_CASE_SHARE: Final = 0.8
"""Share of a headline's words that are capitalized or short (title case)."""


def _teaser_text(seen: Visible) -> str | None:
    """The teaser in a line's visible text (a trailing read-more label cut off), or None.

    >>> from repair.rules.scraping._lines import visible
    >>> _teaser_text(visible("Ever come home and wondered why? As it\u2026 [Read more](/a)", True))
    'Ever come home and wondered why? As it\u2026'
    >>> _teaser_text(visible("He paused... and went on.", False)) is None
    True
    >>> _teaser_text(visible("[Memory study A new brain area is found. Read now](/a)", True))
    'Memory study A new brain area is found.'

    """
    text = seen.text
    labelled = False
    # "... teaser\u2026 Read more": the label after the cut is short, so only the end is tried
    for cut in range(max(0, len(text) - _MAX_LABEL_CHARS), len(text)):
        if text[cut] in "\u2026." and is_interface_label(text[cut + 1 :]):
            text, labelled = text[: cut + 1], True
            break
    # Cut off, or a whole card in one link: "[Headline Summary. Read now](url)". A match of
    # _TEASER_END starts at most six characters before the end ("$" may stand before a
    # final line break): it is searched for there only, and before the words are counted.
    cut_off = _TEASER_END.search(text, max(0, len(text) - 6)) is not None
    if not (cut_off or (labelled and seen.is_link)):
        return None
    return text if len(_WORD.findall(text)) >= _MIN_TEASER_WORDS else None


def _is_headline(seen: Visible, line: str, markdown: bool) -> bool:
    """A link, a Markdown heading or a title-case line: the headline of a card.

    >>> from repair.rules.scraping._lines import visible
    >>> _is_headline(visible("How Your Habits Shape Your Grocery Choices", False), "", False)
    True
    >>> _is_headline(visible("Scatter plot", False), "", False)
    False
    """
    if not seen.text or _SENTENCE_END.search(seen.text):
        return False
    if seen.is_link or (markdown and line.lstrip().startswith("#")):
        return True
    words = _WORD.findall(seen.text)
    if not 3 <= len(words) <= _MAX_ITEM_WORDS:
        return False
    capitals = sum(1 for word in words if word[0].isupper() or len(word) <= 3)
    return capitals >= _TITLE_CASE_SHARE * len(words)


_LIST_ITEM: Final = re.compile(r"^[ \t]*(?:[-+*]|\d+[.)])[ \t]")


def _starts_fresh(doc: Document, line: str, teaser: str) -> bool:
    """True when a teaser starts as a summary does: a capital or a quote, not a list item
    (a list of an article's sections ends in "..." too) nor a sentence cut at a link."""
    if doc.is_markdown and _LIST_ITEM.match(line):
        return False
    return teaser[:1].isupper() or teaser[:1] in _OPENING_QUOTES


def _card_edge(doc: Document, lines: Sequence[str], index: int, step: int, most: int) -> int:
    """The farthest line from ``index`` (by ``step``) over card lines: headlines above the
    teaser, read-more labels below it; blank lines are skipped."""
    edge = index
    taken = 0
    probe = index + step
    while 0 <= probe < len(lines) and taken < most:
        line = lines[probe]
        if line.strip():
            seen = visible_lines(doc)[probe]
            if step < 0 and not _is_headline(seen, line, doc.is_markdown):
                break
            if step > 0 and not is_interface_label(seen.text):
                break
            edge = probe
            taken += 1
        probe += step
    return edge


def teaser_card(doc: Document, ctx: CheckContext) -> Iterator[Hit]:
    """Teaser card of another article: its headline, a summary cut off with an ellipsis,
    and a "Read more" link.

    What it catches:
        A line of prose that stops with an ellipsis right after a word or a comma ("...
        sights, sounds,\u2026") under a headline (a link, a Markdown heading or a
        title-case line) or over a read-more label, with up to three headline lines above
        it and the labels just below; and a headline with a summary of twenty words at
        most right above a "Read now" or "Read more" label. Pages set such cards
        between the paragraphs of an article and under it.
    Why:
        The teaser is another article's first sentence, cut to fit a box: read as text it
        is a broken sentence about something else.
    Bad:
        The store layout is designed to slow shoppers down.

        How Your Habits Shape Your Grocery Choices

        Ever come home from the market and wondered why you bought so much? As it\u2026

        Read more

        Lighting also plays a part in what people buy.
    Good:
        The store layout is designed to slow shoppers down...

        Lighting also plays a part in what people buy.
    Fix safety:
        Unsafe: the fix deletes the card's lines. A paragraph of the article that trails
        off with an ellipsis after a headline-like line would go too.
    """
    lines = text_lines(doc)
    every = visible_lines(doc)
    # The only lines that can start a card: a read label, or a line with an ellipsis or a
    # Markdown link (found with str.find over the text).
    candidates = {i for i, seen in enumerate(every) if seen.text[:1] in _READ_LABEL_STARTS}
    for mark in ("\u2026", "...", "]("):
        candidates.update(_lines_holding(doc, mark))
    taken_until = -1
    for index in sorted(candidates):
        line = lines[index]
        if index <= taken_until:
            continue
        read_label = every[index].text[:1] in _READ_LABEL_STARTS and _is_read_label(every[index])
        card = _read_label_card(doc, lines, index) if read_label else None
        if card is not None:
            yield _card_finding(doc, lines, max(card[0], taken_until + 1), card[1], card[2])
            taken_until = card[1]
            continue
        if not ("\u2026" in line or "..." in line or "](" in line):
            continue
        seen = every[index]
        cut = _teaser_text(seen)
        if cut is None or not _starts_fresh(doc, line, cut):
            continue
        first = _card_edge(doc, lines, index, -1, _CARD_LINES_BEFORE)
        first = max(first, taken_until + 1)
        last = _card_edge(doc, lines, index, 1, _CARD_LINES_AFTER)
        if first == index and last == index and not seen.is_link:
            continue  # an ellipsis alone proves nothing: a card has a headline or a label
        yield _card_finding(doc, lines, first, last, cut)
        taken_until = last


def _card_finding(doc: Document, lines: Sequence[str], first: int, last: int, teaser: str) -> Hit:
    start = doc.lines[first].start + len(lines[first]) - len(lines[first].lstrip())
    shown = " ".join(teaser.split()[:6])
    return Hit(
        f'Teaser card of another article ("{shown}...")',
        Span(start, doc.lines[last].end),
        fix=Fix((_line_removal(doc, first, last),), Applicability.UNSAFE, "Remove the teaser card"),
    )


_READ_LABEL: Final = re.compile(r"(?:read|continue\s+reading)\b", re.IGNORECASE)
_READ_LABEL_STARTS: Final = frozenset("rRcC")
"""The characters ``_READ_LABEL`` can match first ("r" and "c" have no other case form
``re`` takes for them): a cheap test before the pattern."""
_MAX_SUMMARY_WORDS: Final = 20


def _is_read_label(seen: Visible) -> bool:
    """A "Read more" / "Read now" / "Continue reading" label alone on its line."""
    return bool(seen.text) and bool(_READ_LABEL.match(seen.text)) and is_interface_label(seen.text)


def _previous_non_blank(lines: Sequence[str], index: int) -> int | None:
    probe = index - 1
    while probe >= 0 and not lines[probe].strip():
        probe -= 1
    return probe if probe >= 0 else None


def _read_label_card(
    doc: Document, lines: Sequence[str], index: int
) -> tuple[int, int, str] | None:
    """A headline, a one-line summary of twenty words at most, and the read label at
    ``index``: first and last line and the summary, or None when the lines above are no
    such card (a paragraph of the article ends before a "Read more" link of its own)."""
    every = visible_lines(doc)
    summary = _previous_non_blank(lines, index)
    if summary is None:
        return None
    headline = _previous_non_blank(lines, summary)
    if headline is None or not _is_item(every[headline]):
        return None
    text = every[summary].text
    if (
        not text
        or len(_WORD.findall(text)) > _MAX_SUMMARY_WORDS
        or _runs_on(doc, lines, summary, every[summary])
    ):
        return None
    last = index
    following = index + 1
    while following < len(lines) and _is_read_label(every[following]):  # "Read more" twice
        last = following
        following += 1
    return headline, last, text
