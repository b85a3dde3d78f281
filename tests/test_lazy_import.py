"""rapidfuzz, imported where it is first used (repair/lazy_import.py): each module that
names it gets the very module its eager import gave (a process about to fork workers leaves
it to those that need it: tests/test_pool_loading.py)."""

from __future__ import annotations

import importlib
import sys
import types

import pytest

from repair.lazy_import import LazyModule

# Each module naming rapidfuzz, and the module each of its names stands for.
USERS = {
    "repair.entities.index": {
        "fuzz": "rapidfuzz.fuzz",
        "process": "rapidfuzz.process",
        "Levenshtein": "rapidfuzz.distance.Levenshtein",
    },
    "repair.rules.names.suspects": {
        "fuzz": "rapidfuzz.fuzz",
        "process": "rapidfuzz.process",
        "Levenshtein": "rapidfuzz.distance.Levenshtein",
    },
    "repair.rules.names.evidence": {"Levenshtein": "rapidfuzz.distance.Levenshtein"},
    "repair.rules.names.mentions": {"fuzz": "rapidfuzz.fuzz"},
    "repair.rules.words.non_word": {
        "process": "rapidfuzz.process",
        "Levenshtein": "rapidfuzz.distance.Levenshtein",
    },
    "repair.rules.encoding.alignment": {
        "Levenshtein": "rapidfuzz.distance.Levenshtein",
        "Prefix": "rapidfuzz.distance.Prefix",
    },
}


@pytest.mark.parametrize("user", sorted(USERS))
def test_each_name_stands_for_the_module_the_eager_import_gave(user: str) -> None:
    module = importlib.import_module(user)
    for alias, name in USERS[user].items():
        held = vars(module)[alias]
        assert isinstance(held, LazyModule | types.ModuleType)
        real = importlib.import_module(name)
        # The first read through the name gives the real module's attribute, and leaves
        # the module itself in the name's place.
        some_function = next(
            a for a in ("distance", "ratio", "extract", "similarity") if hasattr(real, a)
        )
        assert getattr(held, some_function) is getattr(real, some_function)
        assert vars(module)[alias] is real


def test_only_the_first_read_imports() -> None:
    space: dict[str, object] = {}
    lazy = LazyModule("colorsys", space, "colorsys")
    space["colorsys"] = lazy
    sys.modules.pop("colorsys", None)
    assert "colorsys" in repr(lazy)
    assert "colorsys" not in sys.modules
    assert lazy.rgb_to_hsv(1.0, 0.0, 0.0) == (0.0, 1.0, 1.0)
    assert space["colorsys"] is sys.modules["colorsys"]
