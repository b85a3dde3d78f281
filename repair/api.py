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
from contextlib import AbstractContextManager
from dataclasses import dataclass
from pathlib import Path
from typing import Any, TypeVar

from repair import engine, languagetool
from repair.batch import run_ordered
from repair.cache import Location, ResultCache, content_digest, locations_in
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
from repair.fingerprint import settings_fingerprint
from repair.fixer import FixResult, choose_fixes
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
    outcome = engine.run(doc, config or Config(), fix=True, unsafe=unsafe)
    return FixResult(
        text=restore_newlines(outcome.text, doc.newline),
        original=text,
        applied=outcome.applied,
        remaining=outcome.remaining,
        passes=outcome.passes,
        found=outcome.found,
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


def _settings_of_stream(
    name: str | None, config: Config | None, options: Mapping[str, Any] | None
) -> Config:
    """The settings of a text read from a stream: ``config``, else those of the folder of
    the file it is named after (the working folder's when it has no name), under
    ``options``."""
    base = config or discover_config(Path(name).parent if name else Path.cwd())
    return base.with_options(options or {})


def check_bytes(
    raw: bytes,
    *,
    name: str | None = None,
    config: Config | None = None,
    options: Mapping[str, Any] | None = None,
) -> FileResult:
    """Check a text given as bytes (standard input), decoded as a file is.

    ``name`` names it in messages and picks its format (``.md``) and per-file ignores; an
    undecodable text is a result with an ``error``.
    """
    try:
        doc = decode(raw, name or "-")
    except DocumentError as error:
        return FileResult(error.path, error=error.problem)
    findings = _run_rules(doc, _settings_of_stream(name, config, options))
    return FileResult(doc.display_path, tuple(findings), doc, doc)


def fix_bytes(
    raw: bytes,
    *,
    name: str | None = None,
    config: Config | None = None,
    options: Mapping[str, Any] | None = None,
    unsafe: bool = False,
) -> FileResult:
    """Fix a text given as bytes (standard input); its ``fixed_text`` has ``"\\n"`` line
    endings (:func:`repair.document.restore_newlines` gives the input's back).

    Raises :class:`~repair.errors.DocumentError` for an undecodable text and
    :class:`~repair.errors.FixDidNotConverge` when fixes keep changing it.
    """
    doc = decode(raw, name or "-")
    outcome = engine.run(doc, _settings_of_stream(name, config, options), True, unsafe=unsafe)
    return FileResult(
        doc.display_path,
        outcome.remaining,
        doc.with_text(outcome.text),
        doc,
        outcome.applied,
        outcome.text,
    )


def expand_paths(paths: Iterable[str | Path], *, config: Config | None = None) -> list[Path]:
    """The files :func:`check_paths` would check for ``paths``, in order."""
    return list(iter_files([Path(p) for p in paths], config))


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
    corpus_rules: bool = True,
) -> Results[FileResult]:
    """Check files and folders; one :class:`FileResult` per file, in a stable order.

    With no ``config``, settings are discovered for each file (``repair.toml`` or
    ``[tool.repair]`` in a folder above it) and ``options`` (config-file keys, as the CLI's
    flags give them) are laid over them. ``jobs`` worker processes share the files;
    ``cache`` reuses the findings of files whose bytes and settings were seen before.
    ``documents=False`` gives results with ``locations`` and no document: the text does not
    travel back from the workers, and the cache answers for a file whose size, times and
    inode are those it had when last read without reading it. Raises
    :class:`~repair.errors.ConfigError` for a malformed configuration.

    When the settings compare names across files (an entity list and NAM004 in force), the
    batch's corpus rule runs after its files are checked (:func:`add_corpus_consistency`),
    and the results keep their documents, which it needs; ``corpus_rules=False`` checks
    each file alone, as :func:`fix_paths` fixes it.
    """
    given = [Path(p) for p in paths]
    across = corpus_rules and corpus_consistency_applies(
        config=config, options=options, paths=given
    )
    tasks = [
        _Task(file, config, options, cache, documents or across)
        for file in iter_files(given, config)
    ]
    results = _run_with_cache(tasks, jobs)
    if across:
        results = add_corpus_consistency(results, config=config, options=options)
    return Results(results, len(tasks))


