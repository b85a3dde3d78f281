"""Shared by the SCR rules: the data tables turned into patterns, and helpers for lines."""

from __future__ import annotations

import functools
import re
from collections.abc import Iterable, Iterator
from dataclasses import dataclass
from typing import Final

from repair import data
from repair.document import Document
from repair.findings import Applicability, Edit, Fix, Span

_EMPHASIS: Final = re.compile(r"^(\*\*|__|\*|_)(?P<inner>\S(?:.*\S)?)\1$")
_PARENTHESES: Final = re.compile(r"^\((?P<inner>[^()]+)\)$")
_WRAP_OPENINGS: Final = ("*", "_", "(")
"""The first characters :data:`_EMPHASIS` and :data:`_PARENTHESES` can match."""
_TERMINAL: Final = re.compile(r"""[.!?\u2026:;][\s"'\u201d\u2019)\]*_]*$""")


# Data tables, turned into patterns once per process ------------------------------------


def _alternation(entries: Iterable[str]) -> str:
    """A regex alternation of ``entries``, longest first; short all-caps names keep their case.

    >>> _alternation(["AP", "Getty Images"])
    '(?i:Getty\\\\s+Images)|AP'
    """
    parts = []
    for entry in sorted(set(entries), key=lambda e: (-len(e), e)):
        body = r"\s+".join(re.escape(word) for word in entry.split())
        parts.append(body if len(entry) < 5 and entry.isupper() else f"(?i:{body})")
    return "|".join(parts)


def _trie(words: Iterable[str], space: str | None = None) -> str:
    """A regex alternation of ``words`` factored on their common prefixes; with ``space``,
    each " " of a word is written as that pattern (``r"\\s+"``: words of a phrase).

    ``re`` tries the branches of an alternation one by one, but skips at once a branch whose
    first character is a literal that does not match: a trie is tried in a few steps.

    >>> _trie(["ap", "afp", "epa", "epa-efe"])
    '(?:a(?:fp|p)|epa(?:\\\\-efe)?)'
    >>> _trie(["a view", "a view of"], r"\\s+")
    'a\\\\s+view(?:\\\\s+of)?'
    """
    unique = set(words)
    if unique == {""}:
        return ""
    groups: dict[str, set[str]] = {}
    for word in unique - {""}:
        groups.setdefault(word[0], set()).add(word[1:])
    branches = [
        (space if first == " " and space is not None else re.escape(first)) + _trie(rest, space)
        for first, rest in sorted(groups.items())
    ]
    if "" in unique:
        return f"(?:{'|'.join(branches)})?"
    return branches[0] if len(branches) == 1 else f"(?:{'|'.join(branches)})"


@dataclass(frozen=True, slots=True)
class _CreditPatterns:
    agency: re.Pattern[str]
    """Any agency or photo service, as a word."""
    agency_filter: re.Pattern[str] | None
    """The first words of all agencies, in lower case: see :func:`_agency_matches`."""
    credit: re.Pattern[str]
    """A whole credit: optional prefix, optional name, an agency, more agencies or words."""
    photo_service: re.Pattern[str]
    particles: frozenset[str]
    not_names: frozenset[str]
    last_words: tuple[str, ...]
    """The last word of every agency, photo service and credit word, in lower case: a
    credit ends with one of them (see :func:`_credit_line_candidates`)."""


@functools.cache
def _credit_patterns() -> _CreditPatterns:
    table = data.table("scraping-credits")
    names = [*table["agencies"]["names"], *table["photo-services"]["names"]]
    agencies = _alternation(names)
    first_words = _trie(name.split()[0].lower() for name in names)
    agency_filter = rf"(?<![\w.-]){first_words}(?![\w-])"
    agency = rf"(?<![\w.-])(?:{agencies})(?![\w-])"
    words = _alternation(table["credit-words"]["words"])
    item = rf"(?:{agency}|(?<![\w-])(?:{words})(?![\w-]))"
    separator = r"(?:[ \t]*[/|][ \t]*|[ \t]+[-\u2013\u2014][ \t]+|[ \t]*,[ \t]*|[ \t]+)"
    prefix = _alternation(table["prefixes"]["labels"])
    token = rf"(?!{agency})[^\W\d_][\w'\u2019.-]*"
    credit = rf"""
        (?:(?P<prefix>{prefix})[ \t]*:?[ \t]*)?   # "Photo:", "Photograph by"
        (?:(?P<name>{token}(?:[ \t]+{token}){{0,4}}){separator})?  # the photographer
        (?:(?<![\w-])(?:{words})[ \t]*[/|][ \t]*)*   # "Pool/", "Handout /" before the agency
        (?P<agency>{agency})                     # the agency that credits the picture
        (?P<more>(?:{separator}{item})*)         # "via Getty Images", "/ File Photo"
    """
    return _CreditPatterns(
        agency=re.compile(agency),
        agency_filter=re.compile(agency_filter) if all(n.isascii() for n in names) else None,
        credit=re.compile(credit, re.VERBOSE),
        photo_service=re.compile(
            rf"^(?:{_alternation(table['photo-services']['names'])})$", re.IGNORECASE
        ),
        particles=frozenset(table["names"]["particles"]),
        not_names=frozenset(table["names"]["not-names"]),
        last_words=tuple(
            sorted(
                {entry.split()[-1].lower() for entry in [*names, *table["credit-words"]["words"]]}
            )
        ),
    )


