"""QUO001's quoted terms in a fix run are those of a fresh document and of one search of
the text.

The pairs of marks that may quote a term (repair/rules/quotes/terms.py) are walked from
the double marks' offsets the pairing found (quotes/found.py), not searched for again; the
terms, their spans and the punctuation statistics are then built over the whole text.
These tests run real fix runs on the sample corpus and ../shared/eval, and edited and
generated texts, and compare what each pass reads with what a document with no memo reads
and with the reference search of the whole text (``_searched``: the terms of every pair of
marks ``offsets_of`` finds in the text).
"""

from __future__ import annotations

from collections.abc import Iterator
from pathlib import Path

import pytest
from hypothesis import given, settings
from hypothesis import strategies as st

from repair.config import Config
from repair.document import Document
from repair.findings import Finding
from repair.fixer import Revision, fix_document
from repair.recheck import Rechecker
from repair.rules.quotes import terms
from repair.rules.quotes.clues import offsets_of
from repair.rules.quotes.marks import DOUBLE_MARKS
from tests.conftest import CORPUS, EVAL

MEMO = f"{terms.__name__}.quotations"


def _paths() -> list[Path]:
    paths = sorted(CORPUS.glob("*.txt")) + sorted(CORPUS.glob("*.md"))
    paths += sorted((EVAL / "mqm-zhen" / "docs").glob("*.txt"))[:20]
    return paths + sorted((EVAL / "scraped").glob("*.txt"))[:30]


def _read(doc: Document) -> tuple[object, ...]:
    """Everything the lost-mark placement reads of the quoted terms."""
    return (
        terms.quotations(doc),
        terms._quoted_terms(doc),
        terms.terms_punctuated_outside(doc),
        # the reference: one search of the whole text, as a check outside a fix run does
        _searched(doc.text),
    )


def _searched(text: str) -> list[terms.Quotation]:
    """The quotations of ``text``, from its double marks found by a search of its own."""
    return terms._with_terms(text, terms._pairs(text, offsets_of(text, DOUBLE_MARKS)))


def _same_as_fresh(doc: Document) -> None:
    fresh = Document(doc.text, path=doc.path, text_format=doc.format)
    assert fresh.run_memo(MEMO) is None
    kept, expected = _read(doc), _read(fresh)
    assert kept == expected
    assert kept[0] == kept[3]


@pytest.mark.parametrize("path", _paths(), ids=lambda p: p.name)
def test_each_pass_of_a_fix_run_reads_the_terms_a_fresh_check_reads(path: Path) -> None:
    recheck = Rechecker(Config())
    checked: list[Document] = []

    def check(doc: Document, since: Revision | None = None, /) -> list[Finding]:
        found = recheck(doc, since)
        _same_as_fresh(doc)
        checked.append(doc)
        return found

    text = path.read_text(encoding="utf-8", errors="replace")
    fix_document(Document.from_text(text, path=str(path)), check, unsafe=True)
    # The memo was used: every pass read its table.
    assert all(doc.run_memo(MEMO) is not None for doc in checked)


def _variants(text: str) -> Iterator[str]:
    """``text`` as a later pass could leave it: offsets moved, lines joined and split, marks
    added, dropped and turned, lines swapped."""
    lines = text.split("\n")
    yield '\u201cA new\u201d "first" line.\n' + text
    yield "\n".join(reversed(lines))
    yield text.replace("\n", " ", 3)
    yield text.replace(", ", ",\n", 2)
    yield text.replace('"', "\u201c", 1).replace("\u201d", '"', 2)
    yield text.replace(" \u201c", " ", 1).replace('" ', " ", 1)
    yield text.replace("\u201d", "\u201d.", 2).replace(".\u201d", "\u201d", 2)


@pytest.mark.parametrize("path", _paths()[:16], ids=lambda p: p.name)
def test_edited_texts_with_a_filled_memo_read_what_fresh_ones_do(path: Path) -> None:
    first = Document.from_text(path.read_text(encoding="utf-8", errors="replace"))
    first.keep_run_memo()
    _same_as_fresh(first)
    for variant in _variants(first.text):
        later = first.with_text(variant)
        _same_as_fresh(later)
        # and once more, from a memo that now holds both texts' lines
        _same_as_fresh(later.with_text(variant + "\n" + first.text))


_WORDS = st.sampled_from(["soft landing", "A", "word,", "Li", "It was.", "x" * 79, "a b c d e f g"])
_MARKS = st.sampled_from(['"', "\u201c", "\u201d", "\u201e", ".\u201d", "\u201d,", '",', " "])
_LINES = st.lists(st.one_of(_WORDS, _MARKS), max_size=8).map("".join)


@settings(max_examples=300, deadline=None)
@given(st.lists(_LINES, min_size=1, max_size=6), st.lists(st.lists(_LINES, max_size=6), max_size=3))
def test_any_later_text_with_a_filled_memo_reads_what_a_fresh_one_does(
    lines: list[str], later: list[list[str]]
) -> None:
    doc = Document.from_text("\n".join(lines))
    doc.keep_run_memo()
    _same_as_fresh(doc)
    for more in later:
        doc = doc.with_text("\n".join(more + lines[: len(more)]))
        _same_as_fresh(doc)
