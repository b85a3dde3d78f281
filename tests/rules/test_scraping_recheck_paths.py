"""The shortcuts that make the SCR rules' checks cheaper (most of all the re-checks of a fix
run) give what the plain definitions give, on the scraped evaluation pages, the sample
corpus and generated text.
"""

from __future__ import annotations

import pytest
from hypothesis import given, settings
from hypothesis import strategies as st

from repair.document import Document
from repair.rules.scraping import links, teasers
from tests.conftest import CORPUS, EVAL

SCRAPED = sorted((EVAL / "scraped").glob("*.txt")) + sorted((EVAL / "scraped").glob("*.md"))
TEXTS = SCRAPED + sorted(CORPUS.glob("*.txt")) + sorted(CORPUS.glob("*.md"))

needs_texts = pytest.mark.skipif(not SCRAPED, reason="../shared/eval/scraped is not there")


def _with_placeholders(text: str, target: str) -> str:
    """``text`` with placeholder links to ``target`` put into every seventh line, at its
    start, inside it and at its end (a page keeps few of its own: most texts have none)."""
    lines = text.split("\n")
    for index in range(0, len(lines), 7):
        line = lines[index]
        middle = len(line) // 2
        lines[index] = f"[{line[:middle]}]{target} {line[middle:]} ![a]{target} \\[more]{target}"
    return "\n".join(lines)


def _placeholder_findings(doc: Document) -> list[tuple[object, ...]]:
    return [(hit.message, hit.span, hit.fix) for hit in links.placeholder_link(doc, None)]  # type: ignore[arg-type]


def _searched_findings(doc: Document) -> list[tuple[object, ...]]:
    """The reference: the pattern searched over the whole text, with no test before."""
    return [(hit.message, hit.span, hit.fix) for hit in links._placeholder_hits(doc)]


@needs_texts
def test_placeholder_links_are_those_of_a_search_of_the_whole_text() -> None:
    found = 0
    for path in TEXTS:
        text = path.read_text(encoding="utf-8")
        for version in (text, _with_placeholders(text, "(#)"), _with_placeholders(text, "( #\t)")):
            doc = Document.from_text(version, path=str(path))
            expected = _searched_findings(doc)
            assert _placeholder_findings(doc) == expected, path
            found += len(expected)
    assert found > 1000  # the test sees links to find, not only texts without


_LINK_PIECES = st.sampled_from(
    ["[", "]", "(", ")", "#", "](#)", "](", "!", "\\", "a", "Word", " ", "\t", "\n", "\u00e9"]
)


@settings(derandomize=True, max_examples=500, deadline=None)
@given(text=st.lists(_LINK_PIECES, max_size=30).map("".join))
def test_placeholder_links_of_generated_text(text: str) -> None:
    doc = Document.from_text(text)
    assert _placeholder_findings(doc) == _searched_findings(doc)


def _reference_is_prose(text: str) -> bool:
    return len(text.split()) >= teasers._MIN_TEASER_WORDS


@needs_texts
def test_teaser_word_test_is_that_of_every_word() -> None:
    tried = 0
    for path in TEXTS:
        doc = Document.from_text(path.read_text(encoding="utf-8"), path=str(path))
        pieces = [doc.text[span.start : span.end] for span in doc.paragraphs]
        pieces += list(doc.line_texts)
        for piece in pieces:
            for text in (piece, piece.strip(), " ".join(piece.split()[:6]) + "  \n"):
                assert teasers._is_prose(text) == _reference_is_prose(text), (path, text)
                tried += 1
    assert tried > 10_000


@settings(derandomize=True, max_examples=500, deadline=None)
@given(
    text=st.lists(
        st.sampled_from(["w", "word", " ", "  ", "\t", "\n", "\u00a0", "\u2028", "\x1c", "."]),
        max_size=24,
    ).map("".join)
)
def test_teaser_word_test_of_generated_text(text: str) -> None:
    assert teasers._is_prose(text) == _reference_is_prose(text)
