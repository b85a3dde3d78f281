"""STR: damaged text structure. Paragraphs broken mid-sentence, hard-wrapped lines in a text
whose paragraphs are lines, repeated lines, and a text that stops mid-word or mid-sentence.

Headlines, labels and datelines have no end mark: a line that is short or mostly capitalized
(:func:`repair.rules.words.looks_like_title`) is never taken for a broken sentence.
"""

from __future__ import annotations

import enum
import functools
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
_LAST_WORD: Final = re.compile(r"([A-Za-z]+)[ \t]*$")


def _open_words() -> frozenset[str]:
    return data.word_set("structure-open-words")


@functools.cache
def _reporting_verbs() -> frozenset[str]:
    """The reporting verbs of attributions ("said", "added"), shared with the quote rules."""
    return frozenset(data.table("quotes-attribution")["verbs"])


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

# A list item, heading, quote or table row: never the first half of a sentence.
_BLOCK_MARKUP: Final = re.compile(r"\s*(?:[#>*+|\u2022\u2013\u2014-]|\d{1,3}[.)]\s|[a-z][.)]\s)")
_MAX_SHORT_TITLE_WORDS: Final = 12
_MAX_LABEL_WORDS: Final = 4  # as words.looks_like_title counts a label
_CAPITAL_START: Final = re.compile(r"[A-Z][a-z]*\b")
# "van Gogh", "de Gaulle", "al Assad": a name that may open a paragraph in lower case.
_NAME_PARTICLE_START: Final = re.compile(
    r"(?:van|von|de|der|den|du|da|di|del|della|dos|le|la|al|el|bin|ibn|ter) [A-Z]"
)
# The paragraph after the break, from its lowercase word to its last character.
_PARAGRAPH_END: Final = re.compile(r".*[.!?\u2026][\"'\u201d\u2019)\]]*\s*\Z", re.DOTALL)


def paragraph_broken_mid_sentence(doc: Document, ctx: CheckContext) -> Iterator[Finding]:
    """Paragraph break in the middle of a sentence.

    What it catches:
        A paragraph that ends with a comma, or with a word and no end mark, followed (after
        blank lines only) by a paragraph that starts with a lowercase word, or with any
        word after "the", "of" or "with": a scraper or converter broke one paragraph in two.
        Titles, labels and Markdown headings, list items, datelines, quotes and lines
        ending in a colon are never taken for the first half. Lines of a hard-wrapped
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
        The fix joins the two with a space (a line break in a hard-wrapped text): no word
        is added or removed. Safe when the break is certainly inside a sentence: the first
        half ends with a word after which no sentence ends (data/structure-open-words.txt:
        "the", "of", "with"), whatever the case of the next word; with a comma; or with
        another word when the second half reads as the rest of a sentence (it ends with an
        end mark). Measured with benchmarks/damage.py (glued and split kinds, seeds 1-8,
        624 documents, half of them one paragraph a line): 398 default joins, all right, 0
        outside an artefact, 0 on controls; 78% of the splits restored. On the 50
        labelled pages of ../shared/eval/scraped, 219 default joins: 217 between two lines
        of the same label, 2 next to a line left unlabelled, none joining article text to
        page furniture. Unsafe where a text keeps one paragraph a line and the line ends
        with a comma: a translation kept one segment a line may cut a sentence at a comma.
        Never applied (display only) before an attribution (", / said Liu Lijuan"): a
        human reference of ../shared/eval cuts its sentence there, in 1 of 970 line breaks.
    """
    paragraphs = doc.paragraphs
    text = doc.text
    # Only a paragraph that starts with a lowercase letter can be a second half: look for
    # those first, and for the runs of wrapped lines only once one is found.
    wrapped: set[int] | None = None
    joiner = "\n" if not doc.is_markdown and doc.is_hard_wrapped else " "
    for first, second in itertools.pairwise(paragraphs):
        if not "a" <= text[second.start : second.start + 1] <= "z" and not _ends_in_open_word(
            text[first.start : first.end]
        ):
            continue
        if wrapped is None:
            wrapped = {line for run in hard_wrapped_runs(doc) for line in range(run[0], run[1] - 1)}
        if doc.line_index(first.end) in wrapped:
            continue
        finding = _broken_pair(doc, first, second, joiner)
        if finding is not None:
            yield finding


class _Break(enum.Enum):
    """How the first half of a broken sentence ends."""

    COMMA = "comma"
    OPEN_WORD = "open word"  # "the", "of", "with": no sentence ends there
    WORD = "word"


