"""A fast reader for the plain shape most entity lists have, falling back to :mod:`tomllib`.

Python's TOML parser reads a character at a time in Python: for a list of 100,000 entities
it cost more than checking and indexing the entities together. Most lists are written in
one plain shape: ``[[entity]]`` headers, and ``key = "text"`` or ``key = ["text", ...]``
lines, with blank lines and comments. :func:`loads` reads that shape with one regular
expression per line and gives exactly the tables :func:`tomllib.loads` gives; anything
else (another value type, an escape, a dotted or quoted key, a key given twice, a carriage
return, a control character...) is left to :mod:`tomllib`, which also reports the errors.
"""

from __future__ import annotations

import re
import tomllib
from typing import Any, Final

# A basic string with no escape and none of the control characters TOML forbids in one
_STRING: Final = r'"[^"\\\x00-\x08\x0a-\x1f\x7f]*"'
_COMMENT: Final = r"(?:#[^\x00-\x08\x0a-\x1f\x7f]*)?"
_LINE: Final = re.compile(
    r"[ \t]*(?:"
    r"(?P<header>\[\[entity\]\])"
    r"|(?P<key>[A-Za-z0-9_-]+)[ \t]*=[ \t]*"
    rf"(?:(?P<text>{_STRING})|\[(?P<items>[ \t]*(?:{_STRING}[ \t]*,[ \t]*)*(?:{_STRING}[ \t]*)?)\])"
    rf")?[ \t]*{_COMMENT}"
)
_ITEM: Final = re.compile(_STRING)


def loads(text: str, header_lines: list[int] | None = None) -> dict[str, Any]:
    """The tables of a TOML text, as :func:`tomllib.loads` gives them. When the text is in
    the plain shape, the 1-based line of each ``[[entity]]`` header is added to
    ``header_lines`` (nothing when :mod:`tomllib` reads it).

    >>> loads('[[entity]]\\nname = "Dovriv" # a town\\naliases = ["Dovryv", ]\\n')
    {'entity': [{'name': 'Dovriv', 'aliases': ['Dovryv']}]}
    >>> loads('[[entity]]\\nname = "A\\\\u00e9"\\n')  # an escape: read by tomllib
    {'entity': [{'name': 'Aé'}]}
    """
    tables = _plain_tables(text, header_lines)
    return tomllib.loads(text) if tables is None else {"entity": tables} if tables else {}


def _plain_tables(text: str, header_lines: list[int] | None = None) -> list[dict[str, Any]] | None:
    """The ``[[entity]]`` tables of a text in the plain shape; None for any other text.
    The line of each header is added to ``header_lines``, if given, when the text is."""
    if "\r" in text:
        return None
    tables: list[dict[str, Any]] = []
    table: dict[str, Any] | None = None
    headers: list[int] = []
    match_line = _LINE.fullmatch
    for number, line in enumerate(text.split("\n"), 1):
        # The lines most lists hold between entities, told by a comparison and not the
        # expression (which reads them alike): a fifth of the reading of 100,000 entities
        if line == "[[entity]]":
            table = {}
            tables.append(table)
            headers.append(number)
            continue
        if not line:
            continue
        match = match_line(line)
        if match is None:
            return None
        header, key, text_value, items = match.groups()
        if header:
            table = {}
            tables.append(table)
            headers.append(number)
            continue
        if key is None:
            continue  # a blank line or a comment
        if table is None or key in table:
            return None  # a top-level key, or a key given twice: tomllib decides
        if text_value is not None:
            table[key] = text_value[1:-1]
        else:
            table[key] = [item[1:-1] for item in _ITEM.findall(items)]
    if header_lines is not None:
        header_lines += headers
    return tables
