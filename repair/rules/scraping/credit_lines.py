"""Where the photo credits of a document are (SCR001, SCR002): the lines that may hold one,
and the credits on them, alone or after a caption, found once per document."""

from __future__ import annotations

import functools
import itertools
import re
import string
from collections.abc import Iterator
from dataclasses import dataclass
from typing import Final

from repair import data
from repair.document import Document
from repair.findings import Span
from repair.rules.scraping import _memo
from repair.rules.scraping._common import (
    _agency_matches,
    _content_span,
    _credit_patterns,
    _CreditPatterns,
    _is_own_paragraph,
    _lines_holding,
    _unwrap,
)
from repair.rules.scraping._lines import (
    short_lines,
    stripped_lines,
    text_lines,
)
from repair.rules.scraping.credit_text import (
    _MAX_CREDIT_WORDS,
    _credit_strength,
    _loose_patterns,
    _match_credit,
)

_SENTENCE_ENDS: Final = ".!?\u2026"
_AFTER_SENTENCE_END: Final = r"""["\u201d\u2019)\]]?[ \t]+"""
_SENTENCE_GAP: Final = re.compile(f"[{re.escape(_SENTENCE_ENDS)}]{_AFTER_SENTENCE_END}")


@dataclass(frozen=True, slots=True)
class _Credit:
    line: int
    span: Span
    """The credit, emphasis included."""
    caption: Span | None
    """The caption on the same line before the credit, if there is one."""
    strong: bool = False
    """Set apart as only credits are (a separator, a "Photo:" label, a photo service): no
    headline reads so."""


_MAX_CREDIT_LINE_CHARS: Final = 120
_MAX_CAPTION_LINE_CHARS: Final = 480
_CREDIT_OPENING: Final = re.compile(r"[ \t*_(]*")
"""Emphasis or a bracket before a credit."""
_LED_CREDIT_START: Final = re.compile(r"^[ \t*_(]*(?:[^\W\d_]|\u00a9)")
_ASCII_CAPITALS: Final = frozenset(string.ascii_uppercase)


def _led_credit_lines(doc: Document) -> set[int]:
    """Lines that may hold a credit of :func:`_loose_patterns` (led by an agency or a label,
    so :func:`_credit_lines`, which looks at line ends, misses them): short lines that open
    with one, and lines where one follows a sentence (a caption's credit)."""
    return set(itertools.compress(itertools.count(), [kind & _LED for kind in _kinds(doc)]))


_ENDS: Final = 1
"""A line that ends as a credit does (:func:`_credit_ends`)."""
_LED: Final = 2
"""A line that may hold a credit led by an agency or a label (:func:`_led_in`)."""


def _kinds(doc: Document) -> list[int]:
    """``_ENDS`` and ``_LED`` of every line, found once and shared by the two searches.

    Each is a test of the line's text alone (a sentence gap holds no line break; short
    lines are short for their text): a fix run keeps each line's (:mod:`._memo`).
    """
    return doc.shared("repair.rules.scraping.credit_lines.kinds", _kinds_kept)


def _kinds_kept(doc: Document) -> list[int]:
    return _memo.line_values(doc, "credit_lines.kinds", text_lines(doc), _kinds_of_lines)


def _kinds_of_lines(doc: Document) -> list[int]:
    kinds = [0] * len(text_lines(doc))
    for index in _credit_ends(doc):
        kinds[index] = _ENDS
    for index in _led_in(doc):
        kinds[index] |= _LED
    return kinds