_CASE_FIX_LOOKALIKES: Final = ("\u0131", "\u017f")
"""Dotless i and long s: ``re`` matches them to "i" and "s" when ignoring case."""


def _agency_matches(text: str) -> Iterator[re.Match[str]]:
    """The matches of the agency pattern in ``text``, as its ``finditer`` gives them.

    One search of the text in lower case for the agencies' first words finds the few places
    where an agency can start; the agency pattern, whose branches ignore case one by one, is
    tried there only. ``str.lower`` maps every character that ``re`` takes for an ASCII
    letter when ignoring case to that letter, keeps lengths and keeps word characters word
    characters, except for dotted capital I (which changes the length), dotless i and long
    s: texts with those are searched with the agency pattern alone.

    >>> [m.group() for m in _agency_matches("Jane Doyle/REUTERS, via AFP. Reutersx")]
    ['REUTERS', 'AFP']
    """
    patterns = _credit_patterns()
    lowered = text.lower()
    if (
        patterns.agency_filter is None
        or len(lowered) != len(text)
        or any(char in text for char in _CASE_FIX_LOOKALIKES)
    ):
        yield from patterns.agency.finditer(text)
        return
    match_at = patterns.agency.match
    resume = 0
    for candidate in patterns.agency_filter.finditer(lowered):
        start = candidate.start()
        if start < resume:
            continue
        match = match_at(text, start)
        if match is not None:
            resume = match.end()
            yield match


@functools.cache
def _labels() -> dict[str, frozenset[str]]:
    table = data.table("scraping-labels")
    return {
        "need-url": frozenset(label.casefold() for label in table["footer"]["need-url"]),
        "top": frozenset(label.casefold() for label in table["sections"]["top"]),
        "anywhere": frozenset(label.casefold() for label in table["sections"]["anywhere"]),
    }


@functools.cache
def _caption_cues() -> re.Pattern[str]:
    """A caption cue (data/scraping-labels.toml ``[captions] cues``) as words, in any case:
    callers ask only whether a line holds one.

    The cues' trie (:func:`_trie`, ``\\s+`` between words), not :func:`_alternation` of
    them: the two match the same strings, and ``re`` tries some fifty branches at each word
    boundary of the alternation, a few of the trie (a quarter of the time per line).
    """
    cues = data.table("scraping-labels")["captions"]["cues"]
    return re.compile(rf"\b{_cue_trie(cues)}\b", re.IGNORECASE)


def _cue_trie(cues: Iterable[str]) -> str:
    """:func:`_trie` of ``cues``, the words of each one space apart, written ``\\s+``
    (as :func:`_alternation` joins them)."""
    return _trie((" ".join(cue.split()) for cue in cues), r"\s+")


@functools.cache
def _label_line(kind: str, marks: str = ":") -> re.Pattern[str]:
    """A line that opens with a label of ``kind`` and one of ``marks`` (a colon; promos
    also take a bar: "ALSO READ | ..."): groups ``label``, ``rest``."""
    labels = data.table("scraping-labels")[kind]["labels"]
    return re.compile(
        rf"""^[ \t]*(?:[#>][ \t#>]*)?(?:\*\*|__|\*|_)?      # heading, quote or emphasis
            (?P<label>{_alternation(labels)})[ \t]*[{re.escape(marks)}]  # "Related article:"
            (?:\*\*|__|\*|_)?[ \t]*(?P<rest>.*?)[ \t]*$""",
        re.VERBOSE,
    )


# Lines ---------------------------------------------------------------------------------


def _lines_holding(doc: Document, char: str) -> tuple[int, ...]:
    """Indexes of the lines that hold ``char``, each once, in order (found with ``str.find``);
    found once per document and shared: SCR003, SCR004 and SCR011 all look for colons.

    >>> _lines_holding(Document.from_text("a: b: c\\nd\\ne:"), ":")
    (0, 2)
    """
    return doc.shared(f"repair.rules.scraping.holding.{char}", lambda doc: _find_lines(doc, char))


def _find_lines(doc: Document, char: str) -> tuple[int, ...]:
    text = doc.text
    find = text.find
    found = []
    offset = find(char)
    while offset != -1:
        index = doc.line_index(offset)
        found.append(index)
        offset = find(char, doc.lines[index].end)
    return tuple(found)


def _is_blank(doc: Document, index: int) -> bool:
    return not doc.line_text(index).strip()


def _is_own_paragraph(doc: Document, index: int) -> bool:
    """True when line ``index`` stands between sentences, not inside a wrapped sentence.

    A line is inside one when the line before it goes on without an end mark and the line
    after it goes on in lower case ("taken by / Jane Doyle Reuters / photographer.").
    """
    before = doc.line_text(index - 1).strip() if index > 0 else ""
    after = doc.line_text(index + 1).strip() if index + 1 < len(doc.lines) else ""
    continued = bool(before) and not _TERMINAL.search(before)
    continues = after[:1].islower()
    return not (continued and continues)


