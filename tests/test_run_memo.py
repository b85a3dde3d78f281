"""A fix run's memo (Document.run_memo): what an analysis finds with the parts it kept from
an earlier text of the run is what it finds without them."""

from __future__ import annotations

from collections.abc import Callable
from pathlib import Path

import pytest
from hypothesis import given, settings
from hypothesis import strategies as st

from repair import Config, language, language_words
from repair.document import Document
from repair.language import document_language, in_other_language
from repair.rules.quotes import marks
from repair.rules.scraping import _memo, chrome
from repair.rules.words import phrase, repeat_lines
from tests.conftest import CORPUS
from tests.test_language_prefix import full_detection

CONFIG = Config()
# Lines of English, German and Chinese words, markers among them, and of no words at all.
_LINES = st.lists(
    st.sampled_from(
        ["the", "and", "The", "die", "und", "Kanzlerin", "\u5317\u4eac", "x", "42", "über"]
    ),
    max_size=12,
).map(" ".join)
TEXTS = sorted(CORPUS.glob("*.txt")) + sorted(CORPUS.glob("*.md"))


def _analyses(doc: Document) -> object:
    languages = [in_other_language(doc, span.start) for span in doc.paragraphs]
    return (
        marks.paragraphs(doc),
        chrome.article_lines(doc),
        document_language(doc, CONFIG),
        languages,
        [(m.start(), m.end(), m[0]) for m in phrase.repeated_phrases(doc)],
    )


def _edited(text: str) -> str:
    """``text`` as a pass could leave it: a line inserted before it (every offset moves),
    one line of it changed and one quote mark turned."""
    lines = text.split("\n")
    middle = len(lines) // 2
    lines[middle] = lines[middle].replace(" ", "  ", 1) + " Photo: Reuters"
    return "\u201cA new first line,\u201d he said.\n" + "\n".join(lines).replace('"', "\u201c", 1)


def test_a_document_has_no_memo_outside_a_fix_run_and_hands_its_own_on() -> None:
    doc = Document("One line.")
    assert doc.run_memo("k") is None
    assert doc.with_text("Other.").run_memo("k") is None
    doc.keep_run_memo()
    table = doc.run_memo("k")
    assert table is not None
    table["x"] = 1
    assert doc.with_text("Other.").run_memo("k") is table


@pytest.mark.parametrize("path", TEXTS, ids=lambda p: p.name)
@pytest.mark.parametrize("change", [_edited, lambda text: text], ids=["edited", "same"])
def test_analyses_with_a_filled_memo_are_those_without(
    path: Path, change: Callable[[str], str]
) -> None:
    text = path.read_text(encoding="utf-8")
    first = Document.from_text(text, path=str(path))
    first.keep_run_memo()
    _analyses(first)
    later = first.with_text(change(first.text))
    assert _memo.table(later, "chrome.block_scores")  # filled by the first
    fresh = Document(later.text, path=later.path, text_format=later.format)
    assert _memo.table(fresh, "chrome.block_scores") is None
    assert _analyses(later) == _analyses(fresh)


def test_a_moved_paragraph_keeps_its_marks_at_their_new_offsets() -> None:
    text = "\u201cWe will win,\u201d she said.\n\nIt rained.\n"
    first = Document(text)
    first.keep_run_memo()
    (before,) = marks.paragraphs(first)
    later = first.with_text("Headline\n\n" + text)
    (after,) = marks.paragraphs(later)
    assert [m.offset for m in after.marks] == [m.offset + 10 for m in before.marks]
    assert after.span.start == before.span.start + 10
    assert [m.role for m in after.marks] == [m.role for m in before.marks]


@pytest.mark.parametrize(
    "text",
    [
        *(path.read_text(encoding="utf-8") for path in TEXTS),
        "Die Regierung will die Ausgaben\nfür die Verteidigung im Jahr erhöhen.\n\nJa.",
        # English first lines, German after: only a count of all the lines tells.
        "The end of the day.\n"
        + "Die Regierung will die Ausgaben für die Verteidigung im Jahr erhöhen.\n" * 8,
        "国务院新闻办公室周二举行发布会\n介绍前三季度经济运行情况。 The end.",
        "It\u2019s\nd\u2019Alembert's l'\nÉcole — 5 km\n\n",
    ],
)
def test_a_sample_read_line_by_line_gives_the_evidence_and_language_of_the_whole(
    text: str,
) -> None:
    sample = language._sample(text)
    lines: language_words.Lines = {}
    for _ in range(2):  # the second time from the memo (of the lines read before an answer)
        assert language._detect_in_sample(sample, lines) == language.detect_language(text)
        assert all(lines[line] == language_words.line_evidence(line) for line in lines)
    parts = [language_words.line_evidence(line) for line in sample.split("\n")]
    words, letters, markers, long_word, bound = language_words.line_evidence(sample)
    assert [word for part in parts for word in part[0]] == words
    assert sum(part[1] for part in parts) == letters
    assert sum(part[2] for part in parts) == markers
    assert any(part[3] for part in parts) == long_word
    assert sum(part[4] for part in parts) == bound  # the sample's own bound


@settings(max_examples=200, deadline=None)
@given(st.lists(_LINES, min_size=1, max_size=40), st.lists(_LINES, max_size=40))
def test_a_memo_filled_by_other_lines_detects_as_a_fresh_read(
    lines: list[str], earlier: list[str]
) -> None:
    memo: language_words.Lines = {}
    language._detect_in_sample("\n".join(earlier), memo)
    sample = "\n".join(lines)
    assert language._detect_in_sample(sample, memo) == full_detection(sample)


def _stuttered(text: str, every: int, offset: int) -> str:
    """``text`` with a phrase written twice in a row on every ``every``-th line."""
    lines = text.split("\n")
    for index in range(offset, len(lines), every):
        words = lines[index].split(" ")
        if len(words) > 4:
            words[2:4] = [*words[2:4], *words[2:4]]
            lines[index] = " ".join(words)
    return "\n".join(lines)


@pytest.mark.parametrize("path", TEXTS, ids=lambda p: p.name)
def test_lines_that_may_hold_a_repeat_with_a_filled_memo_are_those_without(path: Path) -> None:
    text = path.read_text(encoding="utf-8")
    first = Document.from_text(_stuttered(text, 3, 0), path=str(path))
    first.keep_run_memo()
    assert repeat_lines.lines_holding_a_repeat(first) == repeat_lines.lines_holding_a_repeat(
        Document(first.text)
    )
    for later_text in (_stuttered(text, 2, 1), _edited(first.text), "Said that said that.\n"):
        later = first.with_text(later_text)
        fresh = Document(later.text)
        assert repeat_lines.lines_holding_a_repeat(later) == repeat_lines.lines_holding_a_repeat(
            fresh
        )
        found = [(m.start(), m[0]) for m in phrase.repeated_phrases(later)]
        assert found == [(m.start(), m[0]) for m in phrase.repeated_phrases(fresh)]
