"""The library's front door: check and fix texts and files.

The CLI and every other front end call these functions and nothing private. They never
print, exit or prompt; per-file problems in :func:`check_paths`/:func:`fix_paths` are
recorded on that file's :class:`FileResult` and the batch goes on.
"""

from __future__ import annotations

import contextlib
import dataclasses
import os
import time
from collections.abc import Callable, Iterable, Iterator, Mapping
from dataclasses import dataclass
from pathlib import Path
from typing import Any, TypeVar

from repair.batch import run_ordered
from repair.cache import (
    Location,
    ResultCache,
    content_digest,
    locations_in,
    settings_fingerprint,
)
from repair.config import Config, discover_config
from repair.document import Document, TextFormat, restore_newlines
from repair.errors import (
    ConfigError,
    DocumentError,
    EntityListError,
    FileNotWritten,
    RepairError,
)
from repair.files import decode, encode, read_bytes, read_bytes_and_status, write_atomic
from repair.findings import Finding
from repair.fixer import FixResult, choose_fixes, fix_document
from repair.score import languagetool
from repair.walk import iter_files, leaves_tree

T = TypeVar("T")


def check_text(
    text: str,
    *,
    config: Config | None = None,
    path: str | None = None,
    text_format: TextFormat | None = None,
) -> list[Finding]:
    """Findings in ``text``, sorted by position.

    ``path`` names the text in messages and picks the format (``.md`` is Markdown) and the
    per-file ignores. Offsets index the text with its line endings turned into ``"\\n"``.

    >>> [f.code for f in check_text("AT&amp;T")]
    ['ENC005']
    """
    doc = Document.from_text(text, path=path, text_format=text_format)
    return _run_rules(doc, config or Config())


def fix_text(
    text: str,
    *,
    config: Config | None = None,
    unsafe: bool = False,
    path: str | None = None,
    text_format: TextFormat | None = None,
) -> FixResult:
    """Apply every safe fix (and unsafe ones when ``unsafe``) until the text stops changing.

    The result's ``text`` keeps the input's line endings. Raises
    :class:`~repair.errors.FixDidNotConverge` if fixes keep changing the text.

    >>> fix_text("AT&amp;T").text
    'AT&T'
    """
    doc = Document.from_text(text, path=path, text_format=text_format)
    result = fix_document(doc, config or Config(), unsafe=unsafe)
    return dataclasses.replace(
        result, text=restore_newlines(result.text, doc.newline), original=text
    )


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

    @property
    def changed(self) -> bool:
        """True when the fix changes the file: its text, or its encoding."""
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


def _config_for(path: Path, config: Config | None, options: Mapping[str, Any] | None) -> Config:
    base = config if config is not None else discover_config(path if path.is_dir() else path.parent)
    return base.with_options(options) if options else base


def expand_paths(paths: Iterable[str | Path], *, config: Config | None = None) -> list[Path]:
    """The files :func:`check_paths` would check for ``paths``, in order."""
    return list(iter_files([Path(p) for p in paths], config))


@dataclass(frozen=True, slots=True)
class _Task:
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
    then: Callable[[FileResult], Any] | None = None
    tree: Path | None = None
    """The folder walked to find the file, for a fix in place: a link leaving it is not
    written through."""


def check_paths(
    paths: Iterable[str | Path],
    *,
    config: Config | None = None,
    options: Mapping[str, Any] | None = None,
    jobs: int = 1,
    cache: bool = False,
    documents: bool = True,
) -> Iterator[FileResult]:
    """Check files and folders; one :class:`FileResult` per file, in a stable order.

    With no ``config``, settings are discovered for each file (``repair.toml`` or
    ``[tool.repair]`` in a folder above it) and ``options`` (config-file keys, as the CLI's
    flags give them) are laid over them. ``jobs`` worker processes share the files;
    ``cache`` reuses the findings of files whose bytes and settings were seen before.
    ``documents=False`` gives results with ``locations`` and no document: the text does not
    travel back from the workers, and the cache answers for a file whose size, times and
    inode are those it had when last read without reading it. Raises
    :class:`~repair.errors.ConfigError` for a malformed configuration.
    """
    tasks = [
        _Task(file, config, options, cache, documents)
        for file in iter_files([Path(p) for p in paths], config)
    ]
    yield from _run_with_cache(tasks, jobs)


