"""Scraping leftovers on real pages: the labelled set ../shared/eval/scraped (50 pages x 2 files).

Each page of the set is scraped two ways (BeautifulSoup ``get_text`` -> ``NAME.bs4.txt``,
html2text -> ``NAME.h2t.md``) and every non-blank line is labelled BODY (article text), JUNK
(``where``: ``inside`` the article or ``outside`` it, and a rough ``kind``) or UNKNOWN (not
scored). See the set's README.

Method (printed with the figures):
- check: the findings of the SCR (scraping) and STR (structure) rules, on the whole file as it
  is (``--span`` also runs on the article span only: first to last BODY line, where only
  ``inside`` labels apply). A line is *found* (or *flagged*) when the line range of a
  leftover finding holds it: SCR* and STR003 (repeated line). STR001/STR002/STR004 join
  broken sentences or report a cut text; they are listed apart.
- fix: ``fix_text`` with the same rules, safe fixes only (the default) and with unsafe fixes.
  The fixed text is aligned with the original line by line (difflib.SequenceMatcher on the
  lists of lines, no autojunk): a line in an ``equal`` block is *kept*; a line in a
  ``replace`` block is *changed* when some new line of the block holds it (lines joined)
  or is at least 60% like it (rapidfuzz ratio), else *deleted*; a line in a ``delete``
  block is *deleted*.
- JUNK recall = found / JUNK lines, for ``inside`` and ``outside`` apart, per kind, pooled
  and as the mean over files (and over pages: both files of a page pooled) that have such
  lines. JUNK removed = deleted / JUNK lines. BODY harm = BODY lines flagged, changed,
  deleted, as counts and shares of all BODY lines, with examples.

Usage: python benchmarks/scraping.py [--eval DIR] [--select SCR,STR] [--span] [--examples N]
       [--only NAME] [--per-file] [--missed KIND]
"""

from __future__ import annotations

import argparse
import difflib
import json
import sys
import time
from collections import Counter
from collections.abc import Iterable, Sequence
from dataclasses import dataclass, field
from pathlib import Path

from rapidfuzz import fuzz

from repair import Config, Document, fix_text
from repair.findings import Finding

LEFTOVER_CODES: tuple[str, ...] = ("SCR", "STR003")
"""Findings that say a line is a leftover: every scraping rule and the repeated line. The
other structure rules (a sentence broken over lines...) flag BODY fragments of ``get_text``
output rightly; they are run and their fixes applied, but they find no leftover."""
_SIMILAR: int = 60
"""A line of a replaced block that is this like an old line (rapidfuzz ratio) is a change."""


@dataclass(frozen=True, slots=True)
class Labelled:
    """One file of the set with its labels (1-based line numbers)."""

    name: str
    page: str
    text: str
    body: frozenset[int]
    junk: dict[int, tuple[str, str]]
    """Line -> (where, kind)."""


@dataclass
class Outcome:
    """What the rules did to one file."""

    file: Labelled
    found: dict[int, set[str]] = field(default_factory=dict)
    """Line -> codes of the leftover findings (:data:`LEFTOVER_CODES`) that touch it."""
    other: dict[int, set[str]] = field(default_factory=dict)
    """Line -> codes of the other findings (STR001 joins, STR002...) that touch it."""
    safe: dict[int, str] = field(default_factory=dict)
    """Line -> "changed" or "deleted" by the safe fix (kept lines are absent)."""
    unsafe: dict[int, str] = field(default_factory=dict)


def load_set(folder: Path, only: str | None) -> list[Labelled]:
    files = []
    for labels_path in sorted(folder.glob("*.labels.json")):
        labels = json.loads(labels_path.read_text(encoding="utf-8"))
        name = labels["file"]
        page = name.split(".")[0]
        if only and page != only and name != only:
            continue
        text = (folder / name).read_text(encoding="utf-8")
        junk = {j["line"]: (j["where"], j["kind"]) for j in labels["junk_lines"]}
        files.append(Labelled(name, page, text, frozenset(labels["body_lines"]), junk))
    return files


def article_span(file: Labelled) -> Labelled:
    """The file cut to its article (first to last BODY line), with the inside labels only."""
    first, last = min(file.body), max(file.body)
    lines = file.text.split("\n")
    text = "\n".join(lines[first - 1 : last]) + "\n"
    shift = first - 1
    body = frozenset(n - shift for n in file.body)
    junk = {n - shift: label for n, label in file.junk.items() if first <= n <= last}
    return Labelled(file.name, file.page, text, body, junk)


def touched_lines(doc: Document, finding: Finding) -> range:
    """1-based line numbers a finding's span holds (a span ending at a line start stops
    before that line)."""
    first = doc.line_index(finding.span.start)
    end = max(finding.span.start, finding.span.end - 1)
    last = doc.line_index(end)
    return range(first + 1, last + 2)


