"""The QUO rules' fast path for plain paragraphs (repair/rules/quotes/plain.py) gives the full
analysis's answer, and no rule that reads a paragraph's double marks reports one it declares
plain.

The reference is the analysis with the fast path turned off (``plain_marks`` answering
``None``, so that every paragraph goes through the clues and the pairing). Both are run on
the sample corpus, the texts of ../shared/eval (MQM documents and segments, scraped pages)
and generated text made of every quote glyph and the words and marks around them.
"""

from __future__ import annotations

import itertools
import json
from collections.abc import Iterator
from pathlib import Path
from unittest import mock

import pytest
from hypothesis import given, settings
from hypothesis import strategies as st

from repair.config import Config
from repair.document import Document
from repair.findings import Hit
from repair.rules.base import CheckContext
from repair.rules.quotes import RULES
from repair.rules.quotes import marks as quote_marks
from repair.rules.quotes.clues import DOUBLE_MARKS, offsets_of
from repair.rules.quotes.excluded import in_prose
from repair.rules.quotes.plain import plain_marks
from tests.conftest import EVAL, real_text_paths

CONTEXTS = tuple(CheckContext(Config(quote_style=style)) for style in ("auto", "curly", "straight"))
# The rules that read nothing but a paragraph's double marks: silent on a plain paragraph.
SILENT_ON_PLAIN = frozenset({"QUO001", "QUO002", "QUO003", "QUO007"})


def _texts() -> Iterator[tuple[str, str]]:
    """(path, text): the corpus, the MQM documents and scraped pages, and the MQM segments
    (each a text of one paragraph: an excerpt, read so by the analysis) joined in fives."""
    for path in real_text_paths():
        yield path.name, path.read_text(encoding="utf-8", errors="replace")
    segments = EVAL / "mqm-zhen" / "segments.jsonl"
    if segments.exists():
        with segments.open(encoding="utf-8") as stream:
            for number, line in enumerate(stream):
                record = json.loads(line)
                yield f"segment-{number}.txt", record["target"]
                if number % 10 == 0:  # the references repeat for each of the ten systems
                    yield f"reference-{number}.txt", record["reference"]


TEXTS = list(_texts())


def _reference(text: str, path: str) -> Document:
    """A document whose quote analysis was made without the fast path."""
    doc = Document.from_text(text, path=path)
    with (
        mock.patch.object(quote_marks, "plain_marks", lambda *_: None),
        mock.patch.object(quote_marks, "kept_looks_plain", lambda *_: False),
    ):
        quote_marks.quoted(doc)  # kept by the document for every rule that asks
    return doc


def _hits(doc: Document) -> dict[str, list[Hit]]:
    return {
        f"{rule.code} {context.config.quote_style}": list(rule.check(doc, context))
        for rule in RULES
        for context in CONTEXTS
    }


def _differences(text: str, path: str) -> Iterator[str]:
    """How the fast path parts from the full analysis on ``text``; empty when it does not."""
    doc = Document.from_text(text, path=path)
    reference = _reference(text, path)
    fast = quote_marks.paragraphs(doc)
    full = quote_marks.paragraphs(reference)
    if [paragraph[:5] for paragraph in fast] != [paragraph[:5] for paragraph in full]:
        yield f"{path}: the paragraphs' analyses differ"
    if any(paragraph.plain for paragraph in full):
        yield f"{path}: the reference used the fast path"
    # Whatever a plain paragraph's neighbours: the full analysis, under every flag, agrees.
    candidates = in_prose(doc, offsets_of(text, DOUBLE_MARKS))
    for paragraph in fast:
        if not paragraph.plain:
            continue
        span = paragraph.span
        inside = [offset for offset in candidates if span.start <= offset < span.end]
        for flags in itertools.product((False, True), repeat=3):
            alone = quote_marks._analyse_paragraph(reference, span, inside, *flags)
            if alone is None or alone[:5] != (paragraph.span, paragraph.marks, True, None, 0):
                yield f"{path}: {text[span.start : span.end]!r} is not plain with {flags}"
    found, expected = _hits(doc), _hits(reference)
    for key, hits in found.items():
        if hits != expected[key]:
            yield f"{path}: {key} finds {hits} with the fast path, {expected[key]} without"
    plain_spans = [paragraph.span for paragraph in fast if paragraph.plain]
    for key, hits in found.items():
        if key.split()[0] not in SILENT_ON_PLAIN:
            continue
        for hit in hits:
            for span in plain_spans:
                if span.start <= hit.span.start < span.end:
                    yield f"{path}: {key} reports {hit.message!r} in a plain paragraph"


