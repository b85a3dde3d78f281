"""The STR, GLU and ENC document-wide rules in a fix run: each document of the run, whose
analyses reuse what the run kept by line (``Document.run_memo``: STR003's keys and word
counts, GLU001's glued tokens, the ENC and GLU scans), gets the findings a fresh document of
the same text gets; and the checks made cheaper find what the code they replace found.

The runs are real (``fix_text`` on damaged real text, every check recorded) and edited:
lines moved, edited, removed and repeated between one document of a run and the next.
"""

from __future__ import annotations

import itertools
import re
from collections.abc import Iterator
from pathlib import Path

import pytest
from hypothesis import given, settings
from hypothesis import strategies as st

from repair import Config
from repair.api import fix_text
from repair.document import Document
from repair.findings import Hit
from repair.recheck import Rechecker
from repair.rules.base import CheckContext, Rule
from repair.rules.encoding import RULES as ENC_RULES
from repair.rules.encoding._by_line import finds_by_line
from repair.rules.glued import RULES as GLU_RULES
from repair.rules.glued import _evidence, _scan, words
from repair.rules.scraping._lines import text_lines
from repair.rules.structure import RULES as STR_RULES
from repair.rules.structure import broken, repeated, wrapped
from repair.rules.structure._common import ends_in_open_word
from tests.conftest import CORPUS, EVAL

_RULES: tuple[Rule, ...] = (*STR_RULES, *GLU_RULES, *ENC_RULES[2:4], *ENC_RULES[7:])
"""STR001-004, GLU001-003, ENC003, ENC004 and ENC008 (the rules of the shared scans)."""

_CONTEXT = CheckContext(Config())


def _real_texts() -> list[tuple[str, str]]:
    """(Name, text) of the sample corpus and of pages of ../shared/eval, when it is here."""
    paths: list[Path] = [
        *sorted(CORPUS.glob("*.txt")),
        *sorted(CORPUS.glob("*.md")),
        *sorted((EVAL / "scraped").glob("*.txt"))[:40],
        *sorted((EVAL / "scraped").glob("*.md"))[:10],
        *sorted((EVAL / "mqm-zhen" / "docs").glob("*"))[:20],
    ]
    return [(path.name, path.read_text(encoding="utf-8")) for path in paths if path.is_file()]


def _findings(doc: Document) -> list[tuple[str, list[Hit]]]:
    return [(rule.code, list(rule.check(doc, _CONTEXT))) for rule in _RULES]


def _fresh(doc: Document) -> Document:
    return Document(doc.text, path=doc.path, text_format=doc.format)


_SENTENCE_END = re.compile(r"(?<=[a-z])\. (?=[A-Z][a-z])")


def _damaged(text: str, number: int) -> str:
    """``text`` with what the rules find: sentence ends lost ("marketsBut"), paragraphs
    broken after "the", lines repeated, stray controls and zero-width spaces."""
    lines = text.split("\n")
    out = []
    for index, line in enumerate(lines):
        if index % 3 == number % 3:
            line = _SENTENCE_END.sub("", line, count=2)
        if index % 7 == 2 and " the " in line:
            head, _, tail = line.partition(" the ")
            line = f"{head} the\n\n{tail}"
        if index % 11 == 5:
            line = line.replace(" ", " \x07", 1)
        if index % 13 == 4:
            line = line.replace("e", "e\u200b", 1)
        out.append(line)
        if index % 9 == 1 and len(line.split()) > 3:
            out.extend(["", line])
    return "\n".join(out)


def _edited(text: str, number: int) -> str:
    """The lines of ``text`` moved (a block rotated), edited (a word glued), removed (every
    so many) and repeated: what a pass and a memo of the pass before may see."""
    lines = text.split("\n")
    cut = len(lines) // 3
    lines = lines[cut:] + lines[:cut]
    lines = [line for index, line in enumerate(lines) if index % (5 + number % 3) != 1]
    lines = [
        _SENTENCE_END.sub("", line, count=1) if index % 4 == number % 4 else line
        for index, line in enumerate(lines)
    ]
    return "\n".join([*lines, *lines[:: 7 + number % 2]])


