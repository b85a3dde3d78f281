"""Where a dropped quote mark belonged, when the text around a broken pairing tells.

Machine translation and careless editing drop one mark of a pair. The pairing (marks.py)
finds where it broke; this module looks for the one place the lost mark can go:

- a closing mark lost before an attribution: ``“We will win, he said.`` closes after the
  comma, as news style sets the mark before the reporting clause;
- a closing mark lost at the end of a paragraph whose quotation opened a whole sentence
  (after a colon, or at the paragraph's start): ``He said: “We will win.``;
- an opening mark lost after a colon, or at the start of a paragraph whose only quotation
  ends before an attribution: ``We will win,” he said.``

A quoted term's lost mark goes where the term shows its bounds (terms.py): the same term
quoted in full elsewhere, a list of quoted terms, a name in title case. Anywhere else
(``called it unfair” and``) the lost mark's place is unknown.
"""

from __future__ import annotations

import functools
import re
from typing import Final, NamedTuple

from repair import data
from repair.document import Document
from repair.findings import Edit
from repair.rules.quotes.marks import (
    CURLY_CLOSE,
    CURLY_OPEN,
    DOUBLE_MARKS,
    Mark,
    Paragraph,
    Role,
    attributed_end,
    attribution_clause,
)
from repair.rules.quotes.terms import (
    close_in_list,
    close_repeated,
    close_title,
    open_in_list,
    open_repeated,
    open_title,
    terms_punctuated_outside,
)

_SENTENCE_END: Final = frozenset(".?!")
_PARAGRAPH_LEAD: Final = " \t>*_-#"
"""What may come before a paragraph's first word: indentation and Markdown markup."""
_ATTRIBUTION_MARK: Final = re.compile("[,?!]")
"""The mark a match of :func:`~repair.rules.quotes.clues.attributed_end` starts with."""
_WHOLE_SENTENCE_LEAD: Final = re.compile(r"[:,][\x20\t]*$")
"""Before an opening mark, what makes its quotation a whole sentence: "said: “", "said, “"."""


@functools.cache
def _colon_before() -> re.Pattern[str]:
    """A colon that introduces a quotation: after a reporting word ("said:", "adding:"),
    not inside a title ("Gardening: How often should tomatoes be watered")."""
    table = data.table("quotes-attribution")
    words = "|".join(sorted({*table["verbs"], *table["colon-verbs"]}, key=len, reverse=True))
    return re.compile(rf"\b(?:{words}|[a-z]+(?=:[\x20\t]+.*[.?!][\"\u201d]$)):[\x20\t]+(?=[A-Z])")


_SENTENCE_BREAK: Final = re.compile(
    r"""(?:[?!\u2026]
          | (?<!\b[A-Z])(?<!\b[A-Z][a-z])(?<!\b[A-Z][a-z]{2})\.  # "Mr." "Mrs." "U.S." end none
        )[\"\u201d\u2019)]*[\x20\t]+[\"\u201c(]?[A-Z0-9]""",
    re.VERBOSE,
)
"""The end of a sentence and the start of the next, inside a paragraph."""


class Placement(NamedTuple):
    """Where a lost mark goes, and the evidence that says so."""

    edit: Edit
    evidence: str


def _glyph(partner: Mark, role: Role) -> str:
    if partner.char == '"':
        return '"'
    return CURLY_OPEN if role is Role.OPEN else CURLY_CLOSE


def open_quotation_at(paragraph: Paragraph, failure: Mark) -> Mark | None:
    """The quotation open where ``failure`` stands, as the pairing left it."""
    stack: list[Mark] = []
    for mark in paragraph.marks:
        if mark is failure:
            break
        if mark.role is Role.OPEN:
            stack.append(mark)
        elif stack:
            stack.pop()
    return stack[-1] if stack else None


def _opens_whole_sentence(text: str, opener: Mark) -> bool:
    """Whether ``opener`` starts its line or follows "said:" or "said,": a quotation of
    whole sentences, which ends at a clause's end, not a quoted term ("the “Four Islands")."""
    line_start = text.rfind("\n", 0, opener.offset) + 1
    lead = text[line_start : opener.offset]
    if not lead.strip(_PARAGRAPH_LEAD):
        return True
    # After a comma, only a capital opens a sentence: "Lorenz, “the father of chaos,”" is a term.
    capital = text[opener.offset + 1 : opener.offset + 2]
    return _WHOLE_SENTENCE_LEAD.search(lead) is not None and (
        capital.isupper() or lead.rstrip().endswith(":")
    )


