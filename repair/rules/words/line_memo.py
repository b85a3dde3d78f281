"""A search of the whole text whose finds each lie on one line, kept by line in a fix run,
for the word rules (:func:`repair.rules.encoding._by_line.finds_by_line` does
the work for them and for the ENC and GLU scans).
"""

from __future__ import annotations

from collections.abc import Callable
from typing import Any, TypeVar

from repair.document import Document

Find = TypeVar("Find", bound=tuple[Any, ...])
"""A find: its offset first, then what the search tells of it."""


def search_by_line(doc: Document, key: str, search: Callable[[str], list[Find]]) -> list[Find]:
    """``search(doc.text)``: finds in order, each a tuple whose first item is its offset.

    ``search``, given a text of several lines, must find on each line what it finds in
    that line alone, whatever lines stand around it (a line break, or the text's start or
    end, on each side). ``key`` names the search, as for :meth:`Document.run_memo`. In a
    fix run, a later pass searches only the lines it has not seen, joined.
    """
    # Imported here: the scraping rules, whose line split the ENC module reads, import the
    # word rules' title test.
    from repair.rules.encoding._by_line import finds_by_line

    found, _ = finds_by_line(doc, key, search, lambda: search(doc.text))
    return found


def shared_lines(doc: Document) -> tuple[str, ...]:
    """The text of each line of ``doc``, split once per document for the rules that read
    lines (the SCR and STR rules' ``text_lines``)."""
    # Imported here: the scraping rules import the word rules' title test.
    from repair.rules.scraping._lines import text_lines

    return text_lines(doc)