def _check_run(texts: list[str], path: str | None) -> int:
    """Each text a document of one run (the run's memo), against a fresh document."""
    doc = Document.from_text(texts[0], path=path)
    doc.keep_run_memo()
    found = 0
    for index, text in enumerate(texts):
        if index:
            doc = doc.with_text(text)
        kept = _findings(doc)
        assert kept == _findings(_fresh(doc)), index
        found += sum(len(hits) for _, hits in kept)
    return found


@pytest.mark.parametrize("number", range(3))
def test_edited_runs_of_real_text_find_what_fresh_documents_find(number: int) -> None:
    found = 0
    for name, text in _real_texts():
        damaged = _damaged(text, number)
        texts = [damaged]
        for step in range(3):
            texts.append(_edited(texts[-1], number + step))
        found += _check_run(texts, name)
    assert found > 1000


def _recorded_runs(
    texts: list[tuple[str, str]], monkeypatch: pytest.MonkeyPatch
) -> Iterator[list[Document]]:
    """The documents each ``fix_text`` run checked, in order."""
    checked: list[Document] = []
    check = Rechecker.__call__

    def recording(self: Rechecker, doc: Document, since: object = None, /) -> object:
        checked.append(doc)
        return check(self, doc, since)  # type: ignore[arg-type]

    monkeypatch.setattr(Rechecker, "__call__", recording)
    for name, text in texts:
        checked.clear()
        fix_text(_damaged(text, len(name)), config=Config(), unsafe=True, path=name)
        yield list(checked)


@pytest.mark.parametrize("half", range(2))
def test_fix_runs_of_real_text_find_what_fresh_documents_find(
    half: int, monkeypatch: pytest.MonkeyPatch
) -> None:
    """Whole fix runs, their documents checked again in order in a run of their own."""
    texts = _real_texts()[half::2]
    passes = found = 0
    for run in _recorded_runs(texts, monkeypatch):
        passes += len(run)
        found += _check_run([doc.text for doc in run], run[0].path)
    assert passes > len(texts) and found > 200


_CHARS = st.sampled_from(
    [*"aAbBZ9% .,(\n\n\x07\u200b\u00ad\u2019", "marketsBut", "BBCAll", "the ", " said", "the\n"]
)
_TEXTS = st.lists(_CHARS, max_size=40).map("".join)


@settings(derandomize=True, max_examples=400, deadline=None)
@given(texts=st.lists(_TEXTS, min_size=1, max_size=4))
def test_generated_runs_find_what_fresh_documents_find(texts: list[str]) -> None:
    """Each text a pass of one run, the lines of the one before moved, repeated and kept
    beside new ones."""
    doc = Document(texts[0])
    doc.keep_run_memo()
    for index, text in enumerate(texts):
        if index:
            old = doc.text.split("\n")
            doc = doc.with_text("\n".join([*old[::-1], text, *old[1:]]))
        assert _findings(doc) == _findings(_fresh(doc))


# GLU001's candidates, kept by line ---------------------------------------------------------


def _tokens_with_x(text: str) -> list[tuple[int, str]]:
    return [(match.start(), match[0]) for match in re.finditer(r"\w*x\w*", text)]


@settings(derandomize=True, max_examples=300, deadline=None)
@given(texts=st.lists(st.lists(st.sampled_from(["ax", "b", "x", " ", "\n"])).map("".join)))
def test_finds_kept_by_line_are_those_of_the_whole_text(texts: list[str]) -> None:
    doc = Document("\n".join(texts))
    doc.keep_run_memo()
    for index in range(len(texts) + 1):
        if index:
            doc = doc.with_text("\n".join([*texts[index:], *doc.text.split("\n")[::2]]))
        expected = _tokens_with_x(doc.text)
        found, whole = finds_by_line(
            doc, "test.x", _tokens_with_x, lambda text=doc.text: _tokens_with_x(text)
        )
        assert found == expected and whole == (index == 0)


def test_glued_candidates_of_lines_are_those_of_the_whole_text() -> None:
    """A line alone holds the candidates it holds in the text, bylines and names of code
    among them."""
    compared = 0
    for _, text in _real_texts():
        text = _damaged(text, 1) + "\nAnna SmithEurope correspondent\nloadUserPrefs()\n"
        expected = words._candidates_in(text, _scan.mixed_case_tokens(Document(text)))
        by_line = []
        for start, line in zip(Document(text).line_starts, text.split("\n"), strict=True):
            found = words._search_candidates(line)
            by_line += [(start + offset, *rest) for offset, *rest in found]
        assert by_line == expected
        compared += len(expected)
    assert compared > 100


