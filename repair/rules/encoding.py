"""ENC: encoding damage. Non-UTF-8 files, mojibake, stray controls, invisible characters,
HTML entities in plain text and Markdown double escapes.

Mojibake is ftfy's job: this module asks it for a fix per line and turns the difference into
findings that carry ftfy's explanation. ftfy's other clean-ups (uncurling quotes, HTML
entities, control characters, width, normalisation) are off: they are rules of their own or
would change correct text.
"""

from __future__ import annotations

import difflib
import html
import re
import unicodedata
from collections.abc import Iterator
from html.entities import html5
from typing import Final

import ftfy
from ftfy.badness import is_bad

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
        setting ``output-encoding = "keep"`` keeps the encoding it was read in.
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
    if doc.text.isascii() or not _may_need_ftfy(doc.text):
        return
    for line in doc.lines:
        original = doc.text[line.start : line.end]
        if original.isascii() or not _may_need_ftfy(original):
            continue
        explained = ftfy.fix_and_explain(original, config=_FTFY_CONFIG)
        fixed = explained.text
        if fixed == original:
            continue
        steps = ", ".join(f"{action} {arg}" for action, arg in explained.explanation or [])
        for start, end, replacement in _changed_regions(original, fixed):
            before = original[start:end]
            yield Finding(
                "ENC002",
                f'Mojibake "{_visible(before)}" for "{_visible(replacement)}" (ftfy: {steps})',
                Span(line.start + start, line.start + end),
                Severity.ERROR,
                Fix.replace(
                    line.start + start,
                    line.start + end,
                    replacement,
                    Applicability.SAFE,
                    f'Replace with "{_visible(replacement)}"',
                ),
            )


def _changed_regions(before: str, after: str) -> Iterator[tuple[int, int, str]]:
    """Regions of ``before`` that differ in ``after``, merging regions a word apart.

    >>> list(_changed_regions("SchÃ¶n und grÃ¼n", "Schön und grün"))
    [(3, 5, 'ö'), (13, 15, 'ü')]
    """
    matcher = difflib.SequenceMatcher(None, before, after, autojunk=False)
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
    for match in _CONTROL.finditer(doc.text):
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
_INVISIBLE: Final = re.compile(
    r"""[\u200b\u2060\ufeff]  # zero-width space, word joiner, BOM inside the text
      | [\u200e\u200f\u061c\u202a-\u202e\u2066-\u2069]  # bidirectional controls
      | (?<=[A-Za-z])[\u200c\u200d](?=[A-Za-z])  # ZWNJ/ZWJ between Latin letters (in emoji: text)
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
    for match in _INVISIBLE.finditer(text):
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
    for match in _SOFT_HYPHEN.finditer(doc.text):
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
        Trump Demands \\\\$500Bln in Rare Earth Metals
    Good:
        Trump Demands \\$500Bln in Rare Earth Metals
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


_REPLACEMENT_RUN: Final = re.compile("\ufffd+")


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
    if "\ufffd" not in doc.text:
        return
    for match in _REPLACEMENT_RUN.finditer(doc.text):
        yield Finding(
            "ENC007",
            f"{len(match[0])} replacement character(s): text lost in decoding",
            Span(match.start(), match.end()),
            Severity.ERROR,
        )


RULES: Final[tuple[Rule, ...]] = (
    Rule("ENC001", "non-utf8-encoding", non_utf8_encoding, FixAvailability.ALWAYS),
    Rule("ENC002", "mojibake", mojibake, FixAvailability.ALWAYS, Severity.ERROR),
    Rule("ENC003", "control-character", control_character, FixAvailability.ALWAYS),
    Rule("ENC004", "invisible-character", invisible_character, FixAvailability.ALWAYS),
    Rule(
        "ENC005",
        "html-entity-in-plain-text",
        html_entity_in_plain_text,
        FixAvailability.ALWAYS,
        may_touch=frozenset({Protected.ENTITY}),
    ),
    Rule("ENC006", "markdown-double-escape", markdown_double_escape, FixAvailability.ALWAYS),
    Rule("ENC007", "replacement-character", replacement_character, severity=Severity.ERROR),
    Rule(
        "ENC008",
        "soft-hyphen",
        soft_hyphen,
        FixAvailability.ALWAYS,
        Severity.INFO,
        default=False,
    ),
)
