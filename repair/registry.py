"""The one table of rule codes, and selection of rules by code or prefix."""

from __future__ import annotations

import re
from typing import Final

from repair.rules import (
    encoding,
    glued,
    languagetool,
    names,
    punctuation,
    quotes,
    scraping,
    structure,
    words,
)
from repair.rules.base import Rule

ALL_RULES: Final[tuple[Rule, ...]] = (
    *encoding.RULES,
    *quotes.RULES,
    *punctuation.RULES,
    *glued.RULES,
    *words.RULES,
    *structure.RULES,
    *scraping.RULES,
    *names.RULES,
    *languagetool.RULES,
)

RULES_BY_CODE: Final = {rule.code: rule for rule in ALL_RULES}
# Families whose findings name a check of their own inside the rule, selectable and ignorable
# one by one as FAMILY:ID: LanguageTool's rule ids (LT:EN_A_VS_AN).
DETAILED_FAMILIES: Final = frozenset({"LT"})
_DETAIL: Final = re.compile(r"[A-Z][A-Z0-9_]*")
RULES_BY_NAME: Final = {rule.name: rule for rule in ALL_RULES}


def is_known_selector(selector: str) -> bool:
    """True for ``ALL``, a rule code, a prefix of some code, or a rule name.

    >>> is_known_selector("ENC"), is_known_selector("ENC001"), is_known_selector("XYZ")
    (True, True, False)
    """
    if selector == "ALL" or selector in RULES_BY_NAME:
        return True
    head, colon, detail = selector.partition(":")
    if colon:
        return head in DETAILED_FAMILIES and _DETAIL.fullmatch(detail) is not None
    return any(code.startswith(selector) for code in RULES_BY_CODE)


def lookup(code_or_name: str) -> Rule | None:
    return RULES_BY_CODE.get(code_or_name.upper()) or RULES_BY_NAME.get(code_or_name)
