"""The document model: decoded text plus what rules need to know about it.

A :class:`Document` holds text with line endings normalised to ``"\\n"`` (the original
ending is kept in :attr:`Document.newline` and restored on write), its original encoding and
BOM, its format, and, computed once and shared by every rule, its line index, paragraphs and
the spans no rule may touch (URLs, e-mail addresses, Markdown link targets and code, HTML).
"""

from __future__ import annotations

import bisect
import enum
import functools
import re
from collections.abc import Callable, Iterable, Iterator
from dataclasses import dataclass
from functools import cached_property
from pathlib import PurePath
from typing import TYPE_CHECKING, Any, Final, TypeVar

from repair.findings import Span

if TYPE_CHECKING:
    from markdown_it import MarkdownIt
    from markdown_it.token import Token

T = TypeVar("T")


class TextFormat(enum.Enum):
    PLAIN = "plain"
    MARKDOWN = "markdown"


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


MARKDOWN_SUFFIXES: Final = frozenset({".md", ".markdown", ".mdown", ".mkd"})

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
_BLANK_LINE: Final = re.compile(r"\n[ \t]*\n")
_MIN_WRAPPED_LINES: Final = 4


@functools.cache
def _markdown_parser() -> MarkdownIt:
    """The CommonMark parser, made (and markdown-it imported) on the first Markdown text."""
    from markdown_it import MarkdownIt

    return MarkdownIt("commonmark")


def format_for_path(path: str | PurePath | None) -> TextFormat:
    """Markdown for ``.md``/``.markdown`` files, plain text for everything else.

    >>> format_for_path("notes/a.md"), format_for_path("a.txt"), format_for_path(None)
    (<TextFormat.MARKDOWN: 'markdown'>, <TextFormat.PLAIN: 'plain'>, <TextFormat.PLAIN: 'plain'>)
    """
    if path is None:
        return TextFormat.PLAIN
    suffix = PurePath(path).suffix.lower()
    return TextFormat.MARKDOWN if suffix in MARKDOWN_SUFFIXES else TextFormat.PLAIN


def detect_newline(text: str) -> str:
    """The line ending a text uses: ``"\\n"``, ``"\\r\\n"``, ``"\\r"``, or ``"mixed"``.

    A text without line breaks counts as ``"\\n"``.

    >>> detect_newline("a\\r\\nb\\r\\n"), detect_newline("a\\nb"), detect_newline("a\\r\\nb\\n")
    ('\\r\\n', '\\n', 'mixed')
    """
    crlf = text.count("\r\n")
    lone_cr = text.count("\r") - crlf
    lone_lf = text.count("\n") - crlf
    kinds = [name for name, count in (("\r\n", crlf), ("\r", lone_cr), ("\n", lone_lf)) if count]
    if not kinds:
        return "\n"
    return kinds[0] if len(kinds) == 1 else "mixed"


def normalize_newlines(text: str, newline: str) -> str:
    """Turn a text's line endings into ``"\\n"``; mixed endings are left as they are."""
    if newline in ("\n", "mixed"):
        return text
    return text.replace(newline, "\n")


def restore_newlines(text: str, newline: str) -> str:
    """Undo :func:`normalize_newlines`."""
    if newline in ("\n", "mixed"):
        return text
    return text.replace("\n", newline)