def test_real_texts_hold_plain_paragraphs_and_others() -> None:
    """The texts below exercise both paths: the fast path declares many paragraphs plain,
    and declines many (else the comparison would prove nothing)."""
    plain = other = 0
    for path, text in TEXTS[:300]:
        for paragraph in quote_marks.paragraphs(Document.from_text(text, path=path)):
            plain += paragraph.plain
            other += not paragraph.plain
    assert plain > 300
    assert other > 100


@pytest.mark.parametrize("chunk", range(4))
def test_the_fast_path_agrees_with_the_full_analysis_on_real_text(chunk: int) -> None:
    assert len(TEXTS) > (10 if not EVAL.exists() else 1000)
    failures = [failure for path, text in TEXTS[chunk::4] for failure in _differences(text, path)]
    assert not failures, failures[:5]


# A generated text is made of quotations, each a pair of marks (any glyph) with what may
# stand before, inside and after it: the contexts where a clue other than the marks'
# spacing could speak. Most pairs are plain; a single odd glyph or context makes the
# paragraph one the fast path must decline.
_MARKS = st.sampled_from([*DOUBLE_MARKS, *"'\u2018\u2019\u00ab\u00bb"])
_OPENING = st.one_of(st.sampled_from('"\u201c'), _MARKS)
_CLOSING = st.one_of(st.sampled_from('"\u201d'), _MARKS)
_BEFORE = st.sampled_from(
    ["", " ", "\t", "word", "We win, ", "won.\t", "added:", "5'", "(", "x = "]
)
_INSIDE = st.sampled_from(
    [
        "word",
        "said Li",
        " word",
        "word ",
        "5'11",
        "it:",
        "Li \u201cA\u201d B",
        "a \u201cb \u201cc\u201d d\u201d e",
        "a \u201cb\u201d and \u201cc",
    ]
)
_AFTER = st.sampled_from(["", " ", "word", " We", ", he said", ".", "\u2026"])
_QUOTATIONS = st.tuples(_BEFORE, _OPENING, _INSIDE, _CLOSING, _AFTER).map("".join)
_PARAGRAPHS = st.lists(_QUOTATIONS, min_size=1, max_size=3).map(" ".join)
_TEXTS = st.lists(
    st.tuples(_PARAGRAPHS, st.sampled_from(["\n", "\n\n", " ", ""])).map("".join), max_size=5
).map("".join)


@settings(max_examples=500, deadline=None)
@given(_TEXTS, st.sampled_from(["a.txt", "a.md"]))
def test_the_fast_path_agrees_with_the_full_analysis_on_any_text(text: str, path: str) -> None:
    failures = list(_differences(text, path))
    assert not failures, failures


@pytest.mark.parametrize(
    ("text", "plain"),
    [
        ('He said "no" and \u201cyes\u201d.', True),
        ("A \u201cB \u201cC\u201d D\u201d E.", True),  # nested two deep
        ("A \u201cB \u201cC \u201cD\u201d E\u201d F\u201d.", False),  # three deep: fails
        ("It was, \u201csaid Li\u201d again.", False),  # a reporting verb makes it closing
        ("It was, \u201cwe won\u201d.", True),
        ("\u201cHe added:\u201d We won.", False),  # after a colon a mark may open
        ('He is "5\'11" tall.', False),  # inches
        ("A word\u201c turned.", False),  # glued to the word before: turned
        ("Open \u201conly.", False),
        ("Closed\u201d only.", False),
        ("A \u201e low mark\u201d.", False),
        ("It ends. \u201d", False),  # alone after a sentence's end
        ("Spaced \u201c out \u201d marks.", False),
        ("It was,\t\u201csaid Li\u201d again.", False),
        ("First line.\n  \u201csaid Li\u201d again.", False),  # "" before the spaces
        ("First line,\n  \u201cwe won\u201d again.", True),
    ],
)
def test_what_is_plain(text: str, plain: bool) -> None:
    doc = Document.from_text(text, path="a.txt")
    span = doc.paragraphs[-1]  # the one with the marks
    found = plain_marks(text, span, offsets_of(text, DOUBLE_MARKS, span.start, span.end))
    assert (found is not None) == plain
    assert not list(_differences(text, "a.txt"))


def test_a_plain_paragraph_is_marked_so_and_keeps_its_roles() -> None:
    text = 'First "one" here.\n\nThen, \u201csaid Li.\n\nLast \u201ctwo\u201d.'
    found = quote_marks.paragraphs(Document.from_text(text, path=str(Path("a.txt"))))
    assert [paragraph.plain for paragraph in found] == [True, False, True]
    assert [mark.role.value for mark in found[0].marks] == ["opening", "closing"]
