"""The STR rules' fast paths find what their plain definitions find, on generated text and
on the corpus and evaluation texts (the plain definition, the code before the shortcut, is
kept here)."""

from __future__ import annotations

import itertools
from pathlib import Path

import pytest
from hypothesis import given, settings
from hypothesis import strategies as st

from repair.document import Document
from repair.rules.structure import broken
from tests.conftest import CORPUS, EVAL

TEXTS = [*sorted(CORPUS.glob("*.*")), *sorted((EVAL / "scraped").glob("*.txt"))]


def _plain_one_line_paragraphs(doc: Document) -> bool:
    """``broken._count_line_paragraphs`` as it was: the text split again, pairs of lines."""
    if doc.is_markdown or doc.is_hard_wrapped:
        return False
    lines = doc.text.rstrip().split("\n")
    to_a_line = to_a_blank = 0
    for line, following in itertools.pairwise(lines):
        if line.strip():
            if following.strip():
                to_a_line += 1
            else:
                to_a_blank += 1
    return to_a_line > to_a_blank


_LINES = st.sampled_from(
    ["", " ", "\t", "\u2028", "\u00a0", "\r", "a", "A line, cut", "  b  ", "x\u00a0", "\f"]
)


@settings(derandomize=True, max_examples=800, deadline=None)
@given(lines=st.lists(_LINES, max_size=14))
def test_one_line_paragraphs_are_counted_as_pair_by_pair(lines: list[str]) -> None:
    doc = Document.from_text("\n".join(lines))
    assert broken._count_line_paragraphs(doc) == _plain_one_line_paragraphs(doc)


def test_one_line_paragraphs_with_blank_lines_at_the_end() -> None:
    """Blank lines after the last line with text are not a break after it."""
    for text in ("a\nb\n\n\n\n", "a\nb\n \n\u2028\n", "a\n\nb\nc\n\n\n", " \n\n", ""):
        doc = Document.from_text(text)
        assert broken._count_line_paragraphs(doc) == _plain_one_line_paragraphs(doc), text


@pytest.mark.parametrize("path", TEXTS, ids=lambda p: p.name)
def test_one_line_paragraphs_of_the_corpus_and_pages(path: Path) -> None:
    doc = Document.from_text(path.read_text(encoding="utf-8"), path=str(path))
    assert broken._count_line_paragraphs(doc) == _plain_one_line_paragraphs(doc)
