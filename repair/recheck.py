"""The fix loop's check: after a pass, only what the pass changed is checked again.

A rule declared paragraph-local (``Rule.scope``) finds in a paragraph what that paragraph's
text alone makes it find. After a pass, its findings in the paragraphs the pass left as they
were are those of the previous check, moved by the edits before them; it runs again on the
changed paragraphs only, gathered in a small document of their own. Every other rule runs on
the whole new text, and the checker filters all findings against the new document as a full
check does. The findings are a full check's (tests/test_recheck.py). Where what makes them
so does not hold, the check is a full one: the text is Markdown, its language changed, the changed
paragraphs split or protect otherwise on their own than in the text, or a rule reported
outside its paragraph.
"""

from __future__ import annotations

import bisect
import dataclasses
from collections.abc import Iterable, Iterator, Sequence
from itertools import repeat
from typing import Final

from repair.checker import RulePlan, findings_by_rule, finish
from repair.config import Config
from repair.document import Document
from repair.findings import Edit, Finding, Fix, Span, trusted_finding
from repair.fixer import Revision
from repair.language import document_language
from repair.protected import ProtectedSpan
from repair.rules.base import CheckContext, Rule, Scope, hand_paragraph_findings

_SEPARATOR: Final = "\n\n"
"""Between the changed paragraphs in their own document: a blank line ends a paragraph in
every layout (plain lines, hard-wrapped blocks, Markdown)."""
_CONTROL_SPACE: Final = "\x0b\x0c\x1c\x1d\x1e\x1f\x85\u2028\u2029"
"""Controls that ``str.strip`` takes for white space: outside the paragraphs of a plain
text lies white space only, where no paragraph-local rule finds anything, but for these.
Looked for one by one (``in``, a fast scan each), not with a character class: cheaper on a
text that holds none, as almost every text does."""
_PARAGRAPH_LANGUAGES: Final = "repair.language.paragraphs"
"""The key under which :func:`repair.language.in_other_language` keeps its verdicts."""


@dataclasses.dataclass(slots=True)
class _Checked:
    """The document checked last, with the stamped findings of its paragraph-local rules."""

    doc: Document
    local: dict[str, list[Finding]]


class Rechecker:
    """A check function for :func:`repair.fixer.fix_document` under ``config``: a full check,
    or after a pass (``since``), one that checks again only what the pass changed."""

    def __init__(self, config: Config, *, memo: bool = True) -> None:
        self._config = config
        self._last: _Checked | None = None
        self._memo = memo
        """Keep the fix run's memo (:meth:`Document.run_memo`); off only to measure it."""
        self._plans: dict[tuple[str, str | None], RulePlan] = {}
        """The rules and settings of each language the run's documents were in: the same
        for every pass (:func:`repair.checker.findings_by_rule`)."""

    def __call__(self, doc: Document, since: Revision | None = None, /) -> list[Finding]:
        if self._memo:
            doc.keep_run_memo()  # the next passes' documents get it from this one (with_text)
        last = self._last
        plan = None
        if since is not None and last is not None and last.doc is since.before:
            plan = _Plan.make(last, doc, since.edits, self._config)
        local: dict[str, list[Finding]] = {}
        # Handed to the document as it fills: a later rule may read an earlier one's.
        hand_paragraph_findings(doc, local)

        def source(rule: Rule, context: CheckContext) -> Iterable[Finding]:
            if rule.scope is not Scope.PARAGRAPH:
                return map(rule.stamp, rule.check(doc, context))
            found = None if plan is None else plan.findings(rule, context)
            if found is None:
                found = list(map(rule.stamp, rule.check(doc, context)))
            local[rule.code] = found
            return found

        by_rule = findings_by_rule(doc, self._config, source=source, plans=self._plans)
        self._last = _Checked(doc, local)
        return finish(doc, [finding for _, found in by_rule for finding in found])


