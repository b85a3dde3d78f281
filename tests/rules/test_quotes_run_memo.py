"""The QUO analysis in a fix run (Document.run_memo) finds what it finds in a fresh document.

A fix run keeps each paragraph's full analysis (the clues and the pairing) under the
paragraph's text, its marks' offsets in it and the flags its neighbours set
(repair/rules/quotes/marks.py), and hands it to the next passes wherever the paragraph then
stands. These tests run real fix runs on the sample corpus and the texts of
../shared/eval, and edited and generated texts, and compare every pass's paragraphs and QUO
findings with those of a document that has no memo.
"""

from __future__ import annotations

from collections.abc import Iterator
from pathlib import Path

import pytest
from hypothesis import given, settings
from hypothesis import strategies as st

from repair.config import Config
from repair.document import Document
from repair.findings import Finding, Hit, Span
from repair.fixer import Revision, fix_document
from repair.recheck import Rechecker
from repair.rules.base import CheckContext
from repair.rules.quotes import RULES
from repair.rules.quotes import marks as quote_marks
from tests.conftest import CORPUS, EVAL

CONTEXTS = tuple(CheckContext(Config(quote_style=style)) for style in ("auto", "curly", "straight"))
PARAGRAPH_MEMO = "repair.rules.quotes.marks.paragraph"


def _paths() -> list[Path]:
    paths = sorted(CORPUS.glob("*.txt")) + sorted(CORPUS.glob("*.md"))
    paths += sorted((EVAL / "mqm-zhen" / "docs").glob("*.txt"))[:20]
    paths += sorted((EVAL / "scraped").glob("*.txt"))[:30] + sorted((EVAL / "scraped").glob("*.md"))
    return paths


def _found(doc: Document) -> tuple[object, dict[str, list[Hit]]]:
    hits = {
        f"{rule.code} {context.config.quote_style}": list(rule.check(doc, context))
        for rule in RULES
        for context in CONTEXTS
    }
    return quote_marks.paragraphs(doc), hits


def _fresh(doc: Document) -> Document:
    fresh = Document(doc.text, path=doc.path, text_format=doc.format)
    assert fresh.run_memo(PARAGRAPH_MEMO) is None
    return fresh


@pytest.mark.parametrize("path", _paths(), ids=lambda p: p.name)
def test_each_pass_of_a_fix_run_finds_what_a_fresh_check_finds(path: Path) -> None:
    config = Config()
    recheck = Rechecker(config)
    checked: list[Document] = []

    def check(doc: Document, since: Revision | None = None, /) -> list[Finding]:
        found = recheck(doc, since)
        assert _found(doc) == _found(_fresh(doc)), f"pass {len(checked)}"
        checked.append(doc)
        return found

    text = path.read_text(encoding="utf-8", errors="replace")
    first = Document.from_text(text, path=str(path))
    fix_document(first, check, unsafe=True)
    # The memo was there to be used: every pass after the first read its tables.
    assert all(doc.run_memo(PARAGRAPH_MEMO) is not None for doc in checked)


def _variants(text: str) -> Iterator[str]:
    """``text`` as later passes could leave it: every offset moved, paragraphs reordered
    (a paragraph's neighbours change), a quotation closed and one turned."""
    blocks = text.split("\n\n")
    yield "\u201cA new first line,\u201d he said.\n\n" + text
    yield "\n\n".join(reversed(blocks))
    yield "\n\n".join(blocks[1:] + blocks[:1])
    yield text.replace('"', "\u201c", 1).replace("\u201d", '"', 2)
    yield text.replace(" \u201c", " ", 1)


@pytest.mark.parametrize("path", _paths()[:12], ids=lambda p: p.name)
def test_edited_texts_with_a_filled_memo_find_what_fresh_ones_do(path: Path) -> None:
    text = path.read_text(encoding="utf-8", errors="replace")
    first = Document.from_text(text, path=str(path))
    first.keep_run_memo()
    _found(first)
    for variant in _variants(first.text):
        later = first.with_text(variant)
        assert _found(later) == _found(_fresh(later))
        assert later.run_memo(PARAGRAPH_MEMO) is not None


def test_the_kept_answer_depends_on_the_marks_read_not_the_text_alone() -> None:
    # The same paragraph text with other marks taken for quote marks (the others lie in
    # code or mojibake): the answer kept for one set of marks must not serve the other.
    doc = Document('A "b c, "said Li. "d" e "f.')
    doc.keep_run_memo()
    span = Span(0, len(doc.text))
    analyse = quote_marks._Memoised(doc)
    for candidates in ([2, 8, 18, 20, 24], [2, 8], [18, 20], [2, 8, 18, 20, 24], [24]):
        for flags in ((False, False, False), (True, False, False), (False, True, True)):
            expected = quote_marks._analyse_paragraph(doc, span, candidates, *flags)
            assert analyse(span, candidates, *flags) == expected


_WORDS = st.sampled_from(["He said", "A", "word", "Li", "It was,", "adding:", "5'11", "the end."])
_MARKS = st.sampled_from(['"', "\u201c", "\u201d", "\u201e", " \u201c", "\u201d ", '" ', ' "'])
_PARAGRAPHS = st.lists(st.one_of(_WORDS, _MARKS), min_size=1, max_size=8).map(" ".join)


@settings(max_examples=300, deadline=None)
@given(
    st.lists(_PARAGRAPHS, min_size=1, max_size=6),
    st.lists(st.tuples(st.integers(0, 5), _PARAGRAPHS), max_size=4),
    st.sampled_from(["\n\n", "\n"]),
    st.sampled_from(["a.txt", "a.md"]),
)
def test_any_later_text_with_a_filled_memo_finds_what_a_fresh_one_does(
    paragraphs: list[str], changes: list[tuple[int, str]], separator: str, path: str
) -> None:
    first = Document.from_text(separator.join(paragraphs), path=path)
    first.keep_run_memo()
    _found(first)
    later_paragraphs = list(paragraphs)
    for index, paragraph in changes:  # paragraphs put in, each moving those after it
        later_paragraphs.insert(index % (len(later_paragraphs) + 1), paragraph)
    for text in (separator.join(later_paragraphs), separator.join(reversed(paragraphs))):
        later = first.with_text(text)
        assert _found(later) == _found(_fresh(later))
