"""Corpora stored as records: JSONL (one JSON object per line) and Parquet tables.

Each record is a document whose text sits in one field (``text`` by default). Checking
yields one :class:`~repair.api.FileResult` per record, named ``corpus.jsonl[17]`` after the
record's line (JSONL) or 1-based row (Parquet). Fixing writes the same format with the text
repaired and every other field, and every record whose text did not change, exactly as read.
A malformed record (bad JSON, a missing or non-string text) is reported and passed through
unchanged: nothing is dropped, and the order is kept.
"""

from __future__ import annotations

import codecs
import contextlib
import json
import re
import stat
from collections import deque
from collections.abc import Callable, Iterable, Iterator, Mapping
from dataclasses import dataclass, replace
from itertools import islice
from pathlib import Path
from typing import Any, Final, TypeVar

from repair import engine
from repair.atomic import atomic_output, new_file_mode
from repair.batch import run_ordered
from repair.config import Config, discover_config
from repair.document import Document, TextFormat, restore_newlines
from repair.errors import ConfigError, EntityListError, RepairError
from repair.results import FileCheck, FileFix, FileResult

T = TypeVar("T")

JSONL_SUFFIXES: Final = frozenset({".jsonl", ".ndjson"})
PARQUET_SUFFIXES: Final = frozenset({".parquet", ".pq"})
_CHUNK_RECORDS: Final = 256


def is_record_file(path: str | Path) -> bool:
    """True for a JSONL or Parquet corpus, by its file name.

    >>> is_record_file("news.jsonl"), is_record_file("news.parquet"), is_record_file("a.txt")
    (True, True, False)
    """
    return Path(path).suffix.lower() in JSONL_SUFFIXES | PARQUET_SUFFIXES


@dataclass(frozen=True, slots=True)
class _Record:
    number: int
    """The record's line in a JSONL file, its 1-based row in a Parquet table."""
    text: str | None
    problem: str | None = None
    also: str | None = None
    """The string in a second field read along (score's references), if any."""


@dataclass(frozen=True, slots=True)
class _Chunk:
    """Records sent to a worker in one piece, with what it needs to process them."""

    name: str
    records: tuple[_Record, ...]
    config: Config
    text_format: TextFormat
    fix: bool
    unsafe: bool
    writes: bool
    """Whether the fix is written (a record that cannot be fixed is passed through)."""


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
    settings = _settings(source, config, options)
    records = _read_records(source, text_field)
    for result in _process(
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
        settings = _settings(source, config, options)
        records = _read_records(source, text_field)
        yield from _fixes(_process(source, records, settings, text_format, True, unsafe, jobs))
        return
    target = Path(output)
    if target.exists() and target.resolve() == source.resolve():
        raise RepairError(f"{source}: --output must name another file than the input")
    settings = _settings(source, config, options)
    if source.suffix.lower() in PARQUET_SUFFIXES:
        yield from _fix_parquet(source, target, text_field, settings, text_format, unsafe, jobs)
    else:
        yield from _fix_jsonl(source, target, text_field, settings, text_format, unsafe, jobs)


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
    settings = _settings(source, config, options)
    also: deque[str | None] = deque()  # of the records read, not yet given back

    def records() -> Iterator[_Record]:
        for record in _read_records(source, text_field, also_field):
            also.append(record.also)
            yield record

    processed = _process(source, records(), settings, text_format, True, False, jobs, False)
    for result in _fixes(processed):
        yield result, also.popleft()


def _fixes(results: Iterable[FileResult]) -> Iterator[FileFix]:
    for result in results:
        assert isinstance(result, FileFix)
        yield result


def _settings(source: Path, config: Config | None, options: Mapping[str, Any] | None) -> Config:
    base = config if config is not None else discover_config(source.parent)
    return base.with_options(options) if options else base


def _process(
    source: Path,
    records: Iterator[_Record],
    settings: Config,
    text_format: TextFormat,
    fix: bool,
    unsafe: bool,
    jobs: int,
    writes: bool | None = None,
) -> Iterator[FileResult]:
    writes = fix if writes is None else writes
    chunks = (
        _Chunk(str(source), chunk, settings, text_format, fix, unsafe, writes)
        for chunk in _chunked(records, _CHUNK_RECORDS * max(1, jobs))
    )
    for group in chunks:
        pieces = [
            _Chunk(group.name, part, settings, text_format, fix, unsafe, writes)
            for part in _split(group.records, _CHUNK_RECORDS)
        ]
        for results in run_ordered(_process_chunk, pieces, jobs):
            yield from results


def _chunked(records: Iterator[_Record], size: int) -> Iterator[tuple[_Record, ...]]:
    while chunk := tuple(islice(records, size)):
        yield chunk


def _split(records: tuple[_Record, ...], size: int) -> list[tuple[_Record, ...]]:
    return [records[i : i + size] for i in range(0, len(records), size)]


def _process_chunk(chunk: _Chunk) -> list[FileResult]:
    return [_process_record(chunk, record) for record in chunk.records]


def _process_record(chunk: _Chunk, record: _Record) -> FileResult:
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
        # The record's own line endings: the text written back is the record's text.
        restore_newlines(result.text, doc.newline),
        result.found,
        result.applied,
        result.remaining,
        notice=_notice(doc, chunk.config),
    )


