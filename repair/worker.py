"""One file's check or fix, as a worker process does it.

A :class:`Task` says what to do with one file; :func:`run_task` reads the file once, checks
or fixes it (through the per-file cache when the task asks), writes it back atomically for a
fix, and sends back the result with how it found the file, for the parent's folder index.
Every problem but a configuration error stays on the file's result.
"""

from __future__ import annotations

import dataclasses
import os
import time
from collections.abc import Callable, Iterable, Mapping
from dataclasses import dataclass
from pathlib import Path
from typing import Any

from repair import engine, languagetool
from repair.cache import ResultCache, content_digest, locations_in
from repair.config import Config, discover_config
from repair.document import Document
from repair.errors import (
    ConfigError,
    DocumentError,
    EntityListError,
    FileNotWritten,
    RepairError,
)
from repair.files import decode, encode, read_bytes_and_status
from repair.findings import Finding
from repair.fingerprint import settings_fingerprint
from repair.fixer import choose_fixes
from repair.results import FileCheck, FileFix, FileResult
from repair.walk import leaves_tree
from repair.windows import Printed, is_windowed, run_windowed
from repair.write_back import write_atomic


@dataclass(frozen=True, slots=True)
class Task:
    """One file's work, picklable so that a worker process can do it."""

    file: Path
    config: Config | None
    options: Mapping[str, Any] | None
    cache: bool
    documents: bool = True
    fix: bool = False
    unsafe: bool = False
    write: bool = False
    target: Path | None = None
    then: Callable[[Any], Any] | None = None
    """What to make of the task's result (a :class:`FileCheck`, or a :class:`FileFix` for a
    fix) in the worker (see :func:`repair.api.map_checked`, :func:`repair.api.map_fixed`)."""
    tree: Path | None = None
    """The folder walked to find the file, for a fix in place: a link leaving it is not
    written through."""


@dataclass(frozen=True, slots=True)
class Read:
    """How a worker found a file it read: its status (taken before the read), the digest
    of its bytes, and when it read them."""

    status: os.stat_result
    digest: str
    read_at_ns: int


@dataclass(frozen=True, slots=True)
class Done:
    """What a worker sends back: the task's result (or ``task.then`` of it) and how it found
    the file, for the parent's folder index (``None`` when the file was not read whole, or
    was written)."""

    value: Any
    read: Read | None


def run_task(task: Task) -> Done:
    """Check or fix one file, and apply ``task.then`` to the result if it has one."""
    result, read = _result_of(task)
    if isinstance(result, Printed):  # a big file's findings, printed window by window
        return Done(result.value, None)
    if isinstance(result, FileFix) and result.written:
        read = None  # the status read before is the file's no longer
    return Done(finished(task, result), read)


def finished(task: Task, result: FileResult) -> Any:
    """``result``, or what ``task.then`` makes of it."""
    return result if task.then is None else task.then(result)


def _result_of(task: Task) -> tuple[FileResult | Printed, Read | None]:
    """Check or fix one file, and how it was found; every problem but a configuration error
    stays on its result."""
    display = str(task.file)
    read = None
    try:
        settings = config_for(task.file, task.config, task.options)
        if is_windowed(task.file):  # too big to hold whole: read window by window
            return run_windowed(task, settings, file_notice), None
        read_at = time.time_ns()
        raw, status = read_bytes_and_status(task.file, settings.max_file_bytes)
        read = Read(status, content_digest(raw), read_at)
        doc = decode(raw, display)
        if task.fix:
            return _fix_one(task, settings, read.digest, doc, status), read
        grammar = languagetool.missing_count()
        findings = tuple(_cached_check(read.digest, doc, settings, task.cache))
        notice = file_notice(doc, settings) or languagetool.missing_notice(grammar)
        if not task.documents:
            # Where the findings stand travels back instead of the whole text: less to
            # pickle here and to unpickle in the parent, which shares the cores.
            located = locations_in(doc, findings)
            return FileCheck(display, findings, notice=notice, locations=located), read
        return FileCheck(display, findings, doc, notice=notice), read
    except (ConfigError, EntityListError):
        raise
    except FileNotWritten as error:
        # Named when it is not the file itself (a copy in --output, a link's target).
        where = "" if error.path == display else f"{error.path}: "
        return _failed(task, where + error.problem), None
    except DocumentError as error:
        return _failed(task, error.problem), read
    except RepairError as error:
        return _failed(task, str(error)), None
    except OSError as error:  # writing has its own message (see _write): this is reading
        return _failed(task, f"cannot read: {error.strerror or error}"), None


def _failed(task: Task, problem: str) -> FileResult:
    """The result of a file that could not be checked or fixed, of the task's kind."""
    kind = FileFix if task.fix else FileCheck
    return kind(str(task.file), error=problem)


