"""The quote marks of a document and the role each plays: the analysis the QUO rules share.

Double marks (``"``, the curly pair and the low ``„``) are paired paragraph by paragraph. A
mark's role, opening or closing, comes from the strongest evidence at hand, in this order:

- *attribution*: a sentence mark, a space, then the mark and a reporting verb
  (``existed, “said David Roche``): machine translation swapped the closing mark and the
  space before it;
- *colon*: a colon, a closing-looking mark, a space and a capital (``adding:” Ukrainian``);
- *end*: a mark alone at the end of a paragraph after a sentence's end (``Europe. “``);
- *shape*: which side of the mark a space is on (``“word`` opens, ``word”`` closes);
- *glyph*: the curly mark's own orientation, when spaces are on both sides or neither;
- *pairing*: a straight mark with no other clue takes the role the alternation gives it.

A paragraph is *balanced* when its roles nest (two levels at most, as MT nests double
quotes) and end at depth zero, or at depth one when the next paragraph opens with a quote
(a quotation that runs over several paragraphs), or when the quotation left open opens the
paragraph and holds no other mark. A text of one paragraph is taken for an excerpt: its
first mark may close a quotation opened before it, and its last may open one.
"""

from __future__ import annotations

import enum
import functools
import re
from collections.abc import Iterator
from dataclasses import dataclass
from typing import Final, Literal

from repair import data
from repair.document import Document
from repair.findings import Span


class Role(enum.Enum):
    OPEN = "opening"
    CLOSE = "closing"


Evidence = Literal["attribution", "colon", "end", "shape", "glyph", "pairing"]
STRONG: Final = frozenset({"attribution", "colon", "end", "shape"})

DOUBLE_MARKS: Final = '"\u201c\u201d\u201e'
CURLY_OPEN: Final = "\u201c"
CURLY_CLOSE: Final = "\u201d"
_GLYPH_ROLE: Final = {"\u201c": Role.OPEN, "\u201e": Role.OPEN, "\u201d": Role.CLOSE}
_DOUBLE: Final = re.compile('["\u201c\u201d\u201e]')
_OPEN_BEFORE: Final = frozenset("([{<\u2014\u2013-/*_~")
_CLOSE_AFTER: Final = frozenset(".,;:!?)]}>\u2014\u2013-/*_~\u2026")
_SENTENCE_END: Final = frozenset(".?!\u2026")
_INCHES: Final = re.compile(r"\d'\d{0,2}$")  # 5'11" is feet and inches


@dataclass(frozen=True, slots=True)
class Mark:
    """One double quote mark: where it is, what it is and the role it plays."""

    offset: int
    char: str
    shape: Role | None
    role: Role
    evidence: Evidence

    @property
    def glyph_role(self) -> Role | None:
        return _GLYPH_ROLE.get(self.char)

    @property
    def is_certain(self) -> bool:
        return self.evidence in STRONG


@dataclass(frozen=True, slots=True)
class Paragraph:
    span: Span
    marks: tuple[Mark, ...]
    balanced: bool
    failure: Mark | None
    """The mark where the pairing broke: an extra closing mark or an unclosed opening one."""


@functools.cache
def _attribution_patterns() -> tuple[re.Pattern[str], re.Pattern[str]]:
    """(strong, weak): a reporting verb, with a pronoun or with up to three capitalised words."""
    table = data.table("quotes-attribution")
    verbs = "|".join(sorted(table["verbs"], key=len, reverse=True))
    pronouns = "|".join(table["pronouns"])
    strong = re.compile(rf"(?:(?i:{pronouns})\s+)?(?:{verbs})\b")
    weak = re.compile(rf"(?:[A-Z][\w\u2019'.-]*\s+){{1,3}}(?:{verbs})\b")
    return strong, weak


def shape_of(before: str, after: str) -> Role | None:
    """The role the spaces around a mark give it; ``None`` when both sides or neither are open.

    >>> shape_of(" ", "w"), shape_of("d", ","), shape_of(" ", " "), shape_of("d", "w")
    (<Role.OPEN: 'opening'>, <Role.CLOSE: 'closing'>, None, None)
    """
    left_open = before == "" or before.isspace() or before in _OPEN_BEFORE
    right_close = after == "" or after.isspace() or after in _CLOSE_AFTER
    if left_open and not right_close:
        return Role.OPEN
    if right_close and not left_open:
        return Role.CLOSE
    return None


def _evidence(text: str, index: int, weak: bool) -> tuple[Role, Evidence] | None:
    """The strong evidence for the mark at ``text[index]``, if any."""
    char = text[index]
    before, after = text[:index], text[index + 1 :]
    strong_attr, weak_attr = _attribution_patterns()
    head = before.rstrip(" \t")
    if head != before and head[-1:] in ",.?!":
        rest = after.lstrip(" \t")
        if rest == after and (strong_attr.match(after) or (weak and weak_attr.match(after))):
            return Role.CLOSE, "attribution"
    if head == before and head.endswith(":") and char in '"\u201d' and re.match(r" +[A-Z]", after):
        return Role.OPEN, "colon"
    if not after.strip() and head != before and head[-1:] in _SENTENCE_END:
        return Role.CLOSE, "end"
    shape = shape_of(before[-1:], after[:1])
    if shape is not None:
        return shape, "shape"
    return None


