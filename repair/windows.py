"""Files too big to hold whole, checked and fixed window by window.

A file of more than :data:`WINDOWED_ABOVE` bytes is never read whole: a text costs some
25 times its size in memory once its document, its analyses and its findings are built.
Its bytes are read twice, a megabyte at a time (:mod:`repair.window_reading`): once to
learn its encoding and line endings, once to decode it into windows of about
:data:`WINDOW_CHARS` code points cut at paragraph boundaries (a blank line; else a line
end), each checked or fixed as a document of its own. A fixed window is written at once
through the atomic writer, so the file is replaced whole or not at all.

What a window loses: rules that look across the whole document see one window. A line
repeated from another window (STR003), a name spelled alike elsewhere, a quote style
counted over the document are judged within the window only. ENC001 (the file's
encoding) is said once, of the first window. Paragraph-local damage, most of what repair
finds, is found and fixed as in the whole file.
"""

from __future__ import annotations

import os
from collections.abc import Callable, Iterator
from dataclasses import dataclass, field
from pathlib import Path
from typing import Any, BinaryIO, Final, Protocol, TypeVar

from repair import engine, languagetool
from repair.cache import Location, locations_in
from repair.config import Config
from repair.document import Document
from repair.errors import FileNotWritten, UndecodableFile
from repair.files import encode, open_regular
from repair.findings import Finding, finding_state, restore_finding
from repair.results import FileCheck, FileFix, FileResult
from repair.walk import leaves_tree
from repair.window_reading import Layout, survey, windows
from repair.write_back import write_atomic


class Task(Protocol):
    """What a window run needs of :class:`repair.worker.Task` (a protocol: the worker
    imports this module)."""

    @property
    def file(self) -> Path: ...
    @property
    def fix(self) -> bool: ...
    @property
    def unsafe(self) -> bool: ...
    @property
    def write(self) -> bool: ...
    @property
    def target(self) -> Path | None: ...
    @property
    def tree(self) -> Path | None: ...
    @property
    def then(self) -> Callable[[Any], Any] | None: ...


Notice = Callable[[Document, Config], "str | None"]
"""What is said of a file besides its findings (:func:`repair.worker.file_notice`)."""

WINDOWED_ABOVE: Final = 8_000_000
"""Files of more bytes than this are processed window by window."""
WINDOW_CHARS: Final = 1_000_000
"""About how many code points a window holds: fixing one holds some 50 MB."""


def is_windowed(path: Path) -> bool:
    """Whether ``path`` is a file too big to hold whole (a stat; any error says no, and
    reading the file then reports it)."""
    try:
        return path.stat().st_size > WINDOWED_ABOVE
    except (OSError, ValueError):
        return False


@dataclass(slots=True)
class Place:
    """Where a window starts in the whole text: code points, lines and, when it starts
    inside a line, code points of that line before it."""

    offset: int = 0
    line: int = 0
    column: int = 0

    def advance(self, text: str) -> None:
        """Move past the window ``text``."""
        self.offset += len(text)
        lines = text.count("\n")
        self.line += lines
        self.column = self.column + len(text) if not lines else len(text) - text.rfind("\n") - 1

    def locate(self, where: Location) -> Location:
        """A location in the window as a location in the whole text (an end on the start's
        line shares its number: a file holds many)."""
        start_line, start_column, end_line, end_column = where
        line = start_line + self.line
        if start_line == 1:
            start_column += self.column
        if end_line == 1:
            end_column += self.column
        return (
            line,
            start_column,
            line if end_line == start_line else end_line + self.line,
            end_column,
        )


def shifted(finding: Finding, by: int, strings: dict[str, str] | None = None) -> Finding:
    """``finding`` (and its fix) moved ``by`` code points further in the text.

    A file of a hundred megabytes may have hundreds of thousands of findings, held to the
    end of its run: an edit's ends share the finding's numbers where they are equal, and
    a message or title already in ``strings`` is shared (put there when it is not).
    """
    code, message, start, end, severity, fix = finding_state(finding)
    start, end = start + by, end + by
    numbers = {start: start, end: end}
    if strings is not None:
        message = strings.setdefault(message, message)
    if fix is not None:
        applicability, title, edits = fix
        if strings is not None:
            title = strings.setdefault(title, title)
        moved = tuple(
            (numbers.get(s + by, s + by), numbers.get(e + by, e + by), r) for s, e, r in edits
        )
        fix = (applicability, title, moved)
    return restore_finding(code, message, start, end, severity, fix)


