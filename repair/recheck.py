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
from typing import Final

from repair.checker import findings_by_rule, finish
from repair.config import Config
from repair.document import Document
from repair.findings import Edit, Finding, Span
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

        by_rule = findings_by_rule(doc, self._config, source=source)
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
        new_paragraphs = doc.paragraphs
        kept: dict[int, tuple[int, int]] = {}
        # Paragraphs near no protected span, in the old text and in the new one, have the
        # same (no) protected text around them: only the others are compared span by span.
        near_old = _near_protected(old.paragraphs, old.protected)
        near_new = _near_protected(new_paragraphs, doc.protected)
        shift = number = 0
        pending = iter(sorted(edits))
        edit = next(pending, None)
        for old_number, span in enumerate(old.paragraphs):
            # Edits wholly before the paragraph and its line breaks shift it; one that
            # touches them may have changed it, or where it starts or ends.
            while edit is not None and edit.end < span.start - 1:
                shift += len(edit.replacement) - (edit.end - edit.start)
                edit = next(pending, None)
            if edit is not None and edit.start <= span.end + 1:
                continue
            # Both lists are in order of position, and so are the shifted old paragraphs:
            # the new paragraph at the shifted start is found by walking on (no hashing).
            start = span.start + shift
            while number < len(new_paragraphs) and new_paragraphs[number].start < start:
                number += 1
            if number == len(new_paragraphs):
                break
            moved = new_paragraphs[number]
            if (
                moved.start == start
                and moved.end == span.end + shift
                and (
                    (old_number not in near_old and number not in near_new)
                    or _same_protected(old, span, doc, shift)
                )
            ):
                kept[old_number] = (number, shift)
        kept_new = {number for number, _ in kept.values()}
        texts: list[str] = []
        pieces: list[tuple[int, int]] = []
        offset = 0
        for number, span in enumerate(doc.paragraphs):
            if number not in kept_new:
                pieces.append((offset, number))
                texts.append(doc.text[span.start : span.end])
                offset += len(span) + len(_SEPARATOR)
        changed = _changed_document(doc, texts, pieces) if pieces else None
        if pieces and changed is None:
            return None
        _carry_paragraph_languages(old, doc, kept)
        old_starts = [span.start for span in old.paragraphs]
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
    old: Document, doc: Document, kept: dict[int, tuple[int, int]]
) -> None:
    """Hand the new document the language verdicts of the paragraphs it kept as they were
    (same text, same protected text: the same verdict), so they are not detected again."""
    known: dict[Span, bool] = old.shared(_PARAGRAPH_LANGUAGES, lambda _: {})
    if not known:
        return
    carried: dict[Span, bool] = doc.shared(_PARAGRAPH_LANGUAGES, lambda _: {})
    old_paragraphs, paragraphs = old.paragraphs, doc.paragraphs
    starts = [span.start for span in old_paragraphs]
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
        number = bisect.bisect_right(starts, finding.span.start) - 1
        if number < 0 or not _inside(finding, paragraphs[number]):
            return None
        grouped.setdefault(number, []).append(finding)
    return grouped


def _inside(finding: Finding, span: Span) -> bool:
    low, high = finding.span.start, finding.span.end
    if finding.fix is not None and finding.fix.edits:
        low, high = min(low, finding.fix.edits[0].start), max(high, finding.fix.edits[-1].end)
    return span.start <= low and high <= span.end


def _moved(finding: Finding, shift: int) -> Finding:
    if not shift:
        return finding
    fix = finding.fix
    if fix is not None:
        edits = tuple(Edit(e.start + shift, e.end + shift, e.replacement) for e in fix.edits)
        fix = dataclasses.replace(fix, edits=edits)
    span = Span(finding.span.start + shift, finding.span.end + shift)
    return dataclasses.replace(finding, span=span, fix=fix)