def _led_in(doc: Document) -> set[int]:
    """:func:`_led_credit_lines` of the lines of ``doc``, found in the whole text.

    ``agency_first`` and ``organisation`` take a "/" or a "|": most lines have neither, and
    are tried with the other patterns only. ``organisation`` and ``organisation_bare`` open
    with an ASCII capital (``[A-Z]``, case kept): a line that does not is not tried with them.
    """
    loose = _loose_patterns()
    agency_first, labelled = loose.agency_first.match, loose.labelled.match
    organisation, bare = loose.organisation.match, loose.organisation_bare.match
    led_start = _LED_CREDIT_START.match
    lines = text_lines(doc)
    found: set[int] = set()
    for index in short_lines(doc):  # a line of 120 characters or fewer is among them
        line = lines[index]
        if len(line) <= _MAX_CREDIT_LINE_CHARS and led_start(line):
            inner = _unwrap(line.strip())[0]
            capital = inner[:1] in _ASCII_CAPITALS
            # Tried in turn (no generator: this runs on most short lines of every check).
            if "/" in line or "|" in line:
                hit = (
                    agency_first(inner)
                    or labelled(inner)
                    or (capital and (organisation(inner) or bare(inner)))
                )
            else:
                hit = labelled(inner) or (capital and bare(inner))
            if hit:
                found.add(index)
    # After a caption: "... in Lisbon. AFP / Name". A line without "/" or "|" is tried with
    # the label pattern alone, so only where a gap comes before a label's first character
    # (:func:`_label_gap_starts`, searches of the whole text; none spans a line break).
    candidates = set(_lines_holding(doc, "/")).union(_lines_holding(doc, "|"))
    candidates.update(map(doc.line_index, _label_gap_starts(doc.text)))
    for index in sorted(candidates - found):
        line = lines[index]
        if len(line) > _MAX_CAPTION_LINE_CHARS:
            continue
        barred = "/" in line or "|" in line
        after_gap = (agency_first, labelled, organisation) if barred else (labelled,)
        for gap in _SENTENCE_GAP.finditer(line):
            start = _CREDIT_OPENING.match(line, gap.end())
            assert start is not None  # it matches the empty string
            if any(match(line, start.end()) for match in after_gap):
                found.add(index)
                break
    return found


@functools.cache
def _label_gap() -> re.Pattern[str]:
    """A sentence gap and the opening :data:`_CREDIT_OPENING` may take after it, before a
    character that can start a credit label (data/scraping-credits.toml ``[prefixes]``),
    in any case as ``re`` ignoring case takes it: a line where the label pattern matches
    after a gap holds a match of this one."""
    labels = data.table("scraping-credits")["prefixes"]["labels"]
    first = re.escape("".join(sorted({label[0] for label in labels})))
    return re.compile(rf"{_SENTENCE_GAP.pattern}{_CREDIT_OPENING.pattern}(?=(?i:[{first}]))")


def _label_gap_starts(text: str) -> Iterator[int]:
    """Where :func:`_label_gap` matches in ``text``, one sentence end after the other.

    A pattern that opens with a class of four characters is tried at every character of the
    text; one that opens with one character is tried only where that character is (``re``
    finds it as ``str.find`` does), and the sentence ends are rare but for ".": the four
    searches take a third of the time of the one. A match holds no sentence end but its
    first character, so none hides the start of another: the four find the same starts as
    the one, in another order."""
    for end, pattern in _label_gaps_by_end():
        if end in text:
            for gap in pattern.finditer(text):
                yield gap.start()


@functools.cache
def _label_gaps_by_end() -> tuple[tuple[str, re.Pattern[str]], ...]:
    """:func:`_label_gap`'s pattern for each sentence end apart."""
    tail = _label_gap().pattern.removeprefix(_SENTENCE_GAP.pattern)
    after = _AFTER_SENTENCE_END + tail
    return tuple((end, re.compile(re.escape(end) + after)) for end in _SENTENCE_ENDS)


def _agency_lines(doc: Document) -> Iterator[int]:
    """Indexes of the lines that name an agency, each once, in order."""
    seen = -1
    for match in _agency_matches(doc.text):
        index = doc.line_index(match.start())
        if index != seen:
            seen = index
            yield index


def _credit_lines(doc: Document) -> Iterator[int]:
    """The lines of :func:`_agency_lines` that may hold a credit, in order.

    A credit, alone or after a caption, ends its line: the line, without emphasis or
    parentheses, ends with the last word of an agency or a credit word (:func:`_kinds`).
    Only such lines are searched,
    each from the last character before it that no agency name holds (see
    :func:`_names_agency`), which gives what a search of the whole text gives there.
    """
    text = doc.text
    patterns = _credit_patterns()
    if patterns.agency_filter is None or any(char in text for char in _LOWER_CHANGES):
        yield from _agency_lines(doc)
        return
    everywhere: frozenset[int] | None = None
    ending = itertools.compress(itertools.count(), [kind & _ENDS for kind in _kinds(doc)])
    for index in ending:
        named = _names_agency(doc, index, patterns)
        if named is None:  # no such character near: search the whole text, once
            if everywhere is None:
                everywhere = frozenset(_agency_lines(doc))
            named = index in everywhere
        if named:
            yield index