def _is_counterpart(line: str, candidate: str) -> bool:
    """True when ``candidate`` is ``line`` edited, or holds it (lines joined by a fix)."""
    core = line.strip()
    return core in candidate or fuzz.ratio(line, candidate) >= _SIMILAR


def line_fates(old: str, new: str) -> dict[int, str]:
    """1-based old line -> "changed" or "deleted"; kept lines are left out."""
    old_lines, new_lines = old.split("\n"), new.split("\n")
    matcher = difflib.SequenceMatcher(None, old_lines, new_lines, autojunk=False)
    fates: dict[int, str] = {}
    for tag, i1, i2, j1, j2 in matcher.get_opcodes():
        if tag == "equal" or tag == "insert":
            continue
        for index in range(i1, i2):
            line = old_lines[index]
            if not line.strip():
                continue
            similar = tag == "replace" and any(
                _is_counterpart(line, candidate) for candidate in new_lines[j1:j2]
            )
            fates[index + 1] = "changed" if similar else "deleted"
    return fates


def run_file(file: Labelled, config: Config) -> Outcome:
    path = file.name
    outcome = Outcome(file)
    unsafe = fix_text(file.text, config=config, unsafe=True, path=path)
    doc = Document.from_text(file.text, path=path)
    for finding in unsafe.found:
        leftover = finding.code.startswith(LEFTOVER_CODES)
        for line in touched_lines(doc, finding):
            (outcome.found if leftover else outcome.other).setdefault(line, set()).add(finding.code)
    outcome.unsafe = line_fates(file.text, unsafe.text)
    safe = fix_text(file.text, config=config, unsafe=False, path=path)
    outcome.safe = line_fates(file.text, safe.text)
    return outcome


def share(part: int, whole: int) -> str:
    return f"{100 * part / whole:5.1f}%" if whole else "    -"


def mean(values: Sequence[float]) -> str:
    return f"{100 * sum(values) / len(values):5.1f}%" if values else "    -"


def junk_lines(outcomes: Iterable[Outcome], where: str) -> list[tuple[Outcome, int, str]]:
    return [
        (o, line, kind)
        for o in outcomes
        for line, (place, kind) in sorted(o.file.junk.items())
        if place == where
    ]


def group_mean(rows: list[tuple[Outcome, int, str]], key: str, hit: str) -> list[float]:
    """Per file (``key="file"``) or per page, the share of ``rows`` that are ``hit``."""
    totals: Counter[str] = Counter()
    hits: Counter[str] = Counter()
    for outcome, line, _ in rows:
        group = outcome.file.name if key == "file" else outcome.file.page
        totals[group] += 1
        hits[group] += is_hit(outcome, line, hit)
    return [hits[group] / totals[group] for group in totals]


def is_hit(outcome: Outcome, line: int, hit: str) -> bool:
    if hit == "found":
        return line in outcome.found
    fates = outcome.safe if hit == "safe" else outcome.unsafe
    return fates.get(line) == "deleted"


def print_junk(outcomes: list[Outcome], title: str) -> None:
    print(f"\n== JUNK lines: {title}")
    print(
        f"{'where':8} {'lines':>6} | {'found':>6} {'/file':>6} {'/page':>6} | "
        f"{'rm safe':>7} {'rm unsafe':>9}"
    )
    for where in ("inside", "outside"):
        rows = junk_lines(outcomes, where)
        if not rows:
            continue
        found = sum(is_hit(o, line, "found") for o, line, _ in rows)
        safe = sum(is_hit(o, line, "safe") for o, line, _ in rows)
        unsafe = sum(is_hit(o, line, "unsafe") for o, line, _ in rows)
        per_file = mean(group_mean(rows, "file", "found"))
        per_page = mean(group_mean(rows, "page", "found"))
        print(
            f"{where:8} {len(rows):6} | {share(found, len(rows))} {per_file} {per_page} | "
            f"{share(safe, len(rows)):>7} {share(unsafe, len(rows)):>9}"
        )
    every = junk_lines(outcomes, "inside") + junk_lines(outcomes, "outside")
    removed = sum(is_hit(o, line, "unsafe") for o, line, _ in every)
    print(f"all JUNK removed by --unsafe-fixes: {share(removed, len(every)).strip()}")
    print(f"\n{'kind':16} {'in':>5} {'found':>6} {'rm-u':>6} | {'out':>5} {'found':>6} {'rm-u':>6}")
    kinds = sorted({kind for o in outcomes for _, kind in o.file.junk.values()})
    for kind in kinds:
        cells = []
        for where in ("inside", "outside"):
            rows = [r for r in junk_lines(outcomes, where) if r[2] == kind]
            found = sum(is_hit(o, line, "found") for o, line, _ in rows)
            removed = sum(is_hit(o, line, "unsafe") for o, line, _ in rows)
            cells.append(f"{len(rows):5} {share(found, len(rows))} {share(removed, len(rows))}")
        print(f"{kind:16} {cells[0]} | {cells[1]}")