def map_checked(
    paths: Iterable[str | Path],
    function: Callable[[FileResult], T],
    *,
    config: Config | None = None,
    options: Mapping[str, Any] | None = None,
    jobs: int = 1,
    cache: bool = False,
) -> Results[T]:
    """``function`` of each result of ``check_paths(..., documents=False)``, in order,
    computed in the worker process that checked the file.

    What travels back from a worker is ``function``'s value, not the findings: rebuilding
    thousands of findings costs the parent more than checking costs a worker, and the parent
    shares the cores with them. Results the cache answers, and all results of a run too
    small to start workers, are made and passed to ``function`` in this process. ``function``
    must be picklable all the same (a module-level function or a
    :func:`functools.partial` of one), or a run with workers fails. When the batch's corpus
    rule runs (see :func:`check_paths`), the results come back whole and ``function`` is
    applied here, after it.
    """
    given = [Path(p) for p in paths]
    if corpus_consistency_applies(config=config, options=options, paths=given):
        results = check_paths(given, config=config, options=options, jobs=jobs, cache=cache)
        return Results(map(function, results), results.total)
    tasks = [
        _Task(file, config, options, cache, documents=False, then=function)
        for file in iter_files(given, config)
    ]
    return Results(_run_with_cache(tasks, jobs), len(tasks))


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
) -> Results[FileResult]:
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
    return Results(_run_with_cache(tasks, jobs), len(tasks))


def _run_with_cache(tasks: list[_Task], jobs: int) -> Iterator[Any]:
    """Answer what the cache knows in this process; send only the rest to the workers.

    Yields each task's result, or its ``then`` of the result when it has one.

    A cached file costs a stat and a small JSON load (a read and a hash when the folder
    index does not know it): far less than handing it to a worker process, so an unchanged
    corpus is answered without starting any. The look-up first only finds which files the
    cache knows; each known result is loaded as its turn comes, so that a cached run holds
    no more results at once than an uncached one. An entry that turns out damaged then is
    checked here.
    """
    # Every task of a run has the same config and options: settings differ only by folder.
    settings_of: dict[Path, Config] = {}
    try:
        known = [_cache_knows(task, settings_of) if task.cache else None for task in tasks]
    finally:
        _save_folder_indexes(settings_of.values())
    pending = [task for task, key in zip(tasks, known, strict=True) if key is None]
    computed = run_ordered(
        _run_task, pending, jobs, size_of=_input_bytes, prepare=lambda: _prepare(pending)
    )
    for task, key in zip(tasks, known, strict=True):
        done = None
        if key is None:
            done = next(computed)
        else:
            result = _from_cache(task, settings_of, key)
            if result is None:
                done = _run_task(task)
            else:
                yield task.then(result) if task.then is not None else result
        if done is not None:
            _remember_read(task, done.read, settings_of)
            yield done.value
    _save_folder_indexes(settings_of.values())


def _remember_read(task: _Task, read: _Read | None, settings_of: dict[Path, Config]) -> None:
    """Note in the folder index the digest of a file a worker read (the one read of a file
    the cache did not know), so that the next run takes it from there."""
    if read is None or not task.cache:
        return
    folder = task.file.parent
    try:
        settings = settings_of.get(folder)
        if settings is None:
            settings = settings_of[folder] = _config_for(task.file, task.config, task.options)
        if settings.trust_file_status:
            index = ResultCache.for_config(settings).folder_index(folder)
            index.remember(task.file.name, read.status, read.digest, read_at_ns=read.read_at_ns)
    except (OSError, RuntimeError, ValueError):
        return  # an index that cannot be kept only costs the next run a read


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


