"""SCR006: section and interface labels of the page."""

from __future__ import annotations

import functools
import re
import unicodedata
from collections.abc import Iterator
from typing import Final

from repair import data
from repair.document import Document
from repair.findings import Hit, Span
from repair.rules.base import CheckContext
from repair.rules.scraping import _memo
from repair.rules.scraping._common import (
    _content_span,
    _is_own_paragraph,
    _labels,
    _removal,
    _unwrap,
    is_related_heading,
)
from repair.rules.scraping._lines import (
    Visible,
    short_lines,
    stripped_lines,
    visible_lines,
)


def _label_text(text: str) -> str:
    """A line stripped of Markdown heading marks and emphasis, for comparing with labels.

    >>> _label_text("## **World**")
    'World'
    """
    stripped = text.strip().lstrip("#").strip()
    return _unwrap(stripped)[0]


_NON_BLANK: Final = re.compile(r"\S")


_LABEL_EDGES: Final = (
    " \t:;|()[]{}<>*_#-.!"
    "\u00b7\u2022\u203a\u00bb\u00ab\u2039\u2190\u2192\u2191\u2193\u2026\u2013\u2014"
)
"""Marks around a label: colons, bullets, arrows, brackets, ellipses, emphasis, dashes."""
_MAX_LABEL_CHARS: Final = 80
_DROPPED: Final = frozenset({"Co", "So", "Cf"})
"""Icon-font characters, symbols and invisible format characters (zero-width spaces)."""


def label_key(text: str) -> str:
    """``text`` as labels are compared: no marks, icons or symbols at its edges, case-folded.

    >>> label_key("\ue076 Email:"), label_key("**View this image \u203a**"), label_key("Loading...")
    ('email', 'view this image', 'loading')
    """
    if text.isascii():  # no ASCII character is in a category of _DROPPED
        kept = text
    else:
        kept = "".join(char for char in text if unicodedata.category(char) not in _DROPPED)
    return " ".join(kept.strip(_LABEL_EDGES).casefold().split())


@functools.cache
def _interface() -> tuple[frozenset[str], re.Pattern[str]]:
    table = data.table("scraping-chrome")["interface"]
    labels = frozenset(label_key(label) for label in table["labels"])
    labels |= _labels()["anywhere"]
    return labels, re.compile("|".join(f"(?:{p})" for p in table["patterns"]), re.IGNORECASE)


def is_interface_label(text: str) -> bool:
    """True when the visible text of a line is only an interface label.

    >>> is_interface_label("Share on Facebook"), is_interface_label("1 of 12")
    (True, True)
    >>> is_interface_label("Read more Read more"), is_interface_label("Previous: Older story")
    (True, True)
    >>> is_interface_label("Share prices fell."), is_interface_label("Comments from the minister")
    (False, False)
    """
    key = label_key(text)
    if not key:
        return False
    words = key.split()
    half = len(words) // 2
    if len(words) % 2 == 0 and words[:half] == words[half:]:  # "Read more Read more"
        key = " ".join(words[:half])
    labels, patterns = _interface()
    return key in labels or bool(patterns.match(key))


def _first_content_lines(doc: Document) -> list[int]:
    """The indexes of the first two lines that are not blank (fewer if there are none)."""
    found: list[int] = []
    start = 0
    while len(found) < 2:
        match = _NON_BLANK.search(doc.text, start)
        if match is None:
            break
        index = doc.line_index(match.start())
        found.append(index)
        start = doc.lines[index].end
    return found


_NEIGHBOUR_LINK: Final = re.compile(
    r"(?:previous|next|prev|older|newer)\s+(?:post|article|story|entry)\b"
)
"""A link to the previous or next article, with its title: "[Next article Issue 86](/a)"."""
_FRAGMENT_START: Final = tuple(",.;:)")
_FRAGMENT_END: Final = tuple(",(")


def _is_sentence_fragment(doc: Document, index: int) -> bool:
    """True when line ``index`` is a word that ``get_text`` cut out of a sentence at a link:
    the line right after it goes on with a comma or a stop, or the line right before it
    ends with a comma ("Facebook / , / Telegram / , and many other ...").
    """
    after = doc.line_text(index + 1).lstrip() if index + 1 < len(doc.lines) else ""
    before = doc.line_text(index - 1).rstrip() if index > 0 else ""
    return after.startswith(_FRAGMENT_START) or before.endswith(_FRAGMENT_END)


