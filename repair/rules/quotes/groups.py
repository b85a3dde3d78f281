"""The paragraphs of a document that hold double marks in prose, in order: what the pairing
of :mod:`repair.rules.quotes.marks` goes over, with whether each looks plain.

Found in the whole text (:func:`paragraph_groups`), or in a fix run from the table kept by
line (:mod:`repair.rules.quotes.kept_lines`), a column at a time.
"""

from __future__ import annotations

import bisect
from collections.abc import Sequence
from typing import NamedTuple

from repair.document import Document
from repair.findings import Span
from repair.rules.quotes.clues import DOUBLE_MARKS
from repair.rules.quotes.excluded import in_prose
from repair.rules.quotes.found import by_span, mark_offsets
from repair.rules.quotes.plain import VERDICTS, kept_looks_plain


class Groups(NamedTuple):
    """The paragraphs of a document holding double marks in prose, in order, a column
    each: built a column at a time (``map``, in C) from a fix run's table."""

    positions: list[int]
    """Each paragraph's index: among the paragraphs, or the lines (:func:`line_groups`)."""
    spans: list[Span]
    offsets: list[Sequence[int]]
    """The offsets of the paragraph's double marks in prose, less its base."""
    bases: list[int]
    plain: list[bool]
    """Whether the paragraph looks plain (all its double marks in prose)."""

    def marks(self, at: int) -> list[int]:
        """The offsets in the text of the marks of the ``at``-th paragraph."""
        base = self.bases[at]
        return list(map(base.__add__, self.offsets[at]))


def _all_in_prose(everywhere: list[int], span: Span, kept: int) -> bool:
    """Whether ``kept`` (the marks ``in_prose`` kept in ``span``) are all the double marks
    of ``span`` (``everywhere``: the text's, sorted)."""
    first = bisect.bisect_left(everywhere, span.start)
    return bisect.bisect_left(everywhere, span.end, first) - first == kept


def paragraph_groups(doc: Document) -> Groups:
    """The paragraphs of ``doc`` holding double marks in prose, found in the whole text
    (indexed by paragraph)."""
    everywhere = mark_offsets(doc, DOUBLE_MARKS)
    offsets = in_prose(doc, everywhere)
    groups = Groups([], [], [], [], [])
    if not offsets:
        return groups
    # looks_plain reads every double mark of a paragraph: its answer holds only where
    # in_prose kept them all.
    all_kept = len(offsets) == len(everywhere)
    spans = doc.paragraphs
    verdicts: dict[str, bool] | None = doc.run_memo(VERDICTS)
    text = doc.text
    for position, marks in by_span(spans, offsets):
        span = spans[position]
        groups.positions.append(position)
        groups.spans.append(span)
        groups.offsets.append(marks)
        groups.plain.append(
            (all_kept or _all_in_prose(everywhere, span, len(marks)))
            and kept_looks_plain(text, span, verdicts)
        )
    groups.bases.extend([0] * len(groups.spans))
    return groups