def _cache_knows(task: _Task, settings_of: dict[Path, Config]) -> str | None:
    """The key of the entry that answers ``task`` (see :func:`_from_cache`), found without
    keeping its result or reading the file: the folder index knows the file unchanged, an
    entry exists, and for a fix, no fix of its findings applies. ``None`` when the task
    goes to a worker, which reads the file once (and finds its entry if the index did not
    know the file)."""
    if task.fix and task.target is not None:
        return None  # a copy must be written all the same
    try:
        found = _indexed_key(task, settings_of)
        if found is None:
            return None
        store, key = found
        if not task.fix:
            return key if store.has(key) else None
        cached = store.load(key)
    except (DocumentError, OSError, RuntimeError, ValueError):
        return None  # the worker reports what is wrong with the file
    if cached is None:
        return None
    if choose_fixes(cached.findings, task.unsafe) or _needs_transcoding(cached.findings):
        return None
    return key


def _indexed_key(task: _Task, settings_of: dict[Path, Config]) -> tuple[ResultCache, str] | None:
    """The cache and the key of the task's file, when the folder index knows the file
    unchanged (``None`` otherwise, or when the settings do not trust file status).
    Raises :class:`OSError` and the like as a stat does."""
    folder = task.file.parent
    settings = settings_of.get(folder)
    if settings is None:
        settings = settings_of[folder] = _config_for(task.file, task.config, task.options)
    if not settings.trust_file_status:
        return None
    store = ResultCache.for_config(settings)
    digest = store.folder_index(folder).digest(task.file.name, task.file.stat())
    if digest is None:
        return None
    display = str(task.file)
    return store, ResultCache.key(digest, settings_fingerprint(settings, display), display)


def _from_cache(task: _Task, settings_of: dict[Path, Config], known: str) -> FileResult | None:
    """The task's result from the cache, whose entry :func:`_cache_knows` found at the key
    ``known``; ``None`` when it turns out damaged, or the file changed since.

    Without ``task.documents`` the entry is loaded by that key and the file is not read;
    otherwise the file is read, hashed and decoded again (its text is not held between the
    look-up and its turn).
    """
    display = str(task.file)
    try:
        settings = settings_of[task.file.parent]
        store = ResultCache.for_config(settings)
        raw = None
        if task.documents:
            raw = read_bytes(task.file)
            digest = content_digest(raw)
            if ResultCache.key(digest, settings_fingerprint(settings, display), display) != known:
                return None  # the file changed since the look-up
        cached = store.load(known)
        if cached is None:
            return None
        if not task.documents:
            findings = tuple(cached.findings)
            return FileResult(
                display, findings, notice=cached.notice, locations=tuple(cached.locations)
            )
        assert raw is not None
        doc = decode(raw, display)
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


@dataclass(frozen=True, slots=True)
class _Read:
    """How a worker found a file it read: its status (taken before the read), the digest
    of its bytes, and when it read them."""

    status: os.stat_result
    digest: str
    read_at_ns: int


@dataclass(frozen=True, slots=True)
class _Done:
    """What a worker sends back: the task's result (or ``task.then`` of it) and how it found
    the file, for the parent's folder index (``None`` when the file was not read whole, or
    was written)."""

    value: Any
    read: _Read | None


def _run_task(task: _Task) -> _Done:
    """Check or fix one file, and apply ``task.then`` to the result if it has one."""
    result, read = _result_of(task)
    if result.written:
        read = None  # the status read before is the file's no longer
    return _Done(task.then(result) if task.then is not None else result, read)


