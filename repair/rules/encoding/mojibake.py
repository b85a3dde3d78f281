"""ENC002: mojibake, as ftfy recognises it.

Mojibake is ftfy's job: the rule asks it for a fix per line and turns the difference into
findings that carry ftfy's explanation. ftfy's other clean-ups (uncurling quotes, HTML
entities, control characters, width, normalisation) are off: they are rules of their own or
would change correct text.
"""

from __future__ import annotations

from collections.abc import Iterator
from typing import Final

from repair.document import Document
from repair.findings import Applicability, Fix, Hit, Span
from repair.rules.base import CheckContext, paragraph_findings
from repair.rules.encoding._visible import visible
from repair.rules.encoding.alignment import changed_regions
from repair.rules.encoding.ftfy_lines import (
    fix_line,
    line_to_fix,
    lines_apart,
    lines_to_fix_marked,
)
from repair.rules.scraping._lines import text_lines


def mojibake(doc: Document, ctx: CheckContext) -> Iterator[Hit]:
    """Text decoded with the wrong encoding (mojibake), as ftfy recognises it.

    What it catches:
        UTF-8 read as Windows-1252 or Latin-1 and saved again ("SchÃ¶n", "â€œquoteâ€\\x9d"),
        C1 control characters standing for Windows-1252 punctuation, and other damage
        ftfy's ``fix_encoding`` knows.
    Why:
        Mojibake makes words unreadable to people, dictionaries, search and MT metrics.
    Bad:
        Der Zug war schÃ¶n.
    Good:
        Der Zug war schön.
    Fix safety:
        Safe: ftfy's heuristics are built never to change correctly decoded text. Each
        fix carries ftfy's explanation (the encode/decode steps it took).
    """
    text = doc.text
    # Mojibake repeats (the same few characters broken the same way all through a
    # document): each distinct change is spelled out once.
    worded: dict[tuple[str, str, str], tuple[str, str]] = {}
    for span, replacement, steps in _mojibake_repairs(doc):
        change = (text[span.start : span.end], replacement, steps)
        words = worded.get(change)
        if words is None:
            words = worded[change] = _words(*change)
        message, title = words
        yield Hit(
            message,
            span,
            Fix.replace(span.start, span.end, replacement, Applicability.SAFE, title),
        )


def _words(before: str, replacement: str, steps: str) -> tuple[str, str]:
    """The message and the fix title of a finding that ``before`` stands for
    ``replacement``, as ftfy's ``steps`` found.

    >>> _words("\\u00c3\\u00a9", "\\u00e9", "encode latin-1, decode utf-8")[0]
    'Mojibake "\u00c3\u00a9" for "\u00e9" (ftfy: encode latin-1, decode utf-8)'
    """
    stands_for = (
        f'for "{visible(replacement)}"' if replacement else "dropped: it stands for nothing"
    )
    return (
        f'Mojibake "{visible(before)}" {stands_for} (ftfy: {steps})',
        f'Replace with "{visible(replacement)}"',
    )


def _find_mojibake_repairs(doc: Document) -> tuple[tuple[Span, str, str], ...]:
    """(span, ftfy's replacement, ftfy's steps) for each region ftfy would re-decode."""
    memo: dict[str, tuple[tuple[int, int, str, str], ...]] | None = doc.run_memo(_MEMO)
    if memo is not None and lines_apart():
        return _repairs_by_line(doc, memo)
    found = []
    for line, original, known_bad in lines_to_fix_marked(doc):
        fixed, steps = fix_line(original, known_bad)
        if fixed == original:
            continue
        for start, end, replacement in changed_regions(original, fixed):
            found.append((Span(line.start + start, line.start + end), replacement, steps))
    return tuple(found)


_MEMO: Final = "repair.rules.encoding.mojibake"


def _repairs_by_line(
    doc: Document, memo: dict[str, tuple[tuple[int, int, str, str], ...]]
) -> tuple[tuple[Span, str, str], ...]:
    """:func:`_find_mojibake_repairs` in a fix run: the repairs of each line (a function of
    its text alone: which lines ftfy is asked about, its fix and the alignment) kept by the
    line's text, so that a pass's check asks only about the lines it changed. The text
    checked again after the mojibake is repaired is mostly lines that hold characters
    outside ASCII and no mojibake, each searched again for a hit before."""
    found = []
    for line, part in zip(doc.lines, text_lines(doc), strict=True):
        if part.isascii():
            continue
        repairs = memo.get(part)
        if repairs is None:
            repairs = memo[part] = _line_repairs(part)
        for start, end, replacement, steps in repairs:
            found.append((Span(line.start + start, line.start + end), replacement, steps))
    return tuple(found)


def _line_repairs(part: str) -> tuple[tuple[int, int, str, str], ...]:
    """(start, end, replacement, steps) of each region of the line ``part`` ftfy would
    re-decode, offsets in the line."""
    known_bad = line_to_fix(part)
    if known_bad is None:
        return ()
    fixed, steps = fix_line(part, known_bad)
    if fixed == part:
        return ()
    return tuple(
        (start, end, replacement, steps) for start, end, replacement in changed_regions(part, fixed)
    )


def _mojibake_repairs(doc: Document) -> tuple[tuple[Span, str, str], ...]:
    return doc.shared(_MEMO, _find_mojibake_repairs)


def mojibake_spans(doc: Document) -> tuple[Span, ...]:
    """The spans of ``doc`` that ENC002 reports as mojibake, found once per document.

    For the rules of other families, which must not read mojibake as text: the "\u201d"
    of "\u00e2\u20ac\u201d" (an em dash read as cp1252) is no quote mark.
    """
    return doc.shared("repair.rules.encoding.mojibake.spans", _spans)


def _spans(doc: Document) -> tuple[Span, ...]:
    # ENC002 reports each repair once at its span: when the fix loop's check has its
    # findings in the whole text (after a pass, assembled from the paragraphs' without
    # asking ftfy about the lines of the unchanged ones), their spans are the repairs'.
    reported = paragraph_findings(doc, "ENC002")
    if reported is not None:
        return tuple([finding.span for finding in reported])
    return tuple(span for span, _, _ in _mojibake_repairs(doc))