def _lost_closing(doc: Document, paragraph: Paragraph, opener: Mark, stop: int) -> Placement | None:
    """Where the closing mark of ``opener`` went, looking up to ``stop``."""
    text = doc.text
    wanted = _glyph(opener, Role.CLOSE)
    repeated = close_repeated(doc, opener.offset, stop)
    if repeated is not None:
        return Placement(Edit.insert(repeated, wanted), "repeated term")
    if _opens_whole_sentence(text, opener):
        placement = _close_sentence(text, paragraph, opener, stop, wanted)
        if placement is not None:
            return placement
    return _close_term(doc, opener, stop, wanted)


def _close_sentence(
    text: str, paragraph: Paragraph, opener: Mark, stop: int, wanted: str
) -> Placement | None:
    """Where a quotation of whole sentences ends: before its attribution, or at the end
    of a paragraph when one sentence runs from the opening mark to it."""
    attribution = _attributed_end_before(text, opener.offset + 1, stop)
    if attribution is not None:
        at = attribution.start() if _punctuation_outside_attribution(text) else attribution.end()
        return Placement(Edit.insert(at, wanted), "attribution")
    if stop != paragraph.span.end:
        return None
    # The paragraph's end without trailing white space; the opening mark inside it is no
    # white space, so the stripping stops inside the paragraph (no copy of the text before).
    start = paragraph.span.start
    end = start + len(text[start : paragraph.span.end].rstrip())
    if text[end - 1] not in _SENTENCE_END or "\n" in text[opener.offset : end]:
        return None
    # A quoted sentence keeps its own full stop inside the marks, in British style too.
    if _SENTENCE_BREAK.search(text, opener.offset + 1, end) is None:
        return Placement(Edit.insert(end, wanted), "sentence end")
    return Placement(Edit.insert(end, wanted), "paragraph end")


def _attributed_end_before(text: str, start: int, stop: int) -> re.Match[str] | None:
    """The first match of :func:`attributed_end` that starts in ``text[start:stop]``.

    Each comma, question or exclamation mark before ``stop`` is matched where it stands,
    against the whole text: the clause's own end, past ``stop``, must be seen, but a
    search need not run on to the text's end when no mark before ``stop`` starts a match.

    >>> _attributed_end_before("\u201cWe win, he said. Then, she said.", 1, 8).start()
    7
    """
    match = attributed_end().match
    for mark in _ATTRIBUTION_MARK.finditer(text, start, stop):
        found = match(text, mark.start())
        if found is not None:
            return found
    return None


def _inside_clause(text: str, offset: int) -> bool:
    """Whether a word stands right before the mark at ``offset`` ("the “", "as “"): a
    quotation inside a clause, not one that opens a sentence.

    >>> _inside_clause("known as \u201cThe", 9), _inside_clause("cheap. \u201cIf", 7)
    (True, False)
    """
    before = text[max(0, offset - 40) : offset].split()
    # A word, not a link's end ("](https://example.org/page \u201cTitle"): letters only
    return bool(before) and before[-1].replace("-", "").replace("\u2019", "").isalpha()


def _close_term(doc: Document, opener: Mark, stop: int, wanted: str) -> Placement | None:
    """Where a quoted term ends: before the next term of its list, or after its name."""
    text = doc.text
    if stop < len(text) and text[stop] in DOUBLE_MARKS:
        at = close_in_list(text, opener.offset, stop)
        if at is not None:
            if text[at] == "," and not terms_punctuated_outside(doc):
                at += 1
            return Placement(Edit.insert(at, wanted), "list")
    at = close_title(text, opener.offset, stop) if _inside_clause(text, opener.offset) else None
    if at is not None:
        if text[at : at + 1] in (".", ",") and not terms_punctuated_outside(doc):
            at += 1
        return Placement(Edit.insert(at, wanted), "title")
    return None


def _starts_sentence(text: str, start: int) -> bool:
    """Whether a sentence starts at the paragraph's ``start``: a capital after a blank line,
    or after a line that ended one (a page cut at its width breaks sentences over lines).

    >>> _starts_sentence("with the\\nRepublicans said", 9), _starts_sentence("Done.\\nWe", 6)
    (False, True)
    """
    head = text[start:].lstrip(_PARAGRAPH_LEAD)
    if not head[:1].isupper() and not head[:1].isdigit():
        return False
    before = text[:start].rstrip(" \t")
    if not before or before.endswith("\n\n") or not before.endswith("\n"):
        return True
    return before.rstrip()[-1:] in '.?!:\u2026"\u201d)'