def _paragraph_marks(doc: Document, span: Span) -> list[tuple[int, str]]:
    text = doc.text
    found = []
    for match in _DOUBLE.finditer(text, span.start, span.end):
        offset = match.start()
        if match[0] == '"' and _INCHES.search(text, max(span.start, offset - 4), offset):
            continue
        if doc.protected and doc.is_protected(Span(offset, offset + 1)):
            continue
        found.append((offset, match[0]))
    return found


def _assign(
    text: str, start: int, found: list[tuple[int, str]], weak: bool, runs_in: bool
) -> tuple[list[Mark], Mark | None, list[Mark]]:
    """Give every mark a role and pair them: (marks, where pairing broke, unclosed marks)."""
    marks: list[Mark] = []
    stack: list[Mark] = []
    failure: Mark | None = None
    for offset, char in found:
        index = offset - start
        shape = shape_of(text[index - 1 : index], text[index + 1 : index + 2])
        evidence = _evidence(text, index, weak)
        if evidence is not None:
            mark = Mark(offset, char, shape, evidence[0], evidence[1])
        elif char in _GLYPH_ROLE:
            mark = Mark(offset, char, shape, _GLYPH_ROLE[char], "glyph")
        else:
            mark = Mark(offset, char, shape, Role.CLOSE if stack else Role.OPEN, "pairing")
        marks.append(mark)
        if mark.role is Role.OPEN:
            nested = bool(stack) and (
                len(stack) > 1 or mark.evidence == "pairing" or stack[-1].evidence == "pairing"
            )
            if nested and failure is None:
                failure = mark
            stack.append(mark)
        elif stack:
            stack.pop()
        elif failure is None and not (runs_in and len(marks) == 1):
            failure = mark
    return marks, failure, stack


def _pairing(
    text: str, start: int, found: list[tuple[int, str]], weak: bool, runs_in: bool, runs_on: bool
) -> tuple[list[Mark], Mark | None]:
    marks, failure, unclosed = _assign(text, start, found, weak, runs_in)
    if failure is None and unclosed:
        # One quotation left open may run on: into a next paragraph that opens with a quote
        # mark, or, when it is the paragraph's last mark, out of an excerpt or out of a
        # paragraph it opens (segmenting or scraping lost the next paragraph's mark).
        opener = unclosed[0]
        opens_paragraph = opener.offset - start == len(text) - len(text.lstrip(" \t>*_-"))
        last = opener is marks[-1] and (runs_in or opens_paragraph)
        if len(unclosed) > 1 or not (runs_on or last):
            failure = unclosed[-1]
    return marks, failure


def _analyse_paragraph(doc: Document, span: Span, runs_in: bool, runs_on: bool) -> Paragraph | None:
    """Pair the marks of one paragraph.

    ``runs_in`` (an excerpt): its first mark may close a quotation opened before it, and its
    last may open one that goes on after it. ``runs_on`` (the next paragraph opens with a
    quote mark): one quotation may stay open at its end.
    """
    found = _paragraph_marks(doc, span)
    if not found:
        return None
    text = doc.text[span.start : span.end]
    # First without the weak attributions ("Trump said" may open a quotation); with them
    # only when that alone makes the marks pair up.
    marks, failure = _pairing(text, span.start, found, False, runs_in, runs_on)
    if failure is not None:
        weak_marks, weak_failure = _pairing(text, span.start, found, True, runs_in, runs_on)
        if weak_failure is None:
            marks, failure = weak_marks, None
    return Paragraph(span, tuple(marks), failure is None, failure)


def _opens_with_quote(doc: Document, span: Span) -> bool:
    head = doc.text[span.start : span.start + 4].lstrip(" \t>*_-")
    return head[:1] in ('"', CURLY_OPEN, "\u201e")


def paragraphs(doc: Document) -> Iterator[Paragraph]:
    """The paragraphs of ``doc`` that hold double quote marks, analysed."""
    text = doc.text
    if '"' not in text and not any(c in text for c in DOUBLE_MARKS[1:]):
        return
    spans = doc.paragraphs
    # A text of one paragraph is an excerpt (a segment of a longer text, as MT and its
    # references are cut into sentences): a quotation may run into it and out of it.
    excerpt = len(spans) == 1
    for position, span in enumerate(spans):
        following = spans[position + 1] if position + 1 < len(spans) else None
        next_opens = following is not None and _opens_with_quote(doc, following)
        paragraph = _analyse_paragraph(doc, span, excerpt, next_opens)
        if paragraph is not None:
            yield paragraph


def context(text: str, start: int, end: int, words: int = 1) -> str:
    """The text from ``start`` to ``end`` with ``words`` words either side, on one line.

    >>> context("It is as if, \\u201csaid David Roche", 13, 14)
    'if, \\u201csaid'
    """
    left = start
    for _ in range(words):
        while left > 0 and text[left - 1] in " \t":
            left -= 1
        while left > 0 and not text[left - 1].isspace():
            left -= 1
    right = end
    for _ in range(words):
        while right < len(text) and text[right] in " \t":
            right += 1
        while right < len(text) and not text[right].isspace():
            right += 1
    return " ".join(text[left:right].split())
