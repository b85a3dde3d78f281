"""The document model: line index, paragraphs, protected spans, newlines, sharing."""

from __future__ import annotations

import pickle
import textwrap

from repair.document import Document, Protected, TextFormat, detect_newline
from repair.findings import Span
from tests.conftest import CLEAN_ARTICLE, MARKDOWN_ARTICLE, MT_ARTICLE, corpus_text


def test_every_offset_maps_to_its_line_and_column() -> None:
    text = corpus_text(MT_ARTICLE)
    doc = Document.from_text(text)
    lines = text.split("\n")
    assert len(doc.lines) == len(lines)
    for index, line in enumerate(lines):
        assert doc.line_text(index) == line
        start = doc.line_starts[index]
        assert doc.position(start) == (index + 1, 1)
        assert doc.line_index(start + len(line)) == index  # the line's end is on it
    word = "Munich"
    offset = text.index(word)
    line_number, column = doc.position(offset)
    assert lines[line_number - 1][column - 1 :].startswith(word)


def test_crlf_text_is_read_with_lf_and_remembers_its_ending() -> None:
    text = corpus_text(MT_ARTICLE)
    doc = Document.from_text(text.replace("\n", "\r\n"), path="story.txt")
    assert doc.newline == "\r\n"
    assert doc.text == text
    fixed = doc.with_text(doc.text.upper())
    assert (fixed.newline, fixed.path, fixed.format) == ("\r\n", "story.txt", TextFormat.PLAIN)
    assert detect_newline("a\r\nb\nc") == "mixed"
    mixed = Document.from_text("a\r\nb\nc")
    assert mixed.text == "a\r\nb\nc"  # mixed endings are kept as they are


def test_a_paragraph_a_line_in_the_corpus() -> None:
    text = corpus_text(MT_ARTICLE)
    doc = Document.from_text(text)
    assert not doc.is_hard_wrapped
    paragraphs = [text[p.start : p.end] for p in doc.paragraphs]
    assert paragraphs == [line for line in text.split("\n") if line.strip()]


def test_a_hard_wrapped_text_has_its_blocks_as_paragraphs() -> None:
    """The same article wrapped at 72 columns, blank lines between paragraphs."""
    originals = [line for line in corpus_text(MT_ARTICLE).split("\n") if line.strip()]
    wrapped = "\n\n".join(textwrap.fill(p, 72) for p in originals) + "\n"
    doc = Document.from_text(wrapped)
    assert doc.is_hard_wrapped
    unwrapped = [" ".join(wrapped[p.start : p.end].split("\n")) for p in doc.paragraphs]
    assert unwrapped == [" ".join(p.split()) for p in originals]
    middle = doc.paragraphs[3]
    assert doc.paragraph_of(middle.start + 10) == middle
    assert doc.paragraph_of(middle.end + 1) is None  # the blank line between paragraphs


def test_markdown_link_targets_and_autolinks_are_protected() -> None:
    text = corpus_text(MARKDOWN_ARTICLE)
    doc = Document.from_text(text, path=MARKDOWN_ARTICLE.name)
    assert doc.is_markdown
    targets = [
        text[p.span.start : p.span.end] for p in doc.protected if p.kind is Protected.LINK_TARGET
    ]
    assert targets and all(t.startswith("(") and t.endswith(")") for t in targets)
    urls = [text[p.span.start : p.span.end] for p in doc.protected if p.kind is Protected.URL]
    assert any(u.startswith("<https://") and u.endswith(">") for u in urls)
    # The link's text is not protected, its target is.
    label = text.index("[reported](")
    assert not doc.is_protected(Span(label + 1, label + 9))
    assert doc.is_protected(Span(label + 10, label + 11))
    assert not doc.is_protected(Span(label + 10, label + 11), allowed=[Protected.LINK_TARGET])
    assert [p.span.start for p in doc.protected] == sorted(p.span.start for p in doc.protected)


def test_the_same_text_as_plain_text_protects_only_the_urls() -> None:
    text = corpus_text(MARKDOWN_ARTICLE)
    doc = Document.from_text(text, path="page.txt")
    assert {p.kind for p in doc.protected} == {Protected.URL}


def test_urls_emails_entities_and_tags_in_plain_text() -> None:
    text = (
        "Read https://example.org/a_b?x=1. Write to desk@example.org or see "
        "WWW.example.net, and AT&amp;T <b>now</b>."
    )
    doc = Document.from_text(text)
    found = {(p.kind, text[p.span.start : p.span.end]) for p in doc.protected}
    assert found == {
        (Protected.URL, "https://example.org/a_b?x=1"),  # the full stop is the sentence's
        (Protected.EMAIL, "desk@example.org"),
        (Protected.URL, "WWW.example.net"),
        (Protected.ENTITY, "&amp;"),
        (Protected.HTML, "<b>"),
        (Protected.HTML, "</b>"),
    }
    at = text.index("a_b")
    assert doc.is_protected(Span(at, at))  # an insertion inside a URL touches it
    assert not doc.is_protected(Span(0, 4))


def test_an_analysis_is_computed_once_and_not_pickled() -> None:
    doc = Document.from_text(corpus_text(CLEAN_ARTICLE), path="clean.txt")
    calls: list[int] = []

    def words(document: Document) -> int:
        calls.append(1)
        return len(document.text.split())

    assert doc.shared("words", words) == doc.shared("words", words) > 100
    assert len(calls) == 1
    copy = pickle.loads(pickle.dumps(doc))
    assert (copy.text, copy.path, copy.newline) == (doc.text, doc.path, doc.newline)
    assert "_shared" not in copy.__dict__
