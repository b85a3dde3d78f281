"""ENC: encoding damage. Non-UTF-8 files, mojibake, stray controls, invisible characters,
HTML entities in plain text and Markdown double escapes.

Mojibake is ftfy's job: this module asks it for a fix per line and turns the difference into
findings that carry ftfy's explanation. ftfy's other clean-ups (uncurling quotes, HTML
entities, control characters, width, normalisation) are off: they are rules of their own or
would change correct text.
"""

from __future__ import annotations

import difflib
import hashlib
import html
import re
import unicodedata
from collections.abc import Iterator, Sequence
from html.entities import html5
from typing import Final

import ftfy
from ftfy.badness import BADNESS_RE, is_bad

from repair.document import Document, Protected, TextFormat
from repair.findings import Applicability, Finding, Fix, Severity, Span
from repair.rules.base import CheckContext, FixAvailability, Rule

_FTFY_CONFIG: Final = ftfy.TextFixerConfig(
    unescape_html=False,  # ENC005, and only in plain text
    remove_terminal_escapes=False,  # ENC003
    fix_latin_ligatures=False,
    fix_character_width=False,  # would turn CJK full-width punctuation into ASCII
    uncurl_quotes=False,  # quotes are the QUO family's
    fix_line_breaks=False,
    remove_control_chars=False,  # ENC003
    normalization=None,  # NFC would rewrite correct decomposed text
    explain=True,
)
# ftfy changes a line only when its badness heuristic fires, or to decode C1 controls and
# lone surrogates: lines with neither are skipped without calling it.
_C1_OR_SURROGATE: Final = re.compile("[\x80-\x9f\ud800-\udfff]")


def _may_need_ftfy(text: str) -> bool:
    return bool(is_bad(text) or _C1_OR_SURROGATE.search(text))


# Every branch of ftfy's badness pattern (as of ftfy 6.3) matches two non-ASCII characters in
# a row, or one of: a C1 control, "Â", "Ã", "Œ", "œ". With C1 controls and lone surrogates,
# a text with none of those needs no ftfy, and one search over it finds the lines that may.
_BADNESS_PATTERN_SHA256: Final = "9dcc0f2ac90d9ae3c85eb7b9b2c0b8a8e8126153847c2b30c91a0bb263f3b8c4"
_MAY_NEED_FTFY: Final = re.compile(
    "[^\x00-\x7f](?:(?<=[\x80-\x9f\xc2\xc3\u0152\u0153\ud800-\udfff])|[^\x00-\x7f])"
)
_BADNESS_WIDTH: Final = 7
"""The longest match of that pattern, in characters."""
_BADNESS_KNOWN: Final = (
    BADNESS_RE.flags == re.VERBOSE | re.UNICODE
    and hashlib.sha256(BADNESS_RE.pattern.encode("utf-8", "surrogatepass")).hexdigest()
    == _BADNESS_PATTERN_SHA256
)


def _lines_to_fix(doc: Document) -> list[Span]:
    """The lines to hand to ftfy: those that ``_may_need_ftfy``, in order.

    A match of the badness pattern holds a hit of ``_MAY_NEED_FTFY`` (or the character
    after one), and is at most ``_BADNESS_WIDTH`` long: a line is bad when the pattern
    matches in a window of that width around one of its hits. Every C1 control or lone
    surrogate is a hit or the character after one.

    >>> _lines_to_fix(Document.from_text("ok \\u2019s\\nSch\\u00c3\\u00b6n\\nfine"))
    [Span(start=6, end=12)]
    """
    text = doc.text
    if text.isascii():
        return []
    if not _BADNESS_KNOWN:
        if not _may_need_ftfy(text):
            return []
        return [
            line
            for line in doc.lines
            if not text[line.start : line.end].isascii()
            and _may_need_ftfy(text[line.start : line.end])
        ]
    search = BADNESS_RE.search
    reach = _BADNESS_WIDTH + 1
    found = []
    for line, part in zip(doc.lines, text.split("\n"), strict=True):
        if part.isascii():
            continue
        for hit in _MAY_NEED_FTFY.finditer(part):
            offset = hit.start()
            window = max(0, offset - reach), min(len(part), offset + reach + 1)
            if search(part, *window) or _C1_OR_SURROGATE.search(part, offset, offset + 2):
                found.append(line)
                break
    return found