def _previous_content_line(doc: Document, index: int) -> int | None:
    """The nearest line before ``index`` that is not blank, if any."""
    previous = index - 1
    while previous >= 0 and _is_blank(doc, previous):
        previous -= 1
    return previous if previous >= 0 else None


def _next_content_line(doc: Document, index: int) -> int | None:
    """The nearest line after ``index`` that is not blank, if any."""
    following = index + 1
    while following < len(doc.lines) and _is_blank(doc, following):
        following += 1
    return following if following < len(doc.lines) else None


_PROSE_MIN_WORDS: Final = 8
_PROSE_END: Final = re.compile(r"""[.!?]["'\u201d\u2019)\]]*$""")
_PROSE_START: Final = re.compile(r"""^["'\u201c\u2018(]?[A-Z0-9]""")


def _lines_around(doc: Document, index: int) -> tuple[str, str] | None:
    """The nearest lines with text before and after line ``index``, stripped; ``None`` at
    either end of the text."""
    before = _previous_content_line(doc, index)
    after = _next_content_line(doc, index)
    if before is None or after is None:
        return None
    return doc.line_text(before).strip(), doc.line_text(after).strip()


def _between_prose_paragraphs(doc: Document, index: int) -> bool:
    """True when line ``index`` stands alone between two paragraphs of plain prose: the one
    before ends as a sentence, the one after starts as one, both of eight words or more and
    with no Markdown block mark (a list, a heading, a quote).

    >>> doc = Document.from_text("The talks ended late on Monday in Brussels, he said.\\n"
    ...     "Read more: Talks end\\nThey will meet again next week in Brussels, he added.\\n")
    >>> _between_prose_paragraphs(doc, 1), _between_prose_paragraphs(doc, 0)
    (True, False)
    """
    around = _lines_around(doc, index)
    if around is None:
        return False
    first, second = around
    for text in (first, second):
        if len(text.split()) < _PROSE_MIN_WORDS or text[0] in "#>*-+|":
            return False
    return bool(_PROSE_END.search(first) and _PROSE_START.match(second))


def _content_span(doc: Document, index: int) -> Span:
    """Line ``index`` without its leading and trailing white space."""
    line = doc.lines[index]
    text = doc.text[line.start : line.end]
    lead = len(text) - len(text.lstrip())
    return Span(line.start + lead, line.start + len(text.rstrip()))


def _line_removal(doc: Document, first: int, last: int) -> Edit:
    """Delete lines ``first``..``last`` with their line breaks, leaving no blank-line debris.

    >>> doc = Document.from_text("a\\n\\nCREDIT\\n\\nb\\n")
    >>> _line_removal(doc, 2, 2)
    Edit(start=3, end=11, replacement='')
    """
    lines = doc.lines
    following = last + 1
    while following < len(lines) and _is_blank(doc, following):
        following += 1
    if following < len(lines):
        separated = first == 0 or _is_blank(doc, first - 1)
        end = lines[following].start if separated else lines[last + 1].start
        return Edit.delete(lines[first].start, end)
    previous = first - 1
    while previous >= 0 and _is_blank(doc, previous):
        previous -= 1
    start = lines[previous].end if previous >= 0 else lines[first].start
    return Edit.delete(start, lines[last].end)


def _removal(doc: Document, first: int, last: int, title: str) -> Fix:
    return Fix((_line_removal(doc, first, last),), Applicability.UNSAFE, title)


def _unwrap(text: str) -> tuple[str, bool]:
    """``text`` without emphasis or parentheses around it, and whether there were any.

    >>> _unwrap("**NATO / flickr**"), _unwrap("Reuters")
    (('NATO / flickr', True), ('Reuters', False))
    """
    if text[:1] not in _WRAP_OPENINGS:
        return text, False  # both patterns open with one of these: most lines have none
    for pattern in (_EMPHASIS, _PARENTHESES):
        match = pattern.match(text)
        if match:
            return match["inner"].strip(), True
    return text, False


@functools.cache
def _related() -> tuple[frozenset[str], tuple[str, ...]]:
    table = data.table("scraping-chrome")["related"]
    return (
        frozenset(heading.casefold() for heading in table["headings"]),
        tuple(f"{prefix.casefold()} " for prefix in table["prefixes"]),
    )


_HEADING_EDGES: Final = " \t:|\u00b7\u2022\u203a\u00bb\u2192\u2026*_#-\u2013\u2014.\u201c\u201d\"'"
_MAX_HEADING_WORDS: Final = 6


def is_related_heading(text: str) -> bool:
    """True when the visible text of a line is a heading of a list of other pages.

    >>> is_related_heading("Most Read Business Stories"), is_related_heading("More:")
    (True, True)
    >>> is_related_heading("More than 40 people died"), is_related_heading("Related work")
    (False, False)
    """
    key = " ".join(text.strip(_HEADING_EDGES).casefold().replace("\u2019", "'").split())
    headings, prefixes = _related()
    if key in headings:
        return True
    return len(key.split()) <= _MAX_HEADING_WORDS and key.startswith(prefixes)
