"""The cost of ``fix`` against ``check``: the fix loop's re-check of changed paragraphs
beside a full check after every pass, measured in one run.

Method (printed at the start of every run): 80 files of 25 KB of news paragraphs (the
paragraphs of benchmarks/throughput.py, one in eight turned to mojibake, seed 1), the rules
loaded and warmed first. Three runs over all files, in ``--repeat`` interleaved rounds:
``check`` (the engine's), ``fix`` as the engine runs it (repair/recheck.py: after a pass,
paragraph-local rules check again only the changed paragraphs, and document-wide analyses
recompute only the paragraphs, lines and blocks a pass changed, see Document.run_memo), the
same without that run memo, and ``fix`` checking the whole text after every pass (the fix
loop before the re-check). Each keeps its best CPU
time (``time.process_time``, one process); the ratio fix/check says how many checks a fix
costs. The two fixes must give the same results: the run says so, or stops.

Usage: python benchmarks/fix_loop.py [--repeat 5]
"""

from __future__ import annotations

import argparse
import random
import sys
import time
from collections.abc import Callable
from pathlib import Path

sys.path.insert(0, str(Path(__file__).resolve().parent))
sys.path.insert(0, str(Path(__file__).resolve().parent.parent))

from throughput import mojibake, source_paragraphs

from repair import checker, engine
from repair.config import Config
from repair.document import Document
from repair.findings import Finding
from repair.fixer import FixResult, Revision, fix_document
from repair.recheck import Rechecker

FILES = 80
FILE_CHARS = 25_000


def texts() -> list[str]:
    rng = random.Random(1)
    paragraphs = source_paragraphs()
    result = []
    for _ in range(FILES):
        chosen: list[str] = []
        size = 0
        while size < FILE_CHARS:
            paragraph = rng.choice(paragraphs)
            if rng.random() < 1 / 8:
                paragraph = mojibake(paragraph)
            chosen.append(paragraph)
            size += len(paragraph) + 2
        result.append("\n\n".join(chosen) + "\n")
    return result


def main() -> int:
    parser = argparse.ArgumentParser(description=__doc__.split("\n\n")[0])
    parser.add_argument("--repeat", type=int, default=5)
    args = parser.parse_args()
    print(__doc__.split("Usage:")[0].strip(), "\n")
    config = Config()
    checker.prepare(config)
    corpus = texts()

    def full_check(doc: Document, since: Revision | None = None) -> list[Finding]:
        return checker.check_document(doc, config)

    def check() -> list[object]:
        return [engine.run(Document(text), config) for text in corpus]

    def fix() -> list[FixResult]:
        return [_as_result(engine.run(Document(text), config, fix=True)) for text in corpus]

    def fix_without_memo() -> list[FixResult]:
        return [
            _as_result(fix_document(Document(text), Rechecker(config, memo=False)))
            for text in corpus
        ]

    def fix_full() -> list[FixResult]:
        return [_as_result(fix_document(Document(text), full_check)) for text in corpus]

    runs: dict[str, Callable[[], list[object]] | Callable[[], list[FixResult]]] = {
        "check": check,
        "fix": fix,
        "fix, no run memo": fix_without_memo,
        "fix, full re-check": fix_full,
    }
    best = dict.fromkeys(runs, float("inf"))
    outputs: dict[str, object] = {}
    for _ in range(args.repeat):
        for name, run in runs.items():
            start = time.process_time()
            outputs[name] = run()
            best[name] = min(best[name], time.process_time() - start)
    if not outputs["fix"] == outputs["fix, no run memo"] == outputs["fix, full re-check"]:
        print("the fixes differ")
        return 1
    size = sum(len(text.encode()) for text in corpus) / 1e6
    print(f"{size:.2f} MB, {FILES} files, best of {args.repeat} rounds (CPU seconds)")
    for name, seconds in best.items():
        print(f"{name:20} {seconds:6.2f} s  {seconds / best['check']:5.2f} x check")
    return 0


def _as_result(outcome: object) -> FixResult:
    """The fields both fixes give, to compare them."""
    return FixResult(
        text=outcome.text,  # type: ignore[attr-defined]
        original="",
        applied=outcome.applied,  # type: ignore[attr-defined]
        remaining=outcome.remaining,  # type: ignore[attr-defined]
        passes=outcome.passes,  # type: ignore[attr-defined]
        found=outcome.found,  # type: ignore[attr-defined]
    )


if __name__ == "__main__":
    raise SystemExit(main())