def map_checked(
    paths: Iterable[str | Path],
    function: Callable[[FileResult], T],
    *,
    config: Config | None = None,
    options: Mapping[str, Any] | None = None,
    jobs: int = 1,
    cache: bool = False,
) -> Iterator[T]:
    """``function`` of each result of ``check_paths(..., documents=False)``, in order,
    computed in the worker process that checked the file.

    What travels back from a worker is ``function``'s value, not the findings: rebuilding
    thousands of findings costs the parent more than checking costs a worker, and the parent
    shares the cores with them. Results the cache answers, and all results of a run too
    small to start workers, are made and passed to ``function`` in this process. ``function``
    must be picklable all the same (a module-level function or a
    :func:`functools.partial` of one), or a run with workers fails.
    """
    tasks = [
        _Task(file, config, options, cache, documents=False, then=function)
        for file in iter_files([Path(p) for p in paths], config)
    ]
    yield from _run_with_cache(tasks, jobs)


def fix_paths(
    paths: Iterable[str | Path],
    *,
    config: Config | None = None,
    options: Mapping[str, Any] | None = None,
    unsafe: bool = False,
    write: bool = True,
    output_dir: str | Path | None = None,
    jobs: int = 1,
    cache: bool = False,
) -> Iterator[FileResult]:
    """Fix files and folders, writing each changed file atomically.

    ``write=False`` computes the fixes and writes nothing (``--diff``). ``output_dir`` writes
    fixed copies there, under the path relative to the folder given (or the file name for a
    file given), and leaves the originals alone; unchanged files are copied too, so the
    output is a complete corpus.
    """
    tasks = []
    for given in paths:
        given_path = Path(given)
        for file in iter_files([given_path], config):
            target = output_target(file, given_path, output_dir)
            tree = given_path if target is None and given_path.is_dir() else None
            tasks.append(
                _Task(file, config, options, cache, True, True, unsafe, write, target, tree=tree)
            )
    yield from _run_with_cache(tasks, jobs)


def _run_with_cache(tasks: list[_Task], jobs: int) -> Iterator[Any]:
    """Answer what the cache knows in this process; send only the rest to the workers.

    Yields each task's result, or its ``then`` of the result when it has one.

    A cached file costs a stat and a small JSON load (a read and a hash when the folder
    index does not know it): far less than handing it to a worker process, so an unchanged
    corpus is answered without starting any.
    """
    # Every task of a run has the same config and options: settings differ only by folder.
    settings_of: dict[Path, Config] = {}
    try:
        known = [_from_cache(task, settings_of) if task.cache else None for task in tasks]
    finally:
        _save_folder_indexes(settings_of.values())
    pending = [task for task, result in zip(tasks, known, strict=True) if result is None]
    computed = run_ordered(
        _run_task, pending, jobs, size_of=_input_bytes, prepare=lambda: _prepare(pending)
    )
    for task, result in zip(tasks, known, strict=True):
        if result is None:
            yield next(computed)
        else:
            yield task.then(result) if task.then is not None else result


def _input_bytes(task: _Task) -> int:
    try:
        return task.file.stat().st_size
    except OSError:
        return 0  # its worker says what is wrong


def _prepare(tasks: Iterable[_Task]) -> None:
    """Load the rules and their tables for the settings of ``tasks`` before the workers
    start, so that they inherit them.

    Loading ahead only saves time: whatever fails here (a settings error, a malformed
    entity list) fails again in the worker, which reports it against its file.
    """
    from repair import checker

    settings = set()
    for task in tasks:
        with contextlib.suppress(RepairError, OSError):
            settings.add(_config_for(task.file, task.config, task.options))
    for config in settings:
        with contextlib.suppress(Exception):
            checker.prepare(config)


