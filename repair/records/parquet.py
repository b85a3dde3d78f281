"""Parquet corpora: a table whose text sits in one column; a fixed table keeps every other
column as read."""

from __future__ import annotations

from collections.abc import Iterator
from dataclasses import replace
from pathlib import Path
from typing import Any

from repair.config import Config
from repair.document import TextFormat
from repair.errors import RepairError
from repair.records.common import (
    Record,
    atomic_corpus_output,
    fixes,
    process,
    text_to_write,
    writing,
)
from repair.results import FileFix


def _pyarrow() -> Any:
    try:
        import pyarrow
        import pyarrow.parquet
    except ImportError as error:
        raise RepairError("reading Parquet needs pyarrow: pip install 'repair[parquet]'") from error
    return pyarrow


def read_parquet(source: Path, text_field: str) -> tuple[list[Any], Any]:
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


def parquet_record(row: int, value: Any, text_field: str) -> Record:
    if isinstance(value, str):
        return Record(row, value)
    kind = "null" if value is None else f"not a string ({type(value).__name__})"
    return Record(row, None, f"row {row}: {text_field!r} is {kind}")


def read_records(source: Path, text_field: str, also_field: str | None = None) -> Iterator[Record]:
    """The records of a Parquet table, with the string in ``also_field`` of each, if any."""
    column, table = read_parquet(source, text_field)
    others = _column(source, table, also_field) if also_field else [None] * len(column)
    for row, (value, other) in enumerate(zip(column, others, strict=True), start=1):
        record = parquet_record(row, value, text_field)
        yield replace(record, also=other) if isinstance(other, str) else record


def fix_corpus(
    source: Path,
    target: Path,
    text_field: str,
    settings: Config,
    text_format: TextFormat,
    unsafe: bool,
    jobs: int,
) -> Iterator[FileFix]:
    pyarrow = _pyarrow()
    column, table = read_parquet(source, text_field)
    records = (parquet_record(row, value, text_field) for row, value in enumerate(column, start=1))
    fixed: list[Any] = []
    for result, original in zip(
        fixes(process(source, records, settings, text_format, True, unsafe, jobs)),
        column,
        strict=True,
    ):
        fixed_text = text_to_write(result)
        fixed.append(original if fixed_text is None else fixed_text)
        yield result
    index = table.column_names.index(text_field)
    field = table.schema.field(index)
    table = table.set_column(index, field, pyarrow.array(fixed, type=field.type))
    with atomic_corpus_output(target) as stream, writing(target):
        pyarrow.parquet.write_table(table, stream)
