"""SCR005: placeholder links whose target is a bare ``#``."""

from __future__ import annotations

import re
from collections.abc import Iterator
from typing import Final

from repair.document import Document
from repair.findings import Applicability, Fix, Hit, Span
from repair.rules.base import CheckContext

_PLACEHOLDER_LINK: Final = re.compile(
    r"""\[(?<![!\\\]]\[)    # a "[" not after "!", "\\" or "]" (the "[" first: re skips to it)
        (?P<text>[^\[\]\n]*)\]\([ \t]*\#[ \t]*\)  # [text](#)
    """,
    re.VERBOSE,
)
_BLOCK_MARKER: Final = re.compile(r"^(?:[-+*>#]|\d+[.)])")
# What ``str.strip()`` would keep: ``\s`` and ``str.isspace`` are one test in CPython. A
# search for it from the line's start stops at the first such character, where slicing the
# text before each link and stripping it cost the whole line's length per link (quadratic
# on one long line).
_NOT_SPACE: Final = re.compile(r"\S")


def _shorten(text: str, limit: int = 40) -> str:
    """``text`` cut to ``limit`` characters with an ellipsis, for messages.

    >>> _shorten("Harbour Talks With Velmora Are a Win-Win for the Fleet")
    'Harbour Talks With Velmora Are a Win-Win\u2026'
    """
    return text if len(text) <= limit else text[:limit] + "\u2026"


def placeholder_link(doc: Document, ctx: CheckContext) -> Iterator[Hit]:
    """Markdown link whose target is a bare ``#``: the scraper lost the real address.

    What it catches:
        ``[text](#)``, in Markdown and in plain text, as scrapers write links they could
        not resolve ("Bloomberg [reported](#) Tuesday", "By [Arkady Sobrev](#)"). In-page
        anchors (``#section``) and images are left alone.
    Why:
        The link goes nowhere; in plain text the reader sees the brackets and ``(#)``.
    Bad:
        Dunstrom's plans were [reported](#) by Bloomberg on Tuesday.
    Good:
        Dunstrom's plans were [reported](https://example.com/story) by Bloomberg on Tuesday.
    Fix safety:
        Safe: the fix keeps the link text and drops the brackets and the ``(#)`` target,
        so every word the reader saw stays, and nothing pointed anywhere. It is unsafe when
        the link opens a line and its text starts like a list item, quote or heading, which
        unwrapping would turn into markup.
    """
    # A match opens with "[" (a one-character search, at memory speed), where a search for
    # "](" tests about every character of the text (CPython's search for a needle of two
    # characters or more): three times the pattern's own search of a text with "[", and
    # forty times the test for "[" (20 against 0.5 us a 25 KB text).
    if "[" not in doc.text:
        return
    yield from _placeholder_hits(doc)


def _placeholder_hits(doc: Document) -> Iterator[Hit]:
    """The findings of :func:`placeholder_link`, from a search of the whole text."""
    for match in _PLACEHOLDER_LINK.finditer(doc.text):
        text = match["text"]
        line_start = doc.line_starts[doc.line_index(match.start())]
        at_line_start = _NOT_SPACE.search(doc.text, line_start, match.start()) is None
        risky = at_line_start and _BLOCK_MARKER.match(text.lstrip())
        applicability = Applicability.UNSAFE if risky else Applicability.SAFE
        yield Hit(
            f'Placeholder link "[{_shorten(text)}](#)" with no target',
            Span(match.start(), match.end()),
            fix=Fix.replace(
                match.start(), match.end(), text, applicability, f'Keep the link text "{text}"'
            ),
        )
