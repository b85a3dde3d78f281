"""The QUO scans shared across rules and passes give what each rule's own scan gives.

- ``found.mark_offsets`` (each quote character's offsets found once per document, the sets
  the rules ask for merged from them) against ``clues.offsets_of`` over the whole text, in
  any order of asking, on real text.
- QUO005's single marks, only those a space or tab follows handed to their paragraphs,
  against a search of every paragraph's single marks (test_fast_scans' reference).
- ``plain.kept_looks_plain`` (a fix run's verdicts kept under the text the pattern reads)
  against ``plain.looks_plain``: on real texts with one memo for all their paragraphs, on
  a text the paragraph's reach before it decides, and on generated texts where the same
  paragraph follows other text. The widest lookbehind of the pattern is the reach kept.
"""

from __future__ import annotations

import itertools
import re
from re import _parser  # type: ignore[attr-defined]

import pytest
from hypothesis import given, settings
from hypothesis import strategies as st

from repair.config import Config
from repair.document import Document
from repair.findings import Span
from repair.rules.base import CheckContext
from repair.rules.quotes import single
from repair.rules.quotes.clues import DOUBLE_MARKS, offsets_of
from repair.rules.quotes.found import mark_offsets
from repair.rules.quotes.plain import (
    PATTERN_REACH,
    _plain_pattern,
    kept_looks_plain,
    looks_plain,
)
from tests.conftest import EVAL, real_text_paths
from tests.rules.test_fast_scans import _single_closing_double_per_paragraph

_ASKED = (DOUBLE_MARKS, "'\u2019", "\"'\u201c\u201d\u2018\u2019")
"""The sets the rules ask for: the pairing's, QUO005's and QUO006's."""
PATHS = real_text_paths()


def _texts() -> list[tuple[str, str]]:
    return [(p.name, p.read_text(encoding="utf-8", errors="replace")) for p in PATHS]


TEXTS = _texts()


def test_shared_offsets_are_each_scans_in_any_order_on_real_text() -> None:
    assert len(TEXTS) > (5 if not EVAL.exists() else 100)
    for (name, text), order in zip(
        TEXTS, itertools.cycle(itertools.permutations(_ASKED)), strict=False
    ):
        doc = Document.from_text(text, path=name)
        for chars in order:
            got = mark_offsets(doc, chars)
            assert got == offsets_of(doc.text, chars), (name, chars)
            got.append(-1)  # the caller's own list: changing it changes no later answer
        for chars in _ASKED:
            assert mark_offsets(doc, chars) == offsets_of(doc.text, chars), (name, chars)


@given(st.text(alphabet="ab \n\"'\u201c\u201d\u201e\u2018\u2019", max_size=60))
@settings(max_examples=300, deadline=None)
def test_shared_offsets_are_each_scans_on_generated_text(text: str) -> None:
    doc = Document(text)
    for chars in (*_ASKED, "\u2018", DOUBLE_MARKS):
        assert mark_offsets(doc, chars) == offsets_of(text, chars)


def _lookbehind_widths(items: object) -> list[int]:
    """The widths of every lookbehind in a parsed pattern (``re._parser``'s tree)."""
    found: list[int] = []
    for op, value in items:  # type: ignore[attr-defined]
        if op in (_parser.ASSERT, _parser.ASSERT_NOT):
            direction, sub = value
            if direction < 0:
                found.append(sub.getwidth()[1])
            found += _lookbehind_widths(sub)
        elif op in (_parser.SUBPATTERN,):
            found += _lookbehind_widths(value[-1])
        elif op in (_parser.BRANCH,):
            for sub in value[1]:
                found += _lookbehind_widths(sub)
        elif op in (_parser.MAX_REPEAT, _parser.MIN_REPEAT, _parser.POSSESSIVE_REPEAT):
            found += _lookbehind_widths(value[2])
        elif op is _parser.ATOMIC_GROUP:
            found += _lookbehind_widths(value)
    return found


def test_the_reach_kept_is_the_patterns_widest_lookbehind() -> None:
    widths = _lookbehind_widths(_parser.parse(_plain_pattern().pattern, re.DOTALL))
    assert len(widths) > 5  # the walk found the lookbehinds
    assert max(widths) == PATTERN_REACH


@pytest.mark.parametrize(
    "before", ["x'\n", "xx\n", "'x\n", "\n\n", "'\u201c\n", "ab.\n", "a, \n", "x'y'\n"]
)
def test_a_verdict_is_kept_with_the_text_before_the_paragraph_it_reads(before: str) -> None:
    # An apostrophe up to four characters before a straight closing mark, the previous
    # paragraph's, keeps the pattern from calling the paragraph plain: the same paragraph
    # after other text may be plain. One memo serves all of them.
    verdicts: dict[str, bool] = {}
    for prefix in (f"Text {before}", "Text xx\n", "Text x'\n", f"Text {before}"):
        for paragraph in ('"a" b', 'a"b c" d', '"a"', "\u201ca\u201d b", '"a, "said Li'):
            text = f"{prefix}{paragraph}"
            span = Span(len(prefix), len(text))
            assert kept_looks_plain(text, span, verdicts) == looks_plain(text, span), text
    # What the memo must tell apart (the start is past the reach: the memo is asked).
    assert not looks_plain('Text x\'\n"a" b', Span(8, 13))
    assert looks_plain('Text xx\n"a" b', Span(8, 13))


def test_kept_verdicts_on_real_paragraphs_are_the_patterns() -> None:
    verdicts: dict[str, bool] = {}
    kept = 0
    for name, text in TEXTS:
        doc = Document.from_text(text, path=name)
        for span in doc.paragraphs:
            expected = looks_plain(doc.text, span)
            for _ in range(2):  # the second from the memo
                assert kept_looks_plain(doc.text, span, verdicts) == expected, name
            kept += expected
    assert kept > (20 if not EVAL.exists() else 1000)
    assert kept_looks_plain('"a" b', Span(0, 5), None) == looks_plain('"a" b', Span(0, 5))


_PIECES = st.lists(
    st.sampled_from(['"', "\u201c", "\u201d", "'", "5'11", " ", "\n", "a", ", he said", ":"]),
    max_size=10,
).map("".join)


@given(st.lists(st.tuples(_PIECES, _PIECES), min_size=1, max_size=6))
@settings(max_examples=300, deadline=None)
def test_kept_verdicts_are_the_patterns_wherever_a_paragraph_stands(
    pairs: list[tuple[str, str]],
) -> None:
    verdicts: dict[str, bool] = {}
    paragraphs = [paragraph for _, paragraph in pairs]
    for before, _ in pairs:  # every paragraph after every text
        for paragraph in paragraphs:
            text = f"Text {before}\n{paragraph}"
            span = Span(len(before) + 6, len(text))
            assert kept_looks_plain(text, span, verdicts) == looks_plain(text, span)


def test_single_marks_closing_double_on_real_text_are_a_search_per_paragraphs() -> None:
    # QUO005 hands only the single marks with a space or tab after them to the paragraphs
    # that hold them; the reference searches every paragraph's single marks.
    found = 0
    for name, text in TEXTS:
        for variant in (text, text.replace("' ", "'\t").replace("\u2019 ", "\u2019\t")):
            doc = Document.from_text(variant, path=name)
            hits = single.single_quote_closing_double(doc, CheckContext(Config()))
            starts = [hit.span.start for hit in hits]
            assert starts == _single_closing_double_per_paragraph(doc), name
            found += len(starts)
    assert found > 0 or not EVAL.exists()  # QUO005 is rare: a few hits in all
