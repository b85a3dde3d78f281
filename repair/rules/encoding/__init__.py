"""ENC: encoding damage. Non-UTF-8 files, mojibake, stray controls, invisible characters,
HTML entities in plain text and Markdown double escapes."""

from __future__ import annotations

from typing import Final

from repair.document import Protected
from repair.findings import Severity
from repair.rules.base import FixAvailability, Rule, Scope
from repair.rules.encoding.characters import (
    control_character,
    invisible_character,
    replacement_character,
    soft_hyphen,
)
from repair.rules.encoding.file_encoding import non_utf8_encoding
from repair.rules.encoding.markup import html_entity_in_plain_text, markdown_double_escape
from repair.rules.encoding.mojibake import mojibake, mojibake_spans

# Encoding defects are the same in every language: these rules run on any text.
RULES: Final[tuple[Rule, ...]] = (
    Rule(
        "ENC001", "non-utf8-encoding", non_utf8_encoding, FixAvailability.ALWAYS, english_only=False
    ),
    Rule(
        "ENC002",
        "mojibake",
        mojibake,
        FixAvailability.ALWAYS,
        Severity.ERROR,
        english_only=False,
        scope=Scope.PARAGRAPH,  # ftfy is asked line by line
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
        scope=Scope.PARAGRAPH,  # each entity alone
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
        scope=Scope.PARAGRAPH,  # each run of replacement characters alone
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

__all__ = [
    "RULES",
    "control_character",
    "html_entity_in_plain_text",
    "invisible_character",
    "markdown_double_escape",
    "mojibake",
    "mojibake_spans",
    "non_utf8_encoding",
    "replacement_character",
    "soft_hyphen",
]
