"""QUO004: low quote marks and guillemets in English text."""

from __future__ import annotations

import re
from collections.abc import Iterator
from typing import Final

from repair.document import Document
from repair.findings import Applicability, Edit, Fix, Hit, Span
from repair.rules.base import CheckContext
from repair.rules.quotes._edits import glyph
from repair.rules.quotes.excluded import in_prose
from repair.rules.quotes.marks import Role, analysed_paragraphs
from repair.rules.quotes.style import document_style, quote_marks

_LOW: Final = "\u201e"
# A pair of guillemets: «text», « text » (French spacing) or »text« (German order).
_GUILLEMETS: Final = re.compile(
    r"""\u00ab(?P<lead>[\x20\u00a0\u202f]?)(?P<inner>[^\u00ab\u00bb\n]{1,300}?)
            (?P<trail>[\x20\u00a0\u202f]?)\u00bb
      | \u00bb(?=\S)(?P<reversed>[^\u00ab\u00bb\n]{1,300}?)(?<=\S)\u00ab
    """,
    re.VERBOSE,
)
_MAX_SHOWN: Final = 40


def _shown(text: str) -> str:
    return text if len(text) <= _MAX_SHOWN else text[: _MAX_SHOWN - 1] + "\u2026"


def foreign_quote_marks(doc: Document, ctx: CheckContext) -> Iterator[Hit]:
    """Low quote marks and guillemets in English text.

    What it catches:
        The low opening mark ``„`` of German and Central European languages, and pairs of
        guillemets (``«text»``, ``« text »``, ``»text«``), left in English text by machine
        translation or a copy from a foreign edition, when a space or the line's edge
        stands on one side of it only (``„`` between two symbols is garble). A lone
        guillemet is left alone: it is a breadcrumb or a "more »" link, not a quote.
    Why:
        English quotes with “ ” (or straight marks); foreign marks look like an unfinished
        translation, and quote-aware tools do not see the quotation.
    Bad:
        He called it «a historic mistake» on Friday.
    Good:
        He called it “a historic mistake” on Friday. Home » World » Europe
    Fix safety:
        Safe: the marks are replaced with the document's own opening and closing marks
        (curly when it has none), the pair's inner spaces removed; ``„`` always opens.
    """
    text = doc.text
    has_low = _LOW in text
    if not has_low and ("\u00ab" not in text or "\u00bb" not in text):
        return
    curly = document_style(doc, ctx, quote_marks(doc)) != "straight"
    opener, closer = glyph(Role.OPEN, curly), glyph(Role.CLOSE, curly)
    if has_low:
        for paragraph in analysed_paragraphs(doc):  # a plain one holds no low mark
            for mark in paragraph.marks:
                if mark.char != _LOW or mark.shape is None:
                    continue  # glued on both sides or spaced on both: garble, not a quote
                closing = mark.role is Role.CLOSE and mark.is_certain
                replacement = closer if closing else opener
                yield Hit(
                    f'Low quote mark "{_LOW}" in English text',
                    Span(mark.offset, mark.offset + 1),
                    Fix.replace(
                        mark.offset,
                        mark.offset + 1,
                        replacement,
                        Applicability.SAFE,
                        f'Write "{replacement}"',
                    ),
                )
    for match in _GUILLEMETS.finditer(text):
        ends = [match.start(), match.end() - 1]
        if in_prose(doc, ends) != ends:
            continue  # a mark in mojibake ("\u00c2\u00bb") or in code
        if match["reversed"] is not None:
            inner = match["reversed"]
            edits = (
                Edit(match.start(), match.start() + 1, opener),
                Edit(match.end() - 1, match.end(), closer),
            )
        else:
            inner = match["inner"]
            edits = (
                Edit(match.start(), match.end("lead"), opener),
                Edit(match.start("trail"), match.end(), closer),
            )
        yield Hit(
            f'Guillemets in English text: "{_shown(match[0])}"',
            Span(match.start(), match.end()),
            Fix.of(edits, Applicability.SAFE, f'Write "{opener}{_shown(inner)}{closer}"'),
        )
