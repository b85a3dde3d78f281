"""Corpora stored as records: JSONL (one JSON object per line) and Parquet tables.

Each record is a document whose text sits in one field (``text`` by default). Checking
yields one :class:`~repair.api.FileResult` per record, named ``corpus.jsonl[17]`` after the
record's line (JSONL) or 1-based row (Parquet). Fixing writes the same format with the text
repaired and every other field, and every record whose text did not change, exactly as read.
A malformed record (bad JSON, a missing or non-string text) is reported and passed through
unchanged: nothing is dropped, and the order is kept.
"""

from __future__ import annotations

from collections import deque
from collections.abc import Callable, Iterable, Iterator, Mapping
from pathlib import Path
from typing import Any, Final, TypeVar

from repair.config import Config
from repair.document import TextFormat
from repair.errors import ConfigError, EntityListError, RepairError
from repair.records import jsonl, parquet
from repair.records.common import Record, fixes, process, settings_for
from repair.results import FileCheck, FileFix

T = TypeVar("T")

JSONL_SUFFIXES: Final = frozenset({".jsonl", ".ndjson"})

PARQUET_SUFFIXES: Final = frozenset({".parquet", ".pq"})


def is_record_file(path: str | Path) -> bool:
    """True for a JSONL or Parquet corpus, by its file name.

    >>> is_record_file("news.jsonl"), is_record_file("news.parquet"), is_record_file("a.txt")
    (True, True, False)
    """
    return Path(path).suffix.lower() in JSONL_SUFFIXES | PARQUET_SUFFIXES


def check_records(
    path: str | Path,
    *,
    text_field: str = "text",
    config: Config | None = None,
    options: Mapping[str, Any] | None = None,
    jobs: int = 1,
    text_format: TextFormat = TextFormat.PLAIN,
) -> Iterator[FileCheck]:
    """Check every record of a JSONL or Parquet corpus, in order."""
    source = Path(path)
    settings = settings_for(source, config, options)
    records = _read_records(source, text_field)
    for result in process(
        source, records, settings, text_format, fix=False, unsafe=False, jobs=jobs
    ):
        assert isinstance(result, FileCheck)
        yield result


def fix_records(
    path: str | Path,
    output: str | Path | None,
    *,
    text_field: str = "text",
    config: Config | None = None,
    options: Mapping[str, Any] | None = None,
    unsafe: bool = False,
    jobs: int = 1,
    text_format: TextFormat = TextFormat.PLAIN,
) -> Iterator[FileFix]:
    """Fix every record and write the corpus, in the same format, to ``output``.

    The output is written to a temporary file that replaces ``output`` only when every
    record has been processed; ``output`` may not be the input itself. With ``output``
    ``None`` nothing is written (a dry run, for ``--diff``).
    """
    source = Path(path)
    if output is None:
        settings = settings_for(source, config, options)
        records = _read_records(source, text_field)
        yield from fixes(process(source, records, settings, text_format, True, unsafe, jobs))
        return
    target = Path(output)
    if target.exists() and target.resolve() == source.resolve():
        raise RepairError(f"{source}: --output must name another file than the input")
    settings = settings_for(source, config, options)
    if source.suffix.lower() in PARQUET_SUFFIXES:
        yield from parquet.fix_corpus(
            source, target, text_field, settings, text_format, unsafe, jobs
        )
    else:
        yield from jsonl.fix_corpus(source, target, text_field, settings, text_format, unsafe, jobs)


def fixes_in_memory(
    path: str | Path,
    *,
    text_field: str = "text",
    also_field: str | None = None,
    config: Config | None = None,
    options: Mapping[str, Any] | None = None,
    jobs: int = 1,
    text_format: TextFormat = TextFormat.PLAIN,
) -> Iterator[tuple[FileFix, str | None]]:
    """The safe fix of every record, in memory and in order, each with the string in
    ``also_field`` of its record (``None`` where it has none): the corpus read once, as
    ``repair score`` reads it. A malformed record is a result with its error, as a check
    reports it. Raises :class:`~repair.errors.RepairError` when a Parquet table cannot be
    read or lacks a column.
    """
    source = Path(path)
    settings = settings_for(source, config, options)
    also: deque[str | None] = deque()  # of the records read, not yet given back

    def records() -> Iterator[Record]:
        for record in _read_records(source, text_field, also_field):
            also.append(record.also)
            yield record

    processed = process(source, records(), settings, text_format, True, False, jobs, False)
    for result in fixes(processed):
        yield result, also.popleft()


def _read_records(source: Path, text_field: str, also_field: str | None = None) -> Iterator[Record]:
    """The records of a corpus, read as its format is."""
    if source.suffix.lower() in PARQUET_SUFFIXES:
        return parquet.read_records(source, text_field, also_field)
    return jsonl.read_records(source, text_field, also_field)


def unless_unreadable(
    corpus: str | Path, results: Iterable[T], error_result: Callable[[str], T]
) -> Iterator[T]:
    """``results`` of one corpus; when the corpus cannot be read, one ``error_result`` of
    the one-line reason instead, so that a batch goes on with its other corpora.

    Configuration and entity-list errors are the whole run's, and are raised.
    """
    try:
        yield from results
    except (ConfigError, EntityListError):
        raise
    except RepairError as error:
        yield error_result(str(error).removeprefix(f"{corpus}: "))
    except OSError as error:
        yield error_result(f"cannot read: {error.strerror or error}")
