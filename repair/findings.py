"""Value types of a check: spans, edits, fixes and findings.

Positions are offsets into ``Document.text``, in code points, never bytes. Line and column
numbers are display values, computed from a document when a finding is shown.
"""

from __future__ import annotations

import enum
import itertools
from collections.abc import Callable, Iterable
from dataclasses import dataclass
from typing import Final

_new = object.__new__
_set = object.__setattr__


class Applicability(enum.Enum):
    """How sure a fix is to restore what the author wrote (ruff's model)."""

    SAFE = "safe"
    """Certain to restore the original: applied by ``repair fix``."""
    UNSAFE = "unsafe"
    """Probably right, but may change meaning or delete text: only with ``--unsafe-fixes``."""
    DISPLAY_ONLY = "display-only"
    """A suggestion to show, never applied."""


class Severity(enum.Enum):
    """How much a finding hurts the text."""

    ERROR = "error"
    WARNING = "warning"
    INFO = "info"


@dataclass(frozen=True, slots=True, order=True)
class Span:
    """A half-open range ``[start, end)`` of code points in a document's text."""

    start: int
    end: int

    # Written out (dataclass keeps a class's own __init__): the generated one sets each field
    # through object.__setattr__ and then calls __post_init__, which reads them back; every
    # finding and hit of every rule makes spans. The setters are the slots' (end of module).
    def __init__(self, start: int, end: int) -> None:
        if not 0 <= start <= end:
            raise ValueError(f"invalid span [{start}, {end})")
        _SPAN_START(self, start)
        _SPAN_END(self, end)

    def overlaps(self, other: Span) -> bool:
        """True when the spans share a code point, or an empty span sits strictly inside.

        >>> Span(0, 3).overlaps(Span(2, 5)), Span(0, 3).overlaps(Span(3, 5))
        (True, False)
        """
        if self.start == self.end:
            return other.start < self.start < other.end
        if other.start == other.end:
            return self.start < other.start < self.end
        return self.start < other.end and other.start < self.end

    def __len__(self) -> int:
        return self.end - self.start


@dataclass(frozen=True, slots=True, order=True)
class Edit:
    """Replace ``text[start:end]`` with ``replacement``; an insertion has ``start == end``."""

    start: int
    end: int
    replacement: str

    def __init__(self, start: int, end: int, replacement: str) -> None:  # as Span's
        if not 0 <= start <= end:
            raise ValueError(f"invalid edit range [{start}, {end})")
        _EDIT_START(self, start)
        _EDIT_END(self, end)
        _EDIT_REPLACEMENT(self, replacement)

    @property
    def span(self) -> Span:
        return Span(self.start, self.end)

    @classmethod
    def delete(cls, start: int, end: int) -> Edit:
        return cls(start, end, "")

    @classmethod
    def insert(cls, offset: int, text: str) -> Edit:
        return cls(offset, offset, text)


@dataclass(frozen=True, slots=True)
class Fix:
    """A set of sorted, disjoint edits applied together, with how safe they are."""

    edits: tuple[Edit, ...]
    applicability: Applicability
    title: str = ""

    def __post_init__(self) -> None:
        if len(self.edits) < 2 and type(self.edits) is tuple:
            return  # nothing to sort, nothing to overlap (most fixes are one edit)
        ordered = tuple(sorted(self.edits))
        for before, after in itertools.pairwise(ordered):
            if before.end > after.start or (before.start == before.end == after.start):
                raise ValueError(f"overlapping edits in fix: {before} and {after}")
        object.__setattr__(self, "edits", ordered)

    @classmethod
    def of(cls, edits: Iterable[Edit], applicability: Applicability, title: str = "") -> Fix:
        return cls(tuple(edits), applicability, title)

    @classmethod
    def replace(
        cls, start: int, end: int, replacement: str, applicability: Applicability, title: str = ""
    ) -> Fix:
        # One edit, checked by Edit: nothing for __post_init__ to sort or find overlapping.
        fix = _new(cls)
        _FIX_EDITS(fix, (Edit(start, end, replacement),))
        _FIX_APPLICABILITY(fix, applicability)
        _FIX_TITLE(fix, title)
        return fix

    @property
    def span(self) -> Span:
        """The range from the first edit's start to the last edit's end."""
        if not self.edits:
            return Span(0, 0)
        return Span(self.edits[0].start, self.edits[-1].end)

    def is_applicable(self, unsafe: bool) -> bool:
        if self.applicability is Applicability.SAFE:
            return True
        return unsafe and self.applicability is Applicability.UNSAFE


@dataclass(frozen=True, slots=True)
class Hit:
    """What a rule function yields: where, what, and how to fix it if that is known.

    The rule's code and severity are declared once, on its :class:`~repair.rules.base.Rule`;
    the checker stamps them on each hit to make a :class:`Finding`. ``severity`` is for a
    rule whose findings differ in weight (LanguageTool's issue types); ``code`` for a
    function that reports more than one code of its family. Both are ``None`` otherwise.
    """

    message: str
    span: Span
    fix: Fix | None = None
    severity: Severity | None = None
    code: str | None = None


