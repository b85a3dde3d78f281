"""QUO002: a quote mark turned the wrong way, or on the wrong side of its space."""

from __future__ import annotations

from collections.abc import Iterator

from repair.document import Document
from repair.findings import Applicability, Edit, Fix, Hit, Span
from repair.rules.base import CheckContext
from repair.rules.quotes._edits import glyph, preview
from repair.rules.quotes.marks import Mark, Paragraph, Role, analysed_paragraphs, context


def _spaces_before(text: str, offset: int) -> int:
    start = offset
    while start > 0 and text[start - 1] in " \t":
        start -= 1
    return start


def _closes_open_quotation(paragraph: Paragraph, mark: Mark) -> bool:
    """Whether a quotation is open where ``mark`` stands, as the pairing counts them."""
    if mark is paragraph.marks[0]:
        return True  # the paragraph's pairing accepted it as closing one opened before
    depth = 0
    for other in paragraph.marks:
        if other is mark:
            break
        depth = depth + 1 if other.role is Role.OPEN else max(0, depth - 1)
    return depth > 0


def _reorientation(text: str, mark: Mark, paragraph: Paragraph) -> Fix | None:
    """The fix for a mark whose curl or spacing says the opposite of its role."""
    curly = mark.glyph_role is not None
    wanted = glyph(mark.role, curly)
    paired = Applicability.SAFE if paragraph.balanced else Applicability.UNSAFE
    offset = mark.offset
    if mark.evidence == "attribution":
        edit = Edit(_spaces_before(text, offset), offset + 1, wanted + " ")
    elif mark.evidence == "colon":
        end = offset + 1
        while end < len(text) and text[end] == " ":
            end += 1
        edit = Edit(offset, end, " " + wanted)
    elif mark.glyph_role is None or mark.glyph_role is mark.role:
        return None
    elif mark.evidence == "end":
        # A mark alone at a paragraph's end, after a sentence's end, closes the quotation
        # left open; with none open it is a stray mark (QUO001's), not a closing one. The
        # space before it is the text's own habit (". \u201d"), QUO007's to judge.
        if paragraph.failure is mark:
            return None
        edit = Edit(offset, offset + 1, wanted)
        # Open: certain. Closed by a mark that broke the pairing earlier: which is wrong?
        open_here = _closes_open_quotation(paragraph, mark)
        paired = Applicability.SAFE if open_here else Applicability.UNSAFE
    elif mark.evidence == "shape":
        edit = Edit(offset, offset + 1, wanted)
    else:
        return None
    return Fix.of((edit,), paired, f'Turn the quote: "{preview(text, edit)}"')


def misoriented_quote(doc: Document, ctx: CheckContext) -> Iterator[Hit]:
    """Quote mark turned the wrong way, or on the wrong side of its space.

    What it catches:
        A curly mark whose curl says the opposite of its place: an opening mark glued to
        the word before it (``word“ next``), or alone after a sentence's end at the end of a
        paragraph (``Europe. “``). And a mark, curly or straight, that machine translation
        moved across its space: ``happened, “said Elias Morvath`` (a closing mark before a
        reporting verb from data/quotes-attribution.toml) and ``adding:” Ukrainian`` (an
        opening mark after a colon).
    Why:
        A turned mark reads as the start of a new quotation where one ends, and pairs
        every later mark of the paragraph the wrong way.
    Bad:
        “Nothing was agreed in advance,“ said Elias Morvath.
    Good:
        “Nothing was agreed in advance,” said Elias Morvath.
    Fix safety:
        Safe when the paragraph's marks pair up once the mark is turned, and for a mark at
        a paragraph's end after a sentence's end that closes a quotation still open; the
        turn keeps the text's spacing ("Europe. \u201c" becomes "Europe. \u201d"). Unsafe
        when the paragraph stays unbalanced (QUO001), since another mark may be the wrong
        one. No fix for a final mark after the paragraph's quotations all closed: it is a
        stray mark, not a closing one (QUO001 reports it). Measured on the damage simulator
        (benchmarks/damage.py, quote kind, seeds 1 to 10 and 14): 315 safe turns right, none
        wrong inside an artefact; the 3 edits a run makes elsewhere turn the 3 real slips of
        the WMT20 references ("concept, \u201deducating", "the \u201dlife tasks",
        "production. \u201c" with its quotation open).
    """
    text = doc.text
    # None plain: in a plain one each mark's curl and spacing agree with its role.
    for paragraph in analysed_paragraphs(doc):
        for mark in paragraph.marks:
            fix = _reorientation(text, mark, paragraph)
            if fix is None:
                continue
            should = "closing" if mark.role is Role.CLOSE else "opening"
            if mark.glyph_role is not None and mark.glyph_role is not mark.role:
                article = "an" if should == "opening" else "a"
                turned = mark.glyph_role.value.capitalize()
                problem = f"{turned} quote where {article} {should} one belongs"
            else:
                problem = f"{should.capitalize()} quote on the wrong side of its space"
            evidence = context(text, mark.offset, mark.offset + 1)
            yield Hit(f'{problem} in "{evidence}"', Span(mark.offset, mark.offset + 1), fix)
