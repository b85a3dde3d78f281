"""QUO006: straight and curly quotes mixed in one document, and the style a document uses."""

from __future__ import annotations

import re
from collections.abc import Iterator
from typing import Final, Literal

from repair.document import Document
from repair.findings import Applicability, Edit, Fix, Hit, Span
from repair.rules.base import CheckContext
from repair.rules.quotes._edits import glyph, preview
from repair.rules.quotes.excluded import in_prose
from repair.rules.quotes.found import mark_offsets
from repair.rules.quotes.marks import Mark, Paragraph, context, marks_at

Style = Literal["curly", "straight"]

MIN_MINORITY: Final = 3
"""Marks of the lesser style a document needs before ``auto`` calls it mixed: one or two
stray apostrophes in a short text are a typist's habit, not a style (measured on the WMT
references, where single segments mix them)."""

CLEAR_MAJORITY: Final = 2
"""How many times the lesser style's marks the greater style needs to be the document's:
with no clear majority, which marks are the odd ones cannot be told (a text pasted together
from several sources)."""

_MARKS: Final = "\"'\u201c\u201d\u2018\u2019"
_CURLY: Final = frozenset("\u201c\u201d\u2018\u2019")
_OPEN_BEFORE: Final = frozenset('([{\u2014\u2013-/*_"\u201c')
_STRAIGHTENED: Final = {"\u201c": '"', "\u201d": '"', "\u2018": "'", "\u2019": "'"}


def _is_prime(text: str, offset: int) -> bool:
    """Feet and inches (5'11"), minutes and seconds: not quote marks."""
    if offset == 0 or not text[offset - 1].isdigit():
        return False
    if text[offset] == "'":
        return text[offset + 1 : offset + 2].isdigit()
    return re.search(r"\d'\d{0,2}$", text[max(0, offset - 4) : offset]) is not None


def _quote_marks(doc: Document) -> list[int]:
    text = doc.text
    # Only a mark after a digit may be a prime: the others need no call.
    found = [
        offset
        for offset in mark_offsets(doc, _MARKS)
        if not (offset and text[offset - 1].isdigit() and _is_prime(text, offset))
    ]
    return in_prose(doc, found)


def quote_marks(doc: Document) -> list[int]:
    """Offsets of the quote marks and apostrophes of ``doc``, in prose (see excluded.py).

    Computed once per document and shared by the QUO rules; do not change the list.
    """
    return doc.shared("repair.rules.quotes.style.quote_marks", _quote_marks)


def document_style(doc: Document, ctx: CheckContext, offsets: list[int]) -> Style | None:
    """The configured style, else the style of a clear majority of the marks (or ``None``)."""
    if ctx.config.quote_style != "auto":
        return ctx.config.quote_style
    curly = sum(1 for offset in offsets if doc.text[offset] in _CURLY)
    straight = len(offsets) - curly
    if not offsets or max(curly, straight) < CLEAR_MAJORITY * min(curly, straight):
        return None
    return "curly" if curly > straight else "straight"


def _curled_single(text: str, offset: int) -> tuple[str, Applicability] | None:
    before = text[offset - 1] if offset else ""
    after = text[offset + 1 : offset + 2]
    if before.isalnum() and (after.isalpha() or not after or not after.isalnum()):
        return "\u2019", Applicability.SAFE  # don't, Trump's, investors' (apostrophe or close)
    if before in ".,?!" and (not after or not after.isalnum()):
        return "\u2019", Applicability.SAFE
    if (not before or before.isspace() or before in _OPEN_BEFORE) and after.isdigit():
        return "\u2019", Applicability.SAFE  # '90s
    if (not before or before.isspace() or before in _OPEN_BEFORE) and after.isalpha():
        return "\u2018", Applicability.UNSAFE  # an opening quote, or an elision ('em)
    return None


def _curled_double(mark: Mark | None, paragraph: Paragraph | None) -> tuple[str, Applicability]:
    if mark is None or paragraph is None or mark.evidence == "pairing":
        return "", Applicability.UNSAFE
    if mark is paragraph.failure and mark.evidence == "end":
        return "", Applicability.UNSAFE  # a stray mark: neither opening nor closing
    safe = mark.is_certain and paragraph.balanced
    return glyph(mark.role, True), Applicability.SAFE if safe else Applicability.UNSAFE


def _fix(
    text: str,
    offset: int,
    style: Style,
    doubles: dict[int, tuple[Mark, Paragraph]],
) -> Fix | None:
    found = _edit(text, offset, style, doubles)
    if found is None:
        return None
    edit, safety = found
    return Fix.of((edit,), safety, f'Write "{preview(text, edit)}"')


