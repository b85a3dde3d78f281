"""The fix settings' policy, kept per rule and settings, is the one worked out afresh."""

from __future__ import annotations

from hypothesis import given, settings
from hypothesis import strategies as st

from repair import fix_settings
from repair.config import Config
from repair.registry import ALL_RULES

_SELECTORS = st.sampled_from(
    ["ALL", "QUO", "QUO006", "ENC", "ENC002", "E", "WRD005", "LT", "SCR0", "GLU001"]
    + [rule.name for rule in ALL_RULES[:6]]
)
_LISTS = st.lists(_SELECTORS, max_size=3).map(tuple)
_Settings = tuple[tuple[str, ...] | None, tuple[str, ...], tuple[str, ...], tuple[str, ...]]


@settings(max_examples=150, deadline=None)
@given(st.lists(st.tuples(st.none() | _LISTS, _LISTS, _LISTS, _LISTS), min_size=1, max_size=4))
def test_the_kept_policy_is_the_one_worked_out(
    settings_list: list[_Settings],
) -> None:
    # Several settings in a row, each asked twice: a key missing one setting would hand
    # one settings' policy to the others.
    for _ in range(2):
        for fixable, unfixable, safe, unsafe in settings_list:
            config = Config(
                fixable=fixable,
                unfixable=unfixable,
                extend_safe_fixes=safe,
                extend_unsafe_fixes=unsafe,
            )
            for rule in ALL_RULES:
                assert fix_settings.fix_policy(rule, config) == fix_settings._fix_policy(
                    rule, config
                )
