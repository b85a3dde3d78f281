"""QUO001: double quotes that do not pair up within a paragraph."""

from __future__ import annotations

from collections.abc import Iterator
from typing import Final

from repair.document import Document
from repair.findings import Applicability, Finding, Fix, Severity, Span
from repair.rules.base import CheckContext
from repair.rules.quotes._edits import preview
from repair.rules.quotes.dropped import open_quotation_at, place_lost_mark
from repair.rules.quotes.marks import Paragraph, Role, context, paragraphs

SAFE_PLACEMENTS: Final = frozenset[str]()
"""The evidence that places a lost mark safely, as measured (see Fix safety)."""
SHOWN_PLACEMENTS: Final = frozenset({"paragraph end"})
"""Evidence too weak to apply even on request: the fix is shown, never applied."""


def unbalanced_quotes(doc: Document, ctx: CheckContext) -> Iterator[Finding]:
    """Double quotes that do not pair up within a paragraph.

    What it catches:
        A paragraph whose double quote marks cannot be paired: a closing mark with no
        quotation open, or a quotation never closed. Each mark's role comes from its spacing,
        its curl and the words around it (``, “said`` closes), so a misplaced mark that the
        context explains is not counted twice. A quotation left open at the end of a
        paragraph is accepted when the next paragraph opens with a quote mark, as news
        style runs a long quotation over several paragraphs, or when the first mark of the
        next paragraph with marks, up to three lines on, closes it, as text cut one sentence
        a line splits a quotation over several lines. A text of one paragraph is taken for
        an excerpt of a longer one (MT segments): it may close a quotation opened before it
        and leave one open. A mark alone at a paragraph's end after its quotations all
        closed (``called it “unfair”. “``) is a stray mark, reported so.
    Why:
        Machine translation drops, adds and turns quote marks; readers then cannot tell
        who says what, and every tool that extracts quotations goes wrong.
    Bad:
        “Every late harvest costs us twice,” said Vantorp, adding that we knew it.”
    Good:
        “Every late harvest costs us twice,” said Vantorp, adding that “we knew it.”
    Fix safety:
        A lost mark is put back where the text tells: a closing mark of a quotation of
        whole sentences (opening its line, or after "said:" or "said,") before an
        attribution (``“We will win, he said`` gets ``win,” he``, or ``win”, he`` in a text
        that sets its marks so before attributions), an opening mark after a colon when one
        sentence ending in a sentence mark runs from it to the closing mark, or at the start
        of a paragraph of one sentence whose quotation ends before an attribution. Unsafe:
        measured by dropping each double mark in turn from the sample corpus's clean article
        and 50 scraped pages (3,944 drops), placements before an attribution were right 79
        times of 86, after a colon 12 of 16, at a paragraph's start 71 of 72; on the damage
        simulator (quote kind, seeds 1 to 10 and 14) 8 of 8, and none fires on the WMT20
        references. A closing mark at a paragraph's end is only shown (31 right of 53). No
        fix for a quoted term (where it ended is unknown), a stray mark, or anything else.
    """
    for paragraph in paragraphs(doc):
        if paragraph.balanced or paragraph.failure is None:
            continue
        where = paragraph.failure.offset
        if paragraph.failure.evidence == "end":
            evidence = context(doc.text, where, where + 1)
            message = f'Stray quote mark after the quotations closed, in "{evidence}"'
        else:
            opening = sum(1 for mark in paragraph.marks if mark.role is Role.OPEN)
            closing = len(paragraph.marks) - opening
            message = (
                f"Quotes do not pair up in this paragraph: {opening} opening and "
                f"{closing} closing marks"
            )
        yield Finding(
            "QUO001",
            message,
            _where_a_mark_is_missing(paragraph),
            Severity.WARNING,
            _lost_mark_fix(doc.text, paragraph),
        )


def _where_a_mark_is_missing(paragraph: Paragraph) -> Span:
    """The stretch of the paragraph where its lost mark belongs, or the extra mark.

    From an unclosed opening mark to the next quotation or the paragraph's end; from the
    paragraph's start or the last mark before it to a closing mark that closes nothing.
    """
    failure = paragraph.failure
    assert failure is not None
    if failure.evidence == "end":
        return Span(failure.offset, failure.offset + 1)  # a stray mark: no mark is missing
    if failure.role is Role.CLOSE:
        before = [mark.offset for mark in paragraph.marks if mark.offset < failure.offset]
        start = before[-1] + 1 if before else paragraph.span.start
        return Span(start, failure.offset + 1)
    opener = open_quotation_at(paragraph, failure) or failure
    after = [mark.offset for mark in paragraph.marks if mark.offset > opener.offset]
    return Span(opener.offset, after[0] if after else paragraph.span.end)


def _lost_mark_fix(text: str, paragraph: Paragraph) -> Fix | None:
    placement = place_lost_mark(text, paragraph)
    if placement is None:
        return None
    edit = placement.edit
    if placement.evidence in SAFE_PLACEMENTS:
        safety = Applicability.SAFE
    elif placement.evidence in SHOWN_PLACEMENTS:
        safety = Applicability.DISPLAY_ONLY
    else:
        safety = Applicability.UNSAFE
    return Fix.of((edit,), safety, f'Insert the lost mark: "{preview(text, edit)}"')
