"""What a batch gives back: one :class:`FileCheck` or :class:`FileFix` per file, in
:class:`Results`."""

from __future__ import annotations

from collections.abc import Iterator
from dataclasses import dataclass
from typing import ClassVar, TypeAlias, TypeVar

from repair.cache import Location, locations_in
from repair.document import Document
from repair.findings import Finding

T = TypeVar("T")


@dataclass(frozen=True, slots=True)
class FileCheck:
    """What a check found in one file (or record, or standard input).

    ``document`` is the text as read, which the findings index. A check with
    ``documents=False`` keeps no document: its ``locations`` give where each finding stands
    instead. ``error`` is a one-line reason when the file could not be read or decoded.
    """

    path: str
    findings: tuple[Finding, ...] = ()
    document: Document | None = None
    error: str | None = None
    notice: str | None = None
    locations: tuple[Location, ...] | None = None

    changed: ClassVar[bool] = False
    """A check changes nothing (read by the totals, which count checks and fixes alike)."""
    applied: ClassVar[tuple[Finding, ...]] = ()

    def location(self, index: int) -> Location:
        """1-based line and column of the start and the end of ``findings[index]``."""
        if self.locations is not None:
            return self.locations[index]
        return _location(self.path, self.document, self.findings[index])


@dataclass(frozen=True, slots=True)
class FileFix:
    """What a fix made of one file (or record, or standard input).

    ``original`` is the text as read and ``found`` its findings; ``applied`` are those whose
    fixes were applied (with ENC001 when the file is written as UTF-8), ``fixed`` the fixed
    document, which ``remaining`` (also ``findings``) index, and ``fixed_text`` the text to
    write. ``error`` is a one-line reason when the file could not be read, decoded, fixed or
    written; such a file is left untouched.
    """

    path: str
    original: Document | None = None
    fixed: Document | None = None
    fixed_text: str | None = None
    found: tuple[Finding, ...] = ()
    applied: tuple[Finding, ...] = ()
    remaining: tuple[Finding, ...] = ()
    written: bool = False
    error: str | None = None
    notice: str | None = None
    locations: tuple[Location, ...] | None = None
    """Where each of ``remaining`` stands, for a file fixed window by window
    (:mod:`repair.windows`), which keeps no documents; ``None`` otherwise."""
    changed_text: bool | None = None
    """Whether the fix changed the text, for a file fixed window by window, whose texts
    are not kept; ``None`` otherwise."""

    @property
    def findings(self) -> tuple[Finding, ...]:
        """The findings left after the fix (what ``repair fix`` lists)."""
        return self.remaining

    @property
    def document(self) -> Document | None:
        """The document the remaining findings index: the fixed one."""
        return self.fixed

    @property
    def changed(self) -> bool:
        """True when the fix changes the file: its text, or its encoding."""
        if self.changed_text is not None:
            return self.changed_text or any(f.code == "ENC001" for f in self.applied)
        if self.original is None or self.fixed_text is None:
            return False
        return self.fixed_text != self.original.text or any(
            f.code == "ENC001" for f in self.applied
        )

    def location(self, index: int) -> Location:
        """1-based line and column of the start and the end of ``remaining[index]``."""
        if self.locations is not None:
            return self.locations[index]
        return _location(self.path, self.fixed, self.remaining[index])


FileResult: TypeAlias = FileCheck | FileFix
"""One file's result, of a check or of a fix: the two share ``path``, ``findings``,
``document``, ``error``, ``notice``, ``changed``, ``applied`` and ``location``."""


def _location(path: str, document: Document | None, finding: Finding) -> Location:
    if document is None:
        raise ValueError(f"{path}: a result without a document has no locations")
    return locations_in(document, (finding,))[0]


class Results(Iterator[T]):
    """The results of a batch, in order, and how many there are: the walk that found the
    files is done when the batch starts, so a progress bar need not walk them again."""

    __slots__ = ("_results", "total")

    def __init__(self, results: Iterator[T], total: int) -> None:
        self._results = results
        self.total = total

    def __iter__(self) -> Results[T]:
        return self

    def __next__(self) -> T:
        return next(self._results)
