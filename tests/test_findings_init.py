"""The value types' fast constructors: the public ones still check, and every way of making
a value gives the same value as the dataclass fields would."""

from __future__ import annotations

import dataclasses
import itertools
import pickle

import pytest
from hypothesis import given, settings
from hypothesis import strategies as st

from repair import Config, check_text
from repair.findings import (
    Applicability,
    Edit,
    Finding,
    Fix,
    Severity,
    Span,
    finding_state,
    restore_finding,
    trusted_finding,
)
from tests.conftest import CORPUS

SAFE = Applicability.SAFE


@pytest.mark.parametrize("start, end", [(-1, 0), (3, 2), (-2, -1)])
def test_public_constructors_still_reject_bad_ranges(start: int, end: int) -> None:
    with pytest.raises(ValueError, match="invalid span"):
        Span(start, end)
    with pytest.raises(ValueError, match="invalid edit range"):
        Edit(start, end, "x")
    with pytest.raises(ValueError, match="invalid edit range"):
        Fix.replace(start, end, "x", SAFE)
    with pytest.raises(ValueError, match="invalid span"):
        dataclasses.replace(Span(0, 0), start=start, end=end)


def test_fix_still_rejects_overlapping_edits() -> None:
    with pytest.raises(ValueError, match="overlapping"):
        Fix((Edit(0, 3, ""), Edit(2, 4, "")), SAFE)
    with pytest.raises(ValueError, match="overlapping"):
        Fix.of([Edit(2, 2, "a"), Edit(2, 2, "b")], SAFE)


def test_a_fix_of_one_edit_in_a_list_gets_a_tuple() -> None:
    fix = Fix([Edit(1, 2, "x")], SAFE)  # type: ignore[arg-type]
    assert fix.edits == (Edit(1, 2, "x"),) and type(fix.edits) is tuple
    assert Fix.of([Edit(1, 2, "x")], SAFE) == Fix.replace(1, 2, "x", SAFE)


def _public(finding: Finding) -> Finding:
    """``finding`` made again field by field through the public constructors."""
    fix = finding.fix
    if fix is not None:
        edits = tuple(Edit(e.start, e.end, e.replacement) for e in fix.edits)
        fix = Fix(edits, fix.applicability, fix.title)
    span = Span(finding.start, finding.end)
    return Finding(finding.code, finding.message, span, finding.severity, fix)


def test_findings_of_real_text_equal_those_the_public_constructors_make() -> None:
    fixes = 0
    for path in sorted(CORPUS.glob("*.*")):
        for finding in check_text(path.read_text(encoding="utf-8"), config=Config()):
            public = _public(finding)
            assert finding == public
            assert repr(finding) == repr(public) and hash(finding) == hash(public)
            assert pickle.loads(pickle.dumps(finding)) == public
            assert restore_finding(*finding_state(public)) == finding
            fixes += finding.fix is not None
    assert fixes > 20


def test_the_trusted_finding_is_the_public_one() -> None:
    fix = Fix.replace(1, 2, "x", SAFE, "t")
    for fields in [
        ("A001", "m", Span(1, 2), Severity.ERROR, fix),
        ("B", "", Span(0, 0), Severity.INFO, None),
    ]:
        assert trusted_finding(*fields) == Finding(*fields)
        assert repr(trusted_finding(*fields)) == repr(Finding(*fields))


def _reference_fix(edits: list[Edit]) -> tuple[Edit, ...] | None:
    """The sorted edits, or ``None`` where the dataclass's checks said they overlap."""
    ordered = tuple(sorted(edits))
    for before, after in itertools.pairwise(ordered):
        if before.end > after.start or (before.start == before.end == after.start):
            return None
    return ordered


@settings(max_examples=300, deadline=None)
@given(
    starts=st.lists(st.tuples(st.integers(-2, 8), st.integers(-2, 8)), min_size=1, max_size=4),
    replacement=st.sampled_from(["", "x"]),
)
def test_any_values_give_what_the_checked_dataclass_gave(
    starts: list[tuple[int, int]], replacement: str
) -> None:
    valid = [(s, e) for s, e in starts if 0 <= s <= e]
    for start, end in starts:
        if (start, end) not in valid:
            with pytest.raises(ValueError):
                Span(start, end)
            continue
        assert (Span(start, end).start, Span(start, end).end) == (start, end)
        edit = Edit(start, end, replacement)
        assert (edit.start, edit.end, edit.replacement) == (start, end, replacement)
        assert Fix.replace(start, end, replacement, SAFE) == Fix((edit,), SAFE)
    edits = [Edit(s, e, replacement) for s, e in valid]
    expected = _reference_fix(edits)
    if expected is None:
        with pytest.raises(ValueError):
            Fix(tuple(edits), SAFE)
    else:
        assert Fix(tuple(edits), SAFE).edits == expected
        assert Fix.of(edits, SAFE).edits == expected
