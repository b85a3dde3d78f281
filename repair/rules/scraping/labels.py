"""SCR006: section and interface labels of the page."""

from __future__ import annotations

from collections.abc import Iterator

from repair.document import Document
from repair.findings import Finding
from repair.rules.base import CheckContext
from repair.rules.scraping._common import (
    _content_span,
    _is_blank,
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
    content = [i for i in range(len(doc.lines)) if not _is_blank(doc, i)]
    if len(content) < 2:
        return
    for position, index in enumerate(content):
        text = _label_text(doc.line_text(index)).casefold()
        if text in labels["anywhere"]:
            kind = "Page label"
        elif position == 0 and text in labels["top"]:
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
