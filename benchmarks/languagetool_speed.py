"""How fast a local LanguageTool server checks news text, and what it costs to run.

Starts a server from the release scripts/languagetool.sh fetched (or uses --url), then
prints: the time until it answers and until its first check is done (start-up), the words
per second through it for several batch sizes, sent one request at a time and from two
threads at once, and the server's resident memory at the end (for a server it started).

The text: the human references of ../shared/eval/mqm-zhen (clean news, about 35,000
words), cut to --words.

Usage: python benchmarks/languagetool_speed.py [--url URL] [--words N] [--eval DIR]
"""

from __future__ import annotations

import argparse
import csv
import os
import re
import sys
import time
from concurrent.futures import ThreadPoolExecutor
from pathlib import Path

from repair import languagetool
from repair.findings import Span
from repair.languagetool_server import LocalServer, newest_installation

WORD = re.compile(r"\w+")


def words(text: str) -> int:
    return len(WORD.findall(text))


def load_references(folder: Path) -> list[str]:
    with (folder / "references.tsv").open(encoding="utf-8", newline="") as stream:
        rows = list(csv.DictReader(stream, delimiter="\t", quoting=csv.QUOTE_NONE))
    return [row[column] for row in rows for column in ("Human-A", "Human-B")]


def resident_mb(pid: int) -> float:
    """The process's resident memory in MB, from /proc (Linux)."""
    for line in Path(f"/proc/{pid}/status").read_text().splitlines():
        if line.startswith("VmRSS:"):
            return int(line.split()[1]) / 1024
    return float("nan")


def requests_for(paragraphs: list[str], limit: int) -> list[str]:
    text = "\n".join(paragraphs)
    spans, offset = [], 0
    for paragraph in paragraphs:
        spans.append(Span(offset, offset + len(paragraph)))
        offset += len(paragraph) + 1
    return [batch for batch, _ in languagetool.batches(text, spans, limit)]


def words_per_second(url: str, batches: list[str], threads: int) -> tuple[float, float]:
    checker = languagetool.HttpChecker(url, timeout=600)
    started = time.perf_counter()
    with ThreadPoolExecutor(threads) as pool:
        list(pool.map(lambda batch: checker.check(batch, "en-US"), batches))
    seconds = time.perf_counter() - started
    return sum(words(b) for b in batches) / seconds, seconds


def main() -> int:
    parser = argparse.ArgumentParser(description=__doc__.split("\n\n")[0])
    default = Path(__file__).resolve().parent.parent.parent / "shared" / "eval" / "mqm-zhen"
    parser.add_argument("--eval", type=Path, default=default, help="the mqm-zhen folder")
    parser.add_argument("--url", help="a running server (default: start one)")
    parser.add_argument("--words", type=int, default=12_000, help="words of text per figure")
    args = parser.parse_args()
    if not (args.eval / "references.tsv").exists():
        print(f"no evaluation data in {args.eval}", file=sys.stderr)
        return 2
    paragraphs, count = [], 0
    for text in load_references(args.eval):
        if count >= args.words:
            break
        paragraphs.append(text)
        count += words(text)

    server = None
    url = args.url
    if url is None:
        installation = newest_installation(os.environ)
        if installation is None:
            print("no LanguageTool release: run scripts/languagetool.sh fetch", file=sys.stderr)
            return 2
        started = time.perf_counter()
        server = LocalServer.start(installation)
        print(f"start-up (answering, first check done): {time.perf_counter() - started:.1f} s")
        print(f"server memory after start-up: {resident_mb(server.process.pid):.0f} MB")
        url = server.url
    try:
        print(f"\n{count} words, {len(paragraphs)} paragraphs, on {os.cpu_count()} cores")
        print(f"{'batch (chars)':>13} {'requests':>8} {'threads':>7} {'words/s':>8} {'s':>6}")
        for limit in (2_000, languagetool.BATCH_CHARS):
            batches = requests_for(paragraphs, limit)
            for threads in (1, 2):
                rate, seconds = words_per_second(url, batches, threads)
                print(f"{limit:>13} {len(batches):>8} {threads:>7} {rate:>8.0f} {seconds:>6.1f}")
        if server is not None:
            print(f"\nserver memory at the end: {resident_mb(server.process.pid):.0f} MB")
    finally:
        if server is not None:
            server.stop()
    return 0


if __name__ == "__main__":
    raise SystemExit(main())