def section_label(doc: Document, ctx: CheckContext) -> Iterator[Hit]:
    """Section or interface label of the page: "World" above the headline, "Advertisement".

    What it catches:
        The first line of a text when it holds only a section name of a news site
        ("World", "Politics", "Business", "Live"), and, anywhere, a line that holds only an
        interface label: buttons and widgets ("Advertisement", "Share on Facebook",
        "Tweet", "Skip Ad", "1 of 12", "Read more", "reader comments", "Previous: ...",
        "Powered by Example", a licence line), in any case, with or without a bullet,
        emphasis, a link, a colon, an arrow, an icon or a count; a "Previous article" or
        "Next article" label takes the title and date that ``get_text`` left under it.
        The labels and their shapes are in data/scraping-labels.toml and
        data/scraping-chrome.toml. A subheading inside the text ("NATO command") is not a
        section label, and a word that ``get_text`` cut out of a sentence at a link ("copy",
        "WhatsApp" between commas) is not a button.
    Why:
        The label is navigation of the page, read as a one-word paragraph or as part of
        the headline.
    Bad:
        World

        Harbour Director's Pivotal Council Visit
    Good:
        Harbour Director's Pivotal Council Visit

        World leaders met in Brussels.
    Fix safety:
        Unsafe: removal deletes the label line with its line break.
    """
    labels = _labels()
    content = _first_content_lines(doc)
    if len(content) < 2:
        return
    every = visible_lines(doc)
    lines = stripped_lines(doc)
    candidates = _memo.picked_lines(doc, "labels", lines, _label_lines, among=short_lines(doc))
    for index in candidates:
        seen = every[index].text
        line = lines[index]
        if _is_page_label(doc, every[index], line):
            kind = "Page label"
        elif index == content[0] and _label_text(line).casefold() in labels["top"]:
            kind = "Section label"
        else:
            continue
        if not _is_own_paragraph(doc, index) or _is_sentence_fragment(doc, index):
            continue
        span = _content_span(doc, index)
        shown = doc.text[span.start : span.end]
        last = index
        if _NEIGHBOUR_LABEL.match(label_key(seen)):
            last = _linked_title_end(doc, index)
            span = Span(span.start, doc.lines[last].end)
        yield Hit(
            f'{kind} "{shown}" of the page',
            span,
            fix=_removal(doc, index, last, "Remove the label line"),
        )


def _label_lines(doc: Document) -> Iterator[int]:
    """The short lines that may be a label: a page label, or a section label if first (a
    test of the line alone, whose verdicts a fix run keeps: :mod:`._memo`)."""
    top = _labels()["top"]
    every = visible_lines(doc)
    lines = stripped_lines(doc)
    for index in short_lines(doc):
        item = every[index]
        seen = item.text
        if len(seen) > _MAX_LABEL_CHARS and (len(seen) > 2 * _MAX_LABEL_CHARS or not item.is_link):
            continue  # a link may hold the title of the article it points to
        line = lines[index]
        if line and (_is_page_label(doc, item, line) or _label_text(line).casefold() in top):
            yield index


def _is_page_label(doc: Document, item: Visible, line: str) -> bool:
    """True when a line (``line``, stripped, and what a reader sees of it) is a page label:
    an interface label, or a link to the previous or next article (of a length
    :func:`_label_lines` takes)."""
    seen = item.text
    # A lower-case word alone ("copy", "like") is a sentence cut at a link, not a button.
    lone_lower_word = " " not in seen.strip() and seen.strip()[:1].islower()
    is_label = (
        is_interface_label(seen)
        or (item.is_link and bool(_NEIGHBOUR_LINK.match(label_key(seen))))
        or (doc.is_markdown and is_interface_label(line))  # "1. 2. 3.": a pager
    )
    return is_label and not lone_lower_word and not is_related_heading(seen)


_NEIGHBOUR_LABEL: Final = re.compile(
    r"^(?:previous|next|prev|older|newer)\s+(?:post|article|story|entry)$"
)
_TITLE_END: Final = re.compile(r"""[.!?;:,]["'\u201d\u2019)\]]*$""")
_MAX_TITLE_WORDS: Final = 14
_TITLE_LINES: Final = 2


def _linked_title_end(doc: Document, index: int) -> int:
    """The last line of the title and date that ``get_text`` left under a "Previous article"
    or "Next article" label (``index``): up to two short lines with no sentence end."""
    every = visible_lines(doc)
    last = index
    probe = index + 1
    taken = 0
    while probe < len(doc.lines) and taken < _TITLE_LINES:
        text = every[probe].text
        if text:
            if (
                len(text.split()) > _MAX_TITLE_WORDS
                or _TITLE_END.search(text)
                or is_interface_label(text)
            ):
                break
            last = probe
            taken += 1
        probe += 1
    return last
