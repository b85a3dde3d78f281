"""SCR008's word count (``count_words``: ASCII stand-ins, ``bytes.translate``) gives what
its definition (``count_words_by_regex``: ``_WORD.findall``, the first letter of each word
tested with ``str.isupper``) gives: on every block, line and file of the scraped evaluation
pages, on the mojibake and Chinese evaluation sets, on every code point of Unicode, and on
generated text of characters of every category."""

from __future__ import annotations

import contextlib
import json
import sys
import unicodedata
from collections.abc import Iterator
from pathlib import Path
from unittest import mock

import pytest
from hypothesis import given, settings
from hypothesis import strategies as st

from repair.document import Document
from repair.rules.scraping import _words as words
from repair.rules.scraping import chrome
from repair.rules.scraping._lines import visible
from repair.rules.scraping._words import (
    ascii_stand_ins,
    count_words,
    count_words_by_regex,
)
from tests.conftest import CORPUS, EVAL

SCRAPED = sorted((EVAL / "scraped").glob("*.txt")) + sorted((EVAL / "scraped").glob("*.md"))
needs_pages = pytest.mark.skipif(not SCRAPED, reason="../shared/eval/scraped is not there")


def _texts_of_page(path: Path) -> list[str]:
    """The page, each of its lines, and each of its blocks as SCR008 counts it (the visible
    text of its lines joined by spaces)."""
    doc = Document.from_text(path.read_text(encoding="utf-8"), path=str(path))
    lines = [line.strip() for line in doc.text.split("\n")]
    seen = [visible(line, doc.is_markdown) for line in lines]
    blocks = [" ".join(item.text for item in seen[a:b]) for a, b in chrome._blocks(lines)]
    return [doc.text, *doc.text.split("\n"), *blocks]


@needs_pages
def test_word_counts_of_the_scraped_pages() -> None:
    stood_in = 0
    for path in SCRAPED:
        for text in _texts_of_page(path):
            assert count_words(text) == count_words_by_regex(text), (path.name, text[:80])
            stood_in += not text.isascii() and ascii_stand_ins(text) is not None
    assert stood_in > 1000  # the pages have curly quotes, dashes and accents: the path is run


def test_word_counts_of_the_corpus_and_evaluation_sets() -> None:
    texts = [path.read_text(encoding="utf-8") for path in sorted(CORPUS.glob("*.*"))]
    for name in ("mojibake/cases.jsonl", "mqm-zhen/segments.jsonl"):
        path = EVAL / name
        if path.exists():
            for row in map(json.loads, path.read_text(encoding="utf-8").splitlines()):
                texts.extend(v for v in row.values() if isinstance(v, str))
    texts.append("\n".join(texts))  # more distinct characters than stand-ins: the regex
    assert texts
    for text in texts:
        assert count_words(text) == count_words_by_regex(text), text[:80]


def _probes(chars: str) -> str:
    """Each character at a word's start, inside a word, after a digit, and alone."""
    return " ".join(f"{c}x b{c}B 1{c}d _{c}'{c}-E {c}" for c in chars)


@contextlib.contextmanager
def _no_limits() -> Iterator[None]:
    """Every text made ASCII, however many of its characters are not (short texts made of
    the characters tried would else be counted with the regex)."""
    with (
        mock.patch.object(words, "_MOST_NON_ASCII_SHARE", 4.0),  # UTF-8: 4 bytes at most
        mock.patch.object(words, "_MOST_STAND_INS", sys.maxunicode),
    ):
        yield


def _counts_agree(text: str) -> None:
    expected = count_words_by_regex(text)
    assert count_words(text) == expected
    with _no_limits():
        assert ascii_stand_ins(text) is not None
        assert count_words(text) == expected


def test_word_counts_around_every_assigned_code_point() -> None:
    """Every assigned character of Unicode (all but unassigned, private-use and surrogate
    code points, which are neither letters nor digits), a few at a time, made ASCII beside
    letters, digits, apostrophes and hyphens."""
    chars = [
        char
        for char in map(chr, range(sys.maxunicode + 1))
        if unicodedata.category(char) not in ("Cn", "Co", "Cs")
    ]
    assert len(chars) > 140_000
    with _no_limits():
        for start in range(0, len(chars), 64):
            text = _probes("".join(chars[start : start + 64]))
            assert ascii_stand_ins(text) is not None
            expected = count_words_by_regex(text)
            assert count_words(text) == expected, [hex(ord(c)) for c in text[:1]]


_ANY_CHAR = st.characters(exclude_categories=["Cs"])
_PIECES = st.sampled_from(["a", "Z", "1", "_", "'", "-", " ", ".", "\u2019", "\u00c9", "\u00eb"])


@settings(derandomize=True, max_examples=500, deadline=None)
@given(
    alphabet=st.lists(_ANY_CHAR, min_size=1, max_size=24),
    picks=st.lists(st.tuples(st.booleans(), st.integers(0, 100)), max_size=60),
    pieces=st.lists(_PIECES, max_size=60),
)
def test_word_counts_of_text_of_every_category(
    alphabet: list[str], picks: list[tuple[bool, int]], pieces: list[str]
) -> None:
    """Text of a few characters of any category mixed with word pieces."""
    chosen = [alphabet[i % len(alphabet)] if own else "" for own, i in picks]
    text = "".join(a + b for a, b in zip(chosen, pieces, strict=False)) + "".join(chosen)
    _counts_agree(text)


@settings(derandomize=True, max_examples=300, deadline=None)
@given(st.text(_ANY_CHAR, max_size=80))
def test_word_counts_of_any_text(text: str) -> None:
    _counts_agree(text)


@pytest.mark.parametrize(
    "text", ["\udce9t\u00e9 Zo\u00eb", "A\ud800b \udfff\u00c9", "\ud83d\ude00 Hi"]
)
def test_word_counts_of_text_with_lone_surrogates(text: str) -> None:
    """Text decoded with surrogateescape holds lone surrogates, which UTF-8 refuses."""
    text += " and some plain words to keep the share of other characters low"
    assert ascii_stand_ins(text) is not None
    _counts_agree(text)