def _break_kind(head: str) -> _Break | None:
    """How ``head`` (a paragraph, its trailing space stripped) can end mid-sentence.

    >>> _break_kind("aid to Ukraine,"), _break_kind("the leaders of the"), _break_kind("said:")
    (<_Break.COMMA: 'comma'>, <_Break.OPEN_WORD: 'open word'>, None)
    """
    if not _ends_open(head):
        return None
    if head.endswith(","):
        return _Break.COMMA
    if _LAST_WORD.search(head) is None:
        return None
    return _Break.OPEN_WORD if _ends_in_open_word(head) else _Break.WORD


def _ends_in_open_word(paragraph: str) -> bool:
    """True when the paragraph ends with a word after which no sentence ends ("the").

    >>> _ends_in_open_word("the leaders of the"), _ends_in_open_word("the leaders met")
    (True, False)
    """
    last = _LAST_WORD.search(paragraph)
    return last is not None and last[1].lower() in _open_words()


def _is_sentence_line(line: str, kind: _Break) -> bool:
    """True when a line can hold the start of a sentence: not a title, label or dateline,
    not a list item, heading, quote or table row.

    No headline ends with a comma or with "the": after those, only a label of four words or
    fewer ("WASHINGTON,") is taken for a title.
    """
    if _BLOCK_MARKUP.match(line):
        return False
    words = len(line.split())
    if kind is not _Break.WORD:
        return words > _MAX_LABEL_WORDS
    return not _is_headline(line, words)


def _is_headline(line: str, words: int) -> bool:
    """A title, label or dateline (:func:`repair.rules.words.looks_like_title`); past a
    dozen words, only one in title case: a sentence that opens with a name and a title
    ("Rao Quan, Deputy Director of the Central Military-Civilian Integration Office, said
    that the event was held") is mostly capitalized too, but not its long words.

    >>> _is_headline("Trump Says U.S. Will Not Send Troops to Ukraine as Part of Any Deal", 15)
    True
    """
    if not looks_like_title(line):
        return False
    if words <= _MAX_SHORT_TITLE_WORDS:
        return True
    long_words = [word for word in _WORD.findall(line) if len(word) >= 4]
    lower = sum(1 for word in long_words if word[0].islower())
    return lower * 10 <= len(long_words)


def _broken_pair(doc: Document, first: Span, second: Span, joiner: str) -> Finding | None:
    text = doc.text
    head = text[first.start : first.end].rstrip()
    gap = text[first.end : second.start]
    if not _BLANK_GAP.fullmatch(gap) or "\n" not in gap:
        return None
    kind = _break_kind(head)
    if kind is None:
        return None
    start_word = _LOWERCASE_START.match(text, second.start, second.end)
    tail = text[second.start : second.end]
    ends_sentence = bool(_PARAGRAPH_END.match(tail))
    if start_word is None:
        # No sentence ends in "the" or "of": what follows continues it, capital or not.
        start_word = _CAPITAL_START.match(text, second.start, second.end)
        if kind is not _Break.OPEN_WORD or start_word is None or not ends_sentence:
            return None
    elif _NAME_PARTICLE_START.match(tail) and kind is _Break.WORD:
        return None  # "van Gogh's paintings sold" may open a paragraph
    last_line = text[max(text.rfind("\n", first.start, first.end) + 1, first.start) : first.end]
    if not _is_sentence_line(last_line, kind):
        return None
    if kind is _Break.COMMA and start_word[0] in _reporting_verbs():
        # ", / said Liu Lijuan": translators cut a sentence before its attribution into
        # segments of their own, which a reference may keep as lines or paragraphs.
        applicability = Applicability.DISPLAY_ONLY
    elif _is_certain(doc, kind, gap, ends_sentence):
        applicability = Applicability.SAFE
    else:
        applicability = Applicability.UNSAFE
    return Finding(
        "STR001",
        f'Paragraph broken mid-sentence: "{_excerpt(head, 30)}" / "{start_word[0]}..."',
        Span(first.start + len(head) - 1, second.start + len(start_word[0])),
        Severity.WARNING,
        Fix((Edit(first.end, second.start, joiner),), applicability, "Join the two paragraphs"),
    )


def _is_certain(doc: Document, kind: _Break, gap: str, ends_sentence: bool) -> bool:
    """Whether the break is certainly inside a sentence.

    After a plain word the first half may be a headline in sentence case: the second must
    then read as the rest of a sentence ("… called the meeting / in Brussels on Monday."),
    not as a label ("report this ad"). A translation kept one segment a line may cut a
    sentence after a comma (a Chinese source segment ends at a comma), never after a word.
    """
    if kind is _Break.WORD:
        return ends_sentence
    if kind is _Break.COMMA and gap.count("\n") < 2:
        return not _has_one_line_paragraphs(doc)
    return True