def _credit_ends(doc: Document) -> Iterator[int]:
    """The lines of ``doc`` that end as a credit does: with the last word of an agency or a
    credit word, emphasis and a closing bracket aside."""
    last_words, last_letters, longest = _credit_ending()
    # The lines stripped: their leading white space cannot change what they end with, as
    # no last word holds white space.
    for index, line in enumerate(stripped_lines(doc)):
        if not line:
            continue
        if line[-1] not in "*_)" and line[-1].lower() not in last_letters:
            continue  # the test below, for a line with no emphasis or bracket to strip
        end = line.rstrip("*_")
        if end.endswith(")"):
            end = end[:-1].rstrip()
        if end[-1:].lower() in last_letters and end[-longest:].lower().endswith(last_words):
            yield index


@functools.cache
def _credit_ending() -> tuple[tuple[str, ...], frozenset[str], int]:
    """The last words a credit ends with, their last letters and the longest one's length."""
    last_words = _credit_patterns().last_words
    return last_words, frozenset(word[-1] for word in last_words), max(map(len, last_words))


_LOWER_CHANGES: Final = ("\u0130", "\u0131", "\u017f")
"""Characters whose lower case is not one character, or that ``re`` takes for "i" or "s"
when ignoring case: texts with them are searched as :func:`_agency_matches` says."""
_NOT_IN_AGENCY: Final = re.compile(r"[^\w.\-\s]")
"""A character that no match of the agency pattern or its filter holds."""
_LOOK_BACK: Final = 256


def _names_agency(doc: Document, index: int, patterns: _CreditPatterns) -> bool | None:
    """True when :func:`_agency_matches` over the text finds a match starting on line ``index``.

    No match (of the agency pattern or its filter) holds a character of ``_NOT_IN_AGENCY``,
    so none spans the point after the last one before the line: a search from there finds
    what the search of the whole text finds. ``None`` when there is no such character
    within ``_LOOK_BACK`` characters.
    """
    assert patterns.agency_filter is not None
    text = doc.text
    line = doc.lines[index]
    window_start = max(0, line.start - _LOOK_BACK)
    before = _NOT_IN_AGENCY.search(text[window_start : line.start][::-1])
    if before is not None:
        origin = line.start - before.start()
    elif window_start == 0:
        origin = 0
    else:
        return None
    lowered = text[origin : line.end].lower()
    match_at = patterns.agency.match
    resume = origin
    for candidate in patterns.agency_filter.finditer(lowered):
        start = origin + candidate.start()
        if start < resume:
            continue
        match = match_at(text, start)
        if match is not None:
            if start >= line.start:
                return True
            resume = match.end()
    return False


def _find_credits(doc: Document) -> tuple[_Credit, ...]:
    """The credits of a document, found once and shared by SCR001 and SCR002."""
    return doc.shared("repair.rules.scraping.credits", _search_credits)


def _search_credits(doc: Document) -> tuple[_Credit, ...]:
    return tuple(_credits(doc))


def _credits(doc: Document) -> Iterator[_Credit]:
    for index in sorted(set(_credit_lines(doc)) | _led_credit_lines(doc)):
        if not _is_own_paragraph(doc, index):
            continue
        content = _content_span(doc, index)
        text = doc.text[content.start : content.end]
        strength = _credit_strength(text, attached=False)
        if strength is not None:
            yield _Credit(index, content, None, strength)
            continue
        for gap in _SENTENCE_GAP.finditer(text):
            rest = text[gap.end() :]
            if len(rest.split()) <= _MAX_CREDIT_WORDS and _match_credit(rest, attached=True):
                lead = text[: gap.end()].rstrip()
                caption = Span(content.start, content.start + len(lead))
                yield _Credit(index, Span(content.start + gap.end(), content.end), caption)
                break