@dataclasses.dataclass(slots=True)
class _Plan:
    """What a pass changed: for each paragraph of the new text, the old paragraph it is
    (and the shift of its offsets), or its place in the document of changed paragraphs."""

    last: _Checked
    doc: Document
    kept: dict[int, tuple[int, int]]
    """Index of an old paragraph left as it was -> its index in the new text, shift of
    its offsets."""
    changed: Document | None
    pieces: list[tuple[int, int]]
    """(Offset in ``changed``, index of the new paragraph) of each changed paragraph."""
    old_starts: list[int]
    changed_starts: list[int]
    """Where the paragraphs of the old text and of ``changed`` start, found once a pass."""

    @classmethod
    def make(
        cls, last: _Checked, doc: Document, edits: Sequence[Edit], config: Config
    ) -> _Plan | None:
        old = last.doc
        if doc.is_markdown:
            return None  # a change can move a Markdown paragraph into a list or a code block
        if any(control in doc.text for control in _CONTROL_SPACE):
            return None  # a line of them lies outside every paragraph, yet ENC rules see it
        if document_language(doc, config) != document_language(old, config):
            return None  # other rules run, or with other word frequencies
        old_starts, old_ends = _bounds(old)
        kept = _kept_paragraphs((old_starts, old_ends), _bounds(doc), sorted(edits))
        # Paragraphs near no protected span, in the old text and in the new one, have the
        # same (no) protected text around them: only the others are compared span by span.
        near_old = _near_protected(old.paragraphs, old.protected)
        near_new = _near_protected(doc.paragraphs, doc.protected)
        if near_old or near_new:
            for old_number, (number, shift) in list(kept.items()):
                if (old_number in near_old or number in near_new) and not _same_protected(
                    old, old.paragraphs[old_number], doc, shift
                ):
                    del kept[old_number]
        kept_new = {number for number, _ in kept.values()}
        texts: list[str] = []
        pieces: list[tuple[int, int]] = []
        offset = 0
        paragraphs = doc.paragraphs
        for number in range(len(paragraphs)):
            if number not in kept_new:
                span = paragraphs[number]
                pieces.append((offset, number))
                texts.append(doc.text[span.start : span.end])
                offset += len(span) + len(_SEPARATOR)
        changed = _changed_document(doc, texts, pieces) if pieces else None
        if pieces and changed is None:
            return None
        _carry_paragraph_languages(old, doc, kept, old_starts)
        changed_starts = [] if changed is None else [span.start for span in changed.paragraphs]
        return cls(last, doc, kept, changed, pieces, old_starts, changed_starts)

    def findings(self, rule: Rule, context: CheckContext) -> list[Finding] | None:
        """The stamped findings of the paragraph-local ``rule`` in the new text, or ``None``
        when the rule reported outside a paragraph (it is then run on the whole text)."""
        old_found = self.last.local.get(rule.code)
        if old_found is None:
            return None
        if any(analysis(self.last.doc) != analysis(self.doc) for analysis in rule.context):
            return None  # what the rule read of the whole text changed: it reads it again
        old_paragraphs = self.last.doc.paragraphs
        by_paragraph = _by_paragraph(old_found, old_paragraphs, self.old_starts)
        if by_paragraph is None:
            return None
        new_found: dict[int, list[Finding]] = {}
        for old_number, found in by_paragraph.items():
            target = self.kept.get(old_number)
            if target is not None:
                number, shift = target
                new_found[number] = [_moved(f, shift) for f in found]
        if self.changed is not None:
            changed = self.changed
            in_changed = _by_paragraph(
                run_apart(rule, changed, self.doc, context),
                changed.paragraphs,
                self.changed_starts,
            )
            if in_changed is None:
                return None
            paragraphs = self.doc.paragraphs
            for position, found in in_changed.items():
                offset, number = self.pieces[position]
                shift = paragraphs[number].start - offset
                new_found[number] = [_moved(f, shift) for f in found]
        return [finding for number in sorted(new_found) for finding in new_found[number]]


