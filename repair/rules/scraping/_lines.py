"""What a reader sees of each line of a page, computed once per document and shared by the
SCR rules: the lines split, stripped, short ones picked out, and their visible text (no
Markdown marks, links as their text)."""

from __future__ import annotations

import itertools
import re
from collections.abc import Iterable
from typing import Final, NamedTuple

from repair.document import Document
from repair.rules.scraping import _memo

_MARKDOWN_IMAGE: Final = re.compile(r"!\[[^\]\n]*\]\([^)\n]*\)")
_MARKDOWN_LINK: Final = re.compile(r"\[([^\]\n]*)\]\((?:[^()\n]|\([^()\n]*\))*\)")
_BLOCK_MARKS: Final = re.compile(r"^(?:[#>]+[ \t]*|(?:[-+*]|\d+[.)])[ \t]+)+")
_EMPHASIS_MARKS: Final = re.compile(r"\*\*|__|(?<!\w)[*_]|[*_](?!\w)")
_MARKUP_CHARS: Final = frozenset("[]*_#>+-")
"""Characters without which a Markdown line has no mark :func:`visible` drops."""


class Visible(NamedTuple):
    """What a reader sees of one line: its text, and how much of it is link text.

    A named tuple: one is made for every line of every document, and a tuple is made
    faster than a frozen dataclass.
    """

    text: str
    link_chars: int

    @property
    def is_link(self) -> bool:
        """True when links make up most of the line (a menu item, a related headline)."""
        return bool(self.text) and self.link_chars >= 0.7 * len(self.text)


_ZEROS: Final = itertools.repeat(0)
"""No link characters, for every line of a plain text."""


def visible(line: str, markdown: bool) -> Visible:
    """The text a reader sees of ``line``: in Markdown without images, link targets,
    heading, quote and list marks and emphasis.

    >>> visible("  * [**Share** on Facebook](https://f.com/s?u=1)", True)
    Visible(text='Share on Facebook', link_chars=17)
    >>> visible("## Related ![](a.png)", True).text, visible("* not Markdown *", False).text
    ('Related', '* not Markdown *')
    """
    text = line.strip()
    if not markdown:
        return Visible(text, 0)
    if not _MARKUP_CHARS.intersection(text) and not text[:1].isdigit():
        return Visible(" ".join(text.split()), 0)  # no mark to drop: most lines of prose
    text = _MARKDOWN_IMAGE.sub("", text)
    link_chars = 0
    if "](" in text:
        link_chars = sum(len(m[1].strip(" *_")) for m in _MARKDOWN_LINK.finditer(text))
        text = _MARKDOWN_LINK.sub(r"\1", text)
    text = _BLOCK_MARKS.sub("", text.strip())
    text = " ".join(_EMPHASIS_MARKS.sub("", text).split())
    return Visible(text, min(link_chars, len(text)))


# Lines of a document, shared -------------------------------------------------------------


def text_lines(doc: Document) -> tuple[str, ...]:
    """The text of every line of ``doc`` (as :attr:`Document.lines` cuts them), split once
    and shared by the SCR rules (from :attr:`Document.line_texts`)."""
    return doc.shared("repair.rules.scraping.text_lines", _text_lines)


def _text_lines(doc: Document) -> tuple[str, ...]:
    lines = doc.line_texts
    # A fix run (:meth:`Document.run_memo`): the lines a pass left as they were are given
    # as the string objects of the document before, whose hashes Python has kept, so that
    # the rules' tables kept by line (``dict`` look-ups) neither hash them again nor compare
    # them character by character with the keys (those are the same objects). What is
    # kept here is only where equal strings are taken from: any lines give the same text.
    kept: dict[str, tuple[str, ...]] | None = doc.run_memo("repair.rules.scraping.text_lines")
    if kept is None:
        return lines
    before = kept.get("lines")
    if before is None:
        kept["lines"] = lines
        return lines
    same = _same_strings(before, lines)
    # A re-check also checks the paragraphs a pass changed as a text of their own: the
    # lines of the whole text are kept for the next pass, not those of such a piece.
    if 2 * len(same) >= len(before):
        kept["lines"] = same
    return same


def _same_strings(before: tuple[str, ...], lines: tuple[str, ...]) -> tuple[str, ...]:
    """``lines``, each line equal to the line of ``before`` at the same index, or else at
    the same distance from the end (lines added or removed above it), taken from
    ``before``."""
    same = [old if old == new else new for old, new in zip(before, lines, strict=False)]
    if len(before) == len(lines):
        return tuple(same)
    same += lines[len(same) :]
    common = min(len(before), len(lines))
    for index, old in zip(
        range(len(lines) - common, len(lines)), before[len(before) - common :], strict=True
    ):
        if same[index] is not old and same[index] == old:
            same[index] = old
    return tuple(same)


def stripped_lines(doc: Document) -> tuple[str, ...]:
    """Every line of ``doc`` without white space around it, computed once and shared by the
    SCR rules (a line is blank when it is empty)."""
    return doc.shared("repair.rules.scraping.stripped_lines", _stripped_lines)


def _stripped_lines(doc: Document) -> tuple[str, ...]:
    return tuple(map(str.strip, text_lines(doc)))


_SHORT_LINE_CHARS: Final = 160
"""Longer than any label, heading or credit list line the SCR rules look for (a link to
an article, which may hold its title, is at most this long for SCR006)."""


def short_lines(doc: Document) -> tuple[int, ...]:
    """Indexes of the non-blank lines whose visible text is 160 characters or shorter.

    Shared by the rules that look for labels, headings and credit lists, which skip longer
    lines: most lines of an article are paragraphs longer than that, and the rules go
    through these indexes instead of every line.
    """
    return doc.shared("repair.rules.scraping.short_lines", _short_lines)


def _short_lines(doc: Document) -> tuple[int, ...]:
    stripped = stripped_lines(doc)
    if not doc.is_markdown:  # the visible text is the line stripped
        return tuple(i for i, text in enumerate(stripped) if 0 < len(text) <= _SHORT_LINE_CHARS)
    every = visible_lines(doc)
    return tuple(
        i for i, text in enumerate(stripped) if text and len(every[i].text) <= _SHORT_LINE_CHARS
    )


def visible_lines(doc: Document) -> tuple[Visible, ...]:
    """:func:`visible` of every line of ``doc``, computed once and shared by the SCR rules."""
    return doc.shared("repair.rules.scraping.visible_lines", _visible_lines)


def _visible_lines(doc: Document) -> tuple[Visible, ...]:
    stripped = stripped_lines(doc)
    if not doc.is_markdown:  # what :func:`visible` gives: the line stripped, no link
        # Made in C (``map``), not by the named tuple's ``__new__``: this runs on every line
        # of every check, and of every pass of a fix run.
        return tuple(
            map(tuple.__new__, itertools.repeat(Visible), zip(stripped, _ZEROS, strict=False))
        )
    memo = _memo.table(doc, "visible")
    if memo is None:
        return tuple(_visible_markdown(stripped))
    # A fix run: each line's by its text (a pass leaves most as they were). Not worth it
    # for plain text, whose visible text costs less than looking it up.
    return tuple(_memo.kept_values(memo, stripped, _visible_markdown))


def _visible_markdown(lines: Iterable[str]) -> list[Visible]:
    return [visible(line, True) for line in lines]
