"""STR003: a line printed twice."""

from __future__ import annotations

import operator
from collections.abc import Callable, Iterator, Sequence
from itertools import compress, islice, repeat
from typing import Final

from repair.document import Document
from repair.findings import Applicability, Fix, Hit, Span
from repair.rules.base import CheckContext
from repair.rules.scraping._lines import text_lines
from repair.rules.structure._common import WORD, excerpt

_MIN_REPEATED_WORDS: Final = 3
_MIN_DISTANT_WORDS: Final = 10


_LEADING_MARKUP: Final = frozenset("#>*_")
_TRAILING_MARKUP: Final = frozenset("*_")


def _normalized(line: str) -> str:
    """The line without white space and Markdown marks at its edges, its spaces collapsed.

    The same as ``" ".join(re.sub(r"^[#>*_\\s]+|[*_\\s]+$", "", line).split())``, without
    running a pattern at every position of the line.

    >>> _normalized("## **Pivotal  NATO Visit** _"), _normalized("*_ *")
    ('Pivotal NATO Visit', '')
    """
    start, end = 0, len(line)
    while start < end and (line[start] in _LEADING_MARKUP or line[start].isspace()):
        start += 1
    while end > start and (line[end - 1] in _TRAILING_MARKUP or line[end - 1].isspace()):
        end -= 1
    core = line[start:end]
    # Printable text has no white space but plain spaces: only a double one to collapse.
    if core.isprintable() and "  " not in core:
        return core
    return " ".join(core.split())


def repeated_line(doc: Document, ctx: CheckContext) -> Iterator[Hit]:
    """Line printed twice (a headline or paragraph repeated by a scraper or an editor).

    What it catches:
        A line of three words or more identical, up to white space and Markdown heading or
        emphasis marks, to the previous non-blank line; or a line of ten words or more
        identical to any earlier line.
    Why:
        Scrapers repeat headlines (the page title and the article title), and copy-paste
        doubles paragraphs; the repeat inflates the text and misleads aligners.
    Bad:
        Harbour Director's Pivotal Council Visit

        Harbour Director's Pivotal Council Visit
    Good:
        Harbour Director's Pivotal Council Visit

        The upcoming visit of the Secretary marks a significant event.
    Fix safety:
        Unsafe: removing the repeat deletes text, and a repeat can be deliberate.
    """
    lines = doc.lines
    keys = _line_keys(doc)
    # Only the lines with a key can repeat or be repeated: their indices, and their keys.
    keyed = list(compress(range(len(keys)), keys))
    compared = list(compress(keys, keys))
    if len(set(compared)) == len(compared):
        return  # no key twice: no line repeats another (most texts)
    # A line repeats an earlier one when its key's first line is not itself; a repeat of
    # the line before is one of these too. Found in C (a text has hundreds of lines, and a
    # few repeats at most), and only those lines are looked at one by one.
    # Each keyed line's first line of its key: one pass of ``setdefault``.
    first: dict[str, int] = {}
    firsts = map(first.setdefault, compared, range(len(compared)))
    later = map(operator.ne, firsts, range(len(compared)))
    words = _word_counts(doc)
    for index in compress(range(len(compared)), later):
        key = compared[index]
        adjacent = key == compared[index - 1]  # index > 0: the first keyed line is a first
        count = words(key)
        if count >= _MIN_REPEATED_WORDS and (adjacent or count >= _MIN_DISTANT_WORDS):
            where = "the line before" if adjacent else "an earlier line"
            line = lines[keyed[index]]
            previous_end = lines[keyed[index - 1]].end
            yield Hit(
                f'Line repeats {where}: "{excerpt(key, 80)}"',
                Span(line.start, line.end),
                Fix.replace(
                    previous_end, line.end, "", Applicability.UNSAFE, "Remove the repeated line"
                ),
            )


def _count_words(key: str) -> int:
    """The words of a key, counted up to the most a threshold asks for: words are counted
    only in a line that repeats one, and a repeated paragraph holds far more."""
    return sum(1 for _ in islice(WORD.finditer(key), _MIN_DISTANT_WORDS))