def non_utf8_encoding(doc: Document, ctx: CheckContext) -> Iterator[Finding]:
    """File not encoded as UTF-8.

    What it catches:
        A file in a legacy encoding (cp1252, Latin-1, Shift-JIS...) or in UTF-16/32. Legacy
        encodings are guessed by charset detection (charset-normalizer).
    Why:
        Tools that assume UTF-8 turn such files into mojibake, and a guess is only a guess.
    Bad:
        Sch\\xf6n (the byte 0xF6, "ö" in cp1252)
    Good:
        Schön (UTF-8)
    Fix safety:
        Safe: ``repair fix`` writes the file back as UTF-8 with the same text, unless the
        setting ``output-encoding = "keep"`` keeps the encoding it was read in. A guess from
        fewer than 16 non-ASCII bytes is taken only when it makes each of them a Latin
        letter inside a word; otherwise the file is reported undecodable and left (on
        ftfy's 81 cases encoded in cp1252/cp1250/cp1251/gbk/shift_jis: 26 read right, 55
        refused, 6 wrong, against 36 right and 51 wrong before this guard).
    """
    if doc.encoding == "utf-8":
        return
    how = "guessed by charset detection" if doc.detected_encoding else "from its byte order mark"
    title = "Write the file as UTF-8"
    keep = ctx.config.output_encoding == "keep"
    fix = None if keep else Fix((), Applicability.SAFE, title)
    yield Finding(
        "ENC001",
        f"File is encoded as {doc.encoding} ({how}), not UTF-8",
        Span(0, 0),
        Severity.WARNING,
        fix,
    )


def mojibake(doc: Document, ctx: CheckContext) -> Iterator[Finding]:
    """Text decoded with the wrong encoding (mojibake), as ftfy recognises it.

    What it catches:
        UTF-8 read as Windows-1252 or Latin-1 and saved again ("SchÃ¶n", "â€œquoteâ€\\x9d"),
        C1 control characters standing for Windows-1252 punctuation, and other damage
        ftfy's ``fix_encoding`` knows.
    Why:
        Mojibake makes words unreadable to people, dictionaries, search and MT metrics.
    Bad:
        Der Zug war schÃ¶n.
    Good:
        Der Zug war schön.
    Fix safety:
        Safe: ftfy's heuristics are built never to change correctly decoded text. Each
        fix carries ftfy's explanation (the encode/decode steps it took).
    """
    text = doc.text
    for span, replacement, steps in _mojibake_repairs(doc):
        before = text[span.start : span.end]
        stands_for = (
            f'for "{_visible(replacement)}"' if replacement else "dropped: it stands for nothing"
        )
        yield Finding(
            "ENC002",
            f'Mojibake "{_visible(before)}" {stands_for} (ftfy: {steps})',
            span,
            Severity.ERROR,
            Fix.replace(
                span.start,
                span.end,
                replacement,
                Applicability.SAFE,
                f'Replace with "{_visible(replacement)}"',
            ),
        )


def _find_mojibake_repairs(doc: Document) -> tuple[tuple[Span, str, str], ...]:
    """(span, ftfy's replacement, ftfy's steps) for each region ftfy would re-decode."""
    found = []
    for line in _lines_to_fix(doc):
        original = doc.text[line.start : line.end]
        explained = ftfy.fix_and_explain(original, config=_FTFY_CONFIG)
        fixed = explained.text
        if fixed == original:
            continue
        steps = ", ".join(f"{action} {arg}" for action, arg in explained.explanation or [])
        for start, end, replacement in _changed_regions(original, fixed):
            found.append((Span(line.start + start, line.start + end), replacement, steps))
    return tuple(found)


def _mojibake_repairs(doc: Document) -> tuple[tuple[Span, str, str], ...]:
    return doc.shared("repair.rules.encoding.mojibake", _find_mojibake_repairs)


