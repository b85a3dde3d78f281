"""The library's front door: check and fix texts and files.

The CLI and every other front end call these functions and nothing private. They never
print, exit or prompt; per-file problems in :func:`check_paths`/:func:`fix_paths` are
recorded on that file's result (:class:`FileCheck`, :class:`FileFix`) and the batch goes on.
"""

from __future__ import annotations

from collections.abc import Callable, Iterable, Mapping
from contextlib import AbstractContextManager
from pathlib import Path
from typing import Any, TypeVar

from repair import engine, languagetool
from repair.cached_batch import run_with_cache
from repair.config import Config, discover_config
from repair.corpus_consistency import add_corpus_consistency, corpus_consistency_applies
from repair.document import Document, TextFormat, restore_newlines
from repair.errors import DocumentError
from repair.files import decode
from repair.findings import Finding
from repair.fixer import FixResult
from repair.results import FileCheck, FileFix, FileResult, Results
from repair.walk import iter_files
from repair.worker import Task, run_rules

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
    return run_rules(doc, config or Config())


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
) -> FileCheck:
    """Check a text given as bytes (standard input), decoded as a file is.

    ``name`` names it in messages and picks its format (``.md``) and per-file ignores; an
    undecodable text is a result with an ``error``.
    """
    try:
        doc = decode(raw, name or "-")
    except DocumentError as error:
        return FileCheck(error.path, error=error.problem)
    findings = run_rules(doc, _settings_of_stream(name, config, options))
    return FileCheck(doc.display_path, tuple(findings), doc)


def fix_bytes(
    raw: bytes,
    *,
    name: str | None = None,
    config: Config | None = None,
    options: Mapping[str, Any] | None = None,
    unsafe: bool = False,
) -> FileFix:
    """Fix a text given as bytes (standard input); its ``fixed_text`` has ``"\\n"`` line
    endings (:func:`repair.document.restore_newlines` gives the input's back).

    Raises :class:`~repair.errors.DocumentError` for an undecodable text and
    :class:`~repair.errors.FixDidNotConverge` when fixes keep changing it.
    """
    doc = decode(raw, name or "-")
    outcome = engine.run(doc, _settings_of_stream(name, config, options), True, unsafe=unsafe)
    return FileFix(
        doc.display_path,
        doc,
        doc.with_text(outcome.text),
        outcome.text,
        outcome.found,
        outcome.applied,
        outcome.remaining,
    )


def expand_paths(paths: Iterable[str | Path], *, config: Config | None = None) -> list[Path]:
    """The files :func:`check_paths` would check for ``paths``, in order."""
    return list(iter_files([Path(p) for p in paths], config))


def check_paths(
    paths: Iterable[str | Path],
    *,
    config: Config | None = None,
    options: Mapping[str, Any] | None = None,
    jobs: int = 1,
    cache: bool = False,
    documents: bool = True,
    corpus_rules: bool = True,
) -> Results[FileCheck]:
    """Check files and folders; one :class:`FileCheck` per file, in a stable order.

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
        Task(file, config, options, cache, documents or across)
        for file in iter_files(given, config)
    ]
    results = run_with_cache(tasks, jobs)
    if across:
        results = add_corpus_consistency(results, config=config, options=options, cache=cache)
    return Results(results, len(tasks))


def map_checked(
    paths: Iterable[str | Path],
    function: Callable[[FileCheck], T],
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
        Task(file, config, options, cache, documents=False, then=function)
        for file in iter_files(given, config)
    ]
    return Results(run_with_cache(tasks, jobs), len(tasks))


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
) -> Results[FileFix]:
    """Fix files and folders, writing each changed file atomically.

    ``write=False`` computes the fixes and writes nothing (``--diff``). ``output_dir`` writes
    fixed copies there, under the path relative to the folder given (or the file name for a
    file given), and leaves the originals alone; unchanged files are copied too, so the
    output is a complete corpus.
    """
    tasks = _fix_tasks(paths, config, options, cache, unsafe, write, output_dir, None)
    return Results(run_with_cache(tasks, jobs), len(tasks))


def map_fixed(
    paths: Iterable[str | Path],
    function: Callable[[FileFix], T],
    *,
    config: Config | None = None,
    options: Mapping[str, Any] | None = None,
    unsafe: bool = False,
    write: bool = True,
    output_dir: str | Path | None = None,
    jobs: int = 1,
    cache: bool = False,
) -> Results[T]:
    """``function`` of each result of :func:`fix_paths`, in order, computed in the worker
    process that fixed the file (as :func:`map_checked` does for a check): only its value
    travels back, not the two texts and the findings. A file fixed window by window
    (:mod:`repair.windows`) whose ``function`` prints its findings
    (:func:`repair.report.formats.printed_result`) prints each window's as it goes, and
    never holds them all. ``function`` must be picklable."""
    tasks = _fix_tasks(paths, config, options, cache, unsafe, write, output_dir, function)
    return Results(run_with_cache(tasks, jobs), len(tasks))


def _fix_tasks(
    paths: Iterable[str | Path],
    config: Config | None,
    options: Mapping[str, Any] | None,
    cache: bool,
    unsafe: bool,
    write: bool,
    output_dir: str | Path | None,
    then: Callable[[FileFix], Any] | None,
) -> list[Task]:
    """The fix tasks of :func:`fix_paths` (each made into ``then`` of its result)."""
    tasks = []
    for given in paths:
        given_path = Path(given)
        for file in iter_files([given_path], config):
            target = output_target(file, given_path, output_dir)
            tree = given_path if target is None and given_path.is_dir() else None
            tasks.append(
                Task(file, config, options, cache, True, True, unsafe, write, target, then, tree)
            )
    return tasks


def output_target(file: Path, given: Path, output_dir: str | Path | None) -> Path | None:
    """Where ``fix --output`` writes the copy of ``file``, found under the path ``given``."""
    if output_dir is None:
        return None
    relative = file.relative_to(given) if given.is_dir() else Path(file.name)
    return Path(output_dir) / relative


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


__all__ = [
    "FileCheck",
    "FileFix",
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
    "map_fixed",
]
