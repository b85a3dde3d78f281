"""Which lines WRD007 (repeated phrase) searches: the lines where some run of two to four
words comes twice in a row, up to case and punctuation. The pattern tries every word start
of the lines it is given; this filter, run on the words of the whole text at once, spares
it nearly all of them.
"""

from __future__ import annotations

import itertools
import operator
from typing import Final

from repair.document import Document
from repair.rules.words.line_memo import shared_lines
from repair.text import LINE_BREAK_WORD, folded_word_runs

_SIZES: Final = (2, 3, 4)
"""How many words a repeated phrase holds."""


def lines_holding_a_repeat(doc: Document) -> list[int]:
    """Indices, in order, of the lines of ``doc`` where WRD007's pattern may find a copy
    (``lines_that_may_hold_a_repeat``).

    In a fix run (:meth:`Document.run_memo`) each line's verdict is kept by its text, the
    one thing it depends on: after a pass, only the lines the pass changed are tested, with
    the same filter run on them alone (the filter reads each line's words only, see
    ``lines_that_may_hold_a_repeat``).
    """
    memo: dict[str, bool] | None = doc.run_memo("repair.rules.words.phrase.may-repeat")
    if memo is None:
        return lines_that_may_hold_a_repeat(doc.text)
    lines = shared_lines(doc)  # split and hashed once for the rules that keep lines so
    unknown = [line for line in lines if line not in memo] if memo else lines
    if unknown:
        memo.update(dict.fromkeys(unknown, False))
        # The unknown lines joined are a text whose line i is unknown[i] (the text itself
        # when all are).
        joined = doc.text if unknown is lines else "\n".join(unknown)
        for position in lines_that_may_hold_a_repeat(joined):
            memo[unknown[position]] = True
    return list(itertools.compress(range(len(lines)), map(memo.__getitem__, lines)))


def lines_that_may_hold_a_repeat(text: str) -> list[int]:
    """Indices, in order, of the lines where WRD007's pattern may find a phrase that its
    copy test takes: at least all of them, found from the words of one
    :func:`repair.text.folded_word_runs` of the text and comparisons in C.

    The pattern's phrase and copy are two to four whole :data:`repair.text.WORD_RUN` words
    each, with only spaces, commas and quote marks (no word character, no line break)
    between them: in the folded words they stand in a row, with no line break. A copy that
    the test takes differs from the phrase at most in the case of its first letter, an
    ASCII letter, so its folded words equal the phrase's (``repeat_runs``). A line holds
    such a run when the run's first word is on it; a run across a line break is no copy
    (the line it starts on is not kept for it, which spares a test of the line's words).

    >>> text = "The end.\\nHe said that, said that.\\nso so\\nx y\\nx y\\n"
    >>> lines_that_may_hold_a_repeat(text)
    [1]
    """
    words = folded_word_runs(text)
    lines: list[int] = []
    line = counted = 0
    for at in repeat_runs(words):
        if not _holds_a_run_on_one_line(words, at):
            continue
        line += words[counted:at].count(LINE_BREAK_WORD)  # the line breaks before the run
        counted = at
        if not lines or lines[-1] != line:
            lines.append(line)
    return lines


def _holds_a_run_on_one_line(words: list[bytes], at: int) -> bool:
    """True when a run of some size starting at ``at`` (``repeat_runs``) holds no line
    break: runs are few (a few a text), and each is tested here in Python."""
    for size in _SIZES:
        run = words[at : at + 2 * size]
        if run[:size] == run[size:] and len(run) == 2 * size and LINE_BREAK_WORD not in run:
            return True
    return False


def repeat_runs(words: list[bytes]) -> list[int]:
    """The indices ``i``, in order, where ``words[i : i + size]`` is followed by itself for
    some ``size`` of two to four.

    In such a run each of ``size`` words in a row equals the word ``size`` later, and one of
    those ``size`` indices in a row is a multiple of ``size``: comparing only the words at
    multiples of ``size`` (``words[::size]`` with itself shifted by one, in C) finds a
    place in every run, with a ``size``-th of the comparisons of every word with the word
    ``size`` later (three passes over the words become about one). Each place found is
    checked in full for the runs it may belong to: its ``size`` possible starts.

    Most places are one common word ``size`` words apart ("the talks and the"). A run of two
    words or more that holds the place holds the word before it or the word after it too,
    which must then equal the word ``size`` later: two comparisons that pass over such a
    place before its starts are tried.

    >>> repeat_runs(b"a b c b c d e f g d e f g h h".split())
    [1, 5]
    """
    starts: set[int] = set()
    last = len(words) - 1
    for size in _SIZES:
        sampled = words[::size]
        flags = bytes(map(operator.eq, sampled, sampled[1:]))  # i: words[i*size] is later
        at = flags.find(1)
        while at != -1:
            place = at * size
            at = flags.find(1, at + 1)
            if not (
                (place + size < last and words[place + 1] == words[place + 1 + size])
                or (place and words[place - 1] == words[place - 1 + size])
            ):
                continue
            for start in range(max(0, place - size + 1), place + 1):
                if words[start : start + size] == words[start + size : start + 2 * size]:
                    starts.add(start)
    return sorted(starts)
