"""WRD fast paths of wave 3: each compared with the way main computed it, kept here as the
reference, on the sample corpus, ../shared/eval and generated text."""

from __future__ import annotations

import re

from hypothesis import given, settings
from hypothesis import strategies as st

from repair.document import Document
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