@dataclass(slots=True)
class _Tally:
    """What the windows of one file add up to. A file of a hundred megabytes may have
    hundreds of thousands of findings: they are what its run holds longest."""

    findings: list[Finding] = field(default_factory=list)
    locations: list[Location] = field(default_factory=list)
    applied: list[Finding] = field(default_factory=list)
    changed: bool = False
    notice: str | None = None
    strings: dict[str, str] = field(default_factory=dict)
    printed: list[Any] = field(default_factory=list)
    """Each window's printed lines, when the findings are printed as they are found."""

    def add(self, found: list[Finding], located: list[Location], applied: list[Finding]) -> None:
        self.findings += found
        self.locations += located
        self.applied += applied


@dataclass(slots=True)
class _Run:
    """One file's run through its windows."""

    task: Task
    settings: Config
    layout: Layout
    notice: Notice
    tally: _Tally = field(default_factory=_Tally)
    original: Place = field(default_factory=Place)
    fixed: Place = field(default_factory=Place)

    def window(self, index: int, text: str, out: BinaryIO | None) -> None:
        """Check or fix one window (writing its fixed text to ``out``), and add its
        findings, placed in the whole file, to the tally."""
        task, tally = self.task, self.tally
        doc = self.layout.document(text, str(task.file), first=not index)
        if not index:
            tally.notice = self.notice(doc, self.settings)
        outcome = engine.run(doc, self.settings, task.fix, unsafe=task.unsafe)
        # The file's encoding is said once, of the first window; a fix takes the change of
        # encoding along as applied (as repair.worker does).
        remaining = tuple(
            f
            for f in outcome.remaining
            if f.code != "ENC001" or (not index and not (task.fix and f in outcome.encoding_change))
        )
        applied: list[Finding] = []
        if task.fix:
            place = self.fixed
            located = locations_in(doc.with_text(outcome.text), remaining)
            changes = (*outcome.applied, *(outcome.encoding_change if not index else ()))
            applied = [shifted(f, self.original.offset, tally.strings) for f in changes]
            tally.changed |= outcome.text != text or bool(changes and not index)
            if out is not None:
                keep = self.settings.output_encoding == "keep"
                out.write(encode(doc, outcome.text, keep_encoding=keep))
        else:
            place = self.original
            located = locations_in(doc, remaining)
        found = [shifted(f, place.offset, tally.strings) for f in remaining]
        if _prints(task):
            assert task.then is not None
            path, where = str(task.file), tuple(map(place.locate, located))
            part: FileResult = (
                FileFix(path, applied=tuple(applied), remaining=tuple(found), locations=where)
                if task.fix
                else FileCheck(path, tuple(found), locations=where)
            )
            tally.printed.append(task.then(part))
        else:
            tally.add(found, list(map(place.locate, located)), applied)
        # Moved past the window once its findings are placed: they start where it starts.
        self.original.advance(text)
        if task.fix:
            self.fixed.advance(outcome.text)

    def __call__(self, stream: BinaryIO, out: BinaryIO | None) -> None:
        """Every window of the open file in turn."""
        for index, text in enumerate(
            _decoded(windows(stream, self.layout, WINDOW_CHARS), str(self.task.file))
        ):
            self.window(index, text, out)


_F = TypeVar("_F", bound=Callable[..., Any])
_MERGED_BY_WINDOW: set[Callable[..., Any]] = set()


def merges_by_window(function: _F) -> _F:
    """Declare that ``function``'s results of a file's windows merge into the file's (the
    printed lines of :func:`repair.report.formats.printed_result`, whose counts add up):
    a ``then`` made of it, even as a ``functools.partial``, is applied window by window."""
    _MERGED_BY_WINDOW.add(function)
    return function


