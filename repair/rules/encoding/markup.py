"""ENC005 and ENC006: markup escapes left in the text (HTML entities in plain text, Markdown
escapes escaped twice)."""

from __future__ import annotations

import html
import re
import unicodedata
from collections.abc import Iterator
from html.entities import html5
from typing import Final

from repair.document import Document, Protected, TextFormat
from repair.findings import Applicability, Fix, Hit, Span
from repair.rules.base import CheckContext
from repair.rules.encoding._visible import visible


def _is_known_entity(entity: str) -> bool:
    if entity.startswith("&#"):
        return True
    return entity[1:] in html5


def html_entity_in_plain_text(doc: Document, ctx: CheckContext) -> Iterator[Hit]:
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
        shown = visible(character)
        yield Hit(
            f'HTML entity "{entity}" in plain text',
            span,
            Fix.replace(
                span.start, span.end, character, Applicability.SAFE, f'Replace with "{shown}"'
            ),
        )


_DOUBLE_ESCAPE: Final = re.compile(r"(?<!\\)\\\\(?=[!-/:-@\[-`{-~])")


def markdown_double_escape(doc: Document, ctx: CheckContext) -> Iterator[Hit]:
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
        yield Hit(
            f'Double escape "\\\\{escaped}" in Markdown',
            Span(match.start(), match.end() + 1),
            Fix.replace(
                match.start(), match.start() + 1, "", Applicability.SAFE, f'Write "\\{escaped}"'
            ),
        )