def mojibake_spans(doc: Document) -> tuple[Span, ...]:
    """The spans of ``doc`` that ENC002 reports as mojibake, found once per document.

    For the rules of other families, which must not read mojibake as text: the "\u201d"
    of "\u00e2\u20ac\u201d" (an em dash read as cp1252) is no quote mark.
    """
    return tuple(span for span, _, _ in _mojibake_repairs(doc))


class _SequenceMatcher(difflib.SequenceMatcher[str]):
    """difflib's matcher for two strings, without junk, with a faster longest match.

    ``find_longest_match`` returns what difflib's does when nothing is junk: the longest
    common block, the first in ``a`` and then in ``b`` of the longest. Substring searches
    find it in about ``len(a)`` steps, where difflib visits every pair of equal characters
    (and indexes ``b`` for that first).
    """

    def __init__(self, a: str, b: str) -> None:
        super().__init__(None, a, b, autojunk=False)

    def set_seq1(self, a: Sequence[str]) -> None:
        self._a_text = "".join(a)
        super().set_seq1(a)

    def set_seq2(self, b: Sequence[str]) -> None:
        """Set the second string, without difflib's index of it, which nothing here reads."""
        self._b_text = "".join(b)
        self.b = b
        self.matching_blocks = self.opcodes = None
        self.fullbcount = None

    def find_longest_match(
        self, alo: int = 0, ahi: int | None = None, blo: int = 0, bhi: int | None = None
    ) -> difflib.Match:
        """The longest block of ``a[alo:ahi]`` in ``b[blo:bhi]``, as difflib finds it.

        >>> _SequenceMatcher(" abcd", "abcd abcd").find_longest_match(0, 5, 0, 9)
        Match(a=0, b=4, size=5)
        >>> _SequenceMatcher("ab", "c").find_longest_match(0, 2, 0, 1)
        Match(a=0, b=0, size=0)
        """
        a = self._a_text
        ahi = len(a) if ahi is None else ahi
        window = self._b_text[blo : len(self._b_text) if bhi is None else bhi]
        best_i, size = alo, 0
        for i in range(alo, ahi):
            if ahi - i <= size:
                break
            # The block at i, if longer than the best so far, is its first of that length.
            if a[i : i + size + 1] not in window:
                continue
            # Its length: every prefix of a common block is common, so the lengths that are
            # in ``window`` end at one bound, found by doubling steps and then bisection in
            # about log(length) searches, where growing it by one took one per character.
            good, bad, step = size + 1, ahi - i + 1, 1
            while good + step < bad:
                if a[i : i + good + step] not in window:
                    bad = good + step
                    break
                good += step
                step *= 2
            while bad - good > 1:
                middle = (good + bad) // 2
                if a[i : i + middle] in window:
                    good = middle
                else:
                    bad = middle
            best_i, size = i, good
        if not size:
            return difflib.Match(alo, blo, 0)
        return difflib.Match(best_i, blo + window.find(a[best_i : best_i + size]), size)


def _changed_regions(before: str, after: str) -> Iterator[tuple[int, int, str]]:
    """Regions of ``before`` that differ in ``after``, merging regions a word apart.

    >>> list(_changed_regions("SchÃ¶n und grÃ¼n", "Schön und grün"))
    [(3, 5, 'ö'), (13, 15, 'ü')]
    """
    matcher = _SequenceMatcher(before, after)
    merged: list[list[int]] = []
    for tag, i1, i2, j1, j2 in matcher.get_opcodes():
        if tag == "equal":
            continue
        if merged and i1 - merged[-1][1] <= 1:
            merged[-1][1], merged[-1][3] = i2, j2
        else:
            merged.append([i1, i2, j1, j2])
    for i1, i2, j1, j2 in merged:
        yield i1, i2, after[j1:j2]


def _visible(text: str) -> str:
    """Text with control and invisible characters spelled out, for messages.

    >>> _visible("a\\x9db\\u200b")
    'a\\\\x9db\\\\u200b'
    """
    return "".join(
        char if unicodedata.category(char)[0] not in "CZ" or char == " " else _escape(char)
        for char in text
    )


def _escape(char: str) -> str:
    code = ord(char)
    return f"\\x{code:02x}" if code < 0x100 else f"\\u{code:04x}"