def _notice(doc: Document, settings: Config) -> str | None:
    from repair.language import language_notice

    return language_notice(doc, settings) if doc.text else None


# JSONL ------------------------------------------------------------------------------------


def _jsonl_lines(source: Path) -> Iterator[tuple[int, bytes]]:
    with source.open("rb") as stream:
        yield from enumerate(stream, start=1)


def _parse_jsonl(number: int, raw: bytes, text_field: str) -> tuple[_Record, dict[str, Any] | None]:
    if not raw.strip():
        return _Record(number, None, f"line {number}: blank line"), None
    try:
        data = json.loads(raw)
    except (ValueError, UnicodeDecodeError) as error:
        return _Record(number, None, f"line {number}: invalid JSON ({error})"), None
    except RecursionError:
        return _Record(number, None, f"line {number}: JSON nested too deep to read"), None
    if not isinstance(data, dict):
        return _Record(number, None, f"line {number}: not a JSON object"), None
    text = data.get(text_field)
    if not isinstance(text, str):
        kind = "missing" if text_field not in data else f"not a string ({type(text).__name__})"
        return _Record(number, None, f"line {number}: field {text_field!r} {kind}"), data
    return _Record(number, text), data


def _read_records(
    source: Path, text_field: str, also_field: str | None = None
) -> Iterator[_Record]:
    if source.suffix.lower() in PARQUET_SUFFIXES:
        column, table = _read_parquet(source, text_field)
        others = _column(source, table, also_field) if also_field else [None] * len(column)
        for row, (value, other) in enumerate(zip(column, others, strict=True), start=1):
            record = _parquet_record(row, value, text_field)
            yield replace(record, also=other) if isinstance(other, str) else record
        return
    for number, raw in _jsonl_lines(source):
        record, data = _parse_jsonl(number, raw, text_field)
        other = data.get(also_field) if data is not None and also_field else None
        yield replace(record, also=other) if isinstance(other, str) else record


def _fix_jsonl(
    source: Path,
    target: Path,
    text_field: str,
    settings: Config,
    text_format: TextFormat,
    unsafe: bool,
    jobs: int,
) -> Iterator[FileFix]:
    parsed = (
        (number, raw, *_parse_jsonl(number, raw, text_field))
        for number, raw in _jsonl_lines(source)
    )
    # Lines read but not yet written: at most the records in flight in the workers.
    pending: dict[int, tuple[bytes, dict[str, Any] | None]] = {}

    def records() -> Iterator[_Record]:
        for number, raw, record, data in parsed:
            pending[number] = (raw, data)
            yield record

    with _atomic_output(target) as stream:
        for result in _fixes(
            _process(source, records(), settings, text_format, True, unsafe, jobs)
        ):
            number = int(result.path.rsplit("[", 1)[1].rstrip("]"))
            raw, data = pending.pop(number)
            with _writing(target):
                stream.write(_jsonl_output(raw, data, text_field, result))
            yield result


def _jsonl_output(
    raw: bytes, data: dict[str, Any] | None, text_field: str, result: FileFix
) -> bytes:
    """The line to write: as read unless its text changed, then with only the bytes of the
    text's value replaced, so that every other field keeps its bytes (numbers such as
    ``1E400`` or ``0.10000000000000000555``, repeated keys, escapes, spacing, a BOM)."""
    if data is None or result.fixed_text is None or result.original is None:
        return raw
    if result.fixed_text == restore_newlines(result.original.text, result.original.newline):
        return raw
    bom = codecs.BOM_UTF8 if raw.startswith(codecs.BOM_UTF8) else b""
    try:
        # json.loads reads bytes with surrogatepass too: the same characters, the same bytes
        line = raw[len(bom) :].decode("utf-8", "surrogatepass")
        span = _value_span(line, text_field)
    except (ValueError, UnicodeDecodeError, RecursionError):
        span = None
    if span is None:  # not UTF-8 (json.loads also reads UTF-16 and UTF-32): re-serialised
        ending = raw[len(raw.rstrip(b"\r\n")) :]
        data = {**data, text_field: result.fixed_text}
        return json.dumps(data, ensure_ascii=False).encode("utf-8") + ending
    start, end = span
    value = _json_string(result.fixed_text, escaped=line[start:end].isascii())
    return bom + (line[:start] + value + line[end:]).encode("utf-8", "surrogatepass")


