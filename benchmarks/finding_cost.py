"""What share of a check's or a fix's CPU goes to making findings rather than searching text.

Counts the calls a run over ``--size-mb`` of the throughput benchmark's text makes to each
value constructor of :mod:`repair.findings` (and to the stamping and sorting of
:mod:`repair.checker`), times one call of each alone (``timeit``, best of 5, no profiler
inflating small calls), and prints calls x cost against the run's CPU (best of 3). Also
prints what the garbage collector took during one run, from ``gc.callbacks``: every
value made is a tracked object, and allocations are what start collections.

Usage: python benchmarks/finding_cost.py [check|fix] [--size-mb 2]
"""

from __future__ import annotations

import argparse
import gc
import sys
import tempfile
import time
import timeit
from collections import Counter
from collections.abc import Callable
from pathlib import Path
from typing import Any

sys.path.insert(0, str(Path(__file__).resolve().parent))

from throughput import build_corpus

from repair import Config
from repair.api import fix_text
from repair.checker import check_document
from repair.document import Document
from repair.findings import Applicability, Edit, Fix, Hit, Span
from repair.registry import ALL_RULES
from repair.rules.base import Rule

SAFE = Applicability.SAFE
_SPAN = Span(3, 9)
_FIX = Fix.replace(3, 9, "x", SAFE)
_HIT = Hit("Mojibake", _SPAN, _FIX)
_RULE = ALL_RULES[0]
_FINDING = _RULE.stamp(_HIT)
# One typical call of each counted callable: (owner, attribute, statement timed alone).
_CALLS: list[tuple[Any, str, Callable[[], object]]] = [
    (Span, "__init__", lambda: Span(3, 9)),
    (Edit, "__init__", lambda: Edit(3, 9, "x")),
    (Fix, "replace", lambda: Fix.replace(3, 9, "x", SAFE)),
    (Fix, "__post_init__", lambda: Fix((Edit(1, 2, ""), Edit(5, 6, "")), SAFE)),
    (Hit, "__init__", lambda: Hit("Mojibake", _SPAN, _FIX)),
    (Rule, "stamp", lambda: _RULE.stamp(_HIT)),
    (None, "message", lambda: f"Mojibake {'Ã©'!r} for {'é'!r}"),
    (None, "sort key", lambda: (_FINDING.span.start, _FINDING.span.end, _FINDING.code)),
]


def _count_calls(run: Callable[[], int]) -> Counter[str]:
    """Calls of each counted callable during ``run``, through wrappers put in place for it."""
    counts: Counter[str] = Counter()
    originals = []
    for owner, name, _ in _CALLS:
        if owner is None:
            continue
        original = owner.__dict__[name]
        function = original.__func__ if isinstance(original, classmethod) else original
        label = f"{owner.__name__}.{name}"

        def counted(*args: Any, _f: Any = function, _label: str = label, **kw: Any) -> Any:
            counts[_label] += 1
            return _f(*args, **kw)

        setattr(owner, name, classmethod(counted) if isinstance(original, classmethod) else counted)
        originals.append((owner, name, original))
    try:
        found = run()
    finally:
        for owner, name, original in originals:
            setattr(owner, name, original)
    # A message formatted and a sort key made per finding stamped (most findings are sorted
    # once by check_document; a fix's re-checks sort the carried ones again, not counted).
    counts["None.message"] = counts["None.sort key"] = counts["Rule.stamp"]
    counts["findings"] = found
    return counts


def main() -> int:
    parser = argparse.ArgumentParser(description=__doc__.split("\n\n")[0])
    parser.add_argument("mode", nargs="?", choices=["check", "fix"], default="check")
    parser.add_argument("--size-mb", type=float, default=2.0)
    args = parser.parse_args()
    folder = Path(tempfile.mkdtemp(prefix="finding-cost-"))
    build_corpus(folder, args.size_mb, file_size=25 * 1024)
    texts = [p.read_text(encoding="utf-8") for p in sorted(folder.iterdir())]
    config = Config()

    def run() -> int:
        if args.mode == "check":
            return sum(
                len(check_document(Document.from_text(t, path="a.txt"), config)) for t in texts
            )
        return sum(len(fix_text(t, config=config).remaining) for t in texts)

    run()  # word lists, models and memos loaded before anything is timed
    counts = _count_calls(run)
    seconds = []
    for _ in range(3):
        start = time.process_time()
        run()
        seconds.append(time.process_time() - start)
    total = min(seconds)
    print(f"{args.mode}: {len(texts)} files, {total:.3f} s CPU, {counts['findings']} findings left")
    share = 0.0
    edit = _each(_CALLS[1][2])
    for owner, name, call in _CALLS:
        label = f"{getattr(owner, '__name__', None)}.{name}"
        # A fix's own cost: its edits' __init__ calls are counted under Edit.__init__.
        each = _each(call) - {"replace": 1, "__post_init__": 2}.get(name, 0) * edit
        cost = counts[label] * each
        share += cost
        print(f"  {label:22} {counts[label]:7} x {each * 1e6:5.2f} us = {cost * 1e3:5.2f} ms")
    print(f"  findings' values: {share * 1e3:.1f} ms, {100 * share / total:.1f}% of the run")
    print("  (Span.__init__ counts checked spans; lines' spans are made without it)")
    gc_seconds, collections = _gc_seconds(run)
    print(
        f"  garbage collector: {gc_seconds * 1e3:.1f} ms, {100 * gc_seconds / total:.1f}%"
        f" (collections by generation: {collections})"
    )
    return 0


def _each(call: Callable[[], object]) -> float:
    return min(timeit.repeat(call, number=20000, repeat=5)) / 20000


def _gc_seconds(run: Callable[[], int]) -> tuple[float, list[int]]:
    """Seconds the collector took during ``run``, and its collections of each generation."""
    spent = [0.0, 0.0]
    collections = [0, 0, 0]

    def callback(phase: str, info: dict[str, int]) -> None:
        if phase == "start":
            spent[1] = time.perf_counter()
        else:
            spent[0] += time.perf_counter() - spent[1]
            collections[info["generation"]] += 1

    gc.callbacks.append(callback)
    try:
        run()
    finally:
        gc.callbacks.remove(callback)
    return spent[0], collections


if __name__ == "__main__":
    raise SystemExit(main())
