"""The plain TOML reader's shortcuts (header and blank lines told by a comparison) against
the same reader taking every line through its expression."""

from __future__ import annotations

from pathlib import Path
from typing import Any

from hypothesis import given, settings
from hypothesis import strategies as st

from repair.entities import plain_toml
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