_CONTROL: Final = re.compile(
    r"""\x1b\[[0-9;?]*[A-Za-z]        # a terminal escape sequence, removed whole
      | [\x00-\x08\x0b\x0e-\x1f\x7f]  # C0 controls but tab, line feed, form feed, CR; DEL
    """,
    re.VERBOSE,
)
_CONTROLS: Final = frozenset("\x00\x01\x02\x03\x04\x05\x06\x07\x08\x0b") | frozenset(
    map(chr, [*range(0x0E, 0x20), 0x7F])
)
"""The characters of ``[\\x00-\\x08\\x0b\\x0e-\\x1f\\x7f]``: every match of ``_CONTROL`` starts
with one and holds no other."""
_ODD_CHARACTER: Final = re.compile(
    "[\x00-\x08\x0b\x0e-\x1f\x7f"  # the controls of ENC003
    "\u200b\u2060\ufeff\u200e\u200f\u061c\u202a-\u202e\u2066-\u2069\u200c\u200d"  # ENC004
    "\u00ad]"  # ENC008
)


def _odd_characters(doc: Document) -> list[int]:
    """Offsets of the characters ENC003, ENC004 and ENC008 look for, found in one search
    of the text and shared by the three rules."""
    return doc.shared(
        "repair.rules.encoding.odd_characters",
        lambda doc: [match.start() for match in _ODD_CHARACTER.finditer(doc.text)],
    )


def control_character(doc: Document, ctx: CheckContext) -> Iterator[Finding]:
    """Stray control character or terminal escape sequence.

    What it catches:
        C0 control characters other than tab, line feed, form feed and carriage return, DEL,
        and ANSI terminal escapes (``ESC[31m``) left by copying from a terminal or a broken
        pipeline. C1 controls are left to ENC002, which knows what they stood for.
    Why:
        They are invisible, break XML and JSON consumers and tokenizers, and carry no text.
    Bad:
        The vote\\x08 passed.
    Good:
        The vote passed.
    Fix safety:
        Safe: the characters have no visible form and stand for no word.
    """
    text = doc.text
    for offset in _odd_characters(doc):
        if text[offset] not in _CONTROLS:
            continue
        match = _CONTROL.match(text, offset)
        assert match is not None
        shown = _visible(match[0])
        yield Finding(
            "ENC003",
            f'Control character "{shown}"',
            Span(match.start(), match.end()),
            Severity.WARNING,
            Fix.replace(match.start(), match.end(), "", Applicability.SAFE, f'Remove "{shown}"'),
        )


# Zero-width spaces separate words in scripts written without spaces: there they are text.
_SCRIPTS_USING_ZWSP: Final = re.compile(r"[\u0e00-\u0eff\u1000-\u109f\u1780-\u17ff\u0f00-\u0fff]")
_RIGHT_TO_LEFT: Final = re.compile(r"[\u0590-\u08ff\ufb1d-\ufdff\ufe70-\ufeff]")
# Zero-width space, word joiner, BOM inside the text, bidirectional controls, and ZWNJ/ZWJ
# between Latin letters (in emoji they are text). One character class comes first, so that
# ``re`` skips at once to the rare characters it holds.
_INVISIBLE: Final = re.compile(
    r"""[\u200b\u2060\ufeff\u200e\u200f\u061c\u202a-\u202e\u2066-\u2069\u200c\u200d]
      (?: (?<![\u200c\u200d])            # any of them but ZWNJ and ZWJ
        | (?<=[A-Za-z].)(?=[A-Za-z])      # those between Latin letters
      )
    """,
    re.VERBOSE,
)
_BIDI: Final = frozenset("\u200e\u200f\u061c\u202a\u202b\u202c\u202d\u202e\u2066\u2067\u2068\u2069")


