"""A fix run's QUO re-check, from what the run keeps by line, finds what a full check finds.

In a fix run, a text laid out one paragraph a line gives the pairing of marks.py its
paragraphs with marks from a table kept by line (repair/rules/quotes/kept_lines.py: each
line's double marks and looks_plain's verdicts), and the lost-mark placement counts the
quoted terms from facts kept by line (terms.term_counts). These tests compare both, at
every pass of real fix runs on the sample corpus and ../shared/eval and on edited and
generated texts, with a document that keeps nothing (the whole-text search), and with the
placement's reference: the spans of every quoted term (``terms._quoted_terms``).
"""

from __future__ import annotations

from collections.abc import Iterator
from pathlib import Path
from unittest import mock

import pytest
from hypothesis import given, settings
from hypothesis import strategies as st

from repair.config import Config
from repair.document import Document
from repair.findings import Finding
from repair.fixer import Revision, fix_document
from repair.recheck import Rechecker
from repair.rules.quotes import kept_lines, terms
from repair.rules.quotes import marks as quote_marks
from repair.rules.quotes.clues import DOUBLE_MARKS, offsets_of
from tests.conftest import CORPUS, EVAL


def _paths() -> list[Path]:
    paths = sorted(CORPUS.glob("*.txt"))
    paths += sorted((EVAL / "mqm-zhen" / "docs").glob("*.txt"))[:20]
    return paths + sorted((EVAL / "scraped").glob("*.txt"))[:30]


def _elsewhere(spans: tuple[tuple[int, int], ...], start: int, end: int) -> bool:
    return any(quoted_end <= start or quoted_start >= end for quoted_start, quoted_end in spans)


def _close_repeated(doc: Document, opener: int, stop: int) -> int | None:
    """terms.close_repeated as it was, from every quoted term's spans."""
    text, best = doc.text, None
    for term, spans in terms._quoted_terms(doc).items():
        end = opener + 1 + len(term)
        if end > stop or not text.startswith(term, opener + 1):
            continue
        if end < len(text) and (text[end].isalnum() or text[end] in DOUBLE_MARKS):
            continue
        if _elsewhere(spans, opener, end) and (best is None or end > best):
            best = end
    return best


def _open_repeated(doc: Document, closer: int, start: int) -> int | None:
    text, best = doc.text, None
    for term, spans in terms._quoted_terms(doc).items():
        begin = closer - len(term)
        if begin < start or not text.startswith(term, begin):
            continue
        if begin and (text[begin - 1].isalnum() or text[begin - 1] in DOUBLE_MARKS):
            continue
        if _elsewhere(spans, begin, closer) and (best is None or begin < best):
            best = begin
    return best


def _punctuated_outside(doc: Document) -> bool:
    inside = outside = 0
    for start, length, term, short in terms._quotations_with_terms(doc.text):
        if short and term[-1:] in ".,":
            inside += 1
        elif short and doc.text[start + length : start + length + 1] in (".", ","):
            outside += 1
    return outside >= inside


def _built(doc: Document) -> list[quote_marks.Paragraph]:
    return [quote_marks.built(doc.text, entry) for entry in quote_marks.quoted(doc)]


def _same_as_full(doc: Document) -> None:
    """What the run kept gives what a document that keeps nothing gives."""
    fresh = Document(doc.text, path=doc.path, text_format=doc.format)
    assert _built(doc) == _built(fresh)
    counts = {term: len(spans) for term, spans in terms._quoted_terms(fresh).items()}
    assert terms.term_counts(doc) == (counts, _punctuated_outside(fresh))
    for paragraph in quote_marks.paragraphs(doc):
        start, end = paragraph.span.start, paragraph.span.end
        for mark in paragraph.marks:
            assert terms.close_repeated(doc, mark.offset, end) == _close_repeated(
                fresh, mark.offset, end
            )
            assert terms.open_repeated(doc, mark.offset, start) == _open_repeated(
                fresh, mark.offset, start
            )


@pytest.mark.parametrize("path", _paths(), ids=lambda p: p.name)
def test_each_pass_of_a_fix_run_reads_what_a_full_check_reads(path: Path) -> None:
    recheck = Rechecker(Config())
    by_line = []

    def check(doc: Document, since: Revision | None = None, /) -> list[Finding]:
        found = recheck(doc, since)
        by_line.append(kept_lines.line_groups(doc) is not None)
        _same_as_full(doc)
        return found

    text = path.read_text(encoding="utf-8", errors="replace")
    fix_document(Document.from_text(text, path=str(path)), check, unsafe=True)
    doc = Document.from_text(text, path=str(path))
    if not doc.is_hard_wrapped:
        assert all(by_line)  # the passes read the table kept by line


def _variants(text: str) -> Iterator[str]:
    """``text`` as a later pass could leave it: lines moved, doubled, parted by blank lines
    or by lines of white space, marks added at a line's start after an apostrophe."""
    lines = text.split("\n")
    yield "\n".join(reversed(lines))
    yield "\n".join(lines[1:] + lines[:1])
    yield "\n\n".join(lines)
    yield "\n  \n".join(lines[:20]) + "\n" + "\n".join(lines[20:])
    yield text + "\n" + text
    yield text.replace(".\n", " '90s'\n\"A\" b \u201cc\u201d.\n", 3)
    yield text.replace("\u201d", '"', 4).replace("\u201c", '"', 4)
    yield text.replace("\n", "\n\u201c", 5)


