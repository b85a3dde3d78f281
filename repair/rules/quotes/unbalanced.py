"""QUO001: double quotes that do not pair up within a paragraph."""

from __future__ import annotations

from collections.abc import Iterator

from repair.document import Document
from repair.findings import Finding, Severity, Span
from repair.rules.base import CheckContext
from repair.rules.quotes.marks import Role, context, paragraphs


def unbalanced_quotes(doc: Document, ctx: CheckContext) -> Iterator[Finding]:
    """Double quotes that do not pair up within a paragraph.

    What it catches:
        A paragraph whose double quote marks cannot be paired: a closing mark with no
        quotation open, or a quotation never closed. Each mark's role comes from its spacing,
        its curl and the words around it (``, “said`` closes), so a misplaced mark that the
        context explains is not counted twice. A quotation left open at the end of a
        paragraph is accepted when the next paragraph opens with a quote mark, as news
        style runs a long quotation over several paragraphs, or when the next paragraph's
        first mark closes it, as text cut one sentence a line splits a quotation of two
        sentences over two lines. A text of one paragraph is
        taken for an excerpt of a longer one (MT segments): it may close a quotation opened
        before it and leave one open. A mark alone at a paragraph's end after its
        quotations all closed (``called it “unfair”. “``) is a stray mark, reported so.
    Why:
        Machine translation drops, adds and turns quote marks; readers then cannot tell
        who says what, and every tool that extracts quotations goes wrong.
    Bad:
        “Every quick amendment is a dirty contract,” said Kallas, adding that we saw it.”
    Good:
        “Every quick amendment is a dirty contract,” said Kallas, adding that “we saw it.”
    Fix safety:
        No fix: which mark is missing or extra cannot be known. QUO002 and QUO003 fix the
        marks whose role is certain.
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
        yield Finding("QUO001", message, Span(where, where + 1), Severity.WARNING)
