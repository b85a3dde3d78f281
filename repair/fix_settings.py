"""The fix settings (ruff's ``fixable``, ``unfixable``, ``extend-safe-fixes`` and
``extend-unsafe-fixes``) applied to one rule's findings.

The checker applies them to each rule's findings as it collects them, so that a check's
marks, the result cache and ``fix`` agree on which fixes exist and how safe they are.
"""

from __future__ import annotations

from collections.abc import Sequence
from dataclasses import dataclass, replace
from typing import Final

from repair.config import Config
from repair.findings import Applicability, Finding
from repair.rules.base import Rule, matches


@dataclass(frozen=True, slots=True)
class FixPolicy:
    """What the settings make of one rule's fixes: dropped, or their safety changed.

    ruff's model: ``fixable``/``unfixable`` say whose fixes may be applied at all (a finding
    of an unfixable rule keeps no fix, so it shows none and ``fix`` leaves it);
    ``extend-safe-fixes``/``extend-unsafe-fixes`` promote a rule's unsafe fixes to safe or
    demote its safe fixes to unsafe. Display-only fixes stay as they are.
    """

    fixable: bool = True
    safety: Applicability | None = None
    """The applicability every safe or unsafe fix of the rule takes, if the settings say."""

    def apply(self, finding: Finding) -> Finding:
        fix = finding.fix
        if fix is None:
            return finding
        if not self.fixable:
            return replace(finding, fix=None)
        if self.safety is None or fix.applicability in (Applicability.DISPLAY_ONLY, self.safety):
            return finding
        return replace(finding, fix=replace(fix, applicability=self.safety))


def fix_policy(rule: Rule, config: Config) -> FixPolicy | None:
    """The settings' policy on ``rule``'s fixes, or ``None`` when they leave them alone.

    >>> from repair.registry import RULES_BY_CODE
    >>> from repair.config import Config
    >>> rule = RULES_BY_CODE["QUO006"]
    >>> fix_policy(rule, Config()) is None
    True
    >>> fix_policy(rule, Config(unfixable=("QUO",)))
    FixPolicy(fixable=False, safety=None)
    >>> fix_policy(rule, Config(extend_unsafe_fixes=("QUO",), extend_safe_fixes=("QUO006",)))
    FixPolicy(fixable=True, safety=<Applicability.SAFE: 'safe'>)
    """
    if leaves_fixes_alone(config):
        return None
    # Asked for every rule at every check (every pass of a fix): the answer is a function of
    # the rule's code and name and the four settings, kept per process.
    key = (
        rule.code,
        rule.name,
        config.fixable,
        config.unfixable,
        config.extend_safe_fixes,
        config.extend_unsafe_fixes,
    )
    if key not in _POLICIES:
        if len(_POLICIES) > _MAX_POLICIES:
            _POLICIES.clear()
        _POLICIES[key] = _fix_policy(rule, config)
    return _POLICIES[key]


def leaves_fixes_alone(config: Config) -> bool:
    """Whether the settings are the defaults, under which :func:`fix_policy` is ``None`` for
    every rule: every rule fixable (``fixable`` unset, ``unfixable`` empty), no safety changed."""
    return config.fixable is None and not (
        config.unfixable or config.extend_safe_fixes or config.extend_unsafe_fixes
    )


_POLICIES: Final[dict[tuple[object, ...], FixPolicy | None]] = {}
_MAX_POLICIES: Final = 10_000  # then emptied: settings read from many files stay bounded


def _fix_policy(rule: Rule, config: Config) -> FixPolicy | None:
    """:func:`fix_policy`, worked out from the selectors."""
    fixable = (config.fixable is None or _specificity(rule, config.fixable) >= 0) and (
        _specificity(rule, config.unfixable) < 0
    )
    promoted = _specificity(rule, config.extend_safe_fixes)
    demoted = _specificity(rule, config.extend_unsafe_fixes)
    safety = None
    if demoted >= 0 and demoted >= promoted:
        safety = Applicability.UNSAFE
    elif promoted >= 0:
        safety = Applicability.SAFE
    if fixable and safety is None:
        return None
    return FixPolicy(fixable, safety)


def _specificity(rule: Rule, selectors: Sequence[str]) -> int:
    """How closely the most specific of ``selectors`` names ``rule``: -1 for none, 0 for
    ``ALL``, else the length of the prefix (a name counts as the full code)."""
    best = -1
    for selector in selectors:
        if matches(rule, (selector,), details=False):
            best = max(
                best,
                0 if selector == "ALL" else len(rule.code if selector == rule.name else selector),
            )
    return best
