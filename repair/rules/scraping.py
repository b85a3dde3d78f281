"""Rules of the scraping family (to be written)."""

from __future__ import annotations

from typing import Final

from repair.rules.base import Rule

RULES: Final[tuple[Rule, ...]] = ()
