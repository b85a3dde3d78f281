"""QUO001: double quotes that do not pair up within a paragraph."""

from __future__ import annotations

from collections.abc import Iterator
from typing import Final

from repair.document import Document
from repair.findings import Applicability, Fix, Hit, Span
from repair.rules.base import CheckContext
from repair.rules.quotes._edits import preview
from repair.rules.quotes.dropped import open_quotation_at, place_lost_mark
from repair.rules.quotes.marks import Paragraph, Role, analysed_paragraphs, context

SAFE_PLACEMENTS: Final = frozenset[str]()
"""The evidence that places a lost mark safely, as measured (see Fix safety)."""
SHOWN_PLACEMENTS: Final = frozenset({"paragraph end"})
"""Evidence too weak to apply even on request: the fix is shown, never applied."""


def unbalanced_quotes(doc: Document, ctx: CheckContext) -> Iterator[Hit]:
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
        A lost mark is put back where the text tells. For a quotation of whole sentences
        (opening its line, or after "said:", or after a comma with a capital): a closing
        mark before an attribution (``“We will win, he said`` gets ``win,” he``, or
        ``win”, he`` in a text that sets its marks so), or after the sentence mark ending
        the paragraph when one sentence runs from the opening mark to it; an opening mark
        after a colon when one sentence runs from it to the closing mark, or at the start
        of a one-sentence paragraph whose quotation ends before an attribution. For a
        quoted term: the same term quoted in full elsewhere in the text (``the “soft
        landing`` gets ``landing”`` when ``“soft landing”`` is written elsewhere), a list
        of quoted terms (``“A or “B”`` gets ``“A” or``), or a name in title case with a
        lower-case word beyond it (``the “Silver Harbour Fund said``). All unsafe,
        measured by dropping every double mark in turn: from the sample corpus's clean
        article and 50 scraped pages (1,411 drops) placements were right 34 of 35 before an
        attribution, 6 of 7 after a colon, 31 of 31 at a paragraph's start, 8 of 10 at a
        sentence's end, 234 of 247 for a repeated term, 13 of 16 in a list, 27 of 32 for a
        name in title case (353 of 378 in all, restoring 25% of the drops, 5% before);
        from the 78 reference documents of mqm-zhen (494 drops): repeated term 33 of 41,
        list 25 of 29, title 42 of 53, sentence end 5 of 19 (the references often set a
        space before the closing mark), 113 of 150 in all (23% of the drops, 2% before).
        On the damage simulator (seeds 31 to 35 and 41 to 45) the unsafe fix restores
        17.8% of the dropped closing marks and 15.8% of the dropped opening ones (0% and
        2.3% before): 72 of its 80 edits inside artefacts right, and 32 more on the
        references' own unbalanced quotes. None reaches the 99% a safe fix needs. A
        closing mark at the end of a paragraph of several sentences is only shown (the
        quotation may close at any of them). No fix for a term with nothing to bound it
        (``a “soft landing for the economy``), a stray mark, or anything else.
    """
    for paragraph in analysed_paragraphs(doc):  # a plain one is balanced
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
        yield Hit(message, _where_a_mark_is_missing(paragraph), _lost_mark_fix(doc, paragraph))


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


def _lost_mark_fix(doc: Document, paragraph: Paragraph) -> Fix | None:
    placement = place_lost_mark(doc, paragraph)
    if placement is None:
        return None
    edit = placement.edit
    if placement.evidence in SAFE_PLACEMENTS:
        safety = Applicability.SAFE
    elif placement.evidence in SHOWN_PLACEMENTS:
        safety = Applicability.DISPLAY_ONLY
    else:
        safety = Applicability.UNSAFE
    return Fix.of((edit,), safety, f'Insert the lost mark: "{preview(doc.text, edit)}"')
