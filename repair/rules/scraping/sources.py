"""Credit lists for SCR001: "Photos by ... (Shutterstock), ..." and "...; sources: ...", which
``get_text`` breaks over several lines at each link."""

from __future__ import annotations

import functools
import re
from collections.abc import Iterator
from typing import Final

from repair import data
from repair.document import Document
from repair.findings import Hit, Span
from repair.rules.scraping import _memo
from repair.rules.scraping._common import (
    _alternation,
    _is_blank,
    _removal,
)
from repair.rules.scraping._lines import (
    short_lines,
    stripped_lines,
    text_lines,
    visible_lines,
)

_SOURCES_LABEL: Final = re.compile(
    r"(?:^|[;.]\s+)(?:(?:photo|image|picture|graphic|map|chart|data)s?\s+)?"
    r"sources?\s*:\s",
    re.IGNORECASE,
)
"""A list of sources inside a credit line: "...; sources: Wikimedia Commons,". ("Credit:"
lines are SCR001's single credits.)"""
_BY_LABEL: Final = re.compile(
    r"^(?:(?:photo|image|picture|illustration|graphic)s?|photographs?)\s+by$", re.IGNORECASE
)
"""A credit label alone on its line, the names cut off into the lines below: "Photos by"."""
_MAX_LINE_CHARS: Final = 120
_MAX_LIST_LINES: Final = 8
_CONTINUES: Final = (",", "(", "&", " and")
_GOES_ON: Final = tuple(",;()")


def _list_end(doc: Document, first: int, *, named_below: bool) -> int:
    """The last line of a credit list that starts at line ``first``: the list goes on (over
    a blank line at most) while a line ends with a comma or "and" or the next one opens
    with a comma or a bracket; under a "Photos by" label (``named_below``) the next line
    is the first name and goes too."""
    every = visible_lines(doc)
    last = first
    while True:
        probe = last + 1
        if probe < len(doc.lines) and _is_blank(doc, probe):
            probe += 1
        if probe >= len(doc.lines) or probe - first > _MAX_LIST_LINES or _is_blank(doc, probe):
            return last
        before, text = every[last].text, every[probe].text
        if len(text) > _MAX_LINE_CHARS:
            return last
        opens = named_below and last == first
        if not (opens or before.endswith(_CONTINUES) or text.startswith(_GOES_ON)):
            return last
        last = probe


def _names_service(text: str) -> bool:
    """True when ``text`` names a photo service of data/scraping-credits.toml: a chart's
    "Sources:" names its data, a picture's names the picture library."""
    return _photo_services().search(text) is not None


@functools.cache
def _photo_services() -> re.Pattern[str]:
    names = data.table("scraping-credits")["photo-services"]["names"]
    return re.compile(rf"(?<![\w.-])(?:{_alternation(names)})(?![\w-])")


def credit_lists(doc: Document) -> Iterator[Hit]:
    """SCR001 findings for credit lists: a "sources:" list that names a photo service, or a
    "Photos by" label whose names follow on the next lines with a photo service among them;
    the lines ``get_text`` cut the list into go with it (unsafe)."""
    lines = text_lines(doc)
    every = visible_lines(doc)
    taken_until = -1
    labelled_lines = _memo.picked_lines(
        doc, "sources.labels", stripped_lines(doc), _labelled_lines, short_lines(doc)
    )
    for index in labelled_lines:
        if index <= taken_until:
            continue
        text = every[index].text
        folded = text.lower()
        labelled = _SOURCES_LABEL.search(text) if "ource" in folded else None
        named_below = folded.endswith("by") and bool(_BY_LABEL.match(text))
        if labelled is not None:
            last = _list_end(doc, index, named_below=named_below)
            found = _names_service(text[labelled.end() :])
        else:
            last = _list_end(doc, index, named_below=named_below)
            found = any(_names_service(every[i].text) for i in range(index + 1, last + 1))
        if not found:
            continue
        line = lines[index]
        start = doc.lines[index].start + len(line) - len(line.lstrip())
        yield Hit(
            f'Photo credits "{text}" in the body',
            Span(start, doc.lines[last].end),
            fix=_removal(doc, index, last, "Remove the credit lines"),
        )
        taken_until = last


def _labelled_lines(doc: Document) -> Iterator[int]:
    """The lines that may open a credit list: short, with a "sources:" or "Photos by" label
    (a test of the line alone, whose verdicts a fix run keeps: :mod:`._memo`)."""
    every = visible_lines(doc)
    for index in short_lines(doc):  # a credit list's first line is short
        text = every[index].text
        if text and len(text) <= _MAX_LINE_CHARS:
            # A cheap test first: a line the labels match holds "ource" or ends in "by", in
            # any case, and ignoring case ``re`` takes no other character for these letters
            # (it does for "i", "k" and "s" only: dotless i, Kelvin sign, long s).
            folded = text.lower()
            if ("ource" in folded and _SOURCES_LABEL.search(text)) or (
                folded.endswith("by") and _BY_LABEL.match(text)
            ):
                yield index
