"""Seconds each rule takes on about 1 MB of corpus-like text, to find where check time goes.

The text is the throughput benchmark's (sample corpus and evaluation documents, one
paragraph in eight turned into mojibake), in files of ``--file-kb`` kilobytes. Shared
per-document work (lines, paragraphs, protected spans, Document.shared analyses) is
charged to the first rule that asks for it, as in a real run; ``documents`` times building
that shared work alone.

Usage: python benchmarks/rule_speed.py [--size-mb 1] [--file-kb 64] [--family QUO]
"""

from __future__ import annotations

import argparse
import sys
import tempfile
import time
from pathlib import Path

sys.path.insert(0, str(Path(__file__).resolve().parent))

from throughput import build_corpus

from repair import Config
from repair.checker import enabled_rules
from repair.document import Document
from repair.rules.base import CheckContext


def main() -> int:
    parser = argparse.ArgumentParser(description=__doc__.split("\n\n")[0])
    parser.add_argument("--size-mb", type=float, default=1.0)
    parser.add_argument("--file-kb", type=int, default=64)
    parser.add_argument("--family", default="", help="only rules whose code starts so")
    args = parser.parse_args()
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


if __name__ == "__main__":
    raise SystemExit(main())