def _has_one_line_paragraphs(doc: Document) -> bool:
    """True when the text keeps its paragraphs one a line with no blank line between, as
    aligned segments are: there a line break can end a segment in mid-sentence."""
    return doc.shared("repair.rules.structure.one_line_paragraphs", _count_line_paragraphs)


def _count_line_paragraphs(doc: Document) -> bool:
    if doc.is_markdown or doc.is_hard_wrapped:
        return False
    lines = doc.text.rstrip().split("\n")
    to_a_line = to_a_blank = 0
    for line, following in itertools.pairwise(lines):
        if line.strip():
            if following.strip():
                to_a_line += 1
            else:
                to_a_blank += 1
    return to_a_line > to_a_blank


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
        The fix joins the lines with spaces. Safe when every break is certainly inside a
        sentence, as STR001 judges one: the line ends with a comma or a word after which
        no sentence ends ("and", "the"), or with another word and the next line starts in
        lowercase. Measured: 2 of 2 default fixes right with benchmarks/damage.py (seeds
        1-8: it seldom makes such runs) and none on the clean references; on the 50
        labelled pages of ../shared/eval/scraped, 283 line breaks joined by default, each
        between two lines of the same label (article text or page furniture), none joining
        article text to furniture. Unsafe otherwise: before a capital the run may hold
        several paragraphs, and a hyphen at a line end may be a hyphenation or a hyphen.
    """
    text = doc.text
    for first, end in hard_wrapped_runs(doc):
        start = doc.lines[first].start
        stop = doc.lines[end - 1].end
        edits = []
        certain = True
        for index in range(first, end - 1):
            line = doc.lines[index]
            hyphen = text[line.end - 1] == "-"
            edits.append(Edit(line.end, line.end + 1, "" if hyphen else " "))
            following = doc.lines[index + 1]
            certain = certain and _is_wrap_inside_sentence(
                text[line.start : line.end], text[following.start : following.end]
            )
        yield Finding(
            "STR002",
            f"{end - first} hard-wrapped lines in a text of one-line paragraphs",
            Span(start, stop),
            Severity.WARNING,
            Fix.of(
                edits, Applicability.SAFE if certain else Applicability.UNSAFE, "Join the lines"
            ),
        )


def _is_wrap_inside_sentence(line: str, following: str) -> bool:
    """True when a line break of a wrapped paragraph certainly falls inside a sentence.

    >>> _is_wrap_inside_sentence("internal discussions and", "The new U.S. stance")
    True
    >>> _is_wrap_inside_sentence("the talks ended", "The new U.S. stance")
    False
    """
    kind = _break_kind(line.rstrip())
    if kind is None:
        return False  # a hyphen, a digit or a mark at the end
    if kind is _Break.WORD:
        return _LOWERCASE_START.match(following.lstrip()) is not None
    return True


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


def text_cut_off(doc: Document, ctx: CheckContext) -> Iterator[Finding]:
    """Text that stops mid-word or mid-sentence.

    What it catches:
        A last paragraph that reads as a sentence (not a title or label), has no end mark,
        and ends either in a word cut short (see WRD006) or in a word after which no
        sentence ends (an article, preposition or conjunction from
        data/structure-open-words.txt): a scraper cut the text, or a teaser, at a length.
        Letters spaced out ("C O N C L U S Ã O") or set between drawing characters are
        not prose.
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
    if not _reads_as_prose(doc.text[last.start : last.end]):
        return
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


_LETTER_RUN: Final = re.compile(r"[^\W\d_]+")


def _reads_as_prose(paragraph: str) -> bool:
    """True when most runs of letters of a paragraph are words of two letters or more: not
    letters spaced out ("C O N C L U S Ã O") nor set between drawing characters
    ("├┤a┼┐a┼┐a"), whose last letter is no word cut short.

    >>> _reads_as_prose("prepare for the 2026 W"), _reads_as_prose("C O N C L U S Ã O")
    (True, False)
    >>> _reads_as_prose("\u251c\u2524a\u253c\u2510a\u253c\u2510a")
    False
    """
    words = _LETTER_RUN.findall(paragraph)
    return len(words) >= 2 and 2 * sum(1 for word in words if len(word) >= 2) >= len(words)


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
