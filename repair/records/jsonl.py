"""JSONL corpora: one JSON object a line, its text in one field; a fixed line keeps every
byte but those of its text's value."""

from __future__ import annotations

import codecs
import json
import re
from collections.abc import Iterator
from dataclasses import replace
from pathlib import Path
from typing import Any, Final

from repair.config import Config
from repair.document import TextFormat
from repair.records.common import (
    Record,
    atomic_corpus_output,
    fixes,
    process,
    text_to_write,
    writing,
)
from repair.results import FileFix


def jsonl_lines(source: Path) -> Iterator[tuple[int, bytes]]:
    with source.open("rb") as stream:
        yield from enumerate(stream, start=1)


def parse_line(number: int, raw: bytes, text_field: str) -> tuple[Record, dict[str, Any] | None]:
    if not raw.strip():
        return Record(number, None, f"line {number}: blank line"), None
    try:
        data = json.loads(raw)
    except (ValueError, UnicodeDecodeError) as error:
        return Record(number, None, f"line {number}: invalid JSON ({error})"), None
    except RecursionError:
        return Record(number, None, f"line {number}: JSON nested too deep to read"), None
    if not isinstance(data, dict):
        return Record(number, None, f"line {number}: not a JSON object"), None
    text = data.get(text_field)
    if not isinstance(text, str):
        kind = "missing" if text_field not in data else f"not a string ({type(text).__name__})"
        return Record(number, None, f"line {number}: field {text_field!r} {kind}"), data
    return Record(number, text), data


def read_records(source: Path, text_field: str, also_field: str | None = None) -> Iterator[Record]:
    """The records of a JSONL corpus, with the string in ``also_field`` of each, if any."""
    for number, raw in jsonl_lines(source):
        record, data = parse_line(number, raw, text_field)
        other = data.get(also_field) if data is not None and also_field else None
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
    parsed = (
        (number, raw, *parse_line(number, raw, text_field)) for number, raw in jsonl_lines(source)
    )
    # Lines read but not yet written: at most the records in flight in the workers.
    pending: dict[int, tuple[bytes, dict[str, Any] | None]] = {}

    def records() -> Iterator[Record]:
        for number, raw, record, data in parsed:
            pending[number] = (raw, data)
            yield record

    with atomic_corpus_output(target) as stream:
        for result in fixes(process(source, records(), settings, text_format, True, unsafe, jobs)):
            number = int(result.path.rsplit("[", 1)[1].rstrip("]"))
            raw, data = pending.pop(number)
            with writing(target):
                stream.write(line_output(raw, data, text_field, result))
            yield result


def line_output(raw: bytes, data: dict[str, Any] | None, text_field: str, result: FileFix) -> bytes:
    """The line to write: as read unless its text changed, then with only the bytes of the
    text's value replaced, so that every other field keeps its bytes (numbers such as
    ``1E400`` or ``0.10000000000000000555``, repeated keys, escapes, spacing, a BOM)."""
    fixed_text = text_to_write(result)
    if data is None or fixed_text is None or result.original is None:
        return raw
    if result.fixed_text == result.original.text:
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
        data = {**data, text_field: fixed_text}
        return json.dumps(data, ensure_ascii=False).encode("utf-8") + ending
    start, end = span
    value = _json_string(fixed_text, escaped=line[start:end].isascii())
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
