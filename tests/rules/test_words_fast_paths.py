"""WRD fast paths of wave 3: each compared with the way main computed it, kept here as the
reference, on the sample corpus, ../shared/eval and generated text."""

from __future__ import annotations

import re

from hypothesis import given, settings
from hypothesis import strategies as st

from repair import text as repair_text
from repair.document import Document
from repair.rules.scraping import _lines as text_lines_module
from repair.rules.words import prose
from repair.text import ASCII_WORD
from tests.rules.test_words_prefilters import _eval_texts

_REFERENCE_LETTER = re.compile(r"[^\W\d_]")


def _reference_is_prose_line(line: str) -> bool:
    """``is_prose_line`` as main wrote it: words and numbers always counted, letters one by
    one."""
    body = prose._QUOTE_PREFIX.sub("", line)
    if prose._SYMBOLS.search(body):
        return False
    tokens = len(ASCII_WORD.findall(body)) + len(re.findall(r"\d+", body))
    lone = len(prose._LONE_LETTER.findall(body))
    if lone >= 2 and 3 * lone >= tokens:
        return False
    visible = len(body) - body.count(" ")
    return 2 * len(_REFERENCE_LETTER.findall(body)) >= visible


def test_prose_lines_are_the_reference_prose_lines_in_real_texts() -> None:
    lines = [line for text in _eval_texts() for line in text.split("\n")]
    verdicts = [prose.is_prose_line(line) for line in lines]
    assert verdicts == [_reference_is_prose_line(line) for line in lines]
    assert 100 < verdicts.count(False) < len(lines) - 1000


# Lone letters (variables, "a", "I", initials), numbers in several scripts, letters outside
# ASCII, numerals that are no digits (superscripts, fractions, Roman numerals), symbols and
# spaces.
_LINE_PIECES = st.sampled_from(
    [
        "x",
        "i",
        "a",
        "I",
        "J.",
        "the",
        "sum",
        "12",
        "\u0663",
        "\u00b2",
        "\u00bd",
        "\u2167",
        "\u00e9t\u00e9",
        "_",
        "-",
        "'",
        ".",
        "=",
        "> ",
        " ",
        " ",
        "   ",
    ]
)


@settings(derandomize=True, max_examples=1000, deadline=None)
@given(line=st.lists(_LINE_PIECES, max_size=25).map("".join))
def test_prose_lines_are_the_reference_prose_lines(line: str) -> None:
    assert prose.is_prose_line(line) == _reference_is_prose_line(line)


def test_prose_verdicts_in_a_fix_run_are_those_of_fresh_documents() -> None:
    """A fix run keeps each line's verdict by its text: a later document whose lines are
    partly known (and partly moved) answers as a fresh one."""
    texts = _eval_texts()[:40]
    doc = Document(texts[0])
    doc.keep_run_memo()
    asked = 0
    for text in texts[1:]:
        fresh = Document(doc.text)
        for offset in range(0, len(doc.text), 97):
            assert prose.in_prose(doc, offset) == prose.in_prose(fresh, offset)
            asked += 1
        lines = doc.text.split("\n")
        doc = doc.with_text("\n".join([*text.split("\n")[::2], *lines[1::2]]))
    assert asked > 1000


# The lines of a fix run's documents (scraping/_lines.py, which the WRD, SCR, STR and ENC
# tables kept by line read): strings of the document before where they are equal.

_LINE_LISTS = st.lists(st.sampled_from(["", "a", "b", "ab", "a b", "\u00e9"]), max_size=12)


@settings(derandomize=True, max_examples=1000, deadline=None)
@given(before=_LINE_LISTS, lines=_LINE_LISTS)
def test_lines_taken_from_the_document_before_are_the_lines(
    before: list[str], lines: list[str]
) -> None:
    before_copies = tuple("".join(list(line)) for line in before)
    same = text_lines_module._same_strings(before_copies, list(lines))
    assert same == tuple(lines)
    kept = set(map(id, before_copies))
    for index, line in enumerate(same):
        # Where the document before had an equal line at that place, counted from the start
        # or from the end, its string is given.
        at_start = index < len(before) and before[index] == line
        from_end = index - len(lines) + len(before)
        at_end = 0 <= from_end < len(before) and before[from_end] == line
        if at_start or at_end:
            assert id(line) in kept


def test_lines_of_a_fix_run_are_those_of_fresh_documents() -> None:
    """Real texts in a run, with lines edited, added and removed: the lines are the text's,
    and each line left as it was (in place, or as far from the end) is the string before."""
    given_before = 0
    for number, text in enumerate(_eval_texts()[:60]):
        doc = Document(text)
        doc.keep_run_memo()
        before = text_lines_module.text_lines(doc)
        lines = list(before)
        if number % 3 == 0:
            lines[1::7] = [line + " x" for line in lines[1::7]]
        elif number % 3 == 1:
            lines[len(lines) // 2 : len(lines) // 2] = ["added", ""]
        else:
            del lines[2:9]
        doc = doc.with_text("\n".join(lines))
        found = text_lines_module.text_lines(doc)
        assert found == tuple(doc.text.split("\n"))
        ids = set(map(id, before))
        given_before += sum(id(line) in ids for line in found)
        if number % 3 == 0:  # one line in seven edited, from the second
            assert all(id(line) in ids for line in found[::7])
        elif number % 3 == 1:  # two lines added in the middle
            half = len(before) // 2
            assert all(id(line) in ids for line in found[:half] + found[half + 2 :])
        else:  # seven lines removed after the second
            assert all(id(line) in ids for line in found)
    assert given_before > 1000


def _reference_folded_word_runs(text: str) -> list[bytes]:
    """``folded_word_runs`` as main wrote it: one ``sub`` of the characters outside ASCII
    that are no word characters."""
    if not text.isascii():
        text = repair_text._NON_ASCII_NON_WORD.sub(" ", text)
    folded = text.encode().translate(repair_text._FOLD_WORD_BYTES)
    return folded.replace(repair_text.LINE_BREAK_WORD, b" \x00 ").split()


def test_folded_words_are_the_reference_folded_words_in_real_texts() -> None:
    texts = _eval_texts()
    assert sum(not text.isascii() for text in texts) > 20
    for text in texts:
        assert repair_text.folded_word_runs(text) == _reference_folded_word_runs(text)


# Word characters outside ASCII (letters, digits of other scripts, the apostrophe U+2019),
# quote marks, dashes, spaces and symbols that are none, a lone surrogate, and enough of
# the latter (CJK punctuation, arrows) for a text to hold more than a few distinct ones.
_NON_ASCII = ["\u00e9", "\u0663", "\u2019", "\u4e2d", "\u201c", "\u201d", "\u2014", "\u00a0"]
_NON_ASCII += ["\u20ac", "\u2122", "\ud800", "\U0001f600", *map(chr, range(0x3001, 0x3012))]
_NON_ASCII += [*map(chr, range(0x2190, 0x2196))]


@settings(derandomize=True, max_examples=1000, deadline=None)
@given(text=st.lists(st.sampled_from([*_NON_ASCII, "a", "B", "9", " ", "-", "\n"])).map("".join))
def test_folded_words_are_the_reference_folded_words(text: str) -> None:
    assert repair_text.folded_word_runs(text) == _reference_folded_word_runs(text)