def _result_of(task: _Task) -> tuple[FileResult, _Read | None]:
    """Check or fix one file, and how it was found; every problem but a configuration error
    stays on its result."""
    display = str(task.file)
    read = None
    try:
        settings = _config_for(task.file, task.config, task.options)
        read_at = time.time_ns()
        raw, status = read_bytes_and_status(task.file, settings.max_file_bytes)
        read = _Read(status, content_digest(raw), read_at)
        doc = decode(raw, display)
        if task.fix:
            return _fix_one(task, settings, read.digest, doc, status), read
        grammar = languagetool.missing_count()
        findings = tuple(_cached_check(read.digest, doc, settings, task.cache))
        notice = _notice(doc, settings) or languagetool.missing_notice(grammar)
        if not task.documents:
            # Where the findings stand travels back instead of the whole text: less to
            # pickle here and to unpickle in the parent, which shares the cores.
            located = locations_in(doc, findings)
            return FileResult(display, findings, notice=notice, locations=located), read
        return FileResult(display, findings, doc, doc, notice=notice), read
    except (ConfigError, EntityListError):
        raise
    except FileNotWritten as error:
        # Named when it is not the file itself (a copy in --output, a link's target).
        where = "" if error.path == display else f"{error.path}: "
        return FileResult(display, error=where + error.problem), None
    except DocumentError as error:
        return FileResult(display, error=error.problem), read
    except RepairError as error:
        return FileResult(display, error=str(error)), None
    except OSError as error:  # writing has its own message (see _write): this is reading
        return FileResult(display, error=f"cannot read: {error.strerror or error}"), None


def _cached_check(digest: str, doc: Document, settings: Config, use_cache: bool) -> list[Finding]:
    """The findings of ``doc``, whose bytes have ``digest``: from its cache entry, or
    checked and stored."""
    if not use_cache:
        return _run_rules(doc, settings)
    store = ResultCache.for_config(settings)
    key = ResultCache.key(digest, settings_fingerprint(settings, doc.path), doc.path)
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
    task: _Task, settings: Config, digest: str, doc: Document, status: os.stat_result
) -> FileResult:
    display = str(task.file)
    found = None
    grammar = languagetool.missing_count()
    if task.cache:
        # A cached check with nothing to apply means the fix would change nothing; with
        # something to apply, it is the fixer's first pass.
        found = _cached_check(digest, doc, settings, use_cache=True)
        if not choose_fixes(found, task.unsafe) and not _needs_transcoding(found):
            notice = _notice(doc, settings) or languagetool.missing_notice(grammar)
            outcome = FileResult(display, tuple(found), doc, doc, (), doc.text, notice=notice)
            return _write(task, settings, doc, outcome, status)
    fixed = engine.run(doc, settings, True, unsafe=task.unsafe, found=found)
    # Written as UTF-8, the file takes the fix of its encoding along.
    applied = (*fixed.applied, *fixed.encoding_change)
    remaining = tuple(f for f in fixed.remaining if f not in fixed.encoding_change)
    fixed_doc = doc.with_text(fixed.text)
    notice = _notice(doc, settings) or languagetool.missing_notice(grammar)
    outcome = FileResult(display, remaining, fixed_doc, doc, applied, fixed.text, notice=notice)
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


def grammar_server(settings: Config) -> AbstractContextManager[None]:
    """The run's local LanguageTool server, started when the LT rules are in force under
    ``settings`` (see :func:`repair.languagetool.serving`)."""
    from repair.rules.languagetool import grammar_in_force  # the LT rules alone

    return languagetool.serving(settings.languagetool, grammar_in_force(settings))


def grammar_skipped_notice(settings: Config) -> str | None:
    """The one line to show when the LT rules are in force under ``settings`` but no server
    can run them."""
    from repair.rules.languagetool import grammar_in_force

    if not grammar_in_force(settings):
        return None
    return languagetool.skipped_notice(settings.languagetool)


def _run_rules(doc: Document, settings: Config) -> list[Finding]:
    return list(engine.run(doc, settings).found)


def _needs_transcoding(findings: Iterable[Finding]) -> bool:
    return any(f.code == "ENC001" and f.fix is not None for f in findings)


def _notice(doc: Document, settings: Config) -> str | None:
    """The one line said of a file besides its findings: empty, or not in English."""
    if not doc.text:
        return "empty file"
    from repair.language import language_notice

    return language_notice(doc, settings)


__all__ = [
    "FileResult",
    "Results",
    "add_corpus_consistency",
    "check_bytes",
    "check_paths",
    "check_text",
    "corpus_consistency_applies",
    "expand_paths",
    "fix_bytes",
    "fix_paths",
    "fix_text",
    "grammar_server",
    "grammar_skipped_notice",
    "map_checked",
]
