"""The spans of a text no rule may touch: URLs, e-mail addresses, HTML, entities, and in
Markdown code, inline HTML and link targets.

:class:`repair.document.Document` finds them once per document (``Document.protected``);
this module holds the patterns and the search, apart from the document model.
"""

from __future__ import annotations

import enum
import re
from collections.abc import Callable, Iterator
from dataclasses import dataclass
from typing import TYPE_CHECKING, Final

from repair.findings import Span

if TYPE_CHECKING:
    from markdown_it.token import Token


class Protected(enum.Enum):
    """Kinds of text that rules leave alone, unless a rule is about that very kind."""

    URL = "url"
    EMAIL = "email"
    LINK_TARGET = "link-target"
    CODE = "code"
    HTML = "html"
    ENTITY = "entity"


@dataclass(frozen=True, slots=True)
class ProtectedSpan:
    span: Span
    kind: Protected


_URL: Final = re.compile(
    r"""(?:\b(?:https?|ftp)://|\bwww\.)   # scheme or bare www.
        [^\s<>"\u201c\u201d\u2018\u2019]+  # anything up to white space or a quote
        (?<![.,;:!?)\]'])                  # a sentence's punctuation is not part of it
    """,
    re.VERBOSE | re.IGNORECASE,
)
_EMAIL: Final = re.compile(r"\b[\w.+-]+@[\w-]+(?:\.[\w-]+)*\.[A-Za-z]{2,}\b")
_HTML_TAG: Final = re.compile(r"<!--.*?-->|</?[A-Za-z][A-Za-z0-9-]*(?:\s[^<>]*)?/?>", re.DOTALL)
_HTML_ENTITY: Final = re.compile(
    r"&(?:#[0-9]{1,7}|#[xX][0-9A-Fa-f]{1,6}|[A-Za-z][A-Za-z0-9]{1,31});"
)
_MARKDOWN_REFERENCE_DEFINITION: Final = re.compile(r"^ {0,3}\[[^\]\n]+\]:[ \t]*\S.*$", re.MULTILINE)


def find_protected(text: str) -> list[ProtectedSpan]:
    """The protected spans of ``text`` that its characters alone reveal (URLs, e-mail
    addresses, HTML tags and entities), unsorted; Markdown adds :func:`markdown_protected`.

    >>> [(p.kind.value, p.span.start) for p in find_protected("See www.example.org &amp; <b>")]
    [('url', 4), ('html', 26), ('entity', 20)]
    """
    # Each pattern runs only on a text holding its one necessary character or literal:
    # a pattern that may start at any letter costs far more than a search for a literal.
    found: list[ProtectedSpan] = []
    # URLs and e-mail addresses hold no white space: only the lines that hold their
    # literal part are searched ("www." in any case: W is turned to w, which keeps offsets).
    url_lines = _lines_holding(text, "://") | _lines_holding(text.replace("W", "w"), "www.")
    found += _regex_spans_in(text, _URL, Protected.URL, url_lines)
    found += _regex_spans_in(text, _EMAIL, Protected.EMAIL, _lines_holding(text, "@"))
    if "<" in text:
        found += _regex_spans(text, _HTML_TAG, Protected.HTML)
    if "&" in text:
        found += _regex_spans(text, _HTML_ENTITY, Protected.ENTITY)
    return found


def markdown_protected(
    text: str, tokens: list[Token], line_range_span: Callable[[int, int], Span]
) -> list[ProtectedSpan]:
    """Code blocks, HTML blocks, inline code, inline HTML, autolinks and link targets of a
    Markdown text, from markdown-it's ``tokens`` (``line_range_span`` turns a token's line
    range into a span of ``text``)."""
    found: list[ProtectedSpan] = []
    for token in tokens:
        if not token.map:
            continue
        if token.type in ("fence", "code_block"):
            found.append(ProtectedSpan(line_range_span(*token.map), Protected.CODE))
        elif token.type == "html_block":
            found.append(ProtectedSpan(line_range_span(*token.map), Protected.HTML))
        elif token.type == "inline" and token.children:
            region = line_range_span(*token.map)
            found += _inline_protected(text, region, token.children)
    for match in _MARKDOWN_REFERENCE_DEFINITION.finditer(text):
        found.append(ProtectedSpan(Span(match.start(), match.end()), Protected.LINK_TARGET))
    return found