@dataclass(frozen=True, slots=True)
class Finding:
    """One artefact found by a rule: where, what, and how to fix it if that is known."""

    code: str
    message: str
    span: Span
    severity: Severity = Severity.WARNING
    fix: Fix | None = None

    @property
    def start(self) -> int:
        return self.span.start

    @property
    def end(self) -> int:
        return self.span.end

    def __reduce__(self) -> tuple[Callable[..., Finding], tuple[object, ...]]:
        """Pickle as plain values, restored without re-validation.

        Worker processes send their findings to the parent by the ten thousand; the
        dataclasses' default pickling costs the parent three times as much to load.
        """
        return restore_finding, finding_state(self)


def trusted_finding(
    code: str, message: str, span: Span, severity: Severity, fix: Fix | None
) -> Finding:
    """``Finding(code, message, span, severity, fix)``, built without its ``__init__`` (a
    call per field through ``object.__setattr__``, a third of the cost of stamping a rule's
    hit): for values a finding was made of already, such as a hit's span and fix."""
    finding = _new(Finding)
    _FINDING_CODE(finding, code)
    _FINDING_MESSAGE(finding, message)
    _FINDING_SPAN(finding, span)
    _FINDING_SEVERITY(finding, severity)
    _FINDING_FIX(finding, fix)
    return finding


# The slots' own setters: a frozen dataclass refuses setattr, and these skip its check and
# the lookup of object.__setattr__ (half the cost of making a span).
_SPAN_START: Final = Span.__dict__["start"].__set__
_SPAN_END: Final = Span.__dict__["end"].__set__
_EDIT_START: Final = Edit.__dict__["start"].__set__
_EDIT_END: Final = Edit.__dict__["end"].__set__
_EDIT_REPLACEMENT: Final = Edit.__dict__["replacement"].__set__
_FIX_EDITS: Final = Fix.__dict__["edits"].__set__
_FIX_APPLICABILITY: Final = Fix.__dict__["applicability"].__set__
_FIX_TITLE: Final = Fix.__dict__["title"].__set__
_FINDING_CODE: Final = Finding.__dict__["code"].__set__
_FINDING_MESSAGE: Final = Finding.__dict__["message"].__set__
_FINDING_SPAN: Final = Finding.__dict__["span"].__set__
_FINDING_SEVERITY: Final = Finding.__dict__["severity"].__set__
_FINDING_FIX: Final = Finding.__dict__["fix"].__set__
_SEVERITY_OF: dict[str, Severity] = {member.value: member for member in Severity}
_APPLICABILITY_OF: dict[str, Applicability] = {member.value: member for member in Applicability}


FixState = tuple[str, str, tuple[tuple[int, int, str], ...]]
FindingState = tuple[str, str, int, int, str, FixState | None]


def finding_state(finding: Finding) -> FindingState:
    """A finding as plain values: code, message, start, end, severity, and its fix's
    applicability, title and edits. The result cache stores it as a JSON row."""
    fix = finding.fix
    fix_state = (
        None
        if fix is None
        else (
            fix.applicability.value,
            fix.title,
            tuple((e.start, e.end, e.replacement) for e in fix.edits),
        )
    )
    return (
        finding.code,
        finding.message,
        finding.start,
        finding.end,
        finding.severity.value,
        fix_state,
    )


def restore_finding(
    code: str,
    message: str,
    start: int,
    end: int,
    severity: str,
    fix_state: FixState | None,
) -> Finding:
    """The finding of :func:`finding_state`'s values (lists stand for tuples, as in JSON).

    >>> one = Finding("PUN001", "Space before the hyphen", Span(3, 4))
    >>> restore_finding(*finding_state(one)) == one
    True
    """
    # Built field by field, without __init__ and its checks: the values were checked when
    # the finding was made, and a second run loads them by the hundred thousand.
    fix = None
    if fix_state is not None:
        applicability, title, edit_states = fix_state
        edits = []
        for edit_start, edit_end, replacement in edit_states:
            edit = _new(Edit)
            _set(edit, "start", edit_start)
            _set(edit, "end", edit_end)
            _set(edit, "replacement", replacement)
            edits.append(edit)
        fix = _new(Fix)
        _set(fix, "edits", tuple(edits))
        _set(fix, "applicability", _APPLICABILITY_OF[applicability])
        _set(fix, "title", title)
    span = _new(Span)
    _set(span, "start", start)
    _set(span, "end", end)
    finding = _new(Finding)
    _set(finding, "code", code)
    _set(finding, "message", message)
    _set(finding, "span", span)
    _set(finding, "severity", _SEVERITY_OF[severity])
    _set(finding, "fix", fix)
    return finding