def _save_folder_indexes(settings: Iterable[Config]) -> None:
    for store in {id(s): ResultCache.for_config(s) for s in settings}.values():
        store.save_indexes()


def _from_cache(task: _Task, settings_of: dict[Path, Config]) -> FileResult | None:
    """The task's result from the cache when it needs no rule work and writes nothing.

    A file the folder index knows unchanged is not read when ``task.documents`` is off;
    otherwise a miss costs a read and a hash, and the file is decoded only on a hit.
    """
    if task.fix and task.target is not None:
        return None  # a copy must be written all the same
    display = str(task.file)
    folder = task.file.parent
    try:
        settings = settings_of.get(folder)
        if settings is None:
            settings = settings_of[folder] = _config_for(task.file, task.config, task.options)
        store = ResultCache.for_config(settings)
        index = store.folder_index(folder)
        raw = None
        trusted = settings.trust_file_status
        digest = None
        if trusted and not task.documents:
            digest = index.digest(task.file.name, task.file.stat())
        if digest is None:
            read_at = time.time_ns()
            raw, status = read_bytes_and_status(task.file, settings.max_file_bytes)
            digest = content_digest(raw)
            if trusted:
                index.remember(task.file.name, status, digest, read_at_ns=read_at)
        cached = store.load(
            ResultCache.key(digest, settings_fingerprint(settings, display), display)
        )
        if cached is None:
            return None
        if not task.documents:
            findings = tuple(cached.findings)
            return FileResult(
                display, findings, notice=cached.notice, locations=tuple(cached.locations)
            )
        doc = decode(raw if raw is not None else read_bytes(task.file), display)
        if not _within(cached.findings, len(doc.text)):
            return None
    except (DocumentError, OSError, RuntimeError, ValueError):
        # The worker reports what is wrong with the file; a damaged cache is a miss.
        # (RuntimeError: a symbolic link loop, as Path.resolve raises it before 3.13.)
        return None
    findings = tuple(cached.findings)
    if task.fix and (choose_fixes(findings, task.unsafe) or _needs_transcoding(findings)):
        return None
    fixed_text = doc.text if task.fix else None
    return FileResult(display, findings, doc, doc, (), fixed_text, notice=cached.notice)


def output_target(file: Path, given: Path, output_dir: str | Path | None) -> Path | None:
    """Where ``fix --output`` writes the copy of ``file``, found under the path ``given``."""
    if output_dir is None:
        return None
    relative = file.relative_to(given) if given.is_dir() else Path(file.name)
    return Path(output_dir) / relative


def _run_task(task: _Task) -> Any:
    """Check or fix one file, and apply ``task.then`` to the result if it has one."""
    result = _result_of(task)
    return task.then(result) if task.then is not None else result


def _result_of(task: _Task) -> FileResult:
    """Check or fix one file; every problem but a configuration error stays on its result."""
    display = str(task.file)
    try:
        settings = _config_for(task.file, task.config, task.options)
        raw, status = read_bytes_and_status(task.file, settings.max_file_bytes)
        doc = decode(raw, display)
        if task.fix:
            return _fix_one(task, settings, raw, doc, status)
        grammar = languagetool.missing_count()
        findings = tuple(_cached_check(raw, doc, settings, task.cache))
        notice = _notice(doc, settings) or languagetool.missing_notice(grammar)
        if not task.documents:
            # Where the findings stand travels back instead of the whole text: less to
            # pickle here and to unpickle in the parent, which shares the cores.
            return FileResult(
                display, findings, notice=notice, locations=locations_in(doc, findings)
            )
        return FileResult(display, findings, doc, doc, notice=notice)
    except (ConfigError, EntityListError):
        raise
    except FileNotWritten as error:
        # Named when it is not the file itself (a copy in --output, a link's target).
        where = "" if error.path == display else f"{error.path}: "
        return FileResult(display, error=where + error.problem)
    except DocumentError as error:
        return FileResult(display, error=error.problem)
    except RepairError as error:
        return FileResult(display, error=str(error))
    except OSError as error:  # writing has its own message (see _write): this is reading
        return FileResult(display, error=f"cannot read: {error.strerror or error}")