def _edit(
    text: str,
    offset: int,
    style: Style,
    doubles: dict[int, tuple[Mark, Paragraph]],
) -> tuple[Edit, Applicability] | None:
    """The edit that writes the mark at ``offset`` in ``style``, and its safety."""
    char = text[offset]
    if style == "straight":
        replacement, safety = _STRAIGHTENED[char], Applicability.SAFE
    elif char == "'":
        curled = _curled_single(text, offset)
        if curled is None:
            return None
        replacement, safety = curled
    else:
        replacement, safety = _curled_double(*doubles.get(offset, (None, None)))
        if not replacement:
            return None
    return Edit(offset, offset + 1, replacement), safety


def _word(text: str, offset: int) -> str:
    """The token holding the mark at ``offset``, or the mark and a word either side.

    >>> _word("said Trump's envoy", 10), _word("it . \u201d He", 5)
    ("Trump's", '. \u201d He')
    """
    start, end = offset, offset + 1
    while start > 0 and not text[start - 1].isspace():
        start -= 1
    while end < len(text) and not text[end].isspace():
        end += 1
    if end - start == 1:
        return context(text, offset, offset + 1)
    return text[start:end]


def mixed_quote_styles(doc: Document, ctx: CheckContext) -> Iterator[Hit]:
    """Straight and curly quotes mixed in one document.

    What it catches:
        Quote marks and apostrophes of the style a document does not use: curly marks in a
        document of straight ones, or the reverse. Apostrophes count (``Trump's`` against
        ``Trump\u2019s``). The document's style is ``quote-style`` when configured, else the
        style of a clear majority of its marks (twice as many as the other style), and with
        ``auto`` a document is mixed only when the lesser style has at least three marks:
        with no clear majority the odd marks cannot be told. Feet and inches (``5'11"``)
        are not quotes, nor are marks in code, formulas and tables (``mode = "fast"``) or
        inside mojibake (ENC002's).
    Why:
        Mixed marks are the trace of text pasted from several sources or scraped from
        several page elements; they look careless, and search and deduplication see two
        spellings of every quoted phrase.
    Bad:
        "It's too early," he said of Trump's plan. "We shall see." \u201cIt\u2019s not over.\u201d
    Good:
        "It's too early," he said of Trump's plan. "We shall see." "It's not over."
    Fix safety:
        With ``quote-style = "auto"`` (the default) the document is reported once, and its
        fix, which rewrites every odd mark, is unsafe: a majority is no instruction, and
        clean professional text mixes styles (``Xi\u2019an`` among straight quotes); on the
        damage simulator it restores no artefact and its edits fall on clean marks. With
        ``quote-style`` set, each odd mark is reported: safe to straighten any curly mark.
        To curl, safe for an apostrophe inside or at the end of a word and for a double mark
        whose spacing gives its role in a paragraph whose marks pair up; unsafe for an
        opening single mark (it may be an elision, 'em) and for a double mark only pairing
        explains; no fix for a mark with no clue.
    """
    text = doc.text
    has_both = any(c in text for c in "\"'") and any(c in text for c in _CURLY)
    if not has_both and ctx.config.quote_style == "auto":
        return
    offsets = quote_marks(doc)
    style = document_style(doc, ctx, offsets)
    if style is None:
        return
    odd = [o for o in offsets if (text[o] in _CURLY) == (style == "straight")]
    if ctx.config.quote_style == "auto" and len(odd) < MIN_MINORITY:
        return
    # Only the odd double marks' fixes read their analysis (to curl them), and only the
    # paragraphs holding one are built.
    doubles = {} if style == "straight" else marks_at(doc, [o for o in odd if text[o] == '"'])
    kind = "Curly" if style == "straight" else "Straight"
    if ctx.config.quote_style == "auto":
        yield _majority_finding(text, odd, style, kind, doubles)
        return
    for offset in odd:
        between_letters = text[offset - 1 : offset].isalnum() and text[offset + 1 : offset + 2]
        what = "apostrophe" if text[offset] in "'\u2019" and between_letters else "quote"
        yield Hit(
            f'{kind} {what} in a document of {style} quotes: "{_word(text, offset)}"',
            Span(offset, offset + 1),
            _fix(text, offset, style, doubles),
        )


def _majority_finding(
    text: str,
    odd: list[int],
    style: Style,
    kind: str,
    doubles: dict[int, tuple[Mark, Paragraph]],
) -> Hit:
    """One finding for a document whose marks only a majority calls odd, its fix unsafe.

    A majority is no instruction: professional text mixes styles on purpose (a quoted
    title, "Xi\u2019an"), so the document is reported once and fixed only on request.
    """
    # The edits alone: each mark's own fix (and the preview that titles it) is not shown.
    found = [_edit(text, offset, style, doubles) for offset in odd]
    edits = [edit_and_safety[0] for edit_and_safety in found if edit_and_safety is not None]
    first = odd[0]
    return Hit(
        f"{len(odd)} {kind.lower()} marks in a document of mostly {style} quotes, the "
        f'first "{_word(text, first)}"',
        Span(first, first + 1),
        Fix.of(edits, Applicability.UNSAFE, f"Write the marks {style}") if edits else None,
    )
