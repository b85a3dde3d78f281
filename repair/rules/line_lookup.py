"""Looking up a fix run's lines in a table kept by line text (:meth:`Document.run_memo`).

Shared by the two forms of such tables: the finds of a search kept by line
(:mod:`repair.rules.encoding._by_line`) and the values and verdicts of the SCR rules
(:mod:`repair.rules.scraping._memo`).

A re-check looks each line up once (``dict.get``, in C), not twice (a set of the lines
unseen, then their values): the lines are new strings each pass, so that each look-up
compares the whole line with the one kept, and the lines add up to the whole text. Most
lines are kept with a false value (no find, not picked), so only the few others are asked
which they are.
"""

from __future__ import annotations

import itertools
from collections.abc import Sequence
from typing import Any, Final

UNSEEN: Final = object()
"""What :func:`look_up` gives a line the table has not seen: true, as a line with finds
(or picked) is."""


def look_up(memo: dict[str, Any], lines: Sequence[str]) -> tuple[list[Any], list[int], list[int]]:
    """What ``memo`` keeps for each of ``lines`` (:data:`UNSEEN` for the lines it has not
    seen), the indexes of the lines whose value is true or unseen, and those of the unseen.

    >>> look_up({"a": (), "b": (1,)}, ["a", "b", "c"])[1:]
    ([1, 2], [2])
    """
    kept = list(map(memo.get, lines, itertools.repeat(UNSEEN)))
    marked = list(itertools.compress(range(len(lines)), kept))
    return kept, marked, [index for index in marked if kept[index] is UNSEEN]


def distinct(lines: Sequence[str], indexes: Sequence[int]) -> list[str]:
    """The lines at ``indexes``, each once, in order.

    >>> distinct(["x", "y", "x", "z"], [0, 2, 3])
    ['x', 'z']
    """
    return list(dict.fromkeys(map(lines.__getitem__, indexes)))
