"""Where a run's documents come from and where fixed ones go: one :class:`Source` per input.

Each source reads its documents its own way and hands each to the one engine
(:func:`repair.engine.run`), then writes a fix back its own way:

- :class:`WalkedFiles`: files and folders, walked for text files; each file is read once,
  in a worker process, through the per-file cache (:mod:`repair.cached_batch`,
  :mod:`repair.worker`), and a fix is written in place or as a copy under ``--output``;
- :class:`RecordCorpus`: a JSONL or Parquet corpus, record by record (:mod:`repair.records`),
  a fix written as a whole corpus to its output file;
- :class:`StandardInput`: the bytes of standard input; the fixed text is the caller's to
  print.

A Dask DataFrame is read partition by partition on a cluster (:mod:`repair.dask`): each
partition's rows go to the same engine, but what comes back is counts per record in new
columns, not one result per document, so it is no :class:`Source`.
"""

from __future__ import annotations

import sys
from collections.abc import Callable, Iterator, Mapping
from dataclasses import dataclass
from pathlib import Path
from typing import Any, Protocol, TypeVar

from repair import inputs
from repair.api import check_bytes, check_paths, fix_bytes, fix_paths, map_checked, map_fixed
from repair.config import Config
from repair.records import check_records, fix_records, is_record_file, unless_unreadable
from repair.results import FileCheck, FileFix, Results

T = TypeVar("T")

STDIN = "-"
"""The path that names standard input."""


@dataclass(frozen=True, slots=True)
class Run:
    """What every source of one run shares: its settings, and how it runs."""

    config: Config | None = None
    options: Mapping[str, Any] | None = None
    jobs: int = 1
    cache: bool = False
    text_field: str = "text"
    """The field (JSONL) or column (Parquet) that holds a record's text."""


class Source(Protocol):
    """One input of a run: the documents it hands to the engine, and how a fix is written
    back. Results come in the source's order, one per document (file, record, text)."""

    def check(self, run: Run) -> Iterator[FileCheck]:
        """The check of each document."""
        ...

    def fix(self, run: Run, *, unsafe: bool, write: bool) -> Iterator[FileFix]:
        """The fix of each document, written back as the source writes when ``write``."""
        ...


@dataclass(frozen=True, slots=True)
class WalkedFiles:
    """Files and folders, walked for text files. A fix writes each changed file in place,
    or (``output``) a copy of every file under that folder.

    ``documents=False`` checks without keeping each file's text (see
    :func:`repair.api.check_paths`).
    """

    paths: tuple[str, ...]
    output: Path | None = None
    documents: bool = True

    def check(self, run: Run) -> Results[FileCheck]:
        return check_paths(
            self.paths,
            config=run.config,
            options=run.options,
            jobs=run.jobs,
            cache=run.cache,
            documents=self.documents,
        )

    def checked_as(self, run: Run, function: Callable[[FileCheck], T]) -> Results[T]:
        """``function`` of each file's check, made where the file was checked (see
        :func:`repair.api.map_checked`)."""
        return map_checked(
            self.paths,
            function,
            config=run.config,
            options=run.options,
            jobs=run.jobs,
            cache=run.cache,
        )

    def fixed_as(
        self, run: Run, function: Callable[[FileFix], T], *, unsafe: bool, write: bool
    ) -> Results[T]:
        """``function`` of each file's fix, made where the file was fixed (see
        :func:`repair.api.map_fixed`)."""
        return map_fixed(
            self.paths,
            function,
            config=run.config,
            options=run.options,
            unsafe=unsafe,
            write=write,
            output_dir=self.output,
            jobs=run.jobs,
            cache=run.cache,
        )

    def fix(self, run: Run, *, unsafe: bool, write: bool) -> Results[FileFix]:
        return fix_paths(
            self.paths,
            config=run.config,
            options=run.options,
            unsafe=unsafe,
            write=write,
            output_dir=self.output,
            jobs=run.jobs,
            cache=run.cache,
        )


@dataclass(frozen=True, slots=True)
class RecordCorpus:
    """A JSONL or Parquet corpus, one document per record. A fix writes the corpus, every
    record in order, to ``output``; a corpus that cannot be read is one result with its
    error, and the run goes on."""

    path: str
    output: Path | None = None
    in_output_folder: bool = False
    """Whether ``output`` is a file of an output folder, not a file the user named: a
    symbolic link there is not written through, as for the files of an output tree."""

    def check(self, run: Run) -> Iterator[FileCheck]:
        inputs.note_file(self.path)
        checked = check_records(
            self.path,
            text_field=run.text_field,
            config=run.config,
            options=run.options,
            jobs=run.jobs,
        )
        yield from unless_unreadable(self.path, checked, self._failed_check)

    def fix(self, run: Run, *, unsafe: bool, write: bool) -> Iterator[FileFix]:
        if write and self.in_output_folder and self.output and self.output.is_symlink():
            reason = "is a symbolic link in the output folder; not written"
            yield self._failed_fix(f"{self.output}: {reason}")
            return
        fixed = fix_records(
            self.path,
            output=self.output if write else None,
            text_field=run.text_field,
            config=run.config,
            options=run.options,
            unsafe=unsafe,
            jobs=run.jobs,
        )
        yield from unless_unreadable(self.path, fixed, self._failed_fix)

    def _failed_check(self, reason: str) -> FileCheck:
        return FileCheck(self.path, error=reason)

    def _failed_fix(self, reason: str) -> FileFix:
        return FileFix(self.path, error=reason)


@dataclass(frozen=True, slots=True)
class StandardInput:
    """The text of standard input, read when the run comes to it, named ``name`` in
    messages (which picks its format and per-file ignores). Its fix is not written: the
    caller prints the fixed text."""

    name: str | None = None

    def check(self, run: Run) -> Iterator[FileCheck]:
        raw = sys.stdin.buffer.read()
        yield check_bytes(raw, name=self.name, config=run.config, options=run.options)

    def fix(self, run: Run, *, unsafe: bool, write: bool) -> Iterator[FileFix]:
        raw = sys.stdin.buffer.read()
        yield fix_bytes(raw, name=self.name, config=run.config, options=run.options, unsafe=unsafe)


def sources_of(
    paths: tuple[str, ...] | list[str],
    *,
    stdin_name: str | None = None,
    output: Path | None = None,
    documents: bool = True,
) -> list[Source]:
    """The sources of the paths a command was given, in the order a run reads them:
    standard input (``-``), then each JSONL or Parquet corpus, then the files and folders
    together. ``output`` is where a fix writes (see :func:`corpus_output` for a corpus)."""
    corpora = [p for p in paths if is_record_file(p)]
    files = tuple(p for p in paths if p != STDIN and not is_record_file(p))
    found: list[Source] = []
    if STDIN in paths:
        found.append(StandardInput(stdin_name))
    for corpus in corpora:
        if output is None:
            found.append(RecordCorpus(corpus))
        else:
            target = corpus_output(corpus, output, len(corpora))
            found.append(RecordCorpus(corpus, target, in_output_folder=target != output))
    if files:
        found.append(WalkedFiles(files, output, documents))
    return found


def corpus_output(corpus: str, output: Path, corpora: int) -> Path:
    """The file ``fix --output`` writes a record corpus to: the output itself, or a file of
    the corpus's name in it when it is a folder or several corpora are fixed."""
    into_folder = output.is_dir() or corpora > 1
    return output / Path(corpus).name if into_folder else output


__all__ = [
    "STDIN",
    "RecordCorpus",
    "Run",
    "Source",
    "StandardInput",
    "WalkedFiles",
    "corpus_output",
    "sources_of",
]
