"""The fix loop's bookkeeping fast paths give what their plain versions give: the choice of
fixes (repair/fixer.py), the paragraphs a pass left as they were, findings grouped by
paragraph and moved (repair/recheck.py), and the order of findings (repair/checker.py).
Each is compared with a reference written the plain way, on the passes of real fix runs and
on generated edits."""

from __future__ import annotations

import bisect
import dataclasses
from collections.abc import Iterator, Sequence
from functools import cache

from hypothesis import given, settings
from hypothesis import strategies as st

from repair import Config, checker, fixer
from repair.document import Document
from repair.findings import Applicability, Edit, Finding, Fix, Span
from repair.recheck import (
    Rechecker,
    _bounds,
    _by_paragraph,
    _Checked,
    _kept_paragraphs,
    _moved,
    _Plan,
    _same_protected,
)
from tests.conftest import real_text_paths
from tests.test_recheck import DAMAGE, protected_texts

CONFIG = Config()


def texts() -> Iterator[str]:
    """A third of the real texts, as they are and damaged (every line a different way)."""
    for path in real_text_paths()[::3]:
        if path.suffix != ".txt":
            continue  # Markdown passes are checked in full: no paragraphs are mapped
        text = path.read_text(encoding="utf-8")
        yield text
        lines = text.split("\n")
        yield "\n".join(DAMAGE[n % len(DAMAGE)](line) for n, line in enumerate(lines))


@dataclasses.dataclass
class Pass:
    before: Document
    after: Document
    edits: tuple[Edit, ...]
    found: list[Finding]
    """The findings of ``before``."""


@cache
def recorded_passes() -> tuple[Pass, ...]:
    """Every pass of fix runs of the texts (safe and unsafe fixes), with its documents."""
    passes: list[Pass] = []
    for number, text in enumerate(texts()):
        for unsafe in (number % 2 == 1,):
            recheck = Rechecker(CONFIG)
            checked: list[tuple[Document, list[Finding]]] = []

            def check(
                doc: Document,
                since: fixer.Revision | None = None,
                /,
                _recheck: Rechecker = recheck,
                _checked: list[tuple[Document, list[Finding]]] = checked,
            ) -> list[Finding]:
                found = _recheck(doc, since)
                if since is not None:
                    passes.append(Pass(since.before, doc, since.edits, _checked[-1][1]))
                _checked.append((doc, list(found)))
                return found

            fixer.fix_document(Document.from_text(text, path="t.txt"), check, unsafe=unsafe)
    return tuple(passes)


def test_the_recorded_passes_cover_what_the_fast_paths_meet() -> None:
    passes = recorded_passes()
    assert len(passes) > 50
    # Runs of paragraphs that shift, and passes that join or split paragraphs.
    assert any(len(_bounds(p.after)[0]) != len(_bounds(p.before)[0]) for p in passes if p.edits)
    assert any(len({shift for _, shift in walked_kept(p).values()}) > 2 for p in passes)


# Paragraphs left as they were ------------------------------------------------------------


def walk(
    old: Sequence[Span], new: Sequence[Span], edits: Sequence[Edit]
) -> dict[int, tuple[int, int]]:
    """The reference: each old paragraph in turn, the edits and the new paragraphs walked."""
    kept: dict[int, tuple[int, int]] = {}
    shift = number = 0
    pending = iter(sorted(edits))
    edit = next(pending, None)
    for old_number, span in enumerate(old):
        while edit is not None and edit.end < span.start - 1:
            shift += len(edit.replacement) - (edit.end - edit.start)
            edit = next(pending, None)
        if edit is not None and edit.start <= span.end + 1:
            continue
        start = span.start + shift
        while number < len(new) and new[number].start < start:
            number += 1
        if number == len(new):
            break
        moved = new[number]
        if moved.start == start and moved.end == span.end + shift:
            kept[old_number] = (number, shift)
    return kept


def walked_kept(p: Pass) -> dict[int, tuple[int, int]]:
    return walk(p.before.paragraphs, p.after.paragraphs, p.edits)


