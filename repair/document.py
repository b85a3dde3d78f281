"""The document model: decoded text plus what rules need to know about it.

A :class:`Document` holds text with line endings normalised to ``"\\n"`` (the original
ending is kept in :attr:`Document.newline` and restored on write), its original encoding and
BOM, its format, and, computed once and shared by every rule, its line index, paragraphs and
the spans no rule may touch (URLs, e-mail addresses, Markdown link targets and code, HTML).
"""

from __future__ import annotations

import bisect
import dataclasses
import enum
import functools
import itertools
import re
from collections.abc import Callable, Iterable, Iterator
from functools import cached_property
from pathlib import PurePath
from typing import TYPE_CHECKING, Any, Final, TypeVar

from repair.findings import Span
from repair.newlines import detect_newline, normalize_newlines, restore_newlines
from repair.protected import Protected, ProtectedSpan, find_protected, markdown_protected

if TYPE_CHECKING:
    from markdown_it import MarkdownIt
    from markdown_it.token import Token

T = TypeVar("T")


class TextFormat(enum.Enum):
    PLAIN = "plain"
    MARKDOWN = "markdown"


MARKDOWN_SUFFIXES: Final = frozenset({".md", ".markdown", ".mdown", ".mkd"})

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

    def holds_shared(self, key: str) -> bool:
        """Whether :meth:`shared` holds a value under ``key`` (computed or handed to it)."""
        return key in self.__dict__.get("_shared", ())

    def run_memo(self, key: str) -> dict[Any, Any] | None:
        """A table kept across the documents of one fix run, or ``None`` outside one.

        A fix run checks its text again after each pass, and most paragraphs, lines and
        blocks come out of a pass as they went in: an analysis of a document-wide rule that
        is made of such parts keeps each part's result here, keyed by all the part's result
        depends on (its exact text and whatever context it reads), and computes only the
        parts a pass changed. What is kept must be a pure function of its key, since it is
        handed to any document of the run. :meth:`keep_run_memo` starts a run;
        :meth:`with_text` hands the run's tables to the next document. ``key`` names the
        analysis, as for :meth:`shared`.
        """
        run: dict[str, dict[Any, Any]] | None = self.__dict__.get("_run_memo")
        if run is None:
            return None
        return run.setdefault(key, {})

    def keep_run_memo(self) -> None:
        """Start a fix run's tables (:meth:`run_memo`) on this document, if it has none.

        Only fix runs keep them: a document checked once would fill them for nothing.
        """
        self.__dict__.setdefault("_run_memo", {})

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
        """The same file's document with other text (after fixes were applied), with the
        fix run's tables (:meth:`run_memo`) of this one."""
        new = Document(
            text,
            path=self.path,
            encoding=self.encoding,
            bom=self.bom,
            newline=self.newline,
            text_format=self.format,
            detected_encoding=self.detected_encoding,
        )
        run = self.__dict__.get("_run_memo")
        if run is not None:
            new.__dict__["_run_memo"] = run
        return new

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
        # Each line starts one past the end of the one before: sums of the lengths plus one.
        return tuple(itertools.accumulate(map((1).__add__, self._lengths), initial=0))[:-1]

    @cached_property
    def lines(self) -> tuple[Span, ...]:
        """The span of each line, without its line ending."""
        starts = self.line_starts
        return tuple(map(_span, starts, map(int.__add__, starts, self._lengths)))

    @cached_property
    def _lengths(self) -> list[int]:
        """The length of each line."""
        return list(map(len, self.line_texts))

    @cached_property
    def line_texts(self) -> tuple[str, ...]:
        """The text of each line, split once and shared: splitting non-ASCII text is a pass
        over each line to size its string."""
        return tuple(self.text.split("\n"))

    def line_index(self, offset: int) -> int:
        """0-based index of the line holding ``offset``."""
        return bisect.bisect_right(self.line_starts, offset) - 1

    def position(self, offset: int) -> tuple[int, int]:
        """1-based (line, column) of an offset, column counted in code points."""
        index = self.line_index(offset)
        return index + 1, offset - self.line_starts[index] + 1

    def line_text(self, index: int) -> str:
        return self.line_texts[index]

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
        return tuple(itertools.compress(self.lines, map(str.strip, self.line_texts)))

    @cached_property
    def is_hard_wrapped(self) -> bool:
        """True when blocks of several short lines make up the paragraphs of a plain text."""
        lengths = sorted(filter(None, self._lengths))
        # Two or three lines say nothing about how a text is laid out. Asked first: a text
        # of long lines (one paragraph a line) needs no search for its blocks.
        if len(lengths) < _MIN_WRAPPED_LINES or lengths[len(lengths) // 2] > 100:
            return False
        # The blocks of :func:`_blocks`, without their spans: the text between blank lines
        # that is not blank, and how many of them hold a line break inside.
        blocks = [b for b in _BLANK_LINE.split(self.text) if b.strip()]
        multi_line = sum(1 for b in blocks if "\n" in b.strip("\n"))
        return bool(multi_line) and multi_line * 2 >= len(blocks)

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
        found = find_protected(self.text)
        if self.is_markdown:
            found += markdown_protected(self.text, self._markdown_tokens, self._line_range_span)
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


def _checked_span(start: int, end: int) -> Span:
    return Span(start, end)


def _unchecked_span_maker() -> Callable[[int, int], Span]:
    """A maker of :class:`Span` for bounds known to be valid (each line's start and end),
    without the dataclass's checks: a text has a line every 80 characters or so, and
    building its spans was most of the line index's cost. It sets the two slots as
    ``Span.__init__`` would; when ``Span`` has other fields, ``Span`` itself builds them."""
    if tuple(field.name for field in dataclasses.fields(Span)) != ("start", "end"):
        return _checked_span
    new = object.__new__
    set_start = Span.__dict__["start"].__set__
    set_end = Span.__dict__["end"].__set__

    def span(start: int, end: int) -> Span:
        made = new(Span)
        set_start(made, start)
        set_end(made, end)
        return made

    return span


_span: Final = _unchecked_span_maker()


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


# Protected and ProtectedSpan live in repair.protected, and the line endings' helpers in
# repair.newlines; they are part of this module's API.
__all__ = [
    "MARKDOWN_SUFFIXES",
    "Document",
    "Protected",
    "ProtectedSpan",
    "TextFormat",
    "detect_newline",
    "format_for_path",
    "normalize_newlines",
    "restore_newlines",
]
