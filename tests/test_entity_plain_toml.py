"""The plain TOML reader's shortcuts (header and blank lines told by a comparison) against
the same reader taking every line through its expression; the header lines it gives
against those lists._entity_blocks finds."""

from __future__ import annotations

import tomllib
from pathlib import Path
from typing import Any

from hypothesis import given, settings
from hypothesis import strategies as st

from repair.entities import Entity, lists, parse_toml, plain_toml
from repair.errors import EntityListError
from tests.conftest import CORPUS, FIXTURES


def _reference(text: str) -> list[dict[str, Any]] | None:
    """The tables of a plain text, every line read by ``_LINE`` (the reader before its
    shortcuts)."""
    if "\r" in text:
        return None
    tables: list[dict[str, Any]] = []
    table: dict[str, Any] | None = None
    for line in text.split("\n"):
        match = plain_toml._LINE.fullmatch(line)
        if match is None:
            return None
        if match["header"]:
            table = {}
            tables.append(table)
            continue
        key = match["key"]
        if key is None:
            continue
        if table is None or key in table:
            return None
        if match["text"] is not None:
            table[key] = match["text"][1:-1]
        else:
            table[key] = [item[1:-1] for item in plain_toml._ITEM.findall(match["items"])]
    return tables


def test_the_lists_of_the_tests_read_as_the_reference_reads_them(tmp_path: Path) -> None:
    from benchmarks.names_speed import entity_list, write_toml

    write_toml(entity_list(3000), tmp_path / "made_up.toml")
    paths = [CORPUS / "entities.toml", *sorted((FIXTURES / "names").glob("*.toml"))]
    for path in [*paths, tmp_path / "made_up.toml"]:
        text = path.read_text(encoding="utf-8-sig")
        assert plain_toml._plain_tables(text) == _reference(text) is not None, path


_LINES = st.sampled_from(
    [
        "[[entity]]",
        "",
        " [[entity]]",
        "[[entity]] ",
        "[[entity]]# a comment",
        "[[entity]]x",
        "[[ entity ]]",
        "[[Entity]]",
        "[[entity]]\t",
        " ",
        "\t",
        "# a comment",
        'name = "Dovriv"',
        'name = "Tomas"',
        'aliases = ["Dovryv", "Dowriw"]',
        "aliases = []",
        'type = "place"',
        'type="person" # a comment',
        'note = "a \\" quote"',
        "count = 3",
        "name = 'literal'",
        'top = "level"',
        "\x0c",
        "\u2028",
    ]
)


@settings(max_examples=3000, deadline=None)
@given(st.lists(_LINES, max_size=12).map("\n".join))
def test_texts_of_plain_and_other_lines_read_as_the_reference_reads_them(text: str) -> None:
    assert plain_toml._plain_tables(text) == _reference(text)


# Header lines: given by the plain reader, found again by lists._entity_blocks otherwise ----


def _reference_parse(text: str, where: str) -> tuple[Entity, ...] | str:
    """:func:`parse_toml` of a text that reads as TOML into ``[[entity]]`` tables, every
    table's block and header line found by :func:`lists._entity_blocks` (the reading before
    the plain reader gave the headers' lines); an error's message."""
    tables = plain_toml.loads(text).get("entity", [])
    lines = lists._LineIndex(text)
    entities = []
    for table, (start, end, header) in zip(
        tables, lists._entity_blocks(text, len(tables)), strict=True
    ):

        def line_of(key: str, start: int = start, end: int = end, header: int = header) -> str:
            return f"{where}:{lists._key_line(text, key, start, end, lines) or header}"

        try:
            entities.append(lists._entity(table, line_of, f"{where}:{header}"))
        except EntityListError as error:
            return str(error)
    return tuple(entities)


def _parsed(text: str, where: str) -> tuple[Entity, ...] | str:
    try:
        return parse_toml(text, where)
    except EntityListError as error:
        return str(error)


def test_the_lists_of_the_tests_get_the_header_lines_of_the_blocks(tmp_path: Path) -> None:
    from benchmarks.names_speed import entity_list, write_toml

    write_toml(entity_list(3000), tmp_path / "made_up.toml")
    paths = [CORPUS / "entities.toml", *sorted((FIXTURES / "names").glob("*.toml"))]
    for path in [*paths, tmp_path / "made_up.toml"]:
        text = path.read_text(encoding="utf-8-sig")
        headers: list[int] = []
        tables = plain_toml._plain_tables(text, headers)
        assert tables is not None
        blocks = lists._entity_blocks(text, len(tables))
        assert headers == [header for _, _, header in blocks] != [], path
        assert _parsed(text, "l.toml") == _reference_parse(text, "l.toml"), path


_HEADERS = st.sampled_from(
    ["[[entity]]", " [[entity]] # a header", "[[ entity ]]", '[[ "entity" ]]']
)
_KEY_LINES = st.sampled_from(
    [
        'name = "Dovriv"',
        'name = "Kyiv"',
        'name="Tomas Velderholm" # a person',
        'name = "A\\u00e9"',
        'aliases = ["Velderholm", "Dovriv"]',
        'aliases = [\n  "multi-line",\n]',
        "aliases = []",
        'variants = ["Dovrov"]',
        'variants = ["Kyiv"]',
        'type = "place"',
        'type = "city"',
        'typ = "place"',
        'note = "a note"',
    ]
)
_BLOCKS = st.tuples(
    _HEADERS,
    # One line per key: a key given twice is no TOML
    st.lists(_KEY_LINES, max_size=4, unique_by=lambda line: line.split("=")[0].strip()),
    st.sampled_from(["", "# a comment", "\n"]),
).map(lambda block: "\n".join([block[0], *block[1], block[2]]))


@settings(max_examples=600, deadline=None)
@given(st.lists(_BLOCKS, max_size=6).map("\n".join))
def test_entities_and_messages_are_those_of_the_blocks(text: str) -> None:
    tomllib.loads(text)  # every text made is TOML
    assert _parsed(text, "l.toml") == _reference_parse(text, "l.toml")