def _cached_check(raw: bytes, doc: Document, settings: Config, use_cache: bool) -> list[Finding]:
    if not use_cache:
        return _run_rules(doc, settings)
    store = ResultCache.for_config(settings)
    key = ResultCache.key(content_digest(raw), settings_fingerprint(settings, doc.path), doc.path)
    cached = store.load(key)
    if cached is not None and _within(cached.findings, len(doc.text)):
        return cached.findings
    grammar = languagetool.missing_count()
    findings = _run_rules(doc, settings)
    if languagetool.missing_count() == grammar:  # no entry lacking grammar findings
        store.store(key, findings, doc, _notice(doc, settings))
    return findings


def _within(findings: Iterable[Finding], length: int) -> bool:
    """Whether every finding and edit lies inside a text of ``length`` characters: an entry
    that says otherwise is not of this text, and its edits are never applied."""
    for finding in findings:
        if finding.end > length:
            return False
        if finding.fix is not None and any(edit.end > length for edit in finding.fix.edits):
            return False
    return True


def _fix_one(
    task: _Task, settings: Config, raw: bytes, doc: Document, status: os.stat_result
) -> FileResult:
    display = str(task.file)
    found = None
    grammar = languagetool.missing_count()
    if task.cache:
        # A cached check with nothing to apply means the fix would change nothing; with
        # something to apply, it is the fixer's first pass.
        found = _cached_check(raw, doc, settings, use_cache=True)
        if not choose_fixes(found, task.unsafe) and not _needs_transcoding(found):
            notice = _notice(doc, settings) or languagetool.missing_notice(grammar)
            outcome = FileResult(display, tuple(found), doc, doc, (), doc.text, notice=notice)
            return _write(task, settings, doc, outcome, status)
    result = fix_document(doc, settings, unsafe=task.unsafe, found=found)
    applied, remaining = _transcoding(result)
    fixed_doc = doc.with_text(result.text)
    notice = _notice(doc, settings) or languagetool.missing_notice(grammar)
    outcome = FileResult(display, remaining, fixed_doc, doc, applied, result.text, notice=notice)
    return _write(task, settings, doc, outcome, status)


def _write(
    task: _Task, settings: Config, doc: Document, outcome: FileResult, status: os.stat_result
) -> FileResult:
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
        assert outcome.document is not None
        ResultCache.for_config(settings).store(
            key, outcome.findings, outcome.document, outcome.notice
        )
    return dataclasses.replace(outcome, written=True)


def _reads_back(data: bytes, outcome: FileResult) -> bool:
    """Whether ``data`` decodes to the text the findings of ``outcome`` were found in.

    Not always: mixed line endings are written uniform, and a kept single-byte encoding
    may be detected as another. Findings of another text must not be cached for these
    bytes: their offsets would point elsewhere, and a later fix would apply them there.
    """
    try:
        return decode(data, outcome.path).text == (outcome.document and outcome.document.text)
    except DocumentError:
        return False


