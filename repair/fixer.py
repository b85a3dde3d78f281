"""Apply fixes: non-overlapping edits in one splice per pass, re-checked to a fixpoint."""

from __future__ import annotations

import bisect
from collections.abc import Iterable, Sequence
from dataclasses import dataclass
from typing import Final, Protocol

from repair.document import Document
from repair.errors import FixDidNotConverge
from repair.findings import Edit, Finding

MAX_PASSES: Final = 20


@dataclass(frozen=True, slots=True)
class FixResult:
    """The outcome of fixing one text.

    ``text`` is the fixed text with the input's line endings. ``applied`` holds the findings
    whose fixes were applied, ``remaining`` those left in the fixed text, and ``passes`` the
    edits of each pass, in the order applied: replaying them on the input gives the output.
    """

    text: str
    original: str
    applied: tuple[Finding, ...]
    remaining: tuple[Finding, ...]
    passes: tuple[tuple[Edit, ...], ...]
    found: tuple[Finding, ...] = ()
    """The findings of the text as it was, before any fix."""

    @property
    def changed(self) -> bool:
        return self.text != self.original

    def __str__(self) -> str:
        return self.text


@dataclass(frozen=True, slots=True)
class Revision:
    """How the text to check came about: ``edits`` applied to ``before``, the document the
    check function was given last."""

    before: Document
    edits: tuple[Edit, ...]


class CheckFunction(Protocol):
    """What the fixer checks with: the findings of ``doc``, sorted by position. ``since``
    says which edits made ``doc`` out of the previous document checked, for a check that
    can reuse what it found there (:class:`repair.recheck.Rechecker`); any other check
    ignores it."""

    def __call__(self, doc: Document, since: Revision | None = None, /) -> Sequence[Finding]: ...


def apply_edits(text: str, edits: Iterable[Edit]) -> str:
    """Splice sorted, disjoint edits into ``text`` in one left-to-right pass.

    >>> apply_edits("two -day", [Edit(3, 4, "")])
    'two-day'
    """
    return _splice(text, sorted(edits))


def _splice(text: str, edits: Iterable[Edit]) -> str:
    """:func:`apply_edits` of edits already in order (a pass's, :func:`_choose`)."""
    pieces: list[str] = []
    position = 0
    for edit in edits:
        if edit.start < position or edit.end > len(text):
            raise ValueError(f"edit {edit} overlaps another or lies out of bounds")
        pieces.append(text[position : edit.start])
        pieces.append(edit.replacement)
        position = edit.end
    pieces.append(text[position:])
    return "".join(pieces)


def replay(text: str, passes: Sequence[Sequence[Edit]]) -> str:
    """Apply recorded passes one after the other, as the fixer did."""
    for edits in passes:
        text = apply_edits(text, edits)
    return text


def _conflict(a: Edit, b: Edit) -> bool:
    if a.start == b.start:
        return True
    return max(a.start, b.start) < min(a.end, b.end) or (
        a.start < b.start < a.end or b.start < a.start < b.end
    )


class _TakenEdits:
    """Edits accepted so far in a pass, kept sorted for overlap look-ups."""

    def __init__(self) -> None:
        self._edits: list[Edit] = []
        self._last_start = -1
        """The greatest start of the edits taken (the last one's)."""
        self._reach = 0
        """The greatest end of the edits taken."""

    def conflicts(self, edit: Edit) -> bool:
        # Fixes come in order of position: most edits start past every taken one, and not
        # before any taken one ends, which clashes with none of them (see _conflict).
        if edit.start > self._last_start and edit.start >= self._reach:
            return False
        # Taken edits are disjoint, so only the two around the insertion point can clash.
        index = bisect.bisect_left(self._edits, edit)
        neighbours = self._edits[max(0, index - 1) : index + 1]
        return any(_conflict(edit, other) for other in neighbours)

    def add(self, edits: Iterable[Edit]) -> None:
        for edit in edits:
            if edit.start > self._last_start:
                self._edits.append(edit)  # past every taken edit: the list stays sorted
                self._last_start = edit.start
            else:
                bisect.insort(self._edits, edit)
            if edit.end > self._reach:
                self._reach = edit.end

    @property
    def edits(self) -> tuple[Edit, ...]:
        return tuple(self._edits)


def choose_fixes(findings: Iterable[Finding], unsafe: bool) -> list[Finding]:
    """Applicable fixes in order of position, skipping any that overlaps one already taken."""
    return _choose(findings, unsafe)[0]


def _choose(findings: Iterable[Finding], unsafe: bool) -> tuple[list[Finding], tuple[Edit, ...]]:
    """:func:`choose_fixes`, with the edits of the chosen fixes in order."""
    candidates = [
        f for f in findings if f.fix is not None and f.fix.edits and f.fix.is_applicable(unsafe)
    ]
    # A fix's span starts where its first edit does (sorted edits; every candidate has one).
    candidates.sort(key=_fix_start_and_code)
    taken = _TakenEdits()
    chosen = []
    for finding in candidates:
        assert finding.fix is not None
        edits = finding.fix.edits
        if not any(map(taken.conflicts, edits)):
            taken.add(edits)
            chosen.append(finding)
    return chosen, taken.edits


def _fix_start_and_code(finding: Finding) -> tuple[int, str]:
    return finding.fix.edits[0].start if finding.fix else 0, finding.code


def _encoding_first(findings: Sequence[Finding], unsafe: bool) -> Sequence[Finding]:
    """The encoding findings alone while one of them has a fix to apply, else all findings.

    Rules that read words see mojibake as letters ("Velderholmâ€™s" holds the word "Velderholmâ"):
    their fixes could cut into a mojibake sequence and leave it undecodable. Decoding comes
    first; the other rules are asked again about the decoded text in the next pass.
    """
    encoding = [
        f
        for f in findings
        if f.code.startswith("ENC")
        and f.fix is not None
        and f.fix.edits
        and f.fix.is_applicable(unsafe)
    ]
    return encoding or findings


def fix_document(
    doc: Document,
    check: CheckFunction,
    *,
    unsafe: bool = False,
    found: Sequence[Finding] | None = None,
) -> FixResult:
    """Check, apply every applicable fix that fits, and check again until nothing applies.

    ``check`` gives the findings of a text (the engine passes the checker under the
    document's settings). ``found`` are ``doc``'s findings when they are known already (from
    the result cache): the first pass takes them instead of checking the text again.
    Raises :class:`FixDidNotConverge` when fixes still apply after :data:`MAX_PASSES`.
    """
    applied: list[Finding] = []
    passes: list[tuple[Edit, ...]] = []
    previous = current = doc
    for _ in range(MAX_PASSES):
        if found is None:
            found = findings = check(current)
        elif not passes:
            findings = found
        else:
            findings = check(current, Revision(previous, passes[-1]))
        # The chosen fixes' edits, sorted as they were taken: spliced as they are.
        chosen, edits = _choose(_encoding_first(findings, unsafe), unsafe)
        new_text = _splice(current.text, edits) if edits else current.text
        if new_text == current.text:
            return FixResult(
                text=doc.text if not passes else current.text,
                original=doc.text,
                applied=tuple(applied),
                remaining=tuple(findings),
                passes=tuple(passes),
                found=tuple(found),
            )
        applied.extend(chosen)
        passes.append(edits)
        previous, current = current, current.with_text(new_text)
    codes = [f.code for f in applied]
    raise FixDidNotConverge(doc.path, codes, MAX_PASSES)
