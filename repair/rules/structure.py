"""STR: damaged text structure. Paragraphs broken mid-sentence, hard-wrapped lines in a text
whose paragraphs are lines, repeated lines, and a text that stops mid-word or mid-sentence.

Headlines, labels and datelines have no end mark: a line that is short or mostly capitalized
(:func:`repair.rules.words.looks_like_title`) is never taken for a broken sentence.
"""

from __future__ import annotations

import itertools
import re
from collections.abc import Iterator
from typing import Final

from repair import data
from repair.document import Document
from repair.findings import Applicability, Edit, Finding, Fix, Severity, Span
from repair.rules.base import CheckContext, FixAvailability, Rule
from repair.rules.words import cut_word_at_end, looks_like_title

_SENTENCE_END: Final = frozenset(".!?\u2026:;\"'\u201d\u2019)]*_>|")
_BLANK_GAP: Final = re.compile(r"\s*")
_LOWERCASE_START: Final = re.compile(r"[a-z]+\b(?![-'\u2019.@/]?\w)")
_WORD: Final = re.compile(r"[A-Za-z][\w'\u2019-]*")


def _open_words() -> frozenset[str]:
    return data.word_set("structure-open-words")


def _ends_open(text: str) -> bool:
    """True when text ends with no end mark, closing quote or bracket.

    >>> _ends_open("aid to Ukraine,"), _ends_open("the end."), _ends_open("he said.\\u201d")
    (True, False, False)
    """
    stripped = text.rstrip()
    return bool(stripped) and stripped[-1] not in _SENTENCE_END


def _excerpt(text: str, width: int = 40) -> str:
    """The end of a line, for messages.

    >>> _excerpt("a" * 50, 10)
    '...aaaaaaaaaa'
    """
    text = text.strip()
    return text if len(text) <= width else "..." + text[-width:]


# STR001 ------------------------------------------------------------------------------------


def paragraph_broken_mid_sentence(doc: Document, ctx: CheckContext) -> Iterator[Finding]:
    """Paragraph break in the middle of a sentence.

    What it catches:
        A paragraph that ends with a comma, or with a word and no end mark, followed (after
        blank lines only) by a paragraph that starts with a lowercase word: a scraper or
        converter broke one paragraph in two. Titles, labels and Markdown headings, list
        items and quotes are never taken for the first half. Lines of a hard-wrapped
        paragraph are STR002's.
    Why:
        Readers, sentence splitters and aligners see two fragments instead of one sentence.
    Bad:
        Trump has stoked unease among allies with his criticism of U.S. aid to Ukraine,

        his repeated claims to Greenland and his soft rhetoric toward Russia.
    Good:
        Trump has stoked unease among allies with his criticism of U.S. aid to Ukraine.

        His repeated claims to Greenland have raised eyebrows.
    Fix safety:
        Safe when the first paragraph ends with a comma and a blank line separates them: a
        comma cannot end a paragraph nor a lowercase word start one, and joining adds or
        removes no word. Unsafe when the first ends with a word (a heading may have lost
        its markup, or the second paragraph its capital) and when only a line break
        separates them (one sentence per line may be deliberate, as in aligned segments).
    """
    paragraphs = doc.paragraphs
    text = doc.text
    # Only a paragraph that starts with a lowercase letter can be a second half: look for
    # those first, and for the runs of wrapped lines only once one is found.
    wrapped: set[int] | None = None
    joiner = "\n" if not doc.is_markdown and doc.is_hard_wrapped else " "
    for first, second in itertools.pairwise(paragraphs):
        if not "a" <= text[second.start : second.start + 1] <= "z":
            continue
        if wrapped is None:
            wrapped = {line for run in hard_wrapped_runs(doc) for line in range(run[0], run[1] - 1)}
        if doc.line_index(first.end) in wrapped:
            continue
        finding = _broken_pair(doc, first, second, joiner)
        if finding is not None:
            yield finding


def _broken_pair(doc: Document, first: Span, second: Span, joiner: str) -> Finding | None:
    text = doc.text
    head = text[first.start : first.end]
    gap = text[first.end : second.start]
    if not _BLANK_GAP.fullmatch(gap) or "\n" not in gap or not _ends_open(head):
        return None
    start_word = _LOWERCASE_START.match(text, second.start, second.end)
    if start_word is None or head.lstrip().startswith(("#", ">", "-", "*", "+", "|")):
        return None
    last_line = text[max(text.rfind("\n", first.start, first.end) + 1, first.start) : first.end]
    if looks_like_title(last_line):
        return None
    comma = head.rstrip().endswith(",")
    if not comma and not head.rstrip()[-1].isalpha():
        return None
    # Without a blank line between them, the lines may be aligned segments (one per line).
    certain = comma and gap.count("\n") >= 2
    applicability = Applicability.SAFE if certain else Applicability.UNSAFE
    return Finding(
        "STR001",
        f'Paragraph broken mid-sentence: "{_excerpt(head, 30)}" / "{start_word[0]}..."',
        Span(first.end - 1, second.start + len(start_word[0])),
        Severity.WARNING,
        Fix((Edit(first.end, second.start, joiner),), applicability, "Join the two paragraphs"),
    )


