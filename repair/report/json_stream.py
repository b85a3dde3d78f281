"""``--output-format json`` written as the findings come, not held until the run ends.

The array is the one ``json.dumps(records, ensure_ascii=False, indent=2)`` makes, byte for
byte, but each file's records are written when its result arrives: a run with a hundred
thousand findings holds one file's records at a time instead of all of them.
"""

from __future__ import annotations

import json
from collections.abc import Callable, Iterable
from typing import Any


def array_element(record: dict[str, Any]) -> str:
    """One element of the array as ``json.dumps(..., indent=2)`` lays it out inside a list.

    JSON strings hold no raw line break, so indenting every line of the element's own
    layout by two spaces gives the layout it has one level down.

    >>> print(array_element({"code": "PUN001", "fix": {"edits": [1]}}))
      {
        "code": "PUN001",
        "fix": {
          "edits": [
            1
          ]
        }
      }
    """
    return "  " + json.dumps(record, ensure_ascii=False, indent=2).replace("\n", "\n  ")


class JsonArrayStream:
    """Write a JSON array element by element through ``write``.

    >>> pieces: list[str] = []
    >>> stream = JsonArrayStream(pieces.append)
    >>> stream.add([{"a": 1}]); stream.add([]); stream.add([{"b": [2]}]); stream.close()
    >>> "".join(pieces) == json.dumps([{"a": 1}, {"b": [2]}], indent=2) + "\\n"
    True
    >>> empty: list[str] = []
    >>> JsonArrayStream(empty.append).close(); empty
    ['[]\\n']
    """

    def __init__(self, write: Callable[[str], None]) -> None:
        self._write = write
        self._opened = False

    def add(self, records: Iterable[dict[str, Any]]) -> None:
        """Write ``records`` (one file's, say) as the next elements, in one call of ``write``."""
        elements = [array_element(record) for record in records]
        if not elements:
            return
        lead = ",\n" if self._opened else "[\n"
        self._opened = True
        self._write(lead + ",\n".join(elements))

    def close(self) -> None:
        """End the array and its line (``[]`` when no record came)."""
        self._write("\n]\n" if self._opened else "[]\n")


__all__ = ["JsonArrayStream", "array_element"]