@functools.lru_cache(maxsize=4)
def _punctuation_outside_attribution(text: str) -> bool:
    """Whether the text closes its quotations before the comma of an attribution
    (``win”, he said``) more often than after it (``win,” he said``).

    Remembered for the last texts: each lost mark placed before an attribution asks.
    """
    outside_pattern, inside_pattern = _comma_beside_mark()
    outside = len(outside_pattern.findall(text))
    inside = len(inside_pattern.findall(text))
    # With no evidence, inside: British style too sets the comma of a quoted sentence
    # inside its marks; only quoted terms take it outside ("“unfair”, he said").
    return outside > inside


@functools.cache
def _comma_beside_mark() -> tuple[re.Pattern[str], re.Pattern[str]]:
    """(a closing mark then a comma, a comma then a closing mark), before an attribution."""
    attribution = attribution_clause().pattern
    return (
        re.compile(rf"[\"\u201d],(?={attribution})"),
        re.compile(rf",[\"\u201d](?={attribution})"),
    )


def _lost_opening(doc: Document, paragraph: Paragraph, closer: Mark) -> Placement | None:
    """Where the opening mark of ``closer`` went: after a colon, or the paragraph's start."""
    text = doc.text
    before = [mark for mark in paragraph.marks if mark.offset < closer.offset]
    start = before[-1].offset + 1 if before else paragraph.span.start
    wanted = _glyph(closer, Role.OPEN)
    repeated = open_repeated(doc, closer.offset, start)
    if repeated is not None:
        return Placement(Edit.insert(repeated, wanted), "repeated term")
    placement = _open_sentence(text, paragraph, closer, start, wanted)
    if placement is not None:
        return placement
    if before and before[-1].role is Role.CLOSE:
        at = open_in_list(text, before[-1].offset, closer.offset)
        if at is not None:
            return Placement(Edit.insert(at, wanted), "list")
    # ",”" "?”" ".”": the closing mark of a quoted sentence more often than of a name
    ends_sentence = text[closer.offset - 1 : closer.offset] in (",", "?", "!", ".")
    at = None if ends_sentence else open_title(text, closer.offset, start)
    if at is not None:
        return Placement(Edit.insert(at, wanted), "title")
    return None


def _open_sentence(
    text: str, paragraph: Paragraph, closer: Mark, start: int, wanted: str
) -> Placement | None:
    """Where a quotation of whole sentences opens: after a colon, or at the start of a
    paragraph of one sentence."""
    before = [mark for mark in paragraph.marks if mark.offset < closer.offset]
    colons = list(_colon_before().finditer(text, start, closer.offset + 1))
    if colons:
        at = colons[-1].end()
        if _SENTENCE_BREAK.search(text, at, closer.offset):
            return None  # the quotation may open at any of the sentences after the colon
        return Placement(Edit.insert(at, wanted), "colon")
    if before or "\n" in text[start : closer.offset]:
        return None
    if _SENTENCE_BREAK.search(text, start, closer.offset) or not _starts_sentence(text, start):
        return None  # it may open at any sentence of the paragraph, or before the line
    ends_clause = text[closer.offset - 1 : closer.offset] in (",", "?", "!")
    if not ends_clause or attribution_clause().match(text, closer.offset + 1) is None:
        return None
    lead = len(text[start : closer.offset]) - len(
        text[start : closer.offset].lstrip(_PARAGRAPH_LEAD)
    )
    return Placement(Edit.insert(start + lead, wanted), "paragraph start")


def place_lost_mark(doc: Document, paragraph: Paragraph) -> Placement | None:
    """Where the mark lost from ``paragraph``'s broken pairing goes, if the text tells."""
    failure = paragraph.failure
    if failure is None:
        return None
    if failure.role is Role.CLOSE:
        if failure.evidence == "end" or open_quotation_at(paragraph, failure) is not None:
            return None
        return _lost_opening(doc, paragraph, failure)
    opener = open_quotation_at(paragraph, failure)
    if opener is not None:
        # A quotation opens while one is open: the first lost its closing mark before it.
        return _lost_closing(doc, paragraph, opener, failure.offset)
    following = [mark for mark in paragraph.marks if mark.offset > failure.offset]
    if not following:
        return _lost_closing(doc, paragraph, failure, paragraph.span.end)
    if following[0].role is Role.OPEN:
        # Left open, with the next quotation nested in it by the pairing: "“A, he said. “B.”"
        return _lost_closing(doc, paragraph, failure, following[0].offset)
    return None