def print_body(outcomes: list[Outcome], examples: int) -> None:
    body = [(o, line) for o in outcomes for line in sorted(o.file.body)]
    flagged = [(o, line) for o, line in body if line in o.found]
    print(f"\n== BODY lines: {len(body)}")
    print(f"flagged by a finding: {len(flagged):5} {share(len(flagged), len(body))}")
    for fix in ("safe", "unsafe"):
        for fate in ("changed", "deleted"):
            hit = [
                (o, line)
                for o, line in body
                if (o.safe if fix == "safe" else o.unsafe).get(line) == fate
            ]
            print(f"{fate} by the {fix} fix: {len(hit):5} {share(len(hit), len(body))}")
            show_examples(hit, examples)
    print("flagged, by code:", dict(Counter(c for o, line in flagged for c in o.found[line])))
    show_examples(flagged, examples)
    other = Counter(c for o, line in body for c in o.other.get(line, ()))
    print("BODY lines touched by the other (structure) findings, by code:", dict(other))


def show_examples(rows: list[tuple[Outcome, int]], limit: int) -> None:
    for outcome, line in rows[:limit]:
        text = outcome.file.text.split("\n")[line - 1]
        codes = ",".join(sorted(outcome.found.get(line, ()))) or "-"
        print(f"    {outcome.file.name}:{line} [{codes}] {text[:100]!r}")


def print_per_file(outcomes: list[Outcome]) -> None:
    print(f"\n{'file':40} {'in':>4} {'found':>6} {'out':>5} {'found':>6} {'rm-u':>6} {'body-':>5}")
    for o in outcomes:
        inside = junk_lines([o], "inside")
        outside = junk_lines([o], "outside")
        found_in = sum(is_hit(o, line, "found") for _, line, _ in inside)
        found_out = sum(is_hit(o, line, "found") for _, line, _ in outside)
        every = inside + outside
        removed = sum(is_hit(o, line, "unsafe") for _, line, _ in every)
        body_harm = sum(1 for line in o.file.body if o.unsafe.get(line) == "deleted")
        print(
            f"{o.file.name:40} {len(inside):4} {share(found_in, len(inside))} {len(outside):5} "
            f"{share(found_out, len(outside))} {share(removed, len(every))} {body_harm:5}"
        )


def print_missed(outcomes: list[Outcome], kind: str, where: str, limit: int) -> None:
    rows = [r for r in junk_lines(outcomes, where) if kind in ("all", r[2])]
    missed = [(o, line) for o, line, _ in rows if line not in o.found]
    print(f"\n== missed JUNK {where} {kind}: {len(missed)}")
    show_examples(missed, limit)


def main() -> int:
    parser = argparse.ArgumentParser(description=__doc__.split("\n\n")[0])
    default = Path(__file__).resolve().parent.parent.parent / "shared" / "eval" / "scraped"
    parser.add_argument("--eval", type=Path, default=default, help="the scraped folder")
    parser.add_argument("--select", default="SCR,STR", help="rule codes or prefixes (SCR,STR)")
    parser.add_argument("--span", action="store_true", help="also run on the article spans")
    parser.add_argument("--examples", type=int, default=5, help="examples per harm (5)")
    parser.add_argument("--only", help="one page (NAME) or file")
    parser.add_argument("--per-file", action="store_true", help="a line of figures per file")
    parser.add_argument("--missed", help="print missed JUNK of this kind ('all' for every kind)")
    parser.add_argument("--where", default="inside", help="with --missed: inside or outside")
    args = parser.parse_args()
    if not (args.eval / "README.md").exists():
        print(f"no evaluation data in {args.eval}", file=sys.stderr)
        return 2
    config = Config(select=tuple(code.strip() for code in args.select.split(",")))
    print(__doc__.split("\n\n", 1)[1].rsplit("\n\nUsage", 1)[0])
    files = load_set(args.eval, args.only)
    runs = [("whole files", files)]
    if args.span:
        runs.append(("article spans only", [article_span(f) for f in files]))
    for title, chosen in runs:
        started = time.perf_counter()
        outcomes = [run_file(file, config) for file in chosen]
        elapsed = time.perf_counter() - started
        print(f"\n#### {title}: {len(chosen)} files, rules {args.select}, {elapsed:.1f} s")
        print_junk(outcomes, title)
        print_body(outcomes, args.examples)
        if args.per_file:
            print_per_file(outcomes)
        if args.missed:
            print_missed(outcomes, args.missed, args.where, 10_000)
    return 0


if __name__ == "__main__":
    sys.exit(main())