def test_runs_of_kept_paragraphs_are_the_paragraphs_a_walk_keeps() -> None:
    for p in recorded_passes():
        kept = _kept_paragraphs(_bounds(p.before), _bounds(p.after), p.edits)
        assert kept == walked_kept(p)


@st.composite
def edited_texts(draw: st.DrawFn) -> tuple[str, tuple[Edit, ...]]:
    """A text of short lines and blank lines, and sorted edits that fix_document could apply
    together (disjoint, no two at one offset), line breaks among what they insert and cut."""
    text = draw(st.text(alphabet="ab \n", min_size=1, max_size=120))
    offsets = sorted(draw(st.sets(st.integers(0, len(text)), max_size=12)))
    edits: list[Edit] = []
    position = 0
    for offset in offsets:
        if offset < position:
            continue
        end = draw(st.integers(offset, min(len(text), offset + 4)))
        edits.append(Edit(offset, end, draw(st.text(alphabet="ab\n", max_size=3))))
        position = end + 1
    return text, tuple(edits)


@settings(max_examples=400, deadline=None)
@given(edited_texts(), st.booleans(), st.booleans())
def test_kept_paragraphs_of_generated_edits_are_those_a_walk_keeps(
    edited: tuple[str, tuple[Edit, ...]], wrapped_before: bool, wrapped_after: bool
) -> None:
    text, edits = edited
    before = Document(text)
    after = before.with_text(fixer.apply_edits(text, edits))
    # Blocks and lines both, and a layout a pass changed: a paragraph may then start where
    # it did and end elsewhere.
    before.__dict__["is_hard_wrapped"] = wrapped_before
    after.__dict__["is_hard_wrapped"] = wrapped_after
    kept = _kept_paragraphs(_bounds(before), _bounds(after), edits)
    assert kept == walk(before.paragraphs, after.paragraphs, edits)


def test_a_plan_keeps_the_walked_paragraphs_with_the_same_protected_text_around() -> None:
    # An edit past a paragraph unmakes (or makes) the HTML comment around it: walked, it is
    # kept, but the protected text around it changed.
    text = "Intro line here.\n\n<!-- a note\n\nkept line\n\nend --> tail of it\n"
    at = text.index("-->")
    unmade = Document(text).with_text(text[:at] + text[at + 3 :])
    cases = [
        (Document(text), unmade, (Edit(at, at + 3, ""),)),
        (unmade, Document(text), (Edit(at, at, "-->"),)),
    ]
    for run in protected_texts():
        damaged = Document.from_text(run.replace(" http", ",, http").replace("<", ",,<"))
        found = checker.check_document(damaged, CONFIG)
        edits = fixer._choose(found, False)[1]
        cases.append((damaged, damaged.with_text(fixer._splice(damaged.text, edits)), edits))
    dropped = 0
    for before, after, edits in cases:
        plan = _Plan.make(_Checked(before, {}), after, edits, CONFIG)
        if plan is None:
            continue
        walked = walk(before.paragraphs, after.paragraphs, edits)
        same = {
            number: target
            for number, target in walked.items()
            if _same_protected(before, before.paragraphs[number], after, target[1])
        }
        assert plan.kept == same
        dropped += len(walked) - len(same)
    assert dropped


# Findings by paragraph, moved ------------------------------------------------------------


def plain_by_paragraph(
    found: Sequence[Finding], paragraphs: Sequence[Span]
) -> dict[int, list[Finding]] | None:
    starts = [span.start for span in paragraphs]
    grouped: dict[int, list[Finding]] = {}
    for finding in found:
        number = bisect.bisect_right(starts, finding.span.start) - 1
        low, high = finding.span.start, finding.span.end
        if finding.fix is not None and finding.fix.edits:
            low = min(low, finding.fix.edits[0].start)
            high = max(high, finding.fix.edits[-1].end)
        if number < 0 or not (paragraphs[number].start <= low and high <= paragraphs[number].end):
            return None
        grouped.setdefault(number, []).append(finding)
    return grouped