def _json_string(text: str, *, escaped: bool) -> str:
    """``text`` as a JSON string, escaped to ASCII when the value it replaces was (or when
    it holds a lone surrogate, which only an escape can write)."""
    if not escaped and _SURROGATE.search(text):
        escaped = True
    return json.dumps(text, ensure_ascii=escaped)


_SURROGATE: Final = re.compile("[\ud800-\udfff]")
_SPACE: Final = re.compile(r"[ \t\n\r]*")
_DECODER: Final = json.JSONDecoder()


def _value_span(line: str, field: str) -> tuple[int, int] | None:
    """Where the value of the top-level key ``field`` stands in ``line``, a JSON object:
    the last one when the key repeats, as :func:`json.loads` keeps the last."""

    def skip_space(index: int) -> int:
        match = _SPACE.match(line, index)
        assert match is not None  # the pattern matches the empty string
        return match.end()

    index = skip_space(0)
    if line[index : index + 1] != "{":
        return None
    index = skip_space(index + 1)
    span = None
    while line[index : index + 1] == '"':
        key, index = json.decoder.scanstring(line, index + 1)  # type: ignore[attr-defined]
        index = skip_space(index)
        if line[index : index + 1] != ":":
            return None
        start = skip_space(index + 1)
        _, end = _DECODER.raw_decode(line, start)
        if key == field:
            span = (start, end)
        index = skip_space(end)
        if line[index : index + 1] != ",":
            break
        index = skip_space(index + 1)
    return span if line[index : index + 1] == "}" else None


@contextlib.contextmanager
def _writing(target: Path) -> Iterator[None]:
    """Name an error of writing ``target`` as one (a full disk is not a corpus that
    "cannot read")."""
    try:
        yield
    except OSError as error:
        raise _write_error(target, error) from error


def _write_error(target: Path, error: OSError) -> RepairError:
    return RepairError(f"{target}: cannot write: {error.strerror or error}")


@contextlib.contextmanager
def _atomic_output(target: Path) -> Iterator[Any]:
    """A stream whose bytes replace ``target`` when the block ends without an error (see
    :func:`repair.atomic.atomic_output`): a run killed half way leaves no partial file."""
    with _writing(target):
        target.parent.mkdir(parents=True, exist_ok=True)
        # Not the 0600 of a temporary file: the mode of the file it replaces, or the mode a
        # new file gets under the umask, as any other program's output.
        mode = _mode_for(target)
    with atomic_output(
        target, mode=mode, write_error=lambda error: _write_error(target, error)
    ) as stream:
        yield stream


def _mode_for(target: Path) -> int:
    try:
        return stat.S_IMODE(target.stat().st_mode)
    except FileNotFoundError:
        return new_file_mode()


# Parquet ----------------------------------------------------------------------------------


def _pyarrow() -> Any:
    try:
        import pyarrow
        import pyarrow.parquet
    except ImportError as error:
        raise RepairError("reading Parquet needs pyarrow: pip install 'repair[parquet]'") from error
    return pyarrow


def _read_parquet(source: Path, text_field: str) -> tuple[list[Any], Any]:
    pyarrow = _pyarrow()
    try:
        table = pyarrow.parquet.read_table(source)
    except (OSError, pyarrow.ArrowException) as error:
        raise RepairError(f"{source}: cannot read Parquet: {error}") from error
    return _column(source, table, text_field), table


def _column(source: Path, table: Any, name: str) -> list[Any]:
    if name not in table.column_names:
        raise RepairError(
            f"{source}: no column {name!r} (columns: {', '.join(table.column_names)})"
        )
    return list(table.column(name).to_pylist())


def _parquet_record(row: int, value: Any, text_field: str) -> _Record:
    if isinstance(value, str):
        return _Record(row, value)
    kind = "null" if value is None else f"not a string ({type(value).__name__})"
    return _Record(row, None, f"row {row}: {text_field!r} is {kind}")


def _fix_parquet(
    source: Path,
    target: Path,
    text_field: str,
    settings: Config,
    text_format: TextFormat,
    unsafe: bool,
    jobs: int,
) -> Iterator[FileFix]:
    pyarrow = _pyarrow()
    column, table = _read_parquet(source, text_field)
    records = (_parquet_record(row, value, text_field) for row, value in enumerate(column, start=1))
    fixed: list[Any] = []
    for result, original in zip(
        _fixes(_process(source, records, settings, text_format, True, unsafe, jobs)),
        column,
        strict=True,
    ):
        fixed.append(original if result.fixed_text is None else result.fixed_text)
        yield result
    index = table.column_names.index(text_field)
    field = table.schema.field(index)
    table = table.set_column(index, field, pyarrow.array(fixed, type=field.type))
    with _atomic_output(target) as stream, _writing(target):
        pyarrow.parquet.write_table(table, stream)


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
