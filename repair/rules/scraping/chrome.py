"""SCR008: the page around the article (menus, toolbars, footers, comment widgets).

A scraped page holds its article as a run of prose blocks; menus, share bars, link lists
and footers are runs of short lines, links and interface words. The article's span is the
run of blocks whose score is highest (Kadane's maximum subarray): a prose block adds its
words, every other line takes some away, the more so when it is a link or holds an
interface word. What lies before and after that span is reported as one block each.
"""

from __future__ import annotations

import functools
import re
from collections.abc import Iterator, Sequence
from typing import Final

from repair import data
from repair.document import Document
from repair.findings import Applicability, Edit, Fix, Hit, Span
from repair.rules.base import CheckContext
from repair.rules.scraping import block_memo
from repair.rules.scraping._common import (
    is_related_heading,
)
from repair.rules.scraping._lines import (
    Visible,
    stripped_lines,
    visible_lines,
)
from repair.rules.scraping._words import WORD_CLASSES, WORD_INNER, ascii_stand_ins, count_words
from repair.text import LETTER_START_WORD

_WORD: Final = LETTER_START_WORD

_PROSE_MIN_WORDS: Final = 8
"""A block of fewer words is no paragraph of an article."""
_PROSE_MAX_CAPITALS: Final = 0.65
"""A block whose words are more capitalized than this is a list of headlines or names;
news prose full of names stays under it."""
_PROSE_MAX_WORDS_COUNTED: Final = 40
"""One long block counts no more than this: a long comment or legal notice does not pull
the article's span across the menus between."""
_CHROME_LINE_COST: Final = 3.0
"""What a link line or a line with an interface word costs the span."""
_LIST_LINE_COST: Final = 0.75 * _CHROME_LINE_COST
"""What a line costs in a block of three short lines or more (a menu without links)."""
_SHORT_LINE_COST: Final = 1.0
"""What any other short line costs (a subheading, a dateline, a fragment)."""
_HEADER_LINES: Final = 4
"""Plain short lines right before the span (headline, dek, byline) kept with the article."""
_SIGN_OFF_LINES: Final = 2
"""Plain short lines right after the span (sign-off, author line) kept with the article."""
_PLAIN_MAX_WORDS: Final = 20
_MIN_CHROME_LINES: Final = 3
"""A block outside the article is reported from this many lines with words."""


@functools.cache
def _chrome_words() -> re.Pattern[str]:
    words = data.table("scraping-chrome")["chrome"]["words"]
    alternation = "|".join(
        r"\s+".join(re.escape(part) for part in word.split())
        for word in sorted(words, key=lambda w: (-len(w), w))
    )
    return re.compile(rf"(?<!\w)(?:{alternation})(?!\w)", re.IGNORECASE)


def is_chrome_line(seen: Visible) -> bool:
    """True when a line is a link or holds an interface word of data/scraping-chrome.toml.

    >>> from repair.rules.scraping._lines import visible
    >>> is_chrome_line(visible("Share on Facebook", False))
    True
    >>> is_chrome_line(visible("The ministers met in Brussels.", False))
    False
    """
    return seen.is_link or bool(_chrome_words().search(seen.text))


def _blocks(stripped: Sequence[str]) -> Iterator[tuple[int, int]]:
    """Runs ``[first, end)`` of non-blank lines, given the lines stripped.

    >>> list(_blocks(["a", "b", "", "", "c"]))
    [(0, 2), (4, 5)]
    """
    first = -1
    for index, text in enumerate(stripped):
        if not text:
            if first >= 0:
                yield first, index
                first = -1
        elif first < 0:
            first = index
    if first >= 0:
        yield first, len(stripped)


def _is_prose(seen: Sequence[Visible]) -> bool:
    """True when a block reads as a paragraph: words, a clause mark, few capitals, few links.

    >>> from repair.rules.scraping._lines import visible
    >>> _is_prose([visible("The ministers met in Brussels on Thursday, officials said.", False)])
    True
    >>> _is_prose([visible("Politics World Business Tech Science Health Sports", False)])
    False
    """
    return _prose_words(seen) is not None


def _prose_words(seen: Sequence[Visible]) -> int | None:
    """How many words a block has when it reads as a paragraph (see :func:`_is_prose`)."""
    if len(seen) == 1:  # most blocks are one line: one paragraph of text
        text, links = seen[0].text, seen[0].link_chars
    else:
        text = " ".join(item.text for item in seen)
        links = sum(item.link_chars for item in seen)
    if not _has_clause_mark(text):
        return None
    words, capitals = count_words(text)
    if words < _PROSE_MIN_WORDS:
        return None
    if capitals <= _PROSE_MAX_CAPITALS * words and links < 0.5 * max(1, len(text)):
        return words
    return None


def _has_clause_mark(text: str) -> bool:
    """True when ``text`` holds one of ``.!?:;,`` (``in`` is faster than a class search)."""
    return "," in text or "." in text or ":" in text or ";" in text or "!" in text or "?" in text


