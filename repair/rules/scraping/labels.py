"""SCR006: section and interface labels of the page."""

from __future__ import annotations

import functools
import re
from collections.abc import Iterator
from typing import Final

from repair.document import Document
from repair.findings import Finding
from repair.rules.base import CheckContext
from repair.rules.scraping._common import (
    _content_span,
    _is_own_paragraph,
    _labels,
    _removal,
    _unwrap,
)


def _label_text(text: str) -> str:
    """A line stripped of Markdown heading marks and emphasis, for comparing with labels.

    >>> _label_text("## **World**")
    'World'
    """
    stripped = text.strip().lstrip("#").strip()
    return _unwrap(stripped)[0]


_NON_BLANK: Final = re.compile(r"\S")


@functools.cache
def _ends_label(char: str) -> bool:
    """True when ``char`` case-folded ends a label that stands anywhere (not only first)."""
    return char.casefold()[-1] in {label[-1] for label in _labels()["anywhere"]}


def _label_candidates(doc: Document, first: int) -> Iterator[int]:
    """Indexes of the lines that may be a label, in order: line ``first`` and the lines whose
    last character, but white space, emphasis and parentheses, ends a label that stands
    anywhere once case-folded (the label text of a line ends with that character's case
    folding: see :func:`_label_text`).
    """
    for index, line in enumerate(doc.text.split("\n")):
        if index == first:
            yield index
            continue
        end = line.rstrip()
        while end[-1:] in ("*", "_", ")"):
            end = end[:-1].rstrip()
        if end and _ends_label(end[-1]):
            yield index


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


def section_label(doc: Document, ctx: CheckContext) -> Iterator[Finding]:
    """Section or interface label of the page: "World" above the headline, "Advertisement".

    What it catches:
        The first line of a text when it holds only a section name of a news site
        ("World", "Politics", "Business", "Live"), and, anywhere, a line that holds only an
        interface label ("Advertisement", "Share this article"). Both lists are in
        data/scraping-labels.toml. A subheading inside the text ("NATO command") is not a
        section label: the evidence is the known name and, for section names, the place.
    Why:
        The label is navigation of the page, read as a one-word paragraph or as part of
        the headline.
    Bad:
        World

        US Defense Secretary's Pivotal NATO Visit
    Good:
        US Defense Secretary's Pivotal NATO Visit

        World leaders met in Brussels.
    Fix safety:
        Unsafe: removal deletes the label line with its line break.
    """
    labels = _labels()
    content = _first_content_lines(doc)
    if len(content) < 2:
        return
    for index in _label_candidates(doc, content[0]):
        line = doc.line_text(index)
        if not line.strip():
            continue
        text = _label_text(line).casefold()
        if text in labels["anywhere"]:
            kind = "Page label"
        elif index == content[0] and text in labels["top"]:
            kind = "Section label"
        else:
            continue
        if not _is_own_paragraph(doc, index):
            continue
        span = _content_span(doc, index)
        shown = doc.text[span.start : span.end]
        yield Finding(
            "SCR006",
            f'{kind} "{shown}" of the page',
            span,
            fix=_removal(doc, index, index, "Remove the label line"),
        )
