"""``index.html``: one self-contained page (inline CSS, inline SVG chart, no network).

The page is rendered by jinja2 with autoescaping on, so every piece of corpus text (file
names, messages quoting the text, diff lines) reaches the browser as text, never as markup.
Its Content-Security-Policy allows no network at all and only the page's own inline script,
by hash, so even markup that slipped through could not run.
"""

from __future__ import annotations

import base64
import difflib
import hashlib
import math
import re
import unicodedata
from collections.abc import Mapping, Sequence
from dataclasses import dataclass
from typing import Any, Final

import jinja2

# The page's only script: open or close every file's details, show only the files with
# findings of one rule family, and say it ran, how many resources it loaded (none) and how
# many chart labels stick out of the chart on the left (a headless browser test reads the
# data- attributes on <html>).
PAGE_SCRIPT: Final = """
(function () {
  var root = document.documentElement;
  window.addEventListener("error", function () { root.setAttribute("data-script", "error"); });
  function setAll(open) {
    var items = document.querySelectorAll("details.file");
    for (var i = 0; i < items.length; i++) { items[i].open = open; }
  }
  document.getElementById("expand-all").addEventListener("click", function () { setAll(true); });
  document.getElementById("collapse-all").addEventListener("click", function () { setAll(false); });
  var filter = document.getElementById("family-filter");
  filter.addEventListener("change", function () {
    var items = document.querySelectorAll("details.file");
    for (var k = 0; k < items.length; k++) {
      var families = items[k].getAttribute("data-families").split(" ");
      items[k].hidden = filter.value !== "" && families.indexOf(filter.value) < 0;
    }
  });
  root.setAttribute("data-resources", String(performance.getEntriesByType("resource").length));
  var bars = document.querySelectorAll("#chart rect.bar");
  root.setAttribute("data-bars", String(bars.length));
  var labels = document.querySelectorAll("#chart text.label");
  var clipped = 0;
  for (var j = 0; j < labels.length; j++) { if (labels[j].getBBox().x < 0) { clipped++; } }
  root.setAttribute("data-labels", String(labels.length));
  root.setAttribute("data-clipped-labels", String(clipped));
  if (root.getAttribute("data-script") !== "error") { root.setAttribute("data-script", "ok"); }
})();
""".strip()

_LABEL_CHARS: Final = 48
"""Longest label shown whole; a longer file name loses its middle to an ellipsis."""
_MIN_LABEL_WIDTH: Final = 120
_BAR_SPAN: Final = 400
_VALUE_WIDTH: Final = 60
_ROW_HEIGHT: Final = 34
_BAR_HEIGHT: Final = 12
_TOP: Final = 28
CHART_ROWS: Final = 60
"""Most files the chart shows: past this, the ones scoring lowest after repair."""
DETAILED_FILES: Final = 300
"""Most files the page details (findings and diff): past this, the lowest-scoring ones.
summary.json and summary.md hold every file."""
OPEN_FILES: Final = 5
"""How many of the worst files' sections the page opens."""


@dataclass(frozen=True, slots=True)
class Bar:
    y: int
    width: float
    score: float
    kind: str


@dataclass(frozen=True, slots=True)
class ChartRow:
    label: str
    """The file's full name, for the tooltip."""
    shown: str
    """The name as the label column shows it: :func:`shorten_middle` of ``label``."""
    label_y: int
    bars: tuple[Bar, ...]


def shorten_middle(text: str, limit: int) -> str:
    """``text``, or its start and end around an ellipsis when it is longer than ``limit``.

    The end keeps twice as much as the start: in a path it holds the file name, and in a
    record's name the record's number.

    >>> shown = shorten_middle("corpus/2025/02/agency-wire.scraped.jsonl[1841]", 30)
    >>> shown.split("\N{HORIZONTAL ELLIPSIS}")
    ['corpus/20', '.scraped.jsonl[1841]']
    >>> shorten_middle("short.txt", 30)
    'short.txt'
    """
    if len(text) <= limit:
        return text
    head = (limit - 1) // 3
    tail = limit - 1 - head
    return text[:head] + "\N{HORIZONTAL ELLIPSIS}" + text[len(text) - tail :]


def label_width(text: str) -> float:
    """The width ``text`` takes in the chart's 12px sans-serif labels, in pixels, on the wide side.

    >>> label_width("news.txt"), label_width("NEWS"), label_width("\u65b0\u95fb")
    (60.0, 36.0, 24.0)
    """
    return sum(_char_width(char) for char in text)


def _char_width(char: str) -> float:
    if unicodedata.east_asian_width(char) in ("W", "F"):
        return 12.0
    return 9.0 if char.isupper() else 7.5


