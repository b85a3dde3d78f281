"""NAM: names against an entity list. Known wrong variants, garbled letter case, damaged
spellings (a letter lost, an ending cut, another transliteration) and names spelled two ways.

Every rule needs an entity list (``entities = [...]`` in the config, or ``--entities``):
without one they return at once. One scan of the text, shared by the rules
(:mod:`~repair.rules.names.mentions`), sorts each capitalized token into exact mentions and
suspects; each rule reports its own kind.

A token is a suspect when it is no accepted spelling and no word wordfreq knows: a known word
is a word or a name of its own, never a misspelling of a listed one. Closeness alone earns a
suggestion; a fix needs evidence of damage (:mod:`~repair.rules.names.evidence`), and a safe
fix needs the evidence to be certain.
"""

from __future__ import annotations

from typing import Final

from repair.rules.base import FixAvailability, Rule
from repair.rules.names.consistency import (
    INCONSISTENT_NAME_SPELLING,
    corpus_consistency,
    spelling_groups,
)
from repair.rules.names.mentions import Mention, scan
from repair.rules.names.misspelled import known_name_variant, misspelled_name, name_case_anomaly

RULES: Final[tuple[Rule, ...]] = (
    Rule("NAM001", "known-name-variant", known_name_variant, FixAvailability.ALWAYS),
    Rule("NAM002", "name-case-anomaly", name_case_anomaly, FixAvailability.SOMETIMES),
    Rule("NAM003", "misspelled-name", misspelled_name, FixAvailability.SOMETIMES),
    INCONSISTENT_NAME_SPELLING,
)

__all__ = ["RULES", "Mention", "corpus_consistency", "scan", "spelling_groups"]
