"""ENC002's fast paths, each against the plain computation it stands for (written in
tests/rules/encoding_reference.py).

The lines marked known bad (ftfy's badness test not asked again) against ftfy's own test;
``fix_line`` with that mark, and with the C1 and surrogate fixers run only where such a
character is, against ftfy's public encoding loop and those fixers run on every line;
``visible`` through ``str.isprintable`` against its character-by-character form; the
alignment (common prefixes counted by rapidfuzz, the anchor search, plain tuples in lists)
against a reference written from the definitions; the messages worded once per distinct
change against wording each finding; and the whole rule against a pipeline made of these
references. On the real mojibake of ../shared/eval, the sample corpus turned into
mojibake, and generated text."""

from __future__ import annotations

import sys
import unicodedata
from typing import Final

import ftfy
import pytest
from ftfy.badness import is_bad
from hypothesis import given, settings
from hypothesis import strategies as st

from repair.config import Config
from repair.document import Document
from repair.findings import Applicability, Fix, Hit, Span
from repair.rules.base import CheckContext
from repair.rules.encoding import alignment, ftfy_lines
from repair.rules.encoding._visible import visible
from repair.rules.encoding.alignment import changed_regions
from repair.rules.encoding.ftfy_lines import fix_line, lines_to_fix_marked
from repair.rules.encoding.mojibake import _find_mojibake_repairs, mojibake
from tests.rules.encoding_reference import (
    corpus_turned_to_mojibake,
    damaged_line,
    eval_lines,
    reference_chunks,
    reference_differences,
    reference_fix_line,
    reference_regions,
    reference_visible,
    reference_windows,
)

# --- lines marked known bad, and fix_line ---------------------------------------------


def _check_marks(text: str) -> int:
    """Asserts the marks of ``lines_to_fix_marked`` and returns how many are known bad."""
    doc = Document.from_text(text)
    marked = lines_to_fix_marked(doc)
    for span, line, known_bad in marked:
        assert line == text[span.start : span.end]
        if known_bad:
            assert is_bad(line), line
    return sum(known_bad for _, _, known_bad in marked)


def test_lines_marked_known_bad_are_bad_on_the_eval_mojibake_and_the_corpus() -> None:
    assert _check_marks("\n".join(eval_lines())) >= 50
    assert _check_marks(corpus_turned_to_mojibake()) >= 20


def _check_fix_line(line: str) -> None:
    expected = reference_fix_line(line)
    assert expected[0] == ftfy.fix_and_explain(line, config=ftfy_lines._FTFY_CONFIG).text
    assert fix_line(line) == expected
    if is_bad(line):
        assert fix_line(line, known_bad=True) == expected


def test_fix_line_is_the_references_on_the_eval_mojibake_and_the_corpus() -> None:
    lines = eval_lines() + corpus_turned_to_mojibake().split("\n")
    fixed_c1 = 0
    for line in lines:
        _check_fix_line(line)
        fixed_c1 += "fix_c1_controls" in fix_line(line)[1]
    assert fixed_c1 >= 1  # the fixers after the encoding fixer did run, and were needed


@settings(derandomize=True, max_examples=400, deadline=None)
@given(damaged_line())
def test_fix_line_is_the_references_on_generated_text(line: str) -> None:
    _check_fix_line(line)
    assert _check_marks(line) <= 1


def test_fix_line_runs_the_c1_and_surrogate_fixers_where_one_is_left() -> None:
    # Nothing for the encoding fixer (not bad), a lone surrogate and a pair to join.
    line = "ok \ud83d\ude00 and \udcff"
    assert not is_bad(line)
    expected = ("ok \U0001f600 and \ufffd", "apply fix_surrogates")
    assert fix_line(line) == reference_fix_line(line) == expected


# --- visible ------------------------------------------------------------------------------


def test_isprintable_is_false_exactly_for_the_characters_visible_spells_out() -> None:
    differ = [
        code
        for code in range(sys.maxunicode + 1)
        if chr(code).isprintable()
        != (unicodedata.category(chr(code))[0] not in "CZ" or code == 0x20)
    ]
    assert differ == []


@settings(derandomize=True, max_examples=300, deadline=None)
@given(st.text(st.characters(exclude_categories=()), max_size=20) | damaged_line())
def test_visible_is_the_character_by_character_form(text: str) -> None:
    assert visible(text) == reference_visible(text)


# --- alignment ----------------------------------------------------------------------------


def _check_alignment(before: str, after: str) -> None:
    windows = alignment._windows(before, after)
    assert [window for window, _ in windows] == list(reference_windows(before, after))
    # A window's lone chunk is the reference's, when the window holds one chunk only.
    chunks = reference_chunks(before, after, 0, len(before), 0, len(after), 16)
    groups: list[list[tuple[int, int, int, int]]] = []
    for chunk in chunks:
        if groups and chunk[0] - groups[-1][-1][1] < 2 * alignment._CONTEXT:
            groups[-1].append(chunk)
        else:
            groups.append([chunk])
    assert [alone for _, alone in windows] == [g[0] if len(g) == 1 else None for g in groups]
    assert list(alignment.differences(before, after)) == list(reference_differences(before, after))
    assert list(changed_regions(before, after)) == reference_regions(before, after)


def test_alignment_is_the_references_on_the_eval_mojibake() -> None:
    compared = 0
    for line in eval_lines():
        fixed, _ = fix_line(line)
        if fixed != line:
            compared += 1
            _check_alignment(line, fixed)
    assert compared >= 50