def test_findings_are_grouped_by_paragraph_as_the_plain_way_groups_them() -> None:
    outside = 0
    for p in recorded_passes():
        for paragraphs in (p.before.paragraphs, p.before.lines):
            expected = plain_by_paragraph(p.found, paragraphs)
            assert _by_paragraph(p.found, paragraphs) == expected
            outside += expected is None
    assert outside  # findings beside a paragraph (on a blank line, across two lines) too


def test_moved_findings_are_those_dataclasses_replace_makes() -> None:
    for p in recorded_passes()[:200]:
        for finding in p.found:
            for shift in (0, 7):
                fix = finding.fix
                if fix is not None:
                    edits = tuple(
                        Edit(e.start + shift, e.end + shift, e.replacement) for e in fix.edits
                    )
                    fix = dataclasses.replace(fix, edits=edits)
                span = Span(finding.span.start + shift, finding.span.end + shift)
                expected = dataclasses.replace(finding, span=span, fix=fix)
                assert _moved(finding, shift) == expected


# The fixes chosen ------------------------------------------------------------------------


def plain_choice(
    findings: Sequence[Finding], unsafe: bool
) -> tuple[list[Finding], tuple[Edit, ...]]:
    """The reference: every edit looked up among the sorted taken ones, the edits sorted."""
    candidates = [
        f for f in findings if f.fix is not None and f.fix.edits and f.fix.is_applicable(unsafe)
    ]
    candidates.sort(key=lambda f: (f.fix.span.start if f.fix else 0, f.code))
    taken: list[Edit] = []
    chosen = []
    for finding in candidates:
        assert finding.fix is not None
        if not any(conflicts(taken, edit) for edit in finding.fix.edits):
            for edit in finding.fix.edits:
                bisect.insort(taken, edit)
            chosen.append(finding)
    return chosen, tuple(sorted(edit for f in chosen if f.fix for edit in f.fix.edits))


def conflicts(taken: list[Edit], edit: Edit) -> bool:
    index = bisect.bisect_left(taken, edit)
    return any(fixer._conflict(edit, other) for other in taken[max(0, index - 1) : index + 1])


def test_fixes_of_real_text_are_chosen_as_the_plain_way_chooses_them() -> None:
    for p in recorded_passes():
        for unsafe in (False, True):
            assert fixer._choose(p.found, unsafe) == plain_choice(p.found, unsafe)
            assert fixer.choose_fixes(p.found, unsafe) == plain_choice(p.found, unsafe)[0]


@st.composite
def findings_with_fixes(draw: st.DrawFn) -> list[Finding]:
    found = []
    for _ in range(draw(st.integers(0, 12))):
        starts = sorted(draw(st.sets(st.integers(0, 30), min_size=1, max_size=3)))
        edits = []
        for n, start in enumerate(starts):
            limit = starts[n + 1] if n + 1 < len(starts) else start + 5
            end = draw(st.integers(start, max(start, limit - 1)))
            edits.append(Edit(start, end, draw(st.sampled_from(["", "x"]))))
        safety = draw(st.sampled_from(list(Applicability)))
        fix = Fix.of(edits, safety)
        code = draw(st.sampled_from(["ENC002", "PUN001", "WRD002"]))
        found.append(Finding(code, "m", Span(edits[0].start, edits[-1].end), fix=fix))
    return found


@settings(max_examples=400, deadline=None)
@given(findings_with_fixes(), st.booleans())
def test_generated_fixes_are_chosen_as_the_plain_way_chooses_them(
    found: list[Finding], unsafe: bool
) -> None:
    assert fixer._choose(found, unsafe) == plain_choice(found, unsafe)


# The order of findings -------------------------------------------------------------------


def test_findings_are_sorted_by_start_end_and_code() -> None:
    for p in recorded_passes()[:300]:
        shuffled = p.found[::-1]
        expected = sorted(shuffled, key=lambda f: (f.span.start, f.span.end, f.code))
        assert checker.finish(p.before, list(shuffled)) == expected
