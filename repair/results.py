"""What a batch gives back: one :class:`FileResult` per file, in :class:`Results`."""

from __future__ import annotations

from collections.abc import Iterator
from dataclasses import dataclass
from typing import TypeVar

from repair.cache import Location, locations_in
from repair.document import Document
from repair.findings import Finding

T = TypeVar("T")


@dataclass(frozen=True, slots=True)
class FileResult:
    """What happened to one file.

    ``document`` is the document the findings refer to: the file as read for a check, the
    fixed text for a fix. A check with ``documents=False`` keeps no document: its
    ``locations`` give where each finding stands instead.
    ``error`` is a one-line reason when the file could not be read, decoded, fixed or
    written; such a file is left untouched.
    """

    path: str
    findings: tuple[Finding, ...] = ()
    document: Document | None = None
    original: Document | None = None
    applied: tuple[Finding, ...] = ()
    fixed_text: str | None = None
    written: bool = False
    error: str | None = None
    notice: str | None = None
    locations: tuple[Location, ...] | None = None
    changed_text: bool | None = None
    """Whether a fix changed the text, for a file fixed window by window
    (:mod:`repair.windows`), whose texts are not kept; ``None`` otherwise."""

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
        """1-based line and column of the start and the end of ``findings[index]``."""
        if self.locations is not None:
            return self.locations[index]
        if self.document is None:
            raise ValueError(f"{self.path}: a result without a document has no locations")
        return locations_in(self.document, (self.findings[index],))[0]


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