def _word_counts(doc: Document) -> Callable[[str], int]:
    """:func:`_count_words`, kept by key in a fix run: a line repeated in the text stays
    repeated pass after pass (its fix is unsafe), and its words were counted on the first."""
    memo: dict[str, int] | None = doc.run_memo(_WORDS)
    if memo is None:
        return _count_words

    def count(key: str) -> int:
        found = memo.get(key)
        if found is None:
            found = memo[key] = _count_words(key)
        return found

    return count


_KEYS: Final = "repair.rules.structure.repeated.keys"
_WORDS: Final = "repair.rules.structure.repeated.words"


def _line_keys(doc: Document) -> list[str]:
    """The key of each line (:func:`line_key`).

    Kept by the line's text in a fix run (:meth:`Document.run_memo`: a key is a pure
    function of the line), where a later pass computes only the lines it has not seen.
    """
    lines: Sequence[str] = text_lines(doc)
    memo: dict[str, str] | None = doc.run_memo(_KEYS)
    if memo is None:
        return keys_of(doc.text, lines)
    if not memo:  # the run's first check
        keys = keys_of(doc.text, lines)
        memo.update(zip(lines, keys, strict=True))
        return keys
    # Each line looked up once (a key is never None), the lines a pass changed picked out
    # only when there are any.
    kept = list(map(memo.get, lines))
    if None not in kept:
        return kept  # type: ignore[return-value]
    missing = list(compress(range(len(lines)), map(operator.is_, kept, repeat(None))))
    new = list(set(map(lines.__getitem__, missing)))
    # The lines a pass changed, joined: the text ``keys_of`` looks at for white space.
    found = keys_of("\n".join(new), new)
    memo.update(zip(new, found, strict=True))
    for index in missing:
        kept[index] = memo[lines[index]]
    return kept  # type: ignore[return-value]


_OTHER_SPACES: Final = (
    "\t\x0b\x0c\r\x1c\x1d\x1e\x1f\x85\xa0\u1680\u2000\u2001\u2002\u2003\u2004\u2005"
    "\u2006\u2007\u2008\u2009\u200a\u2028\u2029\u202f\u205f\u3000"
)
"""Every character ``str.isspace`` (and so ``str.split``) takes for white space but the
space and the line feed (tests/rules/test_line_scans.py holds it to them)."""
_LEADING_STRIP: Final = "#>*_ "
_TRAILING_STRIP: Final = "*_ "


def keys_of(text: str, lines: Sequence[str]) -> list[str]:
    """``[line_key(line) for line in lines]``, for lines of ``text``.

    In a text whose only white space is the space (and line feeds), a key is the line with
    its edges stripped, its double spaces collapsed: C's ``str.lstrip`` and ``str.rstrip``
    over every line, after a scan of the text for other white space and double spaces
    (one ``in`` each), instead of a test of every character of every line
    (``str.isprintable``).
    """
    if any(map(text.__contains__, _OTHER_SPACES)):
        return list(map(line_key, lines))
    cores = map(str.rstrip, map(str.lstrip, lines, repeat(_LEADING_STRIP)), repeat(_TRAILING_STRIP))
    if "  " not in text:
        return list(cores)
    return [" ".join(core.split()) if "  " in core else core for core in cores]


def line_key(line: str) -> str:
    """What a line is compared by: :func:`_normalized`, computed faster on lines with no
    marks or white space at their edges; empty for a line with nothing else.

    >>> line_key("## **Pivotal  NATO Visit** _"), line_key("Visit"), line_key(" * ")
    ('Pivotal NATO Visit', 'Visit', '')
    """
    if not line:
        return ""
    first, last = line[0], line[-1]
    if first in _LEADING_MARKUP or last in _TRAILING_MARKUP or first.isspace() or last.isspace():
        return _normalized(line)
    if line.isprintable() and "  " not in line:
        return line  # what _normalized gives a line with no marks or spaces at its edges
    return " ".join(line.split())
