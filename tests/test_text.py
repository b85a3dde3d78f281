"""repair.text: the shared trigger-line search finds what a whole-text search finds, the
shared tokenizations are computed once per document, and the folded words are the words."""

from __future__ import annotations

import re

from hypothesis import given
from hypothesis import strategies as st

from repair import text
from repair.document import Document

_TEXTS = st.text(alphabet="ab -\n.,", max_size=200)
# A pattern inside one line whose every match holds a spaced hyphen (its trigger).
_SPACED_HYPHEN = re.compile(r"[a-z]*(?: -|- )[a-z.]*")
_TRIGGERS = (re.compile(r"-(?:(?<= -)|(?= ))"),)


@given(_TEXTS)
def test_finditer_lines_finds_what_the_whole_text_search_finds(source: str) -> None:
    doc = Document.from_text(source)
    whole = [match.span() for match in _SPACED_HYPHEN.finditer(doc.text)]
    assert [m.span() for m in text.finditer_lines(_SPACED_HYPHEN, doc, _TRIGGERS)] == whole


def test_trigger_lines_are_the_lines_holding_a_trigger() -> None:
    source = "no hyphen\nleft -half\nx-y\nright- half"
    assert text.trigger_lines(source, _TRIGGERS) == [(10, 21), (25, 36)]


def test_lines_holding_is_computed_once_per_trigger_set() -> None:
    doc = Document.from_text("a -b\nc\n")
    first = text.lines_holding(doc, _TRIGGERS)
    assert first == [(0, 5)]
    assert text.lines_holding(doc, _TRIGGERS) is first
    assert text.lines_holding(doc, (re.compile("c"),)) == [(5, 7)]


_WORD_TEXTS = st.text(
    alphabet="aZ09_'\u2019- ,.\n\r\t\x00\x7f\u00a0\u00e9\u00c9\u0130\u03a3\u201c\u2014\u2028\ud800",
    max_size=60,
)


@given(_WORD_TEXTS)
def test_folded_word_runs_are_the_word_runs_with_ascii_capitals_lowered(source: str) -> None:
    runs = re.findall(rf"{text.WORD_RUN.pattern}|\n", source)
    ascii_lower = {capital: capital + 32 for capital in range(ord("A"), ord("Z") + 1)}
    expected = [
        text.LINE_BREAK_WORD if run == "\n" else run.translate(ascii_lower).encode() for run in runs
    ]
    assert text.folded_word_runs(source) == expected


def test_word_patterns_differ_as_documented() -> None:
    sample = "Zoë's 40 state-owned 2%According"
    assert text.ASCII_WORD.findall(sample) == ["Zoë's", "state-owned", "According"]
    assert text.WORD_RUN.findall(sample) == ["Zoë's", "40", "state-owned", "2", "According"]
    assert text.LETTER_WORD.findall(sample) == ["Zoë's", "state-owned", "According"]
    assert text.LETTER_WORD.fullmatch("'s") is None