# STR002 ------------------------------------------------------------------------------------

_MIN_WRAP: Final = 30
_MAX_WRAP: Final = 100
_MIN_RUN: Final = 3
_MAX_WIDTH_SPREAD: Final = 25


def _is_wrapped_line(text: str) -> bool:
    return _MIN_WRAP <= len(text) <= _MAX_WRAP and _ends_open(text)


def hard_wrapped_runs(doc: Document) -> list[tuple[int, int]]:
    """Line ranges ``[first, end)`` of paragraphs hard-wrapped in a text of one-line paragraphs.

    A run is three lines or more, all but the last of similar width (30 to 100 characters)
    with no end mark, at least one followed by a line that starts in lowercase. Computed
    once per document and shared by STR001 and STR002; do not change the list.
    """
    return doc.shared("repair.rules.structure.hard_wrapped_runs", _hard_wrapped_runs)


def _hard_wrapped_runs(doc: Document) -> list[tuple[int, int]]:
    if doc.is_markdown or doc.is_hard_wrapped:
        return []
    lines = doc.text.split("\n")  # the text of each line, as doc.lines cuts them
    runs: list[tuple[int, int]] = []
    index = 0
    last = len(lines) - 1
    while index < len(lines):
        end = index
        # (The length test first: most lines are too long or too short to be wrapped.)
        while (
            end < last
            and _MIN_WRAP <= len(lines[end]) <= _MAX_WRAP
            and _is_wrapped_line(lines[end])
            and lines[end + 1].strip()
        ):
            end += 1
        if end - index + 1 >= _MIN_RUN and _is_real_run(lines, index, end):
            runs.append((index, end + 1))
            index = end + 1
        else:
            index = max(end, index + 1)
    return runs


def _is_real_run(lines: list[str], first: int, last: int) -> bool:
    """Lines first..last (the last one ends the paragraph) look like one wrapped paragraph."""
    if last - first + 1 < _MIN_RUN:
        return False
    widths = [len(lines[i]) for i in range(first, last)]
    if max(widths) - min(widths) > _MAX_WIDTH_SPREAD:
        return False
    if any(looks_like_title(lines[i]) for i in range(first, last)):
        return False
    return any(_LOWERCASE_START.match(lines[i].lstrip()) for i in range(first + 1, last + 1))


def hard_wrapped_lines(doc: Document, ctx: CheckContext) -> Iterator[Finding]:
    """Paragraph hard-wrapped into short lines in a text whose paragraphs are lines.

    What it catches:
        In a plain text stored one paragraph per line, three or more lines of similar
        width (30 to 100 characters) that end with no end mark and continue on the next
        line, at least one next line starting in lowercase: a paragraph pasted from an
        e-mail or a PDF with its line breaks.
    Why:
        Tools that take a line for a paragraph (aligners, MT, sentence splitters) cut the
        sentences at each break.
    Bad:
        NATO faces a pivotal week.

        The first major test will come on Thursday.

        NATO officials insist that any resolution must not come at the
        cost of the sovereignty of Ukraine, and that the alliance will
        stay united whatever the outcome of the talks.
    Good:
        NATO faces a pivotal week.

        The first major test will come on Thursday.

        NATO officials insist that any resolution must not come at the cost of Ukraine.
    Fix safety:
        Unsafe: joining the lines with spaces is right for one wrapped paragraph, but the
        run may hold several paragraphs, and a hyphen at a line end may be a hyphenation.
    """
    for first, end in hard_wrapped_runs(doc):
        start = doc.lines[first].start
        stop = doc.lines[end - 1].end
        edits = []
        for index in range(first, end - 1):
            line = doc.lines[index]
            joiner = "" if doc.text[line.end - 1] == "-" else " "
            edits.append(Edit(line.end, line.end + 1, joiner))
        yield Finding(
            "STR002",
            f"{end - first} hard-wrapped lines in a text of one-line paragraphs",
            Span(start, stop),
            Severity.WARNING,
            Fix.of(edits, Applicability.UNSAFE, "Join the lines"),
        )


