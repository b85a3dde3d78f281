"""SCR012: a link or button that points on with an arrow; SCR013: a caption under an image."""

from __future__ import annotations

import re
from collections.abc import Iterator, Sequence
from typing import Final

from repair.document import Document
from repair.findings import Applicability, Fix, Hit, Span
from repair.rules.base import CheckContext
from repair.rules.scraping._common import (
    _line_removal,
    _lines_holding,
)
from repair.rules.scraping._lines import (
    text_lines,
    visible_lines,
)
from repair.rules.scraping.labels import is_interface_label

# SCR012 ------------------------------------------------------------------------------------

_ARROWS: Final = "\u00bb\u226b\u2192\u203a\u27f6\u21d2"
"""Forward arrows: guillemet, much-greater, arrows."""
_ARROW_END: Final = re.compile(rf"[{_ARROWS}][\s*_\]]*$")
"""A forward arrow at the end of what a reader sees."""
_SENTENCE_END: Final = re.compile(r"""[.!?:;]["'\u201d\u2019)\]]*$""")
_MAX_FRAGMENTS: Final = 3
"""``get_text`` cuts a sentence at each link: a call to action is rarely cut more often."""


def _call_start(doc: Document, index: int) -> int:
    """The first line of the paragraph that ends at line ``index``: the lines right above it
    (no blank between) that run on into it without a sentence end."""
    first = index
    while first > 0 and index - first < _MAX_FRAGMENTS:
        above = doc.line_text(first - 1).strip()
        if not above or _SENTENCE_END.search(above):
            break
        first -= 1
    return first


def call_to_action(doc: Document, ctx: CheckContext) -> Iterator[Hit]:
    """A link or button that points on with an arrow: "View all stories \u00bb".

    What it catches:
        A line whose visible text ends with a forward arrow (\u00bb, \u226b, \u2192,
        \u203a), with the pieces of its sentence that ``get_text`` cut off just above it at
        a link ("To try the queries yourself, open the / live editor on Example \u226b").
        Pages draw the
        arrow on buttons and links that lead to another page: "View all stories \u00bb",
        "Sign me up \u2192", "More news \u203a", an invitation to a tool or a course. A
        label of data/scraping-chrome.toml with an arrow ("Read more \u00bb") is SCR006's.
    Why:
        An article's sentences end with a stop, not with an arrow: the line is a link
        of the page, and read as text it is an order to click.
    Bad:
        The council voted to close the harbour road for the winter.

        See every vote of the council \u00bb

        Work on the road starts in November, the mayor said.
    Good:
        The council voted to close the harbour road for the winter.

        Work on the road starts in November, the mayor said \u2192 and it ends in May.
    Fix safety:
        Unsafe: removal deletes the lines with their line breaks. On the 100 scraped
        pages of ../shared/eval/scraped no BODY line ends with an arrow (64 lines do, all
        furniture or unlabelled), but a text that uses arrows as its own signposts would
        lose them.
    """
    every = visible_lines(doc)
    lines = text_lines(doc)
    # Only a line with an arrow can end with one: most texts have none.
    text = doc.text
    arrowed = sorted(
        {index for arrow in _ARROWS if arrow in text for index in _lines_holding(doc, arrow)}
    )
    for index in arrowed:
        line = lines[index]
        if not line.strip() or not _ARROW_END.search(every[index].text):
            continue
        if is_interface_label(every[index].text):
            continue  # "Read more \u00bb", "Next \u203a": SCR006 reports the label
        first = _call_start(doc, index)
        start = doc.lines[first].start + len(lines[first]) - len(lines[first].lstrip())
        shown = " ".join(every[index].text.split()[-6:])
        yield Hit(
            f'Link or button of the page ("{shown}")',
            Span(start, doc.lines[index].end),
            fix=Fix(
                (_line_removal(doc, first, index),),
                Applicability.UNSAFE,
                "Remove the link line",
            ),
        )


# SCR013 ------------------------------------------------------------------------------------

_IMAGE: Final = re.compile(r"!\[(?P<alt>[^\]\n]*)\]\([^)\n]*\)")
_HEADING_OR_ITEM: Final = re.compile(r"^[ \t]*(?:#|>|[-+*][ \t]|\d+[.)][ \t]|\|)")
_CAPTION_END: Final = re.compile(r"""[.!?:;,]["'\u201d\u2019)\]]*$""")
_WORD: Final = re.compile(r"[^\W_][\w'\u2019.-]*")
_MAX_CAPTION_WORDS: Final = 12


def _image_above(doc: Document, lines: Sequence[str], index: int) -> str | None:
    """The alt text of the image alone on the nearest line above ``index`` (one blank line
    may stand between), or None when that line is no image-only line."""
    above = index - 1
    if above >= 0 and not lines[above].strip():
        above -= 1
    if above < 0 or visible_lines(doc)[above].text:
        return None  # no line, or a line with text besides its image
    match = _IMAGE.search(lines[above])
    return None if match is None else match["alt"].strip()


def image_caption(doc: Document, ctx: CheckContext) -> Iterator[Hit]:
    """The caption of an image in Markdown: the short line right under an image line.

    What it catches:
        In Markdown (html2text output), the line right under a line that holds nothing but
        an image (``![alt](src)``, linked or not), when the line repeats the image's alt
        text, or when it is a short phrase of at most twelve words with no sentence end
        and no heading, list or quote mark ("Flame chart of the request", "Another
        slide from the launch"). Pages set such captions under their figures.
    Why:
        The caption describes a picture the text no longer shows: read as text it is a
        phrase that belongs to no paragraph.
    Bad:
        The new bridge opened to traffic on Monday morning.

        ![](https://example.com/bridge.jpg)

        The bridge seen from the south bank

        Drivers crossed it in under a minute.
    Good:
        The new bridge opened to traffic on Monday morning.

        ![](https://example.com/bridge.jpg)

        Drivers crossed it in under a minute, the city said.
    Fix safety:
        Unsafe, and only for a line that repeats the image's alt text (on
        ../shared/eval/scraped: 0 of 13 such lines are article text). The short phrase
        gets no fix: many sites keep their captions as part of the article (on the
        scraped pages 44 such lines are article text, against 29 leftovers inside the
        article and 147 outside it); the reader decides.
    """
    if not doc.is_markdown or "![" not in doc.text:
        return
    every = visible_lines(doc)
    lines = text_lines(doc)
    for index, line in enumerate(lines):
        text = every[index].text
        if not text or _HEADING_OR_ITEM.match(line):
            continue
        alt = _image_above(doc, lines, index)
        if alt is None:
            continue
        repeats_alt = bool(alt) and " ".join(alt.split()).casefold() == text.casefold()
        words = len(_WORD.findall(text))
        if not repeats_alt and (
            words == 0 or words > _MAX_CAPTION_WORDS or _CAPTION_END.search(text)
        ):
            continue
        fix = (
            Fix((_line_removal(doc, index, index),), Applicability.UNSAFE, "Remove the caption")
            if repeats_alt
            else None
        )
        start = doc.lines[index].start + len(line) - len(line.lstrip())
        yield Hit(
            f'Caption of the image above ("{" ".join(text.split()[:8])}")',
            Span(start, doc.lines[index].end),
            fix=fix,
        )
