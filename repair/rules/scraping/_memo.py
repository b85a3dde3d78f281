"""What the SCR rules find of each line, kept across the passes of a fix run.

A fix run checks its text again after each pass (:meth:`Document.run_memo`), and a pass
leaves most lines as they were. Most of the SCR rules' time goes on tests of one line at a
time: which lines may be a label, a credit, a heading, a teaser, and what a reader sees of
them. Those tests are pure functions of the line's text and of the document's format
(plain or Markdown): this module keeps their verdicts by the line's text, in a table per
format, and runs the test only on the lines it has not seen, in a document of their own.
"""

from __future__ import annotations

from collections.abc import Callable, Hashable, Iterable, Sequence
from typing import Any, TypeVar

from repair.document import Document
from repair.rules.line_lookup import distinct, look_up

Key = TypeVar("Key", bound=Hashable)
Value = TypeVar("Value")


def table(doc: Document, name: str) -> dict[Any, Any] | None:
    """The fix run's table ``name`` for the format of ``doc``, or None outside a fix run.

    A verdict that depends on the format (what a reader sees of a Markdown line is not what
    she sees of a plain one) is kept apart for each: a run never changes its document's
    format, but what is kept must depend on nothing the key does not hold.
    """
    kind = "markdown" if doc.is_markdown else "plain"
    return doc.run_memo(f"repair.rules.scraping.{name}.{kind}")


def kept_values(
    memo: dict[Key, Value],
    keys: Sequence[Key],
    compute: Callable[[list[Key]], Iterable[Value]],
) -> list[Value]:
    """The value of each of ``keys`` in ``memo``; ``compute`` gives those of the keys ``memo``
    has not (all at once, in their order), which ``memo`` keeps."""
    missing = list(set(keys).difference(memo))
    if missing:
        memo.update(zip(missing, compute(missing), strict=True))
    return list(map(memo.__getitem__, keys))


def line_values(
    doc: Document,
    name: str,
    lines: Sequence[str],
    compute: Callable[[Document], Sequence[Value]],
    among: Sequence[int] | None = None,
) -> list[Value]:
    """``compute(doc)`` (a value for every line of ``doc``) at the lines ``among`` (default:
    all), ``lines`` being every line of ``doc``, as it is (``text_lines``) or stripped.

    ``compute`` must give a line its value for its text in ``lines`` alone, whatever lines
    stand around it, in any document of ``doc``'s format; the lines ``among`` must be such
    that any line of the same text is among them (the short lines, say). In a fix run each
    line's value is kept by that text (table ``name``), and ``compute`` runs only on a
    document of the lines ``among`` the run has not seen.
    """
    memo: dict[str, Value] | None = table(doc, name)
    if memo is None:
        values = compute(doc)
        return list(values) if among is None else list(map(values.__getitem__, among))
    keys = lines if among is None else list(map(lines.__getitem__, among))
    if memo:
        kept, _, unseen = look_up(memo, keys)
        if len(unseen) < len(keys):  # a later pass: most lines seen
            if unseen:
                tried, unseen_doc = _unseen(doc, distinct(keys, unseen))
                memo.update(zip(tried, compute(unseen_doc), strict=True))
                for index in unseen:
                    kept[index] = memo[keys[index]]
            return kept
    # None seen (a run's first check): the document itself.
    values = compute(doc)
    kept = list(values) if among is None else list(map(values.__getitem__, among))
    memo.update(zip(keys, kept, strict=True))
    return kept


def picked_lines(
    doc: Document,
    name: str,
    lines: Sequence[str],
    pick: Callable[[Document], Iterable[int]],
    among: Sequence[int] | None = None,
) -> list[int]:
    """``sorted(pick(doc))``: the indexes of the lines ``pick`` takes, each for its text in
    ``lines`` alone, from the lines ``among`` (as for :func:`line_values`), kept by line in
    a fix run."""
    memo: dict[str, bool] | None = table(doc, name)
    if memo is None:
        return sorted(pick(doc))
    keys = lines if among is None else list(map(lines.__getitem__, among))
    if memo:
        _, marked, unseen = look_up(memo, keys)
        if len(unseen) < len(keys):  # a later pass: most lines seen
            if unseen:
                tried, unseen_doc = _unseen(doc, distinct(keys, unseen))
                taken = set(pick(unseen_doc))
                memo.update(zip(tried, map(taken.__contains__, range(len(tried))), strict=True))
                marked = [index for index in marked if memo[keys[index]]]
            return marked if among is None else list(map(among.__getitem__, marked))
    # None seen (a run's first check): the document itself.
    picked = sorted(pick(doc))
    memo.update(dict.fromkeys(keys, False))
    memo.update(dict.fromkeys(map(lines.__getitem__, picked), True))
    return picked


def _unseen(doc: Document, missing: list[str]) -> tuple[tuple[str, ...], Document]:
    """``missing`` sorted, and a document of those lines in that order, one per set of
    lines and ``doc``: the tables of lines of one kind (every line, or the short ones
    stripped) miss the same lines after a pass, and the rules that fill them share the
    lines' split, stripped and visible text (:mod:`._lines`) when they share the document.
    Sorted, as each table's set difference gives the lines in an order of its own."""
    documents: dict[tuple[str, ...], Document] = doc.shared(_UNSEEN, _no_documents)
    lines = tuple(sorted(missing))
    unseen = documents.get(lines)
    if unseen is None:
        unseen = documents[lines] = Document(
            "\n".join(lines), path=doc.path, text_format=doc.format
        )
    return lines, unseen


_UNSEEN = "repair.rules.scraping._memo.unseen"


def _no_documents(doc: Document) -> dict[tuple[str, ...], Document]:
    return {}