# STR003 ------------------------------------------------------------------------------------

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


def repeated_line(doc: Document, ctx: CheckContext) -> Iterator[Finding]:
    """Line printed twice (a headline or paragraph repeated by a scraper or an editor).

    What it catches:
        A line of three words or more identical, up to white space and Markdown heading or
        emphasis marks, to the previous non-blank line; or a line of ten words or more
        identical to any earlier line.
    Why:
        Scrapers repeat headlines (the page title and the article title), and copy-paste
        doubles paragraphs; the repeat inflates the text and misleads aligners.
    Bad:
        US Defense Secretary's Pivotal NATO Visit

        US Defense Secretary's Pivotal NATO Visit
    Good:
        US Defense Secretary's Pivotal NATO Visit

        The upcoming visit of the Secretary marks a significant event.
    Fix safety:
        Unsafe: removing the repeat deletes text, and a repeat can be deliberate.
    """
    seen: set[str] = set()
    previous = ""
    previous_end = 0
    for line, line_text in zip(doc.lines, doc.text.split("\n"), strict=True):
        if not line_text:
            continue
        first, last = line_text[0], line_text[-1]
        if (
            first in _LEADING_MARKUP
            or last in _TRAILING_MARKUP
            or first.isspace()
            or last.isspace()
        ):
            key = _normalized(line_text)
            if not key:
                continue
        elif line_text.isprintable() and "  " not in line_text:
            key = line_text  # what _normalized gives a line with no marks or spaces at its edges
        else:
            key = " ".join(line_text.split())
        adjacent = key == previous
        # Words are counted only in a line that repeats one.
        count = len(_WORD.findall(key)) if adjacent or key in seen else 0
        if count >= _MIN_REPEATED_WORDS and (adjacent or count >= _MIN_DISTANT_WORDS):
            where = "the line before" if adjacent else "an earlier line"
            yield Finding(
                "STR003",
                f'Line repeats {where}: "{_excerpt(key, 80)}"',
                Span(line.start, line.end),
                Severity.WARNING,
                Fix.replace(
                    previous_end, line.end, "", Applicability.UNSAFE, "Remove the repeated line"
                ),
            )
        seen.add(key)
        previous, previous_end = key, line.end


# STR004 ------------------------------------------------------------------------------------

_LAST_WORD: Final = re.compile(r"([A-Za-z]+)[ \t]*$")


def text_cut_off(doc: Document, ctx: CheckContext) -> Iterator[Finding]:
    """Text that stops mid-word or mid-sentence.

    What it catches:
        A last paragraph that reads as a sentence (not a title or label), has no end mark,
        and ends either in a word cut short (see WRD006) or in a word after which no
        sentence ends (an article, preposition or conjunction from
        data/structure-open-words.txt): a scraper cut the text, or a teaser, at a length.
    Why:
        The end of the text is lost, and readers and metrics get a broken sentence.
    Bad:
        President Donald Trump creates a task force to prepare for the 2026 W
    Good:
        President Donald Trump creates a task force to prepare for the 2026 World Cup.
    Fix safety:
        No fix: the lost text cannot be known.
    """
    if not doc.paragraphs:
        return
    last = doc.paragraphs[-1]
    cut = cut_word_at_end(doc, last)
    if cut is not None:
        word = doc.text[cut.start : cut.end]
        message = f'Text ends mid-word: "{_excerpt(doc.text[last.start : cut.end])}" ("{word}")'
        yield Finding("STR004", message, cut, Severity.WARNING)
        return
    text = doc.text[last.start : last.end]
    match = _LAST_WORD.search(text)
    if match is None or not _ends_open(text) or looks_like_title(text):
        return
    if match[1].lower() not in _open_words():
        return
    span = Span(last.start + match.start(1), last.start + match.end(1))
    yield Finding(
        "STR004",
        f'Text ends mid-sentence: "{_excerpt(text)}"',
        span,
        Severity.WARNING,
    )


RULES: Final[tuple[Rule, ...]] = (
    Rule(
        "STR001",
        "paragraph-broken-mid-sentence",
        paragraph_broken_mid_sentence,
        FixAvailability.ALWAYS,
    ),
    Rule("STR002", "hard-wrapped-lines", hard_wrapped_lines, FixAvailability.ALWAYS),
    Rule("STR003", "repeated-line", repeated_line, FixAvailability.ALWAYS),
    Rule("STR004", "text-cut-off", text_cut_off),
)