def _environment() -> jinja2.Environment:
    return jinja2.Environment(
        loader=jinja2.PackageLoader("repair.report", "templates"),
        autoescape=True,
        undefined=jinja2.StrictUndefined,
        trim_blocks=True,
        lstrip_blocks=True,
    )


def script_hash(script: str) -> str:
    """The CSP source that allows exactly this inline script."""
    digest = hashlib.sha256(script.encode("utf-8")).digest()
    return "'sha256-" + base64.b64encode(digest).decode("ascii") + "'"


def lowest_scoring(files: Sequence[Mapping[str, Any]], limit: int) -> list[Mapping[str, Any]]:
    """At most ``limit`` of ``files``, worst first: those with an error, then the scored
    ones from the lowest score after repair up (ties: the lower score before, then the
    order in ``files``).

    A corpus of thousands of records would make a chart and a page nobody can read; the
    files that need a look are the ones worth showing, and first.
    """
    ranked = sorted(
        range(len(files)),
        # A file skipped (not English) has no score: it ranks as one with nothing to show.
        key=lambda i: (
            not files[i].get("error"),
            files[i].get("score_after", 100.0),
            files[i].get("score_before", 100.0),
            i,
        ),
    )
    return [files[i] for i in ranked[:limit]]


def chart_rows(files: Sequence[Mapping[str, Any]]) -> list[ChartRow]:
    """Bars of the scores before and after repair, one row per scored file."""
    rows = []
    index = 0
    for record in files:
        if record.get("error") or record.get("skipped"):
            continue
        top = _TOP + index * _ROW_HEIGHT
        bars = tuple(
            Bar(top + offset, _BAR_SPAN * record[key] / 100.0, record[key], kind)
            for offset, key, kind in ((0, "score_before", "before"), (14, "score_after", "after"))
        )
        label = record["path"]
        rows.append(ChartRow(label, shorten_middle(label, _LABEL_CHARS), top + 17, bars))
        index += 1
    return rows


def label_column(rows: Sequence[ChartRow]) -> int:
    """The width of the chart's label column: its widest label and a margin."""
    widest = max((label_width(row.shown) for row in rows), default=0.0)
    return max(_MIN_LABEL_WIDTH, math.ceil(widest) + 16)


@dataclass(frozen=True, slots=True)
class DiffLine:
    """A line of a unified diff as the page shows it: its css class and its pieces, each
    marked when it is a word the repair changed (so that a one-letter change in a long line
    is seen at once)."""

    kind: str
    pieces: tuple[tuple[str, bool], ...]


# Words, runs of spaces, and single marks: the units a changed line is compared in.
_TOKENS: Final = re.compile(r"\w+|\s+|[^\w\s]")
_LONGEST_COMPARED_LINE: Final = 5_000
"""Longer lines are marked changed whole: comparing them word by word costs too much."""


def _line_kind(line: str, in_hunk: bool = True) -> str:
    """The css class of a diff line; ``---``/``+++`` are file headers only before a hunk
    (inside one, "---" is a removed line that began with "--")."""
    if not in_hunk and line.startswith(("+++", "---")):
        return "head"
    if line.startswith("@@"):
        return "hunk"
    return {"+": "add", "-": "del"}.get(line[:1], "ctx")


def changed_words(old: str, new: str) -> tuple[list[tuple[str, bool]], list[tuple[str, bool]]]:
    """The pieces of two versions of a line, each marked when it differs from the other.

    >>> old, new = changed_words("a two -day truce", "a two-day truce")
    >>> [text for text, changed in old if changed], [text for text, changed in new if changed]
    ([' '], [])
    """
    if max(len(old), len(new)) > _LONGEST_COMPARED_LINE:
        return [(old, True)], [(new, True)]
    before, after = _TOKENS.findall(old), _TOKENS.findall(new)
    # A repair changes a few words of a line: the matcher, quadratic in the worst case,
    # compares only what lies between the common start and the common end.
    head = _common_length(before, after)
    tail = _common_length(before[head:][::-1], after[head:][::-1])
    old_pieces: list[tuple[str, bool]] = []
    new_pieces: list[tuple[str, bool]] = []
    _append(old_pieces, "".join(before[:head]), False)
    _append(new_pieces, "".join(after[:head]), False)
    middle_old, middle_new = before[head : len(before) - tail], after[head : len(after) - tail]
    matcher = difflib.SequenceMatcher(None, middle_old, middle_new, autojunk=False)
    for tag, i1, i2, j1, j2 in matcher.get_opcodes():
        changed = tag != "equal"
        _append(old_pieces, "".join(middle_old[i1:i2]), changed)
        _append(new_pieces, "".join(middle_new[j1:j2]), changed)
    _append(old_pieces, "".join(before[len(before) - tail :]), False)
    _append(new_pieces, "".join(after[len(after) - tail :]), False)
    return old_pieces, new_pieces


