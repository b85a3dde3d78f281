"""What every record corpus shares: records processed in chunks, on worker processes when
that pays, each handed to the engine; and the atomic output of a fixed corpus."""

from __future__ import annotations

import contextlib
import stat
from collections.abc import Iterable, Iterator, Mapping
from dataclasses import dataclass
from itertools import islice
from pathlib import Path
from typing import Any, Final

from repair import engine
from repair.atomic import atomic_output, new_file_mode, status_or_none
from repair.batch import run_ordered
from repair.config import Config, discover_config
from repair.document import Document, TextFormat, restore_newlines
from repair.errors import RepairError
from repair.results import FileCheck, FileFix, FileResult

_CHUNK_RECORDS: Final = 256


@dataclass(frozen=True, slots=True)
class Record:
    number: int
    """The record's line in a JSONL file, its 1-based row in a Parquet table."""
    text: str | None
    problem: str | None = None
    also: str | None = None
    """The string in a second field read along (score's references), if any."""


@dataclass(frozen=True, slots=True)
class Chunk:
    """Records sent to a worker in one piece, with what it needs to process them."""

    name: str
    records: tuple[Record, ...]
    config: Config
    text_format: TextFormat
    fix: bool
    unsafe: bool
    writes: bool
    """Whether the fix is written (a record that cannot be fixed is passed through)."""


def settings_for(source: Path, config: Config | None, options: Mapping[str, Any] | None) -> Config:
    """``config``, else the settings discovered for the corpus's folder, under ``options``."""
    base = config if config is not None else discover_config(source.parent)
    return base.with_options(options) if options else base


def process(
    source: Path,
    records: Iterator[Record],
    settings: Config,
    text_format: TextFormat,
    fix: bool,
    unsafe: bool,
    jobs: int,
    writes: bool | None = None,
) -> Iterator[FileResult]:
    writes = fix if writes is None else writes
    chunks = (
        Chunk(str(source), chunk, settings, text_format, fix, unsafe, writes)
        for chunk in _chunked(records, _CHUNK_RECORDS * max(1, jobs))
    )
    for group in chunks:
        pieces = [
            Chunk(group.name, part, settings, text_format, fix, unsafe, writes)
            for part in _split(group.records, _CHUNK_RECORDS)
        ]
        for results in run_ordered(_process_chunk, pieces, jobs):
            yield from results


def _chunked(records: Iterator[Record], size: int) -> Iterator[tuple[Record, ...]]:
    while chunk := tuple(islice(records, size)):
        yield chunk


def _split(records: tuple[Record, ...], size: int) -> list[tuple[Record, ...]]:
    return [records[i : i + size] for i in range(0, len(records), size)]


def _process_chunk(chunk: Chunk) -> list[FileResult]:
    return [_process_record(chunk, record) for record in chunk.records]


def _process_record(chunk: Chunk, record: Record) -> FileResult:
    name = f"{chunk.name}[{record.number}]"
    kind = FileFix if chunk.fix else FileCheck
    if record.text is None:
        # check and score read the record; only fix writes it, as it was read
        problem = f"{record.problem}, passed through" if chunk.writes else record.problem
        return kind(name, error=problem)
    doc = Document.from_text(record.text, path=name, text_format=chunk.text_format)
    try:
        result = engine.run(doc, chunk.config, chunk.fix, unsafe=chunk.unsafe)
    except RepairError as error:
        return kind(name, error=str(error))
    if not chunk.fix:
        return FileCheck(name, result.found, doc, notice=_notice(doc, chunk.config))
    return FileFix(
        name,
        doc,
        doc.with_text(result.text),
        # "\n" line endings, as for a file, so that `changed` and `--diff` compare like with
        # like; the corpus writers put the record's own endings back (`text_to_write`).
        result.text,
        result.found,
        result.applied,
        result.remaining,
        notice=_notice(doc, chunk.config),
    )


def text_to_write(result: FileFix) -> str | None:
    """The fixed text of a record with the record's own line endings (``None`` when the
    record was not fixed): what goes back into the corpus."""
    if result.fixed_text is None or result.original is None:
        return None
    return restore_newlines(result.fixed_text, result.original.newline)


def _notice(doc: Document, settings: Config) -> str | None:
    from repair.language import language_notice

    return language_notice(doc, settings) if doc.text else None


def fixes(results: Iterable[FileResult]) -> Iterator[FileFix]:
    """The results of a fix, typed as such."""
    for result in results:
        assert isinstance(result, FileFix)
        yield result


@contextlib.contextmanager
def writing(target: Path) -> Iterator[None]:
    """Name an error of writing ``target`` as one (a full disk is not a corpus that
    "cannot read")."""
    try:
        yield
    except OSError as error:
        raise write_error(target, error) from error


def write_error(target: Path, error: OSError) -> RepairError:
    return RepairError(f"{target}: cannot write: {error.strerror or error}")


@contextlib.contextmanager
def atomic_corpus_output(target: Path) -> Iterator[Any]:
    """A stream whose bytes replace ``target`` when the block ends without an error (see
    :func:`repair.atomic.atomic_output`): a run killed half way leaves no partial file.

    As every other output of a run (:func:`repair.atomic.output_text`), a symbolic link at
    ``target`` stays a link and its target gets the corpus, and the file keeps its mode
    and, where the process may set it, its owner."""
    with writing(target):
        real = target.resolve()
        real.parent.mkdir(parents=True, exist_ok=True)
        current = status_or_none(real)
    # Not the 0600 of a temporary file: the mode of the file it replaces, or the mode a new
    # file gets under the umask, as any other program's output.
    mode = stat.S_IMODE(current.st_mode) if current is not None else new_file_mode()
    owner = (current.st_uid, current.st_gid) if current is not None else None
    with atomic_output(
        real, mode=mode, owner=owner, write_error=lambda error: write_error(target, error)
    ) as stream:
        yield stream