def run_apart(
    rule: Rule, excerpt: Document, whole: Document, context: CheckContext
) -> Iterator[Finding]:
    """The stamped findings of ``rule`` in ``excerpt``, some paragraphs of ``whole`` checked
    apart: the analyses of the whole text the rule declares are ``whole``'s, and nothing
    else another rule computed on the excerpt is shared with it."""
    excerpt.__dict__["_shared"] = {analysis.key: analysis(whole) for analysis in rule.context}
    return map(rule.stamp, rule.check(excerpt, context))


_BOUNDS: Final = f"{__name__}.bounds"


def _bounds(doc: Document) -> tuple[list[int], list[int]]:
    """The starts and the ends of ``doc``'s paragraphs, listed once per document (a pass
    reads the new document's, and the next pass the same as the old one's)."""
    return doc.shared(_BOUNDS, _listed_bounds)


def _listed_bounds(doc: Document) -> tuple[list[int], list[int]]:
    paragraphs = doc.paragraphs
    return [span.start for span in paragraphs], [span.end for span in paragraphs]


def _kept_paragraphs(
    old: tuple[list[int], list[int]], new: tuple[list[int], list[int]], edits: Sequence[Edit]
) -> dict[int, tuple[int, int]]:
    """Index of each old paragraph (``old``: starts and ends) that the sorted, disjoint
    ``edits`` left as it was, with its line breaks -> (its index among ``new``, the shift of
    its offsets). Such paragraphs lie between two edits, in runs of the same shift; a run
    is matched as a whole with the new paragraphs at its shifted start (compared as lists,
    in C), else paragraph by paragraph."""
    old_starts, old_ends = old
    new_starts, new_ends = new
    kept: dict[int, tuple[int, int]] = {}
    shift = 0
    previous_end = -2  # no edit before the first run: every paragraph starts past -1
    for edit in (*edits, None):
        # The paragraphs starting past the edit before and its line break, and ending with
        # theirs before this edit: edits touch neither them nor the line breaks around.
        first = bisect.bisect_right(old_starts, previous_end + 1)
        end = len(old_starts) if edit is None else bisect.bisect_left(old_ends, edit.start - 1)
        if first < end:
            at = bisect.bisect_left(new_starts, old_starts[first] + shift)
            size = end - first
            moved_starts, moved_ends = old_starts[first:end], old_ends[first:end]
            if shift:
                moved_starts = list(map(shift.__add__, moved_starts))
                moved_ends = list(map(shift.__add__, moved_ends))
            if (
                new_starts[at : at + size] == moved_starts
                and new_ends[at : at + size] == moved_ends
            ):
                targets = zip(range(at, at + size), repeat(shift), strict=False)
                kept.update(zip(range(first, end), targets, strict=True))
            else:
                for number, start, stop in zip(
                    range(first, end), moved_starts, moved_ends, strict=True
                ):
                    at = bisect.bisect_left(new_starts, start)
                    if at < len(new_starts) and new_starts[at] == start and new_ends[at] == stop:
                        kept[number] = (at, shift)
        if edit is not None:
            shift += len(edit.replacement) - (edit.end - edit.start)
            previous_end = edit.end
    return kept


def _same_protected(old: Document, span: Span, new: Document, shift: int) -> bool:
    """Whether the protected text in and around an old paragraph is the same, shifted, in
    the new text (the checker and some rules read it)."""
    around = Span(max(0, span.start - 1), span.end + 1)
    moved = Span(around.start + shift, around.end + shift)
    before = [
        (p.span.start + shift, p.span.end + shift, p.kind)
        for p in old.protected_overlapping(around)
    ]
    after = [(p.span.start, p.span.end, p.kind) for p in new.protected_overlapping(moved)]
    return before == after


def _near_protected(paragraphs: Sequence[Span], protected: Sequence[ProtectedSpan]) -> set[int]:
    """Indices of the paragraphs whose span, one character wider on each side (as
    :func:`_same_protected` looks), overlaps a protected span."""
    if not protected:
        return set()
    starts = [span.start - 1 for span in paragraphs]
    ends = [span.end + 1 for span in paragraphs]
    near: set[int] = set()
    for p in protected:
        # A protected span is never empty: it overlaps the widened paragraphs whose end
        # lies past its start and whose start lies before its end, a run of them.
        first = bisect.bisect_right(ends, p.span.start)
        near.update(range(first, bisect.bisect_left(starts, p.span.end, first)))
    return near


