"""The QUO analysis's shortcuts give the reference answers on real and generated text.

- ``plain.looks_plain`` (one pattern over a paragraph) declares plain only paragraphs that
  ``plain_marks`` (a walk over the marks) finds plain; ``marks._analyse`` asks it only
  where ``in_prose`` kept every double mark of the paragraph.
- Plain paragraphs are built on demand: ``marks_at`` and ``analysed_paragraphs`` give what
  ``paragraphs`` (every paragraph built) gives.
"""

from __future__ import annotations

import json
from collections.abc import Iterator

import pytest
from hypothesis import given, settings
from hypothesis import strategies as st

from repair.config import Config
from repair.document import Document
from repair.rules.base import CheckContext
from repair.rules.quotes import RULES
from repair.rules.quotes import marks as quote_marks
from repair.rules.quotes.clues import DOUBLE_MARKS, Mark, offsets_of
from repair.rules.quotes.excluded import in_prose
from repair.rules.quotes.marks import Paragraph
from repair.rules.quotes.plain import looks_plain, plain_marks
from tests.conftest import EVAL, real_text_paths


def _texts() -> Iterator[tuple[str, str]]:
    for path in real_text_paths():
        yield path.name, path.read_text(encoding="utf-8", errors="replace")
    segments = EVAL / "mqm-zhen" / "segments.jsonl"
    if segments.exists():
        with segments.open(encoding="utf-8") as stream:
            lines = [json.loads(line) for line in stream]
        # Ten systems' outputs of each segment joined one a line: a text of many paragraphs.
        for start in range(0, len(lines), 500):
            chunk = lines[start : start + 500]
            yield f"segments-{start}.txt", "\n".join(record["target"] for record in chunk)


TEXTS = list(_texts())


def _pattern_against_walk(doc: Document) -> Iterator[tuple[bool, bool, str]]:
    """(looks_plain, plain_marks found it plain, the paragraph) for each paragraph with
    double marks all in prose."""
    text = doc.text
    everywhere = offsets_of(text, DOUBLE_MARKS)
    kept = in_prose(doc, everywhere)
    for span in doc.paragraphs:
        inside = [o for o in everywhere if span.start <= o < span.end]
        if not inside or [o for o in kept if span.start <= o < span.end] != inside:
            continue
        walked = plain_marks(text, span, inside) is not None
        yield looks_plain(text, span), walked, text[span.start : span.end]


def test_the_pattern_declares_plain_only_what_the_walk_does_on_real_text() -> None:
    assert len(TEXTS) > (5 if not EVAL.exists() else 100)
    agreed = 0
    for path, text in TEXTS:
        for pattern, walked, paragraph in _pattern_against_walk(
            Document.from_text(text, path=path)
        ):
            assert walked or not pattern, f"{path}: {paragraph!r}"
            agreed += pattern and walked
    # The shortcut is taken: most plain paragraphs are told so by the pattern.
    assert agreed > (20 if not EVAL.exists() else 1000)


_BEFORE = st.sampled_from(["", " ", "  ", "\t", "w", "We win, ", "won. ", "x:", "5'", "(", "`"])
_MARK = st.sampled_from([*DOUBLE_MARKS, "'", "\u2019", '"', "\u201c", "\u201d"])
_INSIDE = st.sampled_from(["word", "said Li", " w", "w ", "5'11", "it:", "he said", "a\u2019"])
_AFTER = st.sampled_from(["", " ", "w", ", he said", ".", "\u2026", ":", "\n", "\n\n", "\n "])
_PIECES = st.lists(st.one_of(_BEFORE, _MARK, _INSIDE, _AFTER), min_size=1, max_size=14)


@settings(max_examples=600, deadline=None)
@given(_PIECES, st.sampled_from(["a.txt", "a.md"]))
def test_the_pattern_declares_plain_only_what_the_walk_does_on_any_text(
    pieces: list[str], path: str
) -> None:
    doc = Document.from_text("".join(pieces), path=path)
    for pattern, walked, paragraph in _pattern_against_walk(doc):
        assert walked or not pattern, repr(paragraph)


@pytest.mark.parametrize(
    ("text", "plain"),
    [
        ('He said "no" and \u201cyes\u201d.', True),
        ("A \u201cB \u201cC\u201d D\u201d E.", True),
        ("A \u201cB \u201cC \u201cD\u201d E\u201d F\u201d.", False),  # three deep
        ("It was, \u201csaid Li\u201d again.", False),  # a reporting verb: closing
        ("It was,  \u201csaid Li\u201d again.", False),
        ("It was \u201csaid Li\u201d again.", True),  # no sentence mark before the space
        (" \u201csaid Li\u201d again.", False),  # the text's start: "" before the space
        ("\u201cHe added:\u201d We won.", False),
        ('He is "5\'11" tall.', False),
        ("A word\u201c turned.", False),
        ("Closed\u201d only.", False),
        ("A \u201e low mark\u201d.", False),
        ('Ends "open', False),
        ('"', False),
    ],
)
def test_what_the_pattern_declares_plain(text: str, plain: bool) -> None:
    doc = Document.from_text(text, path="a.txt")
    span = doc.paragraphs[-1]
    assert looks_plain(doc.text, span) == plain
    inside = offsets_of(doc.text, DOUBLE_MARKS, span.start, span.end)
    assert plain_marks(doc.text, span, inside) is not None or not plain


def test_a_mark_in_code_keeps_its_paragraph_from_the_pattern() -> None:
    # Every mark read, the paragraph pairs; the mark in code left out, one stays open.
    text = 'It is "open `and" closed` here.\n\nAnother "line" here.\n\nA third.\n'
    doc = Document.from_text(text, path="a.txt")
    assert looks_plain(doc.text, doc.paragraphs[0])
    unbalanced = next(rule for rule in RULES if rule.code == "QUO001")
    hits = list(unbalanced.check(doc, CheckContext(Config())))
    assert [hit.span.start for hit in hits] == [6]
    (first, second) = quote_marks.paragraphs(doc)
    assert not first.balanced and second.plain


def _all_marks(doc: Document) -> dict[int, tuple[Mark, Paragraph]]:
    return {m.offset: (m, p) for p in quote_marks.paragraphs(doc) for m in p.marks}


@pytest.mark.parametrize("chunk", range(3))
def test_marks_at_and_analysed_paragraphs_are_what_every_paragraph_built_gives(
    chunk: int,
) -> None:
    for path, text in TEXTS[chunk::3]:
        doc = Document.from_text(text, path=path)
        every = _all_marks(Document.from_text(text, path=path))
        offsets = offsets_of(doc.text, DOUBLE_MARKS + "'\u2019")
        assert quote_marks.marks_at(doc, offsets) == every, path
        # Some offsets only: the paragraphs holding one of them, whole.
        some = offsets[::3]
        spans = [p.span for p in quote_marks.paragraphs(doc)]
        holding = {s for s in spans if any(s.start <= o < s.end for o in some)}
        expected = {o: (m, p) for o, (m, p) in every.items() if p.span in holding}
        assert quote_marks.marks_at(doc, some) == expected, path
        analysed = quote_marks.analysed_paragraphs(doc)
        built = [quote_marks.built(doc.text, entry) for entry in quote_marks.quoted(doc)]
        assert list(quote_marks.paragraphs(doc)) == built
        assert [p for p in built if p in analysed] == list(analysed)
        lazy = [entry for entry in quote_marks.quoted(doc) if isinstance(entry, quote_marks.Plain)]
        assert len(analysed) + len(lazy) == len(built)
