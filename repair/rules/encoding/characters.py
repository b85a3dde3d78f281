"""ENC003, ENC004, ENC007, ENC008: characters that should not be in the text (controls,
invisible characters, soft hyphens) or that stand for text lost in decoding."""

from __future__ import annotations

import re
import unicodedata
from collections.abc import Iterator
from typing import Final

from repair.document import Document
from repair.findings import Applicability, Fix, Hit, Span
from repair.rules.base import CheckContext
from repair.rules.encoding._by_line import offsets_by_line
from repair.rules.encoding._visible import escape, visible

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
    of the text and shared by the three rules; in a fix run, kept by line (a character
    alone is found, whatever is around it), so that a later pass searches only the lines it
    changed."""
    return doc.shared("repair.rules.encoding.odd_characters", _find_odd_characters)


def _find_odd_characters(doc: Document) -> list[int]:
    return offsets_by_line(doc, "repair.rules.encoding.odd_characters", _search_odd_characters)


def _search_odd_characters(text: str) -> list[int]:
    return [match.start() for match in _ODD_CHARACTER.finditer(text)]


def control_character(doc: Document, ctx: CheckContext) -> Iterator[Hit]:
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
        shown = visible(match[0])
        yield Hit(
            f'Control character "{shown}"',
            Span(match.start(), match.end()),
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


def invisible_character(doc: Document, ctx: CheckContext) -> Iterator[Hit]:
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
        name = unicodedata.name(char, escape(char)).lower()
        yield Hit(
            f"Invisible character {escape(char)} ({name})",
            Span(start, end),
            Fix.replace(start, end, "", applicability, f"Remove {name}"),
        )


_SOFT_HYPHEN: Final = re.compile("\u00ad+")


def soft_hyphen(doc: Document, ctx: CheckContext) -> Iterator[Hit]:
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
        yield Hit(
            "Soft hyphen inside the text",
            Span(match.start(), match.end()),
            Fix.replace(match.start(), match.end(), "", Applicability.SAFE, "Remove soft hyphen"),
        )


def replacement_character(doc: Document, ctx: CheckContext) -> Iterator[Hit]:
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
        yield Hit(
            f"{end - start} replacement character(s): text lost in decoding", Span(start, end)
        )
        start = find("\ufffd", end)