def _block_score(seen: Sequence[Visible]) -> float:
    words = _prose_words(seen)
    if words is not None:
        return float(min(words, _PROSE_MAX_WORDS_COUNTED))
    worded = [item for item in seen if _WORD.search(item.text)]
    symbolic = sum(1 for item in seen if item.text and not _WORD.search(item.text))
    if symbolic >= max(1.0, 0.25 * len(seen)):  # code cut into tokens, a table of numbers
        return 0.0
    listing = len(worded) >= 3
    cost = 0.0
    for item in worded:
        if is_chrome_line(item):
            cost += _CHROME_LINE_COST
        else:
            cost += _LIST_LINE_COST if listing else _SHORT_LINE_COST
    return -cost


def _block_scores(seen: tuple[Visible, ...], blocks: list[tuple[int, int]]) -> list[float]:
    """:func:`_block_score` of each block ``[first, end)`` of ``seen``.

    Most blocks are one line of prose with no link, in ASCII once its few non-ASCII
    characters are made ASCII (:func:`ascii_stand_ins`): one that reads as prose is scored
    here, :func:`_prose_words` and the ASCII path of :func:`count_words` inlined; any other
    block by :func:`_block_score`."""
    scores: list[float] = []
    append = scores.append
    for first, end in blocks:
        if end - first == 1:
            text, links = seen[first]
            if not links and ("," in text or "." in text or _has_clause_mark(text)):
                plain = text if text.isascii() else ascii_stand_ins(text)
            else:
                plain = None
            if plain is not None:
                classes = b" " + plain.encode("ascii").translate(WORD_CLASSES, WORD_INNER)
                capitals = classes.count(b" A")
                words = capitals + classes.count(b" a")
                # A block without links has fewer link characters than half its length.
                if words >= _PROSE_MIN_WORDS and capitals <= _PROSE_MAX_CAPITALS * words:
                    append(float(min(words, _PROSE_MAX_WORDS_COUNTED)))
                    continue
        append(_block_score(seen[first:end]))
    return scores


def _prose_score(sums: block_memo.Sums, lines: int) -> float | None:
    """:func:`_block_score` of a block of ``lines`` lines that reads as prose, from the sums
    over its lines (as :func:`_prose_words` reads the lines joined by spaces), else None."""
    if not sums.clauses or sums.words < _PROSE_MIN_WORDS:
        return None
    length = sums.chars + lines - 1
    if sums.capitals <= _PROSE_MAX_CAPITALS * sums.words and sums.links < 0.5 * max(1, length):
        return float(min(sums.words, _PROSE_MAX_WORDS_COUNTED))
    return None


def _sure_prose_score(
    sums: block_memo.Sums, lines: int, more_capitals: int, fewer_words: int, fewer_clauses: int
) -> float | None:
    """The score :func:`_prose_score` gives every block of ``lines`` lines with the sums
    ``sums`` but for up to ``more_capitals`` capitalised words more (any other words and
    clause lines more) and up to ``fewer_words`` words and ``fewer_clauses`` clause lines
    fewer, when it gives them all the same: the cap; else None
    (:data:`block_memo.SureScore`)."""
    words = sums.words - fewer_words
    if sums.clauses <= fewer_clauses or words < _PROSE_MAX_WORDS_COUNTED:
        return None  # some such block has no clause mark, or scores its words below the cap
    # The most capitals for the fewest words (capitals - 0.65 words at its highest): all the
    # capitalised words more and no other, all the words fewer in lower case. One capital
    # more than that, so that the comparison in floats holds of every such block (its error
    # is far below one).
    capitals = sums.capitals + more_capitals + 1
    if capitals > _PROSE_MAX_CAPITALS * (words + more_capitals):
        return None
    if sums.links >= 0.5 * max(1, sums.chars + lines - 1):
        return None
    return float(_PROSE_MAX_WORDS_COUNTED)


def _article_blocks(scores: list[float]) -> tuple[int, int] | None:
    """Indexes of the first and last block of the best-scoring run (Kadane)."""
    best: tuple[float, int, int] | None = None
    total = 0.0
    start = 0
    for index, score in enumerate(scores):
        if total <= 0 and score > 0:
            total, start = 0.0, index
        total += score
        if total > 0 and (best is None or total > best[0]):
            best = (total, start, index)
        total = max(total, 0.0)
    return None if best is None else (best[1], best[2])


def _is_plain(seen: Visible, line: str) -> bool:
    """A short line that is neither link nor interface (a headline, a dateline, a byline),
    or a Markdown heading (a headline, even when it links to the article itself).
    ``line`` is the line stripped."""
    if line.startswith("#") and seen.text:
        return not _chrome_words().search(seen.text) and not is_related_heading(seen.text)
    return (
        bool(seen.text)
        and not is_chrome_line(seen)
        and len(_WORD.findall(seen.text)) <= _PLAIN_MAX_WORDS
    )