def invisible_character(doc: Document, ctx: CheckContext) -> Iterator[Finding]:
    """Zero-width or bidirectional control character inside the text.

    What it catches:
        Zero-width spaces and joiners between Latin letters, word joiners, byte order marks
        inside the text, and left-to-right/right-to-left marks and embeddings, as web pages
        and word processors leave them. Soft hyphens are ENC008's.
    Why:
        Invisible, they split or glue words for search, dictionaries and metrics while the
        text looks right to a reader.
    Bad:
        The mini\\u200bster met NATO\\u200e allies.
    Good:
        The minister met NATO allies.
    Fix safety:
        Safe: removal changes nothing a reader sees. Bidirectional controls are only
        reported, with an unsafe fix, in a paragraph that holds right-to-left script, where
        they may be needed; zero-width spaces next to Thai, Lao, Khmer, Myanmar or Tibetan
        letters are word separators and are not reported.
    """
    text = doc.text
    for offset in _odd_characters(doc):
        match = _INVISIBLE.match(text, offset)
        if match is None:
            continue
        char = match[0]
        start, end = match.start(), match.end()
        if char == "\ufeff" and start == 0:
            continue  # a BOM read as text at the very start is the BOM, kept on write
        if char == "\u200b" and _SCRIPTS_USING_ZWSP.search(text[max(0, start - 1) : end + 1]):
            continue
        applicability = Applicability.SAFE
        if char in _BIDI:
            paragraph = doc.paragraph_of(start) or Span(start, end)
            if _RIGHT_TO_LEFT.search(text, paragraph.start, paragraph.end):
                applicability = Applicability.UNSAFE
        name = unicodedata.name(char, _escape(char)).lower()
        yield Finding(
            "ENC004",
            f"Invisible character {_escape(char)} ({name})",
            Span(start, end),
            Severity.WARNING,
            Fix.replace(start, end, "", applicability, f"Remove {name}"),
        )


_SOFT_HYPHEN: Final = re.compile("\u00ad+")


def soft_hyphen(doc: Document, ctx: CheckContext) -> Iterator[Finding]:
    """Soft hyphen (U+00AD) inside the text.

    What it catches:
        Soft hyphens, the invisible hyphenation hints that typesetting systems and web pages
        put inside words and that copying carries along.
    Why:
        Invisible in most views, they split words for search, spell checkers, tokenizers and
        metrics: "minis\\u00adter" does not match "minister". They are legitimate in text
        meant for typesetting, so the rule is off by default.
    Bad:
        The minis\\u00adter met the \\u00adapplicant.
    Good:
        The minister met the applicant.
    Fix safety:
        Safe: removal changes nothing a reader sees in running text.
    """
    if "\u00ad" not in doc.text:
        return
    text = doc.text
    resume = 0
    for offset in _odd_characters(doc):
        if offset < resume or text[offset] != "\u00ad":
            continue
        match = _SOFT_HYPHEN.match(text, offset)
        assert match is not None
        resume = match.end()
        yield Finding(
            "ENC008",
            "Soft hyphen inside the text",
            Span(match.start(), match.end()),
            Severity.INFO,
            Fix.replace(match.start(), match.end(), "", Applicability.SAFE, "Remove soft hyphen"),
        )


def _is_known_entity(entity: str) -> bool:
    if entity.startswith("&#"):
        return True
    return entity[1:] in html5


def html_entity_in_plain_text(doc: Document, ctx: CheckContext) -> Iterator[Finding]:
    """HTML character reference (``&amp;``, ``&#39;``) left in plain text.

    What it catches:
        Named and numeric HTML character references in a plain-text document, left by a
        scraper that took the page's source instead of its text. Markdown files are not
        checked: there, entities are legitimate markup.
    Why:
        Readers see "AT&amp;T" and "it&#39;s"; dictionaries and metrics see non-words.
    Bad:
        AT&amp;T said it&#39;s ready.
    Good:
        AT&T said it's ready.
    Fix safety:
        Safe: the replacement is the character the reference stands for. References
        that stand for control characters, and unknown names, are left alone.
    """
    if doc.format is not TextFormat.PLAIN or "&" not in doc.text:
        return
    for protected in doc.protected:
        if protected.kind is not Protected.ENTITY:
            continue
        span = protected.span
        entity = doc.text[span.start : span.end]
        if not _is_known_entity(entity):
            continue
        character = html.unescape(entity)
        if character == entity or any(unicodedata.category(c) == "Cc" for c in character):
            continue
        shown = _visible(character)
        yield Finding(
            "ENC005",
            f'HTML entity "{entity}" in plain text',
            span,
            Severity.WARNING,
            Fix.replace(
                span.start, span.end, character, Applicability.SAFE, f'Replace with "{shown}"'
            ),
        )