def _changed_document(
    doc: Document, texts: list[str], pieces: list[tuple[int, int]]
) -> Document | None:
    """The changed paragraphs as a document of their own, or ``None`` when it does not
    split into those paragraphs or protect the same text in them as ``doc`` does."""
    changed = doc.with_text(_SEPARATOR.join(texts))
    # A few paragraphs tell nothing of the layout: they are laid out as the whole text.
    changed.__dict__["is_hard_wrapped"] = doc.is_hard_wrapped
    paragraphs = doc.paragraphs
    expected = [Span(offset, offset + len(paragraphs[n])) for offset, n in pieces]
    if list(changed.paragraphs) != expected:
        return None
    if not doc.protected:  # most texts: nothing to compare, span by span
        return None if changed.protected else changed
    mapped = []
    for (offset, number), span in zip(pieces, expected, strict=True):
        shift = paragraphs[number].start - offset
        for p in changed.protected_overlapping(span):
            if p.span.start < span.start or p.span.end > span.end:
                return None
            mapped.append((p.span.start + shift, p.span.end + shift, p.kind))
    wanted = [
        (p.span.start, p.span.end, p.kind)
        for _, number in pieces
        for p in doc.protected_overlapping(paragraphs[number])
    ]
    if mapped != wanted or len(changed.protected) != len(mapped):
        return None
    return changed


def _carry_paragraph_languages(
    old: Document, doc: Document, kept: dict[int, tuple[int, int]], starts: Sequence[int]
) -> None:
    """Hand the new document the language verdicts of the paragraphs it kept as they were
    (same text, same protected text: the same verdict), so they are not detected again."""
    known: dict[Span, bool] = old.shared(_PARAGRAPH_LANGUAGES, lambda _: {})
    if not known:
        return
    carried: dict[Span, bool] = doc.shared(_PARAGRAPH_LANGUAGES, lambda _: {})
    old_paragraphs, paragraphs = old.paragraphs, doc.paragraphs
    # Verdicts are few (asked where rules report): each is looked up among the kept ones.
    for span, verdict in known.items():
        old_number = bisect.bisect_right(starts, span.start) - 1
        target = kept.get(old_number)
        if target is not None and old_paragraphs[old_number] == span:
            carried[paragraphs[target[0]]] = verdict


def _by_paragraph(
    found: Iterable[Finding], paragraphs: Sequence[Span], starts: Sequence[int] | None = None
) -> dict[int, list[Finding]] | None:
    """Findings grouped by the paragraph that holds each with its fix, in their order;
    ``None`` when one lies outside a paragraph. ``starts``: the paragraphs' starts, when
    known (a pass asks for every paragraph-local rule)."""
    if starts is None:
        starts = [span.start for span in paragraphs]
    grouped: dict[int, list[Finding]] = {}
    for finding in found:
        low, high = finding.span.start, finding.span.end
        number = bisect.bisect_right(starts, low) - 1
        fix = finding.fix
        if fix is not None and fix.edits:  # sorted and disjoint: the ends bound them
            low, high = min(low, fix.edits[0].start), max(high, fix.edits[-1].end)
        if number < 0:
            return None
        paragraph = paragraphs[number]
        if low < paragraph.start or high > paragraph.end:
            return None
        grouped.setdefault(number, []).append(finding)
    return grouped


def _moved(finding: Finding, shift: int) -> Finding:
    """``finding`` ``shift`` characters further on: built from values already checked, as
    ``dataclasses.replace`` would build it but without its field-by-field round trip."""
    if not shift:
        return finding
    fix = finding.fix
    if fix is not None:
        edits = tuple(Edit(e.start + shift, e.end + shift, e.replacement) for e in fix.edits)
        fix = Fix(edits, fix.applicability, fix.title)
    span = Span(finding.span.start + shift, finding.span.end + shift)
    return trusted_finding(finding.code, finding.message, span, finding.severity, fix)