def _cached_check(digest: str, doc: Document, settings: Config, use_cache: bool) -> list[Finding]:
    """The findings of ``doc``, whose bytes have ``digest``: from its cache entry, or
    checked and stored."""
    if not use_cache:
        return run_rules(doc, settings)
    store = ResultCache.for_config(settings)
    key = ResultCache.key(digest, settings_fingerprint(settings, doc.path), doc.path)
    cached = store.load(key)
    if cached is not None and within(cached.findings, len(doc.text)):
        return cached.findings
    grammar = languagetool.missing_count()
    findings = run_rules(doc, settings)
    if languagetool.missing_count() == grammar:  # no entry lacking grammar findings
        store.store(key, findings, doc, file_notice(doc, settings))
    return findings


def within(findings: Iterable[Finding], length: int) -> bool:
    """Whether every finding and edit lies inside a text of ``length`` characters: an entry
    that says otherwise is not of this text, and its edits are never applied."""
    for finding in findings:
        if finding.end > length:
            return False
        if finding.fix is not None and any(edit.end > length for edit in finding.fix.edits):
            return False
    return True


def _fix_one(
    task: Task, settings: Config, digest: str, doc: Document, status: os.stat_result
) -> FileFix:
    display = str(task.file)
    found = None
    grammar = languagetool.missing_count()
    if task.cache:
        # A cached check with nothing to apply means the fix would change nothing; with
        # something to apply, it is the fixer's first pass.
        found = _cached_check(digest, doc, settings, use_cache=True)
        if not choose_fixes(found, task.unsafe) and not needs_transcoding(found):
            notice = file_notice(doc, settings) or languagetool.missing_notice(grammar)
            unchanged = FileFix(
                display, doc, doc, doc.text, tuple(found), remaining=tuple(found), notice=notice
            )
            return _write(task, settings, doc, unchanged, status)
    fixed = engine.run(doc, settings, True, unsafe=task.unsafe, found=found)
    # Written as UTF-8, the file takes the fix of its encoding along.
    applied = (*fixed.applied, *fixed.encoding_change)
    remaining = tuple(f for f in fixed.remaining if f not in fixed.encoding_change)
    fixed_doc = doc.with_text(fixed.text)
    notice = file_notice(doc, settings) or languagetool.missing_notice(grammar)
    outcome = FileFix(
        display, doc, fixed_doc, fixed.text, fixed.found, applied, remaining, notice=notice
    )
    return _write(task, settings, doc, outcome, status)


def _write(
    task: Task, settings: Config, doc: Document, outcome: FileFix, status: os.stat_result
) -> FileFix:
    if not task.write or not (outcome.changed or task.target is not None):
        return outcome
    assert outcome.fixed_text is not None
    if task.tree is not None and leaves_tree(task.file, task.tree):
        notice = f"a symbolic link to {task.file.resolve()}, outside {task.tree}; not written"
        return dataclasses.replace(outcome, notice=notice)
    data = encode(doc, outcome.fixed_text, keep_encoding=settings.output_encoding == "keep")
    destination = task.target or task.file
    try:
        destination.parent.mkdir(parents=True, exist_ok=True)
        if task.target is None:
            write_atomic(destination, data, replacing=status)
        else:
            write_atomic(destination, data, through_links=False)
        if task.target is not None:
            destination.chmod(task.file.stat().st_mode & 0o7777)
    except OSError as error:
        reason = f"cannot write: {error.strerror or error}"
        raise FileNotWritten(str(destination), reason) from error
    complete = outcome.notice is None or not outcome.notice.startswith(languagetool.MISSING_PREFIX)
    if task.cache and complete and destination == task.file and _reads_back(data, outcome):
        # The next run reads the written bytes: remember what is left in them.
        key = ResultCache.key(
            content_digest(data), settings_fingerprint(settings, doc.path), doc.path
        )
        assert outcome.fixed is not None
        ResultCache.for_config(settings).store(
            key, outcome.remaining, outcome.fixed, outcome.notice
        )
    return dataclasses.replace(outcome, written=True)


def _reads_back(data: bytes, outcome: FileFix) -> bool:
    """Whether ``data`` decodes to the text the findings of ``outcome`` were found in.

    Not always: mixed line endings are written uniform, and a kept single-byte encoding
    may be detected as another. Findings of another text must not be cached for these
    bytes: their offsets would point elsewhere, and a later fix would apply them there.
    """
    try:
        return decode(data, outcome.path).text == (outcome.fixed and outcome.fixed.text)
    except DocumentError:
        return False


def run_rules(doc: Document, settings: Config) -> list[Finding]:
    """The findings of the rules in force under ``settings`` in ``doc``, sorted."""
    return list(engine.run(doc, settings).found)


def needs_transcoding(findings: Iterable[Finding]) -> bool:
    """Whether a fix would write the file in another encoding (ENC001 with a fix)."""
    return any(f.code == "ENC001" and f.fix is not None for f in findings)


def file_notice(doc: Document, settings: Config) -> str | None:
    """The one line said of a file besides its findings: empty, or not in English."""
    if not doc.text:
        return "empty file"
    from repair.language import language_notice

    return language_notice(doc, settings)


def config_for(path: Path, config: Config | None, options: Mapping[str, Any] | None) -> Config:
    """``config``, else the settings discovered for ``path``, under ``options``."""
    base = config if config is not None else discover_config(path if path.is_dir() else path.parent)
    return base.with_options(options) if options else base
