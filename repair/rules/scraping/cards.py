"""SCR010: teaser cards of other articles (a headline, a summary cut off, a read-more label)."""

from __future__ import annotations

import re
from collections.abc import Iterator, Sequence
from typing import Final

from repair.document import Document
from repair.findings import Applicability, Fix, Hit, Span
from repair.rules.base import CheckContext
from repair.rules.scraping import _memo
from repair.rules.scraping._common import _line_removal, _lines_holding
from repair.rules.scraping._lines import Visible, text_lines, visible_lines
from repair.rules.scraping.labels import is_interface_label
from repair.rules.scraping.related import (
    _MAX_ITEM_WORDS,
    _OPENING_QUOTES,
    _SENTENCE_END,
    _WORD,
    _is_item,
    _runs_on,
)

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
    taken_until = -1
    for index in _memo.picked_lines(doc, "cards", lines, _card_lines):
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


def _card_lines(doc: Document) -> list[int]:
    """The lines that may be the heart of a card: a read label, or a teaser that starts
    fresh (a test of the line alone, whose verdicts a fix run keeps: :mod:`._memo`)."""
    lines = text_lines(doc)
    every = visible_lines(doc)
    # The only lines that can be one: a read label, or a line with an ellipsis or a
    # Markdown link (found with str.find over the text).
    candidates = {i for i, seen in enumerate(every) if seen.text[:1] in _READ_LABEL_STARTS}
    for mark in ("\u2026", "..."):
        candidates.update(_lines_holding(doc, mark))
    candidates.update(_lines_with_links(doc))
    taken = []
    for index in sorted(candidates):
        line = lines[index]
        seen = every[index]
        if seen.text[:1] in _READ_LABEL_STARTS and _is_read_label(seen):
            taken.append(index)
        elif "\u2026" in line or "..." in line or "](" in line:
            cut = _teaser_text(seen)
            if cut is not None and _starts_fresh(doc, line, cut):
                taken.append(index)
    return taken


def _lines_with_links(doc: Document) -> list[int]:
    """The lines that hold "](", found by their "]": a search for one character runs at
    memory speed, one for two tests about every character of the text in CPython (18
    against 0.5 us a 25 KB text)."""
    lines = text_lines(doc)
    return [index for index in _lines_holding(doc, "]") if "](" in lines[index]]


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