def _lines_holding(text: str, needle: str) -> set[tuple[int, int]]:
    """(start, end) of each line of ``text`` that holds ``needle``; ``text`` has "\\n" endings.

    >>> sorted(_lines_holding("a://b\\nno\\nc:// d://\\n", "://"))
    [(0, 5), (9, 18)]
    """
    lines = set()
    at = text.find(needle)
    while at != -1:
        start = text.rfind("\n", 0, at) + 1
        end = text.find("\n", at)
        end = len(text) if end == -1 else end
        lines.add((start, end))
        at = text.find(needle, end)
    return lines


def _regex_spans_in(
    text: str, pattern: re.Pattern[str], kind: Protected, lines: set[tuple[int, int]]
) -> Iterator[ProtectedSpan]:
    """The matches of ``pattern`` inside the given lines (a pattern that spans no line)."""
    for start, end in sorted(lines):
        for match in pattern.finditer(text, start, end):
            yield ProtectedSpan(Span(match.start(), match.end()), kind)


def _regex_spans(text: str, pattern: re.Pattern[str], kind: Protected) -> Iterator[ProtectedSpan]:
    for match in pattern.finditer(text):
        yield ProtectedSpan(Span(match.start(), match.end()), kind)


def _inline_protected(text: str, region: Span, children: list[Token]) -> list[ProtectedSpan]:
    """Locate code spans, link targets and inline HTML of one inline token in the source.

    markdown-it gives block tokens line numbers but inline tokens none, so each special
    child is found by searching forward from the previous one, in document order.
    """
    found: list[ProtectedSpan] = []
    cursor = region.start
    end = region.end
    for child in children:
        located: tuple[int, int, Protected] | None = None
        if child.type == "code_inline":
            located = _find_code_span(text, cursor, end, child.markup)
        elif child.type == "html_inline":
            start = text.find(child.content, cursor, end)
            if start != -1:
                located = (start, start + len(child.content), Protected.HTML)
        elif child.type == "link_open" and child.markup == "autolink":
            start = text.find("<", cursor, end)
            close = text.find(">", start, end)
            if start != -1 and close != -1:
                located = (start, close + 1, Protected.URL)
        elif child.type == "link_close" and child.markup != "autolink":
            located = _find_link_destination(text, cursor, end)
        elif child.type == "image":
            bang = text.find("![", cursor, end)
            if bang != -1:
                located = _find_link_destination(text, bang + 2, end)
        if located is not None:
            start, stop, kind = located
            found.append(ProtectedSpan(Span(start, stop), kind))
            cursor = stop
    return found


def _find_code_span(
    text: str, cursor: int, end: int, fence: str
) -> tuple[int, int, Protected] | None:
    start = text.find(fence, cursor, end)
    if start == -1:
        return None
    close = text.find(fence, start + len(fence), end)
    if close == -1:
        return None
    return start, close + len(fence), Protected.CODE


def _find_link_destination(text: str, cursor: int, end: int) -> tuple[int, int, Protected] | None:
    """The ``(target)`` or ``[label]`` after the ``]`` that closes a link's text."""
    bracket = text.find("]", cursor, end)
    if bracket == -1 or bracket + 1 >= end:
        return None
    opener = text[bracket + 1]
    if opener == "[":
        close = text.find("]", bracket + 2, end)
        return None if close == -1 else (bracket + 1, close + 1, Protected.LINK_TARGET)
    if opener != "(":
        return None
    depth = 0
    position = bracket + 1
    while position < end:
        char = text[position]
        if char == "\\":
            position += 2
            continue
        if char == "(":
            depth += 1
        elif char == ")":
            depth -= 1
            if depth == 0:
                return bracket + 1, position + 1, Protected.LINK_TARGET
        position += 1
    return None


__all__ = ["Protected", "ProtectedSpan", "find_protected", "markdown_protected"]