def article_lines(doc: Document) -> tuple[int, int] | None:
    """The first and last line index of the article in a scraped page, or None.

    Shared by the SCR rules through :meth:`Document.shared`.
    """
    return doc.shared("repair.rules.scraping.chrome.article_lines", _find_article_lines)


def _find_article_lines(doc: Document) -> tuple[int, int] | None:
    lines = stripped_lines(doc)
    seen = visible_lines(doc)
    blocks = list(_blocks(lines))
    scores = block_memo.kept_scores(
        doc, seen, blocks, _block_scores, _prose_score, _block_score, _sure_prose_score
    )
    if scores is None:  # no fix run
        scores = _block_scores(seen, blocks)
    found = _article_blocks(scores)
    if found is None:
        return None
    first, last = blocks[found[0]][0], blocks[found[1]][1] - 1
    first = _extend(lines, seen, first, -1, _HEADER_LINES)
    last = _extend(lines, seen, last, 1, _SIGN_OFF_LINES)
    return first, last


def _extend(
    lines: Sequence[str], seen: tuple[Visible, ...], edge: int, step: int, most: int
) -> int:
    """``edge`` moved by ``step`` over up to ``most`` plain lines (blank lines skipped);
    ``lines`` are stripped."""
    taken = 0
    index = edge + step
    while 0 <= index < len(lines) and taken < most:
        if lines[index]:
            if not _is_plain(seen[index], lines[index]):
                break
            edge = index
            taken += 1
        index += step
    return edge


def _chrome_evidence(doc: Document, first: int, end: int) -> tuple[int, int, int] | None:
    """First and last non-blank line of lines ``[first, end)`` and their count, when the
    lines are chrome: enough lines with words, one of them a link or an interface word."""
    worded = []
    chrome = False
    every = visible_lines(doc)
    for index in range(first, end):
        seen = every[index]
        if _WORD.search(seen.text):
            worded.append(index)
            chrome = chrome or is_chrome_line(seen)
    if len(worded) < _MIN_CHROME_LINES or not chrome:
        return None
    lines = stripped_lines(doc)
    non_blank = [i for i in range(first, end) if lines[i]]
    return non_blank[0], non_blank[-1], len(non_blank)


def _shown(doc: Document, index: int) -> str:
    text = visible_lines(doc)[index].text or doc.line_text(index).strip()
    return text if len(text) <= 40 else text[:40] + "\u2026"


def page_chrome(doc: Document, ctx: CheckContext) -> Iterator[Hit]:
    """Page chrome before or after the article: menus, share bars, link lists, footers.

    What it catches:
        In a scraped page, the lines before the article's first paragraph and after its
        last: navigation menus, sign-in and share bars, related-article lists, newsletter
        forms, comment widgets, legal footers. The article is the run of prose paragraphs
        that outweighs the short lines, links and interface words (data/scraping-chrome.toml)
        around it; up to four plain lines before it (headline, dek, byline) and two after
        it stay with it. Each side is one finding, when it has three lines or more and one
        of them is a link or an interface word.
    Why:
        A page dump is mostly furniture: every metric, aligner and reader downstream sees
        menus and footers as text of the article.
    Bad:
        Home
        World
        Politics
        Sign in

        The ministers met in Brussels on Thursday to talk about the war, officials said.

        They agreed to meet again next month, and to keep the talks private until then.
    Good:
        The ministers met in Brussels on Thursday to talk about the war, officials said.

        They agreed to meet again next month, and to keep the talks private until then.
    Fix safety:
        Unsafe: the fix deletes the whole block up to the article's first line (or from
        its last line to the end of the text). On the 100 labelled pages of
        ../shared/eval/scraped (benchmarks/scraping.py) it removes 70% of the lines outside
        the article and 0.2% of the article's lines (headlines and bylines behind a share
        bar, author boxes); an article whose first paragraphs sit below a gallery or a
        table may lose them.
    """
    span = article_lines(doc)
    if span is None:
        return
    first, last = span
    lines = doc.lines
    before = _chrome_evidence(doc, 0, first)
    if before is not None:
        top, bottom, count = before
        yield Hit(
            f'Page chrome before the article: {count} lines ("{_shown(doc, top)}")',
            Span(lines[top].start, lines[bottom].end),
            fix=Fix(
                (Edit.delete(lines[top].start, lines[first].start),),
                Applicability.UNSAFE,
                "Remove the page chrome before the article",
            ),
        )
    after = _chrome_evidence(doc, last + 1, len(lines))
    if after is not None:
        top, bottom, count = after
        yield Hit(
            f'Page chrome after the article: {count} lines ("{_shown(doc, top)}")',
            Span(lines[top].start, lines[bottom].end),
            fix=Fix(
                (Edit.delete(lines[last].end, lines[bottom].end),),
                Applicability.UNSAFE,
                "Remove the page chrome after the article",
            ),
        )