@pytest.mark.parametrize("path", _paths()[:16], ids=lambda p: p.name)
def test_edited_texts_with_a_filled_table_read_what_full_ones_do(path: Path) -> None:
    first = Document.from_text(path.read_text(encoding="utf-8", errors="replace"))
    first.keep_run_memo()
    _same_as_full(first)
    for variant in _variants(first.text):
        later = first.with_text(variant)
        _same_as_full(later)
        _same_as_full(later.with_text(variant + "\n" + first.text))


LEAD_BOUND = 'the investors\'\n"A" or not.\nAnd more.'
"""A line whose verdict reads the line before: its straight closing mark is the fourth
character after an apostrophe (no inch mark, no plain paragraph for looks_plain)."""


def test_a_verdict_the_line_before_decides_is_kept_by_that_line() -> None:
    first = Document(LEAD_BOUND.replace("investors'", "investors."))
    first.keep_run_memo()
    _same_as_full(first)
    later = first.with_text(LEAD_BOUND)
    _same_as_full(later)
    plain = [isinstance(entry, quote_marks.Plain) for entry in quote_marks.quoted(later)]
    assert plain == [False]


def test_a_table_blind_to_the_line_before_would_give_another_answer() -> None:
    """The test above can fail: with each line's verdict kept by its text alone, the later
    text takes the verdict the apostrophe changed."""
    blind = lambda line, offsets: [tuple(offsets), None]  # noqa: E731
    with mock.patch.object(kept_lines, "_record", blind):
        first = Document(LEAD_BOUND.replace("investors'", "investors."))
        first.keep_run_memo()
        quote_marks.quoted(first)
        later = first.with_text(LEAD_BOUND)
        fresh = Document(LEAD_BOUND)
        assert _built(later) != _built(fresh)


def test_counts_that_miss_the_quotation_a_mark_closes_would_place_a_mark() -> None:
    """close_repeated's one check on the line: the only quotation of the term ends at the
    mark asked about, so the term is not quoted elsewhere."""
    glued = '"soft landing"soft landing, he said'
    doc = Document(glued)
    assert terms.close_repeated(doc, 13, len(glued)) is None
    with mock.patch.object(terms, "_closes_term_before", lambda *_: False):
        assert terms.close_repeated(Document(glued), 13, len(glued)) == 26


def test_a_pair_of_the_same_length_that_quotes_another_term_is_not_the_terms() -> None:
    """The mark at 5 closes a quotation of "A", as long as "," is: "," is still quoted
    elsewhere (found by the hypothesis property below)."""
    text = '",""A",'
    assert terms.close_repeated(Document(text), 5, len(text)) == len(text)
    assert _close_repeated(Document(text), 5, len(text)) == len(text)


_WORDS = st.sampled_from(["soft landing", "A", "word,", "5'11", "it's", "x" * 30, "a b c"])
_MARKS = st.sampled_from(['"', "\u201c", "\u201d", "\u201e", "'", ".\u201d", '",', " ", ""])
_LINES = st.lists(st.one_of(_WORDS, _MARKS), max_size=8).map("".join)


@settings(max_examples=300, deadline=None)
@given(st.lists(_LINES, min_size=1, max_size=6), st.lists(st.lists(_LINES, max_size=6), max_size=3))
def test_any_later_text_with_a_filled_table_reads_what_a_full_one_does(
    lines: list[str], later: list[list[str]]
) -> None:
    doc = Document.from_text("\n".join(lines))
    doc.keep_run_memo()
    _same_as_full(doc)
    for more in later:
        doc = doc.with_text("\n".join(more + lines[: len(more)]))
        _same_as_full(doc)


def test_the_lines_searched_again_are_searched_as_the_whole_text() -> None:
    """A line the table has not seen is searched alone: its marks are those of the text."""
    text = 'a "b" c\n\u201cd\u201d\ne'
    doc = Document(text)
    doc.keep_run_memo()
    quote_marks.quoted(doc)
    table = doc.run_memo(kept_lines.TABLE)
    assert table is not None
    for line in text.split("\n"):
        found = table[line]
        assert (found[0] if found else ()) == tuple(offsets_of(line, DOUBLE_MARKS))


@settings(max_examples=300, deadline=None)
@given(st.lists(st.sampled_from(["", "a", '"', '""', 'b"c', " \u201c"]), min_size=1, max_size=8))
def test_the_first_check_hands_each_mark_to_its_line(lines: list[str]) -> None:
    doc = Document("\n".join(lines))
    offsets = offsets_of(doc.text, DOUBLE_MARKS)
    expected = [
        (index, [o for o in offsets if span.start <= o < span.end])
        for index, span in enumerate(doc.lines)
        if any(span.start <= o < span.end for o in offsets)
    ]
    assert list(kept_lines._by_line(doc.line_starts, offsets)) == expected
