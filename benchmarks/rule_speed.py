"""Seconds each rule takes on about 1 MB of corpus-like text, to find where check time goes.

The text is the throughput benchmark's (sample corpus and evaluation documents, one
paragraph in eight turned into mojibake), in files of ``--file-kb`` kilobytes. Shared
per-document work (lines, paragraphs, protected spans, Document.shared analyses) is
charged to the first rule that asks for it, as in a real run; ``documents`` times building
that shared work alone.

With ``--growth``, each rule instead runs on every input of ``hostile_inputs.py`` at 100 KB;
on its worst (slowest) one it runs again at 1 MB and 4 MB, and the table shows the CPU
seconds (``time.process_time``, best of ``--repeat``) and the growth ratio t(4 MB)/t(1 MB):
4 for a rule linear in its input, 16 for a quadratic one.

Usage: python benchmarks/rule_speed.py [--size-mb 1] [--file-kb 64] [--family QUO]
       python benchmarks/rule_speed.py --growth [--family QUO] [--sizes-kb 100,1000,4000]
       python benchmarks/rule_speed.py --long-line [--sizes-kb 10,100,1000,10000]

``--long-line`` times a whole check (every default rule, as ``repair check`` runs them) of
ONE line made of the benchmark's paragraphs (one in eight mojibake) joined by spaces, at
each size, and prints CPU seconds per MB: flat when the check is linear in the line.
"""

from __future__ import annotations

import argparse
import sys
import tempfile
import time
from pathlib import Path

sys.path.insert(0, str(Path(__file__).resolve().parent))

from hostile_inputs import INPUTS
from throughput import build_corpus

from repair import Config
from repair.checker import check_document, enabled_rules
from repair.document import Document
from repair.registry import ALL_RULES
from repair.rules.base import CheckContext, Rule


def main() -> int:
    parser = argparse.ArgumentParser(description=__doc__.split("\n\n")[0])
    parser.add_argument("--size-mb", type=float, default=1.0)
    parser.add_argument("--file-kb", type=int, default=64)
    parser.add_argument("--family", default="", help="only rules whose code starts so")
    parser.add_argument("--growth", action="store_true", help="time growth on hostile inputs")
    parser.add_argument("--long-line", action="store_true", help="time a check of one line")
    parser.add_argument("--sizes-kb", default="100,1000,4000", help="with --growth, --long-line")
    parser.add_argument("--repeat", type=int, default=1, help="with --growth: best of N")
    args = parser.parse_args()
    if args.long_line:
        return long_line([int(kb) * 1000 for kb in args.sizes_kb.split(",")])
    if args.growth:
        sizes = [int(kb) * 1000 for kb in args.sizes_kb.split(",")]
        return growth(args.family, sizes, args.repeat)
    folder = Path(tempfile.mkdtemp(prefix="repair-rules-"))
    build_corpus(folder, max(1, round(args.size_mb)), file_size=args.file_kb * 1024)
    texts = [path.read_text(encoding="utf-8") for path in sorted(folder.iterdir())]
    megabytes = sum(len(t.encode("utf-8")) for t in texts) / 1e6
    config = Config()
    context = CheckContext(config)
    documents = [Document.from_text(text, path="bench.txt") for text in texts]
    started = time.perf_counter()
    for doc in documents:
        _ = doc.paragraphs, doc.protected, doc.lines
    shared = time.perf_counter() - started
    print(
        f"{len(texts)} texts, {megabytes:.2f} MB; "
        f"documents (lines, paragraphs, protected): {shared:.3f} s"
    )
    total = 0.0
    for rule in enabled_rules(config):
        if not rule.code.startswith(args.family):
            continue
        started = time.perf_counter()
        for doc in documents:
            for _ in rule.check(doc, context):
                pass
        elapsed = time.perf_counter() - started
        total += elapsed
        print(f"{rule.code} {rule.name:<34} {elapsed:7.3f} s")
    print(f"all rules: {total:.3f} s, {megabytes / max(total + shared, 1e-9):.2f} MB/s")
    return 0


def cpu_seconds(rule: Rule, text: str, context: CheckContext, repeat: int = 1) -> float:
    """CPU seconds of ``rule`` on ``text`` (its document's shared analyses included), best
    of ``repeat``."""
    best = float("inf")
    for _ in range(repeat):
        doc = Document.from_text(text, path="bench.txt")
        started = time.process_time()
        for _ in rule.check(doc, context):
            pass
        best = min(best, time.process_time() - started)
    return best


def long_line(sizes: list[int]) -> int:
    """Print the CPU time of a whole check of one line of each size, and its time per MB."""
    print("one line of the benchmark's paragraphs (one in 8 mojibake); process_time")
    print(f"{'size':>10} {'seconds':>9} {'s/MB':>7} {'findings':>9}")
    config = Config()
    check_document(Document.from_text(INPUTS["one-line"](10_000), path="line.txt"), config)
    for size in sizes:  # after a first check that loaded word lists and models
        text = INPUTS["one-line"](size)
        megabytes = len(text.encode("utf-8")) / 1e6
        started = time.process_time()
        found = check_document(Document.from_text(text, path="line.txt"), config)
        seconds = time.process_time() - started
        print(f"{size // 1000:>7} KB {seconds:>9.3f} {seconds / megabytes:>7.3f} {len(found):>9}")
    return 0


def growth(family: str, sizes: list[int], repeat: int) -> int:
    """Print each rule's time on its worst input at each size, and the last ratio."""
    context = CheckContext(Config(select=("ALL",), language="en"))
    rules = [r for r in ALL_RULES if r.code.startswith(family) and r.code != "LT001"]
    texts = {name: make(sizes[0]) for name, make in INPUTS.items()}
    heads = " ".join(f"{size // 1000:>7} KB" for size in sizes)
    print(f"process_time, best of {repeat}; worst input chosen at {sizes[0] // 1000} KB")
    print(f"{'rule':<8} {'worst input':<16} {heads} {'ratio':>6}")
    for rule in rules:
        worst = max(texts, key=lambda name: cpu_seconds(rule, texts[name], context))
        times = [cpu_seconds(rule, INPUTS[worst](size), context, repeat) for size in sizes]
        ratio = times[-1] / max(times[-2], 1e-6) if len(times) > 1 else float("nan")
        cells = " ".join(f"{seconds:>8.3f}s" for seconds in times)
        print(f"{rule.code:<8} {worst:<16} {cells} {ratio:>6.1f}", flush=True)
    return 0


if __name__ == "__main__":
    raise SystemExit(main())
