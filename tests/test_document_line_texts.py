"""``Document.line_texts`` (the text split once) gives each line as the spans of
``Document.lines`` cut it from the text, and ``line_text``, the lengths and the plain
paragraphs built on it are those cut from the text: on the sample corpus, every text of
../shared/eval and made-up text with every kind of line break and white space."""

from __future__ import annotations

import itertools

import pytest
from hypothesis import given, settings
from hypothesis import strategies as st

from repair.document import Document
from tests.conftest import CORPUS, EVAL

TEXTS = sorted(path for path in (*EVAL.rglob("*"), *CORPUS.glob("*")) if path.is_file())


def _assert_lines_cut_from_text(doc: Document) -> None:
    text = doc.text
    cut = [text[span.start : span.end] for span in doc.lines]
    assert list(doc.line_texts) == cut
    assert [doc.line_text(index) for index in range(len(doc.lines))] == cut
    assert doc.line_text(-1) == cut[-1]
    if not doc.is_markdown and not doc.is_hard_wrapped:
        blank = [not piece.strip() for piece in cut]
        assert doc.paragraphs == tuple(itertools.compress(doc.lines, [not b for b in blank]))


@pytest.mark.skipif(not TEXTS, reason="../shared/eval and corpus/ are not there")
def test_line_texts_are_the_lines_cut_from_real_texts() -> None:
    checked = 0
    for path in TEXTS[:400]:
        text = path.read_text(encoding="utf-8", errors="replace")[:200_000]
        for doc in (Document.from_text(text, path=path.name), Document(text, path="a.txt")):
            _assert_lines_cut_from_text(doc)
            checked += len(doc.lines)
    assert checked > 10_000


@settings(max_examples=300, deadline=None)
@given(
    st.text(alphabet=st.sampled_from("ab \t\n\r\x0b\x0c\x1c\x85\u2028\u2029\u00e9\u4e2d\U0001f600"))
)
def test_line_texts_are_the_lines_cut_from_made_up_text(text: str) -> None:
    _assert_lines_cut_from_text(Document(text, path="a.txt"))