def add_corpus_consistency(
    results: Iterable[FileResult],
    *,
    config: Config | None = None,
    options: Mapping[str, Any] | None = None,
) -> Iterator[FileResult]:
    """The results of one run with NAM004 findings across its files added.

    An entity spelled two accepted ways in different files is reported where the minority
    spelling stands. Files are compared with the others under the same settings (``config``,
    or each file's discovered one, with ``options`` laid over it) when those have an entity
    list and NAM004 in force. Results stream through until the first such file; from it
    on, they are held until the last.
    """
    by_folder: dict[Path, Config | None] = {}

    def settings_of(path: str) -> Config | None:
        folder = Path(path).parent
        if folder not in by_folder:
            by_folder[folder] = _consistency_settings(config, options, path)
        return by_folder[folder]

    results = iter(results)
    # Results stream through until one whose settings compare names across files; from it
    # on, all are held: a later file can add a finding to an earlier one.
    for r in results:
        if settings_of(r.path) is not None:
            checked = [r, *results]
            break
        yield r
    else:
        return
    groups: dict[Config, list[FileResult]] = {}
    for r in checked:
        settings = settings_of(r.path)
        if settings is not None and r.document is not None:
            groups.setdefault(settings, []).append(r)
    extra: dict[str, list[Finding]] = {}
    for settings, members in groups.items():
        from repair.rules.base import CheckContext
        from repair.rules.names import corpus_consistency

        index = CheckContext(settings).entities
        if index is not None:
            pairs = [(r.document, r.findings) for r in members if r.document is not None]
            extra.update(corpus_consistency(pairs, index, _words_language(settings)))
    for r in checked:
        if r.path in extra:
            findings = sorted((*r.findings, *extra[r.path]), key=lambda f: (f.start, f.end, f.code))
            yield dataclasses.replace(r, findings=tuple(findings))
        else:
            yield r


def corpus_consistency_applies(
    *,
    config: Config | None = None,
    options: Mapping[str, Any] | None = None,
    paths: Iterable[str | Path] = (),
) -> bool:
    """Whether :func:`add_corpus_consistency` has work for the files under ``paths``: an
    entity list and NAM004 in force, in ``config`` or in the settings discovered for a path
    given (with no paths, for the working folder).

    It then needs each result's document (``check_paths(documents=True)``). A settings file
    with an entity list deeper in a folder given is not looked for.
    """
    places = [Path(p) / "-" for p in paths] if config is None else []
    places = places or [Path.cwd() / "-"]
    return any(_consistency_settings(config, options, str(place)) for place in places)


def _consistency_settings(
    config: Config | None, options: Mapping[str, Any] | None, path: str
) -> Config | None:
    """The settings of the file at ``path`` if they compare names across files, else None."""
    settings = _config_for(Path(path).parent, config, options)
    if not settings.entities:
        return None
    from repair.checker import enabled_rules

    return settings if any(rule.code == "NAM004" for rule in enabled_rules(settings)) else None


def _words_language(settings: Config) -> str:
    """The language whose word frequencies name checks use: English unless one is set."""
    return "en" if settings.language == "auto" else settings.language


def _run_rules(doc: Document, settings: Config) -> list[Finding]:
    # The rules and their libraries (a third of a second to import) load on the first file
    # that needs rule work: a run the cache answers never imports them.
    from repair import checker

    return checker.check_document(doc, settings)


def _needs_transcoding(findings: Iterable[Finding]) -> bool:
    return any(f.code == "ENC001" and f.fix is not None for f in findings)


def _notice(doc: Document, settings: Config) -> str | None:
    """The one line said of a file besides its findings: empty, or not in English."""
    if not doc.text:
        return "empty file"
    from repair.language import language_notice

    return language_notice(doc, settings)


def _transcoding(result: FixResult) -> tuple[tuple[Finding, ...], tuple[Finding, ...]]:
    """Move ENC001 from remaining to applied when the write re-encodes the file as UTF-8."""
    applied = list(result.applied)
    remaining = []
    for finding in result.remaining:
        if finding.code == "ENC001" and finding.fix is not None:
            applied.append(finding)
        else:
            remaining.append(finding)
    return tuple(applied), tuple(remaining)


__all__ = [
    "FileResult",
    "add_corpus_consistency",
    "check_paths",
    "check_text",
    "corpus_consistency_applies",
    "expand_paths",
    "fix_paths",
    "fix_text",
    "map_checked",
]
