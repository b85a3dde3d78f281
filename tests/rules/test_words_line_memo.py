"""Searches kept by line in a fix run (words/line_memo.py): a later pass's document, whose
lines are partly known, gets what a document that knows none gets; WRD005's search by line
finds what its search of the whole text found (main's, kept here as the reference)."""

from __future__ import annotations

import functools
import re
from collections import Counter
from itertools import cycle

from hypothesis import given, settings
from hypothesis import strategies as st

from repair.document import Document
from repair.findings import Applicability, Fix, Hit, Span
from repair.rules.words import capitals, phrase
from repair.rules.words.line_memo import search_by_line
from tests.rules.test_words_prefilters import _real_texts, _reference_phrases, _stuttered


@functools.cache
def _reference_pattern() -> re.Pattern[str]:
    """WRD005's pattern as main wrote it before its look-behind: every capitalized function
    word before spaces and a lowercase word, whatever stands before it."""
    words = sorted(
        word.capitalize()
        for word in capitals.function_words()
        if len(word) >= 2 and word.isascii() and word.isalpha() and word.islower()
    )
    return re.compile(rf"({'|'.join(words)})\b(?=[ \t]+[a-z0-9])")


def _reference_capitals(doc: Document) -> list[Hit]:
    """WRD005 as main wrote it: its pattern searched in the whole text, each match tested
    there."""
    text = doc.text
    words = capitals.function_words()
    found = []
    sentences = capitals._Sentences(doc)
    for match in _reference_pattern().finditer(text):
        space = match.start() - 1
        if space < 0 or text[space] not in " \t" or match[1].lower() not in words:
            continue
        if not capitals._lowercase_word_before(text, space):
            continue
        if sentences.on_headline(match.start(1)) or sentences.in_repeated_phrase(match.start(1)):
            continue
        found.append(match)
    uses = Counter(match[1] for match in found)
    hits = []
    for match in found:
        word = match[1]
        if uses[word] >= capitals._HOUSE_STYLE_USES:
            continue
        lower = word.lower()
        start, end = match.start(1), match.end(1)
        fix = Fix.replace(start, end, lower, Applicability.UNSAFE, f'Write "{lower}"')
        hits.append(Hit(f'Capitalized "{word}" in the middle of a sentence', Span(start, end), fix))
    return hits


def _capitals(doc: Document) -> list[Hit]:
    return list(capitals.capitalized_function_word(doc, None))


_SENTENCE_START = re.compile(r"(?<=[a-z][.,;] )([a-z]+)")


def _capitalized(text: str) -> str:
    """``text`` with the word after a sentence end or a comma capitalized, one time in two:
    function words capitalized mid-sentence, once or in the same word three times (a house
    style), and at the start of lines."""
    count = iter(range(10**9))
    return _SENTENCE_START.sub(
        lambda m: m[1].capitalize() if next(count) % 2 else m[1], text.replace(". ", " ")
    )


_PIECES = st.sampled_from(
    [
        "the",
        "The",
        "of",
        "Of",
        "In",
        "in",
        "it",
        "It",
        "x",
        "9",
        "_",
        " ",
        "  ",
        "\t",
        "\n",
        ".",
        "Hague",
    ]
)


@settings(derandomize=True, max_examples=500, deadline=None)
@given(text=st.lists(_PIECES, max_size=30).map("".join))
def test_capitals_are_the_reference_capitals(text: str) -> None:
    doc = Document(text)
    assert _capitals(doc) == _reference_capitals(doc)


def test_capitals_are_the_reference_capitals_in_real_text() -> None:
    found = 0
    for text in _real_texts():
        for source in (text, _capitalized(text)):
            doc = Document(source)
            expected = _reference_capitals(doc)
            assert _capitals(doc) == expected
            found += len(expected)
    assert found > 100


def _later_texts(texts: list[str]) -> list[tuple[Document, Document]]:
    """For each text after the first, a fix run's next document (half its lines from the
    document before, half new) and a fresh document of the same text."""
    document = Document(texts[0])
    document.keep_run_memo()
    pairs = [(document, Document(texts[0]))]
    for later_text in texts[1:]:
        before = document.text.split("\n")
        mixed = "\n".join(
            line if number % 2 else old
            for number, (line, old) in enumerate(zip(later_text.split("\n"), cycle(before)))
        )
        document = document.with_text(mixed)
        pairs.append((document, Document(mixed)))
    return pairs


def test_capitals_in_a_fix_run_are_those_of_a_fresh_document() -> None:
    texts = [_capitalized(text) for text in _real_texts()[:40]]
    found = 0
    for document, fresh in _later_texts(texts):
        expected = _reference_capitals(fresh)
        assert _capitals(document) == expected
        found += len(expected)
    assert found > 20


def _words_with_x(text: str) -> list[tuple[int, str]]:
    return [(match.start(), match[0]) for match in re.finditer(r"\w*x\w*", text)]


@settings(derandomize=True, max_examples=300, deadline=None)
@given(
    texts=st.lists(
        st.lists(st.sampled_from(["ax", "b", "x", " ", "\n", ""]), max_size=12).map("".join),
        min_size=1,
        max_size=5,
    )
)
def test_search_by_line_in_a_fix_run_is_the_search_of_the_whole_text(texts: list[str]) -> None:
    """Empty lines, lines with finds at their start and end, lines seen in a pass before."""
    for document, fresh in _later_texts(texts):
        expected = _words_with_x(fresh.text)
        assert search_by_line(document, "test.words-with-x", _words_with_x) == expected
        assert search_by_line(fresh, "test.words-with-x", _words_with_x) == expected


def _phrases(doc: Document) -> list[tuple[tuple[int, int], dict[str, str]]]:
    return [(match.span(), match.groupdict()) for match in phrase.repeated_phrases(doc)]


def test_repeated_phrases_in_a_fix_run_are_those_of_a_fresh_document() -> None:
    """Stuttered lines known from a pass before, new ones, and lines that follow a line
    ending in a quote mark (WRD007's chant test reads that mark)."""
    texts = [
        "\n".join(_stuttered(line, 2 + number % 3) for line in text.splitlines())
        for number, text in enumerate(_real_texts()[:40])
    ]
    texts[1:1] = ['He said "\nsaid that, said that."\nsaid that, said that.']
    found = 0
    for document, fresh in _later_texts(texts):
        expected = _reference_phrases(fresh)
        assert _phrases(document) == expected
        found += len(expected)
    assert found > 20