class Document:
    """A text to check, with what is known of the file it came from.

    ``text`` has ``"\\n"`` line endings (unless the file mixed several kinds, in which case
    it is kept as it was); every offset a rule reports is an index into it.
    """

    def __init__(
        self,
        text: str,
        *,
        path: str | None = None,
        encoding: str = "utf-8",
        bom: bool = False,
        newline: str = "\n",
        text_format: TextFormat | None = None,
        detected_encoding: bool = False,
    ) -> None:
        self.text = text
        self.path = path
        self.encoding = encoding
        self.bom = bom
        self.newline = newline
        self.format = text_format or format_for_path(path)
        self.detected_encoding = detected_encoding
        """True when the encoding was guessed by charset detection, not known from UTF-8/BOM."""

    def shared(self, key: str, compute: Callable[[Document], T]) -> T:
        """The value ``compute(self)``, computed once per document and shared by every rule.

        For analyses several rules of a family need (quote pairing, token lists...): the
        first rule to ask computes it, the others reuse it. ``key`` names the analysis;
        use the module's name to keep keys apart.
        """
        memo: dict[str, Any] = self.__dict__.setdefault("_shared", {})
        if key not in memo:
            memo[key] = compute(self)
        return memo[key]  # type: ignore[no-any-return]

    _STATE: Final = ("text", "path", "encoding", "bom", "newline", "format", "detected_encoding")

    def __getstate__(self) -> dict[str, object]:
        """Only the document's own fields: what is derived is recomputed where needed.

        Results travel from worker processes to the parent; the parse tree need not.
        """
        return {name: self.__dict__[name] for name in self._STATE}

    def __setstate__(self, state: dict[str, object]) -> None:
        self.__dict__.update(state)

    @classmethod
    def from_text(
        cls, text: str, *, path: str | None = None, text_format: TextFormat | None = None
    ) -> Document:
        """A document for a string, its line endings normalised and remembered."""
        newline = detect_newline(text)
        return cls(
            normalize_newlines(text, newline), path=path, newline=newline, text_format=text_format
        )

    def with_text(self, text: str) -> Document:
        """The same file's document with other text (after fixes were applied)."""
        return Document(
            text,
            path=self.path,
            encoding=self.encoding,
            bom=self.bom,
            newline=self.newline,
            text_format=self.format,
            detected_encoding=self.detected_encoding,
        )

    @property
    def is_markdown(self) -> bool:
        return self.format is TextFormat.MARKDOWN

    @property
    def display_path(self) -> str:
        return self.path if self.path is not None else "-"

    # Lines -----------------------------------------------------------------------------

    @cached_property
    def line_starts(self) -> tuple[int, ...]:
        """Offset of the first character of each line."""
        starts = [0]
        find = self.text.find
        position = find("\n")
        while position != -1:
            starts.append(position + 1)
            position = find("\n", position + 1)
        return tuple(starts)

    @cached_property
    def lines(self) -> tuple[Span, ...]:
        """The span of each line, without its line ending."""
        ends = [start - 1 for start in self.line_starts[1:]] + [len(self.text)]
        return tuple(Span(s, e) for s, e in zip(self.line_starts, ends, strict=True))

    def line_index(self, offset: int) -> int:
        """0-based index of the line holding ``offset``."""
        return bisect.bisect_right(self.line_starts, offset) - 1

    def position(self, offset: int) -> tuple[int, int]:
        """1-based (line, column) of an offset, column counted in code points."""
        index = self.line_index(offset)
        return index + 1, offset - self.line_starts[index] + 1

    def line_text(self, index: int) -> str:
        span = self.lines[index]
        return self.text[span.start : span.end]

    # Paragraphs ------------------------------------------------------------------------

    @cached_property
    def paragraphs(self) -> tuple[Span, ...]:
        """Spans of the text's paragraphs, headings included, code and HTML excluded.

        Markdown paragraphs come from the parser. In plain text a paragraph is a block
        between blank lines when the text is hard-wrapped, and a line otherwise (news text
        is most often stored one paragraph per line, sometimes with blank lines between).
        """
        if self.is_markdown:
            return self._markdown_paragraphs()
        if self.is_hard_wrapped:
            return tuple(_blocks(self.text))
        return tuple(span for span in self.lines if self.text[span.start : span.end].strip())

    @cached_property
    def is_hard_wrapped(self) -> bool:
        """True when blocks of several short lines make up the paragraphs of a plain text."""
        blocks = list(_blocks(self.text))
        multi_line = [b for b in blocks if "\n" in self.text[b.start : b.end]]
        if not multi_line or len(multi_line) * 2 < len(blocks):
            return False
        lengths = sorted(len(span) for span in self.lines if len(span))
        # Two or three lines say nothing about how a text is laid out.
        return len(lengths) >= _MIN_WRAPPED_LINES and lengths[len(lengths) // 2] <= 100

    @cached_property
    def _paragraph_starts(self) -> tuple[int, ...]:
        return tuple(span.start for span in self.paragraphs)

    def paragraph_of(self, offset: int) -> Span | None:
        """The paragraph holding ``offset``, if any."""
        index = bisect.bisect_right(self._paragraph_starts, offset) - 1
        if index >= 0 and offset <= self.paragraphs[index].end:
            return self.paragraphs[index]
        return None

    # Protected spans -------------------------------------------------------------------

    @cached_property
    def protected(self) -> tuple[ProtectedSpan, ...]:
        """Spans that rules must not touch, sorted by start."""
        text = self.text
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
        if self.is_markdown:
            found += self._markdown_protected()
        return tuple(sorted(found, key=lambda p: (p.span.start, p.span.end)))

    @cached_property
    def _protected_starts(self) -> tuple[int, ...]:
        return tuple(p.span.start for p in self.protected)

    @cached_property
    def _protected_max_length(self) -> int:
        return max((len(p.span) for p in self.protected), default=0)

    def protected_overlapping(self, span: Span) -> Iterator[ProtectedSpan]:
        """The protected spans that overlap ``span``."""
        if not self.protected:
            return
        # Only spans that start at most the longest protected length before ``span`` can reach it.
        protected = self.protected
        first = bisect.bisect_left(self._protected_starts, span.start - self._protected_max_length)
        for index in range(first, len(protected)):  # not protected[first:]: no copy per call
            candidate = protected[index]
            if candidate.span.start > span.end:
                break
            if candidate.span.overlaps(span) or (
                len(span) == 0 and candidate.span.start < span.start < candidate.span.end
            ):
                yield candidate

    def is_protected(self, span: Span, allowed: Iterable[Protected] = ()) -> bool:
        """True when ``span`` touches protected text of a kind not in ``allowed``."""
        if not self.protected:
            return False
        allowed_kinds = frozenset(allowed)
        return any(p.kind not in allowed_kinds for p in self.protected_overlapping(span))

    # Markdown --------------------------------------------------------------------------

    @cached_property
    def _markdown_tokens(self) -> list[Token]:
        # markdown-it also breaks lines at a lone "\r", which this model keeps inside a line
        # (a file of mixed line endings): a space of the same length keeps the line numbers.
        return _markdown_parser().parse(self.text.replace("\r", " "))

    def _line_range_span(self, first_line: int, end_line: int) -> Span:
        first = min(first_line, len(self.lines) - 1)
        last = min(end_line, len(self.lines)) - 1
        return Span(self.lines[first].start, self.lines[max(first, last)].end)

    def _markdown_paragraphs(self) -> tuple[Span, ...]:
        spans = []
        for token in self._markdown_tokens:
            if token.type in ("paragraph_open", "heading_open") and token.map:
                spans.append(self._line_range_span(*token.map))
        return tuple(spans)

    def _markdown_protected(self) -> list[ProtectedSpan]:
        found: list[ProtectedSpan] = []
        for token in self._markdown_tokens:
            if not token.map:
                continue
            if token.type in ("fence", "code_block"):
                found.append(ProtectedSpan(self._line_range_span(*token.map), Protected.CODE))
            elif token.type == "html_block":
                found.append(ProtectedSpan(self._line_range_span(*token.map), Protected.HTML))
            elif token.type == "inline" and token.children:
                region = self._line_range_span(*token.map)
                found += _inline_protected(self.text, region, token.children)
        for match in _MARKDOWN_REFERENCE_DEFINITION.finditer(self.text):
            found.append(ProtectedSpan(Span(match.start(), match.end()), Protected.LINK_TARGET))
        return found


def _blocks(text: str) -> Iterator[Span]:
    """Non-blank runs of lines separated by blank lines."""
    start = 0
    for match in _BLANK_LINE.finditer(text):
        yield from _stripped_block(text, start, match.start())
        start = match.end()
    yield from _stripped_block(text, start, len(text))


def _stripped_block(text: str, start: int, end: int) -> Iterator[Span]:
    block = text[start:end]
    if block.strip():
        lead = len(block) - len(block.lstrip("\n"))
        trail = len(block) - len(block.rstrip("\n"))
        yield Span(start + lead, end - trail)


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
