"""Every rule family's time grows about linearly with its input, on inputs that make rules
quadratic when they are written carelessly (benchmarks/hostile_inputs.py): one long line
with mojibake, long runs of quote marks, one token repeated.

Ratios, not time limits: each family's CPU time on 4x the text must stay under 8x its time
on the text (16x is what quadratic work gives), best of 2 runs (7, once, before failing),
with the collector paused and a little slack for timer noise on runs of a few milliseconds.
``benchmarks/rule_speed.py --growth`` prints the figures at 100 KB, 1 MB and 4 MB.
"""

from __future__ import annotations

import gc
import time

import pytest

from benchmarks.hostile_inputs import INPUTS
from repair import Config
from repair.document import Document
from repair.registry import ALL_RULES
from repair.rules.base import CheckContext, Rule

SMALL, LARGE = 40_000, 160_000
NOISE = 0.02
"""Seconds of slack for timer and scheduler noise on short runs."""
FAMILIES = ("ENC", "QUO", "PUN", "GLU", "WRD", "STR", "SCR", "NAM")
HOSTILE = ("one-line", "paragraphs", "straight-quotes", "close-quotes", "spaced-quotes")
CONTEXT = CheckContext(Config(select=("ALL",), language="en"))


def _family_seconds(rules: list[Rule], text: str, runs: int = 2) -> float:
    best = float("inf")
    for _ in range(runs):
        doc = Document.from_text(text, path="growth.txt")
        gc.collect()
        gc.disable()  # a collection inside one run and not the other is no growth
        try:
            started = time.process_time()
            for rule in rules:
                for _ in rule.check(doc, CONTEXT):
                    pass
            best = min(best, time.process_time() - started)
        finally:
            gc.enable()
    return best


@pytest.mark.slow
@pytest.mark.parametrize("family", FAMILIES)
def test_family_time_grows_linearly_on_hostile_input(family: str) -> None:
    rules = [rule for rule in ALL_RULES if rule.family == family]
    assert rules
    ratios = {}
    for name in HOSTILE:
        small = _family_seconds(rules, INPUTS[name](SMALL))
        large = _family_seconds(rules, INPUTS[name](LARGE))
        if large >= 8 * small + NOISE:
            # Measured again, longer, before failing: a busy machine can slow one run,
            # while quadratic work is slow on every run.
            small = _family_seconds(rules, INPUTS[name](SMALL), runs=7)
            large = _family_seconds(rules, INPUTS[name](LARGE), runs=7)
        ratios[name] = (small, large)
        assert large < 8 * small + NOISE, (family, name, ratios[name])