def _prints(task: Task) -> bool:
    """Whether the task's ``then`` is applied window by window (see
    :func:`merges_by_window`): then each window's findings are made into printed lines as
    it is checked or fixed, and the file's findings are never all held at once."""
    return getattr(task.then, "func", task.then) in _MERGED_BY_WINDOW


@dataclass(frozen=True, slots=True)
class Printed:
    """A file's printed lines and counts (a :class:`repair.report.formats.PrintedResult`),
    made window by window: what :func:`repair.worker.run_task` sends back as it is."""

    value: Any


def _joined(task: Task, parts: list[Any], read: FileResult) -> Printed:
    """The printed results of a file's windows as the one of the file, whose ``read`` (a
    result without findings) gives the counts of a file read, and changed if it was."""
    path = str(task.file)
    assert task.then is not None
    whole = task.then(read)
    for part in parts:
        whole.tally.merge(part.tally)
    whole.tally.checked = 1
    whole.tally.files_with_findings = int(whole.tally.findings > 0)
    lines = tuple(line for part in parts for line in part.lines)
    return Printed(type(whole)(path, None, read.notice, lines, whole.tally))


def run_windowed(task: Task, settings: Config, notice: Notice) -> FileResult | Printed:
    """Check or fix one file too big to hold whole (see the module's docstring); every
    problem is raised as :func:`repair.worker.run_task` expects. ``notice`` says what is
    said of the file besides its findings, from its first window."""
    display = str(task.file)
    grammar = languagetool.missing_count()
    with open_regular(task.file, settings.max_file_bytes) as (stream, status):
        run = _Run(task, settings, survey(stream, display), notice)
        tally = run.tally
        if not task.fix or not task.write:
            run(stream, None)
            written = False
        else:
            written = _write(task, status, lambda out: run(stream, out), tally)
    said = tally.notice or languagetool.missing_notice(grammar)
    if task.fix and tally.changed and not task.write:
        said = said or "fixed window by window (a large file): no diff is kept"
    if not task.fix:
        checked = FileCheck(
            display, tuple(tally.findings), notice=said, locations=tuple(tally.locations)
        )
        return _joined(task, tally.printed, checked) if _prints(task) else checked
    fixed = FileFix(
        display,
        remaining=tuple(tally.findings),
        applied=tuple(tally.applied),
        written=written,
        notice=said,
        locations=tuple(tally.locations),
        changed_text=tally.changed,
    )
    return _joined(task, tally.printed, fixed) if _prints(task) else fixed


def _decoded(texts: Iterator[str], display: str) -> Iterator[str]:
    """``texts``, with a decoding error (the file changed since :func:`survey` read it
    whole) raised as the file's error: the new file is then given up."""
    try:
        yield from texts
    except UnicodeDecodeError as error:
        problem = f"changed while it was read: no longer {error.encoding} ({error.reason})"
        raise UndecodableFile(display, problem) from error


class _Unchanged(Exception):
    """Nothing to write: the fix changed nothing in a file fixed in place."""


def _write(
    task: Task, status: os.stat_result, run: Callable[[BinaryIO | None], None], tally: _Tally
) -> bool:
    """Fix the file window by window into its new bytes; whether they were written."""
    if task.tree is not None and leaves_tree(task.file, task.tree):
        run(None)
        tally.notice = f"a symbolic link to {task.file.resolve()}, outside {task.tree}; not written"
        return False
    destination = task.target or task.file

    def write(out: BinaryIO) -> None:
        run(out)
        if not tally.changed and task.target is None:
            raise _Unchanged

    try:
        destination.parent.mkdir(parents=True, exist_ok=True)
        if task.target is None:
            write_atomic(destination, write, replacing=status)
        else:
            write_atomic(destination, write, through_links=False)
            destination.chmod(task.file.stat().st_mode & 0o7777)
    except _Unchanged:
        return False
    except OSError as error:
        reason = f"cannot write: {error.strerror or error}"
        raise FileNotWritten(str(destination), reason) from error
    return True