def _common_length(first: Sequence[str], second: Sequence[str]) -> int:
    """How many items the two sequences share from their start."""
    for index, (one, other) in enumerate(zip(first, second, strict=False)):
        if one != other:
            return index
    return min(len(first), len(second))


def _append(pieces: list[tuple[str, bool]], text: str, changed: bool) -> None:
    if text:
        pieces.append((text, changed))


def diff_lines(diff: str) -> list[DiffLine]:
    """Each line of a unified diff with its css class; a run of removed lines followed by
    a run of added ones is compared line by line, and the changed words are marked."""
    lines = diff.splitlines()
    shown: list[DiffLine] = []
    index = 0
    in_hunk = False
    while index < len(lines):
        kind = _line_kind(lines[index], in_hunk)
        in_hunk = (in_hunk or kind == "hunk") and kind != "head"
        if kind != "del":
            shown.append(DiffLine(kind, ((lines[index], False),)))
            index += 1
            continue
        removed = _run_of(lines, index, "del")
        added = _run_of(lines, index + len(removed), "add")
        shown += _paired(removed, added)
        index += len(removed) + len(added)
    return shown


def _run_of(lines: Sequence[str], start: int, kind: str) -> list[str]:
    end = start
    while end < len(lines) and _line_kind(lines[end]) == kind:
        end += 1
    return list(lines[start:end])


def _paired(removed: Sequence[str], added: Sequence[str]) -> list[DiffLine]:
    """The removed lines then the added ones, the n-th of each compared word by word."""
    old_lines: list[DiffLine] = []
    new_lines: list[DiffLine] = []
    for position, line in enumerate(removed):
        if position >= len(added):
            old_lines.append(DiffLine("del", ((line, False),)))
            continue
        old, new = changed_words(line[1:], added[position][1:])
        old_lines.append(DiffLine("del", (("-", False), *old)))
        new_lines.append(DiffLine("add", (("+", False), *new)))
    new_lines += [DiffLine("add", ((line, False),)) for line in added[len(removed) :]]
    return old_lines + new_lines


def opened(detailed: Sequence[Mapping[str, Any]], limit: int = OPEN_FILES) -> set[str]:
    """The paths of the files whose section the page opens: the first ``limit`` of the
    worst-first ``detailed`` that have an error or a finding."""
    worst = [r["path"] for r in detailed if r.get("error") or r.get("findings_list")]
    return set(worst[:limit])


def families_of(record: Mapping[str, Any]) -> str:
    """The rule families of a file's findings, space-separated, for the page's filter."""
    return " ".join(sorted(record.get("findings") or {}))


def render_html(summary: Mapping[str, Any], diffs: Mapping[str, str] | None = None) -> str:
    """The page for a ``summary.json`` object (see :func:`repair.report.summary.corpus_summary`);
    ``diffs`` maps a path to its repair's diff, when the records do not hold it."""
    files = summary["files"]
    scored = [record for record in files if not record.get("error") and not record.get("skipped")]
    rows = chart_rows(lowest_scoring(scored, CHART_ROWS))
    detailed = lowest_scoring(files, DETAILED_FILES)
    labels = label_column(rows)
    template = _environment().get_template("index.html.j2")

    def diff_of(record: Mapping[str, Any]) -> str:
        if diffs is not None:
            return diffs.get(record["path"], "")
        return str(record.get("diff", ""))

    return template.render(
        summary=summary,
        totals=summary["totals"],
        files=files,
        detailed=detailed,
        opened=opened(detailed),
        families_of=families_of,
        scored_count=len(scored),
        diffs={record["path"]: diff_lines(diff_of(record)) for record in detailed},
        chart_rows=rows,
        chart_width=labels + _BAR_SPAN + _VALUE_WIDTH,
        chart_height=_TOP + max(len(rows), 1) * _ROW_HEIGHT + 10,
        label_width=labels,
        bar_height=_BAR_HEIGHT,
        script=PAGE_SCRIPT,
        script_source=script_hash(PAGE_SCRIPT),
    )


__all__ = [
    "CHART_ROWS",
    "DETAILED_FILES",
    "OPEN_FILES",
    "PAGE_SCRIPT",
    "DiffLine",
    "changed_words",
    "chart_rows",
    "diff_lines",
    "families_of",
    "label_column",
    "label_width",
    "lowest_scoring",
    "opened",
    "render_html",
    "script_hash",
    "shorten_middle",
]