def test_alignment_is_the_references_on_thecorpus_turned_to_mojibake() -> None:
    lines = corpus_turned_to_mojibake().split("\n")
    pairs = [(line, fix_line(line)[0]) for line in lines]
    pairs = [(line, fixed) for line, fixed in pairs if fixed != line]
    assert len(pairs) >= 20
    for line, fixed in pairs:
        _check_alignment(line, fixed)
    # The whole corpus as one line: windows far apart, and the anchor search's reach.
    _check_alignment(" ".join(line for line, _ in pairs), " ".join(f for _, f in pairs))


@settings(derandomize=True, max_examples=300, deadline=None)
@given(damaged_line())
def test_alignment_is_the_references_on_generated_mojibake(line: str) -> None:
    _check_alignment(line, fix_line(line)[0])


# Pairs made apart by edits anywhere: long equal runs, near anchors, texts of unequal ends.
EDITED: Final = st.tuples(
    st.text(st.sampled_from("ab \u00e9\u00c3\U0001f600\ud800"), max_size=120),
    st.lists(
        st.tuples(st.integers(0, 120), st.integers(0, 4), st.text("ab\u00e9x", max_size=5)),
        max_size=6,
    ),
)


@settings(derandomize=True, max_examples=400, deadline=None)
@given(EDITED)
def test_alignment_is_the_references_on_edited_text(
    case: tuple[str, list[tuple[int, int, str]]],
) -> None:
    before, edits = case
    after = before
    for at, length, inserted in edits:
        at = min(at, len(after))
        after = after[:at] + inserted + after[at + length :]
    _check_alignment(before, after)
    # The chunks from many starting points: the equal stretches counted by slices and the
    # anchor searched, and counting resumed past each anchor.
    for i in range(0, len(before) + 1, 7):
        for j in range(0, len(after) + 1, 5):
            for anchor in (2, 16):
                assert alignment._chunks(
                    before, after, i, len(before), j, len(after), anchor
                ) == list(reference_chunks(before, after, i, len(before), j, len(after), anchor))


def test_common_prefixes_longer_than_a_slice_are_counted_whole() -> None:
    # Equal runs past the first slices of 64, 128, 256 characters, before and after a
    # difference.
    for length in (63, 64, 65, 191, 192, 193, 1000):
        before = "x" * length + "\u00c3\u00a9" + "y" * length + "\u00c3\u00a9"
        after = "x" * length + "\u00e9" + "y" * length + "\u00e9"
        assert alignment._chunks(before, after, 0, len(before), 0, len(after), 16) == [
            (length, length + 2, length, length + 1),
            (2 * length + 2, 2 * length + 4, 2 * length + 1, 2 * length + 2),
        ]
        _check_alignment(before, after)


# --- the rule: messages once per distinct change, the whole pipeline -------------------------


def _reference_repairs(doc: Document, monkeypatch: pytest.MonkeyPatch) -> list[object]:
    """ENC002's repairs from ftfy's own badness test and fixer and the reference alignment."""
    with monkeypatch.context() as patched:
        patched.setattr(ftfy_lines, "_SHAPE", None)
        lines = lines_to_fix_marked(doc)
    found: list[object] = []
    for span, line, _ in lines:
        fixed, steps = reference_fix_line(line)
        for start, end, replacement in reference_regions(line, fixed) if fixed != line else []:
            found.append((Span(span.start + start, span.start + end), replacement, steps))
    return found


def _reference_hit(doc: Document, span: Span, replacement: str, steps: str) -> Hit:
    before = doc.text[span.start : span.end]
    stands_for = (
        f'for "{reference_visible(replacement)}"'
        if replacement
        else "dropped: it stands for nothing"
    )
    return Hit(
        f'Mojibake "{reference_visible(before)}" {stands_for} (ftfy: {steps})',
        span,
        Fix.replace(
            span.start,
            span.end,
            replacement,
            Applicability.SAFE,
            f'Replace with "{reference_visible(replacement)}"',
        ),
    )


def _check_rule(text: str, monkeypatch: pytest.MonkeyPatch) -> list[Hit]:
    doc = Document.from_text(text)
    repairs = list(_find_mojibake_repairs(doc))
    assert repairs == _reference_repairs(doc, monkeypatch)
    hits = list(mojibake(doc, CheckContext(Config())))
    assert hits == [_reference_hit(doc, *repair) for repair in repairs]
    return hits


def test_the_rule_is_the_reference_pipeline_on_the_eval_mojibake(
    monkeypatch: pytest.MonkeyPatch,
) -> None:
    hits = _check_rule("\n".join(eval_lines()), monkeypatch)
    assert len(hits) >= 50


def test_the_rule_is_the_reference_pipeline_on_thecorpus_turned_to_mojibake(
    monkeypatch: pytest.MonkeyPatch,
) -> None:
    hits = _check_rule(corpus_turned_to_mojibake(), monkeypatch)
    # The same change found again and again: messages are worded once for many findings.
    assert len({hit.message for hit in hits}) * 3 < len(hits)
    assert any("\\x" in hit.message for hit in hits)  # a C1 control spelled out


@settings(derandomize=True, max_examples=200, deadline=None)
@given(st.lists(damaged_line(), min_size=1, max_size=4).map("\n".join))
def test_the_rule_is_the_reference_pipeline_on_generated_text(text: str) -> None:
    with pytest.MonkeyPatch.context() as monkeypatch:
        _check_rule(text, monkeypatch)
