"""How long ``repair report`` takes to render its page, and how much memory, for a large corpus.

A corpus of N documents (default 10,000) is made of copies of one damaged article's record
and diff (the sample corpus's machine-translated article, scored once), each with its own
score; the page is rendered from it as ``repair report`` renders it. Printed: the time and
the peak memory (tracemalloc) of :func:`repair.report.html.render_html` and of writing
``summary.json`` (streamed, as the CLI writes it), and the sizes of summary.json,
diffs.json and index.html. The page details
at most ``DETAILED_FILES`` documents and charts ``CHART_ROWS``, so its size and the time a
browser needs stay flat as the corpus grows.

    python benchmarks/report_page.py             # 10,000 documents
    python benchmarks/report_page.py --files 2000
"""

from __future__ import annotations

import argparse
import json
import os
import time
import tracemalloc
from collections.abc import Callable
from pathlib import Path
from typing import Any

from repair.report import html, summary
from repair.score.files import score_paths
from repair.score.quality import default_weights

ARTICLE = (
    Path(__file__).resolve().parent.parent
    / "corpus"
    / ("cnbc-munich-conference.machine-translated.txt")
)


def measured(label: str, work: Callable[[], Any]) -> Any:
    """Run ``work`` twice: timed alone, then under tracemalloc (which slows it) for its
    peak memory; print both, return its value."""
    started = time.perf_counter()
    work()
    elapsed = time.perf_counter() - started
    tracemalloc.start()
    value = work()
    _, peak = tracemalloc.get_traced_memory()
    tracemalloc.stop()
    print(f"{label:<24} {elapsed:7.2f} s   peak {peak / 2**20:7.1f} MiB")
    return value


def corpus_of(count: int) -> tuple[dict[str, Any], dict[str, str]]:
    """A summary of ``count`` copies of the article, and their diffs."""
    (score,) = score_paths([ARTICLE], config=None)
    record = summary.report_file_record(score)
    diff = summary.repair_diffs([score])[score.path]
    files = []
    diffs = {}
    for number in range(count):
        path = f"corpus/{number:05d}.txt"
        files.append({**record, "path": path, "score_after": (number * 37 % 1000) / 10})
        diffs[path] = diff.replace(score.path, path)
    data = summary.corpus_summary([score], default_weights())
    return {**data, "files": files}, diffs


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__.split("\n")[0])
    parser.add_argument("--files", type=int, default=10_000, help="documents (default 10,000)")
    files = parser.parse_args().files
    data, diffs = corpus_of(files)
    print(f"{files} documents of {ARTICLE.stat().st_size:,} bytes each")
    page = measured("index.html", lambda: html.render_html(data, diffs))
    with Path(os.devnull).open("w", encoding="utf-8") as sink:  # as the CLI writes it: streamed
        measured("summary.json (written)", lambda: summary.write_summary_json(data, sink))
    text = summary.summary_json(data)
    diffs_text = json.dumps(diffs, ensure_ascii=False, indent=0)
    corpus_bytes = files * ARTICLE.stat().st_size
    for name, body in (("summary.json", text), ("diffs.json", diffs_text), ("index.html", page)):
        size = len(body.encode("utf-8"))
        print(f"{name:<24} {size / 2**20:7.1f} MiB   {size / corpus_bytes:5.2f} x the corpus")


if __name__ == "__main__":
    main()
