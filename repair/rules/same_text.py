"""An analysis of a text kept for the next document of a fix run that holds the same text.

After a pass, the fix loop checks the paragraphs the pass changed as a document of their
own, the same document for every paragraph-local rule, but it hands each rule that document
with a fresh :meth:`Document.shared` (:func:`repair.recheck.run_apart`): an analysis several
of those rules read (the lines holding a punctuation mark, the capitals of the GLU rules)
would be computed again by each. Kept here in the run's tables (:meth:`Document.run_memo`)
for the text it was computed on, it is computed once a pass.

What is kept must be a pure function of the document's text (as for the run memo): it is
handed to any document of the run whose text is the same string object. Only the last
text's value is kept, so the table does not grow with the run.
"""

from __future__ import annotations

from collections.abc import Callable
from typing import Any, Final, TypeVar

from repair.document import Document
from repair.rules.base import PARAGRAPH_FINDINGS

T = TypeVar("T")


def shared_by_text(doc: Document, key: str, compute: Callable[[Document], T]) -> T:
    """``doc.shared(key, compute)``, also handed to any later document of the fix run that
    holds the same text (the same string object). ``compute`` must read nothing of the
    document but its text."""
    return doc.shared(key, lambda _: _by_text(doc, key, compute))


_KEPT: Final = "repair.rules.same_text"
"""The run's table: key of an analysis -> (the last text it was computed on, its value)."""


def _by_text(doc: Document, key: str, compute: Callable[[Document], T]) -> T:
    kept: dict[str, tuple[str, Any]] | None = doc.run_memo(_KEPT)
    if kept is None:
        return compute(doc)
    last = kept.get(key)
    # By identity: the checks of one pass read one document's text; an equal text that is
    # another string is computed again (as it would be without the table).
    if last is not None and last[0] is doc.text:
        return last[1]  # type: ignore[no-any-return]
    value = compute(doc)
    kept[key] = (doc.text, value)
    return value


def in_fix_run(doc: Document) -> bool:
    """Whether ``doc`` is a document of a fix run (:meth:`Document.run_memo`), whose
    checks after a pass the fix loop compares with the checks before."""
    return doc.run_memo(_KEPT) is not None


def is_changed_paragraphs(doc: Document) -> bool:
    """Whether ``doc`` is the fix loop's document of the paragraphs a pass changed, checked
    apart (:func:`repair.recheck.run_apart`): a document of a fix run
    (:meth:`Document.run_memo`) that the loop did not hand its table of paragraph findings,
    which it hands every whole text it checks (:data:`PARAGRAPH_FINDINGS`). Only what is
    cheaper may be chosen by it, never what is found: such a document is small and new to
    the run's tables kept by line, whose look-ups cost more there than they save.
    """
    return in_fix_run(doc) and not doc.holds_shared(PARAGRAPH_FINDINGS)