_DOUBLE_ESCAPE: Final = re.compile(r"(?<!\\)\\\\(?=[!-/:-@\[-`{-~])")


def markdown_double_escape(doc: Document, ctx: CheckContext) -> Iterator[Finding]:
    """Markdown escape escaped a second time (``\\\\$``).

    What it catches:
        In Markdown, two backslashes before a punctuation character, as a converter that
        escaped already escaped text leaves them: ``\\\\$500`` shows as ``\\$500``.
    Why:
        The reader sees a stray backslash before every dollar sign, asterisk or bracket.
    Bad:
        Velmora Seeks \\\\$300Bln in Harbour Funds
    Good:
        Velmora Seeks \\$300Bln in Harbour Funds
    Fix safety:
        Safe: one backslash is removed, which restores the single escape. Code spans and
        code blocks are never touched.
    """
    if not doc.is_markdown or "\\\\" not in doc.text:
        return
    for match in _DOUBLE_ESCAPE.finditer(doc.text):
        escaped = doc.text[match.end()]
        yield Finding(
            "ENC006",
            f'Double escape "\\\\{escaped}" in Markdown',
            Span(match.start(), match.end() + 1),
            Severity.WARNING,
            Fix.replace(
                match.start(), match.start() + 1, "", Applicability.SAFE, f'Write "\\{escaped}"'
            ),
        )


def replacement_character(doc: Document, ctx: CheckContext) -> Iterator[Finding]:
    """Replacement character (U+FFFD): text was lost in a lossy decode.

    What it catches:
        One or more U+FFFD REPLACEMENT CHARACTER, which a decoder writes for bytes it could
        not decode.
    Why:
        The characters that stood there are gone; a reader sees "�" and a word is broken.
    Bad:
        Gerhard Schr\\ufffdder met the press.
    Good:
        Gerhard Schröder met the press.
    Fix safety:
        No fix: the lost characters cannot be known from the text (ftfy's mojibake fix,
        ENC002, restores the ones it can before this rule sees them).
    """
    text = doc.text
    find = text.find
    start = find("\ufffd")  # str.find is many times faster than re at this
    while start != -1:
        end = start + 1
        while end < len(text) and text[end] == "\ufffd":
            end += 1
        yield Finding(
            "ENC007",
            f"{end - start} replacement character(s): text lost in decoding",
            Span(start, end),
            Severity.ERROR,
        )
        start = find("\ufffd", end)


# Encoding defects are the same in every language: these rules run on any text.
RULES: Final[tuple[Rule, ...]] = (
    Rule(
        "ENC001", "non-utf8-encoding", non_utf8_encoding, FixAvailability.ALWAYS, english_only=False
    ),
    Rule(
        "ENC002", "mojibake", mojibake, FixAvailability.ALWAYS, Severity.ERROR, english_only=False
    ),
    Rule(
        "ENC003", "control-character", control_character, FixAvailability.ALWAYS, english_only=False
    ),
    Rule(
        "ENC004",
        "invisible-character",
        invisible_character,
        FixAvailability.ALWAYS,
        english_only=False,
    ),
    Rule(
        "ENC005",
        "html-entity-in-plain-text",
        html_entity_in_plain_text,
        FixAvailability.ALWAYS,
        may_touch=frozenset({Protected.ENTITY}),
        english_only=False,
    ),
    Rule(
        "ENC006",
        "markdown-double-escape",
        markdown_double_escape,
        FixAvailability.ALWAYS,
        english_only=False,
    ),
    Rule(
        "ENC007",
        "replacement-character",
        replacement_character,
        severity=Severity.ERROR,
        english_only=False,
    ),
    Rule(
        "ENC008",
        "soft-hyphen",
        soft_hyphen,
        FixAvailability.ALWAYS,
        Severity.INFO,
        default=False,
        english_only=False,
    ),
)
