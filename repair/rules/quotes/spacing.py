"""QUO003 and QUO007: a space between a quote mark and the quotation it opens or closes."""

from __future__ import annotations

from collections.abc import Iterator

from repair.document import Document
from repair.findings import Applicability, Edit, Fix, Hit, Span
from repair.rules.base import CheckContext
from repair.rules.quotes._edits import preview
from repair.rules.quotes.marks import Mark, Paragraph, Role, analysed_paragraphs, context


def _inner_space(text: str, mark: Mark) -> Edit | None:
    """The spaces between ``mark`` and its quotation, when there are some."""
    offset = mark.offset
    if mark.role is Role.OPEN:
        end = offset + 1
        while end < len(text) and text[end] in " \t":
            end += 1
        if end == offset + 1 or end == len(text) or not text[end].isalnum():
            return None
        return Edit.delete(offset + 1, end)
    start = offset
    while start > 0 and text[start - 1] in " \t":
        start -= 1
    if start == offset or start == 0 or text[start - 1].isspace():
        return None
    if not (text[start - 1].isalnum() or text[start - 1] in ".,;:?!)\u2026"):
        return None
    return Edit.delete(start, offset)


def _safety(mark: Mark, paragraph: Paragraph) -> Applicability:
    if mark.evidence == "end" or (paragraph.balanced and mark.evidence != "pairing"):
        return Applicability.SAFE
    return Applicability.UNSAFE


def _spaced_marks(doc: Document, at_end: bool) -> Iterator[tuple[Mark, Paragraph, Edit]]:
    """Marks cut off from their quotation by a space: those ending a paragraph, or the rest."""
    text = doc.text
    # None plain: in a plain one every mark has a space on one side only, none inside.
    for paragraph in analysed_paragraphs(doc):
        # A closing mark ends the paragraph when only spaces follow it: when it stands at or
        # past the end of the paragraph's text without its trailing spaces (found once, so
        # that a long run of marks costs no more than its length).
        start, end = paragraph.span.start, paragraph.span.end
        text_end = start + len(text[start:end].rstrip())
        for mark in paragraph.marks:
            if mark.shape is not None or mark.evidence in ("attribution", "colon"):
                continue
            if mark is paragraph.failure and mark.evidence == "end":
                continue  # a stray mark after closed quotations: QUO001's, no closing one
            if mark.glyph_role is not None and mark.glyph_role is not mark.role:
                continue  # turned the wrong way: QUO002's
            if (mark.role is Role.CLOSE and mark.offset + 1 >= text_end) != at_end:
                continue
            edit = _inner_space(text, mark)
            if edit is not None:
                yield mark, paragraph, edit


def _finding(text: str, mark: Mark, paragraph: Paragraph, edit: Edit) -> Hit:
    start, end = min(edit.start, mark.offset), max(edit.end, mark.offset + 1)
    return Hit(
        f'Space inside the quotation in "{context(text, start, end)}"',
        Span(start, end),
        Fix.of((edit,), _safety(mark, paragraph), f'Remove the space: "{preview(text, edit)}"'),
    )


def space_inside_quotes(doc: Document, ctx: CheckContext) -> Iterator[Hit]:
    """Space between a quote mark and the quotation it opens or closes.

    What it catches:
        A double quote mark with spaces on both sides, when its role is known: an opening
        mark followed by a space and a word (``“ text``), a closing mark after a word or a
        sentence's end and a space (``exercise. ” He said``). The role comes from the
        mark's curl or, for a straight mark, from pairing. A closing mark at a paragraph's
        very end is QUO007's.
    Why:
        A mark cut off from its quotation looks like a stray character, can be turned the
        wrong way by smart-quote software, and breaks tokenizers and quotation extraction.
    Bad:
        “It is an expensive exercise. ” He said so in the comments.
    Good:
        “It is an expensive exercise.” He said so in the comments.
    Fix safety:
        Safe when the mark's curl makes its role certain and the paragraph's marks pair up;
        unsafe when they do not, or when only pairing gives a straight mark its role.
    """
    for mark, paragraph, edit in _spaced_marks(doc, at_end=False):
        yield _finding(doc.text, mark, paragraph, edit)


def space_before_final_quote(doc: Document, ctx: CheckContext) -> Iterator[Hit]:
    """Space before the closing quote mark that ends a paragraph.

    What it catches:
        A closing double mark set off by a space at the very end of a paragraph, after the
        quotation's last word or its sentence mark (``nothing we can change about it. ”``).
    Why:
        English sets the closing mark against the quotation's last character; a mark cut
        off from it looks stray and breaks quotation extraction. Off by default: the
        professional translations of the WMT20 references write it so in 25 of 970
        segments, a house habit rather than damage. Turn it on for machine translation,
        where the MQM annotators marked every one found as an error.
    Bad:
        “There is nothing we can change about it. ”
    Good:
        “There is nothing we can change about it.”
    Fix safety:
        Safe when the mark's curl or its place after a sentence's end makes it a closing
        mark; unsafe for a straight mark that only pairing calls closing.
    """
    for mark, paragraph, edit in _spaced_marks(doc, at_end=True):
        yield _finding(doc.text, mark, paragraph, edit)