_TOKEN_TEXTS = st.lists(st.sampled_from(list("aAbB9% .\nAAAa")), max_size=40).map("".join)


@settings(derandomize=True, max_examples=500, deadline=None)
@given(text=_TOKEN_TEXTS, pieces=st.lists(st.sampled_from(list("aAbB")), min_size=2, max_size=7))
def test_a_token_counted_twice_is_one_written_twice(text: str, pieces: list[str]) -> None:
    """The re-check's count and the first check's look at the capital hits agree."""
    doc = Document(text)
    for token in ["".join(pieces), *(match[0] for match in _scan.mixed_case_tokens(doc))]:
        assert (text.count(token) >= 2) == _evidence.written_twice(token, doc)
        assert _evidence.is_name_in_text(
            token, doc, _CONTEXT, by_capitals=False
        ) == _evidence.is_name_in_text(token, doc, _CONTEXT)


# STR003's word counts, STR001's and STR002's faster tests ----------------------------------


def test_word_counts_kept_in_a_run_are_counted_words() -> None:
    doc = Document("x")
    doc.keep_run_memo()
    count = repeated._word_counts(doc)
    for _, text in _real_texts()[:20]:
        for line in text.split("\n"):
            key = repeated.line_key(line)
            assert count(key) == repeated._count_words(key) == count(key)


def _reference_wrapped_runs(doc: Document) -> list[tuple[int, int]]:
    """``_hard_wrapped_runs`` with the widths as main made them (``min`` and a table)."""
    table = bytes(ord("1" if 30 <= n <= 100 else "0") for n in range(256))
    lines = text_lines(doc)
    widths = bytes(map(min, map(len, lines), itertools.repeat(255))).translate(table)
    assert widths == bytes(
        map(wrapped._WRAP_WIDTHS.get, map(len, lines), itertools.repeat(ord("0")))
    )
    return wrapped._hard_wrapped_runs(doc)


@settings(derandomize=True, max_examples=300, deadline=None)
@given(lengths=st.lists(st.sampled_from([0, 1, 29, 30, 31, 99, 100, 101, 255, 256, 300])))
def test_wrap_widths_are_main_s(lengths: list[int]) -> None:
    _reference_wrapped_runs(Document("\n".join("a" * n for n in lengths)))


def _reference_broken(doc: Document) -> list[Hit]:
    """STR001 with main's test of each pair of paragraphs (slices of the text)."""
    text = doc.text
    found = []
    joiner = "\n" if not doc.is_markdown and doc.is_hard_wrapped else " "
    wrapped_lines = {
        line for run in wrapped.hard_wrapped_runs(doc) for line in range(run[0], run[1] - 1)
    }
    for first, second in itertools.pairwise(doc.paragraphs):
        if not "a" <= text[second.start : second.start + 1] <= "z" and (
            text[first.end - 1 : first.end] not in broken._MAY_END_OPEN
            or not ends_in_open_word(text[first.start : first.end])
        ):
            continue
        if doc.line_index(first.end) in wrapped_lines:
            continue
        hit = broken._broken_pair(doc, first, second, joiner)
        if hit is not None:
            found.append(hit)
    return found


def test_broken_paragraphs_are_main_s_in_real_text() -> None:
    found = 0
    for name, text in _real_texts():
        for variant in (text, _damaged(text, 2)):
            doc = Document(variant, path=name)
            hits = list(broken.paragraph_broken_mid_sentence(doc, _CONTEXT))
            assert hits == _reference_broken(doc)
            found += len(hits)
    assert found > 50


@settings(derandomize=True, max_examples=300, deadline=None)
@given(text=_TEXTS, markdown=st.booleans())
def test_broken_paragraphs_are_main_s_in_generated_text(text: str, markdown: bool) -> None:
    doc = Document(text, path="a.md" if markdown else "a.txt")
    assert list(broken.paragraph_broken_mid_sentence(doc, _CONTEXT)) == _reference_broken(doc)
